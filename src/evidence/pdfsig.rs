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
//! A file is read piece by piece (`pdfsig_stream.rs`): the signed ranges are
//! hashed streaming, so memory stays small whatever the size; a PDF already in
//! memory (from a package) is checked by [`check_bytes`] up to
//! [`MAX_PDF_BYTES`].  Nothing here panics on malformed input.

use std::path::Path;

// `spki` comes through `cms`'s re-export of `x509_cert`, so no extra
// Cargo.toml line is needed.
use cms::cert::x509::spki::AlgorithmIdentifierOwned;
use cms::signed_data::{SignerIdentifier, SignerInfo};
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode, Tagged};
use sha2::Digest;

/// Largest PDF whose signatures are checked (512 MiB).
pub const MAX_PDF_BYTES: u64 = 512 * 1024 * 1024;

/// Reason given when the signed bytes no longer match the signature.
pub const REASON_MISMATCH: &str = "chữ ký số không còn khớp nội dung (tệp đã bị sửa sau khi ký)";

/// Suffix added to the last signer when bytes follow its signed range.
pub const NOTE_UPDATED: &str = "(có cập nhật sau khi ký)";

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
        .map_err(|e| format!("không mở được tệp: {}", crate::problem::oserr::reason(&e)))?;
    let len = file
        .metadata()
        .map_err(|e| format!("không đọc được thông tin tệp: {e}"))?
        .len();
    // Streamed: the ranges are hashed from the file, never held in memory.
    stream::check_file(&file, len)
}

#[path = "pdfsig_stream.rs"]
mod stream;

/// Same as [`check_pdf`] on a PDF already in memory (e.g. read from inside
/// a zip package).  `Err` only when it is larger than [`MAX_PDF_BYTES`].
pub fn check_bytes(data: &[u8]) -> Result<SigStatus, String> {
    if data.len() as u64 > MAX_PDF_BYTES {
        return Err("tệp quá lớn để kiểm tra chữ ký".to_string());
    }
    Ok(check_data(data))
}

fn check_data(data: &[u8]) -> SigStatus {
    let sigs = find_signatures(data);
    if sigs.is_empty() {
        return SigStatus::Unsigned;
    }
    let n = sigs.len();
    let mut signers = Vec::with_capacity(n);
    for (i, sig) in sigs.iter().enumerate() {
        match verify_one(data, sig) {
            Ok(name) => signers.push(name),
            Err(reason) => {
                let reason = if n > 1 {
                    format!("chữ ký thứ {}/{}: {}", i + 1, n, reason)
                } else {
                    reason
                };
                return SigStatus::Broken { reason };
            }
        }
    }
    // The signature reaching furthest is the last one applied.
    let end = sigs.iter().map(Candidate::end).max().unwrap_or(0);
    if end < data.len() as u64 {
        if let Some(last) = signers.last_mut() {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(NOTE_UPDATED);
        }
    }
    SigStatus::Valid { count: n, signers }
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

fn is_pdf_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() || hay.len() < needle.len() {
        return out;
    }
    let first = needle[0];
    let last_start = hay.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        match hay[i..=last_start].iter().position(|&b| b == first) {
            None => break,
            Some(p) => {
                let at = i + p;
                if &hay[at..at + needle.len()] == needle {
                    out.push(at);
                }
                i = at + 1;
            }
        }
    }
    out
}

/// Every parseable `/ByteRange [n n …]`, deduplicated, ordered by how far
/// into the file it reaches (i.e. in signing order).
fn find_signatures(data: &[u8]) -> Vec<Candidate> {
    const KEY: &[u8] = b"/ByteRange";
    let mut out: Vec<Candidate> = Vec::new();
    for pos in find_all(data, KEY) {
        // "/ByteRangeX" would be another name.
        if let Some(&b) = data.get(pos + KEY.len()) {
            if !(is_pdf_ws(b) || b == b'[') {
                continue;
            }
        }
        if let Some(nums) = parse_int_array(data, pos + KEY.len()) {
            if !out.iter().any(|c| c.nums == nums) {
                out.push(Candidate { key_pos: pos, nums });
            }
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
pub(super) fn byte_range(sig: &Candidate, len: u64) -> Result<(u64, u64, u64), String> {
    let [a, b, c, d] = match sig.nums.as_slice() {
        [a, b, c, d] => [*a, *b, *c, *d],
        _ => return Err("ByteRange không đúng dạng [a b c d]".to_string()),
    };
    if a != 0 {
        return Err("ByteRange không bắt đầu từ đầu tệp".to_string());
    }
    let end = c.saturating_add(d);
    if b > len || end > len {
        return Err("ByteRange vượt quá cuối tệp (tệp bị cắt cụt?)".to_string());
    }
    if c < b.saturating_add(2) {
        return Err("ByteRange không hợp lệ (hai vùng chồng nhau)".to_string());
    }
    let key = sig.key_pos as u64;
    if !(key < b || (key >= c && key < end)) {
        return Err("ByteRange nằm ngoài vùng được ký".to_string());
    }
    Ok((b, c, end))
}

fn verify_one(data: &[u8], sig: &Candidate) -> Result<String, String> {
    let (b, c, end) = byte_range(sig, data.len() as u64)?;
    // All in range of `data` now, so the casts are lossless.
    let (b, c, end) = (b as usize, c as usize, end as usize);
    let gap = &data[b..c];
    let contents_ok = gap.first() == Some(&b'<')
        && gap.last() == Some(&b'>')
        && gap[1..gap.len() - 1]
            .iter()
            .all(|&x| x.is_ascii_hexdigit() || is_pdf_ws(x))
        && trim_end_ws(&data[..b]).ends_with(b"/Contents");
    if !contents_ok {
        return Err(
            "ByteRange không khớp với chuỗi /Contents của chữ ký (cấu trúc chữ ký bị hỏng)"
                .to_string(),
        );
    }
    let blob = hex_decode(&gap[1..gap.len() - 1]);
    if blob.iter().all(|&x| x == 0) {
        return Err("vùng chữ ký trống (quá trình ký chưa hoàn tất)".to_string());
    }
    let ranges = [&data[..b], &data[c..end]];
    verify_cms(&blob, &|alg| Ok(alg.digest(&ranges)))
}

fn trim_end_ws(s: &[u8]) -> &[u8] {
    let mut e = s.len();
    while e > 0 && is_pdf_ws(s[e - 1]) {
        e -= 1;
    }
    &s[..e]
}

fn hex_val(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    }
}

/// Hex string body to bytes; whitespace skipped, odd final digit padded with
/// 0 as the PDF spec says.
fn hex_decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() / 2 + 1);
    let mut hi: Option<u8> = None;
    for &x in s.iter().filter(|x| x.is_ascii_hexdigit()) {
        match hi.take() {
            None => hi = Some(hex_val(x)),
            Some(h) => out.push(h << 4 | hex_val(x)),
        }
    }
    if let Some(h) = hi {
        out.push(h << 4);
    }
    out
}

// ---------------------------------------------------------------------------
// CMS

const OID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const OID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const OID_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
const OID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");

/// Digest algorithms accepted in `SignerInfo.digestAlgorithm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alg {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Alg {
    fn from_oid(oid: &ObjectIdentifier) -> Option<Alg> {
        // Some signers put the *signature* algorithm here; accept those too.
        Some(match oid.to_string().as_str() {
            "1.3.14.3.2.26" | "1.2.840.113549.1.1.5" | "1.2.840.10045.4.1" => Alg::Sha1,
            "2.16.840.1.101.3.4.2.4" | "1.2.840.113549.1.1.14" => Alg::Sha224,
            "2.16.840.1.101.3.4.2.1" | "1.2.840.113549.1.1.11" | "1.2.840.10045.4.3.2" => {
                Alg::Sha256
            }
            "2.16.840.1.101.3.4.2.2" | "1.2.840.113549.1.1.12" | "1.2.840.10045.4.3.3" => {
                Alg::Sha384
            }
            "2.16.840.1.101.3.4.2.3" | "1.2.840.113549.1.1.13" | "1.2.840.10045.4.3.4" => {
                Alg::Sha512
            }
            _ => return None,
        })
    }

    fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut h = D::new();
            for p in parts {
                h.update(p);
            }
            h.finalize().to_vec()
        }
        match self {
            Alg::Sha1 => {
                let mut h = Sha1::new();
                for p in parts {
                    h.update(p);
                }
                h.finalize().to_vec()
            }
            Alg::Sha224 => run::<sha2::Sha224>(parts),
            Alg::Sha256 => run::<sha2::Sha256>(parts),
            Alg::Sha384 => run::<sha2::Sha384>(parts),
            Alg::Sha512 => run::<sha2::Sha512>(parts),
        }
    }
}

fn digest_alg(alg: &AlgorithmIdentifierOwned) -> Result<Alg, String> {
    Alg::from_oid(&alg.oid).ok_or_else(|| format!("thuật toán băm không được hỗ trợ ({})", alg.oid))
}

/// Verifies the CMS blob against the signed byte ranges; returns the signer
/// name (possibly empty) or the Vietnamese reason it is broken.
fn verify_cms(
    blob: &[u8],
    ranges: &dyn Fn(Alg) -> Result<Vec<u8>, String>,
) -> Result<String, String> {
    let cms_err = |what: &str| format!("dữ liệu chữ ký (CMS) không đọc được: {what}");
    // The hex string is zero-padded; the DER length tells where it ends.
    // BER (indefinite lengths) is rewritten as DER first.
    let der = ber::to_der(blob).ok_or_else(|| cms_err("không phải cấu trúc ASN.1 hợp lệ"))?;
    let ci = cms::content_info::ContentInfo::from_der(&der)
        .map_err(|e| cms_err(&format!("ContentInfo: {e}")))?;
    if ci.content_type != OID_SIGNED_DATA {
        return Err(cms_err("không phải SignedData"));
    }
    let sd_der = ci
        .content
        .to_der()
        .map_err(|e| cms_err(&format!("SignedData: {e}")))?;
    let sd = SignedDataParts::parse(&sd_der).ok_or_else(|| cms_err("SignedData sai cấu trúc"))?;
    if sd.signer_infos.is_empty() {
        return Err(cms_err("không có SignerInfo"));
    }

    let mut names = Vec::new();
    for si_der in &sd.signer_infos {
        let si = SignerInfo::from_der(si_der).map_err(|e| cms_err(&format!("SignerInfo: {e}")))?;
        let alg = digest_alg(&si.digest_alg)?;
        let attrs = si.signed_attrs.as_ref().ok_or_else(|| {
            "chữ ký không có thuộc tính messageDigest nên không kiểm tra được nội dung".to_string()
        })?;
        let md = attrs
            .iter()
            .find(|a| a.oid == OID_MESSAGE_DIGEST)
            .and_then(|a| a.values.iter().next())
            .filter(|v| v.tag() == der::Tag::OctetString)
            .map(|v| v.value().to_vec())
            .ok_or_else(|| cms_err("thiếu thuộc tính messageDigest"))?;

        match &sd.econtent {
            None => {
                // Detached signature (adbe.pkcs7.detached, ETSI.CAdES.detached).
                if ranges(alg)? != md {
                    return Err(REASON_MISMATCH.to_string());
                }
            }
            Some(content) => {
                // messageDigest covers the encapsulated content …
                if alg.digest(&[content]) != md {
                    return Err(REASON_MISMATCH.to_string());
                }
                // … which in turn carries the digest of the PDF bytes.
                let (inner_alg, inner) = if sd.econtent_type == OID_TST_INFO {
                    tst_imprint(content).ok_or_else(|| cms_err("TSTInfo sai cấu trúc"))?
                } else if sd.econtent_type == OID_DATA {
                    // adbe.pkcs7.sha1: the content is the raw digest.
                    let a = match content.len() {
                        20 => Alg::Sha1,
                        28 => Alg::Sha224,
                        32 => Alg::Sha256,
                        48 => Alg::Sha384,
                        64 => Alg::Sha512,
                        _ => return Err(cms_err("nội dung đóng gói không phải giá trị băm")),
                    };
                    (a, content.clone())
                } else {
                    return Err(cms_err(&format!(
                        "kiểu nội dung không hỗ trợ ({})",
                        sd.econtent_type
                    )));
                };
                if ranges(inner_alg)? != inner {
                    return Err(REASON_MISMATCH.to_string());
                }
            }
        }
        let mut name = signer_cn(&si.sid, &sd.certificates).unwrap_or_default();
        if sd.econtent_type == OID_TST_INFO {
            name = if name.is_empty() {
                "(dấu thời gian)".to_string()
            } else {
                format!("{name} (dấu thời gian)")
            };
        }
        if !names.contains(&name) {
            names.push(name);
        }
    }
    Ok(names.join(", "))
}

/// The pieces of `SignedData` this module needs, located with a tolerant
/// walk so that an odd certificate or CRL cannot make a good signature look
/// broken.  `SignerInfo`s are then decoded strictly with `cms`.
struct SignedDataParts {
    econtent_type: ObjectIdentifier,
    econtent: Option<Vec<u8>>,
    /// Full DER of each certificate in `certificates` (any kind).
    certificates: Vec<Vec<u8>>,
    /// Full DER of each `SignerInfo`.
    signer_infos: Vec<Vec<u8>>,
}

impl SignedDataParts {
    fn parse(sd: &[u8]) -> Option<SignedDataParts> {
        let (tag, body, _) = ber::tlv(sd)?;
        if tag != 0x30 {
            return None;
        }
        let kids = ber::children(body)?;
        // version, digestAlgorithms, encapContentInfo, [0] certs, [1] crls, signerInfos
        let (t, encap, _) = kids.get(2).copied()?;
        if t != 0x30 {
            return None;
        }
        let encap_kids = ber::children(encap)?;
        let (t, _, full) = encap_kids.first().copied()?;
        if t != 0x06 {
            return None;
        }
        let econtent_type = ObjectIdentifier::from_der(full).ok()?;
        let econtent = match encap_kids.get(1) {
            Some(&(0xA0, inner, _)) => {
                let (t, octets, _) = ber::tlv(inner)?;
                if t != 0x04 {
                    return None;
                }
                Some(octets.to_vec())
            }
            _ => None,
        };
        let mut certificates = Vec::new();
        if let Some(&(_, certs, _)) = kids.iter().skip(3).find(|k| k.0 == 0xA0) {
            for (t, _, full) in ber::children(certs)? {
                if t == 0x30 {
                    certificates.push(full.to_vec());
                }
            }
        }
        let (t, sis, _) = kids.last().copied()?;
        if t != 0x31 || kids.len() < 4 {
            return None;
        }
        let signer_infos = ber::children(sis)?
            .into_iter()
            .map(|(_, _, full)| full.to_vec())
            .collect();
        Some(SignedDataParts {
            econtent_type,
            econtent,
            certificates,
            signer_infos,
        })
    }
}

/// `TSTInfo.messageImprint`: (hash algorithm, hashed message).
fn tst_imprint(tst: &[u8]) -> Option<(Alg, Vec<u8>)> {
    let (t, body, _) = ber::tlv(tst)?;
    if t != 0x30 {
        return None;
    }
    let kids = ber::children(body)?;
    // version INTEGER, policy OID, messageImprint SEQUENCE
    let (t, imprint, _) = kids.get(2).copied()?;
    if t != 0x30 {
        return None;
    }
    let ik = ber::children(imprint)?;
    let (t, alg_body, _) = ik.first().copied()?;
    let (t2, hashed, _) = ik.get(1).copied()?;
    if t != 0x30 || t2 != 0x04 {
        return None;
    }
    let (t, _, oid_full) = ber::children(alg_body)?.first().copied()?;
    if t != 0x06 {
        return None;
    }
    let oid = ObjectIdentifier::from_der(oid_full).ok()?;
    Some((Alg::from_oid(&oid)?, hashed.to_vec()))
}

// ---------------------------------------------------------------------------
// Signer name

/// Subject CN of the certificate named by `sid`, if present.
fn signer_cn(sid: &SignerIdentifier, certs: &[Vec<u8>]) -> Option<String> {
    let parsed: Vec<CertParts<'_>> = certs.iter().filter_map(|c| CertParts::parse(c)).collect();
    let hit = match sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => {
            let serial = ias.serial_number.as_bytes();
            let issuer = ias.issuer.to_der().ok();
            let same_serial: Vec<&CertParts<'_>> =
                parsed.iter().filter(|c| c.serial == serial).collect();
            same_serial
                .iter()
                .find(|c| issuer.as_deref() == Some(c.issuer))
                .or_else(|| same_serial.first())
                .copied()
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => {
            let want = ski.0.as_bytes();
            parsed.iter().find(|c| c.ski == Some(want))
        }
    }?;
    common_name(hit.subject)
}

/// Raw pieces of an X.509 certificate, found without a strict decode.
struct CertParts<'a> {
    serial: &'a [u8],
    /// Full DER of the issuer Name.
    issuer: &'a [u8],
    /// Body of the subject Name.
    subject: &'a [u8],
    ski: Option<&'a [u8]>,
}

impl<'a> CertParts<'a> {
    fn parse(cert: &'a [u8]) -> Option<CertParts<'a>> {
        let (t, body, _) = ber::tlv(cert)?;
        if t != 0x30 {
            return None;
        }
        let (t, tbs, _) = ber::children(body)?.first().copied()?;
        if t != 0x30 {
            return None;
        }
        let kids = ber::children(tbs)?;
        let skip = usize::from(kids.first()?.0 == 0xA0); // [0] version
        let (t, serial, _) = kids.get(skip).copied()?;
        if t != 0x02 {
            return None;
        }
        let (_, _, issuer) = kids.get(skip + 2).copied()?;
        let (t, subject, _) = kids.get(skip + 4).copied()?;
        if t != 0x30 {
            return None;
        }
        let mut ski = None;
        if let Some(&(_, exts, _)) = kids.iter().skip(skip + 6).find(|k| k.0 == 0xA3) {
            if let Some((0x30, list, _)) = ber::tlv(exts) {
                for (_, ext, _) in ber::children(list).unwrap_or_default() {
                    let ek = ber::children(ext).unwrap_or_default();
                    // 2.5.29.14 subjectKeyIdentifier
                    if ek.first().map(|k| k.1) == Some(&[0x55, 0x1d, 0x0e][..]) {
                        if let Some(&(0x04, val, _)) = ek.last() {
                            if let Some((0x04, id, _)) = ber::tlv(val) {
                                ski = Some(id);
                            }
                        }
                    }
                }
            }
        }
        Some(CertParts {
            serial,
            issuer,
            subject,
            ski,
        })
    }
}

/// Last commonName (2.5.4.3) in a Name body, decoded from its string type.
fn common_name(name: &[u8]) -> Option<String> {
    let mut found = None;
    for (t, rdn, _) in ber::children(name)? {
        if t != 0x31 {
            continue;
        }
        for (_, atv, _) in ber::children(rdn).unwrap_or_default() {
            let kids = ber::children(atv).unwrap_or_default();
            if let [(0x06, [0x55, 0x04, 0x03], _), (vt, val, _)] = kids.as_slice() {
                if let Some(s) = asn1_string(*vt, val) {
                    found = Some(s.trim().to_string());
                }
            }
        }
    }
    found
}

fn asn1_string(tag: u8, v: &[u8]) -> Option<String> {
    match tag {
        // UTF8String, PrintableString, IA5String, NumericString, VisibleString
        0x0C | 0x13 | 0x16 | 0x12 | 0x1A => Some(String::from_utf8_lossy(v).into_owned()),
        // TeletexString: in practice Latin-1.
        0x14 => Some(v.iter().map(|&b| char::from(b)).collect()),
        // BMPString: UTF-16BE.
        0x1E => {
            let units: Vec<u16> = v
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        // UniversalString: UTF-32BE.
        0x1C => Some(
            v.chunks(4)
                .filter(|c| c.len() == 4)
                .map(|c| {
                    char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                        .unwrap_or(char::REPLACEMENT_CHARACTER)
                })
                .collect(),
        ),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Minimal BER/DER reader

mod ber {
    /// Deepest nesting accepted (real CMS is < 20 deep).
    const MAX_DEPTH: usize = 64;

    /// Header of one TLV: (identifier bytes, content length or None for
    /// indefinite, header length).
    fn header(input: &[u8]) -> Option<(&[u8], Option<usize>, usize)> {
        let first = *input.first()?;
        let mut i = 1;
        if first & 0x1f == 0x1f {
            // High tag number: continuation bytes with bit 8 set.
            loop {
                let b = *input.get(i)?;
                i += 1;
                if b & 0x80 == 0 {
                    break;
                }
                if i > 6 {
                    return None;
                }
            }
        }
        let id = &input[..i];
        let l = *input.get(i)?;
        i += 1;
        let len = if l < 0x80 {
            Some(usize::from(l))
        } else if l == 0x80 {
            if first & 0x20 == 0 {
                return None; // indefinite length only for constructed
            }
            None
        } else {
            let n = usize::from(l & 0x7f);
            if n > 4 {
                return None;
            }
            let mut v = 0usize;
            for _ in 0..n {
                v = v
                    .checked_mul(256)?
                    .checked_add(usize::from(*input.get(i)?))?;
                i += 1;
            }
            Some(v)
        };
        Some((id, len, i))
    }

    /// One definite-length TLV: (first identifier byte, content, whole TLV).
    pub type Tlv<'a> = (u8, &'a [u8], &'a [u8]);

    /// The definite-length TLV at the start of `input`.
    pub fn tlv(input: &[u8]) -> Option<Tlv<'_>> {
        let (id, len, h) = header(input)?;
        let len = len?;
        let end = h.checked_add(len)?;
        let content = input.get(h..end)?;
        Some((id[0], content, &input[..end]))
    }

    /// All TLVs of a definite-length content, in order.
    pub fn children(mut input: &[u8]) -> Option<Vec<Tlv<'_>>> {
        let mut out = Vec::new();
        while !input.is_empty() {
            let t = tlv(input)?;
            input = &input[t.2.len()..];
            out.push(t);
        }
        Some(out)
    }

    /// Re-encodes the first TLV of `input` as DER-style definite lengths
    /// (indefinite lengths resolved, constructed OCTET STRINGs joined);
    /// anything after it (the zero padding of /Contents) is ignored.
    pub fn to_der(input: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        convert(input, 0, &mut out)?;
        Some(out)
    }

    fn push_header(out: &mut Vec<u8>, id: &[u8], len: usize) {
        out.extend_from_slice(id);
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes = len.to_be_bytes();
            let skip = bytes.iter().take_while(|&&b| b == 0).count();
            out.push(0x80 | (bytes.len() - skip) as u8);
            out.extend_from_slice(&bytes[skip..]);
        }
    }

    /// Converts one TLV at the start of `input`, appending to `out`;
    /// returns how many input bytes it used.
    fn convert(input: &[u8], depth: usize, out: &mut Vec<u8>) -> Option<usize> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (id, len, h) = header(input)?;
        let constructed = id[0] & 0x20 != 0;
        if !constructed {
            let end = h.checked_add(len?)?;
            out.extend_from_slice(input.get(..end)?);
            return Some(end);
        }
        // Constructed: convert the children into a scratch buffer.
        let mut body = Vec::new();
        let used = match len {
            Some(l) => {
                let end = h.checked_add(l)?;
                let content = input.get(h..end)?;
                let mut i = 0;
                while i < content.len() {
                    i += convert(&content[i..], depth + 1, &mut body)?;
                }
                end
            }
            None => {
                let mut i = h;
                loop {
                    let rest = input.get(i..)?;
                    if rest.len() >= 2 && rest[0] == 0 && rest[1] == 0 {
                        break i + 2;
                    }
                    i += convert(rest, depth + 1, &mut body)?;
                }
            }
        };
        if id == [0x24] {
            // Constructed OCTET STRING: join the (now primitive) segments.
            let mut joined = Vec::new();
            for (t, content, _) in children(&body)? {
                if t != 0x04 {
                    return None;
                }
                joined.extend_from_slice(content);
            }
            push_header(out, &[0x04], joined.len());
            out.extend_from_slice(&joined);
        } else {
            push_header(out, id, body.len());
            out.extend_from_slice(&body);
        }
        Some(used)
    }
}

// ---------------------------------------------------------------------------
// SHA-1 (FIPS 180-4), kept here so that no extra crate is needed.  Only used
// to compare digests of old signatures, never to produce anything.

struct Sha1 {
    h: [u32; 5],
    buf: [u8; 64],
    buf_len: usize,
    total: u64,
}

impl Sha1 {
    fn new() -> Sha1 {
        Sha1 {
            h: [
                0x6745_2301,
                0xEFCD_AB89,
                0x98BA_DCFE,
                0x1032_5476,
                0xC3D2_E1F0,
            ],
            buf: [0; 64],
            buf_len: 0,
            total: 0,
        }
    }

    fn update(&mut self, mut data: &[u8]) {
        self.total = self.total.wrapping_add(data.len() as u64);
        if self.buf_len > 0 {
            let take = (64 - self.buf_len).min(data.len());
            self.buf[self.buf_len..self.buf_len + take].copy_from_slice(&data[..take]);
            self.buf_len += take;
            data = &data[take..];
            if self.buf_len < 64 {
                return;
            }
            let block = self.buf;
            self.block(&block);
            self.buf_len = 0;
        }
        let mut chunks = data.chunks_exact(64);
        for block in &mut chunks {
            self.block(block);
        }
        let rest = chunks.remainder();
        self.buf[..rest.len()].copy_from_slice(rest);
        self.buf_len = rest.len();
    }

    fn block(&mut self, block: &[u8]) {
        let mut w = [0u32; 80];
        for (i, c) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = self.h;
        for (i, &wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (h, v) in self.h.iter_mut().zip([a, b, c, d, e]) {
            *h = h.wrapping_add(v);
        }
    }

    fn finalize(mut self) -> [u8; 20] {
        let bits = self.total.wrapping_mul(8);
        self.update(&[0x80]);
        while self.buf_len != 56 {
            self.update(&[0]);
        }
        self.update(&bits.to_be_bytes());
        let mut out = [0u8; 20];
        for (o, h) in out.chunks_exact_mut(4).zip(self.h) {
            o.copy_from_slice(&h.to_be_bytes());
        }
        out
    }
}

// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    const UNSIGNED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/unsigned.pdf");
    const SIGNED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/signed.pdf");
    const TWICE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/signed-twice.pdf"
    );
    const TAMPERED: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/signed-tampered.pdf"
    );
    const TIMESTAMPED: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/signed-timestamped.pdf"
    );

    fn read(p: &str) -> Vec<u8> {
        std::fs::read(p).unwrap_or_else(|e| panic!("{p}: {e}"))
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    /// A scratch file path unique to this test process and `tag`.
    fn scratch(tag: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("hoso-pdfsig-{}-{tag}", std::process::id()))
    }

    #[test]
    fn unsigned_pdf() {
        assert_eq!(check_pdf(Path::new(UNSIGNED)).unwrap(), SigStatus::Unsigned);
    }

    #[test]
    fn signed_once() {
        match check_pdf(Path::new(SIGNED)).unwrap() {
            SigStatus::Valid { count, signers } => {
                assert_eq!(count, 1);
                assert_eq!(signers, vec!["NGUYỄN VĂN A".to_string()]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn signed_twice_sha256_then_sha512() {
        match check_pdf(Path::new(TWICE)).unwrap() {
            SigStatus::Valid { count, signers } => {
                assert_eq!(count, 2);
                assert_eq!(signers, vec!["NGUYỄN VĂN A", "UBND XÃ THỬ NGHIỆM"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn document_timestamp_counts_and_is_checked() {
        match check_pdf(Path::new(TIMESTAMPED)).unwrap() {
            SigStatus::Valid { count, signers } => {
                assert_eq!(count, 2);
                assert_eq!(signers[0], "NGUYỄN VĂN A");
                assert!(signers[1].contains("dấu thời gian"), "{signers:?}");
            }
            other => panic!("{other:?}"),
        }
        // Changing a byte the timestamp covers (but the first signature does
        // not) must break the timestamp.
        let mut data = read(TIMESTAMPED);
        let signed_len = read(SIGNED).len();
        let i = data.len() - 10; // inside the trailer of the last update
        assert!(i > signed_len);
        data[i] ^= 0x01;
        match check_data(&data) {
            SigStatus::Broken { reason } => {
                assert!(reason.contains("không còn khớp"), "{reason}");
                assert!(reason.starts_with("chữ ký thứ 2/2"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn tampered_is_broken() {
        match check_pdf(Path::new(TAMPERED)).unwrap() {
            SigStatus::Broken { reason } => assert_eq!(reason, REASON_MISMATCH),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn tampering_the_first_revision_of_twice_signed_breaks_both() {
        let mut data = read(TWICE);
        let i = find_all(&data, b"Ho so minh chung")[0];
        data[i] = b'J';
        match check_data(&data) {
            SigStatus::Broken { reason } => {
                assert!(reason.starts_with("chữ ký thứ 1/2"), "{reason}");
                assert!(reason.contains("không còn khớp"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn appended_update_is_noted_not_broken() {
        let mut data = read(SIGNED);
        data.extend_from_slice(b"\n% a later incremental update\n%%EOF\n");
        match check_data(&data) {
            SigStatus::Valid { count, signers } => {
                assert_eq!(count, 1);
                assert_eq!(signers, vec![format!("NGUYỄN VĂN A {NOTE_UPDATED}")]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn truncated_is_broken_not_panic() {
        let data = read(SIGNED);
        for cut in [0, 1, 10, data.len() / 3, data.len() / 2, data.len() - 1] {
            let st = check_data(&data[..cut]);
            assert!(
                matches!(st, SigStatus::Unsigned | SigStatus::Broken { .. }),
                "cut {cut}: {st:?}"
            );
        }
        // Truncated just before the end: ByteRange now points past the end.
        match check_data(&data[..data.len() - 1]) {
            SigStatus::Broken { reason } => assert!(reason.contains("cắt cụt"), "{reason}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn contents_mismatch_and_bad_byterange() {
        let data = read(SIGNED);
        let pos = find_all(&data, b"/ByteRange")[0];
        let nums = parse_int_array(&data, pos + 10).unwrap();
        let text = String::from_utf8_lossy(&data[pos..pos + 60]).to_string();
        let arr_end = pos + text.find(']').unwrap() + 1;
        // Same-width rewrite of the array so that offsets stay valid.
        let rewrite = |new: String| {
            let old_len = arr_end - pos;
            let mut s = new.into_bytes();
            assert!(s.len() <= old_len, "rewrite too long");
            s.resize(old_len, b' ');
            let mut d = data.clone();
            d[pos..arr_end].copy_from_slice(&s);
            d
        };
        let (b, c, dd) = (nums[1], nums[2], nums[3]);
        let cases = [
            (format!("/ByteRange [1 {b} {c} {dd}]"), "không bắt đầu"),
            (format!("/ByteRange [0 {} {c} {dd}]", b - 1), "/Contents"),
            (format!("/ByteRange [0 {b} {c} {}]", dd + 5), "cắt cụt"),
            (format!("/ByteRange [0 {b} {c}]"), "dạng"),
        ];
        for (new, want) in cases {
            match check_data(&rewrite(new.clone())) {
                SigStatus::Broken { reason } => assert!(reason.contains(want), "{new}: {reason}"),
                other => panic!("{new}: {other:?}"),
            }
        }
        // A placeholder that was never filled is not a signature.
        let d = rewrite("/ByteRange [0 /********** ]".to_string());
        assert_eq!(check_data(&d), SigStatus::Unsigned);
    }

    #[test]
    fn empty_and_garbage_contents() {
        let data = read(SIGNED);
        let br = find_all(&data, b"/ByteRange")[0];
        let nums = parse_int_array(&data, br + 10).unwrap();
        let (b, c) = (nums[1] as usize, nums[2] as usize);
        // All zeros: signing never finished.
        let mut d = data.clone();
        d[b + 1..c - 1].fill(b'0');
        match check_data(&d) {
            SigStatus::Broken { reason } => assert!(reason.contains("trống"), "{reason}"),
            other => panic!("{other:?}"),
        }
        // Not ASN.1 at all.
        let mut d = data.clone();
        d[b + 1..c - 1].fill(b'f');
        match check_data(&d) {
            SigStatus::Broken { reason } => assert!(reason.contains("CMS"), "{reason}"),
            other => panic!("{other:?}"),
        }
    }

    /// Re-encodes the signed fixture's CMS with indefinite lengths (as
    /// BouncyCastle does) and checks that it still verifies.
    #[test]
    fn ber_indefinite_lengths_accepted() {
        fn to_indefinite(der: &[u8], depth: usize) -> Vec<u8> {
            let (t, body, full) = ber::tlv(der).unwrap();
            // Only the outer levels (ContentInfo, [0], SignedData), whose
            // long-form headers are as long as "80 … 00 00", so that the
            // result still fits the fixture's /Contents slot.
            if t & 0x20 == 0 || depth > 2 {
                return full.to_vec();
            }
            let mut out = vec![t, 0x80];
            for (_, _, kid) in ber::children(body).unwrap() {
                out.extend(to_indefinite(kid, depth + 1));
            }
            out.extend([0, 0]);
            out
        }
        let data = read(SIGNED);
        let br = find_all(&data, b"/ByteRange")[0];
        let nums = parse_int_array(&data, br + 10).unwrap();
        let (b, c) = (nums[1] as usize, nums[2] as usize);
        let blob = hex_decode(&data[b + 1..c - 1]);
        let (_, _, der) = ber::tlv(&blob).unwrap();
        let indefinite = to_indefinite(der, 0);
        assert_ne!(indefinite, der);
        assert_eq!(ber::to_der(&indefinite).unwrap(), der);
        let h = hex(&indefinite);
        assert!(h.len() <= c - b - 2);
        let mut d = data.clone();
        d[b + 1..c - 1].fill(b'0');
        d[b + 1..b + 1 + h.len()].copy_from_slice(h.as_bytes());
        match check_data(&d) {
            SigStatus::Valid { count: 1, .. } => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn sha1_known_answers() {
        let cases: [(&[u8], &str); 3] = [
            (b"", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            (b"abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(hex(&Alg::Sha1.digest(&[input])), want);
            // Split across calls, too.
            let (x, y) = input.split_at(input.len() / 3);
            assert_eq!(hex(&Alg::Sha1.digest(&[x, y])), want);
        }
        let million = vec![b'a'; 1_000_000];
        assert_eq!(
            hex(&Alg::Sha1.digest(&[&million[..333], &million[333..]])),
            "34aa973cd4c4daa4f61eeb2bdbad27316534016f"
        );
    }

    #[test]
    fn io_errors_are_err() {
        assert!(check_pdf(Path::new("/nonexistent/hoso/x.pdf")).is_err());
    }

    #[test]
    fn file_api_matches_bytes_api() {
        let p = scratch("copy.pdf");
        std::fs::write(&p, read(TWICE)).unwrap();
        let st = check_pdf(&p).unwrap();
        let _ = std::fs::remove_file(&p);
        assert_eq!(Ok(st), check_bytes(&read(TWICE)));
    }

    /// Deterministic mutation fuzzing of the real fixtures: bit flips, byte
    /// overwrites, truncations, duplications.  Must never panic.
    #[test]
    fn fuzz_mutated_fixtures_never_panic() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for path in [UNSIGNED, SIGNED, TWICE, TAMPERED, TIMESTAMPED] {
            let base = read(path);
            for _ in 0..400 {
                let mut d = base.clone();
                for _ in 0..(1 + rnd() % 4) {
                    let len = d.len().max(1) as u64;
                    match rnd() % 6 {
                        0 => {
                            let i = (rnd() % len) as usize;
                            if let Some(x) = d.get_mut(i) {
                                *x ^= 1 << (rnd() % 8);
                            }
                        }
                        1 => {
                            let i = (rnd() % len) as usize;
                            if let Some(x) = d.get_mut(i) {
                                *x = b"0123456789[]<> /fF\0\x80\x30"[(rnd() % 21) as usize];
                            }
                        }
                        2 => d.truncate((rnd() % len) as usize),
                        3 => {
                            let i = (rnd() % len) as usize;
                            let j = (i + (rnd() % 64) as usize).min(d.len());
                            let piece = d[i.min(d.len())..j].to_vec();
                            d.extend_from_slice(&piece);
                        }
                        4 => {
                            // Corrupt one hex digit inside /Contents.
                            if let Some(&p) = find_all(&d, b"/Contents <").first() {
                                let i = p + 11 + (rnd() % 3000) as usize;
                                if let Some(x) = d.get_mut(i) {
                                    *x = b"0123456789abcdef"[(rnd() % 16) as usize];
                                }
                            }
                        }
                        _ => {
                            let i = (rnd() % len) as usize;
                            if i < d.len() {
                                d.insert(i, (rnd() % 256) as u8);
                            }
                        }
                    }
                }
                let _ = check_data(&d);
            }
        }
    }

    mod prop {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn random_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..4096)) {
                let _ = check_data(&data);
                let _ = ber::to_der(&data);
            }

            #[test]
            fn random_byterange_never_panics(
                nums in proptest::collection::vec(any::<u64>(), 0..6),
                hexbody in "[0-9a-fA-F ]{0,200}",
                pad in 0usize..300,
            ) {
                let arr: Vec<String> = nums.iter().map(|n| n.to_string()).collect();
                let mut d = b"%PDF-1.7\n".to_vec();
                d.extend(vec![b'x'; pad]);
                d.extend(format!("<</ByteRange [{}] /Contents <{}>>>", arr.join(" "), hexbody).into_bytes());
                let _ = check_data(&d);
            }

            #[test]
            fn random_cms_in_real_slot_never_panics(blob in proptest::collection::vec(any::<u8>(), 0..600)) {
                let data = std::fs::read(super::SIGNED).unwrap();
                let br = find_all(&data, b"/ByteRange")[0];
                let nums = parse_int_array(&data, br + 10).unwrap();
                let (b, c) = (nums[1] as usize, nums[2] as usize);
                let h: String = blob.iter().map(|x| format!("{x:02x}")).collect();
                let mut d = data.clone();
                d[b + 1..c - 1].fill(b'0');
                let n = h.len().min(c - b - 2);
                d[b + 1..b + 1 + n].copy_from_slice(&h.as_bytes()[..n]);
                let st = check_data(&d);
                prop_assert!(matches!(st, SigStatus::Broken { .. }), "{:?}", st);
            }
        }
    }
}
