//! Grouping the renderings of one quote across articles, and attribution conflicts.

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeMap;

use crosscheck_core::{DisjointSets, Lang};
use crosscheck_text::Stemmer;
use crosscheck_text::lexicon::{Lexicon, List};
use serde::Serialize;

use super::{QuoteMention, SpeakerKind};
use crate::entities::linkage::single_linkage;

/// One mention: article `article` (its index in the input), quote `quote` (its index in that
/// article's mentions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct QuoteRef {
    /// The article's index in the input.
    pub article: usize,
    /// The quote's index in that article's mentions.
    pub quote: usize,
}

/// The renderings of one quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteGroup {
    /// The mentions, sorted by article then quote.
    pub members: Vec<QuoteRef>,
    /// The speaker the group is given to: the named speaker most members name (the longest
    /// spelling of it), else the first anonymous descriptor, else `None`.
    pub speaker: Option<String>,
    /// Present when members name different people.
    pub conflict: Option<AttributionConflict>,
}

/// The same quote given to different named speakers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttributionConflict {
    /// One side per distinct speaker (at least two), most supported first.
    pub sides: Vec<AttributionSide>,
}

/// The members that give a quote to one speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttributionSide {
    /// The speaker's name (the longest spelling among the members).
    pub speaker: String,
    /// The members naming this speaker.
    pub members: Vec<QuoteRef>,
}

/// Similarity at or above which two quotes of different articles are one quote.
const SAME_QUOTE: f64 = 0.5;
/// The lower bar when both name the same speaker.
const SAME_QUOTE_SAME_SPEAKER: f64 = 0.34;
/// The bar for two quotes of the same article (a pull quote repeating the body).
const SAME_QUOTE_SAME_ARTICLE: f64 = 0.8;

/// Groups the quotes of `articles` (one slice of mentions per article) that render the same
/// quote, comparing speakers with [`same_speaker`].
///
/// ## What it does
/// Compares every pair of non-scare quotes with [`quote_similarity`] and links them when the
/// score reaches 0.5; 0.34 (and two shared words instead of three) when both name the same
/// speaker (outlets that agree on who spoke need less lexical evidence); 0.8 within one article (only a repeated pull quote). Linked
/// quotes form groups by transitivity (union-find), so a paraphrase joins its group through its
/// closest rendering. Every non-scare quote lands in exactly one group, a singleton when nothing
/// matches. A group whose members name two or more different people (named speakers that
/// `same_speaker` does not match; anonymous descriptors and unresolved pronouns are not
/// evidence) carries an [`AttributionConflict`].
///
/// ## Why
/// Outlets translate and trim quotes: “Dalvinia's stance is truly being heard” and “we feel the
/// Dalvinian position is really being heard” are one quote. Readers want to see each outlet's
/// wording side by side, and to know when one outlet puts the words in another mouth.
///
/// ## Example
/// “The timing is good for this plan now. Both parties need to be practical and realistic.”
/// and “now is the best time for this plan; both sides must be practical and realistic” share
/// time, plan, now, both, practical, realistic: one group.
///
/// ## Limitations
/// - Synonyms across translations ("stance" / "position", "pragmatic" / "practical") do not
///   match; a heavily reworded rendering stays alone unless it shares a speaker and a third of
///   its content words.
/// - Each quote is stemmed in its article's language (Snowball) and its stop words left out;
///   renderings in two languages match only on shared names and numbers here (see
///   `crosslingual` for translations).
/// - Scare quotes are left out of groups.
///
/// ## References
/// Overlap (Szymkiewicz–Simpson) coefficient over Snowball stems; Jaro–Winkler for spelling
/// variants (the `strsim` crate).
pub fn group_renderings<A: AsRef<[QuoteMention]>>(
    articles: &[A],
    langs: &[Lang],
) -> Vec<QuoteGroup> {
    group_renderings_with(articles, langs, same_speaker)
}

/// [`group_renderings`] with a caller's speaker matcher (for example one that knows the story's
/// entity variants: "Wendoff" / "Vendov").
pub fn group_renderings_with<A, F>(articles: &[A], langs: &[Lang], same: F) -> Vec<QuoteGroup>
where
    A: AsRef<[QuoteMention]>,
    F: Fn(&str, &str) -> bool,
{
    let mut stemmers: Vec<Stemmer> = Vec::new();
    let mut refs = Vec::new();
    let mut stems = Vec::new();
    for (a, mentions) in articles.iter().enumerate() {
        // Each article's quotes are stemmed in its language; articles of no known language in
        // the stemmer's fallback.
        let lang = langs.get(a).copied().unwrap_or(Lang::UNKNOWN);
        let k = stemmer_for(&mut stemmers, lang);
        for (q, m) in mentions.as_ref().iter().enumerate() {
            if m.scare {
                continue;
            }
            refs.push((QuoteRef { article: a, quote: q }, m));
            stems.push(content_stems(&m.text, &stemmers[k]));
        }
    }
    let bags = Vocabulary::bags(&stems);
    drop(stems);
    // Each named speaker once: `same` is asked once per pair of distinct names.
    let mut name_ids: HashMap<&str, u32> = HashMap::new();
    let names: Vec<Option<u32>> = refs
        .iter()
        .map(|(_, m)| {
            named(m).map(|n| {
                let next = name_ids.len() as u32;
                *name_ids.entry(n).or_insert(next)
            })
        })
        .collect();
    let mut speaker_memo: HashMap<(u32, u32), bool> = HashMap::new();
    let by_root = linked(&bags, |i, j| {
        let (ri, mi) = refs[i];
        let (rj, mj) = refs[j];
        let same_speaker = match (names[i], names[j], named(mi), named(mj)) {
            (Some(x), Some(y), Some(a), Some(b)) => {
                *speaker_memo.entry((x, y)).or_insert_with(|| same(a, b))
            }
            _ => false,
        };
        let bar = if ri.article == rj.article {
            SAME_QUOTE_SAME_ARTICLE
        } else if same_speaker {
            SAME_QUOTE_SAME_SPEAKER
        } else {
            SAME_QUOTE
        };
        bags[i].similarity(&bags[j], same_speaker || ri.article == rj.article) >= bar
    });
    let mut groups: Vec<QuoteGroup> = by_root
        .into_iter()
        .map(|idx| {
            let mut members: Vec<QuoteRef> = idx.iter().map(|&i| refs[i].0).collect();
            members.sort_unstable();
            let mentions: Vec<(QuoteRef, &QuoteMention)> = idx.iter().map(|&i| refs[i]).collect();
            let mut sides = speaker_sides(&mentions, &same);
            // A side is a rival attribution only when one of its renderings is itself close
            // to one of the main side's (not joined through a chain of paraphrases), and it
            // names its speaker rather than resolving a pronoun ...
            let index: HashMap<QuoteRef, usize> = idx.iter().map(|&i| (refs[i].0, i)).collect();
            if let Some((main, rest)) = sides.split_first_mut() {
                let direct = |side: &AttributionSide| {
                    side.members.iter().any(|a| {
                        main.members.iter().any(|b| {
                            let (i, j) = (index[a], index[b]);
                            bags[i].similarity(&bags[j], false) >= SAME_QUOTE
                        })
                    })
                };
                // ... written in the quotation's own sentence, not carried on from the quote
                // before it (see `continued`).
                let explicit = |side: &AttributionSide| {
                    side.members.iter().any(|r| {
                        index.get(r).is_some_and(|&i| {
                            let m = refs[i].1;
                            attributed_here(m)
                                && m.speaker.as_ref().is_some_and(|s| s.pronoun.is_none())
                        })
                    })
                };
                let keep: Vec<bool> = rest.iter().map(|s| direct(s) && explicit(s)).collect();
                let mut k = keep.iter();
                let mut kept: Vec<AttributionSide> = vec![main.clone()];
                kept.extend(rest.iter().filter(|_| k.next().copied().unwrap_or(false)).cloned());
                if !explicit(&kept[0]) {
                    kept.truncate(1);
                }
                sides = kept;
            }
            let speaker = sides.first().map(|s| s.speaker.clone()).or_else(|| {
                mentions.iter().find_map(|(_, m)| m.speaker.as_ref().map(|s| s.name.clone()))
            });
            let conflict = (sides.len() >= 2).then_some(AttributionConflict { sides });
            QuoteGroup { members, speaker, conflict }
        })
        .collect();
    groups.sort_by_key(|g| g.members[0]);
    groups
}

/// Single linkage over the quotes whose bags share a word class: the groups (each ascending,
/// ordered by their first member) of the pairs `i < j` that `same` accepts, as
/// [`single_linkage`] over every pair would give them. Two quotes without a class in common
/// score 0 and are never asked about, so a story's thousands of quotes cost the pairs that share
/// words, not every pair.
fn linked(bags: &[Bag], mut same: impl FnMut(usize, usize) -> bool) -> Vec<Vec<usize>> {
    let n = bags.len();
    let mut postings: HashMap<usize, Vec<u32>> = HashMap::new();
    for (i, b) in bags.iter().enumerate() {
        for &c in &b.classes {
            postings.entry(c).or_default().push(i as u32);
        }
    }
    let mut sets = DisjointSets::new(n);
    let mut seen = vec![false; n];
    let mut touched: Vec<u32> = Vec::new();
    for (i, b) in bags.iter().enumerate() {
        for c in &b.classes {
            let list = &postings[c];
            let from = list.partition_point(|&j| j as usize <= i);
            for &j in &list[from..] {
                if !std::mem::replace(&mut seen[j as usize], true) {
                    touched.push(j);
                }
            }
        }
        touched.sort_unstable();
        for &j in &touched {
            let j = j as usize;
            seen[j] = false;
            let (a, r) = (sets.find(i), sets.find(j));
            if a != r && same(i, j) {
                sets.union(a, r);
            }
        }
        touched.clear();
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        groups.entry(sets.find(i)).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_by_key(|g| g[0]);
    out
}

/// The named speaker of a mention (after pronoun resolution).
/// Whether a quote's speaker is written, or referred to by a pronoun, in the quote's own
/// sentences (not carried on from an earlier quote: see `continued`).
fn attributed_here(m: &QuoteMention) -> bool {
    m.speaker.as_ref().is_some_and(|s| {
        let at = s.pronoun.unwrap_or(s.span);
        m.sentence.start <= at.start && at.end <= m.sentence.end
    })
}

fn named(m: &QuoteMention) -> Option<&str> {
    m.speaker.as_ref().filter(|s| s.kind == SpeakerKind::Named).map(|s| s.name.as_str())
}

/// The distinct named speakers of a group's mentions, most supported first.
fn speaker_sides<F: Fn(&str, &str) -> bool>(
    mentions: &[(QuoteRef, &QuoteMention)],
    same: &F,
) -> Vec<AttributionSide> {
    let mut sides: Vec<AttributionSide> = Vec::new();
    for (r, m) in mentions {
        let Some(name) = named(m) else { continue };
        if let Some(side) = sides.iter_mut().find(|s| same(&s.speaker, name)) {
            side.members.push(*r);
            if name.len() > side.speaker.len() {
                side.speaker = name.to_string();
            }
        } else {
            sides.push(AttributionSide { speaker: name.to_string(), members: vec![*r] });
        }
    }
    for s in &mut sides {
        s.members.sort_unstable();
    }
    sides.sort_by(|a, b| {
        b.members.len().cmp(&a.members.len()).then(a.members[0].cmp(&b.members[0]))
    });
    sides
}

/// How alike two quotes' wordings are, from 0 to 1.
///
/// ## What it does
/// Reduces each text to its content words (lowercase, the stop words of `lang` removed, its
/// Snowball stems) and numbers, then returns the share of the smaller
/// set found in the larger (the overlap coefficient). Two words match when their stems are equal,
/// one stem extends the other by at most three letters ("dalvinia" / "dalvinian"), or their
/// Jaro–Winkler similarity is at least 0.9 (spelling variants). Fewer than three matching
/// words score 0, unless the smaller quote has fewer content words and all of them match: two
/// shared words in a short quote ("ignores Dalvinian positions" / "the Dalvinian position is
/// being heard") are the story's vocabulary, not the same quote.
///
/// ## Why
/// A trimmed or partial rendering is contained in the full one, which the overlap coefficient
/// rewards and Jaccard would not.
///
/// ## Example
/// "Dalvinia's stance is truly being heard" and "we feel that the Dalvinian position is truly
/// being heard" share dalvinia(n), truly, heard: 3 of 4 content words, 0.75.
///
/// ## Limitations
/// No synonyms or cross-lingual dictionary.
///
/// ## References
/// Vijaymeena & Kavitha, *A Survey on Similarity Measures in Text Mining* (2016), overlap
/// coefficient.
pub fn quote_similarity(a: &str, b: &str, lang: Lang) -> f64 {
    let stemmer = Stemmer::new(lang);
    let bags = Vocabulary::bags(&[content_stems(a, &stemmer), content_stems(b, &stemmer)]);
    bags[0].similarity(&bags[1], false)
}

/// The index in `stemmers` of the stemmer of `lang`, made when missing.
pub(super) fn stemmer_for(stemmers: &mut Vec<Stemmer>, lang: Lang) -> usize {
    stemmers.iter().position(|s| s.lang() == lang).unwrap_or_else(|| {
        stemmers.push(Stemmer::new(lang));
        stemmers.len() - 1
    })
}

/// The sorted, deduplicated content stems of a text, each flagged when it is a name (a
/// capitalised word that does not open the text or a sentence of it).
pub(super) fn content_stems(text: &str, stemmer: &Stemmer) -> Vec<(String, bool)> {
    let mut stems = content_words(text, stemmer);
    stems.sort_unstable();
    // A stem is a name only if every use of it is.
    stems.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1 &= b.1;
            true
        } else {
            false
        }
    });
    stems
}

/// The content stems of a text in text order, each flagged when it is a name (see
/// [`content_stems`]).
pub(super) fn content_words(text: &str, stemmer: &Stemmer) -> Vec<(String, bool)> {
    content_words_with(text, |w| {
        if is_stop_word(w, stemmer.lang()) {
            None
        } else if w.chars().all(|c| c.is_ascii_digit()) {
            Some(w.to_string())
        } else {
            Some(stemmer.stem(w).into_owned())
        }
    })
}

/// [`content_words`] with a caller's stemmer: `stem` gives a lowercase word's stem, or `None`
/// for a stop word (a caller that reads many texts keeps its answers).
pub(super) fn content_words_with(
    text: &str,
    mut stem: impl FnMut(&str) -> Option<String>,
) -> Vec<(String, bool)> {
    let mut stems: Vec<(String, bool)> = Vec::new();
    let mut opens = true;
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
        let between = &rest[..start];
        if between.contains(['.', '!', '?', ':', '"', '“', '«']) {
            opens = true;
        }
        let tail = &rest[start..];
        let len = tail.find(|c: char| !c.is_alphanumeric()).unwrap_or(tail.len());
        let word = &tail[..len];
        rest = &tail[len..];
        let name = !opens && word.chars().next().is_some_and(char::is_uppercase);
        opens = false;
        let Some(stem) = stem(&word.to_lowercase()) else { continue };
        stems.push((stem, name));
    }
    stems
}

/// Word classes over all the stems of the quotes compared: stems that [`words_match`] share a
/// class, so comparing two quotes is a merge of sorted class ids (the fuzzy comparisons are made
/// once per pair of distinct stems, not once per pair of quotes).
struct Vocabulary;

impl Vocabulary {
    fn bags(stems: &[Vec<(String, bool)>]) -> Vec<Bag> {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut words: Vec<&str> = Vec::new();
        for (s, _) in stems.iter().flatten() {
            ids.entry(s.as_str()).or_insert_with(|| {
                words.push(s.as_str());
                words.len() - 1
            });
        }
        let mut class: Vec<usize> = vec![0; words.len()];
        let groups = single_linkage(words.len(), |i, j| words_match(words[i], words[j]));
        for (c, members) in groups.into_iter().enumerate() {
            for m in members {
                class[m] = c;
            }
        }
        stems
            .iter()
            .map(|bag| {
                let mut c: Vec<usize> = bag.iter().map(|(s, _)| class[ids[s.as_str()]]).collect();
                c.sort_unstable();
                c.dedup();
                let mut names: Vec<usize> = bag
                    .iter()
                    .filter(|(_, name)| *name)
                    .map(|(s, _)| class[ids[s.as_str()]])
                    .collect();
                names.sort_unstable();
                names.dedup();
                Bag { classes: c, names }
            })
            .collect()
    }
}

/// The content-word classes of a quote.
#[derive(Debug)]
struct Bag {
    classes: Vec<usize>,
    /// The classes that are names in this quote.
    names: Vec<usize>,
}

impl Bag {
    /// The overlap coefficient (see [`quote_similarity`]); `lenient` needs two matches instead
    /// of three.
    fn similarity(&self, other: &Bag, lenient: bool) -> f64 {
        let (small, large) =
            if self.classes.len() <= other.classes.len() { (self, other) } else { (other, self) };
        if small.classes.is_empty() {
            return 0.0;
        }
        // The matched classes, and those of them that are no name in the smaller quote.
        let (mut matched, mut words) = (0usize, 0usize);
        for c in &small.classes {
            if large.classes.binary_search(c).is_ok() {
                matched += 1;
                words += usize::from(small.names.binary_search(c).is_err());
            }
        }
        let needed = small.classes.len().min(if lenient { 2 } else { 3 });
        if matched < needed {
            return 0.0;
        }
        // A quote of one or two words ("so excited", "Yes") is one quote only with the same
        // words: any longer quote may hold them.
        // With the same speaker, two words held by the longer rendering are enough: a
        // trimmed rendering of that speaker's quote ("You dream of those moments").
        if small.classes.len() < 3
            && large.classes.len() != small.classes.len()
            && !(lenient && small.classes.len() == 2)
        {
            return 0.0;
        }
        // Names are the story's vocabulary: "We are thrilled to have X host" and "an honor to
        // welcome back X as host" share the name and one word, not the quote.
        let small_words =
            small.classes.iter().filter(|c| small.names.binary_search(c).is_err()).count();
        if words < small_words.clamp(1, 2) {
            return 0.0;
        }
        matched as f64 / small.classes.len() as f64
    }
}

pub(super) fn words_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.chars().any(|c| c.is_ascii_digit()) || b.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.chars().count() >= 4 && long.starts_with(short) && long.len() - short.len() <= 3 {
        return true;
    }
    short.chars().count() >= 5 && strsim::jaro_winkler(a, b) >= 0.9
}

/// Whether a lowercase word of a quote in `lang` is left out when quotes are compared: the
/// language's own quote stop words when it has them (English keeps `after`, `against`, `said`
/// as content), else its stop words; for a text of unknown language, those of every language.
fn is_stop_word(w: &str, lang: Lang) -> bool {
    fn of(lex: &Lexicon, w: &str) -> bool {
        if lex.words(List::QuoteStopwords).next().is_some() {
            lex.has(List::QuoteStopwords, w)
        } else {
            lex.has(List::Stopwords, w)
        }
    }
    if lang.is_unknown() {
        Lexicon::languages().any(|l| of(Lexicon::of(l), w))
    } else {
        of(Lexicon::of(lang), w)
    }
}

/// Whether two speaker names can be the same person or organisation.
///
/// ## What it does
/// Folds both names to ASCII lowercase, then compares their last words (surnames) by a
/// consonant skeleton (w/v/f, k/c/q, z/s, i/y/j merged, vowels after the first letter and
/// doubled letters dropped) or Jaro–Winkler ≥ 0.9. When both names have a first name, the
/// initials must agree. A one-word name matches a longer name with that surname ("Wendoff" /
/// "Carl Wendoff").
///
/// ## Why
/// Outlets transliterate ("Wendoff" / "Vendov", "Ozerov" / "Ozarov") and shorten names; an
/// attribution conflict must not come from spelling.
///
/// ## Example
/// "Carl Wendoff" and "Vendov" match; "Carl Wendoff" and "Boris Antipov" do not; "Pyotr
/// Ivanov" and "Petrov" do not.
///
/// ## Limitations
/// Relatives sharing a surname ("Harold Brandt" / "Erica Brandt" differ by initial, but "Brandt"
/// alone matches both).
///
/// ## References
/// Consonant skeletons as in Soundex / the Daitch–Mokotoff system, simplified.
pub fn same_speaker(a: &str, b: &str) -> bool {
    let fold = |s: &str| -> Vec<String> {
        any_ascii::any_ascii(s)
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (wa, wb) = (fold(a), fold(b));
    let (Some(la), Some(lb)) = (wa.last(), wb.last()) else { return false };
    let surname = la == lb || skeleton(la) == skeleton(lb) || strsim::jaro_winkler(la, lb) >= 0.9;
    if !surname {
        return false;
    }
    if wa.len() >= 2 && wb.len() >= 2 {
        return wa[0].chars().next() == wb[0].chars().next()
            || skeleton(&wa[0]).chars().next() == skeleton(&wb[0]).chars().next();
    }
    true
}

/// A transliteration-tolerant consonant skeleton of a lowercase ASCII word.
fn skeleton(w: &str) -> String {
    let mut out = String::new();
    for (i, c) in w.chars().enumerate() {
        let m = match c {
            'w' | 'v' | 'f' => 'f',
            'k' | 'c' | 'q' | 'g' => 'k',
            'z' | 's' => 's',
            'y' | 'j' | 'i' => 'i',
            'h' if i > 0 => continue,
            c => c,
        };
        if i > 0 && matches!(m, 'a' | 'e' | 'i' | 'o' | 'u') {
            continue;
        }
        if !out.ends_with(m) {
            out.push(m);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Quotes in invented words: renderings of three quotes, a trimmed one, a paraphrase, and
    /// quotes that share only the story's words.
    const QUOTES: [&str; 12] = [
        "The new harbour wall will hold back the spring tides for decades",
        "the harbour wall will hold back spring tides for decades to come",
        "We expect the harbour wall to hold for decades",
        "Nobody in Velmora asked for a wall this tall",
        "nobody in Velmora ever asked for a wall so tall",
        "The tides are higher every spring",
        "Funding for the harbour came from the regional fund",
        "the regional fund paid for the harbour",
        "Velmora",
        "Yes",
        "yes",
        "We will see what the spring brings to Velmora harbour",
    ];

    fn bags() -> Vec<Bag> {
        let stemmer = Stemmer::new(Lang::EN);
        let stems: Vec<_> = QUOTES.iter().map(|q| content_stems(q, &stemmer)).collect();
        Vocabulary::bags(&stems)
    }

    /// The indexed candidates give the groups of the all-pairs linkage, at every bar.
    #[test]
    fn indexed_linkage_matches_all_pairs() {
        let bags = bags();
        for bar in [0.2, 0.34, 0.5, 0.8, 1.0] {
            for lenient in [false, true] {
                let same = |i: usize, j: usize| bags[i].similarity(&bags[j], lenient) >= bar;
                let all_pairs = single_linkage(bags.len(), same);
                let indexed = linked(&bags, same);
                assert_eq!(indexed, all_pairs, "bar {bar}, lenient {lenient}");
            }
        }
        // Some groups join several quotes, and some quotes stay alone.
        let groups = linked(&bags, |i, j| bags[i].similarity(&bags[j], false) >= SAME_QUOTE);
        assert!(groups.iter().any(|g| g.len() >= 2), "{groups:?}");
        assert!(groups.len() > 3 && groups.len() < QUOTES.len(), "{groups:?}");
    }
}
