//! The quotes stage: each article's quotes found, their renderings grouped across articles with
//! speakers matched through the story's entities, and attribution conflicts.
//!
//! ## What it does
//!
//! 1. [`find_quotes`](crate::quotes::find_quotes) runs on every article's text; scare quotes
//!    and quotes outside prose (headlines, page chrome lines) are dropped.
//! 2. Speakers are compared through the story's merged entities: two names are one speaker when
//!    they are spellings of one entity (`Teodor Hrabtchenko` / `Grabchenko`), and two different
//!    entities are never one speaker however alike they look; a name the entities do not know
//!    falls back to [`same_speaker`](crate::quotes::same_speaker).
//! 3. [`group_renderings_with`](crate::quotes::group_renderings_with) groups the renderings of
//!    one quote; each group becomes a [`Quote`] whose speaker is the entity's display name, with
//!    one rendering per article (a copy's rendering included).
//! 4. A sentence of another article that lost its quotation marks but renders a group's quote
//!    closely joins that group (see `quotes/unmarked.rs`).
//! 5. A group whose members name different people becomes an `attribution`
//!    [`Conflict`](crate::Conflict) with one side per speaker; its evidence is each rendering and the span that
//!    names the speaker.
//!
//! ## Why
//!
//! Who said what is what a reader checks first; outlets translate a quote differently and
//! sometimes put it in another mouth. Spelling variants of a name are not a disagreement.
//!
//! ## Example
//!
//! `"We will rebuild," Mayor Teodor Hrabchenko said` and `«the bridge will be rebuilt»,
//! according to the mayor, Teodor Hrabtchenko` are one quote of one speaker.
//!
//! ## Limitations
//!
//! Quote grouping is lexical (see [`group_renderings`](crate::quotes::group_renderings)); a
//! translation that shares few content words with the other renderings stays a quote of its
//! own, and then no attribution conflict can be seen.
//!
//! ## References
//!
//! See [`crate::quotes`].

use crosscheck_core::Span;
use crosscheck_text::lexicon::{Lexicon, List};

use crate::analysis::Context;
use crate::analysis::words::fold;
use crate::entities::gender::{self, Gender};
use crate::quotes::common_nouns::{LowerForms, unname_common_noun};
use crate::quotes::media::{Media, unmedium};
pub(crate) use crate::quotes::speakers::SpeakerIndex;
use crate::quotes::{
    self, QuoteGroup, QuoteMention, SpeakerKind, continued, crosslingual, unmarked,
};
use crate::story::{EntityKind, Quote, SourceSpan};

/// The quotes of the story, per article, and their groups.
#[derive(Debug, Default)]
pub(crate) struct Quotes {
    /// Per article, the quotes kept (prose, not scare quotes).
    pub(crate) mentions: Vec<Vec<QuoteMention>>,
    /// The renderings of each quote.
    pub(crate) groups: Vec<QuoteGroup>,
    /// The story's news media: never a side of an attribution conflict.
    pub(crate) media: Media,
}

/// Finds and groups the quotes of the story.
pub(crate) fn find(ctx: &Context<'_>, speakers: &SpeakerIndex) -> Quotes {
    let mut mentions: Vec<Vec<QuoteMention>> = ctx
        .docs
        .iter()
        .map(|d| {
            let mut found = quotes::find_quotes_in(&d.article.text, d.article.language);
            found.retain(|q| !q.scare && in_prose(d, q.span));
            found
        })
        .collect();
    let quoted: Vec<Vec<Span>> =
        mentions.iter().map(|qs| qs.iter().map(|q| q.marks).collect()).collect();
    let genders = gender::genders(&ctx.docs, &ctx.entities, &quoted);
    let media = Media::new(ctx);
    let lower = LowerForms::new(ctx);
    for (di, found) in mentions.iter_mut().enumerate() {
        for q in found.iter_mut() {
            resolve_pronoun(ctx, di, q, &genders);
            if let Some(s) = q.speaker.as_mut() {
                person_at_end(ctx, s);
            }
            unmedium(ctx, di, q, &media, speakers);
            unname_common_noun(ctx, di, q, &lower, speakers);
        }
        continued::carry_on_speakers(&ctx.docs[di].article.text, found);
    }
    let langs: Vec<_> = ctx.docs.iter().map(|d| d.article.language).collect();
    let groups = quotes::group_renderings_with(&mentions, &langs, |a, b| speakers.same(a, b));
    let mut groups =
        crosslingual::join_across_languages(groups, &mentions, &langs, |a, b| speakers.same(a, b));
    let texts: Vec<&str> = ctx.docs.iter().map(|d| d.article.text.as_str()).collect();
    let prose: Vec<Vec<Span>> = ctx
        .docs
        .iter()
        .map(|d| d.sents.iter().filter(|s| !s.headline).map(|s| s.span).collect())
        .collect();
    unmarked::add_unmarked(&texts, &langs, &prose, &mut mentions, &mut groups);
    Quotes { mentions, groups, media }
}

/// How far back, in bytes, a pronoun looks for the person it stands for.
const PRONOUN_REACH: u32 = 600;
/// How far after a descriptor, in bytes, a name in apposition may start.
const APPOSITION_REACH: u32 = 60;

/// Resolves a pronoun speaker ("he said") to the nearest person the story's entities know,
/// mentioned before it in prose: the entities have seen every spelling and role cue, so they
/// are a better antecedent than the nearest capitalised phrase.
///
/// A descriptor followed by a name in apposition (`the director of the port authority, Oskar
/// Rydval,`) is that person.
///
/// A person the text genders otherwise than the pronoun (`she` after a man referred to as
/// `he`) is skipped for the nearest one who fits (see [`gender::genders`]); when no one fits,
/// a pronoun the article's own subjects resolved to that person is left unresolved.
fn resolve_pronoun(ctx: &Context<'_>, di: usize, q: &mut QuoteMention, genders: &[Option<Gender>]) {
    let Some(s) = q.speaker.as_mut() else { return };
    let d = &ctx.docs[di];
    let table = &ctx.entities;
    if s.kind == SpeakerKind::Anonymous && s.pronoun.is_none() {
        let text = d.article.text.as_str();
        let next = table.mentions[di].iter().find(|m| m.span.start >= s.span.end);
        if let Some(m) = next
            && table.entities[m.entity as usize].kind == EntityKind::Person
            && m.span.start - s.span.end <= APPOSITION_REACH
            && let Some(gap) = text.get(s.span.end as usize..m.span.start as usize)
            && gap.trim_end().ends_with(',')
            && !gap.contains(['.', ';', '"', '“', '”', '«', '»', '\n'])
        {
            s.name.clone_from(&table.entities[m.entity as usize].name);
            s.kind = SpeakerKind::Named;
            s.span = m.span;
        } else if let Some(m) = role_antecedent(ctx, di, s) {
            s.pronoun = Some(s.span);
            s.name.clone_from(&table.entities[m.entity as usize].name);
            s.kind = SpeakerKind::Named;
            s.span = m.span;
        }
        return;
    }
    let Some(p) = s.pronoun else { return };
    // "the official said", already resolved to its fuller description: not a pronoun.
    if s.kind == SpeakerKind::Anonymous && d.text(p).split_whitespace().nth(1).is_some() {
        return;
    }
    let said = gender::gender_word(d.article.language, d.text(p)).map(|(g, _)| g);
    let clashes = |e: u32| {
        said.is_some()
            && genders.get(e as usize).copied().flatten().is_some_and(|g| Some(g) != said)
    };
    let in_prose_before = |m: &&crate::analysis::Mention| {
        m.span.end <= p.start
            && table.entities[m.entity as usize].kind == EntityKind::Person
            && d.sents.get(d.words[m.words.0 as usize].sent as usize).is_some_and(|x| !x.headline)
    };
    let found = table.mentions[di]
        .iter()
        .rev()
        .find(|m| {
            in_prose_before(m) && m.span.start + PRONOUN_REACH >= p.start && !clashes(m.entity)
        })
        // Beyond the reach, the nearest person the text genders as the pronoun does (`she`
        // after the one woman the article named before, a long quotation between them).
        .or_else(|| {
            said.and_then(|g| {
                table.mentions[di].iter().rev().find(|m| {
                    in_prose_before(m)
                        && genders.get(m.entity as usize).copied().flatten() == Some(g)
                })
            })
        });
    if let Some(m) = found {
        s.name.clone_from(&table.entities[m.entity as usize].name);
        s.kind = SpeakerKind::Named;
        s.span = m.span;
        s.role = None;
    } else if s.kind == SpeakerKind::Named
        && table.mentions[di]
            .iter()
            .any(|m| m.span.start < s.span.end && s.span.start < m.span.end && clashes(m.entity))
    {
        s.name = d.text(p).to_string();
        s.kind = SpeakerKind::Anonymous;
        s.span = p;
        s.role = None;
    }
}

/// How far back, in bytes, a definite description (`the minister said`) looks for the person
/// who holds that role.
const DESCRIPTION_REACH: u32 = 1_500;

/// The person a definite description of one role word (`the minister`, `the mayor`) stands
/// for: the nearest person mentioned before it in prose, within [`DESCRIPTION_REACH`], whom the
/// story knows by that role (`Supreme Court Minister Ana Velkov`). A description whose role no
/// earlier person holds stays as written.
fn role_antecedent<'c>(
    ctx: &'c Context<'_>,
    di: usize,
    s: &crate::quotes::Speaker,
) -> Option<&'c crate::analysis::Mention> {
    let d = &ctx.docs[di];
    let lex = Lexicon::of(d.article.language);
    let mut words = s.name.split_whitespace();
    let (Some(article), Some(role), None) = (words.next(), words.next(), words.next()) else {
        return None;
    };
    let role = fold(role);
    if !lex.has(List::DefiniteArticles, &fold(article)) || !lex.has(List::Roles, &role) {
        return None;
    }
    let table = &ctx.entities;
    table.mentions[di].iter().rev().find(|m| {
        let e = &table.entities[m.entity as usize];
        m.span.end <= s.span.start
            && m.span.start + DESCRIPTION_REACH >= s.span.start
            && e.kind == EntityKind::Person
            && e.roles.iter().any(|r| r.split_whitespace().last() == Some(role.as_str()))
            && d.sents.get(d.words[m.words.0 as usize].sent as usize).is_some_and(|x| !x.headline)
    })
}

/// A name written after a role's complement ("il ministro della Marina Velm Ada Corsi") is the
/// person the entities know by its last words, when they know none by the whole.
fn person_at_end(ctx: &Context<'_>, s: &mut crate::quotes::Speaker) {
    if s.kind != SpeakerKind::Named {
        return;
    }
    let key = fold(&s.name);
    let words: Vec<&str> = key.split(' ').collect();
    let person = |name: &str| {
        ctx.entities.entities.iter().find(|e| {
            e.kind == EntityKind::Person
                && (fold(&e.name) == name || e.variants.iter().any(|(v, _)| fold(v) == name))
        })
    };
    if words.len() > 2
        && person(&key).is_none()
        && let Some(e) = (1..words.len() - 1).find_map(|k| person(&words[k..].join(" ")))
    {
        s.name.clone_from(&e.name);
    }
}

/// Whether a span starts in a prose sentence of the doc (not a headline or a chrome line).
fn in_prose(d: &crate::analysis::Doc<'_>, span: Span) -> bool {
    let i = d.sents.partition_point(|s| s.span.end <= span.start);
    d.sents.get(i).is_some_and(|s| s.span.start <= span.start && !s.headline)
}

/// The `quotes` array.
pub(crate) fn output(ctx: &Context<'_>, q: &Quotes, speakers: &SpeakerIndex) -> Vec<Quote> {
    let mut out = Vec::with_capacity(q.groups.len());
    for g in &q.groups {
        let mut renderings = Vec::new();
        let mut articles = Vec::new();
        let mut attributions = Vec::new();
        for r in &g.members {
            let d = &ctx.docs[r.article];
            if articles.last() == Some(&d.article.id) {
                continue; // one rendering per article: a repeated pull quote adds nothing
            }
            let m = &q.mentions[r.article][r.quote];
            let Some(span) = SourceSpan::from_text(d.article, m.span) else { continue };
            renderings.push(span);
            articles.push(d.article.id.clone());
            if let Some(s) = &m.speaker
                && let Some(at) = SourceSpan::from_text(d.article, s.pronoun.unwrap_or(s.span))
            {
                attributions.push(at);
            }
        }
        if renderings.is_empty() {
            continue;
        }
        let first = g
            .members
            .iter()
            .filter_map(|r| q.mentions[r.article][r.quote].speaker.as_ref())
            .find(|s| g.speaker.as_deref().is_some_and(|n| speakers.same(n, &s.name)));
        let anonymous = first.is_some_and(|s| s.kind == SpeakerKind::Anonymous);
        let speaker = g
            .speaker
            .as_deref()
            .map(|n| if anonymous { n.to_string() } else { speakers.display(n) });
        out.push(Quote {
            speaker,
            renderings,
            articles,
            role: first.and_then(|s| s.role.clone()),
            anonymous,
            attributions,
            outlets: None,
            origins: None,
        });
    }
    // Widest quotes first, then in story order (groups come sorted by first member).
    out.sort_by_key(|q| std::cmp::Reverse(q.articles.len()));
    out
}
