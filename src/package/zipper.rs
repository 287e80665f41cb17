//! Reading files back out of a package zip (the bag written by `writer.rs`): listing its data,
//! reading one entry whole (bounded) or copying it out.

use super::bag::BAGIT;
use super::{is_safe_rel, nfc};
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use zip::ZipArchive;

/// `read_entry` and `read_data` refuse larger entries (memory stays under 200 MB).
const SMALL_LIMIT: u64 = 64 << 20;
/// The largest payload file `read_data` reads into memory: larger PDFs in a package are hashed
/// but their signatures not re-checked.
pub const DATA_LIMIT: u64 = 128 << 20;

/// The bag root inside a zip: `"<bag>/"` when every entry is under one folder holding
/// `bagit.txt`, `""` when `bagit.txt` is at the top.
pub(super) fn find_root<'a>(names: impl Iterator<Item = &'a str> + Clone) -> Option<String> {
    if names.clone().any(|n| n == BAGIT) {
        return Some(String::new());
    }
    let mut roots = names.clone().filter_map(|n| {
        let (top, rest) = n.split_once('/')?;
        (rest == BAGIT).then_some(top)
    });
    let top = roots.next()?;
    if roots.next().is_some() {
        return None;
    }
    Some(format!("{top}/"))
}

struct Opened {
    archive: ZipArchive<File>,
    names: Vec<String>,
    root: String,
}

/// Opens a package zip, refusing it when any entry name is unsafe or a symlink.
fn open_checked(zip_path: &Path) -> Result<Opened, String> {
    let err = |e: &dyn std::fmt::Display| format!("Không đọc được gói {}: {e}", zip_path.display());
    let file = File::open(zip_path).map_err(|e| err(&e))?;
    let archive = ZipArchive::new(file).map_err(|e| err(&e))?;
    if archive.has_duplicate_names() {
        return Err(err(&"gói có các mục trùng tên"));
    }
    let mut names = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let e = archive.by_index_data(i).map_err(|e| err(&e))?;
        let name = e.name().map_err(|e| err(&e))?.into_owned();
        let symlink = e.unix_mode().is_some_and(|m| m & 0o170000 == 0o120000);
        if !is_safe_rel(&name, true) || symlink {
            return Err(err(&format!("đường dẫn không an toàn: {name}")));
        }
        names.push(name);
    }
    let root = find_root(names.iter().map(String::as_str))
        .ok_or_else(|| err(&"không tìm thấy bagit.txt"))?;
    Ok(Opened {
        archive,
        names,
        root,
    })
}

impl Opened {
    /// `inner` as an exact entry name, or relative to the bag root, or to `data/`.
    fn index_of(&self, inner: &str) -> Option<usize> {
        let inner = nfc(inner);
        let candidates = [
            inner.clone(),
            format!("{}{inner}", self.root),
            format!("{}data/{inner}", self.root),
        ];
        candidates
            .iter()
            .find_map(|c| self.names.iter().position(|n| nfc(n) == *c))
    }
}

/// Reads one small file (≤ 64 MiB) out of a package zip without extracting anything: `inner` is
/// the entry's full name, or a path relative to the bag root (`bag-info.txt`) or to `data/`
/// (`ho-so/ket-qua.json`).
pub fn read_entry(zip_path: &Path, inner: &str) -> Result<Vec<u8>, String> {
    let mut z = open_checked(zip_path)?;
    let idx = z
        .index_of(inner)
        .ok_or_else(|| format!("Không có tệp {inner} trong gói {}", zip_path.display()))?;
    read_limited(&mut z, idx, inner, SMALL_LIMIT)
}

/// Reads `data/<path>` (a path from [`list_data`]) into memory, up to 128 MiB, without extracting
/// anything; larger files: [`copy_entry`] into a temporary file.
pub fn read_data(zip_path: &Path, path: &str) -> Result<Vec<u8>, String> {
    let mut z = open_checked(zip_path)?;
    let want = format!("{}data/{}", z.root, nfc(path));
    let idx = z
        .names
        .iter()
        .position(|n| nfc(n) == want)
        .ok_or_else(|| format!("Không có tệp data/{path} trong gói {}", zip_path.display()))?;
    read_limited(&mut z, idx, path, DATA_LIMIT)
}

fn read_limited(z: &mut Opened, idx: usize, shown: &str, limit: u64) -> Result<Vec<u8>, String> {
    let mut f = z
        .archive
        .by_index(idx)
        .map_err(|e| format!("Không đọc được {shown} trong gói: {e}"))?;
    if f.is_dir() {
        return Err(format!("{shown} là thư mục, không phải tệp"));
    }
    if f.size() > limit {
        return Err(format!(
            "Tệp {shown} trong gói quá lớn để đọc vào bộ nhớ ({} MiB)",
            f.size() >> 20
        ));
    }
    let mut out = Vec::with_capacity(f.size() as usize);
    (&mut f)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("Không đọc được {shown} trong gói: {e}"))?;
    Ok(out)
}

/// Streams one file out of a package zip into `out` (any size); returns the bytes written.
pub fn copy_entry(zip_path: &Path, inner: &str, out: &mut dyn Write) -> Result<u64, String> {
    let mut z = open_checked(zip_path)?;
    let idx = z
        .index_of(inner)
        .ok_or_else(|| format!("Không có tệp {inner} trong gói {}", zip_path.display()))?;
    let mut f = z
        .archive
        .by_index(idx)
        .map_err(|e| format!("Không đọc được {inner}: {e}"))?;
    std::io::copy(&mut f, out).map_err(|e| format!("Không đọc được {inner} trong gói: {e}"))
}

/// The payload files of a package zip: (path under `data/`, size), sorted.
pub fn list_data(zip_path: &Path) -> Result<Vec<(String, u64)>, String> {
    let z = open_checked(zip_path)?;
    let prefix = format!("{}data/", z.root);
    let mut out = Vec::new();
    for (i, name) in z.names.iter().enumerate() {
        if name.ends_with('/') {
            continue;
        }
        if let Some(p) = name.strip_prefix(&prefix) {
            let e = z
                .archive
                .by_index_data(i)
                .map_err(|e| format!("Không đọc được gói: {e}"))?;
            out.push((nfc(p), e.size()));
        }
    }
    out.sort();
    Ok(out)
}
