//! The JSON Schema editors use: the committed copy is the one the model's types give, and every
//! good data file passes it by an independent validator (Python's `jsonschema`, the YAML read by
//! PyYAML), so the schema and the loader agree on what a file may hold.

use std::process::Command;

const COMMITTED: &str = "data/dossier.schema.json";

#[test]
fn the_committed_schema_is_the_generated_one() {
    let generated = dossier::schema::json_schema();
    if std::env::var_os("DOSSIER_BLESS").is_some() {
        std::fs::write(COMMITTED, &generated).expect("write the schema");
    }
    let committed = std::fs::read_to_string(COMMITTED).expect("the committed schema");
    assert!(
        committed == generated,
        "{COMMITTED} is out of date: `cargo run -- schema > {COMMITTED}` (or DOSSIER_BLESS=1 cargo test --test schema)"
    );
}

/// Every data file that builds, in the repository.
fn good_files() -> Vec<String> {
    let mut files = Vec::new();
    for folder in
        ["data", "data/init", "tests/fixtures", "tests/fixtures/packet", "tests/fixtures/bad/members"]
    {
        for entry in std::fs::read_dir(folder).expect("a folder") {
            let path = entry.expect("an entry").path();
            let broken = path.file_name().is_some_and(|n| n == "broken.yaml");
            if path.extension().is_some_and(|e| e == "yaml") && !broken {
                files.push(path.display().to_string());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_good_data_file_passes_the_schema_by_an_independent_validator() {
    let files = good_files();
    for file in &files {
        assert!(dossier::load::load_input(std::path::Path::new(file)).is_ok(), "{file} does not load");
    }
    // Dates stay text (as the loader reads them), not Python dates.
    let script = r#"
import json, sys, yaml, jsonschema
class Loader(yaml.SafeLoader):
    pass
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft7Validator(schema)
failed = 0
for path in sys.argv[2:]:
    for error in validator.iter_errors(yaml.load(open(path, encoding="utf-8"), Loader=Loader)):
        print(f"{path}: {error.message} at {list(error.absolute_path)}")
        failed += 1
sys.exit(1 if failed else 0)
"#;
    let output =
        Command::new("python3").args(["-c", script, COMMITTED]).args(&files).output().expect("python3 runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("No module named") {
        assert!(
            std::env::var_os("DOSSIER_REQUIRE_TOOLS").is_none() && std::env::var_os("CI").is_none(),
            "jsonschema or PyYAML is missing: run .ci/install-validators"
        );
        return;
    }
    assert!(output.status.success(), "{}{stderr}", String::from_utf8_lossy(&output.stdout));
    assert!(files.len() >= 10, "{files:?}");
}

#[test]
fn the_schema_refuses_what_the_loader_refuses_at_the_top_level() {
    let schema: serde_json::Value = serde_json::from_str(&dossier::schema::json_schema()).expect("JSON");
    let organisation = &schema["definitions"]["Organisation"];
    assert_eq!(organisation["additionalProperties"], false);
    let required: Vec<&str> =
        organisation["required"].as_array().expect("required").iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(required, ["language", "name", "updated", "lead", "sources"]);
    assert!(organisation["properties"]["type"].is_object(), "`type`, not the model's `kinds`");
    assert!(
        organisation["properties"]["logo"]["anyOf"].is_array()
            || organisation["properties"]["logo"].is_object()
    );
    assert!(schema["definitions"]["Logo"]["properties"].get("image").is_none());
}
