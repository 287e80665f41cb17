//! Spreadsheets as officers save them — xlsx/xls/ods (calamine) or csv (UTF-8, with or without
//! BOM, `,` or `;` separated) — read into a plain grid of trimmed cells. Everything downstream
//! matches columns by words, so this layer only has to be faithful and never panic.

use super::legacy;
use crate::evidence::container;
use crate::problem::messages::inputs as m;
use crate::problem::Problem;
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

#[path = "sheet_bounds.rs"]
pub mod bounds;

/// Largest spreadsheet hoso reads (a list of a whole commune's adults fits easily).
const MAX_BYTES: u64 = 64 * 1024 * 1024;

pub use crate::evidence::is_sheet;

fn ext(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Reads the first sheet of a spreadsheet, refusing a Windows-1258 CSV (see [`read_sheet`], which
/// decodes it and says so). Problems say how to fix the file; the caller names it.
pub fn read_grid(path: &Path) -> Result<Grid, Problem> {
    let sheet = read_sheet(path)?;
    if let Some(w) = sheet.warnings.first() {
        return Err(m::csv_utf8_only(w));
    }
    Ok(sheet.grid)
}

/// A sheet and what the reader had to assume to read it (a CSV decoded as Windows-1258).
#[derive(Debug, Default)]
pub struct Sheet {
    pub grid: Grid,
    pub warnings: Vec<Problem>,
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, Problem> {
    std::fs::read(path).map_err(|e| m::sheet_unreadable(&crate::problem::oserr::reason(&e)))
}

/// Reads the first sheet of a spreadsheet within the limits of [`bounds`]; a zip-based one only
/// after [`crate::evidence::container`] has held it against the limits of a real list form.
/// Problems name no file: the caller knows how the dossier calls it.
pub fn read_sheet(path: &Path) -> Result<Sheet, Problem> {
    let meta = std::fs::metadata(path)
        .map_err(|e| m::sheet_unreadable(&crate::problem::oserr::reason(&e)))?;
    if meta.len() == 0 {
        return Err(m::sheet_empty());
    }
    if meta.len() > MAX_BYTES {
        return Err(m::sheet_too_big());
    }
    let mut warnings = Vec::new();
    let repack = |p: &Path| container::repack_sheet(p).map_err(Problem::error);
    let grid = match ext(path).as_str() {
        "csv" => parse_csv_file(&read_bytes(path)?, &mut warnings)?,
        "xlsx" | "xlsm" => bounds::xlsx_grid(repack(path)?)?,
        "ods" => {
            let bytes = repack(path)?;
            bounds::ods_precheck(&bytes)?;
            parse_workbook(bytes)?
        }
        _ => parse_workbook(read_bytes(path)?)?,
    };
    bounds::check_grid(&grid)?;
    Ok(Sheet { grid, warnings })
}

/// A CSV's bytes without the UTF-8 byte-order mark; UTF-16 refused.
fn csv_body(bytes: &[u8]) -> Result<&[u8], Problem> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.starts_with(b"\xFF\xFE") || body.starts_with(b"\xFE\xFF") {
        return Err(m::csv_utf16());
    }
    Ok(body)
}

/// A CSV file's bytes: UTF-8 (BOM optional), or Windows-1258 decoded with a warning.
fn parse_csv_file(bytes: &[u8], warnings: &mut Vec<Problem>) -> Result<Grid, Problem> {
    let text = match legacy::decode_csv(csv_body(bytes)?)? {
        legacy::Decoded::Utf8(t) => t,
        legacy::Decoded::Windows1258(t) => {
            warnings.push(m::csv_read_as_windows_1258());
            t
        }
    };
    parse_csv_text(&text)
}

pub fn parse_workbook(bytes: Vec<u8>) -> Result<Grid, Problem> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| m::workbook_unopenable(&e.to_string()))?;
    let range = match wb.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => return Err(m::first_sheet_unreadable(&e.to_string())),
        None => return Err(m::no_sheet()),
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    bounds::check_extent(
        r0 as u64 + range.height() as u64,
        c0 as u64 + range.width() as u64,
    )?;
    let mut grid: Grid = vec![Vec::new(); r0 as usize];
    for row in range.rows() {
        let mut out: Vec<Cell> = vec![Cell::default(); c0 as usize];
        out.extend(row.iter().map(cell_of));
        grid.push(out);
    }
    Ok(trim_grid(grid))
}

pub(crate) fn cell_of(d: &Data) -> Cell {
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
#[cfg(test)]
pub fn parse_csv(bytes: &[u8]) -> Result<Grid, Problem> {
    let text = std::str::from_utf8(csv_body(bytes)?).map_err(|_| m::csv_not_utf8())?;
    parse_csv_text(text)
}

fn parse_csv_text(text: &str) -> Result<Grid, Problem> {
    let text = text.trim_start_matches('\u{feff}');
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
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| m::csv_bad_line(&e.to_string()))?;
        bounds::check_extent(i as u64 + 1, rec.len() as u64)?;
        grid.push(rec.iter().map(Cell::text).collect());
    }
    Ok(trim_grid(grid))
}

/// Drops trailing empty cells and rows.
pub(crate) fn trim_grid(mut grid: Grid) -> Grid {
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
#[path = "sheet_tests.rs"]
pub mod tests;
