//! Temporal expressions in the story: the date reader (`find_dates` and its values, from
//! [`crosscheck_text::dates`], usable on any text) and the story's timeline (`chronology`:
//! dated statements merged across articles).
//!
//! # Example
//!
//! ```
//! use crosscheck_core::Date;
//! use crosscheck_fuse::timeline::{consistent, find_dates};
//!
//! // Sunday 12 March 2023.
//! let sunday = Date::new(2023, 3, 12);
//! let a = find_dates("The vote took place on Sunday.", sunday);
//! let b = find_dates("The vote took place on March 12.", sunday);
//! assert_eq!(a[0].value.to_string(), "2023-03-12");
//! assert!(consistent(&a[0].value, &b[0].value));
//! ```

pub(crate) mod chronology;

pub use crosscheck_text::dates::{
    Granularity, ParseTimeValueError, TimeMention, TimeValue, consistent, find_dates, overlaps,
};

pub(crate) use chronology::{Dated, quoted};

#[cfg(test)]
mod tests {
    use crosscheck_core::{Article, Date, Lang};

    use super::*;
    use crate::analysis::events::Lexicon as Events;
    use crate::analysis::{Context, Doc};

    /// `since its May 2021 merger` starts a period told in the background, where `after its
    /// Tuesday merger` dates an event.
    #[test]
    fn a_period_start_past_a_possessive_is_cited() {
        let arts = [Article {
            language: Lang::EN,
            published: "2026-03-12".parse::<Date>().ok(),
            ..Article::from_text(
                "a",
                "Velm Brightworks has grown since its May 2021 merger. Shares fell after its Tuesday listing.",
            )
        }];
        let docs: Vec<Doc<'_>> = arts.iter().map(Doc::new).collect();
        let entities = crate::entities::find(&docs);
        let ctx = Context { canon: vec![0], docs, entities };
        let lexicon = Events::new(&ctx.docs, &ctx.entities);
        let dated: Vec<(String, bool)> = chronology::find(&ctx, &lexicon)
            .into_iter()
            .map(|d| (d.mention.text.clone(), d.cited))
            .collect();
        assert_eq!(dated, [("May 2021".to_string(), true), ("Tuesday".to_string(), false)]);
    }

    /// The committed three-outlet story of `resources/test/quotes/`: outlets date the same events
    /// differently, and the dates must agree once resolved.
    #[test]
    fn port_story_dates_agree() {
        let wed: Option<Date> = "2024-06-12".parse().ok();
        let thu: Option<Date> = "2024-06-13".parse().ok();
        let dates = |text: &str, r: Option<Date>| -> Vec<(String, String)> {
            find_dates(text, r).into_iter().map(|m| (m.text, m.value.to_string())).collect()
        };
        let a = dates(include_str!("../../resources/test/quotes/port-a.txt"), wed);
        let b = dates(include_str!("../../resources/test/quotes/port-b.txt"), wed);
        let c = dates(include_str!("../../resources/test/quotes/port-c.txt"), thu);
        let own = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter().map(|(x, y)| (x.to_string(), y.to_string())).collect()
        };
        assert_eq!(
            a,
            own(&[
                ("Monday", "2024-06-10"),
                ("Friday", "2024-06-14"),
                ("early July", "2024-07-01/2024-07-10"),
                ("spring of 2021", "2021-03-01/2021-05-31"),
            ])
        );
        assert_eq!(b, own(&[("June 10", "2024-06-10"), ("14 June", "2024-06-14")]));
        assert_eq!(
            c,
            own(&[
                ("Monday", "2024-06-10"),
                ("Wednesday", "2024-06-12"),
                ("tomorrow", "2024-06-14")
            ])
        );
    }
}
