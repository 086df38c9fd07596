//! Name keys and the small closed word lists that entity rules use.
//!
//! Keys are built on ASCII transliterations ([`any_ascii`]) so that `Grabčenko`, `Грабченко`
//! and `Grabchenko` meet, then coarsened into a phonetic skeleton in which letters that
//! transliteration systems swap for one another fall together (`zh`/`j`, `kh`/`h`/`g`, `tch`/`ch`,
//! `q`/`k`/`c`, `w`/`v`/`f`, vowels dropped).
//!
//! The word lists the entity rules read are in the lexicon ([`crosscheck_text::lexicon`]).

use crosscheck_text::lexicon::{Lexicon, List};

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

/// A key two folded words share whenever [`same_word`] holds between them: the word itself
/// under five letters (those must be equal), its skeleton from five (marked apart), so an
/// index by key finds every word that can be the same word.
pub(crate) fn word_key(w: &str) -> String {
    if w.len() >= 5 { format!("~{}", skeleton(w)) } else { w.to_string() }
}

/// Whether a lowercase word is a title or role noun.
pub(crate) fn is_role(lex: &Lexicon, w: &str) -> bool {
    lex.has(List::Roles, w.trim_end_matches('.'))
}

/// Whether a lowercase word marks an organisation name.
pub(crate) fn is_org_word(lex: &Lexicon, w: &str) -> bool {
    lex.has(List::OrgWords, w)
}

/// Whether a lowercase word is a generic part of a place name.
pub(crate) fn is_geo_word(lex: &Lexicon, w: &str) -> bool {
    lex.has(List::GeoWords, w)
}

/// Generic words that may come before a place's proper name (`Port Halvek`, `Mount Etna`).
pub(crate) fn is_geo_prefix(lex: &Lexicon, w: &str) -> bool {
    lex.has(List::GeoPrefixes, w)
}

/// Whether a lowercase word is never a name on its own.
pub(crate) fn is_not_name(lex: &Lexicon, w: &str) -> bool {
    lex.has(List::NotNames, w)
}

/// Lowercase words that may join capitalised words inside one name (`Bank of England`,
/// `Roads & Bridges Agency`, `Ludwig van Beethoven`).
pub(crate) fn is_joiner(w: &str) -> bool {
    Lexicon::common().has(List::NameParticles, w)
}

/// Nouns before a name that make it an organisation (`the company Ostmarr Line`).
pub(crate) fn is_org_cue(lex: &Lexicon, w: &str) -> bool {
    lex.has(List::OrgCues, w)
}

/// Nouns and prepositions before a name that make it a place (`the city of Zhelvany`,
/// `in Halvek`).
pub(crate) fn is_place_cue(lex: &Lexicon, w: &str) -> bool {
    lex.has(List::PlaceCues, w)
}

/// Demonym endings: `Dalvinia` → `Dalvinian`, `Ukraine` → `Ukrainian`, `Japan` → `Japanese`.
///
/// `place` and `word` are folded. The place loses a final vowel before the ending is tried.
pub(crate) fn is_demonym_of(lex: &Lexicon, word: &str, place: &str) -> bool {
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
    lex.has(List::DemonymEndings, rest)
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

    proptest::proptest! {
        /// Words that are the same word share a key: an index by key misses no pair.
        #[test]
        fn same_words_share_a_key(
            a in "[a-z]{1,3}(ch|zh|kh|ph|th|ts|sh)?[aeiouy]?[a-z]{1,5}",
            b in "[a-z]{1,3}(ch|zh|kh|ph|th|ts|sh)?[aeiouy]?[a-z]{1,5}",
        ) {
            if same_word(&a, &b) {
                proptest::prop_assert_eq!(word_key(&a), word_key(&b));
            }
        }
    }

    #[test]
    fn same_word_keys() {
        for (a, b) in
            [("gaddafi", "kadhafi"), ("zhelvany", "jelvany"), ("hrabchenko", "grabchenko")]
        {
            assert!(same_word(a, b));
            assert_eq!(word_key(a), word_key(b));
        }
        assert_ne!(word_key("kell"), word_key("hell"));
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
        let en = Lexicon::of(crosscheck_core::Lang::EN);
        assert!(is_demonym_of(en, "dalvinian", "dalvinia"));
        assert!(is_demonym_of(en, "ukrainian", "ukraine"));
        assert!(is_demonym_of(en, "russian", "russia"));
        assert!(is_demonym_of(en, "japanese", "japan"));
        assert!(is_demonym_of(en, "norvessan", "norvessa"));
        assert!(!is_demonym_of(en, "dalvinia", "dalvinia"));
        assert!(!is_demonym_of(en, "teodorov", "teodor"));
        assert!(!is_demonym_of(en, "halvekton", "halvek"));
    }
}
