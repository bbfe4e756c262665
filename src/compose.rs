//! Model -> an output-neutral document: the words, in reading order, with their roles.
//! Both writers read only this; fixed words come from `i18n`, never from literals here.

use crate::i18n::{fill, Labels};
use crate::model::{Image, Organisation, Section, Source};
use crate::values::{LanguageTag, PartialDate, WebUrl};

/// Everything a writer needs, already worded in the document's language.
#[derive(Debug, Clone)]
pub struct Document {
    pub language: LanguageTag,
    pub labels: &'static Labels,
    pub name: String,
    /// "News, investigations".
    pub kinds: String,
    pub lead: String,
    pub facts: Vec<Fact>,
    pub sections: Vec<DocSection>,
    pub timeline: Vec<Event>,
    pub sources: Vec<SourceEntry>,
    /// The licence line both outputs print.
    pub attribution: String,
    pub url: Option<WebUrl>,
    pub updated: PartialDate,
    /// "Data as of 24 November 2026".
    pub updated_line: String,
    /// The organisation's logo as loaded; without it a wordmark is drawn.
    pub logo: Option<LogoImage>,
}

/// A logo as the writers draw it: the loaded picture and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct LogoImage {
    pub image: Image,
    pub alt: String,
}

/// One row of the key-facts table.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub label: String,
    pub value: String,
    pub link: Option<WebUrl>,
}

#[derive(Debug, Clone)]
pub struct DocSection {
    pub id: String,
    pub title: String,
    /// 1 for a top-level section, 2 for a subsection.
    pub level: usize,
    /// Set when the section's language differs from the document's.
    pub language: Option<LanguageTag>,
    pub paragraphs: Vec<String>,
    pub subsections: Vec<DocSection>,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub date: PartialDate,
    pub date_label: String,
    pub title: String,
    pub text: String,
    pub section_id: String,
}

#[derive(Debug, Clone)]
pub struct SourceEntry {
    /// "“Kloop”, Wikipedia, The Free Encyclopedia, accessed 24 November 2026".
    pub citation: String,
    pub url: Option<WebUrl>,
    pub language: Option<LanguageTag>,
    pub licence: Option<(String, WebUrl)>,
}

pub fn compose(org: &Organisation) -> Document {
    let labels = Labels::for_language(&org.language);
    let updated_line = fill(labels.data_as_of, &[("date", &labels.date(&org.updated))]);
    Document {
        language: org.language.clone(),
        labels,
        name: org.name.clone(),
        kinds: org.kinds.join(", "),
        lead: org.lead.plain_text(),
        facts: facts(org, labels),
        sections: org.sections.iter().map(|s| section(s, 1, None)).collect(),
        timeline: timeline(org, labels),
        sources: org.sources.iter().map(|s| source(s, labels)).collect(),
        attribution: attribution(&org.sources, labels),
        url: org.facts.url.clone(),
        updated: org.updated,
        updated_line,
        logo: org.logo.as_ref().and_then(|l| Some(LogoImage { image: l.image.clone()?, alt: l.alt.clone() })),
    }
}

fn plain(label: &str, value: String) -> Option<Fact> {
    (!value.is_empty()).then(|| Fact { label: label.to_string(), value, link: None })
}

fn singular_plural(count: usize, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 {
        one
    } else {
        many
    }
}

fn facts(org: &Organisation, labels: &Labels) -> Vec<Fact> {
    let f = &org.facts;
    let languages_label = match f.languages.len() {
        0 | 1 => labels.languages.to_string(),
        n => format!("{} ({n})", labels.languages),
    };
    let editors: Vec<String> = f
        .editors
        .iter()
        .map(|p| match &p.role {
            Some(role) => format!("{} ({role})", p.name),
            None => p.name.clone(),
        })
        .collect();
    let launched: Vec<String> = f
        .launched
        .iter()
        .map(|l| match &l.note {
            Some(note) => format!("{} ({note})", labels.date(&l.date)),
            None => labels.date(&l.date),
        })
        .collect();
    let mut rows = vec![
        plain(&languages_label, f.languages.join(", ")),
        plain(labels.country, f.country.as_ref().map(|r| r.plain_text()).unwrap_or_default()),
        plain(labels.headquarters, f.headquarters.as_ref().map(|r| r.plain_text()).unwrap_or_default()),
        plain(labels.owner, f.owner.as_ref().map(|r| r.plain_text()).unwrap_or_default()),
        plain(singular_plural(f.founders.len(), labels.founder, labels.founders), f.founders.join(", ")),
        plain(singular_plural(editors.len(), labels.editor, labels.editors), editors.join(", ")),
        f.url.as_ref().map(|url| Fact {
            label: labels.website.to_string(),
            value: url.display_form().to_string(),
            link: Some(url.clone()),
        }),
        f.commercial.map(|c| Fact {
            label: labels.commercial.to_string(),
            value: (if c { labels.yes } else { labels.no }).to_string(),
            link: None,
        }),
        plain(labels.launched, launched.join("; ")),
    ];
    rows.extend(f.other.iter().map(|o| plain(&o.label, o.value.plain_text())));
    rows.into_iter().flatten().collect()
}

/// A section and its subsections, which inherit its language unless they set their own.
fn section(s: &Section, level: usize, parent_language: Option<&LanguageTag>) -> DocSection {
    let language = s.language.as_ref().or(parent_language);
    DocSection {
        id: s.id.clone(),
        title: s.title.clone(),
        level,
        language: language.cloned(),
        paragraphs: s.paragraphs.iter().map(|p| p.plain_text()).collect(),
        subsections: s.subsections.iter().map(|c| section(c, level + 1, language)).collect(),
    }
}

fn timeline(org: &Organisation, labels: &Labels) -> Vec<Event> {
    let mut events: Vec<Event> = org
        .timeline
        .iter()
        .map(|e| Event {
            date: e.date,
            date_label: labels.date(&e.date),
            title: e.title.clone(),
            text: e.text.plain_text(),
            section_id: e.section.clone().unwrap_or_default(),
        })
        .collect();
    // Stable: events on the same date keep the file's order.
    events.sort_by_key(|e| e.date);
    events
}

fn source(s: &Source, labels: &Labels) -> SourceEntry {
    let mut parts = vec![labels.quoted(&s.title)];
    parts.extend(s.publisher.clone());
    if let Some(date) = &s.accessed {
        parts.push(fill(labels.accessed, &[("date", &labels.date(date))]));
    }
    SourceEntry {
        citation: parts.join(", "),
        url: s.url.clone(),
        language: s.language.clone(),
        licence: s.licence.as_ref().map(|l| (l.name.clone(), l.url.clone())),
    }
}

/// "Text: “Kloop”, Wikipedia, The Free Encyclopedia (CC BY-SA 4.0)".
fn attribution(sources: &[Source], labels: &Labels) -> String {
    let licensed: Vec<String> = sources
        .iter()
        .filter_map(|s| {
            let licence = s.licence.as_ref()?;
            let by = s.publisher.as_ref().map_or(String::new(), |p| format!(", {p}"));
            Some(format!("{}{by} ({})", labels.quoted(&s.title), licence.name))
        })
        .collect();
    if licensed.is_empty() {
        return String::new();
    }
    fill(labels.text_from, &[("sources", &licensed.join("; "))])
}

impl Document {
    /// Every section and subsection, depth first.
    pub fn all_sections(&self) -> Vec<&DocSection> {
        fn walk<'a>(sections: &'a [DocSection], out: &mut Vec<&'a DocSection>) {
            for s in sections {
                out.push(s);
                walk(&s.subsections, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, &mut out);
        out
    }

    /// The title of the section with this id.
    pub fn section_title(&self, id: &str) -> Option<&str> {
        self.all_sections().into_iter().find(|s| s.id == id).map(|s| s.title.as_str())
    }

    /// All text the outputs may draw, for font coverage checks and subsetting.
    pub fn all_text(&self) -> String {
        let mut text = String::new();
        let mut add = |s: &str| {
            text.push_str(s);
            text.push('\n');
        };
        [&self.name, &self.kinds, &self.lead, &self.attribution, &self.updated_line]
            .into_iter()
            .for_each(|s| add(s));
        for f in &self.facts {
            add(&f.label);
            add(&f.value);
        }
        for s in self.all_sections() {
            add(&s.title);
            s.paragraphs.iter().for_each(|p| add(p));
        }
        for e in &self.timeline {
            add(&e.date_label);
            add(&e.title);
            add(&e.text);
        }
        for s in &self.sources {
            add(&s.citation);
            s.url.iter().for_each(|u| add(u.as_str()));
        }
        text
    }
}
