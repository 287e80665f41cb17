//! Tests of the signature check on the real fixtures (signed once, twice, timestamped,
//! tampered), their mutations, and BER re-encodings.

use super::cms::Alg;
use super::*;

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    memchr::memmem::find_iter(hay, needle).collect()
}

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
        SigStatus::Broken { reason } => assert_eq!(reason, msg::MISMATCH),
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
    use super::find_all;
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
