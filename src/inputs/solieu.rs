//! `so-lieu.csv` / `so-lieu.xlsx`: one row per indicator — Mã, Kết quả, Chỉ tiêu, Trạng thái,
//! Mô tả kết quả, Ghi chú — columns found by words. Only `Mã` is required.

use super::sheet::Grid;
use crate::problem::messages::inputs as m;
use crate::problem::Problem;
use crate::text::fold;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    InProgress,
    NotApplicable,
}

#[derive(Clone, Debug, Default)]
pub struct Row {
    pub code: String,
    /// 1-based row in the sheet, for messages.
    pub line: usize,
    pub result: String,
    /// Set when the spreadsheet stored the result as a number (Excel keeps 85% as 0.85).
    pub result_number: Option<f64>,
    pub target: String,
    pub status: Option<Status>,
    pub description: String,
    pub note: String,
}

#[derive(Debug, Default)]
pub struct SoLieu {
    pub rows: Vec<Row>,
    pub warnings: Vec<Problem>,
    pub errors: Vec<Problem>,
}

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Code,
    Result,
    Target,
    Status,
    Description,
    Note,
}

fn classify(header: &str) -> Option<Col> {
    let h = fold(header);
    Some(match h.as_str() {
        "ma" | "ma so" | "ma chi tieu" | "ma tieu chi" | "ma tc" | "code" => Col::Code,
        "ket qua"
        | "ket qua tu danh gia"
        | "ket qua thuc hien"
        | "ket qua dat duoc"
        | "gia tri"
        | "ket qua tham dinh"
        | "ket qua tham tra" => Col::Result,
        "chi tieu" | "chi tieu giao" | "chi tieu nam" | "muc tieu" | "chi tieu duoc giao" => {
            Col::Target
        }
        "trang thai" | "tinh trang" => Col::Status,
        "mo ta ket qua" | "mo ta" | "dien giai" | "mo ta ket qua thuc hien" => Col::Description,
        "ghi chu" => Col::Note,
        _ if h.starts_with("ma ") && !h.contains("ten") => Col::Code,
        _ if h.starts_with("ket qua") && !h.contains("mo ta") && !h.contains("danh gia dat") => {
            Col::Result
        }
        _ if h.starts_with("chi tieu") && !h.contains("ten") => Col::Target,
        _ => return None,
    })
}

/// A code as typed: `1.1`, `1.1.`, `Tiêu chí 1.1`, `TC 8.4a` → canonical.
pub fn clean_code(raw: &str) -> String {
    let mut s = raw.trim().to_string();
    for p in [
        "Tiêu chí số",
        "Tiêu chí",
        "Tieu chi so",
        "Tieu chi",
        "Chỉ tiêu",
        "TC",
    ] {
        if let Some(r) = s.strip_prefix(p) {
            s = r.trim().to_string();
        }
    }
    s.trim_end_matches(['.', ':', ')']).trim().to_string()
}

pub fn parse(grid: &Grid, file: &str) -> SoLieu {
    let mut out = SoLieu::default();
    let Some((h, cols)) = grid.iter().enumerate().find_map(|(i, row)| {
        let cols: Vec<Option<Col>> = row.iter().map(|c| classify(&c.text)).collect();
        cols.contains(&Some(Col::Code)).then_some((i, cols))
    }) else {
        out.errors.push(m::solieu_no_code_column(file));
        return out;
    };
    let idx = |c: Col| cols.iter().position(|x| *x == Some(c));
    let (ci, ri, ti, si, di, ni) = (
        idx(Col::Code),
        idx(Col::Result),
        idx(Col::Target),
        idx(Col::Status),
        idx(Col::Description),
        idx(Col::Note),
    );
    for (i, row) in grid.iter().enumerate().skip(h + 1) {
        let get = |j: Option<usize>| {
            j.and_then(|j| row.get(j))
                .map(|c| c.text.trim().to_string())
                .unwrap_or_default()
        };
        let code = clean_code(&get(ci));
        if code.is_empty() {
            continue;
        }
        let status_text = get(si);
        let status = match fold(&status_text).as_str() {
            "" | "dat" | "khong dat" | "binh thuong" | "hoan thanh" => None,
            "dang trien khai" | "dang thuc hien" | "chua hoan thanh dang trien khai" => {
                Some(Status::InProgress)
            }
            "khong ap dung" | "kad" | "khong co" => Some(Status::NotApplicable),
            _ => {
                out.warnings
                    .push(m::solieu_unknown_status(file, i + 1, &status_text));
                None
            }
        };
        out.rows.push(Row {
            code,
            line: i + 1,
            result: get(ri),
            result_number: ri.and_then(|j| row.get(j)).and_then(|c| c.number),
            target: get(ti),
            status,
            description: get(di),
            note: get(ni),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::sheet::parse_csv;
    use crate::inputs::sheet::tests::grid_strategy;
    use proptest::prelude::*;

    #[test]
    fn finds_columns_by_words_in_any_order() {
        let g = parse_csv("Tên chỉ tiêu;Mã;Ghi chú;Kết quả;Chỉ tiêu;Trạng thái;Mô tả kết quả\nX;1.1.;;Có;;;\nY;TC 4.8;;;;Không áp dụng;\n".as_bytes()).unwrap();
        let s = parse(&g, "so-lieu.csv");
        assert!(s.errors.is_empty());
        assert_eq!(s.rows[0].code, "1.1");
        assert_eq!(s.rows[0].result, "Có");
        assert_eq!(s.rows[1].code, "4.8");
        assert_eq!(s.rows[1].status, Some(Status::NotApplicable));
    }

    #[test]
    fn missing_code_column_is_explained() {
        let g = parse_csv(b"A,B\n1,2\n").unwrap();
        let e = &parse(&g, "so-lieu.csv").errors[0];
        assert!(e
            .text()
            .starts_with("so-lieu.csv: không tìm thấy cột \"Mã\""));
        assert_eq!(e.file.as_deref(), Some("so-lieu.csv"));
    }

    #[test]
    fn an_unknown_status_names_its_row() {
        let g = parse_csv("Mã,Trạng thái\n1.1,\n1.2,đang làm\n".as_bytes()).unwrap();
        let w = &parse(&g, "so-lieu.csv").warnings[0];
        assert_eq!((w.file.as_deref(), w.row), (Some("so-lieu.csv"), Some(3)));
        assert_eq!(
            w.text(),
            "so-lieu.csv, dòng 3: Trạng thái \"đang làm\" không hiểu (để trống, ghi \"Đang triển khai\" hoặc \"Không áp dụng\"); bỏ qua"
        );
        assert!(!w.message.contains("so-lieu.csv"));
    }

    proptest! {
        #[test]
        fn any_sheet_gives_rows_in_order_or_a_problem(grid in grid_strategy()) {
            let s = parse(&grid, "so-lieu.csv");
            prop_assert!(s.rows.len() <= grid.len());
            prop_assert!(s.rows.windows(2).all(|w| w[0].line < w[1].line));
            for r in &s.rows {
                prop_assert!(!r.code.is_empty() && r.line >= 2 && r.line <= grid.len());
            }
            for p in s.errors.iter().chain(&s.warnings) {
                prop_assert_eq!(p.file.as_deref(), Some("so-lieu.csv"));
                prop_assert!(p.text().starts_with("so-lieu.csv"));
            }
            prop_assert!(s.errors.is_empty() || s.rows.is_empty());
        }

        #[test]
        fn codes_are_cleaned_once(raw in "\\PC{0,20}") {
            let c = clean_code(&raw);
            prop_assert_eq!(c.trim(), c.as_str());
            prop_assert!(c.len() <= raw.len());
        }
    }
}
