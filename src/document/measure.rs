//! Widths of text in the embedded fonts (advance widths, no kerning), for builders that size table
//! columns so that every word fits its cell: typst lets a word too long for its cell run over it
//! while Word and LibreOffice break it between letters, so the PDF and the DOCX would part ways.

use std::sync::OnceLock;
use typst::foundations::Bytes;
use typst::layout::Abs;
use typst::text::{Font, FontInstance, FontStyle, FontVariations, FontWeight};

fn faces() -> &'static [FontInstance] {
    static F: OnceLock<Vec<FontInstance>> = OnceLock::new();
    F.get_or_init(|| {
        crate::forms::fonts()
            .iter()
            .flat_map(|(_, bytes)| Font::iter(Bytes::new(*bytes)))
            .map(|f| {
                let variant = f.info().variant;
                f.instantiate(variant, Abs::pt(12.0), &FontVariations::default())
            })
            .collect()
    })
}

/// Whether any embedded font has a glyph for `c`.
pub fn covered(c: char) -> bool {
    faces().iter().any(|f| f.info().coverage.contains(c as u32))
}

/// The width in points of `text` set upright at `size_pt`, bold or regular.
pub fn width_pt(text: &str, size_pt: f32, bold: bool) -> f32 {
    let font = faces().iter().find(|f| {
        let v = f.info().variant;
        v.style == FontStyle::Normal && (v.weight >= FontWeight::BOLD) == bold
    });
    let Some(font) = font else {
        return text.chars().count() as f32 * size_pt * 0.6;
    };
    let em: f64 = text
        .chars()
        .map(|c| {
            let glyph = font.ttf().glyph_index(c);
            glyph
                .and_then(|g| font.x_advance(g.0))
                .map_or(0.5, |e| e.get())
        })
        .sum();
    em as f32 * size_pt
}

/// The widest word of `text` (split at spaces), in points.
pub fn widest_word_pt(text: &str, size_pt: f32, bold: bool) -> f32 {
    text.split_whitespace()
        .map(|w| width_pt(w, size_pt, bold))
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_of_liberation_serif() {
        // Liberation Serif (Times metrics): "m" is 0.778 em, a space 0.25 em.
        assert!((width_pt("m", 14.0, false) - 10.89).abs() < 0.01);
        assert!((width_pt(" ", 14.0, false) - 3.5).abs() < 0.01);
        assert!(width_pt("STT", 12.0, true) > width_pt("STT", 12.0, false));
        let email = "cb01.tanphuc@thanhhoa.gov.vn";
        assert_eq!(
            widest_word_pt(&format!("x {email} y"), 12.0, false),
            width_pt(email, 12.0, false)
        );
    }
}
