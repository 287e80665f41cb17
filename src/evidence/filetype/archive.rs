//! ZIP-based files told apart: OOXML (`.docx`, `.xlsx`, `.pptx`) by their entries' folders, ODF
//! (`.odt`, `.ods`) by their stored `mimetype` entry, else a plain archive. The central directory
//! is walked entry by entry with the zip crate (bounded memory, stopping at the first damaged
//! entry); a file cut before its directory falls back on the local headers in its head.

use super::sniff::{k, other, Sniff};
use super::Kind;
use std::io::{Cursor, Read, Seek};
use zip::read::Config;
use zip::unstable::read::ZipIterable;

/// Entries looked at, at most (a real document decides within its first few).
const MAX_ENTRIES: usize = 200_000;

/// Whether the file has a central directory the zip crate can find (a cut file has none).
pub(super) fn has_directory<R: Read + Seek>(r: &mut R) -> bool {
    ZipIterable::try_new(r, Config::default()).is_ok()
}

/// The kind of a file starting with a ZIP signature; `head` is its start, `r` reads all of it.
pub(super) fn kind<R: Read + Seek>(head: &[u8], r: &mut R) -> Sniff {
    // ODF: the first entry is an uncompressed "mimetype".
    if let Some(s) = odf_at(Cursor::new(head)) {
        return s;
    }
    match ZipIterable::try_new(r, Config::default()) {
        Ok(zip) => from_directory(zip),
        Err(_) => from_local_headers(head),
    }
}

fn from_directory<R: Read + Seek>(mut zip: ZipIterable<R>) -> Sniff {
    let Ok(files) = zip.files() else {
        return k(Kind::Zip);
    };
    let mut mimetype_at = None;
    for entry in files.by_ref().take(MAX_ENTRIES) {
        let Ok(entry) = entry else { break };
        if let Some(s) = ooxml_from_name(entry.name_raw()) {
            return s;
        }
        if entry.name_raw() == b"mimetype" {
            mimetype_at = Some(entry.header_start());
        }
    }
    let r = files.reader_mut();
    mimetype_at
        .and_then(|at| r.seek(std::io::SeekFrom::Start(at)).ok())
        .and_then(|_| odf_at(r))
        .unwrap_or_else(|| k(Kind::Zip))
}

/// No central directory reachable (head only, or a cut file): the names of the local headers
/// found in the head.
fn from_local_headers(head: &[u8]) -> Sniff {
    let mut i = 0;
    while let Some(p) = memchr::memmem::find(&head[i..], b"PK\x03\x04") {
        let at = i + p;
        let name_len = head
            .get(at + 26..at + 28)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as usize);
        if let Some(s) = head
            .get(at + 30..at + 30 + name_len)
            .and_then(ooxml_from_name)
        {
            return s;
        }
        i = at + 4;
    }
    k(Kind::Zip)
}

fn ooxml_from_name(name: &[u8]) -> Option<Sniff> {
    if name.starts_with(b"word/") {
        Some(k(Kind::Docx))
    } else if name.starts_with(b"xl/") {
        Some(k(Kind::Xlsx))
    } else if name.starts_with(b"ppt/") {
        Some(other("bản trình chiếu PowerPoint .pptx"))
    } else {
        None
    }
}

/// Reads the local file header at the reader's position; if it is a stored "mimetype" entry,
/// classifies the ODF document by its content. At most 256 KiB are read (the zip crate reads
/// past an entry it drops, whatever size a hostile header declares).
fn odf_at<R: Read>(r: R) -> Option<Sniff> {
    let mut r = r.take(256 << 10);
    let mut entry = zip::read::read_zipfile_from_stream(&mut r).ok()??;
    if entry.name_raw() != b"mimetype" || entry.compression() != zip::CompressionMethod::Stored {
        return None;
    }
    // Exactly the declared bytes (at most 100): reading on to the end would check the CRC.
    let mut content = vec![0u8; entry.size().min(100) as usize];
    entry.read_exact(&mut content).ok()?;
    const ODF: &[u8] = b"application/vnd.oasis.opendocument.";
    Some(if let Some(rest) = content.strip_prefix(ODF) {
        if rest.starts_with(b"text") {
            k(Kind::Odt)
        } else if rest.starts_with(b"spreadsheet") {
            k(Kind::Ods)
        } else if rest.starts_with(b"presentation") {
            other("bản trình chiếu OpenDocument .odp")
        } else {
            other("tài liệu OpenDocument khác")
        }
    } else if content.starts_with(b"application/epub+zip") {
        other("sách điện tử EPUB")
    } else {
        return None;
    })
}
