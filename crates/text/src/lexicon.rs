//! Word data per language: one lexicon per [`Lang`], kept as data files.
//!
//! Every closed word list a rule reads (stopwords, speech verbs, offices, cue words, number
//! words, months, abbreviations…) lives in `crates/text/lexicon/<language>/<list>.txt`, one
//! entry a line, sorted and free of duplicates. The build script embeds every file it finds, so
//! adding a language is adding a directory and adding a list to it is adding a file (the file
//! name is a [`List`]'s [`name`](List::name)); a test fails on an unsorted list, a duplicate or a
//! file no [`List`] names.
//!
//! A rule asks for the lexicon of the article's language ([`Lexicon::of`]); a language without
//! a list gets an empty one, so that the rule finds nothing rather than falling back to English.
//! Lists that hold for names in any language (name particles such as `van` or `bin`) live under
//! `mul` (ISO 639-2 "multiple languages"): [`Lexicon::common`].
//!
//! # File format
//!
//! ```text
//! # A comment line.
//! said
//! says
//! ```
//!
//! An entry may carry a value after a tab (`twelve<TAB>12`, `june<TAB>6`), read with
//! [`Lexicon::value`] or [`Lexicon::number`]. Entries are lowercase, and may hold spaces
//! (`prime minister`); they sort by their bytes (`LC_ALL=C sort`).
//!
//! # Example
//!
//! ```
//! use crosscheck_core::Lang;
//! use crosscheck_text::lexicon::{Lexicon, List};
//!
//! let en = Lexicon::of(Lang::EN);
//! assert!(en.has(List::SpeechVerbs, "said"));
//! assert_eq!(en.number(List::NumberWords, "twelve"), Some(12));
//! assert!(!Lexicon::of(Lang::UNKNOWN).has(List::SpeechVerbs, "said"));
//! ```

use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use crosscheck_core::Lang;
use foldhash::{HashMap, HashMapExt};

include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));

macro_rules! lists {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// A word list of a [`Lexicon`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum List {
            $($(#[$doc])* $variant,)*
        }

        impl List {
            /// Every list.
            pub const ALL: &'static [List] = &[$(List::$variant,)*];

            /// The list's file name, without `.txt`.
            pub fn name(self) -> &'static str {
                match self {
                    $(List::$variant => $name,)*
                }
            }

            /// The list a file name (without `.txt`) names.
            pub fn from_name(name: &str) -> Option<List> {
                match name {
                    $($name => Some(List::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

lists! {
    /// Function words: articles, pronouns, prepositions, conjunctions, auxiliaries.
    Stopwords => "stopwords",
    /// Verbs of saying in their inflected forms (`said`, `told`, `warned`).
    SpeechVerbs => "speech_verbs",
    /// Titles and offices written before a name (`mayor`, `president`, `gen`).
    Roles => "roles",
    /// Words that make a capitalised phrase an organisation (`ministry`, `council`).
    OrgWords => "org_words",
    /// Words that make a capitalised phrase a place (`river`, `island`).
    GeoWords => "geo_words",
    /// Words that start a place name (`mount`, `lake`, `saint`).
    GeoPrefixes => "geo_prefixes",
    /// Capitalised words that are never a name on their own (`monday`, `however`).
    NotNames => "not_names",
    /// Nouns before a name that make it an organisation (`the company Ostmarr Line`).
    OrgCues => "org_cues",
    /// Words before a name that make it a place (`in`, `near`, `the city of`).
    PlaceCues => "place_cues",
    /// Particles that join the words of one name (`of`, `van`, `bin`).
    NameParticles => "name_particles",
    /// Lowercase nouns and modifiers that make up a role or an anonymous speaker
    /// (`spokesperson`, `senior`, `official`).
    RoleWords => "role_words",
    /// Titles written before a speaker's name (`mayor`, `minister`, `dr`).
    Titles => "titles",
    /// Titles written with a period (`dr`, `gen`), without it.
    TitleAbbreviations => "title_abbreviations",
    /// Determiners that open a noun phrase (`the`, `a`, `his`).
    Determiners => "determiners",
    /// Articles (`the`, `a`, `an`).
    Articles => "articles",
    /// Function words that may be capitalised at a sentence start but open no name (`but`,
    /// `when`).
    CapitalisedFunctionWords => "capitalised_function_words",
    /// Words left out when quotes are compared (function words and reporting verbs).
    QuoteStopwords => "quote_stopwords",
    /// Number words with their values (`twelve<TAB>12`).
    NumberWords => "number_words",
    /// Words that negate what follows (`no`, `never`).
    Negations => "negations",
    /// Abbreviations that end with a period without ending a sentence (`mr`, `jan`).
    Abbreviations => "abbreviations",
    /// Month names with their numbers (`june<TAB>6`).
    Months => "months",
    /// Month abbreviations with their numbers (`sept<TAB>9`).
    MonthAbbreviations => "month_abbreviations",
    /// Weekday names with their ISO numbers, Monday 1 (`friday<TAB>5`).
    Weekdays => "weekdays",
    /// Season names with the number of the month they start in (`autumn<TAB>9`).
    Seasons => "seasons",
    /// Words after which a bare month, season or year names a time (`in`, `since`, `seit`).
    DateCues => "date_cues",
    /// Ordinal endings written right after a day number (`th` of `19th`).
    OrdinalSuffixes => "ordinal_suffixes",
    /// Words that put a following weekday or month in the future (`will`, `scheduled`).
    FutureCues => "future_cues",
    /// Words that turn a following future cue into a plan seen from the past (`was`, `had`).
    PastAuxiliaries => "past_auxiliaries",
    /// Words that say what a number counts (`killed`, `missing`), with the concept they name.
    QuantityConcepts => "quantity_concepts",
    /// Each quantity concept's traits (`rolling state only=count`; `-` for none).
    QuantityConceptTraits => "quantity_concept_traits",
    /// Concept words that name a counted thing of their own (`eight shelters`).
    QuantityThings => "quantity_things",
    /// Hedges before a number (`about`, `more than`), with their kind.
    Hedges => "hedges",
    /// Counted nouns that say too little on their own (`people`).
    WeakNouns => "weak_nouns",
    /// Words of a market move (`fell`, `jumped`), with `up` or `down`.
    MarketMoves => "market_moves",
    /// Scale words of a number (`million`, `bn`), with their multiplier.
    Scales => "scales",
    /// Currency signs and words, with their code.
    Currencies => "currencies",
    /// Time units, with their length in hours.
    TimeUnits => "time_units",
    /// Words that make a number a part of a count (`other`, `final`).
    PartWords => "part_words",
    /// Nouns after which a number is an identifier (`block`, `flight`).
    IdentifierNouns => "identifier_nouns",
    /// Phrases of page chrome: share and newsletter boxes, comment forms, cookie and copyright
    /// notices (`leave a reply`, `已複製連結`).
    ChromePhrases => "chrome_phrases",
    /// Chrome phrases that open a notice which may run to a long line (`all rights reserved`).
    ChromeNotices => "chrome_notices",
    /// Headings of related-content lists and teaser labels (`related stories`, `lire aussi`).
    RelatedHeadings => "related_headings",
    /// Labels of a picture credit (`photo`, `foto`, `crédit`, `写真`).
    CreditLabels => "credit_labels",
    /// Words naming one picture of a gallery in its counter (`image` in `Image 3 of 12`).
    GalleryItems => "gallery_items",
    /// The word between a gallery counter's position and its total (`of`, `von`, `sur`).
    GalleryOf => "gallery_of",
    /// Strings found only in picture credits: stock agencies and licences (`getty images`,
    /// `cc by`).
    PictureCredits => "picture_credits",
    /// News and photo agencies that sign picture credits (`reuters`, `ap`, `epa-efe`).
    NewsAgencies => "news_agencies",
    /// Openings of a staff-credit line at the foot of a report (`reporting by`, `avec afp`).
    StaffCredits => "staff_credits",
    /// Conjunctions that open a new clause with its own verb (`but`, `while`).
    ClauseConjunctions => "clause_conjunctions",
    /// Words and phrases that name one of several mutually exclusive values of a category
    /// (`single`, `home run` of a hit), with `<category>:<value>` (`homered<TAB>hit:home run`).
    ExclusiveValues => "exclusive_values",
    /// Words before a date that make it the start of a period (`since`, `seit`).
    PeriodStarts => "period_starts",
    /// Words that end a clause for a quantity's look-around: coordinating conjunctions and
    /// relative words (`and`, `which`).
    ClauseWords => "clause_words",
    /// Generational suffixes written after a name (`jr`, `sr`).
    NameSuffixes => "name_suffixes",
    /// Legal forms that close an organisation's name (`co`, `ltd`, `gmbh`).
    LegalForms => "legal_forms",
    /// Familiar forms of given names with their full form (`bill<TAB>william`).
    GivenNameVariants => "given_name_variants",
    /// Given names with the names they are directly a familiar form of or shorten to,
    /// comma-separated (`katie<TAB>kathryn,katia,katy`); generated
    /// (`crates/text/scripts/given_names.py`).
    GivenNames => "given_names",
    /// Singular third-person pronouns that may stand for a named speaker (`he`, `ella`, `er`).
    SubjectPronouns => "subject_pronouns",
    /// Auxiliaries that stand between a subject and its speech verb, or before an inverted one
    /// (`a` of `a déclaré`, `ha` of `ha detto`, `hat`).
    Auxiliaries => "auxiliaries",
    /// Endings that make a word an adverb (`ly`, `ment`, `mente`).
    AdverbEndings => "adverb_endings",
    /// Words that give the source of what follows, as "according to" does (`según`, `selon`,
    /// `laut`).
    SourceWords => "source_words",
    /// News-event words that count as one beyond strict synonymy, with their group's head
    /// (`death<TAB>kill`, `vessel<TAB>ship`); curated. Read through [`crate::Synonyms`].
    EventWords => "event_words",
    /// Written forms that join a group of [`List::EventWords`] as written, not by their stem
    /// (`operated<TAB>own`: passive ownership, while `operation` stays apart).
    EventForms => "event_forms",
    /// Synonyms generated from `WordNet` 3.1 (`crates/text/scripts/wordnet_synonyms.py`), with
    /// their group's head (`purchase<TAB>buy`, `call off<TAB>cancel`). Read through
    /// [`crate::Synonyms`].
    Synonyms => "synonyms",
    /// Words after a date that cite a report of it beside the speech verbs (`reported`).
    ReportingWords => "reporting_words",
    /// Words after `of` that make a day recurring (`the second Tuesday of each month`).
    RecurrenceWords => "recurrence_words",
    /// Words before a weekday that make it one of a series (`every Tuesday`, `second Tuesday`).
    DayOrdinals => "day_ordinals",
    /// Capitalised words before a weekday that still date it rather than name it (`On`,
    /// `Next`).
    NamedDayCues => "named_day_cues",
    /// Words between a date and the verb before it (`said on Tuesday`, `said late last week`).
    DateModifiers => "date_modifiers",
    /// Words that make a date the bound of a period, not the date of an event (`until`).
    PeriodBounds => "period_bounds",
    /// Words a timestamp line may hold beside its date (`published`, `updated`, `est`).
    TimestampLabels => "timestamp_labels",
    /// Words and phrases naming a day by its distance from the day of writing
    /// (`yesterday<TAB>-1`, `the day before yesterday<TAB>-2`, `aujourd'hui<TAB>0`).
    RelativeDays => "relative_days",
    /// Words naming a part of a month, season or year (`early<TAB>early`); `of` after the part
    /// when the word needs it before the period (`end<TAB>late of`: "end of March").
    MonthParts => "month_parts",
    /// Words joining the two ends of a date range (`to`, `bis`).
    RangeJoints => "range_joints",
    /// Words opening a date range (`between`, `from`).
    RangeOpeners => "range_openers",
    /// Words that mark a name as a news organisation in a dateline (`press`, `zeitung`).
    MediaWords => "media_words",
    /// Labels that look like a dateline but name no outlet (`update`, `editor's note`).
    DatelineLabels => "dateline_labels",
    /// Names in a credit line that are not an outlet (`newsletter`, `all rights reserved`;
    /// social networks under `mul`).
    NotOutlets => "not_outlets",
    /// Institution words folded to ASCII, with their English translation (`tribunal<TAB>court`,
    /// `bundesgericht<TAB>federal court`).
    InstitutionWords => "institution_words",
    /// Ordinal words with their values (`ninth<TAB>9`).
    Ordinals => "ordinals",
    /// Possessive determiners (`their`, `his`): an ordinal after one counts the possessor's
    /// occurrences of a thing (`their ninth title`).
    PossessivePronouns => "possessive_pronouns",
    /// Words that tell a person's gender, with `f` or `m`: third-person pronouns (`she`, `his`)
    /// and titles written before a name (`mrs`, `sir`), for checking a pronoun's antecedent.
    GenderWords => "gender_words",
    /// Words that end a speaker phrase read back from its speech verb, in a language written
    /// without spaces (Chinese `在` of `X在記者會上表示`): the speaker is what comes before.
    SpeakerBreaks => "speaker_breaks",
    /// Particles that close a sentence's subject (Japanese `は`, `が`): the speaker of
    /// `Xは「…」と語った` is X.
    SubjectParticles => "subject_particles",
    /// Nouns whose occurrences an ordinal counts (`title`, `term`), with the concept they name;
    /// `<concept>/<named>` when a name before the noun makes it another concept (`victory` is
    /// a `win`, a `World Series victory` a `title`).
    OrdinalCounts => "ordinal_counts",
    /// Modifiers that keep an ordinal a running total (`overall`, `all-time`).
    RunningTotals => "running_totals",
    /// Words that bound an ordinal to a streak or a period (`straight`, `season`): another
    /// count than the running total.
    OrdinalBounds => "ordinal_bounds",
    /// Nouns that label a numbered part of an event (`game` of `Game 6`, `stage`, `round`).
    EventLabels => "event_labels",
    /// Words that make a score a result (`beat`, `won`, `victory`).
    ResultWords => "result_words",
    /// Verbs and nouns of events that happen once to their subject (`sentence`, `resign`), in
    /// their base form: a date given to one of them dates that event.
    DatedPredicates => "dated_predicates",
    /// Words that tell a second occurrence of something (`again`, `another`, `second`): a
    /// sentence holding one dates a repetition, not the first time.
    RepeatMarkers => "repeat_markers",
    /// Verbs of the steps a story moves through (`announce`, `sign`, `pass`, `overturn`), in
    /// their base form: two dates of different step words date different steps.
    StepWords => "step_words",
    /// Words that restrict an action to part of its object (`some`, `partially`).
    PartialScope => "partial_scope",
    /// Words that open an object taken whole (`the`, `all`, `his`).
    WholeScope => "whole_scope",
    /// Conjunctions that open a subordinate clause (`when`, `after`).
    Subordinators => "subordinators",
    /// Words right before a score that make it a score during play (`led`, `trailing`).
    PartialScores => "partial_scores",
    /// Offices a role conflict compares, with their properties (`mayor<TAB>exclusive sole
    /// local`; `-` for none).
    Offices => "offices",
    /// Words and phrases naming an office of [`List::Offices`], with the office
    /// (`premier<TAB>prime minister`, `chief of police<TAB>police chief`).
    OfficeWords => "office_words",
    /// Phrases whose head word names an office the phrase does not (`general secretary`).
    NotOffices => "not_offices",
    /// Exclusive offices one person can hold together (`minister<TAB>prime minister`).
    OfficesHeldTogether => "offices_held_together",
    /// Bodies with one secretary, with their order of preference (`council<TAB>1`).
    OfficeBodies => "office_bodies",
    /// Portfolios of ministers and secretaries, with their canonical spelling
    /// (`defense<TAB>defence`).
    Portfolios => "portfolios",
    /// Words that make a title something other than the current office (`former`, `acting`).
    RoleModifiers => "role_modifiers",
    /// Determiners that open a role phrase (`the`, `its`).
    RoleOpeners => "role_openers",
    /// Joining words of a role phrase, not its qualifiers (`of`, `the`, `&`).
    RoleJoiners => "role_joiners",
    /// Words that open the tail of a role phrase after its office (`of`, `for`).
    RoleTails => "role_tails",
    /// Locative prepositions before a place that make it where something happened (`in`,
    /// `near`).
    PlacePrepositions => "place_prepositions",
    /// Prepositions that give the agent of the content word before them (`by` of `inspired by
    /// X`).
    AgentPrepositions => "agent_prepositions",
    /// Words after a bare plural time unit that make it the gap between two events (`hours
    /// after`, `days earlier`).
    GapWords => "gap_words",
    /// Indefinite articles (`a`, `an`).
    IndefiniteArticles => "indefinite_articles",
    /// Definite articles (`the`).
    DefiniteArticles => "definite_articles",
    /// Determiners that open an indefinite noun phrase, a first mention (`a`, `an`, `one`).
    IndefiniteDeterminers => "indefinite_determiners",
    /// Words joining the two numbers of a tally or a range (`four to one`, `four to seven
    /// minutes`).
    NumberJoints => "number_joints",
    /// Words and phrases of a percentage after a number (`percent`, `per cent`).
    PercentWords => "percent_words",
    /// Abbreviations before a number that make it a label, not a count (`No. 5`).
    NumberSigns => "number_signs",
    /// Marks after a number that make it a time of day (`5 pm`, `5 p.m.`), without their final
    /// period.
    ClockMarks => "clock_marks",
    /// Number words that are as often a pronoun or an article (`one`): never a count to
    /// compare.
    AmbiguousNumbers => "ambiguous_numbers",
    /// Country codes written before a currency sign (`US $`).
    CurrencyPrefixes => "currency_prefixes",
    /// The conjunction that joins the last two items of a list (`and`).
    AndWords => "and_words",
    /// The conjunction that offers alternatives (`or`).
    OrWords => "or_words",
    /// Words and phrases between a number and the whole it is a part of (`of`, `out of`).
    Partitives => "partitives",
    /// Conjunctions that open a clause of their own, which the search for what a number counts
    /// does not cross (`when`, `whereas`).
    ClauseOpeners => "clause_openers",
    /// Words that, after a comma, open a clause stating a fact of its own (`which`, `while`,
    /// `and`): where a claim splits a long sentence.
    ClauseBreaks => "clause_breaks",
    /// The first halves of correlative conjunctions (`not only`, `non seulement`): the
    /// conjunction that closes one (`but also`) joins two parts of one clause, it opens none.
    CorrelativeOpeners => "correlative_openers",
    /// Words before a short quotation that make it a label, not speech (`so-called`).
    QuoteLabels => "quote_labels",
    /// Words right before a short quotation that make it a predicate, so speech (`was`,
    /// `called`, `it`).
    PredicateCues => "predicate_cues",
    /// Plural subject pronouns that may stand for speakers (`they`).
    PluralPronouns => "plural_pronouns",
    /// Relative pronouns that open a clause set off by commas (`who`, `which`).
    RelativePronouns => "relative_pronouns",
    /// Words between a subject and its speech verb, read forwards (`also`, `then`, `has`).
    SpeechLinks => "speech_links",
    /// Adverbs and auxiliaries skipped back from a speech verb to its subject (`reportedly`,
    /// `has`).
    SpeechAdverbs => "speech_adverbs",
    /// Lowercase words that never modify a following role noun (`and`, `said`, `meets`).
    NotModifiers => "not_modifiers",
    /// Prepositions that open the complement of an anonymous speaker (`at` of `an official at
    /// the port`).
    ComplementPrepositions => "complement_prepositions",
    /// Words that join the words of such a complement (`of`, `and`, `the`).
    ComplementJoiners => "complement_joiners",
    /// Endings of a past-tense verb (`ed`).
    PastEndings => "past_endings",
    /// Endings of a lowercase word that describes a name joined to it by a hyphen
    /// (`brine-maker`, `velm-based`).
    DescriptorEndings => "descriptor_endings",
    /// Endings of a demonym after the name of its place, which loses a final vowel first
    /// (`ian` of `Ukrainian`, `ese` of `Japanese`).
    DemonymEndings => "demonym_endings",
    /// Two-word phrases that name one kind of place however worded, with the term they count
    /// as (`old town<TAB>center`).
    PlaceSynonyms => "place_synonyms",
    /// Endings of a possessive noun (`'s` of `Vell's`), as written.
    PossessiveEndings => "possessive_endings",
    /// Endings that negate the word they close (`n't` of `didn't`), as written.
    NegatingEndings => "negating_endings",
    /// Prefixes that negate the word they open (`un` of `unhurt`).
    NegativePrefixes => "negative_prefixes",
    /// Nouns that after a definite article refer back to the organisation last named (`the
    /// company`).
    OrgAnaphors => "org_anaphors",
    /// Prepositions that join a word to what it belongs to (`of`: `Bank of England`, `Game 1 of
    /// the Cup`, `the second Tuesday of each month`).
    GenitivePrepositions => "genitive_prepositions",
    /// Articles between a date cue and the month, season or year it introduces (`in the
    /// spring`, `seit dem Sommer`).
    CueArticles => "cue_articles",
    /// Date cues that join a date to an earlier one rather than open one (`and`, `to`).
    JoiningCues => "joining_cues",
    /// Letters after a year ending in 0 that make it a decade (`s` of `1930s`).
    DecadeSuffixes => "decade_suffixes",
    /// Prepositions between the parts of a date (`19th of November`, `19 de noviembre`).
    DateLinks => "date_links",
    /// Parts of a day after a weekday that still name that day (`Friday night`).
    DayParts => "day_parts",
    /// Words that count a unit of time as a number does, with their value (`a<TAB>1` of `a
    /// week ago`, `couple<TAB>2`).
    CountWords => "count_words",
    /// Units of time of a relative date, with the unit (`weeks<TAB>week`).
    PeriodUnits => "period_units",
    /// Words after a span of time that count it back from the day of writing (`ago`).
    AgoWords => "ago_words",
    /// Words before a period that place it relative to the day of writing, with `last`,
    /// `this` or `next` (`previous<TAB>last`).
    PeriodRelations => "period_relations",
    /// Words that make a counted period end on the day of writing (`the last ten days`);
    /// `bare` when they do without a count too (`past<TAB>bare`: `the past week`).
    TrailingWords => "trailing_words",
    /// Phrases before a period that take the part of it before or after the day of writing
    /// (`earlier this<TAB>past`).
    PartialPeriods => "partial_periods",
    /// Auxiliaries of a conditional, which makes a following date planned (`would`).
    ConditionalAuxiliaries => "conditional_auxiliaries",
    /// Auxiliaries of the future tense (`will`, `wird`, `sera`).
    FutureAuxiliaries => "future_auxiliaries",
    /// Present forms of `be` that make a following future cue the future (`is`, `ist`).
    PresentAuxiliaries => "present_auxiliaries",
}

/// The word lists of one language.
#[derive(Debug, Clone)]
pub struct Lexicon {
    lang: Lang,
    /// Per [`List`] (in [`List::ALL`] order), its entries. Shared: the lexicon of one language
    /// handed out as a story's [`Lexicon::union`] is the static one, not a copy.
    lists: Arc<Vec<Table>>,
}

/// The entries of one list, sorted by word, and a hash index over them made at the first
/// lookup (a binary search over thousands of words was a visible share of fusion).
#[derive(Debug, Clone, Default)]
struct Table {
    entries: Vec<(&'static str, &'static str)>,
    index: OnceLock<HashMap<&'static str, u32>>,
}

/// How many merged lexicons [`Lexicon::union`] keeps.
const UNIONS: usize = 32;

/// Lists at most this long are searched, not hashed.
const SEARCHED: usize = 8;

impl Table {
    fn new(mut entries: Vec<(&'static str, &'static str)>) -> Table {
        // Sorted and deduplicated here too, so that a lookup never misses; the test keeps the
        // files themselves sorted.
        entries.sort_unstable();
        entries.dedup_by(|a, b| a.0 == b.0);
        Table { entries, index: OnceLock::new() }
    }

    fn find(&self, word: &str) -> Option<&(&'static str, &'static str)> {
        let e = &self.entries;
        if e.len() <= SEARCHED {
            return e.iter().find(|x| x.0 == word);
        }
        let index = self.index.get_or_init(|| {
            let mut index = HashMap::with_capacity(e.len());
            for (i, x) in e.iter().enumerate() {
                index.insert(x.0, i as u32);
            }
            index
        });
        index.get(word).map(|&i| &e[i as usize])
    }
}

/// The lexicons of the languages that have data, then an empty one.
static LEXICONS: LazyLock<Vec<Lexicon>> = LazyLock::new(|| {
    let mut langs: Vec<Lang> = Vec::new();
    let mut tables: Vec<Vec<Table>> = Vec::new();
    for &(code, name, text) in FILES {
        // Invariant: the directory names are language codes; a bad one is caught by a test.
        let Ok(lang) = code.parse::<Lang>() else { continue };
        let Some(list) = List::from_name(name) else { continue };
        let at = if let Some(i) = langs.iter().position(|&l| l == lang) {
            i
        } else {
            langs.push(lang);
            tables.push(vec![Table::default(); List::ALL.len()]);
            langs.len() - 1
        };
        tables[at][index(list)] = Table::new(entries(text).collect());
    }
    let mut out: Vec<Lexicon> = langs
        .into_iter()
        .zip(tables)
        .map(|(lang, t)| Lexicon { lang, lists: Arc::new(t) })
        .collect();
    out.push(Lexicon::empty(Lang::UNKNOWN));
    out
});

fn index(list: List) -> usize {
    // The variants are declared in `List::ALL` order, so a variant's discriminant is its index.
    list as usize
}

/// The entries of a list file: `(word, value)`, the value empty when there is none.
fn entries(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    text.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#')).map(
        |l| match l.split_once('\t') {
            Some((w, v)) => (w.trim(), v.trim()),
            None => (l.trim(), ""),
        },
    )
}

impl Lexicon {
    fn empty(lang: Lang) -> Lexicon {
        Lexicon { lang, lists: Arc::new(vec![Table::default(); List::ALL.len()]) }
    }

    /// The lexicon of `lang`: empty for a language without data (and for [`Lang::UNKNOWN`]).
    pub fn of(lang: Lang) -> &'static Lexicon {
        let all = &*LEXICONS;
        // Invariant: the last lexicon is the empty one.
        all.iter().find(|l| l.lang == lang).unwrap_or_else(|| &all[all.len() - 1])
    }

    /// The lists that hold in every language (`mul`): name particles, for example.
    pub fn common() -> &'static Lexicon {
        static MUL: LazyLock<Lang> = LazyLock::new(|| "mul".parse().unwrap_or(Lang::UNKNOWN));
        Lexicon::of(*MUL)
    }

    /// The languages that have data, `mul` included.
    pub fn languages() -> impl Iterator<Item = Lang> {
        LEXICONS.iter().map(|l| l.lang).filter(|l| !l.is_unknown())
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    fn find(&self, list: List, word: &str) -> Option<&(&'static str, &'static str)> {
        self.lists[index(list)].find(word)
    }

    /// The entry of `list` equal to `word`, as stored: a `'static` copy of `word` when it is
    /// in the list.
    pub fn word(&self, list: List, word: &str) -> Option<&'static str> {
        self.find(list, word).map(|e| e.0)
    }

    /// Whether `word` (lowercase) is in `list`.
    pub fn has(&self, list: List, word: &str) -> bool {
        self.find(list, word).is_some()
    }

    /// The value `list` gives `word`, if `word` is in it (empty when the entry has none).
    pub fn value(&self, list: List, word: &str) -> Option<&'static str> {
        self.find(list, word).map(|e| e.1)
    }

    /// The value `list` gives `word`, as an integer.
    pub fn number(&self, list: List, word: &str) -> Option<i64> {
        self.value(list, word)?.parse().ok()
    }

    /// The lists of several languages merged: for a rule that reads a whole story whose
    /// articles may differ in language. Languages without data add nothing.
    ///
    /// A merge is kept (for the first 32 sets of languages), so that the stories of one
    /// mix of languages share its lists and the hash indexes their lookups make.
    pub fn union(langs: impl IntoIterator<Item = Lang>) -> Lexicon {
        static MERGED: Mutex<Vec<(Vec<Lang>, Lexicon)>> = Mutex::new(Vec::new());
        let mut langs: Vec<Lang> = langs.into_iter().collect();
        langs.sort_unstable();
        langs.dedup();
        if let [one] = langs[..] {
            return Lexicon { lang: one, lists: Arc::clone(&Lexicon::of(one).lists) };
        }
        // A poisoned lock only means another thread panicked while merging: merge afresh.
        let Ok(mut merged) = MERGED.lock() else { return Lexicon::merge(&langs) };
        if let Some((_, lex)) = merged.iter().find(|(l, _)| *l == langs) {
            return lex.clone();
        }
        let lex = Lexicon::merge(&langs);
        if merged.len() < UNIONS {
            merged.push((langs, lex.clone()));
        }
        lex
    }

    /// The lists of `langs` merged into one lexicon of no language.
    fn merge(langs: &[Lang]) -> Lexicon {
        let lists = (0..List::ALL.len())
            .map(|i| {
                Table::new(
                    langs
                        .iter()
                        .flat_map(|&l| Lexicon::of(l).lists[i].entries.iter().copied())
                        .collect(),
                )
            })
            .collect();
        Lexicon { lang: Lang::UNKNOWN, lists: Arc::new(lists) }
    }

    /// Whether `word` is in `list` in any language: for text whose language is not known to
    /// the caller, such as a quotation given on its own.
    pub fn any(list: List, word: &str) -> bool {
        static ANY: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::union(Lexicon::languages()));
        ANY.has(list, word)
    }

    /// The number `list` gives `word` in the first language that has it (see [`Lexicon::any`]).
    pub fn any_number(list: List, word: &str) -> Option<i64> {
        LEXICONS.iter().find_map(|l| l.number(list, word))
    }

    /// The words of `list`, sorted.
    pub fn words(&self, list: List) -> impl Iterator<Item = &'static str> + '_ {
        self.lists[index(list)].entries.iter().map(|e| e.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hashed lookup answers as a search of the sorted entries does, in every list of
    /// every language, for words in the list and words next to them; a story's lexicon of one
    /// language is that language's, and of two, both merged.
    #[test]
    fn lookups_answer_as_the_sorted_entries_do() {
        for lang in Lexicon::languages() {
            let lex = Lexicon::of(lang);
            for &list in List::ALL {
                let entries = &lex.lists[index(list)].entries;
                for &(w, v) in entries {
                    assert_eq!(lex.value(list, w), Some(v), "{lang} {list:?} {w}");
                    let near = format!("{w}x");
                    let want = entries.binary_search_by(|e| e.0.cmp(near.as_str())).is_ok();
                    assert_eq!(lex.has(list, &near), want, "{lang} {list:?} {near}");
                }
            }
        }
        let en = Lexicon::union([Lang::EN]);
        assert!(Arc::ptr_eq(&en.lists, &Lexicon::of(Lang::EN).lists));
        let fr: Lang = "fr".parse().unwrap();
        let both = Lexicon::union([fr, Lang::EN, fr]);
        assert!(Arc::ptr_eq(&both.lists, &Lexicon::union([Lang::EN, fr]).lists), "merged once");
        for &list in List::ALL {
            for w in Lexicon::of(Lang::EN).words(list).chain(Lexicon::of(fr).words(list)) {
                assert!(both.has(list, w), "{list:?} {w}");
            }
        }
    }

    #[test]
    fn every_file_is_a_known_sorted_list_without_duplicates() {
        assert!(!FILES.is_empty());
        for &(code, name, text) in FILES {
            let lang: Lang = code.parse().unwrap_or_else(|_| panic!("{code}: not a language code"));
            assert_eq!(lang.as_str(), code, "{code}: write the code in lowercase");
            assert!(List::from_name(name).is_some(), "{code}/{name}.txt: no list has this name");
            let words: Vec<&str> = entries(text).map(|e| e.0).collect();
            assert!(!words.is_empty(), "{code}/{name}.txt is empty");
            for pair in words.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{code}/{name}.txt: {:?} then {:?}: not sorted, or a duplicate",
                    pair[0],
                    pair[1]
                );
            }
            for (w, v) in entries(text) {
                assert_eq!(w, w.to_lowercase(), "{code}/{name}.txt: {w:?} is not lowercase");
                let numbered = matches!(
                    List::from_name(name),
                    Some(
                        List::NumberWords
                            | List::Months
                            | List::MonthAbbreviations
                            | List::Weekdays
                            | List::Seasons
                            | List::RelativeDays
                            | List::OfficeBodies
                            | List::CountWords
                    )
                );
                if numbered {
                    assert!(v.parse::<i64>().is_ok(), "{code}/{name}.txt: {w:?} has no number");
                }
            }
        }
    }

    #[test]
    fn a_language_without_data_has_no_words() {
        let und = Lexicon::of(Lang::UNKNOWN);
        for &list in List::ALL {
            assert_eq!(und.words(list).count(), 0);
        }
        let xx: Lang = "xx".parse().unwrap();
        assert!(!Lexicon::of(xx).has(List::Stopwords, "the"));
        assert!(Lexicon::of(Lang::EN).has(List::Stopwords, "the"));
    }

    #[test]
    fn names_round_trip() {
        for (i, &list) in List::ALL.iter().enumerate() {
            assert_eq!(List::from_name(list.name()), Some(list));
            assert_eq!(index(list), i);
        }
    }

    #[test]
    fn extraction_lists_cover_the_main_languages() {
        for code in ["en", "de", "fr", "es", "it", "pt", "zh", "ja"] {
            let lex = Lexicon::of(code.parse().unwrap());
            for list in [List::ChromePhrases, List::RelatedHeadings, List::CreditLabels] {
                assert!(lex.words(list).count() > 0, "{code} has no {}", list.name());
            }
        }
        for code in ["en", "de", "fr", "es", "it", "pt"] {
            let lex = Lexicon::of(code.parse().unwrap());
            // Spelling variants ("jänner", "maerz") share a number: count the numbers.
            let numbers = |list| {
                let mut n: Vec<i64> = lex.words(list).filter_map(|w| lex.number(list, w)).collect();
                n.sort_unstable();
                n.dedup();
                n.len()
            };
            assert_eq!(numbers(List::Months), 12, "{code} months");
            assert_eq!(numbers(List::Weekdays), 7, "{code} weekdays");
        }
        let common = Lexicon::common();
        assert!(common.has(List::PictureCredits, "getty images"));
        assert!(common.has(List::NewsAgencies, "reuters"));
        assert!(!Lexicon::of(Lang::EN).has(List::NewsAgencies, "reuters"));
    }

    #[test]
    fn any_reads_every_language() {
        assert!(Lexicon::any(List::SpeechVerbs, "said"));
        assert!(Lexicon::any(List::SpeechVerbs, "dijo"));
        assert!(!Lexicon::any(List::SpeechVerbs, "bridge"));
        assert_eq!(Lexicon::any_number(List::Months, "märz"), Some(3));
        let story = Lexicon::union(["en".parse().unwrap(), "de".parse().unwrap()]);
        assert!(story.has(List::Stopwords, "the") && story.has(List::Stopwords, "und"));
        assert!(!story.has(List::Stopwords, "les"));
    }
}
