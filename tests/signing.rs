//! Signing and submission, end to end with outside tools: pyHanko signs the documents `hoso build`
//! wrote into their empty fields (Mẫu 01: the chairman at box 7b, then the commune at box 8; the
//! annex at its top-right corner); pyHanko validates them and pdfplumber finds each widget inside
//! its ND30 box; nd30_check still passes; `hoso package` takes the signed files (in place or
//! beside), sha256sum and bagit validate the package, `hoso verify` names both signers of Mẫu 01,
//! an edited-then-signed copy is refused naming the file, a district sees the signatures in its
//! Mẫu 02, and ho-so.xml validates against forms/ho-so.xsd with xmllint.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const MAU01: &str = "Mau01-BaoCao-Tan-Phuc-2024.pdf";
const PHULUC: &str = "PhuLuc01-Tan-Phuc-2024.pdf";
const FINAL_ZIP: &str = "HoSo-Tan-Phuc-thanh-hoa-cds-xa-2024.zip";
const PREVIEW_ZIP: &str = "HoSo-Tan-Phuc-thanh-hoa-cds-xa-2024-chua-ky.zip";

fn build_into(dossier: &Path, out: &Path) {
    let r = run(&[
        "build",
        dossier.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
}

/// pyHanko signs `input` into the existing field `field` as `cn` (tests/fixtures/make_signed_pdf.py),
/// the visible signature drawn with the embedded Liberation Serif (pyHanko[opentype]).
fn sign(input: &Path, output: &Path, field: &str, cn: &str) {
    let script = repo().join("tests/fixtures/make_signed_pdf.py");
    let out = Command::new(python())
        .arg(&script)
        .args([input.to_str().unwrap(), output.to_str().unwrap()])
        .args(["--cn", cn, "--field", field, "--font"])
        .arg(repo().join("fonts/LiberationSerif-Regular.ttf"))
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "pyHanko sign {field}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn check_signed(args: &[&str]) -> String {
    let script = repo().join("tests/fixtures/check_signed.py");
    let out = Command::new(python())
        .arg(&script)
        .args(args)
        .output()
        .expect("python runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "check_signed.py {args:?}:\n{text}");
    text
}

/// nd30_check's problems for one file, the file's name taken out (the summary line dropped).
fn nd30_problems(file: &Path) -> Vec<String> {
    let out = Command::new(python())
        .arg(nd30_check())
        .arg(file)
        .output()
        .expect("python runs");
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.contains(" tệp, "))
        .map(|l| l.replace(&name, "F"))
        .collect()
}

/// Signing adds no layout problem: nd30_check says of the signed file what it says of the file
/// hoso generated (nothing, once every rule passes), fonts embedded and PDF/A declared.
fn nd30_same(signed: &Path, generated_bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let orig = dir.path().join(signed.file_name().unwrap());
    std::fs::write(&orig, generated_bytes).unwrap();
    let after = nd30_problems(signed);
    assert_eq!(
        after,
        nd30_problems(&orig),
        "nd30_check on {}",
        signed.display()
    );
    assert!(
        !after
            .iter()
            .any(|l| l.contains("phông") || l.contains("PDF/A")),
        "{after:?}"
    );
}

fn xmllint(xml: &Path) {
    let out = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(repo().join("forms/ho-so.xsd"))
        .arg(xml)
        .output()
        .expect("xmllint runs (libxml2-utils)");
    assert!(
        out.status.success(),
        "xmllint: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn extract(zip: &Path, to: &Path) -> PathBuf {
    let r = py(
        "import zipfile,sys\nzipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
        &[zip.to_str().unwrap(), to.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    to.join(zip.file_stem().unwrap())
}

fn tag(xml: &str, name: &str) -> String {
    let open = format!("<{name}>");
    let a = xml.find(&open).map(|i| i + open.len()).unwrap_or(0);
    let b = xml[a..].find('<').map(|i| a + i).unwrap_or(a);
    xml[a..b].to_string()
}

/// The example dossier with indicator 1.6's figure changed (45,15% → 46,15%).
fn changed_copy(root: &Path) -> PathBuf {
    let dir = root.join("vi-du-sua");
    let r = py(
        "import shutil,sys,openpyxl\nshutil.copytree(sys.argv[1], sys.argv[2])\np=sys.argv[2]+'/so-lieu.xlsx'\nwb=openpyxl.load_workbook(p)\nws=wb.active\nfor row in ws.iter_rows():\n  if row[0].value=='1.6': row[1].value='46,15%'\nwb.save(p)",
        &[
            repo().join("evidence-layout/vi-du").to_str().unwrap(),
            dir.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    dir
}

#[test]
fn sign_package_verify_and_the_district_sees_the_signatures() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("ket-qua");
    build_into(&repo().join("evidence-layout/vi-du"), &out);
    assert!(
        out.join(PREVIEW_ZIP).is_file(),
        "the preview zip is named as unsigned"
    );
    assert!(!out.join(FINAL_ZIP).exists());
    xmllint(&out.join("ho-so.xml"));

    // Mẫu 01 signed in place: the chairman (box 7b), then the commune's seal (box 8).
    let mau01 = out.join(MAU01);
    let mau01_generated = std::fs::read(&mau01).unwrap();
    let step = tmp.path().join("mau01-1.pdf");
    sign(&mau01, &step, "NguoiKy", "Lê Văn Hùng");
    sign(&step, &mau01, "CoQuan", "UBND xã Tân Phúc");
    let r = check_signed(&["report", mau01.to_str().unwrap(), "Lê Văn Hùng", "TỊCH"]);
    assert!(r.contains("SIG NguoiKy | Lê Văn Hùng | ok"), "{r}");
    assert!(r.contains("SIG CoQuan | UBND xã Tân Phúc | ok"), "{r}");
    // The annex signed beside, as a "_signed" copy; the original stays.
    let annex = out.join(PHULUC.replace(".pdf", "_signed.pdf"));
    sign(&out.join(PHULUC), &annex, "CoQuan", "UBND xã Tân Phúc");
    let r = check_signed(&["corner", annex.to_str().unwrap()]);
    assert!(r.contains("SIG CoQuan | UBND xã Tân Phúc | ok"), "{r}");
    // The list forms and the bảng kê carry the corner field too.
    for f in ["BangKe-Tan-Phuc-2024.pdf", "Mau-1.4-Tan-Phuc-2024.pdf"] {
        let s = tmp.path().join(format!("signed-{f}"));
        sign(&out.join(f), &s, "CoQuan", "UBND xã Tân Phúc");
        check_signed(&["corner", s.to_str().unwrap()]);
    }
    // Layout rules and PDF/A identification survive the signatures.
    nd30_same(&mau01, &mau01_generated);
    nd30_same(&annex, &std::fs::read(out.join(PHULUC)).unwrap());

    // An edited copy of Mẫu 01, then signed, is refused naming the file.
    let other = tmp.path().join("ket-qua-sua");
    build_into(&changed_copy(tmp.path()), &other);
    let forged = out.join(MAU01.replace(".pdf", "_sua.pdf"));
    sign(&other.join(MAU01), &forged, "NguoiKy", "Lê Văn Hùng");
    let r = run(&["package", out.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.all());
    let all = r.all();
    assert!(
        all.contains(forged.file_name().unwrap().to_str().unwrap())
            && all.contains("SHA-256")
            && all.contains("byte"),
        "{all}"
    );
    assert!(
        !out.join(FINAL_ZIP).exists(),
        "nothing written when refused"
    );
    std::fs::remove_file(&forged).unwrap();

    // Strict: the unsigned list forms and bảng kê are errors; default: warnings, package written.
    let strict = run(&["package", out.to_str().unwrap(), "--nghiem-ngat"]);
    assert_eq!(strict.code, 1, "{}", strict.all());
    assert!(
        strict.all().contains("BangKe-Tan-Phuc-2024.pdf"),
        "{}",
        strict.all()
    );
    let r = run(&["package", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.all().contains("chưa ký số"), "{}", r.all());
    let zip = out.join(FINAL_ZIP);
    assert!(zip.is_file());

    // Outside checkers on the final package.
    let ok = Command::new("sha256sum")
        .arg("-c")
        .arg(format!("{FINAL_ZIP}.sha256"))
        .current_dir(&out)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let bag = extract(&zip, &tmp.path().join("x"));
    let c = Command::new("sha256sum")
        .args(["-c", "--strict", "manifest-sha256.txt"])
        .current_dir(&bag)
        .output()
        .unwrap();
    assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stdout));
    let b = py(
        "import bagit,sys\nbagit.Bag(sys.argv[1]).validate()\nprint('ok')",
        &[bag.to_str().unwrap()],
    );
    assert_eq!(b.code, 0, "bagit: {}", b.stderr);
    // It holds the signed files.
    assert_eq!(
        std::fs::read(bag.join("data/ho-so").join(MAU01)).unwrap(),
        std::fs::read(&mau01).unwrap()
    );
    assert_eq!(
        std::fs::read(bag.join("data/ho-so").join(PHULUC)).unwrap(),
        std::fs::read(&annex).unwrap()
    );
    // ket-qua.json's signatures section.
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bag.join("data/ho-so/ket-qua.json")).unwrap())
            .unwrap();
    let m = j["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == MAU01)
        .unwrap();
    let sigs = m["signatures"].as_array().unwrap();
    assert_eq!(sigs.len(), 2, "{m}");
    assert_eq!(sigs[0]["field"], "NguoiKy");
    assert_eq!(sigs[0]["signer"], "Lê Văn Hùng");
    assert_eq!(sigs[1]["field"], "CoQuan");
    assert!(sigs[0]["time"].as_str().unwrap().starts_with("20"), "{m}");
    // ho-so.xml validates; DocTotal and PageTotal are the package's.
    let xml_path = bag.join("data/ho-so/ho-so.xml");
    xmllint(&xml_path);
    let xml = std::fs::read_to_string(&xml_path).unwrap();
    let pdfs: Vec<PathBuf> = std::fs::read_dir(bag.join("data/ho-so"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    let pages = py(
        "import sys,pdfplumber\nprint(sum(len(pdfplumber.open(p).pages) for p in sys.argv[1:]))",
        &pdfs.iter().map(|p| p.to_str().unwrap()).collect::<Vec<_>>(),
    );
    assert_eq!(tag(&xml, "DocTotal"), pdfs.len().to_string());
    assert_eq!(tag(&xml, "PageTotal"), pages.stdout.trim());

    // `hoso verify` names both signers of Mẫu 01 with their times.
    let v = run(&["verify", zip.to_str().unwrap()]);
    assert_eq!(v.code, 0, "{}", v.all());
    let line = v
        .stdout
        .lines()
        .find(|l| l.contains(MAU01))
        .unwrap_or_default()
        .to_string();
    assert!(
        line.contains("đã ký: Lê Văn Hùng, 20") && line.contains("; UBND xã Tân Phúc, 20"),
        "{}",
        v.stdout
    );
    assert!(
        v.stdout.contains("BangKe-Tan-Phuc-2024.pdf: chưa ký"),
        "{}",
        v.stdout
    );

    // A district receiving the package: Mẫu 02 section I states the signatures.
    let hd = tmp.path().join("huyen");
    write(&hd, "hoso.toml", DISTRICT_TOML);
    write(
        &hd,
        &format!("ho-so-xa/{FINAL_ZIP}"),
        std::fs::read(&zip).unwrap(),
    );
    let hout = tmp.path().join("huyen-out");
    let r = run(&[
        "build",
        hd.to_str().unwrap(),
        "--out",
        hout.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(
        r.stdout.contains(&format!("{MAU01}: đã ký: Lê Văn Hùng")),
        "{}",
        r.stdout
    );
    let mau02 = std::fs::read_dir(&hout)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with("Mau02") && n.ends_with(".pdf")
        })
        .expect("Mẫu 02 written");
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&mau02)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let i = text
        .find("I. VỀ HỒ SƠ")
        .or_else(|| text.find("Về hồ sơ"))
        .expect("section I");
    let section = &text[i..(i + 3000).min(text.len())];
    assert!(
        section.contains("văn bản của xã đã ký số") && section.contains("Lê Văn Hùng"),
        "{section}"
    );

    // Strict district: the preview (Mẫu 01 unsigned) is refused.
    let hd2 = tmp.path().join("huyen2");
    write(&hd2, "hoso.toml", DISTRICT_TOML);
    write(
        &hd2,
        &format!("ho-so-xa/{PREVIEW_ZIP}"),
        std::fs::read(out.join(PREVIEW_ZIP)).unwrap(),
    );
    let r = run(&["check", hd2.to_str().unwrap(), "--nghiem-ngat"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.all().contains("Mẫu 01) của xã Tân Phúc"), "{}", r.all());
}

const DISTRICT_TOML: &str = r#"bo_tieu_chi = "thanh-hoa-cds-xa"
nam = 2024
cap = "huyen"

[don_vi]
tinh = "Thanh Hóa"
huyen = "Hoằng Hóa"

[van_ban]
so = "45/BC-UBND"
ngay = 2024-11-25

[nguoi_ky]
tham_quyen = "KT. CHỦ TỊCH"
chuc_vu = "PHÓ CHỦ TỊCH"
ho_ten = "Nguyễn Văn An"
"#;

#[test]
fn package_outside_a_build_folder_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(&["package", tmp.path().to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.all().contains("ban-goc.json"), "{}", r.all());
}
