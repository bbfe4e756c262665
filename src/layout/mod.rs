//! Document -> pages of positioned items, like Typst's frames. The only code that measures
//! text, breaks lines and pages, and hyphenates. Writers draw what this returns and decide nothing.

mod flow;
mod fragments;
mod linebreak;
mod qr;
mod sheet;
pub mod style;

use crate::compose::Document;
use crate::error::Result;
use style::{Color, TextStyle};

pub use fragments::DISCRETIONARY_HYPHEN;
pub use linebreak::{set_paragraph, Align};

/// Paper sizes, each laid out for itself (never scaled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.276, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// Millimetres to points.
pub fn mm(value: f32) -> f32 {
    value * 72.0 / 25.4
}

/// A rectangle in page coordinates: points, origin at the top left, y growing downwards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }
}

/// One shaped glyph, `x` points from the start of its run.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub x: f32,
    /// The glyph's own advance; a justified run places the next glyph further on.
    pub advance: f32,
    /// Byte range in the line's text of the characters this glyph stands for (empty for the
    /// rest of a cluster).
    pub text: std::ops::Range<u32>,
}

/// A line of text, shaped and positioned.
#[derive(Debug, Clone, PartialEq)]
pub struct SetLine {
    pub text: String,
    pub glyphs: Vec<Glyph>,
    /// The set width, spaces stretched or shrunk.
    pub width: f32,
    /// The line ends inside a word that was too long for the measure (a reported problem).
    pub split_word: bool,
}

impl SetLine {
    /// The characters a glyph of this line stands for.
    pub fn glyph_text(&self, glyph: &Glyph) -> &str {
        self.text.get(glyph.text.start as usize..glyph.text.end as usize).unwrap_or_default()
    }
}

/// What an item is in the document's structure; the tagged PDF is built from these.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    Title,
    Heading(usize),
    Paragraph,
    ListItem,
    TableHeader,
    TableCell,
    Figure {
        alt: String,
    },
    Link,
    /// Decoration and running matter (footer, rules, backgrounds).
    Artifact,
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    Uri(String),
    /// An anchor (section id) in this document.
    Anchor(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    Text {
        line: SetLine,
        x: f32,
        baseline: f32,
        style: TextStyle,
    },
    Fill {
        rect: Rect,
        color: Color,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        thickness: f32,
        color: Color,
    },
    Link {
        rect: Rect,
        target: LinkTarget,
    },
    /// The logo, scaled into `rect`.
    Image {
        rect: Rect,
        image: crate::model::Image,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

/// A place in the document that links and the outline can point at.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    pub id: String,
    pub title: String,
    /// 1 for a section, 2 for a subsection.
    pub level: usize,
    pub page: usize,
    /// Top of the heading, in page coordinates.
    pub y: f32,
}

/// The laid-out fact sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub pages: Vec<Page>,
    /// Sections and subsections in document order.
    pub anchors: Vec<Anchor>,
    /// The area every item must stay inside (the office-printer-safe margins).
    pub printable: Rect,
    /// Problems that did not stop the layout (an over-long word that had to be split).
    pub warnings: Vec<String>,
}

/// Lays out the fact sheet for one paper size.
pub fn lay_out(document: &Document, paper: Paper) -> Result<Layout> {
    sheet::lay_out(document, paper)
}
