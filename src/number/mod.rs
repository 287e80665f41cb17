//! Vietnamese numbers: parsing what officers type (`85,5`, `85.5%`, `1.250`) into exact rationals,
//! and displaying rationals the Vietnamese way (decimal comma, ≤ 2 decimals, dot for thousands).

use num_rational::Ratio;
use num_traits::{Signed, Zero};

/// Exact rational used for every figure hoso compares.
pub type Q = Ratio<i128>;

/// How a bare `1.250` is read: a count column reads dots as thousands separators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberContext {
    Count,
    Any,
}

/// A number as an officer typed it: its exact value and how many decimals were typed (`95,65` →
/// 2; `1.250` in a count column → 0, the dot grouping thousands), so that a typed figure can be
/// compared with an exact one at the precision it was written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Typed {
    pub value: Q,
    pub decimals: u32,
}

/// Parses a Vietnamese or international number. Accepts an optional sign, `%`, spaces (also
/// non-breaking) as thousands separators, `,` or `.` as decimal mark. Returns `None` when the text is
/// not a number; never panics.
pub fn parse_number(raw: &str, ctx: NumberContext) -> Option<Q> {
    parse_typed(raw, ctx).map(|t| t.value)
}

/// [`parse_number`], with the decimals typed.
pub fn parse_typed(raw: &str, ctx: NumberContext) -> Option<Typed> {
    let s: String = raw
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    let (neg, body) = match s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let (int_part, frac_part) = split_marks(body, ctx)?;
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    if frac_part.contains(['.', ',']) || int_part.contains(['.', ',']) {
        return None;
    }
    if int_part.len() + frac_part.len() > 18 {
        return None;
    }
    let digits = format!("{}{}", int_part, frac_part);
    let n: i128 = digits.parse().ok()?;
    let d: i128 = 10i128.checked_pow(frac_part.len() as u32)?;
    let q = Q::new(n, d);
    Some(Typed {
        value: if neg { -q } else { q },
        decimals: frac_part.len() as u32,
    })
}

/// The integer and fraction digits of a number's body (digits, `.` and `,`): with both marks the
/// last one is the decimal mark; one `,` is a decimal comma; a `.` before exactly three digits
/// groups thousands in a count (`1.250`) and is a decimal point elsewhere.
fn split_marks(body: &str, ctx: NumberContext) -> Option<(String, String)> {
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let whole = |sep: char| Some((body.replace(sep, ""), String::new()));
    let at = |mark: char| {
        let (i, f) = body.split_once(mark)?;
        Some((i.to_string(), f.to_string()))
    };
    if dots > 0 && commas > 0 {
        let (dec, thou) = if body.rfind(',')? > body.rfind('.')? {
            (',', '.')
        } else {
            ('.', ',')
        };
        if body.matches(dec).count() != 1 {
            return None;
        }
        let (i, f) = body.split_once(dec)?;
        if !grouped_thousands(i, thou) {
            return None;
        }
        return Some((i.replace(thou, ""), f.to_string()));
    }
    if commas == 1 {
        return at(',');
    }
    if commas > 1 {
        return grouped_thousands(body, ',').then(|| whole(',')).flatten();
    }
    let thousands = grouped_thousands(body, '.');
    match dots {
        0 => Some((body.to_string(), String::new())),
        1 if thousands && ctx == NumberContext::Count => whole('.'),
        1 => at('.'),
        _ if thousands => whole('.'),
        _ => None,
    }
}

/// The most decimals a typed figure is taken at (a float Excel wrote in full is not a precision).
const MAX_TYPED_DECIMALS: u32 = 6;

/// Whether a figure typed with `decimals` decimals is `exact` rounded: within half a unit of the
/// last decimal typed (`95,65` is 22/23 = 95,652…%; `95,7` too; `95,6` is not).
pub fn rounds_to(typed: &Q, decimals: u32, exact: &Q) -> bool {
    let tol = Q::new(1, 2 * 10i128.pow(decimals.min(MAX_TYPED_DECIMALS)));
    (typed - exact).abs() <= tol
}

/// Excel keeps "65%" as 0.65 in a percent-formatted cell and hands over the stored number: in a
/// `%` row, a stored number in (0, 1] typed without `%` is a fraction of 100 (nobody reports
/// 0,65%, and 1 is Excel's 100%). The percentage, its decimals counted as a percentage's, when
/// the rule applies; `None` when the text is to be read as typed.
pub fn excel_percent(text: &str, stored: Option<f64>, percent_unit: bool) -> Option<Typed> {
    let x = stored.filter(|_| percent_unit)?;
    if !(x > 0.0 && x <= 1.0) || text.contains('%') {
        return None;
    }
    let t = parse_typed(text, NumberContext::Any)?;
    Some(Typed {
        value: t.value * Q::from_integer(100),
        decimals: t.decimals.saturating_sub(2),
    })
}

/// `1.250.000` with `.`: the first group has 1–3 digits, the others exactly 3.
fn grouped_thousands(s: &str, sep: char) -> bool {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 || !first.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let mut any = false;
    for p in parts {
        if p.len() != 3 || !p.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        any = true;
    }
    any
}

/// Rounds `q` half away from zero to `decimals` places.
pub fn round_to(q: &Q, decimals: u32) -> Q {
    let scale = 10i128.pow(decimals);
    let scaled = q * Q::from_integer(scale);
    let r = scaled.round();
    Q::new(r.to_integer(), scale)
}

/// Displays with up to `decimals` decimals, decimal comma, thousands dot, trailing zeros dropped.
pub fn format_q(q: &Q, decimals: u32) -> String {
    let r = round_to(q, decimals);
    let neg = r.is_negative();
    let abs = r.abs();
    let int = abs.trunc().to_integer();
    let frac = abs.fract();
    let mut frac_digits = String::new();
    if !frac.is_zero() {
        let scaled = (frac * Q::from_integer(10i128.pow(decimals)))
            .round()
            .to_integer();
        frac_digits = format!("{:0width$}", scaled, width = decimals as usize);
        while frac_digits.ends_with('0') {
            frac_digits.pop();
        }
    }
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&group_thousands(int));
    if !frac_digits.is_empty() {
        out.push(',');
        out.push_str(&frac_digits);
    }
    out
}

/// `1250` → `1.250`.
pub fn group_thousands(n: i128) -> String {
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// Displays `q` with 2 decimals, or more when the rounded figure would fall on the other side of
/// `threshold` than the exact one (79,995% must not print as 80% next to "≥ 80%").
/// `strict` says whether the threshold must be exceeded (`trên 80%`) or reached (`≥ 80%`).
pub fn format_against(q: &Q, threshold: Option<(&Q, bool)>) -> String {
    let mut decimals = 2;
    if let Some((t, strict)) = threshold {
        let met = |v: &Q| if strict { v > t } else { v >= t };
        while decimals < 8 && met(q) != met(&round_to(q, decimals)) {
            decimals += 1;
        }
    }
    format_q(q, decimals)
}

/// A percentage as [`format_against`] shows it, its thousands not grouped (`19108%`): a `.`
/// before three digits in a percentage is read back as a decimal point (`19.108%` is 19,108%),
/// and the next level re-reads the percentages a lower level printed.
pub fn format_percent_against(q: &Q, threshold: Option<(&Q, bool)>) -> String {
    format_against(q, threshold).replace('.', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<Q> {
        parse_number(s, NumberContext::Any)
    }

    #[test]
    fn parses_vietnamese_and_international_forms() {
        assert_eq!(p("85,5"), Some(Q::new(171, 2)));
        assert_eq!(p("85.5"), Some(Q::new(171, 2)));
        assert_eq!(p("85,5%"), Some(Q::new(171, 2)));
        assert_eq!(p(" 70 % "), Some(Q::from_integer(70)));
        assert_eq!(
            parse_number("1.250", NumberContext::Count),
            Some(Q::from_integer(1250))
        );
        assert_eq!(p("1.250.000"), Some(Q::from_integer(1_250_000)));
        assert_eq!(p("1.250,5"), Some(Q::new(2501, 2)));
        assert_eq!(p("1,250.5"), Some(Q::new(2501, 2)));
        assert_eq!(p("1 250"), Some(Q::from_integer(1250)));
        assert_eq!(p("04"), Some(Q::from_integer(4)));
        assert_eq!(p("abc"), None);
        assert_eq!(p(""), None);
        assert_eq!(p("1,2,3"), None);
        assert_eq!(p("1..2"), None);
    }

    #[test]
    fn displays_the_vietnamese_way() {
        assert_eq!(format_q(&Q::new(9565, 100), 2), "95,65");
        assert_eq!(format_q(&Q::new(145, 2), 2), "72,5");
        assert_eq!(format_q(&Q::from_integer(85), 2), "85");
        assert_eq!(format_q(&Q::from_integer(1250), 2), "1.250");
        assert_eq!(format_q(&Q::new(200, 3), 2), "66,67");
    }

    #[test]
    fn shows_more_decimals_when_rounding_would_hide_a_failure() {
        let v = Q::new(79995, 1000);
        let t = Q::from_integer(80);
        assert_eq!(format_against(&v, Some((&t, false))), "79,995");
        assert_eq!(
            format_against(&Q::from_integer(80), Some((&t, false))),
            "80"
        );
        // Just above a strict threshold must not print as the threshold itself.
        assert_eq!(
            format_against(&Q::new(800001, 10000), Some((&t, true))),
            "80,0001"
        );
        // 2/3 of the villages against a 2/3 threshold prints normally.
        let two_thirds = Q::new(200, 3);
        assert_eq!(
            format_against(&two_thirds, Some((&two_thirds, false))),
            "66,67"
        );
    }

    #[test]
    fn a_percentage_over_a_thousand_reads_back_as_itself() {
        let q = Q::from_integer(19108);
        assert_eq!(format_q(&q, 2), "19.108");
        assert_eq!(format_percent_against(&q, None), "19108");
        assert_eq!(format_percent_against(&Q::new(25001, 2), None), "12500,5");
        assert_eq!(
            parse_number(
                &format!("{}%", format_percent_against(&q, None)),
                NumberContext::Any
            ),
            Some(q)
        );
    }

    #[test]
    fn counts_the_decimals_typed() {
        let t = |s: &str, ctx| parse_typed(s, ctx).map(|t| t.decimals);
        assert_eq!(t("95,65", NumberContext::Any), Some(2));
        assert_eq!(t("95.65%", NumberContext::Any), Some(2));
        assert_eq!(t("85", NumberContext::Any), Some(0));
        // A dot before three digits groups thousands in a count, and is a decimal point elsewhere.
        assert_eq!(t("1.250", NumberContext::Count), Some(0));
        assert_eq!(t("85.714", NumberContext::Any), Some(3));
        assert_eq!(t("1.250,5", NumberContext::Count), Some(1));
        assert_eq!(t("abc", NumberContext::Any), None);
    }

    #[test]
    fn a_typed_figure_agrees_with_the_exact_one_it_rounds() {
        let exact = Q::new(2200, 23); // 95,652…%
        assert!(rounds_to(&Q::new(9565, 100), 2, &exact));
        assert!(rounds_to(&Q::new(957, 10), 1, &exact));
        assert!(rounds_to(&Q::from_integer(96), 0, &exact));
        assert!(!rounds_to(&Q::new(956, 10), 1, &exact));
        assert!(!rounds_to(&Q::new(9566, 100), 2, &exact));
    }

    #[test]
    fn excel_percent_cells_hold_fractions() {
        let p = |text: &str, stored: Option<f64>, pct: bool| excel_percent(text, stored, pct);
        assert_eq!(
            p("0.65", Some(0.65), true),
            Some(Typed {
                value: Q::from_integer(65),
                decimals: 0
            })
        );
        assert_eq!(
            p("0.9565", Some(0.9565), true),
            Some(Typed {
                value: Q::new(9565, 100),
                decimals: 2
            })
        );
        assert_eq!(
            p("1", Some(1.0), true).map(|t| t.value),
            Some(Q::from_integer(100))
        );
        // Not a % row, typed with %, text only (CSV), or a real number above 1: as typed.
        assert_eq!(p("0.65", Some(0.65), false), None);
        assert_eq!(p("65%", Some(0.65), true), None);
        assert_eq!(p("0.65", None, true), None);
        assert_eq!(p("65", Some(65.0), true), None);
        assert_eq!(p("0", Some(0.0), true), None);
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn typed_decimals_are_the_digits_after_the_mark(
                n in 0i64..1_000_000_000, d in 0u32..7, comma in any::<bool>()
            ) {
                let scale = 10i64.pow(d);
                let (i, f) = (n / scale, n % scale);
                let text = if d == 0 {
                    i.to_string()
                } else {
                    format!("{i}{}{f:0w$}", if comma { ',' } else { '.' }, w = d as usize)
                };
                let t = parse_typed(&text, NumberContext::Any).expect("a plain decimal parses");
                prop_assert_eq!(t.value, Q::new(n.into(), scale.into()));
                prop_assert_eq!(t.decimals, d);
            }

            #[test]
            fn a_rounded_figure_agrees_and_one_unit_off_does_not(
                n in -1_000_000i64..1_000_000, den in 1i64..10_000, d in 0u32..5
            ) {
                let exact = Q::new(n.into(), den.into());
                let shown = round_to(&exact, d);
                prop_assert!(rounds_to(&shown, d, &exact));
                let unit = Q::new(1, 10i128.pow(d));
                prop_assert!(!rounds_to(&(shown + unit + unit), d, &exact));
            }

            // Fractions as people type them (up to six decimals): a float a formula left in full
            // (0.024421867262480777) has more digits than parse_number reads.
            #[test]
            fn excel_fractions_are_a_hundredfold(k in 1u32..=1_000_000) {
                let x = f64::from(k) / 1e6;
                let text = format!("{x}");
                let t = excel_percent(&text, Some(x), true).expect("a stored fraction in (0, 1]");
                let typed = parse_number(&text, NumberContext::Any).expect("a float's text parses");
                prop_assert_eq!(t.value, typed * Q::from_integer(100));
            }
        }
    }
}
