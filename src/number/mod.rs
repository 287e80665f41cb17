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

/// Parses a Vietnamese or international number. Accepts an optional sign, `%`, spaces (also
/// non-breaking) as thousands separators, `,` or `.` as decimal mark. Returns `None` when the text is
/// not a number; never panics.
pub fn parse_number(raw: &str, ctx: NumberContext) -> Option<Q> {
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
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let (int_part, frac_part): (String, String) = if dots > 0 && commas > 0 {
        // Both marks: the last one is the decimal mark, the other groups thousands.
        let last_dot = body.rfind('.')?;
        let last_comma = body.rfind(',')?;
        let (dec, thou) = if last_comma > last_dot {
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
        (i.replace(thou, ""), f.to_string())
    } else if commas > 0 {
        if commas == 1 {
            let (i, f) = body.split_once(',')?;
            (i.to_string(), f.to_string())
        } else if grouped_thousands(body, ',') {
            (body.replace(',', ""), String::new())
        } else {
            return None;
        }
    } else if dots > 0 {
        let thousands = grouped_thousands(body, '.');
        if dots > 1 && thousands {
            (body.replace('.', ""), String::new())
        } else if dots == 1 && thousands && ctx == NumberContext::Count {
            (body.replace('.', ""), String::new())
        } else if dots == 1 {
            let (i, f) = body.split_once('.')?;
            (i.to_string(), f.to_string())
        } else {
            return None;
        }
    } else {
        (body.to_string(), String::new())
    };
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
    Some(if neg { -q } else { q })
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
        if i > 0 && (s.len() - i) % 3 == 0 {
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
}
