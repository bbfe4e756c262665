//! The running footer's words: the licence line, the date of the data and the issuer, kept
//! short whatever the data (every page repeats them), and the page label in pieces.

use crate::doc::{Footer, PageLabelPiece};
use crate::locale::{fill, Locale};
use crate::model::Organisation;

use super::sources;

/// The full licence line names each licensed source; with more than this many, the footer
/// counts them instead and points to the sources list, where each carries its licence.
const NAMED_SOURCES: usize = 2;
/// The footer's text stays within this many characters (two lines of the sheet's footer, of
/// typical letters): longer, the issuer is left to the colophon, then the licence line counted.
const FOOTER_CHARS: usize = 200;

/// The footer of one organisation's pages; `updated` is its "Data as of …". In a packet,
/// `packet` is the packet's title: the footer starts with it and the organisation's name.
pub fn footer(org: &Organisation, locale: &Locale, updated: &str, packet: Option<&str>) -> Footer {
    let context: Vec<String> = match packet {
        Some(title) => vec![title.to_string(), org.name.clone()],
        None => Vec::new(),
    };
    let licensed = org.sources.iter().filter(|s| s.licence.is_some()).count();
    let counted = (licensed > 0).then(|| {
        let section = locale.quoted(locale.labels.sources.as_str());
        locale.counted(&locale.labels.text_from_count, licensed, &[("section", &section)])
    });
    let full = match sources::attribution(&org.sources, locale) {
        Some(full) if licensed <= NAMED_SOURCES => Some(full),
        _ => counted.clone(),
    };
    let issuer = org
        .prepared_by
        .as_ref()
        .map(|issuer| fill(locale.labels.prepared_by.as_str(), &[("name", &issuer.name)]));
    let line = |attribution: &Option<String>, issuer: &Option<String>| {
        let pieces = [attribution.clone(), Some(updated.to_string()), issuer.clone()];
        let pieces = context.iter().cloned().chain(pieces.into_iter().flatten());
        pieces.collect::<Vec<_>>().join(locale.labels.separator.as_str())
    };
    let fallback = line(&counted, &None);
    // In order of preference; the fallback is always short, as its words are all our own.
    let text = [line(&full, &issuer), line(&full, &None), line(&counted, &issuer)]
        .into_iter()
        .find(|text| text.chars().count() <= FOOTER_CHARS)
        .unwrap_or_else(|| fallback.clone());
    Footer { text, fallback, page_label: page_label(locale.labels.page_of.as_str()) }
}

/// "Page {n} of {m}" as pieces the layout fills once it knows the pages.
pub fn page_label(template: &str) -> Vec<PageLabelPiece> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        let next = [("{n}", PageLabelPiece::Page), ("{m}", PageLabelPiece::Pages)]
            .into_iter()
            .filter_map(|(mark, piece)| rest.find(mark).map(|at| (at, mark.len(), piece)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, length, piece)) = next else {
            pieces.push(PageLabelPiece::Text(rest.to_string()));
            break;
        };
        if at > 0 {
            pieces.push(PageLabelPiece::Text(rest[..at].to_string()));
        }
        pieces.push(piece);
        rest = &rest[at + length..];
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The footer of an organisation with `count` licensed sources, each titled `title`, and an
    /// issuer (built directly: compose never reaches the loader).
    fn footer_of(count: usize, title: &str, issuer: &str) -> Footer {
        let url = |text: &str| text.parse::<crate::values::WebUrl>().unwrap();
        let sources = (0..count)
            .map(|i| crate::model::Source {
                id: None,
                title: format!("{title} {i}"),
                publisher: None,
                date: None,
                url: Some(url(&format!("https://example.org/{i}"))),
                accessed: None,
                language: None,
                licence: Some(crate::model::Licence {
                    name: "CC BY 4.0".into(),
                    url: url("https://creativecommons.org/licenses/by/4.0/"),
                }),
            })
            .collect();
        let organisation = crate::model::Organisation {
            language: "en".parse().unwrap(),
            name: "N".into(),
            kinds: vec!["NGO".into()],
            logo: None,
            prepared_by: Some(crate::model::Issuer {
                name: issuer.into(),
                url: None,
                contact: None,
                logo: None,
            }),
            updated: "2026-01-01".parse().unwrap(),
            facts: crate::model::Facts::default(),
            lead: "L.".into(),
            sections: Vec::new(),
            timeline: Vec::new(),
            sources,
            labels: Default::default(),
            labels_fallback: None,
            calendar: Default::default(),
        };
        let english = crate::compose::locale_of(&organisation);
        footer(&organisation, &english, "Data as of 1 January 2026", None)
    }

    #[test]
    fn one_or_two_short_licensed_sources_are_named_in_full() {
        let footer = footer_of(2, "Kloop", "CPJ");
        assert_eq!(
            footer.text,
            "Text: “Kloop 0” (CC BY 4.0); “Kloop 1” (CC BY 4.0) · Data as of 1 January 2026 · Prepared by CPJ"
        );
        assert_eq!(
            footer.fallback,
            "Text from 2 sources under their licences; see “Sources and licence” · Data as of 1 January 2026"
        );
    }

    #[test]
    fn many_or_long_licensed_sources_are_counted_and_a_long_issuer_left_to_the_colophon() {
        let many = footer_of(1_000, "Kloop", "CPJ");
        assert_eq!(
            many.text,
            "Text from 1,000 sources under their licences; see “Sources and licence” · \
             Data as of 1 January 2026 · Prepared by CPJ"
        );
        let long_title = footer_of(1, &"word ".repeat(60), "CPJ");
        assert!(long_title.text.starts_with("Text from 1 source under its licence;"), "{}", long_title.text);
        let long_issuer = footer_of(1, "Kloop", &"word ".repeat(60));
        assert_eq!(long_issuer.text, "Text: “Kloop 0” (CC BY 4.0) · Data as of 1 January 2026");
        for footer in [many, long_title, long_issuer] {
            assert!(footer.text.chars().count() <= FOOTER_CHARS, "{}", footer.text);
        }
    }

    #[test]
    fn page_labels_split_around_their_numbers() {
        assert_eq!(
            page_label("Page {n} of {m}"),
            vec![
                PageLabelPiece::Text("Page ".into()),
                PageLabelPiece::Page,
                PageLabelPiece::Text(" of ".into()),
                PageLabelPiece::Pages
            ]
        );
        assert_eq!(
            page_label("{n}/{m}"),
            vec![PageLabelPiece::Page, PageLabelPiece::Text("/".into()), PageLabelPiece::Pages]
        );
    }
}
