//! Mends what epub-builder 0.8.2's fixed templates leave out, which Ace by DAISY requires: the
//! package's `xml:lang`, the navigation document's language, and ARIA names and roles on its
//! `<nav>` elements. The zip is written again with the same entries in the same order, the
//! `mimetype` first and stored, and fixed dates, so the bytes stay reproducible.

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::doc::{Block, Publication, Word};
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
    // The navigation's heading, when "Contents" is a fallback word.
    let mut nav = nav;
    if let Some(lang) = doc.meta.words.contents.lang.as_ref() {
        let lang = escape(lang.as_str());
        let marked = format!(" lang=\"{lang}\" xml:lang=\"{lang}\">");
        nav = nav.replacen("<h1 id=\"toc-title\">", &format!("<h1 id=\"toc-title\"{marked}"), 1);
        if let Some(at) = nav.find("<title>") {
            nav.replace_range(at..at + "<title>".len(), &format!("<title{marked}"));
        }
    }
    Ok(mark_languages(nav, doc))
}

/// Navigation entries in another language than the book's carry their language: a packet's
/// member in another language (its files are named after its part's id: `p3_facts.xhtml`,
/// `section-p3_history.xhtml`), sections written in another language, and chapters whose title
/// is a fallback word (a Tajik book's "Key facts" in English). One pass over the navigation.
fn mark_languages<'d>(nav: String, doc: &'d Publication) -> String {
    let book = &doc.meta.language;
    // href (a file, or file#id) -> language; and a part's file prefix -> its language.
    let mut hrefs: HashMap<String, &'d LanguageTag> = HashMap::new();
    let mut parts: HashMap<&'d str, &'d LanguageTag> = HashMap::new();
    let mut word = |file: String, word: &'d Word| {
        if let Some(lang) = word.lang.as_ref() {
            hrefs.insert(file, lang);
        }
    };
    word(crate::xhtml::COVER_FILE.to_string(), &doc.meta.words.cover);
    if let Some(front) = &doc.front {
        word(crate::xhtml::CONTENTS_FILE.to_string(), &front.contents.title);
        if let Some(introduction) = &front.introduction {
            word(crate::xhtml::INTRODUCTION_FILE.to_string(), &introduction.title);
        }
    }
    for part in &doc.parts {
        if !part.id.is_empty() && part.lang != *book {
            parts.insert(part.id.as_str(), &part.lang);
        }
        for block in &part.blocks {
            match block {
                Block::Facts(facts) => {
                    word(crate::xhtml::part_file(part, crate::xhtml::FACTS_FILE), &facts.title)
                }
                Block::Timeline(timeline) => {
                    word(crate::xhtml::part_file(part, crate::xhtml::TIMELINE_FILE), &timeline.title)
                }
                Block::Sources(sources) => {
                    word(crate::xhtml::part_file(part, crate::xhtml::SOURCES_FILE), &sources.title)
                }
                _ => {}
            }
        }
    }
    for part in &doc.parts {
        for block in &part.blocks {
            let Block::Section(section) = block else { continue };
            let file = crate::xhtml::chapter_file(&section.id);
            let language = section.lang.as_ref().unwrap_or(&part.lang);
            if section.lang.is_some() && language != book {
                hrefs.entry(file.clone()).or_insert(language);
            }
            for sub in Block::sections(&section.blocks) {
                let within = sub.lang.as_ref().unwrap_or(language);
                if within != book && (sub.lang.is_some() || section.lang.is_some()) {
                    hrefs.entry(format!("{file}#{}", sub.id)).or_insert(within);
                }
            }
        }
    }
    let language_of = |href: &str| {
        let file = href.split('#').next().unwrap_or(href);
        let unprefixed = file.strip_prefix("section-").unwrap_or(file);
        let part = unprefixed.find('_').map(|end| &unprefixed[..=end]);
        hrefs.get(href).or_else(|| hrefs.get(file)).or_else(|| part.and_then(|p| parts.get(p))).copied()
    };
    let mut out = String::with_capacity(nav.len() + 256);
    let mut rest = nav.as_str();
    while let Some(at) = rest.find("<a ") {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        let (tag, after) = tag.split_at(end);
        let href = tag.split("href=\"").nth(1).and_then(|h| h.split('"').next());
        match href.and_then(language_of).filter(|_| !tag.contains(" lang=")) {
            Some(lang) => {
                let lang = escape(lang.as_str());
                out.push_str(&format!("<a lang=\"{lang}\" xml:lang=\"{lang}\" "));
                out.push_str(&tag["<a ".len()..]);
            }
            None => out.push_str(tag),
        }
        rest = after;
    }
    out.push_str(rest);
    out
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
