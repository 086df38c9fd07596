//! The published JSON Schema of the story document is the one the types generate.
//!
//! `docs/schema/crosscheck.story-1.json` is generated, never edited by hand: after changing a
//! type of `crosscheck_core::story` (or a doc comment on one, which becomes a description), run
//! `UPDATE_SCHEMA=1 cargo test -p crosscheck-core --test schema` and commit the file.

use std::path::Path;

use crosscheck_core::story::{STORY_SCHEMA, json_schema};

const PATH: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/schema/crosscheck.story-1.json");

fn generated() -> String {
    let mut text = serde_json::to_string_pretty(&json_schema()).expect("a schema serialises");
    text.push('\n');
    text
}

#[test]
fn committed_schema_is_generated() {
    let want = generated();
    if std::env::var_os("UPDATE_SCHEMA").is_some_and(|v| v == "1") {
        std::fs::write(PATH, &want).expect("writing the schema file");
        return;
    }
    let have = std::fs::read_to_string(Path::new(PATH)).expect("reading the schema file");
    assert!(
        have == want,
        "{PATH} differs from the schema the types generate; run \
         `UPDATE_SCHEMA=1 cargo test -p crosscheck-core --test schema` and commit it"
    );
}

#[test]
fn schema_names_the_document() {
    let schema = serde_json::to_value(json_schema()).unwrap();
    assert_eq!(schema["$id"], STORY_SCHEMA);
    assert_eq!(schema["title"], STORY_SCHEMA);
    assert_eq!(schema["properties"]["schema"]["const"], STORY_SCHEMA);
    assert_eq!(schema["required"], serde_json::json!(["schema", "stories"]));
    // Each part is a named definition, described by its doc comment.
    for def in
        ["story", "article", "span", "entity", "claim", "quote", "conflict", "timeline_entry"]
    {
        let d = &schema["$defs"][def];
        assert!(d["description"].as_str().is_some_and(|s| !s.is_empty()), "{def}: {d}");
    }
    let span = &schema["$defs"]["span"]["properties"];
    assert!(span["text"]["description"].as_str().unwrap().contains("start..end"));
}
