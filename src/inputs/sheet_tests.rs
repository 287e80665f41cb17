//! Unit and property tests of `inputs::sheet`.

use super::*;
use proptest::prelude::*;

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
    assert!(e.text().contains("UTF-8"));
}

#[test]
fn reading_problems_name_no_file_and_windows_1258_is_told() {
    let d = tempfile::tempdir().unwrap();
    let empty = d.path().join("a.csv");
    std::fs::write(&empty, b"").unwrap();
    let e = read_sheet(&empty).unwrap_err();
    assert_eq!((e.text(), e.file), ("tệp rỗng (0 byte)".to_string(), None));
    let ansi = d.path().join("b.csv");
    std::fs::write(&ansi, b"Ma\xde,K\xea\xect qua\xd2\n1.1,C\xf3\n").unwrap();
    let s = read_sheet(&ansi).unwrap();
    assert_eq!(s.grid[1][1].text, "Có");
    assert!(!s.warnings[0].is_error());
    let refused = read_grid(&ansi).unwrap_err();
    assert!(refused.is_error());
    assert!(refused.text().starts_with(&s.warnings[0].text()));
    assert!(refused.text().ends_with("\"CSV UTF-8 (Comma delimited)\""));
}

/// A grid of the cells list forms and so-lieu are made of, and anything else.
pub fn grid_strategy() -> impl Strategy<Value = Vec<Vec<Cell>>> {
    let cell = prop_oneof![
        "[ -~]{0,12}".prop_map(|s| Cell::text(&s)),
        prop::sample::select(vec![
            "STT",
            "Họ tên",
            "Có máy tính làm việc",
            "Hộp thư điện tử công vụ",
            "Tổng cộng",
            "Tổng số CBCC: 3",
            "x",
            "Có",
            "Không",
            "Tỷ lệ: 50%",
            "Mã",
            "Kết quả",
            "Chỉ tiêu",
            "Trạng thái",
            "1.1",
            "Đang triển khai",
            "Không áp dụng",
            "a@b.vn",
            "",
            "Sử dụng hợp đồng điện tử",
            "Có/Không",
            "Tổng dân số trưởng thành:",
            "1.250",
            "…",
            "(1)",
            "1. Danh sách hộp cáp cung cấp dịch vụ Internet băng thông rộng",
            "Địa chỉ lắp đặt",
            "Tên thôn/bản/khu phố",
        ])
        .prop_map(Cell::text),
        any::<f64>().prop_map(|f| Cell {
            text: f.to_string(),
            number: Some(f)
        }),
    ];
    prop::collection::vec(prop::collection::vec(cell, 0..9), 0..14)
}

/// Cell text that survives CSV and xlsx: trimmed, no `;` or tab (they would choose the separator).
fn cell_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,.\"\n:%@đĐươƯƠấầẩẫậ]{0,10}".prop_map(|s| s.trim().to_string())
}

fn text_grid() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(cell_text(), 1..6), 1..8)
}

/// What a reader gives back for `rows`: trimmed cells, trailing empty cells and rows dropped.
fn expected(rows: &[Vec<String>]) -> Grid {
    trim_grid(
        rows.iter()
            .map(|r| r.iter().map(|t| Cell::text(t)).collect())
            .collect(),
    )
}

fn texts(g: &Grid) -> Vec<Vec<String>> {
    g.iter()
        .map(|r| r.iter().map(|c| c.text.clone()).collect())
        .collect()
}

proptest! {
    #[test]
    fn csv_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(g) = parse_csv(&bytes) {
            prop_assert!(g.len() <= bytes.len() + 1);
            prop_assert!(g.last().is_none_or(|r| !r.is_empty()));
            prop_assert!(g.iter().all(|r| r.last().is_none_or(|c| !c.text.is_empty())));
        }
    }

    #[test]
    fn csv_round_trips(rows in text_grid(), bom in any::<bool>()) {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        for r in &rows {
            w.write_record(r).unwrap();
        }
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend(w.into_inner().unwrap());
        let g = parse_csv(&bytes).unwrap();
        prop_assert_eq!(texts(&g), texts(&expected(&rows)));
    }

    #[test]
    fn xlsx_round_trips(rows in text_grid(), numbers in prop::collection::vec(-1e9f64..1e9, 0..4)) {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (i, r) in rows.iter().enumerate() {
            for (j, t) in r.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                ws.write_string(i as u32, j as u16, t).unwrap();
            }
        }
        let below = rows.len() as u32;
        for (j, n) in numbers.iter().enumerate() {
            ws.write_number(below, j as u16, *n).unwrap();
        }
        let g = bounds::xlsx_grid(wb.save_to_buffer().unwrap()).unwrap();
        let mut want = rows.clone();
        if !numbers.is_empty() {
            want.push(numbers.iter().map(|n| cell_of(&Data::Float(*n)).text).collect());
        }
        prop_assert_eq!(texts(&g), texts(&expected(&want)));
        if let Some(n) = numbers.first() {
            prop_assert_eq!(g[below as usize][0].number, Some(*n));
        }
    }

    #[test]
    fn any_file_is_read_or_told(
        bytes in prop::collection::vec(any::<u8>(), 0..300),
        ext in prop::sample::select(vec!["csv", "xlsx", "xls", "ods"]),
    ) {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(format!("mau.{ext}"));
        std::fs::write(&p, &bytes).unwrap();
        match read_sheet(&p) {
            Ok(s) => {
                prop_assert!(s.grid.len() as u64 <= bounds::MAX_ROWS);
                prop_assert!(s.warnings.iter().all(|w| !w.is_error() && w.file.is_none()));
            }
            Err(e) => prop_assert!(e.is_error() && e.file.is_none() && !e.message.is_empty()),
        }
    }
}
