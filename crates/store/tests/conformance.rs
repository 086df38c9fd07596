//! One suite of behaviours, run against every [`Store`] implementation.

mod common;

use common::{article, report};
use crosscheck_core::{DocId, Features, Lang, Term};
use crosscheck_store::{
    Error, MemStore, Neighbourhood, Placement, Probe, PutOutcome, SqliteStore, Store, StoryId,
    StoryQuery, Target,
};

fn new_in(id: &str, n: u32) -> Placement {
    Placement {
        article: id.into(),
        target: Target::New(n),
        duplicate_of: None,
        keys: vec![],
        features: None,
    }
}

fn join(id: &str, story: &StoryId) -> Placement {
    Placement {
        article: id.into(),
        target: Target::Existing(story.clone()),
        duplicate_of: None,
        keys: vec![],
        features: None,
    }
}

macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod mem {
            $( #[test] fn $name() { super::$name(&crosscheck_store::MemStore::new()); } )*
        }
        mod sqlite {
            $( #[test] fn $name() {
                let dir = tempfile::tempdir().unwrap();
                let store = crosscheck_store::SqliteStore::open(dir.path().join("t.db")).unwrap();
                super::$name(&store);
            } )*
        }
    };
}

conformance!(
    articles_round_trip,
    same_content_is_unchanged,
    new_content_replaces_and_unplaces,
    placing_creates_and_joins_stories,
    bad_plans_change_nothing,
    reports_follow_versions,
    listing_filters_and_paginates,
    text_query_matches_whole_words_in_one_article,
    bridged_stories_merge_into_the_oldest_and_redirect,
    features_are_kept_with_members_until_replaced,
    stories_of_one_plan_are_older_in_plan_order,
    many_articles_store_as_one_at_a_time,
    reports_store_together_as_one_at_a_time,
);

/// Storing several articles at once (one transaction in `SQLite`) gives what storing them one
/// at a time gives: articles later in the list see the ones before (the same article twice, a
/// corrected article).
fn many_articles_store_as_one_at_a_time(s: &dyn Store) {
    use PutOutcome::{Added, Replaced, Unchanged};
    let a1 = article("a1", "T", "Body one.", Some("2024-03-01"), "X");
    let a2 = article("a2", "T", "Body two.", None, "Y");
    let a2_fixed = article("a2", "T", "Body two, corrected.", None, "Y");
    let batch =
        [(&a1, None), (&a2, Some(b"<p>Body two.</p>".as_slice())), (&a1, None), (&a2_fixed, None)];
    let got = s.put_sourced_all(&batch).unwrap();
    let want: Vec<(DocId, PutOutcome)> = vec![
        ("a1".into(), Added),
        ("a2".into(), Added),
        ("a1".into(), Unchanged),
        ("a2".into(), Replaced),
    ];
    assert_eq!(got, want);
    assert!(s.article("a2").unwrap().unwrap().article.text.contains("corrected"));
    assert_eq!(s.unplaced(10).unwrap().len(), 2);
    assert!(s.put_sourced_all(&[]).unwrap().is_empty());
}

/// In `SQLite`, storing articles in one call gives the ids, outcomes and rows that storing them
/// one at a time gives, an article of another origin under a taken id included.
#[test]
fn sqlite_stores_many_articles_as_one_at_a_time() {
    let a1 = article("a1", "T", "Body one.", Some("2024-03-01"), "X");
    let a2 = article("a2", "T", "Body two.", None, "Y");
    let a2_fixed = article("a2", "T", "Body two, corrected.", None, "Y");
    let other = crosscheck_core::Article {
        url: Some("https://example.invalid/elsewhere".to_string()),
        ..article("a1", "T", "Another body.", None, "Z")
    };
    let batch = [
        (&a1, None),
        (&a2, Some(b"<p>Body two.</p>".as_slice())),
        (&other, None),
        (&a1, None),
        (&a2_fixed, None),
        (&other, None),
    ];
    let dir = tempfile::tempdir().unwrap();
    let (one, all) = (
        SqliteStore::open(dir.path().join("one.db")).unwrap(),
        SqliteStore::open(dir.path().join("all.db")).unwrap(),
    );
    let want: Vec<(DocId, PutOutcome)> =
        batch.iter().map(|(a, o)| one.put_sourced(a, *o).unwrap()).collect();
    assert_eq!(want[2].0.as_str(), "a1~2", "another origin gets a fresh id");
    assert_eq!(all.put_sourced_all(&batch).unwrap(), want);
    for id in ["a1", "a2", "a1~2"] {
        let (x, y) = (one.article(id).unwrap().unwrap(), all.article(id).unwrap().unwrap());
        assert_eq!((x.seq, x.hash, x.original), (y.seq, y.hash, y.original), "{id}");
        assert_eq!((&x.article.text, &x.article.url), (&y.article.text, &y.article.url), "{id}");
    }
    assert_eq!(one.stats().unwrap(), all.stats().unwrap());
}

/// Storing several reports at once follows the same rules as one at a time: a report of an
/// older membership never replaces a newer one, and a story that no longer exists is skipped
/// (and said so) without failing the others.
fn reports_store_together_as_one_at_a_time(s: &dyn Store) {
    use crosscheck_store::ReportWrite;
    for id in ["a1", "a2", "b1"] {
        s.put_article(&article(id, "T", &format!("Body {id}."), None, "X"), None).unwrap();
    }
    let stories = s.place(&[new_in("a1", 0), new_in("b1", 1)], &[]).unwrap();
    let (a, b) = (stories[0].clone(), stories[1].clone());
    let stale = s.stale().unwrap();
    let version = |id: &StoryId| stale.iter().find(|(s, _)| s == id).unwrap().1;
    let (va, vb) = (version(&a), version(&b));
    // Story a gains a member: its report of the old membership must not make it fresh.
    s.place(&[join("a2", &a)], &[]).unwrap();
    let nope = StoryId::from("nope");
    let (ra, rb, rn) = (report("x", "Old a"), report("y", "Fresh b"), report("z", "Gone"));
    let writes = [
        ReportWrite { story: &a, version: va, headline: "Old a", report: &ra },
        ReportWrite { story: &nope, version: 1, headline: "Gone", report: &rn },
        ReportWrite { story: &b, version: vb, headline: "Fresh b", report: &rb },
    ];
    assert_eq!(s.put_reports(&writes).unwrap(), vec![true, false, true]);
    assert_eq!(s.report(&b).unwrap(), Some(rb.clone()));
    assert_eq!(s.story(&b).unwrap().unwrap().summary.headline, "Fresh b");
    let stale: Vec<StoryId> = s.stale().unwrap().into_iter().map(|(id, _)| id).collect();
    assert_eq!(stale, vec![a.clone()], "story a is still stale");
    // The newer report wins over an old one written after it, in one call.
    let va2 = s.stale().unwrap()[0].1;
    let ra2 = report("x2", "New a");
    let writes = [
        ReportWrite { story: &a, version: va2, headline: "New a", report: &ra2 },
        ReportWrite { story: &a, version: va, headline: "Old a", report: &ra },
    ];
    assert_eq!(s.put_reports(&writes).unwrap(), vec![true, true]);
    assert_eq!(s.report(&a).unwrap(), Some(ra2));
    assert!(s.stale().unwrap().is_empty());
    assert!(s.put_reports(&[]).unwrap().is_empty());
}

/// Stories created by one plan are older in the order of their plan numbers, so that which id
/// survives a later merge is the same in every run (it once followed a hash map's order).
fn stories_of_one_plan_are_older_in_plan_order(s: &dyn Store) {
    let ids: Vec<String> = (0..8).map(|i| format!("p{i}")).collect();
    for id in ids.iter().chain(["q0", "q1", "q2", "q3"].map(String::from).iter()) {
        s.put_article(&article(id, &format!("Title {id}"), "Body.", None, "X"), None).unwrap();
    }
    let plan: Vec<Placement> = ids.iter().enumerate().map(|(i, id)| new_in(id, i as u32)).collect();
    let stories = s.place(&plan, &[]).unwrap();
    for (k, pair) in stories.chunks(2).enumerate() {
        let bridge = format!("q{k}");
        let touched =
            s.place(&[join(&bridge, &pair[1])], &[vec![pair[1].clone(), pair[0].clone()]]).unwrap();
        assert_eq!(touched, vec![pair[0].clone()], "the story of the lower plan number survives");
    }
}

fn features_are_kept_with_members_until_replaced(s: &dyn Store) {
    let f = Features {
        words: vec![Term { id: 3, count: 2.0, prior: 0.001 }],
        names: vec![Term { id: u64::MAX, count: 1.0, prior: 1e-6 }],
        fingerprint: 42,
        lang: Lang::EN,
    };
    let one = article("f1", "Dam", "The dam held, said Ana Lima.", Some("2025-11-19"), "Daily");
    let two = article("f2", "Dam", "The dam still holds.", Some("2025-11-20"), "Post");
    s.put_article(&one, None).unwrap();
    s.put_article(&two, None).unwrap();
    let mut first = new_in("f1", 0);
    first.keys = vec![17];
    first.features = Some(f.clone());
    let story = s.place(&[first], &[]).unwrap().remove(0);
    s.place(&[join("f2", &story)], &[]).unwrap();
    let around = Neighbourhood::new(vec![Probe { keys: vec![17], published: None }]);
    let got = s.neighbours(&around).unwrap();
    let members = got.iter().find(|m| m.id == story).expect("the story is a neighbour");
    let ids: Vec<&str> = members.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["f1", "f2"]);
    assert_eq!(members.features, vec![Some(f), None]);
    // New content is another article: its old features go with its old content.
    let changed = article("f1", "Dam", "The dam broke.", Some("2025-11-21"), "Daily");
    assert_eq!(s.put_article(&changed, None).unwrap(), PutOutcome::Replaced);
    s.place(&[join("f1", &story)], &[]).unwrap();
    let got = s.neighbours(&around).unwrap();
    let members = got.iter().find(|m| m.id == story).expect("the story is a neighbour");
    assert!(members.features.iter().all(Option::is_none), "{:?}", members.features);
}

fn articles_round_trip(s: &dyn Store) {
    let a = article(
        "a1",
        "Bridge opens",
        "The bridge opened on Monday, said Ana Lima.",
        Some("2025-11-19"),
        "Daily",
    );
    assert_eq!(s.put_article(&a, Some(b"\xffLatin-1 bytes")).unwrap(), PutOutcome::Added);
    let got = s.article("a1").unwrap().expect("stored");
    assert_eq!(got.article.id, a.id);
    assert_eq!(&*got.article.raw, &*a.raw);
    assert_eq!(got.article.text, a.text);
    assert_eq!(got.article.alignment, a.alignment);
    assert_eq!(got.article.removed, a.removed);
    assert_eq!(got.article.published, a.published);
    assert_eq!(got.article.outlet.as_deref(), Some("Daily"));
    assert_eq!(got.article.url, a.url);
    assert_eq!(got.article.language, Lang::EN);
    assert_eq!(got.hash, crosscheck_store::ContentHash::of(a.raw.as_bytes()));
    assert!(got.original.is_some(), "original bytes differ from the raw content");
    assert_eq!(got.story, None);
    assert!(s.article("nope").unwrap().is_none());
    assert_eq!(got.article.published_month, None);
    // An article that gives only a month keeps it.
    let month_only = crosscheck_core::Article {
        published_month: crosscheck_core::Month::new(2025, 11),
        ..article("m1", "Ferry", "The ferry ran aground.", None, "Weekly")
    };
    s.put_article(&month_only, None).unwrap();
    let got = s.article("m1").unwrap().expect("stored");
    assert_eq!(
        (got.article.published, got.article.published_month),
        (None, month_only.published_month)
    );
    let stats = s.stats().unwrap();
    assert_eq!((stats.articles, stats.unplaced, stats.stories), (2, 2, 0));
    s.check().unwrap();
}

fn same_content_is_unchanged(s: &dyn Store) {
    let a = article("a1", "T", "Body one.", None, "X");
    s.put_article(&a, None).unwrap();
    let before = s.article("a1").unwrap().unwrap().seq;
    s.place(&[new_in("a1", 0)], &[]).unwrap();
    assert_eq!(s.put_article(&a, None).unwrap(), PutOutcome::Unchanged);
    let after = s.article("a1").unwrap().unwrap();
    assert_eq!(after.seq, before, "nothing rewritten");
    assert!(after.story.is_some(), "placement kept");
    assert!(s.unplaced(10).unwrap().is_empty());
}

fn new_content_replaces_and_unplaces(s: &dyn Store) {
    s.put_article(&article("a1", "T", "Body one.", None, "X"), None).unwrap();
    s.put_article(&article("a2", "T", "Body two.", None, "Y"), None).unwrap();
    let story = s.place(&[new_in("a1", 0), new_in("a2", 0)], &[]).unwrap().remove(0);
    let v = s.story(&story).unwrap().unwrap().summary.version;
    let changed = article("a1", "T", "Body one, corrected.", None, "X");
    assert_eq!(s.put_article(&changed, None).unwrap(), PutOutcome::Replaced);
    let a1 = s.article("a1").unwrap().unwrap();
    assert_eq!(a1.story, None);
    assert!(a1.article.text.contains("corrected"));
    let rec = s.story(&story).unwrap().unwrap();
    assert_eq!(rec.articles, vec![DocId::from("a2")]);
    assert!(rec.summary.version > v, "membership change bumps the version");
    // Replacing the last member removes the story.
    s.put_article(&article("a2", "T", "Body two, corrected.", None, "Y"), None).unwrap();
    assert!(s.story(&story).unwrap().is_none());
    assert_eq!(s.unplaced(10).unwrap().len(), 2);
    assert_eq!(s.unplaced(1).unwrap()[0].article.id.as_str(), "a1", "oldest first");
}

fn placing_creates_and_joins_stories(s: &dyn Store) {
    for (id, date, outlet) in
        [("a1", "2025-11-19", "X"), ("a2", "2025-11-20", "Y"), ("b1", "2025-10-01", "X")]
    {
        s.put_article(&article(id, &format!("Title {id}"), "Body.", Some(date), outlet), None)
            .unwrap();
    }
    let plan = [new_in("a1", 7), new_in("b1", 9)];
    let touched = s.place(&plan, &[]).unwrap();
    assert_eq!(touched.len(), 2);
    assert_ne!(touched[0], touched[1]);
    assert_eq!(s.stale().unwrap().len(), 2);
    let dup = Placement {
        article: "a2".into(),
        target: Target::Existing(touched[0].clone()),
        duplicate_of: Some("a1".into()),
        keys: vec![],
        features: None,
    };
    assert_eq!(s.place(&[dup], &[]).unwrap(), vec![touched[0].clone()]);
    let rec = s.story(&touched[0]).unwrap().unwrap();
    assert_eq!(rec.articles, vec![DocId::from("a1"), DocId::from("a2")]);
    assert_eq!(rec.summary.articles, 2);
    assert_eq!(rec.summary.outlets, vec!["X".to_string(), "Y".to_string()]);
    assert_eq!(rec.summary.first_published.unwrap().to_string(), "2025-11-19");
    assert_eq!(rec.summary.last_published.unwrap().to_string(), "2025-11-20");
    assert_eq!(rec.summary.headline, "Title a1", "first title until fused");
    assert!(!rec.summary.fresh);
    assert!(rec.report.is_none());
    assert_eq!(s.article("a2").unwrap().unwrap().duplicate_of, Some(DocId::from("a1")));
    let members = s.members().unwrap();
    assert_eq!(members.len(), 2);
    let m = members.iter().find(|m| m.id == touched[0]).unwrap();
    assert_eq!(m.articles.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["a1", "a2"]);
    assert_eq!(s.story_articles(&touched[1]).unwrap()[0].article.id.as_str(), "b1");
    assert!(matches!(s.story_articles(&"nope".into()), Err(Error::UnknownStory { .. })));
    // The same corpus gives the same story ids in any store.
    let other = MemStore::new();
    for id in ["a1", "b1"] {
        other.put_article(&article(id, "T", "B.", None, "X"), None).unwrap();
    }
    assert_eq!(other.place(&plan, &[]).unwrap(), touched);
}

fn bad_plans_change_nothing(s: &dyn Store) {
    s.put_article(&article("a1", "T", "B.", None, "X"), None).unwrap();
    s.put_article(&article("a2", "T", "B2.", None, "X"), None).unwrap();
    assert!(matches!(
        s.place(&[new_in("a1", 0), new_in("zz", 0)], &[]),
        Err(Error::UnknownArticle { .. })
    ));
    assert!(matches!(
        s.place(&[new_in("a1", 0), join("a2", &"s-missing".into())], &[]),
        Err(Error::UnknownStory { .. })
    ));
    assert!(matches!(
        s.place(&[new_in("a1", 0), new_in("a1", 1)], &[]),
        Err(Error::InvalidPlan { .. })
    ));
    let bad_dup = Placement {
        article: "a1".into(),
        target: Target::New(0),
        duplicate_of: Some("ghost".into()),
        keys: vec![],
        features: None,
    };
    assert!(s.place(&[bad_dup], &[]).is_err());
    assert_eq!(s.stats().unwrap().stories, 0, "failed plans create nothing");
    assert_eq!(s.unplaced(10).unwrap().len(), 2);
    let story = s.place(&[new_in("a1", 0)], &[]).unwrap().remove(0);
    assert!(
        matches!(s.place(&[join("a1", &story)], &[]), Err(Error::Conflict { .. })),
        "already placed"
    );
}

fn reports_follow_versions(s: &dyn Store) {
    s.put_article(&article("a1", "T1", "B.", None, "X"), None).unwrap();
    s.put_article(&article("a2", "T2", "B.", None, "X"), None).unwrap();
    let story = s.place(&[new_in("a1", 0)], &[]).unwrap().remove(0);
    let (id, v1) = s.stale().unwrap().remove(0);
    assert_eq!(id, story);
    let doc1 = report("x", "Fused one");
    s.put_report(&story, v1, "Fused one", &doc1).unwrap();
    assert!(s.stale().unwrap().is_empty());
    let rec = s.story(&story).unwrap().unwrap();
    assert!(rec.summary.fresh);
    assert_eq!(rec.summary.headline, "Fused one");
    let back = s.report(&story).unwrap().unwrap();
    assert_eq!(back, doc1);
    assert_eq!(rec.report.as_ref(), Some(&doc1));
    // A new member makes it stale; a report for the old version does not make it fresh.
    s.place(&[join("a2", &story)], &[]).unwrap();
    let (_, v2) = s.stale().unwrap().remove(0);
    assert!(v2 > v1);
    let doc2 = report("y", "Fused two");
    s.put_report(&story, v2, "Fused two", &doc2).unwrap();
    s.put_report(&story, v1, "Late old report", &doc1).unwrap();
    assert_eq!(s.story(&story).unwrap().unwrap().summary.headline, "Fused two", "older never wins");
    assert!(s.stale().unwrap().is_empty());
    assert!(matches!(s.put_report(&"nope".into(), 1, "h", &doc1), Err(Error::UnknownStory { .. })));
    assert!(s.report(&"nope".into()).unwrap().is_none());
}

fn listing_filters_and_paginates(s: &dyn Store) {
    // Seven stories on distinct days plus one undated.
    let mut plan = Vec::new();
    for i in 0..7u32 {
        let id = format!("a{i}");
        s.put_article(&article(&id, "T", "B.", Some(&format!("2025-11-1{i}")), "X"), None).unwrap();
        plan.push(new_in(&id, i));
    }
    s.put_article(&article("u", "Undated", "B.", None, "X"), None).unwrap();
    plan.push(new_in("u", 99));
    s.place(&plan, &[]).unwrap();
    let mut q = StoryQuery { limit: 3, ..StoryQuery::default() };
    let mut seen = Vec::new();
    loop {
        let page = s.stories(&q).unwrap();
        assert!(page.stories.len() <= 3);
        seen.extend(page.stories.iter().map(|s| s.last_published.map(|d| d.to_string())));
        match page.next {
            Some(c) => q.after = Some(c.to_string().parse().unwrap()),
            None => break,
        }
    }
    let want: Vec<Option<String>> =
        (0..7).rev().map(|i| Some(format!("2025-11-1{i}"))).chain([None]).collect();
    assert_eq!(seen, want, "newest first, undated last, every story once");
    let since = StoryQuery { since: "2025-11-15".parse().ok(), ..StoryQuery::default() };
    assert_eq!(s.stories(&since).unwrap().stories.len(), 2);
    let until = StoryQuery { until: "2025-11-11".parse().ok(), ..StoryQuery::default() };
    assert_eq!(s.stories(&until).unwrap().stories.len(), 2);
}

fn text_query_matches_whole_words_in_one_article(s: &dyn Store) {
    s.put_article(&article("a1", "Harbour bridge", "The harbour bridge opened.", None, "X"), None)
        .unwrap();
    s.put_article(&article("a2", "Budget", "Parliament passed the budget.", None, "Y"), None)
        .unwrap();
    s.put_article(&article("a3", "Bridge", "Another bridge story, about budget.", None, "Z"), None)
        .unwrap();
    let stories = s.place(&[new_in("a1", 0), new_in("a2", 1), new_in("a3", 2)], &[]).unwrap();
    let find = |text: &str| -> Vec<StoryId> {
        let mut v: Vec<StoryId> = s
            .stories(&StoryQuery { text: Some(text.into()), ..StoryQuery::default() })
            .unwrap()
            .stories
            .into_iter()
            .map(|s| s.id)
            .collect();
        v.sort();
        v
    };
    let mut both = vec![stories[0].clone(), stories[2].clone()];
    both.sort();
    assert_eq!(find("BRIDGE"), both);
    assert_eq!(find("harbour bridge"), vec![stories[0].clone()]);
    assert_eq!(find("bridge budget"), vec![stories[2].clone()], "all words in one article");
    assert!(find("brid").is_empty(), "whole words only");
    assert_eq!(find("\"parliament\"* ("), vec![stories[1].clone()], "no query syntax");
    assert_eq!(find(" ,, ").len(), 3, "no words means no filter");
}

#[test]
fn sqlite_reopens_with_everything_and_refuses_newer_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let s = SqliteStore::open(&path).unwrap();
        s.put_article(&article("a1", "T", "B.", None, "X"), None).unwrap();
        assert_eq!(s.schema_version().unwrap(), 5);
    }
    let s = SqliteStore::open(&path).unwrap();
    assert!(s.article("a1").unwrap().is_some());
    let hash = s.article("a1").unwrap().unwrap().hash;
    assert_eq!(s.blob(&hash).unwrap().unwrap(), b"T\n\nB.");
    drop(s);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(matches!(err, Error::SchemaTooNew { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("t.db"), "{err}");
}

/// Closing a store that read through its pooled read-only connections leaves no write-ahead
/// log beside the database: the writer closes last and checkpoints it away.
#[test]
fn sqlite_leaves_no_log_behind_when_closed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let wal = dir.path().join("t.db-wal");
    let s = SqliteStore::open(&path).unwrap();
    for i in 0..50 {
        s.put_article(&article(&format!("a{i}"), "T", &"B. ".repeat(200), None, "X"), None)
            .unwrap();
    }
    // Reads go through the reader pool, so both kinds of connection are open at the close.
    assert!(s.article("a1").unwrap().is_some());
    assert!(wal.exists(), "a store in use keeps its log");
    drop(s);
    assert!(!wal.exists(), "the log was left behind");
    let s = SqliteStore::open(&path).unwrap();
    assert!(s.article("a49").unwrap().is_some(), "nothing lost with the log");
}
/// The `report` column holds a compact `crosscheck.story/1` document of one story, deflated
/// (zlib) into a BLOB; documents written before as TEXT (and before the report was typed, keys
/// in any order) still read, and a document of another schema or of several stories, or bytes
/// that do not inflate, are an error naming the story, not a misread.
#[test]
fn sqlite_keeps_reports_as_story_documents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let s = SqliteStore::open(&path).unwrap();
    s.put_article(&article("a1", "T", "B.", None, "X"), None).unwrap();
    let story = s.place(&[new_in("a1", 0)], &[]).unwrap().remove(0);
    s.put_report(&story, 1, "Fused", &report(story.as_str(), "Fused")).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let column = |conn: &rusqlite::Connection| -> Vec<u8> {
        conn.query_row("SELECT report FROM stories WHERE id = ?1", [story.as_str()], |r| r.get(0))
            .unwrap()
    };
    let mut json = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::ZlibDecoder::new(&column(&conn)[..]),
        &mut json,
    )
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["schema"], "crosscheck.story/1");
    assert_eq!(doc["stories"].as_array().unwrap().len(), 1);
    assert_eq!(doc["stories"][0]["headline"], "Fused");

    let set = |text: &str| {
        conn.execute("UPDATE stories SET report = ?1 WHERE id = ?2", [text, story.as_str()])
            .unwrap();
    };
    set(
        r#"{"schema":"crosscheck.story/1","stories":[{"articles":[],"claims":[],"conflicts":[],"entities":[],"headline":"Old","id":"s","quotes":[],"timeline":[]}]}"#,
    );
    assert_eq!(s.report(&story).unwrap().unwrap(), report("s", "Old"));
    for bad in [
        r#"{"schema":"crosscheck.story/2","stories":[]}"#,
        r#"{"schema":"crosscheck.story/1","stories":[]}"#,
        "not json",
    ] {
        set(bad);
        let err = s.report(&story).unwrap_err();
        assert!(matches!(err, Error::Corrupt { .. }), "{bad}: {err}");
        assert!(err.to_string().contains(story.as_str()), "{err}");
        assert!(s.story(&story).is_err(), "{bad}");
    }
    conn.execute(
        "UPDATE stories SET report = ?1 WHERE id = ?2",
        rusqlite::params![b"not deflated".to_vec(), story.as_str()],
    )
    .unwrap();
    let err = s.report(&story).unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. }) && err.to_string().contains(story.as_str()));
}

fn bridged_stories_merge_into_the_oldest_and_redirect(s: &dyn Store) {
    for (id, date) in [("a1", "2025-11-19"), ("b1", "2025-11-20"), ("c1", "2025-11-21")] {
        s.put_article(&article(id, &format!("Title {id}"), "Body.", Some(date), "X"), None)
            .unwrap();
    }
    let first = s.place(&[new_in("a1", 0)], &[]).unwrap().remove(0);
    let second = s.place(&[new_in("b1", 0)], &[]).unwrap().remove(0);
    assert_ne!(first, second);
    // c1 joins the younger story and bridges both: the older id survives.
    let touched = s.place(&[join("c1", &second)], &[vec![second.clone(), first.clone()]]).unwrap();
    assert_eq!(touched, vec![first.clone()]);
    assert_eq!(s.stats().unwrap().stories, 1);
    assert_eq!(s.resolve(&second).unwrap(), Some(first.clone()));
    assert_eq!(s.resolve(&first).unwrap(), None, "a live story does not redirect");
    assert!(s.story(&second).unwrap().is_none());
    let members = s.story(&first).unwrap().unwrap().articles;
    assert_eq!(members.len(), 3);
    // A later plan naming the merged-away id lands in the survivor.
    s.put_article(&article("d1", "Title d1", "Body.", None, "X"), None).unwrap();
    assert_eq!(s.place(&[join("d1", &second)], &[]).unwrap(), vec![first.clone()]);
    assert_eq!(s.article("d1").unwrap().unwrap().story, Some(first));
}
