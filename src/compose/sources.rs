//! The sources list, the licence line and the colophon: how the data's sources and issuer read.

use std::collections::HashMap;

use super::inline::text;
use super::{Keys, SourceNumbers};
use crate::doc::{Inline, SourceEntry, Sources, Target};
use crate::locale::{fill, full_stop, Locale};
use crate::model::{Issuer, Organisation, Source};
use crate::values::WebUrl;

/// Each source's anchor and number, by the id citations use.
pub fn numbered(sources: &[Source], prefix: &str) -> SourceNumbers {
    sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((s.id.clone()?, (anchor(prefix, i), (i + 1).to_string()))))
        .collect()
}

fn anchor(prefix: &str, index: usize) -> String {
    format!("{prefix}source_{}", index + 1)
}

pub fn block(
    org: &Organisation,
    locale: &Locale,
    prefix: &str,
    keys: &mut Keys,
    cited_at: &HashMap<String, Vec<String>>,
) -> Sources {
    let key = keys.next();
    let entries = org
        .sources
        .iter()
        .enumerate()
        .map(|(i, source)| {
            let id = anchor(prefix, i);
            let number = (i + 1).to_string();
            SourceEntry {
                key: keys.next(),
                marker: fill(locale.labels.source_marker.as_str(), &[("n", &number)]),
                number,
                lang: source.language.clone().filter(|l| *l != org.language),
                url: source.url.clone(),
                content: entry(source, locale),
                cited_at: cited_at.get(&id).cloned().unwrap_or_default(),
                id,
            }
        })
        .collect();
    Sources {
        key,
        id: format!("{prefix}source_list"),
        title: if org.sources.iter().any(|s| s.licence.is_some()) {
            locale.labels.sources.clone()
        } else {
            locale.labels.sources_unlicensed.clone()
        },
        entries,
        attribution: attribution(&org.sources, locale),
    }
}

/// "“Kloop”, Wikipedia, accessed 24 November 2026. https://… · Licence: CC BY-SA 4.0, https://…".
fn entry(source: &Source, locale: &Locale) -> Vec<Inline> {
    let mut parts = vec![locale.quoted(&source.title)];
    parts.extend(source.publisher.clone());
    if let Some(date) = &source.date {
        parts.push(locale.date(date));
    }
    if let Some(date) = &source.accessed {
        parts.push(fill(locale.labels.accessed.as_str(), &[("date", &locale.date(date))]));
    }
    let mut content = text(full_stop(&parts.join(locale.labels.list_separator.as_str())));
    if let Some(url) = &source.url {
        content.push(Inline::Text(" ".to_string()));
        content.push(address(url));
    }
    if let Some(licence) = &source.licence {
        let words = format!(
            "{}{}: {}{}",
            locale.labels.separator.as_str(),
            locale.labels.licence.as_str(),
            licence.name,
            locale.labels.list_separator.as_str()
        );
        content.push(Inline::Text(words));
        content.push(address(&licence.url));
    }
    content
}

/// A web address printed in full and linked.
fn address(url: &WebUrl) -> Inline {
    Inline::Link { target: Target::Url(url.clone()), content: text(url.as_str()) }
}

/// "Text: “Kloop”, Wikipedia, The Free Encyclopedia (CC BY-SA 4.0)", when a source is licensed.
pub fn attribution(sources: &[Source], locale: &Locale) -> Option<String> {
    let licensed: Vec<String> = sources
        .iter()
        .filter_map(|s| {
            let licence = s.licence.as_ref()?;
            let by = s
                .publisher
                .as_ref()
                .map_or(String::new(), |p| format!("{}{p}", locale.labels.list_separator.as_str()));
            Some(format!("{}{by} ({})", locale.quoted(&s.title), licence.name))
        })
        .collect();
    (!licensed.is_empty())
        .then(|| fill(locale.labels.text_from.as_str(), &[("sources", &licensed.join("; "))]))
}

/// "Prepared by CPJ, https://cpj.org/ · Contact: press@cpj.org".
pub fn colophon(issuer: &Issuer, locale: &Locale) -> Vec<Inline> {
    let mut content = text(fill(locale.labels.prepared_by.as_str(), &[("name", &issuer.name)]));
    if let Some(url) = &issuer.url {
        content.push(Inline::Text(locale.labels.list_separator.as_str().to_string()));
        content.push(address(url));
    }
    if let Some(contact) = &issuer.contact {
        content.push(Inline::Text(format!(
            "{}{}",
            locale.labels.separator.as_str(),
            fill(locale.labels.contact.as_str(), &[("contact", contact)])
        )));
    }
    content
}
