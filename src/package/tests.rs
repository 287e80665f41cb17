//! Unit tests of the package stage (zip, BagIt manifest, determinism), on a BagInfo and evidence
//! files with Vietnamese names and spaces plus generated documents held in memory.

use super::*;
use std::fs;
use std::path::Path;
use std::process::Command;
use unicode_normalization::UnicodeNormalization;

pub(super) const BAG: &str = "Xã Tân Phú - Bộ 1 - 2025";

pub(super) fn info() -> BagInfo {
    BagInfo {
        bag_name: BAG.into(),
        source_organization: "UBND xã Tân Phú".into(),
        bagging_date: (2025, 3, 15),
        external_description: "Bộ tiêu chí chuyển đổi số cấp xã, năm 2025".into(),
        extra: vec![("Bag-Software-Agent".into(), "hoso 0.1.0".into())],
    }
}

/// Evidence files with spaces and Vietnamese letters, plus generated documents in memory.
pub(super) fn fixture(dir: &Path) -> Vec<Entry> {
    let files: &[(&str, Vec<u8>)] = &[
        (
            "Biên bản họp dân.txt",
            "Nội dung biên bản\n".repeat(500).into_bytes(),
        ),
        (
            "ảnh/Ảnh chụp 01.jpg",
            (0..70_000u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
        ("hồ sơ/tài liệu có dấu cách.pdf", b"%PDF-1.7 fake".to_vec()),
        ("hồ sơ/rỗng.txt", Vec::new()),
    ];
    let mut entries = Vec::new();
    for (rel, content) in files {
        let p = dir.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, content).unwrap();
        entries.push(Entry::file(format!("minh-chung/{rel}"), p));
    }
    entries.push(Entry::bytes(
        "ket-qua.json",
        b"{\"ket_qua\": \"Dat\"}\n".to_vec(),
    ));
    // Given in NFD: must come out NFC.
    entries.push(Entry::bytes(
        "Mẫu 01 - Báo cáo.docx".nfd().collect::<String>(),
        vec![1, 2, 3],
    ));
    entries
}

pub(super) fn build(work: &Path, out: &Path) -> PackageSummary {
    let entries = fixture(&work.join("ev"));
    let hashes = hash_entries(&entries, &Silent).unwrap();
    write_package(out, &info(), &entries, &hashes, &Silent).unwrap()
}

pub(super) fn have(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Extracts with Python's zipfile (not our code) into `dest`; returns the bag root.
pub(super) fn extract(zip: &Path, dest: &Path) -> std::path::PathBuf {
    let st = Command::new("python3")
        .args([
            "-c",
            "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
        ])
        .arg(zip)
        .arg(dest)
        .status()
        .expect("python3");
    assert!(st.success());
    dest.join(BAG)
}

pub(super) fn problems(r: &VerifyReport) -> Vec<Problem> {
    r.problems.clone()
}

#[test]
fn hashes_known_values() {
    let h = hash_entries(&[Entry::bytes("a", b"abc".to_vec())], &Silent).unwrap();
    assert_eq!(
        h[0].sha256,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(h[0].size, 3);
    let missing = hash_entries(&[Entry::file("x", "/nonexistent/x")], &Silent);
    assert!(missing.unwrap_err().contains("/nonexistent/x"));
}

#[test]
fn paths_and_encoding() {
    assert_eq!(encode_path("a%b\r\nc d"), "a%b%0D%0Ac d");
    assert_eq!(decode_path("a%25b%0d%0Ac%20d"), "a%b\r\nc%20d");
    for bad in [
        "",
        "/etc/passwd",
        "../evil",
        "a/../b",
        "a//b",
        "./a",
        "a\\b",
        "C:/x",
        "a\nb",
    ] {
        assert!(!is_safe_rel(bad, false), "{bad:?}");
    }
    assert!(is_safe_rel("data/Ảnh chụp/a b.jpg", false));
    assert!(is_safe_rel("bag/data/", true) && !is_safe_rel("bag/data/", false));
    assert!(
        is_precompressed("x/Ảnh.JPG") && !is_precompressed("a.txt") && !is_precompressed(".mp4")
    );
}

#[test]
fn package_layout() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    let s = build(t.path(), &out);
    assert_eq!(s.zip_path, out.join(format!("{BAG}.zip")));
    assert_eq!(s.files, 6);
    let sha_line = fs::read_to_string(out.join(format!("{BAG}.zip.sha256"))).unwrap();
    assert_eq!(sha_line, format!("{}  {BAG}.zip\n", s.zip_sha256));
    let names: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");

    // Entries: sorted, dated, 0644, media stored, text deflated, names NFC.
    let mut ar = zip::ZipArchive::new(fs::File::open(&s.zip_path).unwrap()).unwrap();
    let mut seen = Vec::new();
    for i in 0..ar.len() {
        let f = ar.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let t = f.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute()),
            (2025, 3, 15, 0, 0)
        );
        assert_eq!(f.unix_mode().unwrap() & 0o777, 0o644);
        let stored = f.compression() == zip::CompressionMethod::Stored;
        assert_eq!(stored, is_precompressed(&name), "{name}");
        assert_eq!(name, nfc(&name));
        seen.push(name);
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted);
    assert!(seen.contains(&format!("{BAG}/data/Mẫu 01 - Báo cáo.docx")));
    assert_eq!(seen[0], format!("{BAG}/bag-info.txt"));
}

#[test]
fn package_reading() {
    let t = tempfile::tempdir().unwrap();
    let s = build(t.path(), &t.path().join("out"));
    let bag_info = String::from_utf8(read_entry(&s.zip_path, "bag-info.txt").unwrap()).unwrap();
    assert!(bag_info.contains("Source-Organization: UBND xã Tân Phú\n"));
    assert!(bag_info.contains("Bagging-Date: 2025-03-15\n"));
    assert!(bag_info.contains(&format!("Payload-Oxum: {}.6\n", s.payload_bytes)));
    assert_eq!(
        read_entry(&s.zip_path, "ket-qua.json").unwrap(),
        b"{\"ket_qua\": \"Dat\"}\n"
    );
    assert_eq!(
        read_data(&s.zip_path, "minh-chung/hồ sơ/tài liệu có dấu cách.pdf").unwrap(),
        b"%PDF-1.7 fake"
    );
    assert!(read_data(&s.zip_path, "bag-info.txt").is_err());
    let listed = list_data(&s.zip_path).unwrap();
    assert_eq!(listed.len(), 6);
    assert!(listed.contains(&("minh-chung/hồ sơ/rỗng.txt".to_string(), 0)));
    let mut big = Vec::new();
    assert_eq!(
        copy_entry(&s.zip_path, "minh-chung/ảnh/Ảnh chụp 01.jpg", &mut big).unwrap(),
        70_000
    );

    let r = verify(&s.zip_path, &Silent).unwrap();
    assert!(r.ok, "{:?}", r.problems);
    assert_eq!((r.files_checked, r.bag_name.as_str()), (9, BAG));
}

/// Outside tools: sha256sum -c in the bag root and beside the zip, bagit.py --validate.
#[test]
fn package_checked_by_outside_tools() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    let s = build(t.path(), &out);
    let root = extract(&s.zip_path, &t.path().join("x"));
    assert!(verify(&root, &Silent).unwrap().ok);
    if have("sha256sum", "--version") {
        let st = Command::new("sha256sum")
            .args(["-c", "--strict", "manifest-sha256.txt"])
            .current_dir(&root)
            .status()
            .unwrap();
        assert!(st.success(), "sha256sum -c manifest-sha256.txt");
        let st = Command::new("sha256sum")
            .args(["-c", "tagmanifest-sha256.txt"])
            .current_dir(&root)
            .status();
        assert!(st.unwrap().success());
        let st = Command::new("sha256sum")
            .arg("-c")
            .arg(format!("{BAG}.zip.sha256"))
            .current_dir(&out)
            .status();
        assert!(st.unwrap().success());
    } else {
        eprintln!("NOTE: sha256sum not found; skipped `sha256sum -c`");
    }
    if have_bagit() {
        let o = Command::new("python3")
            .args(["-m", "bagit", "--validate"])
            .arg(&root)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "bagit.py: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    } else {
        eprintln!("NOTE: python bagit not installed; skipped `bagit.py --validate`");
    }
}

fn have_bagit() -> bool {
    Command::new("python3")
        .args(["-c", "import bagit"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn rebuilds_are_byte_identical() {
    let t = tempfile::tempdir().unwrap();
    let a = build(t.path(), &t.path().join("a"));
    let b = build(t.path(), &t.path().join("b"));
    assert_eq!(
        fs::read(&a.zip_path).unwrap(),
        fs::read(&b.zip_path).unwrap()
    );
    assert_eq!(a.zip_sha256, b.zip_sha256);
    let c = build(t.path(), &t.path().join("a")); // over the previous one
    assert_eq!(c.zip_sha256, a.zip_sha256);
}

/// `%` in a file name is written as it is, so `sha256sum -c` and bagit.py 1.9 (which decode
/// nothing) check it; a bag from a strict RFC 8493 tool (`%25`) still verifies.
#[test]
fn percent_in_names_is_encoded() {
    let t = tempfile::tempdir().unwrap();
    let entries = vec![Entry::bytes("100% hoàn thành.txt", b"x".to_vec())];
    let hashes = hash_entries(&entries, &Silent).unwrap();
    let s = write_package(t.path(), &info(), &entries, &hashes, &Silent).unwrap();
    let manifest =
        String::from_utf8(read_entry(&s.zip_path, "manifest-sha256.txt").unwrap()).unwrap();
    assert!(manifest.ends_with("  data/100% hoàn thành.txt\n"));
    assert!(verify(&s.zip_path, &Silent).unwrap().ok);
    let root = extract(&s.zip_path, &t.path().join("x"));
    assert!(verify(&root, &Silent).unwrap().ok);
    // A bag written by a strict RFC 8493 tool (tag manifest rewritten to match).
    let m = manifest.replace("100%", "100%25");
    fs::write(root.join("manifest-sha256.txt"), &m).unwrap();
    let tm = bag::tagmanifest_txt(&[
        ("bagit.txt", bag::BAGIT_TXT.as_bytes()),
        (
            "bag-info.txt",
            &fs::read(root.join("bag-info.txt")).unwrap(),
        ),
        ("manifest-sha256.txt", m.as_bytes()),
    ]);
    fs::write(root.join("tagmanifest-sha256.txt"), tm).unwrap();
    assert!(verify(&root, &Silent).unwrap().ok);
}

#[test]
fn bad_inputs_are_refused_and_leave_nothing() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    let ok = |p: &str| vec![Entry::bytes(p, b"x".to_vec())];
    for bad in [
        ok("../x"),
        ok("/abs"),
        ok("a\\b"),
        [ok("a"), ok("a/b")].concat(),
        [ok("a"), ok("a")].concat(),
    ] {
        let h = hash_entries(&bad, &Silent).unwrap();
        assert!(write_package(&out, &info(), &bad, &h, &Silent).is_err());
    }
    // A file that changes between hashing and packaging: error, and no output under a final name.
    let f = t.path().join("grow.txt");
    fs::write(&f, b"abc").unwrap();
    let e = vec![
        Entry::file("grow.txt", &f),
        Entry::bytes("z.txt", b"z".to_vec()),
    ];
    let h = hash_entries(&e, &Silent).unwrap();
    fs::write(&f, b"abcdef").unwrap();
    let err = write_package(&out, &info(), &e, &h, &Silent).unwrap_err();
    assert!(err.contains("grow.txt"), "{err}");
    let left: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A sparse 5 GiB file (stored, after it another entry at an offset > 4 GiB): zip64 both ways.
/// Writes 5 GiB to the temp dir; run with `cargo test --release -- --ignored`.
#[test]
#[ignore]
fn five_gib_sparse_file_uses_zip64_and_verifies() {
    let t = tempfile::tempdir().unwrap();
    let big = t.path().join("big.mp4");
    let f = fs::File::create(&big).unwrap();
    f.set_len(5 << 30).unwrap();
    drop(f);
    let entries = vec![
        Entry::file("video/big.mp4", &big),
        Entry::bytes("z-after.txt", b"after".to_vec()),
    ];
    let t0 = std::time::Instant::now();
    let hashes = hash_entries(&entries, &Silent).unwrap();
    let s = write_package(&t.path().join("out"), &info(), &entries, &hashes, &Silent).unwrap();
    eprintln!("build 5 GiB: {:?}", t0.elapsed());
    assert!(fs::metadata(&s.zip_path).unwrap().len() > 5 << 30);
    let t1 = std::time::Instant::now();
    let r = verify(&s.zip_path, &Silent).unwrap();
    eprintln!("verify 5 GiB: {:?}", t1.elapsed());
    assert!(r.ok, "{:?}", r.problems);
    assert!(list_data(&s.zip_path)
        .unwrap()
        .contains(&("video/big.mp4".into(), 5 << 30)));
    assert_eq!(read_entry(&s.zip_path, "z-after.txt").unwrap(), b"after");
    if have("unzip", "-v") {
        let o = Command::new("unzip")
            .arg("-tq")
            .arg(&s.zip_path)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "unzip -t: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
}
