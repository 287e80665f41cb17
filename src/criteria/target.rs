//! Targets (chỉ tiêu) as the seeds write them — `≥ 70%`, `từ 70% trở lên`, `trên 80%`, `Có`,
//! `ít nhất 04`, `2/3`, `01 tin, bài/tháng`, `A; B` — parsed once into [`Target`], and compared
//! exactly with a measured [`Value`].

use super::frequency::{self, Period};
use super::value::{as_count, as_percent, display_value, norm, Value};
use crate::number::{format_q, parse_number, NumberContext, Q};
use crate::problem::messages::criteria as msg;
use num_traits::{One, Zero};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// `Có` / `Đạt`: the thing exists.
    Presence,
    /// A percentage to reach (`≥ 70%`, `100%`) or to exceed (`trên 80%`).
    Percent {
        #[serde(serialize_with = "ser_q")]
        min: Q,
        strict: bool,
    },
    /// A count to reach (`ít nhất 04`) or exceed.
    Count {
        #[serde(serialize_with = "ser_q")]
        min: Q,
        strict: bool,
    },
    /// A fraction of a whole (`2/3` of the villages).
    Fraction {
        #[serde(serialize_with = "ser_q")]
        min: Q,
    },
    /// At least `min` per period (`01 tin, bài/tháng`).
    Frequency {
        #[serde(serialize_with = "ser_q")]
        min: Q,
        per: String,
        what: String,
    },
    /// Every part must be met.
    All { parts: Vec<Target> },
}

fn ser_q<S: serde::Serializer>(q: &Q, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_q(q, 6))
}

/// Why a value cannot be compared with a target.
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch(pub String);

/// Words before the number that mean "at least".
const AT_LEAST: &[&str] = &[
    "≥",
    ">=",
    "=>",
    "từ",
    "tối thiểu",
    "ít nhất",
    "đạt tối thiểu",
    "đạt từ",
    "đạt",
    "tối thiếu",
    "không dưới",
    "không thấp hơn",
    "ít nhất là",
    "có ít nhất",
    "có từ",
    "tối thiểu là",
];
/// Words before the number that mean "more than".
const MORE_THAN: &[&str] = &[">", "trên", "hơn", "lớn hơn", "phủ trên", "cao hơn", "vượt"];
/// Words after the number that mean "or more" (dropped).
const OR_MORE: &[&str] = &["trở lên", "trở lên.", "hoặc hơn"];

impl Target {
    /// Parses a target. `percent_unit` tells how a bare number is read (the indicator's unit is `%`).
    pub fn parse(raw: &str, percent_unit: bool) -> Result<Target, String> {
        let text = norm(raw);
        if text.is_empty() {
            return Err(msg::target_empty());
        }
        if text.chars().count() > 200 {
            return Err(msg::target_too_long());
        }
        let parts: Vec<&str> = text
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > 1 {
            let parts = parts
                .iter()
                .map(|p| Target::parse_one(p, percent_unit))
                .collect::<Result<Vec<_>, _>>()?;
            return Ok(Target::All { parts });
        }
        Target::parse_one(&text, percent_unit)
    }

    fn parse_one(text: &str, percent_unit: bool) -> Result<Target, String> {
        let t = text.trim().trim_end_matches('.').trim();
        if matches!(t, "có" | "đạt" | "x" | "có (đạt)") {
            return Ok(Target::Presence);
        }
        let (rest, strict) = strip_comparison(t);
        let rest = strip_or_more(rest);
        // The number: digits, separators and an optional fraction bar.
        let num_end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | ' ')))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        let number = rest[..num_end].trim();
        let tail = rest[num_end..].trim();
        if number.is_empty() {
            return Err(msg::target_without_number(text));
        }
        if let Some((a, b)) = number.split_once('/') {
            // `2/3` — a fraction; `01 tin, bài/tháng` has its slash in the tail.
            return fraction(a, b, tail, text);
        }
        let value = parse_number(number, NumberContext::Count)
            .ok_or_else(|| msg::number_unreadable(number, text))?;
        if value < Q::zero() {
            return Err(msg::target_negative(text));
        }
        with_unit(value, strict, tail, text, percent_unit)
    }

    /// The threshold used for display decisions, as a percentage where the value is one.
    fn threshold(&self) -> Option<(Q, bool)> {
        match self {
            Target::Percent { min, strict } => Some((*min, *strict)),
            Target::Count { min, strict } => Some((*min, *strict)),
            Target::Fraction { min } => Some((*min * Q::from_integer(100), false)),
            Target::Frequency { min, .. } => Some((*min, false)),
            _ => None,
        }
    }

    /// The canonical way the target is printed in tables: `≥ 70%`, `100%`, `> 80%`, `Có`, `≥ 04`.
    pub fn display(&self) -> String {
        match self {
            Target::Presence => "Có".into(),
            Target::Percent { min, strict: false } if *min == Q::from_integer(100) => "100%".into(),
            Target::Percent { min, strict } => {
                format!("{} {}%", if *strict { ">" } else { "≥" }, format_q(min, 4))
            }
            Target::Count { min, strict } => {
                let n = format_q(min, 4);
                let n = if n.len() == 1 { format!("0{n}") } else { n };
                format!("{} {}", if *strict { ">" } else { "≥" }, n)
            }
            Target::Fraction { min } => format!("≥ {}/{}", min.numer(), min.denom()),
            Target::Frequency { min, per, what } => {
                let n = format_q(min, 4);
                let n = if n.len() == 1 { format!("0{n}") } else { n };
                if what.is_empty() {
                    format!("≥ {n}/{per}")
                } else {
                    format!("≥ {n} {what}/{per}")
                }
            }
            Target::All { parts } => parts
                .iter()
                .map(Target::display)
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// Is the value met? `Err` when the value is not of a kind that can be compared.
    pub fn is_met(&self, value: &Value) -> Result<bool, Mismatch> {
        match (self, value) {
            (Target::All { parts }, Value::Many(vals)) if vals.len() == parts.len() => {
                let mut all = true;
                for (t, v) in parts.iter().zip(vals) {
                    all &= t.is_met(v)?;
                }
                Ok(all)
            }
            (Target::All { parts }, _) => Err(Mismatch(msg::values_per_part(parts.len()))),
            (_, Value::Many(_)) => Err(Mismatch(msg::one_part_many_values())),
            (Target::Presence, Value::Yes(b)) => Ok(*b),
            (Target::Presence, Value::Number(n)) => Ok(*n >= Q::one()),
            (Target::Presence, Value::Ratio { num, .. }) => Ok(*num >= Q::one()),
            (Target::Presence, Value::Rate { count, .. }) => Ok(*count >= Q::one()),
            (Target::Frequency { min, per, what }, v) => frequency_met(min, per, what, v),
            (_, Value::Rate { .. }) => Err(Mismatch(msg::rate_against_non_frequency())),
            (Target::Percent { min, strict }, v) => {
                let p = as_percent(v)?;
                Ok(if *strict { p > *min } else { p >= *min })
            }
            (Target::Count { min, strict }, v) => {
                let n = as_count(v)?;
                Ok(if *strict { n > *min } else { n >= *min })
            }
            (Target::Fraction { min }, v) => Ok(as_percent(v)? >= *min * Q::from_integer(100)),
        }
    }

    /// Displays a value next to this target (more decimals where rounding would mislead).
    pub fn display_value(&self, value: &Value, percent_unit: bool) -> String {
        match (self, value) {
            (Target::All { parts }, Value::Many(vals)) if parts.len() == vals.len() => parts
                .iter()
                .zip(vals)
                .map(|(t, v)| t.display_value(v, percent_unit))
                .collect::<Vec<_>>()
                .join("; "),
            _ => display_value(
                value,
                self.threshold().as_ref().map(|(q, s)| (q, *s)),
                self.wants_percent(percent_unit),
            ),
        }
    }

    fn wants_percent(&self, percent_unit: bool) -> bool {
        matches!(self, Target::Percent { .. } | Target::Fraction { .. }) || percent_unit
    }

    /// Whether the target is a rate (compared with percentages).
    pub fn is_rate(&self) -> bool {
        matches!(self, Target::Percent { .. } | Target::Fraction { .. })
    }
}

/// The leading comparison words stripped, longest first, and whether one meant "more than".
fn strip_comparison(t: &str) -> (&str, bool) {
    let mut words: Vec<(&str, bool)> = AT_LEAST.iter().map(|w| (*w, false)).collect();
    words.extend(MORE_THAN.iter().map(|w| (*w, true)));
    words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    let mut rest = t;
    let mut strict = false;
    loop {
        let before = rest;
        for (w, s) in &words {
            if let Some(r) = rest.strip_prefix(w) {
                // A word must end at a word boundary ("từ" must not eat "tự").
                if w.chars().all(char::is_alphabetic)
                    && r.chars().next().is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                rest = r.trim_start();
                strict |= s;
                break;
            }
        }
        if rest == before {
            return (rest, strict);
        }
    }
}

/// The trailing "or more" words dropped.
fn strip_or_more(rest: &str) -> String {
    let mut rest = rest.trim().to_string();
    for w in OR_MORE {
        if let Some(r) = rest.strip_suffix(w) {
            rest = r.trim().to_string();
        }
    }
    rest
}

/// `a/b` of a whole, nothing after it.
fn fraction(a: &str, b: &str, tail: &str, text: &str) -> Result<Target, String> {
    let a = parse_number(a, NumberContext::Count).ok_or_else(|| msg::fraction_invalid(text))?;
    let b = parse_number(b, NumberContext::Count).ok_or_else(|| msg::fraction_invalid(text))?;
    if b.is_zero() || a > b {
        return Err(msg::fraction_invalid(text));
    }
    if !tail.is_empty() {
        return Err(msg::after_fraction(tail));
    }
    Ok(Target::Fraction { min: a / b })
}

/// A number and what follows it: `%`, `… /period`, or a count's words (a bare number is a
/// percentage when the indicator's unit is `%`).
fn with_unit(
    value: Q,
    strict: bool,
    tail: &str,
    text: &str,
    percent_unit: bool,
) -> Result<Target, String> {
    let percent = |value: Q| {
        if value > Q::from_integer(100) {
            Err(msg::percent_over_100(text))
        } else {
            Ok(Target::Percent { min: value, strict })
        }
    };
    if let Some(after) = tail.strip_prefix('%') {
        let after = after.trim();
        if !after.is_empty() && !after.chars().all(|c| !c.is_ascii_digit()) {
            return Err(msg::after_percent(after));
        }
        return percent(value);
    }
    if let Some((what, per)) = tail.rsplit_once('/') {
        let per = per.trim();
        if Period::parse(per).is_none() {
            return Err(msg::period_unknown(text));
        }
        return Ok(Target::Frequency {
            min: value,
            per: per.to_string(),
            what: what.trim().to_string(),
        });
    }
    if tail.chars().any(|c| c.is_ascii_digit()) {
        return Err(msg::target_not_understood(text));
    }
    if percent_unit && tail.is_empty() {
        return percent(value);
    }
    Ok(Target::Count { min: value, strict })
}

/// A frequency target against a value: only a value with its period compares, per year, exactly.
fn frequency_met(min: &Q, per: &str, what: &str, v: &Value) -> Result<bool, Mismatch> {
    let per = Period::parse(per).ok_or_else(|| Mismatch(msg::target_period_unknown(per)))?;
    match v {
        Value::Rate { count, per: p, .. } => {
            Ok(frequency::yearly(*count, *p) >= frequency::yearly(*min, per))
        }
        _ => Err(Mismatch(frequency::how_to_write(min, what, per))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(n: i128) -> Target {
        Target::Percent {
            min: Q::from_integer(n),
            strict: false,
        }
    }

    #[test]
    fn parses_every_form_in_the_seeds() {
        for s in [
            "≥ 70%",
            "70%",
            ">=70%",
            "từ 70% trở lên",
            "tối thiểu 70%",
            "Tối thiểu 70 %",
            "đạt 70%",
        ] {
            assert_eq!(Target::parse(s, false), Ok(pct(70)), "{s}");
        }
        assert_eq!(Target::parse(">=70", true), Ok(pct(70)));
        assert_eq!(Target::parse("100%", false), Ok(pct(100)));
        assert_eq!(
            Target::parse("trên 80%", false),
            Ok(Target::Percent {
                min: Q::from_integer(80),
                strict: true
            })
        );
        assert_eq!(
            Target::parse("> 80%", false),
            Ok(Target::Percent {
                min: Q::from_integer(80),
                strict: true
            })
        );
        assert_eq!(Target::parse("Có", false), Ok(Target::Presence));
        assert_eq!(Target::parse("Đạt", false), Ok(Target::Presence));
        assert_eq!(
            Target::parse("≥ 1", false),
            Ok(Target::Count {
                min: Q::from_integer(1),
                strict: false
            })
        );
        assert_eq!(
            Target::parse("ít nhất 04", false),
            Ok(Target::Count {
                min: Q::from_integer(4),
                strict: false
            })
        );
        assert_eq!(
            Target::parse("ít nhất 02 mô hình", false),
            Ok(Target::Count {
                min: Q::from_integer(2),
                strict: false
            })
        );
        assert_eq!(
            Target::parse("2/3", false),
            Ok(Target::Fraction { min: Q::new(2, 3) })
        );
        assert_eq!(
            Target::parse("01 tin, bài/tháng", false),
            Ok(Target::Frequency {
                min: Q::from_integer(1),
                per: "tháng".into(),
                what: "tin, bài".into()
            })
        );
        assert_eq!(
            Target::parse("≥ 90%; ≥ 80%", false),
            Ok(Target::All {
                parts: vec![pct(90), pct(80)]
            })
        );
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        for s in ["", "nhiều", "150%", "3/0", "5/3", "≥ abc", "70% 80"] {
            assert!(Target::parse(s, false).is_err(), "{s}");
        }
    }

    #[test]
    fn compares_exactly_at_the_boundaries() {
        let t = pct(70);
        assert!(!t.is_met(&Value::parse("69,99%").unwrap()).unwrap());
        assert!(t.is_met(&Value::parse("70%").unwrap()).unwrap());
        let strict = Target::parse("trên 80%", false).unwrap();
        assert!(!strict.is_met(&Value::parse("80%").unwrap()).unwrap());
        assert!(strict.is_met(&Value::parse("80,01").unwrap()).unwrap());
        let frac = Target::parse("2/3", false).unwrap();
        assert!(frac.is_met(&Value::parse("2/3").unwrap()).unwrap());
        assert!(!frac.is_met(&Value::parse("3/5").unwrap()).unwrap());
        assert!(!pct(80)
            .is_met(&Value::Ratio {
                num: Q::from_integer(15999),
                den: Q::from_integer(20000)
            })
            .unwrap());
        assert!(Target::Presence
            .is_met(&Value::parse("6").unwrap())
            .unwrap());
        assert!(!Target::Presence
            .is_met(&Value::parse("Không").unwrap())
            .unwrap());
        assert!(t.is_met(&Value::parse("Có").unwrap()).is_err());
    }

    #[test]
    fn displays_targets_canonically() {
        assert_eq!(
            Target::parse("từ 50% trở lên", false).unwrap().display(),
            "≥ 50%"
        );
        assert_eq!(
            Target::parse("ít nhất 04", false).unwrap().display(),
            "≥ 04"
        );
        assert_eq!(Target::parse("trên 80%", false).unwrap().display(), "> 80%");
        assert_eq!(Target::parse("100%", false).unwrap().display(), "100%");
        assert_eq!(Target::parse("2/3", false).unwrap().display(), "≥ 2/3");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn target() -> impl Strategy<Value = Target> {
            let q = |n: u32, d: u32| Q::new(n.into(), 10i128.pow(d));
            prop_oneof![
                (0u32..=10_000, 0u32..=2, any::<bool>()).prop_map(move |(n, d, strict)| {
                    Target::Percent {
                        min: q(n.min(100 * 10u32.pow(d)), d),
                        strict,
                    }
                }),
                (0u32..100_000, any::<bool>()).prop_map(|(n, strict)| Target::Count {
                    min: Q::from_integer(n.into()),
                    strict
                }),
                (1u32..50, 0u32..50).prop_map(|(b, a)| Target::Fraction {
                    min: Q::new(a.min(b).into(), b.into())
                }),
                (
                    1u32..100,
                    prop::sample::select(vec!["tin, bài", "lần", "buổi"]),
                    prop::sample::select(vec!["ngày", "tuần", "tháng", "quý", "năm"])
                )
                    .prop_map(|(n, what, per)| Target::Frequency {
                        min: Q::from_integer(n.into()),
                        per: per.into(),
                        what: what.into(),
                    }),
            ]
        }

        proptest! {
            #[test]
            fn a_displayed_target_reads_back_as_itself(t in target()) {
                prop_assert_eq!(Target::parse(&t.display(), false), Ok(t));
            }

            #[test]
            fn a_conjunction_reads_back_part_by_part(parts in prop::collection::vec(target(), 2..4)) {
                let all = Target::All { parts };
                prop_assert_eq!(Target::parse(&all.display(), false), Ok(all));
            }

            // The display rule: rounding a value for display never changes its evaluation.
            #[test]
            fn a_displayed_value_is_evaluated_as_the_exact_one(
                n in 0i64..1_000_000, d in 1i64..10_000, min in 0i64..=100, strict in any::<bool>()
            ) {
                let t = Target::Percent { min: Q::from_integer(min.into()), strict };
                let v = Value::Number(Q::new(n.into(), d.into()));
                let shown = t.display_value(&v, true);
                let back = Value::parse(&shown).expect("a displayed value reads back");
                prop_assert_eq!(t.is_met(&back), t.is_met(&v), "{}", shown);
            }

            #[test]
            fn any_text_is_a_target_or_a_reason(s in "\\PC{0,60}", pct in any::<bool>()) {
                match Target::parse(&s, pct) {
                    Ok(t) => prop_assert!(!t.display().is_empty()),
                    Err(why) => prop_assert!(!why.is_empty()),
                }
            }
        }
    }
}
