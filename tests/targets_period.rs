//! Frequency targets compared per period and fraction-of-a-whole targets with their whole, end to
//! end: `hoso check --json` on Hà Nam dossiers built here (issue 11), at the boundaries.

mod common;
use common::*;

fn eval_of(d: &Dossier, code: &str, value: &str) -> (String, String) {
    d.solieu(&[(code, value, "", "")]);
    let (_, v, all) = d.check_json();
    assert!(v.is_object(), "{all}");
    let i = indicator(&v, code);
    (
        i["evaluation"].as_str().unwrap_or("").to_string(),
        i["errors"].to_string(),
    )
}

#[test]
fn frequency_targets_are_compared_per_period() {
    let d = Dossier::new("ha-nam-ntm-huyen-nang-cao");
    // 8.9.I.5: "01 tin, bài/tháng" — a year needs 12.
    for (value, want) in [
        ("12 tin/năm", "dat"),
        ("11 tin/năm", "khong_dat"),
        ("3 tin/năm", "khong_dat"),
        ("1 tin, bài/tháng", "dat"),
        ("2 tin/tháng", "dat"),
        ("3 tin/quý", "dat"),
        ("2 tin/quý", "khong_dat"),
    ] {
        let (ev, errors) = eval_of(&d, "8.9.I.5", value);
        assert_eq!(ev, want, "8.9.I.5 = {value}: {errors}");
        assert_eq!(errors, "[]", "{value}");
    }
    // 8.9.II.1.4.3: "1 lần/tuần" — 52 a year; 4 a month is 48.
    for (value, want) in [
        ("52 lần/năm", "dat"),
        ("51 lần/năm", "khong_dat"),
        ("4 lần/tháng", "khong_dat"),
        ("5 lần/tháng", "dat"),
        ("1 lần/tuần", "dat"),
    ] {
        let (ev, _) = eval_of(&d, "8.9.II.1.4.3", value);
        assert_eq!(ev, want, "8.9.II.1.4.3 = {value}");
    }
    // A bare count is an error that says how to write it, and never meets the target.
    for bare in ["3", "100", "Có"] {
        let (ev, errors) = eval_of(&d, "8.9.I.5", bare);
        assert_eq!(ev, "khong_dat", "{bare}");
        assert!(
            errors.contains("tin, bài/tháng") && errors.contains("12 tin, bài/năm"),
            "{bare}: {errors}"
        );
    }
    let (ev, errors) = eval_of(&d, "8.9.I.5", "2 tin/buổi");
    assert_eq!(ev, "khong_dat", "{errors}");
}

#[test]
fn fraction_targets_need_their_whole() {
    let d = Dossier::new("ha-nam-ntm-xa");
    // 8.3b: at least 2/3 of the thôn — exactly 2/3 meets it.
    for (value, want) in [
        ("8/12", "dat"),
        ("2/3", "dat"),
        ("7/12", "khong_dat"),
        ("66,67%", "dat"),
        ("66,66%", "khong_dat"),
    ] {
        let (ev, errors) = eval_of(&d, "8.3b", value);
        assert_eq!(ev, want, "8.3b = {value}: {errors}");
    }
    // A bare count without the number of thôn: an error naming the indicator and both fixes.
    let (ev, errors) = eval_of(&d, "8.3b", "8");
    assert_eq!(ev, "khong_dat");
    assert!(
        errors.contains("8.3b") && errors.contains("8/12") && errors.contains("so_thon"),
        "{errors}"
    );
    // With [don_vi] so_thon the count is read against it, exactly.
    let toml = std::fs::read_to_string(d.path().join("hoso.toml")).unwrap();
    let with = |n: u32| toml.replace("loai = \"xã\"", &format!("loai = \"xã\"\nso_thon = {n}"));
    d.file("hoso.toml", with(12));
    for (value, want) in [("8", "dat"), ("7", "khong_dat"), ("12", "dat")] {
        let (ev, errors) = eval_of(&d, "8.3b", value);
        assert_eq!(ev, want, "8.3b = {value} of 12: {errors}");
    }
    let (_, v, _) = d.check_json();
    assert!(
        indicator(&v, "8.3b")["value"]
            .as_str()
            .unwrap()
            .starts_with("12/12"),
        "{}",
        indicator(&v, "8.3b")
    );
    d.file("hoso.toml", with(9));
    let (ev, errors) = eval_of(&d, "8.3b", "6");
    assert_eq!(ev, "dat", "6/9 is exactly 2/3: {errors}");
    let (ev, errors) = eval_of(&d, "8.3b", "10");
    assert_eq!(ev, "khong_dat");
    assert!(errors.contains("so_thon = 9"), "{errors}");
    d.file(
        "hoso.toml",
        toml.replace("loai = \"xã\"", "loai = \"xã\"\nso_thon = \"nhiều\""),
    );
    let r = run(&["check", &d.p()]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(r.all().contains("so_thon"), "{}", r.all());
}
