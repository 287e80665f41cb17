//! Frequencies (`01 tin, bài/tháng`, `1 lần/tuần`): the period words, and results read with their
//! period (`2 tin/tháng`, `30 tin/năm`) compared per period, exactly. Every rate is brought to a
//! year: 1 năm = 4 quý = 12 tháng = 52 tuần = 365 ngày (forms/README.md, "Frequencies"). A target
//! of 1/tháng over the assessed year needs ≥ 12/năm, 1/tuần needs ≥ 52/năm.

use crate::number::{format_q, parse_number, NumberContext, Q};
use crate::text::fold;

/// A period a frequency is counted over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Period {
    /// `tháng`, `tuần`, `năm`, `quý`, `ngày` (any case, with or without accents).
    pub fn parse(word: &str) -> Option<Period> {
        Some(match fold(word).trim() {
            "ngay" => Period::Day,
            "tuan" => Period::Week,
            "thang" => Period::Month,
            "quy" => Period::Quarter,
            "nam" => Period::Year,
            _ => return None,
        })
    }

    /// How many of this period make a year.
    pub fn per_year(self) -> Q {
        Q::from_integer(match self {
            Period::Day => 365,
            Period::Week => 52,
            Period::Month => 12,
            Period::Quarter => 4,
            Period::Year => 1,
        })
    }

    pub fn word(self) -> &'static str {
        match self {
            Period::Day => "ngày",
            Period::Week => "tuần",
            Period::Month => "tháng",
            Period::Quarter => "quý",
            Period::Year => "năm",
        }
    }
}

/// `count` per `per`, brought to a year (exact).
pub fn yearly(count: Q, per: Period) -> Q {
    count * per.per_year()
}

/// A typed result with its period: `2 tin/tháng`, `30 tin, bài/năm`, `1 lần/tuần`, `52/năm`.
/// `None` when the text has no `/period` or the number cannot be read.
pub fn parse_rate(text: &str) -> Option<(Q, String, Period)> {
    let (head, per) = text.rsplit_once('/')?;
    let period = Period::parse(per)?;
    let head = head.trim();
    let end = head
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ')))
        .map(|(i, _)| i)
        .unwrap_or(head.len());
    let number = head[..end].trim();
    let what = head[end..].trim().to_string();
    if number.is_empty() || what.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let n = parse_number(number, NumberContext::Count)?;
    (n >= Q::from_integer(0)).then_some((n, what, period))
}

/// How a rate prints: `2 tin/tháng`, `30/năm`.
pub fn display_rate(count: &Q, what: &str, per: Period) -> String {
    if what.is_empty() {
        format!("{}/{}", format_q(count, 2), per.word())
    } else {
        format!("{} {what}/{}", format_q(count, 2), per.word())
    }
}

/// The sentence telling an officer how to write a result against a frequency target.
pub fn how_to_write(min: &Q, what: &str, per: Period) -> String {
    let unit = if what.is_empty() { "lần" } else { what };
    let year = yearly(*min, per);
    crate::problem::messages::criteria::frequency_how_to_write(
        &format_q(min, 2),
        unit,
        per.word(),
        &format_q(&year, 2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::{Target, Value};
    use proptest::prelude::*;

    #[test]
    fn frequencies_compare_per_period_at_the_boundaries() {
        let month = Target::parse("01 tin, bài/tháng", false).unwrap();
        let met = |t: &Target, v: &str| t.is_met(&Value::parse(v).unwrap());
        assert_eq!(met(&month, "12 tin/năm"), Ok(true));
        assert_eq!(met(&month, "11 tin/năm"), Ok(false));
        assert_eq!(met(&month, "3 tin/năm"), Ok(false));
        assert_eq!(met(&month, "1 tin, bài/tháng"), Ok(true));
        assert_eq!(met(&month, "0,9 tin/tháng"), Ok(false));
        assert_eq!(met(&month, "3 tin/quý"), Ok(true));
        assert_eq!(met(&month, "2 tin/quý"), Ok(false));
        let week = Target::parse("1 lần/tuần", false).unwrap();
        assert_eq!(met(&week, "52 lần/năm"), Ok(true));
        assert_eq!(met(&week, "51 lần/năm"), Ok(false));
        assert_eq!(met(&week, "4 lần/tháng"), Ok(false));
        assert_eq!(met(&week, "5 lần/tháng"), Ok(true));
        assert_eq!(met(&week, "1 lần/tuần"), Ok(true));
        let four = Target::parse("04 tin, bài/tháng", false).unwrap();
        assert_eq!(met(&four, "1 tin/tuần"), Ok(true));
        assert_eq!(met(&four, "47 tin/năm"), Ok(false));
        assert_eq!(met(&four, "48 tin/năm"), Ok(true));
        // No period: an error that says how to write it.
        for bare in ["3", "Có", "12/15"] {
            let e = met(&month, bare).unwrap_err().0;
            assert!(
                e.contains("\"1 tin, bài/tháng\"") && e.contains("/năm"),
                "{bare}: {e}"
            );
        }
        // A rate against a target that is not a frequency is refused too.
        assert!(Target::Percent {
            min: Q::from_integer(70),
            strict: false
        }
        .is_met(&Value::parse("2 tin/tháng").unwrap())
        .is_err());
        assert!(Target::parse("2 lần/buổi", false).is_err());
        assert_eq!(
            month.display_value(&Value::parse("2 tin/tháng").unwrap(), false),
            "2 tin/tháng"
        );
    }

    #[test]
    fn periods_and_rates() {
        assert_eq!(Period::parse("Tháng"), Some(Period::Month));
        assert_eq!(Period::parse(" tuần "), Some(Period::Week));
        assert_eq!(Period::parse("thang"), Some(Period::Month));
        assert_eq!(Period::parse("buổi"), None);
        assert_eq!(
            parse_rate("2 tin/tháng"),
            Some((Q::from_integer(2), "tin".into(), Period::Month))
        );
        assert_eq!(
            parse_rate("30 tin, bài/năm"),
            Some((Q::from_integer(30), "tin, bài".into(), Period::Year))
        );
        assert_eq!(
            parse_rate("52/năm"),
            Some((Q::from_integer(52), String::new(), Period::Year))
        );
        assert_eq!(parse_rate("2 tin/buổi"), None);
        assert_eq!(parse_rate("tin/tháng"), None);
        assert_eq!(parse_rate("12/15"), None);
        assert_eq!(
            yearly(Q::from_integer(1), Period::Week),
            Q::from_integer(52)
        );
    }

    #[test]
    fn how_to_write_names_the_yearly_need() {
        let s = how_to_write(&Q::from_integer(1), "tin, bài", Period::Month);
        assert!(
            s.contains("\"1 tin, bài/tháng\"") && s.contains("12 tin, bài/năm"),
            "{s}"
        );
    }

    proptest! {
        #[test]
        fn parse_rate_never_panics(s in "\\PC{0,40}") {
            let _ = parse_rate(&s);
        }

        #[test]
        fn typed_rates_round_trip(n in 0u32..100_000, p in 0usize..5) {
            let per = [Period::Day, Period::Week, Period::Month, Period::Quarter, Period::Year][p];
            let text = display_rate(&Q::from_integer(n.into()), "tin", per);
            prop_assert_eq!(parse_rate(&text), Some((Q::from_integer(n.into()), "tin".to_string(), per)));
        }
    }
}
