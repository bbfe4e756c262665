//! Inline content -> styled text: one string with runs of face, size, rise, language and link,
//! which the line breaker measures and sets. The only place inline roles meet type.

use std::ops::Range;
use std::sync::Arc;

use super::style::{Color, TextStyle};
use super::LinkTarget;
use crate::doc::{Inline, Target};
use crate::fonts::FontStyle;
use crate::locale::{self, Hyphenator};

/// Citation numbers are set this much smaller than their text, and raised by this share of it.
const SUPERSCRIPT_SIZE: f32 = 0.68;
const SUPERSCRIPT_RISE: f32 = 0.36;

/// A paragraph's text with its runs; the runs cover the text in order, without gaps.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StyledText {
    pub text: String,
    pub runs: Vec<Run>,
    /// Space before the first line (a paragraph's indent), in points.
    pub indent: f32,
}

/// A stretch of text set alike.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub range: Range<usize>,
    pub look: Look,
}

/// How a run is set and what it is, for drawing, linking and tagging.
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    pub font: FontStyle,
    pub size: f32,
    /// Baseline shift upwards, in points (superscript citation numbers).
    pub rise: f32,
    /// `None`: the line's colour.
    pub color: Option<Color>,
    /// How words in the run are hyphenated (`None` for names, headings, labels).
    pub hyphenator: Hyphenator,
    /// The language of a span in another language than its surroundings (BCP 47).
    pub span_language: Option<Arc<str>>,
    pub link: Option<LinkTarget>,
    /// The run is a citation number.
    pub citation: bool,
}

impl StyledText {
    /// Text in one style.
    pub fn plain(text: &str, style: &TextStyle, hyphenator: Hyphenator) -> StyledText {
        let mut styled = StyledText::default();
        styled.push(text, Look::of(style, hyphenator));
        styled
    }

    /// The same text with its first line indented by `indent` points.
    pub fn indented(self, indent: f32) -> StyledText {
        StyledText { indent, ..self }
    }

    /// Inline content in `style`: emphasis italic, strong bold, citations as raised numbers.
    pub fn from_inlines(inlines: &[Inline], style: &TextStyle, hyphenator: Hyphenator) -> StyledText {
        let mut styled = StyledText::default();
        styled.add(inlines, &Look::of(style, hyphenator));
        styled
    }

    fn push(&mut self, text: &str, look: Look) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        match self.runs.last_mut() {
            Some(last) if last.look == look && last.range.end == start => last.range.end = self.text.len(),
            _ => self.runs.push(Run { range: start..self.text.len(), look }),
        }
    }

    fn add(&mut self, inlines: &[Inline], look: &Look) {
        for inline in inlines {
            match inline {
                // A line break in the data reads as a space (Markdown's soft break).
                Inline::Text(text) if text.contains(['\n', '\r']) => {
                    self.push(&text.replace(['\n', '\r'], " "), look.clone())
                }
                Inline::Text(text) => self.push(text, look.clone()),
                Inline::NoBreak(text) => self.push(&text.replace(' ', "\u{a0}"), look.clone()),
                Inline::Emph(content) => {
                    self.add(content, &Look { font: look.font.with(true, false), ..look.clone() })
                }
                Inline::Strong(content) => {
                    self.add(content, &Look { font: look.font.with(false, true), ..look.clone() })
                }
                Inline::Link { target, content } => {
                    let link = Some(match target {
                        Target::Url(url) => LinkTarget::Uri(url.as_str().into()),
                        Target::Anchor(id) => LinkTarget::Anchor(id.as_str().into()),
                    });
                    self.add(content, &Look { link, color: Some(Color::ACCENT), ..look.clone() })
                }
                Inline::Span { lang, content } => {
                    let span = Look {
                        // Text that hyphenates at all does so by the span's own language.
                        hyphenator: match look.hyphenator {
                            Hyphenator::None => Hyphenator::None,
                            _ => locale::hyphenator(lang),
                        },
                        span_language: Some(Arc::from(lang.as_str())),
                        ..look.clone()
                    };
                    self.add(content, &span)
                }
                Inline::Cite { citations, separator } => {
                    let raised = Look {
                        size: look.size * SUPERSCRIPT_SIZE,
                        rise: look.size * SUPERSCRIPT_RISE,
                        hyphenator: Hyphenator::None,
                        color: Some(Color::ACCENT),
                        ..look.clone()
                    };
                    for (i, citation) in citations.iter().enumerate() {
                        if i > 0 {
                            self.push(separator, raised.clone());
                        }
                        let link = Some(LinkTarget::Anchor(citation.source.as_str().into()));
                        self.push(&citation.number, Look { link, citation: true, ..raised.clone() });
                    }
                }
            }
        }
    }
}

impl Look {
    pub fn of(style: &TextStyle, hyphenator: Hyphenator) -> Look {
        Look {
            font: style.font,
            size: style.size,
            rise: 0.0,
            color: None,
            hyphenator,
            span_language: None,
            link: None,
            citation: false,
        }
    }
}
