//! `hoso check --json` on a defective dossier: every problem carries its place as fields — the
//! indicator (`chi_tieu`), the file relative to the dossier (`tep`), the row (`dong`), the cell or
//! column (`o`) — and what to do (`cach_sua`), while `noi_dung` stays the line officers read.

mod common;
use common::*;
use serde_json::Value;

fn problems(v: &Value, key: &str) -> Vec<Value> {
    v[key].as_array().cloned().unwrap_or_default()
}

fn find<'a>(list: &'a [Value], what: &str) -> &'a Value {
    list.iter()
        .find(|p| p["noi_dung"].as_str().unwrap_or("").contains(what))
        .unwrap_or_else(|| panic!("no problem with {what:?} in {list:#?}"))
}

#[test]
fn problems_carry_indicator_file_row_and_cell_as_fields() {
    let d = thanh_hoa_complete();
    let mut rows = thanh_hoa_rows();
    rows[1].3 = "xong rồi"; // 1.2, row 3: a status hoso does not know
    rows.push(("1.4", "100%", "100%", "")); // row 39: 1.4 again
    rows.push(("9.9", "1", "", "")); // row 40: no such indicator
    d.solieu(&rows);
    d.file(
        "1.4 Minh chứng/mau-1.4.csv",
        "STT,Họ tên,Chức vụ,Có máy tính làm việc,Hộp thư điện tử công vụ (ghi địa chỉ hộp thư),Ghi chú\n\
         1,Lê Văn A,Chủ tịch,x,a@thanhhoa.gov.vn,\n\
         2,Lê Văn B,Công chức,chưa rõ,b@thanhhoa.gov.vn,\n",
    );
    let toml = std::fs::read_to_string(d.path().join("hoso.toml")).unwrap();
    std::fs::write(
        d.path().join("hoso.toml"),
        format!("{toml}ghi_chu = \"x\"\n"),
    )
    .unwrap();

    let (code, v, all) = d.check_json();
    assert_eq!(code, 1, "{all}");
    let (errors, warnings) = (problems(&v, "errors"), problems(&v, "warnings"));

    let repeated = find(&errors, "mã 1.4 bị lặp");
    assert_eq!(repeated["muc_do"], "loi");
    assert_eq!(repeated["chi_tieu"], "1.4");
    assert_eq!(repeated["tep"], "so-lieu.csv");
    assert_eq!(repeated["dong"], 39);
    assert_eq!(repeated["van_de"], "mã 1.4 bị lặp");
    assert_eq!(repeated["cach_sua"], "mỗi chỉ tiêu một dòng");
    assert_eq!(
        repeated["noi_dung"],
        "so-lieu.csv, dòng 39: mã 1.4 bị lặp — mỗi chỉ tiêu một dòng"
    );

    let unknown = find(&errors, "\"9.9\"");
    assert_eq!(
        (&unknown["tep"], &unknown["dong"]),
        (&Value::from("so-lieu.csv"), &Value::from(40))
    );
    assert!(unknown["cach_sua"].as_str().unwrap().contains("hoso sets"));

    let status = find(&warnings, "xong rồi");
    assert_eq!(
        (&status["tep"], &status["dong"]),
        (&Value::from("so-lieu.csv"), &Value::from(3))
    );
    assert!(status["van_de"].as_str().unwrap().starts_with("Trạng thái"));

    // A list form's sentence names the form and its file itself; its place is in the fields too.
    let cell = find(&warnings, "chưa rõ");
    assert_eq!(cell["chi_tieu"], "1.4");
    assert_eq!(cell["tep"], "1.4 Minh chứng/mau-1.4.csv");
    assert_eq!(cell["dong"], 3);
    assert_eq!(cell["o"], "Có máy tính làm việc");

    let key = find(&warnings, "ghi_chu");
    assert_eq!(key["tep"], "hoso.toml");
    assert_eq!(key["chi_tieu"], Value::Null);

    // Wherever the line starts with the place, the message does not repeat it.
    let mut placed = 0;
    for p in errors.iter().chain(&warnings) {
        let (Some(file), Some(text)) = (p["tep"].as_str(), p["noi_dung"].as_str()) else {
            continue;
        };
        if text.starts_with(file) {
            placed += 1;
            let message = p["van_de"].as_str().unwrap();
            assert!(!message.contains(file), "{p:#}");
            assert!(text.contains(message), "{p:#}");
        }
    }
    assert!(placed >= 4, "{errors:#?} {warnings:#?}");
}

#[test]
fn an_unreadable_dossier_still_answers_in_json() {
    let d = Dossier::new("thanh-hoa-2023");
    d.file("hoso.toml", "nam = [\n");
    let (code, v, all) = d.check_json();
    assert_eq!(code, 1, "{all}");
    assert_eq!(v["doc_khong_duoc"], true, "{all}");
    let errors = problems(&v, "errors");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["tep"], "hoso.toml");
    assert_eq!(errors[0]["muc_do"], "loi");
    assert!(
        errors[0]["van_de"].as_str().unwrap().contains("TOML"),
        "{all}"
    );
    // The officer's sentence still goes to stderr.
    assert!(all.contains("không đọc được"), "{all}");
}
