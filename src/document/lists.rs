//! Each list form present in the dossier (Mẫu 1.4, 2.5, 2.6, 3.3, 4.1, 4.5) typeset with its rows,
//! the footer total and the rates hoso computed, and the seed's signature lines.

use super::model::*;
use super::{commune_header, file_part};
use crate::check::Checked;
use crate::evaluate::number::format_q;
use crate::inputs::listform::{self, ListForm};

pub fn list_form(c: &Checked, lf: &ListForm) -> Option<Document> {
    let spec = listform::spec(&lf.code)?;
    let mut blocks = vec![Block::Header(commune_header(&c.info))];
    blocks.push(Block::Title {
        kind: String::new(),
        subject: vec![spec.title.clone()],
    });
    let table = if spec.evidence_only {
        // Mẫu 4.1: two tables typeset as given.
        let width = lf.raw_rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let rows: Vec<TableRow> = lf
            .raw_rows
            .iter()
            .map(|r| TableRow {
                cells: (0..width)
                    .map(|j| TableCell::new(r.get(j).cloned().unwrap_or_default(), Align::Left))
                    .collect(),
                group: false,
            })
            .collect();
        Table {
            widths: vec![1.0 / width as f32; width],
            header: Vec::new(),
            rows,
            size_pt: 12.0,
        }
    } else {
        let cols: Vec<usize> = lf.column_index.iter().flatten().copied().collect();
        let mut used: Vec<usize> = cols.clone();
        used.sort_unstable();
        used.dedup();
        let header = TableRow {
            cells: used
                .iter()
                .map(|j| {
                    TableCell::bold(
                        lf.headers.get(*j).cloned().unwrap_or_default(),
                        Align::Center,
                    )
                })
                .collect(),
            group: false,
        };
        let rows: Vec<TableRow> = lf
            .rows
            .iter()
            .map(|r| TableRow {
                cells: used
                    .iter()
                    .map(|j| {
                        TableCell::new(r.cells.get(*j).cloned().unwrap_or_default(), Align::Left)
                    })
                    .collect(),
                group: false,
            })
            .collect();
        // Columns as wide as their longest word or short entry, so an e-mail address fits its cell.
        let widths: Vec<f32> = used
            .iter()
            .map(|j| {
                let longest = lf
                    .rows
                    .iter()
                    .filter_map(|r| r.cells.get(*j))
                    .chain(lf.headers.get(*j))
                    .map(|c| {
                        let word = c
                            .split_whitespace()
                            .map(|w| w.chars().count())
                            .max()
                            .unwrap_or(0);
                        word.max(c.chars().count().min(18))
                    })
                    .max()
                    .unwrap_or(4);
                (longest.clamp(4, 36) + 2) as f32
            })
            .collect();
        let total: f32 = widths.iter().sum::<f32>().max(1.0);
        let rows = rows
            .into_iter()
            .map(|mut r: TableRow| {
                if let Some(c) = r.cells.first_mut() {
                    c.align = Align::Center;
                }
                r
            })
            .collect();
        Table {
            widths: widths.iter().map(|w| w / total).collect(),
            header: vec![header],
            rows,
            size_pt: 12.0,
        }
    };
    blocks.push(Block::Table(table));
    for line in &spec.footer {
        let mut text = line.clone();
        let total = lf.total.or_else(|| {
            (!spec.evidence_only)
                .then(|| crate::evaluate::number::Q::from_integer(lf.rows.len() as i128))
        });
        if let Some(t) = total {
            text = text.replace("{total}", &format_q(&t, 2));
        }
        for m in &lf.measures {
            let q100 = crate::evaluate::number::Q::from_integer(100);
            if m.is_count || m.den == crate::evaluate::number::Q::from_integer(0) {
                text = text.replace(&format!("{{{}}}", m.key), &format_q(&m.num, 2));
            } else {
                let pct = format_q(&(m.num * q100 / m.den), 2);
                let with = format!("{pct}% ({}/{})", format_q(&m.num, 2), format_q(&m.den, 2));
                text = text
                    .replace(&format!("{{{}}}%", m.key), &with)
                    .replace(&format!("{{{}}}", m.key), &pct);
            }
        }
        text = text.replace("{total}", "");
        blocks.push(Block::Para(Para {
            first_line_indent_cm: 0.0,
            ..Para::body(vec![Run::plain(text)])
        }));
    }
    blocks.push(Block::Para(Para::body(vec![Run::italic(format!(
        "(Số liệu tính từ tệp {} — {} dòng dữ liệu)",
        lf.file,
        lf.rows.len()
    ))])));
    blocks.push(Block::SignatureRow {
        columns: spec.signatures.clone(),
    });
    Some(Document {
        file_stem: format!(
            "Mau-{}-{}-{}",
            lf.code,
            file_part(&c.info.don_vi.xa),
            c.info.nam
        ),
        title: spec.title.clone(),
        author: super::author(&c.info),
        page: PageSetup::portrait(),
        blocks,
        date: c.info.van_ban.ngay.ymd(),
    })
}
