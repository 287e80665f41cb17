//! The one document model every output is rendered from (PDF through typst, DOCX through docx-rs):
//! a page setup and a list of blocks. Builders fill it from the evaluation and the form texts in
//! `forms/`; renderers know nothing of criteria, dossiers or forms.

use serde::Serialize;

/// A4 page, margins in millimetres (ND30: top 20, bottom 20, left 30, right 15).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageSetup {
    pub landscape: bool,
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    pub margin_left_mm: f32,
    pub margin_right_mm: f32,
}

impl PageSetup {
    pub fn portrait() -> PageSetup {
        PageSetup {
            landscape: false,
            margin_top_mm: 20.0,
            margin_bottom_mm: 20.0,
            margin_left_mm: 30.0,
            margin_right_mm: 15.0,
        }
    }
    /// Landscape keeps the binding edge (now the top) at 30 mm.
    pub fn landscape() -> PageSetup {
        PageSetup {
            landscape: true,
            margin_top_mm: 30.0,
            margin_bottom_mm: 20.0,
            margin_left_mm: 20.0,
            margin_right_mm: 15.0,
        }
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
    /// Nơi nhận (left) beside the signature (right).
    Closing {
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

/// A whole document.
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
}

impl Document {
    /// All text in reading order, one block per line: used by tests to compare PDF and DOCX.
    #[cfg(test)]
    pub fn plain_text(&self) -> String {
        let mut out = Vec::new();
        let runs = |rs: &[Run]| rs.iter().map(|r| r.text.as_str()).collect::<String>();
        for b in &self.blocks {
            match b {
                Block::Header(h) => {
                    out.push(h.parent_agency.clone());
                    out.extend(h.agency.iter().cloned());
                    out.push(h.number.clone());
                    if let Some(v) = &h.subject_vv {
                        out.push(v.clone());
                    }
                    out.push(h.place_date.clone());
                }
                Block::Title { kind, subject } => {
                    out.push(kind.clone());
                    out.extend(subject.iter().cloned());
                }
                Block::Recipients { lines } => out.extend(lines.iter().cloned()),
                Block::Para(p) => out.push(runs(&p.runs)),
                Block::Table(t) => {
                    for r in t.header.iter().chain(&t.rows) {
                        out.push(
                            r.cells
                                .iter()
                                .map(|c| runs(&c.runs))
                                .collect::<Vec<_>>()
                                .join(" | "),
                        );
                    }
                }
                Block::Closing {
                    recipients,
                    signature,
                } => {
                    out.extend(recipients.iter().cloned());
                    out.extend([
                        signature.authority.clone(),
                        signature.title.clone(),
                        signature.hint.clone(),
                        signature.name.clone(),
                    ]);
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
                Block::SignatureRow { columns } => {
                    for c in columns {
                        out.extend(c.iter().cloned());
                    }
                }
                Block::PageBreak => {}
            }
        }
        out.retain(|l| !l.is_empty());
        out.join("\n")
    }
}

/// A document with every kind of block and hostile text, for the renderers' tests.
#[cfg(test)]
pub fn sample() -> Document {
    let hostile = "Xã #let *Tân* _Phúc_ $x$ <b>&\"q\" \\ [a] // 😀";
    Document {
        file_stem: "Mau-thu".into(),
        title: format!("Báo cáo thử {hostile}"),
        author: "UBND xã Tân Phúc".into(),
        page: PageSetup::portrait(),
        blocks: vec![
            Block::Header(HeaderBlock {
                parent_agency: String::new(),
                agency: vec!["ỦY BAN NHÂN DÂN".into(), "XÃ TÂN PHÚC".into()],
                number: "Số: 125/BC-UBND".into(),
                subject_vv: None,
                place_date: "Tân Phúc, ngày 10 tháng 11 năm 2024".into(),
            }),
            Block::Title {
                kind: "BÁO CÁO".into(),
                subject: vec!["Kết quả thực hiện các tiêu chí chuyển đổi số".into()],
            },
            Block::Para(Para::heading(vec![Run::bold(
                "I. CÔNG TÁC TỔ CHỨC TRIỂN KHAI THỰC HIỆN",
            )])),
            Block::Para(Para::body(vec![
                Run::plain(hostile),
                Run::italic(" nghiêng"),
                Run::bold(" đậm"),
            ])),
            Block::Para(Para::body(vec![Run::plain("Đoạn văn dài ".repeat(200))])),
            Block::Table(Table {
                widths: vec![0.1, 0.6, 0.3],
                header: vec![TableRow {
                    cells: vec![
                        TableCell::bold("TT", Align::Center),
                        TableCell::bold("Tên chỉ tiêu", Align::Center),
                        TableCell::bold("Kết quả", Align::Center),
                    ],
                    group: false,
                }],
                rows: (1..60)
                    .map(|i| TableRow {
                        cells: vec![
                            TableCell::new(format!("1.{i}"), Align::Center),
                            TableCell::new(hostile, Align::Left),
                            TableCell::new("95,65%", Align::Center),
                        ],
                        group: i % 10 == 0,
                    })
                    .collect(),
                size_pt: 12.0,
            }),
            Block::Closing {
                recipients: vec![
                    "- UBND huyện Hoằng Hóa (để b/c);".into(),
                    "- Lưu: VT, VP.".into(),
                ],
                signature: Signature {
                    authority: "TM. ỦY BAN NHÂN DÂN".into(),
                    title: "CHỦ TỊCH".into(),
                    hint: String::new(),
                    name: "Lê Văn Hùng".into(),
                },
            },
            Block::AnnexHeading {
                label: "PHỤ LỤC 01".into(),
                title: vec!["CHI TIẾT".into()],
                attached_to: "(Kèm theo Báo cáo số 125/BC-UBND)".into(),
            },
            Block::SignatureRow {
                columns: vec![
                    vec!["Người thống kê".into(), "(Ký, ghi rõ họ tên)".into()],
                    vec!["Xác nhận của UBND xã".into()],
                ],
            },
            Block::Recipients {
                lines: vec!["Kính gửi: UBND huyện Hoằng Hóa".into()],
            },
            Block::PageBreak,
            Block::Para(Para::body(vec![Run::plain("Trang cuối.")])),
        ],
        date: (2024, 11, 10),
    }
}
