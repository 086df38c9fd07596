//! The quantity lexicon: what numbers count, hedges, number words, units, scales and
//! currencies, read from a per-language data file (`data/facts/<lang>.txt`).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crosscheck_core::Lang;

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
    longest_hedge: usize,
}

static EN: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::parse(include_str!("../../data/facts/en.txt")));

impl Lexicon {
    /// The lexicon for `lang` (English words serve every language for now).
    pub(crate) fn for_lang(_lang: Lang) -> &'static Lexicon {
        &EN
    }

    /// Reads the data file format described at its top.
    pub(crate) fn parse(data: &str) -> Lexicon {
        let mut lx = Lexicon::default();
        let mut section: Vec<&str> = Vec::new();
        for line in data.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(head) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = head.split_whitespace().collect();
                if section.first() == Some(&"concept") {
                    let name = section.get(1).copied().unwrap_or("thing").to_string();
                    let opts = section.get(2..).unwrap_or_default();
                    let rolling = opts.contains(&"rolling");
                    let state = opts.contains(&"state");
                    let subject = opts.contains(&"subject");
                    let only = opts
                        .iter()
                        .filter_map(|o| o.strip_prefix("only="))
                        .flat_map(|o| o.split(','))
                        .map(str::to_string)
                        .collect();
                    lx.concepts.push(Concept { name, rolling, state, subject, only });
                }
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            match section.as_slice() {
                ["concept", ..] => {
                    let c = lx.concepts.len() - 1;
                    for w in words {
                        let plain = w.trim_start_matches('~');
                        if plain.len() < w.len() {
                            lx.not_head.insert(plain.to_string());
                        }
                        lx.concept_of.entry(plain.replace('-', " ")).or_insert(c);
                    }
                }
                ["direction", d] => {
                    let d: &'static str = if *d == "up" { "up" } else { "down" };
                    for w in words {
                        lx.direction.insert(w.to_string(), d);
                    }
                }
                ["qualifier", k] => {
                    let h = match *k {
                        "approx" => Hedge::Approx,
                        "near" => Hedge::Near,
                        "min" => Hedge::Min,
                        "less" => Hedge::Less,
                        _ => Hedge::Max,
                    };
                    for w in words {
                        lx.longest_hedge = lx.longest_hedge.max(w.split('-').count());
                        lx.hedges.insert(w.replace('-', " "), h);
                    }
                }
                ["weak"] => lx.weak.extend(words.iter().map(|w| (*w).to_string())),
                ["month"] => lx.months.extend(words.iter().map(|w| (*w).to_string())),
                ["partial"] => lx.partial.extend(words.iter().map(|w| (*w).to_string())),
                ["identifier"] => {
                    lx.identifier.extend(words.iter().map(|w| (*w).to_string()));
                }
                ["number" | "scale" | "unit"] => {
                    if let [w, v] = words.as_slice()
                        && let Ok(v) = v.parse::<f64>()
                    {
                        let map = match section[0] {
                            "number" => &mut lx.numbers,
                            "scale" => &mut lx.scales,
                            _ => &mut lx.units,
                        };
                        map.insert((*w).to_string(), v);
                    }
                }
                ["currency"] => {
                    if let [w, c] = words.as_slice() {
                        lx.currencies.insert((*w).to_string(), (*c).to_string());
                    }
                }
                _ => {}
            }
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

    /// Whether a word names a month.
    pub(crate) fn is_month(&self, word: &str) -> bool {
        self.months.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_parse() {
        let lx = Lexicon::parse(
            "# c\n[concept gone rolling state only=count,money]\nvanished lost-at-sea ~wreck\n[qualifier near]\nall-but\n\
             [number]\nnine 9\n[direction up]\nsoared\n[weak]\nfolk\n[unit]\nfortnight 336\n",
        );
        let c = lx.concept("lost at sea").unwrap();
        assert_eq!(lx.concept("vanished"), Some(c));
        assert!(lx.concept_info(c).rolling && lx.concept_info(c).state);
        assert_eq!(lx.concept_info(c).only, ["count", "money"]);
        assert!(lx.is_not_head("wreck") && !lx.is_not_head("vanished"));
        assert_eq!(lx.concept("wreck"), Some(c));
        assert_eq!(lx.hedge("all but"), Some(Hedge::Near));
        assert_eq!(lx.longest_hedge(), 2);
        assert_eq!(lx.number("nine"), Some(9.0));
        assert_eq!(lx.direction("soared"), Some("up"));
        assert!(lx.is_weak("folk"));
        assert_eq!(lx.unit("fortnight"), Some(336.0));
        assert_eq!(lx.concept("soared"), None);
    }

    #[test]
    fn english_data_loads() {
        let lx = Lexicon::for_lang(Lang::EN);
        assert!(lx.concept("killed").is_some());
        assert_eq!(lx.concept("killed"), lx.concept("death"));
        assert_ne!(lx.concept("killed"), lx.concept("missing"));
        assert_eq!(lx.hedge("more than"), Some(Hedge::Min));
        assert_eq!(lx.scale("bn"), Some(1e9));
        assert_eq!(lx.currency("$"), Some("usd"));
        assert!(lx.is_month("november"));
    }
}
