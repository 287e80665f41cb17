//! Text helpers shared by every reader: NFC, folding Vietnamese to plain ASCII for matching names
//! and headers ("Kết quả" = "ket qua" = "KET_QUA"), and the yes/no words officers type.

use unicode_normalization::UnicodeNormalization;

/// Unicode NFC (names copied from macOS arrive in NFD); no copy work when already NFC.
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// Lower-case ASCII with diacritics removed (đ → d) and every run of other characters turned into
/// one space: the key used to compare names, headers and file names.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        for l in c.to_lowercase() {
            if l.is_ascii_alphanumeric() {
                out.push(l);
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// `fold` without spaces: `Tân Phúc`, `tan-phuc` and `TAN_PHUC` all give `tanphuc`.
pub fn fold_tight(s: &str) -> String {
    fold(s).replace(' ', "")
}

/// Yes/no as domain.md §5 lists them; `None` for anything else.
pub fn yes_no(cell: &str) -> Option<bool> {
    let t = cell.trim();
    if t.is_empty() {
        return Some(false);
    }
    match t {
        "✓" | "✔" | "☑" | "x" | "X" | "1" | "+" => return Some(true),
        "-" | "0" | "–" | "—" => return Some(false),
        _ => {}
    }
    match fold(t).as_str() {
        "co" | "x" | "yes" | "dat" | "da co" | "co roi" | "da cai" | "da cai dat"
        | "co su dung" | "su dung" | "true" => Some(true),
        "khong" | "ko" | "k" | "no" | "chua" | "chua co" | "khong co" | "false"
        | "khong su dung" | "chua su dung" => Some(false),
        _ => None,
    }
}

/// An e-mail address somewhere in the cell.
pub fn has_email(cell: &str) -> bool {
    cell.split(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '<' | '>' | '(' | ')'))
        .any(|w| {
            let Some((local, domain)) = w.split_once('@') else {
                return false;
            };
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        })
}

/// The first number written in `s` (`Tổng số CBCC của cơ quan: 23 người.` → `23`).
pub fn first_number(s: &str) -> Option<&str> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let rest = &s[start..];
    let end = rest
        .char_indices()
        .find(|(i, c)| {
            !(c.is_ascii_digit()
                || ((*c == '.' || *c == ',')
                    && rest[i + 1..].starts_with(|d: char| d.is_ascii_digit())))
        })
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// A file-name part from a place name: `Tân Phúc` → `Tan-Phuc`.
pub fn file_part(s: &str) -> String {
    let f = fold(s);
    let out: Vec<String> = f
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect();
    if out.is_empty() {
        fold_tight(s)
    } else {
        out.join("-")
    }
}

/// `template` with each `{key}` replaced by its value and each `{KEY}` by the value in upper case,
/// in one pass: an inserted value is never read again as a template, so text an officer typed
/// with braces in it is printed as typed.
pub fn fill(template: &str, pairs: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let value = after.find('}').and_then(|j| {
            let key = &after[..j];
            let v = pairs.iter().find_map(|(k, v)| {
                if *k == key {
                    Some(v.clone())
                } else if k.to_uppercase() == key {
                    Some(v.to_uppercase())
                } else {
                    None
                }
            });
            v.map(|v| (v, j))
        });
        match value {
            Some((v, j)) => {
                out.push_str(&v);
                rest = &after[j + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `s` cut to `n` characters, with "…" when it was longer.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// `s` in at most `n` characters, the last being "…" when it was longer.
pub fn clip_within(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!(
            "{}…",
            s.chars().take(n.saturating_sub(1)).collect::<String>()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Kết quả"), "ket qua");
        assert_eq!(fold("  ĐƠN VỊ  tính "), "don vi tinh");
        assert_eq!(fold("Có/Không"), "co khong");
        assert_eq!(fold_tight("Tân Phúc"), fold_tight("TAN_PHUC"));
        // NFD input (macOS) folds the same.
        assert_eq!(fold("Ke\u{302}\u{301}t qua\u{309}"), "ket qua");
    }

    #[test]
    fn yes_no_words() {
        for y in ["x", "X", "Có", "có", "1", "✓", "co"] {
            assert_eq!(yes_no(y), Some(true), "{y}");
        }
        for n in ["", "Không", "0", "-"] {
            assert_eq!(yes_no(n), Some(false), "{n}");
        }
        assert_eq!(yes_no("có lẽ"), None);
    }

    #[test]
    fn emails_and_numbers() {
        assert!(has_email("lvhung.tanphuc@thanhhoa.gov.vn"));
        assert!(!has_email("x"));
        assert!(!has_email("@thanhhoa"));
        assert_eq!(
            first_number("Tổng số CBCC của cơ quan: 23 người."),
            Some("23")
        );
        assert_eq!(
            first_number("Tổng dân số trưởng thành: 1.250"),
            Some("1.250")
        );
        assert_eq!(first_number("Tỷ lệ: 95,65%"), Some("95,65"));
        assert_eq!(first_number("không có"), None);
    }
}
