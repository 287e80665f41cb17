//! The same signature check as [`super::check_data`], on a PDF file read piece by piece: the file
//! is scanned in 4 MiB windows for `/ByteRange`, each signature's `/Contents` gap and the few
//! bytes before it are read on their own, and the two signed ranges are hashed streaming. Memory
//! stays a few MiB whatever the file's size.

use super::cms::{self, Alg};
use super::{byte_range, candidate, contents_blob, status, Candidate, Failure, SigStatus, KEY};
use crate::problem::messages::evidence::pdf_signature as msg;
use std::cell::RefCell;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

const CHUNK: usize = 4 << 20;
/// Largest `/Contents` gap read (a CMS blob with its certificates is tens of KiB).
const MAX_GAP: u64 = 16 << 20;

fn io(e: std::io::Error) -> String {
    msg::read_failed(&e.to_string())
}

fn read_at(mut f: &File, off: u64, n: usize) -> Result<Vec<u8>, String> {
    let mut buf = vec![0u8; n];
    f.seek(SeekFrom::Start(off))
        .and_then(|_| f.read_exact(&mut buf))
        .map_err(io)?;
    Ok(buf)
}

/// Every parseable `/ByteRange [n n …]` of the file, as [`super::find_signatures`] finds them.
fn find_signatures(f: &File, len: u64) -> Result<Vec<Candidate>, String> {
    let mut out: Vec<Candidate> = Vec::new();
    let finder = memchr::memmem::Finder::new(KEY);
    let mut buf = vec![0u8; CHUNK];
    let mut pos = 0u64;
    while pos < len {
        let n = (len - pos).min(CHUNK as u64) as usize;
        let mut r: &File = f;
        r.seek(SeekFrom::Start(pos))
            .and_then(|_| r.read_exact(&mut buf[..n]))
            .map_err(io)?;
        let hits: Vec<usize> = finder.find_iter(&buf[..n]).collect();
        for p in hits {
            let at = pos + p as u64;
            let window = read_at(f, at, (len - at).min(600) as usize)?;
            if let Some(c) = candidate(&window, at as usize, &out) {
                out.push(c);
            }
        }
        if pos + n as u64 >= len {
            break;
        }
        // Overlap so a key across two windows is found (in the second only).
        pos += (n - (KEY.len() - 1)) as u64;
    }
    out.sort_by_key(|c| (c.end(), c.key_pos));
    Ok(out)
}

/// The digest of byte ranges `(start, end)` of the file, read 1 MiB at a time.
fn digest_ranges(mut f: &File, alg: Alg, ranges: &[(u64, u64)]) -> Result<Vec<u8>, String> {
    let mut h = alg.hasher();
    let mut buf = vec![0u8; 1 << 20];
    for &(start, end) in ranges {
        f.seek(SeekFrom::Start(start)).map_err(io)?;
        let mut left = end.saturating_sub(start);
        while left > 0 {
            let n = left.min(buf.len() as u64) as usize;
            f.read_exact(&mut buf[..n]).map_err(io)?;
            h.update(&buf[..n]);
            left -= n as u64;
        }
    }
    Ok(h.finalize().to_vec())
}

/// [`super::verify_one`] on the file.
fn verify_one(f: &File, len: u64, sig: &Candidate) -> Result<String, Failure> {
    let (b, c, end) = byte_range(sig, len).map_err(Failure::Broken)?;
    if c - b > MAX_GAP {
        let reason = msg::contents_too_long((c - b) >> 20, MAX_GAP >> 20);
        return Err(Failure::Broken(reason));
    }
    let gap = read_at(f, b, (c - b) as usize).map_err(Failure::Io)?;
    let before = read_at(f, b.saturating_sub(64), b.min(64) as usize).map_err(Failure::Io)?;
    let blob = contents_blob(&gap, &before).map_err(Failure::Broken)?;
    // A read error while hashing is the file's, not the signature's: kept aside.
    let failed_read = RefCell::new(None);
    let ranges = [(0, b), (c, end)];
    let verdict = cms::verify(&blob, &|alg| {
        digest_ranges(f, alg, &ranges).inspect_err(|e| *failed_read.borrow_mut() = Some(e.clone()))
    });
    match (verdict, failed_read.into_inner()) {
        (_, Some(e)) => Err(Failure::Io(e)),
        (Ok(name), None) => Ok(name),
        (Err(reason), None) => Err(Failure::Broken(reason)),
    }
}

/// [`super::check_data`] on an open file of `len` bytes.
pub(super) fn check_file(f: &File, len: u64) -> Result<SigStatus, String> {
    let sigs = find_signatures(f, len)?;
    status(&sigs, len, |sig| verify_one(f, len, sig))
}

#[cfg(test)]
mod tests {
    use super::super::check_data;
    use super::*;
    use proptest::prelude::*;

    fn on_file(data: &[u8]) -> Result<SigStatus, String> {
        let mut t = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut t, data).unwrap();
        check_file(&t, data.len() as u64)
    }

    #[test]
    fn streaming_agrees_with_in_memory_on_every_fixture() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
        for name in [
            "signed.pdf",
            "signed-tampered.pdf",
            "signed-timestamped.pdf",
            "signed-twice.pdf",
            "unsigned.pdf",
        ] {
            let data = std::fs::read(format!("{dir}{name}")).unwrap();
            assert_eq!(on_file(&data), Ok(check_data(&data)), "{name}");
            let mut cut = data.clone();
            cut.truncate(data.len() - 100);
            assert_eq!(on_file(&cut), Ok(check_data(&cut)), "{name} cut");
            let mut more = data.clone();
            more.extend(vec![b'%'; 3 * CHUNK]);
            more.extend(b"\n%%EOF\n");
            assert_eq!(on_file(&more), Ok(check_data(&more)), "{name} + 12 MiB");
        }
    }

    #[test]
    fn a_key_across_two_windows_is_found() {
        let data = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/signed.pdf"
        ))
        .unwrap();
        let key = data.windows(10).position(|w| w == b"/ByteRange").unwrap();
        // Shift the file so the key straddles the first window's end.
        let mut shifted = vec![b' '; CHUNK - key - 4];
        shifted.extend(&data);
        let want = check_data(&shifted);
        assert!(!matches!(want, SigStatus::Unsigned));
        assert_eq!(on_file(&shifted), Ok(want));
    }

    proptest! {
        #[test]
        fn mutations_agree_with_in_memory(at in 0usize..6000, b in any::<u8>()) {
            let mut data = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/signed.pdf")).unwrap();
            let n = data.len();
            data[at % n] = b;
            prop_assert_eq!(on_file(&data), Ok(check_data(&data)));
        }
    }
}
