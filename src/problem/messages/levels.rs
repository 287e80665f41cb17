//! What a higher level (district, steering committee, province) is told about its dossier and the
//! packages it received. A package's problem names the package as its file: "Tân-Phúc.zip: …".

use crate::problem::Problem;

/// A problem of one received package.
fn package(shown: &str, message: String) -> Problem {
    Problem::error(message).file(shown)
}

pub fn package_unreadable(shown: &str, why: &str) -> Problem {
    package(shown, why.to_string())
}

pub fn zip_hash_differs(shown: &str, sha256: &str, sidecar: &str, want: &str) -> Problem {
    package(
        shown,
        format!("mã SHA-256 của tệp zip ({sha256}) khác mã ghi trong {sidecar} ({want})"),
    )
    .fix("gói đã bị thay đổi sau khi lập")
}

pub fn signature_broken(shown: &str, name: &str, reason: &str) -> Problem {
    package(
        shown,
        format!("chữ ký số của data/{name} không còn khớp nội dung ({reason})"),
    )
}

pub fn data_unreadable(shown: &str, name: &str, why: &str) -> Problem {
    package(shown, format!("data/{name}: {why}"))
}

pub fn results_unreadable(shown: &str, why: &str) -> Problem {
    package(shown, format!("không đọc được ho-so/ket-qua.json ({why})"))
}

pub fn results_invalid(shown: &str, why: &str) -> Problem {
    package(shown, format!("ho-so/ket-qua.json không hợp lệ ({why})"))
}

pub fn other_set(shown: &str, theirs: &str, ours: &str) -> Problem {
    package(
        shown,
        format!("gói thuộc bộ tiêu chí \"{theirs}\", còn hồ sơ này là bộ tiêu chí \"{ours}\""),
    )
}

pub fn other_year(shown: &str, theirs: &str, ours: i32) -> Problem {
    package(
        shown,
        format!("gói là hồ sơ năm {theirs}, còn hồ sơ này đánh giá năm {ours}"),
    )
}

pub fn other_level(shown: &str, theirs: &str, wanted: &str) -> Problem {
    package(
        shown,
        format!("gói là hồ sơ cấp \"{theirs}\", ở đây cần hồ sơ cấp \"{wanted}\""),
    )
}

pub fn indicators_unreadable(shown: &str, why: &str) -> Problem {
    package(
        shown,
        format!("danh sách chỉ tiêu trong ket-qua.json không đọc được ({why})"),
    )
}

pub fn no_commune_or_indicators(shown: &str) -> Problem {
    package(
        shown,
        "ket-qua.json không có tên xã hoặc danh sách chỉ tiêu".into(),
    )
}

pub fn commune_of_other_province(shown: &str, commune: &str, theirs: &str, ours: &str) -> Problem {
    package(
        shown,
        format!("gói của {commune} thuộc tỉnh {theirs}, không phải tỉnh {ours}"),
    )
}

pub fn district_of_other_province(shown: &str, theirs: &str, ours: &str) -> Problem {
    package(
        shown,
        format!("gói của tỉnh {theirs}, không phải tỉnh {ours}"),
    )
}

pub fn commune_without_record(district: &str, inner: &str) -> Problem {
    package(
        district,
        format!("data/{inner} không có kết quả thẩm định trong ho-so/ket-qua.json của huyện"),
    )
}

pub fn record_without_commune(district: &str, goi: &str) -> Problem {
    package(
        district,
        format!("ket-qua.json nêu {goi} nhưng gói không có tệp data/{goi}"),
    )
}

pub fn copy_failed(shown: &str, why: String) -> Problem {
    Problem::error(why).file(shown).place_unsaid()
}

pub fn record_of_other_commune(district: &str, recorded: &str, inner: &str, xa: &str) -> Problem {
    package(
        district,
        format!("kết quả thẩm định ghi cho xã \"{recorded}\" nhưng gói {inner} là của xã \"{xa}\""),
    )
}

pub fn recorded_indicator_missing(district: &str, code: &str, inner: &str) -> Problem {
    package(
        district,
        format!("chỉ tiêu {code} có trong kết quả thẩm định nhưng không có trong gói {inner}"),
    )
    .indicator(code)
}

pub fn recorded_figure_differs(
    district: &str,
    xa: &str,
    code: &str,
    recorded: &str,
    own: &str,
) -> Problem {
    package(
        district,
        format!("kết quả tự đánh giá của {xa} chỉ tiêu {code} ghi trong hồ sơ thẩm định ({recorded}) khác gói của xã ({own})"),
    )
    .indicator(code)
}

pub fn commune_of_other_district(shown: &str, commune: &str, district: &str) -> Problem {
    package(shown, format!("gói của {commune}")).fix(format!("không thuộc {district}"))
}

pub fn commune_twice(shown: &str, commune: &str, first: &str) -> Problem {
    package(shown, format!("{commune} đã có trong gói {first}")).fix("mỗi xã chỉ một gói hồ sơ")
}

pub fn strict_problems_left(
    shown: &str,
    commune: &str,
    errors: usize,
    warnings: usize,
    example: &str,
) -> Problem {
    package(
        shown,
        format!("--nghiem-ngat: hồ sơ của {commune} còn {errors} lỗi và {warnings} cảnh báo khi tự kiểm tra (ví dụ: {example})"),
    )
}

pub fn strict_report_unsigned(shown: &str, commune: &str) -> Problem {
    package(
        shown,
        format!("--nghiem-ngat: Báo cáo (Mẫu 01) của {commune} chưa được ký số"),
    )
    .fix("xã ký rồi lập gói nộp bằng `hoso package`")
}

pub fn no_district_figures(shown: &str) -> Problem {
    Problem::error("gói không có kết quả thẩm định của huyện")
        .file(shown)
        .place_unsaid()
}

/// Problems of the dossier itself (nothing is built).
pub fn agency_missing() -> Problem {
    Problem::error("hoso.toml: thiếu [don_vi] co_quan — tên cơ quan của thành viên Ban chỉ đạo, in ở đầu văn bản (ví dụ co_quan = \"Sở Nội vụ\")")
        .file("hoso.toml")
        .place_unsaid()
}

pub fn inbox_missing(folder: &str) -> Problem {
    Problem::error(format!("thiếu thư mục {folder}/: đặt vào đó các gói hồ sơ (.zip) nhận được, giữ nguyên như khi nhận"))
        .file(folder)
        .place_unsaid()
}

pub fn inbox_empty(folder: &str) -> Problem {
    Problem::error(format!(
        "thư mục {folder}/ không có gói hồ sơ nào (.zip do `hoso build` lập)"
    ))
    .file(folder)
    .place_unsaid()
}

/// A note (not a problem): a file of the inbox that is no package.
pub fn not_a_package(folder: &str, name: &str) -> String {
    format!("{folder}/{name}: không phải gói hồ sơ (.zip), bỏ qua")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_package_problem_starts_with_the_package() {
        let p = commune_twice("Tan-Phuc.zip", "xã Tân Phúc (huyện Hoằng Hóa)", "a.zip");
        assert_eq!(
            p.text(),
            "Tan-Phuc.zip: xã Tân Phúc (huyện Hoằng Hóa) đã có trong gói a.zip — mỗi xã chỉ một gói hồ sơ"
        );
        assert_eq!(p.file.as_deref(), Some("Tan-Phuc.zip"));
        let q = recorded_figure_differs("H.zip", "Tân Phúc", "1.4", "90%", "95%");
        assert_eq!(q.indicator.as_deref(), Some("1.4"));
        assert!(q.text().starts_with("H.zip: kết quả tự đánh giá"));
    }
}
