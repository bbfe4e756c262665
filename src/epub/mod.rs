//! Document -> EPUB 3 (with an EPUB 2 NCX) through epub-builder: a cover, a title page, the key
//! facts, one chapter per top-level section, the timeline and the sources. Chapters come from
//! `xhtml`; `package` mends what epub-builder's templates leave out for accessibility.

mod package;
mod webfont;

use std::collections::BTreeSet;

use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, ReferenceType, TocElement, ZipLibrary,
};

use crate::doc::{Block, FigureKind, Front, Inline, Part, Publication};
use crate::error::{Error, Result};
use crate::fonts::FontStyle;
use crate::xhtml::{self, escape, Chapters};

/// What the EPUB writer needs besides the document.
#[derive(Debug, Clone)]
pub struct EpubOptions {
    /// `dcterms:modified`, seconds since 1970 (SOURCE_DATE_EPOCH or the data's date).
    pub timestamp: i64,
    pub generator: String,
}

fn epub_error(error: epub_builder::Error) -> Error {
    Error::Epub(error.to_string())
}

/// Writes the publication as EPUB bytes.
pub fn write_epub(publication: &Publication, options: &EpubOptions) -> Result<Vec<u8>> {
    let mut builder = EpubBuilder::new(ZipLibrary::new().map_err(epub_error)?).map_err(epub_error)?;
    builder.epub_version(EpubVersion::V30);
    metadata(&mut builder, publication, options)?;
    let faces = embed_fonts(&mut builder, publication)?;
    builder.stylesheet(stylesheet(&faces).as_bytes()).map_err(epub_error)?;
    cover(&mut builder, publication)?;
    let issuer_logo = publication.meta.issuer.as_ref().and_then(|i| i.logo.as_ref()).map(|f| &f.kind);
    if let Some(FigureKind::Image(image)) = issuer_logo {
        let file = xhtml::ISSUER_LOGO_FILE;
        builder.add_resource(file, image.png.as_slice(), "image/png").map_err(epub_error)?;
    }
    let book = Chapters::of(publication);
    if let Some(front) = &publication.front {
        front_matter(&mut builder, publication, front, &book)?;
    }
    for part in &publication.parts {
        chapters(&mut builder, publication, part, &book)?;
    }
    let mut bytes = Vec::new();
    builder.generate(&mut bytes).map_err(epub_error)?;
    package::mend(&bytes, publication)
}

fn metadata(
    builder: &mut EpubBuilder<ZipLibrary>,
    publication: &Publication,
    options: &EpubOptions,
) -> Result<()> {
    let meta = &publication.meta;
    builder.set_title(&meta.title);
    builder.set_lang(meta.language.as_str());
    builder.set_generator(&options.generator);
    builder.set_toc_name(meta.words.contents.as_str());
    // epub-builder escapes these itself (escape_html is on by default).
    builder.add_description(&meta.description);
    for subject in &meta.subjects {
        builder.add_subject(subject);
    }
    // The issuer is the author and publisher; without one, nobody is claimed. The organisation
    // a dossier is about is never named as its author: that could endanger whoever carries it.
    if let Some(issuer) = &meta.issuer {
        builder.add_author(&issuer.name);
        meta_property(builder, "dcterms:publisher", &issuer.name);
    }
    if let Some(rights) = &meta.rights {
        builder.set_license(rights);
    }
    let modified = chrono::DateTime::from_timestamp(options.timestamp, 0)
        .ok_or_else(|| Error::Epub(format!("timestamp {} is out of range", options.timestamp)))?;
    builder.set_modified_date(modified);
    builder.set_uuid(identifier(publication));
    accessibility(builder, publication);
    Ok(())
}

/// An EPUB 3 `<meta property>`; MetadataOpfV3 writes its value unescaped, so escape it here.
fn meta_property(builder: &mut EpubBuilder<ZipLibrary>, property: &str, value: &str) {
    builder.add_metadata_opf(Box::new(MetadataOpfV3::new(property.to_string(), escape(value))));
}

/// EPUB Accessibility 1.1 metadata, true to what this book is: text with one image (the cover,
/// which has a text alternative), a navigable table of contents and landmarks, a logical reading
/// order, no hazards, and fonts and colours the reader can change.
fn accessibility(builder: &mut EpubBuilder<ZipLibrary>, publication: &Publication) {
    for mode in ["textual", "visual"] {
        meta_property(builder, "schema:accessMode", mode);
    }
    // The text alone is enough (the cover has a text alternative), and so are text and pictures.
    meta_property(builder, "schema:accessModeSufficient", "textual");
    meta_property(builder, "schema:accessModeSufficient", "textual,visual");
    let features = [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "alternativeText",
        "displayTransformability",
    ];
    for feature in features {
        meta_property(builder, "schema:accessibilityFeature", feature);
    }
    meta_property(builder, "schema:accessibilityHazard", "none");
    meta_property(builder, "schema:accessibilitySummary", &publication.meta.words.accessibility_summary);
    meta_property(builder, "dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
    // Who judged the conformance: the program that made the book, by its own tests (EPUBCheck,
    // Ace by DAISY); no third party has.
    meta_property(builder, "a11y:certifiedBy", "dossier (self-assessed with EPUBCheck and Ace by DAISY)");
}

/// The cover image, drawn from the data, and a cover page that shows it with its text alternative.
fn cover(builder: &mut EpubBuilder<ZipLibrary>, publication: &Publication) -> Result<()> {
    let png = crate::cover::cover_png(publication)?;
    builder.add_cover_image("images/cover.png", png.as_slice(), "image/png").map_err(epub_error)?;
    let page = xhtml::cover_page(publication, "images/cover.png");
    let content = EpubContent::new(xhtml::COVER_FILE, page.as_bytes())
        .title(publication.meta.words.cover.as_str())
        .reftype(ReferenceType::Cover);
    add(builder, content)
}

/// A stable identifier derived from what the book is (name, language, address), never random.
pub fn identifier(publication: &Publication) -> uuid::Uuid {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, publication.meta.identity.as_bytes())
}

fn add(builder: &mut EpubBuilder<ZipLibrary>, content: EpubContent<&[u8]>) -> Result<()> {
    builder.add_content(content).map(|_| ()).map_err(epub_error)
}

/// A packet's title page, contents and introduction, before its members.
fn front_matter(
    builder: &mut EpubBuilder<ZipLibrary>,
    publication: &Publication,
    front: &Front,
    book: &Chapters,
) -> Result<()> {
    let title = xhtml::packet_title_page(publication, front, book);
    let content = EpubContent::new(xhtml::TITLE_FILE, title.as_bytes())
        .title(front.title.as_str())
        .reftype(ReferenceType::TitlePage);
    add(builder, content)?;
    let contents = xhtml::contents_page(publication, front, book);
    let content = EpubContent::new(xhtml::CONTENTS_FILE, contents.as_bytes())
        .title(front.contents.title.as_str())
        .reftype(ReferenceType::Toc);
    add(builder, content)?;
    if let Some(introduction) = &front.introduction {
        let page = xhtml::section_chapter(&publication.meta.language, introduction, book);
        let content = EpubContent::new(xhtml::INTRODUCTION_FILE, page.as_bytes())
            .title(introduction.title.as_str())
            .reftype(ReferenceType::Preface);
        add(builder, content)?;
    }
    Ok(())
}

/// A part's title page and chapters. In a packet the title page heads the part in the
/// contents and the chapters nest under it.
fn chapters(
    builder: &mut EpubBuilder<ZipLibrary>,
    publication: &Publication,
    part: &Part,
    book: &Chapters,
) -> Result<()> {
    if let Some(FigureKind::Image(image)) = part.masthead.logo.as_ref().map(|f| &f.kind) {
        let file = xhtml::logo_file(part);
        builder.add_resource(file.as_str(), image.png.as_slice(), "image/png").map_err(epub_error)?;
    }
    let in_packet = publication.front.is_some();
    let level = if in_packet { 2 } else { 1 };
    let title = xhtml::title_page(publication, part, book);
    let title_file = xhtml::part_file(part, xhtml::TITLE_FILE);
    let mut title_content =
        EpubContent::new(title_file.as_str(), title.as_bytes()).title(part.masthead.name.as_str());
    if !in_packet {
        // The packet's own title page is the book's; a member's is where its part starts.
        title_content = title_content.reftype(ReferenceType::TitlePage);
    }
    add(builder, title_content)?;
    for block in &part.blocks {
        let (file, page, title) = match block {
            Block::Facts(facts) => (
                xhtml::part_file(part, xhtml::FACTS_FILE),
                xhtml::facts_chapter(part, facts, book),
                &facts.title,
            ),
            Block::Section(section) => (
                xhtml::chapter_file(&section.id),
                // A chapter in another language says so on its <html> too.
                xhtml::section_chapter(section.lang.as_ref().unwrap_or(&part.lang), section, book),
                &section.title,
            ),
            Block::Timeline(timeline) if !timeline.events.is_empty() => (
                xhtml::part_file(part, xhtml::TIMELINE_FILE),
                xhtml::timeline_chapter(part, timeline, book),
                &timeline.title,
            ),
            Block::Sources(sources) => (
                xhtml::part_file(part, xhtml::SOURCES_FILE),
                xhtml::sources_chapter(publication, part, sources, book),
                &sources.title,
            ),
            _ => continue,
        };
        let mut content = EpubContent::new(file.as_str(), page.as_bytes()).title(title.as_str()).level(level);
        match block {
            Block::Section(section) => {
                for sub in Block::sections(&section.blocks) {
                    content =
                        content.child(TocElement::new(format!("{file}#{}", sub.id), sub.title.as_str()));
                }
            }
            // The first part's facts and sources are the book's landmarks (a packet's too).
            Block::Facts(_) if is_first(publication, part) => content = content.reftype(ReferenceType::Text),
            Block::Sources(_) if is_first(publication, part) => {
                content = content.reftype(ReferenceType::Bibliography)
            }
            _ => {}
        }
        add(builder, content)?;
    }
    Ok(())
}

fn is_first(publication: &Publication, part: &Part) -> bool {
    publication.parts.first().is_some_and(|first| std::ptr::eq(first, part))
}

/// Embeds the subset of each face that the book's text needs, so that Kyrgyz and Uzbek
/// letters render on readers whose own fonts lack them. Regular and bold carry every character
/// of the book; the italic faces only what is emphasised.
fn embed_fonts(builder: &mut EpubBuilder<ZipLibrary>, publication: &Publication) -> Result<Vec<FontStyle>> {
    let text = publication.all_text();
    let emphasised = emphasised_text(publication);
    let mut embedded = Vec::new();
    for style in FontStyle::ALL {
        let text = match style {
            FontStyle::Regular | FontStyle::Bold => text.as_str(),
            FontStyle::Italic | FontStyle::BoldItalic => emphasised.as_str(),
        };
        if text.trim().is_empty() {
            continue;
        }
        embedded.push(style);
        // The hyphens a reader adds where the stylesheet lets it hyphenate are in no text.
        let characters: BTreeSet<char> = text.chars().chain(['-', '\u{2010}']).collect();
        let subset = webfont::subset(style.bytes(), &characters)
            .map_err(|e| Error::Font(format!("{}: {e}", style.postscript_name())))?;
        let path = format!("fonts/{}.ttf", style.postscript_name());
        builder.add_resource(path.as_str(), subset.as_slice(), "font/ttf").map_err(epub_error)?;
    }
    Ok(embedded)
}

/// The text inside emphasis anywhere in the book (with or without strong inside it).
fn emphasised_text(publication: &Publication) -> String {
    fn walk(inlines: &[Inline], inside: bool, out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text(text) | Inline::NoBreak(text) if inside => out.push_str(text),
                Inline::Emph(content) => walk(content, true, out),
                Inline::Strong(content) | Inline::Link { content, .. } | Inline::Span { content, .. } => {
                    walk(content, inside, out)
                }
                Inline::Cite { citations, separator } if inside => {
                    out.push_str(separator);
                    citations.iter().for_each(|c| out.push_str(&c.number));
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    publication.visit_inlines(&mut |inlines| walk(inlines, false, &mut out));
    out
}

/// Relative units only, so that the reader's own font size and night mode win.
fn stylesheet(faces: &[FontStyle]) -> String {
    let mut css = String::new();
    for style in faces {
        let (weight, font_style) = style.css();
        css.push_str(&format!(
            "@font-face {{ font-family: \"Noto Sans Dossier\"; font-weight: {weight}; font-style: {font_style}; src: url(\"fonts/{}.ttf\"); }}\n",
            style.postscript_name()
        ));
    }
    css.push_str(include_str!("epub.css"));
    css
}
