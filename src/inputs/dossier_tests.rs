//! Unit and property tests of `inputs::dossier`.

use super::*;
use proptest::prelude::*;

const OK: &str = r#"
bo_tieu_chi = "thanh-hoa-cds-xa"
nam = 2024
[don_vi]
tinh = "Thanh Hóa"
huyen = "Hoằng Hóa"
xa = "Tân Phúc"
[van_ban]
so = "125/BC-UBND"
ngay = 2024-11-10
noi_nhan = ["UBND huyện Hoằng Hóa (để b/c);", "Lưu: VT, VP."]
[nguoi_ky]
tham_quyen = "TM. ỦY BAN NHÂN DÂN"
chuc_vu = "CHỦ TỊCH"
ho_ten = "Lê Văn Hùng"
ghi_chu_rieng = "x"
"#;

fn errors(text: &str) -> Vec<String> {
    crate::problem::texts(&parse(text).unwrap_err())
}

#[test]
fn reads_every_key_and_warns_unknown_ones() {
    let d = parse(OK).unwrap();
    assert_eq!(d.nam, 2024);
    assert_eq!(d.cap, Level::Xa);
    assert_eq!(d.van_ban.ngay, Date::new(2024, 11, 10).unwrap());
    assert_eq!(d.van_ban.dia_danh, "Tân Phúc");
    assert_eq!(d.van_ban.noi_nhan.len(), 2);
    assert_eq!(d.don_vi.loai, "xã");
    assert_eq!(d.unknown_keys, vec!["nguoi_ky.ghi_chu_rieng".to_string()]);
}

#[test]
fn names_missing_keys() {
    let e = errors("nam = 2024").join("\n");
    assert!(
        e.contains("bo_tieu_chi") && e.contains("ngay") && e.contains("ho_ten"),
        "{e}"
    );
    let syntax = parse("nam = [").unwrap_err();
    assert_eq!(syntax.len(), 1);
    assert!(
        syntax[0]
            .text()
            .starts_with("hoso.toml, dòng 1: không đọc được cú pháp TOML của «nam = [»: "),
        "{}",
        syntax[0].text()
    );
    assert_eq!(syntax[0].row, Some(1));
}

#[test]
fn syntax_slips_officers_make_are_named_with_their_line_and_fix() {
    let cases = [
        (
            "nam = 2024\n[nguoi_ky]\nho_ten = “Lê Văn Hùng”\n",
            3,
            "ngoặc kép cong",
        ),
        (
            "nam = 2024\n\n[van_ban]\nngay = 10/11/2024\n",
            4,
            "năm-tháng-ngày",
        ),
        (
            "nam = 2024\nbo_tieu_chi = thanh-hoa\n",
            2,
            "ngoặc kép thẳng",
        ),
    ];
    for (text, row, fix) in cases {
        let p = &parse(text).unwrap_err()[0];
        assert_eq!(p.row, Some(row), "{}", p.text());
        assert!(
            p.fix.as_deref().unwrap_or_default().contains(fix),
            "{}",
            p.text()
        );
    }
}

#[test]
fn unknown_keys_in_the_order_they_were_always_told() {
    let t = format!(
        "zz = 1\n{}\nghi_chu = \"x\"\n[co_quan]\nten = \"Sở\"\nb = 1\na = {{ x = 1 }}\n[don_vi.phu]\nk = 1\n[rieng]\ny = 2\n",
        OK.replace("[don_vi]", "[don_vi]\nthon = 3")
    );
    let d = parse(&t).unwrap();
    assert_eq!(
        d.unknown_keys,
        [
            "rieng",
            "zz",
            "co_quan.a",
            "co_quan.b",
            "don_vi.phu",
            "don_vi.thon",
            "nguoi_ky.ghi_chu",
            "nguoi_ky.ghi_chu_rieng",
        ]
    );
}

#[test]
fn every_mistyped_key_is_told_in_order() {
    let e = errors(
        "bo_tieu_chi = true\nnam = \"hai nghìn\"\ncap = 3\ndon_vi = 3\nvan_ban = [1]\nco_quan = 2024-01-01\n[nguoi_ky]\nho_ten = 1.5\n",
    );
    assert_eq!(
        e,
        [
            "hoso.toml: khóa bo_tieu_chi phải là chuỗi ký tự (đặt trong dấu ngoặc kép)",
            "hoso.toml: nam phải là năm đánh giá, ví dụ nam = 2024",
            "hoso.toml: cap phải là \"xa\", \"huyen\", \"bcd\", \"so\" hoặc \"tinh\"",
            "hoso.toml: [don_vi] phải là một bảng (dòng [don_vi] rồi các khóa bên dưới)",
            "hoso.toml: [van_ban] phải là một bảng (dòng [van_ban] rồi các khóa bên dưới)",
            "hoso.toml: [co_quan] phải là một bảng (dòng [co_quan] rồi các khóa bên dưới)",
            "hoso.toml: khóa ho_ten phải là chuỗi ký tự (đặt trong dấu ngoặc kép)",
            "hoso.toml: [van_ban] ngay (ngày ban hành báo cáo) thiếu hoặc sai, ví dụ ngay = 2024-11-10",
            "hoso.toml: thiếu khóa bo_tieu_chi (mã bộ tiêu chí, xem `hoso sets`)",
            "hoso.toml: thiếu [don_vi] tinh (tên tỉnh)",
            "hoso.toml: thiếu [nguoi_ky] ho_ten (họ tên người ký)",
            "hoso.toml: thiếu [nguoi_ky] chuc_vu (chức vụ người ký)",
            "hoso.toml: thiếu [don_vi] xa (tên xã, phường, thị trấn)",
        ]
    );
    let lists = OK.replace("noi_nhan = [", "kinh_gui = 3\nnoi_nhan = [1, ");
    assert_eq!(
        errors(&lists),
        [
            "hoso.toml: noi_nhan phải là danh sách chuỗi",
            "hoso.toml: kinh_gui phải là danh sách chuỗi, ví dụ [\"UBND huyện (để b/c);\", \"Lưu: VT.\"]",
        ]
    );
}

#[test]
fn dates_numbers_and_levels_as_officers_type_them() {
    let d = parse(
        &OK.replace("ngay = 2024-11-10", "ngay = \"10/11/2024\"")
            .replace("nam = 2024", "nam = \" 2024 \"\ncap = \"Huyện\"")
            .replace("so = \"125/BC-UBND\"", "so = 125"),
    )
    .unwrap();
    assert_eq!(d.van_ban.ngay, Date::new(2024, 11, 10).unwrap());
    assert_eq!((d.nam, d.cap), (2024, Level::Huyen));
    assert_eq!(d.van_ban.so, "125");
    assert_eq!(d.van_ban.dia_danh, "Hoằng Hóa");
    let with_time = OK.replace("ngay = 2024-11-10", "ngay = 2024-11-10T08:00:00");
    assert_eq!(
        parse(&with_time).unwrap().van_ban.ngay,
        Date::new(2024, 11, 10).unwrap()
    );
    for bad in [
        "ngay = 08:00:00",
        "ngay = \"30/02/2024\"",
        "ngay = 20241110",
    ] {
        let e = errors(&OK.replace("ngay = 2024-11-10", bad)).join("\n");
        assert!(e.contains("[van_ban] ngay"), "{bad}: {e}");
    }
    let e = errors(&OK.replace("nam = 2024", "nam = 2024\ncap = \"phuong\""));
    assert!(e[0].contains("cap = \"phuong\" không hợp lệ"), "{e:?}");
    // A date where text is wanted is not text.
    let e = errors(&OK.replace("xa = \"Tân Phúc\"", "xa = 2024-01-01"));
    assert_eq!(
        e[0],
        "hoso.toml: khóa xa phải là chuỗi ký tự (đặt trong dấu ngoặc kép)"
    );
}

#[test]
fn so_thon_is_an_optional_whole_number() {
    assert_eq!(parse(OK).unwrap().don_vi.so_thon, None);
    let with = OK.replace("xa = \"Tân Phúc\"", "xa = \"Tân Phúc\"\nso_thon = 12");
    assert_eq!(parse(&with).unwrap().don_vi.so_thon, Some(12));
    for bad in ["0", "-3", "\"mười hai\"", "1.5", "100000"] {
        let t = OK.replace(
            "xa = \"Tân Phúc\"",
            &format!("xa = \"Tân Phúc\"\nso_thon = {bad}"),
        );
        let e = errors(&t).join("\n");
        assert!(e.contains("so_thon"), "{bad}: {e}");
    }
}

#[test]
fn a_commune_may_have_no_district_but_a_district_dossier_must_name_it() {
    let two = OK.replace("huyen = \"Hoằng Hóa\"\n", "");
    let d = parse(&format!("quy_trinh = \"hai-cap\"\nnhom_xa = \"2\"\n{two}")).unwrap();
    assert_eq!(d.don_vi.huyen, "");
    assert_eq!(d.quy_trinh, "hai-cap");
    assert_eq!(d.nhom_xa, "2");
    let h = OK
        .replace("bo_tieu_chi", "cap = \"huyen\"\nbo_tieu_chi")
        .replace("huyen = \"Hoằng Hóa\"\n", "");
    assert!(errors(&h).join(" ").contains("[don_vi] huyen"));
    let t = OK.replace("bo_tieu_chi", "cap = \"tinh\"\nbo_tieu_chi")
        + "[co_quan]\nchu_quan = \"UBND TỈNH THANH HÓA\"\nten = \"Sở Khoa học và Công nghệ\"\n";
    let d = parse(&t).unwrap();
    assert_eq!(d.cap, Level::Tinh);
    assert_eq!(d.co_quan.ten, "Sở Khoa học và Công nghệ");
    assert_eq!(d.van_ban.dia_danh, "Thanh Hóa");
    assert!(d.unknown_keys.len() == 1, "{:?}", d.unknown_keys);
}

#[test]
fn a_district_assessing_itself_is_the_unit() {
    let mut d = parse(OK).unwrap();
    d.don_vi.huyen = "Kim Bảng".into();
    let u = d.clone().district_as_unit();
    assert_eq!(
        (u.don_vi.loai.as_str(), u.don_vi.xa.as_str()),
        ("huyện", "Kim Bảng")
    );
    assert_eq!(u.don_vi.huyen, "");
    d.don_vi.huyen = "thị xã Bỉm Sơn".into();
    let u = d.district_as_unit();
    assert_eq!(
        (u.don_vi.loai.as_str(), u.don_vi.xa.as_str()),
        ("thị xã", "Bỉm Sơn")
    );
}

/// A value of any TOML type, as an officer might mistype it.
fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,12}".prop_map(|s| format!("{s:?}")),
        any::<i64>().prop_map(|n| n.to_string()),
        (1990u16..2110, 0u8..14, 0u8..33).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        Just("1.5".to_string()),
        Just("true".to_string()),
        Just("[\"a\", 1]".to_string()),
        Just("{ x = 1 }".to_string()),
        Just("08:00:00".to_string()),
        Just("2024-11-10T08:00:00".to_string()),
        Just("\"Huyện\"".to_string()),
        Just("\"x\"".to_string()),
        Just("\"2024\"".to_string()),
        Just("\" 12 \"".to_string()),
        Just("12".to_string()),
        Just("2024".to_string()),
        Just("\"10/11/2024\"".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        Just("[[1]]".to_string()),
    ]
}

fn toml_key() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "bo_tieu_chi",
        "nam",
        "cap",
        "quy_trinh",
        "ngay",
        "so",
        "noi_nhan",
        "tinh",
        "xa",
        "so_thon",
        "ho_ten",
        "chu_quan",
        "ghi_chu",
        "huyen",
        "loai",
        "co_quan",
        "ma_dinh_danh",
        "dia_danh",
        "kinh_gui",
        "tham_quyen",
        "chuc_vu",
        "ten",
        "nhom_xa",
        "bo_tieu_chi_thon",
        "don_vi",
        "van_ban",
    ])
}

/// A problem told in hoso.toml: `hoso.toml: …`, or `hoso.toml, dòng N: …` at a line.
fn told_in_hoso_toml(p: &Problem) -> bool {
    let t = p.text();
    match p.row {
        Some(r) => t.starts_with(&format!("hoso.toml, dòng {r}: ")),
        None => t.starts_with("hoso.toml: "),
    }
}

proptest! {
    #[test]
    fn any_text_parses_or_is_told(s in "\\PC{0,200}") {
        match parse(&s) {
            Ok(d) => prop_assert!(!d.bo_tieu_chi.is_empty()),
            Err(e) => {
                prop_assert!(!e.is_empty() && e.len() < 40);
                for p in &e {
                    prop_assert!(p.is_error() && p.file.as_deref() == Some("hoso.toml"));
                    prop_assert!(told_in_hoso_toml(p), "{}", p.text());
                }
            }
        }
    }

    #[test]
    fn any_key_of_any_type_in_any_table_is_read_or_told(
        keys in prop::collection::vec((0usize..5, toml_key(), toml_value()), 0..12)
    ) {
        let tables = ["", "don_vi", "van_ban", "nguoi_ky", "co_quan"];
        let mut text = String::new();
        for (t, table) in tables.iter().enumerate() {
            if !table.is_empty() {
                text.push_str(&format!("[{table}]\n"));
            }
            let mut seen = Vec::new();
            for (at, k, v) in &keys {
                if *at != t || seen.contains(k) {
                    continue;
                }
                seen.push(*k);
                text.push_str(&format!("{k} = {v}\n"));
            }
        }
        match parse(&text) {
            Ok(d) => {
                prop_assert!(d.unknown_keys.len() <= keys.len());
                prop_assert!(Date::new(d.van_ban.ngay.year, d.van_ban.ngay.month, d.van_ban.ngay.day).is_some());
            }
            Err(e) => prop_assert!(e.iter().all(told_in_hoso_toml), "{:?}", e),
        }
    }
}
