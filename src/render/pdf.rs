//! Document model → typst markup → PDF/A-2b, in process. An in-memory [`World`] serves the
//! generated source, the fonts embedded in the binary (parsed once per process) and the report date
//! as "today": no file system, no system fonts, no clock. User text is inserted as typst string
//! literals (never as markup) after glyphs the fonts lack are replaced, so PDF/A export cannot fail
//! on a commune's emoji.

use crate::document::model::*;
use crate::document::style::layout;
use std::fmt::Write;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    library: LazyHash<Library>,
}

/// Fonts and the standard library, built once per process.
fn fonts() -> &'static Fonts {
    static F: OnceLock<Fonts> = OnceLock::new();
    F.get_or_init(|| {
        let fonts: Vec<Font> = crate::forms::fonts()
            .iter()
            .flat_map(|(_, bytes)| Font::iter(Bytes::new(*bytes)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            library: LazyHash::new(Library::default()),
        }
    })
}

struct HosoWorld {
    main: Source,
    today: Datetime,
}

impl World for HosoWorld {
    fn library(&self) -> &LazyHash<Library> {
        &fonts().library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Replaces characters the embedded fonts cannot draw (emoji, rare symbols) with '?', and drops
/// control characters.
pub fn filter_glyphs(s: &str) -> String {
    let f = fonts();
    s.chars()
        .filter_map(|c| {
            if c == '\n' || c == '\t' {
                return Some(' ');
            }
            if c.is_control() || ('\u{200b}'..='\u{200f}').contains(&c) || c == '\u{feff}' {
                return None;
            }
            if c == ' '
                || f.fonts
                    .iter()
                    .any(|font| font.info().coverage.contains(c as u32))
            {
                Some(c)
            } else {
                Some('?')
            }
        })
        .collect()
}

/// A typst string literal holding `s` literally.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in filter_glyphs(s).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn run(r: &Run, whole: fn(&str) -> bool) -> String {
    let weight = if r.bold { "\"bold\"" } else { "\"regular\"" };
    let style = if r.italic { "\"italic\"" } else { "\"normal\"" };
    let text = |t: &str| format!("text(weight: {weight}, style: {style}, {})", lit(t));
    word_pieces(&r.text, whole)
        .into_iter()
        .map(|(t, keep)| match keep {
            true => format!("#box({})", text(t)),
            false => format!("#{}", text(t)),
        })
        .collect()
}

/// Splits `s` so that every word holding a "/" inside it ("tin/mau-3.3.xlsx") is a piece of its
/// own (`true`), to be kept on one line: typst would break after the slash, Word and LibreOffice do
/// not, and the DOCX keeps the same words whole.
fn word_pieces(s: &str, whole: fn(&str) -> bool) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut cursor = 0;
    for word in s.split_whitespace().filter(|w| whole(w)) {
        let start = word.as_ptr() as usize - s.as_ptr() as usize;
        if start > cursor {
            out.push((&s[cursor..start], false));
        }
        out.push((word, true));
        cursor = start + word.len();
    }
    if cursor < s.len() || out.is_empty() {
        out.push((&s[cursor..], false));
    }
    out
}

/// Runs of a table cell: words with a slash kept whole.
fn runs(rs: &[Run]) -> String {
    rs.iter().map(|r| run(r, super::slashed)).collect()
}

/// Runs of a paragraph: also words joined by a full stop ("tỉnh.Hồ") are kept whole, as Word and
/// LibreOffice keep them (a paragraph's line is wide enough for any of them).
fn para_runs(rs: &[Run]) -> String {
    rs.iter().map(|r| run(r, whole_in_paragraph)).collect()
}

fn whole_in_paragraph(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let dotted = chars
        .windows(2)
        .enumerate()
        .any(|(i, w)| i > 0 && w[0] == '.' && w[1].is_alphabetic());
    // Both break a hyphenated file name after its hyphens: only words without one are kept.
    super::slashed(word) || (dotted && !word.contains('-') && chars.len() <= 40)
}

fn align(a: Align) -> &'static str {
    match a {
        Align::Left | Align::Justify => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// The typst source for a document. Every length comes from the style sheet (`forms/layout.toml`)
/// and every line is exactly `line_height_em` tall with no leading, so the DOCX renderer, which
/// uses the same numbers as "exact" line spacing, breaks pages at the same lines.
pub fn to_typst(doc: &Document) -> String {
    let l = layout();
    let mut s = String::new();
    let p = &doc.page;
    let (y, m, d) = doc.date;
    let _ = writeln!(
        s,
        "#set document(title: {}, author: {}, date: datetime(year: {y}, month: {m}, day: {d}))",
        lit(&doc.title),
        lit(&doc.author)
    );
    let _ = writeln!(
        s,
        "#set page(paper: \"a4\", flipped: {}, margin: (top: {}mm, bottom: {}mm, left: {}mm, right: {}mm), header-ascent: 35%, header: context {{ let n = counter(page).get().first(); if n > 1 {{ align(center, text(size: {}pt, str(n))) }} }})",
        p.landscape,
        p.margin_top_mm,
        p.margin_bottom_mm,
        p.margin_left_mm,
        p.margin_right_mm,
        l.page_number_size_pt
    );
    let _ = writeln!(
        s,
        "#set text(font: \"Liberation Serif\", size: {}pt, lang: \"vi\", fill: black, hyphenate: false, overhang: false, top-edge: {}em, bottom-edge: -{}em)",
        l.body_size_pt,
        l.ascent_em,
        l.line_height_em - l.ascent_em
    );
    // First-fit line breaking on natural widths, as Word and LibreOffice do it: spaces never shrink,
    // and stretch without limit (so a line's trailing space takes no share of the stretch).
    s.push_str("#set par(justify: true, leading: 0pt, spacing: 0pt, linebreaks: \"simple\", justification-limits: (spacing: (min: 100%, max: 100000%)))\n");
    s.push_str("#set block(spacing: 0pt)\n");
    s.push_str("#show table: set par(justify: false, first-line-indent: 0pt)\n");
    s.push_str("#show grid: set par(justify: false, first-line-indent: 0pt)\n");
    s.push_str(&super::fields::top_reserve(doc));
    for (i, b) in doc.blocks.iter().enumerate() {
        block(&mut s, b, keeps_with_next(&doc.blocks, i));
    }
    s
}

fn centered_lines(lines: &[(String, f32, bool, bool)]) -> String {
    lines
        .iter()
        .map(|(t, size, bold, italic)| {
            format!(
                "#text(size: {size}pt, weight: {}, style: {}, {})",
                if *bold { "\"bold\"" } else { "\"regular\"" },
                if *italic { "\"italic\"" } else { "\"normal\"" },
                lit(t)
            )
        })
        .collect::<Vec<_>>()
        .join(" \\\n")
}

/// A band of the style sheet's rule height with a solid line of `length` centred at its top.
fn rule(length: &str) -> String {
    let l = layout();
    format!(
        "#block(width: 100%, height: {}pt, place(top + center, {length}))\n",
        l.rule_band_pt
    )
}

fn line_of(length: &str) -> String {
    format!(
        "line(length: {length}, stroke: {}pt)",
        layout().rule_stroke_pt
    )
}

fn header(s: &mut String, h: &HeaderBlock) {
    let l = layout();
    let mut left: Vec<(String, f32, bool, bool)> = Vec::new();
    if !h.parent_agency.is_empty() {
        left.push((h.parent_agency.clone(), 13.0, false, false));
    }
    left.extend(h.agency.iter().map(|a| (a.clone(), 13.0, true, false)));
    // ND30: the line under the issuing agency is 1/3–1/2 of its text's width (here 0.4).
    let widest: Vec<String> = h
        .agency
        .iter()
        .map(|a| {
            format!(
                "measure(text(size: 13pt, weight: \"bold\", {})).width",
                lit(a)
            )
        })
        .collect();
    let agency_rule = if widest.is_empty() {
        rule(&line_of("30%"))
    } else {
        rule(&format!(
            "context {}",
            line_of(&format!("calc.max({}) * 0.4", widest.join(", ")))
        ))
    };
    let mut below = format!("{}#par[#text(size: 13pt, {})]", agency_rule, lit(&h.number));
    if let Some(v) = &h.subject_vv {
        let _ = write!(below, "\n#v(3pt)\n#par[#text(size: 13pt, {})]", lit(v));
    }
    let motto = "Độc lập - Tự do - Hạnh phúc";
    let motto_rule = line_of(&format!(
        "measure(text(size: 14pt, weight: \"bold\", {})).width",
        lit(motto)
    ));
    let _ = writeln!(
        s,
        "#grid(columns: ({}%, {}%), align(center)[#par[{}]\n{}], align(center)[#par[#text(size: 13pt, weight: \"bold\", \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\") \\\n#text(size: 14pt, weight: \"bold\", {})]\n{}#par[#text(size: 14pt, style: \"italic\", {})]])",
        l.header_left * 100.0,
        100.0 - l.header_left * 100.0,
        centered_lines(&left),
        below,
        lit(motto),
        rule(&format!("context {motto_rule}")),
        lit(&h.place_date)
    );
    let _ = writeln!(s, "#v({}pt)", l.header_gap_pt);
}

fn block(s: &mut String, b: &Block, keep: bool) {
    let l = layout();
    match b {
        Block::Header(h) => header(s, h),
        Block::Title { kind, subject } => {
            let mut lines: Vec<(String, f32, bool, bool)> = Vec::new();
            if !kind.is_empty() {
                lines.push((kind.clone(), 14.0, true, false));
            }
            lines.extend(subject.iter().map(|t| (t.clone(), 14.0, true, false)));
            let _ = writeln!(
                s,
                "#block(sticky: true, width: 100%, below: {}pt)[#align(center)[#par(justify: false)[{}]\n{}]]",
                l.block_gap_pt,
                centered_lines(&lines),
                rule(&line_of("35%"))
            );
        }
        Block::Recipients { lines } => {
            let l: Vec<_> = lines
                .iter()
                .map(|t| (t.clone(), 14.0, false, false))
                .collect();
            let _ = writeln!(
                s,
                "#v(12pt)\n#align(center)[#par[{}]]\n#v(12pt)",
                centered_lines(&l)
            );
        }
        Block::Para(p) => {
            let inner = para_runs(&p.runs);
            let indent = if p.first_line_indent_cm > 0.0 {
                format!("(amount: {}cm, all: true)", p.first_line_indent_cm)
            } else {
                "0pt".into()
            };
            let justify = p.align == Align::Justify;
            // LibreOffice keeps room for the slant after italic text ending a line: so does the PDF.
            let italic = !p.runs.is_empty() && p.runs.iter().all(|r| r.italic);
            let room = if italic { l.italic_line_end_em } else { 0.0 };
            let _ = writeln!(
                s,
                "#block(sticky: {}, below: {}pt, inset: (right: {room}em))[#set text(size: {}pt)\n#align({})[#par(justify: {justify}, first-line-indent: {indent})[{inner}]]]",
                keep,
                p.space_after_pt.max(0.0),
                p.size_pt,
                align(p.align)
            );
        }
        Block::Table(t) => table(s, t),
        Block::Closing {
            recipients,
            signature,
        } => closing(s, recipients, signature),
        Block::AnnexHeading {
            label,
            title,
            attached_to,
        } => {
            let mut lines = vec![(label.clone(), 14.0, true, false)];
            lines.extend(title.iter().map(|t| (t.clone(), 14.0, true, false)));
            let mut after = 0.0;
            if !attached_to.is_empty() {
                lines.push((attached_to.clone(), 14.0, false, true));
                after = l.annex_heading_gap_pt;
            }
            // The organisation's signature goes in the top-right corner (about 60 × 15 mm): keep it free.
            let _ = writeln!(
                s,
                "{}\n#block(sticky: true, below: {after}pt)[#align(center)[#par(justify: false)[{}]]]",
                super::fields::corner(),
                centered_lines(&lines)
            );
        }
        Block::SignatureRow { columns } => {
            let n = columns.len().max(1);
            let cells: Vec<String> = columns
                .iter()
                .map(|c| {
                    let lines: Vec<(String, f32, bool, bool)> = c
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (t.clone(), 14.0, i == 0, i > 0))
                        .collect();
                    format!("align(center)[#par[{}]]", centered_lines(&lines))
                })
                .collect();
            let _ = writeln!(
                s,
                "#block(breakable: false)[#grid(columns: ({}), {})\n#v({}mm)]",
                vec!["1fr"; n].join(", "),
                cells.join(", "),
                l.signature_row_room_mm
            );
        }
        Block::PageBreak => s.push_str("#pagebreak()\n"),
    }
}

fn table(s: &mut String, t: &Table) {
    let l = layout();
    let cols = t
        .widths
        .iter()
        .map(|w| format!("{}fr", (w * 1000.0).round().max(1.0)))
        .collect::<Vec<_>>()
        .join(", ");
    let cell = |c: &TableCell, bold: bool| -> String {
        let rs: Vec<Run> = c
            .runs
            .iter()
            .map(|r| Run {
                bold: r.bold || bold,
                ..r.clone()
            })
            .collect();
        format!(
            "table.cell(colspan: {}, align: {} + horizon, breakable: false)[{}]",
            c.colspan.max(1),
            align(c.align),
            runs(&rs)
        )
    };
    let _ = write!(
        s,
        "#block(width: 100%, below: {}pt)[#set text(size: {}pt)\n#table(columns: ({cols},), stroke: 0.5pt, inset: {}pt,\n",
        l.block_gap_pt, t.size_pt, l.cell_padding_pt
    );
    if !t.header.is_empty() {
        let hs: Vec<String> = t
            .header
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| cell(c, true)))
            .collect();
        let _ = writeln!(s, "table.header(repeat: true, {}),", hs.join(", "));
    }
    for r in &t.rows {
        for c in &r.cells {
            let _ = writeln!(s, "{},", cell(c, r.group));
        }
    }
    s.push_str(")]\n");
}

fn closing(s: &mut String, recipients: &[String], signature: &Signature) {
    let l = layout();
    let mut left =
        String::from("#text(size: 12pt, weight: \"bold\", style: \"italic\", \"Nơi nhận:\")");
    for r in recipients {
        let _ = write!(left, " \\\n#text(size: 11pt, {})", lit(r));
    }
    let mut right: Vec<(String, f32, bool, bool)> = Vec::new();
    if !signature.authority.is_empty() {
        right.push((signature.authority.clone(), 14.0, true, false));
    }
    right.push((signature.title.clone(), 14.0, true, false));
    if !signature.hint.is_empty() {
        right.push((signature.hint.clone(), 14.0, false, true));
    }
    let _ = writeln!(
        s,
        "#block(breakable: false)[#grid(columns: ({}%, {}%), align(left)[#par(justify: false)[{left}]], align(center)[#par[{}]\n{}\n#par[#text(size: 14pt, weight: \"bold\", {})]])]",
        l.closing_left * 100.0,
        100.0 - l.closing_left * 100.0,
        centered_lines(&right),
        super::fields::gap_7b(),
        lit(&signature.name)
    );
}

/// Compiles and exports a document to PDF/A-2b. Errors say which document failed, in Vietnamese.
pub fn render_pdf(doc: &Document) -> Result<Vec<u8>, String> {
    let source = to_typst(doc);
    compile_source(&source, doc.date, &doc.file_stem)
}

pub fn compile_source(source: &str, date: (i32, u32, u32), name: &str) -> Result<Vec<u8>, String> {
    let (y, m, d) = date;
    let today = Datetime::from_ymd(y, m as u8, d as u8)
        .ok_or_else(|| format!("{name}: ngày báo cáo không hợp lệ"))?;
    let id = RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new("/main.typ").map_err(|e| format!("{e:?}"))?,
    )
    .intern();
    let world = HosoWorld {
        main: Source::new(id, source.to_string()),
        today,
    };
    let warned = typst::compile::<PagedDocument>(&world);
    let document = warned.output.map_err(|errs| {
        format!(
            "không dàn trang được tài liệu {name}: {}",
            errs.iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        )
    })?;
    let standards =
        PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| format!("{name}: {}", e.message()))?;
    let ts = Datetime::from_ymd_hms(y, m as u8, d as u8, 0, 0, 0)
        .ok_or_else(|| format!("{name}: ngày báo cáo không hợp lệ"))?;
    let options = PdfOptions {
        ident: Smart::Custom(name.to_string()),
        creator: Smart::Custom(Some("hoso".into())),
        timestamp: Some(Timestamp::new_utc(ts)),
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errs| {
        format!(
            "không xuất được PDF {name}: {}",
            errs.iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        )
    })?;
    // Empty signature fields at the ND30 places (render/fields.rs).
    super::fields::add_fields(pdf, &super::fields::places(&document))
        .map_err(|e| format!("{name}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_a_literal() {
        assert_eq!(
            lit("#let x = *a* $b$ <c> \"q\" \\"),
            "\"#let x = *a* $b$ <c> \\\"q\\\" \\\\\""
        );
    }

    #[test]
    fn slashes_between_words_are_kept_with_their_neighbours() {
        assert_eq!(
            word_pieces("tin/mau-3.3 và a/b/c, 1 / 2", crate::render::slashed),
            [
                ("tin/mau-3.3", true),
                (" và ", false),
                ("a/b/c,", true),
                (" 1 / 2", false)
            ]
        );
        assert_eq!(
            word_pieces("/ a/", crate::render::slashed),
            [("/ a/", false)]
        );
        assert_eq!(word_pieces("", crate::render::slashed), [("", false)]);
        assert_eq!(
            word_pieces("công tỉnh.Hồ sơ, 2.5 a.", whole_in_paragraph),
            [("công ", false), ("tỉnh.Hồ", true), (" sơ, 2.5 a.", false)]
        );
    }

    #[test]
    fn missing_glyphs_are_replaced() {
        assert_eq!(filter_glyphs("Xã Tân Phúc 😀"), "Xã Tân Phúc ?");
        assert_eq!(filter_glyphs("Hoằng Hóa ≥ 70%"), "Hoằng Hóa ≥ 70%");
    }
}

#[cfg(test)]
mod render_tests {
    use super::*;

    #[test]
    fn renders_every_block_as_pdf_a_with_the_report_date() {
        let doc = crate::document::model::sample();
        let pdf = render_pdf(&doc).expect("the sample compiles");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("pdfaid:part"), "PDF/A identification in XMP");
        assert!(
            text.contains("2024-11-10"),
            "creation date is the report date"
        );
        // Same input, same bytes.
        assert_eq!(pdf, render_pdf(&doc).unwrap());
        if let Ok(dir) = std::env::var("HOSO_TEST_PDF_DIR") {
            std::fs::write(format!("{dir}/sample.pdf"), &pdf).unwrap();
        }
    }
}

/// Reference for benches/bench.sh: a bare typst compile + PDF export of the `.typ` files that
/// `hoso build --typ` wrote (same World, same fonts), so typesetting can be quoted as a ratio.
#[cfg(test)]
mod bench_tests {
    #[test]
    #[ignore = "benchmark: run by benches/bench.sh with HOSO_BENCH_TYP_DIR"]
    fn bare_typst_compile_and_export() {
        let Ok(dir) = std::env::var("HOSO_BENCH_TYP_DIR") else {
            return;
        };
        let mut sources: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "typ"))
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        sources.sort();
        // Fonts are parsed before timing (hoso parses them once per process too); typst's memo
        // cache starts cold, as in a fresh `hoso build`: run this test in a new process per sample.
        let _ = super::fonts();
        let t = std::time::Instant::now();
        for (name, src) in &sources {
            super::compile_source(src, (2024, 11, 10), name).unwrap();
        }
        let ms = t.elapsed().as_secs_f64() * 1e3;
        println!("bare_typst_ms once={ms:.1} files={}", sources.len());
    }
}
