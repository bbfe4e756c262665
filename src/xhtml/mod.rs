//! The document tree -> XHTML chapters for the EPUB. All escaping happens here, in one place;
//! every element in another language than its surroundings carries `lang` and `xml:lang`. The
//! words come from the tree: nothing here is worded.

mod packet;

use std::collections::HashMap;

pub use packet::{contents_page, packet_title_page};

use crate::doc::{Block, Facts, Inline, Part, Publication, Section, Sources, Target, Timeline, Word};
use crate::values::LanguageTag;

/// Escapes text for XHTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Builds one XHTML file; elements are opened and closed in order, text is always escaped.
pub struct Page {
    out: String,
    open: Vec<&'static str>,
}

impl Page {
    /// An XHTML 5 document with the book's language and stylesheet; a title that is a fallback
    /// word says its own language.
    pub fn new(title: &Word, language: &LanguageTag, body_type: &str) -> Self {
        let lang = escape(language.as_str());
        let mut out = String::with_capacity(8 * 1024);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
        out.push_str(&format!(
            "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">\n"
        ));
        out.push_str(&format!(
            "<head>\n<meta charset=\"utf-8\"/>\n<title{}>{}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"stylesheet.css\"/>\n</head>\n",
            title.lang.as_ref().map_or(String::new(), |lang| {
                let lang = escape(lang.as_str());
                format!(" lang=\"{lang}\" xml:lang=\"{lang}\"")
            }),
            escape(&title.text)
        ));
        out.push_str(&format!("<body epub:type=\"{}\">\n", escape(body_type)));
        Page { out, open: vec!["body", "html"] }
    }

    /// Opens `tag` with attributes (values escaped here).
    pub fn open(&mut self, tag: &'static str, attributes: &[(&str, &str)]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attributes {
            self.out.push_str(&format!(" {name}=\"{}\"", escape(value)));
        }
        self.out.push('>');
        self.open.insert(0, tag);
        self
    }

    pub fn close(&mut self) -> &mut Self {
        if !self.open.is_empty() {
            let tag = self.open.remove(0);
            self.out.push_str(&format!("</{tag}>"));
            if matches!(
                tag,
                "p" | "section"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "li"
                    | "tr"
                    | "dl"
                    | "ol"
                    | "ul"
                    | "table"
                    | "div"
                    | "nav"
            ) {
                self.out.push('\n');
            }
        }
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        self.out.push_str(&escape(text));
        self
    }

    /// `<tag attributes>text</tag>`.
    pub fn element(&mut self, tag: &'static str, attributes: &[(&str, &str)], text: &str) -> &mut Self {
        self.open(tag, attributes).text(text).close()
    }

    /// `<tag attributes>word</tag>`, with the word's language when it is a fallback's.
    pub fn word(&mut self, tag: &'static str, attributes: &[(&str, &str)], word: &Word) -> &mut Self {
        let lang = language_attributes(word.lang.as_ref());
        let all: Vec<(&str, &str)> = attributes.iter().copied().chain(lang.iter().copied()).collect();
        self.element(tag, &all, &word.text)
    }

    /// A link to `href` with a word, in the word's language when it is a fallback's.
    pub fn link_word(&mut self, href: &str, word: &Word) -> &mut Self {
        self.word("a", &[("href", href)], word)
    }

    /// A link to `href` with `text`.
    pub fn link(&mut self, href: &str, text: &str) -> &mut Self {
        self.element("a", &[("href", href)], text)
    }

    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out.push('\n');
        self.out
    }
}

impl Page {
    /// Inline content: emphasis, links, citations with ids to link back to, language spans.
    pub fn inlines(&mut self, inlines: &[Inline], book: &Chapters) -> &mut Self {
        for inline in inlines {
            match inline {
                Inline::Text(text) => {
                    self.text(text);
                }
                Inline::NoBreak(text) => {
                    self.text(&text.replace(' ', "\u{a0}"));
                }
                Inline::Emph(content) => {
                    self.open("em", &[]).inlines(content, book).close();
                }
                Inline::Strong(content) => {
                    self.open("strong", &[]).inlines(content, book).close();
                }
                Inline::Link { target, content } => {
                    let href = match target {
                        Target::Url(url) => url.as_str().to_string(),
                        Target::Anchor(id) => book.href(id),
                    };
                    self.open("a", &[("href", &href)]).inlines(content, book).close();
                }
                Inline::Span { lang, content } => {
                    let lang = lang.as_str();
                    self.open("span", &[("lang", lang), ("xml:lang", lang)]).inlines(content, book).close();
                }
                Inline::Cite { citations, separator } => {
                    self.open("sup", &[("class", "cite")]);
                    for (i, citation) in citations.iter().enumerate() {
                        if i > 0 {
                            self.text(separator);
                        }
                        let href = book.href(&citation.source);
                        let attributes =
                            [("id", citation.id.as_str()), ("href", &href), ("role", "doc-biblioref")];
                        self.element("a", &attributes, &citation.number);
                    }
                    self.close();
                }
            }
        }
        self
    }
}

/// `lang` and `xml:lang` for an element in another language than its surroundings.
fn language_attributes(language: Option<&LanguageTag>) -> Vec<(&'static str, &str)> {
    match language {
        Some(tag) => vec![("lang", tag.as_str()), ("xml:lang", tag.as_str())],
        None => Vec::new(),
    }
}

/// The book's files, and which file holds each id, so that links between chapters resolve.
pub struct Chapters {
    files: HashMap<String, String>,
}

/// Fixed file names of the chapters that are not sections. In a packet each member's own are
/// prefixed with its part's id (`p2_facts.xhtml`), see [`part_file`].
pub const COVER_FILE: &str = "cover.xhtml";
pub const TITLE_FILE: &str = "title.xhtml";
pub const FACTS_FILE: &str = "facts.xhtml";
pub const TIMELINE_FILE: &str = "timeline.xhtml";
pub const SOURCES_FILE: &str = "sources.xhtml";
/// A packet's contents and introduction.
pub const CONTENTS_FILE: &str = "contents.xhtml";
pub const INTRODUCTION_FILE: &str = "introduction.xhtml";
/// Where the issuer's logo is stored in the book.
pub const ISSUER_LOGO_FILE: &str = "images/issuer-logo.png";

/// The file of one of a part's fixed chapters: its name, prefixed by the part's id.
pub fn part_file(part: &Part, name: &str) -> String {
    format!("{}{name}", part.id)
}

/// Where a part's logo is stored in the book.
pub fn logo_file(part: &Part) -> String {
    format!("images/{}logo.png", part.id)
}

impl Chapters {
    /// Every id of the publication, with the chapter file it lands in.
    pub fn of(publication: &Publication) -> Chapters {
        let mut files = HashMap::new();
        if let Some(front) = &publication.front {
            files.insert(front.contents.id.clone(), CONTENTS_FILE.to_string());
            if let Some(introduction) = &front.introduction {
                files.insert(introduction.id.clone(), INTRODUCTION_FILE.to_string());
            }
        }
        for part in &publication.parts {
            if let Some(anchor) = &part.anchor {
                files.insert(anchor.clone(), part_file(part, TITLE_FILE));
            }
            for block in &part.blocks {
                let file = match block {
                    Block::Lead(_) => part_file(part, TITLE_FILE),
                    Block::Facts(_) => part_file(part, FACTS_FILE),
                    Block::Timeline(_) => part_file(part, TIMELINE_FILE),
                    Block::Sources(_) | Block::Colophon(_) => part_file(part, SOURCES_FILE),
                    Block::Section(section) => chapter_file(&section.id),
                    Block::Paragraph(_) => continue,
                };
                collect_ids(std::slice::from_ref(block), &mut |id| {
                    files.insert(id.to_string(), file.clone());
                });
            }
        }
        Chapters { files }
    }

    /// `file.xhtml#id` of an id anywhere in the book.
    pub fn href(&self, id: &str) -> String {
        match self.files.get(id) {
            Some(file) => format!("{file}#{id}"),
            None => format!("#{id}"),
        }
    }
}

/// Every id a block and its content define: sections, sources, citations.
fn collect_ids(blocks: &[Block], found: &mut dyn FnMut(&str)) {
    fn inline_ids(inlines: &[Inline], found: &mut dyn FnMut(&str)) {
        for inline in inlines {
            match inline {
                Inline::Cite { citations, .. } => citations.iter().for_each(|c| found(&c.id)),
                Inline::Emph(content)
                | Inline::Strong(content)
                | Inline::Link { content, .. }
                | Inline::Span { content, .. } => inline_ids(content, found),
                Inline::Text(_) | Inline::NoBreak(_) => {}
            }
        }
    }
    for block in blocks {
        match block {
            Block::Lead(p) | Block::Paragraph(p) | Block::Colophon(p) => inline_ids(&p.content, found),
            Block::Facts(facts) => {
                found(&facts.id);
                facts.rows.iter().for_each(|row| inline_ids(&row.value, found));
            }
            Block::Timeline(timeline) => {
                found(&timeline.id);
                timeline.events.iter().for_each(|event| inline_ids(&event.text, found));
            }
            Block::Section(section) => {
                found(&section.id);
                collect_ids(&section.blocks, found);
            }
            Block::Sources(sources) => {
                found(&sources.id);
                for entry in &sources.entries {
                    found(&entry.id);
                    inline_ids(&entry.content, found);
                }
            }
        }
    }
}

/// The cover page: the generated cover image with a text alternative.
pub fn cover_page(publication: &Publication, image: &str) -> String {
    let meta = &publication.meta;
    let mut page = Page::new(&meta.words.cover, &meta.language, "cover");
    page.open("section", &[("class", "cover"), ("aria-label", &meta.words.cover)]);
    page.open("img", &[("src", image), ("alt", &meta.words.cover_alt)]).close();
    page.close();
    page.finish()
}

/// The title page: logo, name, kinds, lead, the date of the data, the issuer.
pub fn title_page(publication: &Publication, part: &Part, book: &Chapters) -> String {
    let meta = &publication.meta;
    let head = &part.masthead;
    let mut page = Page::new(&Word::own(head.name.as_str()), &part.lang, "titlepage");
    let mut attributes = vec![("class", "title-page"), ("aria-label", head.name.as_str())];
    if let Some(anchor) = &part.anchor {
        attributes.push(("id", anchor));
    } else {
        attributes[1].1 = &meta.words.title_page;
    }
    page.open("section", &attributes);
    if let Some(logo) = &head.logo {
        page.open("p", &[("class", "logo")]);
        page.open("img", &[("src", &logo_file(part)), ("alt", &logo.alt)]).close();
        page.close();
    }
    page.element("h1", &[("class", "wordmark")], &head.name);
    if !head.kinds.is_empty() {
        page.element("p", &[("class", "kinds")], &head.kinds);
    }
    for block in &part.blocks {
        if let Block::Lead(lead) = block {
            page.open("p", &[("class", "lead")]).inlines(&lead.content, book).close();
        }
    }
    page.word("p", &[("class", "as-of")], &head.updated);
    // Who prepared this organisation's file. In a packet the packet's issuer has its own title
    // page, and each member shows only its own colophon (its issuer's logo is not in the book).
    let logo = if part.anchor.is_none() { meta.issuer.as_ref().and_then(|i| i.logo.as_ref()) } else { None };
    let colophons: Vec<&crate::doc::Paragraph> = part
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Colophon(colophon) => Some(colophon),
            _ => None,
        })
        .collect();
    if logo.is_some() || !colophons.is_empty() {
        page.open("div", &[("class", "issuer")]);
        if let Some(logo) = logo {
            page.open("p", &[("class", "logo")]);
            page.open("img", &[("src", ISSUER_LOGO_FILE), ("alt", &logo.alt)]).close();
            page.close();
        }
        for colophon in colophons {
            page.open("p", &[("class", "colophon")]).inlines(&colophon.content, book).close();
        }
        page.close();
    }
    page.close();
    page.finish()
}

/// The key facts as a real table: caption, a header cell per row.
pub fn facts_chapter(part: &Part, facts: &Facts, book: &Chapters) -> String {
    let mut page = Page::new(&facts.title, &part.lang, "bodymatter");
    page.open("section", &[("id", &facts.id), ("aria-labelledby", "facts_title")]);
    page.word("h1", &[("id", "facts_title")], &facts.title);
    page.open("table", &[("class", "facts")]);
    page.element("caption", &[], &facts.caption);
    page.open("tbody", &[]);
    for row in &facts.rows {
        page.open("tr", &[]);
        page.word("th", &[("scope", "row")], &row.label);
        page.open("td", &[]).inlines(&row.value, book).close();
        page.close();
    }
    page.close().close().close();
    page.finish()
}

/// One chapter: a top-level section with its subsections as nested headings, in `language`
/// (its part's, or the packet's for an introduction).
pub fn section_chapter(language: &LanguageTag, section: &Section, book: &Chapters) -> String {
    let mut page = Page::new(&section.title, language, "bodymatter");
    write_section(&mut page, section, book);
    page.finish()
}

fn write_section(page: &mut Page, section: &Section, book: &Chapters) {
    let heading = if section.level == 1 { "h1" } else { "h2" };
    let mut attributes = vec![("id", section.id.as_str())];
    // A top-level section is a chapter of the book; its subsections are its parts.
    if section.level == 1 {
        attributes.extend([("epub:type", "chapter"), ("role", "doc-chapter")]);
    }
    attributes.extend(language_attributes(section.lang.as_ref()));
    page.open("section", &attributes);
    page.word(heading, &[], &section.title);
    for block in &section.blocks {
        match block {
            Block::Paragraph(paragraph) => {
                page.open("p", &[]).inlines(&paragraph.content, book).close();
            }
            Block::Section(sub) => write_section(page, sub, book),
            _ => {}
        }
    }
    page.close();
}

/// The file a top-level section's chapter is written to.
pub fn chapter_file(section_id: &str) -> String {
    format!("section-{section_id}.xhtml")
}

/// The timeline as an ordered list, each event linked to the section that tells it.
pub fn timeline_chapter(part: &Part, timeline: &Timeline, book: &Chapters) -> String {
    let mut page = Page::new(&timeline.title, &part.lang, "bodymatter");
    page.open("section", &[("id", &timeline.id), ("aria-labelledby", "timeline_title")]);
    page.word("h1", &[("id", "timeline_title")], &timeline.title);
    page.open("ol", &[("class", "timeline")]);
    // Date, title and text each in its own block: read aloud, they are three phrases, not one.
    for event in &timeline.events {
        page.open("li", &[]);
        page.open("p", &[("class", "date")]);
        page.element("time", &[("datetime", &event.date.to_string())], &event.date_label);
        page.close();
        page.open("p", &[("class", "event")]);
        match &event.section {
            Some(section) => {
                page.open("a", &[("href", &book.href(section))]);
                page.element("strong", &[], &event.title);
                page.close();
            }
            None => {
                page.element("strong", &[], &event.title);
            }
        }
        page.close();
        page.open("p", &[]).inlines(&event.text, book).close();
        page.close();
    }
    page.close().close();
    page.finish()
}

/// The numbered sources with their addresses and licences, links back to where each is cited,
/// the attribution line and the colophon.
pub fn sources_chapter(publication: &Publication, part: &Part, sources: &Sources, book: &Chapters) -> String {
    let words = &publication.meta.words;
    let mut page = Page::new(&sources.title, &part.lang, "backmatter");
    page.open(
        "section",
        &[
            ("id", &sources.id),
            ("epub:type", "bibliography"),
            ("role", "doc-bibliography"),
            ("aria-labelledby", "sources_title"),
        ],
    );
    page.word("h1", &[("id", "sources_title")], &sources.title);
    page.open("ol", &[("class", "sources")]);
    for entry in &sources.entries {
        let mut attributes = vec![("id", entry.id.as_str())];
        attributes.extend(language_attributes(entry.lang.as_ref()));
        page.open("li", &attributes);
        page.inlines(&entry.content, book);
        for place in &entry.cited_at {
            page.text(" ");
            let href = book.href(place);
            let attributes =
                [("href", href.as_str()), ("role", "doc-backlink"), ("aria-label", &words.back_link_label)];
            page.element("a", &attributes, &words.back_link);
        }
        page.close();
    }
    page.close();
    if let Some(attribution) = &sources.attribution {
        page.element("p", &[("class", "attribution")], attribution);
    }
    for block in &part.blocks {
        if let Block::Colophon(colophon) = block {
            page.open("p", &[("class", "colophon")]).inlines(&colophon.content, book).close();
        }
    }
    page.word("p", &[("class", "as-of")], &part.masthead.updated);
    page.close();
    page.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(escape("<script>&\"x\"]]>'"), "&lt;script&gt;&amp;&quot;x&quot;]]&gt;&#39;");
    }

    #[test]
    fn pages_close_everything_they_open() {
        let lang: LanguageTag = "en".parse().unwrap();
        let mut page = Page::new(&Word::own("T"), &lang, "bodymatter");
        page.open("section", &[]).open("p", &[]).text("a < b");
        let xhtml = page.finish();
        assert!(xhtml.ends_with("</p>\n</section>\n</body></html>\n"), "{xhtml}");
        assert!(xhtml.contains("a &lt; b"));
    }
}
