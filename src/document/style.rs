//! The one style sheet both renderers read (`forms/layout.toml`): line heights, paragraph gaps,
//! paddings and rooms, so the typst PDF and the DOCX paginate alike. Loaded once per process.

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
    }
}
