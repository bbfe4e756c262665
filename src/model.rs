//! The data of one organisation file, as typed Rust values. No I/O, no geometry, no output crates:
//! the loader fills these (`load::schema` reads each field), every writer reads them through
//! `compose`. The JSON Schema editors use (`crate::schema`) is derived from these types: the
//! field names and what is required follow `load::schema`, which a test holds them to.

use std::sync::Arc;

use schemars::JsonSchema;

use crate::markup::Rich;
use crate::values::{LanguageTag, PartialDate, WebUrl};

/// One organisation, in one language: everything a fact sheet or dossier says about it.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Organisation {
    /// BCP 47 tag of the file's language (`en`, `ru`, `ky`, `uz-Latn`).
    pub language: LanguageTag,
    pub name: String,
    /// What kind of organisation this is ("News", "investigations"): one text or a list.
    #[schemars(rename = "type", with = "crate::schema::TextOrTexts", default)]
    pub kinds: Vec<String>,
    /// An image file next to the data file; without it a typographic wordmark is drawn.
    pub logo: Option<Logo>,
    /// Who issues the dossier: the NGO or newsroom that prepared it, never the organisation it
    /// is about. Without it, no author is claimed.
    pub prepared_by: Option<Issuer>,
    /// The date the data was last checked; dates in the outputs come from here, never the clock.
    pub updated: PartialDate,
    #[schemars(default)]
    pub facts: Facts,
    /// One paragraph that introduces the organisation (running text with markup).
    pub lead: Rich,
    #[schemars(default)]
    pub sections: Vec<Section>,
    #[schemars(default)]
    pub timeline: Vec<TimelineEvent>,
    pub sources: Vec<Source>,
    /// The file's own fixed words (headings, labels), for a language dossier has no table for
    /// or to change some of a table's.
    #[schemars(default)]
    pub labels: OwnWords,
    /// The language whose words stand in for those `labels:` does not give (English when
    /// not set); each prints tagged with its own language.
    pub labels_fallback: Option<LanguageTag>,
    /// The calendar of printed dates: the language's own (Solar Hijri for Persian and Dari), or
    /// Gregorian.
    #[schemars(default)]
    pub calendar: Calendar,
}

/// Fixed words given in a data file, by key (`key_facts: Негизги фактылар`), in its language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OwnWords(pub Vec<(String, OwnText)>);

/// A fixed word, or a phrase's forms by CLDR plural category (`one:`, `other:` …).
#[derive(Debug, Clone, PartialEq)]
pub enum OwnText {
    One(String),
    Plural(Vec<(String, String)>),
}

/// Which calendar printed dates are in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, JsonSchema)]
#[schemars(rename_all = "lowercase")]
pub enum Calendar {
    /// The language's own calendar as CLDR gives it.
    #[default]
    Default,
    Gregorian,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Logo {
    /// Relative to the data file, inside its folder.
    pub path: String,
    /// What the logo shows, for readers who cannot see it.
    pub alt: String,
    /// The image itself, read and checked once by the loader; `None` only before loading.
    #[schemars(skip)]
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
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Issuer {
    pub name: String,
    pub url: Option<WebUrl>,
    /// How to reach the issuer ("press@example.org", "+996 …"), printed as written.
    pub contact: Option<String>,
    pub logo: Option<Logo>,
}

/// The infobox. Every fact is optional so that any organisation fits.
#[derive(Debug, Clone, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Facts {
    #[schemars(default)]
    pub languages: Vec<String>,
    pub country: Option<Rich>,
    pub headquarters: Option<Rich>,
    pub owner: Option<Rich>,
    #[schemars(default)]
    pub founders: Vec<String>,
    /// The editorial lead, printed under "Editor(s)" with the role in brackets (the infobox's
    /// own field; `people` takes every other role).
    #[schemars(default)]
    pub editors: Vec<Person>,
    /// People with their roles as written ("Executive director"): each role is a row label.
    #[schemars(default)]
    pub people: Vec<Person>,
    pub url: Option<WebUrl>,
    pub commercial: Option<bool>,
    #[schemars(default)]
    pub launched: Vec<DatedNote>,
    /// Facts with no field of their own, in the file's order.
    #[schemars(default)]
    pub other: Vec<OtherFact>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DatedNote {
    pub date: PartialDate,
    pub note: Option<String>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct OtherFact {
    pub label: String,
    pub value: Rich,
}

/// A section of the text; subsections nest one level (a chapter, then its parts).
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Section {
    /// Stable name used by timeline events, links and file names: `a-z`, `0-9`, `-`.
    pub id: String,
    pub title: String,
    /// Set only when the section is in another language than the file.
    pub language: Option<LanguageTag>,
    #[schemars(default)]
    pub paragraphs: Vec<Rich>,
    #[schemars(default)]
    pub subsections: Vec<Section>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TimelineEvent {
    pub date: PartialDate,
    pub title: String,
    pub text: Rich,
    /// The `id` of the section that tells this event, when one does.
    pub section: Option<String>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Source {
    /// What citations (`[@id]`) call the source by: `a-z`, `0-9`, `-`.
    pub id: Option<String>,
    pub title: String,
    pub publisher: Option<String>,
    /// When the source was published or given (a ruling, an interview).
    pub date: Option<PartialDate>,
    /// Sources without an address (a court ruling, an interview) are known by title,
    /// publisher and date.
    pub url: Option<WebUrl>,
    pub accessed: Option<PartialDate>,
    pub language: Option<LanguageTag>,
    /// Set when text was taken from this source under a licence that asks for attribution.
    pub licence: Option<Licence>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
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

/// A briefing packet: several organisation files under one cover, in the packet's language.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Packet {
    pub title: String,
    pub subtitle: Option<String>,
    /// The language of the packet's own words (cover, contents, introduction).
    pub language: LanguageTag,
    pub updated: PartialDate,
    /// Who issues the packet; as in an organisation file, never one of the members.
    pub prepared_by: Option<Issuer>,
    /// Paragraphs that follow the contents, with the same inline markup as running text.
    #[schemars(default)]
    pub introduction: Vec<Rich>,
    /// The members' files as written, relative to the packet file's folder.
    #[schemars(length(min = 1, max = 200))]
    pub members: Vec<String>,
    /// The packet's own fixed words, as in an organisation file.
    #[schemars(default)]
    pub labels: OwnWords,
    pub labels_fallback: Option<LanguageTag>,
    #[schemars(default)]
    pub calendar: Calendar,
}
