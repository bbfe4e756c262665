//! Inline markup of the data's running text, in Pandoc's syntax: `*emphasis*`, `**strong**`,
//! `[text](https://…)`, citations `[@source-id]` (or `[@a; @b]`), language spans
//! `[text]{lang=uz-Latn}`, `\*` escapes and `\ ` for a no-break space. Raw HTML is never
//! interpreted: `<script>`, `&` and `]]>` stay text. pulldown-cmark stays in this module.

use std::fmt;

use serde::de::{Deserializer, Visitor};
use serde::Deserialize;

use crate::values::{LanguageTag, WebUrl};

/// One piece of inline content, as written in the data.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Link {
        url: WebUrl,
        content: Vec<Inline>,
    },
    /// The ids of the cited sources, in the order written (`[@a; @b]`).
    Cite(Vec<String>),
    Span {
        lang: LanguageTag,
        content: Vec<Inline>,
    },
}

/// A mistake in the markup, at a byte offset of the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

/// A text field with inline markup: the source as written, what it parses to, and what is
/// wrong with it. Parsing never fails, so that the loader can report every problem at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Rich {
    pub source: String,
    pub inlines: Vec<Inline>,
    pub problems: Vec<Problem>,
}

impl Rich {
    /// Parses `source`; problems are collected, never raised.
    pub fn parse(source: &str) -> Rich {
        // Temporary: the whole text as one run, until the parser lands.
        Rich {
            source: source.to_string(),
            inlines: vec![Inline::Text(source.to_string())],
            problems: Vec::new(),
        }
    }

    /// Plain text without markup, for metadata and checks ("Kloop is *independent*" ->
    /// "Kloop is independent"; a citation contributes nothing).
    pub fn plain_text(&self) -> String {
        fn walk(inlines: &[Inline], out: &mut String) {
            for inline in inlines {
                match inline {
                    Inline::Text(text) => out.push_str(text),
                    Inline::Emph(content)
                    | Inline::Strong(content)
                    | Inline::Link { content, .. }
                    | Inline::Span { content, .. } => walk(content, out),
                    Inline::Cite(_) => {}
                }
            }
        }
        let mut out = String::with_capacity(self.source.len());
        walk(&self.inlines, &mut out);
        out
    }

    /// Every source id cited, in reading order.
    pub fn citations(&self) -> Vec<&str> {
        fn walk<'a>(inlines: &'a [Inline], out: &mut Vec<&'a str>) {
            for inline in inlines {
                match inline {
                    Inline::Text(_) => {}
                    Inline::Emph(content)
                    | Inline::Strong(content)
                    | Inline::Link { content, .. }
                    | Inline::Span { content, .. } => walk(content, out),
                    Inline::Cite(ids) => out.extend(ids.iter().map(String::as_str)),
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.inlines, &mut out);
        out
    }
}

impl From<&str> for Rich {
    fn from(source: &str) -> Self {
        Rich::parse(source)
    }
}

impl fmt::Display for Rich {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

struct RichVisitor;

impl Visitor<'_> for RichVisitor {
    type Value = Rich;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a text")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Rich, E> {
        Ok(Rich::parse(text))
    }
}

impl<'de> Deserialize<'de> for Rich {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(RichVisitor)
    }
}
