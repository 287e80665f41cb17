//! List forms with several tables on one sheet (Mẫu 4.1: "1. Danh sách hộp cáp …" and "2. Danh sách
//! các trạm …"): each table is found by its title row, then its own header row, and its data rows
//! run to the next table's title or the footer. Specs: `[[forms.tables]]` in forms/list-forms.toml.

use super::listform::DataRow;
use super::sheet::{Cell, Grid};
pub use crate::criteria::listforms::{ColumnSpec, TableSpec};
use crate::text::fold;

/// One table as read: for each spec column, the sheet column holding it, and the data rows.
#[derive(Clone, Debug, Default)]
pub struct TableRead {
    pub column_index: Vec<Option<usize>>,
    pub rows: Vec<DataRow>,
}

fn row_folded(row: &[Cell]) -> String {
    fold(&super::listform::row_text(row))
}

fn is_title(spec: &TableSpec, row: &[Cell]) -> bool {
    let f = row_folded(row);
    spec.matches.iter().any(|m| f.contains(m.as_str()))
}

/// For each spec column, the first cell of `row` naming it (each cell used once).
fn map_columns(spec: &TableSpec, row: &[Cell]) -> Vec<Option<usize>> {
    let mut used = Vec::new();
    spec.columns
        .iter()
        .map(|c| {
            let j = row
                .iter()
                .enumerate()
                .position(|(j, cell)| !used.contains(&j) && c.matches_header(&cell.text));
            if let Some(j) = j {
                used.push(j);
            }
            j
        })
        .collect()
}

/// A header row names at least two of the table's columns, one of them its own (not TT or Ghi chú,
/// which every table has).
fn is_header(spec: &TableSpec, row: &[Cell]) -> bool {
    let found = map_columns(spec, row);
    let own = spec
        .columns
        .iter()
        .zip(&found)
        .filter(|(c, j)| j.is_some() && c.key != "stt" && c.key != "ghi_chu")
        .count();
    own >= 1 && found.iter().flatten().count() >= 2
}

/// Footer and signature lines end the last table.
fn is_footer(folded: &str) -> bool {
    [
        "tong so",
        "can bo tong hop",
        "nguoi thong ke",
        "xac nhan",
        "chu tich",
        "ky ghi ro",
    ]
    .iter()
    .any(|w| folded.starts_with(w))
}

/// A row that carries no entry: empty, a `Tổng cộng` line, the template's "…" placeholder, or a
/// number alone in the first column.
fn is_filler(row: &[Cell]) -> bool {
    let filled: Vec<&str> = row
        .iter()
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let placeholder = |t: &&str| t.chars().all(|c| matches!(c, '.' | '…'));
    filled.is_empty()
        || filled.iter().all(placeholder)
        || fold(&filled.join(" ")).starts_with("tong cong")
        || (filled.len() == 1 && row.first().is_some_and(|c| c.text.trim() == filled[0]))
}

/// Reads every table of `specs` from `grid`. A table whose title row is missing is looked for by
/// its header row alone; one not found at all is `None`.
pub fn read_tables(specs: &[TableSpec], grid: &Grid) -> Vec<Option<TableRead>> {
    let titles: Vec<Option<usize>> = specs
        .iter()
        .map(|s| grid.iter().position(|r| is_title(s, r)))
        .collect();
    specs
        .iter()
        .enumerate()
        .map(|(k, spec)| {
            let from = titles[k].map(|t| t + 1).unwrap_or(0);
            // The table ends where another table's title stands below its own.
            let end = titles
                .iter()
                .flatten()
                .copied()
                .filter(|t| *t >= from)
                .min()
                .unwrap_or(grid.len());
            let header = (from..end).find(|&i| is_header(spec, &grid[i]))?;
            let mut t = TableRead {
                column_index: map_columns(spec, &grid[header]),
                rows: Vec::new(),
            };
            for (i, row) in grid.iter().enumerate().take(end).skip(header + 1) {
                if is_footer(&row_folded(row)) {
                    break;
                }
                if is_filler(row) {
                    continue;
                }
                let cells = row.iter().map(|c| c.text.clone()).collect();
                t.rows.push(DataRow {
                    sheet_row: i,
                    cells,
                });
            }
            Some(t)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::listform::{spec, specs};
    use crate::inputs::sheet::parse_csv;
    use crate::inputs::sheet::tests::grid_strategy;
    use proptest::prelude::*;

    const TWO_TABLES: &str = "Mẫu số 4.1. Hạ tầng mạng\n\
1. Danh sách hộp cáp cung cấp dịch vụ Internet băng thông rộng,,,\n\
TT,Địa chỉ lắp đặt,Mạng thông tin di động (ghi tên doanh nghiệp),Ghi chú\n\
1,Thôn Phúc Lợi,\"VNPT, Viettel\",\n2,Thôn Tân Lập,Viettel,mới\n...,,,\n,,,\n\
2. Danh sách các trạm thu, phát sóng thông tin di động,,,\n\
TT,Tên thôn/bản/khu phố,Hộp cáp cung cấp dịch vụ truy cập Internet băng rộng,Ghi chú\n\
1,Thôn Phúc Lợi,Trạm BTS Viettel THA123,\n2,,,\n\
Cán bộ tổng hợp,,Xác nhận của UBND xã,\n3,Thôn Sau Chữ Ký,x,\n";

    #[test]
    fn both_tables_of_mau_41_are_read_with_their_own_columns() {
        let specs = &spec("4.1").unwrap().tables;
        assert_eq!(specs.len(), 2);
        let g = parse_csv(TWO_TABLES.as_bytes()).unwrap();
        let t = read_tables(specs, &g);
        let one = t[0].as_ref().expect("table 1");
        assert_eq!(one.column_index, [Some(0), Some(1), Some(2), Some(3)]);
        let names: Vec<&str> = one.rows.iter().map(|r| r.cells[1].as_str()).collect();
        assert_eq!(names, ["Thôn Phúc Lợi", "Thôn Tân Lập"]);
        assert_eq!(one.rows[0].cells[2], "VNPT, Viettel");
        let two = t[1].as_ref().expect("table 2");
        assert_eq!(two.rows.len(), 1, "{:?}", two.rows);
        assert_eq!(two.rows[0].cells[2], "Trạm BTS Viettel THA123");
        assert_eq!(two.rows[0].sheet_row, 9);
    }

    #[test]
    fn a_sheet_with_one_table_reads_it_and_reports_the_other_missing() {
        let csv = "TT,Tên thôn/bản/khu phố,Hộp cáp cung cấp dịch vụ truy cập Internet băng rộng,Ghi chú\n\
1,Thôn A,Trạm 1,\n";
        let g = parse_csv(csv.as_bytes()).unwrap();
        let t = read_tables(&spec("4.1").unwrap().tables, &g);
        assert!(t[0].is_none(), "{:?}", t[0]);
        assert_eq!(t[1].as_ref().unwrap().rows.len(), 1);
    }

    proptest! {
        #[test]
        fn any_sheet_gives_tables_within_it(mut grid in grid_strategy(), title_at in 0usize..14) {
            // A title row somewhere, so that tables are also looked for below one.
            if title_at < grid.len() {
                grid[title_at] = vec![Cell::text("2. Danh sách các trạm thu, phát sóng thông tin di động")];
            }
            for spec in specs().iter().filter(|s| !s.tables.is_empty()) {
                let tables = read_tables(&spec.tables, &grid);
                prop_assert_eq!(tables.len(), spec.tables.len());
                for (t, ts) in tables.iter().zip(&spec.tables) {
                    let Some(t) = t else { continue };
                    prop_assert_eq!(t.column_index.len(), ts.columns.len());
                    prop_assert!(t.rows.windows(2).all(|w| w[0].sheet_row < w[1].sheet_row));
                    for r in &t.rows {
                        prop_assert!(r.sheet_row < grid.len());
                        prop_assert_eq!(r.cells.len(), grid[r.sheet_row].len());
                        prop_assert!(!is_filler(&grid[r.sheet_row]));
                    }
                }
            }
        }
    }
}
