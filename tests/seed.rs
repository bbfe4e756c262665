//! Checks that `data/kloop.yaml` holds every fact and every paragraph of the seed article
//! `tests/fixtures/kloop-seed.txt`, a plain-text dump of the English Wikipedia article: a
//! `= Title =` line, an infobox caption and `- Key: Value` lines, the lead paragraph, then
//! `== Section ==` and `=== Subsection ===` headings, one paragraph per line.
//!
//! The seed is parsed here, independently of the crate; the data is read through the library.

use std::path::Path;

use dossier::markup::Rich;
use dossier::model::{Facts, Organisation, Section};
use dossier::values::WebUrl;

const SEED: &str = "tests/fixtures/kloop-seed.txt";
const DATA: &str = "data/kloop.yaml";
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The seed article, split into its parts.
#[derive(Debug, Default)]
struct Seed {
    title: String,
    /// Text lines between the title and the infobox (the infobox caption).
    caption: Vec<String>,
    infobox: Vec<(String, String)>,
    lead: Vec<String>,
    sections: Vec<SeedSection>,
}

#[derive(Debug)]
struct SeedSection {
    title: String,
    paragraphs: Vec<String>,
    subsections: Vec<SeedSection>,
}

impl SeedSection {
    fn new(title: &str) -> Self {
        SeedSection { title: title.to_string(), paragraphs: Vec::new(), subsections: Vec::new() }
    }
}

impl Seed {
    fn set_title(&mut self, title: &str, line: usize) {
        assert!(
            self.title.is_empty() && self.sections.is_empty(),
            "{SEED}:{line}: a second `= Title =` line"
        );
        self.title = title.to_string();
    }

    fn add_subsection(&mut self, title: &str, line: usize) {
        let parent = self
            .sections
            .last_mut()
            .unwrap_or_else(|| panic!("{SEED}:{line}: `=== {title} ===` before any `== Section ==`"));
        parent.subsections.push(SeedSection::new(title));
    }

    fn add_text(&mut self, text: &str, line: usize) {
        assert!(!self.title.is_empty(), "{SEED}:{line}: text before the `= Title =` line");
        if let Some(section) = self.sections.last_mut() {
            match section.subsections.last_mut() {
                Some(subsection) => subsection.paragraphs.push(text.to_string()),
                None => section.paragraphs.push(text.to_string()),
            }
        } else if let Some(item) = text.strip_prefix("- ") {
            self.add_infobox_line(item, line);
        } else if self.infobox.is_empty() {
            self.caption.push(text.to_string());
        } else {
            self.lead.push(text.to_string());
        }
    }

    fn add_infobox_line(&mut self, item: &str, line: usize) {
        assert!(self.lead.is_empty(), "{SEED}:{line}: infobox line `- {item}` after the lead paragraph");
        let (key, value) = item
            .split_once(": ")
            .unwrap_or_else(|| panic!("{SEED}:{line}: infobox line `- {item}` has no `Key: Value`"));
        self.infobox.push((key.trim().to_string(), value.trim().to_string()));
    }
}

/// `== Title ==` -> `(2, "Title")`; `None` for a line that is not a heading.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '=').count();
    let closing = "=".repeat(level);
    let inner = line.get(level..)?.strip_suffix(closing.as_str())?;
    let title = inner.trim();
    (level > 0 && inner.len() > title.len() && !title.is_empty()).then_some((level, title))
}

fn parse_seed(text: &str) -> Seed {
    let mut seed = Seed::default();
    for (index, raw) in text.lines().enumerate() {
        let (line, number) = (raw.trim(), index + 1);
        match heading(line) {
            _ if line.is_empty() => {}
            Some((1, title)) => seed.set_title(title, number),
            Some((2, title)) => seed.sections.push(SeedSection::new(title)),
            Some((3, title)) => seed.add_subsection(title, number),
            Some((level, _)) => panic!("{SEED}:{number}: heading level {level} is not supported"),
            None => seed.add_text(line, number),
        }
    }
    seed
}

fn read_seed() -> Seed {
    let text = std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("cannot read {SEED}: {e}"));
    let seed = parse_seed(&text);
    assert!(!seed.title.is_empty(), "{SEED} has no `= Title =` line");
    assert!(!seed.infobox.is_empty(), "{SEED} has no infobox lines");
    assert!(!seed.lead.is_empty(), "{SEED} has no lead paragraph");
    assert!(!seed.sections.is_empty(), "{SEED} has no sections");
    seed
}

fn organisation() -> Organisation {
    dossier::load::load_file(Path::new(DATA))
        .unwrap_or_else(|e| panic!("{DATA} should load: {e:?}"))
        .organisation
}

/// `"a, b (c, d), e"` -> `["a", "b (c, d)", "e"]`: splits on `, ` outside parentheses.
fn split_top_level(value: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0i32, 0);
    for (at, c) in value.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 && value[at..].starts_with(", ") => {
                parts.push(&value[start..at]);
                start = at + 2;
            }
            _ => {}
        }
    }
    parts.push(&value[start..]);
    parts
}

/// `"Name (note)"` -> `("Name", Some("note"))`; `"Name"` -> `("Name", None)`.
fn with_note(entry: &str) -> (String, Option<String>) {
    let parts = entry.strip_suffix(')').and_then(|rest| rest.rsplit_once(" ("));
    match parts {
        Some((text, note)) => (text.to_string(), Some(note.to_string())),
        None => (entry.to_string(), None),
    }
}

/// `"3 July 2006"` -> `"2006-07-03"` (also `"July 2006"` and `"2006"`).
fn iso_date(english: &str) -> String {
    let month = |name: &str| {
        let index = MONTHS.iter().position(|m| *m == name);
        index.unwrap_or_else(|| panic!("`{name}` in `{english}` is not an English month")) + 1
    };
    let number = |text: &str| -> u16 {
        text.parse().unwrap_or_else(|_| panic!("`{text}` in `{english}` is not a number"))
    };
    match english.split_whitespace().collect::<Vec<_>>().as_slice() {
        [d, m, y] => format!("{:04}-{:02}-{:02}", number(y), month(m), number(d)),
        [m, y] => format!("{:04}-{:02}", number(y), month(m)),
        [y] => format!("{:04}", number(y)),
        _ => panic!("`{english}` is not a date like `3 July 2006`"),
    }
}

fn list(value: &str) -> Vec<String> {
    value.split(", ").map(str::to_string).collect()
}

fn yes_no(value: &str) -> bool {
    match value {
        "Yes" => true,
        "No" => false,
        _ => panic!("Commercial should be `Yes` or `No`, the seed says `{value}`"),
    }
}

fn check_fact(org: &Organisation, key: &str, value: &str) {
    let facts = &org.facts;
    let message = format!("{DATA} does not match the seed's infobox line `- {key}: {value}`");
    match key {
        "Logo" => assert!(
            org.logo.is_none(),
            "the seed names logo `{value}`, which we do not have: {DATA} must not set `logo`"
        ),
        "Type" => assert_eq!(org.kinds, list(value), "`type`: {message}"),
        "Language" => assert_eq!(facts.languages, list(value), "`languages`: {message}"),
        "Language Count" => check_language_count(facts, value),
        "Country Of Origin" => assert_eq!(plain(&facts.country).as_deref(), Some(value), "{message}"),
        "Owner" => assert_eq!(plain(&facts.owner).as_deref(), Some(value), "`owner`: {message}"),
        "Founder" => assert_eq!(facts.founders, list(value), "`founders`: {message}"),
        "Editor" => check_editors(facts, value),
        "Url" => assert_eq!(facts.url.as_ref().map(WebUrl::as_str), Some(value), "{message}"),
        "Commercial" => assert_eq!(facts.commercial, Some(yes_no(value)), "{message}"),
        "Launch Date" => check_launched(facts, value),
        _ => panic!(
            "infobox key `{key}` (value `{value}`) is unknown to this test: \
             map it to a field of the data and check it in tests/seed.rs"
        ),
    }
}

fn check_language_count(facts: &Facts, value: &str) {
    let count: usize = value.parse().unwrap_or_else(|_| panic!("Language Count `{value}` is not a number"));
    assert_eq!(
        facts.languages.len(),
        count,
        "{DATA} lists {:?} but the seed's Language Count is {count}",
        facts.languages
    );
}

fn check_editors(facts: &Facts, value: &str) {
    let want: Vec<_> = split_top_level(value).into_iter().map(with_note).collect();
    let got: Vec<_> = facts.editors.iter().map(|e| (e.name.clone(), e.role.clone())).collect();
    assert_eq!(got, want, "`editors` (name, role) in {DATA} differ from the seed's `Editor: {value}`");
}

fn check_launched(facts: &Facts, value: &str) {
    let want: Vec<_> = split_top_level(value)
        .into_iter()
        .map(with_note)
        .map(|(date, note)| (iso_date(&date), note))
        .collect();
    let got: Vec<_> = facts.launched.iter().map(|l| (l.date.to_string(), l.note.clone())).collect();
    assert_eq!(got, want, "`launched` (date, note) in {DATA} differ from the seed's `Launch Date: {value}`");
}

/// A few characters of `text` from character `at`, to show where two paragraphs part.
fn excerpt(text: &str, at: usize) -> String {
    text.chars().skip(at.saturating_sub(20)).take(60).collect()
}

fn check_paragraph(place: &str, index: usize, data: &str, seed: &str) {
    let at = data.chars().zip(seed.chars()).take_while(|(a, b)| a == b).count();
    assert!(
        data == seed,
        "paragraph {} of {place} differs from the seed at character {at}:\n  data: …{}…\n  seed: …{}…",
        index + 1,
        excerpt(data, at),
        excerpt(seed, at)
    );
}

/// What a text field prints, without its markup.
fn plain(field: &Option<Rich>) -> Option<String> {
    field.as_ref().map(Rich::plain_text)
}

fn check_paragraphs(place: &str, data: &[Rich], seed: &[String]) {
    for (index, (d, s)) in data.iter().zip(seed).enumerate() {
        check_paragraph(place, index, &d.plain_text(), s);
    }
    assert_eq!(
        data.len(),
        seed.len(),
        "{place} has {} paragraphs in {DATA} but {} in the seed",
        data.len(),
        seed.len()
    );
}

fn check_sections(parent: &str, data: &[Section], seed: &[SeedSection]) {
    let got: Vec<&str> = data.iter().map(|s| s.title.as_str()).collect();
    let want: Vec<&str> = seed.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(got, want, "section titles under {parent} differ (left: {DATA}, right: seed)");
    for (d, s) in data.iter().zip(seed) {
        let place = format!("section `{}` (id `{}`)", d.title, d.id);
        check_paragraphs(&place, &d.paragraphs, &s.paragraphs);
        check_sections(&place, &d.subsections, &s.subsections);
    }
}

#[test]
fn seed_helpers_read_what_the_seed_writes() {
    assert_eq!(heading("== Work =="), Some((2, "Work")));
    assert_eq!(heading("=== A, b ==="), Some((3, "A, b")));
    assert_eq!(heading("x = y"), None);
    assert_eq!(iso_date("3 July 2006"), "2006-07-03");
    assert_eq!(iso_date("18 June 2007"), "2007-06-18");
    assert_eq!(split_top_level("a (b, c), d"), ["a (b, c)", "d"]);
    assert_eq!(with_note("A B (x-y)"), ("A B".into(), Some("x-y".into())));
}

#[test]
fn title_is_the_name() {
    let (seed, org) = (read_seed(), organisation());
    assert_eq!(org.name, seed.title, "`name` in {DATA} is not the seed's title");
    for caption in &seed.caption {
        assert_eq!(&org.name, caption, "the seed's infobox caption is not `name`");
    }
}

#[test]
fn every_infobox_line_is_typed_data() {
    let (seed, org) = (read_seed(), organisation());
    for (key, value) in &seed.infobox {
        check_fact(&org, key, value);
    }
}

#[test]
fn lead_is_the_seed_lead() {
    let (seed, org) = (read_seed(), organisation());
    assert_eq!(seed.lead.len(), 1, "the seed should have one lead paragraph");
    check_paragraph("the lead", 0, &org.lead.plain_text(), &seed.lead[0]);
}

#[test]
fn sections_match_the_seed_tree() {
    let (seed, org) = (read_seed(), organisation());
    check_sections("the top level", &org.sections, &seed.sections);
}

#[test]
fn wikipedia_is_a_licensed_source() {
    let org = organisation();
    let found = org.sources.iter().any(|s| {
        s.url.as_ref().is_some_and(|u| u.as_str().contains("wikipedia.org/wiki/Kloop"))
            && s.licence.as_ref().is_some_and(|l| l.name.contains("CC BY-SA 4.0"))
    });
    assert!(found, "{DATA} needs a source at wikipedia.org/wiki/Kloop with a CC BY-SA 4.0 licence");
}
