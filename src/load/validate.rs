//! What is checked where, after parsing, over the whole file at once: empty text, characters the
//! fonts cannot draw, markup, bad or repeated ids, dates in the future, timeline events and
//! citations that point nowhere, sources nobody could find. Reports every problem, errors and
//! warnings apart; how one value is judged is `checker`'s.

use std::collections::{HashMap, HashSet};

use super::checker::{is_usable_id, Checker, ID_FORM};
use crate::error::shortened;
use crate::locale;
use crate::model::{Facts, Issuer, Logo, Organisation, OwnText, OwnWords, Packet, Person, Section, Source};
use crate::values::LanguageTag;

/// More sections or events than any fact sheet can hold are refused (hostile input).
pub const MAX_SECTIONS: usize = 2_000;
pub const MAX_TIMELINE_EVENTS: usize = 1_000;
/// Subsections nest one level: a section, then its parts.
const MAX_SECTION_DEPTH: usize = 2;
/// A citation that names no source lists the sources' ids when there are at most this many.
const LISTED_IDS: usize = 8;
/// "Did you mean" is searched among at most this many ids, for at most this many distinct wrong
/// ids: a hostile file with thousands of each would otherwise keep the check busy for minutes.
const MAX_SEARCHED_IDS: usize = MAX_SECTIONS;
const MAX_SUGGESTED: usize = 50;

pub fn check(org: &Organisation, checker: &mut Checker) {
    checker.text("name", &org.name);
    checker.rich("lead", &org.lead);
    checker.texts("type", &org.kinds);
    checker.past_date("updated", &org.updated);
    if let Some(logo) = &org.logo {
        check_logo(checker, "logo", logo);
    }
    if let Some(issuer) = &org.prepared_by {
        check_issuer(checker, "prepared_by", issuer);
    }
    check_facts(checker, &org.facts);
    if org.sections.is_empty() {
        checker.report(
            "sections",
            "there are no sections",
            "add at least one section with a title and paragraphs",
        );
    }
    let placed = check_sections(checker, &org.sections, "sections", 1);
    if placed.len() > MAX_SECTIONS {
        checker.report("sections", format!("{} sections; the limit is {MAX_SECTIONS}", placed.len()), "");
    }
    report_duplicates(checker, "section", &placed);
    let ids: Vec<&str> = placed.iter().map(|(id, _)| id.as_str()).collect();
    check_timeline(checker, org, &ids);
    check_sources(checker, &org.sources);
    check_citations(checker, &org.sources);
    check_labels(checker, "labels", &org.labels);
    check_language(checker, "language", &org.language, &org.labels, org.labels_fallback.as_ref());
}

/// A packet's own fields; its members are checked as files of their own.
pub fn check_packet(packet: &Packet, checker: &mut Checker) {
    checker.text("packet.title", &packet.title);
    checker.optional_text("packet.subtitle", packet.subtitle.as_ref());
    checker.past_date("packet.updated", &packet.updated);
    if let Some(issuer) = &packet.prepared_by {
        check_issuer(checker, "packet.prepared_by", issuer);
    }
    for (i, paragraph) in packet.introduction.iter().enumerate() {
        checker.rich(&format!("packet.introduction[{i}]"), paragraph);
    }
    for (field, id) in std::mem::take(&mut checker.cited) {
        let message = format!("the introduction cites `{id}`, but a packet has no sources of its own");
        checker.report(&field, message, "cite sources in the members' own files");
    }
    check_labels(checker, "packet.labels", &packet.labels);
    check_language(
        checker,
        "packet.language",
        &packet.language,
        &packet.labels,
        packet.labels_fallback.as_ref(),
    );
}

/// The file's own fixed words: drawable text, and only the placeholders English's word has (a
/// `{dat}` would print as written); one it leaves out is said, as its value is then not printed.
fn check_labels(checker: &mut Checker, at: &str, own: &OwnWords) {
    let english = locale::english_table();
    for (key, text) in &own.0 {
        let forms: Vec<(String, &str)> = match text {
            OwnText::One(text) => vec![(format!("{at}.{key}"), text.as_str())],
            OwnText::Plural(forms) => {
                forms.iter().map(|(c, t)| (format!("{at}.{key}.{c}"), t.as_str())).collect()
            }
        };
        let wanted = placeholders(english.text(key).unwrap_or_default());
        for (field, text) in forms {
            checker.text(&field, text);
            let given = placeholders(text);
            let allowed = wanted.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(", ");
            for unknown in given.iter().filter(|p| !wanted.contains(p)) {
                let hint = if allowed.is_empty() {
                    "this word takes no placeholder: write the braces' text out".to_string()
                } else {
                    format!("this word takes {allowed}")
                };
                checker.report(&field, format!("unknown placeholder `{{{}}}`", shortened(unknown)), &hint);
            }
            for missing in wanted.iter().filter(|p| !given.contains(p)) {
                let message = format!("`{{{missing}}}` is left out, so its value is not printed here");
                checker.warn(
                    &field,
                    message,
                    &format!("English writes “{}”", english.text(key).unwrap_or_default()),
                );
            }
        }
    }
}

/// The `{name}` placeholders of a fixed word, in order.
fn placeholders(text: &str) -> Vec<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

/// Fixed words the file's language has no text for are printed in another language (its
/// `labels_fallback:`, else English), each tagged as such: said once, naming them.
fn check_language(
    checker: &mut Checker,
    field: &str,
    language: &LanguageTag,
    own: &OwnWords,
    fallback: Option<&LanguageTag>,
) {
    if let Some(fallback) = fallback.filter(|f| locale::table(f).is_none()) {
        let message = format!("dossier has no fixed words in `{fallback}`, the `labels_fallback:`");
        let hint = format!("name one of {}, or leave it out for English", locale::bundled_tags());
        // `language` -> `labels_fallback`, `packet.language` -> `packet.labels_fallback`.
        checker.warn(&field.replace("language", "labels_fallback"), message, &hint);
    }
    let untranslated = locale::untranslated(language, own, fallback);
    if untranslated.is_empty() {
        return;
    }
    let mut from: Vec<&LanguageTag> = untranslated.iter().map(|(_, tag)| tag).collect();
    from.dedup();
    let from: Vec<String> = from
        .iter()
        .map(|tag| match locale::table(tag) {
            Some(table) => format!("{} (`{tag}`)", table.name),
            None => format!("`{tag}`"),
        })
        .collect();
    let keys: Vec<&str> = untranslated.iter().map(|(key, _)| *key).collect();
    let message = format!(
        "{} of {} fixed words have no text in `{language}` and are printed in {}, tagged as such: {}",
        keys.len(),
        locale::WORD_KEYS.len(),
        from.join(" and "),
        keys.join(", ")
    );
    let hint = format!(
        "give them under `labels:` in the file (`dossier labels {language}` prints a starter block to translate){}",
        if fallback.is_none() { ", or name a language to take them from with `labels_fallback:`" } else { "" }
    );
    checker.warn(field, message, &hint);
}

/// The picture itself is read by `image`; here, what it says to readers who cannot see it.
fn check_logo(checker: &mut Checker, at: &str, logo: &Logo) {
    checker.text(&format!("{at}.alt"), &logo.alt);
}

fn check_issuer(checker: &mut Checker, at: &str, issuer: &Issuer) {
    checker.text(&format!("{at}.name"), &issuer.name);
    checker.optional_text(&format!("{at}.contact"), issuer.contact.as_ref());
    if let Some(logo) = &issuer.logo {
        check_logo(checker, &format!("{at}.logo"), logo);
    }
}

fn check_facts(checker: &mut Checker, facts: &Facts) {
    checker.texts("facts.languages", &facts.languages);
    checker.optional_rich("facts.country", facts.country.as_ref());
    checker.optional_rich("facts.headquarters", facts.headquarters.as_ref());
    checker.optional_rich("facts.owner", facts.owner.as_ref());
    checker.texts("facts.founders", &facts.founders);
    check_people(checker, "facts.editors", &facts.editors);
    check_people(checker, "facts.people", &facts.people);
    for (i, launch) in facts.launched.iter().enumerate() {
        checker.past_date(&format!("facts.launched[{i}].date"), &launch.date);
        checker.optional_text(&format!("facts.launched[{i}].note"), launch.note.as_ref());
    }
    for (i, other) in facts.other.iter().enumerate() {
        checker.text(&format!("facts.other[{i}].label"), &other.label);
        checker.rich(&format!("facts.other[{i}].value"), &other.value);
    }
}

fn check_people(checker: &mut Checker, at: &str, people: &[Person]) {
    for (i, person) in people.iter().enumerate() {
        checker.text(&format!("{at}[{i}].name"), &person.name);
        checker.optional_text(&format!("{at}[{i}].role"), person.role.as_ref());
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
        checker.id(&format!("{at}.id"), &section.id, "history");
        for (j, paragraph) in section.paragraphs.iter().enumerate() {
            checker.rich(&format!("{at}.paragraphs[{j}]"), paragraph);
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

/// `ids` are (id, field) pairs; every writing after the first is reported.
fn report_duplicates(checker: &mut Checker, kind: &str, ids: &[(String, String)]) {
    let mut seen = HashSet::new();
    for (id, field) in ids {
        if !seen.insert(id) {
            checker.report(
                field,
                format!("the {kind} id `{id}` is used twice"),
                &format!("give every {kind} its own id"),
            );
        }
    }
}

fn check_timeline(checker: &mut Checker, org: &Organisation, ids: &[&str]) {
    if org.timeline.len() > MAX_TIMELINE_EVENTS {
        let message = format!("{} events; the limit is {MAX_TIMELINE_EVENTS}", org.timeline.len());
        checker.report("timeline", message, "keep the events that matter most");
    }
    let mut sections = Ids::new(ids.iter().copied());
    for (i, event) in org.timeline.iter().enumerate() {
        let at = format!("timeline[{i}]");
        checker.text(&format!("{at}.title"), &event.title);
        checker.rich(&format!("{at}.text"), &event.text);
        checker.past_date(&format!("{at}.date"), &event.date);
        let Some(section) = &event.section else { continue };
        if !sections.contains(section) {
            let hint = match sections.near(section) {
                Some(id) => format!("did you mean `{id}`?"),
                None => "name a section by its `id:`, or leave `section:` out".to_string(),
            };
            let message = format!("no section has the id `{}`", shortened(section));
            checker.report(&format!("{at}.section"), message, &hint);
        }
    }
}

fn check_sources(checker: &mut Checker, sources: &[Source]) {
    if sources.is_empty() {
        checker.report("sources", "no source is named", "name at least the article the text comes from");
    }
    let mut ids = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let at = format!("sources[{i}]");
        if let Some(id) = &source.id {
            checker.id(&format!("{at}.id"), id, "rsf-2024");
            ids.push((id.clone(), format!("{at}.id")));
        }
        checker.text(&format!("{at}.title"), &source.title);
        checker.optional_text(&format!("{at}.publisher"), source.publisher.as_ref());
        if source.url.is_none() && source.publisher.is_none() && source.date.is_none() {
            let hint = "a source without an address is known by its publisher and date, e.g. a court \
                        ruling: publisher: Pervomaisky District Court, date: 2024-01-16";
            checker.report(&at, "a source without `url:` needs a `publisher:` or a `date:`", hint);
        }
        for (name, date) in [("date", &source.date), ("accessed", &source.accessed)] {
            if let Some(date) = date {
                checker.past_date(&format!("{at}.{name}"), date);
            }
        }
        if let Some(licence) = &source.licence {
            checker.text(&format!("{at}.licence.name"), &licence.name);
        }
    }
    report_duplicates(checker, "source", &ids);
}

/// Every `[@id]` met in running text must name a source.
fn check_citations(checker: &mut Checker, sources: &[Source]) {
    let mut ids = Ids::new(sources.iter().filter_map(|s| s.id.as_deref()));
    for (field, id) in std::mem::take(&mut checker.cited) {
        if ids.contains(&id) {
            continue;
        }
        let hint = match ids.near(&id) {
            Some(near) => format!("did you mean `{near}`?"),
            None if !is_usable_id(&id) => format!("a source id has {ID_FORM}"),
            None if ids.in_order.is_empty() => format!("give the source an `id: {id}`"),
            None if ids.in_order.len() <= LISTED_IDS => {
                format!("the sources' ids are {}", quoted(&ids.in_order))
            }
            None => "cite a source by the `id:` written in it".to_string(),
        };
        checker.report(&field, format!("no source has the id `{}`", shortened(&id)), &hint);
    }
}

/// The ids a reference may name, and the near ones already found for wrong ids.
struct Ids<'a> {
    in_order: Vec<&'a str>,
    known: HashSet<&'a str>,
    suggested: HashMap<String, Option<&'a str>>,
}

impl<'a> Ids<'a> {
    fn new(ids: impl IntoIterator<Item = &'a str>) -> Self {
        let in_order: Vec<&str> = ids.into_iter().collect();
        Ids { known: in_order.iter().copied().collect(), in_order, suggested: HashMap::new() }
    }

    fn contains(&self, id: &str) -> bool {
        self.known.contains(id)
    }

    /// A known id near `wrong`, searched within the limits above.
    fn near(&mut self, wrong: &str) -> Option<&'a str> {
        if let Some(found) = self.suggested.get(wrong) {
            return *found;
        }
        if self.suggested.len() >= MAX_SUGGESTED || self.in_order.len() > MAX_SEARCHED_IDS {
            return None;
        }
        let found = super::hints::nearest(wrong, self.in_order.iter().copied());
        self.suggested.insert(wrong.to_string(), found);
        found
    }
}

/// `a`, `b`, `c`
fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::tests::{minimal, problems};
    use crate::load::FieldLines;
    use crate::values::PartialDate;

    /// (field, message, hint) of every problem found in the minimal file with `extra` added.
    fn found(extra: &str) -> Vec<(String, String, String)> {
        problems(&minimal(extra))
            .into_iter()
            .map(|d| (d.field.unwrap_or_default(), d.message, d.hint.unwrap_or_default()))
            .collect()
    }

    fn source(id: Option<&str>) -> Source {
        Source {
            id: id.map(str::to_string),
            title: "T".into(),
            publisher: None,
            date: None,
            url: "https://x.org/".parse().ok(),
            accessed: None,
            language: None,
            licence: None,
        }
    }

    fn cite(sources: &[Source], ids: &[&str]) -> Vec<(String, String)> {
        let lines = FieldLines::default();
        let today = PartialDate { year: 2026, month: Some(11), day: Some(24) };
        let mut checker = Checker::new(std::path::Path::new("x.yaml"), &lines, today);
        checker.cited = ids.iter().map(|id| ("lead".to_string(), id.to_string())).collect();
        check_citations(&mut checker, sources);
        checker.found.into_iter().map(|d| (d.message, d.hint.unwrap_or_default())).collect()
    }

    #[test]
    fn citations_must_name_a_source_and_get_a_near_id_or_the_list() {
        let sources = [source(Some("rsf-2024")), source(Some("court-ruling")), source(None)];
        assert_eq!(cite(&sources, &["rsf-2024", "court-ruling"]), []);
        let wrong = cite(&sources, &["rsf2024", "hrw"]);
        assert_eq!(wrong[0], ("no source has the id `rsf2024`".into(), "did you mean `rsf-2024`?".into()));
        assert_eq!(wrong[1].1, "the sources' ids are `rsf-2024`, `court-ruling`");
        let none = cite(&[source(None)], &["rsf"]);
        assert_eq!(none[0].1, "give the source an `id: rsf`");
        let unusable = cite(&[source(None)], &["Закон"]);
        assert_eq!(unusable[0].1, format!("a source id has {ID_FORM}"));
        let long = "a".repeat(10_000);
        assert_eq!(
            cite(&[source(None)], &[&long])[0].0,
            format!("no source has the id `{}…`", "a".repeat(40))
        );
    }

    #[test]
    fn source_ids_are_well_formed_and_unique() {
        let two = "  - {id: rsf, title: A, url: https://rsf.org/}\n  - {id: rsf, title: B, url: https://rsf.org/b}\n";
        let text =
            minimal("").replace("sources: [{title: T, url: https://x.org/}]\n", &format!("sources:\n{two}"));
        let diagnostics = problems(&text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].message, "the source id `rsf` is used twice");
        assert_eq!(diagnostics[0].field.as_deref(), Some("sources[1].id"));
        let bad = minimal("").replace("{title: T,", "{id: RSF 2024, title: T,");
        assert_eq!(problems(&bad)[0].message, "`RSF 2024` is not a usable id");
    }

    #[test]
    fn a_source_without_url_needs_a_publisher_or_a_date_neither_in_the_future() {
        let with = |fields: &str| minimal("").replace("{title: T, url: https://x.org/}", fields);
        assert!(problems(&with("{title: Ruling, publisher: Court, date: 2024-01-16}")).is_empty());
        assert!(problems(&with("{title: Ruling, date: 2024-01-16}")).is_empty());
        let alone = problems(&with("{title: Ruling}"));
        assert_eq!(alone[0].message, "a source without `url:` needs a `publisher:` or a `date:`");
        assert_eq!(alone[0].field.as_deref(), Some("sources[0]"));
        assert!(alone[0]
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("publisher: Pervomaisky District Court")));
        let future = problems(&with("{title: T, url: https://x.org/, date: 2999, accessed: 2998-01}"));
        let fields: Vec<_> = future.iter().filter_map(|d| d.field.as_deref()).collect();
        assert_eq!(fields, ["sources[0].date", "sources[0].accessed"]);
    }

    #[test]
    fn people_and_the_issuer_are_checked_text() {
        let people = "facts:\n  people:\n    - {name: \" \", role: Executive director}\n    - {name: A, role: \"\\a\"}\n";
        let fields: Vec<_> = found(people).into_iter().map(|(field, ..)| field).collect();
        assert_eq!(fields, ["facts.people[0].name", "facts.people[1].role"]);
        let issuer = "prepared_by:\n  name: \"\"\n  contact: 日本\n  url: https://x.org/\n";
        let found = found(issuer);
        assert_eq!(found[0].0, "prepared_by.name");
        assert_eq!(
            (found[1].0.as_str(), found[1].1.as_str()),
            ("prepared_by.contact", "the fonts cannot draw `日` (U+65E5), `本` (U+672C)")
        );
    }

    #[test]
    fn a_timeline_event_needs_no_section_but_a_named_one_must_exist() {
        let event = |section: &str| format!("timeline:\n  - {{date: 2020, title: E, text: T{section}}}\n");
        assert_eq!(found(&event("")), []);
        assert_eq!(found(&event(", section: a")), []);
        let near = found(&event(", section: b"));
        assert_eq!(
            (near[0].1.as_str(), near[0].2.as_str()),
            ("no section has the id `b`", "did you mean `a`?")
        );
        let far = found(&event(", section: government"));
        assert_eq!(far[0].2, "name a section by its `id:`, or leave `section:` out");
    }

    #[test]
    fn near_ids_are_searched_for_a_bounded_number_of_wrong_ids() {
        let mut ids = Ids::new(["history", "raids"]);
        assert_eq!(ids.near("raid"), Some("raids"));
        for i in 0..MAX_SUGGESTED {
            ids.near(&format!("wrong-{i}"));
        }
        assert_eq!(ids.near("raid"), Some("raids"), "a wrong id already searched keeps its answer");
        assert_eq!(ids.near("histori"), None, "beyond the limit no search is made");
    }
}
