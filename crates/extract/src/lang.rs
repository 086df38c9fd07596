//! Language identification with `lingua`, restricted to the languages crosscheck expects.

use std::sync::LazyLock;

use crosscheck_core::Lang;
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

/// How much text is given to the detector: enough for a stable answer on prose, small enough
/// to keep detection well under a millisecond.
const SAMPLE_BYTES: usize = 1500;

/// The languages the detector chooses from (each one's model is compiled in through `lingua`'s
/// cargo features in the workspace manifest).
const LANGUAGES: &[Language] = &[
    Language::Arabic,
    Language::Chinese,
    Language::Dutch,
    Language::English,
    Language::French,
    Language::German,
    Language::Italian,
    Language::Polish,
    Language::Portuguese,
    Language::Russian,
    Language::Spanish,
    Language::Ukrainian,
];

/// Built once, on first use, and shared by every thread; models load lazily per language.
static DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(LANGUAGES).with_low_accuracy_mode().build()
});

/// The language of `text`, or [`Lang::UNKNOWN`] when there is too little text to tell.
///
/// Two cheap answers come first because `lingua` costs about half a millisecond per call even
/// on short samples: a script that only one candidate language writes in (Arabic, Han without
/// kana, kana, Hangul), then function words when one language's stopwords clearly dominate
/// (at least a fifth of 30 or more words, and half again as many as the runner-up's). `lingua`
/// decides the rest (close calls such as Spanish/Portuguese or Russian/Ukrainian, short texts,
/// languages without a stopword list).
pub(crate) fn detect(text: &str) -> Lang {
    let sample = prefix(text, SAMPLE_BYTES);
    let (mut letters, mut arabic, mut han, mut kana, mut hangul) = (0usize, 0, 0, 0, 0);
    for c in sample.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c as u32 {
            0x0600..=0x06FF | 0x0750..=0x077F => arabic += 1,
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => han += 1,
            0x3040..=0x30FF => kana += 1,
            0xAC00..=0xD7AF | 0x1100..=0x11FF => hangul += 1,
            _ => {}
        }
    }
    if letters < 20 {
        return Lang::UNKNOWN;
    }
    let by_script = if arabic * 2 > letters {
        Some("ar")
    } else if kana * 10 > letters {
        Some("ja")
    } else if han * 3 > letters {
        Some("zh")
    } else if hangul * 2 > letters {
        Some("ko")
    } else {
        None
    };
    if let Some(code) = by_script {
        return code.parse().unwrap_or(Lang::UNKNOWN);
    }
    if let Some(lang) = by_stopwords(sample) {
        return lang;
    }
    DETECTOR
        .detect_language_of(prefix(sample, LINGUA_BYTES))
        .and_then(|l| l.iso_code_639_1().to_string().parse().ok())
        .unwrap_or(Lang::UNKNOWN)
}

/// How much text `lingua` reads when it has to decide.
const LINGUA_BYTES: usize = 500;

fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The language whose stopwords clearly dominate the sample, if one does.
fn by_stopwords(sample: &str) -> Option<Lang> {
    let words: Vec<String> = sample
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < 30 {
        return None;
    }
    let mut counts: Vec<(Lang, usize)> = crosscheck_text::STOPWORD_LANGUAGES
        .iter()
        .filter_map(|code| code.parse::<Lang>().ok())
        .map(|l| (l, words.iter().filter(|w| crosscheck_text::is_stopword(l, w)).count()))
        .collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let (best, n) = *counts.first()?;
    let second = counts.get(1).map_or(0, |c| c.1);
    (n * 5 >= words.len() && n * 2 >= second * 3).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_main_languages() {
        let cases = [
            ("en", "The council approved the new budget for the city schools on Tuesday evening."),
            (
                "de",
                "Der Stadtrat hat am Dienstagabend den neuen Haushalt für die Schulen beschlossen.",
            ),
            (
                "fr",
                "Le conseil municipal a approuvé mardi soir le nouveau budget des écoles de la ville.",
            ),
            ("ru", "Городской совет во вторник вечером утвердил новый бюджет для школ города."),
            ("uk", "Міська рада у вівторок увечері затвердила новий бюджет для шкіл міста."),
        ];
        for (want, text) in cases {
            assert_eq!(detect(text).as_str(), want, "{text}");
        }
        assert_eq!(detect("ok"), Lang::UNKNOWN);
        assert_eq!(
            detect("ذكرت الوكالة أن المجلس وافق على الميزانية الجديدة للمدارس").as_str(),
            "ar"
        );
        assert_eq!(
            detect("市议会周二晚上批准了全市学校的新预算，会议持续了很长时间。").as_str(),
            "zh"
        );
        let long = "The council said that the budget for the schools of the city was approved \
                    on Tuesday and that it will be in force from the start of the year, which \
                    is what the mayor had asked for when he spoke to the press in the spring.";
        assert_eq!(by_stopwords(long), Some(Lang::EN));
    }
}
