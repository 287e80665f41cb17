//! The data files of `forms/` through `--forms`: every file (not only the criteria sets) can be
//! replaced by a folder's copy of the same name, and every file is validated at start-up, so a
//! broken one is named (exit 2) before any dossier is read. `hoso init` writes the same bytes
//! each time.

mod common;
use common::*;
use std::path::Path;

fn built_in(rel: &str) -> String {
    std::fs::read_to_string(repo().join("forms").join(rel)).unwrap()
}

/// The example dossier copied into `dir`.
fn example(dir: &Path) -> std::path::PathBuf {
    let d = dir.join("ho-so");
    copy_dir(&repo().join("evidence-layout/vi-du"), &d);
    d
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), &t).unwrap();
        }
    }
}

#[test]
fn a_broken_forms_file_is_named_before_anything_runs() {
    for rel in [
        "reports.toml",
        "levels.toml",
        "layout.toml",
        "list-forms.toml",
        "narrative.toml",
        "layout/chu-ky.toml",
        "chains/thanh-hoa-2023.toml",
    ] {
        let t = tempfile::tempdir().unwrap();
        write(t.path(), rel, built_in(rel) + "\n[[[ không hợp lệ\n");
        let r = run(&["--forms", t.path().to_str().unwrap(), "sets"]);
        assert_eq!(r.code, 2, "{rel}: {}", r.all());
        let name = rel.rsplit('/').next().unwrap();
        assert!(r.stderr.contains(name), "{rel}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{rel}: {}", r.stderr);
    }
}

#[test]
fn a_replaced_report_text_is_printed_in_both_formats() {
    let t = tempfile::tempdir().unwrap();
    let forms = t.path().join("forms");
    let text = built_in("reports.toml").replace(
        "motto = \"Độc lập - Tự do - Hạnh phúc\"",
        "motto = \"Độc lập - Tự do - Hạnh phúc (bản thử)\"",
    );
    assert!(text.contains("(bản thử)"));
    write(&forms, "reports.toml", text);
    let dossier = example(t.path());
    let out = t.path().join("ket-qua");
    let r = run(&[
        "--forms",
        forms.to_str().unwrap(),
        "build",
        dossier.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
    let pdf = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("Mau01")
                && p.extension().is_some_and(|e| e == "pdf")
        })
        .unwrap();
    let o = tool("pdftotext").arg(&pdf).arg("-").output().unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("(bản thử)"));
    let docx = pdf.with_extension("docx");
    let xml = unzip_entry(&docx, "word/document.xml");
    assert!(xml.contains("(bản thử)"));
    // Without the folder, the built-in text.
    let plain = t.path().join("ket-qua-2");
    let r = run(&[
        "build",
        dossier.to_str().unwrap(),
        "--out",
        plain.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(
        !unzip_entry(&plain.join(docx.file_name().unwrap()), "word/document.xml")
            .contains("(bản thử)")
    );
}

fn unzip_entry(zip: &Path, name: &str) -> String {
    let f = std::fs::File::open(zip).unwrap();
    let mut a = zip::ZipArchive::new(f).unwrap();
    let mut e = a.by_name(name).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut e, &mut s).unwrap();
    s
}

#[test]
fn init_writes_the_same_bytes_each_time() {
    let t = tempfile::tempdir().unwrap();
    let mut trees = Vec::new();
    for i in 0..2 {
        let d = t.path().join(format!("ho-so-{i}"));
        let r = run(&[
            "init",
            d.to_str().unwrap(),
            "--bo",
            "thanh-hoa-cds-xa",
            "--nam",
            "2025",
        ]);
        assert_eq!(r.code, 0, "{}", r.all());
        let mut files = Vec::new();
        for e in walkdir::WalkDir::new(&d).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(&d).unwrap().to_path_buf();
                files.push((rel, std::fs::read(e.path()).unwrap()));
            }
        }
        trees.push(files);
        // Workbooks used to carry the clock's second.
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    assert!(trees[0].iter().any(|(p, _)| p.ends_with("so-lieu.xlsx")));
    assert_eq!(trees[0], trees[1]);
}
