//! The package: `sha256sum -c` and bagit.py validate what hoso wrote; `hoso verify` names every
//! changed, missing, added or renamed file and an edited manifest; unsafe zips are refused.

mod common;
use common::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn built() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let r = run(&[
        "build",
        repo().join("evidence-layout/vi-du").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
    let zip = out.join("HoSo-Tan-Phuc-thanh-hoa-cds-xa-2024-chua-ky.zip");
    (tmp, zip)
}

/// Unzips with Python's zipfile (an outside reader), returns the bag root.
fn extract(zip: &Path, to: &Path) -> PathBuf {
    let r = py(
        "import zipfile,sys\nzipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
        &[zip.to_str().unwrap(), to.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    to.join(zip.file_stem().unwrap())
}

#[test]
fn sha256sum_and_bagit_validate_the_package() {
    let (tmp, zip) = built();
    // <zip>.sha256 checks with sha256sum.
    let ok = Command::new("sha256sum")
        .arg("-c")
        .arg(zip.with_extension("zip.sha256"))
        .current_dir(zip.parent().unwrap())
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let bag = extract(&zip, &tmp.path().join("x"));
    for f in [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
    ] {
        assert!(bag.join(f).is_file(), "{f}");
    }
    let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
    assert!(
        info.contains("Source-Organization: UBND xã Tân Phúc"),
        "{info}"
    );
    assert!(info.contains("Bagging-Date: 2024-11-10"), "{info}");
    assert!(info.contains("Payload-Oxum: "), "{info}");
    assert!(
        info.contains("External-Description: ")
            && info.contains("thanh-hoa-cds-xa")
            && info.contains("2024"),
        "{info}"
    );
    let c = Command::new("sha256sum")
        .args(["-c", "--strict", "manifest-sha256.txt"])
        .current_dir(&bag)
        .output()
        .unwrap();
    assert!(
        c.status.success(),
        "sha256sum -c: {}",
        String::from_utf8_lossy(&c.stdout)
    );
    let manifest = std::fs::read_to_string(bag.join("manifest-sha256.txt")).unwrap();
    assert!(manifest.contains("  data/minh-chung/1 Chính quyền số/1.1 Kế hoạch chuyển đổi số/Ke-hoach-CDS-nam-2024.pdf\n"), "spaces and Vietnamese names");
    assert!(manifest.contains("  data/ho-so/Mau01-BaoCao-Tan-Phuc-2024.pdf\n"));
    assert!(manifest.contains("  data/ho-so/BangKe-Tan-Phuc-2024.pdf\n"));
    let b = py(
        "import bagit,sys\nbagit.Bag(sys.argv[1]).validate()\nprint('ok')",
        &[bag.to_str().unwrap()],
    );
    assert_eq!(b.code, 0, "bagit.py validate: {}", b.stderr);
    assert_eq!(run(&["verify", zip.to_str().unwrap()]).code, 0);
    assert_eq!(run(&["verify", bag.to_str().unwrap()]).code, 0);
}

#[test]
fn verify_names_each_change() {
    let (tmp, zip) = built();
    let fresh = |name: &str| extract(&zip, &tmp.path().join(name));
    let pdf =
        "data/minh-chung/1 Chính quyền số/1.9 Trang thông tin điện tử/Thong-ke-tin-bai-2024.pdf";
    // A flipped byte.
    let bag = fresh("flip");
    let mut bytes = std::fs::read(bag.join(pdf)).unwrap();
    bytes[100] ^= 0x01;
    std::fs::write(bag.join(pdf), bytes).unwrap();
    let r = run(&["verify", bag.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("Thong-ke-tin-bai-2024.pdf") && r.stdout.contains("thay đổi"),
        "{}",
        r.stdout
    );
    // A removed file.
    let bag = fresh("rm");
    std::fs::remove_file(bag.join(pdf)).unwrap();
    let r = run(&["verify", bag.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("Thiếu") && r.stdout.contains("Thong-ke-tin-bai-2024.pdf"),
        "{}",
        r.stdout
    );
    // An added file.
    let bag = fresh("add");
    std::fs::write(bag.join("data/minh-chung/them.pdf"), tiny_pdf("x")).unwrap();
    let r = run(&["verify", bag.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("them.pdf"), "{}", r.stdout);
    // A renamed file: one missing, one added.
    let bag = fresh("mv");
    std::fs::rename(bag.join(pdf), bag.join("data/minh-chung/doi-ten.pdf")).unwrap();
    let r = run(&["verify", bag.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("doi-ten.pdf") && r.stdout.contains("Thong-ke-tin-bai-2024.pdf"),
        "{}",
        r.stdout
    );
    // An edited manifest (the tag manifest catches it).
    let bag = fresh("tag");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(bag.join("manifest-sha256.txt"))
        .unwrap();
    writeln!(f, "{}  data/khong-co.pdf", "0".repeat(64)).unwrap();
    let r = run(&["verify", bag.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("manifest-sha256.txt"), "{}", r.stdout);
    // A flipped byte inside the zip itself (a stored PDF entry).
    let mut z = std::fs::read(&zip).unwrap();
    let needle = b"Thong-ke-tin-bai-2024.pdf";
    let at = z.windows(needle.len()).position(|w| w == needle).unwrap();
    let target = at + needle.len() + 200;
    z[target] ^= 0x20;
    let bad = tmp.path().join("bad.zip");
    std::fs::write(&bad, z).unwrap();
    let r = run(&["verify", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.all());
}

#[test]
fn unsafe_zip_entries_are_refused_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let evil = tmp.path().join("evil.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&evil).unwrap());
    let o: zip::write::SimpleFileOptions = zip::write::SimpleFileOptions::default();
    w.start_file("bag/bagit.txt", o).unwrap();
    w.write_all(b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
        .unwrap();
    w.start_file("bag/../../evil.txt", o).unwrap();
    w.write_all(b"x").unwrap();
    w.finish().unwrap();
    let before: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    let r = run_in(tmp.path(), &["verify", evil.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.stdout.contains("evil.txt"), "{}", r.stdout);
    let after: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(before, after);
    assert!(!tmp.path().parent().unwrap().join("evil.txt").exists());
}

#[test]
fn a_signed_pdf_altered_inside_a_package_is_reported_by_verify() {
    // The bag's hashes are recomputed after the edit, so only the signature check can tell.
    let d = thanh_hoa_complete();
    d.file(
        "1.1 Minh chứng/da-ky.pdf",
        std::fs::read(repo().join("tests/fixtures/signed.pdf")).unwrap(),
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    assert_eq!(
        run(&["build", &d.p(), "--out", out.to_str().unwrap()]).code,
        0
    );
    let zip = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "zip"))
        .unwrap();
    let bag = extract(&zip, &tmp.path().join("x"));
    let rel = "data/minh-chung/1.1 Minh chứng/da-ky.pdf";
    std::fs::copy(
        repo().join("tests/fixtures/signed-tampered.pdf"),
        bag.join(rel),
    )
    .unwrap();
    // Re-hash as a forger would: manifest and tag manifest made to match.
    let r = py(
        "import bagit,sys\nb=bagit.Bag(sys.argv[1])\nb.save(manifests=True)",
        &[bag.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = run(&["verify", bag.to_str().unwrap()]);
    assert_eq!(v.code, 1, "{}", v.all());
    assert!(
        v.stdout.contains("da-ky.pdf") && v.stdout.contains("không còn khớp"),
        "{}",
        v.stdout
    );
}

#[test]
fn a_dossier_with_a_large_generated_file_builds_and_verifies() {
    let d = thanh_hoa_complete();
    // 1 GiB video, sparse: a valid MP4 header, then zeros.
    let path = d.path().join("1.10 Minh chứng/video-tap-huan.mp4");
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(&[
        0, 0, 0, 0x18, b'f', b't', b'y', b'p', b'i', b's', b'o', b'm', 0, 0, 2, 0, b'i', b's',
        b'o', b'm', b'm', b'p', b'4', b'1',
    ])
    .unwrap();
    f.set_len(1 << 30).unwrap();
    drop(f);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let r = run(&["build", &d.p(), "--out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.all());
    let zip = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "zip"))
        .unwrap();
    assert!(
        std::fs::metadata(&zip).unwrap().len() > 1 << 30,
        "media are stored, not recompressed"
    );
    assert_eq!(run(&["verify", zip.to_str().unwrap()]).code, 0);
}

/// A package cut short in transfer: told in Vietnamese (not the zip library's English), with what
/// a receiver can do — ask for it again.
#[test]
fn a_package_cut_short_asks_the_sender_for_it_again() {
    let (tmp, zip) = built();
    let bytes = std::fs::read(&zip).unwrap();
    let cut = tmp.path().join("cut.zip");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let r = run(&["verify", cut.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.all());
    let all = r.all();
    assert!(
        all.contains("hỏng hoặc bị cắt cụt") && all.contains("gửi lại gói"),
        "{all}"
    );
    assert!(
        !all.contains("EOCD") && !all.contains("invalid Zip"),
        "{all}"
    );
}
