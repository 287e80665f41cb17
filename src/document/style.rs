//! The one style sheet both renderers read (`forms/layout.toml`): fonts, sizes, line heights,
//! paragraph gaps, paddings, rules, rooms and page margins, so the typst PDF and the DOCX paginate
//! alike. Loaded once per process.

use serde::Deserialize;

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    pub line_height_em: f32,
    pub ascent_em: f32,
    pub paragraph_gap_pt: f32,
    pub body_size_pt: f32,
    pub first_line_indent_cm: f32,
    pub cell_padding_pt: f32,
    pub header_gap_pt: f32,
    pub block_gap_pt: f32,
    pub rule_band_pt: f32,
    pub rule_stroke_pt: f32,
    pub signature_room_mm: f32,
    pub signature_row_room_mm: f32,
    pub annex_corner_mm: f32,
    pub page_number_size_pt: f32,
    pub page_number_from_top_mm: f32,
    pub header_left: f32,
    pub closing_left: f32,
    pub annex_heading_gap_pt: f32,
    pub italic_line_end_em: f32,
    pub font_pdf: String,
    pub font_docx: String,
    pub header_size_pt: f32,
    pub motto_size_pt: f32,
    pub subject_vv_gap_pt: f32,
    pub heading_size_pt: f32,
    pub recipients_label_size_pt: f32,
    pub recipients_size_pt: f32,
    pub addressed_gap_pt: f32,
    pub table_size_pt: f32,
    pub bang_ke_size_pt: f32,
    pub summary_size_pt: f32,
    pub table_stroke_pt: f32,
    pub agency_rule_share: f32,
    pub title_rule_share: f32,
    pub agency_rule_default: f32,
    pub rule_min_mm: f32,
    pub rule_stroke_eighths: usize,
    pub page_number_ascent: f32,
    pub last_paragraph_pt: f32,
    pub portrait: Margins,
    pub landscape: Margins,
}

/// Page margins in millimetres.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    pub top_mm: f32,
    pub bottom_mm: f32,
    pub left_mm: f32,
    pub right_mm: f32,
}

impl Layout {
    /// The height of one line of text at `size_pt`.
    pub fn line_pt(&self, size_pt: f32) -> f32 {
        self.line_height_em * size_pt
    }
}

/// `forms/layout.toml`.
pub static LAYOUT: crate::forms::Table<Layout> = crate::forms::Table::new("layout.toml");

/// The style sheet compiled into the binary.
pub fn layout() -> &'static Layout {
    LAYOUT.get()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_sheet_meets_nd30() {
        let l = layout();
        // Single (Times New Roman: 1.15 em) to 1.5 lines; at least 6 pt between paragraphs.
        assert!((1.1..=1.5 * 1.15).contains(&l.line_height_em), "{l:?}");
        assert!(l.paragraph_gap_pt >= 6.0);
        assert!((13.0..=14.0).contains(&l.body_size_pt));
        assert!([1.0, 1.27].contains(&l.first_line_indent_cm));
        assert!((13.0..=14.0).contains(&l.page_number_size_pt));
        assert!(l.page_number_from_top_mm < 20.0);
        assert!(l.signature_room_mm >= 30.0);
        assert!((l.line_pt(14.0) - 17.5).abs() < 1e-4);
        // Quốc hiệu 12–13 pt, tiêu ngữ 13–14 pt; the agency's line 1/3–1/2 of its text.
        assert!((12.0..=13.0).contains(&l.header_size_pt));
        assert!((13.0..=14.0).contains(&l.motto_size_pt));
        assert!((1.0 / 3.0..=0.5).contains(&l.agency_rule_share));
        let p = &l.portrait;
        assert_eq!(
            (p.top_mm, p.bottom_mm, p.left_mm, p.right_mm),
            (20.0, 20.0, 30.0, 15.0)
        );
        assert_eq!(
            l.landscape.top_mm, p.left_mm,
            "the binding edge keeps its margin"
        );
    }
}
