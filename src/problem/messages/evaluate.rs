//! What the `evaluate` stage tells: an indicator whose target or result cannot be used (with the
//! so-lieu row where there is one), evidence missing for an indicator, a higher level's figure
//! that cannot be used, and the words of the evaluation itself (conclusion, notes).

use crate::problem::Problem;
use crate::text::clip;

/// The note beside an indicator the dossier marks in progress (column `Trạng thái`).
pub const IN_PROGRESS: &str = "Đang triển khai";

/// An indicator's problem; the message names the indicator itself, so the place is not repeated
/// (the so-lieu file is added by the check, `row` is its row when there is one).
fn of(code: &str, row: Option<usize>, message: String) -> Problem {
    let p = Problem::error(message).indicator(code).place_unsaid();
    match row {
        Some(r) => p.row(r),
        None => p,
    }
}

// ---- the commune's (or district's own) evaluation ----

pub fn not_applicable_refused(code: &str, row: usize) -> Problem {
    of(
        code,
        Some(row),
        format!("chỉ tiêu {code} không được ghi \"Không áp dụng\": bộ tiêu chí chỉ cho phép điều đó với chỉ tiêu \"(nếu có)\""),
    )
    .fix(format!("xóa Trạng thái ở dòng {row} của so-lieu"))
}

pub fn dossier_target_unreadable(code: &str, row: usize, target: &str, why: &str) -> Problem {
    of(
        code,
        Some(row),
        format!("cột Chỉ tiêu \"{target}\" không đọc được ({why})"),
    )
    .fix("ghi ví dụ ≥ 70%, 100%, Có, ít nhất 04")
}

pub fn target_conflict(code: &str, row: usize, dossier: &str, set: &str) -> Problem {
    of(
        code,
        Some(row),
        format!("chỉ tiêu trong hồ sơ ({dossier}) mâu thuẫn với chỉ tiêu của bộ tiêu chí ({set})"),
    )
    .fix("sửa cột Chỉ tiêu cho khớp hoặc để trống")
}

pub fn no_target(code: &str, row: Option<usize>, year: i32) -> Problem {
    of(
        code,
        row,
        format!("chưa có chỉ tiêu (mục tiêu) cho năm {year}: ghi vào cột \"Chỉ tiêu\" của so-lieu (chỉ tiêu được giao năm {year}), ví dụ ≥ 70%"),
    )
}

pub fn result_unreadable(code: &str, row: usize, result: &str) -> Problem {
    of(
        code,
        Some(row),
        format!("kết quả \"{result}\" không đọc được"),
    )
    .fix("ghi một số (85,5 hoặc 85,5%), một phân số (12/15) hoặc Có/Không")
}

/// The result typed in so-lieu is not the one computed from list form `form` (`file`).
pub fn typed_differs_from_list(
    code: &str,
    row: Option<usize>,
    typed: &str,
    form: &str,
    file: &str,
    computed: &str,
) -> Problem {
    of(
        code,
        row,
        format!("kết quả ghi trong so-lieu ({typed}) khác kết quả tính từ Mẫu {form} ({file}): {computed}"),
    )
    .fix("sửa so-lieu hoặc danh sách cho khớp (có thể để trống Kết quả để dùng số tính từ danh sách)")
}

/// " (so-lieu, dòng 7)" when the result has a row.
fn at_row(row: Option<usize>) -> String {
    row.map(|r| format!(" (so-lieu, dòng {r})"))
        .unwrap_or_default()
}

/// A count of thôn above the commune's `so_thon`.
pub fn more_villages_than_commune(
    code: &str,
    row: Option<usize>,
    count: &str,
    so_thon: u32,
) -> Problem {
    of(
        code,
        row,
        format!(
            "chỉ tiêu {code}: kết quả {count} thôn{} lớn hơn số thôn của xã ([don_vi] so_thon = {so_thon} trong hoso.toml)",
            at_row(row)
        ),
    )
    .fix("sửa kết quả hoặc so_thon")
}

/// A bare count against a fraction-of-a-whole target (`fraction` "2/3") with no whole known.
pub fn fraction_needs_whole(
    code: &str,
    row: Option<usize>,
    fraction: &str,
    unit: &str,
    count: &str,
) -> Problem {
    let unit = if unit.trim().is_empty() {
        "đơn vị".to_string()
    } else {
        unit.to_lowercase()
    };
    of(
        code,
        row,
        format!(
            "chỉ tiêu {code}: chỉ tiêu là {fraction} của tổng số {unit}, nhưng kết quả \"{count}\"{} chỉ là một số đếm",
            at_row(row)
        ),
    )
    .fix(format!("ghi kèm tổng số, ví dụ \"8/12\" (8 trên 12 {unit}), hoặc ghi số thôn của xã vào hoso.toml: [don_vi] so_thon = 12"))
}

/// Why a result and a target do not compare (also a fragment of the appraisal's messages).
pub fn not_comparable(value: &str, target: &str, why: &str) -> String {
    format!("kết quả \"{value}\" không so được với chỉ tiêu {target}: {why}")
}

pub fn result_not_comparable(code: &str, value: &str, target: &str, why: &str) -> Problem {
    of(code, None, not_comparable(value, target, why))
}

/// No result for an indicator computed from the villages of village set `thon`.
pub fn no_result_from_villages(code: &str, thon: &str) -> Problem {
    of(
        code,
        None,
        format!("chưa có kết quả: chỉ tiêu được tính từ các thôn (thư mục thon/<tên thôn>/, bộ tiêu chí thôn {thon})"),
    )
    .fix(format!(
        "thêm thư mục của từng thôn và ghi bo_tieu_chi_thon = \"{thon}\" trong hoso.toml"
    ))
}

/// No result for an indicator computed from list form `form`.
pub fn no_result_from_list(code: &str, form: &str) -> Problem {
    of(
        code,
        None,
        format!("chưa có kết quả: thêm danh sách theo Mẫu {form} (tệp mau-{form}.xlsx) hoặc ghi cột Kết quả của so-lieu"),
    )
}

pub fn no_result(code: &str) -> Problem {
    of(
        code,
        None,
        "chưa có kết quả: ghi cột Kết quả của so-lieu (số liệu, Có/Không)".into(),
    )
}

pub fn in_progress_but_met(code: &str) -> Problem {
    Problem::warning(format!("đã đạt nhưng Trạng thái ghi \"{IN_PROGRESS}\""))
        .fix("xóa Trạng thái nếu đã hoàn thành")
        .indicator(code)
        .place_unsaid()
}

/// A rate typed above 100% (`150%`, `15/12`): kept, but it is seldom what was meant.
pub fn rate_over_hundred(code: &str, row: Option<usize>, shown: &str) -> Problem {
    let p = Problem::warning(format!("tỷ lệ {shown} lớn hơn 100%"))
        .fix("kiểm tra lại kết quả: tử số không vượt mẫu số, tỷ lệ ghi theo phần trăm (85,5%)")
        .indicator(code)
        .place_unsaid();
    match row {
        Some(r) => p.row(r),
        None => p,
    }
}

/// A top-level indicator without evidence, in its folder (`folder`, if there is one) or its
/// sub-conditions'; `asked` is the evidence the seed lists.
pub fn missing_evidence(code: &str, name: &str, folder: Option<&str>, asked: &[String]) -> Problem {
    let place = match folder {
        Some(f) => format!("thư mục \"{f}\" chưa có tệp nào"),
        None => format!("chưa có thư mục \"{code} …\""),
    };
    let asked = if asked.is_empty() {
        String::new()
    } else {
        // The seed's items may end with their own full stop: one stop, not two.
        let list: Vec<&str> = asked.iter().map(|a| a.trim_end_matches('.')).collect();
        format!(" Hồ sơ chứng minh cần có: {}.", list.join("; "))
    };
    Problem::error(format!("chỉ tiêu {code} ({}): {place}", clip(name, 80)))
        .fix(format!("thiếu tài liệu minh chứng.{asked} Đặt tài liệu vào thư mục bắt đầu bằng \"{code}\", hoặc một tệp giai-trinh.txt giải trình nếu không có tài liệu."))
        .indicator(code)
        .file_opt(folder.map(str::to_string))
        .place_unsaid()
}

// ---- the words of the evaluation ----

/// A parent's value from its sub-conditions: "2/3 điều kiện đạt".
pub fn conditions_met(met: usize, applicable: usize) -> String {
    format!("{met}/{applicable} điều kiện đạt")
}

/// "đã hoàn thành 36/37 tiêu chí năm 2024, tỷ lệ đạt 97,3%".
pub fn conclusion_sentence(met: usize, total: usize, year: i32, rate: &str) -> String {
    format!("đã hoàn thành {met}/{total} tiêu chí năm {year}, tỷ lệ đạt {rate}")
}

/// ĐẠT / KHÔNG ĐẠT by the set's recognition rule.
pub fn conclusion(met: bool) -> String {
    if met { "ĐẠT" } else { "KHÔNG ĐẠT" }.into()
}

// ---- a higher level's appraisal (tham-dinh/<xã>.csv, tham-tra/<xã>.csv) ----

/// A figure for a code the commune's package does not have.
pub fn figure_code_unknown(file: &str, row: usize, code: &str, set: &str) -> Problem {
    Problem::error(format!("mã {code} không có trong bộ tiêu chí {set}"))
        .fix("sửa mã cho đúng")
        .file(file)
        .row(row)
}

/// A figure of this level that cannot be used; `what` is one of the fragments below.
pub fn figure_invalid(file: &str, code: &str, what: &str) -> Problem {
    Problem::error(format!("chỉ tiêu {code}: {what}"))
        .file(file)
        .indicator(code)
}

pub fn figure_unreadable(file: &str, code: &str, figure: &str) -> Problem {
    figure_invalid(file, code, &format!("kết quả \"{figure}\" không đọc được"))
        .fix("ghi một số (65 hoặc 65%), một phân số (12/15) hoặc Có/Không")
}

pub fn figure_not_applicable_refused() -> String {
    "chỉ những chỉ tiêu \"(nếu có)\" mới được ghi \"Không áp dụng\"".into()
}

pub fn package_target_unreadable(target: &str, why: &str) -> String {
    format!("chỉ tiêu \"{target}\" của gói không đọc được ({why})")
}

pub fn figure_without_target(year: i32, figure: &str) -> String {
    format!("không có chỉ tiêu (mục tiêu) năm {year} để so sánh kết quả \"{figure}\"")
}

/// The note beside a figure that differs from the level below's (`lower`: "tự đánh giá của xã"),
/// with the evaluations when they flip.
pub fn differs_note(lower: &str, flip: Option<(&str, &str)>) -> String {
    match flip {
        Some((from, to)) => {
            format!("Khác kết quả {lower}, đánh giá chuyển từ {from} thành {to}")
        }
        None => format!("Khác kết quả {lower}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_read_as_before_with_place_and_fix_as_fields() {
        let p = not_applicable_refused("1.1", 4).file("so-lieu.csv");
        assert_eq!(p.text(), "chỉ tiêu 1.1 không được ghi \"Không áp dụng\": bộ tiêu chí chỉ cho phép điều đó với chỉ tiêu \"(nếu có)\" — xóa Trạng thái ở dòng 4 của so-lieu");
        assert_eq!((p.indicator.as_deref(), p.row), (Some("1.1"), Some(4)));
        let m = missing_evidence("1.1", "Kế hoạch", Some("1.1 KH"), &["Kế hoạch".into()]);
        assert_eq!(m.text(), "chỉ tiêu 1.1 (Kế hoạch): thư mục \"1.1 KH\" chưa có tệp nào — thiếu tài liệu minh chứng. Hồ sơ chứng minh cần có: Kế hoạch. Đặt tài liệu vào thư mục bắt đầu bằng \"1.1\", hoặc một tệp giai-trinh.txt giải trình nếu không có tài liệu.");
        assert_eq!(m.file.as_deref(), Some("1.1 KH"));
        let f = figure_unreadable("tham-dinh/a.csv", "3.2", "abc");
        assert_eq!(f.text(), "tham-dinh/a.csv: chỉ tiêu 3.2: kết quả \"abc\" không đọc được — ghi một số (65 hoặc 65%), một phân số (12/15) hoặc Có/Không");
        let u = figure_code_unknown("tham-dinh/a.csv", 5, "9.9", "x");
        assert_eq!(
            u.text(),
            "tham-dinh/a.csv, dòng 5: mã 9.9 không có trong bộ tiêu chí x — sửa mã cho đúng"
        );
    }

    #[test]
    fn the_evidence_asked_ends_with_one_full_stop() {
        let asked = [
            "Quyết định ban hành.".to_string(),
            "Báo cáo của UBND xã.".to_string(),
        ];
        let p = missing_evidence("1.1", "Kế hoạch", None, &asked);
        let fix = p.fix.unwrap();
        assert!(
            fix.contains("Quyết định ban hành; Báo cáo của UBND xã. Đặt"),
            "{fix}"
        );
        assert!(!fix.contains(".."), "{fix}");
    }
}
