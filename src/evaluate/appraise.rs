//! A level's own figures (tham-dinh/<xã>.csv for a district, tham-tra/<xã>.csv for the Sở) beside
//! the figures of the level below, and the evaluation that follows: the level's figure where it
//! gives one (compared exactly with the indicator's target), the lower level's otherwise; parents
//! met iff every applicable sub-condition is; the set's recognition rule for the conclusion.

use crate::criteria::{CriteriaSet, Target, Value};
use crate::evaluate::{summarize, Evaluated, Evaluation, Summary, ValueSource};
pub use crate::inputs::figures::Figures;
use crate::inputs::received::Ind;
use crate::number::{parse_number, NumberContext, Q};
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

/// A typed figure; Excel keeps "65%" as 0.65 in a percent-formatted cell.
fn figure_value(text: &str, number: Option<f64>, percent: bool) -> Option<Value> {
    if let (Some(x), true) = (number, percent) {
        if x > 0.0 && x <= 1.0 && !text.contains('%') {
            return parse_number(text, NumberContext::Any)
                .map(|q| Value::Number(q * Q::from_integer(100)));
        }
    }
    Value::parse(text)
}

fn rate(v: &Value) -> Option<Q> {
    match v {
        Value::Number(n) => Some(*n),
        Value::Ratio { num, den } if *den != Q::from_integer(0) => {
            Some(*num * Q::from_integer(100) / *den)
        }
        _ => None,
    }
}

/// Decimals typed in a figure ("95,65" → 2).
fn decimals(s: &str) -> u32 {
    let t = s.trim().trim_end_matches('%').trim();
    t.rsplit_once([',', '.'])
        .map(|(_, f)| f.len() as u32)
        .unwrap_or(0)
        .min(6)
}

/// Whether the lower figure (as displayed) is the same as this level's: a figure typed with fewer
/// decimals than an exact rate agrees when it is that rate rounded.
fn same(lower: &str, own: &Value, own_text: &str) -> bool {
    let Some(l) = Value::parse(lower) else {
        return fold(lower) == fold(own_text);
    };
    match (rate(&l), rate(own)) {
        (Some(a), Some(b)) => {
            let d = decimals(own_text).max(decimals(lower.split('(').next_back().unwrap_or(lower)));
            let tol = if matches!(l, Value::Ratio { .. }) != matches!(own, Value::Ratio { .. }) {
                Q::new(1, 2 * 10i128.pow(d))
            } else {
                Q::from_integer(0)
            };
            (a - b) <= tol && (b - a) <= tol
        }
        _ => l == *own,
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
/// figures (none: it agrees with every lower figure). Errors name the file, the code and the fix.
pub fn appraise(
    set: &CriteriaSet,
    year: i32,
    lower: &[Ind],
    figs: Option<&Figures>,
    words: &Words,
) -> Result<(Vec<Row>, Summary), Vec<String>> {
    let mut errors = Vec::new();
    if let Some(f) = figs {
        for (code, (_, _, _, line)) in &f.rows {
            if !lower.iter().any(|i| i.code == *code) {
                errors.push(format!(
                    "{}, dòng {line}: mã {code} không có trong bộ tiêu chí {} — sửa mã cho đúng",
                    f.file, set.id
                ));
            }
        }
    }
    let mut rows: Vec<Row> = Vec::with_capacity(lower.len());
    for ind in lower {
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
        let typed = figs.and_then(|f| f.rows.get(&ind.code));
        if let Some((text, _, note, _)) = typed {
            row.note = note.clone();
            if !text.trim().is_empty() {
                let file = figs.map(|f| f.file.as_str()).unwrap_or_default();
                match own_figure(set, year, ind, text, typed.and_then(|t| t.1)) {
                    Ok((value, eval, target)) => {
                        row.own = true;
                        row.differs = match Value::parse(text) {
                            _ if eval == Evaluation::KhongApDung => {
                                lower_eval != Evaluation::KhongApDung
                            }
                            Some(_) => {
                                let v = figure_value(
                                    text,
                                    typed.and_then(|t| t.1),
                                    ind.unit.trim() == "%",
                                );
                                !v.is_some_and(|v| same(&ind.value, &v, text))
                            }
                            None => true,
                        };
                        row.value = value;
                        row.evaluation = eval;
                        if row.target.is_empty() {
                            row.target = target;
                        }
                    }
                    Err(e) => errors.push(format!("{file}: chỉ tiêu {}: {e}", ind.code)),
                }
            }
        }
        if row.evaluation == Evaluation::KhongDat && lower_eval == Evaluation::DangTrienKhai {
            row.evaluation = Evaluation::DangTrienKhai;
        }
        rows.push(row);
    }
    resolve_parents(&mut rows);
    for r in rows.iter_mut() {
        if r.differs {
            let flip = if r.lower_eval.met() != r.evaluation.met() {
                format!(
                    ", đánh giá chuyển từ {} thành {}",
                    r.lower_eval.label(),
                    r.evaluation.label()
                )
            } else {
                String::new()
            };
            r.note = join(&format!("Khác kết quả {}{flip}", words.lower), &r.note);
        }
        if r.evaluation == Evaluation::DangTrienKhai && !r.note.contains("Đang triển khai") {
            r.note = join(&r.note, "Đang triển khai");
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let evaluated: Vec<Evaluated> = rows.iter().map(as_evaluated).collect();
    let summary = summarize(set, &evaluated, year);
    Ok((rows, summary))
}

/// This level's figure: (display, evaluation, target as displayed).
fn own_figure(
    set: &CriteriaSet,
    year: i32,
    ind: &Ind,
    text: &str,
    number: Option<f64>,
) -> Result<(String, Evaluation, String), String> {
    let percent = ind.unit.trim() == "%";
    let spec = set.indicator(&ind.code);
    if fold(text) == "khong ap dung" {
        return if spec.is_some_and(|s| s.optional) {
            Ok((
                "Không áp dụng".into(),
                Evaluation::KhongApDung,
                String::new(),
            ))
        } else {
            Err("chỉ những chỉ tiêu \"(nếu có)\" mới được ghi \"Không áp dụng\"".into())
        };
    }
    let value = figure_value(text, number, percent).ok_or_else(|| {
        format!("kết quả \"{text}\" không đọc được — ghi một số (65 hoặc 65%), một phân số (12/15) hoặc Có/Không")
    })?;
    let target = if ind.target.trim().is_empty() {
        spec.and_then(|s| set.set_target(s, year))
    } else {
        Some(
            Target::parse(&ind.target, percent)
                .map_err(|e| format!("chỉ tiêu \"{}\" của gói không đọc được ({e})", ind.target))?,
        )
    };
    let Some(target) = target else {
        if spec.is_some_and(|s| !s.children.is_empty()) {
            // A parent without a target of its own: its sub-conditions decide.
            let shown = crate::criteria::target::display_value(&value, None, percent);
            return Ok((shown, Evaluation::Dat, String::new()));
        }
        return Err(format!(
            "không có chỉ tiêu (mục tiêu) năm {year} để so sánh kết quả \"{text}\""
        ));
    };
    let met = target.is_met(&value).map_err(|m| {
        format!(
            "kết quả \"{text}\" không so được với chỉ tiêu {}: {}",
            target.display(),
            m.0
        )
    })?;
    let eval = if met {
        Evaluation::Dat
    } else {
        Evaluation::KhongDat
    };
    Ok((
        target.display_value(&value, percent),
        eval,
        target.display(),
    ))
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
        target_parsed: None,
        value_parsed: None,
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

    #[test]
    fn district_figure_flips_the_evaluation_and_is_noted() {
        let cat = crate::criteria::Catalog::load(None).unwrap();
        let set = cat.get("thanh-hoa-cds-xa").unwrap();
        let lower = vec![
            ind("3.2", "%", "≥ 70%", "78%", "dat"),
            ind("3.3", "%", "≥ 80%", "34/40 (85%)", "dat"),
            ind("1.1", "Văn bản", "Có", "Có", "dat"),
        ];
        let mut f = Figures {
            file: "tham-dinh/Tân Phúc.csv".into(),
            ..Figures::default()
        };
        f.rows
            .insert("3.2".into(), ("65%".into(), None, "Số liệu NHNN".into(), 2));
        f.rows
            .insert("3.3".into(), ("85%".into(), None, String::new(), 3));
        f.rows
            .insert("1.1".into(), (String::new(), None, String::new(), 4));
        let w = Words {
            lower: "tự đánh giá của xã",
        };
        let (rows, s) = appraise(set, 2024, &lower, Some(&f), &w).unwrap();
        assert_eq!(rows[0].evaluation, Evaluation::KhongDat);
        assert_eq!(rows[0].value, "65%");
        assert!(rows[0].differs && rows[0].note.contains("Khác kết quả tự đánh giá của xã"));
        assert!(rows[0].note.contains("Số liệu NHNN"), "{}", rows[0].note);
        assert!(!rows[1].differs, "85% typed agrees with 34/40");
        assert!(!rows[2].own && rows[2].evaluation == Evaluation::Dat);
        assert_eq!((s.dat, s.total), (2, 3));
        f.rows
            .insert("9.9".into(), ("1".into(), None, String::new(), 5));
        let e = appraise(set, 2024, &lower, Some(&f), &w).unwrap_err();
        assert!(e[0].contains("9.9"), "{e:?}");
    }

    #[test]
    fn excel_fractions_and_exact_comparison() {
        assert_eq!(
            figure_value("0.65", Some(0.65), true),
            Some(Value::Number(Q::from_integer(65)))
        );
        let t = Target::parse("≥ 80%", true).unwrap();
        assert!(!t
            .is_met(&figure_value("79,995", None, true).unwrap())
            .unwrap());
    }
}
