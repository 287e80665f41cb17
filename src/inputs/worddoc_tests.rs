//! Unit and property tests of `inputs::worddoc`.

use super::styles::{format_number, roman};
use super::*;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn doc(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
    )
}

fn styles() -> String {
    format!(
        r#"<w:styles {NS}><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Tieude3"><w:name w:val="Tiêu đề 3"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="HosoHint"><w:name w:val="Gợi ý"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style></w:styles>"#
    )
}

fn numbering() -> String {
    format!(
        r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
    )
}

fn p(style: &str, runs: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#)
}

fn r(t: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#)
}

#[test]
fn headings_in_any_language_lists_and_emphasis() {
    let body = [
        p("berschrift2", &r("Thuận lợi")),
        p("Normal", &format!(r#"{}<w:r><w:rPr><w:b/></w:rPr><w:t>đậm</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Strong"/><w:i/></w:rPr><w:t> cả hai</w:t></w:r>"#, r("Có "))),
        p("ListBullet", &r("Một")),
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>A</w:t></w:r></w:p>"#.into(),
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>B</w:t></w:r></w:p>"#.into(),
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>C</w:t></w:r></w:p>"#.into(),
        p("Tieude3", &r("Nguyên nhân")),
        p("HosoHint", &r("Gợi ý: x")),
    ]
    .concat();
    let raws = from_xml(&doc(&body), &styles(), &numbering()).unwrap();
    let span = |t: &str, b: bool, i: bool| Span {
        text: t.into(),
        bold: b,
        italic: i,
    };
    assert_eq!(
        raws,
        vec![
            Raw::Heading("Thuận lợi".into()),
            Raw::Para {
                kind: Kind::Para,
                spans: vec![
                    span("Có ", false, false),
                    span("đậm", true, false),
                    span(" cả hai", true, true)
                ],
                hint: false
            },
            Raw::Para {
                kind: Kind::Bullet,
                spans: vec![span("Một", false, false)],
                hint: false
            },
            Raw::Para {
                kind: Kind::Numbered("1.".into()),
                spans: vec![span("A", false, false)],
                hint: false
            },
            Raw::Para {
                kind: Kind::Numbered("a)".into()),
                spans: vec![span("B", false, false)],
                hint: false
            },
            Raw::Para {
                kind: Kind::Numbered("2.".into()),
                spans: vec![span("C", false, false)],
                hint: false
            },
            Raw::Heading("Nguyên nhân".into()),
            Raw::Para {
                kind: Kind::Para,
                spans: vec![span("Gợi ý: x", false, true)],
                hint: true
            },
        ]
    );
}

#[test]
fn objects_and_changes_are_noticed() {
    let body = [
        p("Normal", &format!(r#"{}<w:ins w:id="1" w:author="A"><w:r><w:t>thêm</w:t></w:r></w:ins><w:del w:id="2" w:author="A"><w:r><w:delText>bỏ</w:delText></w:r></w:del>"#, r("Giữ "))),
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ô</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.into(),
        p("Normal", r#"<w:commentRangeStart w:id="0"/><w:r><w:t>x</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:drawing/></w:r>"#),
        p("Normal", r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1/1/2024</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#),
    ]
    .concat();
    let raws = from_xml(&doc(&body), &styles(), "").unwrap();
    let notices: Vec<Notice> = raws
        .iter()
        .filter_map(|r| match r {
            Raw::Notice(n) => Some(*n),
            _ => None,
        })
        .collect();
    assert_eq!(
        notices,
        [
            Notice::TrackedChange,
            Notice::Table,
            Notice::Image,
            Notice::Comment,
            Notice::Field
        ]
    );
    let texts: Vec<String> = raws
        .iter()
        .filter_map(|r| match r {
            Raw::Para { spans, .. } => Some(spans.iter().map(|s| s.text.as_str()).collect()),
            _ => None,
        })
        .collect();
    assert_eq!(texts, ["Giữ thêm", "x", "1/1/2024"]);
}

#[test]
fn broken_input_is_a_sentence_not_a_panic() {
    assert!(from_xml("<w:document", "", "")
        .unwrap_err()
        .text()
        .contains("XML"));
    assert!(from_xml(&format!("<w:document {NS}/>"), "", "").is_err());
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.docx");
    std::fs::write(&f, b"not a zip").unwrap();
    assert!(read(&f).unwrap_err().text().contains(".docx"));
}

#[test]
fn a_docx_bomb_is_refused_before_inflating() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bomb.docx");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&f).unwrap());
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    z.start_file("word/document.xml", o).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..(PART_LIMIT >> 20) + 2 {
        z.write_all(&chunk).unwrap();
    }
    z.finish().unwrap();
    let t = std::time::Instant::now();
    let e = read(&f).unwrap_err().text();
    assert!(e.contains("quá") && e.contains("MB"), "{e}");
    assert!(t.elapsed().as_secs() < 2);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_body_never_panics(s in "\\PC{0,200}") {
            let _ = from_xml(&doc(&s), &styles(), &numbering());
            let _ = from_xml(&s, &s, &s);
        }

        #[test]
        fn any_file_is_read_or_told(bytes in prop::collection::vec(any::<u8>(), 0..300), xml in "\\PC{0,120}", zipped in any::<bool>()) {
            let d = tempfile::tempdir().unwrap();
            let f = d.path().join("noi-dung.docx");
            if zipped {
                use std::io::Write;
                let mut z = zip::ZipWriter::new(std::fs::File::create(&f).unwrap());
                z.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
                z.write_all(doc(&xml).as_bytes()).unwrap();
                z.start_file("word/styles.xml", zip::write::SimpleFileOptions::default()).unwrap();
                z.write_all(&bytes).unwrap();
                z.finish().unwrap();
            } else {
                std::fs::write(&f, &bytes).unwrap();
            }
            match read(&f) {
                Ok(raws) => prop_assert!(raws.len() <= 2 * xml.len() + 2),
                Err(e) => prop_assert!(e.is_error() && e.file.is_none() && !e.text().contains("noi-dung.docx")),
            }
        }

        #[test]
        fn runs_round_trip(paras in prop::collection::vec(prop::collection::vec(("[a-zA-Zđươ ]{1,10}", any::<bool>(), any::<bool>()), 1..5), 1..8)) {
            let body: String = paras.iter().map(|runs| {
                let rs: String = runs.iter().map(|(t, b, i)| format!(
                    r#"<w:r><w:rPr>{}{}</w:rPr><w:t xml:space="preserve">{t}</w:t></w:r>"#,
                    if *b { "<w:b/>" } else { "" }, if *i { "<w:i w:val=\"1\"/>" } else { "<w:i w:val=\"0\"/>" })).collect();
                format!("<w:p>{rs}</w:p>")
            }).collect();
            let raws = from_xml(&doc(&body), &styles(), "").unwrap();
            prop_assert_eq!(raws.len(), paras.len());
            for (raw, want) in raws.iter().zip(&paras) {
                let Raw::Para { spans, .. } = raw else { panic!() };
                let got: Vec<(String, bool, bool)> = spans.iter().map(|s| (s.text.clone(), s.bold, s.italic)).collect();
                let want: Vec<(String, bool, bool)> = want.to_vec();
                prop_assert_eq!(got, want);
            }
        }
    }
}

#[test]
fn decomposed_vietnamese_is_composed() {
    // "Thuận lợi" typed with combining marks (u + dot below + circumflex…).
    let nfd = "Thua\u{0323}\u{0302}n lo\u{031b}\u{0323}i";
    let raws = from_xml(&doc(&p("Normal", &r(nfd))), &styles(), "").unwrap();
    let Raw::Para { spans, .. } = &raws[0] else {
        panic!()
    };
    assert_eq!(spans[0].text, "Thuận lợi");
}

#[test]
fn hostile_list_numbers_stay_small() {
    assert_eq!(format_number(28, "lowerLetter"), "bb");
    assert!(format_number(u32::MAX, "upperLetter").len() <= 4);
    assert!(roman(u32::MAX).len() <= 44);
    assert_eq!(roman(14), "XIV");
}
