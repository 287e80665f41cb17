//! The report's narrative, from `noi-dung.md` (`##` headings) or `noi-dung.docx` (read by
//! `worddoc`): sections of paragraphs, bulleted and numbered items with bold and italic kept, and the
//! models of Mẫu 01 section III.2 ("Tên mô hình / Mô tả / Nhận xét (tính hiệu quả)"). Sections are
//! matched to the form's headings by words (diacritics and case ignored), so an officer's
//! "## Thuận lợi" fills the form's "1.1. Thuận lợi". Hints left in by the officer are dropped.

use super::markdown::md_raws;
use crate::text::fold;
use serde::Deserialize;

/// A run of text with its emphasis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Span {
    pub fn plain(t: impl Into<String>) -> Span {
        Span {
            text: t.into(),
            ..Span::default()
        }
    }
}

/// How a paragraph is marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Para,
    Bullet,
    /// A numbered item with its label as the list shows it ("1.", "a)").
    Numbered(String),
}

/// One printable unit of a section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Text { kind: Kind, spans: Vec<Span> },
    Model(Model),
}

/// "2.1. Tên mô hình 1: … / - Mô tả: … / - Nhận xét (tính hiệu quả): …".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Model {
    pub name: Vec<Span>,
    pub description: Vec<Item>,
    pub assessment: Vec<Item>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Section {
    /// The heading as written (empty: text before the first heading).
    pub heading: String,
    pub items: Vec<Item>,
}

/// Something in a Word file that is not printed (or refused), in the section where it stood.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Notice {
    Table,
    Image,
    Comment,
    Field,
    Footnote,
    /// An insertion, deletion, move or formatting change still waiting to be accepted.
    TrackedChange,
    Other,
}

#[derive(Clone, Debug, Default)]
pub struct Narrative {
    pub sections: Vec<Section>,
    /// (section heading, what, how many times).
    pub notices: Vec<(String, Notice, usize)>,
}

/// The words `hoso init` writes as hints and the shape of the models section (`forms/narrative.toml`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    #[serde(default)]
    pub hints: Vec<Hint>,
    #[serde(default)]
    pub models: ModelsGuide,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hint {
    /// The narrative heading (as `narrative_headings` gives it) the hint stands under.
    pub heading: String,
    pub text: String,
    /// The seed's own words (otherwise hoso's): where the words come from, for the reader of the file.
    #[serde(default)]
    #[allow(dead_code)]
    pub seed: bool,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelsGuide {
    pub section: String,
    pub hint: String,
    /// "Tên mô hình {n}:".
    pub title: String,
    pub description: String,
    pub assessment: String,
    pub assessment_hint: String,
    pub template_count: usize,
}

/// One paragraph as a reader saw it, before sections are assembled.
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    /// A title line (`# …`, Word's Title style): belongs to no section.
    Title,
    /// A heading (`##`, Heading 1–3).
    Heading(String),
    Para {
        kind: Kind,
        spans: Vec<Span>,
        /// Marked as a hint (Word style "Gợi ý", Markdown `>`).
        hint: bool,
    },
    Notice(Notice),
}

impl Narrative {
    /// `noi-dung.md` without the form's words (higher levels): `##` sections only.
    pub fn parse(text: &str) -> Narrative {
        Narrative::parse_md(text, &Guide::default(), &[])
    }

    /// `noi-dung.md`: `#` title, `##`/`###` headings, `-`/`+`/`*` bullets, `1.`/`1)` items,
    /// `**bold**`, `*italic*`, `>` hint lines; blank lines between paragraphs.
    pub fn parse_md(text: &str, guide: &Guide, known: &[String]) -> Narrative {
        assemble(md_raws(text), guide, known)
    }

    /// The items of the section whose heading matches `heading` (ignoring numbering like "1.1.").
    pub fn items(&self, heading: &str) -> Option<&[Item]> {
        let want = strip_numbering(&fold(heading));
        self.sections
            .iter()
            .find(|s| {
                let h = strip_numbering(&fold(&s.heading));
                !h.is_empty() && (h == want || want.starts_with(&h) || h.starts_with(&want))
            })
            .map(|s| s.items.as_slice())
    }

    /// The section as plain paragraphs (bullets as "- …"), for documents that print text only.
    pub fn section(&self, heading: &str) -> Option<Vec<String>> {
        let mut out = Vec::new();
        for it in self.items(heading)? {
            plain_lines(it, &mut out);
        }
        Some(out)
    }

    /// Nothing to print anywhere (an untouched template).
    pub fn is_blank(&self) -> bool {
        self.sections.iter().all(|s| s.items.is_empty())
    }

    /// Headings that match none of `known` (warned: the text would be lost).
    pub fn unknown_headings(&self, known: &[String]) -> Vec<String> {
        self.sections
            .iter()
            .filter(|s| !s.heading.is_empty() && !s.items.is_empty())
            .filter(|s| !matches_any(&s.heading, known))
            .map(|s| s.heading.clone())
            .collect()
    }
}

fn plain_lines(it: &Item, out: &mut Vec<String>) {
    let text = |s: &[Span]| s.iter().map(|s| s.text.as_str()).collect::<String>();
    match it {
        Item::Text { kind, spans } => out.push(match kind {
            Kind::Para => text(spans),
            Kind::Bullet => format!("- {}", text(spans)),
            Kind::Numbered(l) => format!("{l} {}", text(spans)),
        }),
        Item::Model(m) => {
            out.push(text(&m.name));
            for i in m.description.iter().chain(&m.assessment) {
                plain_lines(i, out);
            }
        }
    }
}

fn matches_any(heading: &str, known: &[String]) -> bool {
    let h = strip_numbering(&fold(heading));
    known.iter().any(|k| {
        let k = strip_numbering(&fold(k));
        h == k || k.starts_with(&h) || h.starts_with(&k)
    })
}

/// A plain line typed as a heading: its words are exactly one of `known` (numbering and a final
/// colon aside), or it opens a model ("Tên mô hình 2: …").
pub fn heading_by_words(text: &str, known: &[String], guide: &Guide) -> bool {
    if text.chars().count() > 160 {
        return false;
    }
    let h = strip_numbering(&fold(text));
    !h.is_empty()
        && (known.iter().any(|k| strip_numbering(&fold(k)) == h) || is_model_title(text, guide))
}

fn model_key(guide: &Guide) -> String {
    // "Tên mô hình {n}:" → "ten mo hinh"
    fold(guide.models.title.split('{').next().unwrap_or(""))
}

fn is_model_title(text: &str, guide: &Guide) -> bool {
    let key = model_key(guide);
    !key.is_empty() && strip_numbering(&fold(text)).starts_with(&key)
}

/// "1 1 thuan loi" → "thuan loi"; "ii ket qua" → "ket qua".
pub fn strip_numbering(s: &str) -> String {
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

fn spans_text(s: &[Span]) -> String {
    s.iter().map(|s| s.text.as_str()).collect()
}

/// Joins neighbouring spans of one style and trims the ends.
pub fn tidy(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        if s.text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(l) if l.bold == s.bold && l.italic == s.italic => l.text.push_str(&s.text),
            _ => out.push(s),
        }
    }
    if let Some(f) = out.first_mut() {
        f.text = f.text.trim_start().to_string();
    }
    if let Some(l) = out.last_mut() {
        l.text = l.text.trim_end().to_string();
    }
    out.retain(|s| !s.text.is_empty());
    out
}

/// Drops the first `n` characters of the spans.
fn drop_chars(spans: &[Span], mut n: usize) -> Vec<Span> {
    let mut out = Vec::new();
    for s in spans {
        let len = s.text.chars().count();
        if n >= len {
            n -= len;
            continue;
        }
        out.push(Span {
            text: s.text.chars().skip(n).collect(),
            ..s.clone()
        });
        n = 0;
    }
    tidy(out)
}

/// The spans after the label that ends at the first colon (or `None` without a colon).
fn after_colon(spans: &[Span]) -> Option<Vec<Span>> {
    let t = spans_text(spans);
    let i = t.chars().position(|c| c == ':')?;
    Some(drop_chars(spans, i + 1))
}

fn same_words(a: &str, b: &str) -> bool {
    let a = fold(a);
    !a.is_empty() && a == fold(b)
}

/// The hints' words, folded once.
fn hint_keys(guide: &Guide) -> Vec<String> {
    let g = &guide.models;
    guide
        .hints
        .iter()
        .map(|h| fold(&h.text))
        .chain([fold(&g.hint), fold(&g.assessment_hint)])
        .filter(|k| !k.is_empty())
        .collect()
}

/// Which field of a model a paragraph opens, by its label's words.
fn field_of(text: &str, guide: &Guide) -> Option<bool> {
    let t = fold(text.trim_start_matches(['-', '+', '*', '–', ' ']));
    let label = |l: &str| {
        let l = fold(l.trim_start_matches(['-', ' ']));
        // "nhan xet tinh hieu qua" also opens with "nhan xet".
        let first_two: String = l.split(' ').take(2).collect::<Vec<_>>().join(" ");
        !l.is_empty() && (t.starts_with(&l) || t.starts_with(&first_two))
    };
    if !text.contains(':') {
        return None;
    }
    if label(&guide.models.description) {
        Some(false)
    } else if label(&guide.models.assessment) {
        Some(true)
    } else {
        None
    }
}

/// Builds sections from the readers' paragraphs: headings open sections (or models), hints go.
pub fn assemble(raws: Vec<Raw>, guide: &Guide, known: &[String]) -> Narrative {
    let mut n = Narrative::default();
    // Index of the model field being filled: None, Some(false) description, Some(true) assessment.
    let mut field: Option<bool> = None;
    let (hint_keys, mkey) = (hint_keys(guide), model_key(guide));
    for raw in raws {
        match raw {
            Raw::Title => field = None,
            Raw::Heading(h) if is_model_title(&h, guide) => {
                let name = after_colon(&[Span::plain(h.clone())]).unwrap_or_default();
                open_model(&mut n, &mut field, name);
            }
            Raw::Heading(h) => {
                n.sections.push(Section {
                    heading: h.trim().to_string(),
                    items: Vec::new(),
                });
                field = None;
            }
            Raw::Notice(what) => count_notice(&mut n, what),
            Raw::Para { kind, spans, hint } => {
                let spans = tidy(spans);
                let text = spans_text(&spans);
                let key = fold(&text);
                // Only blank paragraphs and hints go: one of punctuation alone is the officer's text.
                if hint || text.trim().is_empty() || (!key.is_empty() && hint_keys.contains(&key)) {
                    continue;
                }
                let all_bold = spans.iter().all(|s| s.bold);
                if kind == Kind::Para && all_bold && heading_by_words(&text, known, guide) {
                    return_heading(&mut n, &mut field, text, guide);
                } else if kind == Kind::Para
                    && !mkey.is_empty()
                    && strip_numbering(&key).starts_with(&mkey)
                {
                    let name = after_colon(&spans).unwrap_or_default();
                    open_model(&mut n, &mut field, name);
                } else {
                    model_or_text(&mut n, &mut field, kind, spans, &text, guide);
                }
            }
        }
    }
    // An untouched model of the template prints nothing.
    for s in &mut n.sections {
        s.items.retain(|i| match i {
            Item::Model(m) => {
                !m.name.is_empty() || has_text(&m.description) || has_text(&m.assessment)
            }
            _ => true,
        });
    }
    n
}

/// A model opens (its description is filled next).
fn open_model(n: &mut Narrative, field: &mut Option<bool>, name: Vec<Span>) {
    push_item(
        n,
        Item::Model(Model {
            name,
            ..Model::default()
        }),
    );
    *field = Some(false);
}

/// Something Word holds that is not printed, counted in the section where it stands.
fn count_notice(n: &mut Narrative, what: Notice) {
    let at = n
        .sections
        .last()
        .map(|s| s.heading.clone())
        .unwrap_or_default();
    match n
        .notices
        .iter_mut()
        .find(|(h, w, _)| *h == at && *w == what)
    {
        Some(x) => x.2 += 1,
        None => n.notices.push((at, what, 1)),
    }
}

fn has_text(items: &[Item]) -> bool {
    items.iter().any(|i| match i {
        Item::Text { spans, .. } => !spans.is_empty(),
        Item::Model(_) => true,
    })
}

fn return_heading(n: &mut Narrative, field: &mut Option<bool>, text: String, guide: &Guide) {
    if is_model_title(&text, guide) {
        let name = after_colon(&[Span::plain(text)]).unwrap_or_default();
        open_model(n, field, name);
    } else {
        n.sections.push(Section {
            heading: text,
            items: Vec::new(),
        });
        *field = None;
    }
}

fn model_or_text(
    n: &mut Narrative,
    field: &mut Option<bool>,
    kind: Kind,
    spans: Vec<Span>,
    text: &str,
    guide: &Guide,
) {
    let open_model = match n.sections.last_mut().and_then(|s| s.items.last_mut()) {
        Some(Item::Model(m)) if field.is_some() => Some(m),
        _ => None,
    };
    let Some(m) = open_model else {
        push_item(n, Item::Text { kind, spans });
        return;
    };
    let label = field_of(text, guide);
    if label.is_none() && m.name.is_empty() && m.description.is_empty() && m.assessment.is_empty() {
        // "Tên mô hình 1:" alone, the name typed on the next line.
        m.name = spans;
        return;
    }
    let (kind, spans) = match label {
        Some(f) => {
            *field = Some(f);
            let rest = after_colon(&spans).unwrap_or_default();
            let rest = if same_words(&spans_text(&rest), &guide.models.assessment_hint) {
                Vec::new()
            } else {
                rest
            };
            (Kind::Para, rest)
        }
        None => (kind, spans),
    };
    let target = if *field == Some(true) {
        &mut m.assessment
    } else {
        &mut m.description
    };
    if spans.is_empty() && target.is_empty() {
        // The label alone: keep a place so the label prints.
        target.push(Item::Text {
            kind: Kind::Para,
            spans: Vec::new(),
        });
    } else if let [Item::Text {
        kind: Kind::Para,
        spans: first,
    }] = target.as_mut_slice()
    {
        if first.is_empty() {
            *first = spans;
            return;
        }
        target.push(Item::Text { kind, spans });
    } else {
        target.push(Item::Text { kind, spans });
    }
}

fn push_item(n: &mut Narrative, it: Item) {
    if n.sections.is_empty() {
        n.sections.push(Section::default());
    }
    if let Some(s) = n.sections.last_mut() {
        s.items.push(it);
    }
}

#[cfg(test)]
#[path = "narrative_tests.rs"]
mod tests;
