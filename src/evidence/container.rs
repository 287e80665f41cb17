//! Care for every ZIP container hoso opens (xlsx/ods list forms and so-lieu, docx/odt evidence,
//! package zips at the higher levels): the entry count is read from the end-of-central-directory
//! record before the directory itself is parsed, then every entry's declared size and compression
//! ratio are held against limits no real file comes near — all before one byte is inflated. Where
//! hoso does inflate (spreadsheets), the bytes actually inflated are bounded too: an entry that
//! inflates beyond its declared size is refused, whatever the directory says.

use crate::problem::messages::evidence::container as msg;
use std::fs::File;
use std::io::{Cursor, Read, Seek, SeekFrom, Write};
use std::path::Path;
use zip::ZipArchive;

const MIB: u64 = 1 << 20;

/// What a container may hold.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// What the container is, in messages ("bảng tính", "tài liệu", "gói hồ sơ").
    pub what: &'static str,
    /// Sent by another level: a broken one is asked for again, not saved again by its program.
    pub received: bool,
    pub max_entries: u64,
    /// Sum of the uncompressed sizes.
    pub max_total: u64,
    /// Largest uncompressed/compressed ratio of an entry …
    pub max_ratio: u64,
    /// … counted only for entries larger than this (small files may compress as they like).
    pub ratio_from: u64,
}

/// A list form or so-lieu: a whole commune's list is a few MB of XML.
pub const SHEET: Limits = Limits {
    what: "bảng tính",
    received: false,
    max_entries: 2_000,
    max_total: 48 * MIB,
    max_ratio: 100,
    ratio_from: MIB,
};

/// A document given as evidence or giải trình (docx, odt, an xlsx kept as evidence): photos
/// inside may make it large, but never 100× compressed.
pub const DOCUMENT: Limits = Limits {
    what: "tài liệu",
    received: false,
    max_entries: 20_000,
    max_total: 1024 * MIB,
    max_ratio: 100,
    ratio_from: 4 * MIB,
};

/// A dossier package received from the level below (its PDFs, DOCX and images).
pub const PACKAGE: Limits = Limits {
    what: "gói hồ sơ",
    received: true,
    max_entries: 500_000,
    max_total: 256 * 1024 * MIB,
    max_ratio: 200,
    ratio_from: 16 * MIB,
};

/// The entry count the end-of-central-directory record announces (ZIP64 too), read from the
/// file's last 64 KiB. `None` when no record is found (the zip library then says why).
pub fn declared_entries<R: Read + Seek>(r: &mut R) -> Option<u64> {
    let len = r.seek(SeekFrom::End(0)).ok()?;
    let tail_len = len.min(22 + 0xFFFF);
    r.seek(SeekFrom::Start(len - tail_len)).ok()?;
    let mut tail = vec![0u8; tail_len as usize];
    r.read_exact(&mut tail).ok()?;
    let pos = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&p| tail[p..].starts_with(b"PK\x05\x06"))?;
    let entries = u64::from(u16::from_le_bytes([tail[pos + 10], tail[pos + 11]]));
    if entries != 0xFFFF {
        return Some(entries);
    }
    // ZIP64: the locator (20 bytes) precedes the record and points at the ZIP64 record.
    let loc = pos.checked_sub(20)?;
    if !tail[loc..].starts_with(b"PK\x06\x07") {
        return Some(entries);
    }
    let off = u64::from_le_bytes(tail[loc + 8..loc + 16].try_into().ok()?);
    r.seek(SeekFrom::Start(off)).ok()?;
    let mut rec = [0u8; 56];
    r.read_exact(&mut rec).ok()?;
    rec.starts_with(b"PK\x06\x06")
        .then(|| u64::from_le_bytes(rec[32..40].try_into().unwrap_or_default()))
}

/// Sizes found in a central directory.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Stats {
    pub entries: u64,
    pub total: u64,
}

/// Why the zip library could not open an archive, in Vietnamese (its own text is English).
fn zip_reason(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError;
    match e {
        ZipError::Io(io) => crate::problem::oserr::reason(io),
        ZipError::UnsupportedArchive(_) => msg::ZIP_UNSUPPORTED.into(),
        _ => msg::ZIP_NO_DIRECTORY.into(),
    }
}

/// Opens a zip and holds it against `limits` (count first, then every declared size and ratio).
/// Errors are Vietnamese sentences that name the limit; the caller prefixes the file.
pub fn open_checked<R: Read + Seek>(
    mut r: R,
    limits: &Limits,
) -> Result<(ZipArchive<R>, Stats), String> {
    if let Some(n) = declared_entries(&mut r) {
        if n > limits.max_entries {
            return Err(too_many(n, limits));
        }
    }
    r.seek(SeekFrom::Start(0))
        .map_err(|e| msg::unreadable(&e.to_string()))?;
    let mut ar = ZipArchive::new(r).map_err(|e| msg::broken(limits.received, &zip_reason(&e)))?;
    let stats = check_archive(&mut ar, limits)?;
    Ok((ar, stats))
}

fn too_many(n: u64, l: &Limits) -> String {
    msg::too_many_entries(l.what, n, l.max_entries)
}

/// Every declared size and ratio of an open archive against `limits`.
pub fn check_archive<R: Read + Seek>(
    ar: &mut ZipArchive<R>,
    limits: &Limits,
) -> Result<Stats, String> {
    let n = ar.len() as u64;
    if n > limits.max_entries {
        return Err(too_many(n, limits));
    }
    let mut total: u64 = 0;
    for i in 0..ar.len() {
        let Ok(e) = ar.by_index_data(i) else {
            return Err(msg::entry_unreadable(i, None));
        };
        let (size, packed) = (e.size(), e.compressed_size());
        total = total.saturating_add(size);
        if total > limits.max_total {
            return Err(msg::too_large(limits.what, total, limits.max_total));
        }
        if size > limits.ratio_from && size / packed.max(1) > limits.max_ratio {
            let name = String::from_utf8_lossy(e.name_raw());
            return Err(msg::ratio(
                limits.what,
                &name,
                size,
                packed,
                limits.max_ratio,
            ));
        }
    }
    Ok(Stats { entries: n, total })
}

/// Inflates entry `i`, reading at most its declared size (and at most `cap`): an entry whose
/// data inflates beyond what the directory declares is refused.
pub fn read_entry<R: Read + Seek>(
    ar: &mut ZipArchive<R>,
    i: usize,
    cap: u64,
) -> Result<(String, Vec<u8>), String> {
    let mut f = ar
        .by_index(i)
        .map_err(|e| msg::entry_unreadable(i, Some(&e.to_string())))?;
    let name = String::from_utf8_lossy(f.name_raw()).into_owned();
    let declared = f.size();
    if declared > cap {
        return Err(msg::entry_over_cap(&name, declared, cap));
    }
    let mut out = Vec::with_capacity(declared.min(MIB) as usize);
    (&mut f)
        .take(declared + 1)
        .read_to_end(&mut out)
        .map_err(|e| {
            if e.to_string().contains("larger than its declared") {
                msg::entry_lies(&name, declared)
            } else {
                msg::entry_inflate_failed(&name, &e.to_string())
            }
        })?;
    if out.len() as u64 > declared {
        return Err(msg::entry_lies(&name, declared));
    }
    Ok((name, out))
}

/// Opens a spreadsheet (xlsx/ods) within [`SHEET`] and rewrites it uncompressed in memory, every
/// entry inflated within its declared size: the reader that parses it then cannot inflate more
/// than was counted here.
pub fn repack_sheet(path: &Path) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| msg::unreadable(&e.to_string()))?;
    let (mut ar, stats) = open_checked(file, &SHEET)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(
        (stats.total + stats.entries * 128).min(SHEET.max_total) as usize,
    )));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    let mut left = SHEET.max_total;
    for i in 0..ar.len() {
        let (name, bytes) = read_entry(&mut ar, i, left)?;
        left = left.saturating_sub(bytes.len() as u64);
        if name.ends_with('/') {
            continue;
        }
        out.start_file(name, opts)
            .and_then(|()| out.write_all(&bytes).map_err(Into::into))
            .map_err(|e| msg::sheet_unreadable(&e.to_string()))?;
    }
    out.finish()
        .map(Cursor::into_inner)
        .map_err(|e| msg::sheet_unreadable(&e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default().compression_method(method);
        for (n, b) in entries {
            w.start_file(*n, o).unwrap();
            w.write_all(b).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn counts_entries_from_the_end_record() {
        let z = zip_of(&[("a", b"1"), ("b", b"2")], zip::CompressionMethod::Stored);
        assert_eq!(declared_entries(&mut Cursor::new(&z)), Some(2));
        assert_eq!(declared_entries(&mut Cursor::new(b"not a zip")), None);
    }

    #[test]
    fn refuses_high_ratio_and_large_totals() {
        let zeros = vec![0u8; 8 << 20];
        let z = zip_of(
            &[("xl/worksheets/sheet1.xml", &zeros)],
            zip::CompressionMethod::Deflated,
        );
        let e = open_checked(Cursor::new(z), &SHEET)
            .map(|_| ())
            .unwrap_err();
        assert!(e.contains("tỷ lệ nén") && e.contains("100:1"), "{e}");
        let small = zip_of(
            &[("a.xml", &zeros[..1000])],
            zip::CompressionMethod::Deflated,
        );
        assert!(open_checked(Cursor::new(small), &SHEET).is_ok());
        let tight = Limits {
            max_total: 100,
            ..SHEET
        };
        let z = zip_of(
            &[("a", &[1u8; 80]), ("b", &[2u8; 80])],
            zip::CompressionMethod::Stored,
        );
        let e = open_checked(Cursor::new(z), &tight)
            .map(|_| ())
            .unwrap_err();
        assert!(e.contains("giới hạn của hoso là 100 byte"), "{e}");
        let few = Limits {
            max_entries: 1,
            ..SHEET
        };
        let z = zip_of(&[("a", b"1"), ("b", b"2")], zip::CompressionMethod::Stored);
        let e = open_checked(Cursor::new(z), &few).map(|_| ()).unwrap_err();
        assert!(e.contains("2 mục nén"), "{e}");
    }

    #[test]
    fn an_entry_that_lies_about_its_size_is_refused() {
        let mut z = zip_of(&[("a.xml", &[7u8; 5000])], zip::CompressionMethod::Deflated);
        // Declare 100 bytes in both headers (local at 22, central directory entry at +24).
        let set = |z: &mut Vec<u8>, at: usize| z[at..at + 4].copy_from_slice(&100u32.to_le_bytes());
        set(&mut z, 22);
        let cd = z.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        set(&mut z, cd + 24);
        let (mut ar, _) = open_checked(Cursor::new(z), &SHEET).unwrap();
        let e = read_entry(&mut ar, 0, SHEET.max_total).unwrap_err();
        assert!(e.contains("nhiều hơn kích thước khai báo"), "{e}");
    }

    proptest! {
        #[test]
        fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = declared_entries(&mut Cursor::new(&bytes));
            let _ = open_checked(Cursor::new(bytes), &SHEET).map(|(mut a, _)| {
                for i in 0..a.len() { let _ = read_entry(&mut a, i, 1 << 20); }
            });
        }

        #[test]
        fn mutated_zips_never_panic(at in 0usize..200, b in any::<u8>()) {
            let mut z = zip_of(&[("a.xml", b"<x>hello hello hello</x>"), ("b", b"2")], zip::CompressionMethod::Deflated);
            let n = z.len();
            z[at % n] = b;
            if let Ok((mut a, _)) = open_checked(Cursor::new(z), &SHEET) {
                for i in 0..a.len() { let _ = read_entry(&mut a, i, 1 << 20); }
            }
        }
    }
}
