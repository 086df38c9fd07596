//! Direct quotes with their speakers, and the grouping of one quote's renderings across outlets.
//!
//! # Overview
//!
//! - [`find_quotes`] finds every quotation of a text ("…", “…”, «…», „…“, 「…」) as a [`QuoteMention`]:
//!   the quoted words, the sentence that carries them and the [`Speaker`] (a name and its role,
//!   or an anonymous descriptor kept as written).
//! - [`group_renderings`] groups the mentions of several articles that render the same quote,
//!   even reworded by translation, into [`QuoteGroup`]s, and flags an [`AttributionConflict`]
//!   when outlets give the same quote to different people.
//!
//! All spans are byte ranges of the text passed in (an article's main text).
//!
//! # Example
//!
//! ```
//! use crosscheck_core::Lang;
//! use crosscheck_fuse::quotes::{find_quotes, group_renderings, SpeakerKind};
//!
//! let a = find_quotes("“We will rebuild the bridge by spring,” Mayor Ana Silva said.");
//! let speaker = a[0].speaker.as_ref().unwrap();
//! assert_eq!((speaker.name.as_str(), speaker.role.as_deref()), ("Ana Silva", Some("Mayor")));
//! assert_eq!(speaker.kind, SpeakerKind::Named);
//!
//! let b = find_quotes("Silva said the city “will rebuild the bridge before the spring.”");
//! let groups = group_renderings(&[a, b], &[Lang::EN, Lang::EN]);
//! assert_eq!(groups.len(), 1);
//! assert_eq!(groups[0].members.len(), 2);
//! ```

pub(crate) mod attribution;
mod cjk;
mod common_nouns;
mod continued;
mod crosslingual;
mod group;
mod media;
mod speaker;
mod speakers;
#[cfg(test)]
mod tests;
mod unmarked;

use crosscheck_core::{Lang, Span};
use crosscheck_text::lexicon::List;
use crosscheck_text::{sentence_around, sentences};
use serde::Serialize;

pub use group::{
    AttributionConflict, AttributionSide, QuoteGroup, QuoteRef, group_renderings,
    group_renderings_with, quote_similarity, same_speaker,
};
use speaker::{Rules, Word};

use crate::entities::gender::gender_word;

/// How a speaker is identified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SpeakerKind {
    /// A person or organisation by name ("Carl Wendoff", "the Ministry").
    Named,
    /// A descriptor without a name, kept as written ("a senior official", "U.S. officials").
    Anonymous,
}

/// Who a quote is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The name ("Carl Wendoff"), or the anonymous descriptor as written ("a senior official").
    pub name: String,
    /// The role written with the name ("Harlow envoy" in "Harlow envoy Carl Wendoff").
    pub role: Option<String>,
    /// Named or anonymous.
    pub kind: SpeakerKind,
    /// Where [`Speaker::name`] is written in the text: at the attribution, or for a pronoun at
    /// the named speaker it was resolved to.
    pub span: Span,
    /// The pronoun or definite description of the attribution ("he said", "the official said")
    /// when the name was resolved from it to an earlier, fuller mention.
    pub pronoun: Option<Span>,
    /// The attribution cue: the speech verb ("said", "told"), "according to", or ":" for a
    /// colon-introduced quote.
    pub cue: String,
}

/// A direct quotation found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteMention {
    /// The quoted words, without the quotation marks and a trailing comma: `span` slices the text
    /// to exactly [`QuoteMention::text`].
    pub span: Span,
    /// The quoted words.
    pub text: String,
    /// The quotation with its marks.
    pub marks: Span,
    /// The sentence, or sentences, that hold the quotation and its attribution.
    pub sentence: Span,
    /// The speaker, when one is found.
    pub speaker: Option<Speaker>,
    /// A scare quote: one or two words with no speaker ("a “secret” plan"), a use of quotation
    /// marks for distance or naming rather than speech.
    pub scare: bool,
}

impl QuoteMention {
    /// The number of words quoted.
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// Whether a quotation is one or two words: a name or a scare quote more often than speech.
/// Chinese and Japanese write no spaces, so there it is fewer than four ideographs or kana.
fn is_short(text: &str) -> bool {
    // Ideographs, hiragana and katakana.
    let cjk = text
        .chars()
        .filter(|&c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}'))
        .count();
    text.split_whitespace().count() <= 2 && cjk < SHORT_CJK
}

/// Ideographs and kana that make a quote without spaces more than a name.
const SHORT_CJK: usize = 4;

/// Longest quotation considered, in bytes: beyond it an unmatched mark has run on.
const MAX_QUOTE_BYTES: usize = 3000;

/// Finds the direct quotes of `text` and their speakers.
///
/// ## What it does
/// 1. Pairs quotation marks: straight `"…"`, curly `“…”`, guillemets `«…»` (and `»…«`), German
///    `„…“` and `‚…‘`, corner brackets `「…」` and `『…』`. A quotation never crosses a line
///    break; an unmatched mark is ignored. English single marks (`‘…’`) are left alone: they are
///    apostrophes too often.
/// 2. Splits sentences without cutting inside a quotation, so a quote of several sentences and
///    its attribution form one sentence span.
/// 3. Finds the attribution, first match wins:
///    - right after the quote: `“…,” X said`, `“…,” said X`;
///    - colon-introduced: `X said: “…”`, `X: “…”`;
///    - the nearest speech verb before the quote in the sentence, with its subject: `X said
///      that “…”`, `X told reporters “…”`, `X expressed optimism, saying that “…”` (the subject of
///      the sentence when the verb has none of its own);
///    - a speech verb later in the sentence; then `according to X`;
///    - a sentence that is only a quote continues the previous quote's speaker in the same
///      paragraph.
///
///    Speech verbs are the lexicon's list of the text's language (about a hundred English
///    forms: said, told, added, stressed, noted…; French, Spanish, Portuguese, German and
///    Italian ones); see [`find_quotes_in`] for the word order of other languages.
/// 4. Splits the speaker phrase into a name and a role: the name is the capitalised run after
///    the last role word or title ("Harlow envoy Carl Wendoff", "Dalvinian President Anton
///    Veselko"), an honorific before it left out of both (`Ms Orla Venn` is Orla Venn, `M.
///    Paul Venot` Paul Venot: the titles of the language's gender words, their abbreviation
///    dot aside); a phrase with no name is an anonymous speaker kept as written ("a senior
///    Russian official", "the minister's special envoy"). A singular pronoun (he, she, him, her) is
///    resolved to the nearest named speaker or sentence subject before it.
/// 5. Marks quotes of one or two words without a speaker as scare quotes; a short quote gets a
///    speaker only from an attribution attached to it, or from a speech verb when it closes its
///    clause ("the official stressed that the timeline was “appropriate.”") or stands as a
///    predicate ("said the strike was “regrettable” and left").
///
/// ## Why
/// Who said what is what a reader checks first, and outlets differ in exactly this: one names
/// the envoy, another writes "a senior official", a third puts the words in another mouth.
///
/// ## Example
/// `“We know the harbour board is planning something,” the port official stated.` gives the
/// quote "We know the harbour board is planning something" by the anonymous "the port
/// official" (cue "stated").
///
/// ## Limitations
/// - Noun phrases are read from capitalisation and a role-word list, not parsed: "In Moscow
///   Peskov said" takes "Moscow Peskov" as the name.
/// - Pronouns take the nearest named speaker without number agreement ("they" is kept as an
///   anonymous speaker); within one text, without gender agreement either (a story checks it
///   against the genders its reports give their people).
/// - Chinese and Japanese, written without spaces, are read by their own rules (speaker and
///   verb around the quote, `Xは「…」と述べた`; see `quotes/cjk.rs`).
/// - Quotes spanning paragraphs (an opening mark per paragraph, one closing mark) are missed.
///
/// ## References
/// Pareti et al., *Automatically Detecting and Attributing Indirect Quotations* (EMNLP 2013);
/// the rule-based attribution of O'Keefe et al., *A Sequence Labelling Approach to Quote
/// Attribution* (EMNLP 2012), whose baselines this follows.
pub fn find_quotes(text: &str) -> Vec<QuoteMention> {
    find_quotes_in(text, Lang::UNKNOWN)
}

/// Finds the direct quotes of `text`, written in `lang`, and their speakers.
///
/// ## What it does
/// As [`find_quotes`], with the word lists of `lang` only (speech verbs, role words, articles,
/// pronouns, auxiliaries): a language without a list of speech verbs gets quotes without
/// speakers, never English rules. [`Lang::UNKNOWN`] reads every language's lists.
///
/// A language other than English also gets its word order:
/// - the verb before its subject after the quote, past an auxiliary and a short phrase:
///   `«…», declaró en un comunicado Ana Ruiz`, `"…", ha detto il ministro`, `«…», a déclaré X`;
/// - the speaker after a role and its complement: `il portavoce della Regione Ugo Pace` (the
///   name is the capitalised run that ends the phrase; the story's entities trim it further);
/// - a sentence subject after an opening phrase of up to three words: `Por su parte, X dijo`;
/// - a pronoun of the language (`disse ele`, `sagte sie`), French inversion (`a-t-il ajouté`);
/// - the language's words for "according to" (`según X`, `selon X`, `laut X`).
///
/// ## Example
/// `«Abriremos el puente en mayo», declaró en la radio la alcaldesa Ana Ruiz.` in Spanish gives
/// the speaker "Ana Ruiz", role "la alcaldesa" (cue "declaró").
pub fn find_quotes_in(text: &str, lang: Lang) -> Vec<QuoteMention> {
    let rules = Rules::of(lang);
    let pairs = pair_marks(text);
    if pairs.is_empty() {
        return Vec::new();
    }
    let marks: Vec<Span> = pairs.iter().map(|p| p.marks).collect();
    let sentences: Vec<Span> =
        sentences(text, Lang::UNKNOWN, &marks).iter().map(|s| s.span).collect();
    let all = Span::from_usize(0, text.len());
    let ws = speaker::words(text, all, &marks, rules);
    let mut subjects = named_subjects(text, &ws, &sentences, rules);
    let mut out: Vec<QuoteMention> = Vec::with_capacity(pairs.len());
    for p in pairs {
        let sent = sentence_around(&sentences, p.marks);
        let Some(text_of) = text.get(p.inner.range()) else { continue };
        let short = is_short(text_of);
        let mut speaker = attribute(text, &ws, sent, p, short, rules);
        if speaker.is_none() && !short && cjk::applies(text, p.marks) {
            speaker = cjk::attribute(text, p.marks, lang);
        }
        // A quote-only sentence continues the previous quote's speaker in the same paragraph.
        if speaker.is_none()
            && !short
            && covers_sentence(text, sent, p.marks)
            && let Some(prev) = out.last()
            && prev.speaker.is_some()
            && !text
                .get(prev.marks.end as usize..p.marks.start as usize)
                .unwrap_or("\n")
                .contains('\n')
        {
            speaker.clone_from(&prev.speaker);
        }
        // A second quote of a sentence whose attribution names no one of its own keeps the
        // first one's speaker: `«…», declaró X, quien destacó que «…»`, `"…", said X, who went
        // on: "…"`.
        if speaker.is_none()
            && !short
            && let Some(prev) = out.last()
            && prev.sentence == sent
        {
            speaker.clone_from(&prev.speaker);
        }
        if let Some(s) = speaker.as_mut()
            && s.kind == SpeakerKind::Anonymous
            && s.pronoun.is_some_and(|at| {
                ws.get(word_at(&ws, at.start as usize)).is_some_and(|w| w.pronoun)
            })
        {
            resolve_pronoun(s, &subjects, &ws, lang);
        }
        if let Some(s) = speaker.as_mut()
            && s.kind == SpeakerKind::Anonymous
            && s.pronoun.is_none()
        {
            fuller_wording(text, &ws, s);
        }
        // A named speaker is an antecedent for later pronouns ("“…,” said X. He added: “…”").
        if let Some(s) =
            speaker.as_ref().filter(|s| s.kind == SpeakerKind::Named && s.pronoun.is_none())
        {
            let at = subjects.partition_point(|n| n.span.start < s.span.start);
            if subjects.get(at).is_none_or(|n| n.span != s.span) {
                subjects.insert(at, s.clone());
            }
        }
        out.push(QuoteMention {
            span: p.inner,
            text: text_of.to_string(),
            marks: p.marks,
            sentence: sent,
            scare: short && speaker.is_none(),
            speaker,
        });
    }
    out
}

/// Keeps an anonymous speaker with its fullest wording: its own complement ("a senior official
/// at the port authority said"), or, for a definite one ("the official said"), the earlier
/// indefinite description it refers back to.
fn fuller_wording(text: &str, ws: &[Word<'_>], s: &mut Speaker) {
    let first = ws.partition_point(|w| w.start < s.span.start as usize);
    let last = ws.partition_point(|w| w.end <= s.span.end as usize);
    if first >= last || last > ws.len() {
        return;
    }
    let last = last - 1;
    let end = speaker::complement_end(ws, last);
    if end > last {
        let span = Span::from_usize(ws[first].start, ws[end].end);
        if let Some(t) = text.get(span.range()) {
            s.name = t.to_string();
            s.span = span;
        }
        return;
    }
    if !ws[first].is(List::DefiniteArticles) {
        return;
    }
    if let Some(fuller) = speaker::antecedent(text, ws, first, &ws[last].lower)
        && let Some(t) = text.get(fuller.range())
    {
        // Like a pronoun: the attribution keeps "the official", the name is the fuller mention.
        s.pronoun = Some(s.span);
        s.name = t.to_string();
        s.span = fuller;
    }
}

/// A pair of quotation marks.
#[derive(Debug, Clone, Copy)]
struct Pair {
    /// The marks and what they enclose.
    marks: Span,
    /// The quoted words, trimmed.
    inner: Span,
}

/// The closing mark expected after an opening one; `None` when `c` opens nothing.
fn closer_of(c: char) -> Option<&'static [char]> {
    match c {
        '“' => Some(&['”', '“', '"']),
        '„' => Some(&['“', '”']),
        '«' => Some(&['»']),
        '»' => Some(&['«']),
        // German single marks: `‚…‘`.
        '‚' => Some(&['‘']),
        // Chinese and Japanese corner brackets.
        '「' => Some(&['」']),
        '『' => Some(&['』']),
        // Pages mix straight and curly marks: `"…”`.
        '"' => Some(&['"', '”']),
        _ => None,
    }
}

/// Pairs quotation marks left to right (see [`find_quotes`], step 1).
fn pair_marks(text: &str) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut prev = ' ';
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map_or(' ', |x| x.1);
        if c == '\n' {
            open = None;
        } else if let Some((at, o)) = open {
            let closers = closer_of(o).unwrap_or(&[]);
            if closers.contains(&c) {
                // “ used as a closer only when it follows a word, as a closer would.
                // So is a straight mark: one between a space and a word opens a nested or
                // new quotation (`"The deal, he said, is "historic" for both"`).
                if (c == '“' && o == '“' && prev.is_whitespace())
                    || (c == '"' && o == '"' && prev.is_whitespace() && next.is_alphanumeric())
                {
                    open = Some((i, c));
                } else {
                    if let Some(p) = make_pair(text, at, o.len_utf8(), i, c.len_utf8()) {
                        out.push(p);
                    }
                    open = None;
                }
            } else if i - at > MAX_QUOTE_BYTES {
                open = None;
            }
        } else if let Some(_closers) = closer_of(c) {
            // An opening mark is followed by text; a straight quote after a letter is a closer
            // or an inch mark, not an opener.
            // French sets its guillemets off with a space: `« Nous partons »`.
            let opens = !((next.is_whitespace() && c != '«') || c == '"' && prev.is_alphanumeric());
            let guillemet_closer = c == '»' && !next.is_alphanumeric() && next != '"';
            if opens && !guillemet_closer {
                open = Some((i, c));
            }
        }
        prev = c;
    }
    out
}

fn make_pair(
    text: &str,
    open: usize,
    open_len: usize,
    close: usize,
    close_len: usize,
) -> Option<Pair> {
    let inner = text.get(open + open_len..close)?;
    let trimmed_start = inner.trim_start();
    let lead = inner.len() - trimmed_start.len();
    let body = trimmed_start.trim_end().trim_end_matches([',', ';', ':']).trim_end();
    if body.is_empty() || !body.chars().any(char::is_alphanumeric) {
        return None;
    }
    let start = open + open_len + lead;
    Some(Pair {
        marks: Span::from_usize(open, close + close_len),
        inner: Span::from_usize(start, start + body.len()),
    })
}

/// Whether the quote is (nearly) the whole sentence.
fn covers_sentence(text: &str, sent: Span, marks: Span) -> bool {
    let outside = |r: std::ops::Range<usize>| {
        text.get(r).map_or(0, |s| s.chars().filter(|c| c.is_alphanumeric()).count())
    };
    outside(sent.start as usize..marks.start as usize)
        + outside(marks.end as usize..sent.end as usize)
        <= 3
}

/// Index of the first word at or after byte `at`.
fn word_at(ws: &[Word<'_>], at: usize) -> usize {
    ws.partition_point(|w| w.start < at)
}

/// The attribution of the quote `p` in sentence `sent` (see [`find_quotes`], step 3).
fn attribute(
    text: &str,
    ws: &[Word<'_>],
    sent: Span,
    p: Pair,
    short: bool,
    rules: Rules,
) -> Option<Speaker> {
    let lo = word_at(ws, sent.start as usize);
    let hi = word_at(ws, sent.end as usize);
    let open = word_at(ws, p.marks.start as usize);
    let close = word_at(ws, p.marks.end as usize);
    // 1. Right after the quote: “…,” X said / “…,” said X.
    let mut k = close;
    while k < hi && !ws[k].alpha && matches!(ws[k].text, "," | "—" | "–" | "-") {
        k += 1;
    }
    if k < hi && !ws[k].quoted {
        if ws[k].speech
            && let Some(np) = speaker::np_starting_at(&ws[..hi], k + 1)
            && let Some(s) = speaker::speaker_from(text, ws, np, &ws[k].lower)
        {
            return Some(s);
        }
        if rules.foreign()
            && let Some(s) = inverted(text, &ws[..hi], k)
        {
            return Some(s);
        }
        if let Some(s) = subject_then_verb(text, &ws[..hi], k) {
            return Some(s);
        }
    }
    // 2. Colon-introduced: X said: “…” / X: “…”.
    if open > lo && ws[open - 1].text == ":" {
        let colon = open - 1;
        if let Some(s) = verb_before(text, ws, lo, colon, rules) {
            return Some(s);
        }
        if colon > lo
            && colon - lo <= 6
            && let Some(np) = speaker::np_ending_at(ws, colon - 1)
            && np.0 == lo
        {
            return speaker::speaker_from(text, ws, np, ":");
        }
    }
    // A short quote takes a speech verb only when it closes the clause ("stressed that it was
    // “appropriate.”"), not when it names something ("the platform “X”", "a “secret” plan").
    if short && !closes_clause(text, p) && !is_predicate(ws, open, lo) {
        // ... or when a speech verb governs it from a few words before: `X said the two
        // “harbour towns” would merge`, `X called for “calm heads”`.
        // A one-word quote there is a name (`posted on the platform “Vell”`), and so is a quote
        // an article introduces (`called the plan a “fresh start”`, `the so-called “deal”`).
        let labelled = open > lo && (ws[open - 1].article || ws[open - 1].is(List::QuoteLabels));
        let two_words = !labelled
            && text.get(p.inner.range()).is_some_and(|t| t.split_whitespace().count() == 2);
        let near = (open.saturating_sub(SHORT_QUOTE_REACH).max(lo)..open)
            .rev()
            .find(|&v| two_words && !ws[v].quoted && ws[v].speech);
        return near.and_then(|v| with_subject(text, ws, lo, v, rules));
    }
    // 3. The nearest speech verb before the quote.
    if let Some(s) = verb_before(text, ws, lo, open, rules) {
        return Some(s);
    }
    // 4. A speech verb later in the sentence, then "according to X".
    for v in close..hi {
        if !ws[v].quoted
            && ws[v].speech
            && let Some(s) = with_subject(text, ws, lo, v, rules)
        {
            return Some(s);
        }
    }
    according_to(text, ws, lo, hi)
}

/// How many words before a short quote a speech verb may stand and still govern it.
const SHORT_QUOTE_REACH: usize = 10;

/// Whether the quotation ends its clause: punctuation inside its closing mark or right after it.
fn closes_clause(text: &str, p: Pair) -> bool {
    let inner = text.get(p.inner.start as usize..p.marks.end as usize).unwrap_or_default();
    let inside = inner.trim_end_matches(|c: char| {
        !c.is_alphanumeric() && !matches!(c, '.' | ',' | '!' | '?' | ';')
    });
    if inside.ends_with(['.', ',', '!', '?', ';']) {
        return true;
    }
    let after =
        text.get(p.marks.end as usize..).unwrap_or_default().trim_start_matches([' ', '\u{a0}']);
    after.is_empty() || after.starts_with(['.', ',', '!', '?', ';', ')', '\n', '—', '–'])
}

/// Whether the quotation stands where a predicate does ("the talks were “useful” and …",
/// "called it “a disgrace” before"), so a short quote there is speech, not a label.
fn is_predicate(ws: &[Word<'_>], open: usize, lo: usize) -> bool {
    open > lo && ws[open - 1].is(List::PredicateCues)
}

/// "X said" starting at word `k`: a noun phrase (or pronoun) followed by a speech verb.
fn subject_then_verb(text: &str, ws: &[Word<'_>], k: usize) -> Option<Speaker> {
    if ws.get(k)?.pronoun || ws[k].is(List::PluralPronouns) {
        let v = k + 1;
        if ws.get(v).is_some_and(|w| w.speech) {
            return Some(pronoun_speaker(ws, k, &ws[v].lower));
        }
        return None;
    }
    let (first, last) = speaker::np_starting_at(ws, k)?;
    let mut v = last + 1;
    // `X, who …, said`: past a relative clause set off by commas.
    if ws.get(v).is_some_and(|w| w.text == ",")
        && ws.get(v + 1).is_some_and(|w| w.is(List::RelativePronouns))
        && let Some(comma) =
            (v + 2..ws.len().min(v + 30)).find(|&i| ws[i].text == "," && !ws[i].quoted)
    {
        v = comma + 1;
    }
    while ws.get(v).is_some_and(|w| w.is(List::SpeechLinks)) {
        v += 1;
    }
    while ws.get(v).is_some_and(|w| w.auxiliary && !w.quoted) {
        v += 1;
    }
    if !ws.get(v).is_some_and(|w| w.speech && !w.quoted) {
        return None;
    }
    speaker::speaker_from(text, ws, (first, last), &ws[v].lower)
}

/// The nearest speech verb in `ws[lo..before]` with its subject.
fn verb_before(
    text: &str,
    ws: &[Word<'_>],
    lo: usize,
    before: usize,
    rules: Rules,
) -> Option<Speaker> {
    (lo..before).rev().find_map(|v| {
        (!ws[v].quoted && ws[v].speech).then(|| with_subject(text, ws, lo, v, rules)).flatten()
    })
}

/// The subject of the speech verb at `v`: the agent of a passive verb (`told by X`), the phrase
/// right before it (past adverbs and auxiliaries), a pronoun; for a verb without one, the subject of an earlier speech verb of
/// the sentence ("X indicated that …, noting that"), or else the sentence's opening noun phrase
/// ("Antipov, who spent three days in Vennerby, said"; "X expressed optimism, saying").
fn with_subject(text: &str, ws: &[Word<'_>], lo: usize, v: usize, rules: Rules) -> Option<Speaker> {
    let cue = ws[v].lower.as_str();
    // A passive verb gives its agent: `residents were told by officials that …`.
    if let Some(by) = ws.get(v + 1)
        && !by.quoted
        && by.is(List::AgentPrepositions)
        && let Some(np) = speaker::np_starting_at(ws, v + 2)
        && let Some(s) = speaker::speaker_from(text, ws, np, cue)
    {
        return Some(s);
    }
    if let Some(s) = direct_subject(text, ws, lo, v) {
        return Some(s);
    }
    for u in (lo..v).rev() {
        if !ws[u].quoted
            && ws[u].speech
            && let Some(mut s) = direct_subject(text, ws, lo, u)
        {
            s.cue = cue.to_string();
            return Some(s);
        }
    }
    sentence_subject(text, ws, lo, v, cue, rules)
}

/// The noun phrase or pronoun right before the verb at `v`.
fn direct_subject(text: &str, ws: &[Word<'_>], lo: usize, v: usize) -> Option<Speaker> {
    let cue = ws[v].lower.as_str();
    if v > lo
        && let Some(b) = speaker::skip_back_adverbs(ws, v - 1)
        && b >= lo
    {
        if ws[b].pronoun || ws[b].is(List::PluralPronouns) {
            return Some(pronoun_speaker(ws, b, cue));
        }
        if let Some(np) = speaker::np_ending_at(ws, b)
            && np.0 >= lo
            && let Some(s) = speaker::speaker_from(text, ws, np, cue)
        {
            return Some(s);
        }
    }
    None
}

/// The noun phrase that opens the sentence at `lo`, when it ends before `v` and is followed by a
/// comma or a verb-like word, not by a preposition.
fn sentence_subject(
    text: &str,
    ws: &[Word<'_>],
    lo: usize,
    v: usize,
    cue: &str,
    rules: Rules,
) -> Option<Speaker> {
    let at = |first: usize| -> Option<Speaker> {
        if ws.get(first)?.pronoun {
            return (first < v).then(|| pronoun_speaker(ws, first, cue));
        }
        if let Some(s) = speaker::apposition(text, ws, first, v, cue) {
            return Some(s);
        }
        let np = speaker::np_starting_at(ws, first)?;
        if np.1 >= v {
            return None;
        }
        speaker::speaker_from(text, ws, np, cue)
    };
    // Past an opening adverbial and its comma ("Meanwhile, X said"); in other languages one of
    // up to three words ("Por su parte, X dijo").
    let reach = if rules.foreign() { OPENER_WORDS } else { 1 };
    at(lo).or_else(|| {
        let comma = (lo + 1..=lo + reach).find(|&c| ws.get(c).is_none_or(|w| !w.alpha))?;
        (ws.get(comma)?.text == "," && ws[lo..comma].iter().all(|w| !w.quoted) && comma + 1 < v)
            .then(|| at(comma + 1))
            .flatten()
    })
}

/// The named subject that opens `sentence` of `text` before the quotation `marks` (see
/// `sentence_subject`): who a quote relayed by a medium belongs to.
pub(crate) fn sentence_opener(
    text: &str,
    sentence: Span,
    marks: Span,
    lang: Lang,
) -> Option<Speaker> {
    let rules = Rules::of(lang);
    let ws = speaker::words(text, sentence, &[marks], rules);
    let open = word_at(&ws, marks.start as usize);
    sentence_subject(text, &ws, 0, open, "", rules).filter(|s| s.kind == SpeakerKind::Named)
}

/// Longest opening phrase, in words, set off by a comma before a sentence subject in a language
/// other than English.
const OPENER_WORDS: usize = 3;

/// Most lowercase words between an inverted speech verb and its subject: `declaró *en la nota*
/// X`, `afirma *hoy en un comunicado* X`.
const INVERTED_GAP: usize = 5;

/// The inverted attribution of a language other than English, right after a quote at word `k`:
/// auxiliaries, a speech verb, then its subject, past a short lowercase phrase when the subject
/// is a name (`«…», declaró en la nota Ana Ruiz`, `"…", ha detto il ministro`, `"…", disse
/// ele`). A role followed by its complement and a name (`il portavoce della Regione Ugo Pace`)
/// gives the name.
fn inverted(text: &str, ws: &[Word<'_>], k: usize) -> Option<Speaker> {
    let mut v = k;
    // French inversion carries the subject on the verb: `a-t-il déclaré`, `ajoute-t-elle`.
    let mut carried = None;
    while ws.get(v).is_some_and(|w| w.auxiliary && !w.quoted) {
        if ws[v].inverted {
            carried = Some(v);
        }
        v += 1;
    }
    let verb = ws.get(v).filter(|w| w.speech && !w.quoted)?;
    let cue = verb.lower.as_str();
    if let Some(p) = carried.or(verb.inverted.then_some(v)) {
        return Some(pronoun_speaker(ws, p, cue));
    }
    let next = ws.get(v + 1)?;
    if next.pronoun {
        return Some(pronoun_speaker(ws, v + 1, cue));
    }
    if let Some((first, last)) = speaker::np_starting_at(ws, v + 1) {
        let end = speaker::name_after_complement(ws, last);
        if let Some(s) = speaker::speaker_from(text, ws, (first, end), cue) {
            return Some(s);
        }
    }
    // Past a short phrase to a name: `declaró en la nota Ana Ruiz`.
    let mut i = v + 1;
    while i < ws.len()
        && i <= v + INVERTED_GAP
        && ws[i].alpha
        && !ws[i].quoted
        && !ws[i].capitalised()
        && !ws[i].speech
    {
        i += 1;
    }
    if i == v + 1 || !ws.get(i).is_some_and(Word::capitalised) {
        return None;
    }
    let np = speaker::np_starting_at(ws, i)?;
    speaker::speaker_from(text, ws, np, cue).filter(|s| s.kind == SpeakerKind::Named)
}

/// "according to X" anywhere in the sentence.
fn according_to(text: &str, ws: &[Word<'_>], lo: usize, hi: usize) -> Option<Speaker> {
    (lo..hi.saturating_sub(1)).find_map(|i| {
        if ws[i].quoted {
            return None;
        }
        // A phrase or a word of the language's list (`according to X`, `según X`, `laut X`).
        let pair = ws[i].pair_in(&ws[i + 1], List::SourceWords);
        let (cue, at) = if let Some(pair) = &pair {
            (pair.as_str(), i + 2)
        } else if ws[i].source {
            (ws[i].lower.as_str(), i + 1)
        } else {
            return None;
        };
        if ws.get(at)?.pronoun {
            return Some(pronoun_speaker(ws, at, cue));
        }
        let np = speaker::np_starting_at(&ws[..hi], at)?;
        speaker::speaker_from(text, ws, np, cue)
    })
}

/// An unresolved pronoun speaker, kept as written until [`resolve_pronoun`].
fn pronoun_speaker(ws: &[Word<'_>], i: usize, cue: &str) -> Speaker {
    let span = Span::from_usize(ws[i].start, ws[i].end);
    Speaker {
        name: ws[i].text.to_string(),
        role: None,
        kind: SpeakerKind::Anonymous,
        span,
        pronoun: Some(span),
        cue: cue.to_string(),
    }
}

/// Named speakers and sentence subjects, in text order: the antecedents of pronouns.
fn named_subjects(text: &str, ws: &[Word<'_>], sentences: &[Span], rules: Rules) -> Vec<Speaker> {
    let mut out = Vec::new();
    for s in sentences {
        let lo = word_at(ws, s.start as usize);
        let hi = word_at(ws, s.end as usize);
        // The sentence subject, when a verb follows it.
        if let Some(np) = speaker::np_starting_at(&ws[..hi], lo)
            && np.1 + 1 < hi
            && ws[np.1 + 1].alpha
            && let Some(sp) = speaker::speaker_from(text, ws, np, "")
            && sp.kind == SpeakerKind::Named
        {
            out.push(sp);
        }
        for v in lo..hi {
            if !ws[v].quoted
                && ws[v].speech
                && let Some(sp) = with_subject(text, ws, lo, v, rules)
                && sp.kind == SpeakerKind::Named
            {
                out.push(sp);
            }
        }
    }
    out.sort_by_key(|s| s.span.start);
    out
}

/// Resolves a pronoun speaker to the nearest named speaker written before it, skipping one
/// whose title genders them otherwise than the pronoun (`Mr Brandt` for a `she said`).
fn resolve_pronoun(s: &mut Speaker, subjects: &[Speaker], ws: &[Word<'_>], lang: Lang) {
    let Some(p) = s.pronoun else { return };
    let gender_at = |at: usize| ws.get(at).and_then(|w| gender_word(lang, &w.lower));
    let pronoun = gender_at(word_at(ws, p.start as usize)).map(|(g, _)| g);
    // The title is written before the name, or kept in it (`Mr Tomas Brandt` opening a
    // sentence).
    let titled = |n: &Speaker| {
        let first = word_at(ws, n.span.start as usize);
        [first.checked_sub(1), Some(first)]
            .into_iter()
            .flatten()
            .filter_map(gender_at)
            .find_map(|(g, title)| title.then_some(g))
    };
    let fits = |n: &Speaker| pronoun.is_none_or(|g| titled(n).is_none_or(|t| t == g));
    if let Some(named) = subjects.iter().rev().find(|n| n.span.end <= p.start && fits(n)) {
        s.name.clone_from(&named.name);
        s.role.clone_from(&named.role);
        s.kind = SpeakerKind::Named;
        s.span = named.span;
    }
}
