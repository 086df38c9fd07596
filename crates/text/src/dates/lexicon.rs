//! Word tables for the date scanner: month, weekday, season and cue words of the languages it
//! reads (English, German, French and Spanish), from the lexicon ([`crate::lexicon`]).
//!
//! Every lookup takes a lowercase word. The scanner reads text of any of its languages, so a
//! word is looked up in all of them; its languages become bit flags so that a bare month name
//! ("in August", "en août") is accepted only after a cue word of one of its own languages.
//! Reading another language is adding its lists to the lexicon and a flag here.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::LazyLock;

use crate::lexicon::{Lexicon, List};
use crosscheck_core::Lang;
use jiff::civil::Weekday;

/// English.
pub(super) const EN: u8 = 1;
/// German.
pub(super) const DE: u8 = 2;
/// French.
pub(super) const FR: u8 = 4;
/// Spanish.
pub(super) const ES: u8 = 8;
pub(super) const IT: u8 = 16;
pub(super) const PT: u8 = 32;

/// How a month word may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MonthWord {
    /// 1 to 12.
    pub(super) month: i8,
    /// The languages the word belongs to.
    pub(super) langs: u8,
    /// An abbreviation ("Nov"): only valid capitalised and next to a day number or a year.
    pub(super) abbrev: bool,
}

const fn full(month: i8, langs: u8) -> MonthWord {
    MonthWord { month, langs, abbrev: false }
}

const fn abbr(month: i8) -> MonthWord {
    MonthWord { month, langs: EN, abbrev: true }
}

/// The scanner's languages: each flag with its lexicon.
static LANGS: LazyLock<[(u8, &'static Lexicon); 6]> = LazyLock::new(|| {
    // Invariant: constant, valid language codes.
    let of = |code: &str| Lexicon::of(code.parse().unwrap_or(Lang::UNKNOWN));
    [(EN, of("en")), (DE, of("de")), (FR, of("fr")), (ES, of("es")), (IT, of("it")), (PT, of("pt"))]
});

/// A word of one of the scanner's lists, merged over its languages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Entry {
    /// The languages whose list holds the word.
    langs: u8,
    /// The number the first of those languages (in [`LANGS`] order) gives it, if any does.
    number: Option<i64>,
    /// The value the first of those languages gives it, if any does.
    value: Option<&'static str>,
}

/// The lists the scanner reads.
const SCANNED: [List; 31] = [
    List::Months,
    List::MonthAbbreviations,
    List::Weekdays,
    List::Seasons,
    List::DateCues,
    List::NumberWords,
    List::OrdinalSuffixes,
    List::FutureCues,
    List::PastAuxiliaries,
    List::RelativeDays,
    List::RangeJoints,
    List::RangeOpeners,
    List::CueArticles,
    List::JoiningCues,
    List::DecadeSuffixes,
    List::DateLinks,
    List::DayParts,
    List::CountWords,
    List::PeriodUnits,
    List::AgoWords,
    List::PeriodRelations,
    List::TrailingWords,
    List::PartialPeriods,
    List::ConditionalAuxiliaries,
    List::FutureAuxiliaries,
    List::PresentAuxiliaries,
    List::DefiniteArticles,
    List::Hedges,
    List::MonthParts,
    List::AndWords,
    List::OrWords,
];

/// Each scanned list merged over the scanner's languages once, so that looking a word up is
/// one hash probe rather than a binary search in every language: the scanner looks up every
/// word of every text it reads (clustering runs it on each article).
/// Indexed by the list's position in [`List::ALL`] (its discriminant); `None` for a list outside
/// [`SCANNED`].
static TABLES: LazyLock<Vec<Option<HashMap<&'static str, Entry>>>> = LazyLock::new(|| {
    let mut tables = vec![None; List::ALL.len()];
    for &list in &SCANNED {
        tables[list as usize] = Some({
            let mut table: HashMap<&'static str, Entry> = HashMap::new();
            for (flag, lex) in LANGS.iter() {
                for word in lex.words(list) {
                    let e = table.entry(word).or_default();
                    e.langs |= flag;
                    if e.number.is_none() {
                        e.number = lex.number(list, word);
                    }
                    if e.value.is_none() {
                        e.value = lex.value(list, word).filter(|v| !v.is_empty());
                    }
                }
            }
            table
        });
    }
    tables
});

/// The scanned table of `list`, if it is one.
fn table(list: List) -> Option<&'static HashMap<&'static str, Entry>> {
    TABLES.get(list as usize)?.as_ref()
}

/// Every word of the scanned lists, and the first word of each of their phrases: a word
/// outside it starts no date expression.
static KNOWN: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let words = TABLES.iter().flatten().flat_map(HashMap::keys).copied();
    let openers = PHRASE_OPENERS.iter().flatten().copied();
    words.chain(openers).collect()
});

/// Whether a lowercase word may start a date expression (see [`KNOWN`]).
pub(super) fn is_known(word: &str) -> bool {
    KNOWN.contains(word)
}

fn entry(list: List, word: &str) -> Option<Entry> {
    if let Some(table) = table(list) {
        return table.get(word).copied();
    }
    // A list outside `SCANNED`: looked up language by language.
    let langs = LANGS.iter().filter(|(_, lex)| lex.has(list, word)).fold(0, |a, (f, _)| a | f);
    let number = LANGS.iter().find_map(|(_, lex)| lex.number(list, word));
    let value = LANGS.iter().find_map(|(_, lex)| lex.value(list, word).filter(|v| !v.is_empty()));
    (langs != 0).then_some(Entry { langs, number, value })
}

/// The first words of the phrases of the scanned lists (`the` of `the day before
/// yesterday`, `aujourd` of `aujourd'hui`), so that the scanner builds a phrase only where
/// one may start.
static PHRASE_OPENERS: LazyLock<Vec<HashSet<&'static str>>> = LazyLock::new(|| {
    let mut openers = vec![HashSet::new(); List::ALL.len()];
    for &list in &SCANNED {
        openers[list as usize] = LANGS
            .iter()
            .flat_map(|(_, lex)| lex.words(list))
            .filter_map(|w| w.split_once([' ', '\'']).map(|(first, _)| first))
            .collect();
    }
    openers
});

/// Whether `word` is the first word of a phrase of `list`.
pub(super) fn opens_phrase(list: List, word: &str) -> bool {
    PHRASE_OPENERS.get(list as usize).is_some_and(|o| o.contains(word))
}

/// The entry of `list` equal to `word` in one of the scanner's languages, as the list writes it.
pub(super) fn stored(list: List, word: &str) -> Option<&'static str> {
    if let Some(table) = table(list) {
        return table.get_key_value(word).map(|(k, _)| *k);
    }
    LANGS.iter().find_map(|(_, lex)| lex.word(list, word))
}

/// Whether one of the scanner's languages has `word` in `list`.
pub(super) fn is_in(list: List, word: &str) -> bool {
    langs(list, word) != 0
}

/// The value `list` gives `word` in the first of the scanner's languages that has one.
pub(super) fn value(list: List, word: &str) -> Option<&'static str> {
    entry(list, word)?.value
}

/// The languages whose `list` holds `word`.
fn langs(list: List, word: &str) -> u8 {
    entry(list, word).map_or(0, |e| e.langs)
}

/// The number `list` gives `word` in the first of the scanner's languages that has it.
fn number(list: List, word: &str) -> Option<i64> {
    entry(list, word)?.number
}

/// The month a lowercase word names, if any.
pub(super) fn month(word: &str) -> Option<MonthWord> {
    let langs = langs(List::Months, word);
    if langs != 0 {
        return Some(full(i8::try_from(number(List::Months, word)?).ok()?, langs));
    }
    Some(abbr(i8::try_from(number(List::MonthAbbreviations, word)?).ok()?))
}

/// The weekday a lowercase word names, with its languages.
pub(super) fn weekday(word: &str) -> Option<(Weekday, u8)> {
    use Weekday::{Friday, Monday, Saturday, Sunday, Thursday, Tuesday, Wednesday};
    let day = match number(List::Weekdays, word)? {
        1 => Monday,
        2 => Tuesday,
        3 => Wednesday,
        4 => Thursday,
        5 => Friday,
        6 => Saturday,
        7 => Sunday,
        _ => return None,
    };
    Some((day, langs(List::Weekdays, word)))
}

/// A meteorological season.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    /// The first month of the season (winter starts in December of its year).
    pub(super) fn first_month(self) -> i8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }
}

/// The season a lowercase word names. "fall" is a verb too, so the scanner only takes it after a
/// modifier or before a year.
pub(super) fn season(word: &str) -> Option<Season> {
    Some(match number(List::Seasons, word)? {
        3 => Season::Spring,
        6 => Season::Summer,
        9 => Season::Autumn,
        12 => Season::Winter,
        _ => return None,
    })
}

/// Words after which a bare month, season or year names a time ("in August", "seit März"), with
/// their languages.
pub(super) fn cue(word: &str) -> u8 {
    langs(List::DateCues, word)
}

/// Small number words ("three days ago"); the indefinite article and "couple" count too.
pub(super) fn number_word(word: &str) -> Option<i32> {
    let n = number(List::CountWords, word).or_else(|| number(List::NumberWords, word))?;
    i32::try_from(n).ok()
}

/// Ordinal suffixes written right after a day number ("19th", "1er", "3º").
pub(super) fn is_ordinal_suffix(word: &str) -> bool {
    langs(List::OrdinalSuffixes, word) != 0
}

/// Words that put the following weekday or month in the future ("will meet on Wednesday").
pub(super) fn is_future_cue(word: &str) -> bool {
    langs(List::FutureCues, word) != 0
}

/// Words that turn a following future cue into a plan seen from the past ("was scheduled").
pub(super) fn is_past_auxiliary(word: &str) -> bool {
    langs(List::PastAuxiliaries, word) != 0
}

/// A day named by its distance from the day of writing ("yesterday": -1, "übermorgen": 2).
pub(super) fn relative_day(word: &str) -> Option<i32> {
    i32::try_from(number(List::RelativeDays, word)?).ok()
}

/// The part of a period a word names ("early", "Mitte", "fin"), and whether it needs `of`
/// before the period ("end of March").
pub(super) fn month_part(word: &str) -> Option<(&'static str, bool)> {
    let value = value(List::MonthParts, word)?;
    Some(match value.strip_suffix(" of") {
        Some(part) => (part, true),
        None => (value, false),
    })
}

/// Words joining the two ends of a range ("to", "bis", "au").
pub(super) fn is_range_joint(word: &str) -> bool {
    langs(List::RangeJoints, word) != 0
}

/// Words opening a range ("between", "von", "desde").
pub(super) fn is_range_opener(word: &str) -> bool {
    langs(List::RangeOpeners, word) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_merged_tables_agree_with_each_language() {
        for &list in &SCANNED {
            for (_, lex) in LANGS.iter() {
                for word in lex.words(list) {
                    let by_lang = LANGS
                        .iter()
                        .filter(|(_, l)| l.has(list, word))
                        .fold(0, |acc, (flag, _)| acc | flag);
                    assert_eq!(langs(list, word), by_lang, "{word} in {list:?}");
                    let first = LANGS.iter().find_map(|(_, l)| l.number(list, word));
                    assert_eq!(number(list, word), first, "{word} in {list:?}");
                }
            }
        }
        assert_eq!(langs(List::Weekdays, "notaday"), 0);
        assert_eq!(number(List::Months, "notamonth"), None);
        assert_eq!(weekday("wednesday").map(|w| w.0), Some(Weekday::Wednesday));
    }
}
