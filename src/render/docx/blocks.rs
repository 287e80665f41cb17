//! The model's blocks in DOCX: the header block, the closing and signature rows as borderless
//! one-row tables, data tables with repeated header rows, and the paragraph blocks.

use super::text::*;
use super::{mm, pt};
use crate::document::model::{Block, HeaderBlock, Para, Signature, Table};
use crate::document::style::layout;
use crate::problem::messages::render as msg;
use docx_rs as dx;
use dx::{BorderType, LineSpacingType, WidthType};

/// docx-rs has no w:tblHeader: header rows get a 1-twip minimum height, which docx-rs writes as
/// this and `repack` turns into w:tblHeader (no other row of ours has a height).
pub const HEADER_ROW_MARKER: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

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

fn split(text_w: i32, left_share: f32) -> [i32; 2] {
    let left = (text_w as f32 * left_share).round() as i32;
    [left, text_w - left]
}

/// The table a block is laid out as, if it is one (the header block, the closing, a data table
/// with rows, a signature row with columns).
pub fn table_of(b: &Block, text_w: i32) -> Result<Option<dx::Table>, String> {
    Ok(match b {
        Block::Header(h) => Some(header_block(h, text_w)),
        Block::Closing {
            label,
            recipients,
            signature,
        } => Some(closing(label, recipients, signature, text_w)),
        // Word rejects a table without rows.
        Block::Table(t) if t.header.is_empty() && t.rows.is_empty() => None,
        Block::Table(t) => Some(data_table(t, text_w)?),
        Block::SignatureRow { columns } if !columns.is_empty() => {
            Some(signature_row(columns, text_w))
        }
        _ => None,
    })
}

fn header_block(h: &HeaderBlock, text_w: i32) -> dx::Table {
    let l = layout();
    let [lw, rw] = split(text_w, l.header_left);
    let (size, motto) = (l.header_size_pt, l.motto_size_pt);
    let mut left = Vec::new();
    if !h.parent_agency.is_empty() {
        left.push(line(&h.parent_agency, size, CAPS));
    }
    left.extend(h.agency.iter().map(|a| line(a, size, BOLD | CAPS)));
    left.push(short_rule(lw, &h.agency, size));
    left.push(line(&h.number, size, PLAIN));
    if let Some(vv) = &h.subject_vv {
        let gap = exact(size, pt(l.subject_vv_gap_pt), 0);
        left.push(line(vv, size, PLAIN).line_spacing(gap));
    }
    let right = vec![
        line(&h.national_name, size, BOLD),
        line(&h.motto, motto, BOLD),
        rule(rw, text_width(&h.motto, motto, true)),
        line(&h.place_date, motto, ITALIC),
    ];
    layout_table(&[lw, rw], vec![left, right])
}

fn body(p: &Para, keep: bool) -> Result<dx::Paragraph, String> {
    let size = check_size(p.size_pt)?;
    let (indent, after) = (p.first_line_indent_cm, p.space_after_pt);
    if !indent.is_finite() || !after.is_finite() || after < 0.0 {
        return Err(msg::bad_spacing());
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

fn check_size(pt: f32) -> Result<f32, String> {
    if pt.is_finite() && (1.0..=200.0).contains(&pt) {
        Ok(pt)
    } else {
        Err(msg::bad_size(pt))
    }
}

/// Column widths in twips, rounded at the column edges so they add up to the text width exactly.
fn grid(widths: &[f32], text_w: i32) -> Result<Vec<i32>, String> {
    let total: f32 = widths.iter().sum();
    if widths.iter().any(|w| !w.is_finite() || *w < 0.0) || total <= 0.0 {
        return Err(msg::bad_widths());
    }
    let (mut acc, mut prev) = (0.0f64, 0);
    let mut grid = Vec::new();
    for w in widths {
        acc += *w as f64;
        let edge = (acc / total as f64 * text_w as f64).round() as i32;
        grid.push(edge - prev);
        prev = edge;
    }
    Ok(grid)
}

fn data_table(t: &Table, text_w: i32) -> Result<dx::Table, String> {
    let size = check_size(t.size_pt)?;
    let grid = grid(&t.widths, text_w)?;
    let mut rows = Vec::new();
    for (i, r) in t.header.iter().chain(&t.rows).enumerate() {
        let (mut cells, mut col) = (Vec::new(), 0);
        for c in &r.cells {
            let span = c.colspan.max(1);
            if col + span > grid.len() {
                return Err(msg::too_many_columns(i + 1, col + span, grid.len()));
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
    let l = layout();
    let eighths = (l.table_stroke_pt * 8.0).round() as usize;
    use dx::TableBorderPosition::*;
    let mut borders = dx::TableBorders::new();
    for pos in [Top, Left, Bottom, Right, InsideH, InsideV] {
        let border = dx::TableBorder::new(pos).size(eighths);
        borders = borders.set(border.border_type(BorderType::Single));
    }
    // LibreOffice adds the border to the padding, typst draws it over: pad half of it less.
    let border_twips = eighths as i32 * 20 / 8;
    let pad = pt(l.cell_padding_pt) - border_twips / 2;
    Ok(table(&grid, rows, borders, pad.max(0) as usize))
}

fn spanning(c: dx::TableCell, columns: usize) -> dx::TableCell {
    if columns > 1 {
        c.grid_span(columns)
    } else {
        c
    }
}

fn closing(label: &str, recipients: &[String], s: &Signature, text_w: i32) -> dx::Table {
    let l = layout();
    let [lw, rw] = split(text_w, l.closing_left);
    let mut left = Vec::new();
    if !recipients.is_empty() {
        let size = l.recipients_label_size_pt;
        left.push(para(Jc::Left, size).add_run(run(label, size, BOLD | ITALIC)));
        let size = l.recipients_size_pt;
        let each = |r: &String| para(Jc::Left, size).add_run(run(r, size, PLAIN));
        left.extend(recipients.iter().map(each));
    }
    let size = l.heading_size_pt;
    let mut right = Vec::new();
    for (text, style) in [
        (&s.authority, BOLD | CAPS),
        (&s.title, BOLD | CAPS),
        (&s.hint, ITALIC),
    ] {
        if !text.is_empty() {
            right.push(line(text, size, style));
        }
    }
    let room = mm(l.signature_room_mm);
    right.push(line(&s.name, size, BOLD).line_spacing(exact(size, room, 0)));
    layout_table(&[lw, rw], vec![left, right])
}

fn signature_row(columns: &[Vec<String>], text_w: i32) -> dx::Table {
    let size = layout().heading_size_pt;
    let n = columns.len() as i32;
    let grid: Vec<i32> = (0..n)
        .map(|i| text_w * (i + 1) / n - text_w * i / n)
        .collect();
    let mut cells = columns
        .iter()
        .map(|lines| {
            let styles = std::iter::once(BOLD).chain(std::iter::repeat(ITALIC));
            let mut ps: Vec<_> = lines
                .iter()
                .zip(styles)
                .map(|(l, s)| line(l, size, s))
                .collect();
            if ps.is_empty() {
                ps.push(para(Jc::Center, size));
            }
            ps
        })
        .collect::<Vec<_>>();
    // Room for the handwritten signatures, inside the row as in the PDF.
    if let Some(first) = cells.first_mut() {
        first.push(spacer(mm(layout().signature_row_room_mm)));
    }
    layout_table(&grid, cells)
}

fn title(kind: &str, subject: &[String], text_w: i32) -> Vec<dx::Paragraph> {
    let l = layout();
    let size = l.heading_size_pt;
    let mut ps = Vec::new();
    if !kind.is_empty() {
        ps.push(line(kind, size, BOLD | CAPS).keep_next(true));
    }
    ps.extend(subject.iter().map(|s| line(s, size, BOLD).keep_next(true)));
    if !subject.is_empty() {
        let gap = exact(1.0, 0, pt(l.block_gap_pt));
        let band = pt(l.rule_band_pt);
        let r = short_rule(text_w, subject, size);
        let r = r.line_spacing(gap.line(band).line_rule(LineSpacingType::Exact));
        ps.push(r.keep_next(true));
    }
    ps
}

/// "Kính gửi: …" lines, with room above the first and below the last.
fn addressed(lines: &[String]) -> Vec<dx::Paragraph> {
    let l = layout();
    let (size, gap) = (l.heading_size_pt, pt(l.addressed_gap_pt));
    let last = lines.len().saturating_sub(1);
    let spacing = |i: usize| {
        let before = if i == 0 { gap } else { 0 };
        exact(size, before, if i == last { gap } else { 0 })
    };
    lines
        .iter()
        .enumerate()
        .map(|(i, t)| line(t, size, PLAIN).line_spacing(spacing(i)))
        .collect()
}

fn annex_heading(label: &str, title: &[String], attached_to: &str) -> Vec<dx::Paragraph> {
    let l = layout();
    let size = l.heading_size_pt;
    // The signing software stamps the top right corner: keep that band empty.
    let mut ps = vec![
        spacer(mm(crate::render::fields::corner_height_mm() as f32)),
        line(label, size, BOLD).keep_next(true),
    ];
    ps.extend(
        title
            .iter()
            .map(|t| line(t, size, BOLD | CAPS).keep_next(true)),
    );
    if !attached_to.is_empty() {
        let gap = exact(size, 0, pt(l.annex_heading_gap_pt));
        ps.push(line(attached_to, size, ITALIC).line_spacing(gap));
    }
    ps
}

/// The paragraphs of a block; table-shaped blocks give none (but a gap after them).
pub fn paragraphs(b: &Block, text_w: i32, keep: bool) -> Result<Vec<dx::Paragraph>, String> {
    let l = layout();
    Ok(match b {
        Block::Header(_) => vec![spacer(pt(l.header_gap_pt))],
        Block::Title { kind, subject } => title(kind, subject, text_w),
        Block::Table(t) if !(t.header.is_empty() && t.rows.is_empty()) => {
            vec![spacer(pt(l.block_gap_pt))]
        }
        Block::Recipients { lines } => addressed(lines),
        Block::Para(p) => vec![body(p, keep)?],
        Block::AnnexHeading {
            label,
            title,
            attached_to,
        } => annex_heading(label, title, attached_to),
        Block::PageBreak => {
            let size = l.body_size_pt;
            let page = styled(size, PLAIN).add_break(dx::BreakType::Page);
            vec![para(Jc::Left, size).add_run(page)]
        }
        _ => vec![],
    })
}
