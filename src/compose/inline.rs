//! The data's inline markup -> the tree's inline content: citations become numbered links to
//! their sources, each with an id of its own so that the source can link back.

use std::collections::HashMap;

use super::typography::Typographer;
use crate::doc::{Citation, Inline, Target, Word};
use crate::markup::{Inline as Written, Rich};
use crate::values::LanguageTag;

/// Numbers sources and gives every citation its place id; remembers where each source is cited.
pub struct Citations {
    /// Source id as written -> (its anchor, its printed number).
    sources: HashMap<String, (String, String)>,
    separator: String,
    prefix: String,
    count: usize,
    /// Source anchor -> the ids of the citations of it, in reading order.
    pub cited_at: HashMap<String, Vec<String>>,
    /// The language the text being converted is in (a section's may differ from its part's).
    language: LanguageTag,
    typographer: Typographer,
}

impl Citations {
    pub fn new(
        sources: HashMap<String, (String, String)>,
        separator: &str,
        prefix: &str,
        language: &LanguageTag,
    ) -> Self {
        Citations {
            sources,
            separator: separator.to_string(),
            prefix: prefix.to_string(),
            count: 0,
            cited_at: HashMap::new(),
            language: language.clone(),
            typographer: Typographer::new(language),
        }
    }

    /// The language of the text converted from now on; returns the one before.
    pub fn set_language(&mut self, language: &LanguageTag) -> LanguageTag {
        self.typographer = Typographer::new(language).continuing(&self.typographer);
        std::mem::replace(&mut self.language, language.clone())
    }

    /// The tree's inline content of a text field (one paragraph).
    pub fn inlines(&mut self, text: &Rich) -> Vec<Inline> {
        self.typographer.restart();
        self.convert(&text.inlines)
    }

    fn convert(&mut self, written: &[Written]) -> Vec<Inline> {
        let mut out: Vec<Inline> = Vec::with_capacity(written.len());
        for inline in written {
            let Some(converted) = self.convert_one(inline) else { continue };
            // A raised citation number sits against its word: "maps [@a]" prints "maps¹".
            if matches!(converted, Inline::Cite { .. }) {
                if let Some(Inline::Text(before)) = out.last_mut() {
                    before.truncate(before.trim_end().len());
                    if before.is_empty() {
                        out.pop();
                    }
                }
            }
            out.push(converted);
        }
        out
    }

    fn convert_one(&mut self, inline: &Written) -> Option<Inline> {
        Some(match inline {
            Written::Text(text) => Inline::Text(self.typographer.set(text)),
            Written::Emph(content) => Inline::Emph(self.convert(content)),
            Written::Strong(content) => Inline::Strong(self.convert(content)),
            Written::Link { url, content } => {
                Inline::Link { target: Target::Url(url.clone()), content: self.convert(content) }
            }
            Written::Span { lang, content } => {
                // A span in another language is set by its own rules, and the text after it by
                // the surrounding ones again.
                let outer = self.set_language(lang);
                let content = self.convert(content);
                self.set_language(&outer);
                Inline::Span { lang: lang.clone(), content }
            }
            Written::Cite(ids) => {
                let citations: Vec<Citation> = ids.iter().filter_map(|id| self.cite(id)).collect();
                // The loader refuses unknown ids; a citation of none prints nothing.
                if citations.is_empty() {
                    return None;
                }
                self.typographer.after_citation();
                Inline::Cite { citations, separator: self.separator.clone() }
            }
        })
    }

    fn cite(&mut self, id: &str) -> Option<Citation> {
        let (source, number) = self.sources.get(id)?.clone();
        self.count += 1;
        let place = format!("{}cite_{}", self.prefix, self.count);
        self.cited_at.entry(source.clone()).or_default().push(place.clone());
        Some(Citation { id: place, source, number })
    }
}

/// Plain text as inline content.
/// A fixed word as inline content: in a span of its own language when it is a fallback's.
pub fn word_inlines(word: &Word) -> Vec<Inline> {
    match &word.lang {
        Some(lang) => vec![Inline::Span { lang: lang.clone(), content: text(word.as_str()) }],
        None => text(word.as_str()),
    }
}

pub fn text(text: impl Into<String>) -> Vec<Inline> {
    vec![Inline::Text(text.into())]
}

/// Items of a list, joined by `separator`; each item stays on one line when `whole` (names).
pub fn joined(items: &[String], separator: &str, whole: bool) -> Vec<Inline> {
    let mut out = Vec::with_capacity(items.len() * 2);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(Inline::Text(separator.to_string()));
        }
        out.push(if whole { Inline::NoBreak(item.clone()) } else { Inline::Text(item.clone()) });
    }
    out
}
