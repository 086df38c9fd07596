use proptest::prelude::*;

use super::*;

/// `case!(name: "text", reference => ["expression" = "value", …])`: the expressions found in
/// `text` against `reference` (a `YYYY-MM-DD` string or `None`), in order, with their values.
macro_rules! cases {
    ($($name:ident: $text:expr, $reference:expr => [$($expr:expr => $value:expr),* $(,)?];)*) => {
        $(
            #[test]
            fn $name() {
                let reference: Option<Date> = $reference.map(|r: &str| r.parse().unwrap());
                let got: Vec<(String, String)> = find_dates($text, reference)
                    .into_iter()
                    .map(|m| (m.text, m.value.to_string()))
                    .collect();
                let want: Vec<(String, String)> =
                    vec![$(($expr.to_string(), $value.to_string())),*];
                assert_eq!(got, want, "in {:?}", $text);
            }
        )*
    };
}

// Wednesday 19 November 2025.
const WED: Option<&str> = Some("2025-11-19");
// Sunday 12 March 2023.
const SUN: Option<&str> = Some("2023-03-12");
const NONE: Option<&str> = None;

cases! {
    day_month_year: "The accord was signed on 19 November 2025 in Geneva.", NONE
        => ["19 November 2025" => "2025-11-19"];
    month_day_year: "It was signed November 19, 2025, after talks.", NONE
        => ["November 19, 2025" => "2025-11-19"];
    abbreviated_month: "Talks resumed Nov. 3 in the capital.", WED => ["Nov. 3" => "2025-11-03"];
    abbreviation_needs_a_number: "The Dec vote", WED => [];
    ordinal_of: "on the 4th of July", WED => ["the 4th of July" => "2025-07-04"];
    iso: "Filed 2025-11-19 at noon.", NONE => ["2025-11-19" => "2025-11-19"];
    iso_with_time: "stamp 2025-11-19T08:00:00Z", NONE => ["2025-11-19" => "2025-11-19"];
    slashes_day_first_when_unambiguous: "Dated 19/11/2025.", NONE => ["19/11/2025" => "2025-11-19"];
    slashes_month_first_when_unambiguous: "Dated 11/19/2025.", NONE => ["11/19/2025" => "2025-11-19"];
    slashes_ambiguous_are_skipped: "Dated 03/04/2025.", NONE => [];
    dotted_european: "am 19.11.2025 in Berlin", NONE => ["19.11.2025" => "2025-11-19"];
    german: "am 19. November 2025 und im März", WED
        => ["19. November 2025" => "2025-11-19", "März" => "2025-03"];
    french: "le 3 mars 2024, puis en août", WED => ["3 mars 2024" => "2024-03-03", "août" => "2025-08"];
    spanish: "el 19 de noviembre de 2025 y en enero", WED
        => ["19 de noviembre de 2025" => "2025-11-19", "enero" => "2025-01"];
    italian: "il 6 ottobre 2025 a Roma", NONE => ["6 ottobre 2025" => "2025-10-06"];
    portuguese: "em 11 de setembro de 2025, em Brasília", NONE
        => ["11 de setembro de 2025" => "2025-09-11"];
    invalid_day_is_dropped: "on February 30, 2025", NONE => [];
    weekday_with_date: "on Wednesday, November 19, the envoy flew in.", WED
        => ["Wednesday, November 19" => "2025-11-19"];
    month_without_year_past: "The talks in August failed.", WED => ["August" => "2025-08"];
    month_without_year_future_cue: "Elections will be held in March.", WED => ["March" => "2026-03"];
    day_soon_after_reference: "A summit on December 3 is planned.", WED => ["December 3" => "2025-12-03"];
    day_long_after_reference_is_last_year: "The deal of December 28 collapsed.", WED
        => ["December 28" => "2024-12-28"];
    bare_month_needs_cue: "Theresa May spoke. March crowds gathered.", WED => [];
    month_year: "since November 2024", WED => ["November 2024" => "2024-11"];
    weekday_past: "The minister resigned on Monday.", WED => ["Monday" => "2025-11-17"];
    weekday_same_day: "He spoke today (Wednesday).", WED => ["today" => "2025-11-19", "Wednesday" => "2025-11-19"];
    weekday_future: "The envoy will meet him on Friday.", WED => ["Friday" => "2025-11-21"];
    weekday_scheduled: "The vote is scheduled for Tuesday.", WED => ["Tuesday" => "2025-11-25"];
    weekday_was_scheduled_nearest: "He was scheduled to arrive on Friday but cancelled.", WED
        => ["Friday" => "2025-11-21"];
    weekday_next: "They meet again next Wednesday.", WED => ["next Wednesday" => "2025-11-26"];
    weekday_last: "It rained last Wednesday.", WED => ["last Wednesday" => "2025-11-12"];
    weekday_lowercase_english_is_not_a_date: "a sunday roast", WED => [];
    weekday_night: "Strikes hit on Tuesday night.", WED => ["Tuesday night" => "2025-11-18"];
    sunday_report: "The vote was held on Sunday.", SUN => ["Sunday" => "2023-03-12"];
    today_yesterday_tomorrow: "today, yesterday and tomorrow", WED
        => ["today" => "2025-11-19", "yesterday" => "2025-11-18", "tomorrow" => "2025-11-20"];
    day_before_yesterday: "It began the day before yesterday.", WED => ["the day before yesterday" => "2025-11-17"];
    days_ago: "Three days ago the border closed.", WED => ["Three days ago" => "2025-11-16"];
    days_ago_in_digits: "Named 27 days ago, she quit.", WED => ["27 days ago" => "2025-10-23"];
    over_a_week_ago: "The dam burst over a week ago.", WED => ["over a week ago" => "2025-11-05/2025-11-12"];
    nearly_a_month_ago: "Named nearly a month ago, she quit.", WED => ["nearly a month ago" => "2025-10-20/2025-11-18"];
    about_ten_days_ago: "It began about ten days ago.", WED => ["about ten days ago" => "2025-11-04/2025-11-14"];
    hedge_needs_ago: "It lasted over a week.", WED => [];
    // See: issue #11 (the hedges are the lexicon's, so every hedge of a number reads here).
    at_least_a_week_ago: "The dam burst at least a week ago.", WED => ["at least a week ago" => "2025-11-05/2025-11-12"];
    the_previous_night_is_not_a_date: "The fire spread the previous night.", WED => [];
    last_week: "Prices rose last week.", WED => ["last week" => "2025-11-10/2025-11-16"];
    this_week: "this week", WED => ["this week" => "2025-11-17/2025-11-23"];
    next_week: "next week", WED => ["next week" => "2025-11-24/2025-11-30"];
    last_month: "The strike ended last month.", WED => ["last month" => "2025-10"];
    late_last_month: "It began late last month.", WED => ["late last month" => "2025-10-21/2025-10-31"];
    earlier_this_month: "Earlier this month the fund grew.", WED
        => ["Earlier this month" => "2025-11-01/2025-11-18"];
    later_this_year: "A vote is expected later this year.", WED => ["later this year" => "2025-11-20/2025-12-31"];
    early_june: "Talks began in early June.", WED => ["early June" => "2025-06-01/2025-06-10"];
    mid_june: "by mid-June", WED => ["mid-June" => "2025-06-11/2025-06-20"];
    late_june: "late June 2024", WED => ["late June 2024" => "2024-06-21/2024-06-30"];
    end_of_march: "until the end of March", WED => ["end of March" => "2025-03-21/2025-03-31"];
    early_year: "in early 2025", WED => ["early 2025" => "2025-01-01/2025-04-30"];
    mid_year: "mid-2026", NONE => ["mid-2026" => "2026-05-01/2026-08-31"];
    possessive_month: "during their August meeting", WED => ["August" => "2025-08"];
    in_august: "The dam broke in August.", WED => ["August" => "2025-08"];
    last_spring: "Floods hit last spring.", WED => ["last spring" => "2025-03-01/2025-05-31"];
    this_summer: "this summer", WED => ["this summer" => "2025-06-01/2025-08-31"];
    this_winter_in_november: "this winter", WED => ["this winter" => "2025-12-01/2026-02-28"];
    in_the_fall: "Sales slowed in the fall.", WED => ["fall" => "2025-09-01/2025-11-30"];
    fall_the_verb: "Prices fall sharply.", WED => [];
    summer_of_year: "the summer of 2019", NONE => ["summer of 2019" => "2019-06-01/2019-08-31"];
    day_range_month_first: "The fair runs June 3-5.", WED => ["June 3-5" => "2025-06-03/2025-06-05"];
    day_range_en_dash: "from October 24–26 in Miami", WED => ["October 24–26" => "2025-10-24/2025-10-26"];
    day_range_to: "from October 24 to 26", WED => ["October 24 to 26" => "2025-10-24/2025-10-26"];
    day_range_day_first: "3 to 5 June 2024", NONE => ["3 to 5 June 2024" => "2024-06-03/2024-06-05"];
    day_range_across_months: "June 30 - July 2, 2024", NONE
        => ["June 30 - July 2, 2024" => "2024-06-30/2024-07-02"];
    day_range_across_years: "from 30 December to 2 January", Some("2025-01-05")
        => ["30 December to 2 January" => "2024-12-30/2025-01-02"];
    year_after_first_day_ends_the_expression: "30 December 2024 to 2 January", NONE
        => ["30 December 2024" => "2024-12-30"];
    weekday_range: "between Monday and Wednesday", WED
        => ["between Monday and Wednesday" => "2025-11-17/2025-11-19"];
    month_range: "from June to August 2024", NONE => ["from June to August 2024" => "2024-06-01/2024-08-31"];
    year_range: "between 2019 and 2021", NONE => ["between 2019 and 2021" => "2019-01-01/2021-12-31"];
    in_year: "The war began in 2014.", NONE => ["2014" => "2014-01-01/2014-12-31"];
    bare_number_is_not_a_year: "It has 2014 members and 28 points.", NONE => [];
    large_numbers_are_not_days: "About 19 000 people and 12,500 troops.", WED => [];
    relative_needs_reference: "He left on Monday, yesterday, in August.", NONE => [];
    german_relative: "Er sagte gestern, dass am Montag", WED
        => ["gestern" => "2025-11-18", "Montag" => "2025-11-17"];
    french_relative: "aujourd'hui et hier", WED => ["aujourd'hui" => "2025-11-19", "hier" => "2025-11-18"];
    this_morning: "this morning", WED => ["this morning" => "2025-11-19"];
    past_week: "over the past week", WED => ["past week" => "2025-11-12/2025-11-19"];
}

#[test]
fn relative_flag_and_sentence() {
    let text = "Intro line.\nThe talks ended on Monday. They began on 3 March 2025.";
    let found = find_dates(text, Some("2025-11-19".parse().unwrap()));
    assert_eq!(found.len(), 2);
    assert!(found[0].relative);
    assert!(!found[1].relative);
    assert_eq!(&text[found[0].sentence.range()], "The talks ended on Monday.");
    assert_eq!(&text[found[1].sentence.range()], "They began on 3 March 2025.");
}

#[test]
fn sunday_report_is_consistent_with_its_date() {
    let sun = Some("2023-03-12".parse().unwrap());
    let a = find_dates("The vote was held on Sunday.", sun).remove(0).value;
    let b = find_dates("The vote was held on March 12.", sun).remove(0).value;
    let c = find_dates("The vote was held on March 11.", sun).remove(0).value;
    assert!(consistent(&a, &b));
    assert!(!consistent(&a, &c));
}

#[test]
fn early_june_overlaps_a_range_inside_it() {
    let wed = Some("2025-11-19".parse().unwrap());
    let a = find_dates("in early June", wed).remove(0).value;
    let b = find_dates("on June 3-5", wed).remove(0).value;
    let c = find_dates("on June 15", wed).remove(0).value;
    assert!(overlaps(&a, &b) && consistent(&a, &b));
    assert!(!overlaps(&a, &c) && !consistent(&a, &c));
}

#[test]
fn vague_values_have_slack() {
    let late_oct: TimeValue = "2025-10-21/2025-10-31".parse().unwrap();
    let late_oct =
        TimeValue::new(late_oct.start(), late_oct.end(), Granularity::PartOfMonth).unwrap();
    let nov2: TimeValue = "2025-11-02".parse().unwrap();
    let nov9: TimeValue = "2025-11-09".parse().unwrap();
    assert!(!overlaps(&late_oct, &nov2));
    assert!(consistent(&late_oct, &nov2));
    assert!(!consistent(&late_oct, &nov9));
    assert!(consistent(&nov2, &late_oct), "symmetric");
}

#[test]
fn schema_forms_round_trip() {
    for s in ["2025-11-19", "2025-11", "2025-06-01/2025-06-10", "2024-02"] {
        let v: TimeValue = s.parse().unwrap();
        assert_eq!(v.to_string(), s);
        let json = serde_json_like(&v);
        assert_eq!(json, s);
    }
    let feb: TimeValue = "2024-02".parse().unwrap();
    assert_eq!(feb.end().to_string(), "2024-02-29");
    for bad in ["2025-13", "2025-11-19/2025-11-01", "2025", "19/11/2025", "", "2025-11-19/"] {
        assert!(bad.parse::<TimeValue>().is_err(), "{bad}");
    }
}

/// The string a serializer receives.
fn serde_json_like(v: &TimeValue) -> String {
    struct Collect(String);
    impl fmt::Write for Collect {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.push_str(s);
            Ok(())
        }
    }
    let mut c = Collect(String::new());
    fmt::write(&mut c, format_args!("{v}")).unwrap();
    c.0
}

#[test]
fn values_sort_chronologically() {
    let mut v: Vec<TimeValue> = ["2025-11-19", "2025-06", "2025-06-01/2025-06-10", "2024-12-31"]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    v.sort();
    let got: Vec<String> = v.iter().map(ToString::to_string).collect();
    assert_eq!(got, ["2024-12-31", "2025-06-01/2025-06-10", "2025-06", "2025-11-19"]);
}

proptest! {
    #[test]
    fn never_panics_and_spans_slice_the_text(text in "\\PC{0,200}", y in 1i16..9999, m in 1i8..=12, d in 1i8..=28) {
        let reference = Date::new(y, m, d);
        for found in find_dates(&text, reference) {
            prop_assert_eq!(found.span.slice(&text), Some(found.text.as_str()));
            prop_assert!(found.value.start() <= found.value.end());
            prop_assert!(found.sentence.contains(found.span));
            prop_assert!(found.sentence.slice(&text).is_some());
        }
    }

    #[test]
    fn date_like_text_never_panics(
        words in proptest::collection::vec(
            prop_oneof![
                Just("June".to_string()), Just("mid-".to_string()), Just("late".to_string()),
                Just("last".to_string()), Just("next".to_string()), Just("Wednesday".to_string()),
                Just("to".to_string()), Just("-".to_string()), Just("between".to_string()),
                Just("and".to_string()), Just("in".to_string()), Just("of".to_string()),
                Just("spring".to_string()), Just("week".to_string()), Just(",".to_string()),
                Just("ago".to_string()), Just("/".to_string()), Just(".".to_string()),
                (0u32..40).prop_map(|n| n.to_string()), (1990u32..2040).prop_map(|n| n.to_string()),
            ],
            0..12,
        ),
        y in 1i16..9999, m in 1i8..=12, d in 1i8..=28, glue in any::<bool>(),
    ) {
        let text = words.join(if glue { "" } else { " " });
        for found in find_dates(&text, Date::new(y, m, d)) {
            prop_assert_eq!(found.span.slice(&text), Some(found.text.as_str()));
            prop_assert!(found.value.start() <= found.value.end());
        }
    }

    #[test]
    fn consistent_is_symmetric_and_implied_by_overlap(a in 0i64..800, la in 0i64..40, b in 0i64..800, lb in 0i64..40, ga in 0usize..8, gb in 0usize..8) {
        let grans = [
            Granularity::Day, Granularity::Week, Granularity::Range, Granularity::PartOfMonth,
            Granularity::Month, Granularity::Season, Granularity::PartOfYear, Granularity::Year,
        ];
        let base = jiff::civil::date(2024, 1, 1);
        let at = |n: i64| Date::from(base.checked_add(jiff::Span::new().days(n)).unwrap());
        let x = TimeValue::new(at(a), at(a + la), grans[ga]).unwrap();
        let y = TimeValue::new(at(b), at(b + lb), grans[gb]).unwrap();
        prop_assert_eq!(consistent(&x, &y), consistent(&y, &x));
        prop_assert_eq!(overlaps(&x, &y), overlaps(&y, &x));
        if overlaps(&x, &y) {
            prop_assert!(consistent(&x, &y));
        }
    }
}

/// The seed corpus, read at run time: every span valid, and all resolved values near the
/// reference.
#[test]
fn seeds_dates_are_valid() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let reference: Date = "2025-11-19".parse().unwrap();
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("the seed corpus is present") {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for m in find_dates(&text, Some(reference)) {
            count += 1;
            assert_eq!(m.span.slice(&text), Some(m.text.as_str()));
            assert!(m.sentence.contains(m.span));
            let years = (m.value.start().year() - reference.year()).abs();
            assert!(years <= 1, "{} resolved to {}", m.text, m.value);
        }
    }
    assert!(count > 0);
}
