//! A control character or an emoji in the officer's text (hoso.toml, noi-dung.md) reaches neither
//! output: the document stage filters every string once, so both the PDF and the DOCX are written,
//! Word's reader (python-docx) opens the DOCX, and both show "?" where the fonts have no glyph.

mod common;
use common::*;

const READ_DOCX: &str = r#"
import sys, zipfile, docx
d = docx.Document(sys.argv[1])
texts = [p.text for p in d.paragraphs]
for t in d.tables:
    for row in t.rows:
        for cell in row.cells:
            texts += [p.text for p in cell.paragraphs]
texts.append(d.core_properties.title or "")
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in z.namelist():
        if name.endswith(".xml"):
            xml = z.read(name).decode("utf-8")
            bad = [hex(ord(c)) for c in xml if ord(c) < 0x20 and c not in "\t\n\r" or c in "\ufffe\uffff"]
            assert not bad, (name, bad)
print("\n".join(texts))
"#;

#[test]
fn control_characters_and_emoji_are_filtered_for_both_formats() {
    let d = thanh_hoa_complete();
    let toml = HOSO_TOML
        .replace("{SET}", "thanh-hoa-cds-xa")
        .replace(
            "ho_ten = \"Lê Văn Hùng\"",
            "ho_ten = \"Lê Văn\\u0007 Hùng 😀\"",
        )
        .replace("dia_danh = \"Tân Phúc\"", "dia_danh = \"Tân\\u000B Phúc\"")
        // The commune's name is also in the DOCX's core properties (its title), where a control
        // character made Word refuse the file.
        .replace("xa = \"Tân Phúc\"", "xa = \"Tân\\u0007 Phúc\"");
    std::fs::write(d.path().join("hoso.toml"), toml).unwrap();
    d.file(
        "noi-dung.md",
        "## Thuận lợi\n\nCán bộ\u{7} nhiệt tình 🎉 và\u{ffff} chu đáo.\n",
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let r = build(d.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.all());
    let mau01 = |ext: &str| {
        let f = files_with(&out, ext).into_iter().find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("Mau01")
        });
        f.unwrap_or_else(|| panic!("no Mau01 .{ext} written"))
    };
    let (pdf, docx) = (mau01("pdf"), mau01("docx"));
    let seen = py(READ_DOCX, &[docx.to_str().unwrap()]);
    assert_eq!(seen.code, 0, "{}", seen.all());
    let pdf_text = flat(&pdftotext_raw(&pdf, false));
    for text in [flat(&seen.stdout), pdf_text] {
        for wanted in [
            "Lê Văn Hùng ?",
            "Tân Phúc, ngày 10 tháng 11 năm 2024",
            "Cán bộ nhiệt tình ? và? chu đáo.",
            "trên địa bàn xã Tân Phúc, huyện Hoằng Hóa",
        ] {
            assert!(text.contains(wanted), "{wanted:?} missing in {text}");
        }
        assert!(!text.contains(['\u{7}', '\u{b}', '\u{ffff}', '😀', '🎉']));
    }
}
