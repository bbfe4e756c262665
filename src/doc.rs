//! The output-neutral document tree (Pandoc's idea): a publication of parts, each part a list of
//! blocks holding inline content. `compose` builds it with every word already chosen; the sheet
//! layout, the cover and the XHTML writer only draw or serialise it and decide no wording.

pub use crate::locale::Word;
use crate::model::Image;
use crate::values::{LanguageTag, PartialDate, WebUrl};

/// Everything the outputs show, in reading order.
#[derive(Debug, Clone)]
pub struct Publication {
    pub meta: Meta,
    /// A packet's own pages before its members; `None` for one organisation's file.
    pub front: Option<Front>,
    /// One part per organisation (a single data file is a publication of one part).
    pub parts: Vec<Part>,
}

/// What a briefing packet says before its members: a cover, the contents and an introduction.
#[derive(Debug, Clone)]
pub struct Front {
    pub key: Key,
    pub title: String,
    pub subtitle: Option<String>,
    /// "Prepared by Open Newsroom Alliance".
    pub issued_by: Option<String>,
    /// "Data as of 27 November 2026".
    pub updated: Word,
    /// "Organisations in this briefing": the heading over the members' names on the cover.
    pub members_title: Word,
    pub contents: Contents,
    /// The packet's introduction, as a section of paragraphs.
    pub introduction: Option<Section>,
    /// The running foot of the packet's own pages.
    pub footer: Footer,
}

/// The contents list: one entry per part and per top-level section, filled in by the layout
/// (which knows the pages) and by the EPUB writer (which knows the files).
#[derive(Debug, Clone)]
pub struct Contents {
    pub key: Key,
    pub id: String,
    /// "Contents".
    pub title: Word,
}

/// What the files say about themselves, and the words of their navigation.
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    pub language: LanguageTag,
    /// Subjects and keywords: the kinds of organisation.
    pub subjects: Vec<String>,
    /// A plain-text summary (the lead without markup).
    pub description: String,
    /// Who issues the publication: its author and publisher. `None` claims no author at all;
    /// the organisation a dossier is about is never its author.
    pub issuer: Option<Issuer>,
    /// The attribution line of licensed sources, plain.
    pub rights: Option<String>,
    /// What identifies this publication whatever its date (a stable book identifier).
    pub identity: String,
    /// The date of the data.
    pub updated: PartialDate,
    pub words: Words,
}

/// The issuer as the outputs name it.
#[derive(Debug, Clone)]
pub struct Issuer {
    pub name: String,
    pub url: Option<WebUrl>,
    pub contact: Option<String>,
    pub logo: Option<Figure>,
}

/// Fixed words the writers need outside the parts' blocks (navigation, cover, accessibility).
#[derive(Debug, Clone)]
pub struct Words {
    pub contents: Word,
    pub landmarks: Word,
    pub cover: Word,
    pub title_page: Word,
    /// The cover image's text alternative: what the cover prints.
    pub cover_alt: String,
    pub accessibility_summary: Word,
    /// The visible text of a link from a source back to where it is cited.
    pub back_link: String,
    /// Its accessible name ("Back to the text").
    pub back_link_label: Word,
}

/// One organisation's share of the publication.
#[derive(Debug, Clone)]
pub struct Part {
    /// Prefixes the ids made inside the part; empty when the publication has one part.
    pub id: String,
    /// Where the part starts, for the contents and the outline: set in a packet only.
    pub anchor: Option<String>,
    pub lang: LanguageTag,
    pub masthead: Masthead,
    pub blocks: Vec<Block>,
    pub footer: Footer,
}

/// The head of a part: the name as a wordmark, its kinds, logo and address.
#[derive(Debug, Clone)]
pub struct Masthead {
    pub key: Key,
    pub name: String,
    /// "News, investigations".
    pub kinds: String,
    pub logo: Option<Figure>,
    pub address: Option<Address>,
    /// "Data as of 24 November 2026".
    pub updated: Word,
}

/// The organisation's web address as printed, and the QR code that encodes it.
#[derive(Debug, Clone)]
pub struct Address {
    pub url: WebUrl,
    /// "kloop.kg": the address, or its host when the address is long.
    pub display: String,
    pub qr: Figure,
    /// A QR code of the site's own address (`https://host/`), for a sheet on which the whole
    /// address would make modules too small to print; `None` when the address is that already.
    pub origin_qr: Option<Figure>,
}

/// A picture with its text alternative.
#[derive(Debug, Clone)]
pub struct Figure {
    pub key: Key,
    pub alt: String,
    pub kind: FigureKind,
}

#[derive(Debug, Clone)]
pub enum FigureKind {
    Image(Image),
    /// A QR code of this address.
    QrCode(WebUrl),
    /// The timeline drawn as a graphic (its events are the block's).
    TimelineGraphic,
}

/// The running foot of every page of a part.
#[derive(Debug, Clone)]
pub struct Footer {
    /// The licence line, the date of the data and the issuer, as one line of text.
    pub text: String,
    /// The same in fewest words (the licence line as a count of sources, no issuer): what the
    /// footer prints when `text` would need more than two lines.
    pub fallback: String,
    /// "Page {n} of {m}", in pieces.
    pub page_label: Vec<PageLabelPiece>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PageLabelPiece {
    Text(String),
    /// This page's number.
    Page,
    /// The number of pages.
    Pages,
}

impl Footer {
    /// The page label for page `page` of `pages`.
    pub fn page_label(&self, page: usize, pages: usize) -> String {
        self.page_label
            .iter()
            .map(|piece| match piece {
                PageLabelPiece::Text(text) => text.clone(),
                PageLabelPiece::Page => page.to_string(),
                PageLabelPiece::Pages => pages.to_string(),
            })
            .collect()
    }
}

/// Identifies a block for the layout's tags: unique across the publication, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Key(pub u32);

#[derive(Debug, Clone)]
pub enum Block {
    /// The paragraph that introduces the organisation.
    Lead(Paragraph),
    Paragraph(Paragraph),
    Facts(Facts),
    Timeline(Timeline),
    Section(Section),
    Sources(Sources),
    /// Who prepared the publication, and how to reach them.
    Colophon(Paragraph),
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub key: Key,
    pub content: Vec<Inline>,
}

/// A section with a heading; subsections are sections among its blocks.
#[derive(Debug, Clone)]
pub struct Section {
    pub key: Key,
    /// Unique across the publication; links and the outline point here.
    pub id: String,
    /// 1 for a top-level section, 2 for a subsection.
    pub level: u8,
    /// Set when the section's language differs from its part's.
    pub lang: Option<LanguageTag>,
    /// The heading: the data's own words, or a fixed word (a packet's "Introduction").
    pub title: Word,
    pub blocks: Vec<Block>,
}

/// The key-facts table: a label cell and a value cell per row.
#[derive(Debug, Clone)]
pub struct Facts {
    pub key: Key,
    pub id: String,
    /// "Key facts".
    pub title: Word,
    /// The table's caption (the organisation's name).
    pub caption: String,
    pub rows: Vec<FactRow>,
}

#[derive(Debug, Clone)]
pub struct FactRow {
    pub label: Word,
    pub value: Vec<Inline>,
}

#[derive(Debug, Clone)]
pub struct Timeline {
    pub key: Key,
    pub id: String,
    /// "Timeline".
    pub title: Word,
    /// The graphic that shows the events on a time axis.
    pub graphic: Figure,
    /// In date order.
    pub events: Vec<Event>,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub key: Key,
    pub date: PartialDate,
    /// "June 2007".
    pub date_label: String,
    pub title: String,
    pub text: Vec<Inline>,
    /// The id of the section that tells the event, when one does.
    pub section: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Sources {
    pub key: Key,
    pub id: String,
    /// "Sources and licence".
    pub title: Word,
    pub entries: Vec<SourceEntry>,
    /// "Text: “Kloop”, Wikipedia (CC BY-SA 4.0)", when a source is licensed.
    pub attribution: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SourceEntry {
    pub key: Key,
    /// Citations link here.
    pub id: String,
    /// The number citations print ("1").
    pub number: String,
    /// What the list prints before the entry ("1.").
    pub marker: String,
    /// The source's web address, when it has one.
    pub url: Option<WebUrl>,
    pub lang: Option<LanguageTag>,
    /// The citation, its address and licence, with their links.
    pub content: Vec<Inline>,
    /// The ids of the places that cite this source, for links back.
    pub cited_at: Vec<String>,
}

/// Inline content (Pandoc's `Inline`).
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Link {
        target: Target,
        content: Vec<Inline>,
    },
    /// Numbered references to sources (`[@a; @b]`), printed with `separator` between them.
    Cite {
        citations: Vec<Citation>,
        separator: String,
    },
    /// Content in another language than its surroundings.
    Span {
        lang: LanguageTag,
        content: Vec<Inline>,
    },
    /// Text that must stay on one line (a name).
    NoBreak(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// This place in the text, for the link back from the source.
    pub id: String,
    /// The source's id.
    pub source: String,
    /// The source's number as printed ("1").
    pub number: String,
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Url(WebUrl),
    /// An id in this publication.
    Anchor(String),
}

impl Inline {
    /// Plain text of inline content, as a reader would say it aloud.
    pub fn plain(inlines: &[Inline]) -> String {
        let mut out = String::new();
        Inline::push_plain(inlines, &mut out);
        out
    }

    fn push_plain(inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text(text) | Inline::NoBreak(text) => out.push_str(text),
                Inline::Emph(content)
                | Inline::Strong(content)
                | Inline::Link { content, .. }
                | Inline::Span { content, .. } => Inline::push_plain(content, out),
                Inline::Cite { citations, separator } => {
                    let numbers: Vec<&str> = citations.iter().map(|c| c.number.as_str()).collect();
                    out.push_str(&numbers.join(separator));
                }
            }
        }
    }
}

impl Block {
    /// The sections among these blocks and theirs, depth first.
    pub fn sections(blocks: &[Block]) -> Vec<&Section> {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Section>) {
            for block in blocks {
                if let Block::Section(section) = block {
                    out.push(section);
                    walk(&section.blocks, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(blocks, &mut out);
        out
    }
}

impl Publication {
    /// Every character the outputs may print, for font subsets and coverage checks.
    pub fn all_text(&self) -> String {
        let mut text = String::new();
        let mut add = |s: &str| {
            text.push_str(s);
            text.push('\n');
        };
        let meta = &self.meta;
        for word in [meta.title.as_str(), &meta.words.contents, &meta.words.cover, &meta.words.title_page] {
            add(word);
        }
        add(&meta.words.back_link);
        if let Some(issuer) = &meta.issuer {
            add(&issuer.name);
            issuer.contact.iter().for_each(|c| add(c));
        }
        if let Some(front) = &self.front {
            for s in [front.title.as_str(), &front.updated, &front.members_title, &front.contents.title] {
                add(s);
            }
            front.subtitle.iter().chain(&front.issued_by).for_each(|s| add(s));
            for s in [&front.footer.text, &front.footer.fallback] {
                add(s);
            }
            add(&front.footer.page_label(0, 0));
            if let Some(introduction) = &front.introduction {
                collect_blocks(std::slice::from_ref(&Block::Section(introduction.clone())), &mut add);
            }
        }
        for part in &self.parts {
            let head = &part.masthead;
            for s in
                [head.name.as_str(), &head.kinds, &head.updated, &part.footer.text, &part.footer.fallback]
            {
                add(s);
            }
            add(&part.footer.page_label(0, 0));
            add("0123456789");
            if let Some(address) = &head.address {
                add(&address.display);
            }
            collect_blocks(&part.blocks, &mut add);
        }
        text
    }
}

impl Publication {
    /// The web addresses of the sources, each once, in order.
    pub fn source_addresses(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for part in &self.parts {
            for block in &part.blocks {
                let Block::Sources(sources) = block else { continue };
                for entry in &sources.entries {
                    if let Some(url) = entry.url.as_ref().filter(|url| seen.insert(url.as_str())) {
                        out.push(url.as_str());
                    }
                }
            }
        }
        out
    }

    /// How many levels the navigation nests: parts (in a packet), chapters, subsections.
    pub fn navigation_depth(&self) -> usize {
        let subsections = self.parts.iter().any(|part| {
            part.blocks
                .iter()
                .any(|block| matches!(block, Block::Section(s) if !Block::sections(&s.blocks).is_empty()))
        });
        1 + usize::from(self.front.is_some()) + usize::from(subsections)
    }

    /// Every language the publication is written in, its own first, each once: the parts',
    /// sections', sources' and spans' languages.
    pub fn languages(&self) -> Vec<LanguageTag> {
        fn sections(blocks: &[Block], out: &mut Vec<LanguageTag>) {
            for block in blocks {
                match block {
                    Block::Section(section) => {
                        out.extend(section.lang.clone());
                        sections(&section.blocks, out);
                    }
                    Block::Sources(sources) => {
                        out.extend(sources.entries.iter().filter_map(|e| e.lang.clone()))
                    }
                    _ => {}
                }
            }
        }
        fn spans(inlines: &[Inline], out: &mut Vec<LanguageTag>) {
            for inline in inlines {
                match inline {
                    Inline::Span { lang, content } => {
                        out.push(lang.clone());
                        spans(content, out);
                    }
                    Inline::Emph(content) | Inline::Strong(content) | Inline::Link { content, .. } => {
                        spans(content, out)
                    }
                    _ => {}
                }
            }
        }
        let mut all = vec![self.meta.language.clone()];
        for part in &self.parts {
            all.push(part.lang.clone());
            sections(&part.blocks, &mut all);
        }
        self.visit_inlines(&mut |inlines| spans(inlines, &mut all));
        let mut seen = std::collections::HashSet::new();
        all.retain(|language| seen.insert(language.as_str().to_ascii_lowercase()));
        all
    }
}

impl Publication {
    /// Calls `visit` with every piece of inline content of every part, in reading order.
    pub fn visit_inlines(&self, visit: &mut dyn FnMut(&[Inline])) {
        fn walk(blocks: &[Block], visit: &mut dyn FnMut(&[Inline])) {
            for block in blocks {
                match block {
                    Block::Lead(p) | Block::Paragraph(p) | Block::Colophon(p) => visit(&p.content),
                    Block::Facts(facts) => facts.rows.iter().for_each(|row| visit(&row.value)),
                    Block::Timeline(timeline) => timeline.events.iter().for_each(|e| visit(&e.text)),
                    Block::Section(section) => walk(&section.blocks, visit),
                    Block::Sources(sources) => sources.entries.iter().for_each(|e| visit(&e.content)),
                }
            }
        }
        if let Some(introduction) = self.front.as_ref().and_then(|front| front.introduction.as_ref()) {
            walk(&introduction.blocks, visit);
        }
        for part in &self.parts {
            walk(&part.blocks, visit);
        }
    }
}

fn collect_blocks(blocks: &[Block], add: &mut dyn FnMut(&str)) {
    for block in blocks {
        match block {
            Block::Lead(p) | Block::Paragraph(p) | Block::Colophon(p) => add(&Inline::plain(&p.content)),
            Block::Facts(facts) => {
                add(&facts.title);
                add(&facts.caption);
                for row in &facts.rows {
                    add(&row.label);
                    add(&Inline::plain(&row.value));
                }
            }
            Block::Timeline(timeline) => {
                add(&timeline.title);
                for event in &timeline.events {
                    add(&event.date_label);
                    add(&event.title);
                    add(&Inline::plain(&event.text));
                }
            }
            Block::Section(section) => {
                add(&section.title);
                collect_blocks(&section.blocks, add);
            }
            Block::Sources(sources) => {
                add(&sources.title);
                for entry in &sources.entries {
                    add(&entry.marker);
                    add(&Inline::plain(&entry.content));
                }
                sources.attribution.iter().for_each(|a| add(a));
            }
        }
    }
}
