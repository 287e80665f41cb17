//! Paths and bytes as a Windows build must handle them, checked here on the Linux build (the same
//! checks run against hoso.exe under wine in scripts/windows-smoke.sh): a dossier in a folder with a
//! Vietnamese name with spaces gives the very package of the example, an output folder typed
//! relative to the dossier is refused, and every zip entry hoso writes (the package and each DOCX,
//! also the DOCX inside the package) records Unix as its maker, so a Windows build writes the same
//! bytes.

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

fn example_copy(parent: &Path, name: &str) -> PathBuf {
    let d = parent.join(name);
    copy_dir(&repo().join("evidence-layout/vi-du"), &d);
    d
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            (rel.into_owned(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// (version made by, external attributes) of every central-directory entry, read from the bytes
/// (end of central directory → each 46-byte header with its name, extra field and comment).
fn central_directory(zip: &[u8]) -> Vec<(u16, u32)> {
    let u16_at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]);
    let u32_at = |i: usize| u32::from_le_bytes(zip[i..i + 4].try_into().unwrap());
    let eocd = (0..=zip.len() - 22)
        .rev()
        .find(|&i| zip[i..i + 4] == *b"PK\x05\x06")
        .expect("end of central directory");
    let count = u16_at(eocd + 10) as usize;
    let mut at = u32_at(eocd + 16) as usize;
    let mut out = Vec::new();
    for _ in 0..count {
        assert_eq!(&zip[at..at + 4], b"PK\x01\x02", "central header at {at}");
        out.push((u16_at(at + 4), u32_at(at + 38)));
        at += 46 + u16_at(at + 28) as usize + u16_at(at + 30) as usize + u16_at(at + 32) as usize;
    }
    out
}

fn assert_made_on_unix(name: &str, zip: &[u8]) {
    let entries = central_directory(zip);
    assert!(!entries.is_empty(), "{name}: no entries");
    for (made_by, attrs) in entries {
        assert_eq!(
            made_by >> 8,
            3,
            "{name}: version made by {made_by:#06x} names no Unix"
        );
        assert_eq!(attrs >> 16, 0o100644, "{name}: attributes {attrs:#x}");
    }
}

#[test]
fn a_vietnamese_folder_name_with_spaces_gives_the_same_package() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = example_copy(tmp.path(), "vi-du");
    let spaced = example_copy(tmp.path(), "Hồ sơ xã Tân Phúc 2024");
    let a = tmp.path().join("ket-qua");
    let b = tmp.path().join("Kết quả năm 2024");
    let r = build(&plain, &a, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    let r = build(&spaced, &b, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(
        fa.iter().map(|f| &f.0).collect::<Vec<_>>(),
        fb.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in fa.iter().zip(&fb) {
        assert!(x == y, "{name} depends on the dossier's folder name");
    }
}

#[test]
fn every_zip_entry_records_unix_as_its_maker() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("ket-qua");
    let r = build(&repo().join("evidence-layout/vi-du"), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    let mut docx = 0;
    for (name, bytes) in files(&out) {
        if name.ends_with(".zip") || name.ends_with(".docx") {
            assert_made_on_unix(&name, &bytes);
            docx += name.ends_with(".docx") as usize;
        }
        if name.ends_with(".zip") {
            // The DOCX hoso wrote inside the package too (evidence files are the officer's, copied
            // byte for byte as they are: their zip entries say whatever made them).
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
            for i in 0..z.len() {
                let mut f = z.by_index(i).unwrap();
                let inner = f.name().unwrap().to_string();
                if inner.ends_with(".docx") && !inner.contains("/data/minh-chung/") {
                    let mut b = Vec::new();
                    std::io::Read::read_to_end(&mut f, &mut b).unwrap();
                    assert_made_on_unix(&inner, &b);
                }
            }
        }
    }
    assert!(docx >= 3, "only {docx} DOCX files were written");
}

#[test]
fn an_output_folder_typed_relative_to_the_dossier_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = example_copy(tmp.path(), "Hồ sơ xã");
    let before = files(&d);
    let r = run_in(&d, &["build", ".", "--out", "ket-qua"]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.stderr.contains("nằm trong thư mục hồ sơ"), "{}", r.stderr);
    let deeper = d.join("1 Chính quyền số").join("chưa có").join("ket-qua");
    let r = build(&d, &deeper, &[]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.stderr.contains("nằm trong thư mục hồ sơ"), "{}", r.stderr);
    assert!(files(&d) == before, "the dossier changed");
}

#[test]
fn no_arguments_print_the_usage_outside_windows() {
    // On Windows no arguments open the page (src/desktop.rs); elsewhere they are a usage error.
    let r = run(&[]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.stderr.contains("Usage"), "{}", r.stderr);
}
