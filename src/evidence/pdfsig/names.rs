//! Who signed: the subject CN of the certificate a `SignerInfo` names, decoded with `x509-cert`
//! (through `cms`). Shared by the integrity check (the name it lists) and `signers` (the name a
//! level above shows).

use cms::cert::x509::name::Name;
use cms::cert::x509::Certificate;
use cms::signed_data::SignerIdentifier;
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Tagged};

const OID_CN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const OID_SKI: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");

/// Subject CN of the certificate named by `sid` among `certs` (DER), if present.
pub(super) fn signer_cn(sid: &SignerIdentifier, certs: &[Vec<u8>]) -> Option<String> {
    let parsed: Vec<Certificate> = certs
        .iter()
        .filter_map(|c| Certificate::from_der(c).ok())
        .collect();
    signer_cn_of(sid, parsed.iter())
}

/// Subject CN of the certificate named by `sid` among decoded `certs`: by issuer and serial (or
/// the first of that serial), or by subject key identifier.
pub(in crate::evidence) fn signer_cn_of<'a>(
    sid: &SignerIdentifier,
    certs: impl Iterator<Item = &'a Certificate>,
) -> Option<String> {
    let hit = match sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => {
            let serial = ias.serial_number.as_bytes();
            let same_serial: Vec<&Certificate> = certs
                .filter(|c| c.tbs_certificate.serial_number.as_bytes() == serial)
                .collect();
            same_serial
                .iter()
                .find(|c| c.tbs_certificate.issuer == ias.issuer)
                .or_else(|| same_serial.first())
                .copied()
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => {
            let want = ski.0.as_bytes();
            certs
                .into_iter()
                .find(|c| key_identifier(c).as_deref() == Some(want))
        }
    }?;
    common_name(&hit.tbs_certificate.subject)
}

/// The certificate's subjectKeyIdentifier extension, if any.
fn key_identifier(cert: &Certificate) -> Option<Vec<u8>> {
    let ext = cert
        .tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .rev()
        .find(|e| e.extn_id == OID_SKI)?;
    let id = OctetString::from_der(ext.extn_value.as_bytes()).ok()?;
    Some(id.as_bytes().to_vec())
}

/// The last commonName (2.5.4.3) of a Name, decoded from its string type.
fn common_name(name: &Name) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == OID_CN)
        .rev()
        .find_map(|atv| directory_string(atv.value.tag(), atv.value.value()))
        .map(|s| s.trim().to_string())
}

/// A directory string's text: the byte strings as UTF-8, TeletexString as Latin-1 (what it is
/// in practice), BMPString as UTF-16BE.
fn directory_string(tag: der::Tag, v: &[u8]) -> Option<String> {
    use der::Tag;
    match tag {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::NumericString
        | Tag::VisibleString => Some(String::from_utf8_lossy(v).into_owned()),
        Tag::TeletexString => Some(v.iter().map(|&b| char::from(b)).collect()),
        Tag::BmpString => {
            let units: Vec<u16> = v
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::ber;
    use super::*;
    use crate::evidence::pdfobj::hex_decode;
    use cms::signed_data::SignerInfo;
    use proptest::prelude::*;

    /// The signer and the certificates (DER) of the fixture signed once.
    fn fixture() -> (SignerIdentifier, Vec<Vec<u8>>) {
        let pdf = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/signed.pdf"
        ))
        .unwrap();
        let at = memchr::memmem::find(&pdf, b"/Contents <").unwrap() + 11;
        let end = at + pdf[at..].iter().position(|&b| b == b'>').unwrap();
        let der = ber::to_der(&hex_decode(&pdf[at..end])).unwrap();
        // ContentInfo { type, [0] SignedData { …, [0] certificates, …, signerInfos } }, walked
        // tolerantly: the fixture's certificate set holds a duplicate, which `cms` refuses.
        let ci = ber::children(ber::sequence(&der).unwrap()).unwrap();
        let sd = ber::children(ber::sequence(ci[1].1).unwrap()).unwrap();
        let certs = sd.iter().find(|k| k.0 == 0xA0).unwrap().1;
        let certs = ber::children(certs)
            .unwrap()
            .iter()
            .map(|c| c.2.to_vec())
            .collect();
        let si = ber::children(sd.last().unwrap().1).unwrap()[0].2;
        (SignerInfo::from_der(si).unwrap().sid, certs)
    }

    #[test]
    fn the_fixture_names_its_signer() {
        let (sid, certs) = fixture();
        assert_eq!(signer_cn(&sid, &certs).as_deref(), Some("NGUYỄN VĂN A"));
        assert_eq!(signer_cn(&sid, &[]), None);
    }

    proptest! {
        #[test]
        fn mutated_certificates_never_panic(at in 0usize..4096, b in any::<u8>(), cut in 0usize..4096) {
            let (sid, mut certs) = fixture();
            let c = &mut certs[0];
            let n = c.len();
            c[at % n] = b;
            c.truncate(n - cut % n);
            // A damaged certificate names no one, or someone: never a panic.
            let _ = signer_cn(&sid, &certs);
        }

        #[test]
        fn arbitrary_bytes_name_no_one(c in proptest::collection::vec(any::<u8>(), 0..600)) {
            let (sid, _) = fixture();
            prop_assert_eq!(signer_cn(&sid, &[c]), None);
        }
    }
}
