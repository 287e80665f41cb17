//! The bảng kê tài liệu: every evidence file and every generated document (except itself) with its
//! size and SHA-256, typeset through the same model and rules as the report, ready to be signed.

use super::forms::reports;
use super::model::*;
use super::{commune_header, file_part, fill, recipients, signature};
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
    let blocks = vec![
        Block::Header(commune_header(info)),
        Block::Title {
            kind: f.kind.clone(),
            subject: vec![fill(
                &f.subject,
                info,
                &[("set_title", c.set.title.clone())],
            )],
        },
        Block::Para(Para::body(vec![Run::plain(f.intro.clone())])),
        Block::Table(Table {
            widths: f.widths.clone(),
            header: vec![header],
            rows,
            size_pt: 10.0,
        }),
        Block::Para(Para::body(vec![Run::plain(format!(
            "Tổng cộng: {} tệp.",
            files.len()
        ))])),
        Block::Closing {
            recipients: recipients(&super::report::report_recipients(c)),
            signature: signature(info),
        },
    ];
    Document {
        file_stem: format!("BangKe-{}-{}", file_part(&info.don_vi.xa), info.nam),
        title: fill(&f.subject, info, &[("set_title", c.set.title.clone())]),
        author: super::author(info),
        page: PageSetup::portrait(),
        blocks,
        date: info.van_ban.ngay.ymd(),
    }
}
