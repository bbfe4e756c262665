//! Checks made after parsing, over the whole file at once: empty text, bad ids, timeline
//! events that point nowhere, characters that have no place in text. Reports all problems.

use std::collections::HashSet;
use std::path::Path;

use super::FieldLines;
use crate::error::Diagnostic;
use crate::model::{Organisation, Section};

/// More sections or events than any fact sheet can hold are refused (hostile input).
pub const MAX_SECTIONS: usize = 2_000;
pub const MAX_TIMELINE_EVENTS: usize = 1_000;
/// Subsections nest one level: a section, then its parts.
const MAX_SECTION_DEPTH: usize = 2;

struct Checker<'a> {
    path: &'a Path,
    lines: &'a FieldLines,
    found: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, field: &str, message: impl Into<String>, hint: &str) {
        let mut diagnostic = Diagnostic::error(self.path, message).field(field);
        if let Some((line, column)) = self.lines.find(field) {
            diagnostic = diagnostic.at(line, column);
        }
        if !hint.is_empty() {
            diagnostic = diagnostic.hint(hint);
        }
        self.found.push(diagnostic);
    }

    /// Required text: not blank, no control characters.
    fn text(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.report(
                field,
                "this text is empty",
                "write the text, or remove the entry",
            );
            return;
        }
        if let Some(c) = value.chars().find(|c| c.is_control() && *c != '\n') {
            self.report(
                field,
                format!("control character U+{:04X} in text", u32::from(c)),
                "remove it; text holds letters, digits, punctuation and spaces",
            );
        }
    }
}

pub fn check(org: &Organisation, path: &Path, lines: &FieldLines) -> Vec<Diagnostic> {
    let mut checker = Checker {
        path,
        lines,
        found: Vec::new(),
    };
    checker.text("name", &org.name);
    checker.text("lead", &org.lead);
    for (i, kind) in org.kinds.iter().enumerate() {
        checker.text(&format!("type[{i}]"), kind);
    }
    if org.sections.is_empty() {
        checker.report(
            "sections",
            "there are no sections",
            "add at least one section with a title and paragraphs",
        );
    }
    let ids = check_sections(&mut checker, &org.sections, "sections", 1);
    check_timeline(&mut checker, org, &ids);
    if org.sources.is_empty() {
        checker.report(
            "sources",
            "no source is named",
            "name at least the article the text comes from",
        );
    }
    for (i, source) in org.sources.iter().enumerate() {
        checker.text(&format!("sources[{i}].title"), &source.title);
    }
    checker.found
}

/// Checks sections recursively; returns every section id seen.
fn check_sections(
    checker: &mut Checker,
    sections: &[Section],
    base: &str,
    depth: usize,
) -> Vec<String> {
    let mut ids = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        let at = format!("{base}[{i}]");
        checker.text(&format!("{at}.title"), &section.title);
        check_id(checker, &format!("{at}.id"), &section.id);
        for (j, paragraph) in section.paragraphs.iter().enumerate() {
            checker.text(&format!("{at}.paragraphs[{j}]"), paragraph);
        }
        if section.paragraphs.is_empty() && section.subsections.is_empty() {
            checker.report(
                &at,
                format!(
                    "section `{}` has no paragraphs and no subsections",
                    section.id
                ),
                "add its text",
            );
        }
        if depth >= MAX_SECTION_DEPTH && !section.subsections.is_empty() {
            checker.report(
                &format!("{at}.subsections"),
                "subsections nest only one level deep",
                "make this a section of its own",
            );
        }
        ids.push(section.id.clone());
        ids.extend(check_sections(
            checker,
            &section.subsections,
            &format!("{at}.subsections"),
            depth + 1,
        ));
    }
    if depth == 1 {
        report_duplicates(checker, &ids);
    }
    ids
}

fn check_id(checker: &mut Checker, field: &str, id: &str) {
    let well_formed = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && id.starts_with(|c: char| c.is_ascii_lowercase());
    if !well_formed {
        checker.report(
            field,
            format!("`{id}` is not a usable id"),
            "use lower-case letters a-z, digits and `-`, starting with a letter, e.g. `history`",
        );
    }
}

fn report_duplicates(checker: &mut Checker, ids: &[String]) {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            checker.report(
                "sections",
                format!("the section id `{id}` is used twice"),
                "give every section its own id",
            );
        }
    }
    if ids.len() > MAX_SECTIONS {
        checker.report(
            "sections",
            format!("{} sections; the limit is {MAX_SECTIONS}", ids.len()),
            "",
        );
    }
}

fn check_timeline(checker: &mut Checker, org: &Organisation, ids: &[String]) {
    if org.timeline.len() > MAX_TIMELINE_EVENTS {
        checker.report(
            "timeline",
            format!(
                "{} events; the limit is {MAX_TIMELINE_EVENTS}",
                org.timeline.len()
            ),
            "keep the events that matter most",
        );
    }
    for (i, event) in org.timeline.iter().enumerate() {
        let at = format!("timeline[{i}]");
        checker.text(&format!("{at}.title"), &event.title);
        checker.text(&format!("{at}.text"), &event.text);
        if !ids.contains(&event.section) {
            let nearest = ids
                .iter()
                .min_by_key(|id| super::edit_distance(&event.section, id));
            let hint = nearest.map_or(String::new(), |id| format!("did you mean `{id}`?"));
            checker.report(
                &format!("{at}.section"),
                format!("no section has the id `{}`", event.section),
                &hint,
            );
        }
    }
}
