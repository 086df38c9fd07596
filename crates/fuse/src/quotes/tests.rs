use proptest::prelude::*;

use super::*;

/// `name: "text" => [("quoted words", speaker, role, kind, scare), …];` where speaker and role
/// are `Option<&str>` and kind is `N` (named), `A` (anonymous) or `_` (no speaker).
macro_rules! cases {
    ($($name:ident: $text:expr => [$(($quote:expr, $speaker:expr, $role:expr, $kind:tt, $scare:expr)),* $(,)?];)*) => {
        $(
            #[test]
            fn $name() {
                let text: &str = $text;
                let got: Vec<(String, Option<String>, Option<String>, Option<SpeakerKind>, bool)> =
                    find_quotes(text)
                        .into_iter()
                        .map(|q| {
                            assert_eq!(q.span.slice(text), Some(q.text.as_str()));
                            assert!(q.sentence.contains(q.marks) && q.marks.contains(q.span));
                            (
                                q.text,
                                q.speaker.as_ref().map(|s| s.name.clone()),
                                q.speaker.as_ref().and_then(|s| s.role.clone()),
                                q.speaker.as_ref().map(|s| s.kind),
                                q.scare,
                            )
                        })
                        .collect();
                let want: Vec<(String, Option<String>, Option<String>, Option<SpeakerKind>, bool)> = vec![$((
                    $quote.to_string(),
                    $speaker.map(|s: &str| s.to_string()),
                    $role.map(|s: &str| s.to_string()),
                    kind!($kind),
                    $scare,
                )),*];
                assert_eq!(got, want, "in {text:?}");
            }
        )*
    };
}

macro_rules! kind {
    (N) => {
        Some(SpeakerKind::Named)
    };
    (A) => {
        Some(SpeakerKind::Anonymous)
    };
    (_) => {
        None
    };
}

const NO: Option<&str> = None;

cases! {
    possessive_opener_is_no_name: "His claims found favour with the old guard of Velm, who likened the case to their own, calling the ruling “a deep and shameful wrong.”" => [
        ("a deep and shameful wrong.", NO, NO, _, false),
    ];
    passive_speech_verb_gives_its_agent: "Tenants had been told by officials last spring that they faced “no real danger from the dam”." => [
        ("no real danger from the dam", Some("officials"), NO, A, false),
    ];
    passive_without_agent_phrase: "Tenants were told by letter that they faced “no real danger from the dam”." => [
        ("no real danger from the dam", Some("Tenants"), NO, N, false),
    ];
    x_said_after: "“The bridge will reopen in May,” Maria Lopez said." => [
        ("The bridge will reopen in May", Some("Maria Lopez"), NO, N, false),
    ];
    said_x_after: "\"We are not leaving,\" said Tom Baker, the union leader." => [
        ("We are not leaving", Some("Tom Baker"), NO, N, false),
    ];
    role_and_name: "“Nothing is agreed yet,” Trade envoy Jan Novak told reporters." => [
        ("Nothing is agreed yet", Some("Jan Novak"), Some("Trade envoy"), N, false),
    ];
    title_and_name: "Finnish President Aino Virtanen said that “the border stays open.”" => [
        ("the border stays open.", Some("Aino Virtanen"), Some("Finnish President"), N, false),
    ];
    x_says_before: "Kowalski says the plan “cannot work without funding.”" => [
        ("cannot work without funding.", Some("Kowalski"), NO, N, false),
    ];
    colon_with_verb: "The minister wrote on her blog: «Les écoles rouvriront lundi.»" => [
        ("Les écoles rouvriront lundi.", Some("The minister"), NO, A, false),
    ];
    colon_only: "Okafor: “We will appeal the ruling.”" => [
        ("We will appeal the ruling.", Some("Okafor"), NO, N, false),
    ];
    judged_that: "Port director Ana Ruiz, for her part, judged that «the port will not reopen before summer»." => [
        ("the port will not reopen before summer", Some("Ana Ruiz"), Some("Port director"), N, false),
    ];
    according_to: "The deal is “very close to done,” according to a senior diplomat." => [
        ("very close to done", Some("a senior diplomat"), NO, A, false),
    ];
    anonymous_before: "A senior official told the paper that “talks are at an advanced stage.”" => [
        ("talks are at an advanced stage.", Some("A senior official"), NO, A, false),
    ];
    the_official: "“It is time to act,” the official stressed." => [
        ("It is time to act", Some("the official"), NO, A, false),
    ];
    added_after_name: "Ruiz left early. “We need more buses,” Ruiz added." => [
        ("We need more buses", Some("Ruiz"), NO, N, false),
    ];
    pronoun_resolved: "Governor Lena Hart spoke in the morning. She said: “The levee held.”" => [
        ("The levee held.", Some("Lena Hart"), Some("Governor"), N, false),
    ];
    pronoun_to_previous_speaker: "“We are ready,” said Paul Mercer. He added: “The money is there.”" => [
        ("We are ready", Some("Paul Mercer"), NO, N, false),
        ("The money is there.", Some("Paul Mercer"), NO, N, false),
    ];
    multi_sentence_quote: "“The river rose fast. Nobody expected it,” a local resident said." => [
        ("The river rose fast. Nobody expected it", Some("a local resident"), NO, A, false),
    ];
    subject_with_relative_clause: "Ito, who chaired the panel for years, said the result “changes nothing.”" => [
        ("changes nothing.", Some("Ito"), NO, N, false),
    ];
    participle_after_clause: "Dr. Amal Haddad welcomed the vote, saying that “science won today.”" => [
        ("science won today.", Some("Amal Haddad"), Some("Dr."), N, false),
    ];
    scare_quote: "Officials described a new “secret” plan for the port." => [
        ("secret", NO, NO, _, true),
    ];
    scare_quote_two_words: "The so-called “peace dividend” never arrived." => [
        ("peace dividend", NO, NO, _, true),
    ];
    short_quote_with_verb_is_not_scare: "The official stressed that the schedule was “appropriate.”" => [
        ("appropriate.", Some("The official"), NO, A, false),
    ];
    short_quote_attached: "“Appropriate,” the chairman said of the timeline." => [
        ("Appropriate", Some("the chairman"), NO, A, false),
    ];
    naming_quote_before_colon: "Novak posted on the platform \"Y\": \"We are ready to talk.\"" => [
        ("Y", NO, NO, _, true),
        ("We are ready to talk.", Some("Novak"), NO, N, false),
    ];
    two_quotes_two_speakers: "“We know,” a local official said, while the ministry insists Lind believes “the plan is fine.”" => [
        ("We know", Some("a local official"), NO, A, false),
        ("the plan is fine.", Some("the ministry"), NO, A, false),
    ];
    unattributed: "“We know the trains are late”\nThe timetable changed in May." => [
        ("We know the trains are late", NO, NO, _, false),
    ];
    quote_only_sentence_continues: "“We will win,” Petra Holm said. “Our members are united.”" => [
        ("We will win", Some("Petra Holm"), NO, N, false),
        ("Our members are united.", Some("Petra Holm"), NO, N, false),
    ];
    german_quotes: "Die Ministerin sagte: „Wir schaffen das.“" => [
        ("Wir schaffen das.", Some("Die Ministerin"), NO, A, false),
    ];
    unmatched_mark_is_ignored: "He said “we will see and then left.\nNext line." => [];
    inch_marks_are_not_quotes: "A 12\" pipe and a 6\" valve burst." => [];
    organisation_named: "The Valmora Council said it “does not take part in these talks.”" => [
        ("does not take part in these talks.", Some("Valmora Council"), NO, N, false),
    ];
    lowercase_modifier_in_role: "“No deal,” said opposition leader Rita Gomes." => [
        ("No deal", Some("Rita Gomes"), Some("opposition leader"), N, false),
    ];
    anonymous_with_modifier: "The plan is “dead,” according to a senior port official." => [
        ("dead", Some("a senior port official"), NO, A, false),
    ];
    plural_officials: "U.S. officials said the team “is drafting a text.”" => [
        ("is drafting a text.", Some("U.S. officials"), NO, A, false),
    ];
}

#[test]
fn speaker_span_slices_the_name() {
    let text = "“Nothing is agreed yet,” Trade envoy Jan Novak told reporters.";
    let q = &find_quotes(text)[0];
    let s = q.speaker.as_ref().unwrap();
    assert_eq!(&text[s.span.range()], "Jan Novak");
    assert_eq!(s.cue, "told");
    assert_eq!(&text[q.sentence.range()], text);
    assert_eq!(&text[q.marks.range()], "“Nothing is agreed yet,”");
}

#[test]
fn pronoun_span_is_kept() {
    let text = "Mayor Ben Ode opened the hall. He said: “It is ours.”";
    let s = find_quotes(text).remove(0).speaker.unwrap();
    assert_eq!(&text[s.pronoun.unwrap().range()], "He");
    assert_eq!(&text[s.span.range()], "Ben Ode");
}

fn quotes_of(texts: &[&str]) -> Vec<Vec<QuoteMention>> {
    texts.iter().map(|t| find_quotes(t)).collect()
}

#[test]
fn groups_translated_renderings() {
    let articles = quotes_of(&[
        "Envoy Ivan Sorokin said this time “Moscow’s view is truly being heard.”",
        "The envoy said that “we feel the Russian view is really being heard,” Sorokin added.",
        "A senior official said “for the first time the Russian view is really being heard.”",
        "Separately, the mayor said “the harbour will reopen in spring.”",
    ]);
    let groups = group_renderings(&articles, &[Lang::EN; 8][..articles.len()]);
    let sizes: Vec<usize> = groups.iter().map(|g| g.members.len()).collect();
    assert_eq!(sizes, [3, 1], "{groups:#?}");
    assert_eq!(groups[0].speaker.as_deref(), Some("Ivan Sorokin"));
    assert!(groups[0].conflict.is_none(), "anonymous speakers are not a conflict");
    assert_eq!(groups[1].members, [QuoteRef { article: 3, quote: 0 }]);
}

#[test]
fn flags_attribution_conflicts_but_not_spelling_variants() {
    let articles = quotes_of(&[
        "“The dam will hold through the winter floods,” Olga Witkowska said.",
        "“The dam will hold through the winter floods,” Vitkowska said.",
        "“The dam will hold through winter floods,” said Pavel Novak.",
    ]);
    let groups = group_renderings(&articles, &[Lang::EN; 8][..articles.len()]);
    assert_eq!(groups.len(), 1);
    let conflict = groups[0].conflict.as_ref().expect("a conflict");
    let names: Vec<&str> = conflict.sides.iter().map(|s| s.speaker.as_str()).collect();
    assert_eq!(names, ["Olga Witkowska", "Pavel Novak"]);
    assert_eq!(conflict.sides[0].members.len(), 2);
}

#[test]
fn different_quotes_of_one_article_stay_apart() {
    let articles = quotes_of(&[
        "“We will rebuild the school,” Ada Moor said. “The school budget is fixed,” Moor added.",
    ]);
    assert_eq!(group_renderings(&articles, &[Lang::EN; 8][..articles.len()]).len(), 2);
}

#[test]
fn scare_quotes_are_not_grouped() {
    let articles = quotes_of(&["a “secret” plan", "the “secret” plan"]);
    assert!(group_renderings(&articles, &[Lang::EN; 8][..articles.len()]).is_empty());
}

#[test]
fn similarity_examples() {
    assert!(
        quote_similarity(
            "Dalvinia's stance is truly being heard",
            "we feel that the Dalvinian position is truly being heard",
            Lang::EN
        ) >= 0.7
    );
    assert!(
        quote_similarity("The harbour reopens in spring", "Taxes will rise next year", Lang::EN)
            < 0.1
    );
    assert!((quote_similarity("same words here", "same words here", Lang::EN) - 1.0).abs() < 1e-9);
}

#[test]
fn same_speaker_examples() {
    assert!(same_speaker("Carl Wendoff", "Vendov"));
    assert!(same_speaker("Wendoff", "Carl Wendoff"));
    assert!(same_speaker("Timur Ozerov", "Timar Ozarov"));
    assert!(!same_speaker("Carl Wendoff", "Boris Antipov"));
    assert!(!same_speaker("Pyotr Ivanov", "Petrov"));
    assert!(!same_speaker("Harold Brandt", "Erica Brandt"));
    assert!(!same_speaker("", "Brandt"));
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_in_bounds(text in "\\PC{0,300}") {
        check(&text)?;
    }

    #[test]
    fn quote_like_text_never_panics(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("“"), Just("”"), Just("\""), Just("«"), Just("»"), Just("„"), Just("“"),
                Just(" said "), Just(" he "), Just("He"), Just(": "), Just(", "), Just(". "),
                Just("\n"), Just("Anna Berg"), Just(" a senior official"), Just(" according to "),
                Just("word"), Just("’s"), Just("U.S."), Just(" "),
            ],
            0..30,
        ),
    ) {
        check(&parts.concat())?;
    }

    #[test]
    fn quote_like_text_in_other_languages_never_panics(
        lang in prop_oneof![
            Just("es"), Just("fr"), Just("de"), Just("pt"), Just("it"), Just("zh"), Just("ja"),
            Just("und"),
        ],
        parts in proptest::collection::vec(
            prop_oneof![
                Just("«"), Just("»"), Just("« "), Just(" »"), Just("„"), Just("“"), Just("‚"),
                Just("‘"), Just("「"), Just("」"), Just("\""), Just(", declaró "),
                Just(" a-t-il "), Just(" ha "), Just("detto "), Just(" sagte "), Just(" disse "),
                Just(" ele"), Just("Por su parte, "), Just(" il sindaco di "), Just("Ana Ruiz"),
                Just(" según "), Just(" en la nota "), Just(", "), Just(". "), Just("\n"),
                Just("palabra"), Just(" "), Just("表示"), Just("林志明"), Just("在"), Just("：“"),
                Just("。"), Just("，"), Just("は"), Just("と述べた"), Just("氏"), Just("說"),
                Just("新碼頭明年啟用"),
            ],
            0..30,
        ),
    ) {
        check_in(&parts.concat(), lang.parse().unwrap())?;
    }
}

fn check(text: &str) -> Result<(), TestCaseError> {
    check_in(text, crosscheck_core::Lang::UNKNOWN)
}

fn check_in(text: &str, lang: crosscheck_core::Lang) -> Result<(), TestCaseError> {
    let found = find_quotes_in(text, lang);
    for q in &found {
        prop_assert_eq!(q.span.slice(text), Some(q.text.as_str()));
        prop_assert!(q.marks.slice(text).is_some() && q.sentence.slice(text).is_some());
        prop_assert!(q.marks.contains(q.span) && q.sentence.contains(q.marks));
        if let Some(s) = &q.speaker {
            prop_assert!(s.span.slice(text).is_some());
            if s.pronoun.is_none() || s.kind == SpeakerKind::Anonymous {
                prop_assert_eq!(s.span.slice(text), Some(s.name.as_str()));
            }
        }
    }
    let groups = group_renderings(&[found.clone(), found], &[Lang::EN; 2]);
    for g in groups {
        prop_assert!(!g.members.is_empty());
    }
    Ok(())
}

/// The committed three-outlet story (see `resources/test/quotes/README.md`).
fn port_story() -> [&'static str; 3] {
    [
        include_str!("../../resources/test/quotes/port-a.txt"),
        include_str!("../../resources/test/quotes/port-b.txt"),
        include_str!("../../resources/test/quotes/port-c.txt"),
    ]
}

#[test]
fn port_story_speakers() {
    let [a, b, c] = port_story();
    let speakers = |text: &str| -> Vec<(String, Option<String>, bool)> {
        find_quotes(text)
            .into_iter()
            .map(|q| (q.text, q.speaker.map(|s| s.name), q.scare))
            .collect()
    };
    let own = |v: &[(&str, Option<&str>)]| -> Vec<(String, Option<String>, bool)> {
        v.iter().map(|(q, s)| (q.to_string(), s.map(str::to_string), false)).collect()
    };
    assert_eq!(
        speakers(a),
        own(&[
            ("We will stay out until the contract is signed", Some("Marta Kovac")),
            ("regrettable", Some("Henrik Sall")),
            ("every day of delay costs the region dearly.", Some("Henrik Sall")),
        ])
    );
    assert_eq!(
        speakers(b),
        own(&[
            ("will remain outside until a contract is signed.", Some("Kovač")),
            ("Each day of delay is costly for the whole region.", Some("A senior port official")),
        ])
    );
    assert_eq!(
        speakers(c),
        own(&[
            ("Every day of delay costs the region dearly", Some("Marta Kovac")),
            ("will not return without a signed contract.", Some("Marta Kovac")),
        ])
    );
}

#[test]
fn port_story_groups_and_conflict() {
    let articles: Vec<Vec<QuoteMention>> = port_story().iter().map(|t| find_quotes(t)).collect();
    let groups = group_renderings(&articles, &[Lang::EN; 8][..articles.len()]);
    let r = |article, quote| QuoteRef { article, quote };
    let members: Vec<Vec<QuoteRef>> = groups.iter().map(|g| g.members.clone()).collect();
    assert_eq!(
        members,
        [vec![r(0, 0), r(1, 0), r(2, 1)], vec![r(0, 1)], vec![r(0, 2), r(1, 1), r(2, 0)]],
        "{groups:#?}"
    );
    assert_eq!(groups[0].speaker.as_deref(), Some("Marta Kovac"));
    assert!(groups[0].conflict.is_none(), "Kovac and Kovač are one person");
    let conflict = groups[2].conflict.as_ref().expect("the delay quote has two speakers");
    let sides: Vec<(&str, &[QuoteRef])> =
        conflict.sides.iter().map(|s| (s.speaker.as_str(), s.members.as_slice())).collect();
    assert_eq!(sides, [("Henrik Sall", &[r(0, 2)][..]), ("Marta Kovac", &[r(2, 0)][..])]);
}

/// The seed corpus (third-party text, read at run time and never copied): general properties
/// only, nothing about its names.
#[test]
fn seeds_spans_are_valid_and_a_quote_is_shared() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let mut articles = Vec::new();
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("the seed corpus is present") {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        check(&text).unwrap();
        articles.push(find_quotes(&text));
        texts.push(text);
    }
    assert!(articles.len() >= 2);
    let groups = group_renderings(&articles, &[Lang::EN; 8][..articles.len()]);
    let widest = groups
        .iter()
        .map(|g| {
            g.members.iter().map(|m| m.article).collect::<std::collections::BTreeSet<_>>().len()
        })
        .max()
        .unwrap_or(0);
    assert!(widest >= 3, "some quote is rendered by at least three outlets");
    assert!(groups.iter().all(|g| g.conflict.is_none()), "{groups:#?}");
}

#[test]
fn anonymous_speakers_keep_their_fullest_wording() {
    let text = "A senior official at the port authority described the damage as severe. \
                \"It will take months,\" the official said. \"We are ready,\" said a spokesman \
                for the city council.";
    let q = find_quotes(text);
    assert_eq!(q.len(), 2, "{q:#?}");
    let first = q[0].speaker.as_ref().unwrap();
    assert_eq!(first.name, "A senior official at the port authority");
    assert_eq!(first.kind, SpeakerKind::Anonymous);
    assert_eq!(&text[first.span.range()], first.name);
    assert_eq!(first.pronoun.map(|p| &text[p.range()]), Some("the official"));
    let second = q[1].speaker.as_ref().unwrap();
    assert_eq!(second.name, "a spokesman for the city council");
    assert_eq!(&text[second.span.range()], second.name);
}

fn speakers_in(text: &str, lang: &str) -> Vec<Option<String>> {
    let lang: crosscheck_core::Lang = lang.parse().unwrap();
    find_quotes_in(text, lang)
        .into_iter()
        .map(|q| {
            assert_eq!(q.span.slice(text), Some(q.text.as_str()));
            q.speaker.map(|s| s.name)
        })
        .collect()
}

#[test]
fn the_word_order_of_each_language_gives_the_speaker() {
    let cases = [
        ("es", "«Abriremos el mercado en mayo», declaró en la radio Lidia Varga."),
        ("fr", "« Nous ouvrirons le marché en mai », a déclaré Lidia Varga."),
        ("pt", "\"Vamos abrir o mercado em maio\", afirmou Lidia Varga."),
        ("it", "\"Apriremo il mercato a maggio\", ha detto Lidia Varga."),
        ("de", "„Wir öffnen den Markt im Mai“, sagte Lidia Varga."),
        ("de", "Lidia Varga hat betont: „Wir öffnen den Markt im Mai.“"),
        ("es", "Por su parte, Lidia Varga dijo que «el mercado abrirá en mayo»."),
        ("es", "Según Lidia Varga, el mercado «abrirá sus puertas en mayo»."),
        ("de", "Laut Lidia Varga wird der Markt „im Mai wieder geöffnet“."),
        ("fr", "Lidia Varga était là. « Nous ouvrirons en mai », a-t-elle ajouté."),
        ("fr", "Lidia Varga était là. « Nous ouvrirons en mai », déclare-t-elle."),
    ];
    for (lang, text) in cases {
        assert_eq!(
            speakers_in(text, lang),
            vec![Some("Lidia Varga".to_string())],
            "{lang}: {text}"
        );
    }
}

#[test]
fn a_language_without_lists_gets_no_speaker_and_never_english_rules() {
    // Dutch has no speech verbs in the lexicon: no attribution at all.
    assert_eq!(speakers_in("\"We openen de markt in mei,\" said Lidia Varga.", "nl"), vec![None]);
    // Spanish read with the English lists: `declaró` is not an English verb.
    assert_eq!(
        speakers_in("«Abriremos el mercado en mayo», declaró Lidia Varga.", "en"),
        vec![None]
    );
    // The Spanish lists do not read English verbs either.
    assert_eq!(speakers_in("«Abriremos el mercado en mayo», said Lidia Varga.", "es"), vec![None]);
}

// See: issue #11 (`according to` is a phrase of the English source words, not a literal).
#[test]
fn according_to_is_read_from_the_language_s_source_words() {
    let text = "The market \"will open in May\", according to Lidia Varga.";
    assert_eq!(speakers_in(text, "en"), vec![Some("Lidia Varga".to_string())]);
    // Spanish lists hold `según`, not the English phrase.
    assert_eq!(speakers_in(text, "es"), vec![None]);
}

#[test]
fn corner_brackets_and_german_single_marks_pair() {
    let zh = find_quotes_in("市长表示：「我们将在五月重新开放市场」。", "zh".parse().unwrap());
    assert_eq!(zh.len(), 1);
    assert_eq!(zh[0].text, "我们将在五月重新开放市场");
    assert!(!zh[0].scare, "a sentence of ideographs is not a scare quote");
    assert_eq!(zh[0].speaker.as_ref().map(|s| s.name.as_str()), Some("市长"));
    let de = find_quotes_in(
        "Sie nannte das ‚einen sehr guten Anfang‘, sagte Varga.",
        "de".parse().unwrap(),
    );
    assert_eq!(de.len(), 1);
    assert_eq!(de[0].text, "einen sehr guten Anfang");
}

#[test]
fn chinese_and_japanese_speakers_are_read_around_the_quote() {
    let cases = [
        ("zh", "港務局局長林志明表示：「新碼頭將於明年啟用。」", Some("港務局局長林志明")),
        ("zh", "林志明在記者會上說，“新码头明年启用，工程已经完成一半。”", Some("林志明")),
        ("zh", "「新碼頭將於明年啟用，工程已完成一半。」林志明補充。", Some("林志明")),
        ("zh", "“新码头明年启用，工程已经完成一半。”，林志明强调。", Some("林志明")),
        ("ja", "港湾局の林局長は「新しい埠頭は来年開業する」と述べた。", Some("港湾局の林局長")),
        ("ja", "試合後、田中選手は「最後まで諦めなかった」と語った。", Some("田中")),
        ("ja", "山田氏が「工事は半分終わった」と説明した。", Some("山田")),
        // No speech verb: a quote without a speaker.
        ("zh", "林志明在社交平台發文：「新碼頭將於明年啟用。」", None),
        ("ja", "看板には「新しい埠頭は来年開業」とある。", None),
    ];
    for (lang, text, want) in cases {
        let lang_code: crosscheck_core::Lang = lang.parse().unwrap();
        let q = find_quotes_in(text, lang_code);
        assert_eq!(q.len(), 1, "{lang}: {text}: {q:#?}");
        let s = q[0].speaker.as_ref();
        assert_eq!(s.map(|s| s.name.as_str()), want, "{lang}: {text}");
        if let Some(s) = s {
            assert_eq!(&text[s.span.range()], s.name, "{text}");
        }
    }
    // The Chinese lists do not read a Japanese cue, nor the other way round.
    assert_eq!(speakers_in("山田氏が「工事は半分終わった」と説明した。", "zh"), vec![None]);
    assert_eq!(speakers_in("「新碼頭將於明年啟用。」林志明表示。", "ja"), vec![None]);
}

#[test]
fn a_pronoun_skips_a_person_titled_otherwise() {
    // The nearest named subject is a man by his title: `she` goes to the woman named before.
    let text = "Ms Ilse Varga opened the depot. Mr Tomas Brandt spoke next. \
                She said: “The trucks leave at dawn.”";
    assert_eq!(speakers_in(text, "en"), [Some("Ilse Varga".to_string())]);
    // Without a clash, the nearest one is kept.
    let text = "Ms Ilse Varga opened the depot. Mr Tomas Brandt spoke next. \
                He said: “The trucks leave at dawn.”";
    assert_eq!(speakers_in(text, "en"), [Some("Tomas Brandt".to_string())]);
    // An untitled person has no gender to clash with.
    let text = "Ms Ilse Varga opened the depot. Tomas Brandt spoke next. \
                She said: “The trucks leave at dawn.”";
    assert_eq!(speakers_in(text, "en"), [Some("Tomas Brandt".to_string())]);
}

#[test]
fn honorifics_stay_out_of_speaker_names() {
    let cases = [
        ("en", "“The ferry is late,” Ms Orla Venn said.", "Orla Venn", None),
        ("en", "“The ferry is late,” Mr. Tam Ruddle said.", "Tam Ruddle", None),
        ("en", "“The ferry is late,” said Mrs Ivy Kell.", "Ivy Kell", None),
        ("und", "“The ferry is late,” Ms Venn said.", "Venn", None),
        // A title written without its dot is still a title, kept as the role.
        ("en", "“The ferry is late,” Dr Ivo Marsh told reporters.", "Ivo Marsh", Some("Dr")),
        ("fr", "«Le bac est en retard», a déclaré M. Paul Venot.", "Paul Venot", None),
        ("fr", "«Le bac est en retard», a déclaré Mme Odile Venot.", "Odile Venot", None),
        ("de", "„Die Fähre ist spät“, sagte Frau Ilse Brandl.", "Ilse Brandl", None),
        ("de", "„Die Fähre ist spät“, sagte Herr Udo Brandl.", "Udo Brandl", None),
        // Negative: a name that only starts like an honorific, and a role, are kept.
        ("en", "“The ferry is late,” Msando Ruddle said.", "Msando Ruddle", None),
        ("de", "„Die Fähre ist spät“, sagte Herrmann Brandl.", "Herrmann Brandl", None),
        ("en", "“The ferry is late,” Mayor Ivy Kell said.", "Ivy Kell", Some("Mayor")),
        (
            "fr",
            "«Le bac est en retard», a déclaré la maire Odile Venot.",
            "Odile Venot",
            Some("maire"),
        ),
    ];
    for (lang, text, name, role) in cases {
        let q = find_quotes_in(text, lang.parse().unwrap());
        let s = q[0].speaker.as_ref().expect(text);
        assert_eq!((s.name.as_str(), s.role.as_deref()), (name, role), "{text}");
        assert_eq!(&text[s.span.range()], s.name, "{text}");
    }
}

#[test]
fn quotes_are_compared_in_their_own_language() {
    let de: Lang = "de".parse().unwrap();
    let texts = [
        "„Wir haben alles verloren, aber wir bleiben hier“, sagte Bürgermeisterin Anna Velkov.",
        "„Wir haben keine Angst, aber wir bleiben ruhig“, sagte Trainer Ivo Mirsk.",
        "Velkov sagte: „Wir haben alles verloren, aber wir bleiben hier in Dasswick.“",
    ];
    let articles: Vec<Vec<QuoteMention>> = texts.iter().map(|t| find_quotes_in(t, de)).collect();
    let groups = group_renderings(&articles, &[de; 3]);
    // German function words (`haben`, `aber`, `wir`) are no shared content: the coach's words
    // stay apart, while the mayor's two renderings are one quote.
    let members: Vec<Vec<usize>> =
        groups.iter().map(|g| g.members.iter().map(|r| r.article).collect()).collect();
    assert_eq!(members, [vec![0, 2], vec![1]], "{groups:#?}");
}
