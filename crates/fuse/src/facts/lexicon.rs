//! The quantity lexicon: what numbers count, hedges, number words, units, scales and
//! currencies, read from the word lists of `crosscheck_text::lexicon` (files under
//! `crates/text/lexicon/<language>/`: `quantity_concepts`, `quantity_concept_traits`,
//! `quantity_things`, `hedges`, `weak_nouns`, `market_moves`, `scales`, `currencies`,
//! `time_units`, `part_words`, `identifier_nouns`, `number_words`, `months`,
//! `month_abbreviations`).

use foldhash::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex};

use crosscheck_core::Lang;
use crosscheck_text::lexicon::{Lexicon as Words, List};

/// How a hedge before a number widens its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hedge {
    /// `about 40`: either side, by the number's rounding.
    Approx,
    /// `nearly 50`: at most the number, by its rounding.
    Near,
    /// `more than 12`: at least the number.
    Min,
    /// `up to 5`: at most the number, and near it.
    Max,
    /// `less than a month`: below the number, down to half of it.
    Less,
}

/// A concept: what a number counts or measures.
#[derive(Debug, Clone)]
pub(crate) struct Concept {
    /// Its name, used as the fact's attribute.
    pub(crate) name: String,
    /// Whether outlets update it as the event unfolds (a toll).
    pub(crate) rolling: bool,
    /// Whether the word may stand as the counted noun (`36 dead`).
    pub(crate) state: bool,
    /// Whether its facts belong to the entity named before them.
    pub(crate) subject: bool,
    /// The units it applies to (`duration`, `tally`, `money`, `percent`, `count`); all if
    /// empty.
    pub(crate) only: Vec<String>,
}

/// The entries of a list with their values.
fn entries(words: &Words, list: List) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    words.words(list).map(move |w| (w, words.value(list, w).unwrap_or("")))
}

/// The lexicon of one language.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    concepts: Vec<Concept>,
    concept_of: HashMap<String, usize>,
    direction: HashMap<String, &'static str>,
    hedges: HashMap<String, Hedge>,
    weak: HashSet<String>,
    not_head: HashSet<String>,
    numbers: HashMap<String, f64>,
    scales: HashMap<String, f64>,
    currencies: HashMap<String, String>,
    units: HashMap<String, f64>,
    months: HashSet<String>,
    partial: HashSet<String>,
    identifier: HashSet<String>,
    function: HashSet<String>,
    clause: HashSet<String>,
    longest_hedge: usize,
    /// The language's word lists, for the lists read as they are.
    words: Option<&'static Words>,
}

/// The lexicons built so far, by language.
static BUILT: LazyLock<Mutex<HashMap<Lang, Arc<Lexicon>>>> = LazyLock::new(Mutex::default);

impl Lexicon {
    /// The lexicon for `lang`, built once from its word lists; a language without lists gets
    /// an empty lexicon (no quantity is read).
    pub(crate) fn for_lang(lang: Lang) -> Arc<Lexicon> {
        let mut built = BUILT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(
            built.entry(lang).or_insert_with(|| Arc::new(Lexicon::from_words(Words::of(lang)))),
        )
    }

    /// Reads the quantity lists of one language.
    pub(crate) fn from_words(words: &'static Words) -> Lexicon {
        let mut lx = Lexicon { words: Some(words), ..Lexicon::default() };
        for (name, traits) in entries(words, List::QuantityConceptTraits) {
            let opts: Vec<&str> = traits.split_whitespace().collect();
            let only = opts
                .iter()
                .filter_map(|o| o.strip_prefix("only="))
                .flat_map(|o| o.split(','))
                .map(str::to_string)
                .collect();
            lx.concepts.push(Concept {
                name: name.to_string(),
                rolling: opts.contains(&"rolling"),
                state: opts.contains(&"state"),
                subject: opts.contains(&"subject"),
                only,
            });
        }
        for (w, c) in entries(words, List::QuantityConcepts) {
            if let Some(i) = lx.concepts.iter().position(|k| k.name == c) {
                lx.concept_of.insert(w.to_string(), i);
            }
        }
        lx.not_head = words.words(List::QuantityThings).map(str::to_string).collect();
        for (w, d) in entries(words, List::MarketMoves) {
            lx.direction.insert(w.to_string(), if d == "up" { "up" } else { "down" });
        }
        for (w, k) in entries(words, List::Hedges) {
            let h = match k {
                "approx" => Hedge::Approx,
                "near" => Hedge::Near,
                "min" => Hedge::Min,
                "less" => Hedge::Less,
                _ => Hedge::Max,
            };
            lx.longest_hedge = lx.longest_hedge.max(w.split(' ').count());
            lx.hedges.insert(w.to_string(), h);
        }
        lx.weak = words.words(List::WeakNouns).map(str::to_string).collect();
        lx.months = words
            .words(List::Months)
            .chain(words.words(List::MonthAbbreviations))
            .map(str::to_string)
            .collect();
        lx.partial = words.words(List::PartWords).map(str::to_string).collect();
        lx.identifier = words.words(List::IdentifierNouns).map(str::to_string).collect();
        lx.function = words.words(List::Stopwords).map(str::to_string).collect();
        lx.clause = words.words(List::ClauseWords).map(str::to_string).collect();
        for (list, map) in [
            (List::NumberWords, &mut lx.numbers),
            (List::Scales, &mut lx.scales),
            (List::TimeUnits, &mut lx.units),
        ] {
            for (w, v) in entries(words, list) {
                if let Ok(v) = v.parse::<f64>() {
                    map.insert(w.to_string(), v);
                }
            }
        }
        for (w, c) in entries(words, List::Currencies) {
            lx.currencies.insert(w.to_string(), c.to_string());
        }
        lx
    }

    /// The concept a (lowercase) word or two-word phrase names.
    pub(crate) fn concept(&self, word: &str) -> Option<usize> {
        self.concept_of.get(word).copied()
    }

    /// The concept with index `i`.
    pub(crate) fn concept_info(&self, i: usize) -> &Concept {
        &self.concepts[i]
    }

    /// The concept called `name`.
    pub(crate) fn concept_named(&self, name: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.name == name)
    }

    /// `up` or `down` for a market-move word.
    pub(crate) fn direction(&self, word: &str) -> Option<&'static str> {
        self.direction.get(word).copied()
    }

    /// The hedge a phrase of up to [`Lexicon::longest_hedge`] words is.
    pub(crate) fn hedge(&self, phrase: &str) -> Option<Hedge> {
        self.hedges.get(phrase).copied()
    }

    /// The most words a hedge has.
    pub(crate) fn longest_hedge(&self) -> usize {
        self.longest_hedge
    }

    /// Whether a concept word names a thing counted in its own right when it follows a number
    /// (`eight shelters`), marked `~` in the data.
    pub(crate) fn is_not_head(&self, word: &str) -> bool {
        self.not_head.contains(word)
    }

    /// Whether a counted noun says too little on its own.
    pub(crate) fn is_weak(&self, word: &str) -> bool {
        self.weak.contains(word)
    }

    /// The value of a number word.
    pub(crate) fn number(&self, word: &str) -> Option<f64> {
        self.numbers.get(word).copied()
    }

    /// The multiplier of a scale word (`million`, `bn`).
    pub(crate) fn scale(&self, word: &str) -> Option<f64> {
        self.scales.get(word).copied()
    }

    /// The currency code of a sign or word.
    pub(crate) fn currency(&self, word: &str) -> Option<&str> {
        self.currencies.get(word).map(String::as_str)
    }

    /// A time unit's length in hours.
    pub(crate) fn unit(&self, word: &str) -> Option<f64> {
        self.units.get(word).copied()
    }

    /// Whether a word next to a number makes it a part of a count (`other`, `final`).
    pub(crate) fn is_partial(&self, word: &str) -> bool {
        self.partial.contains(word)
    }

    /// Whether a noun after a number makes it an address or identifier (`block`).
    pub(crate) fn is_identifier(&self, word: &str) -> bool {
        self.identifier.contains(word)
    }

    /// Whether a (lowercase) word is a function word (a stopword of the language).
    pub(crate) fn is_function(&self, word: &str) -> bool {
        self.function.contains(word)
    }

    /// Whether a (lowercase) word ends a clause for a quantity's look-around (`and`, `which`).
    pub(crate) fn is_clause_word(&self, word: &str) -> bool {
        self.clause.contains(word)
    }

    /// The entries of the language's `list`.
    pub(crate) fn words(&self, list: List) -> impl Iterator<Item = &'static str> {
        self.words.into_iter().flat_map(move |w| w.words(list))
    }

    /// Whether the language's `list` holds `word` (a word or a phrase).
    pub(crate) fn has(&self, list: List, word: &str) -> bool {
        self.words.is_some_and(|w| w.has(list, word))
    }

    /// Whether a word names a month.
    pub(crate) fn is_month(&self, word: &str) -> bool {
        self.months.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_lists_load() {
        let lx = Lexicon::for_lang(Lang::EN);
        let c = lx.concept("killed").expect("killed is a concept word");
        assert_eq!(lx.concept("death"), Some(c));
        assert!(lx.concept_info(c).rolling && lx.concept_info(c).state);
        assert_ne!(lx.concept("killed"), lx.concept("missing"));
        assert_eq!(lx.concept("lives in"), lx.concept("housed"));
        let shelter = lx.concept("shelters").expect("shelters");
        assert!(lx.is_not_head("shelters") && !lx.is_not_head("evacuated"));
        assert_eq!(lx.concept_info(shelter).only, ["count"]);
        assert!(lx.concept_named("sentence").is_some_and(|c| c.subject));
        assert_eq!(lx.hedge("more than"), Some(Hedge::Min));
        assert_eq!(lx.longest_hedge(), 3);
        assert_eq!(lx.number("twelve"), Some(12.0));
        assert_eq!(lx.scale("bn"), Some(1e9));
        assert_eq!(lx.currency("$"), Some("usd"));
        assert_eq!(lx.unit("week"), Some(168.0));
        assert_eq!(lx.direction("slumped"), Some("down"));
        assert!(lx.is_month("november") && lx.is_weak("people"));
        assert!(lx.is_partial("other") && lx.is_identifier("block"));
    }

    #[test]
    fn a_language_without_lists_reads_nothing() {
        let lx = Lexicon::for_lang(Lang::UNKNOWN);
        assert!(lx.concept("killed").is_none() && lx.number("twelve").is_none());
    }
}
