//! `noi-dung.md`: the report's narrative, one `##` heading per section of the form. Sections are
//! matched to the form's headings by words (diacritics and case ignored), so an officer's
//! "## Thuận lợi" fills the form's "1.1. Thuận lợi".

use crate::text::{fold, nfc};

#[derive(Clone, Debug, Default)]
pub struct Narrative {
    /// (heading as written, paragraphs)
    pub sections: Vec<(String, Vec<String>)>,
}

impl Narrative {
    pub fn parse(text: &str) -> Narrative {
        let text = nfc(text.trim_start_matches('\u{feff}'));
        let mut sections: Vec<(String, Vec<String>)> = Vec::new();
        let mut para = String::new();
        let flush = |sections: &mut Vec<(String, Vec<String>)>, para: &mut String| {
            let p = para.trim().to_string();
            if !p.is_empty() {
                if sections.is_empty() {
                    sections.push((String::new(), Vec::new()));
                }
                if let Some(last) = sections.last_mut() {
                    last.1.push(p);
                }
            }
            para.clear();
        };
        for line in text.lines() {
            let t = line.trim();
            if let Some(h) = t
                .strip_prefix("## ")
                .or_else(|| t.strip_prefix("##"))
                .filter(|_| !t.starts_with("###"))
            {
                flush(&mut sections, &mut para);
                sections.push((h.trim().to_string(), Vec::new()));
            } else if t.starts_with('#') && !t.starts_with("##") {
                flush(&mut sections, &mut para); // a title line: not part of any section
            } else if t.is_empty() {
                flush(&mut sections, &mut para);
            } else if t.starts_with("- ") || t.starts_with("+ ") || t.starts_with("* ") {
                flush(&mut sections, &mut para);
                para.push_str(&format!("- {}", t[2..].trim()));
                flush(&mut sections, &mut para);
            } else {
                if !para.is_empty() {
                    para.push(' ');
                }
                para.push_str(t);
            }
        }
        flush(&mut sections, &mut para);
        Narrative { sections }
    }

    /// Paragraphs of the section whose heading matches `heading` (ignoring numbering like "1.1.").
    pub fn section(&self, heading: &str) -> Option<&[String]> {
        let want = strip_numbering(&fold(heading));
        self.sections
            .iter()
            .find(|(h, _)| {
                let h = strip_numbering(&fold(h));
                !h.is_empty() && (h == want || want.starts_with(&h) || h.starts_with(&want))
            })
            .map(|(_, p)| p.as_slice())
    }

    /// Headings that match none of `known` (warned: the text would be lost).
    pub fn unknown_headings(&self, known: &[String]) -> Vec<String> {
        self.sections
            .iter()
            .filter(|(h, p)| !h.is_empty() && !p.is_empty())
            .filter(|(h, _)| {
                let h = strip_numbering(&fold(h));
                !known.iter().any(|k| {
                    let k = strip_numbering(&fold(k));
                    h == k || k.starts_with(&h) || h.starts_with(&k)
                })
            })
            .map(|(h, _)| h.clone())
            .collect()
    }
}

/// "1 1 thuan loi" → "thuan loi"; "ii ket qua" → "ket qua".
fn strip_numbering(s: &str) -> String {
    let mut words: Vec<&str> = s.split(' ').collect();
    while words.first().is_some_and(|w| {
        w.chars().all(|c| c.is_ascii_digit())
            || matches!(
                *w,
                "i" | "ii" | "iii" | "iv" | "v" | "vi" | "a" | "b" | "c" | "d"
            )
    }) && words.len() > 1
    {
        words.remove(0);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_by_heading_words() {
        let n = Narrative::parse("# Báo cáo\n\n## Thuận lợi\nDòng một\ndòng hai.\n\nĐoạn hai.\n\n## 1.2. Khó khăn, tồn tại\n- Thiếu máy\n- Thiếu người\n");
        assert_eq!(
            n.section("1.1. Thuận lợi").unwrap(),
            &["Dòng một dòng hai.".to_string(), "Đoạn hai.".to_string()]
        );
        assert_eq!(n.section("Khó khăn, tồn tại").unwrap().len(), 2);
        assert!(n.section("Nguyên nhân").is_none());
        assert_eq!(
            n.unknown_headings(&["Thuận lợi".into()]),
            vec!["1.2. Khó khăn, tồn tại".to_string()]
        );
    }
}
