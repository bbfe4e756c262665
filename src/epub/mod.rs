//! Document -> EPUB 3 (with an EPUB 2 NCX) through epub-builder: a cover, a title page, the key
//! facts, one chapter per top-level section, the timeline and the sources. Chapters come from
//! `xhtml`; `package` mends what epub-builder's templates leave out for accessibility.

mod package;

use std::collections::BTreeSet;

use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, ReferenceType, TocElement, ZipLibrary,
};

use crate::compose::Document;
use crate::error::{Error, Result};
use crate::fonts::{self, FontStyle};
use crate::xhtml::{self, escape};

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

/// Writes the dossier as EPUB bytes.
pub fn write_epub(doc: &Document, options: &EpubOptions) -> Result<Vec<u8>> {
    let mut builder = EpubBuilder::new(ZipLibrary::new().map_err(epub_error)?).map_err(epub_error)?;
    builder.epub_version(EpubVersion::V30);
    metadata(&mut builder, doc, options)?;
    builder.stylesheet(stylesheet().as_bytes()).map_err(epub_error)?;
    embed_fonts(&mut builder, doc)?;
    cover(&mut builder, doc)?;
    chapters(&mut builder, doc)?;
    let mut bytes = Vec::new();
    builder.generate(&mut bytes).map_err(epub_error)?;
    package::mend(&bytes, doc)
}

fn metadata(builder: &mut EpubBuilder<ZipLibrary>, doc: &Document, options: &EpubOptions) -> Result<()> {
    builder.set_title(&doc.name);
    builder.set_lang(doc.language.as_str());
    builder.set_generator(&options.generator);
    builder.set_toc_name(doc.labels.contents);
    // epub-builder escapes these itself (escape_html is on by default).
    builder.add_description(&doc.lead);
    for subject in doc.kinds.split(", ").filter(|s| !s.is_empty()) {
        builder.add_subject(subject);
    }
    builder.add_author(&doc.name);
    if !doc.attribution.is_empty() {
        builder.set_license(&doc.attribution);
    }
    let modified = chrono::DateTime::from_timestamp(options.timestamp, 0)
        .ok_or_else(|| Error::Epub(format!("timestamp {} is out of range", options.timestamp)))?;
    builder.set_modified_date(modified);
    builder.set_uuid(identifier(doc));
    meta(builder, "dcterms:publisher", &doc.name);
    accessibility(builder, doc);
    Ok(())
}

/// An EPUB 3 `<meta property>`; MetadataOpfV3 writes its value unescaped, so escape it here.
fn meta(builder: &mut EpubBuilder<ZipLibrary>, property: &str, value: &str) {
    builder.add_metadata_opf(Box::new(MetadataOpfV3::new(property.to_string(), escape(value))));
}

/// EPUB Accessibility 1.1 metadata, true to what this book is: text with one image (the cover,
/// which has a text alternative), a navigable table of contents and landmarks, a logical reading
/// order, no hazards, and fonts and colours the reader can change.
fn accessibility(builder: &mut EpubBuilder<ZipLibrary>, doc: &Document) {
    for mode in ["textual", "visual"] {
        meta(builder, "schema:accessMode", mode);
    }
    meta(builder, "schema:accessModeSufficient", "textual");
    let features = [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "alternativeText",
        "displayTransformability",
    ];
    for feature in features {
        meta(builder, "schema:accessibilityFeature", feature);
    }
    meta(builder, "schema:accessibilityHazard", "none");
    meta(builder, "schema:accessibilitySummary", doc.labels.accessibility_summary);
    meta(builder, "dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
}

/// The cover image, drawn from the data, and a cover page that shows it with its text alternative.
fn cover(builder: &mut EpubBuilder<ZipLibrary>, doc: &Document) -> Result<()> {
    let png = crate::cover::cover_png(doc)?;
    builder.add_cover_image("images/cover.png", png.as_slice(), "image/png").map_err(epub_error)?;
    let page = xhtml::cover_page(doc, "images/cover.png");
    let content = EpubContent::new("cover.xhtml", page.as_bytes())
        .title(doc.labels.cover)
        .reftype(ReferenceType::Cover);
    add(builder, content)
}

/// A stable identifier derived from what the book is (name, language, address), never random.
pub fn identifier(doc: &Document) -> uuid::Uuid {
    let key =
        format!("dossier:{}:{}:{}", doc.name, doc.language, doc.url.as_ref().map_or("", |u| u.as_str()));
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, key.as_bytes())
}

fn add(builder: &mut EpubBuilder<ZipLibrary>, content: EpubContent<&[u8]>) -> Result<()> {
    builder.add_content(content).map(|_| ()).map_err(epub_error)
}

fn chapters(builder: &mut EpubBuilder<ZipLibrary>, doc: &Document) -> Result<()> {
    if let Some(logo) = &doc.logo {
        builder.add_resource(xhtml::LOGO_FILE, logo.image.png.as_slice(), "image/png").map_err(epub_error)?;
    }
    let title = xhtml::title_page(doc);
    add(
        builder,
        EpubContent::new("title.xhtml", title.as_bytes())
            .title(doc.name.as_str())
            .reftype(ReferenceType::TitlePage),
    )?;
    let facts = xhtml::facts_chapter(doc);
    add(
        builder,
        EpubContent::new("facts.xhtml", facts.as_bytes())
            .title(doc.labels.key_facts)
            .reftype(ReferenceType::Text),
    )?;
    for section in &doc.sections {
        let file = xhtml::chapter_file(&section.id);
        let chapter = xhtml::section_chapter(doc, section);
        let mut content = EpubContent::new(file.as_str(), chapter.as_bytes()).title(section.title.as_str());
        for sub in &section.subsections {
            content = content.child(TocElement::new(format!("{file}#{}", sub.id), sub.title.as_str()));
        }
        add(builder, content)?;
    }
    if !doc.timeline.is_empty() {
        let timeline = xhtml::timeline_chapter(doc);
        add(builder, EpubContent::new("timeline.xhtml", timeline.as_bytes()).title(doc.labels.timeline))?;
    }
    let sources = xhtml::sources_chapter(doc);
    add(
        builder,
        EpubContent::new("sources.xhtml", sources.as_bytes())
            .title(doc.labels.sources)
            .reftype(ReferenceType::Bibliography),
    )
}

/// Embeds the subset of each face that the book's text needs, so that Kyrgyz and Uzbek
/// letters render on readers whose own fonts lack them.
fn embed_fonts(builder: &mut EpubBuilder<ZipLibrary>, doc: &Document) -> Result<()> {
    let text = doc.all_text();
    for style in [FontStyle::Regular, FontStyle::Bold] {
        let glyphs: BTreeSet<u16> = fonts::glyphs_for_text(style, &text)?;
        let subset = fonts::subset(style, &glyphs)?;
        let path = format!("fonts/{}.ttf", style.postscript_name());
        builder.add_resource(path.as_str(), subset.bytes.as_slice(), "font/ttf").map_err(epub_error)?;
    }
    Ok(())
}

/// Relative units only, so that the reader's own font size and night mode win.
fn stylesheet() -> String {
    let mut css = String::new();
    for style in [FontStyle::Regular, FontStyle::Bold] {
        let (weight, font_style) = style.css();
        css.push_str(&format!(
            "@font-face {{ font-family: \"Noto Sans Dossier\"; font-weight: {weight}; font-style: {font_style}; src: url(\"fonts/{}.ttf\"); }}\n",
            style.postscript_name()
        ));
    }
    css.push_str(include_str!("epub.css"));
    css
}
