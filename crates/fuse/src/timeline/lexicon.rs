//! Word tables for the date scanner: month, weekday, season and cue words in English, German,
//! French and Spanish.
//!
//! Every lookup takes a lowercase word. Language groups are bit flags so that a bare month name
//! ("in August", "en août") is accepted only after a cue word of one of its own languages.

use jiff::civil::Weekday;

/// English.
pub(super) const EN: u8 = 1;
/// German.
pub(super) const DE: u8 = 2;
/// French.
pub(super) const FR: u8 = 4;
/// Spanish.
pub(super) const ES: u8 = 8;

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

/// The month a lowercase word names, if any.
pub(super) fn month(word: &str) -> Option<MonthWord> {
    Some(match word {
        "january" => full(1, EN),
        "february" => full(2, EN),
        "march" => full(3, EN),
        "april" => full(4, EN | DE),
        "may" => full(5, EN),
        "june" => full(6, EN),
        "july" => full(7, EN),
        "august" => full(8, EN | DE),
        "september" => full(9, EN | DE),
        "october" => full(10, EN),
        "november" => full(11, EN | DE),
        "december" => full(12, EN),
        "jan" => abbr(1),
        "feb" => abbr(2),
        "mar" => abbr(3),
        "apr" => abbr(4),
        "jun" => abbr(6),
        "jul" => abbr(7),
        "aug" => abbr(8),
        "sep" | "sept" => abbr(9),
        "oct" => abbr(10),
        "nov" => abbr(11),
        "dec" => abbr(12),
        "januar" | "jänner" => full(1, DE),
        "februar" => full(2, DE),
        "märz" | "maerz" => full(3, DE),
        "mai" => full(5, DE | FR),
        "juni" => full(6, DE),
        "juli" => full(7, DE),
        "oktober" => full(10, DE),
        "dezember" => full(12, DE),
        "janvier" => full(1, FR),
        "février" | "fevrier" => full(2, FR),
        "mars" => full(3, FR),
        "avril" => full(4, FR),
        "juin" => full(6, FR),
        "juillet" => full(7, FR),
        "août" | "aout" => full(8, FR),
        "septembre" => full(9, FR),
        "octobre" => full(10, FR),
        "novembre" => full(11, FR),
        "décembre" | "decembre" => full(12, FR),
        "enero" => full(1, ES),
        "febrero" => full(2, ES),
        "marzo" => full(3, ES),
        "abril" => full(4, ES),
        "mayo" => full(5, ES),
        "junio" => full(6, ES),
        "julio" => full(7, ES),
        "agosto" => full(8, ES),
        "septiembre" | "setiembre" => full(9, ES),
        "octubre" => full(10, ES),
        "noviembre" => full(11, ES),
        "diciembre" => full(12, ES),
        _ => return None,
    })
}

/// The weekday a lowercase word names, with its languages.
pub(super) fn weekday(word: &str) -> Option<(Weekday, u8)> {
    use Weekday::{Friday, Monday, Saturday, Sunday, Thursday, Tuesday, Wednesday};
    Some(match word {
        "monday" => (Monday, EN),
        "tuesday" => (Tuesday, EN),
        "wednesday" => (Wednesday, EN),
        "thursday" => (Thursday, EN),
        "friday" => (Friday, EN),
        "saturday" => (Saturday, EN),
        "sunday" => (Sunday, EN),
        "montag" => (Monday, DE),
        "dienstag" => (Tuesday, DE),
        "mittwoch" => (Wednesday, DE),
        "donnerstag" => (Thursday, DE),
        "freitag" => (Friday, DE),
        "samstag" | "sonnabend" => (Saturday, DE),
        "sonntag" => (Sunday, DE),
        "lundi" => (Monday, FR),
        "mardi" => (Tuesday, FR),
        "mercredi" => (Wednesday, FR),
        "jeudi" => (Thursday, FR),
        "vendredi" => (Friday, FR),
        "samedi" => (Saturday, FR),
        "dimanche" => (Sunday, FR),
        "lunes" => (Monday, ES),
        "martes" => (Tuesday, ES),
        "miércoles" | "miercoles" => (Wednesday, ES),
        "jueves" => (Thursday, ES),
        "viernes" => (Friday, ES),
        "sábado" | "sabado" => (Saturday, ES),
        "domingo" => (Sunday, ES),
        _ => return None,
    })
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
    Some(match word {
        "spring" | "springtime" | "frühling" | "frühjahr" | "printemps" | "primavera" => {
            Season::Spring
        }
        "summer" | "summertime" | "sommer" | "été" | "verano" => Season::Summer,
        "autumn" | "fall" | "herbst" | "automne" | "otoño" => Season::Autumn,
        "winter" | "wintertime" | "hiver" | "invierno" => Season::Winter,
        _ => return None,
    })
}

/// Words after which a bare month, season or year names a time ("in August", "seit März"), with
/// their languages.
pub(super) fn cue(word: &str) -> u8 {
    match word {
        "in" | "since" | "until" | "till" | "by" | "during" | "through" | "throughout" | "from"
        | "between" | "before" | "after" | "of" | "last" | "next" | "this" | "early" | "mid"
        | "late" | "and" | "to" | "or" | "past" | "their" | "its" | "his" | "her" | "our" => EN,
        "im" | "seit" | "bis" | "vor" | "nach" | "anfang" | "mitte" | "ende" | "ab" => DE,
        "en" => FR | ES,
        "depuis" | "début" | "fin" | "jusqu" | "dès" | "avant" | "après" => FR,
        "desde" | "hasta" | "durante" | "principios" | "mediados" | "finales" | "de" => ES,
        _ => 0,
    }
}

/// Small number words ("three days ago").
pub(super) fn number_word(word: &str) -> Option<i32> {
    Some(match word {
        "a" | "an" | "one" => 1,
        "two" | "couple" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        _ => return None,
    })
}

/// Ordinal suffixes written right after a day number ("19th", "1er", "3º").
pub(super) fn is_ordinal_suffix(word: &str) -> bool {
    matches!(word, "st" | "nd" | "rd" | "th" | "er" | "e" | "o" | "º" | "ª")
}

/// Words that put the following weekday or month in the future ("will meet on Wednesday").
pub(super) fn is_future_cue(word: &str) -> bool {
    matches!(
        word,
        "will"
            | "shall"
            | "ll"
            | "upcoming"
            | "scheduled"
            | "due"
            | "expected"
            | "expects"
            | "expect"
            | "slated"
            | "set"
            | "plans"
            | "planned"
            | "planning"
            | "intends"
            | "going"
            | "wird"
            | "werden"
            | "sera"
            | "seront"
            | "prévu"
            | "prévue"
            | "será"
            | "prevista"
            | "previsto"
    )
}

/// Words that turn a following future cue into a plan seen from the past ("was scheduled").
pub(super) fn is_past_auxiliary(word: &str) -> bool {
    matches!(word, "was" | "were" | "had" | "been" | "would" | "could" | "war" | "était" | "estaba")
}
