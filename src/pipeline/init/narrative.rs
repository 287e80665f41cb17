//! The narrative templates `hoso init` writes: `noi-dung.docx` (Word's own Heading 2 / Heading 3
//! styles, the hints in a paragraph style of their own, "Gợi ý") and `noi-dung.md` with the same
//! headings, hints and the models of Mẫu 01 III.2. The docx is built with docx-rs and re-packed
//! by the renderer's `repack`, so the same set and year always give the same bytes.

use crate::criteria::CriteriaSet;
use crate::document::forms;
use crate::document::model::{Document, Head, PageSetup};
use crate::inputs::narrative::Guide;
use crate::inputs::worddoc::{HINT_STYLE, HINT_STYLE_NAME};
use docx_rs as dx;
use dx::{AlignmentType, LineSpacing, Style, StyleType};
use std::io::Cursor;

/// What the template holds, in order: shared by the two formats.
enum Line {
    Title(String),
    Heading(String),
    SubHeading(String),
    Hint(String),
    Text(String),
}

fn outline(set: &CriteriaSet) -> Vec<Line> {
    let g: &Guide = forms::narrative_guide();
    let mut out = vec![
        Line::Title(format!("Nội dung báo cáo — {}", set.title)),
        Line::Hint("Gợi ý: Viết nội dung dưới mỗi mục; giữ nguyên tên mục. Các dòng gợi ý in nghiêng như dòng này không được in vào báo cáo, có thể để nguyên hoặc xóa. Mục để trống sẽ in trống.".into()),
    ];
    for h in forms::narrative_headings(set) {
        out.push(Line::Heading(h.clone()));
        if let Some(hint) = g.hints.iter().find(|x| x.heading == h) {
            out.push(Line::Hint(hint.text.clone()));
        }
        if h == g.models.section {
            for n in 1..=g.models.template_count {
                out.push(Line::SubHeading(
                    g.models.title.replace("{n}", &n.to_string()),
                ));
                out.push(Line::Text(g.models.description.clone()));
                out.push(Line::Text(g.models.assessment.clone()));
                out.push(Line::Hint(g.models.assessment_hint.clone()));
            }
        } else {
            out.push(Line::Text(String::new()));
        }
    }
    out
}

/// `noi-dung.md`: `##` headings, `###` models, `>` hints.
pub fn markdown(set: &CriteriaSet) -> String {
    let mut s = String::new();
    for l in outline(set) {
        match l {
            Line::Title(t) => s.push_str(&format!("# {t}\n\n")),
            Line::Hint(t) => s.push_str(&format!("> {t}\n\n")),
            Line::Heading(t) => s.push_str(&format!("## {t}\n\n")),
            Line::SubHeading(t) => s.push_str(&format!("### {t}\n\n")),
            Line::Text(t) if t.is_empty() => {}
            Line::Text(t) => s.push_str(&format!("{t}\n\n")),
        }
    }
    s
}

fn styles(docx: dx::Docx) -> dx::Docx {
    let spacing = |before: u32, after: u32| LineSpacing::new().before(before).after(after);
    let mut docx = docx.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(32)
            .align(AlignmentType::Center)
            .line_spacing(spacing(0, 240)),
    );
    // Word's built-in heading names ("heading 2") and ids (Heading2): Word, LibreOffice and
    // python-docx show them as their own "Heading 2" in any interface language.
    for l in 1..=3usize {
        docx = docx.add_style(
            Style::new(format!("Heading{l}"), StyleType::Paragraph)
                .name(format!("heading {l}"))
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .ui_priority(9)
                .bold()
                .italic_if(l == 3)
                .size(28)
                .outline_lvl(l - 1)
                .line_spacing(spacing(240, 120)),
        );
    }
    docx.add_style(
        Style::new(HINT_STYLE, StyleType::Paragraph)
            .name(HINT_STYLE_NAME)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .italic()
            .color("595959")
            .size(24),
    )
}

trait ItalicIf {
    fn italic_if(self, on: bool) -> Self;
}

impl ItalicIf for Style {
    fn italic_if(self, on: bool) -> Self {
        if on {
            self.italic()
        } else {
            self
        }
    }
}

fn para(style: &str, text: &str) -> dx::Paragraph {
    let p = dx::Paragraph::new().style(style);
    if text.is_empty() {
        p
    } else {
        p.add_run(dx::Run::new().add_text(text))
    }
}

/// `noi-dung.docx` for `set`; `year` dates the file (the only clock).
pub fn docx(set: &CriteriaSet, year: i32) -> Result<Vec<u8>, String> {
    let y = year.clamp(1980, 2107);
    let stamp = format!("{y:04}-01-01T00:00:00Z");
    // The page, fonts and dates every DOCX of hoso starts from.
    let mut docx = crate::render::docx::blank(&PageSetup::portrait(), &stamp);
    docx = styles(docx);
    for l in outline(set) {
        docx = docx.add_paragraph(match &l {
            Line::Title(t) => para("Title", t),
            Line::Heading(t) => para("Heading2", t),
            Line::SubHeading(t) => para("Heading3", t),
            Line::Hint(t) => para(HINT_STYLE, t),
            Line::Text(t) => para("Normal", t),
        });
    }
    let mut raw = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut raw)
        .map_err(|e| format!("không tạo được noi-dung.docx: {e}"))?;
    let head = Head {
        file_stem: "noi-dung".into(),
        title: format!("Nội dung báo cáo — {}", set.title),
        author: "hoso".into(),
        page: PageSetup::portrait(),
        date: (y, 1, 1),
    };
    let meta = Document::new(head, Vec::new());
    crate::render::docx::repack(&raw.into_inner(), &meta, &stamp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::narrative::{assemble, Narrative};

    fn set() -> CriteriaSet {
        crate::criteria::Catalog::load()
            .unwrap()
            .get("thanh-hoa-cds-xa")
            .unwrap()
            .clone()
    }

    #[test]
    fn same_bytes_every_time_and_read_back_blank() {
        let s = set();
        let a = docx(&s, 2024).unwrap();
        let _ = docx(
            &crate::criteria::Catalog::load()
                .unwrap()
                .get("ha-nam-ntm-xa")
                .unwrap()
                .clone(),
            2025,
        );
        assert_eq!(a, docx(&s, 2024).unwrap());
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("noi-dung.docx");
        std::fs::write(&f, &a).unwrap();
        let known = forms::narrative_headings(&s);
        let raws = crate::inputs::worddoc::read(&f).unwrap();
        let n = assemble(raws, forms::narrative_guide(), &known);
        assert!(n.is_blank(), "{:?}", n.sections);
        let headings: Vec<&str> = n
            .sections
            .iter()
            .map(|x| x.heading.as_str())
            .filter(|h| !h.is_empty())
            .collect();
        assert_eq!(
            headings,
            known.iter().map(String::as_str).collect::<Vec<_>>()
        );
        assert!(Narrative::parse_md(&markdown(&s), forms::narrative_guide(), &known).is_blank());
    }
}
