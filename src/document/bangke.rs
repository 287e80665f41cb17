//! The bảng kê tài liệu: every evidence file and every generated document (except itself) with its
//! size and SHA-256, typeset through the same model and rules as the report, ready to be signed.

use super::forms::reports;
use super::model::*;
use super::style::layout;
use super::{closing, commune_header, file_part, fill, signature};
use crate::evaluate::assessed::Checked;
use crate::number::group_thousands;

pub struct Listed {
    pub indicator: String,
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

pub fn bang_ke(c: &Checked, files: &[Listed]) -> Document {
    let f = &reports().bang_ke;
    let info = &c.info;
    let header = TableRow::header(&f.columns);
    let rows = files
        .iter()
        .enumerate()
        .map(|(i, l)| TableRow {
            cells: vec![
                TableCell::new((i + 1).to_string(), Align::Center),
                TableCell::new(l.indicator.clone(), Align::Center),
                TableCell::new(l.name.clone(), Align::Left),
                TableCell::new(
                    format!("{} B", group_thousands(l.size as i128)),
                    Align::Right,
                ),
                // Split the hash so it wraps in a narrow column and still reads as one string.
                TableCell::new(
                    format!(
                        "{} {}",
                        &l.sha256[..32.min(l.sha256.len())],
                        &l.sha256[32.min(l.sha256.len())..]
                    ),
                    Align::Left,
                ),
            ],
            group: false,
        })
        .collect();
    let subject = fill(&f.subject, info, &[("set_title", c.set.title.clone())]);
    let blocks = vec![
        Block::Header(commune_header(info)),
        Block::Title {
            kind: f.kind.clone(),
            subject: vec![subject.clone()],
        },
        Block::text(f.intro.clone()),
        Block::Table(Table {
            widths: f.widths.clone(),
            header: vec![header],
            rows,
            size_pt: layout().bang_ke_size_pt,
        }),
        Block::text(crate::text::fill(
            &f.total,
            &[("n", files.len().to_string())],
        )),
        closing(&super::report::report_recipients(c), signature(info)),
    ];
    let head = Head {
        file_stem: format!("BangKe-{}-{}", file_part(&info.don_vi.xa), info.nam),
        title: subject,
        author: super::author(info),
        page: PageSetup::portrait(),
        date: info.van_ban.ngay.ymd(),
    };
    Document::new(head, blocks)
}
