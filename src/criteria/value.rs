//! Measured figures: a [`Value`] read from what an officer typed (`Có`, `85,5%`, `12/15`,
//! `2 tin/tháng`, `a; b`) or computed from a list, how it prints, and — as a [`Figure`], with the
//! decimals typed — whether a typed figure is the same as another one (the one rule used by the
//! evaluation and by a higher level's appraisal).

use super::frequency::{self, Period};
use super::target::Mismatch;
use crate::number::{
    excel_percent, format_against, format_percent_against, format_q, parse_typed, rounds_to,
    NumberContext, Q,
};
use crate::problem::messages::criteria as msg;
use num_traits::{One, Zero};
use unicode_normalization::UnicodeNormalization;

/// A measured figure as the dossier or a list form gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Có / Không (Đạt / Không đạt).
    Yes(bool),
    /// A plain number: a percentage when the unit is `%`, else a count.
    Number(Q),
    /// `num/den` — a rate computed from a list, or typed as `10/15`.
    Ratio { num: Q, den: Q },
    /// One value per part of a conjunction.
    Many(Vec<Value>),
    /// A count per period, typed with its period (`2 tin/tháng`, `30 tin/năm`).
    Rate { count: Q, what: String, per: Period },
}

/// Lower-case NFC, trimmed: how targets and values are read.
pub(super) fn norm(s: &str) -> String {
    s.nfc()
        .collect::<String>()
        .to_lowercase()
        .trim()
        .to_string()
}

impl Value {
    /// Parses a typed result: `Có`, `Không`, `85,5%`, `12/15`, `4 phần mềm`, `a; b`.
    pub fn parse(raw: &str) -> Option<Value> {
        parse_figure(raw, Reading::Shown).map(|f| f.value)
    }
}

/// How a bare number (no `%`) is read: as hoso or an officer shows it (`1.250` is one thousand two
/// hundred fifty), or as a percentage typed in a `%` row or a number a spreadsheet stores, whose
/// `.` is a decimal point (`69.999` is 69,999%; a stored 59.125 is 59,125).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    Shown,
    PercentRow,
    Stored,
}

/// A typed value with the decimals of its number (`None`: exact — a fraction, a computed rate,
/// anything that is not a plain number). Words may follow a number after a space (`4 phần mềm`),
/// but not letters glued to it (`95E-1`, `85abc`) nor, for a bare number in a `%` row, at all
/// (`5 trên 6` is not 5%); a negative result is no result.
fn parse_figure(raw: &str, reading: Reading) -> Option<Figure> {
    let t = norm(raw);
    if t.is_empty() {
        return None;
    }
    if t.contains(';') {
        let parts = t
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(Value::parse)
            .collect::<Option<Vec<_>>>()?;
        return Some(Figure::exact(Value::Many(parts)));
    }
    let t = t.trim_end_matches('.').trim();
    if let Some((count, what, per)) = frequency::parse_rate(t) {
        return Some(Figure::exact(Value::Rate { count, what, per }));
    }
    match t {
        "có" | "đạt" | "x" | "✓" | "✔" | "yes" | "có (đạt)" => {
            return Some(Figure::exact(Value::Yes(true)))
        }
        "không" | "không đạt" | "chưa" | "chưa đạt" | "chưa có" | "no" | "-" => {
            return Some(Figure::exact(Value::Yes(false)))
        }
        _ => {}
    }
    let end = t
        .char_indices()
        .find(|(_, c)| {
            !(c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | ' ' | '%' | '-' | '+'))
        })
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    let head = t[..end].trim();
    if head.is_empty() || head.starts_with('-') {
        return None;
    }
    if end < t.len() {
        let spaced = t[..end].ends_with(char::is_whitespace);
        let bare = !head.contains(['%', '/']);
        if !spaced || (bare && reading == Reading::PercentRow) {
            return None;
        }
    }
    if let Some((a, b)) = head.split_once('/') {
        let a = parse_typed(a, NumberContext::Count)?.value;
        let b = parse_typed(b.trim_end_matches('%'), NumberContext::Count)?.value;
        if b.is_zero() || a < Q::zero() || b < Q::zero() {
            return None;
        }
        return Some(Figure::exact(Value::Ratio { num: a, den: b }));
    }
    let ctx = if head.ends_with('%') || reading != Reading::Shown {
        NumberContext::Any
    } else {
        NumberContext::Count
    };
    let n = parse_typed(head, ctx)?;
    Some(Figure {
        value: Value::Number(n.value),
        decimals: Some(n.decimals),
    })
}

/// A figure as an officer typed it, with the decimals of its number, so that it can be compared
/// with an exact one at the precision it was written with.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub value: Value,
    /// Decimals typed, for a plain number; `None` for an exact value.
    pub decimals: Option<u32>,
}

impl Figure {
    pub fn exact(value: Value) -> Figure {
        Figure {
            value,
            decimals: None,
        }
    }

    /// A figure typed in a sheet's cell. `stored` is the number the spreadsheet keeps for the
    /// cell, if any; in a `%` row, Excel's percent-formatted 0.65 is 65% (`number::excel_percent`).
    pub fn typed(text: &str, stored: Option<f64>, percent_unit: bool) -> Option<Figure> {
        if let Some(p) = excel_percent(text, stored, percent_unit) {
            return Some(Figure {
                value: Value::Number(p.value),
                decimals: Some(p.decimals),
            });
        }
        let reading = match (stored, percent_unit) {
            (Some(_), _) => Reading::Stored,
            (None, true) => Reading::PercentRow,
            (None, false) => Reading::Shown,
        };
        parse_figure(text, reading)
    }

    /// A figure as another level displayed it (`85,5%`, `22/23 (95,65%)`, `Có`).
    pub fn shown(text: &str) -> Option<Figure> {
        parse_figure(text, Reading::Shown)
    }

    /// Whether this figure and `other` are the same figure. As rates (when `rates`), a plain
    /// number beside an exact num/den agrees when it is that rate rounded to the decimals typed
    /// (`95,65` and 22/23); otherwise both must be equal (as rates, `12/15` is `80%`).
    pub fn agrees(&self, other: &Figure, rates: bool) -> bool {
        if rates {
            if let (Ok(a), Ok(b)) = (as_percent(&self.value), as_percent(&other.value)) {
                let ratio = |f: &Figure| matches!(f.value, Value::Ratio { .. });
                return match (self.decimals, other.decimals) {
                    (Some(d), _) if ratio(other) => rounds_to(&a, d, &b),
                    (_, Some(d)) if ratio(self) => rounds_to(&b, d, &a),
                    _ => a == b,
                };
            }
        }
        self.value == other.value
    }
}

/// A value as a percentage (a typed number, or num/den × 100).
pub fn as_percent(v: &Value) -> Result<Q, Mismatch> {
    match v {
        Value::Number(n) => Ok(*n),
        Value::Ratio { num, den } if !den.is_zero() => Ok(*num * Q::from_integer(100) / *den),
        Value::Ratio { .. } => Err(Mismatch(msg::zero_denominator())),
        Value::Yes(_) => Err(Mismatch(msg::rate_needs_percent())),
        Value::Many(_) => Err(Mismatch(msg::many_values())),
        Value::Rate { .. } => Err(Mismatch(msg::rate_not_per_period())),
    }
}

/// A value as a count (a ratio's numerator; Có is one).
pub(super) fn as_count(v: &Value) -> Result<Q, Mismatch> {
    match v {
        Value::Number(n) => Ok(*n),
        Value::Ratio { num, .. } => Ok(*num),
        Value::Yes(true) => Ok(Q::one()),
        Value::Yes(false) => Ok(Q::zero()),
        Value::Many(_) => Err(Mismatch(msg::many_values())),
        Value::Rate { .. } => Err(Mismatch(msg::count_not_per_period())),
    }
}

/// How a value prints: `Có`, `85,5%`, `12/15 (80%)`, `1.250`.
pub fn display_value(v: &Value, threshold: Option<(&Q, bool)>, percent: bool) -> String {
    match v {
        Value::Yes(true) => "Có".into(),
        Value::Yes(false) => "Không".into(),
        Value::Number(n) if percent => format!("{}%", format_percent_against(n, threshold)),
        Value::Number(n) => format_against(n, threshold),
        Value::Ratio { num, den } if !den.is_zero() => {
            let p = *num * Q::from_integer(100) / *den;
            format!(
                "{}/{} ({}%)",
                format_q(num, 2),
                format_q(den, 2),
                format_percent_against(&p, threshold)
            )
        }
        Value::Ratio { num, den } => format!("{}/{}", format_q(num, 2), format_q(den, 2)),
        Value::Rate { count, what, per } => frequency::display_rate(count, what, *per),
        Value::Many(vs) => vs
            .iter()
            .map(|v| display_value(v, None, percent))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fig(text: &str) -> Figure {
        Figure::shown(text).unwrap()
    }

    #[test]
    fn reads_typed_values() {
        assert_eq!(Value::parse("Có"), Some(Value::Yes(true)));
        assert_eq!(Value::parse("chưa đạt"), Some(Value::Yes(false)));
        assert_eq!(Value::parse("85,5%"), Some(Value::Number(Q::new(171, 2))));
        assert_eq!(
            Value::parse("12/15"),
            Some(Value::Ratio {
                num: Q::from_integer(12),
                den: Q::from_integer(15)
            })
        );
        assert_eq!(
            Value::parse("4 phần mềm"),
            Some(Value::Number(Q::from_integer(4)))
        );
        assert_eq!(
            Value::parse("1.250"),
            Some(Value::Number(Q::from_integer(1250)))
        );
        assert!(matches!(Value::parse("90%; 80%"), Some(Value::Many(v)) if v.len() == 2));
        assert_eq!(Value::parse("nhiều"), None);
        assert_eq!(Value::parse("3/0"), None);
    }

    #[test]
    fn a_dot_is_a_decimal_point_in_a_percent_row_and_in_a_stored_number() {
        let n = |a: i128, b: i128| Some(Value::Number(Q::new(a, b)));
        let typed = |t: &str, stored: Option<f64>, pct: bool| {
            Figure::typed(t, stored, pct).map(|f| f.value)
        };
        assert_eq!(typed("69.999", None, true), n(69999, 1000));
        assert_eq!(typed("59.125", Some(59.125), false), n(59125, 1000));
        assert_eq!(typed("80.123", Some(80.123), true), n(80123, 1000));
        // A count typed as text keeps the Vietnamese thousands dot; a comma is a decimal comma.
        assert_eq!(typed("1.250", None, false), n(1250, 1));
        assert_eq!(typed("69,999", None, true), n(69999, 1000));
        assert_eq!(typed("1.250,5%", None, true), n(2501, 2));
    }

    #[test]
    fn letters_glued_to_a_number_or_words_after_a_bare_rate_are_not_read() {
        for t in ["95E-1", "1e10", "85abc", "1E2%", "-5%", "-3", "-12/15"] {
            assert_eq!(Figure::typed(t, None, true), None, "{t}");
            assert_eq!(Figure::typed(t, None, false), None, "{t}");
        }
        assert_eq!(Figure::typed("5 trên 6", None, true), None);
        assert_eq!(Figure::typed("85abc", Some(85.0), true), None);
        // Words after a space stay a unit, or a remark after a rate with its sign or its whole.
        let ok = |t: &str, pct: bool| Figure::typed(t, None, pct).map(|f| f.value);
        assert_eq!(
            ok("4 phần mềm", false),
            Some(Value::Number(Q::from_integer(4)))
        );
        assert_eq!(
            ok("5 trên 6", false),
            Some(Value::Number(Q::from_integer(5)))
        );
        assert_eq!(
            ok("85 % số hộ", true),
            Some(Value::Number(Q::from_integer(85)))
        );
        assert!(matches!(ok("12/15 hộ", true), Some(Value::Ratio { .. })));
        assert!(matches!(
            ok("22/23 (95,65%)", true),
            Some(Value::Ratio { .. })
        ));
    }

    #[test]
    fn figures_keep_the_decimals_typed() {
        assert_eq!(fig("95,65%").decimals, Some(2));
        assert_eq!(fig("85").decimals, Some(0));
        assert_eq!(fig("22/23 (95,65%)").decimals, None);
        assert_eq!(fig("Có").decimals, None);
        // Excel's percent cell: 0.9565 is 95,65%, typed with two decimals of a percentage.
        let x = Figure::typed("0.9565", Some(0.9565), true).unwrap();
        assert_eq!(x.value, Value::Number(Q::new(9565, 100)));
        assert_eq!(x.decimals, Some(2));
        // The same cell in a row that is not a percentage is the number itself.
        let n = Figure::typed("0.9565", Some(0.9565), false).unwrap();
        assert_eq!(n.value, Value::Number(Q::new(9565, 10000)));
    }

    #[test]
    fn a_typed_rate_agrees_with_the_exact_one_it_rounds() {
        let exact = Figure::exact(Value::Ratio {
            num: Q::from_integer(22),
            den: Q::from_integer(23),
        });
        for same in ["95,65", "95,65%", "95,7", "96", "22/23"] {
            assert!(fig(same).agrees(&exact, true), "{same}");
            assert!(exact.agrees(&fig(same), true), "{same} (other side)");
        }
        for other in ["95,6", "95,66", "95", "21/23", "44/47"] {
            assert!(!fig(other).agrees(&exact, true), "{other}");
        }
        // As displayed by the level below: the number in brackets is not what was typed.
        assert!(fig("95,65").agrees(&fig("22/23 (95,65%)"), true));
        // Two plain numbers are equal or not; a count is not a rate.
        assert!(!fig("96").agrees(&fig("95,65"), true));
        assert!(!fig("22").agrees(&exact, false));
        assert!(fig("Có").agrees(&fig("có"), true));
    }

    #[test]
    fn values_print_the_vietnamese_way() {
        let t = Q::from_integer(80);
        assert_eq!(
            display_value(&Value::Number(Q::new(79995, 1000)), Some((&t, false)), true),
            "79,995%"
        );
        assert_eq!(
            display_value(&fig("22/23").value, None, true),
            "22/23 (95,65%)"
        );
        assert_eq!(display_value(&fig("1250").value, None, false), "1.250");
        assert_eq!(display_value(&fig("không").value, None, false), "Không");
    }

    proptest! {
        #[test]
        fn displayed_values_read_back(num in 0i64..100_000, den in 1i64..100_000) {
            let v = Value::Ratio { num: Q::from_integer(num.into()), den: Q::from_integer(den.into()) };
            prop_assert_eq!(Value::parse(&display_value(&v, None, true)), Some(v));
            let n = Value::Number(Q::from_integer(num.into()));
            prop_assert_eq!(Value::parse(&display_value(&n, None, false)), Some(n));
        }

        #[test]
        fn a_percentage_rounded_for_display_agrees_with_its_rate(
            num in 0i64..10_000, extra in 0i64..10_000
        ) {
            let rate = Figure::exact(Value::Ratio {
                num: Q::from_integer(num.into()),
                den: Q::from_integer((num + extra + 1).into()),
            });
            let shown = display_value(&rate.value, None, true);
            let percent = shown.split('(').nth(1).unwrap_or_default().trim_end_matches(')');
            prop_assert!(fig(percent).agrees(&rate, true), "{} vs {}", percent, shown);
        }
    }
}
