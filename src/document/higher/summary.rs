//! The province summary (bảng tổng hợp): every commune received, one row each — district, commune,
//! indicators met (N/M), rate, result, codes not met — sorted by district then commune, as one
//! [`Document`] (PDF and DOCX) and as a [`Workbook`] (`render::xlsx`).

use super::forms::levels;
use super::{agency, agency_header, agency_name};
use crate::criteria::CriteriaSet;
use crate::document::model::*;
use crate::document::style::layout;
use crate::document::workbook::{Cell, Sheet, Workbook};
use crate::document::{closing, file_part, signature};
use crate::inputs::dossier::DossierInfo;
use crate::inputs::received::{self as received, Failure};
use crate::text::fill;

/// One commune's line.
#[derive(Clone, Debug)]
pub struct Line {
    pub huyen: String,
    pub xa: String,
    pub loai: String,
    pub dat: usize,
    pub total: usize,
    pub ty_le: String,
    pub ket_luan: String,
    /// Whether the commune meets the set (its `ket_luan` says ĐẠT).
    pub met: bool,
    pub not_met: Vec<String>,
}

impl Line {
    fn xa_label(&self) -> String {
        if crate::text::fold(&self.loai) == "xa" || self.loai.is_empty() {
            self.xa.clone()
        } else {
            format!("{} {}", self.loai, self.xa)
        }
    }
    fn key(&self) -> (String, String, String, String) {
        (
            received::strip_unit_word(&self.huyen),
            crate::text::fold(&self.xa),
            self.huyen.clone(),
            self.xa.clone(),
        )
    }
}

pub fn sort(lines: &mut [Line]) {
    lines.sort_by_key(|l| l.key());
}

fn pairs(info: &DossierInfo, set: &CriteriaSet, lines: &[Line]) -> Vec<(&'static str, String)> {
    let n = lines.len();
    let dat = lines.iter().filter(|l| l.met).count();
    vec![
        ("co_quan_ten", agency_name(info)),
        ("cac_tieu_chi", set.higher.criteria.clone()),
        ("nam", info.nam.to_string()),
        ("tinh", info.don_vi.tinh.clone()),
        ("n", n.to_string()),
        ("dat", dat.to_string()),
        ("khong_dat", (n - dat).to_string()),
    ]
}

pub fn stem(info: &DossierInfo) -> String {
    format!("TongHop-{}-{}", file_part(&info.don_vi.tinh), info.nam)
}

fn table(lines: &[Line]) -> Table {
    let t = &levels().tong_hop;
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, l)| TableRow {
            cells: vec![
                TableCell::new((i + 1).to_string(), Align::Center),
                TableCell::new(l.huyen.clone(), Align::Left),
                TableCell::new(l.xa_label(), Align::Left),
                TableCell::new(format!("{}/{}", l.dat, l.total), Align::Center),
                TableCell::new(l.ty_le.clone(), Align::Center),
                TableCell::new(l.ket_luan.clone(), Align::Center),
                TableCell::new(l.not_met.join(", "), Align::Left),
            ],
            group: false,
        })
        .collect();
    Table {
        widths: t.widths.clone(),
        header: vec![TableRow::header(&t.columns)],
        rows,
        size_pt: layout().summary_size_pt,
    }
}

pub fn document(
    info: &DossierInfo,
    set: &CriteriaSet,
    lines: &[Line],
    refused: &[Failure],
) -> Document {
    let t = &levels().tong_hop;
    let p = pairs(info, set, lines);
    let subject = fill(&t.subject, &p);
    let mut blocks = vec![
        Block::Header(agency_header(info, &p, None)),
        Block::Title {
            kind: t.kind.clone(),
            subject: vec![subject.clone()],
        },
        Block::text(fill(&t.intro, &p)),
        Block::Table(table(lines)),
        Block::text(fill(&t.totals, &p)),
    ];
    if !refused.is_empty() {
        blocks.push(Block::Para(Para::body(vec![Run::bold(t.refused.clone())])));
        for f in refused {
            blocks.push(Block::text(format!(
                "- {}: {}",
                f.package,
                crate::problem::texts(&f.problems).join("; ")
            )));
        }
    }
    let rec: Vec<String> = if info.van_ban.noi_nhan.is_empty() {
        t.default_recipients.iter().map(|r| fill(r, &p)).collect()
    } else {
        info.van_ban.noi_nhan.clone()
    };
    blocks.push(closing(&rec, signature(info)));
    let head = Head {
        file_stem: stem(info),
        title: format!("{} {subject}", t.kind),
        author: agency(info),
        page: PageSetup::portrait(),
        date: info.van_ban.ngay.ymd(),
    };
    Document::new(head, blocks)
}

/// The same table as a workbook: sheet "Tổng hợp" (rate as a number formatted as a percentage),
/// and "Gói không hợp lệ" when some package was refused. Dated with the report date.
pub fn workbook(
    info: &DossierInfo,
    set: &CriteriaSet,
    lines: &[Line],
    refused: &[Failure],
) -> Workbook {
    let t = &levels().tong_hop;
    let p = pairs(info, set, lines);
    let subject = fill(&t.subject, &p);
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let rate = if l.total == 0 {
                0.0
            } else {
                l.dat as f64 / l.total as f64
            };
            vec![
                Cell::Number((i + 1) as f64),
                Cell::Text(l.huyen.clone()),
                Cell::Text(l.xa_label()),
                Cell::Text(format!("{}/{}", l.dat, l.total)),
                Cell::Percent(rate),
                Cell::Text(l.ket_luan.clone()),
                Cell::Text(l.not_met.join(", ")),
            ]
        })
        .collect();
    let mut sheets = vec![Sheet {
        name: t.sheet.clone(),
        lines: vec![format!("{} {subject}", t.kind), fill(&t.totals, &p)],
        columns: t.columns.clone(),
        widths: t.sheet_widths.clone(),
        rows,
        framed: true,
    }];
    if !refused.is_empty() {
        sheets.push(Sheet {
            name: t.sheet_refused.clone(),
            lines: Vec::new(),
            columns: t.refused_columns.clone(),
            widths: t.refused_widths.clone(),
            rows: refused
                .iter()
                .map(|f| {
                    vec![
                        Cell::Text(f.package.clone()),
                        Cell::Text(crate::problem::texts(&f.problems).join("; ")),
                    ]
                })
                .collect(),
            framed: false,
        });
    }
    let date = info.van_ban.ngay.ymd();
    Workbook::new(&subject, &agency(info), date, sheets)
}
