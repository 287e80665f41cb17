//! Document model → typst markup. Every length and size comes from the style sheet
//! (`forms/layout.toml`) and every word from the model; user text is inserted as typst string
//! literals, never as markup. Every line is exactly `line_height_em` tall with no leading, so the
//! DOCX renderer, which uses the same numbers as "exact" line spacing, breaks pages at the same
//! lines.

use crate::document::model::*;
use crate::document::style::{layout, Layout};
use std::fmt::Write;

/// A typst string literal holding `s` literally (the model's text is already filtered).
pub(super) fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A share of a length as typst writes it: 0.35 → "35%".
fn percent(share: f32) -> String {
    let v = (share as f64 * 100.0 * 1e4).round() / 1e4;
    format!("{v}%")
}

fn weight(bold: bool) -> &'static str {
    if bold {
        "\"bold\""
    } else {
        "\"regular\""
    }
}

fn style(italic: bool) -> &'static str {
    if italic {
        "\"italic\""
    } else {
        "\"normal\""
    }
}

fn run(r: &Run, whole: fn(&str) -> bool) -> String {
    let (weight, style) = (weight(r.bold), style(r.italic));
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
    rs.iter().map(|r| run(r, crate::render::slashed)).collect()
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
    crate::render::slashed(word) || (dotted && !word.contains('-') && chars.len() <= 40)
}

fn align(a: Align) -> &'static str {
    match a {
        Align::Left | Align::Justify => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// The typst source for a document.
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
        "#set page(paper: \"a4\", flipped: {}, margin: (top: {}mm, bottom: {}mm, left: {}mm, right: {}mm), header-ascent: {}, header: context {{ let n = counter(page).get().first(); if n > 1 {{ align(center, text(size: {}pt, str(n))) }} }})",
        p.landscape,
        p.margin_top_mm,
        p.margin_bottom_mm,
        p.margin_left_mm,
        p.margin_right_mm,
        percent(l.page_number_ascent),
        l.page_number_size_pt
    );
    let _ = writeln!(
        s,
        "#set text(font: {}, size: {}pt, lang: \"vi\", fill: black, hyphenate: false, overhang: false, top-edge: {}em, bottom-edge: -{}em)",
        lit(&l.font_pdf),
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
    s.push_str(&crate::render::fields::top_reserve(doc));
    for (i, b) in doc.blocks.iter().enumerate() {
        block(&mut s, b, keeps_with_next(&doc.blocks, i));
    }
    s
}

/// A line of a centred block: text, size, bold, italic.
type Line = (String, f32, bool, bool);

fn centered_lines(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|(t, size, bold, italic)| {
            format!(
                "#text(size: {size}pt, weight: {}, style: {}, {})",
                weight(*bold),
                style(*italic),
                lit(t)
            )
        })
        .collect::<Vec<_>>()
        .join(" \\\n")
}

/// A band of the style sheet's rule height with a solid line of `length` centred at its top.
fn rule(length: &str) -> String {
    format!(
        "#block(width: 100%, height: {}pt, place(top + center, {length}))\n",
        layout().rule_band_pt
    )
}

fn line_of(length: &str) -> String {
    format!(
        "line(length: {length}, stroke: {}pt)",
        layout().rule_stroke_pt
    )
}

/// The left column: parent agency, agency (a short line under it), number, V/v line.
fn header_left(h: &HeaderBlock, l: &Layout) -> String {
    let size = l.header_size_pt;
    let mut left: Vec<Line> = Vec::new();
    if !h.parent_agency.is_empty() {
        left.push((h.parent_agency.clone(), size, false, false));
    }
    left.extend(h.agency.iter().map(|a| (a.clone(), size, true, false)));
    // ND30: the line under the issuing agency is 1/3–1/2 of its text's width.
    let widest: Vec<String> = h
        .agency
        .iter()
        .map(|a| {
            format!(
                "measure(text(size: {size}pt, weight: \"bold\", {})).width",
                lit(a)
            )
        })
        .collect();
    let agency_rule = if widest.is_empty() {
        rule(&line_of(&percent(l.agency_rule_default)))
    } else {
        let length = format!("calc.max({}) * {}", widest.join(", "), l.agency_rule_share);
        rule(&format!("context {}", line_of(&length)))
    };
    let mut below = format!(
        "{}#par[#text(size: {size}pt, {})]",
        agency_rule,
        lit(&h.number)
    );
    if let Some(v) = &h.subject_vv {
        let gap = l.subject_vv_gap_pt;
        let _ = write!(
            below,
            "\n#v({gap}pt)\n#par[#text(size: {size}pt, {})]",
            lit(v)
        );
    }
    format!("align(center)[#par[{}]\n{below}]", centered_lines(&left))
}

/// The right column: quốc hiệu, tiêu ngữ with its line, place and date.
fn header_right(h: &HeaderBlock, l: &Layout) -> String {
    let (size, motto) = (l.motto_size_pt, lit(&h.motto));
    let motto_rule = line_of(&format!(
        "measure(text(size: {size}pt, weight: \"bold\", {motto})).width"
    ));
    format!(
        "align(center)[#par[#text(size: {}pt, weight: \"bold\", {}) \\\n#text(size: {size}pt, weight: \"bold\", {motto})]\n{}#par[#text(size: {size}pt, style: \"italic\", {})]]",
        l.header_size_pt,
        lit(&h.national_name),
        rule(&format!("context {motto_rule}")),
        lit(&h.place_date)
    )
}

fn header(s: &mut String, h: &HeaderBlock) {
    let l = layout();
    let _ = writeln!(
        s,
        "#grid(columns: ({}%, {}%), {}, {})",
        l.header_left * 100.0,
        100.0 - l.header_left * 100.0,
        header_left(h, l),
        header_right(h, l)
    );
    let _ = writeln!(s, "#v({}pt)", l.header_gap_pt);
}

fn title(s: &mut String, kind: &str, subject: &[String]) {
    let l = layout();
    let size = l.heading_size_pt;
    let mut lines: Vec<Line> = Vec::new();
    if !kind.is_empty() {
        lines.push((kind.to_string(), size, true, false));
    }
    lines.extend(subject.iter().map(|t| (t.clone(), size, true, false)));
    let _ = writeln!(
        s,
        "#block(sticky: true, width: 100%, below: {}pt)[#align(center)[#par(justify: false)[{}]\n{}]]",
        l.block_gap_pt,
        centered_lines(&lines),
        rule(&line_of(&percent(l.title_rule_share)))
    );
}

fn addressed(s: &mut String, lines: &[String]) {
    let l = layout();
    let lines: Vec<Line> = lines
        .iter()
        .map(|t| (t.clone(), l.heading_size_pt, false, false))
        .collect();
    let gap = l.addressed_gap_pt;
    let _ = writeln!(
        s,
        "#v({gap}pt)\n#align(center)[#par[{}]]\n#v({gap}pt)",
        centered_lines(&lines)
    );
}

fn para(s: &mut String, p: &Para, keep: bool) {
    let l = layout();
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

fn annex_heading(s: &mut String, label: &str, title: &[String], attached_to: &str) {
    let l = layout();
    let size = l.heading_size_pt;
    let mut lines = vec![(label.to_string(), size, true, false)];
    lines.extend(title.iter().map(|t| (t.clone(), size, true, false)));
    let mut after = 0.0;
    if !attached_to.is_empty() {
        lines.push((attached_to.to_string(), size, false, true));
        after = l.annex_heading_gap_pt;
    }
    // The organisation's signature goes in the top-right corner: keep it free.
    let _ = writeln!(
        s,
        "{}\n#block(sticky: true, below: {after}pt)[#align(center)[#par(justify: false)[{}]]]",
        crate::render::fields::corner(),
        centered_lines(&lines)
    );
}

fn signature_row(s: &mut String, columns: &[Vec<String>]) {
    let l = layout();
    let n = columns.len().max(1);
    let cells: Vec<String> = columns
        .iter()
        .map(|c| {
            let lines: Vec<Line> = c
                .iter()
                .enumerate()
                .map(|(i, t)| (t.clone(), l.heading_size_pt, i == 0, i > 0))
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

fn block(s: &mut String, b: &Block, keep: bool) {
    match b {
        Block::Header(h) => header(s, h),
        Block::Title { kind, subject } => title(s, kind, subject),
        Block::Recipients { lines } => addressed(s, lines),
        Block::Para(p) => para(s, p, keep),
        Block::Table(t) => table(s, t),
        Block::Closing {
            label,
            recipients,
            signature,
        } => closing(s, label, recipients, signature),
        Block::AnnexHeading {
            label,
            title,
            attached_to,
        } => annex_heading(s, label, title, attached_to),
        Block::SignatureRow { columns } => signature_row(s, columns),
        Block::PageBreak => s.push_str("#pagebreak()\n"),
    }
}

fn cell(c: &TableCell, bold: bool) -> String {
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
}

fn table(s: &mut String, t: &Table) {
    let l = layout();
    let cols = t
        .widths
        .iter()
        .map(|w| format!("{}fr", (w * 1000.0).round().max(1.0)))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = write!(
        s,
        "#block(width: 100%, below: {}pt)[#set text(size: {}pt)\n#table(columns: ({cols},), stroke: {}pt, inset: {}pt,\n",
        l.block_gap_pt, t.size_pt, l.table_stroke_pt, l.cell_padding_pt
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

fn closing(s: &mut String, label: &str, recipients: &[String], signature: &Signature) {
    let l = layout();
    let mut left = format!(
        "#text(size: {}pt, weight: \"bold\", style: \"italic\", {})",
        l.recipients_label_size_pt,
        lit(label)
    );
    for r in recipients {
        let _ = write!(
            left,
            " \\\n#text(size: {}pt, {})",
            l.recipients_size_pt,
            lit(r)
        );
    }
    let size = l.heading_size_pt;
    let mut right: Vec<Line> = Vec::new();
    if !signature.authority.is_empty() {
        right.push((signature.authority.clone(), size, true, false));
    }
    right.push((signature.title.clone(), size, true, false));
    if !signature.hint.is_empty() {
        right.push((signature.hint.clone(), size, false, true));
    }
    let _ = writeln!(
        s,
        "#block(breakable: false)[#grid(columns: ({}%, {}%), align(left)[#par(justify: false)[{left}]], align(center)[#par[{}]\n{}\n#par[#text(size: {size}pt, weight: \"bold\", {})]])]",
        l.closing_left * 100.0,
        100.0 - l.closing_left * 100.0,
        centered_lines(&right),
        crate::render::fields::gap_7b(),
        lit(&signature.name)
    );
}

#[cfg(test)]
#[path = "source_tests.rs"]
mod tests;
