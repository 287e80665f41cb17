//! User text made safe for every output, once, when a document is built ([`Document::new`]): line
//! breaks and tabs become spaces; control characters (U+0007, U+000B, …), zero-width characters and
//! the byte-order mark go, since Word refuses a DOCX whose XML holds them; a character the embedded
//! fonts cannot draw (an emoji, a rare symbol, a non-character such as U+FFFF) becomes "?", since
//! PDF/A export refuses a missing glyph. The PDF, the DOCX and every metadata field then say the
//! same.

use super::measure::covered;
use super::model::{Block, Document, Run};

/// What `c` becomes: itself, a replacement, or nothing.
fn one(c: char) -> Option<char> {
    match c {
        '\n' | '\t' => Some(' '),
        ' ' => Some(' '),
        c if c.is_control() || ('\u{200b}'..='\u{200f}').contains(&c) || c == '\u{feff}' => None,
        c if noncharacter(c) => Some('?'),
        c if covered(c) => Some(c),
        _ => Some('?'),
    }
}

/// U+FDD0–U+FDEF and the last two code points of every plane: never text (U+FFFE and U+FFFF are
/// not even allowed in XML), whatever a font claims to cover.
fn noncharacter(c: char) -> bool {
    let n = c as u32;
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// `s` as every renderer may write it.
pub fn text(s: &str) -> String {
    s.chars().filter_map(one).collect()
}

/// Whether `s` is already as [`text`] leaves it.
pub fn is_clean(s: &str) -> bool {
    s.chars().all(|c| one(c) == Some(c))
}

fn clean(s: &mut String) {
    if !is_clean(s) {
        *s = text(s);
    }
}

fn clean_all(v: &mut [String]) {
    v.iter_mut().for_each(clean);
}

fn clean_runs(rs: &mut [Run]) {
    rs.iter_mut().for_each(|r| clean(&mut r.text));
}

/// Every string of `doc` filtered (the file stem is a file name, made by `text::file_part`).
pub(super) fn document(doc: &mut Document) {
    clean(&mut doc.title);
    clean(&mut doc.author);
    for b in &mut doc.blocks {
        block(b);
    }
}

fn block(b: &mut Block) {
    match b {
        Block::Header(h) => {
            clean(&mut h.parent_agency);
            clean_all(&mut h.agency);
            clean(&mut h.number);
            h.subject_vv.iter_mut().for_each(clean);
            clean(&mut h.place_date);
            clean(&mut h.national_name);
            clean(&mut h.motto);
        }
        Block::Title { kind, subject } => {
            clean(kind);
            clean_all(subject);
        }
        Block::Recipients { lines } => clean_all(lines),
        Block::Para(p) => clean_runs(&mut p.runs),
        Block::Table(t) => {
            for r in t.header.iter_mut().chain(&mut t.rows) {
                r.cells.iter_mut().for_each(|c| clean_runs(&mut c.runs));
            }
        }
        Block::Closing {
            label,
            recipients,
            signature: s,
        } => {
            clean(label);
            clean_all(recipients);
            for t in [&mut s.authority, &mut s.title, &mut s.hint, &mut s.name] {
                clean(t);
            }
        }
        Block::AnnexHeading {
            label,
            title,
            attached_to,
        } => {
            clean(label);
            clean_all(title);
            clean(attached_to);
        }
        Block::SignatureRow { columns } => columns.iter_mut().for_each(|c| clean_all(c)),
        Block::PageBreak => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn controls_go_and_missing_glyphs_are_replaced() {
        assert_eq!(text("Xã Tân Phúc 😀"), "Xã Tân Phúc ?");
        assert_eq!(text("Hoằng Hóa ≥ 70%"), "Hoằng Hóa ≥ 70%");
        assert_eq!(text("a\u{7}b\u{b}c\u{0}d\u{1f}e\u{7f}f\u{85}g"), "abcdefg");
        assert_eq!(text("dòng\nmới\tthẻ\r"), "dòng mới thẻ");
        assert_eq!(text("\u{feff}x\u{200b}y\u{200d}z"), "xyz");
        assert_eq!(text("\u{fffe}\u{ffff}\u{fdd0}\u{1fffe}"), "????");
        assert_eq!(
            text("\u{e000}"),
            "?",
            "a private-use character no font draws"
        );
        assert!(is_clean("Lê Văn Hùng, 95,65% — “Đạt”"));
        assert!(!is_clean("a\u{7}"));
    }

    #[test]
    fn every_string_of_a_document_is_filtered() {
        let d = crate::document::sample::sample();
        let all = format!("{d:?}");
        assert!(!all.contains('😀') && all.contains("// ?"), "{all}");
        assert!(d.title.ends_with("// ?"));
    }

    proptest! {
        /// Filtering twice is filtering once; what comes out is clean and valid XML 1.0 text.
        #[test]
        fn filtered_text_is_clean_and_stable(s in "\\PC{0,30}|[\u{0}-\u{2f}\u{fdd0}\u{fffe}\u{ffff}😀a]{0,20}") {
            let t = text(&s);
            prop_assert!(is_clean(&t));
            prop_assert_eq!(text(&t), t.clone());
            prop_assert!(t.chars().all(|c| {
                let n = c as u32;
                (0x20..=0xD7FF).contains(&n) || (0xE000..=0xFFFD).contains(&n) || n >= 0x10000
            }), "{:?}", t);
        }
    }
}
