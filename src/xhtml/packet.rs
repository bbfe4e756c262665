//! A packet's own pages in the EPUB: its title page (title, subtitle, issuer, date and the
//! members, each linked to its part) and its contents (each member with its chapters).

use super::{
    chapter_file, language_attributes, part_file, Chapters, Page, FACTS_FILE, ISSUER_LOGO_FILE, SOURCES_FILE,
    TIMELINE_FILE,
};
use crate::doc::{Block, Front, Part, Publication, Word};

/// The packet's title page.
pub fn packet_title_page(publication: &Publication, front: &Front, book: &Chapters) -> String {
    let meta = &publication.meta;
    let mut page = Page::new(&Word::own(front.title.as_str()), &meta.language, "titlepage");
    page.open("section", &[("class", "title-page"), ("aria-label", &meta.words.title_page)]);
    page.element("h1", &[("class", "wordmark")], &front.title);
    if let Some(subtitle) = &front.subtitle {
        page.element("p", &[("class", "kinds")], subtitle);
    }
    if let Some(logo) = meta.issuer.as_ref().and_then(|issuer| issuer.logo.as_ref()) {
        page.open("p", &[("class", "logo")]);
        page.open("img", &[("src", ISSUER_LOGO_FILE), ("alt", &logo.alt)]).close();
        page.close();
    }
    if let Some(issued_by) = &front.issued_by {
        page.element("p", &[("class", "issuer")], issued_by);
    }
    page.word("p", &[("class", "as-of")], &front.updated);
    page.open("section", &[("class", "members"), ("aria-labelledby", "members_title")]);
    page.word("h2", &[("id", "members_title")], &front.members_title);
    page.open("ul", &[("class", "members")]);
    for part in &publication.parts {
        let head = &part.masthead;
        page.open("li", &member_language(publication, part));
        match &part.anchor {
            Some(anchor) => page.link(&book.href(anchor), &head.name),
            None => page.text(&head.name),
        };
        if !head.kinds.is_empty() {
            page.text(" — ").text(&head.kinds);
        }
        page.close();
    }
    page.close().close().close();
    page.finish()
}

/// `lang` and `xml:lang` for a member in another language than the packet.
fn member_language<'a>(publication: &Publication, part: &'a Part) -> Vec<(&'static str, &'a str)> {
    let different = part.lang != publication.meta.language;
    language_attributes(Some(&part.lang).filter(|_| different))
}

/// The contents as a page of the book: the introduction, then each member with its chapters.
pub fn contents_page(publication: &Publication, front: &Front, book: &Chapters) -> String {
    let meta = &publication.meta;
    let mut page = Page::new(&front.contents.title, &meta.language, "frontmatter");
    page.open("section", &[("id", &front.contents.id), ("aria-labelledby", "contents_title")]);
    page.word("h1", &[("id", "contents_title")], &front.contents.title);
    page.open("ol", &[("class", "contents")]);
    if let Some(introduction) = &front.introduction {
        page.open("li", &[]).link_word(&book.href(&introduction.id), &introduction.title).close();
    }
    for part in &publication.parts {
        let Some(anchor) = &part.anchor else { continue };
        page.open("li", &member_language(publication, part)).link(&book.href(anchor), &part.masthead.name);
        page.open("ol", &[]);
        for block in &part.blocks {
            let (href, title) = match block {
                Block::Facts(facts) => (part_file(part, FACTS_FILE), &facts.title),
                Block::Section(section) => (chapter_file(&section.id), &section.title),
                Block::Timeline(timeline) if !timeline.events.is_empty() => {
                    (part_file(part, TIMELINE_FILE), &timeline.title)
                }
                Block::Sources(sources) => (part_file(part, SOURCES_FILE), &sources.title),
                _ => continue,
            };
            page.open("li", &[]).link_word(&href, title).close();
        }
        page.close().close();
    }
    page.close().close();
    page.finish()
}
