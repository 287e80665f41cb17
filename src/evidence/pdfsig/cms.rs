//! The CMS `SignedData` in a signature's `/Contents`, held against the bytes it signs: for each
//! `SignerInfo` (decoded strictly with `cms`), the `messageDigest` attribute against the digest of
//! the signed ranges — or, for a document timestamp or an `adbe.pkcs7.sha1` signature, against the
//! encapsulated content, which in turn carries the digest of the ranges.

use super::{ber, names};
use crate::problem::messages::evidence::pdf_signature::{self as msg, Cms};
use cms::cert::x509::spki::AlgorithmIdentifierOwned;
use cms::signed_data::SignerInfo;
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode, Tagged};
use sha2::digest::DynDigest;

const OID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const OID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const OID_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
const OID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");

/// Digest algorithms accepted in `SignerInfo.digestAlgorithm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Alg {
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

    /// The algorithm whose digests are `len` bytes long.
    fn by_len(len: usize) -> Option<Alg> {
        Some(match len {
            20 => Alg::Sha1,
            28 => Alg::Sha224,
            32 => Alg::Sha256,
            48 => Alg::Sha384,
            64 => Alg::Sha512,
            _ => return None,
        })
    }

    /// A hasher to feed piece by piece (SHA-1 only ever compares old signatures).
    pub(super) fn hasher(self) -> Box<dyn DynDigest> {
        match self {
            Alg::Sha1 => Box::new(sha1::Sha1::default()),
            Alg::Sha224 => Box::new(sha2::Sha224::default()),
            Alg::Sha256 => Box::new(sha2::Sha256::default()),
            Alg::Sha384 => Box::new(sha2::Sha384::default()),
            Alg::Sha512 => Box::new(sha2::Sha512::default()),
        }
    }

    pub(super) fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        let mut h = self.hasher();
        for p in parts {
            h.update(p);
        }
        h.finalize().to_vec()
    }
}

fn digest_alg(alg: &AlgorithmIdentifierOwned) -> Result<Alg, String> {
    Alg::from_oid(&alg.oid).ok_or_else(|| msg::digest_unsupported(&alg.oid.to_string()))
}

/// The digest of the signed byte ranges with an algorithm, computed by the caller (from memory
/// or streamed from the file).
pub(super) type Ranges<'a> = &'a dyn Fn(Alg) -> Result<Vec<u8>, String>;

/// Verifies the CMS blob against the signed byte ranges; returns the signer
/// name (possibly empty) or the Vietnamese reason it is broken.
pub(super) fn verify(blob: &[u8], ranges: Ranges<'_>) -> Result<String, String> {
    let sd = signed_data(blob)?;
    let mut names = Vec::new();
    for si_der in &sd.signer_infos {
        let si = SignerInfo::from_der(si_der)
            .map_err(|e| msg::cms_unreadable(Cms::SignerInfo(&e.to_string())))?;
        verify_signer(&sd, &si, ranges)?;
        let name = names::signer_cn(&si.sid, &sd.certificates).unwrap_or_default();
        let name = if sd.econtent_type == OID_TST_INFO {
            msg::timestamp(&name)
        } else {
            name
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    Ok(names.join(", "))
}

/// The `SignedData` of a `ContentInfo` blob (zero-padded, BER or DER).
fn signed_data(blob: &[u8]) -> Result<SignedDataParts, String> {
    // The hex string is zero-padded; the DER length tells where it ends.
    // BER (indefinite lengths) is rewritten as DER first.
    let der = ber::to_der(blob).ok_or_else(|| msg::cms_unreadable(Cms::NotAsn1))?;
    let ci = cms::content_info::ContentInfo::from_der(&der)
        .map_err(|e| msg::cms_unreadable(Cms::ContentInfo(&e.to_string())))?;
    if ci.content_type != OID_SIGNED_DATA {
        return Err(msg::cms_unreadable(Cms::NotSignedData));
    }
    let sd_der = ci
        .content
        .to_der()
        .map_err(|e| msg::cms_unreadable(Cms::SignedData(&e.to_string())))?;
    let sd =
        SignedDataParts::parse(&sd_der).ok_or_else(|| msg::cms_unreadable(Cms::SignedDataShape))?;
    if sd.signer_infos.is_empty() {
        return Err(msg::cms_unreadable(Cms::NoSignerInfo));
    }
    Ok(sd)
}

/// One `SignerInfo`'s `messageDigest` against what it signs.
fn verify_signer(sd: &SignedDataParts, si: &SignerInfo, ranges: Ranges<'_>) -> Result<(), String> {
    let alg = digest_alg(&si.digest_alg)?;
    let attrs = si
        .signed_attrs
        .as_ref()
        .ok_or_else(msg::no_signed_attributes)?;
    let md = attrs
        .iter()
        .find(|a| a.oid == OID_MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .filter(|v| v.tag() == der::Tag::OctetString)
        .map(|v| v.value().to_vec())
        .ok_or_else(|| msg::cms_unreadable(Cms::NoMessageDigest))?;
    let Some(content) = &sd.econtent else {
        // Detached signature (adbe.pkcs7.detached, ETSI.CAdES.detached).
        return same(ranges(alg)?, &md);
    };
    // messageDigest covers the encapsulated content …
    same(alg.digest(&[content]), &md)?;
    // … which in turn carries the digest of the PDF bytes.
    let (inner_alg, inner) = if sd.econtent_type == OID_TST_INFO {
        tst_imprint(content).ok_or_else(|| msg::cms_unreadable(Cms::TstInfo))?
    } else if sd.econtent_type == OID_DATA {
        // adbe.pkcs7.sha1: the content is the raw digest.
        let a = Alg::by_len(content.len()).ok_or_else(|| msg::cms_unreadable(Cms::NotADigest))?;
        (a, content.clone())
    } else {
        let oid = sd.econtent_type.to_string();
        return Err(msg::cms_unreadable(Cms::ContentType(&oid)));
    };
    same(ranges(inner_alg)?, &inner)
}

fn same(digest: Vec<u8>, signed: &[u8]) -> Result<(), String> {
    if digest == signed {
        Ok(())
    } else {
        Err(msg::MISMATCH.to_string())
    }
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
        let kids = ber::children(ber::sequence(sd)?)?;
        // version, digestAlgorithms, encapContentInfo, [0] certs, [1] crls, signerInfos
        let encap_kids = ber::children(ber::content(kids.get(2), 0x30)?)?;
        let (t, _, full) = encap_kids.first().copied()?;
        if t != 0x06 {
            return None;
        }
        let econtent_type = ObjectIdentifier::from_der(full).ok()?;
        let econtent = match ber::content(encap_kids.get(1), 0xA0) {
            Some(inner) => Some(ber::content(ber::tlv(inner).as_ref(), 0x04)?.to_vec()),
            None => None,
        };
        let mut certificates = Vec::new();
        if let Some(&(_, certs, _)) = kids.iter().skip(3).find(|k| k.0 == 0xA0) {
            for (t, _, full) in ber::children(certs)? {
                if t == 0x30 {
                    certificates.push(full.to_vec());
                }
            }
        }
        let sis = ber::content(kids.last(), 0x31).filter(|_| kids.len() >= 4)?;
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
    let kids = ber::children(ber::sequence(tst)?)?;
    // version INTEGER, policy OID, messageImprint SEQUENCE { AlgorithmIdentifier, OCTET STRING }
    let imprint = ber::children(ber::content(kids.get(2), 0x30)?)?;
    let alg = ber::children(ber::content(imprint.first(), 0x30)?)?;
    let hashed = ber::content(imprint.get(1), 0x04)?;
    let (t, _, oid_full) = alg.first().copied()?;
    if t != 0x06 {
        return None;
    }
    let oid = ObjectIdentifier::from_der(oid_full).ok()?;
    Some((Alg::from_oid(&oid)?, hashed.to_vec()))
}
