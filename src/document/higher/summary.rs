//! The province summary (bảng tổng hợp): every commune received, one row each — district, commune,
//! indicators met (N/M), rate, result, codes not met — sorted by district then commune, as one
//! [`Document`] (PDF and DOCX) and as an XLSX workbook.

use super::forms::{fill, levels};
use super::{agency, agency_lines, agency_name, parent_line};
use crate::criteria::CriteriaSet;
use crate::document::model::*;
use crate::document::{file_part, recipients, signature};
use crate::inputs::dossier::DossierInfo;
use crate::inputs::received::{self as received, Failure};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};

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

fn pairs(
    info: &DossierInfo,
    set: &CriteriaSet,
    n: usize,
    dat: usize,
) -> Vec<(&'static str, String)> {
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

pub fn document(
    info: &DossierInfo,
    set: &CriteriaSet,
    lines: &[Line],
    refused: &[Failure],
) -> Document {
    let t = &levels().tong_hop;
    let n_dat = lines.iter().filter(|l| l.ket_luan == "ĐẠT").count();
    let p = pairs(info, set, lines.len(), n_dat);
    let header = TableRow::header(&t.columns);
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
    let suffix = &crate::inputs::procedure::step(info).number_suffix;
    let mut blocks = vec![
        Block::Header(HeaderBlock {
            parent_agency: parent_line(info, &p),
            agency: agency_lines(info),
            number: format!(
                "Số: {}",
                if info.van_ban.so.trim().is_empty() {
                    format!("     {suffix}")
                } else {
                    info.van_ban.so.clone()
                }
            ),
            subject_vv: None,
            place_date: format!("{}, {}", info.van_ban.dia_danh, info.van_ban.ngay.words()),
        }),
        Block::Title {
            kind: t.kind.clone(),
            subject: vec![fill(&t.subject, &p)],
        },
        Block::Para(Para::body(vec![Run::plain(fill(&t.intro, &p))])),
        Block::Table(Table {
            widths: t.widths.clone(),
            header: vec![header],
            rows,
            size_pt: 11.0,
        }),
        Block::Para(Para::body(vec![Run::plain(fill(&t.totals, &p))])),
    ];
    if !refused.is_empty() {
        blocks.push(Block::Para(Para::body(vec![Run::bold(t.refused.clone())])));
        for f in refused {
            blocks.push(Block::Para(Para::body(vec![Run::plain(format!(
                "- {}: {}",
                f.package,
                f.problems.join("; ")
            ))])));
        }
    }
    let rec = if info.van_ban.noi_nhan.is_empty() {
        vec![
            format!("UBND tỉnh {} (để b/c);", info.don_vi.tinh),
            "Lưu: VT.".to_string(),
        ]
    } else {
        info.van_ban.noi_nhan.clone()
    };
    blocks.push(Block::Closing {
        recipients: recipients(&rec),
        signature: signature(info),
    });
    let d = info.van_ban.ngay;
    Document {
        file_stem: stem(info),
        title: format!("{} {}", t.kind, fill(&t.subject, &p)),
        author: agency(info),
        page: PageSetup::portrait(),
        blocks,
        date: (d.year, d.month, d.day),
    }
}

/// The same table as a workbook: sheet "Tổng hợp" (rate as a number formatted as a percentage),
/// and "Gói không hợp lệ" when some package was refused. Dated with the report date.
pub fn xlsx(
    info: &DossierInfo,
    set: &CriteriaSet,
    lines: &[Line],
    refused: &[Failure],
) -> Result<Vec<u8>, String> {
    let t = &levels().tong_hop;
    let n_dat = lines.iter().filter(|l| l.ket_luan == "ĐẠT").count();
    let p = pairs(info, set, lines.len(), n_dat);
    let e = |e: rust_xlsxwriter::XlsxError| format!("không lập được bảng tính tổng hợp: {e}");
    let mut wb = Workbook::new();
    let d = info.van_ban.ngay;
    let when = ExcelDateTime::from_ymd(d.year as u16, d.month as u8, d.day as u8).map_err(e)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(fill(&t.subject, &p))
            .set_author(agency(info))
            .set_creation_datetime(&when),
    );
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let pct = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.00%");
    let ws = wb.add_worksheet();
    ws.set_name(&t.sheet).map_err(e)?;
    ws.write_string_with_format(0, 0, format!("{} {}", t.kind, fill(&t.subject, &p)), &bold)
        .map_err(e)?;
    ws.write_string(1, 0, fill(&t.totals, &p)).map_err(e)?;
    let top = 3u32;
    for (c, h) in t.columns.iter().enumerate() {
        ws.write_string_with_format(top, c as u16, h, &head)
            .map_err(e)?;
    }
    for (c, w) in [6.0, 18.0, 20.0, 14.0, 12.0, 14.0, 40.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(e)?;
    }
    for (i, l) in lines.iter().enumerate() {
        let r = top + 1 + i as u32;
        let rate = if l.total == 0 {
            0.0
        } else {
            l.dat as f64 / l.total as f64
        };
        ws.write_number_with_format(r, 0, (i + 1) as f64, &cell)
            .map_err(e)?;
        ws.write_string_with_format(r, 1, &l.huyen, &cell)
            .map_err(e)?;
        ws.write_string_with_format(r, 2, l.xa_label(), &cell)
            .map_err(e)?;
        ws.write_string_with_format(r, 3, format!("{}/{}", l.dat, l.total), &cell)
            .map_err(e)?;
        ws.write_number_with_format(r, 4, rate, &pct).map_err(e)?;
        ws.write_string_with_format(r, 5, &l.ket_luan, &cell)
            .map_err(e)?;
        ws.write_string_with_format(r, 6, l.not_met.join(", "), &cell)
            .map_err(e)?;
    }
    ws.set_freeze_panes(top + 1, 0).map_err(e)?;
    if !lines.is_empty() {
        ws.autofilter(top, 0, top + lines.len() as u32, 6)
            .map_err(e)?;
    }
    if !refused.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(&t.sheet_refused).map_err(e)?;
        ws.write_string_with_format(0, 0, "Gói", &head).map_err(e)?;
        ws.write_string_with_format(0, 1, "Lý do", &head)
            .map_err(e)?;
        ws.set_column_width(0, 50.0).map_err(e)?;
        ws.set_column_width(1, 100.0).map_err(e)?;
        for (i, f) in refused.iter().enumerate() {
            ws.write_string(1 + i as u32, 0, &f.package).map_err(e)?;
            ws.write_string(1 + i as u32, 1, f.problems.join("; "))
                .map_err(e)?;
        }
    }
    wb.save_to_buffer().map_err(e)
}
