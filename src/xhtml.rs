//! Document -> XHTML chapters for the EPUB. All escaping happens here, in one place; every
//! element in another language than the book carries `lang` and `xml:lang`.

use crate::compose::{DocSection, Document};
use crate::i18n::full_stop;
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
    /// An XHTML 5 document with the book's language and stylesheet.
    pub fn new(title: &str, language: &LanguageTag, body_type: &str) -> Self {
        let lang = escape(language.as_str());
        let mut out = String::with_capacity(8 * 1024);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
        out.push_str(&format!(
            "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">\n"
        ));
        out.push_str(&format!(
            "<head>\n<meta charset=\"utf-8\"/>\n<title>{}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"stylesheet.css\"/>\n</head>\n",
            escape(title)
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

/// `lang` and `xml:lang` for an element whose language differs from the book's.
fn language_attributes<'a>(
    language: Option<&'a LanguageTag>,
    book: &LanguageTag,
) -> Vec<(&'static str, &'a str)> {
    match language {
        Some(tag) if tag != book => vec![("lang", tag.as_str()), ("xml:lang", tag.as_str())],
        _ => Vec::new(),
    }
}

/// Where the logo is stored in the book, when the data has one.
pub const LOGO_FILE: &str = "images/logo.png";

/// The cover page: the generated cover image with a text alternative.
pub fn cover_page(doc: &Document, image: &str) -> String {
    let mut page = Page::new(doc.labels.cover, &doc.language, "cover");
    let alt = crate::i18n::fill(doc.labels.cover_alt, &[("name", &doc.name), ("kinds", &doc.kinds)]);
    page.open("section", &[("class", "cover"), ("aria-label", doc.labels.cover)]);
    page.open("img", &[("src", image), ("alt", alt.trim_end_matches(", "))]).close();
    page.close();
    page.finish()
}

/// The title page: name, kind, lead, attribution.
pub fn title_page(doc: &Document) -> String {
    let mut page = Page::new(&doc.name, &doc.language, "titlepage");
    page.open("section", &[("class", "title-page"), ("aria-label", doc.labels.title_page)]);
    if let Some(logo) = &doc.logo {
        page.open("p", &[("class", "logo")]);
        page.open("img", &[("src", LOGO_FILE), ("alt", &logo.alt)]).close();
        page.close();
    }
    page.element("h1", &[("class", "wordmark")], &doc.name);
    if !doc.kinds.is_empty() {
        page.element("p", &[("class", "kinds")], &doc.kinds);
    }
    page.element("p", &[("class", "lead")], &doc.lead);
    page.element("p", &[("class", "as-of")], &doc.updated_line);
    page.close();
    page.finish()
}

/// The key facts as a real table: caption, a header cell per row.
pub fn facts_chapter(doc: &Document) -> String {
    let mut page = Page::new(doc.labels.key_facts, &doc.language, "bodymatter");
    page.open("section", &[("aria-labelledby", "facts-title")]);
    page.element("h1", &[("id", "facts-title")], doc.labels.key_facts);
    page.open("table", &[("class", "facts")]);
    page.element("caption", &[], &doc.name);
    page.open("tbody", &[]);
    for fact in &doc.facts {
        page.open("tr", &[]);
        page.element("th", &[("scope", "row")], &fact.label);
        page.open("td", &[]);
        match &fact.link {
            Some(url) => page.link(url.as_str(), &fact.value),
            None => page.text(&fact.value),
        };
        page.close().close();
    }
    page.close().close().close();
    page.finish()
}

/// One chapter: a top-level section with its subsections as nested headings.
pub fn section_chapter(doc: &Document, section: &DocSection) -> String {
    let mut page = Page::new(&section.title, &doc.language, "bodymatter");
    write_section(&mut page, doc, section);
    page.finish()
}

fn write_section(page: &mut Page, doc: &Document, section: &DocSection) {
    let heading = if section.level == 1 { "h1" } else { "h2" };
    let mut attributes = vec![("id", section.id.as_str())];
    attributes.extend(language_attributes(section.language.as_ref(), &doc.language));
    page.open("section", &attributes);
    page.element(heading, &[], &section.title);
    for paragraph in &section.paragraphs {
        page.element("p", &[], paragraph);
    }
    for subsection in &section.subsections {
        write_section(page, doc, subsection);
    }
    page.close();
}

/// The file a section's chapter is written to.
pub fn chapter_file(top_level_id: &str) -> String {
    format!("section-{top_level_id}.xhtml")
}

/// The chapter file and fragment of any section or subsection.
pub fn section_href(doc: &Document, id: &str) -> String {
    let chapter = doc
        .sections
        .iter()
        .find(|s| s.id == id || s.subsections.iter().any(|c| c.id == id))
        .map_or(id, |s| s.id.as_str());
    format!("{}#{id}", chapter_file(chapter))
}

/// The timeline as an ordered list, each event linked to the section that tells it.
pub fn timeline_chapter(doc: &Document) -> String {
    let mut page = Page::new(doc.labels.timeline, &doc.language, "bodymatter");
    page.open("section", &[("aria-labelledby", "timeline-title")]);
    page.element("h1", &[("id", "timeline-title")], doc.labels.timeline);
    page.open("ol", &[("class", "timeline")]);
    for event in &doc.timeline {
        page.open("li", &[]);
        page.element("time", &[("datetime", &event.date.to_string())], &event.date_label);
        page.text(" ");
        page.open("a", &[("href", &section_href(doc, &event.section_id))]);
        page.element("strong", &[], &event.title);
        page.close();
        page.text(" ");
        page.text(&event.text);
        page.close();
    }
    page.close().close();
    page.finish()
}

/// Sources with their addresses and licences, and the attribution line.
pub fn sources_chapter(doc: &Document) -> String {
    let mut page = Page::new(doc.labels.sources, &doc.language, "backmatter");
    page.open("section", &[("aria-labelledby", "sources-title")]);
    page.element("h1", &[("id", "sources-title")], doc.labels.sources);
    page.open("ul", &[("class", "sources")]);
    for source in &doc.sources {
        page.open("li", &language_attributes(source.language.as_ref(), &doc.language));
        page.text(&full_stop(&source.citation)).text(" ");
        if let Some(url) = &source.url {
            page.link(url.as_str(), url.as_str());
        }
        if let Some((name, url)) = &source.licence {
            page.text(&format!(" · {}: ", doc.labels.licence));
            page.link(url.as_str(), name);
        }
        page.close();
    }
    page.close();
    if !doc.attribution.is_empty() {
        page.element("p", &[("class", "attribution")], &doc.attribution);
    }
    page.element("p", &[("class", "as-of")], &doc.updated_line);
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
        let mut page = Page::new("T", &lang, "bodymatter");
        page.open("section", &[]).open("p", &[]).text("a < b");
        let xhtml = page.finish();
        assert!(xhtml.ends_with("</p>\n</section>\n</body></html>\n"), "{xhtml}");
        assert!(xhtml.contains("a &lt; b"));
    }
}
