//! A packet's own pages before its members' sheets: the cover (title, subtitle, issuer, date
//! and the members' names on the sheet's deep blue and below it), the contents with the page
//! each organisation and section starts on, and the introduction in the sheet's two columns.
//! The contents are laid out twice: once to know how many pages they take, and again, in the
//! same lines, with the page numbers the members' layouts gave.

use crate::locale::Hyphenator;
use std::collections::HashMap;

use super::draw::{end, fill_rect, link, put_lines, start};
use super::{balanced_flow, columns, footer_lines, Foot, Geometry, Setter};
use crate::doc::{Block, Front, Key, Publication, Word};
use crate::error::Result;
use crate::fonts::FontStyle;
use crate::layout::linebreak::{set_paragraph, Align};
use crate::layout::masthead::fit_wordmark;
use crate::layout::style::{Color, TextStyle};
use crate::layout::{mm, Anchor, LinkTarget, Page, Paper, Rect, Role, SetLine};

/// The front's pages.
pub(super) struct FrontPages {
    pub pages: Vec<Page>,
    pub anchors: Vec<Anchor>,
    pub foot: Foot,
    pub warnings: Vec<String>,
}

/// A line of the contents: an organisation (level 0) or one of its sections (level 1).
struct Entry<'a> {
    id: &'a str,
    title: Word,
    level: u8,
}

/// The front, its contents numbered by `numbers` (anchor id -> page number). It is laid out
/// twice: without numbers, to know how many pages it takes before the members, and again with
/// the numbers the members' layouts gave. Numbers stand in a column of their own, so both
/// settings break every line alike and take the same pages.
pub(super) fn lay_out(
    front: &Front,
    publication: &Publication,
    paper: Paper,
    numbers: &HashMap<&str, usize>,
) -> Result<FrontPages> {
    let mut setter = Setter::new(&publication.meta.language);
    let footer_width = Geometry::new(paper, 0.0).body.width * 0.78;
    let lines = footer_lines(&mut setter, &front.footer, footer_width)?;
    let geo = Geometry::new(paper, setter.scale.footer.leading * lines.len() as f32);
    let mut pages = cover(&mut setter, &geo, front, publication)?;
    let contents_at = pages.len();
    let (contents, bottom) = contents(&mut setter, &geo, front, &entries(front, publication), numbers)?;
    let mut anchors = vec![Anchor {
        id: front.contents.id.clone(),
        title: front.contents.title.text.clone(),
        level: 0,
        outline: true,
        page: contents_at,
        y: geo.body.y,
    }];
    pages.extend(contents);
    if let Some(introduction) = &front.introduction {
        let mut blocks = Vec::new();
        let hyphenator = setter.hyphenator;
        columns::section_blocks(&mut setter, introduction, hyphenator, geo.column_width(), &mut blocks)?;
        // Below the contents, on their last page, when a few lines fit there.
        let mut start = bottom + mm(6.0);
        if geo.body.bottom() - start < setter.scale.body.leading * 6.0 {
            pages.push(geo.blank_page());
            start = geo.body.y;
        }
        let grid = setter.scale.body.leading;
        let (flowed, found) = balanced_flow(&geo, pages, start, &blocks, grid);
        pages = flowed;
        // The introduction stands beside the organisations in the outline, not under the contents.
        anchors.extend(found.into_iter().map(|a| Anchor { level: a.level.saturating_sub(1), ..a }));
    }
    let foot = Foot { footer: front.footer.clone(), lines, geo, key: front.key };
    Ok(FrontPages { pages, anchors, foot, warnings: setter.warnings })
}

/// The introduction, then each organisation with its top-level sections.
fn entries<'a>(front: &'a Front, publication: &'a Publication) -> Vec<Entry<'a>> {
    let mut entries = Vec::new();
    if let Some(introduction) = &front.introduction {
        entries.push(Entry { id: &introduction.id, title: introduction.title.clone(), level: 0 });
    }
    for part in &publication.parts {
        let Some(id) = &part.anchor else { continue };
        entries.push(Entry { id, title: Word::own(part.masthead.name.as_str()), level: 0 });
        for block in &part.blocks {
            if let Block::Section(section) = block {
                entries.push(Entry { id: &section.id, title: section.title.clone(), level: 1 });
            }
        }
    }
    entries
}

/// Places lines one under the other in columns, page after page: a long entry goes on in the
/// next column or on the next page instead of running off this one.
struct Stack {
    pages: Vec<Page>,
    columns: Vec<Rect>,
    column: usize,
    y: f32,
    /// The columns of the pages after this one.
    later: Vec<Rect>,
    blank: Page,
}

impl Stack {
    /// Columns (at least one) on `first`, and `later` on the pages after it.
    fn new(first: Page, columns: Vec<Rect>, later: Vec<Rect>) -> Self {
        let blank = Page { width: first.width, height: first.height, items: Vec::new() };
        let y = columns.first().map_or(0.0, |c| c.y);
        Stack { pages: vec![first], columns, column: 0, y, later, blank }
    }

    /// Other columns from here on: `here` on this page (from the current height), `later` after.
    fn switch(&mut self, here: Vec<Rect>, later: Vec<Rect>) {
        self.y = here.first().map_or(self.y, |c| c.y);
        self.columns = here;
        self.column = 0;
        self.later = later;
    }

    /// The top left of room for a line of `height` after `space` (no space at a column's top):
    /// in this column, the next, or on a new page.
    fn line(&mut self, space: f32, height: f32) -> (f32, f32) {
        let column = self.columns[self.column];
        let fresh = self.y <= column.y + 0.01;
        if !fresh && self.y + space + height > column.bottom() {
            if self.column + 1 < self.columns.len() {
                self.column += 1;
            } else {
                self.column = 0;
                self.pages.push(self.blank.clone());
                self.columns = self.later.clone();
            }
            self.y = self.columns[self.column].y;
        } else if !fresh {
            self.y += space;
        }
        let at = (self.columns[self.column].x, self.y);
        self.y += height;
        at
    }

    /// Sets `lines` from here, `indent` in from the column's left, each line a link to `target`
    /// when there is one (over `width`); returns the place of the last line.
    #[allow(clippy::too_many_arguments)]
    fn lines(
        &mut self,
        lines: &[SetLine],
        style: &TextStyle,
        role: &Role,
        key: Key,
        space: f32,
        indent: f32,
        target: Option<(&LinkTarget, f32)>,
    ) -> (f32, f32) {
        let mut last = (self.columns[self.column].x, self.y);
        for (i, line) in lines.iter().enumerate() {
            let (x, y) = self.line(if i == 0 { space } else { 0.0 }, style.leading);
            let items = self.items();
            put_lines(items, std::slice::from_ref(line), x + indent, y, style, role, key);
            if let Some((target, width)) = target {
                link(items, Rect { x: x + indent, y, width, height: style.leading }, target.clone(), key);
            }
            last = (x, y);
        }
        last
    }

    fn items(&mut self) -> &mut Vec<crate::layout::Item> {
        let last = self.pages.len() - 1;
        &mut self.pages[last].items
    }
}

/// The cover: the title and subtitle on the deep blue, the issuer and the date, then the
/// members' names in two columns (on more pages when there are many), each linked to its sheet.
fn cover(setter: &mut Setter, geo: &Geometry, front: &Front, publication: &Publication) -> Result<Vec<Page>> {
    let mut page = geo.blank_page();
    let items = &mut page.items;
    let key = front.key;
    let pad = mm(10.0);
    let width = geo.body.width - 2.0 * pad;
    let title_style = TextStyle::new(FontStyle::Bold, 34.0).leading(38.0).color(Color::WHITE);
    let (title, title_style) = fit_wordmark(&front.title, &title_style, 20.0, width)?;
    let subtitle_style = TextStyle::new(FontStyle::Regular, 14.0).leading(18.0).color(Color::ACCENT_SOFT);
    let subtitle = match &front.subtitle {
        Some(subtitle) => setter.set(subtitle, &subtitle_style, width, Align::Left)?,
        None => Vec::new(),
    };
    let text_height = title_style.leading * title.len() as f32
        + subtitle.first().map_or(0.0, |_| mm(3.0) + subtitle_style.leading * subtitle.len() as f32);
    // At most half the page: a title longer than that is cut there, as on the EPUB's cover (the
    // title page, the outline and the running footer give it in full).
    let most = geo.body.height * 0.5;
    let band_height = (text_height + 2.0 * pad).clamp(mm(60.0), most);
    let band = Rect { x: geo.body.x, y: geo.body.y, width: geo.body.width, height: band_height };
    fill_rect(items, band, Color::ACCENT, key);
    start(items, key, Role::Header);
    // The text sits at the foot of the band.
    let mut y = band.bottom() - pad - text_height.min(band_height - 2.0 * pad);
    let fits = |lines: &[SetLine], top: f32, style: &TextStyle| {
        let room = ((band.bottom() - pad - top) / style.leading + 0.001).floor().max(0.0) as usize;
        room.min(lines.len())
    };
    let shown = fits(&title, y, &title_style);
    y = put_lines(items, &title[..shown], band.x + pad, y, &title_style, &Role::Title, key);
    if !subtitle.is_empty() {
        y += mm(3.0);
        let shown = fits(&subtitle, y, &subtitle_style);
        put_lines(items, &subtitle[..shown], band.x + pad, y, &subtitle_style, &Role::Paragraph, key);
    }
    end(items, key, Role::Header);

    let full =
        |top: f32| Rect { x: geo.body.x, y: top, width: geo.body.width, height: geo.body.bottom() - top };
    let mut stack = Stack::new(page, vec![full(band.bottom() + mm(8.0))], vec![full(geo.body.y)]);
    let issuer_style = TextStyle::new(FontStyle::Bold, 11.0).leading(14.0);
    let date_style = TextStyle::new(FontStyle::Regular, 10.0).leading(13.0).color(Color::MUTED);
    if let Some(issued_by) = &front.issued_by {
        let lines = setter.set(issued_by, &issuer_style, geo.body.width, Align::Left)?;
        stack.lines(&lines, &issuer_style, &Role::Paragraph, key, 0.0, 0.0, None);
    }
    let lines = setter.set_word(&front.updated, &date_style, geo.body.width, Align::Left)?;
    stack.lines(&lines, &date_style, &Role::Paragraph, key, 0.0, 0.0, None);
    let heading_style = setter.scale.h1;
    let heading = setter.set_word(&front.members_title, &heading_style, geo.body.width, Align::Left)?;
    start(stack.items(), key, Role::Heading(1));
    stack.lines(&heading, &heading_style, &Role::Heading(1), key, mm(10.0), 0.0, None);
    end(stack.items(), key, Role::Heading(1));
    stack.switch(geo.columns(stack.y + mm(3.0)), geo.columns(geo.body.y));
    let name_style = TextStyle::new(FontStyle::Bold, 10.5).leading(13.0);
    let kinds_style = TextStyle::new(FontStyle::Regular, 8.5).leading(11.0).color(Color::MUTED);
    let width = geo.column_width();
    start(stack.items(), key, Role::List);
    for part in &publication.parts {
        let head = &part.masthead;
        let target = part.anchor.as_ref().map(|anchor| LinkTarget::Anchor(anchor.as_str().into()));
        let target = target.as_ref().map(|target| (target, width));
        let name = setter.set(&head.name, &name_style, width, Align::Left)?;
        let kinds = match head.kinds.is_empty() {
            true => Vec::new(),
            false => setter.set(&head.kinds, &kinds_style, width, Align::Left)?,
        };
        start(stack.items(), key, Role::ListItem);
        stack.lines(&name, &name_style, &Role::Paragraph, key, mm(3.0), 0.0, target);
        stack.lines(&kinds, &kinds_style, &Role::Paragraph, key, 0.0, 0.0, target);
        end(stack.items(), key, Role::ListItem);
    }
    end(stack.items(), key, Role::List);
    Ok(stack.pages)
}

/// The contents: each entry's title with its page number at the right, each line a link to
/// where it starts. `pages` gives the numbers (none yet on the first setting). Returns the
/// pages and the height the last one is filled to.
fn contents(
    setter: &mut Setter,
    geo: &Geometry,
    front: &Front,
    entries: &[Entry],
    pages: &HashMap<&str, usize>,
) -> Result<(Vec<Page>, f32)> {
    let key: Key = front.contents.key;
    let mut page = geo.blank_page();
    let title_style = TextStyle::new(FontStyle::Bold, 20.0).leading(24.0).color(Color::ACCENT);
    let title = setter.set_word(&front.contents.title, &title_style, geo.body.width, Align::Left)?;
    start(&mut page.items, key, Role::Section { language: None });
    start(&mut page.items, key, Role::Heading(1));
    let y = put_lines(&mut page.items, &title, geo.body.x, geo.body.y, &title_style, &Role::Heading(1), key);
    end(&mut page.items, key, Role::Heading(1));
    let top = y + mm(4.0);
    let column = Rect { x: geo.body.x, y: top, width: geo.body.width, height: geo.body.bottom() - top };
    let later = Rect { y: geo.body.y, height: geo.body.height, ..column };
    let mut stack = Stack::new(page, vec![column], vec![later]);
    start(stack.items(), key, Role::List);
    // Numbers stand in a column of their own, so that the titles break the same with or without them.
    let number_width = mm(14.0);
    for entry in entries {
        let (style, indent, space) = match entry.level {
            0 => (TextStyle::new(FontStyle::Bold, 11.0).leading(14.0), 0.0, mm(4.0)),
            _ => (setter.scale.body, mm(6.0), mm(1.0)),
        };
        let width = geo.body.width - indent - number_width;
        let lines = setter.set_word(&entry.title, &style, width, Align::Left)?;
        let target = LinkTarget::Anchor(entry.id.into());
        start(stack.items(), key, Role::ListItem);
        let area = geo.body.width - indent;
        let (_, last_line) =
            stack.lines(&lines, &style, &Role::Paragraph, key, space, indent, Some((&target, area)));
        if let Some(number) = pages.get(entry.id) {
            let set =
                set_paragraph(&number.to_string(), &style, Hyphenator::None, number_width, Align::Left)?;
            let right = geo.body.right() - set.iter().map(|l| l.width).fold(0.0, f32::max);
            let items = stack.items();
            start(items, key, Role::Label);
            put_lines(items, &set, right, last_line, &style, &Role::Label, key);
            end(items, key, Role::Label);
        }
        end(stack.items(), key, Role::ListItem);
    }
    end(stack.items(), key, Role::List);
    end(stack.items(), key, Role::Section { language: None });
    Ok((stack.pages, stack.y))
}
