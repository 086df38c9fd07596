//! What a value in a sentence is about: the words around it, weighted by rarity and nearness,
//! so that two outlets' dates or numbers for the same event can be found and compared.
//!
//! ## What it does
//!
//! Every prose sentence of the story is reduced to terms: the entity of each name (spellings
//! merged), the stems of its content words (stop words and speech verbs dropped, British and
//! American spellings folded, news verbs and nouns grouped: `hurt`/`injured`/`wounded`,
//! `killed`/`died`/`dead`, `struck`/`hit`/`rammed`, `ship`/`vessel`, `belongs`/`owned`), and its
//! numbers. A term's weight is its
//! inverse sentence frequency in the story. The *context* of a value (a date expression, a
//! number) is the terms of its sentence outside the value itself and the sentence's other
//! values, each weighted down with its distance in words from the value. Two contexts are
//! compared by the cosine of their weights.
//!
//! ## Why
//!
//! A sentence can hold two events (`began on Sunday to lift the section that fell five days
//! ago`): the words next to a date say which event it dates. Rarity keeps the story's topic
//! words (`bridge`, `ship`) from making every sentence look alike.
//!
//! ## Example
//!
//! In `a container ship tore through the Pelagin Bridge shortly before dawn on Wednesday`, the
//! context of `Wednesday` weighs `dawn` and `Pelagin Bridge` most; it matches `The accident
//! happened on Tuesday before dawn, when the container ship … struck`.
//!
//! ## Limitations
//!
//! A bag of words, not a parse: two events told in the same words (`talks on Monday` and
//! `talks on Tuesday`, two rounds of one negotiation) look like one event.
//!
//! ## References
//!
//! Salton's tf–idf cosine; proximity weighting as in passage retrieval.

use foldhash::{HashMap, HashMapExt, HashSet};

use crosscheck_core::{Lang, Span};
use crosscheck_text::lexicon::Lexicon as Words;
use crosscheck_text::{Stemmer, Synonyms, is_stopword};

use crate::analysis::words::is_speech_verb;
use crate::analysis::{Doc, EntityTable, Gap};

/// A weighted bag of terms, sorted by term id.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bag {
    terms: Vec<(u32, f32)>,
    norm: f32,
}

impl Bag {
    /// The cosine similarity of two bags, in `[0, 1]`.
    pub(crate) fn cosine(&self, other: &Bag) -> f32 {
        self.shares_and_cosine(other).1
    }

    /// How many terms two bags share and their cosine similarity ([`Bag::shares`] and
    /// [`Bag::cosine`] in one pass).
    pub(crate) fn shares_and_cosine(&self, other: &Bag) -> (usize, f32) {
        let (mut i, mut j, mut n, mut dot) = (0, 0, 0, 0.0f32);
        while i < self.terms.len() && j < other.terms.len() {
            let (a, b) = (self.terms[i], other.terms[j]);
            match a.0.cmp(&b.0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    dot += a.1 * b.1;
                    i += 1;
                    j += 1;
                }
            }
        }
        if self.norm == 0.0 || other.norm == 0.0 {
            return (n, 0.0);
        }
        (n, (dot / (self.norm * other.norm)).min(1.0))
    }

    /// Its term ids, ascending (for an index of the bags that share terms).
    pub(crate) fn term_ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.terms.iter().map(|t| t.0)
    }

    /// How many terms two bags share.
    pub(crate) fn shares(&self, other: &Bag) -> usize {
        super::sorted_shared(&self.terms, &other.terms, |t| t.0)
    }
}

/// The terms of every word of the story, and their rarity.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Per doc, per word, the term ids of the word (an entity and its stem, or a stem).
    words: Vec<Vec<[u32; 2]>>,
    idf: Vec<f32>,
}

/// No term.
const NONE: u32 = u32::MAX;

impl Lexicon {
    /// Builds the lexicon of a story's prose sentences.
    pub(crate) fn new(docs: &[Doc<'_>], table: &EntityTable) -> Lexicon {
        // Words the story also writes in lower case: a name's common words (`bridge` of
        // `Pelagin Bridge`) count as words too, its proper words only as the entity.
        let common: HashSet<&str> = docs
            .iter()
            .flat_map(|d| d.words.iter().filter(|w| !w.cap).map(|w| w.key.as_str()))
            .collect();
        let mut dict: HashMap<String, u32> = HashMap::new();
        let mut words = Vec::with_capacity(docs.len());
        let mut key = String::new();
        let mut stems: HashMap<(Lang, &str), u32> = HashMap::new();
        let mut intern = |k: &str| -> u32 {
            if let Some(&id) = dict.get(k) {
                return id;
            }
            let id = dict.len() as u32;
            dict.insert(k.to_string(), id);
            id
        };
        for (di, d) in docs.iter().enumerate() {
            let stemmer = Stemmer::new(d.article.language);
            let ents = table.word_entities(di, d.words.len());
            let lang = d.article.language;
            let mut terms = vec![[NONE, NONE]; d.words.len()];
            for (wi, w) in d.words.iter().enumerate() {
                let mut slot = [NONE, NONE];
                if let Some(e) = ents[wi] {
                    key.clear();
                    key.push_str("e:");
                    key.push_str(&e.to_string());
                    slot[0] = intern(&key);
                }
                if ents[wi].is_none()
                    && let Some(head) = phrase_head(d, wi, &stemmer)
                {
                    // A two-word verb (`called off`) counts as its group (`cancel`).
                    slot[1] = intern(head);
                } else if ents[wi].is_none() || common.contains(w.key.as_str()) {
                    // A story repeats its words: each word's stem is found (and its term
                    // interned) once per language.
                    slot[1] = *stems.entry((lang, w.key.as_str())).or_insert_with(|| {
                        content_stem(&w.key, lang, &stemmer).map_or(NONE, |stem| intern(&stem))
                    });
                }
                terms[wi] = slot;
            }
            words.push(terms);
        }
        // Sentence frequency over prose sentences.
        let mut df = vec![0u32; dict.len()];
        let mut n = 0u32;
        let mut seen: Vec<u32> = Vec::new();
        for (di, d) in docs.iter().enumerate() {
            for s in d.sents.iter().filter(|s| s.claim) {
                n += 1;
                seen.clear();
                for wi in s.words.clone() {
                    seen.extend(words[di][wi as usize].iter().filter(|&&t| t != NONE));
                }
                seen.sort_unstable();
                seen.dedup();
                for &t in &seen {
                    df[t as usize] += 1;
                }
            }
        }
        let idf =
            df.iter().map(|&d| ((n as f32 + 1.0) / (d as f32 + 0.5)).ln().max(0.05)).collect();
        Lexicon { words, idf }
    }

    /// The context of `value` (a span of doc `doc`'s text inside sentence `sent`): the
    /// sentence's terms outside `skip`, weighted by rarity and by nearness to `value`.
    pub(crate) fn context(
        &self,
        docs: &[Doc<'_>],
        doc: usize,
        sent: usize,
        value: Span,
        skip: &[Span],
    ) -> Bag {
        let d = &docs[doc];
        let s = &d.sents[sent];
        let range = s.words.start as usize..s.words.end as usize;
        let inside = |w: Span| w.start < value.end && value.start < w.end;
        let at = range
            .clone()
            .find(|&i| inside(d.words[i].span) || d.words[i].span.start >= value.end)
            .unwrap_or(range.end.saturating_sub(1));
        let mut terms: Vec<(u32, f32)> = Vec::new();
        for i in range {
            let span = d.words[i].span;
            if inside(span) || skip.iter().any(|k| k.start < span.end && span.start < k.end) {
                continue;
            }
            let dist = i.abs_diff(at) as f32;
            let near = 1.0 / (1.0 + dist / 5.0);
            for &t in &self.words[doc][i] {
                if t != NONE {
                    terms.push((t, self.idf[t as usize] * near));
                }
            }
        }
        terms.sort_by_key(|t| t.0);
        // One weight per term: the nearest occurrence's.
        let mut merged: Vec<(u32, f32)> = Vec::with_capacity(terms.len());
        for (t, w) in terms {
            match merged.last_mut() {
                Some(last) if last.0 == t => last.1 = last.1.max(w),
                _ => merged.push((t, w)),
            }
        }
        let norm = merged.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
        Bag { terms: merged, norm }
    }
}

/// How many words per language pair [`content_stem`] remembers before it starts afresh.
const STEM_MEMO: usize = 1 << 16;

/// Remembered stems (`None`: no stem) by word, per pair of word language and stemmer language.
type StemMemo = HashMap<(Lang, Lang), HashMap<Box<str>, Option<Box<str>>>>;

thread_local! {
    /// [`content_stem`]'s answers, by the word's language and the stemmer's, then the word: the
    /// rules of one story (and the stories after it) ask for the same words again and again.
    static STEMS: std::cell::RefCell<StemMemo> =
        std::cell::RefCell::new(HashMap::new());
}

/// The comparison stem of a folded word, or `None` for a stop word, a speech verb or a number.
///
/// Remembered per thread (see [`STEM_MEMO`]): the answer depends on the word, its language and
/// the stemmer's language only.
pub(crate) fn content_stem(word: &str, lang: Lang, stemmer: &Stemmer) -> Option<String> {
    let pair = (lang, stemmer.lang());
    let known = STEMS.with_borrow(|m| {
        m.get(&pair).and_then(|w| w.get(word)).map(|stem| stem.as_deref().map(str::to_string))
    });
    if let Some(known) = known {
        return known;
    }
    let stem = find_content_stem(word, lang, stemmer);
    STEMS.with_borrow_mut(|m| {
        let words = m.entry(pair).or_insert_with(HashMap::new);
        if words.len() >= STEM_MEMO {
            words.clear();
        }
        words.insert(word.into(), stem.as_deref().map(Box::from));
    });
    stem
}

/// [`content_stem`], worked out.
fn find_content_stem(word: &str, lang: Lang, stemmer: &Stemmer) -> Option<String> {
    if word.len() < 2
        || word.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        || is_stopword(lang, word)
        || is_speech_verb(Words::of(lang), word)
    {
        return None;
    }
    let groups = Synonyms::of(lang);
    if let Some(head) = groups.form_head(word) {
        return Some(head.to_string());
    }
    let raw = stemmer.stem(word);
    if let Some(head) = groups.head(&raw) {
        return Some(head.to_string());
    }
    // British and American spellings are an English matter: other languages keep their words.
    let folded = if lang == Lang::EN { spelling(word) } else { word.to_string() };
    if folded == word {
        return Some(raw.into_owned());
    }
    let stem = stemmer.stem(&folded);
    Some(groups.head(&stem).map_or_else(|| stem.into_owned(), str::to_string))
}

/// British spellings folded into American ones (`harbour`, `metre`, `organise`).
fn spelling(w: &str) -> String {
    let mut s = w.to_string();
    if s.len() > 5 && s.ends_with("our") {
        s.truncate(s.len() - 3);
        s.push_str("or");
    } else if s.len() > 5 && s.ends_with("ours") {
        s.truncate(s.len() - 4);
        s.push_str("ors");
    }
    for (from, to) in [("tres", "ters"), ("tre", "ter")] {
        if s.len() > 4 && s.ends_with(from) {
            s.truncate(s.len() - from.len());
            s.push_str(to);
            break;
        }
    }
    if let Some(p) = s.find("ise")
        && s.len() > 6
        && p + 3 >= s.len() - 1
    {
        s.replace_range(p..p + 3, "ize");
    }
    s
}

/// The head of the synonym group of the two-word verb that word `wi` of `d` opens (`called
/// off`: `cancel`), when the language's [`Synonyms`] group it.
fn phrase_head(d: &Doc<'_>, wi: usize, stemmer: &Stemmer) -> Option<&'static str> {
    let groups = Synonyms::of(d.article.language);
    let (w, next) = (&d.words[wi], d.words.get(wi + 1)?);
    if !groups.closes_phrase(&next.key)
        || next.sent != w.sent
        || next.gap != Gap::Space
        || w.cap
        || next.cap
    {
        return None;
    }
    let key = format!("{} {}", stemmer.stem(&w.key), stemmer.stem(&next.key));
    groups.head(&key)
}

/// The head of the synonym group of `stem` (a stem of `lang`'s stemmer) in `lang`'s lexicon
/// ([`Synonyms`]: curated news-event words, then `WordNet`); `None` for a language without lists.
pub(crate) fn synonym(stem: &str, lang: Lang) -> Option<&'static str> {
    Synonyms::of(lang).head(stem)
}

/// Whether `stem` heads a group of the curated news-event words (`injur` of `hurt`,
/// `wounded`): a word whose negation (`unhurt`) the claim rules read.
pub(crate) fn heads_event_group(stem: &str, lang: Lang) -> bool {
    let s = Synonyms::of(lang);
    s.is_event_word(stem) && s.head(stem) == Some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_and_synonyms_fold() {
        let s = Stemmer::new(Lang::EN);
        let stem = |w: &str| content_stem(w, Lang::EN, &s);
        assert_eq!(stem("harbour"), stem("harbor"));
        assert_eq!(stem("metres"), stem("meters"));
        let fr: Lang = "fr".parse().unwrap();
        let frs = Stemmer::new(fr);
        assert_ne!(content_stem("entreprise", fr, &frs), content_stem("entreprize", fr, &frs));
        assert_eq!(stem("hurt"), stem("injured"));
        assert_eq!(stem("rammed"), stem("struck"));
        assert_eq!(stem("the"), None);
        assert_eq!(stem("said"), None);
        assert_eq!(stem("40,000"), None);
        assert_ne!(stem("injured"), stem("killed"));
        assert_eq!(stem("operated"), stem("owned"));
        assert_ne!(stem("operation"), stem("owned"));
        assert_eq!(stem("purchased"), stem("bought"));
        // A language without lists folds nothing.
        let fr = "fr".parse().unwrap();
        assert_eq!(content_stem("blessé", fr, &Stemmer::new(fr)).as_deref(), Some("bless"));
    }

    /// The remembered answer is the worked-out one, for the word's language and the stemmer's:
    /// the same word under another stemmer is worked out again, not taken from the memo.
    #[test]
    fn remembered_stems_are_the_worked_out_ones() {
        let fr: Lang = "fr".parse().unwrap();
        let (en_s, fr_s) = (Stemmer::new(Lang::EN), Stemmer::new(fr));
        for word in ["nationalisation", "the", "running", "nationalisation"] {
            for (lang, stemmer) in [(Lang::EN, &en_s), (Lang::EN, &fr_s), (fr, &fr_s)] {
                let worked = find_content_stem(word, lang, stemmer);
                assert_eq!(content_stem(word, lang, stemmer), worked, "{word}");
                assert_eq!(content_stem(word, lang, stemmer), worked, "{word}, remembered");
            }
        }
        assert_ne!(
            content_stem("running", Lang::EN, &en_s),
            content_stem("running", Lang::EN, &fr_s)
        );
    }

    #[test]
    fn two_word_verbs_count_as_their_group() {
        let text = "The council called off the vote. The council cancelled the vote.";
        let article = crosscheck_core::Article {
            language: Lang::EN,
            ..crosscheck_core::Article::from_text("a", text)
        };
        let docs = [Doc::new(&article)];
        let table = EntityTable { entities: Vec::new(), mentions: vec![Vec::new()] };
        let lex = Lexicon::new(&docs, &table);
        let terms = |i: usize| lex.words[0][i][1];
        let called = docs[0].words.iter().position(|w| w.key == "called").unwrap();
        let cancelled = docs[0].words.iter().position(|w| w.key == "cancelled").unwrap();
        assert_ne!(terms(called), NONE);
        assert_eq!(terms(called), terms(cancelled));
    }
}
