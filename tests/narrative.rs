//! The report's narrative typed in Word: a noi-dung.docx made with python-docx prints in Mẫu 01
//! (PDF and DOCX) exactly as the same text in noi-dung.md — paragraphs, lists, models, bold and
//! italic, read back with pdftotext, pdfplumber and python-docx; tables, images, comments and
//! tracked changes are reported by section; `init`'s noi-dung.docx opens in LibreOffice and
//! python-docx sees its headings' styles.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The narrative as Markdown; `WORD` below is the same text typed in Word.
const MD: &str = "# Nội dung báo cáo\n
## Công tác lãnh đạo, chỉ đạo tổ chức triển khai thực hiện\n
Ban Chỉ đạo được **kiện toàn** theo Quyết định số 45/QĐ-UBND; các thành viên *phụ trách từng nhóm* tiêu chí.\n
## Thuận lợi\n
Được sự quan tâm của **Huyện ủy, UBND huyện**.\n
- Hạ tầng viễn thông phủ khắp **6 thôn**;
- Đội ngũ công chức trẻ.\n
## Khó khăn, tồn tại\n
1. Tỷ lệ tư vấn sức khỏe trực tuyến còn thấp.
2. Người cao tuổi chưa dùng điện thoại thông minh.\n
## Một số mô hình chuyển đổi số nổi bật\n
### Tên mô hình 1: Thôn thông minh Phúc Lợi\n
- Mô tả: 100% hộ gia đình được gắn **địa chỉ số**.
- Nhận xét (tính hiệu quả): Công an xã nắm địa bàn nhanh hơn.\n
### Tên mô hình 2: Chợ 4.0\n
- Mô tả: Tiểu thương thanh toán bằng mã QR.
- Nhận xét (tính hiệu quả): Giảm dùng tiền mặt.\n
## Kiến nghị, đề xuất\n
Đề nghị hỗ trợ kinh phí *hội nghị truyền hình*.\n";

/// python-docx: headings as Word styles (Heading 2/3) and as bold plain lines, List Bullet and
/// List Number, bold and italic runs, and the hints `init` writes left in place.
const WORD: &str = r#"
import sys, docx
from docx.enum.style import WD_STYLE_TYPE
d = docx.Document()
hint = d.styles.add_style("Gợi ý", WD_STYLE_TYPE.PARAGRAPH)
hint.font.italic = True
d.add_paragraph("Nội dung báo cáo", style="Title")
def para(parts, style=None):
    p = d.add_paragraph(style=style)
    for t, b, i in parts:
        r = p.add_run(t); r.bold = b or None; r.italic = i or None
    return p
def bold_line(t):
    para([(t, True, False)])
d.add_heading("Công tác lãnh đạo, chỉ đạo tổ chức triển khai thực hiện", level=2)
d.add_paragraph("Gợi ý: Nêu các văn bản lãnh đạo, chỉ đạo (số, ngày, trích yếu); việc kiện toàn Ban Chỉ đạo, phân công nhiệm vụ.", style="Gợi ý")
para([("Ban Chỉ đạo được ", False, False), ("kiện toàn", True, False), (" theo Quyết định số 45/QĐ-UBND; các thành viên ", False, False), ("phụ trách từng nhóm", False, True), (" tiêu chí.", False, False)])
bold_line("1.1. Thuận lợi")
para([("Được sự quan tâm của ", False, False), ("Huyện ủy, UBND huyện", True, False), (".", False, False)])
para([("Hạ tầng viễn thông phủ khắp ", False, False), ("6 thôn", True, False), (";", False, False)], style="List Bullet")
para([("Đội ngũ công chức trẻ.", False, False)], style="List Bullet")
d.add_heading("Khó khăn, tồn tại", level=2)
# Left in by the officer without its style: dropped by its words.
d.add_paragraph("Gợi ý: Nêu những khó khăn, tồn tại; chỉ tiêu chưa đạt.")
d.add_paragraph("Tỷ lệ tư vấn sức khỏe trực tuyến còn thấp.", style="List Number")
d.add_paragraph("Người cao tuổi chưa dùng điện thoại thông minh.", style="List Number")
bold_line("2. Một số mô hình chuyển đổi số nổi bật")
d.add_heading("Tên mô hình 1: Thôn thông minh Phúc Lợi", level=3)
para([("Mô tả: 100% hộ gia đình được gắn ", False, False), ("địa chỉ số", True, False), (".", False, False)])
para([("Nhận xét (tính hiệu quả): Công an xã nắm địa bàn nhanh hơn.", False, False)])
d.add_paragraph("Từ việc theo cách truyền thống sang ứng dụng công nghệ số thì hiệu quả như thế nào", style="Gợi ý")
bold_line("Tên mô hình 2: Chợ 4.0")
para([("- Mô tả: Tiểu thương thanh toán bằng mã QR.", False, False)])
para([("- Nhận xét (tính hiệu quả): Giảm dùng tiền mặt.", False, False)])
d.add_heading("Kiến nghị, đề xuất", level=2)
para([("Đề nghị hỗ trợ kinh phí ", False, False), ("hội nghị truyền hình", False, True), (".", False, False)])
d.save(sys.argv[1])
"#;

fn make_docx(code: &str, path: &Path) {
    let r = py(code, &[path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "python-docx: {}", r.all());
}

fn mau01(out: &Path, ext: &str) -> PathBuf {
    files_with(out, ext)
        .into_iter()
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("Mau01")
        })
        .expect("Mẫu 01 built")
}

/// Every paragraph of a DOCX with its runs' (text, bold, italic), by python-docx.
fn docx_runs(path: &Path) -> String {
    let r = py(
        "import docx,sys\nd=docx.Document(sys.argv[1])\nfor p in d.paragraphs:\n  if p.text.strip(): print(p.text + ' || ' + ' | '.join('%s%s%s' % ('B' if r.bold else '', 'I' if r.italic else '', r.text) for r in p.runs))",
        &[path.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.all());
    r.stdout
}

/// The PDF's characters grouped in runs of one font (pdfplumber), one run a line.
fn pdf_fonts(path: &Path) -> String {
    let r = py(
        "import pdfplumber,sys\nout=[]\nwith pdfplumber.open(sys.argv[1]) as pdf:\n  for pg in pdf.pages:\n    for c in pg.chars:\n      f=c['fontname'].split('+')[-1]\n      if out and out[-1][0]==f: out[-1][1]+=c['text']\n      else: out.append([f,c['text']])\nprint('\\n'.join(f+' '+t for f,t in out))",
        &[path.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.all());
    r.stdout
}

fn built(d: &Dossier) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let r = build(d.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(
        !r.all().contains("noi-dung"),
        "no narrative warning: {}",
        r.all()
    );
    (tmp, out)
}

#[test]
fn word_and_markdown_print_the_same_report() {
    let md = thanh_hoa_complete();
    md.file("noi-dung.md", MD);
    let word = thanh_hoa_complete();
    make_docx(WORD, &word.path().join("noi-dung.docx"));
    let (_a, out_md) = built(&md);
    let (_b, out_word) = built(&word);
    let (pdf_md, pdf_word) = (mau01(&out_md, "pdf"), mau01(&out_word, "pdf"));
    // Page numbers (a line of digits at the top of each page) may fall anywhere in the text.
    let body = |pdf: &Path| {
        let raw = pdftotext_raw(pdf, false);
        let kept: Vec<&str> = raw
            .lines()
            .filter(|l| !(l.trim().chars().all(|c| c.is_ascii_digit()) && !l.trim().is_empty()))
            .collect();
        flat(&kept.join("\n"))
    };
    let text = body(&pdf_word);
    assert_eq!(body(&pdf_md), text);
    for needle in [
        "Ban Chỉ đạo được kiện toàn theo Quyết định số 45/QĐ-UBND",
        "1.1. Thuận lợi Được sự quan tâm của Huyện ủy, UBND huyện. - Hạ tầng viễn thông phủ khắp 6 thôn; - Đội ngũ công chức trẻ.",
        "1.2. Khó khăn, tồn tại 1. Tỷ lệ tư vấn sức khỏe trực tuyến còn thấp. 2. Người cao tuổi",
        "2. Một số mô hình chuyển đổi số nổi bật 2.1. Tên mô hình 1: Thôn thông minh Phúc Lợi - Mô tả: 100% hộ gia đình được gắn địa chỉ số. - Nhận xét (tính hiệu quả): Công an xã nắm địa bàn nhanh hơn. 2.2. Tên mô hình 2: Chợ 4.0 - Mô tả: Tiểu thương",
        "Đề nghị hỗ trợ kinh phí hội nghị truyền hình.",
    ] {
        assert!(text.contains(needle), "Mẫu 01 lacks «{needle}»:\n{text}");
    }
    for hint in [
        "Gợi ý",
        "Từ việc theo cách truyền thống",
        "Nội dung báo cáo",
    ] {
        assert!(!text.contains(hint), "a hint or title was printed: {hint}");
    }
    // Emphasis in the PDF: the same fonts over the same characters, bold where typed bold.
    let fonts = pdf_fonts(&pdf_word);
    assert_eq!(pdf_fonts(&pdf_md), fonts);
    for (font, t) in [
        ("Bold", "kiện toàn"),
        ("Bold", "6 thôn"),
        ("Italic", "phụ trách từng nhóm"),
        ("Italic", "Tên mô hình 2: Chợ 4.0"),
    ] {
        assert!(
            fonts
                .lines()
                .any(|l| l.contains(font) && l.replace(' ', "").contains(&t.replace(' ', ""))),
            "{t} not in {font}:\n{fonts}"
        );
    }
    // The DOCX: same paragraphs and runs by python-docx, bold runs where typed bold.
    let runs = docx_runs(&mau01(&out_word, "docx"));
    assert_eq!(docx_runs(&mau01(&out_md, "docx")), runs);
    for r in [
        "| Bkiện toàn |",
        "| B6 thôn |",
        "| Iphụ trách từng nhóm |",
        "| Bđịa chỉ số |",
        "- Đội ngũ công chức trẻ.",
    ] {
        assert!(runs.contains(r), "{r} in\n{runs}");
    }
}

/// A table, an image, a comment and an unaccepted insertion, each in its own section.
const OBJECTS: &str = r#"
import sys, docx, zlib, struct, io
from docx.oxml import parse_xml
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def png():
    raw = b"\x00\xff\x00\x00"
    chunk = lambda t, b: struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
d = docx.Document()
d.add_heading("Thuận lợi", level=2)
p = d.add_paragraph("Được quan tâm.")
d.add_comment(p.runs, text="Xem lại số liệu", author="Tổ CĐS")
p = d.add_paragraph("Cập nhật ngày ")
p._p.append(parse_xml('<w:fldSimple %s w:instr="DATE"><w:r><w:t>10/11/2024</w:t></w:r></w:fldSimple>' % W))
d.add_heading("Tình hình chung", level=2)
d.add_paragraph("Mục không có trong mẫu.")
d.add_heading("Khó khăn, tồn tại", level=2)
d.add_paragraph("Thiếu máy.")
d.add_picture(io.BytesIO(png()))
d.add_heading("Nguyên nhân", level=2)
p = d.add_paragraph("Người dân chưa quen ")
p._p.append(parse_xml('<w:ins %s w:id="91" w:author="A" w:date="2024-10-01T00:00:00Z"><w:r><w:t>khám từ xa</w:t></w:r></w:ins>' % W))
d.add_heading("Kiến nghị, đề xuất", level=2)
t = d.add_table(rows=1, cols=2)
t.cell(0, 0).text = "Hạng mục"
d.add_paragraph("Đề nghị hỗ trợ.")
d.save(sys.argv[1])
"#;

#[test]
fn tables_images_comments_and_changes_are_named_by_section() {
    let d = thanh_hoa_complete();
    make_docx(OBJECTS, &d.path().join("noi-dung.docx"));
    let r = run(&["check", &d.p()]);
    let all = r.all();
    assert_eq!(r.code, 1, "an unaccepted change is refused: {all}");
    let line = |section: &str, what: &str| {
        all.lines().any(|l| {
            l.contains("noi-dung.docx")
                && l.contains(&format!("mục \"{section}\""))
                && l.contains(what)
        })
    };
    assert!(line("Thuận lợi", "nhận xét (comment)"), "{all}");
    assert!(line("Khó khăn, tồn tại", "hình ảnh"), "{all}");
    assert!(line("Nguyên nhân", "Review → Accept"), "{all}");
    assert!(line("Kiến nghị, đề xuất", "có bảng"), "{all}");
    assert!(line("Thuận lợi", "trường tự động"), "{all}");
    assert!(line("Tình hình chung", "không ứng với mục nào"), "{all}");
    // Accepting the change (the insertion's text kept, its mark gone) leaves warnings only.
    let accepted = OBJECTS.replace(
        "p._p.append(parse_xml('<w:ins %s w:id=\"91\" w:author=\"A\" w:date=\"2024-10-01T00:00:00Z\"><w:r><w:t>khám từ xa</w:t></w:r></w:ins>' % W))",
        "p.add_run('khám từ xa')",
    );
    assert_ne!(accepted, OBJECTS);
    make_docx(&accepted, &d.path().join("noi-dung.docx"));
    let r = run(&["check", &d.p()]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.all().contains("hình ảnh") && !r.all().contains("Review → Accept"));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    assert_eq!(build(d.path(), &out, &[]).code, 0);
    let text = flat(&pdftotext_raw(&mau01(&out, "pdf"), false));
    assert!(text.contains("Người dân chưa quen khám từ xa"), "{text}");
    assert!(
        text.contains("Cập nhật ngày 10/11/2024"),
        "a field prints as shown"
    );
    assert!(!text.contains("Hạng mục"), "a table is not printed");
}

#[test]
fn both_files_with_text_is_an_error_naming_both() {
    let d = thanh_hoa_complete();
    d.file("noi-dung.md", MD);
    make_docx(WORD, &d.path().join("noi-dung.docx"));
    let r = run(&["check", &d.p()]);
    assert_eq!(r.code, 1);
    assert!(
        r.all()
            .lines()
            .any(|l| l.contains("noi-dung.docx") && l.contains("noi-dung.md")),
        "{}",
        r.all()
    );
}

#[test]
fn a_docx_that_inflates_is_refused_quickly() {
    let d = thanh_hoa_complete();
    let py_bomb = "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\nz.writestr('[Content_Types].xml', '<Types/>')\nwith z.open('word/document.xml', 'w', force_zip64=True) as f:\n  chunk = b' ' * (1 << 20)\n  for _ in range(64): f.write(chunk)\nz.close()";
    make_docx(py_bomb, &d.path().join("noi-dung.docx"));
    let t = std::time::Instant::now();
    let r = run(&["check", &d.p()]);
    assert_eq!(r.code, 1);
    assert!(t.elapsed().as_secs() < 2, "{:?}", t.elapsed());
    assert!(
        r.all().contains("noi-dung.docx") && r.all().contains("32 MB"),
        "{}",
        r.all()
    );
}

#[test]
fn init_writes_a_word_template_libreoffice_and_python_docx_read() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for d in [&a, &b] {
        let r = run(&[
            "init",
            d.to_str().unwrap(),
            "--bo",
            "thanh-hoa-cds-xa",
            "--nam",
            "2024",
        ]);
        assert_eq!(r.code, 0, "{}", r.all());
    }
    let docx = a.join("noi-dung.docx");
    assert_eq!(
        std::fs::read(&docx).unwrap(),
        std::fs::read(b.join("noi-dung.docx")).unwrap()
    );
    // python-docx: every `##` heading of noi-dung.md is a Heading 2 paragraph, in order.
    let md = std::fs::read_to_string(a.join("noi-dung.md")).unwrap();
    let want: Vec<String> = md
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(|s| format!("Heading 2|{s}"))
        .collect();
    let r = py(
        "import docx,sys\nfor p in docx.Document(sys.argv[1]).paragraphs: print(p.style.name + '|' + p.text)",
        &[docx.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.all());
    let got: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("Heading 2|"))
        .collect();
    assert_eq!(got, want);
    assert_eq!(want.len(), 9);
    for l in ["Heading 3|Tên mô hình 1:", "Heading 3|Tên mô hình 2:", "Gợi ý|Gợi ý: Lựa chọn mô hình nổi bật ở các lĩnh vực Chính quyền số, kinh tế số, xã hội số, hạ tầng số để làm điểm nhấn của đơn vị.", "Normal|- Mô tả:", "Normal|- Nhận xét (tính hiệu quả):", "Title|Nội dung báo cáo — "] {
        assert!(r.stdout.lines().any(|x| x.starts_with(l)), "{l} in\n{}", r.stdout);
    }
    // A fresh dossier holds both templates: no error about two narratives.
    assert!(!run(&["check", a.to_str().unwrap()]).all().contains("Có cả"));
    // LibreOffice opens it and prints the headings.
    let profile = tmp.path().join("lo");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(tmp.path())
        .arg(&docx)
        .output()
        .expect("soffice (libreoffice-writer-nogui) is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = flat(&pdftotext_raw(&tmp.path().join("noi-dung.pdf"), false));
    for h in md.lines().filter_map(|l| l.strip_prefix("## ")) {
        assert!(pdf.contains(h), "LibreOffice's PDF lacks {h}: {pdf}");
    }
}
