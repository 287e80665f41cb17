//! A level's own figures (tham-dinh/<xã>.csv for a district, tham-tra/<xã>.csv for the Sở) beside
//! the figures of the level below, and the evaluation that follows: the level's figure where it
//! gives one (compared exactly with the indicator's target), the lower level's otherwise; parents
//! met iff every applicable sub-condition is; the set's recognition rule for the conclusion.

use crate::criteria::value::display_value;
use crate::criteria::{CriteriaSet, Figure, Target};
use crate::evaluate::{summarize, Evaluated, Evaluation, Summary, ValueSource};
pub use crate::inputs::figures::Figures;
use crate::inputs::received::Ind;
use crate::problem::messages::evaluate as msg;
use crate::problem::Problem;
use crate::text::fold;

/// One indicator at this level.
#[derive(Clone, Debug)]
pub struct Row {
    pub code: String,
    pub parent: Option<String>,
    pub group: String,
    pub name: String,
    pub unit: String,
    pub target: String,
    /// The figure of the level below and its evaluation.
    pub lower_value: String,
    pub lower_eval: Evaluation,
    /// This level's figure (the lower one when this level gives none) and evaluation.
    pub value: String,
    pub evaluation: Evaluation,
    /// This level typed a figure of its own.
    pub own: bool,
    /// This level's figure differs from the lower one.
    pub differs: bool,
    pub note: String,
}

pub fn parse_eval(s: &str) -> Evaluation {
    match s {
        "dat" => Evaluation::Dat,
        "dang_trien_khai" => Evaluation::DangTrienKhai,
        "khong_ap_dung" => Evaluation::KhongApDung,
        _ => Evaluation::KhongDat,
    }
}

pub fn eval_id(e: Evaluation) -> &'static str {
    match e {
        Evaluation::Dat => "dat",
        Evaluation::KhongDat => "khong_dat",
        Evaluation::DangTrienKhai => "dang_trien_khai",
        Evaluation::KhongApDung => "khong_ap_dung",
    }
}

/// Whether the lower figure (as displayed) is the same as this level's (`own`, typed as
/// `own_text`): the one rule of `Figure::agrees`; text that is no figure is compared as words.
fn same(lower: &str, own: &Figure, own_text: &str) -> bool {
    match Figure::shown(lower) {
        Some(l) => own.agrees(&l, true),
        None => fold(lower) == fold(own_text),
    }
}

fn join(a: &str, b: &str) -> String {
    match (a.trim().is_empty(), b.trim().is_empty()) {
        (true, _) => b.trim().to_string(),
        (_, true) => a.trim().to_string(),
        _ => format!("{}; {}", a.trim(), b.trim()),
    }
}

/// Words for the difference note, e.g. ("tự đánh giá của xã").
pub struct Words<'a> {
    pub lower: &'a str,
}

/// This level's rows for one commune. `lower` is the lower level's indicators; `figs` this level's
/// figures (none: it agrees with every lower figure). Problems name the file, the code and the fix.
pub fn appraise(
    set: &CriteriaSet,
    year: i32,
    lower: &[Ind],
    figs: Option<&Figures>,
    words: &Words,
) -> Result<(Vec<Row>, Summary), Vec<Problem>> {
    let mut errors = figs
        .map(|f| unknown_codes(set, lower, f))
        .unwrap_or_default();
    let mut rows: Vec<Row> = lower
        .iter()
        .map(|ind| row_of(set, year, ind, figs, &mut errors))
        .collect();
    resolve_parents(&mut rows);
    add_notes(&mut rows, words);
    if !errors.is_empty() {
        return Err(errors);
    }
    let evaluated: Vec<Evaluated> = rows.iter().map(as_evaluated).collect();
    let summary = summarize(set, &evaluated, year);
    Ok((rows, summary))
}

/// Figures for codes the commune's package does not have.
fn unknown_codes(set: &CriteriaSet, lower: &[Ind], f: &Figures) -> Vec<Problem> {
    f.rows
        .iter()
        .filter(|(code, _)| !lower.iter().any(|i| i.code == **code))
        .map(|(code, (_, _, _, line))| msg::figure_code_unknown(&f.file, *line, code, &set.id))
        .collect()
}

/// One indicator: the lower level's figure, replaced by this level's where it typed one.
fn row_of(
    set: &CriteriaSet,
    year: i32,
    ind: &Ind,
    figs: Option<&Figures>,
    errors: &mut Vec<Problem>,
) -> Row {
    let lower_eval = parse_eval(&ind.evaluation);
    let mut row = Row {
        code: ind.code.clone(),
        parent: ind.parent.clone(),
        group: ind.group.clone(),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        target: ind.target.clone(),
        lower_value: ind.value.clone(),
        lower_eval,
        value: ind.value.clone(),
        evaluation: lower_eval,
        own: false,
        differs: false,
        note: String::new(),
    };
    let typed = figs.and_then(|f| Some((f.file.as_str(), f.rows.get(&ind.code)?)));
    if let Some((file, (text, number, note, _))) = typed {
        row.note = note.clone();
        if !text.trim().is_empty() {
            match own_figure(set, year, ind, file, text, *number) {
                Ok(own) => {
                    row.own = true;
                    row.differs = match &own.figure {
                        None => lower_eval != Evaluation::KhongApDung,
                        Some(f) => !same(&ind.value, f, text),
                    };
                    row.value = own.shown;
                    row.evaluation = own.evaluation;
                    if row.target.is_empty() {
                        row.target = own.target;
                    }
                }
                Err(p) => errors.push(p),
            }
        }
    }
    if row.evaluation == Evaluation::KhongDat && lower_eval == Evaluation::DangTrienKhai {
        row.evaluation = Evaluation::DangTrienKhai;
    }
    row
}

/// The notes: a figure that differs from the lower one says so (and how the evaluation flipped);
/// an indicator in progress says so.
fn add_notes(rows: &mut [Row], words: &Words) {
    for r in rows.iter_mut() {
        if r.differs {
            let flip = (r.lower_eval.met() != r.evaluation.met())
                .then(|| (r.lower_eval.label(), r.evaluation.label()));
            r.note = join(&msg::differs_note(words.lower, flip), &r.note);
        }
        if r.evaluation == Evaluation::DangTrienKhai && !r.note.contains(msg::IN_PROGRESS) {
            r.note = join(&r.note, msg::IN_PROGRESS);
        }
    }
}

/// This level's figure, evaluated.
struct Own {
    shown: String,
    evaluation: Evaluation,
    /// The target as displayed.
    target: String,
    /// The figure read (`None`: Không áp dụng).
    figure: Option<Figure>,
}

/// This level's figure `text` (from `file`) against the indicator's target: the package's, else
/// the set's for `year`.
#[allow(
    clippy::result_large_err,
    reason = "one problem per file or figure, returned once: boxing it would only add noise"
)]
fn own_figure(
    set: &CriteriaSet,
    year: i32,
    ind: &Ind,
    file: &str,
    text: &str,
    number: Option<f64>,
) -> Result<Own, Problem> {
    let percent = ind.unit.trim() == "%";
    let spec = set.indicator(&ind.code);
    let invalid = |what: String| msg::figure_invalid(file, &ind.code, &what);
    if fold(text) == "khong ap dung" {
        if !spec.is_some_and(|s| s.optional) {
            return Err(invalid(msg::figure_not_applicable_refused()));
        }
        return Ok(Own {
            shown: Evaluation::KhongApDung.label().into(),
            evaluation: Evaluation::KhongApDung,
            target: String::new(),
            figure: None,
        });
    }
    let figure = Figure::typed(text, number, percent)
        .ok_or_else(|| msg::figure_unreadable(file, &ind.code, text))?;
    let target = if ind.target.trim().is_empty() {
        spec.and_then(|s| set.set_target(s, year))
    } else {
        let t = Target::parse(&ind.target, percent)
            .map_err(|e| invalid(msg::package_target_unreadable(&ind.target, &e)))?;
        Some(t)
    };
    let Some(target) = target else {
        if spec.is_some_and(|s| !s.children.is_empty()) {
            // A parent without a target of its own: its sub-conditions decide.
            return Ok(Own {
                shown: display_value(&figure.value, None, percent),
                evaluation: Evaluation::Dat,
                target: String::new(),
                figure: Some(figure),
            });
        }
        return Err(invalid(msg::figure_without_target(year, text)));
    };
    let met = target
        .is_met(&figure.value)
        .map_err(|m| invalid(msg::not_comparable(text, &target.display(), &m.0)))?;
    Ok(Own {
        shown: target.display_value(&figure.value, percent),
        evaluation: if met {
            Evaluation::Dat
        } else {
            Evaluation::KhongDat
        },
        target: target.display(),
        figure: Some(figure),
    })
}

/// Parents: met iff their own figure (if any) and every applicable sub-condition are met; a
/// parent none of whose sub-conditions changed keeps the lower level's evaluation.
fn resolve_parents(rows: &mut [Row]) {
    for i in (0..rows.len()).rev() {
        let code = rows[i].code.clone();
        let kids: Vec<(Evaluation, Evaluation)> = rows
            .iter()
            .filter(|c| c.parent.as_deref() == Some(code.as_str()))
            .map(|c| (c.evaluation, c.lower_eval))
            .collect();
        if kids.is_empty() || rows[i].evaluation == Evaluation::KhongApDung {
            continue;
        }
        let changed = kids.iter().any(|(a, b)| a != b);
        if !changed && !rows[i].own {
            continue;
        }
        let kids_met = kids
            .iter()
            .filter(|(e, _)| *e != Evaluation::KhongApDung)
            .all(|(e, _)| e.met());
        let lower_kids_met = kids
            .iter()
            .filter(|(_, l)| *l != Evaluation::KhongApDung)
            .all(|(_, l)| l.met());
        // The parent's own figure was evaluated above; when every lower sub-condition was met,
        // the lower evaluation reflects the parent's own target alone.
        let own_met = if rows[i].own {
            rows[i].evaluation.met()
        } else if lower_kids_met {
            rows[i].lower_eval.met()
        } else {
            true
        };
        rows[i].evaluation = if own_met && kids_met {
            Evaluation::Dat
        } else if rows[i].lower_eval == Evaluation::DangTrienKhai {
            Evaluation::DangTrienKhai
        } else {
            Evaluation::KhongDat
        };
        if !rows[i].own && rows[i].evaluation != rows[i].lower_eval {
            rows[i].differs = true;
        }
    }
}

fn as_evaluated(r: &Row) -> Evaluated {
    Evaluated {
        code: r.code.clone(),
        group: r.group.clone(),
        parent: r.parent.clone(),
        name: r.name.clone(),
        unit: r.unit.clone(),
        value: r.value.clone(),
        exact: None,
        target: r.target.clone(),
        evaluation: r.evaluation,
        source: ValueSource::Typed,
        evidence: Vec::new(),
        description: String::new(),
        note: r.note.clone(),
        warnings: Vec::new(),
        errors: Vec::new(),
    }
}

/// The rows a level recorded in its ket-qua.json (bcd: the district's figures beside the
/// commune's, nothing of its own), and the summary by the set's rule.
pub fn as_recorded(set: &CriteriaSet, year: i32, recorded: &[Ind]) -> (Vec<Row>, Summary) {
    let rows: Vec<Row> = recorded
        .iter()
        .map(|i| {
            let lower =
                i.xa.clone()
                    .unwrap_or_else(|| crate::inputs::received::Fig {
                        value: i.value.clone(),
                        evaluation: i.evaluation.clone(),
                    });
            Row {
                code: i.code.clone(),
                parent: i.parent.clone(),
                group: i.group.clone(),
                name: i.name.clone(),
                unit: i.unit.clone(),
                target: i.target.clone(),
                lower_value: lower.value,
                lower_eval: parse_eval(&lower.evaluation),
                value: i.value.clone(),
                evaluation: parse_eval(&i.evaluation),
                own: i.khac,
                differs: i.khac,
                note: i.note.clone(),
            }
        })
        .collect();
    let ev: Vec<Evaluated> = rows.iter().map(as_evaluated).collect();
    let s = summarize(set, &ev, year);
    (rows, s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::tests::set;
    use crate::inputs::received::Fig;

    fn ind(code: &str, unit: &str, target: &str, value: &str, ev: &str) -> Ind {
        Ind {
            code: code.into(),
            group: code[..1].into(),
            unit: unit.into(),
            target: target.into(),
            value: value.into(),
            evaluation: ev.into(),
            ..Ind::default()
        }
    }

    const WORDS: Words = Words {
        lower: "tự đánh giá của xã",
    };

    /// This level's figures: code → typed figure (and the number a spreadsheet stored).
    fn figures(rows: &[(&str, &str, Option<f64>)]) -> Figures {
        let mut f = Figures {
            file: "tham-dinh/Tân Phúc.csv".into(),
            ..Figures::default()
        };
        for (i, (code, text, n)) in rows.iter().enumerate() {
            f.rows.insert(
                code.to_string(),
                (text.to_string(), *n, String::new(), i + 2),
            );
        }
        f
    }

    fn run(lower: &[Ind], figs: &[(&str, &str, Option<f64>)]) -> Vec<Row> {
        appraise(&set(), 2024, lower, Some(&figures(figs)), &WORDS)
            .unwrap()
            .0
    }

    #[test]
    fn district_figure_flips_the_evaluation_and_is_noted() {
        let cat = crate::criteria::Catalog::load().unwrap();
        let set = cat.get("thanh-hoa-cds-xa").unwrap();
        let lower = vec![
            ind("3.2", "%", "≥ 70%", "78%", "dat"),
            ind("3.3", "%", "≥ 80%", "34/40 (85%)", "dat"),
            ind("1.1", "Văn bản", "Có", "Có", "dat"),
        ];
        let mut f = figures(&[("3.3", "85%", None), ("1.1", "", None)]);
        f.rows
            .insert("3.2".into(), ("65%".into(), None, "Số liệu NHNN".into(), 2));
        let (rows, s) = appraise(set, 2024, &lower, Some(&f), &WORDS).unwrap();
        assert_eq!(rows[0].evaluation, Evaluation::KhongDat);
        assert_eq!(rows[0].value, "65%");
        assert_eq!(
            rows[0].note,
            "Khác kết quả tự đánh giá của xã, đánh giá chuyển từ Đạt thành Không đạt; Số liệu NHNN"
        );
        assert!(!rows[1].differs, "85% typed agrees with 34/40");
        assert!(!rows[2].own && rows[2].evaluation == Evaluation::Dat);
        assert_eq!((s.dat, s.total), (2, 3));
        f.rows
            .insert("9.9".into(), ("1".into(), None, String::new(), 5));
        let e = appraise(set, 2024, &lower, Some(&f), &WORDS).unwrap_err();
        assert_eq!(
            e[0].text(),
            "tham-dinh/Tân Phúc.csv, dòng 5: mã 9.9 không có trong bộ tiêu chí thanh-hoa-cds-xa — sửa mã cho đúng"
        );
        assert_eq!(e[0].row, Some(5));
    }

    #[test]
    fn no_figures_keep_the_lower_levels() {
        let lower = vec![
            ind("1.1", "%", "≥ 70%", "72%", "dat"),
            ind("1.5", "Phần mềm", "ít nhất 04", "3", "khong_dat"),
        ];
        let (rows, s) = appraise(&set(), 2024, &lower, None, &WORDS).unwrap();
        assert!(rows
            .iter()
            .all(|r| !r.own && !r.differs && r.note.is_empty()));
        assert_eq!(rows[1].evaluation, Evaluation::KhongDat);
        assert_eq!((s.dat, s.total), (1, 2));
    }

    #[test]
    fn a_figure_rounded_from_the_lower_rate_is_the_same_figure() {
        let lower = vec![ind("1.12", "%", "≥ 80%", "22/23 (95,65%)", "dat")];
        for same in ["95,65", "95,65%", "95,7", "96%", "22/23"] {
            let rows = run(&lower, &[("1.12", same, None)]);
            assert!(rows[0].own && !rows[0].differs, "{same}");
            assert!(rows[0].note.is_empty(), "{same}: {}", rows[0].note);
        }
        // One decimal more than the rate rounds to is another figure (still met: no flip).
        let rows = run(&lower, &[("1.12", "95,6", None)]);
        assert!(rows[0].differs);
        assert_eq!(rows[0].note, "Khác kết quả tự đánh giá của xã");
        assert_eq!(rows[0].evaluation, Evaluation::Dat);
        // The lower level typed a figure and this level gives the exact rate.
        let typed = vec![ind("1.12", "%", "≥ 80%", "95,7%", "dat")];
        assert!(!run(&typed, &[("1.12", "22/23", None)])[0].differs);
        assert!(run(&typed, &[("1.12", "21/23", None)])[0].differs);
        // Excel's percent cell holds 0.9565 for 95,65%.
        let rows = run(&lower, &[("1.12", "0.9565", Some(0.9565))]);
        assert_eq!((rows[0].value.as_str(), rows[0].differs), ("95,65%", false));
    }

    #[test]
    fn parents_follow_their_sub_conditions() {
        let lower = vec![
            ind("1.8", "", "", "2/2 điều kiện đạt", "dat"),
            Ind {
                parent: Some("1.8".into()),
                ..ind("1.8a", "%", "≥ 50%", "60%", "dat")
            },
            Ind {
                parent: Some("1.8".into()),
                ..ind("1.8b", "Hệ thống", "Có", "Có", "dat")
            },
        ];
        let rows = run(&lower, &[("1.8b", "Không", None)]);
        assert_eq!(rows[2].evaluation, Evaluation::KhongDat);
        assert_eq!(rows[0].evaluation, Evaluation::KhongDat);
        assert!(rows[0].differs && !rows[0].own);
        assert!(rows[0].note.contains("chuyển từ Đạt thành Không đạt"));
        // A sub-condition unchanged leaves the parent as the lower level had it.
        let rows = run(&lower, &[("1.8a", "60%", None)]);
        assert_eq!(rows[0].evaluation, Evaluation::Dat);
        assert!(!rows[0].differs);
        // In progress below stays in progress when still not met.
        let mut wip = lower.clone();
        wip[0].evaluation = "dang_trien_khai".into();
        wip[2].evaluation = "dang_trien_khai".into();
        wip[2].value = "Không".into();
        let rows = run(&wip, &[("1.8a", "40%", None)]);
        assert_eq!(rows[0].evaluation, Evaluation::DangTrienKhai);
        assert!(rows[0].note.contains("Đang triển khai"), "{}", rows[0].note);
    }

    #[test]
    fn figures_that_cannot_be_used_name_file_indicator_and_fix() {
        let lower = vec![
            ind("1.1", "%", "≥ 70%", "72%", "dat"),
            ind("1.11", "Văn bản", "Có", "Có", "dat"),
            ind("1.13", "%", "", "40%", "dat"),
        ];
        let figs = figures(&[
            ("1.1", "bảy mươi", None),
            ("1.11", "Không áp dụng", None),
            ("1.13", "35%", None),
        ]);
        let e = appraise(&set(), 2024, &lower, Some(&figs), &WORDS).unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].indicator.as_deref(), Some("1.1"));
        assert_eq!(e[0].file.as_deref(), Some("tham-dinh/Tân Phúc.csv"));
        assert!(e[0].fix.as_deref().unwrap().starts_with("ghi một số"));
        assert_eq!(
            e[1].text(),
            "tham-dinh/Tân Phúc.csv: chỉ tiêu 1.13: không có chỉ tiêu (mục tiêu) năm 2024 để so sánh kết quả \"35%\""
        );
        // Không áp dụng is allowed only for "(nếu có)" indicators.
        let lower = vec![ind("1.4", "Văn bản", "Có", "Có", "dat")];
        let figs = figures(&[("1.4", "Không áp dụng", None)]);
        let e = appraise(&set(), 2024, &lower, Some(&figs), &WORDS).unwrap_err();
        assert!(e[0].message.contains("(nếu có)"), "{:?}", e[0]);
        let rows = run(
            &[ind("1.11", "Văn bản", "Có", "Có", "dat")],
            &[("1.11", "không áp dụng", None)],
        );
        assert_eq!(rows[0].evaluation, Evaluation::KhongApDung);
        assert!(rows[0].differs);
    }

    #[test]
    fn as_recorded_keeps_both_levels_figures() {
        let mut a = ind("1.1", "%", "≥ 70%", "65%", "khong_dat");
        a.xa = Some(Fig {
            value: "72%".into(),
            evaluation: "dat".into(),
        });
        a.khac = true;
        let b = ind("1.4", "Văn bản", "Có", "Có", "dat");
        let (rows, s) = as_recorded(&set(), 2024, &[a, b]);
        assert_eq!(
            (rows[0].lower_value.as_str(), rows[0].value.as_str()),
            ("72%", "65%")
        );
        assert_eq!(
            (rows[0].lower_eval, rows[0].evaluation),
            (Evaluation::Dat, Evaluation::KhongDat)
        );
        assert!(rows[0].own && rows[0].differs);
        // Without the commune's figure the row's own figure is the lower one.
        assert_eq!(rows[1].lower_value, "Có");
        assert!(!rows[1].differs);
        assert_eq!((s.dat, s.total), (1, 2));
        assert_eq!(eval_id(parse_eval("dang_trien_khai")), "dang_trien_khai");
    }
}
