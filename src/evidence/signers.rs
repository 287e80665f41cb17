//! Who signed a PDF, when, and into which field: one [`Signature`] per signature dictionary, in
//! signing order. Integrity (messageDigest over the ByteRange) is `pdfsig`'s job and is checked
//! there ([`read`] calls it); this module adds what a level above shows: the signer's name (the
//! certificate's subject CN, decoded with `x509-cert`), the signing time (the CMS signed attribute
//! `signingTime`, else the signature dictionary's `/M`, which PAdES signers such as pyHanko write
//! instead) and the signature field's name (`/T` of the field whose `/V` is the dictionary).

use super::pdfsig::{self, names, SigStatus};
use crate::evidence::pdfobj::{dict_end, hex_decode, int_at, key_pos, skip_ws};
use crate::problem::messages::evidence::pdf_signature as msg;
use cms::cert::x509::time::Time;
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use serde::Serialize;

const OID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");

/// One signature of a PDF.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Signature {
    /// The signature field's name (`NguoiKy`, `CoQuan`, …), empty if not found.
    pub field: String,
    /// The signer certificate's subject CN, empty if not found.
    pub signer: String,
    /// ISO 8601 (`2024-11-12T08:30:00+07:00`), empty if the signature gives none.
    pub time: String,
    /// Bytes of the file this signature covers (end of its ByteRange).
    pub covers: u64,
}

impl Signature {
    /// "Lê Văn Hùng, 2024-11-12T08:30:00+07:00" for messages.
    pub fn label(&self) -> String {
        let who = if self.signer.is_empty() {
            msg::UNKNOWN_SIGNER
        } else {
            &self.signer
        };
        if self.time.is_empty() {
            who.to_string()
        } else {
            format!("{who}, {}", self.time)
        }
    }
}

/// The outcome of [`read`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Signed {
    Unsigned,
    /// Every signature matches its bytes.
    Valid(Vec<Signature>),
    /// A signature no longer matches (reason in Vietnamese).
    Broken(String),
}

/// Checks every signature of `data` (pdfsig) and describes each one.
pub fn read(data: &[u8]) -> Result<Signed, String> {
    Ok(match pdfsig::check_bytes(data)? {
        SigStatus::Unsigned => Signed::Unsigned,
        SigStatus::Broken { reason } => Signed::Broken(reason),
        SigStatus::Valid { signers, .. } => {
            let mut v = describe(data);
            // pdfsig's tolerant CN (BER, odd certificates) when the strict decode found none.
            for (s, name) in v.iter_mut().zip(signers) {
                if s.signer.is_empty() {
                    s.signer = name.replace(pdfsig::NOTE_UPDATED, "").trim().to_string();
                }
            }
            Signed::Valid(v)
        }
    })
}

/// "đã ký: A, t; B, t" or "chưa ký".
pub fn summary(s: &[Signature]) -> String {
    msg::summary(&s.iter().map(Signature::label).collect::<Vec<_>>())
}

/// Every signature dictionary (a `/ByteRange` with a `/Contents`), ordered by how much of the file
/// it covers (signing order). No integrity check here.
pub fn describe(data: &[u8]) -> Vec<Signature> {
    let mut out: Vec<Signature> = Vec::new();
    let mut from = 0;
    while let Some(p) = find(data, b"/ByteRange", from) {
        from = p + 10;
        let Some((obj, dict)) = enclosing_dict(data, p) else {
            continue;
        };
        let Some(covers) = byte_range_end(dict) else {
            continue;
        };
        if out.iter().any(|s| s.covers == covers) {
            continue;
        }
        let blob = key_pos(dict, "Contents")
            .map(|i| skip_ws(dict, i))
            .filter(|&i| dict.get(i) == Some(&b'<'))
            .and_then(|i| {
                let e = dict[i..].iter().position(|&b| b == b'>')? + i;
                Some(hex_decode(&dict[i + 1..e]))
            })
            .unwrap_or_default();
        let (signer, signed_time) = cms_details(&blob);
        let time = signed_time
            .or_else(|| pdf_string(dict, "M").and_then(|m| pdf_date(&m)))
            .unwrap_or_default();
        out.push(Signature {
            field: obj.map(|n| field_name(data, n)).unwrap_or_default(),
            signer,
            time,
            covers,
        });
    }
    out.sort_by_key(|s| s.covers);
    out
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The object number and dictionary around position `p` (the nearest `N G obj` before it).
fn enclosing_dict(data: &[u8], p: usize) -> Option<(Option<u64>, &[u8])> {
    let mut k = p;
    while k >= 3 {
        k -= 1;
        if &data[k..k + 3] == b"obj" && (k < 3 || &data[k - 3..k] != b"end") {
            let d0 = skip_ws(data, k + 3);
            let d1 = dict_end(data, d0)?;
            if d0 > p || d1 < p {
                return None;
            }
            // "N G obj": walk back over the two integers.
            let mut s = k;
            for _ in 0..2 {
                while s > 0 && data[s - 1].is_ascii_whitespace() {
                    s -= 1;
                }
                while s > 0 && data[s - 1].is_ascii_digit() {
                    s -= 1;
                }
            }
            let num = int_at(data, s).map(|(n, _)| n);
            return Some((num, &data[d0..d1]));
        }
    }
    None
}

fn byte_range_end(dict: &[u8]) -> Option<u64> {
    let mut i = skip_ws(dict, key_pos(dict, "ByteRange")?);
    if dict.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    let mut v = Vec::new();
    for _ in 0..4 {
        let (n, j) = int_at(dict, i)?;
        v.push(n);
        i = j;
    }
    (v[0] == 0).then_some(v[2].saturating_add(v[3]))
}

/// The `/T` of the last object whose `/V` is `n 0 R`.
fn field_name(data: &[u8], n: u64) -> String {
    let pat = format!("/V {n} 0 R");
    let mut name = String::new();
    let mut from = 0;
    while let Some(p) = find(data, pat.as_bytes(), from) {
        from = p + pat.len();
        if data.get(from).is_some_and(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        if let Some((_, dict)) = enclosing_dict(data, p) {
            if let Some(t) = pdf_string(dict, "T") {
                name = t;
            }
        }
    }
    name
}

/// A text string value (literal or hex, PDFDocEncoding/ASCII or UTF-16BE with BOM).
fn pdf_string(dict: &[u8], key: &str) -> Option<String> {
    let i = skip_ws(dict, key_pos(dict, key)?);
    let raw: Vec<u8> = match dict.get(i)? {
        b'(' => {
            let mut out = Vec::new();
            let (mut k, mut nest) = (i + 1, 1usize);
            while k < dict.len() {
                let b = dict[k];
                match b {
                    b'\\' => {
                        k += 1;
                        let e = *dict.get(k)?;
                        out.push(match e {
                            b'n' => b'\n',
                            b'r' => b'\r',
                            b't' => b'\t',
                            b'0'..=b'7' => {
                                let mut v = 0u32;
                                let mut n = 0;
                                while n < 3 && k < dict.len() && (b'0'..=b'7').contains(&dict[k]) {
                                    v = v * 8 + (dict[k] - b'0') as u32;
                                    k += 1;
                                    n += 1;
                                }
                                k -= 1;
                                v as u8
                            }
                            other => other,
                        });
                    }
                    b'(' => {
                        nest += 1;
                        out.push(b);
                    }
                    b')' => {
                        nest -= 1;
                        if nest == 0 {
                            break;
                        }
                        out.push(b);
                    }
                    _ => out.push(b),
                }
                k += 1;
            }
            out
        }
        b'<' => {
            let e = dict[i..].iter().position(|&b| b == b'>')? + i;
            hex_decode(&dict[i + 1..e])
        }
        _ => return None,
    };
    if raw.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = raw[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(raw.iter().map(|&b| b as char).collect())
    }
}

/// `D:20241112083000+07'00'` → `2024-11-12T08:30:00+07:00`.
fn pdf_date(m: &str) -> Option<String> {
    let d = m.strip_prefix("D:").unwrap_or(m);
    let digits: String = d.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() < 8 {
        return None;
    }
    let part =
        |a: usize, b: usize, dflt: &'static str| digits.get(a..b).unwrap_or(dflt).to_string();
    let rest = &d[digits.len()..];
    let tz = match rest.chars().next() {
        Some('Z') | None => "Z".to_string(),
        Some(sign @ ('+' | '-')) => {
            let t: String = rest[1..].chars().filter(|c| c.is_ascii_digit()).collect();
            format!(
                "{sign}{}:{}",
                t.get(0..2).unwrap_or("00"),
                t.get(2..4).unwrap_or("00")
            )
        }
        _ => "Z".to_string(),
    };
    Some(format!(
        "{}-{}-{}T{}:{}:{}{tz}",
        part(0, 4, "0000"),
        part(4, 6, "01"),
        part(6, 8, "01"),
        part(8, 10, "00"),
        part(10, 12, "00"),
        part(12, 14, "00")
    ))
}

/// (signer CN, signingTime) from a DER CMS SignedData; empty/None when absent or not DER.
fn cms_details(blob: &[u8]) -> (String, Option<String>) {
    // The /Contents string is zero-padded after the CMS.
    let Some((_, _, der)) = pdfsig::ber::tlv(blob) else {
        return (String::new(), None);
    };
    let Ok(ci) = ContentInfo::from_der(der) else {
        return (String::new(), None);
    };
    let Ok(sd) = ci.content.decode_as::<SignedData>() else {
        return (String::new(), None);
    };
    let Some(si) = sd.signer_infos.0.iter().next() else {
        return (String::new(), None);
    };
    let time = si.signed_attrs.as_ref().and_then(|attrs| {
        let a = attrs.iter().find(|a| a.oid == OID_SIGNING_TIME)?;
        let v = a.values.iter().next()?;
        let t = Time::from_der(&v.to_der().ok()?).ok()?;
        let dt = t.to_date_time();
        Some(format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minutes(),
            dt.seconds()
        ))
    });
    let certs = sd
        .certificates
        .as_ref()
        .map(|c| c.0.iter())
        .into_iter()
        .flatten();
    let cn = names::signer_cn_of(
        &si.sid,
        certs.filter_map(|c| match c {
            CertificateChoices::Certificate(cert) => Some(cert),
            _ => None,
        }),
    )
    .unwrap_or_default();
    (cn, time)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::evidence::test_fixture as fixture;

    #[test]
    fn fixtures_name_their_signers_and_times() {
        let Signed::Valid(s) = read(&fixture("signed-twice.pdf")).unwrap() else {
            panic!("signed-twice.pdf is valid");
        };
        assert_eq!(s.len(), 2);
        assert!(s[0].covers < s[1].covers);
        assert!(s.iter().all(|x| !x.signer.is_empty()), "{s:?}");
        assert!(s.iter().all(|x| x.time.len() >= 20), "{s:?}");
        assert!(summary(&s).starts_with("đã ký: "));
        assert_eq!(read(&fixture("unsigned.pdf")).unwrap(), Signed::Unsigned);
        assert!(matches!(
            read(&fixture("signed-tampered.pdf")).unwrap(),
            Signed::Broken(_)
        ));
        assert_eq!(summary(&[]), "chưa ký");
    }

    #[test]
    fn dates_strings_and_garbage() {
        assert_eq!(
            pdf_date("D:20241112083000+07'00'").as_deref(),
            Some("2024-11-12T08:30:00+07:00")
        );
        assert_eq!(
            pdf_date("D:20241112").as_deref(),
            Some("2024-11-12T00:00:00Z")
        );
        assert_eq!(pdf_date("nonsense"), None);
        assert_eq!(
            pdf_string(b"<</T (Ng\\(u\\)oi\\101) /X 1>>", "T").as_deref(),
            Some("Ng(u)oiA")
        );
        assert_eq!(pdf_string(b"<</T <FEFF0110>>>", "T").as_deref(), Some("Đ"));
        for junk in [
            &b""[..],
            b"/ByteRange",
            b"1 0 obj <</ByteRange [0 1 2",
            b"1 0 obj <</ByteRange [0 1 2 3] /Contents <3082ffff>>> endobj",
        ] {
            let _ = describe(junk);
            let _ = read(junk);
        }
    }

    proptest::proptest! {
        #[test]
        fn mutated_fixtures_never_panic(at in 0usize..20000, b in proptest::prelude::any::<u8>(), cut in 0usize..20000) {
            let mut d = fixture("signed-twice.pdf");
            let n = d.len();
            d[at % n] = b;
            d.truncate(n - cut % n);
            let keys = memchr::memmem::find_iter(&d, b"/ByteRange").count();
            proptest::prop_assert!(describe(&d).len() <= keys);
            let _ = read(&d);
        }

        #[test]
        fn arbitrary_bytes_never_panic(d in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2000)) {
            let _ = read(&d);
            let _ = pdf_date(&String::from_utf8_lossy(&d));
            let _ = pdf_string(&d, "T");
        }
    }
}
