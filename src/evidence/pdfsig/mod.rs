//! Integrity check of the digital signatures inside a PDF.
//!
//! What is checked, for every signature dictionary found in the file (an
//! incrementally updated PDF may carry several):
//!
//! * the `/ByteRange [a b c d]` is sane: `a == 0`, both ranges lie inside the
//!   file, and the gap between them is exactly the `/Contents <hex>` string of
//!   the same dictionary, angle brackets included;
//! * the CMS `ContentInfo`/`SignedData` in `/Contents` parses (DER, and also
//!   the BER with indefinite lengths that some Java signing tools write);
//! * the digest of the two signed ranges, computed with the algorithm named
//!   in each `SignerInfo` (SHA-1, SHA-224, SHA-256, SHA-384 or SHA-512), equals
//!   the signed attribute `messageDigest`.  For document timestamps
//!   (`ETSI.RFC3161`) the range digest is compared with the `messageImprint`
//!   of the timestamp token, and `messageDigest` with the token's content.
//!
//! A mismatch means the bytes were changed after signing, which is what a
//! commune's evidence folder must not contain.  Bytes appended after the last
//! signature (an incremental update: a later form fill, a comment, …) do not
//! break anything; they are only noted next to the last signer's name.
//!
//! What is **not** checked, on purpose: the cryptographic signature value
//! over the signed attributes, the signer's certificate chain, its validity
//! period, revocation (OCSP/CRL) or whether the signer is trusted.  Those need
//! the national root CA list and on-line revocation data, which this offline
//! tool does not have; deciding trust is the job of the district's signing
//! and verification software.  This module only answers "does the file still
//! match what was signed?", which catches edits made after signing.
//!
//! A file is read piece by piece (`stream`): the signed ranges are hashed
//! streaming, so memory stays small whatever the size; a PDF already in
//! memory (from a package) is checked by [`check_bytes`] up to
//! [`MAX_PDF_BYTES`].  The CMS is read by `cms` (BER rewritten as DER by
//! `ber`), the signer's name by `names` (x509-cert), the digests by `sha2` and
//! `sha1`.  Nothing here panics on malformed input.

use crate::evidence::pdfobj::{hex_decode, is_ws as is_pdf_ws};
use crate::problem::messages::evidence::pdf_signature::{self as msg, ByteRange};
use std::path::Path;

pub(super) mod ber;
mod cms;
pub(super) mod names;
mod stream;

/// Largest PDF whose signatures are checked (512 MiB).
pub const MAX_PDF_BYTES: u64 = 512 * 1024 * 1024;

/// Suffix added to the last signer when bytes follow its signed range.
pub const NOTE_UPDATED: &str = msg::UPDATED_AFTER;

/// Result of [`check_pdf`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigStatus {
    /// No signature dictionary (`/ByteRange`) in the file.
    Unsigned,
    /// Every signature still matches the bytes it covers.
    Valid {
        /// Number of signatures (document timestamps included).
        count: usize,
        /// One entry per signature, in file order: the signer certificate's
        /// subject CN (empty if not found), possibly followed by a note such
        /// as [`NOTE_UPDATED`].
        signers: Vec<String>,
    },
    /// At least one signature is broken; `reason` is in Vietnamese.
    Broken { reason: String },
}

/// Checks every signature of the PDF at `path`, whatever its size (the file
/// is streamed).  `Err` only for I/O problems.
pub fn check_pdf(path: &Path) -> Result<SigStatus, String> {
    let file = std::fs::File::open(path)
        .map_err(|e| msg::open_failed(&crate::problem::oserr::reason(&e)))?;
    let len = file
        .metadata()
        .map_err(|e| msg::metadata_failed(&e.to_string()))?
        .len();
    // Streamed: the ranges are hashed from the file, never held in memory.
    stream::check_file(&file, len)
}

/// Same as [`check_pdf`] on a PDF already in memory (e.g. read from inside
/// a zip package).  `Err` only when it is larger than [`MAX_PDF_BYTES`].
pub fn check_bytes(data: &[u8]) -> Result<SigStatus, String> {
    if data.len() as u64 > MAX_PDF_BYTES {
        return Err(msg::too_large());
    }
    Ok(check_data(data))
}

fn check_data(data: &[u8]) -> SigStatus {
    let sigs = find_signatures(data);
    let status = status(&sigs, data.len() as u64, |sig| {
        verify_one(data, sig).map_err(Failure::Broken)
    });
    // The in-memory check reads nothing, so fails only as `Broken`.
    status.unwrap_or_else(|reason| SigStatus::Broken { reason })
}

/// Why one signature could not be confirmed.
enum Failure {
    /// It no longer matches (or never was a signature): the file's problem, in Vietnamese.
    Broken(String),
    /// The file could not be read: the check's problem.
    Io(String),
}

/// The status of a file of `len` bytes with signatures `sigs` (in signing order), each checked
/// by `verify` (which names its signer). `Err` when the file could not be read.
fn status(
    sigs: &[Candidate],
    len: u64,
    mut verify: impl FnMut(&Candidate) -> Result<String, Failure>,
) -> Result<SigStatus, String> {
    if sigs.is_empty() {
        return Ok(SigStatus::Unsigned);
    }
    let n = sigs.len();
    let mut signers = Vec::with_capacity(n);
    for (i, sig) in sigs.iter().enumerate() {
        match verify(sig) {
            Ok(name) => signers.push(name),
            Err(Failure::Io(e)) => return Err(e),
            Err(Failure::Broken(reason)) => {
                let reason = if n > 1 {
                    msg::nth(i + 1, n, &reason)
                } else {
                    reason
                };
                return Ok(SigStatus::Broken { reason });
            }
        }
    }
    // The signature reaching furthest is the last one applied.
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

// ---------------------------------------------------------------------------
// Finding signature dictionaries

/// One `/ByteRange` array found in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Candidate {
    /// Offset of the `/ByteRange` key itself.
    key_pos: usize,
    /// The numbers in the array (normally four).
    nums: Vec<u64>,
}

impl Candidate {
    fn end(&self) -> u64 {
        match self.nums.as_slice() {
            [_, _, c, d] => c.saturating_add(*d),
            _ => 0,
        }
    }
}

const KEY: &[u8] = b"/ByteRange";

/// The candidate whose key `/ByteRange` starts `window` (at `key_pos` in the file), if its value
/// is an array of integers and not already in `found`.
fn candidate(window: &[u8], key_pos: usize, found: &[Candidate]) -> Option<Candidate> {
    // "/ByteRangeX" would be another name.
    if let Some(&b) = window.get(KEY.len()) {
        if !(is_pdf_ws(b) || b == b'[') {
            return None;
        }
    }
    let nums = parse_int_array(window, KEY.len())?;
    (!found.iter().any(|c| c.nums == nums)).then_some(Candidate { key_pos, nums })
}

/// Every parseable `/ByteRange [n n …]`, deduplicated, ordered by how far
/// into the file it reaches (i.e. in signing order).
fn find_signatures(data: &[u8]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for pos in memchr::memmem::find_iter(data, KEY) {
        if let Some(c) = candidate(&data[pos..], pos, &out) {
            out.push(c);
        }
    }
    out.sort_by_key(|c| (c.end(), c.key_pos));
    out
}

/// Parses `[ int int … ]` starting at `i` (after optional whitespace).
/// `None` for anything else, e.g. a placeholder not yet filled in.
fn parse_int_array(data: &[u8], mut i: usize) -> Option<Vec<u64>> {
    while data.get(i).is_some_and(|&b| is_pdf_ws(b)) {
        i += 1;
    }
    if data.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    let mut nums = Vec::new();
    loop {
        while data.get(i).is_some_and(|&b| is_pdf_ws(b)) {
            i += 1;
        }
        match data.get(i)? {
            b']' => break,
            b'0'..=b'9' => {
                let mut v: u64 = 0;
                while let Some(&d) = data.get(i).filter(|b| b.is_ascii_digit()) {
                    v = v.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
                    i += 1;
                }
                nums.push(v);
                if nums.len() > 16 {
                    return None;
                }
            }
            _ => return None,
        }
    }
    if nums.is_empty() {
        None
    } else {
        Some(nums)
    }
}

// ---------------------------------------------------------------------------
// Checking one signature

/// The signature's `/ByteRange [0 b c d]` in a file of `len` bytes, checked: it starts at 0, stays
/// inside the file, leaves a gap of at least `<>` between its two ranges, and its own key lies in
/// a signed range. Returns `(b, c, c + d)`. Shared by the in-memory and the streaming check.
fn byte_range(sig: &Candidate, len: u64) -> Result<(u64, u64, u64), String> {
    let [a, b, c, d] = match sig.nums.as_slice() {
        [a, b, c, d] => [*a, *b, *c, *d],
        _ => return Err(msg::byte_range(ByteRange::Shape)),
    };
    if a != 0 {
        return Err(msg::byte_range(ByteRange::NotAtStart));
    }
    let end = c.saturating_add(d);
    if b > len || end > len {
        return Err(msg::byte_range(ByteRange::PastEnd));
    }
    if c < b.saturating_add(2) {
        return Err(msg::byte_range(ByteRange::Overlap));
    }
    let key = sig.key_pos as u64;
    if !(key < b || (key >= c && key < end)) {
        return Err(msg::byte_range(ByteRange::KeyOutside));
    }
    Ok((b, c, end))
}

/// The CMS blob of the gap between the two signed ranges: it must be exactly the hex string
/// `<…>` of the key `/Contents`, which `before` (the bytes just before the gap) ends with.
fn contents_blob(gap: &[u8], before: &[u8]) -> Result<Vec<u8>, String> {
    let contents_ok = gap.first() == Some(&b'<')
        && gap.last() == Some(&b'>')
        && gap[1..gap.len() - 1]
            .iter()
            .all(|&x| x.is_ascii_hexdigit() || is_pdf_ws(x))
        && trim_end_ws(before).ends_with(b"/Contents");
    if !contents_ok {
        return Err(msg::byte_range(ByteRange::NotContents));
    }
    let blob = hex_decode(&gap[1..gap.len() - 1]);
    if blob.iter().all(|&x| x == 0) {
        return Err(msg::contents_empty());
    }
    Ok(blob)
}

fn verify_one(data: &[u8], sig: &Candidate) -> Result<String, String> {
    let (b, c, end) = byte_range(sig, data.len() as u64)?;
    // All in range of `data` now, so the casts are lossless.
    let (b, c, end) = (b as usize, c as usize, end as usize);
    let blob = contents_blob(&data[b..c], &data[..b])?;
    let ranges = [&data[..b], &data[c..end]];
    cms::verify(&blob, &|alg| Ok(alg.digest(&ranges)))
}

fn trim_end_ws(s: &[u8]) -> &[u8] {
    let e = s.iter().rposition(|&b| !is_pdf_ws(b)).map_or(0, |i| i + 1);
    &s[..e]
}

#[cfg(test)]
mod tests;
