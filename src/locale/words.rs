//! The fixed words of the outputs ("Key facts", "Page 1 of 2"), resolved for one document: each
//! from the data's own `labels:`, else the language's table, else the `labels_fallback:`
//! language's, else English's; a word that comes from another language says which, so that the
//! writers tag it with its own language.

use super::registry::{english, Table, TableText};
use crate::model::{OwnText, OwnWords};
use crate::values::LanguageTag;

/// A fixed word as the outputs print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// The language it is in when that is not the document's (a fallback word).
    pub lang: Option<LanguageTag>,
}

impl Word {
    /// Words of the document's own language (the data's, or composed from them).
    pub fn own(text: impl Into<String>) -> Word {
        Word { text: text.into(), lang: None }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The word with its `{name}` placeholders filled in: still in the word's language.
    pub fn fill(&self, values: &[(&str, &str)]) -> Word {
        Word { text: super::fill(&self.text, values), lang: self.lang.clone() }
    }
}

impl std::ops::Deref for Word {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// A phrase with a count in it, by CLDR plural category (`zero`, `one`, `two`, `few`, `many`,
/// `other`); `other` serves every category a table leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plural {
    pub forms: Vec<(String, String)>,
    pub lang: Option<LanguageTag>,
}

impl Plural {
    /// The form for a CLDR plural category.
    pub fn form(&self, category: &str) -> &str {
        let find = |c: &str| self.forms.iter().find(|(k, _)| k == c).map(|(_, v)| v.as_str());
        find(category).or_else(|| find("other")).unwrap_or_default()
    }
}

macro_rules! words {
    ($($(#[$doc:meta])* $field:ident),* $(,)?) => {
        /// Every fixed word the outputs print, in the document's language where it has them.
        #[derive(Debug, Clone)]
        pub struct Labels {
            $($(#[$doc])* pub $field: Word,)*
            /// The licence line when the full one would be long: how many sources, and where to
            /// read them ("see “{section}”").
            pub text_from_count: Plural,
        }

        /// The keys of the fixed words, as `labels:` in a data file and the tables write them.
        pub const WORD_KEYS: &[&str] = &[$(stringify!($field),)* "text_from_count"];

        impl Labels {
            fn resolve(chain: &Chain) -> Labels {
                Labels {
                    $($field: chain.word(stringify!($field)),)*
                    text_from_count: chain.plural("text_from_count"),
                }
            }
        }
    };
}

words! {
    key_facts,
    contents,
    /// A packet's introduction, and the heading over its members' names on the cover.
    introduction,
    packet_members,
    timeline,
    /// The sources' heading when a source's text is used under a licence, and when none is.
    sources,
    sources_unlicensed,
    title_page,
    cover,
    languages,
    country,
    headquarters,
    owner,
    founder,
    founders,
    editor,
    editors,
    /// The row of people given without a role.
    people,
    website,
    commercial,
    yes,
    no,
    launched,
    /// "Page {n} of {m}".
    page_of,
    /// "Data as of {date}".
    data_as_of,
    /// "Text: {sources}" for the licence line.
    text_from,
    accessed,
    licence,
    see_section,
    /// "Prepared by {name}": the issuer, in the footer and the colophon.
    prepared_by,
    /// "Contact: {contact}".
    contact,
    /// Between the items of a list in running text ("News, investigations").
    list_separator,
    /// Between the parts of the footer and of a source entry.
    separator,
    /// Between the numbers of a group of citations ("1,2").
    citation_separator,
    /// The number before a source in the list: "{n}.".
    source_marker,
    /// The visible text of a link from a source back to its citation, and its accessible name.
    back_link,
    back_link_label,
    /// Alternative text of the QR code: "QR code linking to {url}".
    qr_alt,
    /// Alternative text of the timeline graphic.
    timeline_alt,
    made_with,
    /// The landmarks navigation's name.
    landmarks,
    /// What a reader needing accessibility learns before opening the book.
    accessibility_summary,
    /// Alternative text of the cover: "Cover: {name}, {kinds}".
    cover_alt,
}

/// Where a document's words come from, in order.
pub(super) struct Chain<'a> {
    pub own: &'a OwnWords,
    pub table: Option<&'static Table>,
    pub fallback: Option<(&'static Table, LanguageTag)>,
}

impl Chain<'_> {
    /// The tables after the document's own, each with the language its words are in.
    fn others(&self) -> impl Iterator<Item = (&'static Table, LanguageTag)> + '_ {
        let english = english();
        let english_tag = LanguageTag::of_table(english.tag);
        self.fallback.iter().cloned().chain(std::iter::once((english, english_tag)))
    }

    fn own_text(&self, key: &str) -> Option<&OwnText> {
        self.own.0.iter().find(|(k, _)| k == key).map(|(_, text)| text)
    }

    fn word(&self, key: &str) -> Word {
        if let Some(OwnText::One(text)) = self.own_text(key) {
            return Word { text: text.clone(), lang: None };
        }
        if let Some(TableText::One(text)) = self.table.and_then(|t| t.word(key)) {
            return Word { text: text.to_string(), lang: None };
        }
        for (table, tag) in self.others() {
            if let Some(TableText::One(text)) = table.word(key) {
                return Word { text: text.to_string(), lang: Some(tag) };
            }
        }
        Word { text: String::new(), lang: None }
    }

    fn plural(&self, key: &str) -> Plural {
        match self.own_text(key) {
            Some(OwnText::Plural(forms)) => return Plural { forms: forms.clone(), lang: None },
            Some(OwnText::One(text)) => {
                return Plural { forms: vec![("other".into(), text.clone())], lang: None }
            }
            None => {}
        }
        let owned =
            |forms: &[(&str, &str)]| forms.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        if let Some(TableText::Plural(forms)) = self.table.and_then(|t| t.word(key)) {
            return Plural { forms: owned(forms), lang: None };
        }
        for (table, tag) in self.others() {
            if let Some(TableText::Plural(forms)) = table.word(key) {
                return Plural { forms: owned(forms), lang: Some(tag) };
            }
        }
        Plural { forms: Vec::new(), lang: None }
    }

    /// The keys whose words come from another language than the document's, each with the
    /// language it comes from.
    pub fn untranslated(&self) -> Vec<(&'static str, LanguageTag)> {
        let translated = |key: &str| {
            self.own_text(key).is_some() || self.table.is_some_and(|table| table.word(key).is_some())
        };
        WORD_KEYS
            .iter()
            .copied()
            .filter(|key| !translated(key))
            .filter_map(|key| {
                self.others().find(|(table, _)| table.word(key).is_some()).map(|(_, tag)| (key, tag))
            })
            .collect()
    }

    pub fn labels(&self) -> Labels {
        Labels::resolve(self)
    }
}
