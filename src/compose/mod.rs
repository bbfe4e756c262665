//! Model -> the document tree (`doc`): every word the outputs print is chosen here, from `locale`,
//! and every id is made unique across the publication. Writers only draw or serialise the tree.

mod facts;
mod footer;
mod inline;
mod packet;
mod sources;
mod typography;

pub use packet::compose_packet;

use std::collections::HashMap;

use crate::doc::{
    Address, Block, Facts, Figure, FigureKind, Issuer, Key, Masthead, Meta, Paragraph, Part, Publication,
    Section, Timeline, Word, Words,
};
use crate::locale::{fill, Locale};
use crate::model::{self, Organisation};
use crate::values::LanguageTag;
use inline::Citations;

/// The publication of one organisation file.
pub fn compose(org: &Organisation) -> Publication {
    let mut keys = Keys::default();
    let locale = locale_of(org);
    let part = compose_part_in(org, &locale, "", None, &mut keys);
    Publication { meta: meta(org, &locale, &mut keys), front: None, parts: vec![part] }
}

/// The organisation's language, with the words its file gives.
pub(crate) fn locale_of(org: &Organisation) -> Locale {
    Locale::new(&org.language, &org.labels, org.labels_fallback.as_ref(), org.calendar)
}

/// Hands out block keys in reading order.
#[derive(Default)]
pub struct Keys(u32);

impl Keys {
    fn next(&mut self) -> Key {
        self.0 += 1;
        Key(self.0)
    }
}

fn meta(org: &Organisation, locale: &Locale, keys: &mut Keys) -> Meta {
    let kinds = org.kinds.join(locale.labels.list_separator.as_str());
    let cover_alt = fill(locale.labels.cover_alt.as_str(), &[("name", &org.name), ("kinds", &kinds)]);
    // Everything the cover prints: its address and the date of the data too.
    let updated = fill(locale.labels.data_as_of.as_str(), &[("date", &locale.date(&org.updated))]);
    let cover_alt = [Some(cover_alt.trim_end_matches(locale.labels.list_separator.as_str()).to_string())]
        .into_iter()
        .chain([org.facts.url.as_ref().map(|url| url.display_form().to_string()), Some(updated)])
        .flatten()
        .collect::<Vec<_>>()
        .join(locale.labels.separator.as_str());
    Meta {
        title: org.name.clone(),
        language: org.language.clone(),
        subjects: org.kinds.clone(),
        description: org.lead.plain_text(),
        issuer: org.prepared_by.as_ref().map(|issuer| self::issuer(issuer, keys)),
        rights: sources::attribution(&org.sources, locale),
        identity: format!(
            "dossier:{}:{}:{}",
            org.name,
            org.language,
            org.facts.url.as_ref().map_or("", |u| u.as_str())
        ),
        updated: org.updated,
        words: words(locale, &cover_alt),
    }
}

fn issuer(issuer: &model::Issuer, keys: &mut Keys) -> Issuer {
    Issuer {
        name: issuer.name.clone(),
        url: issuer.url.clone(),
        contact: issuer.contact.clone(),
        logo: issuer.logo.as_ref().and_then(|logo| logo_figure(logo, keys)),
    }
}

/// The navigation's and the cover's fixed words in one language.
fn words(locale: &Locale, cover_alt: &str) -> Words {
    Words {
        contents: locale.labels.contents.clone(),
        landmarks: locale.labels.landmarks.clone(),
        cover: locale.labels.cover.clone(),
        title_page: locale.labels.title_page.clone(),
        cover_alt: cover_alt.to_string(),
        accessibility_summary: locale.labels.accessibility_summary.clone(),
        back_link: locale.labels.back_link.as_str().to_string(),
        back_link_label: locale.labels.back_link_label.clone(),
    }
}

/// One organisation as a part; `prefix` keeps its ids apart from other parts' (empty when alone),
/// and `packet` is the title of the packet it is a member of.
pub fn compose_part(org: &Organisation, prefix: &str, packet: Option<&str>, keys: &mut Keys) -> Part {
    compose_part_in(org, &locale_of(org), prefix, packet, keys)
}

fn compose_part_in(
    org: &Organisation,
    locale: &Locale,
    prefix: &str,
    packet: Option<&str>,
    keys: &mut Keys,
) -> Part {
    let org = &typeset_names(org, locale);
    let id = |name: &str| format!("{prefix}{name}");
    let updated = locale.labels.data_as_of.fill(&[("date", &locale.date(&org.updated))]);
    let masthead = Masthead {
        key: keys.next(),
        name: org.name.clone(),
        kinds: org.kinds.join(locale.labels.list_separator.as_str()),
        logo: org.logo.as_ref().and_then(|logo| logo_figure(logo, keys)),
        address: org.facts.url.as_ref().map(|url| {
            let mut qr = |url: &crate::values::WebUrl| Figure {
                key: keys.next(),
                alt: fill(locale.labels.qr_alt.as_str(), &[("url", url.as_str())]),
                kind: FigureKind::QrCode(url.clone()),
            };
            let origin = url.origin();
            Address {
                url: url.clone(),
                display: url.short_form().to_string(),
                qr: qr(url),
                origin_qr: (origin != *url).then(|| qr(&origin)),
            }
        }),
        updated: updated.clone(),
    };
    let numbered = sources::numbered(&org.sources, prefix);
    let mut citations =
        Citations::new(numbered, locale.labels.citation_separator.as_str(), prefix, &org.language);
    let mut blocks = vec![Block::Lead(Paragraph { key: keys.next(), content: citations.inlines(&org.lead) })];
    blocks.push(Block::Facts(Facts {
        key: keys.next(),
        id: id("key_facts"),
        title: locale.labels.key_facts.clone(),
        caption: org.name.clone(),
        rows: facts::rows(&org.facts, locale, &mut citations),
    }));
    if !org.timeline.is_empty() {
        blocks.push(Block::Timeline(timeline(org, locale, prefix, keys, &mut citations)));
    }
    let part_language = &org.language;
    for section in &org.sections {
        blocks.push(Block::Section(compose_section(section, 1, part_language, prefix, keys, &mut citations)));
    }
    let cited_at = std::mem::take(&mut citations.cited_at);
    blocks.push(Block::Sources(sources::block(org, locale, prefix, keys, &cited_at)));
    if let Some(issuer) = &org.prepared_by {
        blocks.push(Block::Colophon(Paragraph {
            key: keys.next(),
            content: sources::colophon(issuer, locale),
        }));
    }
    Part {
        id: prefix.to_string(),
        // `_` in the id: no section id the data may write can take it.
        anchor: packet.map(|_| id("part_start")),
        lang: org.language.clone(),
        masthead,
        blocks,
        // In the footer the date never breaks across its lines ("27 November / 2026").
        footer: footer::footer(org, locale, &tied(locale, &org.updated), packet),
    }
}

/// The organisation with the plain strings it prints typeset in its language, as running text
/// is: its name and kinds, the events' titles, the sources' titles and publishers (straight
/// quotes and apostrophes in the data become the language's marks).
fn typeset_names(org: &Organisation, locale: &Locale) -> Organisation {
    let set = |text: &str| typography::Typographer::new(&org.language).set(text);
    let pad = locale.typography.quote_padding.map(String::from).unwrap_or_default();
    let quote =
        (format!("{}{pad}", locale.typography.quotes.0), format!("{pad}{}", locale.typography.quotes.1));
    let mut org = org.clone();
    org.name = set(&org.name);
    org.kinds.iter_mut().for_each(|kind| *kind = set(kind));
    org.timeline.iter_mut().for_each(|event| event.title = set(&event.title));
    for source in &mut org.sources {
        // A title is printed in quotation marks: a quotation inside it takes the inner marks.
        let quoted = set(&format!("\"{}\"", source.title));
        source.title = match quoted.strip_prefix(&quote.0).and_then(|q| q.strip_suffix(&quote.1)) {
            Some(inside) => inside.to_string(),
            None => set(&source.title),
        };
        source.publisher = source.publisher.as_deref().map(set);
    }
    org
}

/// "Data as of 24 November 2026" with the date's spaces no-break.
fn tied(locale: &Locale, date: &crate::values::PartialDate) -> String {
    fill(locale.labels.data_as_of.as_str(), &[("date", &locale.date(date).replace(' ', "\u{a0}"))])
}

pub(crate) fn logo_figure(logo: &model::Logo, keys: &mut Keys) -> Option<Figure> {
    let image = logo.image.clone()?;
    Some(Figure { key: keys.next(), alt: logo.alt.clone(), kind: FigureKind::Image(image) })
}

fn timeline(
    org: &Organisation,
    locale: &Locale,
    prefix: &str,
    keys: &mut Keys,
    citations: &mut Citations,
) -> Timeline {
    let mut order: Vec<&model::TimelineEvent> = org.timeline.iter().collect();
    // Stable: events on the same date keep the file's order.
    order.sort_by_key(|e| e.date);
    let events: Vec<crate::doc::Event> = order
        .into_iter()
        .map(|e| crate::doc::Event {
            key: keys.next(),
            date: e.date,
            date_label: locale.date(&e.date),
            title: e.title.clone(),
            text: citations.inlines(&e.text),
            section: e.section.as_ref().map(|s| format!("{prefix}{s}")),
        })
        .collect();
    let first = events.first().map(|e| e.date_label.clone()).unwrap_or_default();
    let last = events.last().map(|e| e.date_label.clone()).unwrap_or_default();
    Timeline {
        key: keys.next(),
        id: format!("{prefix}timeline_events"),
        title: locale.labels.timeline.clone(),
        graphic: Figure {
            key: keys.next(),
            alt: fill(locale.labels.timeline_alt.as_str(), &[("first", &first), ("last", &last)]),
            kind: FigureKind::TimelineGraphic,
        },
        events,
    }
}

/// A section and its subsections, which inherit its language unless they set their own.
pub(crate) fn compose_section(
    section: &model::Section,
    level: u8,
    inherited: &LanguageTag,
    prefix: &str,
    keys: &mut Keys,
    citations: &mut Citations,
) -> Section {
    let language = section.language.as_ref().unwrap_or(inherited);
    let key = keys.next();
    let outer = citations.set_language(language);
    let mut blocks: Vec<Block> = section
        .paragraphs
        .iter()
        .map(|p| Block::Paragraph(Paragraph { key: keys.next(), content: citations.inlines(p) }))
        .collect();
    let title = Word::own(typography::Typographer::new(language).set(&section.title));
    for sub in &section.subsections {
        blocks.push(Block::Section(compose_section(sub, level + 1, language, prefix, keys, citations)));
    }
    citations.set_language(&outer);
    Section {
        key,
        id: format!("{prefix}{}", section.id),
        level,
        lang: (section.language.is_some() && language != inherited).then(|| language.clone()),
        title,
        blocks,
    }
}

/// Source id as written -> its anchor and printed number.
pub(crate) type SourceNumbers = HashMap<String, (String, String)>;
