//! The evaluation of one small in-memory set, one kind of target at a time (domain.md §4).

use super::*;
use crate::criteria::parse_set;
use crate::inputs::listform::MeasureResult;

/// One indicator per kind of target, a parent with two sub-conditions, a year table, targets
/// per commune group, an optional indicator, one computed from Mẫu 1.4 and one left to the
/// dossier: (code, unit, what the set file says of its target).
const INDICATORS: &[(&str, &str, &str)] = &[
    ("1.1", "%", "target = \"≥ 70%\""),
    ("1.2", "%", "target = \"trên 80%\""),
    ("1.3", "%", "target = \"100%\""),
    ("1.4", "Văn bản", "target = \"Có\""),
    ("1.5", "Phần mềm", "target = \"ít nhất 04\""),
    ("1.6", "Thôn", "target = \"2/3\""),
    ("1.7", "", "target = \"01 tin, bài/tháng\""),
    ("1.8", "", ""),
    ("1.8a", "%", "target = \"≥ 50%\"\nparent = \"1.8\""),
    ("1.8b", "Hệ thống", "target = \"Có\"\nparent = \"1.8\""),
    (
        "1.9",
        "%",
        "targets_by_year = { 2024 = \"50%\", 2025 = \"60%\" }",
    ),
    (
        "1.10",
        "%",
        "targets_by_group = { \"1\" = \"≥ 80%\", \"2\" = \"≥ 70%\" }",
    ),
    ("1.11", "Văn bản", "target = \"Có\"\noptional = true"),
    (
        "1.12",
        "%",
        "target = \"≥ 80%\"\ncomputed_from = { form = \"1.4\", measure = \"hop_thu\" }",
    ),
    ("1.13", "%", ""),
    ("1.14", "%", "target = \"≥ 90%; ≥ 80%\""),
];

/// The set of [`INDICATORS`], parsed as a set file is.
pub(super) fn set() -> CriteriaSet {
    let mut text = String::from(
        "id = \"thu\"\ntitle = \"Bộ thử\"\nlevel = \"xa\"\nkind = \"ntm\"\nsource = \"thử\"\n\
         [recognition]\nrule = \"all\"\n[[groups]]\ncode = \"1\"\nname = \"Nhóm\"\n",
    );
    for (code, unit, target) in INDICATORS {
        text.push_str(&format!(
            "[[indicators]]\ncode = \"{code}\"\ngroup = \"1\"\nname = \"Chỉ tiêu {code}\"\n\
             unit = \"{unit}\"\n{target}\nrequirement = \"\"\nguidance = []\nevidence = []\n"
        ));
    }
    parse_set("thu.toml", &text).unwrap()
}

/// A so-lieu row: code, result, dossier target, status; rows are numbered from 2 (header first).
pub(super) fn row(code: &str, result: &str) -> Row {
    Row {
        code: code.into(),
        result: result.into(),
        ..Row::default()
    }
}

/// Mẫu 1.4 with `num` of `den` officials having a mailbox.
fn list_14(num: i128, den: i128) -> ListForm {
    ListForm {
        code: "1.4".into(),
        file: "mau-1.4.csv".into(),
        column_index: Vec::new(),
        headers: Vec::new(),
        rows: Vec::new(),
        total: None,
        measures: vec![MeasureResult {
            key: "hop_thu".into(),
            num: Q::from_integer(num),
            den: Q::from_integer(den),
            is_count: false,
        }],
        warnings: Vec::new(),
        errors: Vec::new(),
        tables: Vec::new(),
    }
}

/// What evaluating `rows` gives, with the dossier's `so_thon`, group and year.
struct Run<'a> {
    set: CriteriaSet,
    rows: Vec<Row>,
    lists: Vec<ListForm>,
    so_thon: Option<u32>,
    nhom: &'a str,
    year: i32,
}

impl<'a> Run<'a> {
    fn new(rows: Vec<Row>) -> Run<'a> {
        let rows = rows
            .into_iter()
            .enumerate()
            .map(|(i, r)| Row { line: i + 2, ..r })
            .collect();
        Run {
            set: set(),
            rows,
            lists: Vec::new(),
            so_thon: None,
            nhom: "",
            year: 2024,
        }
    }

    fn go(&self) -> (Vec<Evaluated>, Summary) {
        let evidence = BTreeMap::new();
        evaluate(&Inputs {
            set: &self.set,
            year: self.year,
            rows: &self.rows,
            lists: &self.lists,
            evidence: &evidence,
            so_thon: self.so_thon,
            nhom: self.nhom,
        })
    }

    /// The evaluation of `code`.
    fn of(&self, code: &str) -> Evaluated {
        let (out, _) = self.go();
        out.into_iter().find(|e| e.code == code).unwrap()
    }
}

/// The evaluation of one indicator typed `result`.
fn one(code: &str, result: &str) -> Evaluated {
    Run::new(vec![row(code, result)]).of(code)
}

fn errors(e: &Evaluated) -> String {
    crate::problem::texts(&e.errors).join("\n")
}

#[test]
fn a_minimum_percentage_is_compared_exactly() {
    assert_eq!(one("1.1", "70%").evaluation, Evaluation::Dat);
    assert_eq!(one("1.1", "70").evaluation, Evaluation::Dat);
    let just_under = one("1.1", "69,999%");
    assert_eq!(just_under.evaluation, Evaluation::KhongDat);
    // Rounding for display must not make it look met.
    assert_eq!(just_under.value, "69,999%");
    let e = one("1.1", "72,5%");
    assert_eq!((e.value.as_str(), e.target.as_str()), ("72,5%", "≥ 70%"));
    let exact = e.exact.unwrap();
    assert_eq!((exact.num.as_str(), exact.den.as_str()), ("29", "40"));
    assert_eq!(e.source, ValueSource::Typed);
    assert!(e.errors.is_empty());
}

#[test]
fn a_strict_minimum_must_be_exceeded_and_100_percent_reached() {
    assert_eq!(one("1.2", "80%").evaluation, Evaluation::KhongDat);
    assert_eq!(one("1.2", "80,01%").evaluation, Evaluation::Dat);
    assert_eq!(one("1.2", "80,01%").target, "> 80%");
    assert_eq!(one("1.3", "99,99%").evaluation, Evaluation::KhongDat);
    let all = one("1.3", "100");
    assert_eq!(
        (all.evaluation, all.target.as_str()),
        (Evaluation::Dat, "100%")
    );
}

#[test]
fn presence_and_counts() {
    assert_eq!(one("1.4", "Có").evaluation, Evaluation::Dat);
    assert_eq!(one("1.4", "Không").evaluation, Evaluation::KhongDat);
    assert_eq!(one("1.4", "Có").value, "Có");
    assert_eq!(one("1.5", "4 phần mềm").evaluation, Evaluation::Dat);
    assert_eq!(one("1.5", "3").evaluation, Evaluation::KhongDat);
    assert_eq!(one("1.5", "4").target, "≥ 04");
    // Có against a percentage does not compare: the error says what to write.
    let n = one("1.1", "Có");
    assert_eq!(n.evaluation, Evaluation::KhongDat);
    assert!(
        errors(&n).contains("không so được với chỉ tiêu ≥ 70%"),
        "{}",
        errors(&n)
    );
}

#[test]
fn a_fraction_of_the_villages_needs_the_whole() {
    assert_eq!(one("1.6", "8/12").evaluation, Evaluation::Dat);
    assert_eq!(one("1.6", "7/12").evaluation, Evaluation::KhongDat);
    let bare = one("1.6", "8");
    assert_eq!(bare.evaluation, Evaluation::KhongDat);
    let p = &bare.errors[0];
    assert_eq!(p.indicator.as_deref(), Some("1.6"));
    assert_eq!(p.row, Some(2));
    assert!(p.message.contains("2/3 của tổng số thôn") && p.message.contains("(so-lieu, dòng 2)"));
    assert!(p.fix.as_deref().unwrap().contains("so_thon = 12"));
    let mut run = Run::new(vec![row("1.6", "8")]);
    run.so_thon = Some(12);
    let e = run.of("1.6");
    assert_eq!(
        (e.evaluation, e.value.as_str()),
        (Evaluation::Dat, "8/12 (66,67%)")
    );
    run.rows[0].result = "13".into();
    let e = run.of("1.6");
    assert_eq!(e.evaluation, Evaluation::KhongDat);
    assert!(
        errors(&e).contains("lớn hơn số thôn của xã"),
        "{}",
        errors(&e)
    );
    // Only the one problem: a value that cannot stand is not compared too.
    assert_eq!(e.errors.len(), 1);
}

#[test]
fn a_frequency_is_compared_per_year() {
    assert_eq!(one("1.7", "12 tin/năm").evaluation, Evaluation::Dat);
    assert_eq!(one("1.7", "1 tin, bài/tháng").evaluation, Evaluation::Dat);
    assert_eq!(one("1.7", "11 tin/năm").evaluation, Evaluation::KhongDat);
    let bare = one("1.7", "3");
    assert_eq!(bare.evaluation, Evaluation::KhongDat);
    assert!(
        errors(&bare).contains("12 tin, bài/năm"),
        "{}",
        errors(&bare)
    );
}

#[test]
fn a_conjunction_needs_every_part() {
    assert_eq!(one("1.14", "95%; 85%").evaluation, Evaluation::Dat);
    assert_eq!(one("1.14", "95%; 75%").evaluation, Evaluation::KhongDat);
    assert_eq!(one("1.14", "95%; 85%").value, "95%; 85%");
    let short = one("1.14", "95%");
    assert_eq!(short.evaluation, Evaluation::KhongDat);
    assert!(
        errors(&short).contains("ghi 2 kết quả"),
        "{}",
        errors(&short)
    );
}

#[test]
fn a_parent_is_met_iff_every_sub_condition_is() {
    let run = Run::new(vec![row("1.8a", "60%"), row("1.8b", "Có")]);
    let p = run.of("1.8");
    assert_eq!(p.evaluation, Evaluation::Dat);
    assert_eq!(p.value, "2/2 điều kiện đạt");
    assert_eq!(p.source, ValueSource::SubConditions);
    // A parent has no target of its own: no "chưa có chỉ tiêu" for it.
    assert!(p.errors.is_empty(), "{}", errors(&p));
    let run = Run::new(vec![row("1.8a", "60%"), row("1.8b", "Không")]);
    let p = run.of("1.8");
    assert_eq!(
        (p.evaluation, p.value.as_str()),
        (Evaluation::KhongDat, "1/2 điều kiện đạt")
    );
    // Sub-conditions are not counted in N/M; the parent is.
    let (out, s) = run.go();
    let top = out.iter().filter(|e| e.parent.is_none()).count();
    assert_eq!(s.total, top);
}

#[test]
fn a_year_table_and_the_dossiers_target() {
    let mut run = Run::new(vec![row("1.9", "55%")]);
    assert_eq!(run.of("1.9").evaluation, Evaluation::Dat);
    assert_eq!(run.of("1.9").target, "≥ 50%");
    run.year = 2025;
    assert_eq!(run.of("1.9").evaluation, Evaluation::KhongDat);
    run.year = 2023;
    let e = run.of("1.9");
    let p = &e.errors[0];
    assert_eq!(p.indicator.as_deref(), Some("1.9"));
    assert!(
        p.message
            .contains("chưa có chỉ tiêu (mục tiêu) cho năm 2023"),
        "{}",
        p.text()
    );
    // The dossier gives it, or a yearly file of the set does.
    run.rows[0].target = "≥ 40%".into();
    assert_eq!(run.of("1.9").evaluation, Evaluation::Dat);
    let mut run = Run::new(vec![row("1.13", "35%")]);
    assert!(errors(&run.of("1.13")).contains("chưa có chỉ tiêu"));
    let yearly = Target::parse("≥ 30%", true).unwrap();
    run.set
        .yearly
        .entry(2024)
        .or_default()
        .insert("1.13".into(), yearly);
    let e = run.of("1.13");
    assert_eq!(
        (e.evaluation, e.target.as_str()),
        (Evaluation::Dat, "≥ 30%")
    );
}

#[test]
fn a_dossier_target_contradicting_the_sets_is_an_error() {
    let mut run = Run::new(vec![row("1.1", "65%")]);
    run.rows[0].target = "≥ 60%".into();
    let e = run.of("1.1");
    // The set's target stands.
    assert_eq!(
        (e.evaluation, e.target.as_str()),
        (Evaluation::KhongDat, "≥ 70%")
    );
    let p = &e.errors[0];
    assert_eq!(
        p.message,
        "chỉ tiêu trong hồ sơ (≥ 60%) mâu thuẫn với chỉ tiêu của bộ tiêu chí (≥ 70%)"
    );
    assert_eq!((p.row, p.fix.is_some()), (Some(2), true));
    run.rows[0].target = "tối thiểu 70%".into();
    assert!(run.of("1.1").errors.is_empty());
    run.rows[0].target = "khoảng 70".into();
    assert!(errors(&run.of("1.1")).contains("cột Chỉ tiêu \"khoảng 70\" không đọc được"));
}

#[test]
fn targets_by_commune_group() {
    let mut run = Run::new(vec![row("1.10", "75%")]);
    run.nhom = "2";
    assert_eq!(run.of("1.10").evaluation, Evaluation::Dat);
    run.nhom = "1";
    assert_eq!(run.of("1.10").evaluation, Evaluation::KhongDat);
    run.nhom = "";
    let e = run.of("1.10");
    assert_eq!(e.evaluation, Evaluation::KhongDat);
    assert_eq!(e.errors.len(), 1, "{}", errors(&e));
    assert_eq!(e.errors[0].file.as_deref(), Some("hoso.toml"));
    assert_eq!(e.errors[0].indicator.as_deref(), Some("1.10"));
}

#[test]
fn not_applicable_only_where_the_seed_allows_it() {
    let mut r = row("1.11", "");
    r.status = Some(Status::NotApplicable);
    let run = Run::new(vec![r]);
    let e = run.of("1.11");
    assert_eq!(
        (e.evaluation, e.value.as_str()),
        (Evaluation::KhongApDung, "Không áp dụng")
    );
    let (out, s) = run.go();
    let counted = out
        .iter()
        .filter(|e| e.parent.is_none() && e.code != "1.11")
        .count();
    assert_eq!(s.total, counted, "Không áp dụng is left out of N/M");
    let mut r = row("1.4", "Có");
    r.status = Some(Status::NotApplicable);
    let e = Run::new(vec![r]).of("1.4");
    assert_eq!(e.evaluation, Evaluation::Dat);
    assert_eq!(
        e.errors[0].fix.as_deref(),
        Some("xóa Trạng thái ở dòng 2 của so-lieu")
    );
}

#[test]
fn in_progress_is_not_met_and_noted() {
    let mut r = row("1.1", "60%");
    r.status = Some(Status::InProgress);
    let e = Run::new(vec![r.clone()]).of("1.1");
    assert_eq!(e.evaluation, Evaluation::DangTrienKhai);
    assert_eq!(e.evaluation.label(), "Không đạt");
    assert_eq!(e.note, "Đang triển khai");
    // Already met: Đạt, with a warning, and no note.
    r.result = "75%".into();
    r.note = "Ghi chú".into();
    let e = Run::new(vec![r]).of("1.1");
    assert_eq!(
        (e.evaluation, e.note.as_str()),
        (Evaluation::Dat, "Ghi chú")
    );
    assert_eq!(e.warnings.len(), 1);
    assert!(!e.warnings[0].is_error());
}

#[test]
fn a_typed_figure_must_agree_with_the_list() {
    let mut run = Run::new(vec![row("1.12", "95,65")]);
    run.lists.push(list_14(22, 23));
    let e = run.of("1.12");
    assert!(e.errors.is_empty(), "{}", errors(&e));
    assert_eq!(e.value, "22/23 (95,65%)");
    assert_eq!(
        e.source,
        ValueSource::ListForm {
            file: "mau-1.4.csv".into(),
            form: "1.4".into()
        }
    );
    run.rows[0].result = "95,7%".into();
    assert!(run.of("1.12").errors.is_empty(), "rounded to one decimal");
    run.rows[0].result = "90%".into();
    let e = run.of("1.12");
    let p = &e.errors[0];
    assert_eq!(p.message, "kết quả ghi trong so-lieu (90%) khác kết quả tính từ Mẫu 1.4 (mau-1.4.csv): 22/23 (95,65%)");
    assert_eq!((p.indicator.as_deref(), p.row), (Some("1.12"), Some(2)));
    // The computed value stands.
    assert_eq!(e.evaluation, Evaluation::Dat);
    // Excel's percent cell holds 0.857 for 85,7%: one decimal of a percentage, so it is 6/7
    // rounded (it used to be taken at three decimals and refused).
    let mut run = Run::new(vec![row("1.12", "0.857")]);
    run.rows[0].result_number = Some(0.857);
    run.lists.push(list_14(6, 7));
    assert!(
        run.of("1.12").errors.is_empty(),
        "{}",
        errors(&run.of("1.12"))
    );
    // Typed with a decimal point and three decimals, it is taken at three decimals.
    run.rows[0] = Row {
        line: 2,
        ..row("1.12", "85.700%")
    };
    assert!(!run.of("1.12").errors.is_empty());
    // Nothing typed and no list: say which list to add.
    let e = Run::new(vec![row("1.12", "")]).of("1.12");
    assert!(errors(&e).contains("thêm danh sách theo Mẫu 1.4 (tệp mau-1.4.xlsx)"));
}

#[test]
fn excel_percent_cells_and_unreadable_results() {
    let mut r = row("1.1", "0.75");
    r.result_number = Some(0.75);
    let e = Run::new(vec![r]).of("1.1");
    assert_eq!((e.evaluation, e.value.as_str()), (Evaluation::Dat, "75%"));
    let e = one("1.1", "bảy mươi");
    assert_eq!(e.evaluation, Evaluation::KhongDat);
    assert_eq!(e.errors[0].message, "kết quả \"bảy mươi\" không đọc được");
    assert_eq!(e.errors[0].row, Some(2));
    // With no result at all the error says where to write it.
    assert!(errors(&one("1.4", "")).contains("chưa có kết quả: ghi cột Kết quả"));
}

/// Three top-level indicators, two met, under `rule`.
fn two_of_three(rule: &str) -> Summary {
    let mut s = set();
    s.indicators
        .retain(|i| ["1.1", "1.4", "1.5"].contains(&i.code.as_str()));
    s.recognition = rule_of(rule);
    let rows = vec![row("1.1", "75%"), row("1.4", "Có"), row("1.5", "2")];
    let evidence = BTreeMap::new();
    evaluate(&Inputs {
        set: &s,
        year: 2024,
        rows: &rows,
        lists: &[],
        evidence: &evidence,
        so_thon: None,
        nhom: "",
    })
    .1
}

fn rule_of(rule: &str) -> Recognition {
    match rule.split_once('=') {
        Some(("min_share", p)) => Recognition::MinShare { percent: p.into() },
        Some(("min_count", n)) => Recognition::MinCount {
            count: n.parse().unwrap(),
        },
        _ => Recognition::All,
    }
}

#[test]
fn the_recognition_rule_decides_the_conclusion() {
    let all = two_of_three("all");
    assert_eq!((all.dat, all.total), (2, 3));
    assert_eq!(all.ty_le, "66,67%");
    assert_eq!(all.ket_luan, "KHÔNG ĐẠT");
    assert_eq!(
        all.cau_ket_luan,
        "đã hoàn thành 2/3 tiêu chí năm 2024, tỷ lệ đạt 66,67%"
    );
    assert!(two_of_three("min_share=60%").dat_yeu_cau);
    assert!(!two_of_three("min_share=70%").dat_yeu_cau);
    assert_eq!(two_of_three("min_count=2").ket_luan, "ĐẠT");
    assert!(!two_of_three("min_count=3").dat_yeu_cau);
}
