//! List forms (mẫu biểu 1.4, 2.5, 2.6, 3.3, 4.1, 4.5): found by file name anywhere in the dossier,
//! columns matched by words (two-row merged headers too), `Tổng cộng` rows skipped, footer totals
//! used as denominators, typed `Tỷ lệ …` lines compared. Specs come from `forms/list-forms.toml`;
//! the rates and counts themselves are computed in `measure`.

use super::sheet::{Cell, Grid};
pub use crate::criteria::listforms::{
    code_from_file_name, spec, specs, ColumnKind, ColumnSpec, FormSpec, MeasureSpec,
};
use crate::number::{parse_number, NumberContext, Q};
use crate::problem::messages::inputs as m;
use crate::problem::Problem;
use crate::text::{first_number, fold};

#[path = "listform_measure.rs"]
mod measure;

/// One data row as read: the original cells (for typesetting) and the row number in the sheet.
#[derive(Clone, Debug)]
pub struct DataRow {
    pub sheet_row: usize,
    pub cells: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct MeasureResult {
    pub key: String,
    pub num: Q,
    pub den: Q,
    /// Count measures have no denominator.
    pub is_count: bool,
}

/// A list form as read from the dossier.
#[derive(Clone, Debug)]
pub struct ListForm {
    pub code: String,
    /// Path relative to the dossier.
    pub file: String,
    /// Headers in the order of `spec.columns` (None: the column is missing).
    pub column_index: Vec<Option<usize>>,
    pub headers: Vec<String>,
    pub rows: Vec<DataRow>,
    pub total: Option<Q>,
    pub measures: Vec<MeasureResult>,
    pub warnings: Vec<Problem>,
    pub errors: Vec<Problem>,
    /// Forms with several tables (`spec.tables`): each as read, `None` when the sheet lacks it.
    pub tables: Vec<Option<super::listtables::TableRead>>,
}

/// A column's header as messages show it (`A|B` of a two-row header as "A – B").
fn shown(c: &ColumnSpec) -> String {
    c.header.replace('|', " – ")
}

pub(super) fn row_text(row: &[Cell]) -> String {
    row.iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Footer and signature lines end the data rows.
fn is_footer(folded: &str) -> bool {
    [
        "tong so",
        "ty le",
        "nguoi thong ke",
        "can bo tong hop",
        "xac nhan",
        "chu tich",
        "ky ghi ro",
        "ky ten",
    ]
    .iter()
    .any(|w| folded.starts_with(w))
}

fn is_total_row(row: &[Cell]) -> bool {
    row.iter().any(|c| {
        let f = fold(&c.text);
        f == "tong cong" || f.starts_with("tong cong ") || f == "cong" || f == "tong"
    })
}

/// Reads a list form from its grid.
pub fn read(spec: &FormSpec, file: &str, grid: &Grid) -> ListForm {
    let mut lf = ListForm::empty(spec, file, grid);
    let Some(h) = header_row(spec, grid) else {
        if !spec.evidence_only {
            let columns: Vec<String> = spec.columns.iter().map(shown).collect();
            lf.errors
                .push(m::form_no_header(&spec.code, file, &columns.join(" | ")));
        }
        return lf;
    };
    let (headers, two_rows) = headers(spec, grid, h);
    for (k, col) in spec.columns.iter().enumerate() {
        lf.column_index[k] = headers.iter().position(|hd| col.matches_header(hd));
    }
    lf.headers = headers;
    let first_data = h + if two_rows { 2 } else { 1 };
    let stt = spec
        .columns
        .iter()
        .position(|c| c.key == "stt")
        .and_then(|k| lf.column_index[k]);
    let footer_start = data_rows(grid, first_data, stt, lf.headers.len(), &mut lf.rows);
    let footer = footer(spec, grid, first_data.min(footer_start));
    lf.total = footer.total.map(|(q, _)| q);
    if !spec.evidence_only {
        measure::all(spec, &mut lf, &footer);
    }
    lf
}

impl ListForm {
    /// The form before its rows are read: its tables (if it has several) and the missing ones.
    fn empty(spec: &FormSpec, file: &str, grid: &Grid) -> ListForm {
        let tables = super::listtables::read_tables(&spec.tables, grid);
        let missing = spec.tables.iter().zip(&tables).filter(|(_, t)| t.is_none());
        let warnings = missing
            .map(|(t, _)| {
                let cols: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
                m::form_table_missing(&spec.code, file, &t.title, &cols.join(" | "))
            })
            .collect();
        ListForm {
            tables,
            code: spec.code.clone(),
            file: file.to_string(),
            column_index: vec![None; spec.columns.len()],
            headers: Vec::new(),
            rows: Vec::new(),
            total: None,
            measures: Vec::new(),
            warnings,
            errors: Vec::new(),
        }
    }
}

/// The header: the row (among the first 40) whose cells name the most of the form's columns, each
/// column in a cell of its own — a title cell naming two columns is not a header.
fn header_row(spec: &FormSpec, grid: &Grid) -> Option<usize> {
    let score = |row: &Vec<Cell>| -> usize {
        let mut used: Vec<usize> = Vec::new();
        for c in spec.columns.iter().filter(|c| c.key != "stt") {
            if let Some(j) = row
                .iter()
                .enumerate()
                .position(|(j, cell)| !used.contains(&j) && c.matches_header(&cell.text))
            {
                used.push(j);
            }
        }
        used.len()
    };
    grid.iter()
        .take(40)
        .enumerate()
        .map(|(i, r)| (i, score(r)))
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

/// Each column's header, as wide as the widest row: a second header row (merged cells in Mẫu
/// 2.5: empty first cell, and some cell naming a column) is joined to the group above it. Also
/// whether there was such a row.
fn headers(spec: &FormSpec, grid: &Grid, h: usize) -> (Vec<String>, bool) {
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    let sub = grid.get(h + 1).filter(|r| {
        r.first().is_none_or(|c| c.text.is_empty())
            && r.iter().any(|c| {
                !c.text.is_empty()
                    && first_number(&c.text).is_none()
                    && spec.columns.iter().any(|s| s.matches_header(&c.text))
            })
    });
    let text = |r: Option<&Vec<Cell>>, j: usize| {
        r.and_then(|r| r.get(j))
            .map(|c| c.text.clone())
            .unwrap_or_default()
    };
    let mut headers = Vec::with_capacity(width);
    let mut last_top = String::new();
    for j in 0..width {
        let (t, s) = (text(grid.get(h), j), text(sub, j));
        if !t.is_empty() {
            last_top = t.clone();
        }
        headers.push(match (t.is_empty(), s.is_empty()) {
            (_, true) => t,
            (false, false) => format!("{t} {s}"),
            (true, false) => format!("{last_top} {s}"),
        });
    }
    (headers, sub.is_some())
}

/// A column-number row ("(1) (2) (3)") or the template's placeholder rows ("...").
fn is_numbering(row: &[Cell]) -> bool {
    row.iter().all(|c| {
        c.text.is_empty()
            || c.text
                .chars()
                .all(|ch| matches!(ch, '.' | '…' | '(' | ')') || ch.is_ascii_digit())
    }) && row.iter().filter(|c| !c.text.is_empty()).count() > 1
        && row.iter().all(|c| {
            c.text.is_empty()
                || c.text.starts_with('(')
                || c.text.chars().all(|ch| matches!(ch, '.' | '…'))
        })
}

/// The data rows from `first` to the footer (whose row it returns, or the grid's length): totals,
/// numbering and placeholder rows, and rows with nothing but a number in the STT column, skipped.
fn data_rows(
    grid: &Grid,
    first: usize,
    stt: Option<usize>,
    width: usize,
    rows: &mut Vec<DataRow>,
) -> usize {
    for (i, row) in grid.iter().enumerate().skip(first) {
        let folded = fold(&row_text(row));
        if folded.is_empty() {
            continue;
        }
        if is_footer(&folded) {
            return i;
        }
        if is_total_row(row) || is_numbering(row) {
            continue;
        }
        let others = row
            .iter()
            .enumerate()
            .filter(|(j, c)| Some(*j) != stt && !c.text.is_empty())
            .count();
        let placeholder = stt
            .and_then(|s| row.get(s))
            .is_some_and(|c| matches!(c.text.as_str(), "..." | "…"));
        if others == 0 || (placeholder && others <= 1) {
            continue;
        }
        rows.push(DataRow {
            sheet_row: i,
            cells: (0..width)
                .map(|j| row.get(j).map(|c| c.text.clone()).unwrap_or_default())
                .collect(),
        });
    }
    grid.len()
}

/// What the footer gives: the total (denominator) and the typed rates, each with its row (from 0).
#[derive(Debug, Default)]
struct Footer {
    total: Option<(Q, usize)>,
    /// (label folded, rate in percent, row).
    typed_rates: Vec<(String, Q, usize)>,
}

/// The number a footer cell gives: after its colon, else in the next filled cell of its row (with
/// the number the spreadsheet stored there, if any).
fn number_after(row: &[Cell], j: usize) -> Option<(Q, Option<f64>)> {
    let cell = &row[j];
    let after = cell.text.rsplit_once(':').map(|(_, a)| a).unwrap_or("");
    if let Some(n) = first_number(after) {
        return parse_number(n, NumberContext::Count).map(|q| (q, None));
    }
    row.iter()
        .skip(j + 1)
        .find(|c| !c.text.is_empty())
        .and_then(|c| {
            first_number(&c.text)
                .and_then(|n| parse_number(n, NumberContext::Count))
                .map(|q| (q, c.number))
        })
}

/// Footer lines (and any cell from the first data row on) naming the form's total or a rate.
fn footer(spec: &FormSpec, grid: &Grid, from: usize) -> Footer {
    let mut out = Footer::default();
    for (i, row) in grid.iter().enumerate().skip(from) {
        for (j, cell) in row.iter().enumerate() {
            let f = fold(&cell.text);
            if f.is_empty() {
                continue;
            }
            let names_total = spec.total.iter().any(|t| f.starts_with(t.as_str()))
                || (spec.total.iter().any(|t| f.contains(t)) && f.starts_with("tong"));
            if names_total {
                if let Some((q, _)) = number_after(row, j) {
                    out.total = Some((q, i));
                }
            } else if f.starts_with("ty le") {
                if let Some((q, raw)) = number_after(row, j) {
                    // Excel keeps "95%" as 0.95.
                    let q = match raw {
                        Some(x) if x <= 1.0 && !cell.text.contains('%') => q * Q::from_integer(100),
                        _ => q,
                    };
                    out.typed_rates.push((f.clone(), q, i));
                }
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "listform_tests.rs"]
mod tests;
