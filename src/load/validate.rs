//! Checks made after parsing, over the whole file at once: empty text, characters the fonts
//! cannot draw, bad ids, dates in the future, timeline events that point nowhere. Reports every
//! problem, errors and warnings apart.

use std::collections::HashSet;
use std::path::Path;

use super::FieldLines;
use crate::error::Diagnostic;
use crate::fonts;
use crate::i18n::Labels;
use crate::model::{Organisation, Section};
use crate::values::PartialDate;

/// More sections or events than any fact sheet can hold are refused (hostile input).
pub const MAX_SECTIONS: usize = 2_000;
pub const MAX_TIMELINE_EVENTS: usize = 1_000;
/// Subsections nest one level: a section, then its parts.
const MAX_SECTION_DEPTH: usize = 2;

pub struct Checker<'a> {
    path: &'a Path,
    lines: &'a FieldLines,
    today: PartialDate,
    pub found: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub fn new(path: &'a Path, lines: &'a FieldLines, today: PartialDate) -> Self {
        Checker { path, lines, today, found: Vec::new() }
    }

    fn located(&self, field: &str, message: String, hint: &str) -> Diagnostic {
        let mut diagnostic = Diagnostic::error(self.path, message).field(field);
        if let Some((line, column)) = self.lines.find(field) {
            diagnostic = diagnostic.at(line, column);
        }
        if hint.is_empty() {
            diagnostic
        } else {
            diagnostic.hint(hint)
        }
    }

    pub fn report(&mut self, field: &str, message: impl Into<String>, hint: &str) {
        let diagnostic = self.located(field, message.into(), hint);
        self.found.push(diagnostic);
    }

    fn warn(&mut self, field: &str, message: impl Into<String>, hint: &str) {
        let diagnostic = self.located(field, message.into(), hint).warning();
        self.found.push(diagnostic);
    }

    /// Required text: not blank, no control characters, nothing the fonts cannot draw.
    fn text(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.report(field, "this text is empty", "write the text, or remove the entry");
            return;
        }
        if let Some(c) = value.chars().find(|c| c.is_control() && *c != '\n') {
            let hint =
                "remove it: text holds letters, digits, punctuation and spaces (a tab becomes a space)";
            self.report(field, format!("control character U+{:04X} in the text", u32::from(c)), hint);
        }
        match fonts::missing_characters(value) {
            Ok(missing) if !missing.is_empty() => {
                let listed: Vec<String> =
                    missing.iter().take(5).map(|c| format!("`{c}` (U+{:04X})", u32::from(*c))).collect();
                let hint = "Noto Sans draws Latin, Cyrillic and Greek: transliterate the text or leave these characters out";
                self.report(field, format!("the fonts cannot draw {}", listed.join(", ")), hint);
            }
            Ok(_) => {}
            Err(error) => self.report(field, error.to_string(), ""),
        }
    }

    fn optional_text(&mut self, field: &str, value: Option<&String>) {
        if let Some(value) = value {
            self.text(field, value);
        }
    }

    fn texts(&mut self, field: &str, values: &[String]) {
        for (i, value) in values.iter().enumerate() {
            self.text(&format!("{field}[{i}]"), value);
        }
    }

    /// A date must not lie in the future: the data records what has happened.
    fn past_date(&mut self, field: &str, date: &PartialDate) {
        let starts_after_today = (date.year, date.month.unwrap_or(1), date.day.unwrap_or(1))
            > (self.today.year, self.today.month.unwrap_or(12), self.today.day.unwrap_or(31));
        if starts_after_today {
            self.report(
                field,
                format!("{date} lies in the future"),
                "check the year; the data records what has happened",
            );
        }
    }
}

pub fn check(org: &Organisation, checker: &mut Checker) {
    checker.text("name", &org.name);
    checker.text("lead", &org.lead.source);
    checker.texts("type", &org.kinds);
    checker.past_date("updated", &org.updated);
    check_facts(checker, org);
    if org.sections.is_empty() {
        checker.report(
            "sections",
            "there are no sections",
            "add at least one section with a title and paragraphs",
        );
    }
    let placed = check_sections(checker, &org.sections, "sections", 1);
    report_duplicates(checker, &placed);
    let ids: Vec<String> = placed.into_iter().map(|(id, _)| id).collect();
    check_timeline(checker, org, &ids);
    check_sources(checker, org);
    if Labels::for_language(&org.language).key_facts == crate::i18n::ENGLISH.key_facts
        && org.language.primary() != "en"
    {
        let message = format!(
            "there are no fixed words for `{}` yet: headings like “Key facts” stay in English",
            org.language
        );
        checker.warn("language", message, "tables exist for en and ru (src/i18n.rs)");
    }
}

fn check_facts(checker: &mut Checker, org: &Organisation) {
    let facts = &org.facts;
    checker.texts("facts.languages", &facts.languages);
    checker.optional_text("facts.country", facts.country.as_ref().map(|r| &r.source));
    checker.optional_text("facts.headquarters", facts.headquarters.as_ref().map(|r| &r.source));
    checker.optional_text("facts.owner", facts.owner.as_ref().map(|r| &r.source));
    checker.texts("facts.founders", &facts.founders);
    for (i, person) in facts.editors.iter().enumerate() {
        checker.text(&format!("facts.editors[{i}].name"), &person.name);
        checker.optional_text(&format!("facts.editors[{i}].role"), person.role.as_ref());
    }
    for (i, launch) in facts.launched.iter().enumerate() {
        checker.past_date(&format!("facts.launched[{i}].date"), &launch.date);
        checker.optional_text(&format!("facts.launched[{i}].note"), launch.note.as_ref());
    }
    for (i, other) in facts.other.iter().enumerate() {
        checker.text(&format!("facts.other[{i}].label"), &other.label);
        checker.text(&format!("facts.other[{i}].value"), &other.value.source);
    }
    if let Some(logo) = &org.logo {
        checker.text("logo.alt", &logo.alt);
    }
}

/// Checks sections recursively; returns every section id seen with the field it is written in.
fn check_sections(
    checker: &mut Checker,
    sections: &[Section],
    base: &str,
    depth: usize,
) -> Vec<(String, String)> {
    let mut ids = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        let at = format!("{base}[{i}]");
        checker.text(&format!("{at}.title"), &section.title);
        check_id(checker, &format!("{at}.id"), &section.id);
        for (j, paragraph) in section.paragraphs.iter().enumerate() {
            checker.text(&format!("{at}.paragraphs[{j}]"), &paragraph.source);
        }
        if section.paragraphs.is_empty() && section.subsections.is_empty() {
            let message = format!("section `{}` has no paragraphs and no subsections", section.id);
            checker.report(&at, message, "add its text");
        }
        if depth >= MAX_SECTION_DEPTH && !section.subsections.is_empty() {
            checker.report(
                &format!("{at}.subsections"),
                "subsections nest only one level deep",
                "make this a section of its own",
            );
        }
        ids.push((section.id.clone(), format!("{at}.id")));
        ids.extend(check_sections(checker, &section.subsections, &format!("{at}.subsections"), depth + 1));
    }
    ids
}

fn check_id(checker: &mut Checker, field: &str, id: &str) {
    let well_formed = !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && id.starts_with(|c: char| c.is_ascii_lowercase());
    if !well_formed {
        let hint =
            "use up to 64 lower-case letters a-z, digits and `-`, starting with a letter, e.g. `history`";
        checker.report(field, format!("`{id}` is not a usable id"), hint);
    }
}

fn report_duplicates(checker: &mut Checker, ids: &[(String, String)]) {
    let mut seen = HashSet::new();
    for (id, field) in ids {
        if !seen.insert(id) {
            checker.report(
                field,
                format!("the section id `{id}` is used twice"),
                "give every section its own id",
            );
        }
    }
    if ids.len() > MAX_SECTIONS {
        checker.report("sections", format!("{} sections; the limit is {MAX_SECTIONS}", ids.len()), "");
    }
}

fn check_timeline(checker: &mut Checker, org: &Organisation, ids: &[String]) {
    if org.timeline.len() > MAX_TIMELINE_EVENTS {
        let message = format!("{} events; the limit is {MAX_TIMELINE_EVENTS}", org.timeline.len());
        checker.report("timeline", message, "keep the events that matter most");
    }
    for (i, event) in org.timeline.iter().enumerate() {
        let at = format!("timeline[{i}]");
        checker.text(&format!("{at}.title"), &event.title);
        checker.text(&format!("{at}.text"), &event.text.source);
        checker.past_date(&format!("{at}.date"), &event.date);
        let Some(section) = &event.section else { continue };
        if !ids.contains(section) {
            let nearest = ids.iter().min_by_key(|id| super::edit_distance(section, id));
            let hint = nearest.map_or(String::new(), |id| format!("did you mean `{id}`?"));
            checker.report(&format!("{at}.section"), format!("no section has the id `{section}`"), &hint);
        }
    }
}

fn check_sources(checker: &mut Checker, org: &Organisation) {
    if org.sources.is_empty() {
        checker.report("sources", "no source is named", "name at least the article the text comes from");
    }
    for (i, source) in org.sources.iter().enumerate() {
        checker.text(&format!("sources[{i}].title"), &source.title);
        checker.optional_text(&format!("sources[{i}].publisher"), source.publisher.as_ref());
        if let Some(date) = &source.accessed {
            checker.past_date(&format!("sources[{i}].accessed"), date);
        }
        if let Some(licence) = &source.licence {
            checker.text(&format!("sources[{i}].licence.name"), &licence.name);
        }
    }
}
