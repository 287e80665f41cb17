//! One indicator on its own, in named steps: its target (the set's, the dossier's, and their
//! agreement), its value (typed, computed from a list form, or both — and then they agree), the
//! whole of a fraction-of-a-whole target, the comparison, and a provisional evaluation (parents
//! wait for their sub-conditions, `super::resolve_parents`).

use super::{Evaluated, Evaluation, Exact, Inputs, ValueSource};
use crate::criteria::value::{as_percent, display_value};
use crate::criteria::{Figure, Indicator, Target, Value};
use crate::inputs::listform::ListForm;
use crate::inputs::solieu::{Row, Status};
use crate::number::{format_q, Q};
use crate::problem::messages::evaluate as msg;
use crate::problem::Problem;

/// The indicator `ind` from its so-lieu row (if any) and the list forms.
pub(super) fn evaluate(inp: &Inputs, ind: &Indicator, row: Option<&Row>) -> Evaluated {
    let mut e = blank(inp, ind, row);
    let status = row.and_then(|r| r.status);
    if status == Some(Status::NotApplicable) {
        if ind.optional {
            e.evaluation = Evaluation::KhongApDung;
            e.value = Evaluation::KhongApDung.label().into();
            return e;
        }
        let line = row.map(|r| r.line).unwrap_or(0);
        e.errors.push(msg::not_applicable_refused(&ind.code, line));
    }
    let (target, group_missing) = target_of(inp, ind, row, &mut e.errors);
    e.target = target.as_ref().map(Target::display).unwrap_or_default();
    let (value, source) = value_of(inp.lists, ind, row, target.as_ref(), &mut e.errors);
    e.source = source;
    let (value, unusable) = match (value, &target) {
        (Some(v), Some(t)) => {
            let typed_percent =
                e.source == ValueSource::Typed && row.is_some_and(|r| r.result.contains('%'));
            match whole_of_fraction(t, v.clone(), ind, typed_percent, inp.so_thon, row) {
                Ok(v) => (Some(v), false),
                Err(p) => {
                    e.errors.push(p);
                    (Some(v), true)
                }
            }
        }
        (v, _) => (v, false),
    };
    e.exact = exact(value.as_ref(), ind, target.as_ref());
    let rate = is_rate(ind, target.as_ref());
    e.value = match (&value, &target) {
        (Some(v), Some(t)) => t.display_value(v, ind.percent_unit()),
        (Some(v), None) => display_value(v, None, ind.percent_unit()),
        (None, _) => String::new(),
    };
    // A value that cannot stand is not compared; without the commune's group there is no
    // target to meet.
    let own_met = if unusable {
        Some(false)
    } else {
        compare(
            &e.value,
            value.as_ref(),
            target.as_ref(),
            ind,
            &mut e.errors,
        )
    };
    if rate && e.source == ValueSource::Typed && value.as_ref().is_some_and(over_hundred) {
        e.warnings.push(msg::rate_over_hundred(
            &ind.code,
            row.map(|r| r.line),
            &e.value,
        ));
    }
    let own_met = if group_missing { Some(false) } else { own_met };
    e.evaluation = if own_met == Some(false) {
        Evaluation::KhongDat
    } else {
        Evaluation::Dat
    };
    if status == Some(Status::InProgress) {
        e.note = join_note(&e.note, msg::IN_PROGRESS);
    }
    e
}

/// The indicator before it is evaluated: names, evidence, the row's description and note.
fn blank(inp: &Inputs, ind: &Indicator, row: Option<&Row>) -> Evaluated {
    Evaluated {
        code: ind.code.clone(),
        group: ind.group.clone(),
        parent: ind.parent.clone(),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        value: String::new(),
        exact: None,
        target: String::new(),
        evaluation: Evaluation::KhongDat,
        source: ValueSource::None,
        evidence: inp.evidence.get(&ind.code).cloned().unwrap_or_default(),
        description: row.map(|r| r.description.clone()).unwrap_or_default(),
        note: row.map(|r| r.note.clone()).unwrap_or_default(),
        warnings: Vec::new(),
        errors: Vec::new(),
    }
}

/// The target: the set's (per commune group, fixed, year table, yearly file), else the
/// dossier's `Chỉ tiêu`; a dossier target contradicting the set's is an error and the set's
/// stands. Also whether the commune's group is missing (then there is no target to meet).
fn target_of(
    inp: &Inputs,
    ind: &Indicator,
    row: Option<&Row>,
    errors: &mut Vec<Problem>,
) -> (Option<Target>, bool) {
    let mut group_missing = false;
    let set_t = match inp.set.group_target(ind, inp.nhom) {
        None => inp.set.set_target(ind, inp.year),
        Some(Ok(t)) => Some(t),
        Some(Err(p)) => {
            errors.push(p);
            group_missing = true;
            None
        }
    };
    let line = row.map(|r| r.line).unwrap_or(0);
    let dossier_t = match row.map(|r| r.target.trim()).filter(|t| !t.is_empty()) {
        None => None,
        Some(t) => match Target::parse(t, ind.percent_unit()) {
            Ok(t) => Some(t),
            Err(why) => {
                errors.push(msg::dossier_target_unreadable(&ind.code, line, t, &why));
                None
            }
        },
    };
    let target = match (set_t, dossier_t) {
        (Some(s), Some(d)) if s != d => {
            errors.push(msg::target_conflict(
                &ind.code,
                line,
                &d.display(),
                &s.display(),
            ));
            Some(s)
        }
        (Some(s), _) => Some(s),
        (None, d) => d,
    };
    if target.is_none() && ind.children.is_empty() && !group_missing {
        errors.push(msg::no_target(&ind.code, row.map(|r| r.line), inp.year));
    }
    (target, group_missing)
}

/// The value: typed in so-lieu, computed from a list form, or both — the computed one stands,
/// and a typed one that is not the same figure is an error naming both.
fn value_of(
    lists: &[ListForm],
    ind: &Indicator,
    row: Option<&Row>,
    target: Option<&Target>,
    errors: &mut Vec<Problem>,
) -> (Option<Value>, ValueSource) {
    let typed = row.filter(|r| !r.result.trim().is_empty()).and_then(|r| {
        let f = Figure::typed(&r.result, r.result_number, ind.percent_unit());
        if f.is_none() {
            errors.push(msg::result_unreadable(&ind.code, r.line, &r.result));
        }
        f
    });
    match (typed, computed(lists, ind)) {
        (Some(t), Some((c, file, form))) => {
            let rates = is_rate(ind, target);
            if !t.agrees(&Figure::exact(c.clone()), rates) {
                let shown = match target {
                    Some(tg) => tg.display_value(&c, ind.percent_unit()),
                    None => display_value(&c, None, ind.percent_unit()),
                };
                let typed = row.map(|r| r.result.as_str()).unwrap_or_default();
                let line = row.map(|r| r.line);
                errors.push(msg::typed_differs_from_list(
                    &ind.code, line, typed, &form, &file, &shown,
                ));
            }
            (Some(c), ValueSource::ListForm { file, form })
        }
        (None, Some((c, file, form))) => (Some(c), ValueSource::ListForm { file, form }),
        (Some(t), None) => (Some(t.value), ValueSource::Typed),
        (None, None) => (None, ValueSource::None),
    }
}

/// The value a list form (or the villages) computes for `ind`, with the form's file and code.
fn computed(lists: &[ListForm], ind: &Indicator) -> Option<(Value, String, String)> {
    let c = ind.computed_from.as_ref()?;
    let l = lists.iter().find(|l| l.code == c.source())?;
    let m = l.measures.iter().find(|m| m.key == c.measure)?;
    let v = if m.is_count {
        Value::Number(m.num)
    } else {
        Value::Ratio {
            num: m.num,
            den: m.den,
        }
    };
    Some((v, l.file.clone(), l.code.clone()))
}

/// A fraction-of-a-whole target (`2/3` of the thôn) needs the whole: a typed `8/12` or a percentage
/// stands; a bare count becomes `count/so_thon` when hoso.toml gives `[don_vi] so_thon` and the
/// unit counts thôn; otherwise it is an error naming the indicator and the two ways to fix it.
#[allow(
    clippy::result_large_err,
    reason = "one problem per file or figure, returned once: boxing it would only add noise"
)]
fn whole_of_fraction(
    target: &Target,
    v: Value,
    ind: &Indicator,
    typed_percent: bool,
    so_thon: Option<u32>,
    row: Option<&Row>,
) -> Result<Value, Problem> {
    let Target::Fraction { min } = target else {
        return Ok(v);
    };
    let Value::Number(n) = v else {
        return Ok(v);
    };
    if typed_percent || ind.percent_unit() {
        return Ok(Value::Number(n));
    }
    let line = row.map(|r| r.line);
    let counts_thon = crate::text::fold(&ind.unit) == "thon";
    match so_thon {
        Some(w) if counts_thon => {
            let whole = Q::from_integer(w.into());
            if n > whole || n < Q::from_integer(0) {
                return Err(msg::more_villages_than_commune(
                    &ind.code,
                    line,
                    &format_q(&n, 2),
                    w,
                ));
            }
            Ok(Value::Ratio { num: n, den: whole })
        }
        _ => Err(msg::fraction_needs_whole(
            &ind.code,
            line,
            &format!("{}/{}", min.numer(), min.denom()),
            &ind.unit,
            &format_q(&n, 2),
        )),
    }
}

/// Whether the indicator is a rate: counted in % or held against a rate (`≥ 70%`, `2/3`).
fn is_rate(ind: &Indicator, target: Option<&Target>) -> bool {
    ind.percent_unit() || target.is_some_and(Target::is_rate)
}

/// Whether a typed rate is above 100%.
fn over_hundred(v: &Value) -> bool {
    as_percent(v).is_ok_and(|p| p > Q::from_integer(100))
}

/// The exact figure behind a rate, for `ket-qua.json`: num/den, or a percentage as a fraction.
fn exact(value: Option<&Value>, ind: &Indicator, target: Option<&Target>) -> Option<Exact> {
    match value? {
        // Counts as counted (23/20); typed decimals (12,5/15) as the rate's own fraction. Plain
        // digits either way: `1.250` is a Vietnamese display, not a number for other software.
        Value::Ratio { num, den } if num.is_integer() && den.is_integer() => Some(Exact {
            num: num.to_integer().to_string(),
            den: den.to_integer().to_string(),
        }),
        Value::Ratio { num, den } => {
            let r = *num / *den;
            Some(Exact {
                num: r.numer().to_string(),
                den: r.denom().to_string(),
            })
        }
        Value::Number(n) if is_rate(ind, target) => {
            let frac = *n / Q::from_integer(100);
            Some(Exact {
                num: frac.numer().to_string(),
                den: frac.denom().to_string(),
            })
        }
        _ => None,
    }
}

/// Whether the value meets the target: `None` when there is nothing to compare (a parent waits
/// for its sub-conditions). A value that does not compare, or a missing one, is not met and is
/// an error saying what to write.
fn compare(
    shown: &str,
    value: Option<&Value>,
    target: Option<&Target>,
    ind: &Indicator,
    errors: &mut Vec<Problem>,
) -> Option<bool> {
    match (value, target) {
        (Some(v), Some(t)) => match t.is_met(v) {
            Ok(m) => Some(m),
            Err(why) => {
                errors.push(msg::result_not_comparable(
                    &ind.code,
                    shown,
                    &t.display(),
                    &why.0,
                ));
                Some(false)
            }
        },
        (None, Some(_)) if ind.children.is_empty() => {
            errors.push(match &ind.computed_from {
                Some(c) if !c.thon.is_empty() => msg::no_result_from_villages(&ind.code, &c.thon),
                Some(c) => msg::no_result_from_list(&ind.code, &c.form),
                None => msg::no_result(&ind.code),
            });
            Some(false)
        }
        // No target: told where the target was looked for (`target_of`); never a silent pass.
        (_, None) if ind.children.is_empty() => Some(false),
        _ => None,
    }
}

fn join_note(a: &str, b: &str) -> String {
    if a.trim().is_empty() {
        b.to_string()
    } else if a.contains(b) {
        a.to_string()
    } else {
        format!("{}; {b}", a.trim())
    }
}
