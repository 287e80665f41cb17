//! DOCX renderer: lays the shared `Document` out per ND30 (shared/format.md) with docx-rs, then
//! re-packs docx-rs's archive so the bytes depend on the document alone (the report date is the
//! only clock). `text` makes runs and paragraphs, `blocks` the block kinds, `repack` the archive.
//! Every size and gap comes from the style sheet, every word from the model. Output: the .docx
//! file's bytes; errors are Vietnamese sentences (`problem::messages::render`).

mod blocks;
mod repack;
#[cfg(test)]
mod tests;
mod text;

pub use repack::repack;

use crate::document::model::{Document, PageSetup};
use crate::document::style::layout;
use crate::problem::messages::render as msg;
use docx_rs as dx;
use std::io::Cursor;
use text::{half_points, para, spacer, Jc};

/// A4 in twips, portrait.
const A4: (i32, i32) = (11906, 16838);

fn mm(v: f32) -> i32 {
    (v * 56.6929).round() as i32
}

fn pt(v: f32) -> i32 {
    (v * 20.0).round() as i32
}

/// The DOCX font on every script.
pub fn fonts() -> dx::RunFonts {
    let f = layout().font_docx.as_str();
    dx::RunFonts::new().ascii(f).hi_ansi(f).cs(f).east_asia(f)
}

/// An empty document on `page` (A4, the margins, headers and footers at the page number's
/// distance from the edge, the body font and size), dated `stamp`: the start of every DOCX hoso
/// writes, `hoso init`'s noi-dung.docx too.
pub fn blank(page: &PageSetup, stamp: &str) -> dx::Docx {
    let (pw, ph) = if page.landscape { (A4.1, A4.0) } else { A4 };
    // The header 10 mm from the edge puts the page number inside the 20 mm top margin.
    let from_top = mm(layout().page_number_from_top_mm);
    let margin = dx::PageMargin::new()
        .top(mm(page.margin_top_mm))
        .bottom(mm(page.margin_bottom_mm))
        .left(mm(page.margin_left_mm))
        .right(mm(page.margin_right_mm))
        .header(from_top)
        .footer(from_top)
        .gutter(0);
    dx::Docx::new()
        .page_size(pw as u32, ph as u32)
        .page_margin(margin)
        .default_fonts(fonts())
        .default_size(half_points(layout().body_size_pt))
        .created_at(stamp)
        .updated_at(stamp)
}

/// The text width of `page` in twips, if the margins leave a usable page.
fn text_width(page: &PageSetup) -> Result<i32, String> {
    let margins = [
        page.margin_top_mm,
        page.margin_bottom_mm,
        page.margin_left_mm,
        page.margin_right_mm,
    ];
    if margins.iter().any(|m| !m.is_finite() || *m < 0.0) {
        return Err(msg::negative_margins());
    }
    let (pw, ph) = if page.landscape { (A4.1, A4.0) } else { A4 };
    let text_w = pw - mm(page.margin_left_mm) - mm(page.margin_right_mm);
    if text_w < mm(50.0) || ph - mm(page.margin_top_mm) - mm(page.margin_bottom_mm) < mm(50.0) {
        return Err(msg::margins_too_large());
    }
    Ok(text_w)
}

/// Renders `doc` as a DOCX file: the same document always gives the same bytes.
pub fn render_docx(doc: &Document) -> Result<Vec<u8>, String> {
    let (y, mo, d) = doc.date;
    if !(1980..=2107).contains(&y) || !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return Err(msg::bad_date(d, mo, y));
    }
    let stamp = format!("{y:04}-{mo:02}-{d:02}T00:00:00Z");
    let text_w = text_width(&doc.page)?;
    let number_size = layout().page_number_size_pt;
    let mut docx = blank(&doc.page, &stamp)
        .header(dx::Header::new().add_paragraph(text::page_number()))
        // An empty first-page header (and w:titlePg) keeps page 1 unnumbered.
        .first_header(dx::Header::new().add_paragraph(para(Jc::Center, number_size)));
    if doc.page.landscape {
        docx = docx.page_orient(dx::PageOrientationType::Landscape);
    }
    docx = body(docx, doc, text_w)?;
    let mut raw = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut raw)
        .map_err(|e| msg::docx_failed(&e.to_string()))?;
    repack(&raw.into_inner(), doc, &stamp)
}

/// The blocks in order: tables for the table-shaped ones, paragraphs for the rest.
fn body(mut docx: dx::Docx, doc: &Document, text_w: i32) -> Result<dx::Docx, String> {
    let l = layout();
    // Word joins adjacent tables into one and wants the body to end with a paragraph.
    let mut last_was_table = None;
    // The organisation's corner field sits above a header block too (as in the PDF).
    if !super::fields::top_reserve(doc).is_empty() {
        docx = docx.add_paragraph(spacer(mm(super::fields::corner_height_mm() as f32)));
        last_was_table = Some(false);
    }
    for (i, b) in doc.blocks.iter().enumerate() {
        if let Some(t) = blocks::table_of(b, text_w).map_err(|e| msg::in_table(i + 1, &e))? {
            if last_was_table == Some(true) {
                docx = docx.add_paragraph(spacer(pt(l.block_gap_pt)));
            }
            docx = docx.add_table(t);
            last_was_table = Some(true);
        }
        let keep = crate::document::model::keeps_with_next(&doc.blocks, i);
        let paragraphs =
            blocks::paragraphs(b, text_w, keep).map_err(|e| msg::in_block(i + 1, &e))?;
        for para in paragraphs {
            docx = docx.add_paragraph(para);
            last_was_table = Some(false);
        }
    }
    // A hair-thin last paragraph: it never needs a page of its own.
    if last_was_table != Some(false) {
        docx = docx.add_paragraph(spacer(pt(l.last_paragraph_pt)));
    }
    Ok(docx)
}
