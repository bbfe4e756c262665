//! Document -> pages of positioned items, like Typst's frames. The only code that measures
//! text, breaks lines and pages, and hyphenates. Writers draw what this returns and decide nothing.

pub mod cover;
mod flow;
mod fragments;
mod linebreak;
mod masthead;
mod qr;
mod sheet;
pub mod style;
mod syllables;
pub mod text;

use std::sync::Arc;

use crate::doc::{Key, Publication};
use crate::error::Result;
use crate::model::Image;
use style::{Color, TextStyle};

pub use fragments::DISCRETIONARY_HYPHEN;
pub use linebreak::{set_paragraph, set_styled, Align};

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
#[derive(Debug, Clone, Copy, PartialEq, Default)]
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
    /// Byte range of the styled text the line sets (an added hyphen aside): where the rest of
    /// a text starts when only some of its lines fit.
    pub source: std::ops::Range<usize>,
    pub glyphs: Vec<Glyph>,
    /// The line's runs in order: which glyphs are set in which face and size, and what they
    /// are (a link, a citation, a span in another language).
    pub runs: Vec<LineRun>,
    /// The set width, spaces stretched or shrunk.
    pub width: f32,
    /// The line ends inside a word that was too long for the measure (a reported problem).
    pub split_word: bool,
    /// The index in `glyphs` of the hyphen the line breaker added, when it broke a word: not
    /// part of the text (the PDF marks it as a soft hyphen).
    pub hyphen: Option<usize>,
}

/// Glyphs of a line set alike.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRun {
    /// Indices into the line's glyphs.
    pub glyphs: std::ops::Range<usize>,
    pub look: text::Look,
}

impl SetLine {
    /// The characters a glyph of this line stands for.
    pub fn glyph_text(&self, glyph: &Glyph) -> &str {
        self.text.get(glyph.text.start as usize..glyph.text.end as usize).unwrap_or_default()
    }
}

/// What an item or a group of items is in the document's structure: the tagged PDF is built
/// from these, as Typst builds it from its frames' tags.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// One organisation's pages (a packet has several), in its language.
    Part {
        language: String,
    },
    /// A section, in another language than its part when `language` is set.
    Section {
        language: Option<String>,
    },
    /// The masthead: the name, kinds, address and logo.
    Header,
    /// The name as a wordmark: the part's title.
    Title,
    Heading(u8),
    Paragraph,
    Table,
    TableRow,
    TableHeader,
    TableCell,
    Caption,
    List,
    ListItem,
    /// What a list item is numbered or dated by.
    Label,
    Figure {
        alt: String,
    },
    Link,
    /// Decoration and running matter: nothing a reader needs read aloud.
    Artifact(Artifact),
}

/// Kinds of artifact, as PDF/UA names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// Backgrounds, rules, the timeline's axis.
    Layout,
    /// Running footers and page numbers.
    Pagination,
}

/// The start of a group of items: the block it comes from and its role.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    pub block: Key,
    pub role: Role,
}

/// Where a link leads. Shared, not copied: every line a link is set over, and every link
/// area on it, carries its target (a long address over many lines would cost its length
/// squared).
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    Uri(Arc<str>),
    /// An anchor (section id) in this document.
    Anchor(Arc<str>),
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
    /// A picture (a logo), scaled into `rect`.
    Image {
        rect: Rect,
        image: Image,
    },
    /// The items up to the matching `End` belong to this group. Groups nest, and may go on
    /// over columns and pages.
    Start(Tag),
    End(Key),
}

/// Something drawn, or a tag; `role` and `block` say what it is and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    pub role: Role,
    pub block: Key,
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
    /// 1 for a section, 2 for a subsection; 0 for what holds sections (a packet's member).
    pub level: usize,
    /// Whether the outline lists it (sections do; sources, which citations point at, do not).
    pub outline: bool,
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

/// Lays out the fact sheet (a packet: its front, then each member's sheet) for one paper size;
/// `duplex` starts each member on a right-hand page.
pub fn lay_out(publication: &Publication, paper: Paper, duplex: bool) -> Result<Layout> {
    sheet::lay_out(publication, paper, duplex)
}
