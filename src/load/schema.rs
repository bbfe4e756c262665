//! The data format: each struct of the model read field by field from the located tree. This is
//! the one place that names the fields a data file may hold, which of them are required and what
//! kind of value each takes (README.md describes the same format for people). Field order here
//! is the order "allowed here:" hints list them in.

use super::fields::{boolean, list, parsed, text, text_or_texts, Fields, Reader};
use super::locate::Spot;
use super::tree::Node;
use crate::locale::WORD_KEYS;
use crate::markup::Rich;
use crate::model::{
    Calendar, DatedNote, Facts, Issuer, Licence, Logo, Organisation, OtherFact, OwnText, OwnWords, Packet,
    Person, Section, Source, TimelineEvent,
};
use crate::values::{LanguageTag, PartialDate, WebUrl};

/// The whole file; `spot` receives the place of every field and item read.
pub(super) fn organisation(reader: &mut Reader, node: Node, spot: &mut Spot) -> Option<Organisation> {
    let what = "an organisation (a mapping of fields)";
    let mut fields = Fields::open(reader, node, "", spot, what)?;
    let language = fields.required("language", parsed::<LanguageTag>("a language tag"));
    let name = fields.required("name", text);
    let kinds = fields.optional("type", text_or_texts);
    let logo = fields.optional("logo", logo);
    let prepared_by = fields.optional("prepared_by", issuer);
    let updated = fields.required("updated", parsed::<PartialDate>("a date"));
    let facts = fields.optional("facts", self::facts);
    let lead = fields.required("lead", rich);
    let sections = fields.optional("sections", list(section));
    let timeline = fields.optional("timeline", list(event));
    let sources = fields.required("sources", list(source));
    let labels = fields.optional("labels", own_words);
    let labels_fallback = fields.optional("labels_fallback", parsed::<LanguageTag>("a language tag"));
    let calendar = fields.optional("calendar", self::calendar);
    Some(Organisation {
        language: language?,
        name: name?,
        kinds: kinds.unwrap_or_default(),
        logo,
        prepared_by,
        updated: updated?,
        facts: facts.unwrap_or_default(),
        lead: lead?,
        sections: sections.unwrap_or_default(),
        timeline: timeline.unwrap_or_default(),
        sources: sources?,
        labels: labels.unwrap_or_default(),
        labels_fallback,
        calendar: calendar.unwrap_or_default(),
    })
}

/// A packet file: one `packet:` mapping at the top.
pub(super) fn packet_file(reader: &mut Reader, node: Node, spot: &mut Spot) -> Option<Packet> {
    let mut fields = Fields::open(reader, node, "", spot, "a packet file (a mapping with `packet:`)")?;
    fields.required("packet", packet)
}

fn packet(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<Packet> {
    let mut fields = Fields::open(reader, node, path, spot, "a packet (a mapping of fields)")?;
    let title = fields.required("title", text);
    let subtitle = fields.optional("subtitle", text);
    let language = fields.required("language", parsed::<LanguageTag>("a language tag"));
    let updated = fields.required("updated", parsed::<PartialDate>("a date"));
    let prepared_by = fields.optional("prepared_by", issuer);
    let introduction = fields.optional("introduction", list(rich));
    let members = fields.required("members", list(text));
    let labels = fields.optional("labels", own_words);
    let labels_fallback = fields.optional("labels_fallback", parsed::<LanguageTag>("a language tag"));
    let calendar = fields.optional("calendar", self::calendar);
    Some(Packet {
        title: title?,
        subtitle,
        language: language?,
        updated: updated?,
        prepared_by,
        introduction: introduction.unwrap_or_default(),
        members: members?,
        labels: labels.unwrap_or_default(),
        labels_fallback,
        calendar: calendar.unwrap_or_default(),
    })
}

/// `labels:`: fixed words by key, each a text; `text_from_count` a text or its plural forms.
fn own_words(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<OwnWords> {
    let what = "fixed words (a mapping of word keys to texts; `dossier labels LANG` prints them)";
    let mut fields = Fields::open(reader, node, path, spot, what)?;
    let mut words = Vec::new();
    for &key in WORD_KEYS {
        let word = if key == "text_from_count" {
            fields.optional(key, plural_forms)
        } else {
            fields.optional(key, text).map(OwnText::One)
        };
        words.extend(word.map(|word| (key.to_string(), word)));
    }
    Some(OwnWords(words))
}

/// A phrase with a count: one text, or its forms by CLDR plural category (`other` required).
fn plural_forms(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<OwnText> {
    if !matches!(node.kind, super::tree::Kind::Map(_)) {
        return text(reader, node, path, spot).map(OwnText::One);
    }
    let mut fields =
        Fields::open(reader, node, path, spot, "plural forms (zero, one, two, few, many, other)")?;
    let mut forms = Vec::new();
    for category in ["zero", "one", "two", "few", "many"] {
        forms.extend(fields.optional(category, text).map(|form| (category.to_string(), form)));
    }
    let other = fields.required("other", text)?;
    forms.push(("other".to_string(), other));
    Some(OwnText::Plural(forms))
}

/// `calendar: gregorian`, or `default` (the language's own).
fn calendar(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<Calendar> {
    let at = node.at;
    match text(reader, node, path, spot)?.as_str() {
        "gregorian" => Some(Calendar::Gregorian),
        "default" => Some(Calendar::Default),
        other => {
            let message = format!("unknown calendar `{}`", crate::error::shortened(other));
            let hint = "write `gregorian`, or `default` for the language's own calendar".to_string();
            reader.report(at, path, message, Some(hint));
            None
        }
    }
}

/// Running text with inline markup; its markup problems are judged later, by the checker.
fn rich(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<Rich> {
    text(reader, node, path, spot).map(|source| Rich::parse(&source))
}

fn logo(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<Logo> {
    let mut fields = Fields::open(reader, node, path, spot, "a logo (a mapping of fields)")?;
    let file = fields.required("path", text);
    let alt = fields.required("alt", text);
    Some(Logo { path: file?, alt: alt?, image: None })
}

fn issuer(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<Issuer> {
    let mut fields = Fields::open(reader, node, path, spot, "an issuer (a mapping of fields)")?;
    let name = fields.required("name", text);
    let url = fields.optional("url", parsed::<WebUrl>("a web address"));
    let contact = fields.optional("contact", text);
    let logo = fields.optional("logo", logo);
    Some(Issuer { name: name?, url, contact, logo })
}

fn facts(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<Facts> {
    let mut fields = Fields::open(reader, node, path, spot, "the facts (a mapping of fields)")?;
    let languages = fields.optional("languages", list(text));
    let country = fields.optional("country", rich);
    let headquarters = fields.optional("headquarters", rich);
    let owner = fields.optional("owner", rich);
    let founders = fields.optional("founders", list(text));
    let editors = fields.optional("editors", list(person));
    let people = fields.optional("people", list(person));
    let url = fields.optional("url", parsed::<WebUrl>("a web address"));
    let commercial = fields.optional("commercial", boolean);
    let launched = fields.optional("launched", list(dated_note));
    let other = fields.optional("other", list(other_fact));
    Some(Facts {
        languages: languages.unwrap_or_default(),
        country,
        headquarters,
        owner,
        founders: founders.unwrap_or_default(),
        editors: editors.unwrap_or_default(),
        people: people.unwrap_or_default(),
        url,
        commercial,
        launched: launched.unwrap_or_default(),
        other: other.unwrap_or_default(),
    })
}

fn person(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<Person> {
    let mut fields = Fields::open(reader, node, path, spot, "a person (a mapping of fields)")?;
    let name = fields.required("name", text);
    let role = fields.optional("role", text);
    Some(Person { name: name?, role })
}

fn dated_note(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<DatedNote> {
    let mut fields = Fields::open(reader, node, path, spot, "a date with a note (a mapping of fields)")?;
    let date = fields.required("date", parsed::<PartialDate>("a date"));
    let note = fields.optional("note", text);
    Some(DatedNote { date: date?, note })
}

fn other_fact(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<OtherFact> {
    let mut fields = Fields::open(reader, node, path, spot, "a fact (a mapping of fields)")?;
    let label = fields.required("label", text);
    let value = fields.required("value", rich);
    Some(OtherFact { label: label?, value: value? })
}

fn section(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<Section> {
    let mut fields = Fields::open(reader, node, path, spot, "a section (a mapping of fields)")?;
    let id = fields.required("id", text);
    let title = fields.required("title", text);
    let language = fields.optional("language", parsed::<LanguageTag>("a language tag"));
    let paragraphs = fields.optional("paragraphs", list(rich));
    // Nesting is bounded by the tree's limit; how deep subsections may go is `validate`'s rule.
    let subsections = fields.optional("subsections", list(section));
    Some(Section {
        id: id?,
        title: title?,
        language,
        paragraphs: paragraphs.unwrap_or_default(),
        subsections: subsections.unwrap_or_default(),
    })
}

fn event(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<TimelineEvent> {
    let mut fields = Fields::open(reader, node, path, spot, "a timeline event (a mapping of fields)")?;
    let date = fields.required("date", parsed::<PartialDate>("a date"));
    let title = fields.required("title", text);
    let text = fields.required("text", rich);
    let section = fields.optional("section", self::text);
    Some(TimelineEvent { date: date?, title: title?, text: text?, section })
}

fn source(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<Source> {
    let mut fields = Fields::open(reader, node, path, spot, "a source (a mapping of fields)")?;
    let id = fields.optional("id", text);
    let title = fields.required("title", text);
    let publisher = fields.optional("publisher", text);
    let date = fields.optional("date", parsed::<PartialDate>("a date"));
    let url = fields.optional("url", parsed::<WebUrl>("a web address"));
    let accessed = fields.optional("accessed", parsed::<PartialDate>("a date"));
    let language = fields.optional("language", parsed::<LanguageTag>("a language tag"));
    let licence = fields.optional("licence", licence);
    Some(Source { id, title: title?, publisher, date, url, accessed, language, licence })
}

fn licence(reader: &mut Reader, node: Node, path: &str, spot: &mut Spot) -> Option<Licence> {
    let mut fields = Fields::open(reader, node, path, spot, "a licence (a mapping of fields)")?;
    let name = fields.required("name", text);
    let url = fields.required("url", parsed::<WebUrl>("a web address"));
    Some(Licence { name: name?, url: url? })
}
