//! The key-facts table: one row per fact the data gives, worded in the part's language.

use std::collections::HashMap;

use super::inline::{joined, text, word_inlines, Citations};
use crate::doc::{FactRow, Inline, Target, Word};
use crate::locale::Locale;
use crate::markup::Rich;
use crate::model::{Facts, Person};

pub fn rows(facts: &Facts, locale: &Locale, citations: &mut Citations) -> Vec<FactRow> {
    let list = locale.labels.list_separator.as_str();
    let mut rows = Vec::new();
    let mut row = |label: &Word, value: Vec<Inline>| {
        if !Inline::plain(&value).trim().is_empty() {
            rows.push(FactRow { label: label.clone(), value });
        }
    };
    let labels = &locale.labels;
    let languages_label = match facts.languages.len() {
        0 | 1 => labels.languages.clone(),
        n => {
            Word { text: format!("{} ({})", labels.languages, locale.number(n)), ..labels.languages.clone() }
        }
    };
    row(&languages_label, joined(&facts.languages, list, false));
    let mut rich = |value: &Option<Rich>| value.as_ref().map_or_else(Vec::new, |v| citations.inlines(v));
    let (country, headquarters, owner) =
        (rich(&facts.country), rich(&facts.headquarters), rich(&facts.owner));
    row(&labels.country, country);
    row(&labels.headquarters, headquarters);
    row(&labels.owner, owner);
    row(
        singular_plural(facts.founders.len(), &labels.founder, &labels.founders),
        joined(&facts.founders, list, true),
    );
    let editors: Vec<Vec<Inline>> = facts.editors.iter().map(with_role).collect();
    row(singular_plural(editors.len(), &labels.editor, &labels.editors), joined_items(editors, list));
    for (role, names) in people_by_role(&facts.people, locale) {
        row(&role, joined(&names, list, true));
    }
    if let Some(url) = &facts.url {
        let content = text(url.short_form());
        row(&labels.website, vec![Inline::Link { target: Target::Url(url.clone()), content }]);
    }
    if let Some(commercial) = facts.commercial {
        let answer = if commercial { &labels.yes } else { &labels.no };
        row(&labels.commercial, word_inlines(answer));
    }
    let launched: Vec<String> = facts
        .launched
        .iter()
        .map(|l| match &l.note {
            Some(note) => format!("{} ({note})", locale.date(&l.date)),
            None => locale.date(&l.date),
        })
        .collect();
    row(&labels.launched, text(launched.join("; ")));
    for other in &facts.other {
        let value = citations.inlines(&other.value);
        row(&Word::own(other.label.as_str()), value);
    }
    rows
}

fn singular_plural<'a>(count: usize, one: &'a Word, many: &'a Word) -> &'a Word {
    if count == 1 {
        one
    } else {
        many
    }
}

/// "Anna Kapushenko (editor-in-chief)", the name kept on one line.
fn with_role(person: &Person) -> Vec<Inline> {
    let mut item = vec![Inline::NoBreak(person.name.clone())];
    if let Some(role) = &person.role {
        item.push(Inline::Text(format!(" ({role})")));
    }
    item
}

/// Items of inline content joined by `separator`.
fn joined_items(items: Vec<Vec<Inline>>, separator: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(Inline::Text(separator.to_string()));
        }
        out.extend(item);
    }
    out
}

/// People grouped under their role as written, in the order roles first appear; people
/// without a role under the table's own word.
fn people_by_role(people: &[Person], locale: &Locale) -> Vec<(Word, Vec<String>)> {
    let mut groups: Vec<(Word, Vec<String>)> = Vec::new();
    // Each role's place in `groups`: a search of the groups per person would be quadratic.
    let mut index: HashMap<&str, usize> = HashMap::new();
    for person in people {
        let role = person.role.as_deref().unwrap_or(locale.labels.people.as_str());
        let group = *index.entry(role).or_insert_with(|| {
            let word = match &person.role {
                Some(role) => Word::own(role.as_str()),
                None => locale.labels.people.clone(),
            };
            groups.push((word, Vec::new()));
            groups.len() - 1
        });
        groups[group].1.push(person.name.clone());
    }
    groups
}
