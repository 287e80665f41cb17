//! Unit and property tests of `inputs::narrative`.

use super::*;
use crate::inputs::markdown::inline;
use proptest::prelude::*;

fn guide() -> Guide {
    toml::from_str(&String::from_utf8_lossy(include_bytes!(
        "../../forms/narrative.toml"
    )))
    .unwrap()
}

fn known() -> Vec<String> {
    [
        "Thuận lợi",
        "Khó khăn, tồn tại",
        "Một số mô hình chuyển đổi số nổi bật",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn sections_by_heading_words() {
    let n = Narrative::parse("# Báo cáo\n\n## Thuận lợi\nDòng một\ndòng hai.\n\nĐoạn hai.\n\n## 1.2. Khó khăn, tồn tại\n- Thiếu máy\n- Thiếu người\n");
    assert_eq!(
        n.section("1.1. Thuận lợi").unwrap(),
        vec!["Dòng một dòng hai.".to_string(), "Đoạn hai.".to_string()]
    );
    assert_eq!(
        n.section("Khó khăn, tồn tại").unwrap(),
        ["- Thiếu máy", "- Thiếu người"]
    );
    assert!(n.section("Nguyên nhân").is_none());
    assert_eq!(
        n.unknown_headings(&["Thuận lợi".into()]),
        vec!["1.2. Khó khăn, tồn tại".to_string()]
    );
}

#[test]
fn emphasis_lists_and_hints() {
    let g = guide();
    let n = Narrative::parse_md(
        "## Thuận lợi\n> Gợi ý: Nêu những thuận lợi trong quá trình thực hiện.\n\nCó **Huyện ủy** và *UBND* quan tâm, 3*4 = 12.\n\n1. Một\n2) Hai\n\nGợi ý: Nêu những thuận lợi trong quá trình thực hiện.\n",
        &g,
        &known(),
    );
    let items = n.items("Thuận lợi").unwrap();
    assert_eq!(items.len(), 3, "{items:?}");
    let Item::Text { spans, .. } = &items[0] else {
        panic!()
    };
    assert_eq!(
        spans,
        &[
            Span::plain("Có "),
            Span {
                text: "Huyện ủy".into(),
                bold: true,
                italic: false
            },
            Span::plain(" và "),
            Span {
                text: "UBND".into(),
                bold: false,
                italic: true
            },
            Span::plain(" quan tâm, 3*4 = 12."),
        ]
    );
    assert_eq!(
        items[1],
        Item::Text {
            kind: Kind::Numbered("1.".into()),
            spans: vec![Span::plain("Một")]
        }
    );
    assert_eq!(
        items[2],
        Item::Text {
            kind: Kind::Numbered("2)".into()),
            spans: vec![Span::plain("Hai")]
        }
    );
}

#[test]
fn a_models_name_on_the_line_under_its_title() {
    let g = guide();
    let n = Narrative::parse_md(
        "## Một số mô hình chuyển đổi số nổi bật\n\n### Tên mô hình 1:\n\nChợ **4.0**\n\n- Mô tả: QR.\n",
        &g,
        &known(),
    );
    let items = n.items("Một số mô hình chuyển đổi số nổi bật").unwrap();
    let Item::Model(m) = &items[0] else {
        panic!("{items:?}")
    };
    assert_eq!(spans_text(&m.name), "Chợ 4.0");
    assert_eq!(
        m.description,
        vec![Item::Text {
            kind: Kind::Para,
            spans: vec![Span::plain("QR.")]
        }]
    );
}

#[test]
fn unbalanced_markers_stay_literal() {
    for t in ["a **b", "*a", "a * b *", "**a *b**", "x*", "***"] {
        let s = inline(t);
        assert_eq!(
            s.iter().map(|s| s.text.as_str()).collect::<String>(),
            t,
            "{t}"
        );
    }
}

#[test]
fn bold_plain_lines_are_headings_only_when_they_are_the_forms_words() {
    let g = guide();
    let bold = |t: &str| Raw::Para {
        kind: Kind::Para,
        spans: vec![Span {
            text: t.into(),
            bold: true,
            italic: false,
        }],
        hint: false,
    };
    let plain = |t: &str| Raw::Para {
        kind: Kind::Para,
        spans: vec![Span::plain(t)],
        hint: false,
    };
    let n = assemble(
        vec![
            bold("1.1. Thuận lợi:"),
            plain("A."),
            bold("Thuận lợi là nhiều"),
            bold("Khó khăn, tồn tại"),
            plain("B."),
        ],
        &g,
        &known(),
    );
    assert_eq!(
        n.section("Thuận lợi").unwrap(),
        ["A.", "Thuận lợi là nhiều"]
    );
    assert_eq!(n.section("Khó khăn, tồn tại").unwrap(), ["B."]);
}

#[test]
fn untouched_template_is_blank() {
    let g = guide();
    let n = Narrative::parse_md(
        "# Nội dung\n\n## Thuận lợi\n\n> Gợi ý: x\n\n## Một số mô hình chuyển đổi số nổi bật\n\n### Tên mô hình 1:\n\n- Mô tả:\n\n- Nhận xét (tính hiệu quả):\n\n> Từ việc theo cách truyền thống sang ứng dụng công nghệ số thì hiệu quả như thế nào\n",
        &g,
        &known(),
    );
    assert!(n.is_blank(), "{:?}", n.sections);
}

#[test]
fn notices_name_their_section() {
    let n = assemble(
        vec![
            Raw::Notice(Notice::Image),
            Raw::Heading("Thuận lợi".into()),
            Raw::Notice(Notice::Table),
            Raw::Notice(Notice::Table),
        ],
        &guide(),
        &known(),
    );
    assert_eq!(
        n.notices,
        vec![
            (String::new(), Notice::Image, 1),
            ("Thuận lợi".into(), Notice::Table, 2)
        ]
    );
}

/// A word without markdown meaning.
fn word() -> impl Strategy<Value = String> {
    "[a-zA-Zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ0-9,.]{1,8}"
        .prop_filter("not a list marker", |w| {
            !w.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
}

#[derive(Clone, Debug)]
enum Gen {
    Para(Vec<(String, bool, bool)>),
    Bullet(Vec<(String, bool, bool)>),
}

fn gen_item() -> impl Strategy<Value = Gen> {
    let spans = || prop::collection::vec((word(), any::<bool>(), any::<bool>()), 1..6);
    prop_oneof![spans().prop_map(Gen::Para), spans().prop_map(Gen::Bullet)]
}

fn md_of(words: &[(String, bool, bool)]) -> String {
    words
        .iter()
        .map(|(w, b, i)| match (b, i) {
            (true, true) => format!("***{w}***"),
            (true, false) => format!("**{w}**"),
            (false, true) => format!("*{w}*"),
            _ => w.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

proptest! {
    #[test]
    fn md_round_trip(sections in prop::collection::vec((0..2usize, prop::collection::vec(gen_item(), 0..5)), 1..4)) {
        let k = known();
        let mut md = String::new();
        for (h, items) in &sections {
            md.push_str(&format!("## {}\n\n", k[*h]));
            for it in items {
                match it {
                    Gen::Para(w) => md.push_str(&format!("{}\n\n", md_of(w))),
                    Gen::Bullet(w) => md.push_str(&format!("- {}\n", md_of(w))),
                }
            }
            md.push('\n');
        }
        let n = Narrative::parse_md(&md, &guide(), &k);
        prop_assert_eq!(n.sections.len(), sections.len());
        for (s, (h, items)) in n.sections.iter().zip(&sections) {
            prop_assert_eq!(&s.heading, &k[*h]);
            prop_assert_eq!(s.items.len(), items.len());
            for (got, want) in s.items.iter().zip(items) {
                let (kind, w) = match want {
                    Gen::Para(w) => (Kind::Para, w),
                    Gen::Bullet(w) => (Kind::Bullet, w),
                };
                let Item::Text { kind: gk, spans } = got else { panic!("model") };
                prop_assert_eq!(gk, &kind);
                // Every word keeps its emphasis.
                let mut flat: Vec<(char, bool, bool)> = Vec::new();
                for s in spans {
                    flat.extend(s.text.chars().filter(|c| *c != ' ').map(|c| (c, s.bold, s.italic)));
                }
                let want: Vec<(char, bool, bool)> = w.iter().flat_map(|(w, b, i)| w.chars().map(move |c| (c, *b, *i))).collect();
                prop_assert_eq!(flat, want);
            }
        }
    }

    #[test]
    fn inline_keeps_every_letter(s in "\\PC{0,60}") {
        let spans = inline(&s);
        let joined: String = spans.iter().map(|x| x.text.as_str()).collect();
        let letters = |t: &str| t.chars().filter(|c| *c != '*').collect::<String>();
        prop_assert_eq!(letters(&joined), letters(&s));
    }

    #[test]
    fn any_text_parses(s in "\\PC{0,300}") {
        let n = Narrative::parse_md(&s, &guide(), &known());
        let _ = n.unknown_headings(&known());
        let _ = n.section("Thuận lợi");
    }
}
