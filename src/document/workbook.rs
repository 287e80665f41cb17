//! The model of a spreadsheet (the province summary's workbook), beside [`super::model`] for
//! documents: sheets of a table under a few lines of text. `render::xlsx` writes it; every string
//! passes the same filter as a document's when the workbook is made.

use super::filter;

/// One cell of a table row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A share (0.5 is 50 %), shown as a percentage.
    Percent(f64),
}

/// A sheet: lines of text at the top (the first bold), then a table from the row after a blank
/// one (from the first row when there are no lines).
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub lines: Vec<String>,
    pub columns: Vec<String>,
    /// Column widths, in Excel's characters.
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Cell>>,
    /// Bordered cells, the header frozen and filtered (a summary); else plain cells (a list).
    pub framed: bool,
}

impl Sheet {
    /// The row the table's header is on (0-based).
    pub fn top(&self) -> u32 {
        if self.lines.is_empty() {
            0
        } else {
            self.lines.len() as u32 + 1
        }
    }
}

/// A workbook, dated with the report date.
#[derive(Clone, Debug, PartialEq)]
pub struct Workbook {
    pub title: String,
    pub author: String,
    pub date: (i32, u32, u32),
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// The workbook with every string filtered once.
    pub fn new(title: &str, author: &str, date: (i32, u32, u32), sheets: Vec<Sheet>) -> Workbook {
        let t = |s: &String| filter::text(s);
        let sheets = sheets
            .into_iter()
            .map(|s| Sheet {
                name: t(&s.name),
                lines: s.lines.iter().map(t).collect(),
                columns: s.columns.iter().map(t).collect(),
                rows: s
                    .rows
                    .into_iter()
                    .map(|r| {
                        r.into_iter()
                            .map(|c| match c {
                                Cell::Text(x) => Cell::Text(t(&x)),
                                other => other,
                            })
                            .collect()
                    })
                    .collect(),
                ..s
            })
            .collect();
        Workbook {
            title: filter::text(title),
            author: filter::text(author),
            date,
            sheets,
        }
    }
}
