//! Name keys and the small closed word lists that entity rules use.
//!
//! Keys are built on ASCII transliterations ([`any_ascii`]) so that `Grabčenko`, `Грабченко`
//! and `Grabchenko` meet, then coarsened into a phonetic skeleton in which letters that
//! transliteration systems swap for one another fall together (`zh`/`j`, `kh`/`h`/`g`, `tch`/`ch`,
//! `q`/`k`/`c`, `w`/`v`/`f`, vowels dropped).

/// The phonetic skeleton of one folded word: transliteration-equivalent letters merged, vowels
/// after the first letter dropped, repeats collapsed.
///
/// `hrabchenko`, `hrabtchenko` and `grabchenko` give the same key, as do `zhelvany` and
/// `jelvany`, `gaddafi`, `qadhafi` and `kadhafi`, `tchaikovsky` and `chaikovsky`.
pub(crate) fn skeleton(word: &str) -> String {
    let b = word.as_bytes();
    let mut classes: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    let starts = |i: usize, pat: &str| b[i..].starts_with(pat.as_bytes());
    while i < b.len() {
        let (class, len) = if starts(i, "tsch") || starts(i, "shch") {
            (b'J', 4)
        } else if starts(i, "tch") || starts(i, "dzh") || starts(i, "sch") {
            (b'J', 3)
        } else if starts(i, "ch") || starts(i, "zh") || starts(i, "sh") || starts(i, "dj") {
            (b'J', 2)
        } else if starts(i, "kh") || starts(i, "gh") || starts(i, "ck") {
            (b'K', 2)
        } else if starts(i, "ph") {
            (b'F', 2)
        } else if starts(i, "th") || starts(i, "dh") {
            (b'T', 2)
        } else if starts(i, "ts") || starts(i, "tz") {
            (b'S', 2)
        } else {
            let c = match b[i] {
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => b'a',
                b'b' | b'p' => b'B',
                b'f' | b'v' | b'w' => b'F',
                b'g' | b'h' | b'k' | b'q' | b'c' | b'x' => b'K',
                b'd' | b't' => b'T',
                b's' | b'z' => b'S',
                b'j' => b'J',
                c if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
                _ => b'-',
            };
            (c, 1)
        };
        classes.push(class);
        i += len;
    }
    let mut out = String::with_capacity(classes.len());
    for (n, &c) in classes.iter().enumerate() {
        if c == b'-' || (c == b'a' && n > 0) {
            continue;
        }
        if out.as_bytes().last() == Some(&c) {
            continue;
        }
        out.push(c as char);
    }
    out
}

/// Similarity of two folded words in `[0, 1]` (Jaro–Winkler).
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}

/// Whether two folded words are spellings of one name: equal, or the same skeleton and close
/// enough as strings.
///
/// Words under five letters must be equal: their skeletons are too coarse (`Kelly` / `Hell`,
/// `CNN` / `CNA`, `Hugh` / `High`). Longer ones must also keep most of their letters in place
/// (normalised edit similarity at least 0.6), so `Krokidis` and `Kyriakides`, which share a
/// skeleton, stay two names.
pub(crate) fn same_word(a: &str, b: &str) -> bool {
    a == b
        || (a.len() >= 5
            && b.len() >= 5
            && skeleton(a) == skeleton(b)
            && similarity(a, b) >= 0.78
            && strsim::normalized_levenshtein(a, b) > 0.6)
}

fn contains(list: &[&str], w: &str) -> bool {
    list.binary_search(&w).is_ok()
}

/// Titles and role nouns, lowercase, sorted: before a name they mark a person and are stripped.
const ROLES: &[&str] = &[
    "adviser",
    "advisor",
    "ambassador",
    "archbishop",
    "bishop",
    "captain",
    "cardinal",
    "ceo",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "coach",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "councillor",
    "councilman",
    "councilor",
    "deputy",
    "director",
    "dr",
    "driver",
    "economist",
    "editor",
    "emir",
    "envoy",
    "executive",
    "founder",
    "general",
    "governor",
    "head",
    "inspector",
    "judge",
    "king",
    "leader",
    "lieutenant",
    "lord",
    "major",
    "manager",
    "mayor",
    "minister",
    "mr",
    "mrs",
    "ms",
    "negotiator",
    "officer",
    "official",
    "pastor",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "prof",
    "professor",
    "prosecutor",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sheikh",
    "sir",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "sultan",
    "superintendent",
    "vice",
];

/// Whether a lowercase word is a title or role noun.
pub(crate) fn is_role(w: &str) -> bool {
    contains(ROLES, w.trim_end_matches('.'))
}

/// Words that make a capitalised sequence an organisation, lowercase, sorted.
const ORG_WORDS: &[&str] = &[
    "academy",
    "administration",
    "agency",
    "airline",
    "airlines",
    "alliance",
    "army",
    "assembly",
    "association",
    "authority",
    "bank",
    "board",
    "brigade",
    "bureau",
    "cabinet",
    "center",
    "centre",
    "church",
    "club",
    "co",
    "coalition",
    "command",
    "commission",
    "committee",
    "company",
    "congress",
    "cooperative",
    "corp",
    "corporation",
    "council",
    "court",
    "department",
    "directorate",
    "federation",
    "foods",
    "force",
    "forces",
    "foundation",
    "front",
    "fund",
    "group",
    "guard",
    "holdings",
    "hospital",
    "inc",
    "institute",
    "league",
    "line",
    "lines",
    "ltd",
    "media",
    "ministry",
    "movement",
    "navy",
    "network",
    "news",
    "office",
    "organisation",
    "organization",
    "parliament",
    "partners",
    "party",
    "police",
    "post",
    "press",
    "school",
    "senate",
    "service",
    "services",
    "society",
    "times",
    "tribunal",
    "union",
    "university",
    "wire",
];

/// Whether a lowercase word marks an organisation name.
pub(crate) fn is_org_word(w: &str) -> bool {
    contains(ORG_WORDS, w)
}

/// Generic words of place names, lowercase, sorted: `Pelagin Bridge`, `Port Halvek`.
const GEO_WORDS: &[&str] = &[
    "airport",
    "avenue",
    "bay",
    "beach",
    "bridge",
    "canal",
    "cape",
    "city",
    "coast",
    "county",
    "creek",
    "desert",
    "district",
    "fort",
    "gulf",
    "harbor",
    "harbour",
    "hill",
    "hills",
    "island",
    "islands",
    "lake",
    "mount",
    "mountain",
    "mountains",
    "ocean",
    "park",
    "peninsula",
    "port",
    "province",
    "region",
    "river",
    "road",
    "sea",
    "square",
    "station",
    "strait",
    "street",
    "tower",
    "valley",
];

/// Whether a lowercase word is a generic part of a place name.
pub(crate) fn is_geo_word(w: &str) -> bool {
    contains(GEO_WORDS, w)
}

/// Generic words that may come before a place's proper name (`Port Halvek`, `Mount Etna`).
pub(crate) fn is_geo_prefix(w: &str) -> bool {
    matches!(w, "port" | "mount" | "lake" | "cape" | "fort" | "saint" | "st" | "san" | "santa")
}

/// Capitalised words that are never names on their own: calendar words and common sentence
/// openers, lowercase, sorted.
const NOT_NAMES: &[&str] = &[
    "according",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "any",
    "april",
    "as",
    "at",
    "august",
    "because",
    "before",
    "both",
    "but",
    "by",
    "december",
    "despite",
    "during",
    "each",
    "earlier",
    "even",
    "every",
    "february",
    "for",
    "friday",
    "from",
    "he",
    "her",
    "his",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "january",
    "july",
    "june",
    "last",
    "later",
    "march",
    "may",
    "meanwhile",
    "monday",
    "more",
    "most",
    "much",
    "my",
    "nevertheless",
    "next",
    "no",
    "none",
    "nor",
    "not",
    "november",
    "october",
    "of",
    "on",
    "one",
    "or",
    "our",
    "over",
    "saturday",
    "september",
    "she",
    "since",
    "so",
    "some",
    "sunday",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "thursday",
    "to",
    "today",
    "tuesday",
    "under",
    "until",
    "we",
    "wednesday",
    "what",
    "when",
    "where",
    "while",
    "who",
    "why",
    "with",
    "yesterday",
    "yet",
    "you",
];

/// Whether a lowercase word is never a name on its own.
pub(crate) fn is_not_name(w: &str) -> bool {
    contains(NOT_NAMES, w)
}

/// Lowercase words that may join capitalised words inside one name (`Bank of England`,
/// `Roads & Bridges Agency`, `Ludwig van Beethoven`).
pub(crate) fn is_joiner(w: &str) -> bool {
    matches!(
        w,
        "of" | "&"
            | "de"
            | "da"
            | "di"
            | "del"
            | "della"
            | "du"
            | "van"
            | "von"
            | "der"
            | "den"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "la"
            | "le"
    )
}

/// Nouns before a name that make it an organisation (`the company Ostmarr Line`).
pub(crate) fn is_org_cue(w: &str) -> bool {
    matches!(
        w,
        "company"
            | "firm"
            | "group"
            | "agency"
            | "operator"
            | "outlet"
            | "website"
            | "site"
            | "newspaper"
            | "broadcaster"
            | "carrier"
            | "lender"
            | "insurer"
            | "cooperative"
            | "retailer"
            | "maker"
            | "manufacturer"
            | "giant"
            | "startup"
            | "party"
            | "network"
            | "publisher"
            | "daily"
            | "channel"
            | "organisation"
            | "organization"
            | "shipper"
    )
}

/// Nouns and prepositions before a name that make it a place (`the city of Zhelvany`,
/// `in Halvek`).
pub(crate) fn is_place_cue(w: &str) -> bool {
    matches!(
        w,
        "in" | "near"
            | "off"
            | "from"
            | "city"
            | "town"
            | "village"
            | "capital"
            | "province"
            | "region"
            | "country"
            | "port"
            | "across"
            | "outside"
            | "inside"
            | "throughout"
    )
}

/// Demonym endings: `Dalvinia` → `Dalvinian`, `Ukraine` → `Ukrainian`, `Japan` → `Japanese`.
///
/// `place` and `word` are folded. The place loses a final vowel before the ending is tried.
pub(crate) fn is_demonym_of(word: &str, place: &str) -> bool {
    if word.len() <= place.len().saturating_sub(1) || place.len() < 4 || word.contains(' ') {
        return false;
    }
    let stem = place.trim_end_matches(['a', 'e', 'i', 'o', 'y']);
    let Some(rest) = word.strip_prefix(stem) else { return false };
    let rest = if word.starts_with(place) && word.len() > place.len() {
        &word[place.len()..]
    } else {
        rest
    };
    matches!(
        rest,
        "n" | "an"
            | "ian"
            | "ean"
            | "ese"
            | "ish"
            | "i"
            | "ic"
            | "ite"
            | "er"
            | "ns"
            | "ans"
            | "ians"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::words::fold;

    #[test]
    fn spellings_meet_and_lookalikes_do_not() {
        for (a, b) in
            [("gaddafi", "qadhafi"), ("hrabchenko", "grabchenko"), ("zhelvany", "jelvany")]
        {
            assert!(same_word(a, b), "{a} {b}");
        }
        for (a, b) in
            [("kelly", "hell"), ("cnn", "cna"), ("hugh", "high"), ("krokidis", "kyriakides")]
        {
            assert!(!same_word(a, b), "{a} {b}");
        }
    }

    #[test]
    fn lists_are_sorted() {
        for list in [ROLES, ORG_WORDS, GEO_WORDS, NOT_NAMES] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "{:?}",
                list.windows(2).find(|w| w[0] >= w[1])
            );
        }
    }

    #[test]
    fn folds_scripts_and_punctuation() {
        assert_eq!(fold("Grabčenko's"), "grabcenkos");
        assert_eq!(fold("  Roads & Bridges  Agency "), "roads & bridges agency");
        assert_eq!(fold("Пекин"), "pekin");
        assert_eq!(fold("U.S."), "us");
    }

    macro_rules! same_skeleton {
        ($($a:literal ~ $b:literal),* $(,)?) => {$(
            assert_eq!(skeleton(&fold($a)), skeleton(&fold($b)), "{} ~ {}", $a, $b);
        )*};
    }

    macro_rules! other_skeleton {
        ($($a:literal !~ $b:literal),* $(,)?) => {$(
            assert_ne!(skeleton(&fold($a)), skeleton(&fold($b)), "{} !~ {}", $a, $b);
        )*};
    }

    #[test]
    fn transliterations_share_a_skeleton() {
        same_skeleton!(
            "Gaddafi" ~ "Qadhafi", "Qadhafi" ~ "Kadhafi", "Tchaikovsky" ~ "Chaikovsky",
            "Zelensky" ~ "Zelenskyy", "Zelenskiy" ~ "Zelensky", "Hrabchenko" ~ "Hrabtchenko",
            "Hrabchenko" ~ "Grabchenko", "Zhelvany" ~ "Jelvany", "Yeltsin" ~ "Eltsin",
        );
        other_skeleton!("Petrov" !~ "Pyotr", "Teodor" !~ "Teodorov", "Merkel" !~ "Markov");
    }

    #[test]
    fn same_word_needs_skeleton_and_closeness() {
        assert!(same_word("gaddafi", "kadhafi"));
        assert!(same_word("zhelvany", "jelvany"));
        assert!(!same_word("petrov", "pyotr"));
        assert!(!same_word("teodor", "teodorov"));
    }

    #[test]
    fn demonyms() {
        assert!(is_demonym_of("dalvinian", "dalvinia"));
        assert!(is_demonym_of("ukrainian", "ukraine"));
        assert!(is_demonym_of("russian", "russia"));
        assert!(is_demonym_of("japanese", "japan"));
        assert!(is_demonym_of("norvessan", "norvessa"));
        assert!(!is_demonym_of("dalvinia", "dalvinia"));
        assert!(!is_demonym_of("teodorov", "teodor"));
        assert!(!is_demonym_of("halvekton", "halvek"));
    }
}
