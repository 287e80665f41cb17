//! List forms (mẫu biểu 1.4, 2.5, 2.6, 3.3, 4.1, 4.5): found by file name anywhere in the dossier,
//! columns matched by words (two-row merged headers too), `Tổng cộng` rows skipped, footer totals
//! used as denominators, typed `Tỷ lệ …` lines compared. Specs come from `forms/list-forms.toml`.

use super::sheet::{Cell, Grid};
pub use crate::criteria::listforms::{
    code_from_file_name, spec, specs, ColumnKind, ColumnSpec, FormSpec, MeasureSpec,
};
use crate::number::{format_q, parse_number, NumberContext, Q};
use crate::problem::Problem;
use crate::text::{first_number, fold, has_email, yes_no};

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

fn matches(spec: &ColumnSpec, header: &str) -> bool {
    let h = format!(" {} ", fold(header));
    spec.matches.iter().any(|m| h.contains(&format!(" {m} ")))
        && !spec.exclude.iter().any(|m| h.contains(&format!(" {m} ")))
}

fn row_text(row: &[Cell]) -> String {
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
    .any(|w| folded.starts_with(w) || folded.starts_with(&format!("{w} ")))
}

fn is_total_row(row: &[Cell]) -> bool {
    row.iter().any(|c| {
        let f = fold(&c.text);
        f == "tong cong" || f.starts_with("tong cong ") || f == "cong" || f == "tong"
    })
}

/// Reads a list form from its grid.
pub fn read(spec: &FormSpec, file: &str, grid: &Grid) -> ListForm {
    let tables = super::listtables::read_tables(&spec.tables, grid);
    let missing = spec.tables.iter().zip(&tables).filter(|(_, t)| t.is_none());
    let warnings = missing
        .map(|(t, _)| {
            let cols: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
            Problem::warning(format!(
                "Mẫu {} ({}): không tìm thấy bảng \"{}\" — thêm dòng tên bảng và dòng tiêu đề cột: {}",
                spec.code,
                file,
                t.title,
                cols.join(" | ")
            ))
            .place_unsaid()
        })
        .collect();
    let mut lf = ListForm {
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
    };
    let here = |row: usize| format!("Mẫu {} ({}), dòng {}", spec.code, file, row + 1);
    // Header: the row (among the first 40) whose cells name the most of the form's columns, each
    // column in a cell of its own — a title cell naming two columns is not a header.
    let score = |row: &Vec<Cell>| -> usize {
        let mut used: Vec<usize> = Vec::new();
        for c in spec.columns.iter().filter(|c| c.key != "stt") {
            if let Some(j) = row
                .iter()
                .enumerate()
                .position(|(j, cell)| !used.contains(&j) && matches(c, &cell.text))
            {
                used.push(j);
            }
        }
        used.len()
    };
    let header_row = grid
        .iter()
        .take(40)
        .enumerate()
        .map(|(i, r)| (i, score(r)))
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let Some(h) = header_row else {
        if !spec.evidence_only {
            lf.errors.push(
                Problem::error(format!(
                    "Mẫu {} ({}): không tìm thấy dòng tiêu đề cột. Dùng đúng các cột của mẫu: {}",
                    spec.code,
                    file,
                    spec.columns
                        .iter()
                        .map(|c| c.header.replace('|', " – "))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ))
                .place_unsaid(),
            );
        }
        return lf;
    };
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    let top: Vec<String> = (0..width)
        .map(|j| grid[h].get(j).map(|c| c.text.clone()).unwrap_or_default())
        .collect();
    // A second header row (merged cells in Mẫu 2.5): empty first cell, and some cell naming a column.
    let sub = grid.get(h + 1).filter(|r| {
        r.first().is_none_or(|c| c.text.is_empty())
            && r.iter().any(|c| {
                !c.text.is_empty()
                    && first_number(&c.text).is_none()
                    && spec.columns.iter().any(|s| matches(s, &c.text))
            })
    });
    let mut headers = Vec::with_capacity(width);
    let mut last_top = String::new();
    for j in 0..width {
        let t = top[j].clone();
        let s = sub
            .and_then(|r| r.get(j))
            .map(|c| c.text.clone())
            .unwrap_or_default();
        if !t.is_empty() {
            last_top = t.clone();
        }
        let head = match (t.is_empty(), s.is_empty()) {
            (_, true) => t,
            (false, false) => format!("{t} {s}"),
            (true, false) => format!("{last_top} {s}"),
        };
        headers.push(head);
    }
    lf.headers = headers.clone();
    for (k, col) in spec.columns.iter().enumerate() {
        lf.column_index[k] = headers.iter().position(|hd| matches(col, hd));
    }
    let first_data = h + if sub.is_some() { 2 } else { 1 };
    let col = |key: &str| {
        spec.columns
            .iter()
            .position(|c| c.key == key)
            .and_then(|k| lf.column_index[k])
    };
    let stt = col("stt");
    let mut footer_start = grid.len();
    for (i, row) in grid.iter().enumerate().skip(first_data) {
        let text = row_text(row);
        let folded = fold(&text);
        if folded.is_empty() {
            continue;
        }
        if is_footer(&folded) {
            footer_start = i;
            break;
        }
        if is_total_row(row) {
            continue;
        }
        // A column-number row ("(1) (2) (3)") or the template's placeholder rows ("...").
        if row.iter().all(|c| {
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
        {
            continue;
        }
        let others = row
            .iter()
            .enumerate()
            .filter(|(j, c)| Some(*j) != stt && !c.text.is_empty())
            .count();
        if others == 0 {
            continue;
        }
        if let Some(s) = stt {
            if row
                .get(s)
                .is_some_and(|c| matches!(c.text.as_str(), "..." | "…"))
                && others <= 1
            {
                continue;
            }
        }
        lf.rows.push(DataRow {
            sheet_row: i,
            cells: (0..width)
                .map(|j| row.get(j).map(|c| c.text.clone()).unwrap_or_default())
                .collect(),
        });
    }
    // Footer: the total (denominator) and the typed rates.
    let mut typed_rates: Vec<(String, Q, usize)> = Vec::new();
    for (i, row) in grid.iter().enumerate().skip(first_data.min(footer_start)) {
        for (j, cell) in row.iter().enumerate() {
            let f = fold(&cell.text);
            if f.is_empty() {
                continue;
            }
            let number_here = || -> Option<(Q, Option<f64>)> {
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
            };
            if spec
                .total
                .iter()
                .any(|t| f.starts_with(t) || f.starts_with(&format!("{t} ")))
                || (spec.total.iter().any(|t| f.contains(t)) && f.starts_with("tong"))
            {
                if let Some((q, _)) = number_here() {
                    lf.total = Some(q);
                }
            } else if f.starts_with("ty le") {
                if let Some((q, raw)) = number_here() {
                    // Excel keeps "95%" as 0.95.
                    let q = match raw {
                        Some(x) if x <= 1.0 && !cell.text.contains('%') => q * Q::from_integer(100),
                        _ => q,
                    };
                    typed_rates.push((f.clone(), q, i));
                }
            }
        }
    }
    if spec.evidence_only {
        return lf;
    }
    for m in &spec.measures {
        let Some(ck) = spec.columns.iter().position(|c| c.key == m.column) else {
            continue;
        };
        let cspec = &spec.columns[ck];
        let Some(ci) = lf.column_index[ck] else {
            lf.errors.push(
                Problem::error(format!(
                    "Mẫu {} ({}): thiếu cột \"{}\" — thêm cột này để tính chỉ tiêu",
                    spec.code,
                    file,
                    cspec.header.replace('|', " – ")
                ))
                .place_unsaid(),
            );
            continue;
        };
        if m.kind.as_deref() == Some("count") {
            let n = lf.rows.len() as i128;
            if let Some(t) = lf.total {
                if t != Q::from_integer(n) {
                    lf.warnings.push(Problem::warning(format!(
                        "Mẫu {} ({}): dòng tổng ghi {} nhưng danh sách có {} điểm; hoso dùng số điểm liệt kê ({})",
                        spec.code, file, format_q(&t, 2), n, n
                    )).place_unsaid());
                }
            }
            lf.measures.push(MeasureResult {
                key: m.key.clone(),
                num: Q::from_integer(n),
                den: Q::from_integer(1),
                is_count: true,
            });
            continue;
        }
        let among = m
            .among
            .as_ref()
            .and_then(|a| spec.columns.iter().position(|c| &c.key == a))
            .map(|k| (k, lf.column_index[k]));
        if let Some((ak, None)) = among {
            lf.errors.push(
                Problem::error(format!(
                    "Mẫu {} ({}): thiếu cột \"{}\"",
                    spec.code, file, spec.columns[ak].header
                ))
                .place_unsaid(),
            );
            continue;
        }
        let mut num = 0i128;
        let mut base = 0i128;
        for r in &lf.rows {
            let v = cell_yes(
                cspec.kind,
                r.cells.get(ci).map(String::as_str).unwrap_or(""),
            );
            let yes = match v {
                Ok(b) => b,
                Err(bad) => {
                    lf.warnings.push(Problem::warning(format!(
                        "{}: ô \"{}\" ở cột \"{}\" không rõ có hay không (ghi x/Có hoặc để trống); không được tính",
                        here(r.sheet_row),
                        bad,
                        cspec.header.replace('|', " – ")
                    )).place_unsaid());
                    false
                }
            };
            match among {
                Some((ak, Some(ai))) => {
                    let has = cell_yes(
                        spec.columns[ak].kind,
                        r.cells.get(ai).map(String::as_str).unwrap_or(""),
                    )
                    .unwrap_or(false);
                    if has {
                        base += 1;
                        if yes {
                            num += 1;
                        }
                    } else if yes {
                        lf.warnings.push(Problem::warning(format!(
                            "{}: có \"{}\" nhưng không có \"{}\" — dòng không nhất quán, không được tính",
                            here(r.sheet_row),
                            cspec.header,
                            spec.columns[ak].header
                        )).place_unsaid());
                    }
                }
                _ => {
                    base += 1;
                    if yes {
                        num += 1;
                    }
                }
            }
        }
        let den = match (among.is_some(), lf.total) {
            (false, Some(t)) => {
                if t < Q::from_integer(num) {
                    lf.errors.push(Problem::error(format!(
                        "Mẫu {} ({}): tổng số ghi ở cuối bảng là {} nhưng có {} dòng \"{}\" — sửa lại tổng số",
                        spec.code,
                        file,
                        format_q(&t, 2),
                        num,
                        cspec.header.replace('|', " – ")
                    )).place_unsaid());
                }
                t
            }
            _ => Q::from_integer(base),
        };
        if den == Q::from_integer(0) {
            lf.errors.push(
                Problem::error(format!(
                    "Mẫu {} ({}): danh sách không có dòng dữ liệu nào để tính tỷ lệ",
                    spec.code, file
                ))
                .place_unsaid(),
            );
            continue;
        }
        let computed = Q::from_integer(num) * Q::from_integer(100) / den;
        for (label, typed, row) in &typed_rates {
            if m.rate.iter().any(|r| label.starts_with(r)) {
                let diff = if *typed > computed {
                    *typed - computed
                } else {
                    computed - *typed
                };
                if diff > Q::new(1, 100) {
                    lf.warnings.push(
                        Problem::warning(format!(
                        "{}: tỷ lệ ghi trong mẫu là {}% nhưng tính từ danh sách được {}% ({} / {})",
                        here(*row),
                        format_q(typed, 2),
                        format_q(&computed, 2),
                        num,
                        format_q(&den, 2)
                    ))
                        .place_unsaid(),
                    );
                }
            }
        }
        lf.measures.push(MeasureResult {
            key: m.key.clone(),
            num: Q::from_integer(num),
            den,
            is_count: false,
        });
    }
    lf
}

/// Reads a cell of a yes/no-like column; `Err(text)` when it cannot be told.
fn cell_yes(kind: ColumnKind, text: &str) -> Result<bool, String> {
    match kind {
        ColumnKind::Email => Ok(has_email(text)),
        ColumnKind::Named => Ok(match yes_no(text) {
            Some(b) => b,
            None => !text.trim().is_empty(),
        }),
        ColumnKind::Yesno => yes_no(text).ok_or_else(|| text.to_string()),
        ColumnKind::Text => Ok(!text.trim().is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::sheet::parse_csv;

    #[test]
    fn library_loads_with_every_seed_form() {
        let codes: Vec<_> = specs().iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, ["1.4", "2.5", "2.6", "3.3", "4.1", "4.5"]);
    }

    #[test]
    fn file_names() {
        assert_eq!(code_from_file_name("mau-1.4.xlsx"), Some("1.4"));
        assert_eq!(code_from_file_name("Mẫu số 3.3.csv"), Some("3.3"));
        assert_eq!(code_from_file_name("mau_2.5.ods"), Some("2.5"));
        assert_eq!(code_from_file_name("Mau 4.5.xlsx"), Some("4.5"));
        assert_eq!(code_from_file_name("MẪU-1.4 danh sach.xlsx"), Some("1.4"));
        assert_eq!(code_from_file_name("mau-9.9.xlsx"), None);
        assert_eq!(code_from_file_name("ke-hoach.xlsx"), None);
        assert_eq!(code_from_file_name("mau-1.45.xlsx"), None);
    }

    #[test]
    fn mau_14_with_total_row_and_footer_total() {
        let csv = "Mẫu 1.4. Danh sách\nSTT,Họ tên,Chức vụ,Có máy tính làm việc,Hộp thư điện tử công vụ (ghi địa chỉ hộp thư),Ghi chú\n\
1,Lê Văn A,Chủ tịch,x,a@thanhhoa.gov.vn,\n2,Lê Văn B,Công chức,x,,\n3,Lê Văn C,Công chức,,c@thanhhoa.gov.vn,\n,Tổng cộng,,3,2,\n\
- Tổng số CBCC của cơ quan: 4 người.,,,,,\n- Tỷ lệ CBCC có máy tính/tổng số CBCC: 50%,,,,,\n";
        let g = parse_csv(csv.as_bytes()).unwrap();
        let lf = read(spec("1.4").unwrap(), "mau-1.4.csv", &g);
        assert!(lf.errors.is_empty(), "{:?}", lf.errors);
        assert_eq!(lf.rows.len(), 3);
        assert_eq!(lf.total, Some(Q::from_integer(4)));
        let m = lf.measures.iter().find(|m| m.key == "may_tinh").unwrap();
        assert_eq!((m.num, m.den), (Q::from_integer(2), Q::from_integer(4)));
        let h = lf.measures.iter().find(|m| m.key == "hop_thu").unwrap();
        assert_eq!(h.num, Q::from_integer(2));
        // The typed 50% agrees with 2/4: no warning about it.
        assert!(lf.warnings.is_empty(), "{:?}", lf.warnings);
    }

    #[test]
    fn mau_25_two_row_header() {
        let csv = "TT,Tên doanh nghiệp,Số điện thoại liên hệ,Sử dụng hợp đồng điện tử,,Ghi chú\n\
,,,Có/Không,Đơn vị cung cấp hợp đồng điện tử,\n1,Cty A,0912,Có,VNPT,\n2,Cty B,0913,Không,,\n3,Cty C,0914,x,Viettel,\nTổng số DNVVN: 10,,,,,\n";
        let g = parse_csv(csv.as_bytes()).unwrap();
        let lf = read(spec("2.5").unwrap(), "mau-2.5.csv", &g);
        assert!(lf.errors.is_empty(), "{:?}", lf.errors);
        let m = &lf.measures[0];
        assert_eq!((m.num, m.den), (Q::from_integer(2), Q::from_integer(10)));
    }

    #[test]
    fn mau_33_counts_attt_among_smartphones_and_warns_inconsistent_rows() {
        let csv = "TT,Họ và tên,Số điện thoại liên hệ,Có điện thoại thông minh,Có cài đặt PM ATTT,Có chữ ký số,Có sử dụng dịch vụ công trực tuyến,Ghi chú\n\
1,A,1,x,x,x,x,\n2,B,2,x,,,x,\n3,C,3,,x,,,\n4,D,4,x,x,,,\nTổng dân số trưởng thành:,10\n";
        let g = parse_csv(csv.as_bytes()).unwrap();
        let lf = read(spec("3.3").unwrap(), "mau-3.3.csv", &g);
        let get = |k: &str| {
            lf.measures
                .iter()
                .find(|m| m.key == k)
                .map(|m| (m.num, m.den))
                .unwrap()
        };
        assert_eq!(
            get("phan_mem_attt"),
            (Q::from_integer(2), Q::from_integer(3))
        );
        assert_eq!(
            get("dien_thoai_thong_minh"),
            (Q::from_integer(3), Q::from_integer(10))
        );
        assert_eq!(get("chu_ky_so"), (Q::from_integer(1), Q::from_integer(10)));
        assert_eq!(
            get("dich_vu_cong"),
            (Q::from_integer(2), Q::from_integer(10))
        );
        assert!(
            lf.warnings
                .iter()
                .any(|w| w.text().contains("không nhất quán") && w.text().contains("dòng 4")),
            "{:?}",
            lf.warnings
        );
    }

    #[test]
    fn footer_smaller_than_positive_rows_is_an_error() {
        let csv = "TT,Tên doanh nghiệp,Số điện thoại liên hệ,Sử dụng nền tảng số,Ghi chú\n1,A,1,Hóa đơn điện tử,\n2,B,2,MISA,\n3,C,3,Không,\nTổng số DNVVN: 1\n";
        let g = parse_csv(csv.as_bytes()).unwrap();
        let lf = read(spec("2.6").unwrap(), "mau-2.6.csv", &g);
        assert!(
            lf.errors.iter().any(|e| e.text().contains("tổng số")),
            "{:?}",
            lf.errors
        );
    }

    #[test]
    fn typed_rate_that_differs_is_warned() {
        let csv = "TT,Tên doanh nghiệp,Số điện thoại liên hệ,Sử dụng nền tảng số,Ghi chú\n1,A,1,MISA,\n2,B,2,-,\nTỷ lệ DNVVN sử dụng nền tảng số: 80%\n";
        let g = parse_csv(csv.as_bytes()).unwrap();
        let lf = read(spec("2.6").unwrap(), "mau-2.6.csv", &g);
        assert_eq!(
            (lf.measures[0].num, lf.measures[0].den),
            (Q::from_integer(1), Q::from_integer(2))
        );
        assert!(
            lf.warnings
                .iter()
                .any(|w| w.text().contains("80%") && w.text().contains("50%")),
            "{:?}",
            lf.warnings
        );
    }

    #[test]
    fn missing_column_is_named() {
        let csv = "STT,Họ tên,Chức vụ,Ghi chú\n1,A,B,\n";
        let g = parse_csv(csv.as_bytes()).unwrap();
        let lf = read(spec("1.4").unwrap(), "mau-1.4.csv", &g);
        assert!(
            lf.errors
                .iter()
                .any(|e| e.text().contains("Có máy tính làm việc")),
            "{:?}",
            lf.errors
        );
    }
}
