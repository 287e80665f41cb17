//! `noi-dung.md` → the paragraphs `narrative::assemble` takes: `#` title, `##`/`###` headings,
//! `-`/`+`/`*` bullets, `1.`/`1)` items, `**bold**` and `*italic*`, `>` hint lines; blank lines
//! between paragraphs, lines of one paragraph joined.

use super::narrative::{Kind, Raw, Span};
use crate::text::nfc;

/// Markdown lines → paragraphs.
pub fn md_raws(text: &str) -> Vec<Raw> {
    let text = nfc(text.trim_start_matches('\u{feff}'));
    let mut out = Vec::new();
    let mut para = String::new();
    let flush = |out: &mut Vec<Raw>, para: &mut String| {
        if !para.trim().is_empty() {
            out.push(Raw::Para {
                kind: Kind::Para,
                spans: inline(para.trim()),
                hint: false,
            });
        }
        para.clear();
    };
    for line in text.lines() {
        let t = line.trim();
        let hashes = t.chars().take_while(|c| *c == '#').count();
        if hashes == 1 {
            flush(&mut out, &mut para);
            out.push(Raw::Title);
        } else if (2..=3).contains(&hashes) {
            flush(&mut out, &mut para);
            out.push(Raw::Heading(t[hashes..].trim().to_string()));
        } else if t.is_empty() {
            flush(&mut out, &mut para);
        } else if let Some(h) = t.strip_prefix('>') {
            flush(&mut out, &mut para);
            out.push(Raw::Para {
                kind: Kind::Para,
                spans: vec![Span::plain(h)],
                hint: true,
            });
        } else if let Some((kind, rest)) = list_marker(t) {
            flush(&mut out, &mut para);
            out.push(Raw::Para {
                kind,
                spans: inline(rest),
                hint: false,
            });
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(t);
        }
    }
    flush(&mut out, &mut para);
    out
}

/// `- x`, `+ x`, `* x` → bullet; `1. x`, `12) x` → numbered.
fn list_marker(t: &str) -> Option<(Kind, &str)> {
    for m in ["- ", "+ ", "* "] {
        if let Some(r) = t.strip_prefix(m) {
            return Some((Kind::Bullet, r.trim()));
        }
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        let rest = &t[digits..];
        for close in [". ", ") "] {
            if let Some(r) = rest.strip_prefix(close) {
                let label = format!("{}{}", &t[..digits], close.trim());
                return Some((Kind::Numbered(label), r.trim()));
            }
        }
    }
    None
}

/// `**bold**` and `*italic*` (closed pairs around text); anything unbalanced stays literal.
pub fn inline(t: &str) -> Vec<Span> {
    let chars: Vec<char> = t.chars().collect();
    let mut out = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let mut cur = String::new();
    let mut i = 0;
    let closes = |from: usize, marker: &[char]| -> bool {
        (from..chars.len().saturating_sub(marker.len() - 1)).any(|j| {
            chars[j..j + marker.len()] == *marker
                && j > from
                && !chars[j - 1].is_whitespace()
                && (marker.len() == 2 || chars.get(j + 1) != Some(&'*'))
        })
    };
    while i < chars.len() {
        let double = chars[i] == '*' && chars.get(i + 1) == Some(&'*');
        let next = chars.get(i + if double { 2 } else { 1 });
        let prev_ok = i > 0 && !chars[i - 1].is_whitespace();
        if chars[i] == '*' {
            let (on, len) = if double { (bold, 2) } else { (italic, 1) };
            let marker: &[char] = if double { &['*', '*'] } else { &['*'] };
            let opens = !on && next.is_some_and(|c| !c.is_whitespace()) && closes(i + len, marker);
            if opens || (on && prev_ok) {
                out.push(Span {
                    text: std::mem::take(&mut cur),
                    bold,
                    italic,
                });
                if double {
                    bold = !bold;
                } else {
                    italic = !italic;
                }
                i += len;
                continue;
            }
        }
        cur.push(chars[i]);
        i += 1;
    }
    out.push(Span {
        text: cur,
        bold,
        italic,
    });
    if bold || italic {
        return vec![Span::plain(t)];
    }
    out.retain(|s| !s.text.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn lines_become_paragraphs() {
        let raws = md_raws("# Báo cáo\n## Thuận lợi\nmột\nhai\n\n- **ba**\n2) bốn\n> gợi ý\n");
        assert_eq!(raws[0], Raw::Title);
        assert_eq!(raws[1], Raw::Heading("Thuận lợi".into()));
        let Raw::Para { spans, kind, .. } = &raws[2] else {
            panic!("{raws:?}")
        };
        assert_eq!((kind, spans[0].text.as_str()), (&Kind::Para, "một hai"));
        let Raw::Para { spans, kind, .. } = &raws[3] else {
            panic!("{raws:?}")
        };
        assert_eq!(kind, &Kind::Bullet);
        assert!(spans[0].bold);
        assert!(matches!(&raws[4], Raw::Para { kind: Kind::Numbered(l), .. } if l == "2)"));
        assert!(matches!(&raws[5], Raw::Para { hint: true, .. }));
        assert_eq!(raws.len(), 6);
    }

    /// Lines as officers write them: headings, bullets, numbers, hints and text.
    fn md_text() -> impl Strategy<Value = String> {
        let line = ("(#{0,4} ?|[-+*] |[0-9]{1,3}[.)] |> )?", "\\PC{0,20}")
            .prop_map(|(marker, text)| format!("{marker}{text}"));
        prop::collection::vec(line, 0..12).prop_map(|l| l.join("\n"))
    }

    proptest! {
        #[test]
        fn at_most_one_paragraph_a_line(s in md_text()) {
            let raws = md_raws(&s);
            prop_assert!(raws.len() <= s.lines().count());
            let titles = nfc(&s).lines().filter(|l| {
                let t = l.trim();
                t.starts_with('#') && !t.starts_with("##")
            }).count();
            prop_assert_eq!(raws.iter().filter(|r| **r == Raw::Title).count(), titles);
            for r in &raws {
                match r {
                    Raw::Heading(h) => prop_assert_eq!(h.trim(), h.as_str()),
                    Raw::Para { spans, .. } => {
                        // Lines of a paragraph are joined by spaces; nothing is made up.
                        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                        let from = nfc(&s);
                        prop_assert!(text.chars().all(|c| c == ' ' || from.contains(c)), "{:?}", text);
                    }
                    _ => {}
                }
            }
        }
    }
}
