//! Role conflicts: different offices for one person, or one office given to different people.
//!
//! ## What it does
//!
//! Reads the role cues attached to a person's name in prose (not inside a quotation, whose
//! titles are the speaker's and of another time): a title before the name (`Mayor X`,
//! `Infrastructure Minister X`, `Coast guard captain X`, with a tail after the name, `Captain
//! X of the Coast Guard`), an appositive before it (`Zhelvany's mayor, X`, `The Minister of
//! Infrastructure, X`) or after it (`X, the director of the port authority,`). Only offices of a
//! closed list count (`mayor`, `governor`, `president`, `prime minister`, `minister`,
//! `secretary`, `senator`, `chancellor`, `king`/`queen`, `judge`, `ambassador`, `police
//! chief` / `chief of police`, `fire chief`, `sheriff`, `chief executive` / `CEO`, `chair`,
//! `director`, `captain`, `spokesperson`), read from the lexicon of the article's language
//! (`offices`, `office_words` and the other role lists; English, German and French have them,
//! with gendered forms: `Bürgermeisterin`, `la gouverneure`), every language naming the same
//! offices, so that a German and a French report compare: a language without them gives no
//! role cue, never the English ones. A compound of a portfolio and an office
//! (`Innenministerin`, `Bundesfinanzminister`) is that office with that portfolio, and an
//! elided article or preposition is read off its word (`ministre de l'Intérieur`,
//! `l'ancienne maire`). A cue with `former`, `acting`, `deputy`, `-elect`
//! and the like is left out. Each cue keeps its qualifiers (the words and entities of the
//! phrase: `zhelvany`, `port authority`) and its portfolio (from a closed list: `interior`,
//! `finance`, `transport`…, with `home`/`interior` and `defense`/`defence` as one).
//!
//! - **One person, two offices**: two reports give one person two exclusive public offices
//!   (`Mayor X` / `Governor X`; `minister` and `prime minister` can be held together, and
//!   corporate titles, ranks and spokespeople are never exclusive; a `national security
//!   adviser` is, and so is the secretary of a council, committee or commission, unlike a
//!   secretary of state), or one office with two portfolios (`Transport Minister X` /
//!   `Health Minister X`).
//! - **One office, several people**: two reports give one office to two people, and no report
//!   gives it to both (a predecessor). The office must have one holder (not `senator`,
//!   `judge`, `captain`); `minister` and `secretary` need one portfolio on both sides. When
//!   both cues are qualified, the qualifiers must nest (`Velm Mayor` / `Mayor … of Velm`);
//!   a bare local office (`the police chief`, `the mayor`, `the governor`, `the chief
//!   executive`) counts only when the two sentences tell the same fact (context cosine 0.3).
//!   A name whose words are all in the other's (`Boone Isaacs`, `Cheryl Boone Isaacs`) is one
//!   person.
//!
//! ## Why
//!
//! Outlets confuse who holds an office, or which office a person holds. But one role is worded
//! many ways, a person can hold compatible roles (`the minister` and `the party leader`), and
//! a story about several places has several mayors and presidents: the rule compares only
//! offices it knows, and bare ones only within one fact.
//!
//! ## Example
//!
//! `Mayor Anna Kessler` and `Governor Anna Kessler`: a role conflict, mayor vs governor.
//! `Police chief Tomas Brandt said the gunman acted alone` and `Police chief Elin Varga said the
//! gunman acted alone`: a role conflict, Brandt vs Varga. `Infrastructure Minister Irena
//! Maltsava` and `The Minister of Infrastructure, Irena Maltsava`, or `Mayor X` and
//! `Zhelvany's mayor, X`, are one role worded twice.
//!
//! ## Limitations
//!
//! Roles given by a verb (`X, who heads the agency`) or far from the name are not read, nor
//! offices outside the list. Qualifiers are compared as words, so one office given to two
//! people is found within a language, not across two (`Innenminister` and `ministre de
//! l'Intérieur` qualify the office with other words); one person given two offices is found
//! across languages. Qualifiers are words, not places: `Velm Mayor X` and `Mayor X of
//! Ostra`, if Velm lies in Ostra, look like two offices. Two presidents of two countries
//! written bare (`President X`, `President Y`) are never compared, even when one is wrong.
//!
//! ## References
//!
//! None; a rule of thumb.

use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::Span;
use crosscheck_text::lexicon::{Lexicon as Words, List};

use super::common::split_sides;
use crate::analysis::events::{Bag, Lexicon};
use crate::analysis::words::{fold, is_speech_verb};
use crate::analysis::{Context, Doc, Gap};
use crate::entities::linkage::single_linkage_among;
use crate::entities::names::same_word;
use crate::story::{Conflict, ConflictKind, EntityKind};

/// Similarity from which two sentences giving a bare office (`the police chief`) to two
/// people tell the same fact.
const SAME_ROLE: f32 = 0.3;

/// An office a role cue names, and how it can be contradicted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[expect(clippy::struct_excessive_bools, reason = "independent properties of an office")]
struct Office {
    /// The canonical name of the office family (`police chief` for `chief of police`).
    name: &'static str,
    /// A public office one person holds one of at a time (`mayor`, `governor`, `senator`).
    exclusive: bool,
    /// One holder within what qualifies it (`Interior Minister`, `Velm's mayor`).
    sole: bool,
    /// One holder in the place a story happens: compared bare (`the police chief`) when the
    /// sentences tell the same fact.
    local: bool,
    /// Sole only with a portfolio (`minister`, `secretary`: a government has many).
    portfolio: bool,
    /// Read as a body's office when a body qualifies it (`Secretary of the Security Council`).
    body: bool,
    /// The office it can be held together with although both are exclusive (`minister` and
    /// `prime minister`).
    together: Option<&'static str>,
}

impl Office {
    /// The office `name` of the lexicon's [`List::Offices`], with its properties.
    fn of(lx: &Words, name: &'static str) -> Option<Office> {
        let flags = lx.value(List::Offices, name)?;
        let has = |f: &str| flags.split_whitespace().any(|x| x == f);
        Some(Office {
            name,
            exclusive: has("exclusive"),
            sole: has("sole"),
            local: has("local"),
            portfolio: has("portfolio"),
            body: has("body"),
            together: lx.value(List::OfficesHeldTogether, name),
        })
    }
}

/// Offices that one person can hold together although both are exclusive.
fn held_together(a: &Office, b: &Office) -> bool {
    a.together == Some(b.name) || b.together == Some(a.name)
}

/// The office whose head word is word `k` of a phrase bounded by `lo..hi`: the office, the
/// first word of its compound and the end of it (`chief of police` runs past `chief`).
///
/// The phrases of [`List::OfficeWords`] are tried longest first: ending with the head word
/// (`chief executive officer`, `prime minister`), then opening with it and going on with a
/// tail word (`chief of police`), then the head word alone; one of [`List::NotOffices`]
/// (`general secretary`) names no office.
fn office_at(d: &Doc<'_>, lo: usize, k: usize, hi: usize) -> Option<(Office, usize, usize)> {
    office_at_with(d, lo, k, hi).map(|(o, a, b, _)| (o, a, b))
}

/// As [`office_at`], with the portfolio a compound office word gives (`innen` of
/// `Innenminister`): the part before an office word of the list that ends with a word of
/// [`List::Portfolios`], as written there.
fn office_at_with(
    d: &Doc<'_>,
    lo: usize,
    k: usize,
    hi: usize,
) -> Option<(Office, usize, usize, Option<&'static str>)> {
    let lx = Words::of(d.article.language);
    let key = |i: usize| key_of(d, i);
    let joined = |i: usize| i > lo && d.words[i].gap == Gap::Space;
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(4);
    if joined(k) {
        // A phrase ending with its head never holds a tail word (`chief of police` is read
        // from `chief`).
        if joined(k - 1) && !lx.has(List::RoleTails, &key(k - 1)) {
            spans.push((k - 2, k + 1));
        }
        spans.push((k - 1, k + 1));
    }
    if k + 2 < hi
        && lx.has(List::RoleTails, &key(k + 1))
        && d.words[k + 1].gap == Gap::Space
        && d.words[k + 2].gap == Gap::Space
    {
        spans.push((k, k + 3));
    }
    spans.push((k, k + 1));
    for (a, b) in spans {
        let phrase = (a..b).map(key).collect::<Vec<_>>().join(" ");
        if lx.has(List::NotOffices, &phrase) {
            return None;
        }
        if let Some(name) = lx.value(List::OfficeWords, &phrase) {
            return Some((Office::of(lx, name)?, a, b, None));
        }
    }
    let (name, portfolio) = compound(lx, &key(k))?;
    Some((Office::of(lx, name)?, k, k + 1, Some(portfolio)))
}

/// A compound of a portfolio and an office word (`innenminister`, `bundesfinanzministerin`):
/// the office, and the portfolio word the part before it ends with.
fn compound(lx: &Words, key: &str) -> Option<(&'static str, &'static str)> {
    key.char_indices().skip(1).find_map(|(j, _)| {
        let name = lx.value(List::OfficeWords, &key[j..])?;
        let head = &key[..j];
        let part = head.char_indices().find_map(|(i, _)| lx.word(List::Portfolios, &head[i..]))?;
        Some((name, part))
    })
}

/// Word `i`'s key, an elided article or preposition written on it read off (`l'Intérieur`
/// is `interieur`, `l'ancienne` is `ancienne`): the part before the apostrophe must be one of
/// the language's role openers or joiners.
fn key_of<'d>(d: &'d Doc<'_>, i: usize) -> Cow<'d, str> {
    let w = &d.words[i];
    if let Some((head, rest)) = d.text(w.span).split_once(['\'', '’'])
        && !rest.is_empty()
    {
        let lx = Words::of(d.article.language);
        let head = fold(head);
        if lx.has(List::RoleOpeners, &head) || lx.has(List::RoleJoiners, &head) {
            return Cow::Owned(fold(rest));
        }
    }
    Cow::Borrowed(w.key.as_str())
}

/// How a role phrase must fill the words it is read from.
#[derive(Debug, Clone, Copy)]
enum Fit {
    /// Anywhere: a title before a name (`said Mayor X`).
    Any,
    /// Opening with a determiner or at the start of the words (`according to the mayor, X`).
    Opens,
    /// Filling the words (`X, the director of the port authority,`).
    Whole,
}

/// A role given to a person by a cue attached to the name.
#[derive(Debug, Clone)]
struct Titled {
    doc: usize,
    sent: usize,
    person: u32,
    office: Office,
    /// What qualifies the office: folded words and `e:` entity ids (`Zhelvany's mayor`
    /// gives `zhelvany` and Zhelvany's id), the person's own name left out.
    qualifiers: BTreeSet<String>,
    /// The portfolios among the qualifiers (`infrastructure`).
    portfolio: BTreeSet<&'static str>,
    /// The body the office belongs to, for an office read as a body's (`council` of
    /// `Secretary of the Security Council`).
    body: Option<&'static str>,
    /// The cue and the name, in text offsets.
    span: Span,
}

impl Titled {
    /// The office as a side of a conflict shows it (`mayor`, `transport minister`).
    /// The secretary of a council reads as one (`defence council secretary`), never as the
    /// portfolio's secretary, an office the person does not hold.
    fn label(&self) -> String {
        let office = match self.body {
            Some(body) => format!("{body} {}", self.office.name),
            None => self.office.name.to_string(),
        };
        if self.office.portfolio && !self.portfolio.is_empty() {
            let p: Vec<&str> = self.portfolio.iter().copied().collect();
            format!("{} {office}", p.join(" and "))
        } else {
            office
        }
    }
}

/// A role phrase read from the words `lo..end` of a doc (`Zhelvany's mayor`, `the director of
/// the port authority`, `Coast guard captain`): the office, its qualifiers and where the
/// phrase starts. The phrase ends with the office or with a tail that opens with `of`, `for`,
/// `to` or `at`; `fit` says how it must open.
fn role_phrase(
    d: &Doc<'_>,
    ents: &[Option<u32>],
    person: u32,
    lo: usize,
    end: usize,
    fit: Fit,
) -> Option<(Office, BTreeSet<String>, usize)> {
    if end <= lo {
        return None;
    }
    let lx = Words::of(d.article.language);
    let modified = |w: &str| lx.has(List::RoleModifiers, w);
    let determiner = |w: &str| lx.has(List::RoleOpeners, w);
    let joining = |w: &str| lx.has(List::RoleJoiners, w);
    // The head: the office nearest the end whose tail is empty or a prepositional phrase.
    let mut found = None;
    for k in (lo.max(end.saturating_sub(8))..end).rev() {
        if let Some((o, a, b, part)) = office_at_with(d, lo, k, end) {
            let tail_ok = b >= end
                || (lx.has(List::RoleTails, &key_of(d, b))
                    && (b..end).all(|i| d.words[i].gap == Gap::Space && !d.words[i].digit));
            if tail_ok {
                found = Some((o, a, b, part));
            }
            break;
        }
    }
    let (office, head, tail, part) = found?;
    let mut qualifiers: BTreeSet<String> = part.map(str::to_string).into_iter().collect();
    let add = |i: usize, q: &mut BTreeSet<String>| {
        if let Some(e) = ents[i] {
            if e == person {
                return false;
            }
            q.insert(format!("e:{e}"));
        }
        let key = key_of(d, i);
        if !joining(&key) && !determiner(&key) {
            q.insert(key.into_owned());
        }
        true
    };
    for i in tail.min(end)..end {
        if !add(i, &mut qualifiers) {
            return None;
        }
    }
    // Qualifiers before the office, up to a determiner, the phrase's start or a stop word.
    let mut k = head;
    let mut clean = k == lo;
    let mut n = 0;
    let mut before: Vec<usize> = Vec::new();
    while k > lo {
        let w = &d.words[k - 1];
        if d.words[k].gap != Gap::Space {
            clean = true;
            break;
        }
        let key = key_of(d, k - 1);
        let key = key.trim_end_matches('.');
        if modified(key) {
            return None;
        }
        if determiner(key) {
            clean = true;
            k -= 1;
            break;
        }
        if w.digit
            || n >= 4
            || crate::entities::names::is_role(Words::of(d.article.language), key)
            || is_speech_verb(Words::of(d.article.language), key)
            || (!w.cap && !w.possessive && crosscheck_text::is_stopword(d.article.language, key))
        {
            break;
        }
        before.push(k - 1);
        n += 1;
        k -= 1;
        if k == lo {
            clean = true;
        }
    }
    // Lower-case words that open the run without a determiner are the sentence's, not the
    // title's: `later headed President X`; `Coast guard captain X` and `the transport minister`
    // keep theirs.
    let opened = k < head && determiner(&key_of(d, k));
    while !opened && before.last().is_some_and(|&i| !d.words[i].cap && !d.words[i].possessive) {
        before.pop();
    }
    for i in before {
        if !add(i, &mut qualifiers) {
            return None;
        }
    }
    // "-elect", "then-", "ex-" glued to the office.
    if d.words[head..tail.min(end)].iter().any(|w| w.key.split('-').any(modified)) {
        return None;
    }
    let fits = match fit {
        Fit::Any => true,
        Fit::Opens => clean,
        Fit::Whole => clean && k == lo,
    };
    if !fits {
        return None;
    }
    Some((office, qualifiers, k))
}

fn titles(ctx: &Context<'_>) -> Vec<Titled> {
    let table = &ctx.entities;
    let mut out = Vec::new();
    for (di, d) in ctx.docs.iter().enumerate() {
        let lx = Words::of(d.article.language);
        let joining = |w: &str| lx.has(List::RoleJoiners, w);
        let ents = table.word_entities(di, d.words.len());
        for m in &table.mentions[di] {
            if table.entities[m.entity as usize].kind != EntityKind::Person {
                continue;
            }
            let (first, last) = (m.words.0 as usize, m.words.1 as usize);
            let sent = d.words[first].sent as usize;
            let Some(s) = d.sents.get(sent) else { continue };
            let (lo, hi) = (s.words.start as usize, s.words.end as usize);
            // A role inside a quotation is the speaker's word ("As president, Senator X will
            // fight"), of another time.
            if !s.claim || first < lo || last > hi || crate::timeline::quoted(d, sent, m.span) {
                continue;
            }
            let mut push = |office: Office, qualifiers: BTreeSet<String>, span: Span| {
                let portfolio =
                    qualifiers.iter().filter_map(|q| lx.value(List::Portfolios, q)).collect();
                // The first body in order of preference.
                let body = office
                    .body
                    .then(|| {
                        lx.words(List::OfficeBodies)
                            .filter(|b| qualifiers.contains(*b))
                            .min_by_key(|b| lx.number(List::OfficeBodies, b))
                    })
                    .flatten();
                out.push(Titled {
                    doc: di,
                    sent,
                    person: m.entity,
                    office,
                    qualifiers,
                    portfolio,
                    body,
                    span,
                });
            };
            if first > lo && d.words[first].gap == Gap::Space {
                // A title before the name: `Mayor X`, `Coast guard captain X`, and a tail
                // after it: `Captain X of the Coast Guard`.
                let start = (lo..first)
                    .rev()
                    .find(|&i| i == lo || d.words[i].gap != Gap::Space)
                    .unwrap_or(lo);
                if let Some((office, mut q, k)) =
                    role_phrase(d, &ents, m.entity, start, first, Fit::Any)
                    && office_at(d, start, first - 1, first).is_some_and(|o| o.2 == first)
                {
                    let mut e = last;
                    if last < hi
                        && lx.has(List::GenitivePrepositions, &d.words[last].key)
                        && d.words[last].gap == Gap::Space
                    {
                        e = last + 1;
                        let mut named = false;
                        while e < hi && e < last + 6 && d.words[e].gap == Gap::Space {
                            let w = &d.words[e];
                            // The object of `of` ends at the verb: `of the Coast Guard said`.
                            let plain = !w.cap && !joining(&w.key);
                            if plain
                                && (named
                                    || is_speech_verb(Words::of(d.article.language), &w.key)
                                    || crosscheck_text::is_stopword(d.article.language, &w.key))
                            {
                                break;
                            }
                            named |= w.cap;
                            if let Some(x) = ents[e] {
                                q.insert(format!("e:{x}"));
                            }
                            if !joining(&d.words[e].key) {
                                q.insert(d.words[e].key.clone());
                            }
                            e += 1;
                        }
                    }
                    let end = if e > last { d.words[e - 1].span.end } else { m.span.end };
                    push(office, q, Span::new(d.words[k].span.start, end));
                    continue;
                }
            }
            if first > lo && d.words[first].gap == Gap::Comma {
                // An appositive before the name: `Zhelvany's mayor, X`, `the mayor, X`.
                let start = (lo..first)
                    .rev()
                    .find(|&i| i == lo || d.words[i].gap != Gap::Space)
                    .unwrap_or(lo);
                if let Some((office, q, k)) =
                    role_phrase(d, &ents, m.entity, start, first, Fit::Opens)
                {
                    push(office, q, Span::new(d.words[k].span.start, m.span.end));
                    continue;
                }
            }
            if last < hi && d.words[last].gap == Gap::Comma {
                // An appositive after the name: `X, the director of the port authority,`.
                let end = (last + 1..=hi)
                    .find(|&i| i == hi || d.words[i].gap != Gap::Space)
                    .unwrap_or(hi);
                if let Some((office, q, _)) = role_phrase(d, &ents, m.entity, last, end, Fit::Whole)
                {
                    push(office, q, Span::new(m.span.start, d.words[end - 1].span.end));
                }
            }
        }
    }
    out
}

/// Whether two qualifier sets can name one office: one holds the other (`port authority` and
/// `Zhelvany Port Authority`), spellings of a word counting as one.
fn nested_qualifiers(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let within = |x: &BTreeSet<String>, y: &BTreeSet<String>| {
        x.iter()
            .all(|w| y.contains(w) || (!w.starts_with("e:") && y.iter().any(|v| same_word(w, v))))
    };
    within(a, b) || within(b, a)
}

/// Whether a role is an exclusive office: the office's own flag, or a secretary of a council,
/// committee or commission (`Secretary of the Security Council`), a body with one secretary
/// whose holder holds no other such office.
fn exclusive(t: &Titled) -> bool {
    t.office.exclusive || t.body.is_some()
}

/// Whether two roles given to one person cannot both be right: two exclusive offices not held
/// together (`mayor` and `governor`), or one office with two portfolios (`transport minister`
/// and `health minister`).
fn offices_clash(a: &Titled, b: &Titled) -> bool {
    if a.office.name != b.office.name {
        return exclusive(a) && exclusive(b) && !held_together(&a.office, &b.office);
    }
    a.office.portfolio
        && !a.portfolio.is_empty()
        && !b.portfolio.is_empty()
        && a.portfolio.is_disjoint(&b.portfolio)
}

/// What [`offices_clash`] reads of a role: two roles of one key clash with the same roles.
type ClashKey = (Office, bool, BTreeSet<&'static str>);

fn clash_key(t: &Titled) -> ClashKey {
    (t.office, t.body.is_some(), t.portfolio.clone())
}

/// One person's roles in one office, by portfolio and qualifiers (indices of the roles).
type Qualified<'t> = BTreeMap<(&'t BTreeSet<&'static str>, &'t BTreeSet<String>), Vec<usize>>;

/// The role conflicts of a story.
pub(super) fn find(ctx: &Context<'_>, lexicon: &Lexicon) -> Vec<Conflict> {
    let titled = titles(ctx);
    let mut out = Vec::new();
    if titled.len() < 2 {
        return out;
    }
    let name = |p: u32| ctx.entities.entities[p as usize].name.clone();
    let report = |t: &Titled| ctx.canon[t.doc];

    // One person, two offices. Roles are compared by what the clash reads of them (their
    // keys, a handful a person), never member by member.
    let mut key_ids: HashMap<ClashKey, usize> = HashMap::new();
    let mut key_rep: Vec<usize> = Vec::new();
    let kid: Vec<usize> = titled
        .iter()
        .enumerate()
        .map(|(i, t)| {
            *key_ids.entry(clash_key(t)).or_insert_with(|| {
                key_rep.push(i);
                key_rep.len() - 1
            })
        })
        .collect();
    let keys_clash = |x: usize, y: usize| offices_clash(&titled[key_rep[x]], &titled[key_rep[y]]);
    let mut by_person: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, t) in titled.iter().enumerate() {
        by_person.entry(t.person).or_default().push(i);
    }
    for (&person, items) in &by_person {
        // A report that gives one person two clashing roles knows something the rule does not
        // (a change of office): it is left out.
        let mut report_keys: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for &i in items {
            report_keys.entry(report(&titled[i])).or_default().insert(kid[i]);
        }
        let torn: BTreeSet<usize> = report_keys
            .iter()
            .filter(|(_, ks)| ks.iter().any(|&x| ks.iter().any(|&y| keys_clash(x, y))))
            .map(|(&r, _)| r)
            .collect();
        let items: Vec<usize> =
            items.iter().copied().filter(|&i| !torn.contains(&report(&titled[i]))).collect();
        // The reports of each key: two keys that clash clash across reports unless both are
        // given by one and the same report alone.
        let mut key_reports: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for &i in &items {
            key_reports.entry(kid[i]).or_default().insert(report(&titled[i]));
        }
        let clash = key_reports.iter().any(|(&x, rx)| {
            key_reports
                .iter()
                .any(|(&y, ry)| keys_clash(x, y) && !(rx.len() == 1 && ry.len() == 1 && rx == ry))
        });
        if !clash {
            continue;
        }
        // Only the roles that take part in a clash are shown.
        let clashing: BTreeSet<usize> = key_reports
            .keys()
            .copied()
            .filter(|&x| key_reports.keys().any(|&y| keys_clash(x, y)))
            .collect();
        let items: Vec<&Titled> =
            items.iter().filter(|&&i| clashing.contains(&kid[i])).map(|&i| &titled[i]).collect();
        if let Some(sides) = split_sides(
            ctx,
            &items,
            clash_key,
            |a, b| !offices_clash(a, b),
            Titled::label,
            |t| (t.doc, t.span),
        ) {
            out.push(Conflict {
                kind: ConflictKind::Role,
                topic: format!("the office of {}", name(person)),
                sides,
            });
        }
    }

    // One office, several people.
    // A role's context is worked out only when a bare local office needs it.
    let contexts: Vec<OnceCell<Bag>> = titled.iter().map(|_| OnceCell::new()).collect();
    let context = |i: usize| {
        let t = &titled[i];
        contexts[i].get_or_init(|| lexicon.context(&ctx.docs, t.doc, t.sent, t.span, &[]))
    };
    let folded: BTreeMap<u32, Vec<String>> = titled
        .iter()
        .map(|t| {
            (
                t.person,
                crate::analysis::words::fold(&name(t.person))
                    .split(' ')
                    .map(str::to_string)
                    .collect(),
            )
        })
        .collect();
    // "Dirk" written for "Dirk A. Kempthorne" (a name cut at a middle initial), "Boone Isaacs"
    // for "Cheryl Boone Isaacs": a name whose words are all in another's is not another person.
    let one_person = |p: u32, q: u32| {
        let (a, b) = (&folded[&p], &folded[&q]);
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        short.iter().all(|w| long.contains(w))
    };
    let same_role = |i: usize, j: usize| -> bool {
        let (a, b) = (&titled[i], &titled[j]);
        if a.office != b.office || !a.office.sole {
            return false;
        }
        if a.office.portfolio
            && (a.portfolio.is_empty()
                || b.portfolio.is_empty()
                || a.portfolio.is_disjoint(&b.portfolio))
        {
            return false;
        }
        if !nested_qualifiers(&a.qualifiers, &b.qualifiers) {
            return false;
        }
        if !a.qualifiers.is_empty() && !b.qualifiers.is_empty() {
            return true;
        }
        // A bare office ("the police chief") is the story's own only when both sentences
        // tell the same fact.
        if !a.office.local {
            return false;
        }
        let (x, y) = (context(i), context(j));
        x.shares(y) >= 2 && x.cosine(y) >= SAME_ROLE
    };
    let rivals = |i: usize, j: usize| -> bool {
        let (a, b) = (&titled[i], &titled[j]);
        a.person != b.person
            && report(a) != report(b)
            && !one_person(a.person, b.person)
            && same_role(i, j)
    };
    // What `same_role` reads of a role besides its context: two groups of roles whose
    // qualifiers can never name one office are not compared member by member.
    let never = |i: usize, j: usize| -> bool {
        let (a, b) = (&titled[i], &titled[j]);
        (a.office.portfolio
            && (a.portfolio.is_empty()
                || b.portfolio.is_empty()
                || a.portfolio.is_disjoint(&b.portfolio)))
            || !nested_qualifiers(&a.qualifiers, &b.qualifiers)
            || ((a.qualifiers.is_empty() || b.qualifiers.is_empty()) && !a.office.local)
    };
    // Rivals hold one sole office: pairs are sought within an office, between two people not
    // one, between groups of roles of one qualification.
    let mut by_office: HashMap<Office, BTreeMap<u32, Qualified<'_>>> = HashMap::new();
    for (i, t) in titled.iter().enumerate() {
        if t.office.sole {
            by_office
                .entry(t.office)
                .or_default()
                .entry(t.person)
                .or_default()
                .entry((&t.portfolio, &t.qualifiers))
                .or_default()
                .push(i);
        }
    }
    let mut rival_pairs: Vec<(usize, usize)> = Vec::new();
    for people in by_office.values() {
        let people: Vec<(u32, &Qualified<'_>)> = people.iter().map(|(&p, q)| (p, q)).collect();
        for (x, &(p, ps)) in people.iter().enumerate() {
            for &(q, qs) in &people[x + 1..] {
                if one_person(p, q) {
                    continue;
                }
                for is in ps.values() {
                    for js in qs.values() {
                        if never(is[0], js[0]) && never(js[0], is[0]) {
                            continue;
                        }
                        for &i in is {
                            for &j in js {
                                let (i, j) = (i.min(j), i.max(j));
                                if rivals(i, j) {
                                    rival_pairs.push((i, j));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    rival_pairs.sort_unstable();
    // A report that gives one office to both people knows they are two (a predecessor).
    let mut given: HashMap<(u32, &str), BTreeSet<usize>> = HashMap::new();
    for t in &titled {
        given.entry((t.person, t.office.name)).or_default().insert(report(t));
    }
    rival_pairs.retain(|&(i, j)| {
        let (a, b) = (&titled[i], &titled[j]);
        let of_b = given.get(&(b.person, a.office.name));
        given[&(a.person, a.office.name)].iter().all(|r| of_b.is_none_or(|rs| !rs.contains(r)))
    });
    let involved: Vec<usize> = {
        let mut v: Vec<usize> = rival_pairs.iter().flat_map(|&(i, j)| [i, j]).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    // Linked: rivals, and the roles of one person in one office (each to the next of them).
    let at: HashMap<usize, usize> = involved.iter().enumerate().map(|(x, &i)| (i, x)).collect();
    let mut links: Vec<Vec<usize>> = vec![Vec::new(); involved.len()];
    for &(i, j) in &rival_pairs {
        links[at[&i]].push(at[&j]);
    }
    let mut last: HashMap<(u32, Office), usize> = HashMap::new();
    for (x, &i) in involved.iter().enumerate().rev() {
        let t = &titled[i];
        if let Some(y) = last.insert((t.person, t.office), x) {
            links[x].push(y);
        }
    }
    let groups =
        single_linkage_among(involved.len(), |x| std::mem::take(&mut links[x]), |_, _| true);
    for g in groups {
        let items: Vec<&Titled> = g.iter().map(|&x| &titled[involved[x]]).collect();
        let people: BTreeSet<u32> = items.iter().map(|t| t.person).collect();
        if people.len() < 2 {
            continue;
        }
        let Some(sides) = split_sides(
            ctx,
            &items,
            |t| t.person,
            |a, b| a.person == b.person,
            |t| name(t.person),
            |t| (t.doc, t.span),
        ) else {
            continue;
        };
        let shown = items.first().map_or_else(String::new, |t| {
            let d = &ctx.docs[t.doc];
            let text = d.text(t.span);
            let person = &ctx.entities.entities[t.person as usize];
            let cut = person.variants.iter().filter_map(|(v, _)| text.find(v.as_str())).min();
            let shown = match cut {
                Some(0) => text.split_once(',').map_or(text, |x| x.1),
                Some(c) => &text[..c],
                None => text,
            };
            shown.trim().trim_matches(',').trim().to_string()
        });
        out.push(Conflict { kind: ConflictKind::Role, topic: format!("who is {shown}"), sides });
    }
    out
}

#[cfg(test)]
mod tests {
    use crosscheck_core::{Article, Lang};

    use super::*;

    #[test]
    fn every_office_word_names_a_known_office() {
        let english: BTreeSet<&str> = Words::of(Lang::EN).words(List::Offices).collect();
        for lang in ["en", "de", "fr"] {
            let lx = Words::of(lang.parse().unwrap());
            let mut n = 0;
            for w in lx.words(List::OfficeWords) {
                let name = lx.value(List::OfficeWords, w).unwrap_or_default();
                assert!(Office::of(lx, name).is_some(), "{lang}: {w:?} names {name:?}");
                n += 1;
            }
            assert!(n > 10, "{lang}");
            for w in lx.words(List::OfficesHeldTogether) {
                let other = lx.value(List::OfficesHeldTogether, w).unwrap_or_default();
                assert!(lx.has(List::Offices, w) && lx.has(List::Offices, other), "{w:?}");
            }
            let known = ["exclusive", "sole", "local", "portfolio", "body", "-"];
            for w in lx.words(List::Offices) {
                let flags = lx.value(List::Offices, w).unwrap_or_default();
                assert!(flags.split_whitespace().all(|f| known.contains(&f)), "{w:?}: {flags:?}");
                // One vocabulary of offices, so that reports in several languages compare.
                assert!(english.contains(w), "{lang}: {w:?} is no office of the others");
            }
            // Folded, as the words of a text are compared.
            for list in [List::OfficeWords, List::Portfolios, List::Roles, List::RoleModifiers] {
                assert!(lx.words(list).all(|w| w == fold(w)), "{lang} {list:?}");
            }
        }
    }

    #[test]
    fn a_compound_office_gives_its_portfolio() {
        let de = Words::of("de".parse().unwrap());
        assert_eq!(compound(de, "innenministerin"), Some(("minister", "innen")));
        assert_eq!(compound(de, "bundesfinanzminister"), Some(("minister", "finanz")));
        // The part before the office must end with a portfolio.
        assert_eq!(compound(de, "generalsekretar"), None);
        assert_eq!(compound(de, "vizekanzler"), None);
        assert_eq!(compound(Words::of(Lang::EN), "armchair"), None);
    }

    #[test]
    fn german_and_french_titles_are_read() {
        let de = "Bürgermeisterin Ilse Varnholm sagte am Mittwoch, das Depot werde wieder öffnen.\n\
                  Innenministerin Ada Korvel kündigte neue Pumpen an.";
        let fr = "Le dépôt rouvrira, a déclaré la maire Ilse Varnholm mercredi.\n\
                  Le ministre de l'Intérieur, Ada Korvel, a annoncé des pompes.\n\
                  L'ancienne gouverneure Ilse Varnholm a salué les pompiers.";
        let arts = [("de", de), ("fr", fr)]
            .map(|(l, t)| Article { language: l.parse().unwrap(), ..Article::from_text(l, t) });
        let docs: Vec<Doc<'_>> = arts.iter().map(Doc::new).collect();
        let entities = crate::entities::find(&docs);
        let ctx = Context { canon: vec![0, 1], docs, entities };
        let got: Vec<(usize, String, String)> = titles(&ctx)
            .iter()
            .map(|t| (t.doc, ctx.entities.entities[t.person as usize].name.clone(), t.label()))
            .collect();
        let want = [
            (0, "Ilse Varnholm", "mayor"),
            (0, "Ada Korvel", "interior minister"),
            (1, "Ilse Varnholm", "mayor"),
            (1, "Ada Korvel", "interior minister"),
        ]
        .map(|(d, n, l)| (d, n.to_string(), l.to_string()));
        // The former governor is no current office.
        assert_eq!(got, want);
    }

    #[test]
    fn offices_read_their_properties() {
        let en = Words::of(Lang::EN);
        let minister = Office::of(en, "minister").expect("minister is an office");
        assert!(minister.exclusive && minister.sole && minister.portfolio && !minister.local);
        assert_eq!(minister.together, Some("prime minister"));
        let pm = Office::of(en, "prime minister").expect("prime minister is an office");
        assert!(held_together(&minister, &pm) && held_together(&pm, &minister));
        let mayor = Office::of(en, "mayor").expect("mayor is an office");
        assert!(mayor.local && !held_together(&mayor, &pm));
        let secretary = Office::of(en, "secretary").expect("secretary is an office");
        assert!(secretary.body && !secretary.exclusive);
        assert_eq!(en.value(List::Portfolios, "defense"), Some("defence"));
    }

    #[test]
    fn a_language_without_the_lists_has_no_office() {
        assert!(Office::of(Words::of(Lang::UNKNOWN), "mayor").is_none());
        assert!(Words::of(Lang::UNKNOWN).words(List::OfficeWords).next().is_none());
    }
}
