//! What the `criteria` stage tells: a set file, a yearly-target file or a chain of levels that
//! cannot be used (naming the file and the indicator), a target that cannot be read, a value that
//! cannot be compared with its target, and the commune group a target needs.

use crate::problem::Problem;

// ---- set files (forms/sets/<id>.toml) ----

/// A set-file problem: the file is the place (`forms/sets/x.toml: …`).
fn in_set(origin: &str, message: String) -> Problem {
    Problem::error(message).file(origin)
}

pub fn set_unreadable(origin: &str, detail: &str) -> Problem {
    in_set(origin, format!("tệp bộ tiêu chí không hợp lệ: {detail}"))
}

pub fn set_id_invalid(origin: &str, id: &str) -> Problem {
    in_set(
        origin,
        format!("id \"{id}\" chỉ được gồm chữ thường không dấu, chữ số và dấu '-'"),
    )
}

pub fn set_title_missing(origin: &str) -> Problem {
    in_set(origin, "thiếu title (tên bộ tiêu chí)".into())
}

pub fn deadline_invalid(origin: &str, deadline: &str) -> Problem {
    in_set(
        origin,
        format!("deadline \"{deadline}\" phải có dạng MM-DD"),
    )
}

/// `rule = "min_share"` without `min_share` (or `min_count` without `min_count`).
pub fn recognition_needs(origin: &str, rule: &str) -> Problem {
    in_set(origin, format!("recognition.rule = \"{rule}\" cần {rule}"))
}

pub fn recognition_share_unreadable(origin: &str, why: &str) -> Problem {
    in_set(origin, format!("recognition.min_share: {why}"))
}

pub fn recognition_rule_unknown(origin: &str, rule: &str) -> Problem {
    in_set(
        origin,
        format!("recognition.rule \"{rule}\" không hợp lệ (all | min_share | min_count)"),
    )
}

pub fn set_without_groups(origin: &str) -> Problem {
    in_set(origin, "bộ tiêu chí không có nhóm nào ([[groups]])".into())
}

pub fn group_duplicate(origin: &str, code: &str) -> Problem {
    in_set(origin, format!("nhóm {code} bị trùng"))
}

pub fn set_without_indicators(origin: &str) -> Problem {
    in_set(
        origin,
        "bộ tiêu chí không có chỉ tiêu nào ([[indicators]])".into(),
    )
}

/// An indicator of a set file that cannot be used; `what` is one of the fragments below.
pub fn indicator_invalid(origin: &str, code: &str, what: &str) -> Problem {
    let p = in_set(origin, format!("chỉ tiêu {code}: {what}"));
    if code.is_empty() {
        p
    } else {
        p.indicator(code)
    }
}

pub fn code_blank() -> String {
    "mã chỉ tiêu trống hoặc có khoảng trắng".into()
}

pub fn code_duplicate() -> String {
    "mã chỉ tiêu bị trùng".into()
}

pub fn group_not_declared(group: &str) -> String {
    format!("nhóm \"{group}\" không có trong [[groups]]")
}

pub fn name_missing() -> String {
    "thiếu tên chỉ tiêu (name)".into()
}

pub fn parent_missing(parent: &str) -> String {
    format!("chỉ tiêu cha \"{parent}\" không có hoặc đứng sau chỉ tiêu con")
}

pub fn target_unreadable(target: &str, why: &str) -> String {
    format!("chỉ tiêu \"{target}\" không đọc được: {why}")
}

pub fn year_invalid(year: &str) -> String {
    format!("năm \"{year}\" trong targets_by_year không hợp lệ")
}

pub fn year_target_unreadable(year: i32, target: &str, why: &str) -> String {
    format!("chỉ tiêu năm {year} \"{target}\": {why}")
}

pub fn group_blank() -> String {
    "targets_by_group có nhóm trống".into()
}

pub fn group_target_unreadable(group: &str, target: &str, why: &str) -> String {
    format!("chỉ tiêu nhóm {group} \"{target}\": {why}")
}

pub fn group_targets_alone() -> String {
    "targets_by_group không dùng cùng target hay targets_by_year".into()
}

pub fn source_set_without_target() -> String {
    "target_source = \"set\" nhưng không có target".into()
}

pub fn fixed_target_not_from_set() -> String {
    "có target cố định nhưng target_source không phải \"set\"".into()
}

pub fn computed_from_incomplete() -> String {
    "computed_from cần form (mẫu danh sách) hoặc thon (bộ tiêu chí thôn), và measure".into()
}

pub fn village_measure_unknown(measure: &str, known: &[&str]) -> String {
    format!(
        "computed_from.measure \"{measure}\" không có; dùng {}",
        known.join(", ")
    )
}

// ---- yearly targets (forms/targets/<id>.toml) and the catalog ----

pub fn yearly_unreadable(origin: &str, detail: &str) -> Problem {
    in_set(
        origin,
        format!("tệp chỉ tiêu theo năm không hợp lệ: {detail}"),
    )
}

pub fn yearly_not_a_year(origin: &str, year: &str) -> Problem {
    in_set(origin, format!("\"{year}\" không phải là năm"))
}

pub fn yearly_code_unknown(origin: &str, year: i32, set: &str, code: &str) -> Problem {
    in_set(
        origin,
        format!("năm {year}: bộ {set} không có chỉ tiêu {code}"),
    )
}

pub fn yearly_target_fixed(origin: &str, year: i32, code: &str) -> Problem {
    in_set(
        origin,
        format!("năm {year}: chỉ tiêu {code} đã có chỉ tiêu cố định trong bộ tiêu chí"),
    )
    .indicator(code)
}

pub fn yearly_target_unreadable(origin: &str, year: i32, code: &str, why: &str) -> Problem {
    in_set(origin, format!("năm {year}: chỉ tiêu {code}: {why}")).indicator(code)
}

/// `targets/<name>.toml` for a set no file defines.
pub fn yearly_without_set(origin: &str, name: &str) -> Problem {
    in_set(origin, format!("không có bộ tiêu chí \"{name}\""))
}

/// A set id no file defines (the command cannot run).
pub fn set_unknown(id: &str, known: &[String]) -> String {
    format!(
        "Không có bộ tiêu chí \"{id}\". Các bộ tiêu chí có sẵn: {}",
        known.join(", ")
    )
}

/// What the forms folder itself could not give (the message names its own place).
pub fn forms_unreadable(message: String) -> Problem {
    Problem::error(message)
}

// ---- the target grammar (fragments of the messages above and of the evaluation's) ----

pub fn target_empty() -> String {
    "chỉ tiêu trống".into()
}

pub fn target_too_long() -> String {
    "chỉ tiêu quá dài".into()
}

pub fn target_without_number(text: &str) -> String {
    format!("không đọc được số trong chỉ tiêu \"{text}\"")
}

pub fn fraction_invalid(text: &str) -> String {
    format!("phân số không hợp lệ \"{text}\"")
}

pub fn after_fraction(tail: &str) -> String {
    format!("không hiểu phần \"{tail}\" sau phân số")
}

pub fn number_unreadable(number: &str, text: &str) -> String {
    format!("không đọc được số \"{number}\" trong chỉ tiêu \"{text}\"")
}

pub fn target_negative(text: &str) -> String {
    format!("chỉ tiêu âm \"{text}\"")
}

pub fn after_percent(after: &str) -> String {
    format!("không hiểu phần \"{after}\" sau dấu %")
}

pub fn percent_over_100(text: &str) -> String {
    format!("tỷ lệ lớn hơn 100% trong chỉ tiêu \"{text}\"")
}

pub fn period_unknown(text: &str) -> String {
    format!("không hiểu tần suất \"{text}\" (kỳ phải là ngày, tuần, tháng, quý hoặc năm)")
}

pub fn target_not_understood(text: &str) -> String {
    format!("không hiểu chỉ tiêu \"{text}\"")
}

// ---- a value that cannot be compared with its target (fragments) ----

pub fn values_per_part(parts: usize) -> String {
    format!("chỉ tiêu gồm {parts} điều kiện: ghi {parts} kết quả, cách nhau bởi dấu ;")
}

pub fn one_part_many_values() -> String {
    "chỉ tiêu chỉ có một điều kiện nhưng kết quả ghi nhiều giá trị".into()
}

pub fn rate_against_non_frequency() -> String {
    "kết quả ghi theo kỳ (…/tháng, …/năm) nhưng chỉ tiêu không phải là tần suất: ghi một số, một tỷ lệ hoặc Có/Không".into()
}

pub fn target_period_unknown(per: &str) -> String {
    format!("kỳ \"{per}\" của chỉ tiêu không hiểu")
}

pub fn zero_denominator() -> String {
    "mẫu số bằng 0: không tính được tỷ lệ".into()
}

pub fn rate_needs_percent() -> String {
    "chỉ tiêu là một tỷ lệ: ghi kết quả bằng số phần trăm (ví dụ 85,5%)".into()
}

pub fn many_values() -> String {
    "kết quả có nhiều giá trị".into()
}

pub fn rate_not_per_period() -> String {
    "chỉ tiêu là một tỷ lệ: ghi kết quả bằng số phần trăm, không ghi theo kỳ".into()
}

pub fn count_not_per_period() -> String {
    "chỉ tiêu là một số lượng: ghi số, không ghi theo kỳ (…/tháng)".into()
}

/// How to write a result against a frequency target: `min` `unit` per `per`, `year` a year.
pub fn frequency_how_to_write(min: &str, unit: &str, per: &str, year: &str) -> String {
    format!(
        "chỉ tiêu là tần suất ({min} {unit}/{per}): ghi kết quả kèm kỳ, ví dụ \"{min} {unit}/{per}\" hoặc tổng cả năm đánh giá \"{year} {unit}/năm\" (cần ít nhất {year} {unit}/năm; hoso tính 1 năm = 12 tháng = 52 tuần = 4 quý = 365 ngày)"
    )
}

// ---- targets per commune group (hoso.toml nhom_xa) ----

/// One group's target in the list the two messages below give: "nhóm 1: ≥ 80%".
pub fn group_target_item(group: &str, target: &str) -> String {
    format!("nhóm {group}: {target}")
}

/// `groups` lists the set's groups and targets ("nhóm 1: ≥ 80%; nhóm 2: ≥ 70%").
pub fn group_missing(code: &str, groups: &str, example: &str) -> Problem {
    Problem::error(format!(
        "chỉ tiêu {code} có chỉ tiêu theo nhóm xã ({groups}): ghi nhóm của xã trong hoso.toml, ví dụ nhom_xa = \"{example}\""
    ))
    .indicator(code)
    .file("hoso.toml")
    .place_unsaid()
}

pub fn group_unknown(code: &str, nhom: &str, groups: &str) -> Problem {
    Problem::error(format!(
        "chỉ tiêu {code}: nhom_xa = \"{nhom}\" không có trong các nhóm của bộ tiêu chí ({groups})"
    ))
    .fix("sửa nhom_xa trong hoso.toml")
    .indicator(code)
    .file("hoso.toml")
    .place_unsaid()
}

// ---- chains of levels (forms/chains/<id>.toml) ----

pub fn chain_unreadable(origin: &str, detail: &str) -> String {
    format!("{origin}: quy trình không hợp lệ: {detail}")
}

pub fn chain_level_unknown(origin: &str, cap: &str) -> String {
    format!("{origin}: cấp \"{cap}\" không hợp lệ")
}

pub fn chain_level_incomplete(origin: &str, cap: &str) -> String {
    format!("{origin}: cấp {cap} cần reads (thư mục gói nhận) và documents (văn bản lập)")
}

pub fn chain_lower_invalid(origin: &str, cap: &str) -> String {
    format!("{origin}: cấp {cap}: lower phải là xa hoặc huyen")
}

pub fn chain_signer_invalid(origin: &str, cap: &str) -> String {
    format!("{origin}: cấp {cap}: signer phải có hai dòng: thẩm quyền ký và chức vụ, ví dụ [\"KT. GIÁM ĐỐC\", \"PHÓ GIÁM ĐỐC\"]")
}

pub fn chain_document_unknown(origin: &str, cap: &str, document: &str, known: &[&str]) -> String {
    format!(
        "{origin}: cấp {cap}: văn bản \"{document}\" không có (có: {})",
        known.join(", ")
    )
}

pub fn chain_unknown(id: &str, known: &[String]) -> String {
    format!(
        "quy_trinh = \"{id}\" không có; các quy trình có sẵn: {}",
        known.join(", ")
    )
}
