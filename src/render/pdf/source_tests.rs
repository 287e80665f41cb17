//! Tests of the typst source: literals, shares, words kept whole, every word from the model.

use super::*;

#[test]
fn hostile_text_is_a_literal() {
    assert_eq!(
        lit("#let x = *a* $b$ <c> \"q\" \\"),
        "\"#let x = *a* $b$ <c> \\\"q\\\" \\\\\""
    );
}

#[test]
fn shares_print_as_percentages() {
    assert_eq!(percent(0.35), "35%");
    assert_eq!(percent(0.3), "30%");
    assert_eq!(percent(0.125), "12.5%");
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
fn every_word_comes_from_the_model() {
    let mut d = crate::document::sample::sample();
    for b in &mut d.blocks {
        match b {
            Block::Header(h) => {
                h.national_name = "QUỐC HIỆU KHÁC".into();
                h.motto = "Tiêu ngữ khác".into();
            }
            Block::Closing { label, .. } => *label = "Gửi tới:".into(),
            _ => {}
        }
    }
    let s = to_typst(&d);
    for w in ["\"QUỐC HIỆU KHÁC\"", "\"Tiêu ngữ khác\"", "\"Gửi tới:\""] {
        assert!(s.contains(w), "{w}");
    }
    assert!(!s.contains("CỘNG HÒA") && !s.contains("Nơi nhận"));
}
