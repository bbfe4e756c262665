//! YAML text -> `Organisation`, with every problem located in the file. libyaml stays in this
//! module (`libyaml`, its one caller); the rest of the crate sees only the model and diagnostics.
//!
//! The steps, each refusing what the next must not see: `files` reads a regular file within the
//! size limit; `tree` builds a located tree from libyaml's events, refusing anchors, aliases and
//! deep nesting as they come; `schema` reads the tree into the model field by field, reporting
//! every structural mistake at once; `validate` (with `checker`) judges the values; `image`
//! reads the logos.

mod checker;
mod fields;
mod files;
mod hints;
mod image;
mod libyaml;
mod locate;
mod packet;
mod schema;
mod tree;
mod validate;

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};
use crate::model::Organisation;
use crate::values::PartialDate;

pub use files::{read_regular, FileRefusal};
pub use locate::FieldLines;
pub use packet::{load_input, Input, LoadedPacket, MAX_MEMBERS, MAX_MEMBER_BYTES};
pub use tree::MAX_NESTING;

/// Larger files are refused before parsing: no organisation needs 10 MiB of text.
pub const MAX_INPUT_BYTES: u64 = 10 * 1024 * 1024;

/// A parsed, checked data file.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub organisation: Organisation,
    pub path: PathBuf,
    /// Problems that do not stop a build.
    pub warnings: Vec<Diagnostic>,
}

/// Reads and checks one organisation file.
pub fn load_file(path: &Path) -> Result<Loaded> {
    load_str(&read_text(path)?, path)
}

/// A data file's text: a regular file within the limit, UTF-8.
fn read_text(path: &Path) -> Result<String> {
    let bytes = read_data_file(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        // Everything before the bad byte is UTF-8: its place is counted in characters.
        let before = String::from_utf8_lossy(&e.as_bytes()[..offset]);
        let line_start = before.rfind('\n').map_or(0, |p| p + 1);
        let line = before.matches('\n').count() + 1;
        let column = before[line_start..].chars().count() + 1;
        let message = format!("the file is not UTF-8 text (a bad byte at offset {offset})");
        invalid(path, Diagnostic::error(path, message).at(line, column).hint("save the file as UTF-8"))
    })
}

/// The data file's text as it was read, for quoting lines of it in a report (bad bytes
/// replaced); nothing when it is not a regular file within the limit.
pub fn source_text(path: &Path) -> Option<String> {
    let bytes = read_regular(path, MAX_INPUT_BYTES).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

fn read_data_file(path: &Path) -> Result<Vec<u8>> {
    let too_large = |message: String| {
        let hint = "split the organisation's text, or leave out what is not about it";
        invalid(path, Diagnostic::error(path, message).hint(hint))
    };
    read_regular(path, MAX_INPUT_BYTES).map_err(|refusal| match refusal {
        FileRefusal::NotAFile(kind) => Error::NotAFile { path: path.to_path_buf(), kind },
        FileRefusal::TooLarge(size) => {
            too_large(format!("the file is {size} bytes; the limit is {MAX_INPUT_BYTES}"))
        }
        FileRefusal::Grew => {
            too_large(format!("the file grew past the limit of {MAX_INPUT_BYTES} bytes while it was read"))
        }
        FileRefusal::Io(source) => Error::Read { path: path.to_path_buf(), source },
    })
}

/// Parses and checks an organisation file already in memory; `path` names it in diagnostics,
/// and a logo is looked for in its folder. A packet file is refused here (see [`load_input`]).
pub fn load_str(text: &str, path: &Path) -> Result<Loaded> {
    let root = parse(text, path)?;
    if packet::is_packet(&root) {
        let message = "this is a packet file, not an organisation file";
        let hint = "a packet's members are organisation files; name the packet itself to build it";
        return Err(invalid(path, Diagnostic::error(path, message).at(1, 1).hint(hint)));
    }
    organisation(root, path)
}

/// The located tree of a data file's text, or the problem that stops it being read.
fn parse(text: &str, path: &Path) -> Result<tree::Node> {
    // A byte order mark says "UTF-8" and nothing else; editors on Windows write one.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let empty = |message: &str| {
        let hint = "start from data/kloop.yaml; README.md describes every field";
        invalid(path, Diagnostic::error(path, message).hint(hint))
    };
    if text.trim().is_empty() {
        return Err(empty("the file is empty"));
    }
    let root = tree::read(text).map_err(|refusal| {
        let mut diagnostic = Diagnostic::error(path, refusal.message).hint(refusal.hint);
        if let Some((line, column)) = refusal.at.line_column() {
            diagnostic = diagnostic.at(line, column);
        }
        invalid(path, diagnostic)
    })?;
    root.filter(|root| !root.is_null()).ok_or_else(|| empty("the file holds no data, only comments"))
}

/// An organisation from its file's tree: structure, then values, every problem reported.
fn organisation(root: tree::Node, path: &Path) -> Result<Loaded> {
    let mut reader = fields::Reader::new(path);
    let mut places = locate::Spot::default();
    let organisation = schema::organisation(&mut reader, root, &mut places);
    let mut diagnostics = reader.found;
    let lines = FieldLines::new(places);
    // Structure first, then values: values are judged only when the whole file reads as the
    // format says. A value left out would shift indices and hide ids, and a misspelt field
    // (`body:` for `paragraphs:`) would be reported again as the text it leaves empty.
    let structured = diagnostics.is_empty();
    let organisation = organisation.filter(|_| structured).map(|mut organisation| {
        diagnostics.extend(check(&mut organisation, path, &lines));
        organisation
    });
    let unlisted = in_file_order(&mut diagnostics);
    match organisation {
        Some(organisation) if !diagnostics.iter().any(Diagnostic::is_error) && unlisted == 0 => {
            Ok(Loaded { organisation, path: path.to_path_buf(), warnings: diagnostics })
        }
        _ => Err(Error::InvalidData { file: path.to_path_buf(), diagnostics, unlisted }),
    }
}

/// In the order of the file, as a reader goes through it, and no more than a reader will read;
/// returns how many errors were left out.
fn in_file_order(diagnostics: &mut Vec<Diagnostic>) -> usize {
    diagnostics.sort_by_key(|d| (d.line.unwrap_or(0), d.column.unwrap_or(0)));
    limit_reported(diagnostics)
}

/// The checks on values, and the logos read into the model once.
fn check(organisation: &mut Organisation, path: &Path, lines: &FieldLines) -> Vec<Diagnostic> {
    let mut checker = checker::Checker::new(path, lines, today());
    validate::check(organisation, &mut checker);
    let issuer_logo = organisation.prepared_by.as_mut().and_then(|issuer| issuer.logo.as_mut());
    for (field, logo) in [("logo", organisation.logo.as_mut()), ("prepared_by.logo", issuer_logo)] {
        if let Some(logo) = logo {
            logo.image = image::load_logo(&mut checker, path, &format!("{field}.path"), &logo.path);
        }
    }
    checker.found
}

/// At most this many problems of one file are listed: a file with a hundred thousand unknown
/// fields is listed in full by nobody, and each listing costs memory and a line on the terminal.
pub const MAX_LISTED: usize = 1_000;

/// Keeps the first `MAX_LISTED` problems (in their order); returns how many errors were left
/// out, which the report counts.
fn limit_reported(diagnostics: &mut Vec<Diagnostic>) -> usize {
    if diagnostics.len() <= MAX_LISTED {
        return 0;
    }
    let unlisted = diagnostics[MAX_LISTED..].iter().filter(|d| d.is_error()).count();
    diagnostics.truncate(MAX_LISTED);
    unlisted
}

/// Today's date (UTC), only to refuse dates in the future; outputs never read the clock.
fn today() -> PartialDate {
    let seconds =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    PartialDate::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
}

fn invalid(path: &Path, diagnostic: Diagnostic) -> Error {
    Error::InvalidData { file: path.to_path_buf(), diagnostics: vec![diagnostic], unlisted: 0 }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn unknown_field_gets_a_suggestion_and_a_place() {
        let text =
            "language: en\nname: X\nupdated: 2026-01-01\nlead: L\nsources: []\nfacts:\n  foundrs: [A]\n";
        let Err(Error::InvalidData { diagnostics, .. }) = load_str(text, Path::new("x.yaml")) else {
            panic!("expected invalid data");
        };
        let d = &diagnostics[0];
        assert_eq!(d.field.as_deref(), Some("facts"));
        assert_eq!(d.message, "unknown field `foundrs`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `founders`?"));
        assert_eq!(d.line, Some(7));
    }

    /// The smallest file that loads, with `extra` lines added at the top level.
    pub(crate) fn minimal(extra: &str) -> String {
        format!(
            "language: en\nname: X\nupdated: 2020\nlead: L\n\
             sections: [{{id: a, title: A, paragraphs: [P]}}]\n\
             sources: [{{title: T, url: https://x.org/}}]\n{extra}"
        )
    }

    pub(crate) fn problems(text: &str) -> Vec<Diagnostic> {
        match load_str(text, Path::new("x.yaml")) {
            Err(Error::InvalidData { diagnostics, .. }) => diagnostics,
            Err(other) => panic!("expected invalid data, got {other}"),
            Ok(_) => Vec::new(),
        }
    }

    #[test]
    fn type_is_one_text_or_a_list_and_a_wrong_one_is_placed() {
        let loaded = load_str(&minimal("type: NGO\n"), Path::new("x.yaml")).expect("loads");
        assert_eq!(loaded.organisation.kinds, ["NGO"]);
        let found = problems(&minimal("type: [News, [investigations]]\n"));
        assert_eq!(found[0].field.as_deref(), Some("type[1]"));
        assert_eq!(found[0].line, Some(7));
        let found = problems(&minimal("type: {a: 1}\n"));
        assert_eq!(
            found[0].message,
            "wrong kind of value: found a mapping, expected a text or a list of texts"
        );
    }

    /// The hint given for the one problem in the minimal file with `extra` added.
    fn hint(extra: &str) -> String {
        let found = problems(&minimal(extra));
        assert_eq!(found.len(), 1, "{extra}: {found:?}");
        found[0].hint.clone().unwrap_or_default()
    }

    #[test]
    fn common_words_for_a_field_suggest_it_where_it_is_allowed() {
        let cases = [
            ("facts: {website: https://x.org/}", "did you mean `url`?"),
            ("facts: {founded: 2007}", "did you mean `launched`?"),
            ("facts: {ceo: [{name: A}]}", "did you mean `people`?"),
            ("facts: {Editor-in-Chief: [{name: A}]}", "did you mean `editors`?"),
            ("facts: {hq: Bishkek}", "did you mean `headquarters`?"),
            ("facts: {language: [ky]}", "did you mean `languages`?"),
            ("facts: {people: [{name: A, title: Director}]}", "did you mean `role`?"),
            ("description: D", "did you mean `lead`?"),
            ("events: []", "did you mean `timeline`?"),
            ("references: []", "did you mean `sources`?"),
            ("category: NGO", "did you mean `type`?"),
            ("Prepared-By: {name: N}", "did you mean `prepared_by`?"),
            ("author: {name: N}", "did you mean `prepared_by`?"),
            ("languages: en", "did you mean `language`?"),
            ("title: X", "did you mean `name`?"),
            ("prepared_by: {name: N, website: https://x.org/}", "did you mean `url`?"),
        ];
        for (extra, expected) in cases {
            assert_eq!(hint(&format!("{extra}\n")), expected, "{extra}");
        }
        // Where the meant field is not allowed, spelling and the list take over.
        assert!(hint("facts: {history: []}\n").starts_with("allowed here: "));
        let section = |field: &str| {
            let text = minimal("").replace("title: A, paragraphs: [P]", &format!("title: A, {field}: [P]"));
            problems(&text)[0].hint.clone().unwrap_or_default()
        };
        assert_eq!(section("body"), "did you mean `paragraphs`?");
        assert_eq!(section("text"), "did you mean `paragraphs`?");
        let source = |field: &str| {
            let text =
                minimal("").replace("url: https://x.org/", &format!("url: https://x.org/, {field}: 2020"));
            problems(&text)[0].hint.clone().unwrap_or_default()
        };
        assert_eq!(source("retrieved"), "did you mean `accessed`?");
        assert_eq!(source("name"), "did you mean `title`?");
        assert_eq!(source("link"), "did you mean `url`?");
    }

    #[test]
    fn a_byte_order_mark_at_the_start_is_skipped_and_the_first_field_kept() {
        let loaded = load_str(&format!("\u{FEFF}{}", minimal("")), Path::new("x.yaml")).expect("loads");
        assert_eq!(loaded.organisation.language.as_str(), "en");
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("bom.yaml");
        std::fs::write(&file, [&b"\xEF\xBB\xBF"[..], minimal("").as_bytes()].concat()).expect("write");
        assert_eq!(load_file(&file).expect("loads").organisation.name, "X");
    }

    #[test]
    fn every_structural_mistake_is_reported_in_one_run_at_its_place() {
        let text = minimal("titel: X\nfacts: {website: https://x.org/, commercial: maybe}\n")
            .replace("name: X\n", "name: [X]\n")
            .replace("updated: 2020", "updated: 2023-02-30")
            .replace("{title: T, url: https://x.org/}", "{url: https://x.org/, url: https://y.org/}");
        let found: Vec<(String, String, Option<usize>)> =
            problems(&text).into_iter().map(|d| (d.field.unwrap_or_default(), d.message, d.line)).collect();
        let expected = [
            ("name", "wrong kind of value: found a list, expected text", 2),
            ("updated", "`2023-02-30` is not a date: that month has no day 30", 3),
            ("sources[0]", "missing field `title`", 6),
            ("sources[0]", "duplicate field `url`", 6),
            ("", "unknown field `titel`", 7),
            ("facts", "unknown field `website`", 8),
            ("facts.commercial", "wrong kind of value: found the text \"maybe\", expected true or false", 8),
        ];
        let expected: Vec<(String, String, Option<usize>)> =
            expected.iter().map(|(f, m, l)| (f.to_string(), m.to_string(), Some(*l))).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_misspelt_required_field_is_one_mistake_and_one_report() {
        let found = problems(&minimal("").replace("lead: L", "leed: L"));
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["unknown field `leed`"]);
        assert_eq!(found[0].hint.as_deref(), Some("did you mean `lead`?"));
        let gone = problems(&minimal("").replace("lead: L\n", ""));
        assert_eq!(gone[0].message, "missing field `lead`");
    }

    #[test]
    fn values_that_look_like_numbers_or_nulls_are_text_where_text_is_asked_for() {
        let text = minimal("facts: {country: 1.10, owner: ~, commercial: FALSE}\n")
            .replace("title: A", "title: 007");
        let loaded = load_str(&text, Path::new("x.yaml")).expect("loads");
        let facts = &loaded.organisation.facts;
        assert_eq!(facts.country.as_ref().map(|c| c.source.as_str()), Some("1.10"));
        assert!(facts.owner.is_none(), "an unquoted ~ leaves an optional field out");
        assert_eq!(facts.commercial, Some(false));
        assert_eq!(loaded.organisation.sections[0].title, "007");
    }

    #[test]
    fn a_paragraph_of_dashes_is_text() {
        let dashes = "- ".repeat(20_000);
        let section =
            format!("sections:\n  - id: a\n    title: A\n    paragraphs:\n      - >-\n        {dashes}x\n");
        let text = minimal("").replace("sections: [{id: a, title: A, paragraphs: [P]}]\n", &section);
        let loaded = load_str(&text, Path::new("x.yaml")).expect("loads");
        assert_eq!(loaded.organisation.sections[0].paragraphs[0].source.len(), dashes.len() + 1);
    }

    #[test]
    fn a_file_of_many_mistakes_lists_the_first_thousand_and_counts_the_rest() {
        let unknown: String = (0..1_500).map(|i| format!("  k{i}: v\n")).collect();
        let text = minimal(&format!("facts:\n{unknown}"));
        let Err(Error::InvalidData { diagnostics, unlisted, .. }) = load_str(&text, Path::new("x.yaml"))
        else {
            panic!("refused")
        };
        assert_eq!((diagnostics.len(), unlisted), (MAX_LISTED, 500));
    }

    #[test]
    fn a_bad_byte_is_placed_in_characters_like_every_other_place() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("bad.yaml");
        std::fs::write(&file, b"language: en\nname: \xD0\x9A\xD0\xBB\xFF\n").expect("write");
        let Err(Error::InvalidData { diagnostics, .. }) = load_file(&file) else { panic!("refused") };
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (Some(2), Some(9)), "after `name: Кл`");
    }

    #[test]
    fn a_file_of_comments_holds_no_data() {
        let found = problems("# only a comment\n");
        assert_eq!(found[0].message, "the file holds no data, only comments");
    }

    #[test]
    fn the_fictional_ngo_loads_without_a_problem() {
        let loaded = load_file(Path::new("tests/fixtures/ngo.yaml")).unwrap_or_else(|e| match e {
            Error::InvalidData { diagnostics, .. } => panic!("{diagnostics:#?}"),
            other => panic!("{other}"),
        });
        assert_eq!(loaded.warnings, []);
        let org = loaded.organisation;
        assert_eq!(org.kinds, ["NGO"]);
        assert_eq!(org.facts.people[0].role.as_deref(), Some("Executive director"));
        assert!(org.prepared_by.as_ref().is_some_and(|issuer| issuer.contact.is_some()));
        let ruling = &org.sources[0];
        assert!(ruling.url.is_none() && ruling.publisher.is_some() && ruling.date.is_some());
        assert!(org.timeline.iter().any(|event| event.section.is_none()));
        let cited: Vec<&str> = org.paragraphs().into_iter().flat_map(|p| p.citations()).collect();
        assert_eq!(cited, ["ruling-2024", "annual-report-2025"]);
    }
}
