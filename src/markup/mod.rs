//! Inline markup of the data's running text, in Pandoc's syntax: `*emphasis*`, `**strong**`,
//! `[text](https://…)`, citations `[@source-id]` (or `[@a; @b]`), language spans
//! `[text]{lang=uz-Latn}`, `\*` escapes and `\ ` for a no-break space. Raw HTML is never
//! interpreted: `<script>`, `&` and `]]>` stay text. pulldown-cmark stays in this module.
//!
//! Only inline markup exists here: a text never becomes a heading, list, quote or code block,
//! and line breaks are spaces. Parsing works in two passes over the text. Our own scanner finds
//! what pulldown-cmark does not know or must not see (citations, language spans, links and
//! their addresses, `<https://…>`, code spans, HTML tags, escapes) and reports mistakes with
//! their byte offsets. It then writes a "shadow" of the text with the same byte layout, in
//! which only emphasis delimiters are live and every link or span appears as an image
//! `![content](,,,)`. pulldown-cmark parses that shadow, so emphasis nests and pairs exactly as
//! CommonMark says (and never across a link's brackets); the tree is built from its event
//! offsets, while every character of text is taken from the original source.
//!
//! Choices beyond Pandoc: `<https://…>` is a link, while other `<scheme:…>` and HTML tags are
//! text as written; a code span is text with its backticks; brackets that make no link,
//! citation or span (`[sic]`) are text, but a `[` never closed is a problem; a line break and
//! the spaces around it are one space; `![alt](url)` is a `!` and a link. Each problem points
//! at the `[` (or `<`) its construct starts with; a text lists at most 100.

// The stages, in the order `Rich::parse` runs them.
mod scan;
mod shadow;
mod tree;

// What the stages lean on.
mod lookahead;
mod problems;
mod syntax;
mod text;

#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Range;

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

/// Bytes that start or make up markup (or a line break, which becomes a space): text without
/// any of them parses to itself.
fn is_syntax(byte: u8) -> bool {
    matches!(byte, b'\\' | b'`' | b'<' | b'[' | b']' | b'*' | b'_' | b'\n' | b'\r')
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
    /// Parses `source`; problems are collected, never raised. The two passes of the module
    /// comment: the scan (which also writes the shadow), then the tree.
    pub fn parse(source: &str) -> Rich {
        // Most running text holds no markup at all: it is its own single text, and skipping
        // both passes saves a sixth of loading a long file.
        if !source.bytes().any(is_syntax) {
            let inlines = if source.is_empty() { Vec::new() } else { vec![Inline::Text(source.to_string())] };
            return Rich { source: source.to_string(), inlines, problems: Vec::new() };
        }
        Rich::parse_markup(source)
    }

    /// Both passes, for text that holds a byte of syntax.
    fn parse_markup(source: &str) -> Rich {
        let scan::Scan { marks, shadow, problems } = scan::scan(source);
        let inlines = tree::build(source, marks, &shadow.finish());
        Rich { source: source.to_string(), inlines, problems: problems.finish() }
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

/// Links and language spans nested deeper than this are reported, keeping the tree shallow.
const MAX_CONSTRUCT_DEPTH: usize = 32;
/// Emphasis nested deeper than this adds nothing visible; it is flattened into its parent so
/// that the tree (and everything that walks it recursively) stays shallow on hostile input.
const MAX_EMPHASIS_DEPTH: usize = 16;
/// A text with more mistakes than this is a paste accident: these are listed, then a summary.
const MAX_PROBLEMS: usize = 100;

/// `src[range]`, or nothing if the range is not on character boundaries (it always is: every
/// range here starts and ends at ASCII syntax characters or the ends of the text).
fn slice(src: &str, range: Range<usize>) -> &str {
    src.get(range).unwrap_or_default()
}
