//! Words that say the same thing, grouped per language under one head, by stem.
//!
//! ## What it does
//! Reads two lists of the language's lexicon, each entry a word (or a two-word verb) with the
//! head of its group: [`List::EventWords`], a short curated list of news-event words that count
//! as one beyond strict synonymy (`death` and `kill`, `vessel` and `ship`), then
//! [`List::Synonyms`], generated from `WordNet` 3.1 by `crates/text/scripts/wordnet_synonyms.py`
//! (words whose first, frequent sense is one synset: `purchase` and `buy`, `call off` and
//! `cancel`).
//! Words and heads are stemmed with the language's [`Stemmer`], so that every inflection meets
//! (`purchased`, `purchases`); a two-word entry is keyed by its two stems joined by a space. The
//! curated list wins where both group a word, and a `WordNet` head that the curated list groups
//! takes that group, so that no chain runs longer than one step. [`List::EventForms`] adds
//! written forms that join a group only as written (`operated` of `owned`, while `operation`
//! keeps its own stem).
//!
//! ## Why
//! Outlets paraphrase: "called off" and "cancelled", "bought" and "acquired". Comparing stems
//! alone misses these, and a hand list cannot grow to a language's vocabulary.
//!
//! ## Limitations
//! Senses are not disambiguated: a word takes its most frequent sense's group everywhere. Only
//! English has lists; every other language gets none (no synonym rule).
//!
//! ## References
//! Miller, *`WordNet`: A Lexical Database for English* (CACM 1995).

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::LazyLock;

use crosscheck_core::Lang;

use crate::lexicon::{Lexicon, List};
use crate::stem::Stemmer;

/// The synonym groups of one language, by stem.
#[derive(Debug, Default)]
pub struct Synonyms {
    /// Stem (or two stems joined by a space) to the stem of its group's head.
    heads: HashMap<String, String>,
    /// The stems [`List::EventWords`] groups (heads included).
    events: HashSet<String>,
    /// Written forms of [`List::EventForms`], with the stem of their head.
    forms: HashMap<&'static str, String>,
    /// The second words of two-word entries, as written (`off` of `call off`).
    seconds: HashSet<&'static str>,
}

static ALL: LazyLock<Vec<(Lang, Synonyms)>> =
    LazyLock::new(|| Lexicon::languages().map(|l| (l, Synonyms::build(l))).collect());

static NONE: LazyLock<Synonyms> = LazyLock::new(Synonyms::default);

impl Synonyms {
    /// The groups of `lang`: empty for a language without lists.
    pub fn of(lang: Lang) -> &'static Synonyms {
        ALL.iter().find(|(l, _)| *l == lang).map_or(&*NONE, |(_, s)| s)
    }

    fn build(lang: Lang) -> Synonyms {
        let lex = Lexicon::of(lang);
        let stemmer = Stemmer::new(lang);
        let key = |w: &str| -> String {
            w.split(' ').map(|p| stemmer.stem(p).into_owned()).collect::<Vec<_>>().join(" ")
        };
        let mut heads: HashMap<String, String> = HashMap::new();
        let mut events = HashSet::new();
        for list in [List::EventWords, List::Synonyms] {
            let mut added: Vec<(String, String)> = Vec::new();
            for word in lex.words(list) {
                let head = key(lex.value(list, word).unwrap_or(word));
                let head = heads.get(&head).cloned().unwrap_or(head);
                added.push((key(word), head.clone()));
                added.push((head.clone(), head));
            }
            if list == List::EventWords {
                events.extend(added.iter().map(|(k, _)| k.clone()));
            }
            for (k, h) in added {
                heads.entry(k).or_insert(h);
            }
        }
        let forms = lex
            .words(List::EventForms)
            .map(|w| {
                let head = key(lex.value(List::EventForms, w).unwrap_or(w));
                let head = heads.get(&head).cloned().unwrap_or(head);
                (w, head)
            })
            .collect();
        let seconds = [List::EventWords, List::Synonyms]
            .into_iter()
            .flat_map(|list| lex.words(list))
            .filter_map(|w| w.split_once(' ').map(|(_, second)| second))
            .collect();
        Synonyms { heads, events, forms, seconds }
    }

    /// The head of the group of `stem` (a stem of this language's [`Stemmer`], or two joined
    /// by a space), when it has one; a head is its own head.
    pub fn head(&self, stem: &str) -> Option<&str> {
        self.heads.get(stem).map(String::as_str)
    }

    /// The head of the group a written form joins as written ([`List::EventForms`]:
    /// `operated`), before any stemming.
    pub fn form_head(&self, word: &str) -> Option<&str> {
        self.forms.get(word).map(String::as_str)
    }

    /// Whether `stem` is in a group of the curated news-event words ([`List::EventWords`]).
    pub fn is_event_word(&self, stem: &str) -> bool {
        self.events.contains(stem)
    }

    /// Whether a lowercase word, as written, closes a two-word entry (`off` of `call off`):
    /// a cheap test before a two-word key is built.
    pub fn closes_phrase(&self, word: &str) -> bool {
        self.seconds.contains(word)
    }

    /// Whether the language has no groups.
    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(lang: Lang, w: &str) -> Option<String> {
        let s = Stemmer::new(lang);
        Synonyms::of(lang).head(&s.stem(w)).map(str::to_string)
    }

    #[test]
    fn english_groups_meet_across_inflections() {
        assert_eq!(head(Lang::EN, "purchased"), head(Lang::EN, "bought"));
        assert_eq!(head(Lang::EN, "injured"), head(Lang::EN, "wounded"));
        assert_eq!(head(Lang::EN, "vessels"), head(Lang::EN, "ship"));
        assert!(head(Lang::EN, "purchased").is_some());
        assert_ne!(head(Lang::EN, "injured"), head(Lang::EN, "killed"));
        let en = Synonyms::of(Lang::EN);
        assert_eq!(en.head("call off"), en.head("cancel"));
        assert!(en.closes_phrase("off") && !en.closes_phrase("bridge"));
        assert!(en.head("bridge").is_none());
        assert!(en.is_event_word("injur") && !en.is_event_word("cancel"));
        assert_eq!(en.form_head("operated"), head(Lang::EN, "owner").as_deref());
        assert!(head(Lang::EN, "operation").as_deref() != en.form_head("operated"));
    }

    #[test]
    fn a_language_without_lists_has_no_synonyms() {
        assert!(Synonyms::of(Lang::UNKNOWN).is_empty());
        assert!(Synonyms::of("fr".parse().unwrap()).is_empty());
        assert!(head("fr".parse().unwrap(), "acheté").is_none());
    }
}
