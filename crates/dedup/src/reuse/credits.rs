//! Wire credits: which news agency an article says its copy came from.
//!
//! ## What it does
//!
//! Agency names come from `data/agencies.txt` (word data, one agency a line). A name found in
//! the text counts as a credit only in the places credits are printed:
//!
//! - a dateline or tag in parentheses: `TORONTO (AP) —`, `(Reuters)`;
//! - after a dash at the end of a line: `— Reuters`, `-- The Associated Press`;
//! - before `contributed` in the same sentence: `AFP contributed to this report`;
//! - a byline: a line starting `By ` that names the agency, or a line that is only the name;
//! - a copyright line: `© 2025 The Associated Press`.
//!
//! Lines the extractor removed as page chrome are read with the same rules (a sign-off is often
//! taken for chrome). Lines that credit a photo (`Photo:`, `AP Photo`, `Credit:`, `via AP`) are skipped. The
//! article's author, outlet and source fields are read too: a name in the author field, or the
//! agency's name or host as the outlet.
//!
//! ## Why
//!
//! "told Reuters" or "per the AP" cite an agency without reprinting it, and a photo credit says
//! nothing about the text; the credit positions above are where agencies require their name.
//!
//! ## Example
//!
//! ```text
//! OSTRAVA (AP) — The ferry sank ...      → Associated Press, text
//! ... the harbour master told Reuters.   → nothing
//! ```
//!
//! ## Limitations
//!
//! English credit forms only. An article that rewrote agency copy without crediting it is found
//! only through its shared passages.
//!
//! ## References
//!
//! - The Associated Press Stylebook, "datelines" and "credit lines".

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use crosscheck_core::story::SourceSpan;
use crosscheck_core::{Article, CreditField, Span, WireCredit};

/// The agency table, embedded.
const AGENCIES: &str = include_str!("../../data/agencies.txt");

/// One way of writing an agency's name.
#[derive(Debug)]
struct Alias {
    /// Index into [`Agencies::names`].
    agency: usize,
    /// Whether it is an acronym (`AP`, `AFP`), which never stands alone in an author field.
    acronym: bool,
}

/// The parsed agency table with a matcher over every alias.
#[derive(Debug)]
pub(crate) struct Agencies {
    names: Vec<String>,
    aliases: Vec<Alias>,
    hosts: Vec<(String, usize)>,
    matcher: AhoCorasick,
}

/// The table, parsed once.
pub(crate) static TABLE: LazyLock<Agencies> = LazyLock::new(|| Agencies::parse(AGENCIES));

impl Agencies {
    fn parse(data: &str) -> Agencies {
        let mut names = Vec::new();
        let mut aliases = Vec::new();
        let mut patterns = Vec::new();
        let mut hosts = Vec::new();
        for line in data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let mut fields = line.split('|').map(str::trim).filter(|f| !f.is_empty());
            let Some(name) = fields.next() else { continue };
            let agency = names.len();
            names.push(name.to_string());
            for f in fields {
                if let Some(host) = f.strip_prefix('@') {
                    hosts.push((host.to_ascii_lowercase(), agency));
                } else {
                    let acronym = f.chars().all(char::is_uppercase) || f.len() <= 3;
                    aliases.push(Alias { agency, acronym });
                    patterns.push(f.to_string());
                }
            }
        }
        // Invariant: the patterns are a few dozen short literals, well within the automaton's
        // limits, so building cannot fail.
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("agency names build a matcher");
        Agencies { names, aliases, hosts, matcher }
    }

    /// Every credit `article` gives, text credits first, in text order.
    pub(crate) fn credits(&self, article: &Article) -> Vec<WireCredit> {
        let mut out = Vec::new();
        let text = article.text.as_str();
        for m in self.matcher.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            if !whole_word(text, start, end) || !is_credit(text, start, end) {
                continue;
            }
            let alias = &self.aliases[m.pattern().as_usize()];
            let agency = &self.names[alias.agency];
            if out.iter().any(|c: &WireCredit| &c.agency == agency) {
                continue;
            }
            let Some(evidence) = SourceSpan::from_text(article, Span::from_usize(start, end))
            else {
                continue;
            };
            out.push(WireCredit {
                article: article.id.clone(),
                agency: agency.clone(),
                field: CreditField::Text,
                text: evidence.text.clone(),
                evidence: Some(evidence),
            });
        }
        // Sign-off lines (`AFP`, `— Reuters`) are often removed as page chrome: read them too.
        for line in &article.removed {
            for m in self.matcher.find_iter(line.as_str()) {
                if !whole_word(line, m.start(), m.end()) || !is_credit(line, m.start(), m.end()) {
                    continue;
                }
                let agency = &self.names[self.aliases[m.pattern().as_usize()].agency];
                if !out.iter().any(|c| &c.agency == agency) {
                    out.push(WireCredit {
                        article: article.id.clone(),
                        agency: agency.clone(),
                        field: CreditField::Text,
                        text: line.clone(),
                        evidence: None,
                    });
                }
            }
        }
        let mut meta = |field: CreditField, value: &str, acronyms: bool| {
            for m in self.matcher.find_iter(value) {
                let alias = &self.aliases[m.pattern().as_usize()];
                if !whole_word(value, m.start(), m.end()) || (alias.acronym && !acronyms) {
                    continue;
                }
                let agency = &self.names[alias.agency];
                if !out.iter().any(|c| &c.agency == agency) {
                    out.push(WireCredit {
                        article: article.id.clone(),
                        agency: agency.clone(),
                        field,
                        text: value.to_string(),
                        evidence: None,
                    });
                }
            }
        };
        if let Some(author) = &article.author {
            // An author field of only an acronym (`AP`) is a credit; inside a name it is not.
            meta(CreditField::Author, author, author.split_whitespace().count() <= 2);
        }
        if let Some(outlet) = &article.outlet {
            meta(CreditField::Outlet, outlet, outlet.split_whitespace().count() == 1);
        }
        meta(CreditField::Source, &article.source, false);
        for (field, value) in [
            (CreditField::Outlet, article.outlet.as_deref()),
            (CreditField::Outlet, article.url.as_deref()),
        ] {
            let Some(host) = value.map(host_of) else { continue };
            if let Some(&(_, agency)) =
                self.hosts.iter().find(|(h, _)| host == *h || host.ends_with(&format!(".{h}")))
            {
                let agency = &self.names[agency];
                if !out.iter().any(|c| &c.agency == agency) {
                    out.push(WireCredit {
                        article: article.id.clone(),
                        agency: agency.clone(),
                        field,
                        text: value.unwrap_or_default().to_string(),
                        evidence: None,
                    });
                }
            }
        }
        out
    }
}

/// The lowercased host of a URL or a bare host name, without `www.`.
pub(crate) fn host_of(s: &str) -> String {
    let rest = s.split_once("://").map_or(s, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or(rest);
    host.trim_start_matches("www.").to_ascii_lowercase()
}

/// Whether `text[start..end]` is not part of a longer word.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether the name at `text[start..end]` stands where credits are printed.
fn is_credit(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let line = &text[line_start..line_end];
    if ["Photo", "photo", "Credit:", "Image", "via "].iter().any(|w| line.contains(w)) {
        return false;
    }
    let before = &text[line_start..start];
    let after = &text[end..line_end];
    let before_trim = before.trim_end();
    let before_article = before_trim.strip_suffix("The").unwrap_or(before_trim).trim_end();
    // `(AP)`, `(Reuters)`.
    if before.ends_with('(') && after.starts_with(')') {
        return true;
    }
    // `— Reuters` closing a line.
    let closes_line = after.trim_matches(|c: char| c.is_whitespace() || c == '.').is_empty();
    if closes_line && before_article.ends_with(['—', '–', '-']) {
        return true;
    }
    // A line that is only the name: a byline or a sign-off.
    if closes_line && before_article.is_empty() {
        return true;
    }
    // `By Jane Doe, Associated Press`, `© 2025 The Associated Press`.
    let opening = before.trim_start();
    if opening.starts_with("By ") || opening.starts_with('©') || opening.starts_with("Copyright") {
        return true;
    }
    // `AFP contributed to this report`: the same sentence goes on to `contributed`.
    let sentence_end = after.find(['.', '!', '?']).unwrap_or(after.len());
    after[..sentence_end].split_whitespace().take(6).any(|w| w.starts_with("contributed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credits(text: &str) -> Vec<(String, String)> {
        let a = Article::from_text("a", text);
        TABLE.credits(&a).into_iter().map(|c| (c.agency, c.text)).collect()
    }

    macro_rules! credit_cases {
        ($($name:ident: $text:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                let got: Vec<String> = credits($text).into_iter().map(|(a, _)| a).collect();
                let want: Vec<&str> = $want;
                assert_eq!(got, want, "{:?}", $text);
            }
        )*};
    }

    credit_cases! {
        dateline_in_parentheses: "OSTRAVA (AP) — The ferry sank on Monday." => vec!["Associated Press"];
        dash_sign_off: "The ferry sank on Monday.\n\n— Reuters" => vec!["Reuters"];
        dash_sign_off_with_article: "The ferry sank.\n-- The Canadian Press." => vec!["The Canadian Press"];
        contributed: "Reporting by staff. AFP contributed to this report." => vec!["Agence France-Presse"];
        contributed_long_name: "The Associated Press contributed reporting from Brno." => vec!["Associated Press"];
        byline: "By Jana Novak, Associated Press\nThe ferry sank." => vec!["Associated Press"];
        name_alone_on_a_line: "The ferry sank.\nAFP" => vec!["Agence France-Presse"];
        copyright: "© 2025 The Associated Press. All rights reserved." => vec!["Associated Press"];
        told_is_no_credit: "The harbour master told Reuters the ferry sank." => vec![];
        per_is_no_credit: "The ferry sank, per the AP, on Monday." => vec![];
        photo_is_no_credit: "A crane lifts the hull. (AP Photo/Jan Novak)\nPhoto: The Canadian Press" => vec![];
        part_of_a_word: "The CAPTAIN (APT) said the ferry sank.\nAPPLE" => vec![];
        two_agencies: "BRNO (Reuters) — The ferry sank.\nAFP contributed." => vec!["Reuters", "Agence France-Presse"];
    }

    #[test]
    fn text_credit_spans_slice_the_raw_content() {
        let text = "OSTRAVA (AP) — The ferry sank.";
        let a = Article::from_text("a", text);
        let c = &TABLE.credits(&a)[0];
        assert_eq!(c.evidence.as_ref().and_then(|s| s.span().slice(text)), Some("AP"));
        assert_eq!(c.field, CreditField::Text);
    }

    #[test]
    fn metadata_credits() {
        let mut a = Article::from_text("a", "The ferry sank on Monday.");
        a.author = Some("Associated Press".into());
        a.url = Some("https://www.reuters.com/world/ferry".into());
        let got: Vec<_> = TABLE.credits(&a).into_iter().map(|c| (c.agency, c.field)).collect();
        assert_eq!(
            got,
            [
                ("Associated Press".to_string(), CreditField::Author),
                ("Reuters".to_string(), CreditField::Outlet)
            ]
        );
        // An acronym inside a longer author string is a person's initials, not a credit.
        a.author = Some("Jana AP Novak and Petr Dvorak".into());
        a.url = None;
        assert!(TABLE.credits(&a).is_empty());
        // A sign-off the extractor removed as chrome still credits.
        a.removed = vec!["Share this story".into(), "AFP".into()];
        let got: Vec<_> = TABLE.credits(&a).into_iter().map(|c| (c.agency, c.evidence)).collect();
        assert_eq!(got, [("Agence France-Presse".to_string(), None)]);
    }

    #[test]
    fn the_table_parses() {
        assert!(TABLE.names.len() >= 10);
        assert!(TABLE.names.iter().any(|n| n == "The Canadian Press"));
        assert_eq!(host_of("https://www.apnews.com/x"), "apnews.com");
        assert_eq!(host_of("apnews.com"), "apnews.com");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_slice(s in "\\PC{0,80}|[(AP) —\n.a-z]{0,60}") {
            let a = Article::from_text("a", &s);
            for c in TABLE.credits(&a) {
                if let Some(e) = c.evidence {
                    proptest::prop_assert_eq!(e.span().slice(&s), Some(c.text.as_str()));
                }
            }
        }
    }
}
