//! Unit and property tests of `inputs::listform`.

use super::*;
use crate::inputs::sheet::parse_csv;
use crate::inputs::sheet::tests::grid_strategy;
use proptest::prelude::*;

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

#[test]
fn problems_carry_their_row_and_column() {
    let csv = "TT,Họ và tên,Số điện thoại liên hệ,Có điện thoại thông minh,Có cài đặt PM ATTT,Có chữ ký số,Có sử dụng dịch vụ công trực tuyến,Ghi chú\n\
1,A,1,x,?,x,x,\n2,B,2,,x,,,\n";
    let g = parse_csv(csv.as_bytes()).unwrap();
    let lf = read(spec("3.3").unwrap(), "3.3/mau-3.3.csv", &g);
    let unclear = lf
        .warnings
        .iter()
        .find(|w| w.text().contains("không rõ"))
        .unwrap();
    assert_eq!(
        (
            unclear.file.as_deref(),
            unclear.row,
            unclear.cell.as_deref()
        ),
        (Some("3.3/mau-3.3.csv"), Some(2), Some("Có cài đặt PM ATTT"))
    );
    assert!(unclear
        .text()
        .starts_with("Mẫu 3.3 (3.3/mau-3.3.csv), dòng 2: ô \"?\" ở cột \"Có cài đặt PM ATTT\""));
    let odd = lf
        .warnings
        .iter()
        .find(|w| w.text().contains("không nhất quán"))
        .unwrap();
    assert_eq!(
        (odd.row, odd.cell.as_deref()),
        (Some(3), Some("Có cài đặt PM ATTT"))
    );
    let csv = "TT,Tên doanh nghiệp,Số điện thoại liên hệ,Sử dụng nền tảng số,Ghi chú\n1,A,1,MISA,\n2,B,2,Có,\nTổng số DNVVN: 1\n";
    let lf = read(
        spec("2.6").unwrap(),
        "mau-2.6.csv",
        &parse_csv(csv.as_bytes()).unwrap(),
    );
    let total = &lf.errors[0];
    assert_eq!(
        (total.row, total.fix.as_deref()),
        (Some(4), Some("sửa lại tổng số"))
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_sheet_is_read_within_its_bounds(grid in grid_strategy()) {
        for spec in specs() {
            let lf = read(spec, "x.csv", &grid);
            prop_assert!(lf.rows.len() <= grid.len());
            prop_assert!(lf.rows.windows(2).all(|w| w[0].sheet_row < w[1].sheet_row));
            prop_assert!(lf.rows.iter().all(|r| r.cells.len() == lf.headers.len()));
            prop_assert_eq!(lf.column_index.len(), spec.columns.len());
            prop_assert!(lf.column_index.iter().flatten().all(|j| *j < lf.headers.len()));
            for m in lf.measures.iter().filter(|m| !m.is_count) {
                prop_assert!(m.den > Q::from_integer(0));
                // A footer total below the count is an error, never a rate over 100%.
                prop_assert!(m.num <= m.den || !lf.errors.is_empty());
            }
            for p in lf.errors.iter().chain(&lf.warnings) {
                prop_assert_eq!(p.file.as_deref(), Some("x.csv"));
                let place = format!("Mẫu {} (x.csv)", spec.code);
                prop_assert!(p.text().starts_with(&place));
                prop_assert!(p.row.is_none_or(|r| r >= 1 && r <= grid.len()));
            }
        }
    }

    #[test]
    fn file_names_never_panic(name in "\\PC{0,30}") {
        if let Some(code) = code_from_file_name(&name) {
            prop_assert!(spec(code).is_some());
        }
    }
}
