//! What an article says, as weighted terms: content words, and names and numbers.

use std::collections::HashMap;
use std::sync::LazyLock;

use crosscheck_core::{Date, Lang};
pub use crosscheck_core::{Features, Term};
use crosscheck_text::dates::find_dates;
use crosscheck_text::{TokenKind, best_stopword_language, fmix64, is_stopword, token_hash, tokens};

use crate::background;
use crate::stop::stop_hashes;

/// Tags that keep the term spaces apart: a name `paris` and the word `paris` are different
/// features, as are a number and a word that hash alike.
const NAME_TAG: u64 = 0xA5A5_0000_0000_0001;
const NUMBER_TAG: u64 = 0x5A5A_0000_0000_0002;
const PAIR_TAG: u64 = 0x3C3C_0000_0000_0003;
const DATE_TAG: u64 = 0xC3C3_0000_0000_0004;

/// Terms counted from a list of occurrences `(id, prior)`.
fn counted(mut terms: Vec<(u64, f32)>) -> Vec<Term> {
    terms.sort_unstable_by_key(|t| t.0);
    let mut out: Vec<Term> = Vec::with_capacity(terms.len());
    for (id, prior) in terms {
        match out.last_mut() {
            Some(t) if t.id == id => t.count += 1.0,
            _ => out.push(Term { id, count: 1.0, prior }),
        }
    }
    // Sized for every occurrence: a batch keeps the features of every article it reads.
    out.shrink_to_fit();
    out
}

/// Extracts the features of a text; see [`features_at`].
pub fn features(text: &str) -> Features {
    features_at(text, None)
}

/// Whether `c` is written in a script without spaces between words (Han, kana, hangul).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// Whether `c` is Japanese kana.
fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF)
}

/// The language of a text, guessed from its script and function words: `zh` or `ja` when most
/// letters are Han or kana (kana tells Japanese), else the language whose stop words are most
/// frequent among the first 400 words, else unknown.
fn guess_lang(text: &str) -> Lang {
    let (mut letters, mut cjk, mut kana) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()).take(4000) {
        letters += 1;
        cjk += usize::from(is_cjk(c));
        kana += usize::from(is_kana(c));
    }
    if cjk * 3 > letters {
        let code = if kana * 10 > cjk { "ja" } else { "zh" };
        return code.parse().unwrap_or(Lang::UNKNOWN);
    }
    let lower: Vec<String> = tokens(text)
        .filter(|t| t.kind == TokenKind::Word)
        .take(400)
        .map(|t| t.normalized().into_owned())
        .collect();
    let words: Vec<&str> = lower.iter().map(String::as_str).collect();
    match best_stopword_language(&words) {
        Some((lang, share)) if share >= 0.1 => lang,
        _ => Lang::UNKNOWN,
    }
}

/// The script-independent key of a name: its ASCII transliteration, lowercase, letters and
/// digits only (`Sébastien` and `Sebastien` are one key, as are `Zürich` and `Zurich`).
fn name_key(word: &str) -> String {
    any_ascii::any_ascii(word)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The value of a number token with its thousands separators dropped, so that `1,250`,
/// `1.250` and `1250` are one key; a separator followed by anything but three digits is a
/// decimal point (`3,5` and `3.5` are one key).
fn number_key(text: &str) -> String {
    let groups: Vec<&str> = text.split([',', '.']).collect();
    if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
        groups.concat()
    } else {
        text.replace(',', ".")
    }
}

/// Calendar days named in the text with their day number (`27. November`, `November 27`,
/// `11月27日`), as month-day keys; the year is left out because a report often omits it.
fn day_keys(text: &str, date: Option<Date>) -> Vec<u64> {
    let mut keys: Vec<u64> = Vec::new();
    let mut key = |month: u64, day: u64| keys.push(fmix64((month * 100 + day) ^ DATE_TAG));
    // The reference only places a day without its year in some year; the key drops the year,
    // and mentions without a digit (weekdays, "yesterday") are skipped.
    let reference = date.or_else(|| Date::new(2000, 6, 15));
    for m in find_dates(text, reference) {
        if m.value.is_day() && m.text.bytes().any(|b| b.is_ascii_digit()) {
            let d = m.value.start();
            key(u64::from(d.month().unsigned_abs()), u64::from(d.day().unsigned_abs()));
        }
    }
    // Chinese and Japanese dates: "11月27日".
    let b = text.as_bytes();
    for (i, _) in text.match_indices('月') {
        let mut s = i;
        while s > 0 && b[s - 1].is_ascii_digit() && i - s < 2 {
            s -= 1;
        }
        let after = &text[i + '月'.len_utf8()..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).take(2).collect();
        if s < i
            && !digits.is_empty()
            && after[digits.len()..].starts_with('日')
            && let (Ok(month), Ok(day)) = (text[s..i].parse::<u64>(), digits.parse::<u64>())
            && (1..=12).contains(&month)
            && (1..=31).contains(&day)
        {
            key(month, day);
        }
    }
    keys
}

/// German articles, determiners and article contractions: the capitalised word after one is a
/// common noun.
const GERMAN_NOUN_CUES: &[&str] = &[
    "am", "beim", "das", "dem", "den", "der", "des", "dessen", "die", "diese", "diesem", "diesen",
    "dieser", "dieses", "ein", "eine", "einem", "einen", "einer", "eines", "im", "ins", "jede",
    "jedem", "jeden", "jeder", "jedes", "kein", "keine", "keinem", "keinen", "keiner", "vom",
    "zum", "zur",
];

/// Chinese and Japanese names of places and their keys (`cjk_places.tsv`, from `GeoNames`; see
/// the data README).
static CJK_PLACES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    include_str!("../data/cjk_places.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect()
});

/// The longest name of a place a CJK run holds at each position.
const MAX_PLACE_CHARS: usize = 8;

/// Adds the places named in a run of Han or kana (`香港`, `トロント`) under the key of their
/// Latin name (`hongkong`, `toronto`), which is the key an English text gives `Hong Kong`.
/// Matches are greedy, longest first, left to right.
fn cjk_places(run: &[char], names: &mut Vec<(u64, f32)>) {
    let mut i = 0;
    while i + 1 < run.len() {
        let longest = (2..=MAX_PLACE_CHARS.min(run.len() - i)).rev().find_map(|n| {
            let s: String = run[i..i + n].iter().collect();
            CJK_PLACES.get(s.as_str()).map(|k| (n, *k))
        });
        if let Some((n, key)) = longest {
            let k = token_hash(key);
            names.push((fmix64(k ^ NAME_TAG), background::prior(k)));
            i += n;
        } else {
            i += 1;
        }
    }
}

/// The terms of a token that mixes Han or kana with other characters (`共有近2000個單位`):
/// Han and kana runs count as their character bigrams (words), digit runs as numbers, and
/// Latin runs of two or more capitals as names (`MLB`).
fn cjk_terms(text: &str, words: &mut Vec<u64>, names: &mut Vec<(u64, f32)>) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let class = |c: char| {
            if is_cjk(c) {
                0
            } else if c.is_ascii_digit() {
                1
            } else {
                2
            }
        };
        let k = class(chars[i]);
        let mut j = i + 1;
        while j < chars.len() && class(chars[j]) == k {
            j += 1;
        }
        let run = &chars[i..j];
        match k {
            0 => {
                for pair in run.windows(2) {
                    words.push(token_hash(&pair.iter().collect::<String>()));
                }
                cjk_places(run, names);
            }
            1 => {
                let s: String = run.iter().collect();
                names.push((
                    fmix64(token_hash(&s) ^ NUMBER_TAG),
                    background::number_prior(run.len()),
                ));
            }
            _ => {
                if run.len() >= 2 && run.iter().all(char::is_ascii_uppercase) {
                    let k = token_hash(&name_key(&run.iter().collect::<String>()));
                    names.push((fmix64(k ^ NAME_TAG), background::prior(k)));
                }
            }
        }
        i = j;
    }
}

/// Extracts the features of a text published on `date` (if known).
///
/// ## What it does
///
/// - Content words: every word token of two or more characters that is not a stop word (of
///   English or of the text's own language). A run of Han or kana characters, which has no
///   spaces between its words, counts as its character bigrams, and the places it names
///   (`香港`, `トロント`, from `GeoNames`' alternate names) count as names under their Latin key.
/// - Names: capitalised words that do not open a sentence (`… said Smith`), and words opening
///   a sentence that the same text also capitalises elsewhere, plus all-capital acronyms.
///   Two names in a row also count as a pair (`Tara Reid`), which is far more specific than
///   either name, and as one joined name (`Hong Kong` is also `hongkong`, as German writes
///   it). Names are keyed by their ASCII transliteration, so that accents and scripts with a
///   phonetic transliteration do not split them.
/// - Numbers: every number token (`2013`, `6.1`, `1,200`), keyed by value (`1.200` is
///   `1,200`).
/// - Days: every calendar day with its day number (`26 November`, `26. November`,
///   `11月26日`), keyed by month and day; they count with the names.
/// - The language, guessed from the script and the function words (see [`Features::lang`]).
///
/// ## Why
///
/// Two reports of the same kind of event (two earthquakes, two celebrity arrests) share most of
/// their content words; what tells them apart is who, where and how much, which in English news
/// is written as capitalised names and numbers. The heuristic needs no tagger and no model, runs
/// at tokenizer speed, and works for any language that capitalises names. Names, numbers and
/// days are what a report in another language shares with its story, so their keys do not
/// depend on the language: transliterated names, numbers by value, days by month and day.
///
/// ## Limitations
///
/// Languages that do not capitalise names (Chinese, Arabic) get no name features, and German
/// capitalises every noun, so its names are diluted. A headline in title case counts as names.
/// A transliteration is not a translation: `宏福苑` does not key as `Wang Fuk Court`. In Chinese
/// and Japanese text only places of `GeoNames` (cities of 100,000 people or more) are names.
pub fn features_at(text: &str, date: Option<Date>) -> Features {
    let stop = stop_hashes();
    let lang = guess_lang(text);
    let cjk = matches!(lang.as_str(), "zh" | "ja");
    let mut words: Vec<u64> = Vec::new();
    let mut names: Vec<(u64, f32)> = Vec::new();
    // Sentence-initial capitalised words, resolved once we know the text's names.
    let mut initial: Vec<u64> = Vec::new();
    let mut known_names: Vec<u64> = Vec::new();
    let mut prev_name: Option<(u64, String)> = None;
    let german = lang.as_str() == "de";
    // The previous word when it was lowercase (for German nouns).
    let mut prev_lower: Option<String> = None;

    let mut fp = 0x243F_6A88_85A3_08D3_u64;
    for t in tokens(text) {
        let h = t.hash();
        fp = (fp ^ h).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(23);
        if t.kind == TokenKind::Number {
            let digits = t.text.bytes().filter(u8::is_ascii_digit).count();
            let key = token_hash(&number_key(t.text));
            names.push((fmix64(key ^ NUMBER_TAG), background::number_prior(digits)));
            prev_name = None;
            prev_lower = None;
        } else if cjk && t.text.chars().any(is_cjk) {
            cjk_terms(t.text, &mut words, &mut names);
            prev_name = None;
            prev_lower = None;
        } else {
            let lower = t.normalized();
            let is_stop = stop.contains(&h) || (!lang.is_unknown() && is_stopword(lang, &lower));
            if !is_stop && t.text.chars().nth(1).is_some() {
                words.push(h);
            }
            let cap = t.is_capitalized();
            let acronym = t.text.len() >= 2 && t.text.chars().all(char::is_uppercase);
            // German capitalises every noun: one right after an article or an inflected
            // adjective is a common noun, not a name.
            let noun = german
                && !acronym
                && prev_lower.as_deref().is_some_and(|p: &str| {
                    GERMAN_NOUN_CUES.contains(&p)
                        || (!is_stopword(lang, p)
                            && ["e", "en", "er", "es", "em"].iter().any(|x| p.ends_with(x)))
                });
            prev_lower = (!cap).then(|| lower.clone().into_owned());
            if noun {
                prev_name = None;
            } else if cap && !is_stop && (!t.sentence_start || acronym) {
                let key = name_key(t.text);
                let k = token_hash(&key);
                names.push((fmix64(k ^ NAME_TAG), background::prior(k)));
                known_names.push(k);
                if let Some((p, pk)) = &prev_name {
                    names.push((fmix64(p.rotate_left(17) ^ k ^ PAIR_TAG), background::rare()));
                    let joined = token_hash(&format!("{pk}{key}"));
                    names.push((fmix64(joined ^ NAME_TAG), background::prior(joined)));
                }
                prev_name = Some((k, key));
            } else if cap && !is_stop && t.sentence_start {
                let key = name_key(t.text);
                let k = token_hash(&key);
                initial.push(k);
                prev_name = Some((k, key));
            } else {
                prev_name = None;
            }
        }
    }
    known_names.sort_unstable();
    for h in initial {
        if known_names.binary_search(&h).is_ok() {
            names.push((fmix64(h ^ NAME_TAG), background::prior(h)));
        }
    }
    for k in day_keys(text, date) {
        names.push((k, background::rare()));
    }
    // Words are looked up once each, after counting.
    words.sort_unstable();
    let mut word_terms: Vec<Term> = Vec::with_capacity(words.len());
    for h in words {
        match word_terms.last_mut() {
            Some(t) if t.id == h => t.count += 1.0,
            _ => word_terms.push(Term { id: h, count: 1.0, prior: background::prior(h) }),
        }
    }
    word_terms.shrink_to_fit();
    Features { words: word_terms, names: counted(names), fingerprint: fmix64(fp), lang }
}

/// The `k` heaviest terms of a document (its headline counts as text), by term frequency and
/// the IDF of the background prior alone: the terms a store indexes a story by, so that a new
/// article finds the stories it may belong to without reading the others.
///
/// ## Why
///
/// A story's own names and rare words (the place, the people, the unusual noun) are what its
/// reports share and what other stories lack; frequent words would send every article to
/// every story. The prior needs no batch, so the keys of an article never change.
pub fn key_terms(title: Option<&str>, text: &str, k: usize) -> Vec<u64> {
    let f = match title {
        Some(t) if !t.is_empty() => features(&format!("{t}.\n\n{text}")),
        _ => features(text),
    };
    key_terms_of(&f, k)
}

/// The `k` heaviest terms of features extracted before (see [`key_terms`]), so that a store
/// that extracts an article's features to place it does not extract them again for its keys.
pub fn key_terms_of(f: &Features, k: usize) -> Vec<u64> {
    let mut weighted: Vec<(u64, f32)> = f
        .words
        .iter()
        .chain(&f.names)
        .map(|t| (t.id, crate::weights::tf(t.count) * crate::weights::idf(0, 0, t.prior)))
        .collect();
    weighted.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    weighted.into_iter().take(k).map(|x| x.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_terms_are_the_rare_ones() {
        let keys = key_terms(
            Some("Flood in Kestrel Bay"),
            "The Harlow tunnel in Kestrel Bay flooded on Tuesday, the office said.",
            4,
        );
        assert_eq!(keys.len(), 4);
        let said = crosscheck_text::token_hash("said");
        assert!(!keys.contains(&said), "common words are not keys");
        assert_eq!(
            keys,
            key_terms(
                Some("Flood in Kestrel Bay"),
                "The Harlow tunnel in Kestrel Bay flooded on Tuesday, the office said.",
                4
            )
        );
    }

    #[test]
    fn names_are_capitalised_inside_sentences() {
        let f = features("Police said Anna Berg left. Berg was seen in Oslo on 12 May.");
        // Names: Anna, Berg (also sentence-initially, resolved), Oslo, May; pair Anna Berg.
        let name = |w: &str| fmix64(crosscheck_text::token_hash(w) ^ NAME_TAG);
        let count = |h: u64| f.names.iter().find(|x| x.id == h).map(|x| x.count);
        assert_eq!(count(name("berg")), Some(2.0));
        assert_eq!(count(name("oslo")), Some(1.0));
        assert_eq!(count(name("police")), None, "sentence-initial and never capitalised again");
        assert!(
            f.names.iter().any(|x| x.id == fmix64(crosscheck_text::token_hash("12") ^ NUMBER_TAG))
        );
        assert!(f.words.iter().all(|x| x.id != crosscheck_text::token_hash("was")));
        assert!(f.words.windows(2).all(|w| w[0].id < w[1].id));
        assert!(f.names.windows(2).all(|w| w[0].id < w[1].id));
        let oslo = f.names.iter().find(|x| x.id == name("oslo")).map(|x| x.prior);
        assert!(
            oslo.is_some_and(|p| p > 0.0 && p < 0.05),
            "a name's prior is its word's: {oslo:?}"
        );
    }

    /// The ids two texts' name terms share.
    fn shared_names(a: &str, b: &str) -> usize {
        let (a, b) = (features(a), features(b));
        a.names.iter().filter(|x| b.names.iter().any(|y| y.id == x.id)).count()
    }

    #[test]
    fn names_numbers_and_days_key_alike_across_languages() {
        // Accents and a joined spelling.
        assert!(
            shared_names("Reports said Zoé Marchetti left.", "Il a dit que Zoe Marchetti") >= 3
        );
        assert!(
            shared_names("The fire in Nordhaven Port spread.", "Der Brand in Nordhavenport") >= 1
        );
        // Thousands separators and a day in three languages.
        assert_eq!(shared_names("They counted 1,250 boats.", "Sie zählten 1.250 Boote."), 1);
        let en = features("The bridge in Tarvik closed on November 27, officials said.");
        let de = features("Die Brücke wurde am 27. November geschlossen.");
        let zh = features("大桥于11月27日关闭。");
        let day =
            |f: &Features| f.names.iter().any(|x| x.id == fmix64((11 * 100 + 27_u64) ^ DATE_TAG));
        assert!(day(&en) && day(&de) && day(&zh));
        // A Chinese place under its Latin key.
        assert_eq!(
            shared_names("Crowds gathered in Hong Kong on Friday.", "周五，香港有人群聚集。"),
            1
        );
    }

    #[test]
    fn languages_are_guessed_from_script_and_function_words() {
        assert_eq!(
            features("The council said that the bridge would open in the spring.").lang,
            Lang::EN
        );
        assert_eq!(
            features("Der Rat sagte, dass die Brücke im Frühjahr und nicht im Herbst öffnet.")
                .lang
                .as_str(),
            "de"
        );
        assert_eq!(features("市议会说新桥将在春天开放。").lang.as_str(), "zh");
        assert_eq!(features("市議会は橋が春に開通すると発表した。").lang.as_str(), "ja");
    }

    #[test]
    fn german_nouns_after_articles_are_not_names() {
        let f = features("Gestern hat der Brand die Stadt Nordhaven erreicht.");
        let name = |w: &str| fmix64(crosscheck_text::token_hash(w) ^ NAME_TAG);
        assert!(f.names.iter().all(|x| x.id != name("brand")));
        assert!(f.names.iter().any(|x| x.id == name("nordhaven")));
    }
}
