//! Runs and paragraphs as every DOCX block uses them: Times New Roman (the style sheet's DOCX
//! font) at an explicit size, black, lines exactly as tall as the PDF's; the short solid lines of
//! the header and title; the page number field.

use super::{fonts, mm, pt};
use crate::document::model::Align;
use crate::document::style::layout;
use docx_rs as dx;
pub use dx::AlignmentType as Jc;
use dx::{BorderType, LineSpacing, LineSpacingType};

pub fn half_points(pt: f32) -> usize {
    (pt * 2.0).round().max(2.0) as usize
}

/// Run styles, combined with `|`.
pub type Style = u8;
pub const PLAIN: Style = 0;
pub const BOLD: Style = 1;
pub const ITALIC: Style = 2;
/// Upper case by display (w:caps) leaves the text exactly as the builder gave it.
pub const CAPS: Style = 4;

/// A run without content: every run names the font, the size and black.
pub fn styled(size: f32, s: Style) -> dx::Run {
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

pub fn run(text: &str, size: f32, s: Style) -> dx::Run {
    styled(size, s).add_text(keep_hyphens(text))
}

/// Stands for a w:noBreakHyphen in run text until `repack` writes the element (docx-rs has none).
pub const NO_BREAK_HYPHEN: char = '\u{E000}';

/// A hyphen before a digit ("ke-hoach-2024.pdf", "SHA-256") does not end a line in the PDF
/// (Unicode line breaking, rule LB25), nor one inside a word with a slash (kept whole there);
/// LibreOffice would break at those, so the DOCX marks them non-breaking. The text is the model's,
/// already filtered; only the marker itself is taken out of it.
pub fn keep_hyphens(text: &str) -> String {
    let clean: String = text.chars().filter(|c| *c != NO_BREAK_HYPHEN).collect();
    let mut out = String::with_capacity(clean.len());
    let mut rest = clean.as_str();
    while let Some(c) = rest.chars().next() {
        let len = if c.is_whitespace() {
            c.len_utf8()
        } else {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        };
        let word: Vec<char> = rest[..len].chars().collect();
        let whole = crate::render::slashed(&rest[..len]);
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
pub fn runs(
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

pub fn spacing(before: i32, after: i32, line: i32, rule: LineSpacingType) -> LineSpacing {
    let s = LineSpacing::new().before(before as u32).after(after as u32);
    s.line(line).line_rule(rule)
}

/// Lines exactly as tall as the style sheet makes them in the PDF, with space before and after.
pub fn exact(size: f32, before: i32, after: i32) -> LineSpacing {
    let line = pt(layout().line_pt(size));
    spacing(before, after, line, LineSpacingType::Exact)
}

/// An empty paragraph whose mark is the DOCX font at `size`, its lines as tall as in the PDF,
/// with widow and orphan control as typst has it.
pub fn para(jc: Jc, size: f32) -> dx::Paragraph {
    let p = dx::Paragraph::new().align(jc).fonts(fonts());
    let p = p.size(half_points(size)).line_spacing(exact(size, 0, 0));
    p.widow_control(true)
}

pub fn line(text: &str, size: f32, s: Style) -> dx::Paragraph {
    para(Jc::Center, size).add_run(run(text, size, s))
}

/// An empty paragraph of an exact height in twips.
pub fn spacer(height: i32) -> dx::Paragraph {
    para(Jc::Center, 1.0).line_spacing(spacing(0, 0, height, LineSpacingType::Exact))
}

/// A solid line `width` twips long centred in `avail`: the top border of a spacer narrowed by
/// indentation, so it sits right under the text above it and never shifts that text.
pub fn rule(avail: i32, width: i32) -> dx::Paragraph {
    let l = layout();
    let side = ((avail - width.clamp(mm(l.rule_min_mm), avail)) / 2).max(0);
    let band = pt(l.rule_band_pt);
    let mut p = spacer(band).indent(Some(side), None, Some(side), None);
    let top = dx::ParagraphBorder::new(dx::ParagraphBorderPosition::Top);
    let top = top.val(BorderType::Single).size(l.rule_stroke_eighths);
    let top = top.space(0).color("000000");
    let borders = dx::ParagraphBorders::with_empty().set(top);
    p.property = p.property.set_borders(borders);
    p
}

/// Estimated width in twips of Times New Roman text from rough advance widths by letter class:
/// only used to size the short lines, which ND30 gives relative to the text's width.
pub fn text_width(text: &str, size: f32, bold: bool) -> i32 {
    let em: f32 = text
        .chars()
        .map(|c| match c {
            ' ' => 0.25,
            // i with Vietnamese tone marks: acute, grave, hook above, tilde, dot below.
            'i' | '\u{ed}' | '\u{ec}' | '\u{1ec9}' | '\u{129}' | '\u{1ecb}' => 0.3,
            'l' | 'j' | 't' | 'f' | 'r' => 0.3,
            'I' | '\u{cd}' | '\u{cc}' | '\u{1ec8}' | '\u{128}' | '\u{1eca}' => 0.39,
            'M' | 'W' | 'm' | 'w' => 0.9,
            _ if c.is_uppercase() => 0.72,
            _ if c.is_lowercase() || c.is_ascii_digit() => 0.5,
            _ => 0.33,
        })
        .sum();
    (em * size * 20.0 * if bold { 1.05 } else { 1.0 }).round() as i32
}

/// ND30: the line under the agency and under the subject is a share (1/3–1/2) of the text's width.
pub fn short_rule(avail: i32, lines: &[String], size: f32) -> dx::Paragraph {
    let widest = lines.iter().map(|l| text_width(l, size, true)).max();
    let share = layout().agency_rule_share as f64;
    rule(avail, (widest.unwrap_or(0) as f64 * share).floor() as i32)
}

pub fn page_number() -> dx::Paragraph {
    let size = layout().page_number_size_pt;
    let field = styled(size, PLAIN)
        .add_field_char(dx::FieldCharType::Begin, false)
        .add_instr_text(dx::InstrText::PAGE(dx::InstrPAGE::new()))
        .add_field_char(dx::FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(dx::FieldCharType::End, false);
    para(Jc::Center, size).add_run(field)
}

pub fn jc(a: Align) -> Jc {
    match a {
        Align::Left => Jc::Left,
        Align::Center => Jc::Center,
        Align::Right => Jc::Right,
        Align::Justify => Jc::Both,
    }
}
