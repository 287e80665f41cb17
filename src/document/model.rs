//! The one document model every output is rendered from (PDF through typst, DOCX through docx-rs):
//! a page setup and a list of blocks. Builders fill it from the evaluation and the form texts in
//! `forms/`; renderers know nothing of criteria, dossiers or forms.

use serde::Serialize;

/// A4 page, margins in millimetres (`forms/layout.toml`: ND30's top 20, bottom 20, left 30, right 15).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageSetup {
    pub landscape: bool,
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    pub margin_left_mm: f32,
    pub margin_right_mm: f32,
}

impl PageSetup {
    fn with(landscape: bool, m: &super::style::Margins) -> PageSetup {
        PageSetup {
            landscape,
            margin_top_mm: m.top_mm,
            margin_bottom_mm: m.bottom_mm,
            margin_left_mm: m.left_mm,
            margin_right_mm: m.right_mm,
        }
    }
    /// A4 upright, the style sheet's margins.
    pub fn portrait() -> PageSetup {
        PageSetup::with(false, &super::style::layout().portrait)
    }
    /// Landscape keeps the binding edge (now the top) at 30 mm.
    pub fn landscape() -> PageSetup {
        PageSetup::with(true, &super::style::layout().landscape)
    }
}

/// A run of text with its style. Sizes are in points.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Run {
    pub fn plain(t: impl Into<String>) -> Run {
        Run {
            text: t.into(),
            bold: false,
            italic: false,
        }
    }
    pub fn bold(t: impl Into<String>) -> Run {
        Run {
            text: t.into(),
            bold: true,
            italic: false,
        }
    }
    pub fn italic(t: impl Into<String>) -> Run {
        Run {
            text: t.into(),
            bold: false,
            italic: true,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// A paragraph: runs, alignment, size, first-line indent (body text: 1 cm, justified, 14 pt).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Para {
    pub runs: Vec<Run>,
    pub align: Align,
    pub size_pt: f32,
    pub first_line_indent_cm: f32,
    /// Space after the paragraph, in points (ND30: at least 6 pt in the body).
    pub space_after_pt: f32,
    /// Keep with the next block (headings).
    pub keep_with_next: bool,
}

impl Para {
    /// Body text as the style sheet (`forms/layout.toml`) has it.
    pub fn body(runs: Vec<Run>) -> Para {
        let l = super::style::layout();
        Para {
            runs,
            align: Align::Justify,
            size_pt: l.body_size_pt,
            first_line_indent_cm: l.first_line_indent_cm,
            space_after_pt: l.paragraph_gap_pt,
            keep_with_next: false,
        }
    }
    pub fn heading(runs: Vec<Run>) -> Para {
        Para {
            keep_with_next: true,
            ..Para::body(runs)
        }
    }
}

/// One cell of a table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TableCell {
    pub runs: Vec<Run>,
    pub align: Align,
    /// How many columns the cell spans (group rows span the whole table).
    pub colspan: usize,
}

impl TableCell {
    pub fn new(text: impl Into<String>, align: Align) -> TableCell {
        TableCell {
            runs: vec![Run::plain(text)],
            align,
            colspan: 1,
        }
    }
    pub fn bold(text: impl Into<String>, align: Align) -> TableCell {
        TableCell {
            runs: vec![Run::bold(text)],
            align,
            colspan: 1,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TableRow {
    pub cells: Vec<TableCell>,
    /// A group row (1 Chính quyền số …): bold, spans are given by the cells.
    pub group: bool,
}

impl TableRow {
    /// A header row: every column's title, bold and centred.
    pub fn header(titles: &[String]) -> TableRow {
        TableRow {
            cells: titles
                .iter()
                .map(|h| TableCell::bold(h.clone(), Align::Center))
                .collect(),
            group: false,
        }
    }

    /// A group row ("1 | Chính quyền số" across the rest of the table).
    pub fn group(code: &str, name: &str, ncol: usize) -> TableRow {
        TableRow {
            cells: vec![
                TableCell::bold(code, Align::Center),
                TableCell {
                    runs: vec![Run::bold(name)],
                    align: Align::Left,
                    colspan: ncol.saturating_sub(1).max(1),
                },
            ],
            group: true,
        }
    }
}

/// A table with header rows that repeat on every page. Widths are relative (fractions of the line).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    pub widths: Vec<f32>,
    pub header: Vec<TableRow>,
    pub rows: Vec<TableRow>,
    pub size_pt: f32,
}

/// The ND30 header block: left column (agency), right column (quốc hiệu, tiêu ngữ, place and date).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HeaderBlock {
    /// Parent agency (upper case, not bold), may be empty.
    pub parent_agency: String,
    /// Issuing agency lines (upper case, bold), underlined by a short line.
    pub agency: Vec<String>,
    /// `Số: 125/BC-UBND`.
    pub number: String,
    /// Official letters: `V/v …` under the number (12–13 pt).
    pub subject_vv: Option<String>,
    /// `Tân Phúc, ngày 10 tháng 11 năm 2024` (italic).
    pub place_date: String,
    /// Quốc hiệu and tiêu ngữ, right column (forms/reports.toml `[common]`).
    pub national_name: String,
    pub motto: String,
}

/// Signature block, right column: authority, title, room for signature and seal, name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Signature {
    pub authority: String,
    pub title: String,
    /// Extra line under the title, e.g. "(Ký tên, đóng dấu)".
    pub hint: String,
    pub name: String,
}

/// A document block, in reading order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Block {
    Header(HeaderBlock),
    /// Document type and subject: "BÁO CÁO" then the trích yếu (bold), line under it.
    Title {
        kind: String,
        subject: Vec<String>,
    },
    /// "Kính gửi: …" (letters).
    Recipients {
        lines: Vec<String>,
    },
    Para(Para),
    Table(Table),
    /// Nơi nhận (left: its label, then the recipients) beside the signature (right).
    Closing {
        label: String,
        recipients: Vec<String>,
        signature: Signature,
    },
    /// Annex heading: "PHỤ LỤC 01", title, "(Kèm theo …)"; keeps its top-right corner free.
    AnnexHeading {
        label: String,
        title: Vec<String>,
        attached_to: String,
    },
    /// Signature lines side by side at the end of a list form ("Người thống kê", "Xác nhận …").
    SignatureRow {
        columns: Vec<Vec<String>>,
    },
    /// A hard page break (both renderers support it; no builder needs one yet).
    #[cfg_attr(not(test), allow(dead_code))]
    PageBreak,
}

impl Block {
    /// One body paragraph of plain text.
    pub fn text(t: impl Into<String>) -> Block {
        Block::Para(Para::body(vec![Run::plain(t)]))
    }
}

/// Whether block `i` keeps with the next one, as both renderers apply it: a paragraph marked so
/// keeps with the text or the table that follows it. A heading followed by another heading does
/// not (LibreOffice lets such a chain break after its first heading, typst would move the whole
/// chain), nor one before a closing or a signature row.
pub fn keeps_with_next(blocks: &[Block], i: usize) -> bool {
    let marked = matches!(blocks.get(i), Some(Block::Para(p)) if p.keep_with_next);
    let next = match blocks.get(i + 1) {
        Some(Block::Para(p)) => !p.keep_with_next,
        Some(Block::Table(_)) => true,
        _ => false,
    };
    marked && next
}

/// What a document is besides its blocks: file stem, metadata, page, date.
#[derive(Clone, Debug, PartialEq)]
pub struct Head {
    /// File stem, e.g. `Mau01-BaoCao-Tan-Phuc-2024`.
    pub file_stem: String,
    /// Title for the PDF/DOCX metadata.
    pub title: String,
    /// Author (the issuing agency) for the metadata.
    pub author: String,
    pub page: PageSetup,
    /// The report date: the only clock (metadata dates).
    pub date: (i32, u32, u32),
}

/// A whole document. Made only by [`Document::new`], which passes every string through the
/// filter (`document/filter.rs`), so no renderer sees a character it cannot write.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    /// File stem, e.g. `Mau01-BaoCao-Tan-Phuc-2024`.
    pub file_stem: String,
    /// Title for the PDF/DOCX metadata.
    pub title: String,
    /// Author (the issuing agency) for the metadata.
    pub author: String,
    pub page: PageSetup,
    pub blocks: Vec<Block>,
    /// The report date: the only clock (metadata dates).
    pub date: (i32, u32, u32),
    /// Proof that the text went through the filter (private: no document is made another way).
    #[serde(skip)]
    filtered: Filtered,
}

#[derive(Clone, Debug, PartialEq)]
struct Filtered;

impl Document {
    /// The document, every string of it filtered once.
    pub fn new(head: Head, blocks: Vec<Block>) -> Document {
        let mut d = Document {
            file_stem: head.file_stem,
            title: head.title,
            author: head.author,
            page: head.page,
            blocks,
            date: head.date,
            filtered: Filtered,
        };
        super::filter::document(&mut d);
        d
    }

    /// All text in reading order, one block per line: used by tests to compare PDF and DOCX.
    #[cfg(test)]
    pub fn plain_text(&self) -> String {
        let mut out = Vec::new();
        for b in &self.blocks {
            block_text(b, &mut out);
        }
        out.retain(|l| !l.is_empty());
        out.join("\n")
    }
}

#[cfg(test)]
fn block_text(b: &Block, out: &mut Vec<String>) {
    let runs = |rs: &[Run]| rs.iter().map(|r| r.text.as_str()).collect::<String>();
    match b {
        Block::Header(h) => {
            out.push(h.parent_agency.clone());
            out.extend(h.agency.iter().cloned());
            out.push(h.number.clone());
            out.extend(h.subject_vv.iter().cloned());
            out.extend([
                h.national_name.clone(),
                h.motto.clone(),
                h.place_date.clone(),
            ]);
        }
        Block::Title { kind, subject } => {
            out.push(kind.clone());
            out.extend(subject.iter().cloned());
        }
        Block::Recipients { lines } => out.extend(lines.iter().cloned()),
        Block::Para(p) => out.push(runs(&p.runs)),
        Block::Table(t) => {
            for r in t.header.iter().chain(&t.rows) {
                let cells: Vec<String> = r.cells.iter().map(|c| runs(&c.runs)).collect();
                out.push(cells.join(" | "));
            }
        }
        Block::Closing {
            label,
            recipients,
            signature: s,
        } => {
            out.push(label.clone());
            out.extend(recipients.iter().cloned());
            let lines = [&s.authority, &s.title, &s.hint, &s.name];
            out.extend(lines.map(String::clone));
        }
        Block::AnnexHeading {
            label,
            title,
            attached_to,
        } => {
            out.push(label.clone());
            out.extend(title.iter().cloned());
            out.push(attached_to.clone());
        }
        Block::SignatureRow { columns } => out.extend(columns.iter().flatten().cloned()),
        Block::PageBreak => {}
    }
}
