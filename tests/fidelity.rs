//! PDF and DOCX are the same document on paper: every DOCX hoso writes, printed by LibreOffice
//! (`soffice --headless --convert-to pdf`, as an officer who edits and prints it would), has the
//! same pages as the PDF typst wrote: same page count, same text on each page (pdftotext per page,
//! whitespace folded). Checked on the example dossier and on a complete dossier of every set.
mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Documents whose pages may hold other lines, with the reason; their page counts must still agree
/// within one page (measured on 2026-12-02: equal page counts on every document, see the report
/// this test prints). Exact equality is impossible there: the file names in their narrow table cells
/// are longer than the cell is wide, and LibreOffice breaks them elsewhere than typst does (in a
/// cell it splits "Ke-hoach-CDS-nam-2024.pdf" between letters, "…-202|4.pdf", where typst breaks
/// after a hyphen, "…-CDS-|nam…"), so a cell gets another number of lines, and from there on the
/// rows stand higher or lower and a page may break before another row.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    ("BangKe-", "file paths in the Tên tệp column"),
    (
        "PhuLuc01-",
        "evidence file names in the Tài liệu minh chứng column",
    ),
    // Measured on the example (2026-12-02): every line of page 1 stands within 1 pt in both
    // printings, but the PDF's page 1 ends 2 pt above the bottom margin with the signature row
    // (its 25 mm room included) and the organisation's 15 mm corner above the header; LibreOffice
    // lays that table row ≈ 3 pt taller and moves it to page 2.
    (
        "Mau-2.6-",
        "the signature row at the foot of a full page (2 pt of slack in the PDF)",
    ),
];

/// The text of each page of a PDF, whitespace folded (pdftotext ends every page with a form feed).
/// Pages are compared by their words: pdftotext reads the cells of a table row in an order that
/// depends on sub-point offsets of their lines, which is not what the printed page shows.
fn pages(pdf: &Path) -> Vec<String> {
    let text = pdftotext_raw(pdf, false);
    let mut v: Vec<String> = text.split('\u{c}').map(flat).collect();
    if v.last().is_some_and(String::is_empty) {
        v.pop();
    }
    v
}

/// Converts every DOCX of `docx` to PDF in `out` with one LibreOffice run and a private profile.
fn soffice_to_pdf(docx: &[PathBuf], out: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", profile.path().display());
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation={url}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out)
        .args(docx)
        .output()
        .expect("soffice (libreoffice-writer-nogui) is installed");
    assert!(
        status.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// For each document: (PDF pages, DOCX pages, the pages whose text differs).
type Report = BTreeMap<String, (usize, usize, Vec<usize>)>;

/// Builds nothing: compares `dir`'s PDFs with LibreOffice's printing of its DOCX files, which are
/// copied under `prefix` so that many dossiers convert in one run.
fn stage(dir: &Path, prefix: &str, staging: &Path) -> Vec<(String, PathBuf)> {
    files_with(dir, "docx")
        .into_iter()
        .map(|d| {
            let stem = d.file_stem().unwrap().to_string_lossy().into_owned();
            let name = format!("{prefix}{stem}");
            std::fs::copy(&d, staging.join(format!("{name}.docx"))).unwrap();
            (name, dir.join(format!("{stem}.pdf")))
        })
        .collect()
}

fn compare(docs: &[(String, PathBuf)], staging: &Path) -> Report {
    let out = staging.join("pdf");
    std::fs::create_dir_all(&out).unwrap();
    let docx: Vec<PathBuf> = docs
        .iter()
        .map(|(n, _)| staging.join(format!("{n}.docx")))
        .collect();
    soffice_to_pdf(&docx, &out);
    let mut report = Report::new();
    for (name, pdf) in docs {
        let typst = pages(pdf);
        let office = pages(&out.join(format!("{name}.pdf")));
        let pages = 0..typst.len().max(office.len());
        let words = |p: &Vec<String>, i: usize| {
            let mut w: Vec<&str> = p.get(i).map_or("", |s| s.as_str()).split(' ').collect();
            w.sort_unstable();
            w.join(" ")
        };
        let differ = pages
            .clone()
            .filter(|&i| words(&typst, i) != words(&office, i))
            .map(|i| i + 1)
            .collect();
        let reordered: Vec<usize> = pages
            .filter(|&i| typst.get(i) != office.get(i) && words(&typst, i) == words(&office, i))
            .map(|i| i + 1)
            .collect();
        if !reordered.is_empty() {
            println!(
                "{name}: same words, other reading order of table cells on pages {reordered:?}"
            );
        }
        report.insert(name.clone(), (typst.len(), office.len(), differ));
    }
    report
}

/// Every document prints alike, or within its known difference (at most one page).
fn assert_alike(report: &Report, docs: &[(String, PathBuf)], staging: &Path) {
    let mut failures = Vec::new();
    for (name, (p, d, differ)) in report {
        println!("{name}: PDF {p} trang, DOCX (LibreOffice) {d} trang, trang khác: {differ:?}");
        let known = KNOWN_DIFFERENCES.iter().find(|(k, _)| name.contains(k));
        let ok = match known {
            None => p == d && differ.is_empty(),
            Some(_) => p.abs_diff(*d) <= 1,
        };
        if !ok {
            failures.push(format!(
                "{name}: PDF {p} pages, DOCX {d} pages, pages with other text {differ:?}"
            ));
        }
    }
    if !failures.is_empty() {
        // For people: both printings of each document that differs, side by side.
        let keep = repo().join("target/fidelity");
        std::fs::create_dir_all(&keep).ok();
        for f in &failures {
            let name = f.split(':').next().unwrap_or_default();
            let office = staging.join("pdf").join(format!("{name}.pdf"));
            std::fs::copy(&office, keep.join(format!("{name}.docx.pdf"))).ok();
            if let Some((_, pdf)) = docs.iter().find(|(n, _)| n == name) {
                std::fs::copy(pdf, keep.join(format!("{name}.pdf"))).ok();
            }
        }
    }
    assert!(
        failures.is_empty(),
        "PDF and DOCX paginate differently (both printings in target/fidelity):\n{}",
        failures.join("\n")
    );
}

#[test]
fn example_dossier_prints_alike_as_pdf_and_docx() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let r = build(&repo().join("evidence-layout/vi-du"), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    let staging = tmp.path().join("s");
    std::fs::create_dir_all(&staging).unwrap();
    let docs = stage(&out, "", &staging);
    assert!(docs.len() >= 9, "{docs:?}");
    let report = compare(&docs, &staging);
    // Mẫu 01 of the example is several pages long: the comparison is not trivially one page.
    let m01 = &report["Mau01-BaoCao-Tan-Phuc-2024"];
    assert!(m01.0 >= 5, "{m01:?}");
    assert_alike(&report, &docs, &staging);
}

#[test]
fn every_set_prints_alike_as_pdf_and_docx() {
    let tmp = tempfile::tempdir().unwrap();
    let staging = tmp.path().join("s");
    std::fs::create_dir_all(&staging).unwrap();
    let mut docs = Vec::new();
    let mut keep = Vec::new();
    for id in set_ids() {
        let (dossier_tmp, dir) = complete_from_init(&id);
        let out = tmp.path().join(&id);
        let r = build(&dir, &out, &[]);
        assert_eq!(r.code, 0, "{id}: {}", r.all());
        docs.extend(stage(&out, &format!("{id}--"), &staging));
        keep.push(dossier_tmp);
    }
    assert!(docs.len() >= 22, "{}", docs.len());
    let report = compare(&docs, &staging);
    assert_alike(&report, &docs, &staging);
}
