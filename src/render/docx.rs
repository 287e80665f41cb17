//! DOCX renderer: lays the shared `Document` out per ND30 (shared/format.md) with docx-rs, then
//! re-packs docx-rs's archive so the bytes depend on the document alone (the report date is the
//! only clock). Output: the .docx file's bytes; errors are Vietnamese sentences.

use std::io::{Cursor, Read, Write};

use docx_rs as dx;
use dx::{AlignmentType as Jc, BorderType, LineSpacing, LineSpacingType, RunFonts, WidthType};

use crate::document::model::{Align, Block, Document, HeaderBlock, Para, Signature, Table};
use crate::document::style::layout;

const FONT: &str = "Times New Roman";
const A4: (i32, i32) = (11906, 16838);
/// Table borders: 0.5 pt (w:sz in eighths of a point), as typst's stroke.
const BORDER_EIGHTHS: usize = 4;
const BORDER_TWIPS: i32 = BORDER_EIGHTHS as i32 * 20 / 8;
const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

fn mm(v: f32) -> i32 {
    (v * 56.6929).round() as i32
}

fn pt(v: f32) -> i32 {
    (v * 20.0).round() as i32
}

/// Renders `doc` as a DOCX file: the same document always gives the same bytes.
pub fn render_docx(doc: &Document) -> Result<Vec<u8>, String> {
    let (y, mo, d) = doc.date;
    if !(1980..=2107).contains(&y) || !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return Err(format!("Ngày của văn bản không hợp lệ: {d}/{mo}/{y}."));
    }
    let stamp = format!("{y:04}-{mo:02}-{d:02}T00:00:00Z");
    let p = &doc.page;
    let margins = [
        p.margin_top_mm,
        p.margin_bottom_mm,
        p.margin_left_mm,
        p.margin_right_mm,
    ];
    if margins.iter().any(|m| !m.is_finite() || *m < 0.0) {
        return Err("Lề trang phải là số milimét không âm.".into());
    }
    let (pw, ph) = if p.landscape { (A4.1, A4.0) } else { A4 };
    let text_w = pw - mm(p.margin_left_mm) - mm(p.margin_right_mm);
    if text_w < mm(50.0) || ph - mm(p.margin_top_mm) - mm(p.margin_bottom_mm) < mm(50.0) {
        return Err("Lề trang quá lớn: vùng chữ còn lại hẹp hơn 50 mm.".into());
    }
    // The header 10 mm from the edge puts the page number inside the 20 mm top margin.
    let from_top = mm(layout().page_number_from_top_mm);
    let margin = dx::PageMargin::new()
        .top(mm(p.margin_top_mm))
        .bottom(mm(p.margin_bottom_mm))
        .left(mm(p.margin_left_mm))
        .right(mm(p.margin_right_mm))
        .header(from_top)
        .footer(from_top)
        .gutter(0);
    let mut docx = dx::Docx::new()
        .page_size(pw as u32, ph as u32)
        .page_margin(margin)
        .default_fonts(fonts())
        .default_size(28)
        .header(dx::Header::new().add_paragraph(page_number()))
        // An empty first-page header (and w:titlePg) keeps page 1 unnumbered.
        .first_header(dx::Header::new().add_paragraph(para(Jc::Center, 14.0)))
        .created_at(&stamp)
        .updated_at(&stamp);
    if p.landscape {
        docx = docx.page_orient(dx::PageOrientationType::Landscape);
    }
    // Word joins adjacent tables into one and wants the body to end with a paragraph.
    let mut last_was_table = None;
    // The organisation's corner field sits above a header block too (as in the PDF).
    if !super::fields::top_reserve(doc).is_empty() {
        docx = docx.add_paragraph(spacer(mm(super::fields::corner_height_mm() as f32)));
        last_was_table = Some(false);
    }
    for (i, b) in doc.blocks.iter().enumerate() {
        let table = match b {
            Block::Header(h) => Some(header_block(h, text_w)),
            Block::Closing {
                recipients,
                signature,
            } => Some(closing(recipients, signature, text_w)),
            // Word rejects a table without rows.
            Block::Table(t) if t.header.is_empty() && t.rows.is_empty() => None,
            Block::Table(t) => {
                Some(data_table(t, text_w).map_err(|e| format!("Bảng ở khối thứ {}: {e}", i + 1))?)
            }
            Block::SignatureRow { columns } if !columns.is_empty() => {
                Some(signature_row(columns, text_w))
            }
            _ => None,
        };
        if let Some(t) = table {
            if last_was_table == Some(true) {
                docx = docx.add_paragraph(spacer(120));
            }
            docx = docx.add_table(t);
            last_was_table = Some(true);
        }
        let keep = crate::document::model::keeps_with_next(&doc.blocks, i);
        for para in paragraphs(b, text_w, keep).map_err(|e| format!("Khối thứ {}: {e}", i + 1))?
        {
            docx = docx.add_paragraph(para);
            last_was_table = Some(false);
        }
    }
    // A hair-thin last paragraph: it never needs a page of its own.
    if last_was_table != Some(false) {
        docx = docx.add_paragraph(spacer(2));
    }
    let mut raw = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut raw)
        .map_err(|e| format!("Không tạo được tệp DOCX: {e}."))?;
    repack(&raw.into_inner(), doc, &stamp)
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

fn half_points(pt: f32) -> usize {
    (pt * 2.0).round().max(2.0) as usize
}

fn check_size(pt: f32) -> Result<f32, String> {
    if pt.is_finite() && (1.0..=200.0).contains(&pt) {
        Ok(pt)
    } else {
        Err(format!(
            "cỡ chữ {pt} pt không hợp lệ (phải từ 1 đến 200 pt)."
        ))
    }
}

/// Run styles, combined with `|`.
type Style = u8;
const PLAIN: Style = 0;
const BOLD: Style = 1;
const ITALIC: Style = 2;
/// Upper case by display (w:caps) leaves the text exactly as the builder gave it.
const CAPS: Style = 4;

/// A run without content: every run names the font, the size and black.
fn styled(size: f32, s: Style) -> dx::Run {
    let mut r = dx::Run::new().fonts(fonts());
    r = r.size(half_points(size)).color("000000");
    if s & BOLD != 0 {
        r = r.bold();
    }
    if s & ITALIC != 0 {
        r = r.italic();
    }
    if s & CAPS != 0 {
        r.run_property = r.run_property.caps();
    }
    r
}

fn run(text: &str, size: f32, s: Style) -> dx::Run {
    styled(size, s).add_text(keep_hyphens(text))
}

/// Stands for a w:noBreakHyphen in run text until `repack` writes the element (docx-rs has none).
const NO_BREAK_HYPHEN: char = '\u{E000}';

/// A hyphen before a digit ("ke-hoach-2024.pdf", "SHA-256") does not end a line in the PDF
/// (Unicode line breaking, rule LB25), nor one inside a word with a slash (kept whole there);
/// LibreOffice would break at those, so the DOCX marks them non-breaking.
fn keep_hyphens(text: &str) -> String {
    // Line breaks and tabs inside a run are spaces, and control characters go, as in the PDF.
    let clean: String = text
        .chars()
        .filter_map(|c| match c {
            '\n' | '\t' => Some(' '),
            NO_BREAK_HYPHEN => None,
            c if c.is_control() || ('\u{200b}'..='\u{200f}').contains(&c) || c == '\u{feff}' => {
                None
            }
            c => Some(c),
        })
        .collect();
    let mut out = String::with_capacity(clean.len());
    let mut rest = clean.as_str();
    while let Some(c) = rest.chars().next() {
        let len = if c.is_whitespace() {
            c.len_utf8()
        } else {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        };
        let word: Vec<char> = rest[..len].chars().collect();
        let whole = super::slashed(&rest[..len]);
        for (i, ch) in word.iter().enumerate() {
            let before_digit = word.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            let keep = *ch == '-' && (before_digit || whole);
            out.push(if keep { NO_BREAK_HYPHEN } else { *ch });
        }
        rest = &rest[len..];
    }
    out
}

/// The model's runs at `size`; `bold` makes them all bold (group rows).
fn runs(
    p: dx::Paragraph,
    rs: &[crate::document::model::Run],
    size: f32,
    bold: bool,
) -> dx::Paragraph {
    rs.iter().fold(p, |p, r| {
        let s = if r.bold || bold { BOLD } else { PLAIN } | if r.italic { ITALIC } else { PLAIN };
        p.add_run(run(&r.text, size, s))
    })
}

fn spacing(before: i32, after: i32, line: i32, rule: LineSpacingType) -> LineSpacing {
    let s = LineSpacing::new().before(before as u32).after(after as u32);
    s.line(line).line_rule(rule)
}

/// Lines exactly as tall as the style sheet makes them in the PDF, with space before and after.
fn exact(size: f32, before: i32, after: i32) -> LineSpacing {
    let line = pt(layout().line_pt(size));
    spacing(before, after, line, LineSpacingType::Exact)
}

/// An empty paragraph whose mark is Times New Roman at `size`, its lines as tall as in the PDF,
/// with widow and orphan control as typst has it.
fn para(jc: Jc, size: f32) -> dx::Paragraph {
    let p = dx::Paragraph::new().align(jc).fonts(fonts());
    let p = p.size(half_points(size)).line_spacing(exact(size, 0, 0));
    p.widow_control(true)
}

fn line(text: &str, size: f32, s: Style) -> dx::Paragraph {
    para(Jc::Center, size).add_run(run(text, size, s))
}

/// An empty paragraph of an exact height in twips.
fn spacer(height: i32) -> dx::Paragraph {
    para(Jc::Center, 1.0).line_spacing(spacing(0, 0, height, LineSpacingType::Exact))
}

/// A solid line `width` twips long centred in `avail`: the top border of a spacer narrowed by
/// indentation, so it sits right under the text above it and never shifts that text.
fn rule(avail: i32, width: i32) -> dx::Paragraph {
    let side = ((avail - width.clamp(mm(10.0), avail)) / 2).max(0);
    let band = pt(layout().rule_band_pt);
    let mut p = spacer(band).indent(Some(side), None, Some(side), None);
    let top = dx::ParagraphBorder::new(dx::ParagraphBorderPosition::Top);
    let top = top.val(BorderType::Single).size(6).space(0).color("000000");
    let borders = dx::ParagraphBorders::with_empty().set(top);
    p.property = p.property.set_borders(borders);
    p
}

/// Estimated width in twips of Times New Roman text from rough advance widths by letter class:
/// only used to size the short lines, which ND30 gives relative to the text's width.
fn text_width(text: &str, size: f32, bold: bool) -> i32 {
    let em: f32 = text
        .chars()
        .map(|c| match c {
            ' ' => 0.25,
            'i' | 'í' | 'ì' | 'ỉ' | 'ĩ' | 'ị' | 'l' | 'j' | 't' | 'f' | 'r' => 0.3,
            'I' | 'Í' | 'Ì' | 'Ỉ' | 'Ĩ' | 'Ị' => 0.39,
            'M' | 'W' | 'm' | 'w' => 0.9,
            _ if c.is_uppercase() => 0.72,
            _ if c.is_lowercase() || c.is_ascii_digit() => 0.5,
            _ => 0.33,
        })
        .sum();
    (em * size * 20.0 * if bold { 1.05 } else { 1.0 }).round() as i32
}

/// ND30: the line under the agency and under the subject is 1/3–1/2 of the text's width.
fn short_rule(avail: i32, lines: &[String], size: f32) -> dx::Paragraph {
    let widest = lines.iter().map(|l| text_width(l, size, true)).max();
    rule(avail, widest.unwrap_or(0) * 2 / 5)
}

fn page_number() -> dx::Paragraph {
    let field = styled(14.0, PLAIN)
        .add_field_char(dx::FieldCharType::Begin, false)
        .add_instr_text(dx::InstrText::PAGE(dx::InstrPAGE::new()))
        .add_field_char(dx::FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(dx::FieldCharType::End, false);
    para(Jc::Center, 14.0).add_run(field)
}

fn jc(a: Align) -> Jc {
    match a {
        Align::Left => Jc::Left,
        Align::Center => Jc::Center,
        Align::Right => Jc::Right,
        Align::Justify => Jc::Both,
    }
}

fn cell(width: i32, paragraphs: Vec<dx::Paragraph>) -> dx::TableCell {
    let c = dx::TableCell::new().width(width as usize, WidthType::Dxa);
    paragraphs.into_iter().fold(c, |c, p| c.add_paragraph(p))
}

fn table(
    grid: &[i32],
    rows: Vec<dx::TableRow>,
    borders: dx::TableBorders,
    pad: usize,
) -> dx::Table {
    let width = grid.iter().sum::<i32>() as usize;
    dx::Table::new(rows)
        .set_borders(borders)
        .set_grid(grid.iter().map(|w| *w as usize).collect())
        .width(width, WidthType::Dxa)
        .layout(dx::TableLayoutType::Fixed)
        .margins(dx::TableCellMargins::new().margin(pad, pad, pad, pad))
}

/// A borderless one-row table without cell padding: its columns are exactly the layout's boxes
/// (the 13 pt bold Quốc hiệu only just fits the 60 % column of a portrait page). The row does not
/// split across pages, as in the PDF.
fn layout_table(grid: &[i32], columns: Vec<Vec<dx::Paragraph>>) -> dx::Table {
    let row = dx::TableRow::new(
        columns
            .into_iter()
            .zip(grid)
            .map(|(ps, w)| cell(*w, ps))
            .collect(),
    );
    let row = row.cant_split();
    table(grid, vec![row], dx::TableBorders::new().clear_all(), 0)
}

/// docx-rs has no w:tblHeader: header rows get a 1-twip minimum height, which docx-rs writes as
/// this and `repack` turns into w:tblHeader (no other row of ours has a height).
const HEADER_ROW_MARKER: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

fn split(text_w: i32, left_share: f32) -> [i32; 2] {
    let left = (text_w as f32 * left_share).round() as i32;
    [left, text_w - left]
}

fn header_block(h: &HeaderBlock, text_w: i32) -> dx::Table {
    let [lw, rw] = split(text_w, layout().header_left);
    let mut left = Vec::new();
    if !h.parent_agency.is_empty() {
        left.push(line(&h.parent_agency, 13.0, CAPS));
    }
    left.extend(h.agency.iter().map(|a| line(a, 13.0, BOLD | CAPS)));
    left.push(short_rule(lw, &h.agency, 13.0));
    left.push(line(&h.number, 13.0, PLAIN));
    if let Some(vv) = &h.subject_vv {
        left.push(line(vv, 13.0, PLAIN).line_spacing(exact(13.0, 60, 0)));
    }
    let right = vec![
        line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13.0, BOLD),
        line(MOTTO, 14.0, BOLD),
        rule(rw, text_width(MOTTO, 14.0, true)),
        line(&h.place_date, 14.0, ITALIC),
    ];
    layout_table(&[lw, rw], vec![left, right])
}

fn body(p: &Para, keep: bool) -> Result<dx::Paragraph, String> {
    let size = check_size(p.size_pt)?;
    let (indent, after) = (p.first_line_indent_cm, p.space_after_pt);
    if !indent.is_finite() || !after.is_finite() || after < 0.0 {
        return Err("thụt đầu dòng hoặc khoảng cách sau đoạn văn không hợp lệ.".into());
    }
    let first = (indent * 567.0).round() as i32;
    // ND30 allows single to 1.5 line spacing: the style sheet's exact line height, as in the PDF.
    let after = exact(size, 0, pt(after));
    let mut out = para(jc(p.align), size).line_spacing(after).keep_next(keep);
    let special = match first {
        0 => None,
        f if f > 0 => Some(dx::SpecialIndentType::FirstLine(f)),
        f => Some(dx::SpecialIndentType::Hanging(-f)),
    };
    if special.is_some() {
        out = out.indent(None, special, None, None);
    }
    Ok(runs(out, &p.runs, size, false))
}

fn data_table(t: &Table, text_w: i32) -> Result<dx::Table, String> {
    let size = check_size(t.size_pt)?;
    let total: f32 = t.widths.iter().sum();
    if t.widths.iter().any(|w| !w.is_finite() || *w < 0.0) || total <= 0.0 {
        return Err("bảng phải có ít nhất một cột và độ rộng các cột phải là số dương.".into());
    }
    // Rounded at the column edges, so the columns add up to the text width exactly.
    let (mut acc, mut prev) = (0.0f64, 0);
    let mut grid = Vec::new();
    for w in &t.widths {
        acc += *w as f64;
        let edge = (acc / total as f64 * text_w as f64).round() as i32;
        grid.push(edge - prev);
        prev = edge;
    }
    let mut rows = Vec::new();
    for (i, r) in t.header.iter().chain(&t.rows).enumerate() {
        let (mut cells, mut col) = (Vec::new(), 0);
        for c in &r.cells {
            let span = c.colspan.max(1);
            if col + span > grid.len() {
                return Err(format!(
                    "dòng {} dùng {} cột, nhiều hơn {} cột của bảng: hãy sửa số cột gộp (colspan).",
                    i + 1,
                    col + span,
                    grid.len()
                ));
            }
            let p = runs(para(jc(c.align), size), &c.runs, size, r.group);
            let tc = cell(grid[col..col + span].iter().sum(), vec![p]);
            cells.push(spanning(tc.vertical_align(dx::VAlignType::Center), span));
            col += span;
        }
        if col < grid.len() {
            // A short row gets one empty cell to the end, so its borders stay closed.
            let tc = cell(grid[col..].iter().sum(), vec![para(Jc::Left, size)]);
            cells.push(spanning(tc, grid.len() - col));
        }
        // Rows never split across pages, in the PDF either: a row's lines stay together.
        let mut row = dx::TableRow::new(cells).cant_split();
        if i < t.header.len() {
            row = row.row_height(1.0);
        }
        rows.push(row);
    }
    use dx::TableBorderPosition::*;
    let mut borders = dx::TableBorders::new();
    for pos in [Top, Left, Bottom, Right, InsideH, InsideV] {
        let border = dx::TableBorder::new(pos).size(BORDER_EIGHTHS);
        borders = borders.set(border.border_type(BorderType::Single));
    }
    // LibreOffice adds the 0.5 pt border to the padding, typst draws it over: pad that much less.
    let pad = pt(layout().cell_padding_pt) - BORDER_TWIPS / 2;
    Ok(table(&grid, rows, borders, pad.max(0) as usize))
}

fn spanning(c: dx::TableCell, columns: usize) -> dx::TableCell {
    if columns > 1 {
        c.grid_span(columns)
    } else {
        c
    }
}

fn closing(recipients: &[String], s: &Signature, text_w: i32) -> dx::Table {
    let [lw, rw] = split(text_w, layout().closing_left);
    let mut left = Vec::new();
    if !recipients.is_empty() {
        let label = run("Nơi nhận:", 12.0, BOLD | ITALIC);
        left.push(para(Jc::Left, 12.0).add_run(label));
        let each = |r: &String| para(Jc::Left, 11.0).add_run(run(r, 11.0, PLAIN));
        left.extend(recipients.iter().map(each));
    }
    let mut right = Vec::new();
    for (text, style) in [
        (&s.authority, BOLD | CAPS),
        (&s.title, BOLD | CAPS),
        (&s.hint, ITALIC),
    ] {
        if !text.is_empty() {
            right.push(line(text, 14.0, style));
        }
    }
    let room = mm(layout().signature_room_mm);
    right.push(line(&s.name, 14.0, BOLD).line_spacing(exact(14.0, room, 0)));
    layout_table(&[lw, rw], vec![left, right])
}

fn signature_row(columns: &[Vec<String>], text_w: i32) -> dx::Table {
    let n = columns.len() as i32;
    let grid: Vec<i32> = (0..n)
        .map(|i| text_w * (i + 1) / n - text_w * i / n)
        .collect();
    let cells = columns
        .iter()
        .map(|lines| {
            let styles = std::iter::once(BOLD).chain(std::iter::repeat(ITALIC));
            let mut ps: Vec<_> = lines
                .iter()
                .zip(styles)
                .map(|(l, s)| line(l, 14.0, s))
                .collect();
            if ps.is_empty() {
                ps.push(para(Jc::Center, 14.0));
            }
            ps
        })
        .collect::<Vec<_>>();
    let mut cells = cells;
    // Room for the handwritten signatures, inside the row as in the PDF.
    if let Some(first) = cells.first_mut() {
        first.push(spacer(mm(layout().signature_row_room_mm)));
    }
    layout_table(&grid, cells)
}

/// The paragraphs of a block; table-shaped blocks give none.
fn paragraphs(b: &Block, text_w: i32, keep: bool) -> Result<Vec<dx::Paragraph>, String> {
    let l = layout();
    Ok(match b {
        Block::Header(_) => vec![spacer(pt(l.header_gap_pt))],
        Block::Title { kind, subject } => {
            let mut ps = Vec::new();
            if !kind.is_empty() {
                ps.push(line(kind, 14.0, BOLD | CAPS).keep_next(true));
            }
            ps.extend(subject.iter().map(|s| line(s, 14.0, BOLD).keep_next(true)));
            if !subject.is_empty() {
                let gap = exact(1.0, 0, pt(l.block_gap_pt));
                let band = pt(l.rule_band_pt);
                let r = short_rule(text_w, subject, 14.0);
                let r = r.line_spacing(gap.line(band).line_rule(LineSpacingType::Exact));
                ps.push(r.keep_next(true));
            }
            ps
        }
        Block::Table(t) if !(t.header.is_empty() && t.rows.is_empty()) => {
            vec![spacer(pt(l.block_gap_pt))]
        }
        Block::Recipients { lines } => {
            let last = lines.len().saturating_sub(1);
            let gap = |i: usize| {
                exact(
                    14.0,
                    if i == 0 { 240 } else { 0 },
                    if i == last { 240 } else { 0 },
                )
            };
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| line(l, 14.0, PLAIN).line_spacing(gap(i)))
                .collect()
        }
        Block::Para(p) => vec![body(p, keep)?],
        Block::AnnexHeading {
            label,
            title,
            attached_to,
        } => {
            // The signing software stamps the top right 60 × 15 mm: keep that band empty.
            let mut ps = vec![
                spacer(mm(super::fields::corner_height_mm() as f32)),
                line(label, 14.0, BOLD).keep_next(true),
            ];
            ps.extend(
                title
                    .iter()
                    .map(|t| line(t, 14.0, BOLD | CAPS).keep_next(true)),
            );
            if !attached_to.is_empty() {
                let gap = exact(14.0, 0, pt(l.annex_heading_gap_pt));
                ps.push(line(attached_to, 14.0, ITALIC).line_spacing(gap));
            }
            ps
        }
        Block::PageBreak => {
            vec![para(Jc::Left, 14.0).add_run(styled(14.0, PLAIN).add_break(dx::BreakType::Page))]
        }
        _ => vec![],
    })
}

fn xml_escape(s: &str) -> String {
    let s = s
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    s.replace('"', "&quot;").replace('\'', "&apos;")
}

/// docx-rs can set neither the title nor the creator, so core.xml is written here.
fn core_xml(doc: &Document, stamp: &str) -> String {
    let (t, a) = (xml_escape(&doc.title), xml_escape(&doc.author));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{t}</dc:title><dc:creator>{a}</dc:creator><cp:lastModifiedBy>{a}</cp:lastModifiedBy><cp:revision>1</cp:revision><dc:language>vi-VN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>"#
    )
}

/// docx-rs numbers paragraphs (w14:paraId) from a thread-wide counter, so the ids depend on what
/// the thread built before: number them again in archive order. Text cannot hold the key, as its
/// quote is escaped.
fn renumber_para_ids(xml: &str, next: &mut u32) -> String {
    const KEY: &str = "w14:paraId=\"";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find(KEY) {
        let start = i + KEY.len();
        let Some(len) = rest[start..].find('"') else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&format!("{:08X}", *next));
        *next += 1;
        rest = &rest[start + len..];
    }
    out + rest
}

/// Rewrites docx-rs's archive in its own entry order with fixed timestamps (the report date),
/// our core properties, stable paragraph ids, w:tblHeader on header rows, black default text.
pub(crate) fn repack(raw: &[u8], doc: &Document, stamp: &str) -> Result<Vec<u8>, String> {
    let fail = |e: &dyn std::fmt::Display| format!("Không đóng gói lại được tệp DOCX: {e}.");
    let mut src = zip::ZipArchive::new(Cursor::new(raw)).map_err(|e| fail(&e))?;
    let (y, m, d) = doc.date;
    let time = zip::DateTime::from_date_and_time(y as u16, m as u8, d as u8, 0, 0, 0)
        .map_err(|e| fail(&e))?;
    // The host system is recorded in each entry ("version made by"): fixed, so a DOCX built on
    // Windows is byte-identical to Linux's.
    let options = zip::write::SimpleFileOptions::default()
        .system(zip::System::Unix)
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut next_id = 1;
    for i in 0..src.len() {
        let mut entry = src.by_index(i).map_err(|e| fail(&e))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().map_err(|e| fail(&e))?.to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).map_err(|e| fail(&e))?;
        if name == "docProps/core.xml" {
            data = core_xml(doc, stamp).into_bytes();
        } else if name.starts_with("word/") && name.ends_with(".xml") {
            let mut xml = renumber_para_ids(
                &String::from_utf8(data).map_err(|e| fail(&e))?,
                &mut next_id,
            );
            if name == "word/document.xml" {
                let hyphen = r#"</w:t><w:noBreakHyphen /><w:t xml:space="preserve">"#;
                xml = xml.replace(NO_BREAK_HYPHEN, hyphen);
                xml = xml.replace(HEADER_ROW_MARKER, "<w:tblHeader />");
            } else if name == "word/styles.xml" {
                xml = xml.replacen(
                    "<w:rPrDefault><w:rPr>",
                    "<w:rPrDefault><w:rPr><w:color w:val=\"000000\" />",
                    1,
                );
            }
            data = xml.into_bytes();
        }
        out.start_file(name, options).map_err(|e| fail(&e))?;
        out.write_all(&data).map_err(|e| fail(&e))?;
    }
    Ok(out.finish().map_err(|e| fail(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::model::{sample, PageSetup, Run, TableCell, TableRow};
    use std::collections::BTreeMap;

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
        &lt;b&gt;&amp;&quot;q&quot; \ [a] // 😀
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
        let text = "Ke-hoach-2024.pdf SHA-256 a-b \u{E000}x/y-z\ntỉnh.";
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
            Ok(o) if o.status.code() == Some(3) => {
                return eprintln!("note: no python-docx, skipped")
            }
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
}
