//! Named entities: found by rules and the gazetteer, spellings merged across articles.
//!
//! ## What it does
//!
//! 1. **Discovery.** In prose sentences, runs of capitalised words (joined by `of`, `&`, `van`,
//!    `bin`…) are candidate names. A title or role before the name (`Mayor`, `Infrastructure
//!    Minister`, `envoy`) is stripped and recorded as a role, unless the run names an
//!    institution (`Major League`, `Prince of Wales Hospital`); words that open a sentence and
//!    also occur in lower case in the story are dropped, and so are all-caps common words
//!    (`DEATH`, a shouted headline) and compounds that describe a name (`Brine-maker`); a stop
//!    word opening a sentence is no first word of a name (`Having Velkov on stage`). A
//!    middle initial (`Ruth K. Amsel`) and a generational suffix (`, Jr.`) stay in the name.
//!    Each candidate collects votes for a
//!    kind: roles, ages and speech verbs for people; `Agency`, `Press`, `the company X` for
//!    organisations; `in X`, `the city of X`, `Bridge`, `Port X` and the gazetteer for places.
//! 2. **Merging.** Candidates with the same folded form are one *form*. Forms are merged when
//!    the gazetteer gives them one entry (`Peking`/`Beijing`, `Russian`/`Russia`); when they have
//!    the same number of words and each pair of words is one spelling (same transliteration
//!    skeleton and close as strings: `Hrabchenko`/`Grabchenko`, `Zhelvany`/`Jelvany`) and the
//!    context confirms it (a shared role, a shared neighbour in the same sentences, or nearly
//!    equal strings) and does not contradict it (different roles); when a one-word form is the
//!    surname of exactly one person (`Merkel` → `Angela Merkel`; failing any, of exactly one
//!    full name without cues when nothing marks the surname as anything but a person's: tried
//!    again once the variants below made `Warren Ostby` and `Warren K. Ostby` one; a full name
//!    with a word kept before it, `American Hasim Rahman`, is not a second person beside `Hasim
//!    Rahman`; failing both, and when no name ends with the word, a first name names the one
//!    person of two words it opens: `Katie` → `Katie Velkov`), the name after a place prefix
//!    (`Halvek` → `Port Halvek`) or the head of one organisation (`Corvane` → `Corvane Press`);
//!    and when it is the demonym of a place (`Dalvinian` → `Dalvinia`). Acronyms join the
//!    names they abbreviate (`acronyms`), names in other languages theirs (`translations`),
//!    and regular rewrites of one name meet (`variants`: legal forms and `&`, lost accents,
//!    middle names, familiar first names, the owning city, an organisation's head word, also
//!    after `the`: `the Comets`), and so do a name and its translation in parentheses
//!    (`translations`). A possessive brand (`Velman's Sunrise`) is a name of its own when
//!    its owner's name is never used alone.
//!    A one-word form meets only the longer names whose first or last word has its key (the
//!    word under five letters, its skeleton from five: what `same_word` needs), and an acronym
//!    only the names with its initials, both from an index: a story of a thousand reports and
//!    five thousand names compared every one-word form with every longer name.
//! 3. **Mentions.** Every article is scanned for every known spelling (longest match first, in
//!    headlines too), so that each mention has a span.
//!
//! ## Why
//!
//! No named-entity model can be shipped, and names of people in the news are mostly unknown to
//! any list; rules over capitalisation and role cues find them in any language written in a
//! cased script, and the transliteration skeleton catches the spellings outlets choose.
//!
//! ## Example
//!
//! `Mayor Teodor Hrabchenko said` and `the mayor, Teodor Grabchenko` give one person with the
//! role `mayor` and two variants; a later `Hrabchenko` alone joins them.
//!
//! ## Limitations
//!
//! A surname shared by two people of the story stays a separate entity. Names written in lower
//! case (`port authority`) and in uncased scripts are not found. The first word of a sentence
//! is a name only if the story also uses it in mid-sentence or a cue says so.
//!
//! ## References
//!
//! Any-ascii transliteration; Jaro–Winkler similarity (`strsim`); the `GeoNames` gazetteer.

#![expect(
    clippy::many_single_char_names,
    reason = "word-index arithmetic (w[a], w[b - 1]) reads best with short names"
)]

mod acronyms;
pub(crate) mod gazetteer;
pub(crate) mod gender;
pub(crate) mod linkage;
pub(crate) mod names;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::{DisjointSets, Lang, Span};

use crosscheck_text::lexicon::{Lexicon, List};

use crate::analysis::words::{fold, is_speech_verb};
use crate::analysis::{Doc, Ent, EntityTable, Gap, Mention, Word};
use crate::story::EntityKind;
use gazetteer::gazetteer;
use names::{
    is_demonym_of, is_geo_prefix, is_geo_word, is_joiner, is_not_name, is_org_cue, is_org_word,
    is_place_cue, is_role, same_word, similarity, skeleton, word_key,
};

/// Votes for an entity's kind.
#[derive(Debug, Clone, Copy, Default)]
struct Votes {
    person: u32,
    org: u32,
    place: u32,
}

impl Votes {
    fn add(&mut self, o: Votes) {
        self.person += o.person;
        self.org += o.org;
        self.place += o.place;
    }
}

/// All candidates with one folded name.
#[derive(Debug)]
struct Form {
    key: String,
    tokens: Vec<String>,
    surfaces: BTreeMap<String, u32>,
    /// The uses of each surface in reports in the story's main language (see [`main_language`]).
    main_surfaces: BTreeMap<String, u32>,
    votes: Votes,
    roles: BTreeSet<String>,
    docs: BTreeSet<usize>,
    /// Candidates that were not the first word of a sentence.
    mid: u32,
    /// The first position seen: (doc, word).
    first_seen: (usize, u32),
    /// The other forms in the same sentences.
    neighbours: HashSet<u32>,
    /// The distinctive words of those forms (`pelagin` of `Pelagin Bridge`), for confirming
    /// merges: two spellings used next to the same names are likely one name.
    context: HashSet<String>,
    gazetteer: Option<u32>,
    demonym: bool,
    /// See [`Cand::tentative`].
    tentative: bool,
    /// The acronyms this name was defined with (`National Rally (RN)`).
    defines: BTreeSet<String>,
    /// The names written in parentheses right after this one (`Velmish Union (Union of Velm)`):
    /// a translation or the original-language form.
    glosses: BTreeSet<String>,
    /// Candidates right after a lowercase definite article (`the Courier`).
    after_article: u32,
    /// A possessive brand (`Velman's Sunrise`): kept when its owner's name is used only so.
    brand: bool,
    /// Candidates that are a possessive right before a name (`Velman's` of `Velman's Sunrise`).
    before_name: u32,
}

/// Finds and merges the entities of a story.
pub(crate) fn find(docs: &[Doc<'_>]) -> EntityTable {
    // Story-wide rules read the lists of every language of the story; rules on one article
    // read its language's.
    let lex = Lexicon::union(docs.iter().map(|d| d.article.language));
    // Lowercase word forms of the story: a capitalised sentence opener that also occurs in lower
    // case is a common word.
    let mut lower: HashSet<&str> = HashSet::new();
    for d in docs {
        for w in &d.words {
            if !w.cap && !w.digit {
                lower.insert(w.key.as_str());
            }
        }
    }
    let mut forms: Vec<Form> = Vec::new();
    let mut by_key: HashMap<String, u32> = HashMap::new();
    let main = main_language(docs);
    for (di, d) in docs.iter().enumerate() {
        for s in &d.sents {
            if s.headline {
                continue;
            }
            let mut in_sentence: Vec<u32> = Vec::new();
            for c in candidates(d, s.words.start as usize, s.words.end as usize, &lower) {
                let end = name_end(d, Lexicon::of(d.article.language), &d.words[c.b - 1]);
                let surface = d.text(Span::new(d.words[c.a].span.start, end)).to_string();
                let key = c.key;
                let id = *by_key.entry(key.clone()).or_insert_with(|| {
                    forms.push(Form {
                        tokens: key.split(' ').map(str::to_string).collect(),
                        key: key.clone(),
                        surfaces: BTreeMap::new(),
                        main_surfaces: BTreeMap::new(),
                        votes: Votes::default(),
                        roles: BTreeSet::new(),
                        docs: BTreeSet::new(),
                        mid: 0,
                        first_seen: (di, c.a as u32),
                        neighbours: HashSet::new(),
                        context: HashSet::new(),
                        gazetteer: None,
                        demonym: false,
                        tentative: c.tentative,
                        defines: BTreeSet::new(),
                        glosses: BTreeSet::new(),
                        after_article: 0,
                        brand: c.possessive == Possessive::Brand,
                        before_name: 0,
                    });
                    (forms.len() - 1) as u32
                });
                let f = &mut forms[id as usize];
                if d.article.language == main {
                    *f.main_surfaces.entry(surface.clone()).or_default() += 1;
                }
                *f.surfaces.entry(surface).or_default() += 1;
                f.votes.add(c.votes);
                if let Some(r) = c.role {
                    f.roles.insert(r);
                }
                f.defines.extend(c.defines);
                f.glosses.extend(c.gloss);
                f.after_article += u32::from(c.after_article);
                f.before_name += u32::from(c.possessive == Possessive::Owner);
                f.docs.insert(di);
                if !d.words[c.a].first {
                    f.mid += 1;
                }
                in_sentence.push(id);
            }
            for &a in &in_sentence {
                for &b in &in_sentence {
                    if a != b {
                        forms[a as usize].neighbours.insert(b);
                    }
                }
            }
        }
    }
    for i in 0..forms.len() {
        let mut ctx = HashSet::new();
        for &n in &forms[i].neighbours {
            for t in &forms[n as usize].tokens {
                if t.len() > 2
                    && !is_geo_word(&lex, t)
                    && !is_org_word(&lex, t)
                    && !is_role(&lex, t)
                    && !forms[i].tokens.contains(t)
                {
                    ctx.insert(t.clone());
                }
            }
        }
        forms[i].context = ctx;
    }
    let g = gazetteer();
    for f in &mut forms {
        if let Some(e) = g.lookup(&f.key) {
            // A name with strong person cues is a person even if a place shares it.
            if !(f.votes.person >= 2 && f.tokens.len() > 1) {
                f.gazetteer = Some(e.id);
                f.demonym = e.demonym;
            }
        }
    }
    // Drop one-word forms only ever seen opening a sentence with no cue at all and not part of a
    // longer name: capitalised common words ("Salvage crews…").
    let in_longer: HashSet<&str> = forms
        .iter()
        .filter(|f| f.tokens.len() > 1)
        .flat_map(|f| f.tokens.iter().map(String::as_str))
        .collect();
    let keep: Vec<bool> = forms
        .iter()
        .map(|f| {
            f.tokens.len() > 1
                || f.mid > 0
                || f.gazetteer.is_some()
                || f.votes.org + f.votes.place > 0
                || f.votes.person >= 2
                || in_longer.contains(f.key.as_str())
        })
        .collect();
    let keep = variants::confirm_tentative(&lex, &forms, keep);
    let keep = confirm_brands(&forms, &by_key, keep);
    let mut uf = DisjointSets::new(forms.len());
    merge_gazetteer(&forms, &mut uf);
    merge_spellings(&forms, &keep, &mut uf);
    merge_short_forms(&lex, &forms, &keep, &mut uf);
    merge_demonyms(&lex, &forms, &keep, &mut uf);
    acronyms::merge_acronyms(&lex, &forms, &keep, &mut uf);
    translations::merge_translations(&forms, &keep, &mut uf);
    variants::merge_variants(&lex, &forms, &keep, &mut uf);
    let headed = variants::merge_org_heads(&lex, &forms, &keep, &mut uf);
    // Again, now that the variants of a full name are one (`Warren Ostby`, `Warren K. Ostby`):
    // a surname that named two of them names one.
    merge_short_forms(&lex, &forms, &keep, &mut uf);
    acronyms::merge_defined(&lex, &forms, &keep, &mut uf);
    acronyms::merge_prefix_acronyms(&forms, &keep, &mut uf);
    translations::merge_glosses(&forms, &keep, &mut uf);
    let with_article: HashSet<&str> = headed.iter().map(|&i| forms[i].key.as_str()).collect();
    build(&lex, docs, &forms, &keep, &mut uf, &with_article)
}

struct Cand {
    a: usize,
    b: usize,
    key: String,
    votes: Votes,
    role: Option<String>,
    /// Joined by `and` (`Food and Drug Administration`): kept only if the story confirms it.
    tentative: bool,
    /// The acronym written in parentheses right after the name: `National Rally (RN)`.
    defines: Option<String>,
    /// The name of two words or more written in parentheses right after the name: `Velmish
    /// Union (Union of Velm)`.
    gloss: Option<String>,
    /// Right after a lowercase definite article: `the Courier`.
    after_article: bool,
    /// Its part in a possessive brand (see [`brand_after`]).
    possessive: Possessive,
}

/// A candidate's part in a possessive brand (`Velman's Sunrise`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Possessive {
    /// None.
    No,
    /// The owner: a one-word possessive right before a brand (`Velman's`).
    Owner,
    /// The brand itself.
    Brand,
}

/// Whether word `j` names the institution of the title before it, past the title's possessive:
/// `Attorney General's Office`, `Prime Minister's Office` are one name each, where `Velm's
/// Harbour Authority` is two.
fn title_office(lex: &Lexicon, w: &[Word], j: usize) -> bool {
    j > 0
        && w[j - 1].possessive
        && is_role(lex, &w[j - 1].key)
        && w.get(j).is_some_and(|x| is_org_word(lex, &x.key))
}

fn namey(w: &Word) -> bool {
    w.cap && !w.digit && w.key.len() > 1 && w.key.chars().any(|c| c.is_ascii_alphabetic())
}

/// The candidate names of words `start..end` (one sentence).
fn candidates(d: &Doc<'_>, start: usize, end: usize, lower: &HashSet<&str>) -> Vec<Cand> {
    let lex = Lexicon::of(d.article.language);
    let w = &d.words;
    // An all-caps common word (`DEATH`, `UPDATE`, `IS`) is a shouted headline, not an acronym.
    // An all-caps word next to a name in mixed case is an acronym (`DID Press`).
    let shouted = |k: usize| {
        let mixed = |x: usize| x >= start && x < end && namey(&w[x]) && !w[x].upper;
        w[k].upper
            && (lex.has(List::Stopwords, &w[k].key) || lower.contains(w[k].key.as_str()))
            && gazetteer().lookup(&w[k].key).is_none()
            && !(k + 1 < end && w[k + 1].gap == Gap::Space && mixed(k + 1))
            && !(k > start && w[k].gap == Gap::Space && mixed(k - 1))
    };
    // A middle initial: `Robert F. Kennedy` (the period is read as a space).
    let initial = |k: usize| {
        k > start
            && k + 1 < end
            && w[k].cap
            && w[k].key.len() == 1
            && w[k].key.chars().all(|c| c.is_ascii_alphabetic())
            && w[k].gap == Gap::Space
            && w[k + 1].gap == Gap::Space
            && namey(&w[k - 1])
            && namey(&w[k + 1])
    };
    let namey = |k: usize| (namey(&w[k]) && !shouted(k)) || initial(k);
    let mut out = Vec::new();
    let mut title_before: Option<(usize, String)> = None;
    let mut i = start;
    while i < end {
        if !namey(i) {
            i += 1;
            continue;
        }
        let a0 = i;
        let mut j = i + 1;
        loop {
            if j < end
                && w[j].gap == Gap::Space
                && namey(j)
                && (!w[j - 1].possessive || title_office(lex, w, j))
            {
                j += 1;
                continue;
            }
            // Joiners: "Bank of England", "Roads & Bridges Agency", "Minister of the Interior".
            if j + 1 < end
                && w[j].gap == Gap::Space
                && !w[j - 1].possessive
                && is_joiner(&w[j].key)
                && !w[j].cap
            {
                let left = &w[j - 1].key;
                let genitive = lex.has(List::GenitivePrepositions, &w[j].key);
                let of_ok = !genitive
                    || is_org_word(lex, left)
                    || is_role(lex, left)
                    || is_geo_word(lex, left);
                let skip =
                    if genitive && lex.has(List::DefiniteArticles, &w[j + 1].key) { 2 } else { 1 };
                if of_ok && j + skip < end && w[j + skip].gap == Gap::Space && namey(j + skip) {
                    j += skip + 1;
                    continue;
                }
            }
            if j < end && w[j].key == "&" && w[j].gap == Gap::Space && j + 1 < end && namey(j + 1) {
                j += 2;
                continue;
            }
            // A generational suffix: `Robert Kenning, Jr.`.
            if j < end
                && w[j].gap != Gap::Break
                && w[j].cap
                && lex.has(List::NameSuffixes, &w[j].key)
                && !w[j - 1].possessive
            {
                j += 1;
            }
            break;
        }
        i = j;
        let brand = brand_after(d, lex, a0, j, end, &namey);
        let (mut a, b) = (a0, j);
        let mut votes = Votes::default();
        let mut role = None;
        // A title or role inside the run: the name is what follows the last one.
        // ... unless the run names an institution: a role word right before an organisation
        // word (`Major League`) or a run that ends with one (`Prince of Wales Hospital`).
        let institution = |r: usize| {
            (r + 1 < b && is_org_word(lex, &w[r + 1].key))
                || (b - 1 > r
                    && (is_org_word(lex, &w[b - 1].key) || is_geo_word(lex, &w[b - 1].key)))
        };
        // A title before `, Name` is an office all the same (`Director of Fire Services, Ann
        // Lee`).
        let named_after = b < end && w[b].gap == Gap::Comma && namey(b);
        if let Some(r) = (a..b)
            .rev()
            .find(|&k| is_role(lex, &w[k].key))
            .filter(|&r| named_after || !institution(r))
        {
            let mut n = r + 1;
            // "Minister of Infrastructure", "Secretary of State Marco Rubio": the word after
            // `of` names the office, not the person.
            // Only a name of two words after an office of at least one word is taken:
            // "Secretary of the National Security" is an office alone.
            if n < b && is_joiner(&w[n].key) {
                n += 1;
                while n < b && lex.has(List::DefiniteArticles, &w[n].key) {
                    n += 1;
                }
                n = if b >= n + 3 { b - 2 } else { b };
            }
            let role_word = w[r].key.trim_end_matches('.').to_string();
            if n < b {
                role = Some(role_word);
                votes.person += 2;
                a = n;
            } else {
                title_before = Some((b, role_word)); // a title alone, maybe before ", Name"
                continue;
            }
        }
        // "The Minister of Infrastructure, Irena Maltsava": the title run ends at the comma.
        if role.is_none()
            && let Some((end_at, r)) = title_before.take()
            && end_at == a
            && w[a].gap == Gap::Comma
        {
            role = Some(r);
            votes.person += 2;
        }
        // A common word opening the sentence is not part of the name.
        while a < b
            && w[a].first
            && role.is_none()
            && (is_not_name(lex, &w[a].key)
                || lower.contains(w[a].key.as_str())
                || lex.has(List::CapitalisedFunctionWords, &w[a].key)
                || (b - a > 1 && lex.has(List::Stopwords, &w[a].key)))
        {
            a += 1;
        }
        // `Brine-maker Ostrel`, `Velm-based Ostrel`: a compound whose lowercase part is a
        // common word describes the name (`Lee Ka-chiu` is a name).
        let described = |k: usize| {
            w[k].key.contains('-')
                && d.text(w[k].span).split(['-', '‐']).any(|p| {
                    p.chars().next().is_some_and(char::is_lowercase)
                        && (lower.contains(p)
                            || lex.has(List::Stopwords, p)
                            || (p.len() > 3
                                && lex.words(List::DescriptorEndings).any(|e| p.ends_with(e))))
                })
        };
        while b - a > 1 && a < b && described(a) {
            a += 1;
        }
        while a < b && is_not_name(lex, &w[a].key) && b - a > 1 {
            a += 1;
        }
        let mut b = b;
        while b > a && (is_joiner(&w[b - 1].key) || w[b - 1].key == "&") {
            b -= 1;
        }
        while b > a + 1 && described(b - 1) {
            b -= 1;
        }
        // An index or model number after an acronym: `FTSE 100`, `DAX 40`.
        if b - a == 1
            && w[a].upper
            && b < end
            && w[b].gap == Gap::Space
            && (2..=3).contains(&w[b].key.len())
            && w[b].key.chars().all(|c| c.is_ascii_digit())
        {
            b += 1;
        }
        // "in Vancouver Friday": a weekday after a name dates it, it is not part of it.
        while b > a + 1 && lex.has(List::Weekdays, &w[b - 1].key) {
            b -= 1;
        }
        if a >= b {
            continue;
        }
        if b - a == 1 && (is_not_name(lex, &w[a].key) || w[a].key.len() < 2) {
            continue;
        }
        // "US-Russia", "Gaza-model": compounds are matched part by part later ("al-Assad" and
        // "Jean-Claude" are names).
        if b - a == 1 && w[a].key.contains('-') {
            let text = d.text(w[a].span);
            let parts: Vec<&str> = text.split(['-', '‐']).collect();
            let caps =
                parts.iter().filter(|p| p.chars().next().is_some_and(char::is_uppercase)).count();
            let particle = parts.first().is_some_and(|p| is_joiner(&p.to_lowercase()));
            if !particle
                && (caps < parts.len()
                    || parts.iter().any(|p| gazetteer().lookup(&fold(p)).is_some()))
            {
                continue;
            }
        }
        let key = (a..b).map(|k| w[k].key.as_str()).collect::<Vec<_>>().join(" ");
        // A given name opening a name of two words or more (`Seth Ostrel`), when the story
        // never writes it in lower case (`mark`, `rose`) and no word of the name marks an
        // organisation or a place.
        if b - a >= 2
            && lex.has(List::GivenNames, &w[a].key)
            && !lower.contains(w[a].key.as_str())
            && !(a..b).any(|k| is_org_word(lex, &w[k].key) || is_geo_word(lex, &w[k].key))
        {
            votes.person += 1;
        }
        let prev = |k: usize| if a >= k + start && a >= k { Some(&w[a - k]) } else { None };
        // Cues before the name.
        // `prev` stays inside the sentence.
        if let Some(p) = prev(1) {
            if role.is_none() && is_role(lex, &p.key) && w[a].gap != Gap::Break {
                role = Some(p.key.trim_end_matches('.').to_string());
                votes.person += 2;
            }
            if !p.cap && is_org_cue(lex, &p.key) && w[a].gap == Gap::Space {
                votes.org += 2;
            }
            if !p.cap && is_place_cue(lex, &p.key) && w[a].gap == Gap::Space {
                votes.place += if p.key.len() > 4 { 2 } else { 1 };
            }
            if lex.has(List::GenitivePrepositions, &p.key)
                && let Some(pp) = prev(2)
                && is_place_cue(lex, &pp.key)
                && pp.key.len() > 4
            {
                votes.place += 2;
            }
            if is_speech_verb(lex, &p.key) && w[a].gap == Gap::Space && votes.place + votes.org == 0
            {
                votes.person += 1;
            }
        }
        // Cues after the name.
        if b < end {
            let n = &w[b];
            // "in Norvessa said": a place or organisation speaks through its people.
            if is_speech_verb(lex, &n.key) && n.gap != Gap::Break && votes.place + votes.org == 0 {
                votes.person += 1;
            }
            if n.gap == Gap::Comma {
                if n.digit && n.key.len() <= 3 && w.get(b + 1).is_some_and(|x| x.gap != Gap::Space)
                {
                    votes.person += 2; // an age: "Matvei Korsun, 58,"
                }
                if lex.has(List::Articles, &n.key)
                    && let Some(r) = w[b + 1..end.min(b + 4)].iter().find(|x| is_role(lex, &x.key))
                {
                    votes.person += 2;
                    role.get_or_insert_with(|| r.key.clone());
                }
            }
        }
        let last = &w[b - 1].key;
        if (a..b).any(|k| is_org_word(lex, &w[k].key)) {
            votes.org += 3;
        }
        if is_geo_word(lex, last) || (b - a > 1 && is_geo_prefix(lex, &w[a].key)) {
            votes.place += 2;
        }
        if b - a == 1 && w[a].upper && w[a].key.len() <= 6 {
            votes.org += 1;
        }
        let defines = (b < end
            && w[b].upper
            && d.text(Span::new(w[b - 1].span.end, w[b].span.start)).trim() == "("
            && d.article.text[w[b].span.end as usize..].starts_with(')'))
        .then(|| w[b].key.clone());
        // `Food and Drug Administration`: the name joined by `and` is tried as well.
        if b == j
            && b + 1 < end
            && lex.has(List::AndWords, &w[b].key)
            && w[b].gap == Gap::Space
            && !w[b - 1].possessive
        {
            let mut k = b + 1;
            while k < end
                && w[k].gap == Gap::Space
                && (namey(k) || (is_joiner(&w[k].key) && k + 1 < end && namey(k + 1)))
            {
                k += 1;
            }
            if k > b + 1 && namey(k - 1) {
                let joined = (a..k).map(|x| w[x].key.as_str()).collect::<Vec<_>>().join(" ");
                let mut v = votes;
                if (b..k).any(|x| is_org_word(lex, &w[x].key)) {
                    v.org += 3;
                }
                out.push(Cand {
                    a,
                    b: k,
                    key: joined,
                    votes: v,
                    role: None,
                    tentative: true,
                    defines: None,
                    gloss: None,
                    after_article: false,
                    possessive: Possessive::No,
                });
            }
        }
        let after_article = role.is_none()
            && a > start
            && w[a].gap == Gap::Space
            && (!w[a - 1].cap || w[a - 1].first)
            && lex.has(List::DefiniteArticles, &w[a - 1].key);
        let gloss = gloss_after(d, lex, b, end);
        out.push(Cand {
            a,
            b,
            key,
            votes,
            role,
            tentative: false,
            defines,
            gloss,
            after_article,
            possessive: if b == a + 1 && b == j && brand.is_some() {
                Possessive::Owner
            } else {
                Possessive::No
            },
        });
        out.extend(brand);
    }
    out
}

/// A possessive brand or product name right after the one-word name run `a..j` (`Velman's
/// Sunrise`, `Velman’s Baby Oil`): its owner's possessive and one or two capitalised words that
/// are no organisation, role or place word, nor a gazetteer entry. The story keeps it only when
/// the owner's name is used nowhere else on its own (see [`confirm_brands`]): `Velman's
/// Sunrise` is a product where `Velman` is a company, and `Mayor Velman's Harbour Office` an
/// office of a person.
fn brand_after(
    d: &Doc<'_>,
    lex: &Lexicon,
    a: usize,
    j: usize,
    end: usize,
    namey: &dyn Fn(usize) -> bool,
) -> Option<Cand> {
    let w = &d.words;
    let x = &w[j - 1];
    if j != a + 1
        || j >= end
        || !x.possessive
        || x.upper
        || title_office(lex, w, j)
        || w[j].gap != Gap::Space
        || is_role(lex, &x.key)
        || is_org_word(lex, &x.key)
        || gazetteer().lookup(&x.key).is_some()
    {
        return None;
    }
    let mut k = j;
    while k < end && k < j + 3 && (k == j || w[k].gap == Gap::Space) && namey(k) {
        let y = &w[k];
        if y.upper
            || is_org_word(lex, &y.key)
            || is_role(lex, &y.key)
            || is_geo_word(lex, &y.key)
            || is_not_name(lex, &y.key)
        {
            return None;
        }
        k += 1;
        if y.possessive {
            break;
        }
    }
    let rest: Vec<&str> = w[j..k].iter().map(|y| y.key.as_str()).collect();
    if k == j || k - j > 2 || w[k - 1].possessive || gazetteer().lookup(&rest.join(" ")).is_some() {
        return None;
    }
    Some(Cand {
        a: j - 1,
        b: k,
        key: format!("{}'s {}", x.key, rest.join(" ")),
        votes: Votes::default(),
        role: None,
        tentative: false,
        defines: None,
        gloss: None,
        after_article: false,
        possessive: Possessive::Brand,
    })
}

/// Keeps a possessive brand (`Velman's Sunrise`) only when its owner's one-word name is never
/// used but before a name, and is no person's surname in the story.
fn confirm_brands(forms: &[Form], by_key: &HashMap<String, u32>, mut keep: Vec<bool>) -> Vec<bool> {
    if !forms.iter().any(|f| f.brand) {
        return keep;
    }
    let surnames: HashSet<&str> = forms
        .iter()
        .zip(&keep)
        .filter(|(f, k)| {
            **k && f.tokens.len() >= 2
                && !f.brand
                && (f.votes.person >= 2 || !f.roles.is_empty())
                && kind_of(f.votes) == Some(EntityKind::Person)
                && f.tokens.iter().all(|t| t != "&")
        })
        .filter_map(|(f, _)| f.tokens.last().map(String::as_str))
        .collect();
    for (i, f) in forms.iter().enumerate() {
        if !f.brand || !keep[i] {
            continue;
        }
        let owner = f.tokens[0].trim_end_matches("'s");
        let alone = by_key.get(owner).is_some_and(|&o| {
            let o = &forms[o as usize];
            o.surfaces.values().sum::<u32>() > o.before_name
        });
        keep[i] = !alone && !surnames.contains(owner);
    }
    keep
}

/// The name of two words or more written alone in parentheses after word `b - 1`: `(Union of
/// Velm)`, with joiners and articles inside (`(La Unión de Velm)`).
fn gloss_after(d: &Doc<'_>, lex: &Lexicon, b: usize, end: usize) -> Option<String> {
    let w = &d.words;
    if b == 0 || b >= end || d.text(Span::new(w[b - 1].span.end, w[b].span.start)).trim() != "(" {
        return None;
    }
    let mut k = b;
    while k < end
        && (k == b || w[k].gap == Gap::Space)
        && (namey(&w[k]) || ((is_joiner(&w[k].key) || lex.has(List::Articles, &w[k].key)) && k > b))
        && !w[k].possessive
    {
        k += 1;
        if d.article.text[w[k - 1].span.end as usize..].starts_with(')') {
            break;
        }
    }
    let closed = d.article.text[w[k - 1].span.end as usize..].starts_with(')');
    let words = (b..k).filter(|&x| namey(&w[x])).count();
    (k > b && closed && words >= 2 && namey(&w[k - 1]))
        .then(|| (b..k).map(|x| w[x].key.as_str()).collect::<Vec<_>>().join(" "))
}

fn merge_gazetteer(forms: &[Form], uf: &mut DisjointSets) {
    let mut first: HashMap<u32, usize> = HashMap::new();
    for (i, f) in forms.iter().enumerate() {
        if let Some(g) = f.gazetteer {
            let root = *first.entry(g).or_insert(i);
            uf.union(root, i);
        }
    }
}

fn kind_of(v: Votes) -> Option<EntityKind> {
    if v.person == 0 && v.org == 0 && v.place == 0 {
        None
    } else if v.person >= v.org && v.person >= v.place {
        Some(EntityKind::Person)
    } else if v.org >= v.place {
        Some(EntityKind::Org)
    } else {
        Some(EntityKind::Place)
    }
}

/// Whether the context of two forms confirms they are one entity, and nothing contradicts it.
fn confirmed(a: &Form, b: &Form) -> bool {
    if !a.roles.is_empty() && !b.roles.is_empty() && a.roles.is_disjoint(&b.roles) {
        return false;
    }
    if let (Some(ka), Some(kb)) = (kind_of(a.votes), kind_of(b.votes))
        && ka != kb
        && (a.votes.person >= 2 || b.votes.person >= 2 || a.votes.org >= 3 || b.votes.org >= 3)
    {
        return false;
    }
    let shared_role = !a.roles.is_disjoint(&b.roles);
    let shared_neighbour = !a.context.is_disjoint(&b.context);
    let close = similarity(&a.key, &b.key) >= 0.9;
    // Two spellings in one article are usually two names: ask for more, unless a long name
    // differs by one letter (a typo: `Kimberley-Clark`).
    let same_doc = !a.docs.is_disjoint(&b.docs);
    let typo = a.key.chars().count() >= 8 && strsim::levenshtein(&a.key, &b.key) == 1;
    if same_doc { (shared_role && close) || typo } else { shared_role || shared_neighbour || close }
}

fn merge_spellings(forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    let mut buckets: HashMap<(usize, Vec<String>), Vec<u32>> = HashMap::new();
    for (i, f) in forms.iter().enumerate() {
        if keep[i] && f.gazetteer.is_none() {
            let sk: Vec<String> = f.tokens.iter().map(|t| skeleton(t)).collect();
            buckets.entry((f.tokens.len(), sk)).or_default().push(i as u32);
        }
    }
    let mut buckets: Vec<_> = buckets.into_values().filter(|v| v.len() > 1).collect();
    buckets.sort();
    for ids in buckets {
        for (x, &i) in ids.iter().enumerate() {
            for &j in &ids[x + 1..] {
                let (a, b) = (&forms[i as usize], &forms[j as usize]);
                let words_match = a.tokens.iter().zip(&b.tokens).all(|(p, q)| same_word(p, q));
                if words_match && confirmed(a, b) {
                    uf.union(i as usize, j as usize);
                }
            }
        }
    }
}

fn merge_short_forms(lex: &Lexicon, forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    // The names of two words or more by the key of their first and of their last word: a word
    // is the same word (`same_word`) only as one with its key, so only those are compared (every
    // pair of a story's one-word and longer names grew with the square of its size).
    let mut by_end: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, m) in forms.iter().enumerate() {
        if keep[j] && m.tokens.len() >= 2 {
            let (first, last) = (word_key(&m.tokens[0]), word_key(&m.tokens[m.tokens.len() - 1]));
            if first != last {
                by_end.entry(first).or_default().push(j);
            }
            by_end.entry(last).or_default().push(j);
        }
    }
    // The one-word names of organisations and places, and acronyms: `BBC Capaldi` in a
    // headline is two names side by side, not a second person called Capaldi.
    let institutions: HashSet<&str> = forms
        .iter()
        .zip(keep)
        .filter(|(f, k)| {
            **k && f.tokens.len() == 1
                && (f.gazetteer.is_some()
                    || acronyms::acronym(f).is_some()
                    || matches!(kind_of(f.votes), Some(EntityKind::Org | EntityKind::Place)))
        })
        .map(|(f, _)| f.tokens[0].as_str())
        .collect();
    let glued = |m: &Form, t: &str| {
        m.tokens.len() == 2 && m.tokens[1] == t && institutions.contains(m.tokens[0].as_str())
    };
    for (i, x) in forms.iter().enumerate() {
        if !keep[i] || x.tokens.len() != 1 || x.gazetteer.is_some() {
            continue;
        }
        let t = &x.tokens[0];
        let mut targets: Vec<usize> = Vec::new();
        let mut plain_targets: Vec<usize> = Vec::new();
        // `Katie` for the one `Katie Velkov` of the story, when no name ends with `Katie`.
        let mut given_targets: Vec<usize> = Vec::new();
        let mut a_last_word = false;
        // A name with no organisation or place cue, or more a person's than anything else (`in
        // Velkov's corner` is one place cue against speech verbs).
        let x_person = (x.votes.org < 3 && x.votes.place == 0)
            || x.votes.person >= x.votes.org + x.votes.place;
        for &j in by_end.get(&word_key(t)).map_or(&[][..], |v| v) {
            let m = &forms[j];
            if i == j || glued(m, t) {
                continue;
            }
            let last = &m.tokens[m.tokens.len() - 1];
            let first = &m.tokens[0];
            let person = kind_of(m.votes) == Some(EntityKind::Person) || !m.roles.is_empty();
            // A surname read as a person's (`Velkov said`) names the one full name without a
            // cue of its own (`Ivo Velkov` in a list) when no person's name ends with it.
            let plain = !person
                && !m.brand
                && (matches!(kind_of(x.votes), Some(EntityKind::Person) | None)
                    && kind_of(m.votes).is_none()
                    && m.gazetteer.is_none()
                    && m.tokens.len() <= 3
                    && !is_geo_prefix(lex, first)
                    && !m.tokens.iter().any(|w| is_org_word(lex, w) || is_geo_word(lex, w)));
            if plain && same_word(t, last) && x_person {
                plain_targets.push(j);
            }
            a_last_word |= same_word(t, last);
            if person
                && m.tokens.len() == 2
                && same_word(t, first)
                && x.votes.org == 0
                && x.votes.place == 0
            {
                given_targets.push(j);
            }
            // `Velmex Corp.`: the name with its legal form, whatever the one word's cues.
            let legal = m.tokens[0] == *t
                && x.roles.is_empty()
                && m.tokens[1..].iter().all(|w| Lexicon::common().has(List::LegalForms, w));
            let is_target = legal
                || (person && same_word(t, last) && x_person)
                || (is_geo_prefix(lex, first) && m.tokens.len() == 2 && same_word(t, last))
                || (kind_of(m.votes) == Some(EntityKind::Org)
                    && same_word(t, first)
                    && x.votes.place == 0
                    && kind_of(x.votes) != Some(EntityKind::Person)
                    && m.tokens[1..].iter().all(|w| is_org_word(lex, w)));
            if is_target {
                targets.push(j);
            }
        }
        // A full name without cues ending with the word, written more than once, competes with
        // the people's: `Thomas` beside `David Thomas` (a person by his given name) and `Pierre
        // Thomas` is neither. Once is too little against a person (`Stunning Williams`), unless
        // it is a person's name with a word kept before it (`Mayor-elect Ivo Velkov`): then it
        // is that person's.
        if targets.is_empty() {
            targets = plain_targets;
        } else {
            let people = targets.clone();
            targets.extend(plain_targets.into_iter().filter(|&j| {
                forms[j].surfaces.values().sum::<u32>() >= 2
                    || people.iter().any(|&k| prefixed(&forms[j].tokens, &forms[k].tokens))
            }));
        }
        if targets.is_empty() && !a_last_word {
            targets = given_targets;
        }
        let (roots, longer) = distinct_names(forms, &targets, uf);
        if roots.len() == 1
            && let Some(&root) = roots.first()
        {
            uf.union(root, i);
            // `Doctor Matt Smith` is the one `Matt Smith` too.
            for j in longer {
                uf.union(root, j);
            }
        }
    }
}

/// The distinct entities among the names `targets` that a one-word name may be short for, and
/// the targets left out as the same person: a name that ends with another target of two words
/// or more (`American Hasim Rahman`, `President-elect Barack Obama` beside `Hasim Rahman`,
/// `Barack Obama`) is that name with a word before it that discovery kept, not a second
/// person.
fn distinct_names(
    forms: &[Form],
    targets: &[usize],
    uf: &mut DisjointSets,
) -> (Vec<usize>, Vec<usize>) {
    let covered = |j: usize| targets.iter().any(|&k| prefixed(&forms[j].tokens, &forms[k].tokens));
    let (longer, distinct): (Vec<usize>, Vec<usize>) =
        targets.iter().copied().partition(|&j| covered(j));
    let mut roots: Vec<usize> = distinct.into_iter().map(|j| uf.find(j)).collect();
    roots.sort_unstable();
    roots.dedup();
    (roots, longer)
}

/// Whether the name `long` is the name `short`, of two words or more, with words before it.
fn prefixed(long: &[String], short: &[String]) -> bool {
    short.len() >= 2 && short.len() < long.len() && long.ends_with(short)
}

fn merge_demonyms(lex: &Lexicon, forms: &[Form], keep: &[bool], uf: &mut DisjointSets) {
    for (i, d) in forms.iter().enumerate() {
        if !keep[i]
            || d.tokens.len() != 1
            || d.gazetteer.is_some()
            || kind_of(d.votes) == Some(EntityKind::Person)
        {
            continue;
        }
        let found = forms.iter().enumerate().find(|(j, p)| {
            *j != i
                && keep[*j]
                && p.tokens.len() == 1
                && kind_of(p.votes) != Some(EntityKind::Person)
                && p.votes.org < 3
                && is_demonym_of(lex, &d.tokens[0], &p.tokens[0])
        });
        if let Some((j, _)) = found {
            uf.union(j, i);
        }
    }
}

/// An entity before its mentions are counted.
struct Proto {
    kind: EntityKind,
    name: String,
    roles: Vec<String>,
    keys: Vec<String>,
    demonym_keys: HashSet<String>,
    first_seen: (usize, u32),
    /// Named by the gazetteer, not by a surface form.
    gazetteer: bool,
}

fn build(
    lex: &Lexicon,
    docs: &[Doc<'_>],
    forms: &[Form],
    keep: &[bool],
    uf: &mut DisjointSets,
    with_article: &HashSet<&str>,
) -> EntityTable {
    // Group forms by root.
    let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (i, _) in keep.iter().enumerate().filter(|(_, k)| **k) {
        groups.entry(uf.find(i) as u32).or_default().push(i as u32);
    }
    let g = gazetteer();
    let mut protos: Vec<Proto> = Vec::new();
    for ids in groups.values() {
        let fs: Vec<&Form> = ids.iter().map(|&i| &forms[i as usize]).collect();
        let mut votes = Votes::default();
        for f in &fs {
            votes.add(f.votes);
        }
        let gaz = fs.iter().find_map(|f| f.gazetteer);
        let has_demonym = fs.iter().any(|f| f.demonym)
            || fs.iter().any(|f| {
                fs.iter().any(|p| {
                    p.tokens.len() == 1
                        && f.tokens.len() == 1
                        && is_demonym_of(lex, &f.tokens[0], &p.tokens[0])
                })
            });
        let surname_use = fs.iter().any(|m| {
            m.tokens.len() > 1
                && fs.iter().any(|x| x.tokens.len() == 1 && Some(&x.tokens[0]) == m.tokens.last())
                && !is_geo_prefix(lex, &m.tokens[0])
        });
        let kind = if let Some(id) = gaz {
            g.lookup(&fold(g.name(id))).map_or(EntityKind::Place, |e| e.kind)
        } else if has_demonym {
            EntityKind::Place
        } else if let Some(k) = kind_of(votes) {
            k
        } else if surname_use {
            EntityKind::Person
        } else {
            EntityKind::Other
        };
        // Name: the gazetteer's, else the fullest, most used surface form that is not a demonym,
        // among the spellings of the story's main language when it has any: a name translated
        // in one report (`Procuradoria-Geral da República` for `PGR`) does not name the entity
        // of a story told in another language.
        // A spelling with a role or demonym kept before a shorter spelling of a person
        // (`President-elect Barack Obama`, `American Hasim Rahman`) does not name them; an
        // institution's (`Brazilian Supreme Court`) does.
        let described = |f: &Form| {
            kind == EntityKind::Person
                && fs.iter().any(|o| {
                    prefixed(&f.tokens, &o.tokens)
                        && f.tokens[..f.tokens.len() - o.tokens.len()].iter().all(|w| {
                            w.split('-').any(|p| is_role(lex, p))
                                || g.lookup(w).is_some_and(|e| e.demonym)
                        })
                })
        };
        let named: Vec<&&Form> = fs
            .iter()
            .filter(|f| !f.demonym && !is_demonym_form(lex, f, &fs) && !described(f))
            .collect();
        let in_main = named.iter().any(|f| !f.main_surfaces.is_empty());
        let mut best: Option<(NameScore, &str)> = None;
        for f in named {
            let surfaces = if in_main { &f.main_surfaces } else { &f.surfaces };
            for (s, &n) in surfaces {
                let upper = s.chars().all(|c| !c.is_lowercase());
                // Ties go to the spelling more reports of any language use, then to the one
                // with more letters (a page whose encoding broke drops its accented letters:
                // `Crmen Lcia` for `Cármen Lúcia`).
                let all = f.surfaces.get(s).copied().unwrap_or(n);
                let letters = s.chars().filter(|c| c.is_alphabetic()).count();
                let score = if upper {
                    (f.tokens.len(), 0, 0, 0)
                } else {
                    (f.tokens.len(), n, all, letters)
                };
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, s.as_str()));
                }
            }
        }
        let name = match (gaz, best) {
            (Some(id), _) => g.name(id).to_string(),
            // A main-language spelling in capitals only (a dateline) takes the case another
            // report writes it in.
            (None, Some((_, s))) if !s.chars().any(char::is_lowercase) => fs
                .iter()
                .flat_map(|f| f.surfaces.keys())
                .find(|c| c.chars().any(char::is_lowercase) && fold(c) == fold(s))
                .map_or_else(|| s.to_string(), Clone::clone),
            (None, Some((_, s))) => s.to_string(),
            (None, None) => fs[0].surfaces.keys().next().cloned().unwrap_or_default(),
        };
        // Roles describe people; a place "with a role" is a cue that misfired.
        let mut roles: Vec<String> = if kind == EntityKind::Person {
            fs.iter().flat_map(|f| f.roles.iter().cloned()).collect()
        } else {
            Vec::new()
        };
        roles.sort();
        roles.dedup();
        let mut keys: Vec<String> = fs.iter().map(|f| f.key.clone()).collect();
        if let Some(id) = gaz {
            keys.push(fold(g.name(id)));
        }
        let demonym_keys = fs
            .iter()
            .filter(|f| f.demonym || is_demonym_form(lex, f, &fs))
            .map(|f| f.key.clone())
            .collect();
        let first_seen = fs.iter().map(|f| f.first_seen).min().unwrap_or((0, 0));
        protos.push(Proto {
            kind,
            name,
            roles,
            keys,
            demonym_keys,
            first_seen,
            gazetteer: gaz.is_some(),
        });
    }
    // The matcher: folded spellings to entities.
    let mut matcher: HashMap<String, u32> = HashMap::new();
    let mut longest = 1;
    for (e, p) in protos.iter().enumerate() {
        for k in &p.keys {
            longest = longest.max(k.split(' ').count());
            matcher.entry(k.clone()).or_insert(e as u32);
        }
    }
    let brands = forms.iter().zip(keep).any(|(f, k)| *k && f.brand);
    let mut mentions: Vec<Vec<Mention>> = Vec::with_capacity(docs.len());
    let mut surface_counts: Vec<BTreeMap<String, u32>> = vec![BTreeMap::new(); protos.len()];
    let mut mention_count = vec![0u32; protos.len()];
    let mut docs_of: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); protos.len()];
    let main = main_language(docs);
    let mut main_counts: Vec<BTreeMap<String, u32>> = vec![BTreeMap::new(); protos.len()];
    for (di, d) in docs.iter().enumerate() {
        let ms = scan(d, &matcher, longest, with_article, brands);
        for m in &ms {
            let e = m.entity as usize;
            let s = d.text(m.span).to_string();
            if d.article.language == main {
                *main_counts[e].entry(s.clone()).or_default() += 1;
            }
            *surface_counts[e].entry(s).or_default() += 1;
            mention_count[e] += 1;
            docs_of[e].insert(di);
        }
        mentions.push(ms);
    }
    // Order: most articles, most mentions, first seen.
    let mut order: Vec<usize> = (0..protos.len()).filter(|&e| mention_count[e] > 0).collect();
    order.sort_by_key(|&e| {
        (
            std::cmp::Reverse(docs_of[e].len()),
            std::cmp::Reverse(mention_count[e]),
            protos[e].first_seen,
        )
    });
    let mut remap = vec![u32::MAX; protos.len()];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = new as u32;
    }
    let entities = order
        .iter()
        .map(|&e| {
            let p = &protos[e];
            let mut variants: Vec<(String, u32)> =
                surface_counts[e].iter().map(|(s, &n)| (s.clone(), n)).collect();
            // An all-caps spelling (a dateline) is a variant only if nothing else spells it.
            let cased: HashSet<String> = variants
                .iter()
                .filter(|(s, _)| s.chars().any(char::is_lowercase))
                .map(|(s, _)| fold(s))
                .collect();
            variants
                .retain(|(s, _)| s.chars().any(char::is_lowercase) || !cased.contains(&fold(s)));
            variants.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let _ = &p.demonym_keys;
            let name =
                if p.gazetteer || main_counts[e].is_empty() || main_counts[e].contains_key(&p.name)
                {
                    p.name.clone()
                } else {
                    main_spelling(&main_counts[e]).unwrap_or(&p.name).to_string()
                };
            Ent { name, kind: p.kind, variants, roles: p.roles.clone() }
        })
        .collect();
    for ms in &mut mentions {
        ms.retain_mut(|m| {
            m.entity = remap[m.entity as usize];
            m.entity != u32::MAX
        });
    }
    EntityTable { entities, mentions }
}

/// How well a spelling names its entity, compared in order: its words, the main-language
/// reports that use it, the reports of any language that use it, its letters.
type NameScore = (usize, u32, u32, usize);

/// The entity's name when no candidate of the main language named it but the scan found it in
/// main-language reports (a word the candidate rules skip there, such as a role, that a
/// translated report capitalised): the fullest, most used cased spelling found there.
fn main_spelling(counts: &BTreeMap<String, u32>) -> Option<&str> {
    counts
        .iter()
        .filter(|(s, _)| s.chars().any(char::is_lowercase))
        .max_by_key(|&(s, &n)| (s.split_whitespace().count(), n, std::cmp::Reverse(s.as_str())))
        .map(|(s, _)| s.as_str())
}

/// The language most reports of the story are written in; on a tie, the first report's.
fn main_language(docs: &[Doc<'_>]) -> Lang {
    let mut counts: HashMap<Lang, (usize, usize)> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        let c = counts.entry(d.article.language).or_insert((0, i));
        c.0 += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(_, (n, first))| (n, std::cmp::Reverse(first)))
        .map_or(Lang::UNKNOWN, |(l, _)| l)
}

/// Where a name ending with `word` ends: after the word, or after its period when the word is
/// an abbreviation (`Jr.`, `Co.`).
fn name_end(d: &Doc<'_>, lex: &Lexicon, word: &Word) -> u32 {
    let end = word.span.end;
    let abbreviation = word.cap
        && (lex.has(List::Abbreviations, &word.key) || lex.has(List::NameSuffixes, &word.key));
    if abbreviation && d.article.text.as_bytes().get(end as usize) == Some(&b'.') {
        end + 1
    } else {
        end
    }
}

fn is_demonym_form(lex: &Lexicon, f: &Form, group: &[&Form]) -> bool {
    f.tokens.len() == 1
        && group.iter().any(|p| {
            p.tokens.len() == 1 && p.key != f.key && is_demonym_of(lex, &f.tokens[0], &p.tokens[0])
        })
}

/// Finds every known spelling in a doc, longest first. A one-word spelling of `with_article`
/// (an organisation's head: `the Courier`) takes the definite article before it; with
/// `brands`, a possessive brand's spelling (`velman's sunrise`) crosses the possessive.
fn scan(
    d: &Doc<'_>,
    matcher: &HashMap<String, u32>,
    longest: usize,
    with_article: &HashSet<&str>,
    brands: bool,
) -> Vec<Mention> {
    let lex = Lexicon::of(d.article.language);
    let w = &d.words;
    let mut out = Vec::new();
    let mut i = 0;
    let mut key = String::new();
    while i < w.len() {
        if !w[i].cap || w[i].digit {
            i += 1;
            continue;
        }
        let mut found = None;
        let max = longest.min(w.len() - i);
        for n in (1..=max).rev() {
            let last = &w[i + n - 1];
            // A possessive brand (`Velman's Sunrise`) crosses its owner's possessive.
            let brand = brands && n > 1 && w[i].possessive && !title_office(lex, w, i + 1);
            if (1..n).any(|k| {
                let suffix = w[i + k].gap == Gap::Comma
                    && k == n - 1
                    && lex.has(List::NameSuffixes, &w[i + k].key);
                (w[i + k].gap != Gap::Space && !suffix)
                    || (w[i + k - 1].possessive
                        && !title_office(lex, w, i + k)
                        && !(brand && k == 1))
                    || w[i + k].sent != w[i].sent
            }) {
                continue;
            }
            let number = n == 2 && w[i].upper && last.key.chars().all(|c| c.is_ascii_digit());
            if !(last.cap || last.key.chars().all(|c| c.is_ascii_alphabetic()) || number) {
                continue;
            }
            key.clear();
            for (k, word) in w[i..i + n].iter().enumerate() {
                if k > 0 {
                    key.push(' ');
                }
                key.push_str(&word.key);
                if brand && k == 0 {
                    key.push_str("'s");
                }
            }
            if let Some(&e) = matcher.get(&key) {
                // A short lowercase-looking word ("Us", "Who") is not an acronym.
                if n == 1 && key.len() <= 3 && !w[i].upper {
                    continue;
                }
                found = Some((n, e));
                break;
            }
        }
        if let Some((n, e)) = found {
            let article = n == 1
                && i > 0
                && w[i].gap == Gap::Space
                && w[i - 1].sent == w[i].sent
                && (!w[i - 1].cap || w[i - 1].first)
                && with_article.contains(w[i].key.as_str())
                && lex.has(List::DefiniteArticles, &w[i - 1].key);
            let from = if article { i - 1 } else { i };
            out.push(Mention {
                span: Span::new(w[from].span.start, name_end(d, lex, &w[i + n - 1])),
                words: (from as u32, (i + n) as u32),
                entity: e,
            });
            i += n;
            continue;
        }
        // "US-Russia": try the parts of a hyphenated compound.
        let text = d.text(w[i].span);
        if text.contains(['-', '‐']) {
            let base = w[i].span.start as usize;
            let mut from = 0;
            for (k, c) in text.char_indices().chain(std::iter::once((text.len(), '-'))) {
                if c != '-' && c != '‐' {
                    continue;
                }
                let part = &text[from..k];
                let pk = fold(part);
                if let Some(&e) = matcher.get(&pk)
                    && part.chars().next().is_some_and(char::is_uppercase)
                    && (pk.len() > 3 || part.chars().all(|c| !c.is_lowercase()))
                {
                    out.push(Mention {
                        span: Span::from_usize(base + from, base + k),
                        words: (i as u32, i as u32 + 1),
                        entity: e,
                    });
                }
                from = k + c.len_utf8();
            }
        }
        i += 1;
    }
    out
}

mod translations;
mod variants;

#[cfg(test)]
mod tests;
