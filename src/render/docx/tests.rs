//! The DOCX renderer's tests: page setup, styles, the header block, tables, determinism.
use super::text::text_width;
use super::*;
use crate::document::model::*;
use crate::document::sample::sample;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// Each line: a text, then what the paragraph holding it must contain (`!x`: must not).
/// Short names: b i caps keep center both left szNN; anything else is taken literally.
const PARAGRAPHS: &str = r#"
    UBND HUYỆN HOẰNG HÓA | sz26 | caps | !b | center
    XÃ TÂN PHÚC | b | caps | sz26 | center
    Số: 125/BC-UBND | sz26 | !b | center
    V/v báo cáo kết quả | sz26 | !b | center
    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM | b | sz26 | center
    Độc lập - Tự do - Hạnh phúc | b | sz28 | center
    Tân Phúc, ngày 10 tháng 11 năm 2024 | i | sz28 | center
    >BÁO CÁO< | b | sz28 | center
    Kết quả thực hiện các tiêu chí | b | sz28 | center | keep
    I. CÔNG TÁC | b | keep
    nghiêng | both | w:firstLine="567" | w:after="120" | w:line="350" | w:lineRule="exact" | <w:widowControl w:val="1" /> | sz28 | !keep
    1 Chính quyền số | b | sz24 | left
    95,65% | center | sz24 | !b
    Nơi nhận: | b | i | sz24
    - Lưu: VT, VP. | sz22 | !b
    TM. ỦY BAN NHÂN DÂN | b | caps | sz28 | center
    CHỦ TỊCH | b | sz28 | center
    Lê Văn Hùng | w:before="1701" | b | sz28 | center
    PHỤ LỤC 01 | b | sz28 | center
    CHI TIẾT | b | sz28 | center
    (Kèm theo Báo cáo | i | sz28 | center
    Người thống kê | b | center
    (Ký, ghi rõ họ tên) | i | center
    Kính gửi: | sz28 | !b | center
    PAGE</w:instrText> | sz28 | center | w:fldCharType="begin"
"#;

/// What document.xml must contain, one fragment a line.
const DOCUMENT: &str = r#"
    <w:pgSz w:w="11906" w:h="16838" />
    w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567"
    <w:headerReference w:type="first"
    <w:titlePg />
    <w:br w:type="page" />
    &lt;b&gt;&amp;&quot;q&quot; \ [a] // ?
"#;

const RULE: &str = r#"<w:pBdr><w:top w:val="single" w:space="0" w:sz="6" w:color="000000" />"#;

fn fragment(short: &str) -> String {
    match short {
        "b" | "i" => format!("<w:{short} />"),
        "caps" => "<w:caps".into(),
        "keep" => "<w:keepNext />".into(),
        "center" | "both" | "left" => format!(r#"<w:jc w:val="{short}" />"#),
        _ if short.starts_with("sz") => format!(r#"<w:sz w:val="{}" />"#, &short[2..]),
        _ => short.into(),
    }
}

/// The shared sample plus what it lacks: a parent agency, a V/v line, a spanning group row.
fn doc() -> Document {
    let mut d = sample();
    for b in &mut d.blocks {
        if let Block::Header(h) = b {
            h.parent_agency = "UBND HUYỆN HOẰNG HÓA".into();
            h.subject_vv = Some("V/v báo cáo kết quả".into());
        } else if let Block::Table(t) = b {
            let mut c = TableCell::bold("1 Chính quyền số", Align::Left);
            c.colspan = 3;
            let row = TableRow {
                cells: vec![c],
                group: true,
            };
            t.rows.insert(0, row);
        }
    }
    d
}

/// The parts, with each w:noBreakHyphen read back as the hyphen it shows.
fn parts(d: &Document) -> BTreeMap<String, String> {
    let mut all = raw_parts(d);
    for xml in all.values_mut() {
        *xml = xml.replace(NO_BREAK_HYPHEN_XML, "-");
    }
    all
}

const NO_BREAK_HYPHEN_XML: &str = r#"</w:t><w:noBreakHyphen /><w:t xml:space="preserve">"#;

fn raw_parts(d: &Document) -> BTreeMap<String, String> {
    let bytes = render_docx(d).unwrap();
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(f.name().unwrap().to_string(), s);
    }
    out
}

fn document_xml(d: &Document) -> String {
    parts(d).remove("word/document.xml").unwrap()
}

/// The part of `xml` from `from` to `to` (exclusive).
fn span<'a>(xml: &'a str, from: &str, to: &str) -> &'a str {
    let start = xml.find(from).unwrap_or_else(|| panic!("{from} not found"));
    &xml[start..start + xml[start..].find(to).unwrap()]
}

/// The paragraph holding `needle`.
fn para_with<'a>(xml: &'a str, needle: &str) -> &'a str {
    let at = xml.find(needle).expect(needle);
    span(&xml[xml[..at].rfind("<w:p ").unwrap()..], "<w:p ", "</w:p>")
}

/// `xml` holds every line of `wanted`.
fn has(xml: &str, wanted: &str) {
    for w in wanted.lines().map(str::trim).filter(|w| !w.is_empty()) {
        assert!(xml.contains(w), "{w} missing in {xml}");
    }
}

#[test]
fn page_setup_and_paragraph_styles() {
    let all = parts(&doc());
    let d = &all["word/document.xml"];
    has(d, DOCUMENT);
    let header = ["word/header1.xml", "word/header2.xml"].map(|h| &all[h]);
    let xml = format!("{d}{}{}", header[0], header[1]);
    for l in PARAGRAPHS.lines().filter(|l| !l.trim().is_empty()) {
        let mut fields = l.split('|').map(str::trim);
        let p = para_with(&xml, fields.next().unwrap());
        for f in fields {
            match f.strip_prefix('!') {
                Some(not) => assert!(!p.contains(&fragment(not)), "{l}: {not} in {p}"),
                None => assert!(p.contains(&fragment(f)), "{l}: {f} missing in {p}"),
            }
        }
    }
    let mut land = doc();
    land.page = PageSetup::landscape();
    let d = document_xml(&land);
    has(
        &d,
        r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape" />"#,
    );
    has(
        &d,
        r#"w:top="1701" w:right="850" w:bottom="1134" w:left="1134""#,
    );
}

#[test]
fn times_new_roman_black_and_page_number_from_page_2() {
    let all = parts(&doc());
    let fonts = ["ascii", "hAnsi", "cs", "eastAsia"];
    let tnr = fonts
        .map(|a| format!(r#"w:{a}="Times New Roman""#))
        .join("\n");
    let size_colour = "<w:sz w:val=\n<w:color w:val=\"000000\" />";
    let mut count = 0;
    for (name, xml) in &all {
        if name.starts_with("word/header") || name == "word/document.xml" {
            for r in xml.split("<w:r>").skip(1) {
                let rpr = &r[..r.find("</w:rPr>").expect("every run has properties")];
                has(rpr, &tnr);
                has(rpr, size_colour);
                count += 1;
            }
        }
    }
    assert!(count > 100, "{count} runs");
    let defaults = span(&all["word/styles.xml"], "<w:rPrDefault>", "</w:rPrDefault>");
    has(defaults, &tnr);
    has(defaults, &size_colour.replace("=\n", "=\"28\" />\n"));
    assert!(!all["word/settings.xml"].contains("evenAndOddHeaders"));
    // PAGE in the default header; page 1 gets its own empty header.
    let d = &all["word/document.xml"];
    let rels = &all["word/_rels/document.xml.rels"];
    let header = |kind: &str| {
        let key = format!(r#"<w:headerReference w:type="{kind}" r:id=""#);
        let id = span(d, &key, "\" />").trim_start_matches(&key);
        let target = span(rels, &format!(r#"Id="{id}""#), "/>");
        let target = span(target, "Target=\"", "\" ").trim_start_matches("Target=\"");
        &all[&format!("word/{target}")]
    };
    has(header("default"), "<w:instrText>PAGE</w:instrText>");
    assert!(!header("first").contains("PAGE") && !header("first").contains("<w:t"));
}

#[test]
fn header_block_lines_and_annex_corner() {
    let d = document_xml(&doc());
    let h = span(&d, "<w:tbl>", "</w:tbl>");
    has(
        h,
        "<w:gridCol w:w=\"3742\" w:type=\"dxa\" />\n<w:gridCol w:w=\"5613\"",
    );
    let borders = span(h, "<w:tblBorders>", "</w:tblBorders>");
    assert_eq!(borders.matches(r#"w:val="nil""#).count(), 6, "borderless");
    // Real lines: the top border of a paragraph narrowed by indentation.
    let agency = format!("{RULE}\n<w:ind w:left=\"1358\" w:right=\"1358\" />");
    has(span(h, "XÃ TÂN PHÚC", "Số: 125"), &agency);
    let motto_w = text_width(MOTTO, 14.0, true);
    assert!((mm(58.0)..mm(64.0)).contains(&motto_w), "{motto_w}");
    let side = (5613 - motto_w) / 2;
    let motto = format!("{RULE}\n<w:ind w:left=\"{side}\" w:right=\"{side}\" />");
    has(span(h, MOTTO, "Tân Phúc, ngày"), &motto);
    has(
        span(&d, "Kết quả thực hiện các tiêu chí", "I. CÔNG TÁC"),
        RULE,
    );
    // The annex keeps a free 15 mm band above its label.
    let band = span(&d, "Lê Văn Hùng", "PHỤ LỤC 01");
    has(band, r#"w:line="850" w:lineRule="exact""#);
}

#[test]
fn hyphens_before_digits_hold_and_layout_rows_stay_whole() {
    let mut d = doc();
    // The renderer's own marker (U+E000) cannot come from the model's text: it is taken out.
    let text = "Ke-hoach-2024.pdf SHA-256 a-b \u{E000}x/y-z tỉnh.";
    d.blocks
        .push(Block::Para(Para::body(vec![Run::plain(text)])));
    let xml = raw_parts(&d).remove("word/document.xml").unwrap();
    let t = NO_BREAK_HYPHEN_XML;
    has(
        &xml,
        &format!("Ke-hoach{t}2024.pdf SHA{t}256 a-b x/y{t}z tỉnh.</w:t>"),
    );
    // The header block does not split across pages and is no repeated table header.
    let header = span(&xml, "<w:tbl>", "</w:tbl>");
    has(header, "<w:trPr><w:cantSplit /></w:trPr>");
    assert!(!header.contains("tblHeader") && !header.contains("trHeight"));
}

#[test]
fn data_table_repeats_its_header_rows() {
    let d = doc();
    let xml = document_xml(&d);
    let t = d.blocks.iter().find_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    });
    let t = t.unwrap();
    let start = xml[..xml.find("Tên chỉ tiêu").unwrap()].rfind("<w:tbl>");
    let tbl = span(&xml[start.unwrap()..], "<w:tbl>", "</w:tbl>");
    let rows: Vec<&str> = tbl.split("<w:tr>").skip(1).collect();
    assert_eq!(rows.len(), t.header.len() + t.rows.len());
    for (i, r) in rows.iter().enumerate() {
        let repeated = r.starts_with("<w:trPr><w:cantSplit /><w:tblHeader />");
        assert_eq!(repeated, i < t.header.len(), "row {i}");
    }
    has(
        tbl,
        "<w:insideH w:val=\"single\" w:sz=\"4\"\n<w:left w:val=\"single\" w:sz=\"4\"",
    );
    let cols = tbl.split("<w:gridCol w:w=\"").skip(1);
    let cols: Vec<i32> = cols
        .map(|c| c[..c.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!((cols.len(), cols.iter().sum::<i32>()), (3, 9355));
    let group = span(tbl, "</w:tblGrid>", "1 Chính quyền số");
    has(group, r#"<w:gridSpan w:val="3" />"#);
}

#[test]
fn text_in_reading_order_and_metadata() {
    let d = doc();
    let all = parts(&d);
    let xml = &all["word/document.xml"];
    let mut text = String::new();
    for piece in xml.split("<w:t xml:space=\"preserve\">").skip(1) {
        text.push_str(&piece[..piece.find("</w:t>").unwrap()]);
    }
    let text = text.replace("&lt;", "<").replace("&gt;", ">");
    let text = text.replace("&quot;", "\"").replace("&amp;", "&");
    let mut at = 0;
    for l in d.plain_text().lines().map(|l| l.replace(" | ", "")) {
        let found = text[at..].find(&l);
        at += found.unwrap_or_else(|| panic!("{l:?} missing or out of order")) + l.len();
    }
    has(
        &all["docProps/core.xml"],
        r#"<dc:title>Báo cáo thử Xã #let *Tân* _Phúc_ $x$ &lt;b&gt;&amp;&quot;q&quot;
           <dc:creator>UBND xã Tân Phúc</dc:creator>
           >2024-11-10T00:00:00Z</dcterms:created>
           >2024-11-10T00:00:00Z</dcterms:modified>"#,
    );
}

#[test]
fn same_bytes_whatever_was_rendered_before() {
    let a = render_docx(&doc()).unwrap();
    let mut other = sample();
    other.blocks.truncate(3);
    other.date = (2023, 1, 2);
    render_docx(&other).unwrap();
    // docx-rs numbers paragraphs from a thread-wide counter that only its build() resets.
    let _unbuilt: Vec<_> = (0..5).map(|_| dx::Paragraph::new()).collect();
    assert!(a == render_docx(&doc()).unwrap(), "second render differs");
    // A fresh thread starts docx-rs's thread-local counter again.
    let b = std::thread::spawn(|| render_docx(&doc()).unwrap());
    assert!(a == b.join().unwrap(), "render in another thread differs");
    let mut z = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
    for i in 0..z.len() {
        let t = z.by_index(i).unwrap().last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2024, 11, 10, 0));
    }
    // "Version made by" of every central-directory entry names Unix (3), on every host.
    let made_by: Vec<u8> = a
        .windows(6)
        .filter(|w| w[..4] == *b"PK\x01\x02")
        .map(|w| w[5])
        .collect();
    assert_eq!(made_by.len(), z.len());
    assert!(made_by.iter().all(|&s| s == 3), "{made_by:?}");
}

/// Run by `same_bytes_in_another_process` as a child process.
#[test]
#[ignore]
fn emit_sample() {
    if let Ok(path) = std::env::var("HOSO_DOCX_EMIT") {
        std::fs::write(path, render_docx(&doc()).unwrap()).unwrap();
    }
}

#[test]
fn same_bytes_in_another_process() {
    let mine = render_docx(&doc()).unwrap();
    for k in 0..2 {
        let name = format!("hoso-docx-{}-{k}.docx", std::process::id());
        let path = std::env::temp_dir().join(name);
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", "render::docx::tests::emit_sample"])
            .env("HOSO_DOCX_EMIT", &path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        let theirs = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).ok();
        assert!(theirs == mine, "process {k} wrote other bytes");
    }
}

fn table(widths: Vec<f32>, rows: Vec<TableRow>) -> Block {
    let header = vec![];
    Block::Table(Table {
        widths,
        header,
        rows,
        size_pt: 12.0,
    })
}

#[test]
fn errors_are_vietnamese_sentences() {
    let mut d = doc();
    let mut cell = TableCell::new("x", Align::Left);
    cell.colspan = 3;
    let row = TableRow {
        cells: vec![cell],
        group: false,
    };
    d.blocks = vec![Block::PageBreak, table(vec![1.0, 1.0], vec![row])];
    let e = render_docx(&d).unwrap_err();
    let want = "Bảng ở khối thứ 2: dòng 1 dùng 3 cột, nhiều hơn 2 cột của bảng";
    assert!(e.starts_with(want), "{e}");
    d.date = (2024, 13, 1);
    let e = render_docx(&d).unwrap_err();
    assert_eq!(e, "Ngày của văn bản không hợp lệ: 1/13/2024.");
}

#[test]
fn empty_document_and_empty_table_still_open() {
    let mut d = doc();
    d.blocks.clear();
    has(&document_xml(&d), "<w:body><w:p ");
    d.blocks = vec![table(vec![1.0], vec![])];
    assert!(!document_xml(&d).contains("<w:tbl>"));
}

#[test]
fn python_docx_opens_it() {
    let d = doc();
    let path = std::env::temp_dir().join(format!("hoso-docx-{}.docx", std::process::id()));
    std::fs::write(&path, render_docx(&d).unwrap()).unwrap();
    let python = std::env::var("HOSO_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = "import sys\ntry:\n import docx\nexcept ImportError:\n sys.exit(3)\n\
                  d = docx.Document(sys.argv[1])\n\
                  print(len(d.paragraphs), len(d.tables), d.core_properties.author)";
    let out = std::process::Command::new(python)
        .args(["-c", script])
        .arg(&path)
        .output();
    std::fs::remove_file(&path).ok();
    let out = match out {
        Ok(o) if o.status.code() == Some(3) => return eprintln!("note: no python-docx, skipped"),
        Err(e) => return eprintln!("note: no python3 ({e}), python-docx check skipped"),
        Ok(o) => o,
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen = String::from_utf8_lossy(&out.stdout);
    assert!(
        seen.trim().ends_with(" 4 UBND xã Tân Phúc"),
        "python-docx saw {seen}"
    );
}
