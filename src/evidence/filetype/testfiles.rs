//! Tiny synthetic files of every kind, for the tests of file-type checking: a PDF, ISO media
//! heads, stored-only ZIPs (OOXML, ODF) and a minimal OLE2 compound file.

use super::{check, Kind};
use std::fs::File;
use std::io::Write;

/// A scratch directory of its own for each call: the tests run in parallel threads and name
/// their files alike (`a.txt`), so one folder per process let one test read another's file.
pub(super) fn scratch_dir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let d = std::env::temp_dir().join(format!("hoso-filetype-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub(super) fn write(name: &str, data: &[u8]) -> std::path::PathBuf {
    let p = scratch_dir().join(name);
    let mut f = File::create(&p).unwrap();
    f.write_all(data).unwrap();
    p
}

pub(super) fn check_bytes(name: &str, data: &[u8]) -> Result<Kind, String> {
    let p = write(name, data);
    let r = check(&p).map_err(|p| p.text());
    let _ = std::fs::remove_file(&p);
    if let Some(d) = p.parent() {
        let _ = std::fs::remove_dir(d);
    }
    r
}

// --- tiny synthetic files -------------------------------------------

pub(super) fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec()
}

pub(super) fn ftyp(major: &[u8; 4], compat: &[&[u8; 4]]) -> Vec<u8> {
    let size = 16 + 4 * compat.len() as u32;
    let mut v = size.to_be_bytes().to_vec();
    v.extend(b"ftyp");
    v.extend(major);
    v.extend([0, 0, 0, 0]);
    for c in compat {
        v.extend(*c);
    }
    v.extend(8u32.to_be_bytes());
    v.extend(b"mdat");
    v
}

/// A stored-only ZIP with the given entries, central directory included.
pub(super) fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut cd = Vec::new();
    for (name, data) in entries {
        let off = out.len() as u32;
        let mut h = Vec::new();
        h.extend(b"PK\x03\x04");
        h.extend(20u16.to_le_bytes()); // version
        h.extend(0u16.to_le_bytes()); // flags
        h.extend(0u16.to_le_bytes()); // method: stored
        h.extend([0u8; 8]); // time, date, crc (not checked here)
        h.extend((data.len() as u32).to_le_bytes());
        h.extend((data.len() as u32).to_le_bytes());
        h.extend((name.len() as u16).to_le_bytes());
        h.extend(0u16.to_le_bytes());
        h.extend(name.as_bytes());
        out.extend(&h);
        out.extend(*data);
        cd.extend(b"PK\x01\x02");
        cd.extend(20u16.to_le_bytes());
        cd.extend(20u16.to_le_bytes());
        cd.extend([0u8; 12]); // flags, method, time, date, crc
        cd.extend((data.len() as u32).to_le_bytes());
        cd.extend((data.len() as u32).to_le_bytes());
        cd.extend((name.len() as u16).to_le_bytes());
        cd.extend([0u8; 12]); // extra, comment, disk, int attr, ext attr
        cd.extend(off.to_le_bytes());
        cd.extend(name.as_bytes());
    }
    let cd_off = out.len() as u32;
    out.extend(&cd);
    out.extend(b"PK\x05\x06");
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((cd.len() as u32).to_le_bytes());
    out.extend(cd_off.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

pub(super) fn docx() -> Vec<u8> {
    zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", b"<Relationships/>"),
        ("word/document.xml", b"<w:document/>"),
    ])
}

pub(super) fn xlsx() -> Vec<u8> {
    zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.xml", b"<workbook/>"),
    ])
}

pub(super) fn odf(mime: &str) -> Vec<u8> {
    zip(&[
        ("mimetype", mime.as_bytes()),
        ("content.xml", b"<office:document-content/>"),
    ])
}

/// An OLE2 compound file (version 3, 512-byte sectors, as Word and Excel write) holding the given
/// streams under its root, written by the cfb crate.
pub(super) fn cfb(streams: &[&str]) -> Vec<u8> {
    let buf = std::io::Cursor::new(Vec::new());
    let mut c = cfb::CompoundFile::create_with_version(cfb::Version::V3, buf).unwrap();
    for name in streams {
        c.create_stream(format!("/{name}"))
            .unwrap()
            .write_all(b"x")
            .unwrap();
    }
    c.flush().unwrap();
    c.into_inner().into_inner()
}
