//! The officer's narrative (noi-dung.docx / noi-dung.md) → body paragraphs of a report: paragraphs,
//! "- " bullets and numbered items with their bold and italic, and the models of Mẫu 01 III.2
//! printed in the seed's shape ("2.1. Tên mô hình 1: …", "- Mô tả: …", "- Nhận xét (tính hiệu quả): …").

use super::model::{Block, Para, Run};
use crate::inputs::narrative::{Guide, Item, Kind, Model, Span};

fn runs(spans: &[Span], italic: bool) -> Vec<Run> {
    spans
        .iter()
        .map(|s| Run {
            text: s.text.clone(),
            bold: s.bold,
            italic: s.italic || italic,
        })
        .collect()
}

/// Prefix runs, merged into the first run when it has the same style (one run, as before lists).
fn with_prefix(prefix: Vec<Run>, rest: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for r in prefix.into_iter().chain(rest) {
        match out.last_mut() {
            Some(l) if l.bold == r.bold && l.italic == r.italic => l.text.push_str(&r.text),
            _ => out.push(r),
        }
    }
    out
}

fn text_item(kind: &Kind, spans: &[Span]) -> Block {
    let prefix = match kind {
        Kind::Para => vec![],
        Kind::Bullet => vec![Run::plain("- ")],
        Kind::Numbered(l) => vec![Run::plain(format!("{l} "))],
    };
    Block::Para(Para::body(with_prefix(prefix, runs(spans, false))))
}

/// The blocks of a section's items; `number` is the section's own number ("2" of "2. Một số mô
/// hình…"), which numbers its models "2.1.", "2.2.".
pub fn blocks(items: &[Item], number: &str, guide: &Guide) -> Vec<Block> {
    let mut out = Vec::new();
    let mut k = 0;
    for it in items {
        match it {
            Item::Text { kind, spans } => out.push(text_item(kind, spans)),
            Item::Model(m) => {
                k += 1;
                model(m, number, k, guide, &mut out);
            }
        }
    }
    out
}

fn model(m: &Model, number: &str, k: usize, guide: &Guide, out: &mut Vec<Block>) {
    let g = &guide.models;
    let num = if number.is_empty() {
        format!("{k}.")
    } else {
        format!("{number}.{k}.")
    };
    let title = g.title.replace("{n}", &k.to_string());
    let mut head = vec![Run::italic(format!("{num} {title}"))];
    if !m.name.is_empty() {
        head = with_prefix(head, [vec![Run::italic(" ")], runs(&m.name, true)].concat());
    }
    out.push(Block::Para(Para::heading(head)));
    for (label, items) in [
        (&g.description, &m.description),
        (&g.assessment, &m.assessment),
    ] {
        field(label, items, out);
    }
}

/// "- Mô tả: <first paragraph>", then the field's other paragraphs as they are.
fn field(label: &str, items: &[Item], out: &mut Vec<Block>) {
    let lead = vec![Run::italic(label)];
    match items.split_first() {
        Some((
            Item::Text {
                kind: Kind::Para,
                spans,
            },
            rest,
        )) => {
            let mut r = lead;
            if !spans.is_empty() {
                r.push(Run::plain(" "));
                r = with_prefix(r, runs(spans, false));
            }
            out.push(Block::Para(Para::body(r)));
            out.extend(blocks(rest, "", &Guide::default()));
        }
        _ => {
            out.push(Block::Para(Para::body(lead)));
            out.extend(blocks(items, "", &Guide::default()));
        }
    }
}

/// "2. Một số mô hình…" → "2"; "IV. NHIỆM VỤ" → "IV"; no number → "".
pub fn number_of(heading: &str) -> String {
    let first = heading.split_whitespace().next().unwrap_or("");
    if first.ends_with('.') && first.len() > 1 {
        first.trim_end_matches('.').to_string()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::forms::narrative_guide;
    use crate::inputs::narrative::Narrative;

    fn texts(b: &[Block]) -> Vec<String> {
        b.iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.runs.iter().map(|r| r.text.as_str()).collect()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn models_print_in_the_seeds_shape() {
        let g = narrative_guide();
        let n = Narrative::parse_md(
            "## Một số mô hình chuyển đổi số nổi bật\n\n> Gợi ý: x\n\n### Tên mô hình 1: Chợ 4.0\n- Mô tả: Tiểu thương **thanh toán** bằng QR.\n- Nhận xét (tính hiệu quả): Giảm tiền mặt.\n\nDoanh thu tăng.\n\n2.2. Tên mô hình 2: Thôn thông minh\n\nMô tả: Gắn địa chỉ số.\n",
            g,
            std::slice::from_ref(&g.models.section),
        );
        let items = n.items("2. Một số mô hình chuyển đổi số nổi bật").unwrap();
        let b = blocks(
            items,
            &number_of("2. Một số mô hình chuyển đổi số nổi bật"),
            g,
        );
        assert_eq!(
            texts(&b),
            [
                "2.1. Tên mô hình 1: Chợ 4.0",
                "- Mô tả: Tiểu thương thanh toán bằng QR.",
                "- Nhận xét (tính hiệu quả): Giảm tiền mặt.",
                "Doanh thu tăng.",
                "2.2. Tên mô hình 2: Thôn thông minh",
                "- Mô tả: Gắn địa chỉ số.",
                "- Nhận xét (tính hiệu quả):",
            ]
        );
        let Block::Para(p) = &b[1] else { panic!() };
        assert!(p.runs.iter().any(|r| r.bold && r.text == "thanh toán"));
        assert!(p.runs[0].italic && p.runs[0].text == "- Mô tả:");
    }

    #[test]
    fn bullets_keep_the_one_run_they_had() {
        let n = Narrative::parse("## Thuận lợi\n- Có máy\n1. Một\n");
        let b = blocks(n.items("Thuận lợi").unwrap(), "", narrative_guide());
        let Block::Para(p) = &b[0] else { panic!() };
        assert_eq!(p.runs, vec![Run::plain("- Có máy")]);
        assert_eq!(texts(&b)[1], "1. Một");
    }
}
