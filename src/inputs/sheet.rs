//! Spreadsheets as officers save them — xlsx/xls/ods (calamine) or csv (UTF-8, with or without
//! BOM, `,` or `;` separated) — read into a plain grid of trimmed cells. Everything downstream
//! matches columns by words, so this layer only has to be faithful and never panic.

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use std::io::Cursor;
use std::path::Path;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    /// The text as displayed (numbers written without exponent).
    pub text: String,
    /// Set when the spreadsheet stored a number (Excel keeps `85%` as 0.85).
    pub number: Option<f64>,
}

impl Cell {
    pub fn text(s: &str) -> Cell {
        Cell {
            text: s.trim().to_string(),
            number: None,
        }
    }
}

pub type Grid = Vec<Vec<Cell>>;

/// Largest spreadsheet hoso reads (a list of a whole commune's adults fits easily).
const MAX_BYTES: u64 = 64 * 1024 * 1024;

pub fn is_sheet(path: &Path) -> bool {
    matches!(ext(path).as_str(), "csv" | "xlsx" | "xlsm" | "xls" | "ods")
}

fn ext(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Reads the first sheet of a spreadsheet. Errors are Vietnamese and say how to fix the file.
pub fn read_grid(path: &Path) -> Result<Grid, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("không đọc được tệp ({e})"))?;
    if meta.len() == 0 {
        return Err("tệp rỗng (0 byte)".into());
    }
    if meta.len() > MAX_BYTES {
        return Err("bảng tính lớn hơn 64 MB: tách thành nhiều tệp".into());
    }
    let bytes = std::fs::read(path)
        .map_err(|e| format!("không đọc được tệp ({})", crate::oserr::reason(&e)))?;
    match ext(path).as_str() {
        "csv" => parse_csv(&bytes),
        _ => parse_workbook(bytes),
    }
}

pub fn parse_workbook(bytes: Vec<u8>) -> Result<Grid, String> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        format!("không mở được bảng tính ({e}); hãy mở bằng Excel và lưu lại dạng .xlsx")
    })?;
    let range = match wb.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => return Err(format!("không đọc được trang tính đầu tiên ({e})")),
        None => return Err("bảng tính không có trang tính nào".into()),
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut grid: Grid = vec![Vec::new(); r0 as usize];
    for row in range.rows() {
        let mut out: Vec<Cell> = vec![Cell::default(); c0 as usize];
        out.extend(row.iter().map(cell_of));
        grid.push(out);
    }
    Ok(trim_grid(grid))
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Int(i) => Cell {
            text: i.to_string(),
            number: Some(*i as f64),
        },
        Data::Float(f) => {
            let text = if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                format!("{f}")
            };
            Cell {
                text,
                number: Some(*f),
            }
        }
        Data::String(s) => Cell::text(s),
        Data::Bool(b) => Cell::text(if *b { "Có" } else { "Không" }),
        Data::DateTime(dt) => Cell::text(&dt.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::text(s),
        Data::Error(_) | Data::Empty => Cell::default(),
    }
}

/// CSV as Excel writes it: UTF-8 (BOM optional), `,` or `;`, quoted fields with newlines.
pub fn parse_csv(bytes: &[u8]) -> Result<Grid, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(
            "tệp CSV mã hóa UTF-16: trong Excel chọn Lưu thành \"CSV UTF-8 (Comma delimited)\""
                .into(),
        );
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "tệp CSV không phải mã UTF-8 (chữ tiếng Việt sẽ bị lỗi): trong Excel chọn Lưu thành \"CSV UTF-8 (Comma delimited)\"".to_string())?;
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delim = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else if first.matches('\t').count() > first.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| format!("dòng CSV không hợp lệ ({e})"))?;
        grid.push(rec.iter().map(Cell::text).collect());
    }
    Ok(trim_grid(grid))
}

/// Drops trailing empty cells and rows.
fn trim_grid(mut grid: Grid) -> Grid {
    for row in grid.iter_mut() {
        while row.last().is_some_and(|c| c.text.is_empty()) {
            row.pop();
        }
    }
    while grid.last().is_some_and(|r| r.is_empty()) {
        grid.pop();
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_bom_and_semicolons() {
        let g = parse_csv("\u{feff}Mã;Kết quả\n1.1;Có\n1.2;\"85,5\"\n".as_bytes()).unwrap();
        assert_eq!(g[0][0].text, "Mã");
        assert_eq!(g[2][1].text, "85,5");
        assert_eq!(g.len(), 3);
    }

    #[test]
    fn csv_comma_with_quoted_commas() {
        let g = parse_csv(b"M\xc3\xa3,K\n1.1,\"85,5\"\n").unwrap();
        assert_eq!(g[1][1].text, "85,5");
    }

    #[test]
    fn csv_not_utf8_is_explained() {
        let e = parse_csv(b"M\xe3,K\n").unwrap_err();
        assert!(e.contains("UTF-8"));
    }
}
