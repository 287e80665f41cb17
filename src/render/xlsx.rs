//! Workbook model → XLSX (rust_xlsxwriter): each sheet's lines at the top (the first bold), then
//! its table; a framed table has bordered cells, a percentage format for shares, its header frozen
//! and an autofilter. Dated with the report date, so the same model gives the same bytes.

use crate::document::workbook::{Cell, Sheet, Workbook};
use crate::problem::messages::render as msg;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook as Book, Worksheet,
    XlsxError,
};

/// Excel's number format of a share shown as a percentage with two decimals.
const PERCENT: &str = "0.00%";

struct Formats {
    bold: Format,
    head: Format,
    cell: Format,
    pct: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            bold: Format::new().set_bold(),
            head: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_border(FormatBorder::Thin),
            cell: Format::new().set_border(FormatBorder::Thin),
            pct: Format::new()
                .set_border(FormatBorder::Thin)
                .set_num_format(PERCENT),
        }
    }
}

/// The workbook's bytes; errors are Vietnamese sentences.
pub fn render_xlsx(book: &Workbook) -> Result<Vec<u8>, String> {
    write(book).map_err(|e| msg::xlsx_failed(&e.to_string()))
}

fn write(book: &Workbook) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Book::new();
    let (y, m, d) = book.date;
    let when = ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&book.title)
            .set_author(&book.author)
            .set_creation_datetime(&when),
    );
    let f = Formats::new();
    for s in &book.sheets {
        sheet(wb.add_worksheet(), s, &f)?;
    }
    wb.save_to_buffer()
}

fn sheet(ws: &mut Worksheet, s: &Sheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(&s.name)?;
    for (i, l) in s.lines.iter().enumerate() {
        if i == 0 {
            ws.write_string_with_format(0, 0, l, &f.bold)?;
        } else {
            ws.write_string(i as u32, 0, l)?;
        }
    }
    let top = s.top();
    for (c, h) in s.columns.iter().enumerate() {
        ws.write_string_with_format(top, c as u16, h, &f.head)?;
    }
    for (c, w) in s.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (i, row) in s.rows.iter().enumerate() {
        let r = top + 1 + i as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match (cell, s.framed) {
                (Cell::Text(t), true) => ws.write_string_with_format(r, c, t, &f.cell)?,
                (Cell::Text(t), false) => ws.write_string(r, c, t)?,
                (Cell::Number(n), true) => ws.write_number_with_format(r, c, *n, &f.cell)?,
                (Cell::Number(n), false) => ws.write_number(r, c, *n)?,
                (Cell::Percent(p), _) => ws.write_number_with_format(r, c, *p, &f.pct)?,
            };
        }
    }
    if s.framed {
        ws.set_freeze_panes(top + 1, 0)?;
        if !s.rows.is_empty() {
            let last = s.columns.len().saturating_sub(1) as u16;
            ws.autofilter(top, 0, top + s.rows.len() as u32, last)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Workbook {
        let summary = Sheet {
            name: "Sheet A".into(),
            lines: vec!["TITLE".into(), "Total: 1".into()],
            columns: vec!["STT".into(), "Name".into(), "Rate".into()],
            widths: vec![6.0, 20.0, 12.0],
            rows: vec![vec![
                Cell::Number(1.0),
                Cell::Text("Tan Phuc \u{1f600}\u{7}".into()),
                Cell::Percent(0.5),
            ]],
            framed: true,
        };
        let refused = Sheet {
            name: "Sheet B".into(),
            lines: vec![],
            columns: vec!["Package".into(), "Why".into()],
            widths: vec![50.0, 100.0],
            rows: vec![vec![
                Cell::Text("x.zip".into()),
                Cell::Text("broken".into()),
            ]],
            framed: false,
        };
        Workbook::new("Results", "Agency", (2024, 11, 10), vec![summary, refused])
    }

    fn part(bytes: &[u8], name: &str) -> String {
        use std::io::Read;
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn sheets_tables_and_filtered_text() {
        let b = book();
        assert_eq!(b.sheets[0].top(), 3);
        assert_eq!(b.sheets[1].top(), 0);
        let x = render_xlsx(&b).unwrap();
        assert_eq!(x, render_xlsx(&b).unwrap(), "same model, same bytes");
        let shared = part(&x, "xl/sharedStrings.xml");
        assert!(
            shared.contains("Tan Phuc ?") && !shared.contains('\u{7}'),
            "{shared}"
        );
        let s1 = part(&x, "xl/worksheets/sheet1.xml");
        assert!(s1.contains("<autoFilter ref=\"A4:C5\"/>"), "{s1}");
        assert!(s1.contains("<pane ySplit=\"4\""), "{s1}");
        let s2 = part(&x, "xl/worksheets/sheet2.xml");
        assert!(!s2.contains("autoFilter") && !s2.contains("pane"), "{s2}");
        let styles = part(&x, "xl/styles.xml");
        assert!(styles.contains("formatCode=\"0.00%\""), "{styles}");
        assert!(part(&x, "docProps/core.xml").contains("2024-11-10"));
    }
}
