//! Makes a scanned [`Expr`] absolute against a reference date.

use crosscheck_core::Date;
use jiff::civil::{self, Weekday};

use super::lexicon::Season;
use super::scan::{Expr, Part, Rel, Tense, Unit};
use super::{Granularity, TimeValue};

/// Months after the reference that a year-less month or day may still fall in under a neutral
/// tense: "December 3" in a report of 19 November is this December, not last year's.
const LOOK_AHEAD_DAYS: i64 = 31;

/// The absolute value of `expr`, and whether it needed the reference date. `None` when the
/// expression is relative and there is no reference, or when the date does not exist.
pub(super) fn resolve(
    expr: Expr,
    reference: Option<Date>,
    tense: Tense,
) -> Option<(TimeValue, bool)> {
    if has_own_year(expr) {
        return absolute(expr).map(|v| (v, false));
    }
    let r = reference?.civil();
    relative(expr, r, tense).map(|v| (v, true))
}

/// Whether the expression carries its own year.
fn has_own_year(expr: Expr) -> bool {
    matches!(
        expr,
        Expr::Day { y: Some(_), .. }
            | Expr::DayRange { y: Some(_), .. }
            | Expr::Month { y: Some(_), .. }
            | Expr::MonthRange { y: Some(_), .. }
            | Expr::Year { .. }
            | Expr::YearRange { .. }
            | Expr::Season { y: Some(_), .. }
    )
}

/// The value of an expression that carries its own year; `None` when that date does not exist
/// (or the expression needs a reference).
fn absolute(expr: Expr) -> Option<TimeValue> {
    match expr {
        Expr::Day { y: Some(y), m, d } => day(y, m, d).map(TimeValue::day),
        Expr::DayRange { y: Some(y), m1, d1, m2, d2 } => day_range(y, m1, d1, m2, d2),
        Expr::Month { y: Some(y), m, part, .. } => month(y, m, part),
        Expr::MonthRange { y: Some(y), m1, m2 } => month_range(y, m1, m2),
        Expr::Year { y, part } => year(y, part),
        Expr::YearRange { y1, y2 } => {
            let (a, _) = year_bounds(y1)?;
            let (_, b) = year_bounds(y2)?;
            make(a, b, Granularity::Range)
        }
        Expr::Season { s, y: Some(y), part, .. } => season(s, y, part),
        _ => None,
    }
}

fn relative(expr: Expr, r: civil::Date, tense: Tense) -> Option<TimeValue> {
    match expr {
        Expr::Day { m, d, .. } => pick(r, tense, |y| day(y, m, d).map(TimeValue::day)),
        Expr::DayRange { m1, d1, m2, d2, .. } => pick(r, tense, |y| day_range(y, m1, d1, m2, d2)),
        Expr::Month { m, part, rel, .. } => match rel {
            Rel::None => pick(r, tense, |y| month(y, m, part)),
            Rel::This => month(r.year(), m, part),
            Rel::Last => {
                let y = if m < r.month() { r.year() } else { r.year().checked_sub(1)? };
                month(y, m, part)
            }
            Rel::Next => {
                let y = if m > r.month() { r.year() } else { r.year().checked_add(1)? };
                month(y, m, part)
            }
        },
        Expr::MonthRange { m1, m2, .. } => pick(r, tense, |y| month_range(y, m1, m2)),
        Expr::Season { s, part, rel, .. } => {
            let cands: Vec<TimeValue> =
                (-2..=1).filter_map(|k| season(s, r.year().checked_add(k)?, part)).collect();
            let rd = Date::from(r);
            match rel {
                Rel::Last => cands.into_iter().rev().find(|v| v.end < rd),
                Rel::Next => cands.into_iter().find(|v| v.start > rd),
                Rel::This => cands.into_iter().min_by_key(|v| gap(*v, rd)),
                Rel::None if tense == Tense::Future => cands.into_iter().find(|v| v.end >= rd),
                Rel::None => cands.into_iter().rev().find(|v| v.start <= rd),
            }
        }
        Expr::Weekday { wd, rel } => weekday(r, wd, rel, tense).map(|d| TimeValue::day(d.into())),
        Expr::WeekdayRange { wd1, wd2, rel } => {
            let (a, b) = if tense == Tense::Future || rel == Rel::Next {
                let a = weekday(r, wd1, rel, Tense::Future)?;
                (a, add_days(a, i64::from(wd1.until(wd2)))?)
            } else {
                let b = weekday(r, wd2, rel, tense)?;
                (add_days(b, -i64::from(wd1.until(wd2)))?, b)
            };
            make(a, b, Granularity::Range)
        }
        Expr::DayOffset(n) => add_days(r, i64::from(n)).map(|d| TimeValue::day(d.into())),
        Expr::Period { unit, offset, part } => period(r, unit, offset, part),
        Expr::Ago { n, unit } => match unit {
            Unit::Day => add_days(r, -i64::from(n)).map(|d| TimeValue::day(d.into())),
            Unit::Week | Unit::Weekend => {
                let d = add_days(r, -7 * i64::from(n))?;
                period(d, unit, 0, None)
            }
            Unit::Month => {
                let d =
                    r.first_of_month().checked_add(jiff::Span::new().try_months(-n).ok()?).ok()?;
                month(d.year(), d.month(), None)
            }
            Unit::Year => year(r.year().checked_sub(i16::try_from(n).ok()?)?, None),
        },
        Expr::SoFar(unit) => {
            let start = period(r, unit, 0, None)?.start.civil();
            let end = if r > start { add_days(r, -1)? } else { r };
            make(start, end, Granularity::Range)
        }
        Expr::Rest(unit) => {
            let end = period(r, unit, 0, None)?.end.civil();
            let start = if r < end { add_days(r, 1)? } else { r };
            make(start, end, Granularity::Range)
        }
        Expr::Trailing(days) => make(add_days(r, -i64::from(days))?, r, Granularity::Range),
        Expr::AgoRange { far, near } => {
            make(add_days(r, -i64::from(far))?, add_days(r, -i64::from(near))?, Granularity::Range)
        }
        Expr::Year { .. } | Expr::YearRange { .. } => None,
    }
}

/// Picks the year of a year-less value: the three candidates around the reference, chosen by
/// tense (see [`LOOK_AHEAD_DAYS`]).
fn pick(
    r: civil::Date,
    tense: Tense,
    make: impl Fn(i16) -> Option<TimeValue>,
) -> Option<TimeValue> {
    let cands: Vec<TimeValue> = (-1..=1).filter_map(|k| make(r.year().checked_add(k)?)).collect();
    let rd = Date::from(r);
    match tense {
        Tense::Future => cands.into_iter().find(|v| v.end >= rd),
        // A plan ("would open on June 4", "expects it to open in early June") is dated by the
        // occurrence nearest the report, before or after.
        Tense::Planned => cands.into_iter().min_by_key(|v| {
            let gap = |a: Date, b: Date| (a.civil() - b.civil()).get_days().abs();
            if v.start <= rd && rd <= v.end { 0 } else { gap(v.start, rd).min(gap(v.end, rd)) }
        }),
        Tense::Neutral => {
            let horizon = Date::from(add_days(r, LOOK_AHEAD_DAYS)?);
            cands.into_iter().rev().find(|v| v.start <= horizon)
        }
    }
}

/// The weekday `wd` relative to `r`: last (on or before), next (on or after), or nearest.
fn weekday(r: civil::Date, wd: Weekday, rel: Rel, tense: Tense) -> Option<civil::Date> {
    let back = i64::from(wd.until(r.weekday()));
    let ahead = (7 - back) % 7;
    let offset = match rel {
        Rel::Last if back == 0 => -7,
        Rel::Last => -back,
        Rel::Next if ahead == 0 => 7,
        Rel::Next => ahead,
        Rel::This | Rel::None => match tense {
            Tense::Future => ahead,
            Tense::Neutral if rel == Rel::None => -back,
            // A plan ("was scheduled for Wednesday", "this Friday"): the nearest such day,
            // looking back at most three days.
            Tense::Neutral | Tense::Planned => {
                if back <= 3 {
                    -back
                } else {
                    ahead
                }
            }
        },
    };
    add_days(r, offset)
}

/// The week, weekend, month or year `offset` units from the one containing `r`, or part of it.
fn period(r: civil::Date, unit: Unit, offset: i32, part: Option<Part>) -> Option<TimeValue> {
    match unit {
        Unit::Day => add_days(r, i64::from(offset)).map(|d| TimeValue::day(d.into())),
        Unit::Week | Unit::Weekend => {
            let monday = add_days(r, -i64::from(r.weekday().to_monday_zero_offset()))?;
            let monday = add_days(monday, 7 * i64::from(offset))?;
            let (a, b, g) = match (unit, part) {
                (Unit::Weekend, _) => (5, 6, Granularity::Range),
                (_, None) => (0, 6, Granularity::Week),
                (_, Some(Part::Early)) => (0, 2, Granularity::Range),
                (_, Some(Part::Mid)) => (1, 3, Granularity::Range),
                (_, Some(Part::Late)) => (3, 6, Granularity::Range),
            };
            make(add_days(monday, a)?, add_days(monday, b)?, g)
        }
        Unit::Month => {
            let first =
                r.first_of_month().checked_add(jiff::Span::new().try_months(offset).ok()?).ok()?;
            month(first.year(), first.month(), part)
        }
        Unit::Year => year(r.year().checked_add(i16::try_from(offset).ok()?)?, part),
    }
}

fn day(y: i16, m: i8, d: i8) -> Option<Date> {
    Date::new(y, m, d)
}

fn day_range(y: i16, m1: i8, d1: i8, m2: i8, d2: i8) -> Option<TimeValue> {
    let a = day(y, m1, d1)?;
    // "December 30 - January 2" crosses into the next year.
    let y2 = if m2 < m1 { y.checked_add(1)? } else { y };
    let b = day(y2, m2, d2)?;
    TimeValue::new(a, b, Granularity::Range)
}

fn month(y: i16, m: i8, part: Option<Part>) -> Option<TimeValue> {
    let first = civil::Date::new(y, m, 1).ok()?;
    let last = first.last_of_month();
    let (from, to, gran) = match part {
        None => (first, last, Granularity::Month),
        Some(Part::Early) => (first, first.with().day(10).build().ok()?, Granularity::PartOfMonth),
        Some(Part::Mid) => (
            first.with().day(11).build().ok()?,
            first.with().day(20).build().ok()?,
            Granularity::PartOfMonth,
        ),
        Some(Part::Late) => (first.with().day(21).build().ok()?, last, Granularity::PartOfMonth),
    };
    make(from, to, gran)
}

fn month_range(y: i16, m1: i8, m2: i8) -> Option<TimeValue> {
    let a = civil::Date::new(y, m1, 1).ok()?;
    let y2 = if m2 < m1 { y.checked_add(1)? } else { y };
    let b = civil::Date::new(y2, m2, 1).ok()?.last_of_month();
    make(a, b, Granularity::Range)
}

fn year_bounds(y: i16) -> Option<(civil::Date, civil::Date)> {
    Some((civil::Date::new(y, 1, 1).ok()?, civil::Date::new(y, 12, 31).ok()?))
}

/// A year, or its first, middle or last third ("early 2025" is January to April).
fn year(y: i16, part: Option<Part>) -> Option<TimeValue> {
    let (first, last) = year_bounds(y)?;
    let (a, b, g) = match part {
        None => (first, last, Granularity::Year),
        Some(Part::Early) => (first, civil::Date::new(y, 4, 30).ok()?, Granularity::PartOfYear),
        Some(Part::Mid) => (
            civil::Date::new(y, 5, 1).ok()?,
            civil::Date::new(y, 8, 31).ok()?,
            Granularity::PartOfYear,
        ),
        Some(Part::Late) => (civil::Date::new(y, 9, 1).ok()?, last, Granularity::PartOfYear),
    };
    make(a, b, g)
}

/// A meteorological season of the northern hemisphere; winter `y` runs from December `y` to
/// February `y + 1`. A part picks one of its three months.
fn season(s: Season, y: i16, part: Option<Part>) -> Option<TimeValue> {
    let first = civil::Date::new(y, s.first_month(), 1).ok()?;
    let month_at = |k: i32| -> Option<civil::Date> {
        first.checked_add(jiff::Span::new().try_months(k).ok()?).ok()
    };
    let (a, b) = match part {
        None => (first, month_at(2)?.last_of_month()),
        Some(Part::Early) => (first, first.last_of_month()),
        Some(Part::Mid) => (month_at(1)?, month_at(1)?.last_of_month()),
        Some(Part::Late) => (month_at(2)?, month_at(2)?.last_of_month()),
    };
    make(a, b, Granularity::Season)
}

fn add_days(d: civil::Date, n: i64) -> Option<civil::Date> {
    d.checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

fn make(a: civil::Date, b: civil::Date, g: Granularity) -> Option<TimeValue> {
    TimeValue::new(a.into(), b.into(), g)
}

/// Days between `d` and the nearest day of `v` (0 inside).
fn gap(v: TimeValue, d: Date) -> i32 {
    let days =
        |a: Date, b: Date| a.civil().until(b.civil()).map_or(i32::MAX, |s| s.get_days().abs());
    if d < v.start {
        days(d, v.start)
    } else if d > v.end {
        days(v.end, d)
    } else {
        0
    }
}
