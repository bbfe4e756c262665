//! YAML text -> `Organisation`, with every problem located in the file. serde_yaml stays in
//! this module; the rest of the crate sees only the model and diagnostics.

mod anchors;
mod checker;
mod image;
mod locate;
mod validate;

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};
use crate::model::Organisation;
use crate::values::PartialDate;

pub use locate::FieldLines;

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

/// Reads and checks one data file.
pub fn load_file(path: &Path) -> Result<Loaded> {
    let read_error = |source| Error::Read { path: path.to_path_buf(), source };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_INPUT_BYTES {
        return Err(invalid(
            path,
            Diagnostic::error(path, format!("the file is {size} bytes; the limit is {MAX_INPUT_BYTES}"))
                .hint("split the organisation's text, or leave out what is not about it"),
        ));
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..offset];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = offset - before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1) + 1;
        let message = format!("the file is not UTF-8 text (a bad byte at offset {offset})");
        invalid(path, Diagnostic::error(path, message).at(line, column).hint("save the file as UTF-8"))
    })?;
    load_str(&text, path)
}

/// Parses and checks data already in memory; `path` names it in diagnostics, and a logo is
/// looked for in its folder.
pub fn load_str(text: &str, path: &Path) -> Result<Loaded> {
    if text.trim().is_empty() {
        let hint = "start from data/kloop.yaml; README.md describes every field";
        return Err(invalid(path, Diagnostic::error(path, "the file is empty").hint(hint)));
    }
    if let Some((line, column, token)) = anchors::first_anchor_or_alias(text) {
        let message = format!("YAML anchors and aliases are not accepted (`{token}`)");
        let hint = "write the text out in full where it is needed";
        return Err(invalid(path, Diagnostic::error(path, message).at(line, column).hint(hint)));
    }
    let mut organisation: Organisation =
        serde_yaml::from_str(text).map_err(|e| invalid(path, parse_diagnostic(&e, text, path)))?;
    let lines = FieldLines::index(text);
    let mut checker = checker::Checker::new(path, &lines, today());
    validate::check(&organisation, &mut checker);
    // Each picture is read and checked here, once; the model carries it to every writer.
    let issuer_logo = organisation.prepared_by.as_mut().and_then(|issuer| issuer.logo.as_mut());
    for (field, logo) in [("logo", organisation.logo.as_mut()), ("prepared_by.logo", issuer_logo)] {
        if let Some(logo) = logo {
            logo.image = image::load_logo(&mut checker, path, &format!("{field}.path"), &logo.path);
        }
    }
    let mut diagnostics = checker.found;
    // In the order of the file, as a reader goes through it.
    diagnostics.sort_by_key(|d| (d.line.unwrap_or(0), d.column.unwrap_or(0)));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::InvalidData { file: path.to_path_buf(), diagnostics });
    }
    Ok(Loaded { organisation, path: path.to_path_buf(), warnings: diagnostics })
}

/// Today's date (UTC), only to refuse dates in the future; outputs never read the clock.
fn today() -> PartialDate {
    let seconds =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    PartialDate::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
}

fn invalid(path: &Path, diagnostic: Diagnostic) -> Error {
    Error::InvalidData { file: path.to_path_buf(), diagnostics: vec![diagnostic] }
}

/// Turns serde_yaml's message ("sections[1]: unknown field `titel`, expected one of ...
/// at line 3 column 5") into a diagnostic with its field, place and a hint.
fn parse_diagnostic(error: &serde_yaml::Error, text: &str, path: &Path) -> Diagnostic {
    let full = error.to_string();
    let without_place = full.split(" at line ").next().unwrap_or(&full).to_string();
    let (field, message) = match without_place.split_once(": ") {
        Some((field, message)) if is_field_path(field) => (Some(field.to_string()), message.to_string()),
        _ => (None, without_place.clone()),
    };
    let mut diagnostic = Diagnostic::error(path, tidy_message(&message));
    if let Some(field) = &field {
        diagnostic = diagnostic.field(field.clone());
    }
    let lines = FieldLines::index(text);
    if let Some((line, column)) = duplicate_place(&message, field.as_deref(), &lines) {
        diagnostic = diagnostic.at(line, column);
    } else if let Some(location) = error.location() {
        diagnostic = diagnostic.at(location.line(), location.column());
    } else if let Some((line, column)) = field.as_deref().and_then(|f| lines.find(f)) {
        diagnostic = diagnostic.at(line, column);
    }
    match hint_for(&message) {
        Some(hint) => diagnostic.hint(hint),
        None => diagnostic,
    }
}

/// serde_yaml places a duplicate key at its mapping's start: point at the second writing.
fn duplicate_place(message: &str, field: Option<&str>, lines: &FieldLines) -> Option<(usize, usize)> {
    let key = message.strip_prefix("duplicate field `")?.split('`').next()?;
    let path = field.map_or(key.to_string(), |f| format!("{f}.{key}"));
    lines.all(&path).get(1).copied()
}

fn is_field_path(text: &str) -> bool {
    !text.is_empty()
        && !text.contains(' ')
        && text.chars().all(|c| c.is_alphanumeric() || "_-.[]".contains(c))
}

/// serde speaks of Rust; our readers write YAML.
fn tidy_message(message: &str) -> String {
    let unknown = message.split(", expected").next().unwrap_or(message);
    if message.starts_with("unknown field") {
        return unknown.to_string();
    }
    if message.starts_with("recursion limit exceeded") {
        return "the file nests lists and mappings too deeply".to_string();
    }
    if message.starts_with("repetition limit exceeded") {
        return "the file repeats itself through aliases too often".to_string();
    }
    let words = [
        ("invalid type: string ", "wrong kind of value: found the text "),
        ("invalid type: ", "wrong kind of value: found "),
        ("invalid value: ", "wrong value: found "),
        ("sequence", "a list"),
        ("map,", "a mapping,"),
        ("unit value", "nothing"),
        ("expected a string", "expected text"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
    ];
    let tidy = words.iter().fold(message.to_string(), |text, (from, to)| text.replace(from, to));
    match tidy.split_once("expected struct ") {
        Some((before, name)) => format!("{before}expected {}", type_words(name)),
        None => tidy,
    }
}

/// `TimelineEvent` -> "a timeline event (a mapping)".
fn type_words(name: &str) -> String {
    let mut words = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            words.push(' ');
        }
        words.extend(c.to_lowercase());
    }
    let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {words} (a mapping of fields)")
}

/// "did you mean" from the allowed names serde lists, else the list itself.
fn hint_for(message: &str) -> Option<String> {
    let syntax_hints = [
        ("found character that cannot start any token", "YAML indents with spaces; a tab may be hiding here"),
        (
            "did not find expected key",
            "check this line's indentation against the lines above; a quotation mark may be left open",
        ),
        ("mapping values are not allowed", "a text containing `: ` needs quotation marks, or a `>-` block"),
        ("did not find expected", "check the brackets and quotation marks above this place"),
    ];
    if let Some((_, hint)) = syntax_hints.iter().find(|(start, _)| message.starts_with(start)) {
        return Some((*hint).to_string());
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        return Some(format!("add `{name}:` to this mapping (README.md shows every field)"));
    }
    let rest = message.strip_prefix("unknown field `")?;
    let (wrong, after) = rest.split_once('`')?;
    let allowed: Vec<&str> = after.split('`').skip(1).step_by(2).collect();
    match meant(wrong, &allowed).or_else(|| nearest(wrong, allowed.iter().copied())) {
        Some(name) => Some(format!("did you mean `{name}`?")),
        None if allowed.is_empty() => Some("this place takes no fields".to_string()),
        None => Some(format!("allowed here: {}", allowed.join(", "))),
    }
}

/// Other words people use for a field, by the field they mean. A word counts only where serde
/// allows its field (`history` means `timeline` at the top level, nothing inside `facts`).
const SYNONYMS: &[(&str, &[&str])] = &[
    ("launched", &["founded", "founding", "started"]),
    ("url", &["website", "site", "homepage", "web", "link", "href"]),
    ("licence", &["license"]),
    ("people", &["staff", "director", "directors", "ceo", "leaders", "team"]),
    ("editors", &["editor", "editor_in_chief"]),
    ("founders", &["founder"]),
    ("headquarters", &["location", "city", "hq", "address"]),
    ("owner", &["owners", "ownership"]),
    ("lead", &["description", "summary", "intro", "about"]),
    ("timeline", &["events", "history"]),
    ("sources", &["references", "bibliography", "citations"]),
    ("type", &["kind", "kinds", "types", "category"]),
    ("prepared_by", &["author", "publisher", "issuer", "preparedby", "by"]),
    ("accessed", &["accessed_on", "retrieved"]),
    ("languages", &["language"]),
    ("language", &["languages"]),
    ("paragraphs", &["text", "body", "paragraph"]),
    // A person's `title` is a job; elsewhere a heading is a title and a title is a name.
    ("role", &["title", "position", "job"]),
    ("title", &["heading", "name"]),
    ("name", &["title"]),
];

/// The allowed field `wrong` stands for: the same name written differently (`Prepared-By`), or
/// a synonym.
fn meant<'a>(wrong: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let word = wrong.trim().to_lowercase().replace(['-', ' '], "_");
    let is_allowed = |name: &str| allowed.iter().copied().find(|a| *a == name);
    is_allowed(&word).or_else(|| {
        SYNONYMS
            .iter()
            .filter(|(_, words)| words.contains(&word.as_str()))
            .find_map(|(name, _)| is_allowed(name))
    })
}

/// Names longer than this are never compared: every field name and id is shorter, and comparing
/// long texts costs the product of their lengths.
const MAX_COMPARED: usize = 64;

/// The name nearest to `wrong`, when it is near enough to be a slip of the keyboard.
pub(crate) fn nearest<'a>(wrong: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = wrong.chars().count();
    if length > MAX_COMPARED {
        return None;
    }
    names
        .into_iter()
        .filter_map(|name| {
            let name_length = name.chars().count();
            let allowed = (name_length / 3).max(2);
            // A difference in length alone already counts as that many edits.
            if name_length > MAX_COMPARED || length.abs_diff(name_length) > allowed {
                return None;
            }
            let distance = edit_distance(wrong, name);
            (distance <= allowed).then_some((distance, name))
        })
        .min()
        .map(|(_, name)| name)
}

/// Levenshtein distance over characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn nearest_suggests_only_near_names_and_never_compares_long_texts() {
        assert_eq!(nearest("raid", ["history", "raids"]), Some("raids"));
        assert_eq!(nearest("government", ["history", "raids"]), None);
        // Both a million characters long: comparing them would take a million squared steps.
        let long = "a".repeat(1_000_000);
        assert_eq!(nearest(&long, [long.as_str()]), None);
    }

    #[test]
    fn edit_distance_counts_single_changes() {
        assert_eq!(edit_distance("foundr", "founders"), 2);
        assert_eq!(edit_distance("titel", "title"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }

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
