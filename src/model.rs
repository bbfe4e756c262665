//! The data of one organisation file, as typed Rust values. No I/O, no geometry, no output crates:
//! the loader fills these, every writer reads them through `compose`.

use std::sync::Arc;

use serde::Deserialize;

use crate::markup::Rich;
use crate::values::{LanguageTag, PartialDate, WebUrl};

/// One organisation, in one language: everything a fact sheet or dossier says about it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// BCP 47 tag of the file's language (`en`, `ru`, `ky`, `uz-Latn`).
    pub language: LanguageTag,
    pub name: String,
    /// What kind of organisation this is ("News", "investigations"): one text or a list.
    #[serde(rename = "type", default, deserialize_with = "crate::values::one_or_many")]
    pub kinds: Vec<String>,
    /// An image file next to the data file; without it a typographic wordmark is drawn.
    #[serde(default)]
    pub logo: Option<Logo>,
    /// Who issues the dossier: the NGO or newsroom that prepared it, never the organisation it
    /// is about. Without it, no author is claimed.
    #[serde(default)]
    pub prepared_by: Option<Issuer>,
    /// The date the data was last checked; dates in the outputs come from here, never the clock.
    pub updated: PartialDate,
    #[serde(default)]
    pub facts: Facts,
    pub lead: Rich,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub timeline: Vec<TimelineEvent>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Logo {
    /// Relative to the data file, inside its folder.
    pub path: String,
    /// What the logo shows, for readers who cannot see it.
    pub alt: String,
    /// The image itself, read and checked once by the loader; `None` only before loading.
    #[serde(skip)]
    pub image: Option<Image>,
}

/// A decoded picture: the original PNG (for the EPUB) and straight RGBA pixels (for the PDF and
/// the cover). Shared, so that copies of the document cost nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub png: Arc<Vec<u8>>,
    pub rgba: Arc<Vec<u8>>,
    pub width: u32,
    pub height: u32,
}

/// The NGO or newsroom that issues the dossier: the files' author and publisher.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    pub name: String,
    #[serde(default)]
    pub url: Option<WebUrl>,
    /// How to reach the issuer ("press@example.org", "+996 …"), printed as written.
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub logo: Option<Logo>,
}

/// The infobox. Every fact is optional so that any organisation fits.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub country: Option<Rich>,
    #[serde(default)]
    pub headquarters: Option<Rich>,
    #[serde(default)]
    pub owner: Option<Rich>,
    #[serde(default)]
    pub founders: Vec<String>,
    /// The editorial lead, printed under "Editor(s)" with the role in brackets (the infobox's
    /// own field; `people` takes every other role).
    #[serde(default)]
    pub editors: Vec<Person>,
    /// People with their roles as written ("Executive director"): each role is a row label.
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub url: Option<WebUrl>,
    #[serde(default)]
    pub commercial: Option<bool>,
    #[serde(default)]
    pub launched: Vec<DatedNote>,
    /// Facts with no field of their own, in the file's order.
    #[serde(default)]
    pub other: Vec<OtherFact>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatedNote {
    pub date: PartialDate,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherFact {
    pub label: String,
    pub value: Rich,
}

/// A section of the text; subsections nest one level (a chapter, then its parts).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable name used by timeline events, links and file names: `a-z`, `0-9`, `-`.
    pub id: String,
    pub title: String,
    /// Set only when the section is in another language than the file.
    #[serde(default)]
    pub language: Option<LanguageTag>,
    #[serde(default)]
    pub paragraphs: Vec<Rich>,
    #[serde(default)]
    pub subsections: Vec<Section>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEvent {
    pub date: PartialDate,
    pub title: String,
    pub text: Rich,
    /// The `id` of the section that tells this event, when one does.
    #[serde(default)]
    pub section: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// What citations (`[@id]`) call the source by: `a-z`, `0-9`, `-`.
    #[serde(default)]
    pub id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub publisher: Option<String>,
    /// When the source was published or given (a ruling, an interview).
    #[serde(default)]
    pub date: Option<PartialDate>,
    /// Sources without an address (a court ruling, an interview) are known by title,
    /// publisher and date.
    #[serde(default)]
    pub url: Option<WebUrl>,
    #[serde(default)]
    pub accessed: Option<PartialDate>,
    #[serde(default)]
    pub language: Option<LanguageTag>,
    /// Set when text was taken from this source under a licence that asks for attribution.
    #[serde(default)]
    pub licence: Option<Licence>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    pub name: String,
    pub url: WebUrl,
}

impl Organisation {
    /// Every section and subsection, depth first, with its level (1 for top-level).
    pub fn all_sections(&self) -> Vec<(usize, &Section)> {
        fn walk<'a>(sections: &'a [Section], level: usize, out: &mut Vec<(usize, &'a Section)>) {
            for section in sections {
                out.push((level, section));
                walk(&section.subsections, level + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, 1, &mut out);
        out
    }

    /// Every paragraph of running text in reading order: the lead, then the sections.
    pub fn paragraphs(&self) -> Vec<&Rich> {
        let mut out = vec![&self.lead];
        for (_, section) in self.all_sections() {
            out.extend(section.paragraphs.iter());
        }
        out
    }
}
