//! Word stems, so that "agreed", "agreeing" and "agreement" meet.

use std::borrow::Cow;

use crosscheck_core::Lang;
use rust_stemmers::Algorithm;

/// A Snowball stemmer for one language (the Porter 2 English stemmer when the language has none).
///
/// Cheap to build; `Send + Sync`.
pub struct Stemmer {
    inner: rust_stemmers::Stemmer,
    lang: Lang,
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stemmer").field("lang", &self.lang).finish_non_exhaustive()
    }
}

impl Stemmer {
    /// The stemmer for `lang`; English for unknown languages and those Snowball lacks.
    pub fn new(lang: Lang) -> Stemmer {
        let algo = match lang.as_str() {
            "ar" => Algorithm::Arabic,
            "da" => Algorithm::Danish,
            "nl" => Algorithm::Dutch,
            "fi" => Algorithm::Finnish,
            "fr" => Algorithm::French,
            "de" => Algorithm::German,
            "el" => Algorithm::Greek,
            "hu" => Algorithm::Hungarian,
            "it" => Algorithm::Italian,
            "no" | "nb" | "nn" => Algorithm::Norwegian,
            "pt" => Algorithm::Portuguese,
            "ro" => Algorithm::Romanian,
            "ru" => Algorithm::Russian,
            "es" => Algorithm::Spanish,
            "sv" => Algorithm::Swedish,
            "ta" => Algorithm::Tamil,
            "tr" => Algorithm::Turkish,
            _ => Algorithm::English,
        };
        Stemmer { inner: rust_stemmers::Stemmer::create(algo), lang }
    }

    /// The language whose algorithm this stemmer runs (the one it was made for).
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The stem of a lowercase word.
    ///
    /// # Example
    ///
    /// ```
    /// use crosscheck_core::Lang;
    ///
    /// let s = crosscheck_text::Stemmer::new(Lang::EN);
    /// assert_eq!(s.stem("agreed"), s.stem("agreeing"));
    /// ```
    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        self.inner.stem(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_by_language() {
        let en = Stemmer::new(Lang::EN);
        assert_eq!(en.stem("negotiations"), en.stem("negotiation"));
        let fr = Stemmer::new("fr".parse().unwrap());
        assert_eq!(fr.stem("présidents"), fr.stem("président"));
        assert_eq!(Stemmer::new(Lang::UNKNOWN).stem("talks"), "talk");
    }
}
