//! `hoso check` end to end on dossiers built here: folder rules, litter, NFD names, evidence rules,
//! file types and signatures, list forms, exact boundaries, conflicts, every criteria set.

mod common;
use common::*;
use serde_json::Value;

fn evidence_of(v: &Value, code: &str) -> Vec<String> {
    indicator(v, code)["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

fn errors_text(v: &Value) -> String {
    v["errors"].to_string()
}

#[test]
fn folder_names_group_folders_nfd_and_litter() {
    let d = Dossier::new("thanh-hoa-cds-xa");
    d.solieu(&thanh_hoa_rows());
    for (code, _, _, _) in thanh_hoa_rows() {
        d.evidence(&format!("9 Khác/{code}"), "x.pdf");
    }
    // Variants for 1.1, 1.10 and 1.11, inside group folders at any depth.
    let d2 = Dossier::new("thanh-hoa-cds-xa");
    d2.solieu(&thanh_hoa_rows());
    let names = [
        ("1 Chính quyền số/Tiêu chí 1.1 Kế hoạch", "1.1"),
        ("1 Chính quyền số/1.10_tap-huan", "1.10"),
        ("1 Chính quyền số/TC1.11) phòng dịch", "1.11"),
        ("I. CHÍNH QUYỀN SỐ/1.2. Điều hành", "1.2"),
        ("Nhom 1/con/1.3-van-ban", "1.3"),
        ("Tieu chi 1.4 hop thu", "1.4"),
        ("1.5", "1.5"),
    ];
    for (folder, _) in names {
        d2.evidence(folder, "minh-chung.pdf");
    }
    // NFD name (as macOS writes it) for 1.6.
    d2.evidence("1 Chi\u{301}nh quye\u{302}\u{300}n so\u{302}\u{301}/Tie\u{302}u chi\u{301} 1.6 Ho\u{302}\u{300} so\u{302}", "a.pdf");
    for (code, _, _, _) in thanh_hoa_rows()
        .into_iter()
        .skip(6)
        .filter(|(c, ..)| !["1.10", "1.11"].contains(c))
    {
        d2.evidence(&format!("{code} x"), "x.pdf");
    }
    // Litter: never evidence, never an error.
    d2.file("1.5/.DS_Store", b"junk");
    d2.file("1.5/Thumbs.db", b"junk");
    d2.file("1.5/~$bao-cao.docx", b"junk");
    d2.file("1.5/desktop.ini", b"junk");
    d2.file("1.5/tam.tmp", b"");
    let (code, v, all) = d2.check_json();
    assert_eq!(code, 0, "{all}");
    for (folder, c) in names {
        let ev = evidence_of(&v, c);
        assert_eq!(ev, vec![format!("{folder}/minh-chung.pdf")], "{c}");
    }
    assert_eq!(evidence_of(&v, "1.6").len(), 1, "NFD folder matched");
    assert!(
        evidence_of(&v, "1.6")[0].starts_with("1 Chính quyền số/Tiêu chí 1.6"),
        "paths reported in NFC"
    );
    assert!(
        !all.contains("DS_Store") && !all.contains("Thumbs") && !all.contains("~$"),
        "litter ignored: {all}"
    );
    assert_eq!(
        evidence_of(&v, "1.1").len(),
        1,
        "1.1 never takes 1.10 or 1.11"
    );
    // A folder matching no code is reported.
    let (_, v1, _) = d.check_json();
    assert!(
        v1["warnings"].to_string().contains("9 Khác"),
        "{}",
        v1["warnings"]
    );
}

#[test]
fn two_folders_for_one_code_and_missing_evidence_are_errors_naming_what_to_do() {
    let d = thanh_hoa_complete();
    d.evidence("1 Chính quyền số/1.2 Khác", "y.pdf");
    std::fs::remove_file(d.path().join("2.1 Minh chứng/tai-lieu.pdf")).unwrap();
    let (code, v, all) = d.check_json();
    assert_eq!(code, 1, "{all}");
    let e = errors_text(&v);
    assert!(e.contains("1.2") && e.contains("gộp"), "{e}");
    assert!(
        e.contains("chỉ tiêu 2.1")
            && e.contains("thiếu tài liệu minh chứng")
            && e.contains("2.1 Minh chứng"),
        "{e}"
    );
    // The seed's evidence list is quoted.
    assert!(
        e.contains("Kế hoạch tổ chức Tuyên truyền, đào tạo, tập huấn"),
        "{e}"
    );
}

#[test]
fn giai_trinh_stands_for_evidence() {
    let d = thanh_hoa_complete();
    std::fs::remove_file(d.path().join("1.11 Minh chứng/tai-lieu.pdf")).unwrap();
    d.file(
        "1.11 Minh chứng/giai-trinh.txt",
        "Giải trình: không phát sinh.",
    );
    let (code, _, all) = d.check_json();
    assert_eq!(code, 0, "{all}");
    // An init README is not evidence.
    std::fs::remove_file(d.path().join("1.11 Minh chứng/giai-trinh.txt")).unwrap();
    d.file("1.11 Minh chứng/README.txt", "hướng dẫn");
    let (code, v, _) = d.check_json();
    assert_eq!(code, 1);
    assert!(errors_text(&v).contains("1.11"));
}

#[test]
fn bad_files_are_errors_with_their_path() {
    let d = thanh_hoa_complete();
    d.file("1.2 Minh chứng/rong.pdf", b"");
    d.file("1.3 Minh chứng/anh.pdf", tiny_jpeg());
    d.file("1.7 Minh chứng/bang.xlsx", b"not a spreadsheet at all");
    let (code, v, all) = d.check_json();
    assert_eq!(code, 1, "{all}");
    let e = errors_text(&v);
    assert!(
        e.contains("1.2 Minh chứng/rong.pdf") && e.contains("0 byte"),
        "{e}"
    );
    assert!(
        e.contains("1.3 Minh chứng/anh.pdf") && e.contains("JPEG"),
        "{e}"
    );
    assert!(e.contains("1.7 Minh chứng/bang.xlsx"), "{e}");
}

#[test]
fn signatures_signed_unsigned_and_altered() {
    let fx = repo().join("tests/fixtures");
    let d = thanh_hoa_complete();
    d.file(
        "1.1 Minh chứng/ky-so.pdf",
        std::fs::read(fx.join("signed.pdf")).unwrap(),
    );
    let (code, v, all) = d.check_json();
    assert_eq!(code, 0, "{all}");
    // Unsigned documents are warnings, and --nghiem-ngat makes them errors.
    assert!(
        v["warnings"].to_string().contains("chưa được ký số"),
        "{}",
        v["warnings"]
    );
    assert!(
        !v["warnings"].to_string().contains("ky-so.pdf"),
        "a signed PDF is not warned"
    );
    let strict = run(&["check", &d.p(), "--nghiem-ngat"]);
    assert_eq!(strict.code, 1, "{}", strict.all());
    d.file(
        "1.1 Minh chứng/da-sua.pdf",
        std::fs::read(fx.join("signed-tampered.pdf")).unwrap(),
    );
    let (code, v, _) = d.check_json();
    assert_eq!(code, 1);
    let e = errors_text(&v);
    assert!(
        e.contains("1.1 Minh chứng/da-sua.pdf") && e.contains("không còn khớp"),
        "{e}"
    );
}

const M14_HEADER: &str = "STT,Họ tên,Chức vụ,Có máy tính làm việc,Hộp thư điện tử công vụ (ghi địa chỉ hộp thư),Ghi chú\n";

fn rows_without(codes: &[&str]) -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    thanh_hoa_rows()
        .into_iter()
        .map(|(c, v, t, s)| {
            if codes.contains(&c) {
                (c, "", t, s)
            } else {
                (c, v, t, s)
            }
        })
        .collect()
}

#[test]
fn mau_14_positive_cases_with_footer_total_and_total_row() {
    let d = thanh_hoa_complete();
    d.solieu(&rows_without(&["1.4", "4.3"]));
    let mut csv = String::from(
        "Mẫu 1.4. Danh sách cán bộ, công chức có máy tính và được cấp hộp thư điện tử công vụ\n",
    );
    csv.push_str(M14_HEADER);
    for i in 1..=22 {
        csv.push_str(&format!(
            "{i},Cán bộ {i},Công chức,x,cb{i}@thanhhoa.gov.vn,\n"
        ));
    }
    csv.push_str(",Tổng cộng,,22,22,\n- Tổng số CBCC của cơ quan: 23 người.\n");
    d.file("Danh sách/Mẫu số 1.4.csv", csv);
    let (code, v, all) = d.check_json();
    assert_eq!(code, 0, "{all}");
    let i14 = indicator(&v, "1.4");
    assert_eq!(i14["exact"]["num"], "22");
    assert_eq!(i14["exact"]["den"], "23");
    assert_eq!(i14["value"], "22/23 (95,65%)");
    assert_eq!(i14["evaluation"], "khong_dat", "22/23 is not 100%");
    assert_eq!(indicator(&v, "4.3")["evaluation"], "khong_dat");
    assert!(
        evidence_of(&v, "4.3")
            .iter()
            .any(|e| e.ends_with("Mẫu số 1.4.csv")),
        "the list is evidence for every indicator it feeds"
    );
}

#[test]
fn footer_total_smaller_than_positive_rows_is_an_error() {
    let d = thanh_hoa_complete();
    d.solieu(&rows_without(&["1.4", "4.3"]));
    let mut csv = String::from(M14_HEADER);
    for i in 1..=5 {
        csv.push_str(&format!(
            "{i},Cán bộ {i},Công chức,x,cb{i}@thanhhoa.gov.vn,\n"
        ));
    }
    csv.push_str("Tổng số CBCC của cơ quan:,3\n");
    d.file("mau-1.4.csv", csv);
    let (code, v, _) = d.check_json();
    assert_eq!(code, 1);
    assert!(
        errors_text(&v).contains("tổng số ghi ở cuối bảng là 3"),
        "{}",
        errors_text(&v)
    );
}

#[test]
fn mau_25_xlsx_with_merged_two_row_header() {
    let d = thanh_hoa_complete();
    d.solieu(&rows_without(&["2.5"]));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let f = rust_xlsxwriter::Format::new();
    ws.write(0, 0, "Mẫu 2.5. Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử")
        .unwrap();
    for (j, h) in ["TT", "Tên doanh nghiệp", "Số điện thoại liên hệ"]
        .iter()
        .enumerate()
    {
        ws.merge_range(2, j as u16, 3, j as u16, h, &f).unwrap();
    }
    ws.merge_range(2, 3, 2, 4, "Sử dụng hợp đồng điện tử", &f)
        .unwrap();
    ws.write(3, 3, "Có/Không").unwrap();
    ws.write(3, 4, "Đơn vị cung cấp hợp đồng điện tử").unwrap();
    ws.merge_range(2, 5, 3, 5, "Ghi chú", &f).unwrap();
    let firms = [
        ("A", "Có", "VNPT"),
        ("B", "Không", ""),
        ("C", "x", "Viettel"),
        ("D", "", ""),
        ("E", "Có", "MISA"),
    ];
    for (i, (n, u, p)) in firms.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write(r, 0, (i + 1) as f64).unwrap();
        ws.write(r, 1, format!("Công ty {n}")).unwrap();
        ws.write(r, 2, "0912").unwrap();
        ws.write(r, 3, *u).unwrap();
        ws.write(r, 4, *p).unwrap();
    }
    ws.write(10, 0, "Tổng số DNVVN: 5").unwrap();
    d.file("2.5 Minh chứng/mau-2.5.xlsx", wb.save_to_buffer().unwrap());
    let (code, v, all) = d.check_json();
    assert_eq!(code, 0, "{all}");
    let i = indicator(&v, "2.5");
    assert_eq!(
        (i["exact"]["num"].as_str(), i["exact"]["den"].as_str()),
        (Some("3"), Some("5")),
        "{i}"
    );
    assert_eq!(i["evaluation"], "dat", "60% ≥ 50%");
}

#[test]
fn mau_33_security_apps_among_smartphone_owners() {
    let d = thanh_hoa_complete();
    d.solieu(&rows_without(&["3.3", "3.4", "3.10", "3.11"]));
    let mut csv = String::from("TT,Họ và tên,Số điện thoại liên hệ,Có điện thoại thông minh,Có cài đặt PM ATTT,Có chữ ký số,Có sử dụng dịch vụ công trực tuyến,Ghi chú\n");
    for i in 1..=8 {
        csv.push_str(&format!(
            "{i},Người {i},09,x,{},{},{},\n",
            if i <= 7 { "x" } else { "" },
            if i <= 4 { "Có" } else { "" },
            if i <= 6 { "1" } else { "0" }
        ));
    }
    csv.push_str("9,Người 9,09,,x,,,\n"); // security app but no smartphone: warned, not counted
    csv.push_str("Tổng dân số trưởng thành: 10\n");
    d.file("3.3 Minh chứng/mau-3.3.csv", csv);
    let (code, v, all) = d.check_json();
    assert_eq!(code, 0, "{all}");
    let ex = |c: &str| {
        let i = indicator(&v, c);
        (
            i["exact"]["num"].as_str().unwrap().to_string(),
            i["exact"]["den"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(
        ex("3.3"),
        ("7".into(), "8".into()),
        "among smartphone owners"
    );
    assert_eq!(
        ex("3.4"),
        ("8".into(), "10".into()),
        "among all adults (footer)"
    );
    assert_eq!(ex("3.10"), ("4".into(), "10".into()));
    assert_eq!(ex("3.11"), ("6".into(), "10".into()));
    assert!(
        v["warnings"].to_string().contains("không nhất quán"),
        "{}",
        v["warnings"]
    );
}

#[test]
fn typed_value_contradicting_a_list_is_an_error_with_both_numbers() {
    let d = thanh_hoa_complete();
    let mut rows = rows_without(&["4.3"]);
    for r in rows.iter_mut() {
        if r.0 == "1.4" {
            *r = ("1.4", "100%", "100%", "");
        }
    }
    d.solieu(&rows);
    let mut csv = String::from(M14_HEADER);
    csv.push_str("1,A,CT,x,a@thanhhoa.gov.vn,\n2,B,CC,x,,\n");
    d.file("mau-1.4.csv", csv);
    let (code, v, _) = d.check_json();
    assert_eq!(code, 1);
    let e = errors_text(&v);
    assert!(e.contains("100%") && e.contains("1/2 (50%)"), "{e}");
    // A typed figure that rounds to the computed one is accepted.
    for r in rows.iter_mut() {
        if r.0 == "1.4" {
            *r = ("1.4", "50,0", "", "");
        }
    }
    d.solieu(&rows);
    let (_, v, _) = d.check_json();
    assert!(
        !errors_text(&v).contains("khác kết quả tính"),
        "{}",
        errors_text(&v)
    );
}

fn with(
    code: &str,
    value: &'static str,
    target: &'static str,
    status: &'static str,
) -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    thanh_hoa_rows()
        .into_iter()
        .map(|r| {
            if r.0 == code {
                (r.0, value, target, status)
            } else {
                r
            }
        })
        .collect()
}

#[test]
fn boundaries_are_exact() {
    let d = thanh_hoa_complete();
    d.solieu(&with("3.2", "69,99%", "≥ 70%", ""));
    let (_, v, _) = d.check_json();
    assert_eq!(indicator(&v, "3.2")["evaluation"], "khong_dat");
    d.solieu(&with("3.2", "70", "≥ 70%", ""));
    let (_, v, _) = d.check_json();
    assert_eq!(indicator(&v, "3.2")["evaluation"], "dat");
    // 79,995% must not print as 80% beside ≥ 80%.
    d.solieu(&with("2.1", "79,995", "≥ 80%", ""));
    let (_, v, _) = d.check_json();
    assert_eq!(indicator(&v, "2.1")["evaluation"], "khong_dat");
    assert_eq!(indicator(&v, "2.1")["value"], "79,995%");
}

#[test]
fn strict_and_fraction_targets() {
    // Hải Dương kiểu mẫu PL3.14: "trên 80%; 100%" — exactly 80% fails.
    let d = Dossier::new("hai-duong-ntm-xa-kieu-mau-cds");
    let fill =
        |v14: &'static str| -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
            (1..=17)
                .map(|i| {
                    let code: &'static str = Box::leak(format!("PL3.{i:02}").into_boxed_str());
                    (code, if i == 14 { v14 } else { "" }, "", "")
                })
                .collect()
        };
    d.solieu(&fill("80%; 100%"));
    let (_, v, _) = d.check_json();
    assert_eq!(
        indicator(&v, "PL3.14")["evaluation"],
        "khong_dat",
        "{}",
        indicator(&v, "PL3.14")
    );
    d.solieu(&fill("80,01%; 100%"));
    let (_, v, _) = d.check_json();
    assert_eq!(indicator(&v, "PL3.14")["evaluation"], "dat");
    // Hà Nam 8.3b: at least 2/3 of the villages.
    let h = Dossier::new("ha-nam-ntm-xa");
    h.solieu(&[("8.3b", "2/3", "", "")]);
    let (_, v, _) = h.check_json();
    assert_eq!(indicator(&v, "8.3b")["evaluation"], "dat");
    h.solieu(&[("8.3b", "6/10", "", "")]);
    let (_, v, _) = h.check_json();
    assert_eq!(indicator(&v, "8.3b")["evaluation"], "khong_dat");
}

#[test]
fn missing_target_contradicting_target_not_applicable_and_in_progress() {
    let d = thanh_hoa_complete();
    d.solieu(&with("1.6", "45%", "", ""));
    let (code, v, _) = d.check_json();
    assert_eq!(code, 1);
    let e = indicator(&v, "1.6")["errors"].to_string();
    assert!(e.contains("2024") && e.contains("Chỉ tiêu"), "{e}");
    d.solieu(&with("1.2", "100%", "≥ 90%", ""));
    let (code, v, _) = d.check_json();
    assert_eq!(code, 1);
    let e = indicator(&v, "1.2")["errors"].to_string();
    assert!(e.contains("≥ 90%") && e.contains("100%"), "{e}");
    // 4.8 is "(nếu có)": Không áp dụng leaves it out of N/M.
    d.solieu(&with("4.8", "", "", "Không áp dụng"));
    let (code, v, all) = d.check_json();
    assert_eq!(code, 0, "{all}");
    assert_eq!(indicator(&v, "4.8")["evaluation"], "khong_ap_dung");
    assert_eq!(v["summary"]["total"], 36);
    assert_eq!(v["summary"]["dat"], 36);
    assert_eq!(v["summary"]["ket_luan"], "ĐẠT");
    d.solieu(&with("1.2", "", "", "Không áp dụng"));
    let (code, _, _) = d.check_json();
    assert_eq!(code, 1, "only (nếu có) indicators may be not applicable");
    d.solieu(&with("3.6", "15%", "≥ 20%", "Đang triển khai"));
    let (code, v, _) = d.check_json();
    assert_eq!(code, 0);
    assert_eq!(indicator(&v, "3.6")["evaluation"], "dang_trien_khai");
    assert_eq!(v["summary"]["ket_luan"], "KHÔNG ĐẠT");
    assert_eq!(
        v["summary"]["cau_ket_luan"],
        "đã hoàn thành 36/37 tiêu chí năm 2024, tỷ lệ đạt 97,3%"
    );
}

#[test]
fn yearly_table_of_ha_tinh() {
    let d = Dossier::new("ha-tinh-thach-binh-thon-thong-minh");
    d.solieu(&[("1.05", "69,9%", "", "")]);
    let (_, v, _) = d.check_json();
    assert_eq!(indicator(&v, "1.05")["target"], "≥ 70%");
    assert_eq!(indicator(&v, "1.05")["evaluation"], "khong_dat");
    d.solieu(&[("1.05", "70%", "", "")]);
    let (_, v, _) = d.check_json();
    assert_eq!(indicator(&v, "1.05")["evaluation"], "dat");
    std::fs::write(
        d.path().join("hoso.toml"),
        HOSO_TOML
            .replace("{SET}", "ha-tinh-thach-binh-thon-thong-minh")
            .replace("nam = 2024", "nam = 2026"),
    )
    .unwrap();
    let (_, v, _) = d.check_json();
    assert!(
        indicator(&v, "1.05")["errors"].to_string().contains("2026"),
        "no target for 2026"
    );
}

#[test]
fn hoso_toml_problems_and_deadline() {
    let d = thanh_hoa_complete();
    std::fs::write(
        d.path().join("hoso.toml"),
        HOSO_TOML
            .replace("{SET}", "thanh-hoa-cds-xa")
            .replace("ngay = 2024-11-10", "ngay = 2024-11-20\nghi_chu = \"x\""),
    )
    .unwrap();
    let (code, v, all) = d.check_json();
    assert_eq!(code, 0, "{all}");
    let w = v["warnings"].to_string();
    assert!(w.contains("15/11") && w.contains("ghi_chu"), "{w}");
    std::fs::write(d.path().join("hoso.toml"), "nam = [").unwrap();
    let r = run(&["check", &d.p()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("hoso.toml"), "{}", r.stderr);
    let r = run(&["check", "/khong/co/thu/muc/nay"]);
    assert_eq!(r.code, 2);
}

#[test]
fn check_writes_nothing() {
    let d = thanh_hoa_complete();
    let snapshot = || {
        let mut v: Vec<(String, u64)> = walkdir::WalkDir::new(d.path())
            .into_iter()
            .flatten()
            .map(|e| {
                (
                    e.path().to_string_lossy().into_owned(),
                    e.metadata().map(|m| m.len()).unwrap_or(0),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = snapshot();
    assert_eq!(run(&["check", &d.p()]).code, 0);
    assert_eq!(run(&["check", &d.p(), "--json"]).code, 0);
    assert_eq!(snapshot(), before);
}

/// One complete dossier per criteria set, from `hoso init`'s own so-lieu: each target is met.
#[test]
fn every_set_evaluates_a_complete_dossier_as_met() {
    let ids = set_ids();
    assert_eq!(ids.len(), 11, "{ids:?}");
    for id in ids {
        let (_tmp, dir) = complete_from_init(&id);
        let r = run(&["check", dir.to_str().unwrap(), "--json"]);
        let v: Value = serde_json::from_str(&r.stdout).unwrap_or(Value::Null);
        assert_eq!(r.code, 0, "{id}: {}", r.all());
        assert_eq!(v["summary"]["ket_luan"], "ĐẠT", "{id}: {}", v["summary"]);
    }
}

/// Results as officers type them in a `%` row, read the way they meant: a dot before three digits
/// is a decimal point there (`69.999` is 69,999%, not 69 999%), letters glued to a number or a
/// negative rate are not a result, a rate above 100% is kept with a warning, and an indicator
/// with no target is never met.
#[test]
fn results_typed_in_a_percent_row_are_read_as_meant() {
    let edit = |rows: &mut Vec<(&'static str, &'static str, &'static str, &'static str)>,
                code: &str,
                value: &'static str,
                target: &'static str| {
        let r = rows.iter_mut().find(|r| r.0 == code).unwrap();
        (r.1, r.2) = (value, target);
    };
    let d = thanh_hoa_complete();
    let mut rows = thanh_hoa_rows();
    edit(&mut rows, "3.12", "69.999", "≥ 70%");
    edit(&mut rows, "3.9", "95E-1", "≥ 60%");
    edit(&mut rows, "3.5", "-5%", "≥ 90%");
    edit(&mut rows, "2.4", "150%", "≥ 50%");
    edit(&mut rows, "1.6", "", "");
    d.solieu(&rows);
    let (code, v, all) = d.check_json();
    assert_eq!(code, 1, "{all}");
    let i = indicator(&v, "3.12");
    assert_eq!(i["evaluation"], "khong_dat", "{i}");
    assert_eq!(i["value"], "69,999%", "{i}");
    for c in ["3.9", "3.5"] {
        assert_eq!(indicator(&v, c)["evaluation"], "khong_dat", "{c}");
        assert!(
            errors_text(&v).contains(&format!("\"chi_tieu\":\"{c}\"")),
            "{c}: {all}"
        );
    }
    let told = |code: &str, what: &str| {
        v["errors"].as_array().unwrap().iter().any(|p| {
            p["chi_tieu"] == code && p["van_de"].as_str().unwrap_or_default().contains(what)
        })
    };
    assert!(told("3.9", "kết quả \"95E-1\" không đọc được"), "{all}");
    assert!(told("3.5", "kết quả \"-5%\" không đọc được"), "{all}");
    assert_eq!(indicator(&v, "2.4")["evaluation"], "dat");
    assert!(
        v["warnings"]
            .to_string()
            .contains("tỷ lệ 150% lớn hơn 100%"),
        "{all}"
    );
    assert_eq!(
        indicator(&v, "1.6")["evaluation"],
        "khong_dat",
        "no target, no result"
    );
    assert!(told("1.6", "chưa có chỉ tiêu"), "{all}");
}

/// A so-lieu and a list form saved by Vietnamese Excel as "CSV" (Windows-1258) are read with a
/// warning to re-save them as UTF-8, as README says: not refused as evidence of the wrong type.
#[test]
fn windows_1258_sheets_are_read_with_a_warning_only() {
    let d = thanh_hoa_complete();
    let mut csv = String::from("Mã,Kết quả,Chỉ tiêu,Trạng thái,Mô tả kết quả\n");
    for (c, v, t, s) in rows_without(&["1.4", "4.3"]) {
        // "≥" is not in Windows-1258: officers saving as CSV type ">=".
        let t = t.replace('≥', ">=");
        csv.push_str(&format!("{c},\"{v}\",\"{t}\",{s},Đã thực hiện\n"));
    }
    d.file("so-lieu.csv", windows_1258(&csv));
    let list = format!("{M14_HEADER}1,Lê Văn Hùng,Chủ tịch xã,x,hung@thanhhoa.gov.vn,\n");
    d.file("1.4 Minh chứng/mau-1.4.csv", windows_1258(&list));
    let (code, v, all) = d.check_json();
    assert_eq!(code, 0, "{all}");
    let warnings = v["warnings"].to_string();
    assert!(warnings.contains("\"tep\":\"so-lieu.csv\""), "{all}");
    assert!(warnings.contains("Windows-1258"), "{all}");
    assert!(!errors_text(&v).contains("UTF-8"), "{all}");
}

/// Text as Vietnamese Windows writes it in Windows-1258: base letters (â, ơ, đ…) precomposed,
/// the five tones as combining marks after them.
fn windows_1258(text: &str) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    let tone = |c: char| matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
    let mut out = String::new();
    let (mut base, mut tones) = (String::new(), String::new());
    for c in text.nfd().chain(std::iter::once('\0')) {
        if tone(c) {
            tones.push(c);
            continue;
        }
        if !unicode_normalization::char::is_combining_mark(c) {
            out.extend(base.nfc());
            out.push_str(&tones);
            (base, tones) = (String::new(), String::new());
        }
        base.push(c);
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(out.trim_end_matches('\0'));
    assert!(!unmappable, "{text}");
    bytes.into_owned()
}
