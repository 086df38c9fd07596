use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Date, Error};

/// A calendar month, printed and parsed as `YYYY-MM`.
///
/// What a source says when it gives a month and no day: a blog's `/2025/11/slug` permalink,
/// a `2025-11` metadata value. It is not a day, so nothing that needs one (clustering, the
/// timeline, the order of reports) reads it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    year: i16,
    month: i8,
}

impl Month {
    /// The month `year-month`, or `None` when `month` is not 1 to 12 or the year does not
    /// print in four digits (0 to 9999).
    pub fn new(year: i16, month: i8) -> Option<Month> {
        ((0..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> i8 {
        self.month
    }
}

impl From<Date> for Month {
    /// The month a day is in.
    fn from(d: Date) -> Month {
        Month { year: d.year(), month: d.month() }
    }
}

impl FromStr for Month {
    type Err = Error;

    /// Parses `YYYY-MM`, nothing more.
    fn from_str(input: &str) -> Result<Month, Error> {
        let bad = || Error::InvalidMonth { input: input.to_string() };
        let t = input.trim();
        let (y, m) = t.split_once('-').ok_or_else(bad)?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|c| c.is_ascii_digit());
        if !digits(y, 4) || !digits(m, 2) {
            return Err(bad());
        }
        Month::new(y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?).ok_or_else(bad)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl fmt::Debug for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Month({self})")
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Month {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Month".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": r"^\d{4}-\d{2}$" })
    }
}

/// When an article was published, as precisely as its source says: a day, or only a month.
///
/// Printed and parsed as `YYYY-MM-DD` or `YYYY-MM`, so that every `YYYY-MM-DD` string written
/// before months were kept still reads back as a [`Published::Day`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Published {
    /// The day of publication.
    Day(Date),
    /// Only the month: the source gives no day.
    Month(Month),
}

impl Published {
    /// The day when one is known, else the month, else `None`: a day always wins.
    pub fn new(day: Option<Date>, month: Option<Month>) -> Option<Published> {
        day.map(Published::Day).or(month.map(Published::Month))
    }

    /// The day, when the source gives one.
    pub fn day(self) -> Option<Date> {
        match self {
            Published::Day(d) => Some(d),
            Published::Month(_) => None,
        }
    }

    /// The month, also of a day.
    pub fn month(self) -> Month {
        match self {
            Published::Day(d) => Month::from(d),
            Published::Month(m) => m,
        }
    }
}

impl From<Date> for Published {
    fn from(d: Date) -> Published {
        Published::Day(d)
    }
}

impl From<Month> for Published {
    fn from(m: Month) -> Published {
        Published::Month(m)
    }
}

impl FromStr for Published {
    type Err = Error;

    /// Parses `YYYY-MM-DD` (also followed by a time, as [`Date`] reads it) or `YYYY-MM`.
    fn from_str(input: &str) -> Result<Published, Error> {
        if let Ok(d) = input.parse::<Date>() {
            return Ok(Published::Day(d));
        }
        input
            .parse::<Month>()
            .map(Published::Month)
            .map_err(|_| Error::InvalidPublished { input: input.to_string() })
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Published::Day(d) => d.fmt(f),
            Published::Month(m) => m.fmt(f),
        }
    }
}

impl fmt::Debug for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Published({self})")
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Published, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Published {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Published".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_print() {
        assert_eq!("2025-11".parse::<Month>().unwrap(), Month::new(2025, 11).unwrap());
        assert_eq!(Month::new(987, 3).unwrap().to_string(), "0987-03");
        assert_eq!(Month::from(Date::new(2025, 11, 27).unwrap()).to_string(), "2025-11");
        for bad in
            ["2025-13", "2025-00", "2025-1", "25-11", "2025/11", "2025-11-27", "", "２０２５-11"]
        {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
        assert_eq!(Month::new(2025, 13), None);
        assert_eq!(Month::new(-1, 5), None);
        let err = "2025-13".parse::<Month>().unwrap_err().to_string();
        assert_eq!(err, r#"invalid month "2025-13", expected YYYY-MM"#);
    }

    #[test]
    fn a_day_wins_over_a_month() {
        let day = Date::new(2025, 11, 27);
        let month = Month::new(2025, 10);
        assert_eq!(Published::new(day, month).unwrap().to_string(), "2025-11-27");
        assert_eq!(Published::new(None, month).unwrap().to_string(), "2025-10");
        assert_eq!(Published::new(None, None), None);
        assert_eq!(Published::new(day, None).unwrap().month(), Month::new(2025, 11).unwrap());
        assert_eq!(Published::new(None, month).unwrap().day(), None);
    }

    #[test]
    fn published_reads_days_and_months() {
        let json = |s: &str| serde_json::from_str::<Published>(s);
        assert_eq!(
            json(r#""2025-11-27""#).unwrap(),
            Published::Day(Date::new(2025, 11, 27).unwrap())
        );
        assert_eq!(json(r#""2025-11""#).unwrap(), Published::Month(Month::new(2025, 11).unwrap()));
        assert!(json(r#""2025-11-31""#).is_err(), "no such day, and not a month either");
        assert!(json(r#""November 2025""#).is_err());
        let p: Published = "2025-11".parse().unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), r#""2025-11""#);
        let err = "soon".parse::<Published>().unwrap_err().to_string();
        assert_eq!(err, r#"invalid publication date "soon", expected YYYY-MM-DD or YYYY-MM"#);
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = s.parse::<Month>();
            let _ = s.parse::<Published>();
        }

        #[test]
        fn display_round_trips(y in 0i16..=9999, m in 1i8..=12) {
            let month = Month::new(y, m).unwrap();
            proptest::prop_assert_eq!(month.to_string().parse::<Month>().unwrap(), month);
            let p = Published::Month(month);
            proptest::prop_assert_eq!(p.to_string().parse::<Published>().unwrap(), p);
        }
    }
}
