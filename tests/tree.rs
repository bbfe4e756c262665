//! The document tree's promises, checked only through the finished files and with readers we did
//! not write (lopdf, poppler, pandoc, roxmltree, EPUBCheck, Ace): inline markup in running text,
//! the issuer as the files' author and publisher, what real organisations' files hold, and the
//! module boundaries of the source tree. Nothing here reads the crate's internal types.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use common::{
    assert_ace_passes, assert_qpdf_clean, build, epub_files, epubcheck, epubcheck_jar, have, normalise,
    pdftotext, run_on_file, BOTH,
};
use dossier::{Outputs, Paper};
use lopdf::{Document as Pdf, Object};

const INLINE: &str = "tests/fixtures/inline.yaml";
const ISSUER: &str = "tests/fixtures/issuer.yaml";
const KLOOP: &str = "data/kloop.yaml";

/// The inline fixture's running text as a reader gets it: markup gone, escapes resolved, and
/// `^` where a citation prints its number or numbers.
const INLINE_PARAGRAPHS: [&str; 4] = [
    "The Tamarisk Post is an independent newsroom in Tashkent that reports on water rights and border \
     trade in the Fergana Valley, where its maps ^ are read by farmers and officials alike.",
    "In 2019 the Post published the Zarafshan canal ledger online, a record of water permits that \
     officials had kept secret ^. Farmers in Oʻzbekiston va Qirgʻiziston used it to compare allocations \
     on both sides of the border ^.",
    "The Post tests its own pages against hostile input: a comment reading <script>alert(1)</script> \
     stays text, as do a bare & sign, the sequence ]]> and *not emphasis*, which keeps its asterisks.",
    "The Post was entered in the register of outlets as a public foundation in Tashkent ^. A regional \
     court confirmed that registration in 2024, and the tax office lost its appeal ^.",
];

/// Fact values of the inline fixture written with markup, as a reader gets them.
const INLINE_FACT_VALUES: [&str; 2] = ["Tamarisk Media Trust", "a public foundation"];

const ISSUER_PARAGRAPHS: [&str; 3] = [
    "The Osh Legal Aid Centre gives free legal advice to journalists, bloggers and small publishers in \
     southern Kyrgyzstan, and represents them in court when they are sued over their reporting.",
    "Its lawyers answer calls from reporters who have been summoned by the police, review articles \
     before publication when an editor asks, and train newsrooms in defamation law.",
    "In 2023 the centre defended a regional newspaper against a claim for damages brought by a local \
     official; the court dismissed the claim in full.",
];

/// Each citation of the inline fixture: the word it follows and the ids of the sources it cites.
const CITATIONS: [(&str, &[&str]); 5] = [
    ("maps", &["water-survey"]),
    ("secret", &["water-survey"]),
    ("border", &["water-survey", "press-register"]),
    ("Tashkent", &["press-register"]),
    ("appeal", &["court-ruling"]),
];

/// The inline fixture's sources: id and title.
const SOURCES: [(&str, &str); 3] = [
    ("water-survey", "Fergana Valley Water Survey"),
    ("press-register", "Register of Independent Outlets"),
    ("court-ruling", "Ruling on the Registration of the Tamarisk Post"),
];

const LINK_URL: &str = "https://example.org/zarafshan-ledger";
const LINK_TEXT: &str = "the Zarafshan canal ledger";
const SPAN_TEXT: &str = "Oʻzbekiston va Qirgʻiziston";
const SPAN_LANG: &str = "uz-Latn";
const SCRIPT: &str = "<script>alert(1)</script>";
const LITERALS: &str = "a bare & sign, the sequence ]]> and *not emphasis*, which";

const ISSUER_NAME: &str = "Central Asia Media Watch";
const ROLE: &str = "Executive director";
const PERSON: &str = "Nurlan Abdykadyrov";
const RULING_TITLE: &str = "Decision in the damages claim against a regional newspaper";
const RULING_PUBLISHER: &str = "Osh City Court";
const RULING_DATE: &str = "21 June 2023";
const UNSECTIONED_EVENT: &str = "Damages claim dismissed";
const UNSECTIONED_TEXT: &str = "A court in Osh dismisses a claim for damages against a regional newspaper.";

const QUOTES: [char; 6] = ['“', '”', '"', '«', '‘', '\''];
const SUPERSCRIPT_DIGITS: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹";

// ---------------------------------------------------------------------------------------------
// Builds, made once per test binary.

fn built(cell: &'static OnceLock<Outputs>, path: &str) -> &'static Outputs {
    cell.get_or_init(|| build(path, Paper::A4, BOTH))
}

fn inline() -> &'static Outputs {
    static CELL: OnceLock<Outputs> = OnceLock::new();
    built(&CELL, INLINE)
}

fn issuer() -> &'static Outputs {
    static CELL: OnceLock<Outputs> = OnceLock::new();
    built(&CELL, ISSUER)
}

fn kloop() -> &'static Outputs {
    static CELL: OnceLock<Outputs> = OnceLock::new();
    built(&CELL, KLOOP)
}

fn pdf_of(outputs: &Outputs) -> &[u8] {
    outputs.pdf.as_deref().expect("a PDF")
}

fn epub_of(outputs: &Outputs) -> &[u8] {
    outputs.epub.as_deref().expect("an EPUB")
}

// ---------------------------------------------------------------------------------------------
// Reading the PDF: words with their boxes (poppler), annotations and metadata (lopdf).

/// A word as poppler finds it, in content-stream order, in PDF coordinates (origin bottom left).
#[derive(Debug, Clone)]
struct Word {
    /// 1-based.
    page: usize,
    text: String,
    left: f32,
    right: f32,
    bottom: f32,
    top: f32,
}

impl Word {
    fn height(&self) -> f32 {
        self.top - self.bottom
    }

    fn middle(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }

    fn area(&self) -> f32 {
        (self.right - self.left).max(0.0) * self.height().max(0.0)
    }

    fn same_line(&self, other: &Word) -> bool {
        (self.middle() - other.middle()).abs() < self.height().max(other.height()) / 2.0
    }
}

fn number(node: roxmltree::Node, name: &str) -> f32 {
    node.attribute(name).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("no {name} on {node:?}"))
}

/// Every word of the PDF with its box (`pdftotext -raw -bbox`: content-stream order).
fn pdf_words(pdf: &[u8]) -> Vec<Word> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("in.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let output = Command::new("pdftotext")
        .args(["-raw", "-bbox", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext -bbox failed: {}", String::from_utf8_lossy(&output.stderr));
    let html = String::from_utf8(output.stdout).expect("pdftotext gives UTF-8");
    let doc = parse_xml(&html).expect("pdftotext -bbox writes XHTML");
    let mut words = Vec::new();
    for (index, page) in doc.descendants().filter(|n| n.has_tag_name("page")).enumerate() {
        let height = number(page, "height");
        for word in page.descendants().filter(|n| n.has_tag_name("word")) {
            words.push(Word {
                page: index + 1,
                text: text_of(word),
                left: number(word, "xMin"),
                right: number(word, "xMax"),
                bottom: height - number(word, "yMax"),
                top: height - number(word, "yMin"),
            });
        }
    }
    words
}

/// Words joined as a reader reads them: a hyphen the layout inserted at a line end goes.
fn join_words<'a>(words: impl IntoIterator<Item = &'a Word>) -> String {
    let mut joined = String::new();
    for word in words {
        if !joined.is_empty() && !joined.ends_with(['\u{2010}', '\u{ad}', '-']) {
            joined.push(' ');
        }
        joined = joined.trim_end_matches(['\u{2010}', '\u{ad}']).to_string();
        joined.push_str(&word.text);
    }
    joined
}

/// A rectangle in PDF coordinates: left, bottom, right, top.
type Rect = [f32; 4];

/// Whether a link area covers a word: most of the word, or most of the area, lies in the other.
fn covers(rect: &Rect, word: &Word) -> bool {
    let width = (rect[2].min(word.right) - rect[0].max(word.left)).max(0.0);
    let height = (rect[3].min(word.top) - rect[1].max(word.bottom)).max(0.0);
    let overlap = width * height;
    let area = (rect[2] - rect[0]) * (rect[3] - rect[1]);
    overlap > 0.0 && (overlap >= 0.5 * word.area() || overlap >= 0.5 * area)
}

/// A /Link annotation as a viewer sees it.
#[derive(Debug)]
struct LinkAnnotation {
    /// 1-based.
    page: usize,
    /// Its /QuadPoints as rectangles when it has them, otherwise its /Rect.
    areas: Vec<Rect>,
    uri: Option<String>,
    /// The page (1-based) its internal destination shows.
    destination: Option<usize>,
}

impl LinkAnnotation {
    fn covers(&self, word: &Word) -> bool {
        word.page == self.page && self.areas.iter().any(|rect| covers(rect, word))
    }
}

fn resolve<'a>(pdf: &'a Pdf, object: &'a Object) -> &'a Object {
    pdf.dereference(object).map_or(object, |(_, resolved)| resolved)
}

fn numbers(pdf: &Pdf, object: &Object) -> Vec<f32> {
    resolve(pdf, object)
        .as_array()
        .map(|items| items.iter().filter_map(|n| resolve(pdf, n).as_float().ok()).collect())
        .unwrap_or_default()
}

/// The bounding rectangle of points given as x, y pairs.
fn rect_of(values: &[f32]) -> Rect {
    let (xs, ys): (Vec<f32>, Vec<f32>) = values.chunks_exact(2).map(|p| (p[0], p[1])).unzip();
    let min = |v: &[f32]| v.iter().copied().fold(f32::INFINITY, f32::min);
    let max = |v: &[f32]| v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    [min(&xs), min(&ys), max(&xs), max(&ys)]
}

/// A text string of the PDF: UTF-16BE or UTF-8 with a byte-order mark, else PDFDocEncoding
/// (read as Latin-1, which agrees with it on letters, digits and spaces).
fn pdf_text(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> =
            utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        String::from_utf16_lossy(&units)
    } else if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(utf8).into_owned()
    } else {
        bytes.iter().map(|b| char::from(*b)).collect()
    }
}

/// A value in a name tree (/Names /Dests).
fn name_tree_value<'a>(pdf: &'a Pdf, node: &'a Object, key: &[u8], depth: usize) -> Option<&'a Object> {
    let node = resolve(pdf, node).as_dict().ok()?;
    if depth > 32 {
        return None;
    }
    if let Ok(names) = node.get(b"Names") {
        let names = resolve(pdf, names).as_array().ok()?;
        for pair in names.chunks(2) {
            if resolve(pdf, &pair[0]).as_str().ok() == Some(key) {
                return pair.get(1);
            }
        }
    }
    let kids = node.get(b"Kids").ok().and_then(|kids| resolve(pdf, kids).as_array().ok())?;
    kids.iter().find_map(|kid| name_tree_value(pdf, kid, key, depth + 1))
}

/// The page object a destination shows: an explicit array, a dictionary with /D, a name
/// (catalog /Dests) or a string (the catalog's /Names /Dests tree).
fn destination_page(pdf: &Pdf, destination: &Object, depth: usize) -> Option<lopdf::ObjectId> {
    if depth > 8 {
        return None;
    }
    let catalog = pdf.catalog().ok()?;
    match resolve(pdf, destination) {
        Object::Array(items) => items.first()?.as_reference().ok(),
        Object::Dictionary(dict) => destination_page(pdf, dict.get(b"D").ok()?, depth + 1),
        Object::Name(name) => {
            let dests = resolve(pdf, catalog.get(b"Dests").ok()?).as_dict().ok()?;
            destination_page(pdf, dests.get(name).ok()?, depth + 1)
        }
        Object::String(key, _) => {
            let names = resolve(pdf, catalog.get(b"Names").ok()?).as_dict().ok()?;
            let value = name_tree_value(pdf, names.get(b"Dests").ok()?, key, 0)?;
            destination_page(pdf, value, depth + 1)
        }
        _ => None,
    }
}

/// Every /Link annotation of the PDF, page by page.
fn link_annotations(bytes: &[u8]) -> Vec<LinkAnnotation> {
    let pdf = Pdf::load_mem(bytes).expect("lopdf reads the PDF");
    let pages = pdf.get_pages();
    let page_number =
        |id: lopdf::ObjectId| pages.iter().find(|(_, page)| **page == id).map(|(n, _)| *n as usize);
    let mut links = Vec::new();
    for (&number, &page_id) in &pages {
        let page = pdf.get_dictionary(page_id).expect("a page dictionary");
        let Ok(annotations) = page.get(b"Annots") else { continue };
        let annotations = resolve(&pdf, annotations).as_array().expect("/Annots is an array");
        for annotation in annotations {
            let annotation = resolve(&pdf, annotation).as_dict().expect("an annotation is a dictionary");
            if annotation.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Link".as_slice()) {
                continue;
            }
            let quads = annotation.get(b"QuadPoints").map(|q| numbers(&pdf, q)).unwrap_or_default();
            let areas = if quads.len() >= 8 {
                quads.chunks_exact(8).map(rect_of).collect()
            } else {
                let rect = annotation.get(b"Rect").map(|r| numbers(&pdf, r)).unwrap_or_default();
                assert_eq!(rect.len(), 4, "a /Link annotation without a /Rect on page {number}");
                vec![rect_of(&rect)]
            };
            let action = annotation.get(b"A").ok().and_then(|a| resolve(&pdf, a).as_dict().ok());
            let kind = |action: &lopdf::Dictionary| {
                action.get(b"S").and_then(Object::as_name).ok().map(<[u8]>::to_vec)
            };
            let uri = action
                .filter(|a| kind(a).as_deref() == Some(b"URI".as_slice()))
                .and_then(|a| a.get(b"URI").ok())
                .and_then(|uri| resolve(&pdf, uri).as_str().ok())
                .map(|uri| String::from_utf8_lossy(uri).into_owned());
            let goto = action
                .filter(|a| kind(a).as_deref() == Some(b"GoTo".as_slice()))
                .and_then(|a| a.get(b"D").ok());
            let destination = annotation
                .get(b"Dest")
                .ok()
                .or(goto)
                .and_then(|d| destination_page(&pdf, d, 0))
                .and_then(page_number);
            links.push(LinkAnnotation { page: number as usize, areas, uri, destination });
        }
    }
    links
}

/// The PDF's /Author, read from the trailer's /Info dictionary.
fn pdf_author(bytes: &[u8]) -> Option<String> {
    let pdf = Pdf::load_mem(bytes).expect("lopdf reads the PDF");
    let info = resolve(&pdf, pdf.trailer.get(b"Info").ok()?).as_dict().ok()?;
    let author = resolve(&pdf, info.get(b"Author").ok()?).as_str().ok()?;
    Some(pdf_text(author))
}

/// The PDF's text in content-stream order without the running foot (the lines that carry a
/// page label), normalised.
fn pdf_body_text(pdf: &[u8]) -> String {
    let raw = pdftotext(pdf);
    let pages: Vec<&str> = raw.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    let template = dossier::locale::english_table().text("page_of").expect("an English word").to_string();
    let labels: Vec<String> = (1..=pages.len())
        .map(|n| template.replace("{n}", &n.to_string()).replace("{m}", &pages.len().to_string()))
        .collect();
    let body: Vec<&str> = raw
        .lines()
        .filter(|line| !labels.iter().any(|label| normalise(line).contains(label.as_str())))
        .collect();
    normalise(&body.join("\n"))
}

fn pdf_fonts(pdf: &[u8]) -> String {
    let output = run_on_file("pdffonts", &[], "sheet.pdf", pdf);
    assert!(output.status.success(), "pdffonts failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

// ---------------------------------------------------------------------------------------------
// Reading the EPUB: XHTML and the package document, parsed.

/// XHTML files start with `<!DOCTYPE html>`, which roxmltree accepts only when asked.
fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    roxmltree::Document::parse_with_options(text, options)
}

/// Every XHTML file of the EPUB, by name, in archive order.
fn xhtml_files(epub: &[u8]) -> Vec<(String, String)> {
    epub_files(epub)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xhtml") || name.ends_with(".html") || name.ends_with(".htm"))
        .map(|(name, bytes)| {
            let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{name} is not UTF-8"));
            (name, text)
        })
        .collect()
}

/// The parsed XHTML files; panics, naming the file, on one that is not well-formed.
fn parse_all(files: &[(String, String)]) -> Vec<(&str, roxmltree::Document<'_>)> {
    files
        .iter()
        .map(|(name, text)| {
            (name.as_str(), parse_xml(text).unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}")))
        })
        .collect()
}

fn text_of(node: roxmltree::Node) -> String {
    node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect()
}

fn is(node: &roxmltree::Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

fn elements<'a, 'input>(
    docs: &'a [(&'a str, roxmltree::Document<'input>)],
    name: &'a str,
) -> impl Iterator<Item = (&'a str, roxmltree::Node<'a, 'input>)> + 'a {
    docs.iter()
        .flat_map(move |(file, doc)| doc.descendants().filter(move |n| is(n, name)).map(move |n| (*file, n)))
}

/// Whether some `name` element's text, normalised, is exactly `text`.
fn has_element_with_text(docs: &[(&str, roxmltree::Document)], name: &str, text: &str) -> bool {
    elements(docs, name).any(|(_, n)| normalise(&text_of(n)) == text)
}

/// The chapter whose heading (h1 or h2) reads `title`.
fn chapter_titled<'a, 'input>(
    docs: &'a [(&'a str, roxmltree::Document<'input>)],
    title: &str,
) -> Option<&'a (&'a str, roxmltree::Document<'input>)> {
    docs.iter().find(|(_, doc)| {
        doc.descendants().any(|n| (is(&n, "h1") || is(&n, "h2")) && normalise(&text_of(n)) == title)
    })
}

/// The file (inside the zip) and fragment an href in `from` points to.
fn resolve_href(from: &str, href: &str) -> (String, String) {
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    if path.is_empty() {
        return (from.to_string(), fragment.to_string());
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for piece in path.split('/') {
        match piece {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            piece => parts.push(piece),
        }
    }
    (parts.join("/"), fragment.to_string())
}

fn find_by_id<'a, 'input>(
    docs: &'a [(&'a str, roxmltree::Document<'input>)],
    file: &str,
    id: &str,
) -> Option<roxmltree::Node<'a, 'input>> {
    let (_, doc) = docs.iter().find(|(name, _)| *name == file)?;
    doc.descendants().find(|n| n.attribute("id") == Some(id))
}

fn has_token(value: Option<&str>, token: &str) -> bool {
    value.is_some_and(|v| v.split_whitespace().any(|t| t == token))
}

const EPUB_NS: &str = "http://www.idpf.org/2007/ops";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

/// A link that is a citation: `role="doc-biblioref"` or `epub:type` noteref or biblioref.
fn is_citation_link(node: &roxmltree::Node) -> bool {
    let epub_type = node.attribute((EPUB_NS, "type"));
    is(node, "a")
        && (has_token(node.attribute("role"), "doc-biblioref")
            || has_token(epub_type, "noteref")
            || has_token(epub_type, "biblioref"))
}

/// The package document, found through META-INF/container.xml, as text.
fn package_document(epub: &[u8]) -> String {
    let files = epub_files(epub);
    let text = |name: &str| {
        let (_, bytes) =
            files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("the EPUB has no {name}"));
        String::from_utf8(bytes.clone()).expect("UTF-8")
    };
    let container = text("META-INF/container.xml");
    let container = parse_xml(&container).expect("container.xml is XML");
    let path = container
        .descendants()
        .find(|n| is(n, "rootfile"))
        .and_then(|n| n.attribute("full-path"))
        .expect("container.xml names the package document")
        .to_string();
    text(&path)
}

/// `dc:creator`s and publishers (`dc:publisher` and `<meta property="dcterms:publisher">`).
fn creators_and_publishers(opf: &str) -> (Vec<String>, Vec<String>) {
    let doc = parse_xml(opf).expect("the package document is XML");
    let texts = |keep: &dyn Fn(&roxmltree::Node) -> bool| -> Vec<String> {
        doc.descendants().filter(|n| n.is_element() && keep(n)).map(|n| normalise(&text_of(n))).collect()
    };
    let dc = |name: &'static str| move |n: &roxmltree::Node| n.tag_name() == (DC_NS, name).into();
    let creators = texts(&dc("creator"));
    let mut publishers = texts(&dc("publisher"));
    publishers.extend(texts(&|n: &roxmltree::Node| {
        is(n, "meta") && n.attribute("property") == Some("dcterms:publisher")
    }));
    (creators, publishers)
}

/// Text of the EPUB as pandoc reads it, normalised.
fn pandoc_text(epub: &[u8]) -> String {
    let output = run_on_file("pandoc", &["-f", "epub", "-t", "plain", "--wrap=none"], "book.epub", epub);
    assert!(output.status.success(), "pandoc failed: {}", String::from_utf8_lossy(&output.stderr));
    normalise(&String::from_utf8_lossy(&output.stdout))
}

fn assert_epubcheck_clean(epub: &[u8], what: &str) {
    let Some(jar) = epubcheck_jar() else { return };
    let report = epubcheck(&jar, epub);
    assert!(report.contains("Messages: 0 fatals / 0 errors / 0 warnings"), "EPUBCheck on {what}:\n{report}");
    assert!(report.contains("Validating using EPUB version 3.3 rules"), "{report}");
}

// ---------------------------------------------------------------------------------------------
// Text read back.

/// What a citation prints between the words around it: digits (plain or superscript), their
/// separators and brackets, and space.
fn is_citation_mark(c: char) -> bool {
    c.is_ascii_digit() || SUPERSCRIPT_DIGITS.contains(c) || " ,;^()[]\u{2009}\u{202f}\u{a0}".contains(c)
}

/// A pdftotext word that is only a citation's number(s): "1", "1,2", "[3]".
fn is_citation_word(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_digit() || ",;[]()".contains(c))
}

/// Whether `text` holds `expected` (with `^` for a citation, which must print at least one
/// digit there) in order and whole.
fn reads(text: &str, expected: &str) -> bool {
    let pieces: Vec<String> = expected.split('^').map(normalise).collect();
    let follows = |mut rest: &str| {
        for piece in &pieces[1..] {
            let after = rest.trim_start_matches(is_citation_mark);
            let mark = &rest[..rest.len() - after.len()];
            if !mark.chars().any(|c| c.is_ascii_digit() || SUPERSCRIPT_DIGITS.contains(c)) {
                return false;
            }
            let Some(next) = after.strip_prefix(piece.as_str()) else { return false };
            rest = next;
        }
        true
    };
    text.match_indices(pieces[0].as_str()).any(|(at, first)| follows(&text[at + first.len()..]))
}

fn assert_reads_every_paragraph(text: &str, paragraphs: &[&str], what: &str) {
    for paragraph in paragraphs {
        assert!(
            reads(text, paragraph),
            "{what} lacks, or garbles, the paragraph:\n{paragraph}\n\nIt reads:\n{text}"
        );
    }
}

/// No markup is left in text meant for readers (`*not emphasis*` was written escaped).
fn assert_no_markup_left(text: &str, what: &str) {
    let rest = text.replacen("*not emphasis*", "", 1);
    for syntax in ["*", "[@", "](", "{lang=", "\\"] {
        assert!(!rest.contains(syntax), "{what} still shows markup `{syntax}`:\n{text}");
    }
}

// =============================================================================================
// 1. Inline markup: the PDF.

#[test]
fn emphasis_strong_and_both_are_set_in_the_embedded_italic_bold_and_bold_italic_faces() {
    if !have("pdffonts") {
        return;
    }
    let table = pdf_fonts(pdf_of(inline()));
    for face in ["NotoSans-Italic", "NotoSans-Bold", "NotoSans-BoldItalic"] {
        let listed = table.lines().skip(2).any(|row| {
            let columns: Vec<&str> = row.split_whitespace().collect();
            let Some((tag, name)) = columns.first().and_then(|c| c.split_once('+')) else { return false };
            let embedded = columns.len() >= 5 && columns[columns.len() - 5] == "yes";
            name == face && tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()) && embedded
        });
        assert!(listed, "pdffonts lists no embedded subset {face}:\n{table}");
    }
}

#[test]
fn a_pdf_link_is_a_uri_annotation_lying_over_the_words_of_the_link() {
    if !have("pdftotext") {
        return;
    }
    let pdf = pdf_of(inline());
    let links: Vec<LinkAnnotation> =
        link_annotations(pdf).into_iter().filter(|a| a.uri.as_deref() == Some(LINK_URL)).collect();
    assert!(!links.is_empty(), "no /Link annotation has /A /URI {LINK_URL}");
    let words = pdf_words(pdf);
    let covered: Vec<&Word> = words.iter().filter(|w| links.iter().any(|a| a.covers(w))).collect();
    assert_eq!(
        join_words(covered.iter().copied()),
        LINK_TEXT,
        "the words under the link's annotations: {links:?}"
    );
}

/// The number printed in front of a source's title on a page ("1.", "[1]", "1)" or "1"): the
/// nearest word left of the title's first word on its line.
fn source_number_on_page(words: &[Word], page: usize, title: &str) -> Option<u32> {
    let on_page: Vec<&Word> = words.iter().filter(|w| w.page == page).collect();
    let start = (0..on_page.len()).find(|&i| {
        let joined = join_words(on_page[i..].iter().take(title.split(' ').count() + 2).copied());
        joined.trim_start_matches(QUOTES).starts_with(title)
    })?;
    let first = on_page[start];
    let label = on_page
        .iter()
        .filter(|w| w.same_line(first) && w.right <= first.left + 0.5)
        .max_by(|a, b| a.right.total_cmp(&b.right))?;
    label.text.trim_start_matches(['[', '(']).trim_end_matches(['.', ')', ']', ':']).parse().ok()
}

/// The number printed under a citation's annotation. When poppler joins a group ("1,2") into one
/// word, the number under the middle of the annotation is the one it links.
fn number_under(annotation: &LinkAnnotation, word: &Word) -> Option<u32> {
    let chars: Vec<char> = word.text.chars().collect();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, _) in chars.iter().enumerate().filter(|(_, c)| c.is_ascii_digit()) {
        match runs.last_mut() {
            Some((_, end)) if *end == i => *end = i + 1,
            _ => runs.push((i, i + 1)),
        }
    }
    let rect = annotation.areas.iter().find(|r| covers(r, word))?;
    let middle = ((rect[0] + rect[2]) / 2.0 - word.left) / (word.right - word.left).max(0.01);
    let at = middle.clamp(0.0, 0.999) * chars.len() as f32;
    let distance = |(start, end): &(usize, usize)| {
        if at < *start as f32 {
            *start as f32 - at
        } else {
            (at - *end as f32).max(0.0)
        }
    };
    let (start, end) = runs.iter().min_by(|a, b| distance(a).total_cmp(&distance(b)))?;
    chars[*start..*end].iter().collect::<String>().parse().ok()
}

#[test]
fn a_pdf_citation_is_a_small_raised_number_linking_to_the_page_of_its_numbered_source_entry() {
    if !have("pdftotext") {
        return;
    }
    let pdf = pdf_of(inline());
    let words = pdf_words(pdf);
    let title = |id: &str| SOURCES.iter().find(|(s, _)| *s == id).map(|(_, t)| *t).expect("a source");
    let mut reached: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); CITATIONS.len()];
    for annotation in link_annotations(pdf).iter().filter(|a| a.destination.is_some()) {
        let covered: Vec<usize> = (0..words.len()).filter(|&i| annotation.covers(&words[i])).collect();
        if covered.is_empty() || !covered.iter().all(|&i| is_citation_word(&words[i].text)) {
            continue; // not a citation: a timeline label, say
        }
        let cite = &words[covered[0]];
        let anchor = words[..covered[0]]
            .iter()
            .rev()
            .find(|w| !is_citation_word(&w.text))
            .expect("a citation follows a word");
        let follows = |word: &str| {
            let before = anchor.text.trim_end_matches(['.', ',', ';', ':']);
            word == before || (before.chars().count() >= 3 && word.ends_with(before))
        };
        let Some(index) = CITATIONS.iter().position(|(word, _)| follows(word)) else {
            panic!("a citation link follows {:?}, where the fixture cites nothing", anchor.text);
        };
        let (word, cited) = CITATIONS[index];
        assert!(
            cite.height() < 0.9 * anchor.height(),
            "the citation after “{word}” is not smaller: {cite:?} beside {anchor:?}"
        );
        if cite.page == anchor.page && cite.same_line(anchor) {
            assert!(
                cite.middle() > anchor.middle() + 0.25,
                "the citation after “{word}” is not raised: {cite:?}"
            );
        }
        let printed: BTreeSet<u32> =
            covered.iter().filter_map(|&i| number_under(annotation, &words[i])).collect();
        let page = annotation.destination.expect("an internal link");
        let listed: Vec<(&str, Option<u32>)> =
            cited.iter().map(|id| (*id, source_number_on_page(&words, page, title(id)))).collect();
        let target = listed.iter().find(|(_, number)| number.is_some_and(|n| printed.contains(&n)));
        let Some((id, _)) = target else {
            panic!(
                "the citation after “{word}” prints {printed:?} and leads to page {page}, where the numbered \
                 entries of {cited:?} are {listed:?}"
            );
        };
        reached[index].insert(*id);
    }
    assert_citations_reach_their_sources(&reached);
}

/// Each citation of `CITATIONS` reached exactly the sources it names.
fn assert_citations_reach_their_sources(reached: &[BTreeSet<&str>]) {
    for ((word, cited), reached) in CITATIONS.iter().zip(reached) {
        let expected: BTreeSet<&str> = cited.iter().copied().collect();
        assert_eq!(reached, &expected, "the sources that the citation after “{word}” links to");
    }
}

// =============================================================================================
// 1. Inline markup: the EPUB.

#[test]
fn the_epub_marks_emphasis_strong_and_both_and_links_in_running_text_facts_and_the_timeline() {
    let files = xhtml_files(epub_of(inline()));
    let docs = parse_all(&files);
    assert!(has_element_with_text(&docs, "em", "independent"), "no <em>independent</em>");
    assert!(has_element_with_text(&docs, "strong", "water rights"), "no <strong>water rights</strong>");
    let both = elements(&docs, "em").chain(elements(&docs, "strong")).any(|(_, node)| {
        let other = if is(&node, "em") { "strong" } else { "em" };
        normalise(&text_of(node)) == "border trade"
            && node.ancestors().skip(1).any(|a| is(&a, other) && normalise(&text_of(a)) == "border trade")
    });
    assert!(both, "“border trade” is not both <em> and <strong>");
    let link = elements(&docs, "a")
        .find(|(_, a)| a.attribute("href") == Some(LINK_URL))
        .unwrap_or_else(|| panic!("no <a href=\"{LINK_URL}\">"));
    assert_eq!(normalise(&text_of(link.1)), LINK_TEXT);

    let facts_title =
        dossier::locale::english_table().text("key_facts").expect("an English word").to_string();
    let facts = std::slice::from_ref(chapter_titled(&docs, &facts_title).expect("a key-facts chapter"));
    assert!(has_element_with_text(facts, "strong", "Tamarisk"), "the owner's **Tamarisk** is no <strong>");
    assert!(
        has_element_with_text(facts, "em", "public foundation"),
        "the other fact's *public foundation* is no <em>"
    );
    let timeline_title =
        dossier::locale::english_table().text("timeline").expect("an English word").to_string();
    let timeline = std::slice::from_ref(chapter_titled(&docs, &timeline_title).expect("a timeline chapter"));
    assert!(has_element_with_text(timeline, "em", "Tamarisk Post"), "the event's *Tamarisk Post* is no <em>");
    assert!(
        has_element_with_text(timeline, "strong", "registration"),
        "the event's **registration** is no <strong>"
    );
}

/// The last word written before `node` in its document, citation numbers skipped.
fn word_before(node: roxmltree::Node) -> String {
    let root = node.document().root();
    let mut before = String::new();
    for n in root.descendants() {
        if n == node {
            break;
        }
        if let Some(text) = n.text().filter(|_| n.is_text()) {
            before.push_str(text);
        }
    }
    let before = before.trim_end_matches(is_citation_mark);
    before.split_whitespace().last().unwrap_or_default().to_string()
}

#[test]
fn an_epub_citation_links_to_its_source_entry_in_the_sources_chapter_which_links_back() {
    let files = xhtml_files(epub_of(inline()));
    let docs = parse_all(&files);
    // The inline fixture's sources carry no licence: the heading says so.
    let sources_title =
        dossier::locale::english_table().text("sources_unlicensed").expect("an English word").to_string();
    let (sources_file, _) = chapter_titled(&docs, &sources_title).expect("a sources chapter");
    let mut reached: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); CITATIONS.len()];
    for (file, cite) in elements(&docs, "a").filter(|(_, a)| is_citation_link(a)) {
        let word = word_before(cite);
        let index = CITATIONS.iter().position(|(w, _)| *w == word).unwrap_or_else(|| {
            panic!("a citation after “{word}” in {file}, where the fixture cites nothing")
        });
        let href =
            cite.attribute("href").unwrap_or_else(|| panic!("the citation after “{word}” has no href"));
        let (target_file, fragment) = resolve_href(file, href);
        assert_eq!(
            target_file.as_str(),
            *sources_file,
            "the citation after “{word}” leads out of the sources chapter"
        );
        let entry = find_by_id(&docs, &target_file, &fragment)
            .unwrap_or_else(|| panic!("the citation after “{word}” leads to {href}, which does not exist"));
        let entry_text = normalise(&text_of(entry));
        let (_, cited) = CITATIONS[index];
        let id = cited
            .iter()
            .find(|id| SOURCES.iter().any(|(s, title)| s == *id && entry_text.contains(title)))
            .unwrap_or_else(|| {
                panic!("the citation after “{word}” leads to “{entry_text}”, not to {cited:?}")
            });
        reached[index].insert(*id);

        // The way back: to this citation (or what wraps it), or a doc-backlink to a citation.
        let wrappers: Vec<&str> = cite.ancestors().filter_map(|n| n.attribute("id")).collect();
        let back_links: Vec<roxmltree::Node> = entry.descendants().filter(|n| is(n, "a")).collect();
        let mut back_home = false;
        for back in &back_links {
            let Some(back_href) = back.attribute("href") else { continue };
            let (back_file, back_fragment) = resolve_href(&target_file, back_href);
            let is_backlink = has_token(back.attribute("role"), "doc-backlink");
            back_home |= back_file == file && wrappers.contains(&back_fragment.as_str());
            if is_backlink {
                let place = find_by_id(&docs, &back_file, &back_fragment)
                    .unwrap_or_else(|| panic!("the back link {back_href} of “{entry_text}” leads nowhere"));
                let cites_here = place.descendants().chain(place.ancestors()).any(|n| {
                    is_citation_link(&n)
                        && n.attribute("href").is_some_and(|h| {
                            resolve_href(&back_file, h) == (target_file.clone(), fragment.clone())
                        })
                });
                assert!(
                    cites_here,
                    "the back link {back_href} of “{entry_text}” does not lead to a citation of it"
                );
                back_home = true;
            }
        }
        assert!(back_home, "the entry “{entry_text}” has no link back to the citation after “{word}”");
    }
    assert_citations_reach_their_sources(&reached);
}

#[test]
fn a_language_span_is_an_element_with_lang_and_xml_lang_around_exactly_its_text() {
    let files = xhtml_files(epub_of(inline()));
    let docs = parse_all(&files);
    let spans: Vec<String> = docs
        .iter()
        .flat_map(|(_, doc)| doc.descendants())
        .filter(|n| {
            n.attribute("lang") == Some(SPAN_LANG) && n.attribute((XML_NS, "lang")) == Some(SPAN_LANG)
        })
        .map(|n| text_of(n))
        .collect();
    assert!(
        spans.iter().any(|s| s == SPAN_TEXT),
        "no element with lang and xml:lang {SPAN_LANG} holds exactly {SPAN_TEXT:?}: {spans:?}"
    );
}

// =============================================================================================
// 1. Inline markup: what stays literal, and what every reader gets.

#[test]
fn raw_html_ampersands_cdata_ends_and_escaped_asterisks_stay_literal_in_both_outputs() {
    let files = xhtml_files(epub_of(inline()));
    let docs = parse_all(&files);
    let scripts: Vec<&str> = docs
        .iter()
        .flat_map(|(file, doc)| {
            doc.descendants()
                .filter(|n| n.tag_name().name().eq_ignore_ascii_case("script"))
                .map(move |_| *file)
        })
        .collect();
    assert!(scripts.is_empty(), "a <script> element in {scripts:?}");
    assert!(
        files.iter().any(|(_, text)| text.contains("&lt;script&gt;alert(1)&lt;/script&gt;")),
        "<script> is not written escaped as &lt;script&gt;"
    );
    let paragraphs: Vec<String> = elements(&docs, "p").map(|(_, p)| normalise(&text_of(p))).collect();
    for literal in [SCRIPT, LITERALS] {
        assert!(paragraphs.iter().any(|p| p.contains(literal)), "no EPUB paragraph reads {literal:?}");
    }
    let marked = elements(&docs, "em")
        .chain(elements(&docs, "strong"))
        .any(|(_, n)| text_of(n).contains("not emphasis"));
    assert!(!marked, "\\*not emphasis\\* became emphasis");

    if !have("pdftotext") {
        return;
    }
    let text = pdf_body_text(pdf_of(inline()));
    for literal in [SCRIPT, LITERALS] {
        assert!(text.contains(literal), "the PDF does not read {literal:?}:\n{text}");
    }
}

#[test]
fn every_paragraph_and_marked_up_fact_reads_back_without_markup_from_pdftotext_and_pandoc() {
    if !(have("pdftotext") && have("pandoc")) {
        return;
    }
    for (outputs, paragraphs, facts, path) in [
        (inline(), &INLINE_PARAGRAPHS[..], &INLINE_FACT_VALUES[..], INLINE),
        (issuer(), &ISSUER_PARAGRAPHS[..], &[][..], ISSUER),
    ] {
        let pdf = pdf_body_text(pdf_of(outputs));
        let epub = pandoc_text(epub_of(outputs));
        for (text, what) in
            [(&pdf, format!("pdftotext of {path}")), (&epub, format!("pandoc's reading of {path}"))]
        {
            assert_reads_every_paragraph(text, paragraphs, &what);
            for fact in facts {
                assert!(text.contains(fact), "{what} lacks the fact value {fact:?}:\n{text}");
            }
            assert_no_markup_left(text, &what);
        }
    }
}

#[test]
fn the_inline_fixture_passes_epubcheck_with_no_messages_and_qpdf() {
    assert_epubcheck_clean(epub_of(inline()), INLINE);
    if have("qpdf") {
        assert_qpdf_clean(pdf_of(inline()));
    }
}

#[test]
fn ace_by_daisy_reports_no_violations_in_the_inline_fixture() {
    assert_ace_passes(epub_of(inline()));
}

// =============================================================================================
// 2. The issuer.

#[test]
fn the_issuer_is_the_pdf_author_and_the_epub_creator_and_publisher() {
    assert_eq!(pdf_author(pdf_of(issuer())).as_deref(), Some(ISSUER_NAME), "the PDF's /Info /Author");
    let (creators, publishers) = creators_and_publishers(&package_document(epub_of(issuer())));
    assert!(creators.iter().any(|c| c == ISSUER_NAME), "dc:creator is not {ISSUER_NAME:?}: {creators:?}");
    assert!(
        publishers.iter().any(|p| p == ISSUER_NAME),
        "the publisher is not {ISSUER_NAME:?}: {publishers:?}"
    );
}

#[test]
fn both_outputs_print_the_issuers_name() {
    let files = xhtml_files(epub_of(issuer()));
    let docs = parse_all(&files);
    let printed = docs.iter().any(|(_, doc)| normalise(&text_of(doc.root_element())).contains(ISSUER_NAME));
    assert!(printed, "no EPUB page prints {ISSUER_NAME:?}");
    if have("pdftotext") {
        let text = normalise(&pdftotext(pdf_of(issuer())));
        assert!(text.contains(ISSUER_NAME), "the PDF does not print {ISSUER_NAME:?}:\n{text}");
    }
}

#[test]
fn without_an_issuer_the_organisation_is_claimed_as_neither_author_nor_publisher() {
    let outputs = kloop();
    let author = pdf_author(pdf_of(outputs));
    assert!(!author.as_deref().is_some_and(|a| a.contains("Kloop")), "the PDF's /Author is {author:?}");
    let (creators, publishers) = creators_and_publishers(&package_document(epub_of(outputs)));
    let claimed: Vec<&String> =
        creators.iter().chain(&publishers).filter(|name| name.contains("Kloop")).collect();
    assert!(claimed.is_empty(), "the package names Kloop as creator or publisher: {claimed:?}");
}

// =============================================================================================
// 3. Real organisations.

#[test]
fn an_ngo_with_people_an_unaddressed_source_and_an_unsectioned_event_builds_and_validates() {
    let outputs = issuer();
    assert_epubcheck_clean(epub_of(outputs), ISSUER);
    if !(have("qpdf") && have("pdftotext")) {
        return;
    }
    assert_qpdf_clean(pdf_of(outputs));
    assert!(normalise(&pdftotext(pdf_of(outputs))).contains("NGO"), "the PDF does not print the type NGO");
    let files = xhtml_files(epub_of(outputs));
    let docs = parse_all(&files);
    let printed = docs.iter().any(|(_, doc)| normalise(&text_of(doc.root_element())).contains("NGO"));
    assert!(printed, "the EPUB does not print the type NGO");
}

#[test]
fn a_persons_role_is_the_row_label_of_the_key_facts_in_both_outputs() {
    let files = xhtml_files(epub_of(issuer()));
    let docs = parse_all(&files);
    let row = elements(&docs, "tr").find(|(_, tr)| {
        let label = tr.children().find(|c| c.is_element());
        label.is_some_and(|l| is(&l, "th") && normalise(&text_of(l)) == ROLE)
    });
    let (_, row) = row.unwrap_or_else(|| panic!("no key-facts row has the header cell {ROLE:?}"));
    assert!(normalise(&text_of(row)).contains(PERSON), "the {ROLE:?} row does not name {PERSON}");

    if !have("pdftotext") {
        return;
    }
    let words = pdf_words(pdf_of(issuer()));
    let starts = |text: &str| {
        (0..words.len())
            .find(|&i| join_words(words[i..].iter().take(text.split(' ').count() + 1)).starts_with(text))
            .map(|i| &words[i])
            .unwrap_or_else(|| panic!("the PDF does not print {text:?}"))
    };
    let (label, name) = (starts(ROLE), starts(PERSON));
    assert_eq!(label.page, name.page, "{ROLE:?} and {PERSON:?} are on different pages");
    assert!(
        (label.top - name.top).abs() <= 2.5 * label.height() && name.left >= label.left,
        "{PERSON:?} is not in the row labelled {ROLE:?}: {label:?}, {name:?}"
    );
}

#[test]
fn a_source_without_an_address_prints_its_publisher_and_date_and_an_unsectioned_event_its_title() {
    let files = xhtml_files(epub_of(issuer()));
    let docs = parse_all(&files);
    let sources_title =
        dossier::locale::english_table().text("sources_unlicensed").expect("an English word").to_string();
    let (_, sources) = chapter_titled(&docs, &sources_title).expect("a sources chapter");
    // The innermost block that lists the ruling: its entry.
    let entry = sources
        .descendants()
        .filter(|n| ["li", "p", "dd", "div"].iter().any(|block| is(n, block)))
        .filter(|n| normalise(&text_of(*n)).contains(RULING_TITLE))
        .min_by_key(|n| text_of(*n).len())
        .expect("the ruling is listed");
    let entry_text = normalise(&text_of(entry));
    for part in [RULING_PUBLISHER, RULING_DATE] {
        assert!(entry_text.contains(part), "the ruling's entry lacks {part:?}: {entry_text}");
    }
    let addresses: Vec<&str> = entry
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .filter(|href| href.starts_with("http"))
        .collect();
    assert!(addresses.is_empty(), "the ruling has no address, yet its entry links to {addresses:?}");
    let timeline_title =
        dossier::locale::english_table().text("timeline").expect("an English word").to_string();
    let (_, timeline) = chapter_titled(&docs, &timeline_title).expect("a timeline chapter");
    let timeline_text = normalise(&text_of(timeline.root_element()));
    for part in [UNSECTIONED_EVENT, UNSECTIONED_TEXT] {
        assert!(timeline_text.contains(part), "the EPUB's timeline lacks {part:?}");
    }

    if !have("pdftotext") {
        return;
    }
    let text = normalise(&pdftotext(pdf_of(issuer())));
    for part in [RULING_TITLE, RULING_PUBLISHER, RULING_DATE, UNSECTIONED_EVENT] {
        assert!(text.contains(part), "the PDF lacks {part:?}:\n{text}");
    }
}

// =============================================================================================
// 4. Boundaries of the source tree.

/// Rust source read just enough to tell code from comments and string literals.
struct Scanned {
    /// The source with comments and string literals blanked (newlines kept).
    code: String,
    /// The contents of its string literals, as written; those inside `#[cfg(test)]` items
    /// (unit tests) are left out.
    literals: Vec<String>,
}

/// Where a string literal opens at `i` (`"`, `b"`, `c"`, `r"`, `r#"`, `br##"`…): the index of its
/// quote, its number of `#`, and whether it is raw.
fn string_start(chars: &[char], i: usize) -> Option<(usize, usize, bool)> {
    let mut j = i;
    if matches!(chars[j], 'b' | 'c') {
        j += 1;
    }
    let raw = chars.get(j) == Some(&'r');
    let mut hashes = 0;
    if raw {
        j += 1;
        while chars.get(j) == Some(&'#') {
            hashes += 1;
            j += 1;
        }
    }
    (chars.get(j) == Some(&'"')).then_some((j, hashes, raw))
}

fn scan_rust(source: &str) -> Scanned {
    let chars: Vec<char> = source.chars().collect();
    let mut code = chars.clone();
    let mut literals: Vec<(usize, String)> = Vec::new();
    let blank = |code: &mut Vec<char>, from: usize, to: usize| {
        code[from..to.min(chars.len())].iter_mut().filter(|c| **c != '\n').for_each(|c| *c = ' ');
    };
    let mut i = 0;
    while i < chars.len() {
        let next = chars.get(i + 1).copied();
        let after_identifier = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if chars[i] == '/' && next == Some('/') {
            let end = chars[i..].iter().position(|c| *c == '\n').map_or(chars.len(), |p| i + p);
            blank(&mut code, i, end);
            i = end;
        } else if chars[i] == '/' && next == Some('*') {
            let (mut depth, mut j) = (0, i);
            while j < chars.len() {
                if chars[j] == '/' && chars.get(j + 1) == Some(&'*') {
                    depth += 1;
                    j += 2;
                } else if chars[j] == '*' && chars.get(j + 1) == Some(&'/') {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut code, i, j);
            i = j;
        } else if let Some((quote, hashes, raw)) = string_start(&chars, i).filter(|_| !after_identifier) {
            let mut j = quote + 1;
            while j < chars.len() {
                if !raw && chars[j] == '\\' {
                    j += 2;
                } else if chars[j] == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                    break;
                } else {
                    j += 1;
                }
            }
            let end = j.min(chars.len());
            literals.push((i, chars[quote + 1..end].iter().collect()));
            let close = (end + 1 + hashes).min(chars.len());
            blank(&mut code, i, close);
            i = close;
        } else if chars[i] == '\'' && next == Some('\\') {
            let end =
                chars[i + 2..].iter().skip(1).position(|c| *c == '\'').map_or(chars.len(), |p| i + 3 + p);
            blank(&mut code, i, end + 1);
            i = end + 1;
        } else if chars[i] == '\'' && chars.get(i + 2) == Some(&'\'') {
            blank(&mut code, i, i + 3);
            i += 3;
        } else {
            i += 1;
        }
    }
    let tests = test_spans(&code);
    let literals = literals
        .into_iter()
        .filter(|(at, _)| !tests.iter().any(|&(from, to)| from <= *at && *at < to))
        .map(|(_, literal)| literal)
        .collect();
    Scanned { code: code.into_iter().collect(), literals }
}

/// The items marked `#[cfg(test)]`, as spans of char indices.
fn test_spans(code: &[char]) -> Vec<(usize, usize)> {
    let marker: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut spans = Vec::new();
    for start in (0..code.len()).filter(|&i| code[i..].starts_with(&marker)) {
        let mut depth = 0;
        let mut end = code.len();
        for (j, c) in code.iter().enumerate().skip(start + marker.len()) {
            match c {
                ';' if depth == 0 => {
                    end = j;
                    break;
                }
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = j;
                        break;
                    }
                }
                _ => {}
            }
        }
        spans.push((start, end));
    }
    spans
}

/// Every `.rs` file under src/, with its path relative to the crate ("src/pdf/mod.rs").
fn rust_sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    walk(&root.join("src"), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let relative =
                path.strip_prefix(root).expect("under the crate").to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {relative}: {e}"));
            (relative, text)
        })
        .collect()
}

fn allowed(path: &str, places: &[&str]) -> bool {
    places.iter().any(|place| if place.ends_with('/') { path.starts_with(place) } else { path == *place })
}

/// Whether `code` uses the path `name::` (not as the tail of a longer name).
fn uses_path(code: &str, name: &str) -> bool {
    code.match_indices(&format!("{name}::"))
        .any(|(at, _)| !code[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_'))
}

/// Whether `code` reaches the loader: `crate::load`, `crate::{…, load, …}` or, from a module
/// at the crate's top, `super::load`.
fn uses_loader(code: &str, top_level: bool) -> bool {
    let ends_name = |rest: &str| !rest.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_');
    let direct = |prefix: &str| code.match_indices(prefix).any(|(at, p)| ends_name(&code[at + p.len()..]));
    if direct("crate::load") || (top_level && direct("super::load")) {
        return true;
    }
    code.match_indices("crate::{").any(|(at, p)| {
        let group = &code[at + p.len()..];
        let mut depth = 0;
        let mut item = String::new();
        for c in group.chars() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    if item.trim() == "load"
                        || item.trim().starts_with("load::")
                        || item.trim().starts_with("load ")
                    {
                        return true;
                    }
                    item.clear();
                    continue;
                }
                _ => {}
            }
            item.push(c);
        }
        let item = item.trim();
        item == "load" || item.starts_with("load::") || item.starts_with("load ")
    })
}

#[test]
fn output_crates_yaml_and_the_command_line_stay_in_their_modules_and_only_the_cli_reaches_the_loader() {
    let rules: [(&str, &[&str]); 4] = [
        ("printpdf", &["src/pdf/"]),
        ("epub_builder", &["src/epub/"]),
        ("serde_yaml", &["src/load/"]),
        ("clap", &["src/main.rs", "src/cli.rs"]),
    ];
    let loader_users = [
        "src/load/",
        "src/lib.rs",
        "src/main.rs",
        "src/cli.rs",
        "src/batch.rs",
        "src/report.rs",
        "src/output.rs",
    ];
    let mut broken = Vec::new();
    for (path, source) in rust_sources() {
        let code = scan_rust(&source).code;
        for (name, places) in &rules {
            if uses_path(&code, name) && !allowed(&path, places) {
                broken.push(format!("{path} uses {name}:: (allowed only in {places:?})"));
            }
        }
        let top_level =
            path.matches('/').count() == 1 || (path.matches('/').count() == 2 && path.ends_with("/mod.rs"));
        if uses_loader(&code, top_level) && !allowed(&path, &loader_users) {
            broken.push(format!("{path} uses crate::load"));
        }
    }
    assert!(broken.is_empty(), "boundaries crossed:\n{}", broken.join("\n"));
}

/// Whether `word` occurs in `text` not as part of a longer word.
fn contains_word(text: &str, word: &str) -> bool {
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    text.match_indices(word).any(|(at, _)| {
        !letter(text[..at].chars().next_back()) && !letter(text[at + word.len()..].chars().next())
    })
}

#[test]
fn the_writers_hold_no_literal_of_the_english_fixed_words() {
    let en = dossier::locale::english_table();
    let word = |key: &str| en.text(key).expect("an English word").to_string();
    let before_placeholder =
        |template: String| template.split('{').next().unwrap_or_default().trim().to_string();
    let words = [
        word("key_facts"),
        word("timeline"),
        word("sources"),
        word("contents"),
        before_placeholder(word("page_of")),
        before_placeholder(word("data_as_of")),
        word("licence"),
        before_placeholder(word("text_from")),
    ];
    assert!(words.iter().all(|w| !w.is_empty()), "{words:?}");
    // PDF object names that are spelt like a fixed word: /Type /Page, /Contents.
    let pdf_names = ["Page", "Pages", "Contents"];
    let writers = ["src/pdf/", "src/epub/", "src/xhtml.rs", "src/cover.rs"];
    let mut found = Vec::new();
    for (path, source) in rust_sources().into_iter().filter(|(path, _)| allowed(path, &writers)) {
        for literal in scan_rust(&source).literals {
            for word in &words {
                let pdf_name = path.starts_with("src/pdf/") && pdf_names.contains(&literal.as_str());
                if contains_word(&literal, word) && !pdf_name {
                    found.push(format!("{path}: \"{literal}\" holds {word:?}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "fixed words belong in src/locale/tables/:\n{}", found.join("\n"));
}

/// Whether a string literal is a language tag, a subtag of one, or a script of the bundled
/// tables': what code that decides by language would compare with.
fn names_a_language(literal: &str) -> bool {
    let mut tags: BTreeSet<String> = BTreeSet::new();
    for table in dossier::locale::tables() {
        for tag in std::iter::once(table.tag).chain(table.aliases.iter().copied()) {
            tags.insert(tag.to_ascii_lowercase());
            tags.extend(tag.split('-').map(str::to_ascii_lowercase));
        }
        tags.insert(table.script.to_ascii_lowercase());
    }
    // Languages without a table are tags too (`de`, `tr`, `en-us`).
    tags.extend(["de", "it", "pt", "en-us", "en-gb"].map(String::from));
    tags.contains(&literal.to_ascii_lowercase())
}

#[test]
fn no_module_but_the_locale_registry_reads_a_language_tag() {
    let mut found = Vec::new();
    for (path, source) in rust_sources() {
        // Test modules in files of their own feed tags to the registry as inputs.
        let test_module = path.ends_with("/tests.rs") || path.contains("/tests_");
        if allowed(&path, &["src/locale/"]) || test_module {
            continue;
        }
        let scanned = scan_rust(&source);
        for literal in scanned.literals.iter().filter(|literal| names_a_language(literal)) {
            found.push(format!("{path}: \"{literal}\""));
        }
        for asks in [".primary()", "primary_language", "eq_ignore_ascii_case(\"", "starts_with(\""] {
            if scanned.code.contains(asks) {
                found.push(format!("{path}: {asks}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "only src/locale/ reads language tags; ask it (locale::hyphenator, typography, direction, Locale::new):\n{}",
        found.join("\n")
    );
    assert!(names_a_language("uz-Latn") && names_a_language("Cyrl") && names_a_language("prs"));
    assert!(!names_a_language("History") && !names_a_language("h1"));
}

#[test]
fn the_source_scanner_tells_code_from_comments_strings_and_chars() {
    let scanned = scan_rust(
        "// crate::load\nuse crate::{fonts, load::Loaded};\nlet a = \"Key facts\"; let b = r#\"Page \"1\"\"#;\n\
         let c = '\"'; let d = '\\''; fn f<'a>(x: &'a str) {}\n/* printpdf:: /* nested */ */ let e = b\"Contents\";\n\
         #[cfg(test)]\nmod tests { const X: &str = \"Timeline\"; }\n",
    );
    assert_eq!(scanned.literals, ["Key facts", "Page \"1\"", "Contents"]);
    assert!(!scanned.code.contains("printpdf") && !scanned.code.contains("Key facts"));
    assert!(uses_loader(&scanned.code, false));
    assert!(!uses_loader("use crate::{fonts, loaded};", false));
    assert!(uses_loader("use super::load;", true) && !uses_loader("use super::load;", false));
    assert!(uses_path("use printpdf::Mm;", "printpdf") && !uses_path("my_printpdf::x", "printpdf"));
    assert!(contains_word("Page {n} of {m}", "Page") && !contains_word("Pages", "Page"));
}
