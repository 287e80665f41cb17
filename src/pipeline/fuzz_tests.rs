//! Property tests: every parser of user input returns a value or an error, never a panic, whatever
//! the officer typed (arbitrary text, arbitrary bytes, arbitrary spreadsheets).

use crate::criteria::{Target, Value};
use crate::inputs::sheet::{parse_csv, Cell};
use crate::inputs::{dossier, listform, narrative, solieu};
use crate::number::{format_q, parse_number, round_to, NumberContext, Q};
use proptest::prelude::*;

fn grid_strategy() -> impl Strategy<Value = Vec<Vec<Cell>>> {
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
        ])
        .prop_map(Cell::text),
        any::<f64>().prop_map(|f| Cell {
            text: f.to_string(),
            number: Some(f)
        }),
    ];
    prop::collection::vec(prop::collection::vec(cell, 0..9), 0..14)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn numbers_never_panic(s in "\\PC{0,40}") {
        let _ = parse_number(&s, NumberContext::Any);
        let _ = parse_number(&s, NumberContext::Count);
    }

    #[test]
    fn numbers_round_trip_through_display(n in -1_000_000_000i64..1_000_000_000, d in 1i64..10_000) {
        let q = Q::new(n as i128, d as i128);
        let shown = format_q(&q, 2);
        let back = parse_number(&shown, NumberContext::Count).expect("displayed numbers parse back");
        prop_assert_eq!(back, round_to(&q, 2));
    }

    #[test]
    fn targets_and_values_never_panic(t in "\\PC{0,40}", v in "\\PC{0,40}", pct in any::<bool>()) {
        if let Ok(target) = Target::parse(&t, pct) {
            let _ = target.display();
            if let Some(value) = Value::parse(&v) {
                let _ = target.is_met(&value);
                let _ = target.display_value(&value, pct);
            }
        }
    }

    #[test]
    fn target_like_text_never_panics(
        w in prop::sample::select(vec!["≥", ">=", "từ", "tối thiểu", "trên", ">", "ít nhất", ""]),
        n in "[0-9.,/ ]{0,8}",
        tail in prop::sample::select(vec!["%", "% trở lên", " tin, bài/tháng", "/", "", " mô hình", ";"]),
    ) {
        let _ = Target::parse(&format!("{w} {n}{tail}"), true);
    }

    #[test]
    fn csv_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_csv(&bytes);
    }

    #[test]
    fn folder_and_file_names_never_panic(name in "\\PC{0,30}") {
        let codes: Vec<String> = ["1.1", "1.10", "8.4a", "PL3.01"].iter().map(|s| s.to_string()).collect();
        let _ = crate::evidence::code_of_folder(&name, &codes);
        let _ = listform::code_from_file_name(&name);
        let _ = crate::evidence::is_litter(&name);
        let _ = crate::text::fold(&name);
        let _ = crate::inputs::dossier::Date::parse(&name);
    }

    #[test]
    fn spreadsheets_never_panic(grid in grid_strategy()) {
        for spec in listform::specs() {
            let _ = listform::read(spec, "x.csv", &grid);
        }
        let _ = solieu::parse(&grid, "so-lieu.csv");
    }

    #[test]
    fn hoso_toml_and_narrative_never_panic(s in "\\PC{0,200}") {
        let _ = dossier::parse(&s);
        let _ = narrative::Narrative::parse(&s);
    }
}
