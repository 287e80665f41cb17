//! `hoso sets` and `hoso init`, end to end: every set loads, Thanh Hóa has its 37 codes in the seed's
//! order with the seed's names, init output reads back, refusals write nothing.

mod common;
use calamine::{open_workbook_auto, Reader};
use common::*;

const SETS: [&str; 11] = [
    "thanh-hoa-cds-xa",
    "hai-duong-ntm-xa",
    "hai-duong-ntm-xa-nang-cao",
    "hai-duong-ntm-xa-kieu-mau-cds",
    "ha-nam-ntm-xa",
    "ha-nam-ntm-xa-nang-cao",
    "ha-nam-ntm-huyen",
    "ha-nam-ntm-huyen-nang-cao",
    "lang-son-thon-thong-minh",
    "lang-son-ntm-huyen",
    "ha-tinh-thach-binh-thon-thong-minh",
];

const THANH_HOA_CODES: [&str; 37] = [
    "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "1.11", "2.1", "2.2",
    "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9",
    "3.10", "3.11", "3.12", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8",
];

#[test]
fn every_set_is_listed_and_prints() {
    let r = run(&["sets"]);
    assert_eq!(r.code, 0, "{}", r.all());
    for id in SETS {
        assert!(r.stdout.contains(id), "{id} missing from `hoso sets`");
        let one = run(&["sets", id]);
        assert_eq!(one.code, 0, "{id}: {}", one.all());
    }
    let unknown = run(&["sets", "khong-co-bo-nay"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("thanh-hoa-cds-xa"),
        "the error lists the known ids"
    );
}

fn thanh_hoa_solieu(dir: &std::path::Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(dir.join("so-lieu.csv")).unwrap();
    assert!(
        text.starts_with('\u{feff}'),
        "so-lieu.csv starts with a BOM so Excel reads UTF-8"
    );
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    rdr.records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn thanh_hoa_has_37_codes_in_seed_order_with_seed_names() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("hs");
    let r = run(&[
        "init",
        dir.to_str().unwrap(),
        "--bo",
        "thanh-hoa-cds-xa",
        "--nam",
        "2024",
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
    let rows = thanh_hoa_solieu(&dir);
    let codes: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(codes, THANH_HOA_CODES);
    // Names are the seed's words (Phụ lục 01), rows split across pages joined.
    let seed = repo().join("../shared/seeds/thanh-hoa-2023-huong-dan-tieu-chi-cds-xa.txt");
    if let Ok(text) = std::fs::read_to_string(&seed) {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for r in &rows {
            let name = r[1].split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(&name) || r[0] == "3.8",
                "name of {} is not in the seed: {name}",
                r[0]
            );
        }
        assert!(
            rows.iter().any(|r| r[1]
                .contains("thanh toán học phí bằng phương thức thanh toán không dùng tiền mặt")),
            "3.8 joined across pages"
        );
    }
    // Fixed targets are pre-filled; yearly ones are left to the officer.
    let get = |c: &str| rows.iter().find(|r| r[0] == c).unwrap().clone();
    assert_eq!(get("1.2")[3], "100%");
    assert_eq!(get("1.1")[3], "Có");
    assert_eq!(get("1.6")[3], "");
    assert_eq!(get("1.1")[2], "Văn bản");
}

#[test]
fn init_writes_a_complete_skeleton_for_every_set_that_reads_back() {
    for id in SETS {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("hs");
        let r = run(&["init", dir.to_str().unwrap(), "--bo", id, "--nam", "2024"]);
        assert_eq!(r.code, 0, "{id}: {}", r.all());
        for f in ["hoso.toml", "so-lieu.csv", "so-lieu.xlsx", "noi-dung.md"] {
            assert!(dir.join(f).is_file(), "{id}: {f}");
        }
        let toml = std::fs::read_to_string(dir.join("hoso.toml")).unwrap();
        for key in [
            "bo_tieu_chi",
            "nam",
            "cap",
            "[don_vi]",
            "tinh",
            "huyen",
            "xa",
            "loai",
            "[van_ban]",
            "so",
            "ngay",
            "dia_danh",
            "noi_nhan",
            "[nguoi_ky]",
            "tham_quyen",
            "chuc_vu",
            "ho_ten",
        ] {
            assert!(toml.contains(key), "{id}: hoso.toml lacks {key}");
        }
        assert!(toml.contains(&format!("bo_tieu_chi = \"{id}\"")));
        let csv_rows = thanh_hoa_solieu(&dir);
        // The xlsx has the same rows.
        let mut wb = open_workbook_auto(dir.join("so-lieu.xlsx")).unwrap();
        let range = wb.worksheet_range_at(0).unwrap().unwrap();
        let xrows: Vec<Vec<String>> = range
            .rows()
            .skip(1)
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(xrows.len(), csv_rows.len(), "{id}");
        for (x, c) in xrows.iter().zip(&csv_rows) {
            assert_eq!(x[0], c[0], "{id}: code");
            assert_eq!(x[1], c[1], "{id}: name");
            assert_eq!(x.get(3).cloned().unwrap_or_default(), c[3], "{id}: target");
        }
        // Every top-level indicator has a folder with a README quoting the evidence asked.
        let readmes: Vec<_> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_name() == "README.txt")
            .collect();
        assert!(!readmes.is_empty(), "{id}: README.txt in each folder");
        // The skeleton is a dossier hoso can read (incomplete, so exit 1, but no crash).
        let c = run(&["check", dir.to_str().unwrap()]);
        assert_eq!(
            c.code,
            1,
            "{id}: an unfilled skeleton is incomplete: {}",
            c.all()
        );
        assert!(
            c.stderr.contains("hoso.toml: thiếu [don_vi] tinh"),
            "{id}: {}",
            c.all()
        );
        write(&dir, "hoso.toml", HOSO_TOML.replace("{SET}", id));
        let c = run(&["check", dir.to_str().unwrap()]);
        assert_eq!(
            c.code,
            1,
            "{id}: a skeleton without evidence is incomplete: {}",
            c.all()
        );
        assert!(
            c.stdout.contains("thiếu tài liệu minh chứng"),
            "{id}: {}",
            c.stdout
        );
    }
}

#[test]
fn init_readme_quotes_the_seed_evidence_and_list_forms_are_templates() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("hs");
    assert_eq!(
        run(&["init", dir.to_str().unwrap(), "--bo", "thanh-hoa-cds-xa"]).code,
        0
    );
    let readme = walkdir::WalkDir::new(&dir)
        .into_iter()
        .flatten()
        .find(|e| e.path().to_string_lossy().contains("1.1 ") && e.file_name() == "README.txt")
        .unwrap();
    let text = std::fs::read_to_string(readme.path()).unwrap();
    assert!(
        text.contains("Kế hoạch giai đoạn; Kế hoạch hàng năm."),
        "{text}"
    );
    let m14 = walkdir::WalkDir::new(&dir)
        .into_iter()
        .flatten()
        .find(|e| e.file_name() == "mau-1.4.xlsx")
        .expect("mau-1.4.xlsx template");
    let mut wb = open_workbook_auto(m14.path()).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let all: Vec<String> = range
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    for h in [
        "STT",
        "Họ tên",
        "Chức vụ",
        "Có máy tính làm việc",
        "Hộp thư điện tử công vụ (ghi địa chỉ hộp thư)",
        "Ghi chú",
    ] {
        assert!(all.iter().any(|c| c == h), "column {h}");
    }
}

#[test]
fn init_refuses_an_existing_dossier_and_unknown_sets_writing_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("hs");
    assert_eq!(
        run(&["init", dir.to_str().unwrap(), "--bo", "ha-nam-ntm-xa"]).code,
        0
    );
    let before = std::fs::read(dir.join("hoso.toml")).unwrap();
    let again = run(&["init", dir.to_str().unwrap(), "--bo", "thanh-hoa-cds-xa"]);
    assert_eq!(again.code, 2, "{}", again.all());
    assert_eq!(
        std::fs::read(dir.join("hoso.toml")).unwrap(),
        before,
        "the first dossier is untouched"
    );
    let other = tmp.path().join("khac");
    let bad = run(&["init", other.to_str().unwrap(), "--bo", "bo-khong-co"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("ha-nam-ntm-xa") && bad.stderr.contains("thanh-hoa-cds-xa"),
        "{}",
        bad.stderr
    );
    assert!(!other.exists(), "nothing written for an unknown set");
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary folders left: {leftovers:?}"
    );
}

#[test]
fn extra_forms_folder_loads_and_bad_sets_are_refused_with_file_and_indicator() {
    let tmp = tempfile::tempdir().unwrap();
    let good = r#"id = "tinh-thu"
title = "Bộ thử của tỉnh"
level = "xa"
kind = "ntm"
source = "tự soạn"
[recognition]
rule = "min_count"
min_count = 1
[[groups]]
code = "8"
name = "Thông tin và Truyền thông"
[[indicators]]
code = "8.1"
group = "8"
name = "Có điểm wifi"
unit = "%"
target = "≥ 60%"
requirement = ""
guidance = []
evidence = []
"#;
    write(tmp.path(), "sets/tinh-thu.toml", good);
    let r = run(&["--forms", tmp.path().to_str().unwrap(), "sets", "tinh-thu"]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.stdout.contains("≥ 60%"));
    // Through the environment variable too.
    let env = hoso()
        .env("HOSO_FORMS", tmp.path())
        .args(["sets"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&env.stdout).contains("tinh-thu"));
    for (bad, expect) in [
        (good.replace("≥ 60%", "khoảng sáu mươi"), "8.1"),
        (good.replace("name = \"Có điểm wifi\"\n", ""), "name"),
        (good.to_string() + "[[indicators]]\ncode = \"8.1\"\ngroup = \"8\"\nname = \"x\"\nunit = \"\"\nrequirement = \"\"\nguidance = []\nevidence = []\n", "trùng"),
    ] {
        let t2 = tempfile::tempdir().unwrap();
        write(t2.path(), "sets/tinh-thu.toml", &bad);
        let r = run(&["--forms", t2.path().to_str().unwrap(), "sets"]);
        assert_eq!(r.code, 2, "{}", r.all());
        assert!(r.stderr.contains("tinh-thu.toml") && r.stderr.contains(expect), "{}", r.stderr);
    }
}

/// `hoso init` writes so-lieu.csv and so-lieu.xlsx with the same cells: the first check does not
/// warn about two so-lieu files. Once they differ (the officer filled one), it does, naming both.
#[test]
fn the_two_so_lieu_files_of_init_are_one_until_they_differ() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("hs");
    let d = dir.to_str().unwrap();
    assert_eq!(
        run(&["init", d, "--bo", "thanh-hoa-cds-xa", "--nam", "2024"]).code,
        0
    );
    write(
        &dir,
        "hoso.toml",
        HOSO_TOML.replace("{SET}", "thanh-hoa-cds-xa"),
    );
    let two = |r: &Run| r.all().contains("Có 2 tệp số liệu");
    let r = run(&["check", d]);
    assert!(r.all().contains("MÃ"), "{}", r.all());
    assert!(!two(&r), "{}", r.all());
    let csv = std::fs::read_to_string(dir.join("so-lieu.csv")).unwrap();
    write(&dir, "so-lieu.csv", csv.replacen("\n1.1,", "\n1.1,Có", 1));
    let r = run(&["check", d]);
    assert!(two(&r), "{}", r.all());
}
