//! The dossier's package (domain.md §6): a BagIt bag (RFC 8493) written as one deterministic zip
//! per dossier plus `<zip>.sha256`, and `hoso verify` over such a zip or an unpacked bag directory.
//!
//! - [`hash_entries`] streams every payload file once (1 MiB buffers, files in parallel with
//!   rayon, sha2's SHA-NI path when the CPU has it).
//! - [`write_package`] writes `<out>/<bag>.zip` through a temporary file renamed when complete,
//!   entries sorted, timestamps = bagging date, media stored, text deflated, zip64 when needed.
//! - [`verify`] recomputes every hash without extracting anything and lists, in Vietnamese,
//!   each file changed, missing or added, tag files edited, and unsafe entries.
//!
//! Memory stays bounded by a few 1 MiB buffers per thread whatever the evidence size.

// The CLI uses only part of this API; the rest (e.g. `copy_entry`) is for the next level's build.
#![allow(dead_code)]

mod bag;
pub mod progress;
pub mod hoso_xml;
pub mod lock;
pub mod signed;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod verify_tests;
mod verify;
mod writer;
mod zipper;

pub use lock::write_atomic;
pub use progress::{Bar, Progress, Silent};
pub use verify::verify;
pub use writer::write_package;
#[cfg(test)]
pub use zipper::read_entry;
pub use zipper::{copy_entry, list_data, read_data, DATA_LIMIT};

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::fmt;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

/// Read buffer for hashing and copying.
pub(crate) const BUF: usize = 1 << 20;

/// A 1 MiB read buffer starting on a page boundary. `read()` copies from page-aligned page-cache
/// pages; with the destination at the same offset within a page the kernel's copy runs at full
/// speed (a fresh `malloc`ed 1 MiB block sits 16 bytes past a page start, which measured ~2×
/// slower on this AMD machine).
pub(crate) struct Buf {
    v: Vec<u8>,
    off: usize,
}

impl Buf {
    pub(crate) fn new() -> Buf {
        let v = vec![0u8; BUF + 4096];
        let off = v.as_ptr().align_offset(4096).min(4096);
        Buf { v, off }
    }
    pub(crate) fn get(&mut self) -> &mut [u8] {
        &mut self.v[self.off..self.off + BUF]
    }
}

/// Where a payload file's bytes come from.
#[derive(Clone, Debug)]
pub enum Source {
    /// An evidence file on disk, streamed (never read whole).
    File(PathBuf),
    /// A generated document held in memory.
    Bytes(Arc<Vec<u8>>),
}

/// One payload file of the bag.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Path relative to `data/`, `/` separators, NFC.
    pub path: String,
    pub source: Source,
}

impl Entry {
    pub fn file(path: impl Into<String>, file: impl Into<PathBuf>) -> Entry {
        Entry {
            path: path.into(),
            source: Source::File(file.into()),
        }
    }
    pub fn bytes(path: impl Into<String>, data: Vec<u8>) -> Entry {
        Entry {
            path: path.into(),
            source: Source::Bytes(Arc::new(data)),
        }
    }
}

/// What goes into `bag-info.txt`, and the bag's name.
#[derive(Clone, Debug)]
pub struct BagInfo {
    /// Top folder inside the zip, also the zip's stem.
    pub bag_name: String,
    /// The commune.
    pub source_organization: String,
    /// The report date (year, month, day); also every zip entry's timestamp.
    pub bagging_date: (i32, u32, u32),
    /// Set and year.
    pub external_description: String,
    /// Further `Label: value` lines, written in this order after the standard ones.
    pub extra: Vec<(String, String)>,
}

/// A payload file's size and SHA-256.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hashed {
    /// As in [`Entry::path`] (NFC).
    pub path: String,
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
}

/// What [`write_package`] wrote.
#[derive(Clone, Debug)]
pub struct PackageSummary {
    pub zip_path: PathBuf,
    pub zip_sha256: String,
    /// Payload files (under `data/`).
    pub files: usize,
    pub payload_bytes: u64,
}

/// The outcome of [`verify`].
#[derive(Clone, Debug)]
pub struct VerifyReport {
    /// No problem at all.
    pub ok: bool,
    /// Sorted: unsafe entries, structure, tag files, then changed, missing, added files.
    pub problems: Vec<Problem>,
    /// Files whose SHA-256 was recomputed (payload and tag files).
    pub files_checked: usize,
    /// The zip's top folder, or the bag directory's name.
    pub bag_name: String,
}

/// One thing wrong with a package. Paths are relative to the bag root (`data/…`, `bagit.txt`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Problem {
    /// An entry with an absolute path, `..`, a backslash, a symlink, a duplicate name….
    Unsafe(String),
    /// The bag's structure is wrong (the text says what).
    Malformed(String),
    /// A tag file whose hash is not the one in `tagmanifest-sha256.txt`.
    TagChanged(String),
    /// A file whose content is not the one in the manifest.
    Changed(String),
    /// A file in the manifest that is not in the package.
    Missing(String),
    /// A file under `data/` that is not in the manifest.
    Added(String),
}

impl Problem {
    /// The Vietnamese message, naming the file.
    pub fn message(&self) -> String {
        match self {
            Problem::Changed(p) => format!("Tệp đã bị thay đổi: {p}"),
            Problem::Missing(p) => format!("Thiếu tệp: {p}"),
            Problem::Added(p) => format!("Tệp lạ không có trong bảng kê: {p}"),
            Problem::TagChanged(p) => format!("Tệp thẻ (tag) đã bị sửa: {p}"),
            Problem::Unsafe(p) => format!("Đường dẫn không an toàn trong gói: {p}"),
            Problem::Malformed(s) => format!("Gói không đúng cấu trúc BagIt: {s}"),
        }
    }

    /// The file or detail the problem is about.
    pub fn subject(&self) -> &str {
        match self {
            Problem::Changed(p)
            | Problem::Missing(p)
            | Problem::Added(p)
            | Problem::TagChanged(p)
            | Problem::Unsafe(p)
            | Problem::Malformed(p) => p,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// Hashes every entry once, streaming 1 MiB at a time, files in parallel (rayon). The result is
/// in the order of `entries`, paths NFC.
pub fn hash_entries(entries: &[Entry], progress: &dyn Progress) -> Result<Vec<Hashed>, String> {
    let total: u64 = entries
        .iter()
        .map(|e| match &e.source {
            Source::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            Source::Bytes(b) => b.len() as u64,
        })
        .sum();
    let bar = progress.step(total, "Tính SHA-256", true);
    let result = entries
        .par_iter()
        .map_init(Buf::new, |buf, e| {
            let (sha256, size) = match &e.source {
                Source::Bytes(b) => {
                    bar.inc(b.len() as u64);
                    (hex(&Sha256::digest(b.as_slice())), b.len() as u64)
                }
                Source::File(p) => std::fs::File::open(p)
                    .and_then(|f| hash_reader(f, buf.get(), bar.as_ref()))
                    .map_err(|err| {
                        format!(
                            "Không đọc được tệp {}: {}",
                            p.display(),
                            crate::problem::oserr::reason(&err)
                        )
                    })?,
            };
            Ok(Hashed {
                path: nfc(&e.path),
                size,
                sha256,
            })
        })
        .collect();
    bar.finish();
    result
}

/// Streams `r` through SHA-256; returns (hex, bytes read).
pub(crate) fn hash_reader(
    mut r: impl Read,
    buf: &mut [u8],
    bar: &dyn Bar,
) -> std::io::Result<(String, u64)> {
    let mut h = Sha256::new();
    let mut size = 0u64;
    loop {
        let n = match r.read(buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        h.update(&buf[..n]);
        size += n as u64;
        bar.inc(n as u64);
    }
    Ok((hex(&h.finalize()), size))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

pub(crate) use crate::text::nfc;

/// Manifest paths: CR and LF percent-encoded as RFC 8493 §2.1.3 asks. `%` itself is written as it
/// is: `sha256sum -c` and bagit.py 1.9 do not decode `%25`, and a commune's "Tỷ lệ 95%.pdf" must
/// check with both; `verify` reads either form.
pub(crate) fn encode_path(p: &str) -> String {
    let mut s = String::with_capacity(p.len());
    for c in p.chars() {
        match c {
            '\r' => s.push_str("%0D"),
            '\n' => s.push_str("%0A"),
            c => s.push(c),
        }
    }
    s
}

/// The inverse of [`encode_path`] (case-insensitive); other `%` sequences are left as they are.
pub(crate) fn decode_path(p: &str) -> String {
    let b = p.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 3 <= b.len() {
            let code = [b[i + 1].to_ascii_uppercase(), b[i + 2].to_ascii_uppercase()];
            let decoded = match &code {
                b"0D" => Some(b'\r'),
                b"0A" => Some(b'\n'),
                b"25" => Some(b'%'),
                _ => None,
            };
            if let Some(d) = decoded {
                out.push(d);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    // Only ASCII bytes were replaced by ASCII bytes, so this stays valid UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A relative path that can be neither absolute nor escape its root: `/`-separated components,
/// none empty, `.` or `..`, no backslash, no control character, no `C:` drive prefix.
/// `allow_trailing_slash` admits one final `/` (a directory entry in a zip).
pub(crate) fn is_safe_rel(p: &str, allow_trailing_slash: bool) -> bool {
    let p = match p.strip_suffix('/') {
        Some(q) if allow_trailing_slash => q,
        _ => p,
    };
    if p.is_empty() || p.contains('\\') || p.chars().any(|c| c.is_control()) {
        return false;
    }
    let b = p.as_bytes();
    if b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic() {
        return false; // "C:…", a Windows drive
    }
    p.split('/').all(|c| !c.is_empty() && c != "." && c != "..")
}

/// Already-compressed formats, stored rather than deflated.
pub(crate) fn is_precompressed(path: &str) -> bool {
    const EXT: &[&str] = &[
        "jpg", "jpeg", "png", "gif", "heic", "mp4", "mov", "m4v", "mp3", "m4a", "pdf", "xlsx",
        "docx", "ods", "odt", "zip", "7z", "rar",
    ];
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => EXT.iter().any(|e| e.eq_ignore_ascii_case(ext)),
        _ => false,
    }
}
