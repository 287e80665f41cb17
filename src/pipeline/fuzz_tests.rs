//! Property tests: every parser of user input returns a value or an error, never a panic, whatever
//! the officer typed (arbitrary text, arbitrary bytes). The readers of `inputs` (hoso.toml,
//! spreadsheets, list forms, the narrative) have theirs beside them.

use crate::criteria::{Target, Value};
use crate::number::{format_q, parse_number, round_to, NumberContext, Q};
use proptest::prelude::*;

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
    fn folder_and_file_names_never_panic(name in "\\PC{0,30}") {
        let codes: Vec<String> = ["1.1", "1.10", "8.4a", "PL3.01"].iter().map(|s| s.to_string()).collect();
        let _ = crate::evidence::code_of_folder(&name, &codes);
        let _ = crate::evidence::is_litter(&name);
        let _ = crate::text::fold(&name);
    }
}
