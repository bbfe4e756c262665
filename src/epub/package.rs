//! Mends what epub-builder 0.8.2's fixed templates leave out, which Ace by DAISY requires: the
//! package's `xml:lang`, the navigation document's language, and ARIA names and roles on its
//! `<nav>` elements. The zip is written again with the same entries in the same order, the
//! `mimetype` first and stored, and fixed dates, so the bytes stay reproducible.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::doc::{Block, Publication};
use crate::error::{Error, Result};
use crate::values::LanguageTag;
use crate::xhtml::escape;

fn zip_error(error: impl std::fmt::Display) -> Error {
    Error::Epub(format!("repackaging: {error}"))
}

/// Replaces `from` by `to` in `text`, failing loudly when epub-builder's output has changed.
fn patch(text: &str, from: &str, to: &str, file: &str) -> Result<String> {
    if !text.contains(from) {
        return Err(Error::Epub(format!("{file} no longer contains `{from}`: update src/epub/package.rs")));
    }
    Ok(text.replacen(from, to, 1))
}

fn mend_opf(opf: &str, doc: &Publication) -> Result<String> {
    let lang = escape(doc.meta.language.as_str());
    let opf = patch(
        opf,
        "<package version=\"3.0\" ",
        &format!("<package version=\"3.0\" xml:lang=\"{lang}\" "),
        "content.opf",
    )?;
    // Every language the book is written in, the book's own first.
    let mut others = String::new();
    for language in doc.languages().iter().skip(1) {
        others.push_str(&format!("\n    <dc:language>{}</dc:language>", escape(language.as_str())));
    }
    // The date of the data, and the addresses the text comes from.
    let date = format!("\n    <dc:date>{}</dc:date>", escape(&doc.meta.updated.to_string()));
    let mut sources = String::new();
    for url in doc.source_addresses() {
        sources.push_str(&format!("\n    <dc:source>{}</dc:source>", escape(url)));
    }
    let main = format!("<dc:language>{lang}</dc:language>");
    patch(&opf, &main, &format!("{main}{others}{date}{sources}"), "content.opf")
}

/// The NCX (for EPUB 2 readers): the book's identifier, its real depth and its title.
fn mend_ncx(ncx: &str, doc: &Publication) -> Result<String> {
    let uid = format!("urn:uuid:{}", super::identifier(doc));
    let depth = doc.navigation_depth();
    let head = "<meta name=\"dtb:depth\" content=\"1\" />";
    let ncx = patch(
        ncx,
        head,
        &format!("<meta name=\"dtb:uid\" content=\"{uid}\" />\n    <meta name=\"dtb:depth\" content=\"{depth}\" />"),
        "toc.ncx",
    )?;
    let title = format!("<docTitle>\n    <text>{}</text>", escape(&doc.meta.title));
    let contents = format!("<docTitle>\n    <text>{}</text>", escape(&doc.meta.words.contents));
    patch(&ncx, &contents, &title, "toc.ncx")
}

fn mend_nav(nav: &str, doc: &Publication) -> Result<String> {
    let lang = escape(doc.meta.language.as_str());
    let html = "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">";
    let nav =
        patch(nav, html, &html.replace('>', &format!(" lang=\"{lang}\" xml:lang=\"{lang}\">")), "nav.xhtml")?;
    let toc = "<nav epub:type = \"toc\" id=\"toc\">";
    let nav = patch(
        &nav,
        toc,
        "<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\" aria-labelledby=\"toc-title\">",
        "nav.xhtml",
    )?;
    let landmarks = format!(
        "<nav epub:type=\"landmarks\" aria-label=\"{}\" hidden=\"hidden\">",
        escape(&doc.meta.words.landmarks)
    );
    let nav = patch(&nav, "<nav epub:type = \"landmarks\">", &landmarks, "nav.xhtml")?;
    // The navigation's own fixed words, when they are a fallback's.
    let words = &doc.meta.words;
    let mut nav = nav;
    if let Some(lang) = words.contents.lang.as_ref() {
        let lang = escape(lang.as_str());
        nav = nav.replacen(
            "<h1 id=\"toc-title\">",
            &format!("<h1 id=\"toc-title\" lang=\"{lang}\" xml:lang=\"{lang}\">"),
            1,
        );
    }
    if let Some(lang) = words.cover.lang.as_ref() {
        let lang = escape(lang.as_str());
        let marked = format!("<a lang=\"{lang}\" xml:lang=\"{lang}\" ");
        for start in ["<a href=\"cover.xhtml\"", "<a epub:type=\"cover\" href=\"cover.xhtml\""] {
            nav = nav.replace(start, &start.replacen("<a ", &marked, 1));
        }
    }
    Ok(mark_languages(nav, doc))
}

/// Navigation entries of chapters and subsections in another language than the book's carry
/// their language: a packet's member in another language (its files are named after its part's
/// id: `p3_facts.xhtml`, `section-p3_history.xhtml`) and sections written in another language.
fn mark_languages(mut nav: String, doc: &Publication) -> String {
    let book = &doc.meta.language;
    let mark = |nav: &mut String, start: &str, lang: &LanguageTag| {
        let lang = escape(lang.as_str());
        let marked = start.replacen("<a ", &format!("<a lang=\"{lang}\" xml:lang=\"{lang}\" "), 1);
        *nav = nav.replace(start, &marked);
    };
    if let Some(introduction) = doc.front.as_ref().and_then(|front| front.introduction.as_ref()) {
        if let Some(lang) = introduction.title.lang.as_ref().filter(|lang| *lang != book) {
            let file = crate::xhtml::chapter_file(&introduction.id);
            mark(&mut nav, &format!("<a href=\"{file}\""), lang);
        }
    }
    for part in &doc.parts {
        if !part.id.is_empty() && part.lang != *book {
            for start in [format!("<a href=\"{}", part.id), format!("<a href=\"section-{}", part.id)] {
                mark(&mut nav, &start, &part.lang);
            }
        }
        // A chapter whose heading is a fallback word (a Tajik book's "Key facts" in English).
        for block in &part.blocks {
            let (file, title) = match block {
                Block::Facts(facts) => {
                    (crate::xhtml::part_file(part, crate::xhtml::FACTS_FILE), &facts.title)
                }
                Block::Timeline(timeline) => {
                    (crate::xhtml::part_file(part, crate::xhtml::TIMELINE_FILE), &timeline.title)
                }
                Block::Sources(sources) => {
                    (crate::xhtml::part_file(part, crate::xhtml::SOURCES_FILE), &sources.title)
                }
                _ => continue,
            };
            if let Some(lang) = title.lang.as_ref().filter(|lang| *lang != book) {
                mark(&mut nav, &format!("<a href=\"{file}\""), lang);
            }
        }
        for block in &part.blocks {
            let Block::Section(section) = block else { continue };
            let file = crate::xhtml::chapter_file(&section.id);
            let language = section.lang.as_ref().unwrap_or(&part.lang);
            if section.lang.is_some() && language != book {
                mark(&mut nav, &format!("<a href=\"{file}\""), language);
            }
            for sub in Block::sections(&section.blocks) {
                let within = sub.lang.as_ref().unwrap_or(language);
                if within != book && (sub.lang.is_some() || section.lang.is_some()) {
                    mark(&mut nav, &format!("<a href=\"{file}#{}\"", sub.id), within);
                }
            }
        }
    }
    nav
}

/// The EPUB with its package document and navigation document mended. Every other entry is
/// copied as it was compressed, without inflating it again.
pub fn mend(epub: &[u8], doc: &Publication) -> Result<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(epub)).map_err(zip_error)?;
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(epub.len() + 512)));
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(zip_error)?;
        let name = entry.name().to_string();
        let mended = match name.as_str() {
            "OEBPS/content.opf" => mend_opf(&read_text(&mut entry)?, doc)?,
            "OEBPS/nav.xhtml" => mend_nav(&read_text(&mut entry)?, doc)?,
            "OEBPS/toc.ncx" => mend_ncx(&read_text(&mut entry)?, doc)?,
            _ => {
                // The mimetype stays first and stored, as epub-builder wrote it; dates are fixed.
                writer.raw_copy_file_touch(entry, zip::DateTime::default(), None).map_err(zip_error)?;
                continue;
            }
        };
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        writer.start_file(name, options).map_err(zip_error)?;
        writer.write_all(mended.as_bytes()).map_err(zip_error)?;
    }
    Ok(writer.finish().map_err(zip_error)?.into_inner())
}

fn read_text(entry: &mut impl Read) -> Result<String> {
    let mut text = String::new();
    entry.read_to_string(&mut text).map_err(zip_error)?;
    Ok(text)
}
