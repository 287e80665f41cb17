//! The report date of hoso.toml (`[van_ban] ngay`): a calendar date, also every timestamp in the
//! output, written the ways ND30 and officers write it.

/// A calendar date (the report date: also every timestamp in the output).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let dim = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        ((1980..=2107).contains(&year) && (1..=dim).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Accepts `2024-11-10`, `10/11/2024`, `10-11-2024`, `10.11.2024`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        if parts.len() != 3 {
            return None;
        }
        let n: Vec<i64> = parts
            .iter()
            .map(|p| p.trim().parse::<i64>().ok())
            .collect::<Option<_>>()?;
        if parts[0].len() == 4 {
            Date::new(
                n[0] as i32,
                u32::try_from(n[1]).ok()?,
                u32::try_from(n[2]).ok()?,
            )
        } else {
            Date::new(
                n[2] as i32,
                u32::try_from(n[1]).ok()?,
                u32::try_from(n[0]).ok()?,
            )
        }
    }

    /// `ngày 10 tháng 11 năm 2024` with ND30's leading zeros (day < 10, month < 3).
    pub fn words(&self) -> String {
        let day = if self.day < 10 {
            format!("0{}", self.day)
        } else {
            self.day.to_string()
        };
        let month = if self.month < 3 {
            format!("0{}", self.month)
        } else {
            self.month.to_string()
        };
        format!("ngày {day} tháng {month} năm {}", self.year)
    }

    /// `10/11/2024`.
    pub fn short(&self) -> String {
        format!("{:02}/{:02}/{}", self.day, self.month, self.year)
    }

    /// (year, month, day): the documents' and the package's only clock.
    pub fn ymd(&self) -> (i32, u32, u32) {
        (self.year, self.month, self.day)
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dates_follow_nd30() {
        assert_eq!(
            Date::new(2024, 2, 5).unwrap().words(),
            "ngày 05 tháng 02 năm 2024"
        );
        assert_eq!(
            Date::new(2024, 11, 10).unwrap().words(),
            "ngày 10 tháng 11 năm 2024"
        );
        assert_eq!(Date::parse("10/11/2024"), Date::new(2024, 11, 10));
        assert_eq!(Date::parse("2024-02-30"), None);
        assert_eq!(Date::new(2024, 2, 29).unwrap().short(), "29/02/2024");
        assert_eq!(Date::new(2023, 2, 29), None);
    }

    proptest! {
        #[test]
        fn any_text_is_a_valid_date_or_none(s in "\\PC{0,20}|[0-9]{1,5}[-/.][0-9]{1,3}[-/.][0-9]{1,5}") {
            if let Some(d) = Date::parse(&s) {
                prop_assert_eq!(Date::new(d.year, d.month, d.day), Some(d));
                prop_assert_eq!(Date::parse(&d.iso()), Some(d));
                prop_assert_eq!(Date::parse(&d.short()), Some(d));
            }
        }
    }
}
