//! An annex that is a file of its own (Phụ lục 01, 02, 03): heading, every indicator under its
//! group's row in the form's columns, and the count in one line below the table; landscape. The
//! commune's and the higher levels' annexes differ only in their columns.

use super::forms::common;
use super::model::*;
use super::style::layout;
use crate::criteria::Group;
use crate::evaluate::Summary;
use crate::text::fill;

/// What an annex says: its heading, columns, rows and count.
pub struct Annex<'a> {
    pub label: String,
    pub title: String,
    pub attached_to: String,
    pub columns: &'a [String],
    pub widths: Vec<f32>,
    pub rows: Vec<TableRow>,
    pub summary: &'a Summary,
}

/// Each group's row ("1 | Chính quyền số" across the table), then the rows of its items.
pub fn grouped<T>(
    groups: &[Group],
    items: &[T],
    ncol: usize,
    group_of: impl Fn(&T) -> &str,
    cells: impl Fn(&T) -> Vec<TableCell>,
) -> Vec<TableRow> {
    let mut rows = Vec::new();
    for g in groups {
        rows.push(TableRow::group(&g.code, &g.name, ncol));
        for it in items.iter().filter(|it| group_of(it) == g.code) {
            rows.push(TableRow {
                cells: cells(it),
                group: false,
            });
        }
    }
    rows
}

/// "Tổng hợp: đã hoàn thành …. Kết quả: " and the verdict in bold.
pub fn total_line(summary: &Summary) -> Block {
    let pairs = [("cau_ket_luan", summary.cau_ket_luan.clone())];
    Block::Para(Para::body(vec![
        Run::plain(fill(&common().annex_total, &pairs)),
        Run::bold(summary.ket_luan.clone()),
    ]))
}

/// The metadata title of an annex: "PHỤ LỤC 01 — CHI TIẾT …".
pub fn title(label: &str, title: &str) -> String {
    format!("{label} — {title}")
}

/// The annex as a landscape document.
pub fn document(a: Annex, file_stem: String, author: String, date: (i32, u32, u32)) -> Document {
    let head = Head {
        file_stem,
        title: title(&a.label, &a.title),
        author,
        page: PageSetup::landscape(),
        date,
    };
    let blocks = vec![
        Block::AnnexHeading {
            label: a.label,
            title: vec![a.title],
            attached_to: a.attached_to,
        },
        Block::Table(Table {
            widths: a.widths,
            header: vec![TableRow::header(a.columns)],
            rows: a.rows,
            size_pt: layout().table_size_pt,
        }),
        total_line(a.summary),
    ];
    Document::new(head, blocks)
}
