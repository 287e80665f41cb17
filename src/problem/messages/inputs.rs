//! What the `inputs` stage tells an officer about hoso.toml, so-lieu, spreadsheets, list forms, the
//! narrative and a higher level's figures. Places (file, row, column) are fields of the problem;
//! the message says what is wrong and `fix` what to do. Messages whose sentence names its own place
//! ("Mẫu 1.4 (mau-1.4.xlsx), dòng 5: …") keep it, with the place as fields too (`place_unsaid`).

use crate::problem::Problem;

/// The dossier's facts file.
pub const HOSO_TOML: &str = "hoso.toml";

fn toml_error(message: impl Into<String>) -> Problem {
    Problem::error(message).file(HOSO_TOML)
}

// hoso.toml ------------------------------------------------------------------------------------

pub fn toml_too_big() -> Problem {
    toml_error("tệp lớn hơn 1 MiB")
        .fix("không phải tệp hoso.toml thật; chạy `hoso init` để tạo lại tệp mẫu")
}

pub fn toml_unreadable(reason: &str) -> Problem {
    toml_error(format!(
        "không đọc được tệp ({reason}). Chạy `hoso init` để tạo tệp mẫu."
    ))
}

/// hoso.toml is not TOML: `detail` is the parser's (English) reason, `at` the line and its text
/// when the parser knows them; the fix names the commonest slips officers make.
pub fn toml_syntax(detail: &str, at: Option<(usize, &str)>) -> Problem {
    let Some((row, line)) = at else {
        return toml_error(format!("không đọc được cú pháp TOML: {detail}"))
            .fix("mỗi dòng ghi `khóa = giá trị`; chữ đặt trong dấu ngoặc kép thẳng \"…\"");
    };
    let line = crate::text::clip(line.trim(), 80);
    let fix = if line.contains(['“', '”', '‘', '’']) {
        "thay dấu ngoặc kép cong “ ” (Word tự đổi) bằng dấu ngoặc kép thẳng \"…\""
    } else if line
        .split('=')
        .nth(1)
        .is_some_and(|v| v.trim().contains('/') && !v.contains('"'))
    {
        "ngày viết dạng năm-tháng-ngày không có ngoặc kép, ví dụ ngay = 2024-11-10; chữ khác đặt trong dấu ngoặc kép"
    } else {
        "mỗi dòng ghi `khóa = giá trị`; chữ đặt trong dấu ngoặc kép thẳng \"…\", số và ngày (2024-11-10) không có ngoặc kép"
    };
    let detail = detail.replace('\n', "; ");
    toml_error(format!(
        "không đọc được cú pháp TOML của «{line}»: {detail}"
    ))
    .row(row)
    .fix(fix)
}

/// A key that must be text (`bo_tieu_chi`, `[don_vi] tinh`…): `key` as the table names it.
pub fn toml_not_text(key: &str) -> Problem {
    toml_error(format!(
        "khóa {key} phải là chuỗi ký tự (đặt trong dấu ngoặc kép)"
    ))
}

pub fn toml_not_a_table(table: &str) -> Problem {
    toml_error(format!(
        "[{table}] phải là một bảng (dòng [{table}] rồi các khóa bên dưới)"
    ))
}

/// A list of lines (`noi_nhan`, `kinh_gui`) with an item that is not text.
pub fn toml_list_item_not_text(key: &str) -> Problem {
    toml_error(format!("{key} phải là danh sách chuỗi"))
}

pub fn toml_not_a_list(key: &str) -> Problem {
    toml_error(format!(
        "{key} phải là danh sách chuỗi, ví dụ [\"UBND huyện (để b/c);\", \"Lưu: VT.\"]"
    ))
}

pub fn toml_bad_village_count(key: &str) -> Problem {
    toml_error(format!(
        "[don_vi] {key} phải là số thôn của xã (số nguyên từ 1 đến 10000), ví dụ {key} = 12"
    ))
}

pub fn toml_bad_year() -> Problem {
    toml_error("nam phải là năm đánh giá, ví dụ nam = 2024")
}

pub fn toml_missing_year() -> Problem {
    toml_error("thiếu khóa nam (năm đánh giá), ví dụ nam = 2024")
}

pub fn toml_unknown_level(typed: &str) -> Problem {
    toml_error(format!(
        "cap = \"{typed}\" không hợp lệ: dùng \"xa\", \"huyen\", \"bcd\", \"so\" hoặc \"tinh\""
    ))
}

pub fn toml_level_not_text() -> Problem {
    toml_error("cap phải là \"xa\", \"huyen\", \"bcd\", \"so\" hoặc \"tinh\"")
}

pub fn toml_bad_date() -> Problem {
    toml_error("[van_ban] ngay (ngày ban hành báo cáo) thiếu hoặc sai, ví dụ ngay = 2024-11-10")
}

pub fn toml_missing_set() -> Problem {
    toml_error("thiếu khóa bo_tieu_chi (mã bộ tiêu chí, xem `hoso sets`)")
}

pub fn toml_missing_province() -> Problem {
    toml_error("thiếu [don_vi] tinh (tên tỉnh)")
}

pub fn toml_missing_district() -> Problem {
    toml_error("thiếu [don_vi] huyen (tên huyện)")
}

pub fn toml_missing_signer_name() -> Problem {
    toml_error("thiếu [nguoi_ky] ho_ten (họ tên người ký)")
}

pub fn toml_missing_signer_title() -> Problem {
    toml_error("thiếu [nguoi_ky] chuc_vu (chức vụ người ký)")
}

pub fn toml_missing_commune() -> Problem {
    toml_error("thiếu [don_vi] xa (tên xã, phường, thị trấn)")
}

/// A key hoso does not know (`table.key` inside a table): told, not refused.
pub fn toml_unknown_key(key: &str) -> Problem {
    Problem::warning(format!(
        "khóa \"{key}\" không được dùng (kiểm tra chính tả; xem mẫu do `hoso init` tạo)"
    ))
    .file(HOSO_TOML)
}

/// `bo_tieu_chi` names no set of the catalog (`why` says so and lists them).
pub fn toml_unknown_set(why: &str) -> Problem {
    toml_error(format!("bo_tieu_chi: {why}"))
}

/// `quy_trinh` names no chain of levels (`why` says so).
pub fn toml_unknown_chain(why: &str) -> Problem {
    toml_error(why.to_string())
}

pub fn toml_date_after_deadline(date: &str, day: u32, month: u32, year: i32) -> Problem {
    Problem::warning(format!(
        "ngày báo cáo {date} sau hạn {day:02}/{month:02}/{year} của hướng dẫn (nộp trước {day}/{month} hằng năm)"
    ))
    .file(HOSO_TOML)
}

pub fn toml_date_before_year(date: &str, year: i32) -> Problem {
    Problem::warning(format!("ngày báo cáo {date} trước năm đánh giá {year}")).file(HOSO_TOML)
}

/// The dossier's level is not a step of its chain.
pub fn level_not_in_chain(level: &str, chain: &str, levels: &str) -> Problem {
    toml_error(format!(
        "cap = \"{level}\" không có trong quy trình \"{chain}\" ({levels})"
    ))
    .fix("chọn một cấp của quy trình, hoặc quy_trinh khác")
}

/// A commune in a chain with a district step names no district.
pub fn district_missing_for_chain(chain: &str, levels: &str) -> Problem {
    toml_error(format!(
        "thiếu [don_vi] huyen (tên huyện): quy trình \"{chain}\" ({levels}) có cấp huyện thẩm định"
    ))
    .fix("ghi tên huyện, hoặc chọn quy_trinh = \"hai-cap\" nếu xã gửi hồ sơ thẳng lên tỉnh")
}

mod figures;
mod narrative;
mod sheets;
pub use figures::*;
pub use narrative::*;
pub use sheets::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hoso_toml_problems_read_as_before() {
        assert_eq!(
            toml_too_big().text(),
            "hoso.toml: tệp lớn hơn 1 MiB — không phải tệp hoso.toml thật; chạy `hoso init` để tạo lại tệp mẫu"
        );
        let p = toml_unknown_key("nguoi_ky.ghi_chu");
        assert!(!p.is_error());
        assert_eq!(p.file.as_deref(), Some("hoso.toml"));
        assert!(!p.message.contains("hoso.toml"), "{}", p.message);
        assert_eq!(
            level_not_in_chain("so", "hai-cap", "xa → tinh").text(),
            "hoso.toml: cap = \"so\" không có trong quy trình \"hai-cap\" (xa → tinh) — chọn một cấp của quy trình, hoặc quy_trinh khác"
        );
    }
}
