//! The same signature check as [`super::check_data`], on a PDF file read piece by piece: the file
//! is scanned in 4 MiB windows for `/ByteRange`, each signature's `/Contents` gap and the few
//! bytes before it are read on their own, and the two signed ranges are hashed streaming. Memory
//! stays a few MiB whatever the file's size.

use super::{
    is_pdf_ws, parse_int_array, trim_end_ws, verify_cms, Alg, Candidate, Sha1, SigStatus,
    NOTE_UPDATED,
};
use sha2::Digest;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

const CHUNK: usize = 4 << 20;
/// Largest `/Contents` gap read (a CMS blob with its certificates is tens of KiB).
const MAX_GAP: u64 = 16 << 20;

fn read_at(mut f: &File, off: u64, n: usize) -> Result<Vec<u8>, String> {
    let mut buf = vec![0u8; n];
    f.seek(SeekFrom::Start(off))
        .and_then(|_| f.read_exact(&mut buf))
        .map_err(|e| format!("không đọc được tệp: {e}"))?;
    Ok(buf)
}

/// Every parseable `/ByteRange [n n …]` of the file, as [`super::find_signatures`] finds them.
fn find_signatures(f: &File, len: u64) -> Result<Vec<Candidate>, String> {
    const KEY: &[u8] = b"/ByteRange";
    let mut out: Vec<Candidate> = Vec::new();
    let finder = memchr::memmem::Finder::new(KEY);
    let mut buf = vec![0u8; CHUNK];
    let mut pos = 0u64;
    while pos < len {
        let n = (len - pos).min(CHUNK as u64) as usize;
        let mut r: &File = f;
        r.seek(SeekFrom::Start(pos))
            .and_then(|_| r.read_exact(&mut buf[..n]))
            .map_err(|e| format!("không đọc được tệp: {e}"))?;
        let hits: Vec<usize> = finder.find_iter(&buf[..n]).collect();
        for p in hits {
            let at = pos + p as u64;
            let window = read_at(f, at, (len - at).min(600) as usize)?;
            if let Some(&b) = window.get(KEY.len()) {
                if !(is_pdf_ws(b) || b == b'[') {
                    continue;
                }
            }
            if let Some(nums) = parse_int_array(&window, KEY.len()) {
                if !out.iter().any(|c| c.nums == nums) {
                    out.push(Candidate {
                        key_pos: at as usize,
                        nums,
                    });
                }
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

enum Hasher {
    S1(Box<Sha1>),
    S224(sha2::Sha224),
    S256(sha2::Sha256),
    S384(sha2::Sha384),
    S512(sha2::Sha512),
}

impl Hasher {
    fn new(a: Alg) -> Hasher {
        match a {
            Alg::Sha1 => Hasher::S1(Box::new(Sha1::new())),
            Alg::Sha224 => Hasher::S224(sha2::Sha224::new()),
            Alg::Sha256 => Hasher::S256(sha2::Sha256::new()),
            Alg::Sha384 => Hasher::S384(sha2::Sha384::new()),
            Alg::Sha512 => Hasher::S512(sha2::Sha512::new()),
        }
    }
    fn update(&mut self, b: &[u8]) {
        match self {
            Hasher::S1(h) => h.update(b),
            Hasher::S224(h) => h.update(b),
            Hasher::S256(h) => h.update(b),
            Hasher::S384(h) => h.update(b),
            Hasher::S512(h) => h.update(b),
        }
    }
    fn finish(self) -> Vec<u8> {
        match self {
            Hasher::S1(h) => h.finalize().to_vec(),
            Hasher::S224(h) => h.finalize().to_vec(),
            Hasher::S256(h) => h.finalize().to_vec(),
            Hasher::S384(h) => h.finalize().to_vec(),
            Hasher::S512(h) => h.finalize().to_vec(),
        }
    }
}

/// The digest of byte ranges `(start, end)` of the file, read 1 MiB at a time.
fn digest_ranges(mut f: &File, alg: Alg, ranges: &[(u64, u64)]) -> Result<Vec<u8>, String> {
    let mut h = Hasher::new(alg);
    let mut buf = vec![0u8; 1 << 20];
    for &(start, end) in ranges {
        f.seek(SeekFrom::Start(start))
            .map_err(|e| format!("không đọc được tệp: {e}"))?;
        let mut left = end.saturating_sub(start);
        while left > 0 {
            let n = left.min(buf.len() as u64) as usize;
            f.read_exact(&mut buf[..n])
                .map_err(|e| format!("không đọc được tệp: {e}"))?;
            h.update(&buf[..n]);
            left -= n as u64;
        }
    }
    Ok(h.finish())
}

/// [`super::verify_one`] on the file.
fn verify_one(f: &File, len: u64, sig: &Candidate) -> Result<String, String> {
    let (b, c, end) = super::byte_range(sig, len)?;
    if c - b > MAX_GAP {
        return Err(format!(
            "vùng /Contents của chữ ký dài {} MiB, vượt giới hạn {} MiB (cấu trúc chữ ký bị hỏng)",
            (c - b) >> 20,
            MAX_GAP >> 20
        ));
    }
    let gap = read_at(f, b, (c - b) as usize)?;
    let before = read_at(f, b.saturating_sub(64), b.min(64) as usize)?;
    let contents_ok = gap.first() == Some(&b'<')
        && gap.last() == Some(&b'>')
        && gap[1..gap.len() - 1]
            .iter()
            .all(|&x| x.is_ascii_hexdigit() || is_pdf_ws(x))
        && trim_end_ws(&before).ends_with(b"/Contents");
    if !contents_ok {
        return Err(
            "ByteRange không khớp với chuỗi /Contents của chữ ký (cấu trúc chữ ký bị hỏng)"
                .to_string(),
        );
    }
    let blob = super::hex_decode(&gap[1..gap.len() - 1]);
    if blob.iter().all(|&x| x == 0) {
        return Err("vùng chữ ký trống (quá trình ký chưa hoàn tất)".to_string());
    }
    let ranges = [(0, b), (c, end)];
    verify_cms(&blob, &|alg| digest_ranges(f, alg, &ranges))
}

/// [`super::check_data`] on an open file of `len` bytes.
pub(super) fn check_file(f: &File, len: u64) -> Result<SigStatus, String> {
    let sigs = find_signatures(f, len)?;
    if sigs.is_empty() {
        return Ok(SigStatus::Unsigned);
    }
    let n = sigs.len();
    let mut signers = Vec::with_capacity(n);
    for (i, sig) in sigs.iter().enumerate() {
        match verify_one(f, len, sig) {
            Ok(name) => signers.push(name),
            Err(reason) if reason.starts_with("không đọc được tệp") => {
                return Err(reason)
            }
            Err(reason) => {
                let reason = if n > 1 {
                    format!("chữ ký thứ {}/{}: {}", i + 1, n, reason)
                } else {
                    reason
                };
                return Ok(SigStatus::Broken { reason });
            }
        }
    }
    let end = sigs.iter().map(Candidate::end).max().unwrap_or(0);
    if end < len {
        if let Some(last) = signers.last_mut() {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(NOTE_UPDATED);
        }
    }
    Ok(SigStatus::Valid { count: n, signers })
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
