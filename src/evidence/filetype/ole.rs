//! Old Office files (OLE2 compound files): `.doc` vs `.xls` (and their encrypted OOXML cousins)
//! by the streams under the root storage, read with the cfb crate. When the directory cannot be
//! read (only the head given, a damaged or very large file), the extension decides.

use super::sniff::{encrypted, k, other, Sniff};
use super::Kind;
use std::io::{Read, Seek, SeekFrom};

/// The signature every compound file starts with.
pub(super) const MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Largest file whose directory is read: cfb holds the whole allocation table, 1/128 of the
/// file (8 MiB here); Word and Excel files stay far below.
const MAX_BYTES: u64 = 1 << 30;

pub(super) fn kind<R: Read + Seek>(ext: &str, r: &mut R) -> Sniff {
    let names = root_names(r);
    let has = |n: &str| names.iter().any(|x| x == n);
    if has("EncryptedPackage") {
        return encrypted();
    }
    if has("WordDocument") {
        return k(Kind::Doc);
    }
    if has("Workbook") || has("Book") {
        return k(Kind::Xls);
    }
    if has("PowerPoint Document") {
        return other("bản trình chiếu PowerPoint cũ .ppt");
    }
    if !names.is_empty() {
        return other("tệp OLE khác (không phải Word/Excel)");
    }
    // Directory not reachable from what we have: trust the extension.
    match ext {
        "doc" => k(Kind::Doc),
        "xls" => k(Kind::Xls),
        _ => other("tài liệu Office cũ (OLE)"),
    }
}

/// Names of the streams and storages directly under the root storage (none when unreadable).
fn root_names<R: Read + Seek>(r: &mut R) -> Vec<String> {
    match r.seek(SeekFrom::End(0)) {
        Ok(len) if len <= MAX_BYTES => {}
        _ => return Vec::new(),
    }
    let Ok(file) = cfb::CompoundFile::open(r) else {
        return Vec::new();
    };
    file.read_root_storage()
        .map(|e| e.name().to_string())
        .collect()
}
