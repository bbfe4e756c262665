//! The structure tree, built from the layout's tags while the pages are drawn (Typst's way:
//! accessibility is a walk over what layout already knows). Every piece of content drawn is
//! either an artifact (decoration, running footers) or marked with an MCID that belongs to
//! exactly one structure element; every link area gets a `Link` element. This module only
//! decides; `structure` writes the tree into the PDF once page and annotation objects exist.

use std::collections::VecDeque;

use crate::doc::Key;
use crate::layout::text::Look;
use crate::layout::{Artifact, Role, Tag};

/// An element of the structure tree: its standard structure type and attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// `Document`, `Part`, `Sect`, `H1`, `P`, `Table`, `TR`, `TH`, `TD`, `L`, `LI`, `Lbl`,
    /// `LBody`, `Figure`, `Link`, `Reference`, `Span`, `Caption`.
    pub kind: &'static str,
    /// Index of the parent element; the root (0) is its own.
    pub parent: usize,
    pub kids: Vec<Kid>,
    pub alt: Option<String>,
    pub lang: Option<String>,
    /// A table header cell that heads its row.
    pub row_header: bool,
    /// A link's text, for its annotation's description.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kid {
    Element(usize),
    /// Marked content `mcid` on page `page`.
    Content {
        page: usize,
        mcid: u32,
    },
    /// The `link`-th link area of page `page` (its annotation).
    Annotation {
        page: usize,
        link: usize,
    },
}

/// How to mark a piece of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Marking {
    Artifact(Artifact),
    /// Real content: the element's structure type and its MCID on the page.
    Content {
        kind: &'static str,
        mcid: u32,
    },
}

/// The tree as built, with what the writer needs to link it to pages and annotations.
#[derive(Debug, Default)]
pub struct StructTree {
    pub elements: Vec<Element>,
    /// For each page, the element of each MCID (index = MCID).
    pub page_contents: Vec<Vec<usize>>,
    /// For each page, the `Link` element of each link area, in the page's order.
    pub page_links: Vec<Vec<usize>>,
}

/// Builds the tree item by item, in the order the pages draw them.
pub struct Tagger {
    tree: StructTree,
    /// Open groups: the block that opened them and their element.
    open: Vec<(Key, usize)>,
    /// The element the last leaf content went to, with what it was made for: consecutive lines
    /// of one paragraph share it.
    leaf: Option<(usize, usize, Key, &'static str)>,
    /// Link elements of the last line's linked runs, waiting for their link areas.
    pending_links: VecDeque<usize>,
    page: usize,
}

impl Tagger {
    pub fn new(language: &str) -> Self {
        let root = Element {
            kind: "Document",
            parent: 0,
            kids: Vec::new(),
            alt: None,
            lang: Some(language.to_string()),
            row_header: false,
            text: String::new(),
        };
        Tagger {
            tree: StructTree { elements: vec![root], ..StructTree::default() },
            open: Vec::new(),
            leaf: None,
            pending_links: VecDeque::new(),
            page: 0,
        }
    }

    pub fn finish(self) -> StructTree {
        self.tree
    }

    /// Page `index` starts: MCIDs count from 0 again.
    pub fn begin_page(&mut self, index: usize) {
        self.page = index;
        while self.tree.page_contents.len() <= index {
            self.tree.page_contents.push(Vec::new());
            self.tree.page_links.push(Vec::new());
        }
        self.pending_links.clear();
    }

    fn current(&self) -> usize {
        self.open.last().map_or(0, |(_, element)| *element)
    }

    fn add(&mut self, parent: usize, kind: &'static str) -> usize {
        let index = self.tree.elements.len();
        self.tree.elements.push(Element {
            kind,
            parent,
            kids: Vec::new(),
            alt: None,
            lang: None,
            // Every header cell of the key facts heads its row.
            row_header: kind == "TH",
            text: String::new(),
        });
        self.tree.elements[parent].kids.push(Kid::Element(index));
        index
    }

    /// A group opens: a new element under the innermost open one.
    pub fn start(&mut self, tag: &Tag) {
        let Some(kind) = structure_type(&tag.role) else {
            // An artifact group holds nothing a reader needs: its items are artifacts anyway.
            self.open.push((tag.block, self.current()));
            return;
        };
        let parent = self.current();
        let element = self.add(parent, kind);
        let attributes = &mut self.tree.elements[element];
        match &tag.role {
            Role::Part { language } => attributes.lang = Some(language.clone()),
            Role::Section { language: Some(language) } => attributes.lang = Some(language.clone()),
            Role::Figure { alt } => attributes.alt = Some(alt.clone()),
            _ => {}
        }
        self.open.push((tag.block, element));
        self.leaf = None;
    }

    /// The innermost open group of `block` closes (and any opened inside it and left open).
    pub fn end(&mut self, block: Key) {
        if let Some(at) = self.open.iter().rposition(|(key, _)| *key == block) {
            self.open.truncate(at);
        }
        self.leaf = None;
    }

    /// The element that content of `role` from `block` belongs to: the innermost group when it
    /// is of that kind, else a child made for it (one per run of consecutive items).
    fn leaf_for(&mut self, role: &Role, block: Key) -> Option<usize> {
        let wanted = structure_type(role)?;
        let group = self.current();
        let group_kind = self.tree.elements[group].kind;
        // A list item holds only its label and its body: its own text is its body. A cell's,
        // a figure's, a link's or a heading's text is itself.
        let kind = match (group_kind, wanted) {
            ("LI", "Lbl") => "Lbl",
            ("LI", _) => "LBody",
            ("TH" | "TD" | "Figure" | "Caption" | "Lbl" | "LBody" | "Link", _) => return Some(group),
            (g, "P") if g.starts_with('H') && g.len() == 2 => return Some(group),
            (g, w) if g == w && group != 0 => return Some(group),
            (_, "Link") => "P",
            (_, kind) => kind,
        };
        if let Some((element, parent, key, made)) = self.leaf {
            if parent == group && key == block && made == kind {
                return Some(element);
            }
        }
        let element = self.add(group, kind);
        self.leaf = Some((element, group, block, kind));
        Some(element)
    }

    fn mark(&mut self, element: usize) -> Marking {
        let contents = &mut self.tree.page_contents[self.page];
        let mcid = contents.len() as u32;
        contents.push(element);
        self.tree.elements[element].kids.push(Kid::Content { page: self.page, mcid });
        Marking::Content { kind: self.tree.elements[element].kind, mcid }
    }

    /// The list item's last body, or a new one.
    fn body_of(&mut self, item: usize) -> usize {
        let last_body = self.tree.elements[item].kids.iter().rev().find_map(|kid| match kid {
            Kid::Element(e) if self.tree.elements[*e].kind == "LBody" => Some(*e),
            _ => None,
        });
        last_body.unwrap_or_else(|| self.add(item, "LBody"))
    }

    /// A shape or picture of `role` from `block`.
    pub fn content(&mut self, role: &Role, block: Key) -> Marking {
        if let Role::Artifact(kind) = role {
            return Marking::Artifact(*kind);
        }
        match self.leaf_for(role, block) {
            Some(element) => self.mark(element),
            None => Marking::Artifact(Artifact::Layout),
        }
    }

    /// A line of text starts: its linked runs' elements wait for the line's link areas.
    pub fn begin_line(&mut self) {
        self.pending_links.clear();
    }

    /// One run of a line: under its paragraph, inside a `Span` when in another language, a
    /// `Link` when linked (a citation: a `Reference` holding the link). Neighbouring runs of one
    /// link share its element, as they share its area.
    pub fn run(
        &mut self,
        role: &Role,
        block: Key,
        look: &Look,
        previous: Option<&Look>,
        text: &str,
    ) -> Marking {
        if let Role::Artifact(kind) = role {
            return Marking::Artifact(*kind);
        }
        let Some(mut element) = self.leaf_for(role, block) else {
            return Marking::Artifact(Artifact::Layout);
        };
        if let Some(language) = &look.span_language {
            let span = self.add(element, "Span");
            self.tree.elements[span].lang = Some(language.to_string());
            element = span;
        }
        if let Some(target) = &look.link {
            let continues = previous.and_then(|p| p.link.as_ref()) == Some(target);
            match self.pending_links.back().copied().filter(|_| continues) {
                Some(link) => element = link,
                // Inside a link group (the address beside its QR code): the group is the link.
                None if self.tree.elements[element].kind == "Link" => self.pending_links.push_back(element),
                None => {
                    let parent = if look.citation { self.add(element, "Reference") } else { element };
                    let link = self.add(parent, "Link");
                    self.pending_links.push_back(link);
                    element = link;
                }
            }
            self.tree.elements[element].text.push_str(text);
        }
        self.mark(element)
    }

    /// A link area: the annotation joins the `Link` element of its run, or a `Link` of its own
    /// (an area over text that is not itself a link run, such as a contents line).
    pub fn link_area(&mut self) {
        let group = self.current();
        let link = match self.pending_links.pop_front() {
            Some(link) => link,
            None if self.tree.elements[group].kind == "Link" => group,
            None => {
                // Beside the text just set, when it was set in this group: the area covers it.
                // A list item's link belongs to its body.
                let parent = match self.leaf {
                    _ if self.tree.elements[group].kind == "LI" => self.body_of(group),
                    Some((leaf, parent, _, _)) if parent == group => leaf,
                    _ => group,
                };
                self.add(parent, "Link")
            }
        };
        let links = &mut self.tree.page_links[self.page];
        links.push(link);
        let kid = Kid::Annotation { page: self.page, link: links.len() - 1 };
        self.tree.elements[link].kids.push(kid);
    }
}

/// The standard structure type of a role; `None` for artifacts.
fn structure_type(role: &Role) -> Option<&'static str> {
    Some(match role {
        Role::Part { .. } => "Part",
        Role::Section { .. } | Role::Header => "Sect",
        Role::Title => "H1",
        Role::Heading(level) => match level {
            0 | 1 => "H1",
            2 => "H2",
            3 => "H3",
            4 => "H4",
            5 => "H5",
            _ => "H6",
        },
        Role::Paragraph => "P",
        Role::Table => "Table",
        Role::TableRow => "TR",
        Role::TableHeader => "TH",
        Role::TableCell => "TD",
        Role::Caption => "Caption",
        Role::List => "L",
        Role::ListItem => "LI",
        Role::Label => "Lbl",
        Role::Figure { .. } => "Figure",
        Role::Link => "Link",
        Role::Artifact(_) => return None,
    })
}
