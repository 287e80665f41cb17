//! The walk of a dossier folder (walkdir, links never followed, litter and the output skipped):
//! every file with the indicator whose folder holds it, the folders of each indicator, and the
//! problems of the folder itself (links, pipes, one indicator in two folders, stray folders).

use super::names::{code_of_folder, is_explanation, is_group_folder, is_litter, is_sheet};
use super::{EvidenceFile, Scan};
use crate::criteria::{listforms, CriteriaSet};
use crate::problem::messages::evidence as msg;
use crate::text::nfc;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::DirEntry;

/// Walks the dossier. `skip` is a folder (the output) never entered. The villages' folders
/// (`thon/`) are listed (they are packaged) but are not the commune's evidence.
pub fn scan(root: &Path, set: &CriteriaSet, skip: Option<&Path>) -> Scan {
    scan_with(root, set, skip, true)
}

/// A village's own folder: walked like a dossier (no `thon/` inside).
pub fn scan_village(root: &Path, set: &CriteriaSet) -> Scan {
    scan_with(root, set, None, false)
}

/// The state of one walk.
struct Walk<'a> {
    root: &'a Path,
    set: &'a CriteriaSet,
    codes: Vec<String>,
    skip_villages: bool,
    out: Scan,
    /// Folders at the top that match no indicator nor group.
    stray_dirs: Vec<String>,
    /// Folder → the indicator it belongs to (its own code, or its parent's).
    dir_code: BTreeMap<PathBuf, Option<String>>,
}

fn scan_with(root: &Path, set: &CriteriaSet, skip: Option<&Path>, skip_villages: bool) -> Scan {
    let skip = skip.and_then(|s| s.canonicalize().ok());
    let entries = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            if e.depth() > 0 && is_litter(&name) {
                return false;
            }
            if let (Some(s), true) = (&skip, e.file_type().is_dir()) {
                if e.path().canonicalize().ok().as_ref() == Some(s) {
                    return false;
                }
            }
            true
        });
    let mut walk = Walk {
        root,
        set,
        codes: set.indicators.iter().map(|i| i.code.clone()).collect(),
        skip_villages,
        out: Scan::default(),
        stray_dirs: Vec::new(),
        dir_code: BTreeMap::new(),
    };
    for entry in entries {
        match entry {
            Ok(e) => walk.entry(&e),
            Err(e) => {
                let path = e.path().map(|p| p.display().to_string());
                walk.out.errors.push(msg::unreadable_entry(
                    &path.unwrap_or_default(),
                    &e.to_string(),
                ));
            }
        }
    }
    walk.finish()
}

impl Walk<'_> {
    fn entry(&mut self, entry: &DirEntry) {
        if entry.depth() == 0 {
            self.dir_code.insert(entry.path().to_path_buf(), None);
            return;
        }
        let rel = rel_path(self.root, entry.path());
        let parent_code = entry
            .path()
            .parent()
            .and_then(|p| self.dir_code.get(p).cloned())
            .flatten();
        let kind = entry.file_type();
        if kind.is_symlink() {
            // Not followed (a loop, or a link out of the dossier, would be read or packaged).
            let to = std::fs::read_link(entry.path())
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            let p = msg::symlink(&rel, &to).indicator_opt(parent_code);
            self.out.errors.push(p);
        } else if !kind.is_dir() && !kind.is_file() {
            let p = msg::not_regular_file(&rel).indicator_opt(parent_code);
            self.out.errors.push(p);
        } else if self.skip_villages && in_villages(&rel) {
            // thon/<tên thôn>/: each village is a dossier of its own (assessed against the
            // village set), packaged with the commune's but not the commune's evidence.
            if kind.is_dir() {
                self.dir_code.insert(entry.path().to_path_buf(), None);
            } else {
                self.out.files.push(EvidenceFile {
                    rel,
                    abs: entry.path().to_path_buf(),
                    indicator: None,
                    is_explanation: false,
                    list_form: None,
                });
            }
        } else if kind.is_dir() {
            self.folder(entry, rel, parent_code);
        } else {
            self.file(entry, rel, parent_code);
        }
    }

    fn folder(&mut self, entry: &DirEntry, rel: String, parent_code: Option<String>) {
        let name = nfc(&entry.file_name().to_string_lossy());
        let code = code_of_folder(&name, &self.codes).map(str::to_string);
        if let Some(c) = &code {
            self.out.folders.entry(c.clone()).or_default().push(rel);
        } else if parent_code.is_none() && !is_group_folder(&name, self.set) {
            self.stray_dirs.push(rel);
        }
        self.dir_code
            .insert(entry.path().to_path_buf(), code.or(parent_code));
    }

    fn file(&mut self, entry: &DirEntry, rel: String, parent_code: Option<String>) {
        let name = nfc(&entry.file_name().to_string_lossy());
        let list_form = if is_sheet(entry.path()) {
            listforms::code_from_file_name(&name).map(str::to_string)
        } else {
            None
        };
        self.out.files.push(EvidenceFile {
            rel,
            abs: entry.path().to_path_buf(),
            indicator: parent_code,
            is_explanation: is_explanation(&name),
            list_form,
        });
    }

    /// The problems seen only once every folder is known.
    fn finish(mut self) -> Scan {
        for (code, dirs) in &self.out.folders {
            // Nested folders of the same indicator (1.1/1.1 Kế hoạch) are one folder.
            let tops: Vec<&str> = dirs
                .iter()
                .filter(|d| {
                    !dirs
                        .iter()
                        .any(|o| o != *d && d.starts_with(&format!("{o}/")))
                })
                .map(String::as_str)
                .collect();
            if tops.len() > 1 {
                self.out.errors.push(msg::many_folders(code, &tops));
            }
        }
        for d in &self.stray_dirs {
            let has_files = self.out.files.iter().any(|f| {
                f.rel.starts_with(&format!("{d}/"))
                    && f.indicator.is_none()
                    && f.list_form.is_none()
            });
            if has_files {
                self.out.warnings.push(msg::stray_folder(d));
            }
        }
        self.out
    }
}

fn rel_path(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    nfc(&r
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/"))
}

/// Whether `rel` is the villages' folder (`thon/`) or lies in it.
fn in_villages(rel: &str) -> bool {
    let folder = crate::criteria::villages::FOLDER;
    rel.strip_prefix(folder)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}
