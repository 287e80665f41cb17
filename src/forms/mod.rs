//! The data files of `forms/` (criteria sets, form texts, list forms, chains of levels, the style
//! sheet, signature places) and the fonts, compiled into the binary; `--forms <dir>` (or `HOSO_FORMS`)
//! adds sets and replaces any file by one of the same relative name. Each stage parses its own files
//! through a [`Table`]; `pipeline::forms::load` parses every one at start-up, so a broken file is
//! named before anything runs.

mod embedded;

use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fonts typst and the measurements use (`fonts/`).
pub fn fonts() -> &'static [(&'static str, &'static [u8])] {
    embedded::FONTS
}

/// The folder given with `--forms`, fixed once per process before any form is read.
static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Fixes the `--forms` folder for this process (the first call wins; later calls must agree).
pub fn use_dir(dir: Option<&Path>) -> Result<(), String> {
    if let Some(d) = dir {
        if !d.is_dir() {
            return Err(format!(
                "Thư mục bộ tiêu chí \"{}\" không tồn tại",
                d.display()
            ));
        }
    }
    let wanted = dir.map(Path::to_path_buf);
    let set = DIR.get_or_init(|| wanted.clone());
    if *set != wanted {
        return Err(format!(
            "thư mục --forms đã được chọn là \"{}\"",
            set.as_deref()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        ));
    }
    Ok(())
}

/// The `--forms` folder, if any.
pub fn dir() -> Option<&'static Path> {
    DIR.get().and_then(|d| d.as_deref())
}

/// A forms file: its name for messages (`forms/reports.toml`, or `<dir>::sets/x.toml`), its path
/// relative to `forms/`, and its text.
#[derive(Clone, Debug)]
pub struct File {
    pub origin: String,
    pub rel: String,
    pub text: String,
}

fn built_in(rel: &str) -> Option<File> {
    embedded::FORMS
        .iter()
        .find(|(p, _)| *p == rel)
        .map(|(p, b)| File {
            origin: format!("forms/{p}"),
            rel: p.to_string(),
            text: String::from_utf8_lossy(b).into_owned(),
        })
}

fn from_dir(dir: &Path, rel: &str) -> Result<Option<File>, String> {
    let p = dir.join(rel);
    if !p.is_file() {
        return Ok(None);
    }
    let text =
        std::fs::read_to_string(&p).map_err(|e| format!("{}: không đọc được: {e}", p.display()))?;
    Ok(Some(File {
        origin: format!("{}::{rel}", dir.display()),
        rel: rel.to_string(),
        text,
    }))
}

/// One file by its path relative to `forms/`: the `--forms` folder's copy when it has one.
pub fn file(rel: &str) -> Result<Option<File>, String> {
    if let Some(d) = dir() {
        if let Some(f) = from_dir(d, rel)? {
            return Ok(Some(f));
        }
    }
    Ok(built_in(rel))
}

/// Every `.toml` file: the built-in ones, then the `--forms` folder's (sorted by name), so a later
/// file of the same set id replaces an earlier one. Read once per process (the sets and the chains
/// both take theirs from it).
pub fn all() -> Result<&'static [File], String> {
    static ALL: OnceLock<Result<Vec<File>, String>> = OnceLock::new();
    ALL.get_or_init(read_all).as_deref().map_err(Clone::clone)
}

fn read_all() -> Result<Vec<File>, String> {
    let mut files: Vec<File> = embedded::FORMS
        .iter()
        .filter(|(p, _)| p.ends_with(".toml"))
        .map(|(p, b)| File {
            origin: format!("forms/{p}"),
            rel: p.to_string(),
            text: String::from_utf8_lossy(b).into_owned(),
        })
        .collect();
    let Some(dir) = dir() else {
        return Ok(files);
    };
    if !dir.is_dir() {
        return Err(format!(
            "Thư mục bộ tiêu chí \"{}\" không tồn tại",
            dir.display()
        ));
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "toml") {
            let rel = p
                .strip_prefix(dir)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/");
            if let Some(f) = from_dir(dir, &rel)? {
                files.push(f);
            }
        }
    }
    Ok(files)
}

/// A forms file parsed once per process into `T`. `load` says what is wrong with it (start-up);
/// `get` is for code that runs after start-up validated every table.
pub struct Table<T> {
    rel: &'static str,
    cell: OnceLock<Result<T, String>>,
}

impl<T: DeserializeOwned> Table<T> {
    pub const fn new(rel: &'static str) -> Table<T> {
        Table {
            rel,
            cell: OnceLock::new(),
        }
    }

    pub fn rel(&self) -> &'static str {
        self.rel
    }

    pub fn load(&self) -> Result<&T, String> {
        self.cell
            .get_or_init(|| {
                let f = file(self.rel)?.ok_or_else(|| format!("thiếu tệp forms/{}", self.rel))?;
                toml::from_str::<T>(&f.text).map_err(|e| format!("{}: {e}", f.origin))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The parsed table. The built-in files are covered by tests and a `--forms` replacement is
    /// validated at start-up (`pipeline::forms::load`), so a failure here is a defect of hoso.
    pub fn get(&self) -> &T {
        match self.load() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    }
}
