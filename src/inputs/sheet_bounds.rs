//! The size of a sheet hoso accepts, held before and while it is read: rows, columns, the cells a
//! sparse sheet would expand to, and the length of one cell (Excel's own limit). A real list form
//! is far inside every limit; a hostile one is refused naming the limit, never read whole.
//! Also: cells typed in a legacy encoding (TCVN3, VNI) are refused with the way to convert.

use super::{cell_of, legacy, Cell, Grid};
use crate::problem::messages::inputs as m;
use crate::problem::Problem;
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

pub const MAX_ROWS: u64 = 200_000;
pub const MAX_COLS: u64 = 1_000;
/// Cells of the grid (rows × their widths): what a sparse sheet expands to.
pub const MAX_SLOTS: u64 = 4_000_000;
/// Excel's own limit on the characters of one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// `A`, `B`, …, `Z`, `AA`: the column's letters.
pub fn col_name(c: u64) -> String {
    let mut n = c + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push(b'A' + r);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// "C5": the cell at `row`, `col` (from 0) as Excel names it.
pub fn cell_name(row: u64, col: u64) -> String {
    format!("{}{}", col_name(col), row + 1)
}

pub fn check_extent(rows: u64, cols: u64) -> Result<(), Problem> {
    if cols > MAX_COLS {
        return Err(m::too_many_columns(cols, MAX_COLS));
    }
    if rows > MAX_ROWS {
        return Err(m::too_many_rows(rows, MAX_ROWS));
    }
    Ok(())
}

fn too_long(row: u64, col: u64, chars: usize) -> Problem {
    m::cell_too_long(&cell_name(row, col), chars, MAX_CELL_CHARS)
}

fn chars_over(s: &str) -> Option<usize> {
    (s.len() > MAX_CELL_CHARS)
        .then(|| s.chars().count())
        .filter(|n| *n > MAX_CELL_CHARS)
}

/// Cell lengths, the expanded size, and legacy encodings over a grid already read.
pub fn check_grid(grid: &Grid) -> Result<(), Problem> {
    let mut slots = 0u64;
    for (r, row) in grid.iter().enumerate() {
        slots += row.len() as u64;
        if slots > MAX_SLOTS {
            return Err(too_many_cells());
        }
        for (c, cell) in row.iter().enumerate() {
            if let Some(n) = chars_over(&cell.text) {
                return Err(too_long(r as u64, c as u64, n));
            }
        }
    }
    for (r, row) in grid.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Some(l) = legacy::detect(&cell.text) {
                let sample: String = cell.text.chars().take(40).collect();
                return Err(m::cell_legacy(
                    &cell_name(r as u64, c as u64),
                    &sample,
                    &l.advice(),
                ));
            }
        }
    }
    Ok(())
}

fn too_many_cells() -> Problem {
    m::too_many_cells(MAX_SLOTS)
}

/// The first sheet of an xlsx, cell by cell (never the whole sparse rectangle at once).
pub fn xlsx_grid(bytes: Vec<u8>) -> Result<Grid, Problem> {
    let first_sheet = |e: calamine::XlsxError| m::first_sheet_unreadable(&e.to_string());
    let mut wb: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| m::workbook_unopenable(&e.to_string()))?;
    let name = wb.sheet_names().first().cloned().ok_or_else(m::no_sheet)?;
    let mut rd = wb.worksheet_cells_reader(&name).map_err(first_sheet)?;
    let mut grid: Grid = Vec::new();
    let mut slots = 0u64;
    while let Some(cell) = rd.next_cell().map_err(first_sheet)? {
        let (r, c) = cell.get_position();
        let v: Data = cell.get_value().clone().into();
        if matches!(v, Data::Empty) {
            continue;
        }
        let (r, c) = (u64::from(r), u64::from(c));
        check_extent(r + 1, c + 1)?;
        let cell = cell_of(&v);
        if let Some(n) = chars_over(&cell.text) {
            return Err(too_long(r, c, n));
        }
        let (ri, ci) = (r as usize, c as usize);
        if grid.len() <= ri {
            grid.resize(ri + 1, Vec::new());
        }
        let row = &mut grid[ri];
        if row.len() <= ci {
            slots += (ci + 1 - row.len()) as u64;
            if slots > MAX_SLOTS {
                return Err(too_many_cells());
            }
            row.resize(ci + 1, Cell::default());
        }
        row[ci] = cell;
    }
    Ok(super::trim_grid(grid))
}

fn attr_u64(tag: &[u8], name: &[u8]) -> u64 {
    let Some(p) = tag.windows(name.len()).position(|w| w == name) else {
        return 1;
    };
    let rest = &tag[p + name.len()..];
    let digits: Vec<u8> = rest
        .iter()
        .skip_while(|b| matches!(b, b'=' | b'"' | b'\'' | b' '))
        .take_while(|b| b.is_ascii_digit())
        .copied()
        .collect();
    std::str::from_utf8(&digits)
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(u64::MAX)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// An ods repeats rows and cells by attribute (`number-rows-repeated="1048576"`): LibreOffice
/// writes that for the empty rest of a sheet, which is harmless, but repeated cells with content
/// expand in memory. Counts what the content would expand to, per table, before it is read.
pub fn ods_precheck(zip: &[u8]) -> Result<(), Problem> {
    let mut ar =
        zip::ZipArchive::new(Cursor::new(zip)).map_err(|e| m::ods_unopenable(&e.to_string()))?;
    let Some(i) = ar.index_for_name("content.xml") else {
        return Ok(()); // calamine says what is missing
    };
    let (_, xml) =
        crate::evidence::container::read_entry(&mut ar, i, u64::MAX).map_err(Problem::error)?;
    let mut pos = 0;
    let (mut rows_span, mut width, mut slots) = (0u64, 0u64, 0u64);
    let mut pending = 0u64; // rows since the last row with content, in this table
    while let Some(p) = find(&xml, pos, b"<table:table") {
        let end = find(&xml, p, b">").unwrap_or(xml.len());
        let tag = &xml[p..end];
        pos = end;
        if tag.starts_with(b"<table:table ") || tag == b"<table:table" {
            // A new table: account for the one before.
            slots = slots.saturating_add(rows_span.saturating_mul(width));
            (rows_span, width, pending) = (0, 0, 0);
            continue;
        }
        let is_row = tag
            .strip_prefix(b"<table:table-row".as_slice())
            .is_some_and(|r| r.is_empty() || r[0] == b' ' || r[0] == b'/');
        if !is_row {
            continue;
        }
        let reps = attr_u64(tag, b"table:number-rows-repeated");
        let close = if tag.ends_with(b"/") {
            end
        } else {
            find(&xml, end, b"</table:table-row>").unwrap_or(xml.len())
        };
        let row_w = ods_row_width(&xml[end..close]);
        pos = close.max(end);
        if row_w == 0 {
            pending = pending.saturating_add(reps);
            continue;
        }
        if rows_span > 0 {
            rows_span = rows_span.saturating_add(pending);
        }
        pending = 0;
        rows_span = rows_span.saturating_add(reps);
        width = width.max(row_w);
        check_extent(rows_span, width)?;
        if slots.saturating_add(rows_span.saturating_mul(width)) > MAX_SLOTS {
            return Err(too_many_cells());
        }
    }
    Ok(())
}

/// The width up to the last cell with content in a row's XML (repeats counted).
fn ods_row_width(row: &[u8]) -> u64 {
    let mut pos = 0;
    let (mut at, mut last) = (0u64, 0u64);
    while let Some(p) = find(row, pos, b"<table:") {
        let end = find(row, p, b">").unwrap_or(row.len());
        let tag = &row[p..end];
        pos = end;
        let is_cell =
            tag.starts_with(b"<table:table-cell") || tag.starts_with(b"<table:covered-table-cell");
        if !is_cell {
            continue;
        }
        let reps = attr_u64(tag, b"table:number-columns-repeated");
        let has_content = !tag.ends_with(b"/") || tag.windows(12).any(|w| w == b"office:value");
        at = at.saturating_add(reps);
        if has_content {
            last = at;
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn column_letters() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(16383), "XFD");
    }

    #[test]
    fn limits_name_themselves() {
        let text = |r: Result<(), Problem>| r.unwrap_err().text();
        assert!(text(check_extent(10, 20_000)).contains("20000 cột"));
        assert!(text(check_extent(300_000, 3)).contains("300000 dòng"));
        assert!(check_extent(MAX_ROWS, MAX_COLS).is_ok());
        let long = vec![vec![Cell::text(&"x".repeat(MAX_CELL_CHARS + 1))]];
        assert!(text(check_grid(&long)).contains("ô A1"));
        let ok = vec![vec![Cell::text(&"đ".repeat(MAX_CELL_CHARS))]];
        assert!(check_grid(&ok).is_ok());
        let tcvn = vec![vec![Cell::text("Mã"), Cell::text("Ch\u{AD}¬ng tr×nh")]];
        let e = text(check_grid(&tcvn));
        assert!(e.contains("ô B1") && e.contains("TCVN3"), "{e}");
    }

    fn ods(content: &str) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(content.as_bytes()).unwrap();
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn ods_repeats_with_content_are_counted() {
        let cell =
            r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
        let empty_tail = r#"<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
        let real = format!(
            "<table:table table:name=\"S\"><table:table-row>{cell}{cell}</table:table-row>{empty_tail}</table:table>"
        );
        assert_eq!(ods_precheck(&ods(&real)), Ok(()));
        let bomb = String::from(
            "<table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"100000\"><table:table-cell table:number-columns-repeated=\"900\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"
        );
        assert!(ods_precheck(&ods(&bomb)).unwrap_err().text().contains("ô"));
        let wide = String::from(
            "<table:table table:name=\"S\"><table:table-row><table:table-cell table:number-columns-repeated=\"20000\" office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table>"
        );
        assert!(ods_precheck(&ods(&wide))
            .unwrap_err()
            .text()
            .contains("20000 cột"));
    }

    proptest! {
        #[test]
        fn ods_scan_never_panics(s in "(<table:table(-row|-cell)?( table:number-(rows|columns)-repeated=\"[0-9]{1,12}\")?/?>|<text:p>x</text:p>|</table:table-row>){0,30}") {
            let _ = ods_precheck(&ods(&s));
        }
    }
}
