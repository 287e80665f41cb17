//! `hoso build` end to end: documents from the example dossier and from every criteria set, read
//! back by outside tools (poppler, nd30_check.py, python-docx, pyHanko); byte-identical rebuilds;
//! the evidence folder untouched; hostile text printed literally.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn example() -> PathBuf {
    repo().join("evidence-layout/vi-du")
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn pdftotext(pdf: &Path) -> String {
    flat(&pdftotext_raw(pdf, false))
}

fn docx_text(path: &Path) -> String {
    let r = py(
        "import docx,sys\nd=docx.Document(sys.argv[1])\nparts=[p.text for p in d.paragraphs]\ndef walk(t):\n  for row in t.rows:\n    for c in row.cells:\n      parts.append(c.text)\n      for n in c.tables: walk(n)\nfor t in d.tables: walk(t)\nprint('\\n'.join(parts))",
        &[path.to_str().unwrap()],
    );
    assert_eq!(
        r.code,
        0,
        "python-docx reads {}: {}",
        path.display(),
        r.stderr
    );
    r.stdout.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn example_dossier_builds_into_documents_that_meet_nd30() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("ket-qua");
    let before = snapshot(&example());
    let r = build(&example(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(
        snapshot(&example()),
        before,
        "the evidence folder is never written to"
    );
    for f in [
        "Mau01-BaoCao-Tan-Phuc-2024.pdf",
        "Mau01-BaoCao-Tan-Phuc-2024.docx",
        "PhuLuc01-Tan-Phuc-2024.pdf",
        "PhuLuc01-Tan-Phuc-2024.docx",
        "Mau-1.4-Tan-Phuc-2024.pdf",
        "Mau-2.5-Tan-Phuc-2024.pdf",
        "Mau-2.6-Tan-Phuc-2024.pdf",
        "Mau-3.3-Tan-Phuc-2024.pdf",
        "Mau-4.1-Tan-Phuc-2024.pdf",
        "Mau-4.5-Tan-Phuc-2024.docx",
        "BangKe-Tan-Phuc-2024.pdf",
        "BangKe-Tan-Phuc-2024.docx",
        "ket-qua.json",
        "HoSo-Tan-Phuc-thanh-hoa-cds-xa-2024-chua-ky.zip",
        "HoSo-Tan-Phuc-thanh-hoa-cds-xa-2024-chua-ky.zip.sha256",
    ] {
        assert!(
            out.join(f).is_file(),
            "{f} missing; out has {:?}",
            std::fs::read_dir(&out)
                .unwrap()
                .flatten()
                .map(|e| e.file_name())
                .collect::<Vec<_>>()
        );
    }
    let pdfs = files_with(&out, "pdf");
    nd30(&pdfs);
    // Every indicator code and displayed value is in the annex PDF and DOCX.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("ket-qua.json")).unwrap()).unwrap();
    let annex_pdf = pdftotext(&out.join("PhuLuc01-Tan-Phuc-2024.pdf"));
    let annex_docx = docx_text(&out.join("PhuLuc01-Tan-Phuc-2024.docx"));
    for i in json["indicators"].as_array().unwrap() {
        let code = i["code"].as_str().unwrap();
        let value = i["value"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for (what, text) in [("PDF", &annex_pdf), ("DOCX", &annex_docx)] {
            assert!(text.contains(code), "{what} annex lacks code {code}");
            assert!(
                value.is_empty() || text.contains(&value),
                "{what} annex lacks value {value} of {code}"
            );
        }
    }
    assert!(
        annex_pdf.contains("Đang triển khai"),
        "3.6 in progress is noted"
    );
    // Phụ lục 01 sums up; Mẫu 01 prints no verdict of its own (the seed's Mẫu 01 has none).
    for needle in [
        "đã hoàn thành 35/36 tiêu chí năm 2024, tỷ lệ đạt 97,22%",
        "Kết quả: KHÔNG ĐẠT",
    ] {
        assert!(annex_pdf.contains(needle), "Phụ lục 01 PDF lacks {needle}");
        assert!(
            annex_docx.contains(needle),
            "Phụ lục 01 DOCX lacks {needle}"
        );
    }
    // Mẫu 01: header block, signer; PDF and DOCX say the same.
    let m01_pdf = pdftotext(&out.join("Mau01-BaoCao-Tan-Phuc-2024.pdf"));
    let m01_docx = docx_text(&out.join("Mau01-BaoCao-Tan-Phuc-2024.docx"));
    for needle in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "XÃ TÂN PHÚC",
        "Số: 125/BC-UBND",
        "Tân Phúc, ngày 10 tháng 11 năm 2024",
        "BÁO CÁO",
        "I. CÔNG TÁC TỔ CHỨC TRIỂN KHAI THỰC HIỆN",
        "Chỉ tiêu đang triển khai: 3.6",
        "c) Đánh giá: Không đạt (đang triển khai).",
        "III. ĐÁNH GIÁ CHUNG",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "Lê Văn Hùng",
        "Thôn thông minh",
    ] {
        assert!(m01_pdf.contains(needle), "Mẫu 01 PDF lacks {needle}");
        assert!(m01_docx.contains(needle), "Mẫu 01 DOCX lacks {needle}");
    }
    for text in [&m01_pdf, &m01_docx] {
        assert!(!text.contains("Căn cứ kết quả tự đánh giá"), "{text}");
        assert!(!text.contains("Kết quả: ĐẠT") && !text.contains("Kết quả: KHÔNG ĐẠT"));
    }
    // The list forms carry their rows and computed rates.
    let m14 = pdftotext(&out.join("Mau-1.4-Tan-Phuc-2024.pdf"));
    assert!(
        m14.contains("cb23.tanphuc@thanhhoa.gov.vn") && m14.contains("100% (23/23)"),
        "{m14}"
    );
    // The bảng kê lists every evidence file with its SHA-256 (as sha256sum computes it).
    let bk = pdftotext(&out.join("BangKe-Tan-Phuc-2024.pdf")).replace(' ', "");
    for e in walkdir::WalkDir::new(example())
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let digest = Command::new("sha256sum").arg(e.path()).output().unwrap();
        let hex = String::from_utf8_lossy(&digest.stdout)
            .split_whitespace()
            .next()
            .unwrap()
            .to_string();
        // The table prints the digest in two halves so it wraps inside its column.
        assert!(
            bk.contains(&hex[..32]) && bk.contains(&hex[32..]),
            "bảng kê lacks {}",
            e.path().display()
        );
    }
}

#[test]
fn docx_layout_is_a4_with_nd30_margins_and_times_new_roman() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    assert_eq!(build(&example(), &out, &[]).code, 0);
    for docx in files_with(&out, "docx") {
        let r = py(
            "import docx,sys\nd=docx.Document(sys.argv[1])\nfor s in d.sections:\n  print(round(s.page_width.mm),round(s.page_height.mm),round(s.top_margin.mm),round(s.bottom_margin.mm),round(s.left_margin.mm),round(s.right_margin.mm),s.different_first_page_header_footer)\nfonts=set()\nfor p in d.paragraphs:\n  for r in p.runs:\n    fonts.add(r.font.name)\nprint(sorted(f for f in fonts if f))",
            &[docx.to_str().unwrap()],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        let lines: Vec<&str> = r.stdout.lines().collect();
        let first: Vec<&str> = lines[0].split(' ').collect();
        let (w, h) = (
            first[0].parse::<i32>().unwrap(),
            first[1].parse::<i32>().unwrap(),
        );
        assert!(
            (w, h) == (210, 297) || (w, h) == (297, 210),
            "{}: A4, got {w}×{h}",
            docx.display()
        );
        if w == 210 {
            assert_eq!(
                &first[2..6],
                ["20", "20", "30", "15"],
                "{}: margins",
                docx.display()
            );
        }
        assert_eq!(first[6], "True", "no page number on page 1");
        assert_eq!(
            lines.last().unwrap().trim(),
            "['Times New Roman']",
            "{}",
            docx.display()
        );
    }
}

#[test]
fn rebuilds_are_byte_identical_across_processes() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_eq!(build(&example(), &a, &[]).code, 0);
    assert_eq!(build(&example(), &b, &[]).code, 0);
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(v == &sb[k], "{k} differs between two builds");
    }
    // --ghi-de rebuilds over the previous output, identically.
    assert_eq!(
        build(&example(), &a, &[]).code,
        2,
        "a non-empty --out is refused"
    );
    assert_eq!(build(&example(), &a, &["--ghi-de"]).code, 0);
    assert_eq!(snapshot(&a), sa);
}

#[test]
fn a_generated_pdf_takes_a_pades_signature_that_validates() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    assert_eq!(build(&example(), &out, &[]).code, 0);
    let src = out.join("Mau01-BaoCao-Tan-Phuc-2024.pdf");
    let signed = tmp.path().join("signed.pdf");
    let r = Command::new(python())
        .arg(repo().join("tests/fixtures/make_signed_pdf.py"))
        .arg(&src)
        .arg(&signed)
        .output()
        .unwrap();
    assert!(
        r.status.success(),
        "pyHanko signs: {}",
        String::from_utf8_lossy(&r.stderr)
    );
    let v = py(
        "import sys\nfrom pyhanko.pdf_utils.reader import PdfFileReader\nfrom pyhanko.sign.validation import validate_pdf_signature\nfrom pyhanko_certvalidator import ValidationContext\nr=PdfFileReader(open(sys.argv[1],'rb'))\ns=r.embedded_signatures[0]\nst=validate_pdf_signature(s, ValidationContext(allow_fetching=False))\nprint(st.intact, st.valid, s.coverage)",
        &[signed.to_str().unwrap()],
    );
    assert_eq!(v.code, 0, "{}", v.stderr);
    assert!(
        v.stdout.starts_with("True True"),
        "signature intact and valid: {}",
        v.stdout
    );
    // hoso's own check agrees.
    let d = thanh_hoa_complete();
    d.file(
        "1.1 Minh chứng/bao-cao-da-ky.pdf",
        std::fs::read(&signed).unwrap(),
    );
    let (code, v, all) = d.check_json();
    assert_eq!(code, 0, "{all}");
    assert!(!v["warnings"].to_string().contains("bao-cao-da-ky.pdf"));
}

#[test]
fn hostile_text_prints_literally() {
    let d = thanh_hoa_complete();
    let toml = HOSO_TOML
        .replace("{SET}", "thanh-hoa-cds-xa")
        .replace(
            "xa = \"Tân Phúc\"",
            "xa = \"#let x = *Tân* _Phúc_ $1$ <b>\"",
        )
        .replace(
            "ho_ten = \"Lê Văn Hùng\"",
            "ho_ten = \"Lê \\\\Văn] Hùng 😀\"",
        );
    std::fs::write(d.path().join("hoso.toml"), toml).unwrap();
    d.file("noi-dung.md", "## Thuận lợi\n\nDòng có #set page(width: 1pt) và [link](x) và `code` và @ref và // chú thích.\n");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let r = build(d.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    let pdf = files_with(&out, "pdf")
        .into_iter()
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("Mau01")
        })
        .unwrap();
    let text = pdftotext(&pdf);
    assert!(
        text.contains("trên địa bàn xã #let x = *Tân* _Phúc_ $1$ <b>, huyện Hoằng Hóa"),
        "{text}"
    );
    assert!(
        text.contains("#set page(width: 1pt) và [link](x) và `code` và @ref và // chú thích."),
        "{text}"
    );
    assert!(
        text.contains("Lê \\Văn] Hùng ?"),
        "emoji replaced, backslash kept: {text}"
    );
    nd30(&[pdf]);
}

#[test]
fn build_refuses_incomplete_dossiers_and_out_inside_the_evidence() {
    let d = thanh_hoa_complete();
    std::fs::remove_file(d.path().join("2.1 Minh chứng/tai-lieu.pdf")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let r = build(d.path(), &out, &[]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.all().contains("2.1"));
    assert!(
        !out.join("ket-qua.json").exists(),
        "nothing written for a refused build"
    );
    let r = build(d.path(), &out, &["--cho-phep-thieu"]);
    assert_eq!(r.code, 1, "still reports the dossier as incomplete");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("ket-qua.json")).unwrap()).unwrap();
    assert!(
        json["errors"].to_string().contains("2.1"),
        "problems are in the output too"
    );
    // A draft is never packaged for submission: `hoso package` refuses it and writes no final zip.
    let names = || -> Vec<_> {
        let mut v: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        v.sort();
        v
    };
    let before = names();
    let p = run(&["package", out.to_str().unwrap()]);
    assert_eq!(p.code, 1, "{}", p.all());
    assert!(
        p.all().contains("bản nháp") && p.all().contains("--cho-phep-thieu"),
        "{}",
        p.all()
    );
    assert_eq!(names(), before);
    let inside = d.path().join("ket-qua");
    let r = build(d.path(), &inside, &["--cho-phep-thieu"]);
    assert_eq!(r.code, 2);
    assert!(!inside.exists());
}

#[test]
fn ket_qua_json_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    assert_eq!(build(&example(), &out, &[]).code, 0);
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("ket-qua.json")).unwrap()).unwrap();
    assert_eq!(v["bo_tieu_chi"], "thanh-hoa-cds-xa");
    assert_eq!(v["nam"], 2024);
    assert_eq!(v["don_vi"]["xa"], "Tân Phúc");
    let i = indicator(&v, "1.4");
    for k in [
        "code",
        "name",
        "unit",
        "value",
        "exact",
        "target",
        "evaluation",
        "evidence",
        "warnings",
    ] {
        assert!(i.get(k).is_some(), "indicator field {k}");
    }
    assert_eq!(i["exact"]["num"], "23");
    assert_eq!(indicator(&v, "3.6")["evaluation"], "dang_trien_khai");
    assert_eq!(indicator(&v, "4.8")["evaluation"], "khong_ap_dung");
    for k in ["dat", "total", "ty_le", "ket_luan"] {
        assert!(v["summary"].get(k).is_some(), "summary field {k}");
    }
    assert_eq!(v["summary"]["ty_le"], "97,22%");
}

#[test]
fn every_criteria_set_builds_a_report_that_meets_nd30() {
    let ids = set_ids();
    assert_eq!(ids.len(), 11);
    let mut pdfs = Vec::new();
    let keep = tempfile::tempdir().unwrap();
    for id in &ids {
        let (_tmp, dir) = complete_from_init(id);
        let out = keep.path().join(id);
        let r = build(&dir, &out, &[]);
        assert_eq!(r.code, 0, "{id}: {}", r.all());
        let m01 = files_with(&out, "pdf")
            .into_iter()
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("Mau01")
            })
            .unwrap();
        let text = pdftotext(&m01);
        assert!(
            text.contains("c) Đánh giá:") && text.contains("BÁO CÁO"),
            "{id}"
        );
        assert!(!text.contains("Căn cứ kết quả tự đánh giá"), "{id}");
        let annex = pdftotext(&out.join("PhuLuc01-Tan-Phuc-2024.pdf"));
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("ket-qua.json")).unwrap()).unwrap();
        for i in json["indicators"].as_array().unwrap() {
            assert!(
                annex.contains(i["code"].as_str().unwrap()),
                "{id}: annex lacks {}",
                i["code"]
            );
        }
        pdfs.extend(files_with(&out, "pdf"));
    }
    nd30(&pdfs);
}

/// The header block, signature and nơi nhận styles of format.md, read from the PDF with pdfplumber.
#[test]
fn pdf_header_block_and_closing_follow_format_md() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    assert_eq!(build(&example(), &out, &[]).code, 0);
    let pdf = out.join("Mau01-BaoCao-Tan-Phuc-2024.pdf");
    let script = r#"
import pdfplumber, sys, json
res = {}
with pdfplumber.open(sys.argv[1]) as d:
    pages = d.pages
    for i, p in enumerate(pages):
        lines = {}
        for ch in p.chars:
            key = round(ch['top'])
            lines.setdefault(key, []).append(ch)
        for key, chars in lines.items():
            chars.sort(key=lambda c: c['x0'])
            text = ''.join(c['text'] for c in chars)
            for want in ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Tân Phúc, ngày 10 tháng 11 năm 2024',
                         'BÁO CÁO', 'Nơi nhận:', '- Lưu: VT, VP.', 'Lê Văn Hùng', 'ỦY BAN NHÂN DÂN', 'Số: 125/BC-UBND']:
                if want in text and want not in res:
                    at = text.index(want)
                    c = [x for x in chars[at:at + len(want)] if x['text'].strip()][0]
                    res[want] = {'size': round(c['size'], 1), 'font': c['fontname'], 'page': i + 1, 'x': chars[at]['x0'] / p.width}
        for w in p.extract_words(extra_attrs=['size']):
            if i > 0 and w['top'] < 25 * 72 / 25.4 and w['text'].isdigit():
                res.setdefault('page_numbers', []).append(round(w['size'], 1))
print(json.dumps(res, ensure_ascii=False))
"#;
    let r = py(script, &[pdf.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let size = |k: &str| {
        v[k]["size"]
            .as_f64()
            .unwrap_or_else(|| panic!("{k} not found: {v}"))
    };
    let font = |k: &str| v[k]["font"].as_str().unwrap().to_string();
    assert_eq!(size("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 13.0);
    assert!(font("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").contains("Bold"));
    assert_eq!(size("Độc lập - Tự do - Hạnh phúc"), 14.0);
    assert!(font("Độc lập - Tự do - Hạnh phúc").contains("Bold"));
    assert_eq!(size("ỦY BAN NHÂN DÂN"), 13.0);
    assert_eq!(size("Số: 125/BC-UBND"), 13.0);
    assert_eq!(size("Tân Phúc, ngày 10 tháng 11 năm 2024"), 14.0);
    assert!(font("Tân Phúc, ngày 10 tháng 11 năm 2024").contains("Italic"));
    assert!(
        v["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]["x"]
            .as_f64()
            .unwrap()
            > 0.4,
        "quốc hiệu in the right column"
    );
    assert!(
        v["ỦY BAN NHÂN DÂN"]["x"].as_f64().unwrap() < 0.4,
        "agency in the left column"
    );
    assert_eq!(size("BÁO CÁO"), 14.0);
    assert!(font("BÁO CÁO").contains("Bold"));
    assert_eq!(size("Nơi nhận:"), 12.0);
    assert!(font("Nơi nhận:").contains("BoldItalic"));
    assert_eq!(size("- Lưu: VT, VP."), 11.0);
    assert_eq!(size("Lê Văn Hùng"), 14.0);
    assert!(font("Lê Văn Hùng").contains("Bold"));
    let nums = v["page_numbers"]
        .as_array()
        .expect("page numbers from page 2");
    assert!(nums.iter().all(|n| n.as_f64() == Some(14.0)), "{nums:?}");
}

/// Every output is an ordinary file others may read (0644 on Unix), as the zip always was: the
/// PDFs, DOCX and JSON went through a 0600 temporary file and kept its mode.
#[cfg(unix)]
#[test]
fn outputs_are_ordinary_readable_files() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    assert_eq!(build(&example(), &out, &[]).code, 0);
    for e in std::fs::read_dir(&out).unwrap().flatten() {
        let mode = e.metadata().unwrap().permissions().mode() & 0o777;
        if e.file_type().unwrap().is_file() && !e.file_name().to_string_lossy().starts_with('.') {
            assert_eq!(mode, 0o644, "{:?}", e.file_name());
        }
    }
}
