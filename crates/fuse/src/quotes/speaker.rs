//! Words, noun phrases and speech verbs: the pieces attribution is built from.

use crosscheck_core::{Lang, Span};
use crosscheck_text::WordKind;
use crosscheck_text::lexicon::{Lexicon, List};

use super::{Speaker, SpeakerKind};
use crate::entities::gender::gender_word;

/// The word lists attribution reads: the lexicon of the text's language, or every language's
/// lists merged when the language is not known.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rules {
    lex: Option<&'static Lexicon>,
}

impl Rules {
    /// The rules of `lang`; [`Lang::UNKNOWN`] reads every language's lists. A language without
    /// lists gets none: no speech verb, so no attribution.
    pub(super) fn of(lang: Lang) -> Rules {
        Rules { lex: (!lang.is_unknown()).then(|| Lexicon::of(lang)) }
    }

    fn has(self, list: List, w: &str) -> bool {
        match self.lex {
            Some(l) => l.has(list, w),
            None => Lexicon::any(list, w),
        }
    }

    /// `w` without the first ending of `list` it ends with: the language's list, or every
    /// language's when the language is not known.
    fn strip_ending(self, list: List, w: &str) -> Option<&str> {
        match self.lex {
            Some(l) => l.words(list).find_map(|e| w.strip_suffix(e)),
            None => Lexicon::languages()
                .find_map(|g| Lexicon::of(g).words(list).find_map(|e| w.strip_suffix(e))),
        }
    }

    /// Whether `w` (lowercase) is an honorific written before a name (`ms`, `mr.`, `frau`,
    /// `mme`): a word of the language's gender words marked as a title, its abbreviation dot
    /// aside. Every language's when the language is not known.
    fn honorific(self, w: &str) -> bool {
        let w = w.strip_suffix('.').unwrap_or(w);
        let of = |l: &Lexicon| gender_word(l.lang(), w).is_some_and(|(_, title)| title);
        match self.lex {
            Some(l) => of(l),
            None => Lexicon::languages().any(|g| of(Lexicon::of(g))),
        }
    }

    /// Whether `w` (lowercase) is a title of the language, also when written without the
    /// abbreviation dot its list gives it (`dr` for `dr.`).
    fn title(self, w: &str) -> bool {
        self.has(List::Titles, w) || (!w.ends_with('.') && self.has(List::Titles, &format!("{w}.")))
    }

    /// Whether the language has entries in `list`.
    fn owns(self, list: List) -> bool {
        self.lex.is_none_or(|l| l.words(list).next().is_some())
    }

    /// Whether the rules are those of a known language other than English, whose word order
    /// rules apply (`«…», declaró en un comunicado X`, `Por su parte, X dijo`).
    pub(super) fn foreign(self) -> bool {
        self.lex.is_some_and(|l| l.lang() != Lang::EN)
    }
}

/// A word or punctuation mark with its byte range, and what the language's lists say of it.
#[derive(Debug, Clone)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent facts about one word, each read by name by the attribution rules"
)]
pub(super) struct Word<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: &'a str,
    pub(super) lower: String,
    pub(super) alpha: bool,
    /// Inside a quotation (never part of an attribution).
    pub(super) quoted: bool,
    /// A speech verb of the language (`said`, `declaró`, `sagte`).
    pub(super) speech: bool,
    /// A role noun or modifier (`spokesperson`, `portavoz`).
    role: bool,
    /// A title written before a name (`president`).
    title: bool,
    /// An honorific written before a name (`Ms`, `Mr.`, `Frau`): never part of the name, nor
    /// a role.
    honorific: bool,
    /// An article (`the`, `el`, `die`).
    pub(super) article: bool,
    /// A determiner or an article.
    determiner: bool,
    /// A function word that opens no name when capitalised (`But`, `Por`).
    function: bool,
    /// A singular third-person pronoun that may stand for a named speaker (`he`, `ella`).
    pub(super) pronoun: bool,
    /// An auxiliary that may stand between a subject and its speech verb, or before an
    /// inverted one (`has`, `a` of `a déclaré`, `ha`).
    pub(super) auxiliary: bool,
    /// A verb or auxiliary that carries its subject pronoun (`a-t-il`, `déclare-t-elle`).
    pub(super) inverted: bool,
    /// A word that gives the source of what follows (`según`, `selon`, `laut`).
    pub(super) source: bool,
    /// An adverb by its ending (`-ly`, `-ment`, `-mente`).
    adverb: bool,
    /// A function word of a language other than English.
    stop: bool,
    /// The word lists of the text's language.
    rules: Rules,
}

impl Word<'_> {
    pub(super) fn capitalised(&self) -> bool {
        self.alpha && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// The phrase this word and `next` make, when it is in `list` of the text's language
    /// (`according to`).
    pub(super) fn pair_in(&self, next: &Word<'_>, list: List) -> Option<String> {
        let pair = format!("{} {}", self.lower, next.lower);
        (self.alpha && next.alpha && self.rules.has(list, &pair)).then_some(pair)
    }

    /// Whether the word ends with an ending of `list` of the text's language.
    fn ends_with_any(&self, list: List) -> bool {
        self.rules.strip_ending(list, &self.lower).is_some()
    }

    /// Whether the word is in `list` of the text's language.
    pub(super) fn is(&self, list: List) -> bool {
        self.alpha && self.rules.has(list, &self.lower)
    }

    /// The word without a possessive ending ("Brandt’s" → "brandt").
    fn stem_possessive(&self) -> Option<&str> {
        self.rules.strip_ending(List::PossessiveEndings, &self.lower)
    }
}

/// The words of `text[range]` ([`crosscheck_text::words`]: names and numbers whole, each mark
/// a piece of its own), an abbreviation's final period kept on it ("U.S.", "Dr."). `quotes` are
/// the quotation spans (marks included) whose words are flagged `quoted`.
pub(super) fn words<'a>(
    text: &'a str,
    range: Span,
    quotes: &[Span],
    rules: Rules,
) -> Vec<Word<'a>> {
    let function_list = rules.owns(List::CapitalisedFunctionWords);
    let mut out: Vec<Word<'a>> = Vec::new();
    let Some(slice) = range.slice(text) else { return out };
    let base = range.start as usize;
    let pieces: Vec<crosscheck_text::Word<'_>> = crosscheck_text::words(slice).collect();
    let mut skip_dot = false;
    for (i, p) in pieces.iter().enumerate() {
        if std::mem::take(&mut skip_dot) {
            continue;
        }
        let mut end = p.span.end as usize;
        let alpha = p.kind != WordKind::Mark;
        // "U.S." and "Dr." keep their final dot.
        if alpha
            && let Some(next) = pieces.get(i + 1)
            && next.text == "."
            && next.span.start as usize == end
            && ((p.text.contains('.') && p.text.len() <= 6)
                || rules.has(List::TitleAbbreviations, &p.text.to_lowercase())
                || rules.honorific(&p.text.to_lowercase()))
        {
            end = next.span.end as usize;
            skip_dot = true;
        }
        let (s, t) = (base + p.span.start as usize, base + end);
        let piece = &slice[p.span.start as usize..end];
        let lower = piece.to_lowercase();
        let has = |list: List| alpha && rules.has(list, &lower);
        let article = has(List::Articles);
        // English keeps its own list of words that modify no role (see `is_modifier`).
        let stop = rules.foreign() && has(List::Stopwords);
        // Text of no known language keeps `-ly`: every language's endings together would make
        // `government` (French `-ment`) an adverb.
        let adverb = alpha
            && rules.lex.map_or_else(
                || lower.ends_with("ly"),
                |l| l.words(List::AdverbEndings).any(|e| lower.ends_with(e)),
            )
            && lower.chars().count() > 4;
        // French inversion: the verb or auxiliary, then `-t-il` or `-elle`.
        let (head, tail) = match (lower.split_once('-'), lower.rsplit_once('-')) {
            (Some((h, _)), Some((_, t))) if alpha => (h, t),
            _ => ("", ""),
        };
        let inverted = !head.is_empty()
            && rules.has(List::SubjectPronouns, tail)
            && (rules.has(List::SpeechVerbs, head) || rules.has(List::Auxiliaries, head));
        let speech = has(List::SpeechVerbs) || (inverted && rules.has(List::SpeechVerbs, head));
        let auxiliary = has(List::Auxiliaries) || (inverted && rules.has(List::Auxiliaries, head));
        out.push(Word {
            start: s,
            end: t,
            text: piece,
            speech,
            inverted,
            source: has(List::SourceWords),
            role: has(List::RoleWords),
            title: alpha && rules.title(&lower),
            honorific: alpha && rules.honorific(&lower),
            article,
            determiner: article || has(List::Determiners),
            // A language without its own list of capitalised function words takes its
            // stopwords: no name starts with `Por` or `Selon`.
            function: if function_list { has(List::CapitalisedFunctionWords) } else { stop },
            pronoun: inverted || has(List::SubjectPronouns),
            auxiliary,
            adverb,
            stop,
            lower,
            alpha,
            rules,
            quoted: quotes.iter().any(|q| (q.start as usize) <= s && t <= q.end as usize),
        });
    }
    out
}

/// A lowercase particle inside a name (`Anna de Vries`, `Jan van Dijk`).
fn is_particle(w: &Word<'_>) -> bool {
    w.alpha
        && !w.quoted
        && !w.capitalised()
        && !w.is(List::GenitivePrepositions)
        && Lexicon::common().has(List::NameParticles, &w.lower)
}

/// Whether word `w` may belong to a speaker noun phrase.
fn np_word(w: &Word<'_>) -> bool {
    if !w.alpha || w.quoted {
        return false;
    }
    if w.capitalised() {
        // A possessive or a quantifier opening a sentence (`His`, `Several`) names no one; an
        // article (`The`) opens a name.
        return w.article || w.title || (!w.function && !w.determiner);
    }
    w.role || w.stem_possessive().is_some_and(|p| !p.is_empty())
}

/// A lowercase word that may modify a following role noun ("port official", "union leader").
fn is_modifier(w: &Word<'_>) -> bool {
    w.alpha
        && !w.quoted
        && !w.capitalised()
        && w.lower.chars().count() >= 3
        && !w.speech
        && !w.determiner
        && !w.auxiliary
        && !w.stop
        && !w.is(List::NotModifiers)
}

/// The noun phrase ending at word `last` (inclusive), as a range of word indices, with an optional
/// determiner at its start. Adverbs and auxiliaries between the phrase and a verb are the
/// caller's business.
pub(super) fn np_ending_at(ws: &[Word<'_>], last: usize) -> Option<(usize, usize)> {
    let w = ws.get(last)?;
    if !np_word(w) || w.stem_possessive().is_some() {
        return None;
    }
    let mut first = last;
    while first > 0
        && (np_word(&ws[first - 1])
            || (is_modifier(&ws[first - 1]) && ws[first].role)
            || (first > 1
                && is_particle(&ws[first - 1])
                && ws[first].capitalised()
                && ws[first - 2].capitalised()))
    {
        first -= 1;
    }
    if first > 0 && ws[first - 1].determiner {
        first -= 1;
    }
    Some((first, last))
}

/// The noun phrase starting at word `first` ("said Carl Wendoff", "according to a senior
/// official"), as a range of word indices.
pub(super) fn np_starting_at(ws: &[Word<'_>], first: usize) -> Option<(usize, usize)> {
    let mut i = first;
    if ws.get(i).is_some_and(|w| w.determiner) {
        i += 1;
    }
    let mut last = None;
    while ws.get(i).is_some_and(|w| {
        np_word(w)
            || (is_modifier(w) && ws.get(i + 1).is_some_and(|n| n.role))
            || (is_particle(w)
                && last.is_some_and(|l: usize| ws[l].capitalised())
                && ws.get(i + 1).is_some_and(Word::capitalised))
    }) {
        last = Some(i);
        i += 1;
    }
    let last = last?;
    // A phrase cannot end on a possessive ("the Ministry’s").
    if ws[last].stem_possessive().is_some() {
        return None;
    }
    Some((first, last))
}

/// Turns the noun phrase `ws[first..=last]` into a speaker: a name and its role, or an anonymous
/// descriptor kept as written. `None` when the phrase has no noun (only modifiers).
pub(super) fn speaker_from(
    text: &str,
    ws: &[Word<'_>],
    (first, last): (usize, usize),
    cue: &str,
) -> Option<Speaker> {
    let phrase = &ws[first..=last];
    let det = usize::from(phrase[0].determiner && !phrase[0].capitalised())
        + usize::from(phrase[0].capitalised() && phrase[0].article);
    let body = &phrase[det.min(phrase.len())..];
    if body.is_empty() {
        return None;
    }
    // The last role word, honorific or possessive; the name is the capitalised run after it,
    // the role what comes before, an honorific aside (`Ms Ilse Varga` is Ilse Varga, without a
    // role).
    let is_role = |w: &Word<'_>| w.role || w.title || w.stem_possessive().is_some();
    let k = body.iter().rposition(|w| is_role(w) || w.honorific);
    let name_words = &body[k.map_or(0, |k| k + 1)..];
    let k = k.and_then(|k| body[..=k].iter().rposition(|w| is_role(w) && !w.honorific));
    let span_of = |ws: &[Word<'_>]| Span::from_usize(ws[0].start, ws[ws.len() - 1].end);
    let slice = |s: Span| text.get(s.range()).unwrap_or_default().to_string();
    if name_words.first().is_some_and(Word::capitalised)
        && name_words.last().is_some_and(Word::capitalised)
        && name_words.iter().all(|w| w.capitalised() || is_particle(w))
    {
        let span = span_of(name_words);
        let role = k.map(|k| slice(span_of(&body[..=k])));
        return Some(Speaker {
            name: slice(span),
            role,
            kind: SpeakerKind::Named,
            span,
            pronoun: None,
            cue: cue.to_string(),
        });
    }
    // A role, its complement and a name (`il ministro della Marina Velm Ada Corsi`): the
    // capitalised run that ends the phrase, when it is long enough to hold a name after the
    // complement (see `name_after_complement`).
    if let Some(t) = name_words.iter().rposition(|w| !w.capitalised())
        && is_particle(&name_words[t])
        && name_words.len() - t > NAME_AFTER_COMPLEMENT
    {
        let span = span_of(&name_words[t + 1..]);
        let role = Some(slice(span_of(&body[..body.len() - (name_words.len() - t - 1)])));
        return Some(Speaker {
            name: slice(span),
            role,
            kind: SpeakerKind::Named,
            span,
            pronoun: None,
            cue: cue.to_string(),
        });
    }
    // Only role words: an anonymous speaker, kept as written with its determiner.
    if !body.iter().any(|w| w.role || w.title) {
        return None;
    }
    let span = span_of(phrase);
    Some(Speaker {
        name: slice(span),
        role: None,
        kind: SpeakerKind::Anonymous,
        span,
        pronoun: None,
        cue: cue.to_string(),
    })
}

/// Capitalised words a role's complement must be followed by, beyond the complement's own,
/// to hold a name: `della Marina Velm Ada Corsi` does, `de Hacienda` does not.
const NAME_AFTER_COMPLEMENT: usize = 2;

/// The last word of a role's complement that runs on into a name, after the role word `last`:
/// a name particle (`di`, `de`, `della`), then capitalised words (`il ministro della Marina Velm
/// Ada Corsi`); `last` when none follows.
pub(super) fn name_after_complement(ws: &[Word<'_>], last: usize) -> usize {
    if !ws[last].role || !ws.get(last + 1).is_some_and(is_particle) {
        return last;
    }
    let mut end = last;
    for (i, w) in ws.iter().enumerate().skip(last + 1).take(8) {
        if !w.alpha || w.quoted {
            break;
        }
        if w.capitalised() {
            end = i;
        } else if !is_particle(w) {
            break;
        }
    }
    end
}

/// A descriptor followed by a name between commas, opening a clause at `first` and ending
/// before word `v`: `One neighbour, Ilse Marta, said`, `His trainer, Tomas Rehn, added`. The name
/// is the speaker and the descriptor its role.
pub(super) fn apposition(
    text: &str,
    ws: &[Word<'_>],
    first: usize,
    v: usize,
    cue: &str,
) -> Option<Speaker> {
    // The descriptor: a determiner or `one`, then up to three lowercase words.
    let mut i = first;
    let opener = ws.get(i)?;
    if !(opener.determiner || opener.is(List::IndefiniteDeterminers)) {
        return None;
    }
    i += 1;
    let nouns = i;
    while i < v && i < nouns + 3 && ws[i].alpha && !ws[i].quoted && !ws[i].capitalised() {
        i += 1;
    }
    if i == nouns || ws.get(i)?.text != "," {
        return None;
    }
    let (a, b) = np_starting_at(&ws[..v], i + 1)?;
    if ws.get(b + 1)?.text != ","
        || b + 1 >= v
        || !ws[a..=b].iter().all(|w| w.capitalised() || is_particle(w))
    {
        return None;
    }
    let mut s = speaker_from(text, ws, (a, b), cue)?;
    if s.kind != SpeakerKind::Named {
        return None;
    }
    let descriptor = Span::from_usize(ws[first].start, ws[i - 1].end);
    if s.role.is_none() {
        s.role = text.get(descriptor.range()).map(str::to_string);
    }
    Some(s)
}

/// The last word of a prepositional phrase that completes an anonymous descriptor after its
/// word `last` ("a senior official *at the port authority*", "an aide *to the governor*"), or
/// `last` when none follows: one preposition, an optional determiner, then up to five
/// capitalised words, role words or modifiers (an inner `of`/`and`/`the` allowed).
pub(super) fn complement_end(ws: &[Word<'_>], last: usize) -> usize {
    let Some(p) = ws.get(last + 1) else { return last };
    if !(p.alpha && !p.quoted && p.is(List::ComplementPrepositions)) {
        return last;
    }
    let mut i = last + 2;
    if ws.get(i).is_some_and(|w| !w.quoted && w.determiner) {
        i += 1;
    }
    let mut end = last;
    let mut n = 0;
    while let Some(w) = ws.get(i) {
        if !w.alpha || w.quoted || n >= 5 {
            break;
        }
        let joiner = w.is(List::ComplementJoiners);
        // A past-tense verb ends the phrase ("at the port authority described …").
        let verb = !w.capitalised() && w.ends_with_any(List::PastEndings) && !w.role;
        let part = !verb && (w.capitalised() || w.role || is_modifier(w));
        if !(part || joiner) {
            break;
        }
        if part && !joiner {
            end = i;
        }
        n += 1;
        i += 1;
    }
    end
}

/// The fuller wording of a definite anonymous speaker: "the official" refers back to the
/// nearest earlier "a senior official at the port authority" of the same text (same head
/// noun, indefinite), which is returned as written; `None` when there is none.
pub(super) fn antecedent(text: &str, ws: &[Word<'_>], at: usize, head: &str) -> Option<Span> {
    for j in (0..at).rev() {
        let w = &ws[j];
        if w.quoted || w.lower != head {
            continue;
        }
        let Some((first, last)) = np_ending_at(ws, j) else { continue };
        if !ws[first].is(List::IndefiniteDeterminers) || last - first < 1 {
            continue;
        }
        let end = complement_end(ws, last);
        // A bare "an official" is no fuller than "the official".
        if end == last && last - first < 2 {
            return None;
        }
        let span = Span::from_usize(ws[first].start, ws[end].end);
        return text.get(span.range()).map(|_| span);
    }
    None
}

/// Skips back over adverbs and auxiliaries that may stand between a subject and its verb
/// ("Antipov also said", "the official has repeatedly warned"); the index of the word before
/// them.
pub(super) fn skip_back_adverbs(ws: &[Word<'_>], mut i: usize) -> Option<usize> {
    loop {
        let w = ws.get(i)?;
        let skippable = w.alpha
            && !w.quoted
            && (w.auxiliary || (w.adverb && !w.capitalised()) || w.is(List::SpeechAdverbs));
        if !skippable {
            return Some(i);
        }
        i = i.checked_sub(1)?;
    }
}
