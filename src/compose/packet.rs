//! A briefing packet -> one publication: the packet's own front (cover words, contents,
//! introduction) in the packet's language, then one part per member in the member's own
//! language, its ids prefixed (`p1_`, `p2_`, …) so that two members' `history` sections, sources
//! and citations never meet.

use super::{issuer, words, Keys};
use crate::doc::{Block, Contents, Front, Meta, Paragraph, Publication, Section};
use crate::locale::{fill, Locale};
use crate::model::{Organisation, Packet};

use super::footer::page_label;
use super::inline::Citations;
use super::{compose_part, sources};

/// The publication of a packet and its members (in the packet's order).
pub fn compose_packet(packet: &Packet, members: &[&Organisation]) -> Publication {
    // The title and subtitle typeset in the packet's language, as running text is.
    let set = |text: &str| super::typography::Typographer::new(&packet.language).set(text);
    let packet = &Packet {
        title: set(&packet.title),
        subtitle: packet.subtitle.as_deref().map(set),
        ..packet.clone()
    };
    let mut keys = Keys::default();
    let locale =
        Locale::new(&packet.language, &packet.labels, packet.labels_fallback.as_ref(), packet.calendar);
    let front = front(packet, &locale, &mut keys);
    let parts = members
        .iter()
        .enumerate()
        .map(|(i, org)| compose_part(org, &format!("p{}_", i + 1), Some(&packet.title), &mut keys))
        .collect();
    Publication { meta: meta(packet, members, &locale, &mut keys), front: Some(front), parts }
}

fn front(packet: &Packet, locale: &Locale, keys: &mut Keys) -> Front {
    let key = keys.next();
    let updated = locale.labels.data_as_of.fill(&[("date", &locale.date(&packet.updated))]);
    let issued_by = packet
        .prepared_by
        .as_ref()
        .map(|issuer| fill(locale.labels.prepared_by.as_str(), &[("name", &issuer.name)]));
    let contents = Contents {
        key: keys.next(),
        id: "packet_contents".to_string(),
        title: locale.labels.contents.clone(),
    };
    let introduction = (!packet.introduction.is_empty()).then(|| {
        // The introduction cites nothing: it has no sources of its own.
        let mut citations = Citations::new(
            Default::default(),
            locale.labels.citation_separator.as_str(),
            "packet_",
            &packet.language,
        );
        let section_key = keys.next();
        let blocks = packet
            .introduction
            .iter()
            .map(|p| Block::Paragraph(Paragraph { key: keys.next(), content: citations.inlines(p) }))
            .collect();
        Section {
            key: section_key,
            id: "packet_introduction".to_string(),
            level: 1,
            lang: None,
            title: locale.labels.introduction.clone(),
            blocks,
        }
    });
    let footer_text = [Some(packet.title.clone()), Some(updated.text.clone()), issued_by.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(locale.labels.separator.as_str());
    Front {
        key,
        title: packet.title.clone(),
        subtitle: packet.subtitle.clone(),
        issued_by,
        updated,
        members_title: locale.labels.packet_members.clone(),
        contents,
        introduction,
        footer: crate::doc::Footer {
            fallback: packet.title.clone(),
            text: footer_text,
            page_label: page_label(locale.labels.page_of.as_str()),
        },
    }
}

fn meta(packet: &Packet, members: &[&Organisation], locale: &Locale, keys: &mut Keys) -> Meta {
    let names: Vec<String> = members.iter().map(|org| org.name.clone()).collect();
    // Everything the cover prints: title, subtitle and the date of the data.
    let updated = fill(locale.labels.data_as_of.as_str(), &[("date", &locale.date(&packet.updated))]);
    let cover_alt = [packet.title.as_str()]
        .into_iter()
        .chain(packet.subtitle.as_deref())
        .chain([updated.as_str()])
        .collect::<Vec<_>>()
        .join(locale.labels.separator.as_str());
    let mut rights: Vec<String> = Vec::new();
    for org in members {
        if let Some(line) = sources::attribution(&org.sources, &super::locale_of(org)) {
            if !rights.contains(&line) {
                rights.push(line);
            }
        }
    }
    let identities: Vec<String> = members
        .iter()
        .map(|org| format!("{}:{}", org.name, org.facts.url.as_ref().map_or("", |u| u.as_str())))
        .collect();
    let description = match (&packet.subtitle, packet.introduction.first()) {
        (Some(subtitle), _) => subtitle.clone(),
        (None, Some(first)) => first.plain_text(),
        (None, None) => packet.title.clone(),
    };
    Meta {
        title: packet.title.clone(),
        language: packet.language.clone(),
        subjects: names,
        description,
        issuer: packet.prepared_by.as_ref().map(|i| issuer(i, keys)),
        rights: (!rights.is_empty()).then(|| rights.join(locale.labels.separator.as_str())),
        identity: format!("dossier-packet:{}:{}:{}", packet.title, packet.language, identities.join("|")),
        updated: packet.updated,
        words: words(locale, &cover_alt),
    }
}
