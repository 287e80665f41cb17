//! Legacy Vietnamese encodings. Offices still type in TCVN3 (ABC, fonts `.VnTime`) and VNI
//! (fonts `VNI-Times`): the file is then "Unicode" (or Windows-1252 bytes) but holds the legacy
//! font's codes — `Ch­¬ng tr×nh` (TCVN3) or `Chöông trình` (VNI) for `Chương trình`. hoso never
//! converts these silently: it names the encoding and how to convert. A CSV saved by Excel as
//! "CSV" on a Vietnamese Windows is Windows-1258: that one is decoded, with a warning.

use crate::problem::messages::inputs as m;
use crate::problem::Problem;
use unicode_normalization::UnicodeNormalization;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
}

impl Legacy {
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC, phông chữ .VnTime)",
            Legacy::Vni => "VNI (phông chữ VNI-Times)",
        }
    }

    /// Unikey's converter names the source table so.
    fn unikey(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI Windows",
        }
    }

    /// The sentence telling the officer what to do.
    pub fn advice(self) -> String {
        m::legacy_advice(self.name(), self.unikey())
    }
}

/// Characters only Unicode Vietnamese has (a legacy font's text never does).
fn is_unicode_vietnamese(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | '\u{1EA0}'
            ..='\u{1EF9}'
    )
}

/// TCVN3 codes that no Vietnamese (nor VNI) text shows as Latin-1: ¬ ơ, ­ ư, ® đ, ¸ á, µ à, × ì …
fn is_tcvn3_mark(c: char) -> bool {
    matches!(
        c,
        '¡' | '¢'
            | '£'
            | '¤'
            | '¥'
            | '¦'
            | '§'
            | '¨'
            | '©'
            | 'ª'
            | '«'
            | '¬'
            | '\u{AD}'
            | '®'
            | 'µ'
            | '¶'
            | '·'
            | '¸'
            | '¹'
            | '»'
            | '¼'
            | '½'
            | '¾'
            | 'Ç'
            | '×'
            | 'ß'
            | '÷'
            | 'þ'
    )
}

/// VNI's tone marks, written after the vowel they sit on (`caùc` for `các`).
fn is_vni_tone(c: char) -> bool {
    matches!(
        c,
        'ù' | 'ø'
            | 'û'
            | 'õ'
            | 'ï'
            | 'ú'
            | 'ä'
            | 'ë'
            | 'å'
            | 'ü'
            | 'Ù'
            | 'Ø'
            | 'Û'
            | 'Õ'
            | 'Ï'
            | 'Ú'
            | 'Ä'
            | 'Ë'
            | 'Å'
            | 'Ü'
    )
}

/// Which legacy encoding a text is typed in, if it clearly is one. Needs at least two telltale
/// codes and no character that only Unicode Vietnamese has.
pub fn detect(text: &str) -> Option<Legacy> {
    let mut tcvn = 0usize;
    let mut vni = 0usize;
    let mut prev = ' ';
    for c in text.chars() {
        if is_unicode_vietnamese(c) {
            return None;
        }
        if is_tcvn3_mark(c) && (prev.is_ascii_alphabetic() || is_tcvn3_mark(prev)) {
            tcvn += 1;
        }
        // VNI: ư = ö, đ = ñ (never in Vietnamese), a tone after a vowel, ươ = öô.
        if matches!(c, 'ö' | 'Ö' | 'ñ' | 'Ñ')
            || (matches!(c, 'ô' | 'Ô') && matches!(prev, 'ö' | 'Ö'))
            || (is_vni_tone(c) && "aeiouyAEIOUYôÔöÖâÂêÊ".contains(prev))
        {
            vni += 1;
        }
        prev = c;
    }
    if tcvn >= 2 && tcvn >= vni {
        Some(Legacy::Tcvn3)
    } else if vni >= 2 {
        Some(Legacy::Vni)
    } else {
        None
    }
}

/// How a CSV's bytes were read.
#[derive(Debug, PartialEq)]
pub enum Decoded {
    Utf8(String),
    /// Windows-1258 (Vietnamese ANSI), decoded and normalised to NFC.
    Windows1258(String),
}

/// Decodes CSV bytes that are not UTF-8: TCVN3/VNI bytes are refused with the advice,
/// Windows-1258 with Vietnamese letters is decoded, anything else is refused.
pub fn decode_ansi(bytes: &[u8]) -> Result<String, Problem> {
    let (as1252, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    if let Some(l) = detect(&as1252) {
        return Err(m::csv_legacy(&l.advice()));
    }
    let (text, _, bad) = encoding_rs::WINDOWS_1258.decode(bytes);
    let text: String = text.nfc().collect();
    if !bad && text.chars().any(is_unicode_vietnamese_or_toned) {
        return Ok(text);
    }
    Err(m::csv_not_utf8_save_as())
}

fn is_unicode_vietnamese_or_toned(c: char) -> bool {
    is_unicode_vietnamese(c)
        || matches!(
            c,
            'à' | 'á' | 'ã' | 'è' | 'é' | 'ì' | 'í' | 'ò' | 'ó' | 'õ' | 'ù' | 'ú' | 'ý'
        )
}

/// Reads CSV bytes: UTF-8 as is; otherwise see [`decode_ansi`].
pub fn decode_csv(bytes: &[u8]) -> Result<Decoded, Problem> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded::Utf8(s.to_string())),
        Err(_) => decode_ansi(bytes).map(Decoded::Windows1258),
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A few Vietnamese letters in TCVN3 and VNI, enough for test phrases (from the published
    /// code tables of both encodings).
    pub fn to_tcvn3(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                'ư' => "\u{AD}".to_string(),
                'ơ' => "¬".into(),
                'ì' => "×".into(),
                'á' => "¸".into(),
                'à' => "µ".into(),
                'đ' => "®".into(),
                'ế' => "Õ".into(),
                'ạ' => "¹".into(),
                'ả' => "¶".into(),
                'ã' => "·".into(),
                'ê' => "ª".into(),
                'ô' => "«".into(),
                'â' => "©".into(),
                'ă' => "¨".into(),
                'ố' => "è".into(),
                'ộ' => "é".into(),
                c => c.to_string(),
            })
            .collect()
    }

    pub fn to_vni(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                'ư' => "ö".to_string(),
                'ơ' => "ô".into(),
                'ì' => "ì".into(),
                'á' => "aù".into(),
                'à' => "aø".into(),
                'đ' => "ñ".into(),
                'ế' => "eá".into(),
                'ạ' => "aï".into(),
                'ả' => "aû".into(),
                'ã' => "aõ".into(),
                'ê' => "eâ".into(),
                'ô' => "oâ".into(),
                'â' => "aâ".into(),
                'ố' => "oá".into(),
                'ộ' => "oä".into(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn detects_tcvn3_and_vni_and_leaves_unicode_alone() {
        assert_eq!(detect("Ch\u{AD}¬ng tr×nh"), Some(Legacy::Tcvn3));
        assert_eq!(detect(&to_tcvn3("Kế hoạch đánh giá")), Some(Legacy::Tcvn3));
        assert_eq!(detect("Chöông trình"), Some(Legacy::Vni));
        assert_eq!(detect(&to_vni("Kế hoạch đánh giá")), Some(Legacy::Vni));
        for genuine in [
            "Chương trình",
            "Kế hoạch chuyển đổi số",
            "Toàn xã; hoà; quê; khoé",
            "Nguyễn Văn An",
            "© 2024",
            "85,5%",
            "",
            "Café Müller", // one foreign letter is not an encoding
        ] {
            assert_eq!(detect(genuine), None, "{genuine}");
        }
    }

    #[test]
    fn csv_bytes_in_each_encoding() {
        // "Mã,Kết quả / 1.1,Có" as Windows-1258 writes it: base letters and combining tones.
        let b1258 = b"Ma\xde,K\xea\xect qua\xd2\n1.1,C\xf3\n";
        assert_eq!(
            decode_csv(b1258),
            Ok(Decoded::Windows1258("Mã,Kết quả\n1.1,Có\n".into()))
        );
        let text = to_tcvn3("Chương trình, Kế hoạch");
        let (tcvn, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let e = decode_csv(&tcvn).unwrap_err().text();
        assert!(e.contains("TCVN3") && e.contains("Unikey"), "{e}");
        let text = to_vni("Chương trình, đánh giá");
        let (vni, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let e = decode_csv(&vni).unwrap_err().text();
        assert!(e.contains("VNI") && e.contains("Unikey"), "{e}");
        let e = decode_csv(b"A,B\n1,\xa9\xae\xff\n").unwrap_err().text();
        assert!(e.contains("UTF-8"), "{e}");
        assert_eq!(decode_csv(b"a,b\n"), Ok(Decoded::Utf8("a,b\n".into())));
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,60}", b in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = detect(&s);
            let _ = decode_csv(&b);
        }

        #[test]
        fn vietnamese_typed_in_tcvn3_or_vni_is_told(
            words in prop::collection::vec(prop::sample::select(vec!["Chương", "đánh", "giá", "hoạch", "tháng"]), 2..6),
            more in prop::collection::vec(prop::sample::select(vec!["trình", "năm", "tâm", "ra", "2024", "(1)"]), 0..4),
        ) {
            let tcvn = words.iter().chain(&more).copied().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(detect(&to_tcvn3(&tcvn)), Some(Legacy::Tcvn3));
            prop_assert_eq!(detect(&to_vni(&words.join(" "))), Some(Legacy::Vni));
            // Unicode as typed today is not.
            prop_assert_eq!(detect(&tcvn), None);
        }

        #[test]
        fn unicode_vietnamese_is_never_taken_for_legacy(s in "[a-z ]{0,20}[ăđơư][a-zàáạảãâầấậẩẫèéẹẻẽêềếệểễ ]{0,20}") {
            prop_assert_eq!(detect(&s), None);
        }
    }
}
