//! Each list form present in the dossier (Mẫu 1.4, 2.5, 2.6, 3.3, 4.1, 4.5) typeset under the seed's
//! title and the seed's column headers (word for word, whatever the officer's sheet calls them), with
//! its rows, the footer total and the rates hoso computed, and the seed's signature and confirmation
//! blocks. Forms with several tables (Mẫu 4.1) print each table under its own title.

use super::forms::reports;
use super::measure;
use super::model::*;
use super::style::layout;
use super::{commune_header, file_part};
use crate::evaluate::assessed::Checked;
use crate::inputs::listform::{self, ColumnSpec, DataRow, FormSpec, ListForm};
use crate::number::{format_q, Q};
use crate::text::fill;

pub fn list_form(c: &Checked, lf: &ListForm) -> Option<Document> {
    let spec = listform::spec(&lf.code)?;
    let mut blocks = vec![Block::Header(commune_header(&c.info))];
    blocks.push(Block::Title {
        kind: String::new(),
        subject: vec![spec.title.clone()],
    });
    if spec.tables.is_empty() {
        blocks.push(Block::Table(seed_table(
            &spec.columns,
            &lf.column_index,
            &lf.rows,
        )));
    }
    for (k, t) in spec.tables.iter().enumerate() {
        blocks.push(Block::Para(Para {
            first_line_indent_cm: 0.0,
            ..Para::heading(vec![Run::bold(t.title.clone())])
        }));
        let read = lf.tables.get(k).and_then(Option::as_ref);
        let (index, rows) = match read {
            Some(r) => (r.column_index.clone(), r.rows.as_slice()),
            None => (vec![None; t.columns.len()], &[][..]),
        };
        blocks.push(Block::Table(seed_table(&t.columns, &index, rows)));
    }
    blocks.extend(footer(spec, lf));
    blocks.push(Block::Para(Para::body(vec![Run::italic(source_line(lf))])));
    blocks.push(Block::SignatureRow {
        columns: spec.signatures.clone(),
    });
    blocks.extend(confirmation(&spec.confirmation));
    let head = Head {
        file_stem: format!(
            "Mau-{}-{}-{}",
            lf.code,
            file_part(&c.info.don_vi.xa),
            c.info.nam
        ),
        title: spec.title.clone(),
        author: super::author(&c.info),
        page: PageSetup::portrait(),
        date: c.info.van_ban.ngay.ymd(),
    };
    Some(Document::new(head, blocks))
}

/// "(Số liệu tính từ tệp mau-1.4.xlsx — 23 dòng dữ liệu)".
fn source_line(lf: &ListForm) -> String {
    let n = lf.rows.len()
        + lf.tables
            .iter()
            .flatten()
            .map(|t| t.rows.len())
            .sum::<usize>();
    let pairs = [("file", lf.file.clone()), ("n", n.to_string())];
    fill(&reports().words.list_source, &pairs)
}

/// The seed's header rows: one, or two where a column is `Group|Sub` (the group spans its subs).
fn header_rows(columns: &[ColumnSpec]) -> Vec<TableRow> {
    if !columns.iter().any(|c| c.header.contains('|')) {
        let titles: Vec<String> = columns.iter().map(|c| c.header.clone()).collect();
        return vec![TableRow::header(&titles)];
    }
    let (mut top, mut sub) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < columns.len() {
        match columns[i].header.split_once('|') {
            Some((group, _)) => {
                let prefix = format!("{group}|");
                let n = columns[i..]
                    .iter()
                    .take_while(|c| c.header.starts_with(&prefix))
                    .count();
                let mut cell = TableCell::bold(group, Align::Center);
                cell.colspan = n;
                top.push(cell);
                for c in &columns[i..i + n] {
                    let s = c.header.split_once('|').map(|x| x.1).unwrap_or("");
                    sub.push(TableCell::bold(s, Align::Center));
                }
                i += n;
            }
            None => {
                top.push(TableCell::bold(columns[i].header.clone(), Align::Center));
                sub.push(TableCell::bold("", Align::Center));
                i += 1;
            }
        }
    }
    [top, sub]
        .into_iter()
        .map(|cells| TableRow {
            cells,
            group: false,
        })
        .collect()
}

/// A table in the seed's columns, each filled from the sheet column it was matched to.
fn seed_table(columns: &[ColumnSpec], index: &[Option<usize>], rows: &[DataRow]) -> Table {
    let cell_of = |r: &DataRow, k: usize| -> String {
        index
            .get(k)
            .copied()
            .flatten()
            .and_then(|j| r.cells.get(j).cloned())
            .unwrap_or_default()
    };
    let body: Vec<TableRow> = rows
        .iter()
        .map(|r| TableRow {
            cells: (0..columns.len())
                .map(|k| {
                    let a = if k == 0 { Align::Center } else { Align::Left };
                    TableCell::new(cell_of(r, k), a)
                })
                .collect(),
            group: false,
        })
        .collect();
    let widths = column_widths(columns, |k| rows.iter().map(move |r| cell_of(r, k)));
    Table {
        widths,
        header: header_rows(columns),
        rows: body,
        size_pt: layout().table_size_pt,
    }
}

/// Column widths (fractions of the line): every column first gets room for its widest word (the
/// header's in bold), so no word runs over or splits in either renderer; the rest of the line goes
/// by the length of the entries, so an e-mail address or a name gets the room it needs.
fn column_widths<I: Iterator<Item = String>>(
    columns: &[ColumnSpec],
    entries: impl Fn(usize) -> I,
) -> Vec<f32> {
    let size = layout().table_size_pt;
    let page = PageSetup::portrait();
    let line_pt = (210.0 - page.margin_left_mm - page.margin_right_mm) * 72.0 / 25.4;
    let pad = 2.0 * layout().cell_padding_pt + 1.0;
    let (mut need, mut share) = (Vec::new(), Vec::new());
    for (k, c) in columns.iter().enumerate() {
        let head = c.header.rsplit('|').next().unwrap_or("");
        let mut widest = measure::widest_word_pt(head, size, true);
        let mut longest = head.chars().count().min(18);
        for e in entries(k) {
            widest = widest.max(measure::widest_word_pt(&e, size, false));
            let word = e.split_whitespace().map(|w| w.chars().count()).max();
            longest = longest.max(word.unwrap_or(0).max(e.chars().count().min(18)));
        }
        need.push(widest + pad);
        share.push((longest.clamp(4, 36) + 2) as f32);
    }
    let (needed, shares) = (need.iter().sum::<f32>(), share.iter().sum::<f32>().max(1.0));
    if needed > line_pt {
        // Words too long for any layout: share the line by length alone.
        return share.iter().map(|s| s / shares).collect();
    }
    let spare = line_pt - needed;
    need.iter()
        .zip(&share)
        .map(|(n, s)| (n + spare * s / shares) / line_pt)
        .collect()
}

/// The footer lines with the total and the computed rates filled in.
fn footer(spec: &FormSpec, lf: &ListForm) -> Vec<Block> {
    let mut out = Vec::new();
    for line in &spec.footer {
        let mut text = line.clone();
        let total = lf
            .total
            .or_else(|| (!spec.evidence_only).then(|| Q::from_integer(lf.rows.len() as i128)));
        if let Some(t) = total {
            text = text.replace("{total}", &format_q(&t, 2));
        }
        for m in &lf.measures {
            if m.is_count || m.den == Q::from_integer(0) {
                text = text.replace(&format!("{{{}}}", m.key), &format_q(&m.num, 2));
            } else {
                let pct = format_q(&(m.num * Q::from_integer(100) / m.den), 2);
                let with = format!("{pct}% ({}/{})", format_q(&m.num, 2), format_q(&m.den, 2));
                text = text
                    .replace(&format!("{{{}}}%", m.key), &with)
                    .replace(&format!("{{{}}}", m.key), &pct);
            }
        }
        text = text.replace("{total}", "");
        out.push(Block::Para(Para {
            first_line_indent_cm: 0.0,
            ..Para::body(vec![Run::plain(text)])
        }));
    }
    out
}

/// "Xác nhận của Doanh nghiệp" (bold) and one line per enterprise to sign beside, kept together.
fn confirmation(lines: &[String]) -> Vec<Block> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let run = if i == 0 {
                Run::bold(l.clone())
            } else {
                Run::plain(l.clone())
            };
            Block::Para(Para {
                first_line_indent_cm: 0.0,
                keep_with_next: i + 1 < lines.len(),
                ..Para::body(vec![run])
            })
        })
        .collect()
}
