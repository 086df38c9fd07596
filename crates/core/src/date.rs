use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

/// A calendar date, printed and parsed as `YYYY-MM-DD`.
///
/// A thin wrapper over [`jiff::civil::Date`] so that stages share one date type and one textual
/// form; use [`Date::civil`] for calendar arithmetic.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(jiff::civil::Date);

impl Date {
    /// The date `year-month-day`, or `None` when that day does not exist.
    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }

    /// The underlying civil date, for arithmetic.
    pub fn civil(self) -> jiff::civil::Date {
        self.0
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// The month, 1 to 12.
    pub fn month(self) -> i8 {
        self.0.month()
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> i8 {
        self.0.day()
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`), so that a gap between dates is
    /// one subtraction in inner loops and in indexes.
    pub fn day_number(self) -> i32 {
        let (y, m, day) = (i32::from(self.year()), i32::from(self.month()), i32::from(self.day()));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl From<jiff::civil::Date> for Date {
    fn from(d: jiff::civil::Date) -> Date {
        Date(d)
    }
}

impl FromStr for Date {
    type Err = Error;

    /// Parses `YYYY-MM-DD`, also when followed by a time (`2025-11-19T08:00:00Z`).
    fn from_str(input: &str) -> Result<Date, Error> {
        let bad = || Error::InvalidDate { input: input.to_string() };
        let trimmed = input.trim();
        let head = trimmed.get(..10).ok_or_else(bad)?;
        let rest = &trimmed[10..];
        if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
            return Err(bad());
        }
        let bytes = head.as_bytes();
        if bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(bad());
        }
        let num = |range: std::ops::Range<usize>| -> Option<i32> {
            let part = head.get(range)?;
            if part.bytes().all(|c| c.is_ascii_digit()) { part.parse().ok() } else { None }
        };
        let year = num(0..4).ok_or_else(bad)?;
        let month = num(5..7).ok_or_else(bad)?;
        let day = num(8..10).ok_or_else(bad)?;
        Date::new(year as i16, month as i8, day as i8).ok_or_else(bad)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_days_since_1970() {
        let day = |y, m, d| Date::new(y, m, d).unwrap().day_number();
        assert_eq!(day(1970, 1, 1), 0);
        assert_eq!(day(1969, 12, 31), -1);
        assert_eq!(day(2000, 3, 1), 11_017);
        assert_eq!(day(2026, 3, 1) - day(2026, 2, 28), 1);
        let jiff_gap =
            Date::new(2025, 11, 19).unwrap().civil() - Date::new(1970, 1, 1).unwrap().civil();
        assert_eq!(i64::from(day(2025, 11, 19)), i64::from(jiff_gap.get_days()));
    }

    #[test]
    fn parses_dates_and_timestamps() {
        assert_eq!("2025-11-19".parse::<Date>().unwrap(), Date::new(2025, 11, 19).unwrap());
        assert_eq!("2025-11-19T08:00:00Z".parse::<Date>().unwrap().to_string(), "2025-11-19");
        assert_eq!("2025-11-19 08:00".parse::<Date>().unwrap().day(), 19);
        for bad in [
            "2025-02-30",
            "2025/11/19",
            "19-11-2025",
            "2025-1-9",
            "",
            "2025-11-19x",
            "２０２５-11-19",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = s.parse::<Date>();
        }

        #[test]
        fn display_round_trips(y in 1i16..9999, m in 1i8..=12, d in 1i8..=28) {
            let date = Date::new(y, m, d).unwrap();
            proptest::prop_assert_eq!(date.to_string().parse::<Date>().unwrap(), date);
        }
    }
}
