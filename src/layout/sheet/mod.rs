//! The fact sheet's design: a header band with the wordmark and a QR code, the lead beside the
//! key-facts box, a timeline graphic, then the sections in two columns, and a running footer.
//! What does not fit where the design puts it (a long name, lead, fact or timeline label) goes
//! on in the columns, so that nothing the data says runs off the page or under the footer.

mod band;
mod columns;
mod draw;
mod front;
mod opening;
mod timeline;

use super::flow::{Block as FlowBlock, Flow};
use super::linebreak::{set_paragraph, set_styled, Align};
use super::style::{Color, TextStyle, TypeScale};
use super::text::StyledText;
use super::{mm, Anchor, Artifact, Item, ItemKind, Layout, Page, Paper, Rect, Role, SetLine, Tag};
use crate::doc::{Block, Footer, Inline, Key, Part, Publication, Word};
use crate::error::{Error, Result};
use crate::locale::{self, Hyphenator};
use crate::values::LanguageTag;
use draw::put_lines;
use rayon::prelude::*;
use std::collections::HashMap;

/// Where a part of the design went: drawn in its place, or left to the columns.
enum Placement {
    /// Drawn, down to `bottom` on the last page.
    Placed { bottom: f32 },
    /// As blocks for the columns, in reading order.
    Flowing(Vec<FlowBlock>),
}

/// Page geometry for one paper size.
#[derive(Clone)]
struct Geometry {
    width: f32,
    height: f32,
    /// Where the content goes (footer excluded).
    body: Rect,
    footer_top: f32,
    /// At least 12 mm from every edge: what office printers print.
    printable: Rect,
    column_gap: f32,
}

impl Geometry {
    fn new(paper: Paper, footer_height: f32) -> Self {
        let (width, height) = paper.size();
        let side = mm(16.0);
        let top = mm(15.0);
        // The footer's last line ends 14 mm above the edge, inside the 12 mm safe margin.
        let footer_top = height - mm(14.0) - mm(1.5) - footer_height;
        let safe = mm(12.0);
        Geometry {
            width,
            height,
            body: Rect { x: side, y: top, width: width - 2.0 * side, height: footer_top - mm(5.0) - top },
            footer_top,
            printable: Rect { x: safe, y: safe, width: width - 2.0 * safe, height: height - 2.0 * safe },
            column_gap: mm(6.0),
        }
    }

    fn blank_page(&self) -> Page {
        Page { width: self.width, height: self.height, items: Vec::new() }
    }

    /// Two columns from `top` to the foot of the body.
    fn columns(&self, top: f32) -> Vec<Rect> {
        let width = (self.body.width - self.column_gap) / 2.0;
        let height = (self.body.bottom() - top).max(0.0);
        (0..2)
            .map(|i| Rect { x: self.body.x + i as f32 * (width + self.column_gap), y: top, width, height })
            .collect()
    }

    fn column_width(&self) -> f32 {
        (self.body.width - self.column_gap) / 2.0
    }
}

/// Sets text in the sheet's type scale, hyphenating by a language, and keeps what went wrong.
struct Setter {
    scale: TypeScale,
    /// How the part's running text is hyphenated.
    hyphenator: Hyphenator,
    warnings: Vec<String>,
}

impl Setter {
    fn new(language: &LanguageTag) -> Self {
        Setter { scale: TypeScale::sheet(), hyphenator: locale::hyphenator(language), warnings: Vec::new() }
    }

    fn set(&mut self, text: &str, style: &TextStyle, width: f32, align: Align) -> Result<Vec<SetLine>> {
        // Only running (justified) text hyphenates: names, headings and labels stay whole.
        let hyphenator = if align == Align::Justify { self.hyphenator } else { Hyphenator::None };
        self.set_styled(&StyledText::plain(text, style, hyphenator), width, align)
    }

    /// A fixed word (or a heading): a fallback word in a span of its own language, so that
    /// the PDF tags it with that language.
    fn set_word(&mut self, word: &Word, style: &TextStyle, width: f32, align: Align) -> Result<Vec<SetLine>> {
        match &word.lang {
            None => self.set(word, style, width, align),
            Some(lang) => {
                let span =
                    [Inline::Span { lang: lang.clone(), content: vec![Inline::Text(word.text.clone())] }];
                self.set_inlines(&span, style, Hyphenator::None, width, align)
            }
        }
    }

    /// Inline content in `style`; hyphenated by `hyphenator` when justified.
    fn set_inlines(
        &mut self,
        content: &[Inline],
        style: &TextStyle,
        hyphenator: Hyphenator,
        width: f32,
        align: Align,
    ) -> Result<Vec<SetLine>> {
        let hyphenator = if align == Align::Justify { hyphenator } else { Hyphenator::None };
        self.set_styled(&StyledText::from_inlines(content, style, hyphenator), width, align)
    }

    fn set_styled(&mut self, styled: &StyledText, width: f32, align: Align) -> Result<Vec<SetLine>> {
        let lines = set_styled(styled, width, align)?;
        for line in lines.iter().filter(|l| l.width > width + 0.01) {
            self.warnings.push(format!(
                "a line is wider than its column ({:.2} > {width:.2}): “{}”",
                line.width,
                short(&line.text)
            ));
        }
        if let Some(line) = lines.iter().find(|l| l.split_word) {
            self.warnings
                .push(format!("a word is wider than its column and was split: “{}”", short(&line.text)));
        }
        Ok(lines)
    }
}

/// Everything laying out one part needs: the part, and a setter in its language.
struct Context<'a> {
    part: &'a Part,
    setter: Setter,
}

impl std::ops::Deref for Context<'_> {
    type Target = Setter;
    fn deref(&self) -> &Setter {
        &self.setter
    }
}

impl std::ops::DerefMut for Context<'_> {
    fn deref_mut(&mut self) -> &mut Setter {
        &mut self.setter
    }
}

fn short(text: &str) -> String {
    text.chars().take(40).collect()
}

/// A part's pages with what their feet need: the footer's words, set, and the page geometry.
struct PartPages {
    pages: Vec<Page>,
    anchors: Vec<Anchor>,
    foot: Foot,
    warnings: Vec<String>,
}

/// The running foot of a run of pages.
#[derive(Clone)]
struct Foot {
    footer: Footer,
    lines: Vec<SetLine>,
    geo: Geometry,
    key: Key,
}

/// Lays out the publication: a packet's front (cover, contents, introduction), then every
/// part from a new page (a right-hand one when `duplex`), the parts in parallel. Pages are
/// numbered over the whole publication.
pub fn lay_out(publication: &Publication, paper: Paper, duplex: bool) -> Result<Layout> {
    let parts: Vec<Result<PartPages>> = if publication.parts.len() > 1 {
        publication.parts.par_iter().map(|part| lay_out_part(part, paper)).collect()
    } else {
        publication.parts.iter().map(|part| lay_out_part(part, paper)).collect()
    };
    let mut layout = Layout {
        pages: Vec::new(),
        anchors: Vec::new(),
        printable: Geometry::new(paper, 0.0).printable,
        warnings: Vec::new(),
    };
    // The foot of each page, by index; `None` on a blank page.
    let mut feet: Vec<Option<Foot>> = Vec::new();
    let numberless = HashMap::new();
    let front = match &publication.front {
        Some(front) => {
            let laid = front::lay_out(front, publication, paper, &numberless)?;
            let count = laid.pages.len();
            layout.anchors.extend(laid.anchors);
            feet.extend(laid.pages.iter().map(|_| Some(laid.foot.clone())));
            layout.pages.extend(laid.pages);
            layout.warnings.extend(laid.warnings);
            Some((front, count))
        }
        None => None,
    };
    for (part, laid) in publication.parts.iter().zip(parts) {
        let laid = laid?;
        if duplex && layout.pages.len() % 2 == 1 {
            layout.pages.push(Geometry::new(paper, 0.0).blank_page());
            feet.push(None);
        }
        let offset = layout.pages.len();
        if let Some(id) = &part.anchor {
            let title = part.masthead.name.clone();
            layout.anchors.push(Anchor {
                id: id.clone(),
                title,
                level: 0,
                outline: true,
                page: offset,
                // The top of the body: a link lands on the sheet's first line, not above the page.
                y: laid.foot.geo.body.y,
            });
        }
        layout.anchors.extend(laid.anchors.into_iter().map(|a| Anchor { page: a.page + offset, ..a }));
        feet.extend(laid.pages.iter().map(|_| Some(laid.foot.clone())));
        layout.pages.extend(laid.pages);
        layout.warnings.extend(laid.warnings);
    }
    if let Some((front, count)) = front {
        // Again, now that every organisation's page is known (the same pages, numbered).
        let numbers: HashMap<&str, usize> =
            layout.anchors.iter().rev().map(|anchor| (anchor.id.as_str(), anchor.page + 1)).collect();
        let numbered = front::lay_out(front, publication, paper, &numbers)?;
        if numbered.pages.len() != count {
            return Err(Error::Layout("the packet's contents took more pages once numbered".into()));
        }
        layout.pages.splice(0..count, numbered.pages);
    }
    let total = layout.pages.len();
    let mut setter = Setter::new(&publication.meta.language);
    for (index, (page, foot)) in layout.pages.iter_mut().zip(&feet).enumerate() {
        if let Some(foot) = foot {
            put_footer(&mut setter, page, foot, index + 1, total)?;
        }
    }
    layout.warnings.extend(setter.warnings);
    Ok(layout)
}

/// Lays out a part with its timeline's event texts on the sheet where they fit: without them
/// when they would add a page or leave the last page less than half full. The band, the
/// opening and the columns' blocks are made once; only the timeline and the flow differ.
fn lay_out_part(part: &Part, paper: Paper) -> Result<PartPages> {
    let mut cx = Context { part, setter: Setter::new(&part.lang) };
    let footer_width = Geometry::new(paper, 0.0).body.width * 0.78;
    let footer_lines = footer_lines(&mut cx, &part.footer, footer_width)?;
    let footer_height = cx.scale.footer.leading * footer_lines.len() as f32;
    let geo = Geometry::new(paper, footer_height);
    let part_key = part.masthead.key;
    let opened = band_and_opening(&mut cx, &geo)?;
    let columns = column_blocks(&mut cx, geo.column_width())?;
    let texts = part.blocks.iter().any(|b| match b {
        Block::Timeline(t) => t.events.iter().any(|e| !e.text.is_empty()),
        _ => false,
    });
    let warned = cx.warnings.len();
    let without = timeline_and_columns(&mut cx, &geo, &opened, &columns, false)?;
    let mut chosen = without;
    if texts {
        let said = cx.warnings.split_off(warned);
        let with_texts = timeline_and_columns(&mut cx, &geo, &opened, &columns, true)?;
        let score = |laid: &(Vec<Page>, Vec<Anchor>)| (wasteful(&laid.0, &geo), laid.0.len());
        if score(&with_texts) <= score(&chosen) {
            chosen = with_texts;
        } else {
            // Each problem said once: the warnings of the layout kept.
            cx.warnings.truncate(warned);
            cx.warnings.extend(said);
        }
    }
    let foot = Foot { footer: part.footer.clone(), lines: footer_lines, geo, key: part_key };
    Ok(PartPages { pages: chosen.0, anchors: chosen.1, foot, warnings: cx.setter.warnings })
}

/// The last page is less than half full (a page of its own for a few lines).
fn wasteful(pages: &[Page], geo: &Geometry) -> bool {
    let Some(last) = pages.last() else { return false };
    let lowest = last
        .items
        .iter()
        .filter_map(|item| match &item.kind {
            ItemKind::Text { baseline, .. } => Some(*baseline),
            _ => None,
        })
        .fold(geo.body.y, f32::max);
    pages.len() > 1 && lowest - geo.body.y < geo.body.height / 2.0
}

/// The sections, the sources and the colophon as blocks for the columns.
fn column_blocks(cx: &mut Context, width: f32) -> Result<Vec<FlowBlock>> {
    let part_hyphenator = cx.hyphenator;
    let mut blocks = Vec::new();
    for block in &cx.part.blocks {
        match block {
            Block::Section(section) => {
                columns::section_blocks(cx, section, part_hyphenator, width, &mut blocks)?
            }
            Block::Sources(sources) => blocks.extend(columns::source_blocks(cx, sources, width)?),
            Block::Colophon(paragraph) => blocks.push(columns::colophon_block(cx, paragraph, width)?),
            _ => {}
        }
    }
    Ok(blocks)
}

/// The first page with the band and the opening drawn: the page, the y below them, and what
/// did not fit there, as the columns' first blocks.
struct Opened {
    page: Page,
    bottom: f32,
    rest: Vec<FlowBlock>,
}

/// The band and the opening where the design puts them, on the first page: what did not fit
/// (the rest of the name first, then whatever comes after it in reading order) is left to the
/// columns.
fn band_and_opening(cx: &mut Context, geo: &Geometry) -> Result<Opened> {
    let part = cx.part;
    let mut first = geo.blank_page();
    let part_role = Role::Part { language: part.lang.as_str().to_string() };
    let part_key = part.masthead.key;
    first.items.push(Item {
        kind: ItemKind::Start(Tag { block: part_key, role: part_role.clone() }),
        role: part_role,
        block: part_key,
    });
    let band = band::header_band(cx, &mut first.items, geo)?;
    let mut rest = band.rest;
    let mut bottom = band.bottom;
    let in_place = rest.is_empty();
    match opening::opening(cx, &mut first.items, geo, bottom + mm(6.0), in_place)? {
        Placement::Placed { bottom: below } => bottom = below,
        Placement::Flowing(opening) => rest.extend(opening),
    }
    Ok(Opened { page: first, bottom, rest })
}

/// The timeline (its event texts on the sheet when `with_texts`), then the columns: the pages
/// and the anchors of the part.
fn timeline_and_columns(
    cx: &mut Context,
    geo: &Geometry,
    opened: &Opened,
    columns: &[FlowBlock],
    with_texts: bool,
) -> Result<(Vec<Page>, Vec<Anchor>)> {
    let mut pages = vec![opened.page.clone()];
    let mut blocks = opened.rest.clone();
    let mut y = opened.bottom;
    let timeline = cx.part.blocks.iter().find_map(|b| match b {
        Block::Timeline(t) => Some(t),
        _ => None,
    });
    if let Some(timeline) = timeline {
        let in_place = blocks.is_empty();
        match timeline::timeline(cx, &mut pages, geo, timeline, y + mm(5.0), in_place, with_texts)? {
            Placement::Placed { bottom } => y = bottom,
            Placement::Flowing(list) => blocks.extend(list),
        }
    }
    blocks.extend(columns.iter().cloned());
    if let Some(last) = blocks.last_mut() {
        last.closes.push(cx.part.masthead.key);
    }
    let mut start = y + mm(5.0);
    if geo.body.bottom() - start < cx.scale.body.leading * 4.0 {
        pages.push(geo.blank_page());
        start = geo.body.y;
    }
    Ok(balanced_flow(geo, pages, start, &blocks, cx.scale.body.leading))
}

/// Pages whose columns are evened (see `balanced_flow`): a sheet's; longer runs keep their
/// columns full, so that the work stays linear in their length.
const EVENED_PAGES: usize = 4;
/// A sheet's last page is filled at least this far (of the body's height) when it can be.
const HALF_FULL: f32 = 0.52;

/// Flows the blocks into columns from `start` on the last of `pages`, then flows them again
/// with shorter columns where two columns side by side would end more than a line apart: on
/// a full page, when a heading and the lines kept with it went on to the next page, both
/// columns end where the shorter does; on the last page, the columns are as short as they can
/// be without adding a page, so that they end level instead of one full and one short.
fn balanced_flow(
    geo: &Geometry,
    pages: Vec<Page>,
    start: f32,
    blocks: &[FlowBlock],
    grid: f32,
) -> (Vec<Page>, Vec<Anchor>) {
    let first_page = pages.len() - 1;
    // Each page's column bottom, by page index; absent: the body's foot. Trial runs only
    // measure; the chosen one draws.
    let run = |bottoms: &HashMap<usize, f32>, draw: bool| {
        let columns_for = |index: usize, top: f32| {
            let mut columns = geo.columns(top);
            if let Some(bottom) = bottoms.get(&index) {
                columns.iter_mut().for_each(|c| c.height = (bottom - c.y).max(0.0));
            }
            columns
        };
        let new_page = |index: usize| (geo.blank_page(), columns_for(index, geo.body.y));
        let mut flow = Flow::new(pages.clone(), columns_for(first_page, start), &new_page).on_grid(grid);
        if !draw {
            flow = flow.measuring();
        }
        flow.place_all(blocks);
        (flow.pages, flow.anchors, flow.ends)
    };
    let mut bottoms = HashMap::new();
    let (mut measured, _, mut ends) = run(&bottoms, false);
    let page_count = measured.len();
    // Full pages: end both columns where the shorter ends, when that adds no page.
    for page in first_page..(page_count - 1).min(first_page + EVENED_PAGES) {
        let Some(&[left, right]) = ends.get(page - first_page).map(Vec::as_slice) else { continue };
        if (left - right).abs() <= grid + 0.01 {
            continue;
        }
        for lines in 1..=4 {
            let mut trial = bottoms.clone();
            trial.insert(page, left.max(right) - grid * lines as f32 + 0.01);
            let (pages, _, trial_ends) = run(&trial, false);
            let even = match trial_ends.get(page - first_page).map(Vec::as_slice) {
                Some(&[left, right]) => (left - right).abs() <= grid + 0.01,
                _ => false,
            };
            if even && pages.len() == page_count {
                bottoms = trial;
                (measured, ends) = (pages, trial_ends);
                break;
            }
        }
    }
    let last = measured.len() - 1;
    // A last page with a few lines on it: the pages before give up lines to it, all alike,
    // until it is at least half full (a sheet's pages then all look used).
    // How far down the last page its columns reach once evened: their lines shared out.
    let fill = |ends: &[Vec<f32>]| {
        let used: f32 = ends.last().map_or(0.0, |e| e.iter().map(|end| end - geo.body.y).sum());
        used / 2.0 / geo.body.height
    };
    if last > first_page && last - first_page <= EVENED_PAGES && fill(&ends) < HALF_FULL {
        // Each page's columns shortened by the same share of their height, a step at a time,
        // up to two fifths: the first share that fills the last page enough.
        let shortened = |share: f32| {
            let mut trial = bottoms.clone();
            for page in first_page..last {
                let top = if page == first_page { start } else { geo.body.y };
                let bottom = trial.get(&page).copied().unwrap_or(geo.body.bottom());
                trial.insert(page, bottom.min(geo.body.bottom() - (geo.body.bottom() - top) * share));
            }
            trial
        };
        for step in 1..=20 {
            let trial = shortened(0.02 * step as f32);
            let (pages, _, trial_ends) = run(&trial, false);
            if pages.len() > page_count {
                break;
            }
            if fill(&trial_ends) >= HALF_FULL {
                bottoms = trial;
                break;
            }
        }
    }
    let top = if last == first_page { start } else { geo.body.y };
    // Binary search for the shortest last-page columns that still hold everything.
    let (mut low, mut high) = (top, geo.body.bottom());
    for _ in 0..8 {
        let middle = (low + high) / 2.0;
        let mut trial = bottoms.clone();
        trial.insert(last, middle);
        if run(&trial, false).0.len() == page_count {
            high = middle;
        } else {
            low = middle;
        }
    }
    // Of the few heights from there on down the page, the one whose columns end most level
    // (the shortest may leave the second column lines short, after a block that cannot split).
    let mut chosen = high;
    let mut least_difference = f32::INFINITY;
    for step in 0..6 {
        let bottom = high + grid * 0.5 * step as f32;
        if bottom > geo.body.bottom() + 0.01 {
            break;
        }
        let mut trial = bottoms.clone();
        trial.insert(last, bottom);
        let (pages, _, ends) = run(&trial, false);
        let difference = match ends.last().map(Vec::as_slice) {
            Some(&[left, right]) => (left - right).abs(),
            _ => 0.0,
        };
        if pages.len() == page_count && difference < least_difference - 0.5 {
            (chosen, least_difference) = (bottom, difference);
        }
    }
    let mut trial = bottoms.clone();
    trial.insert(last, chosen);
    let (pages, anchors, _) = run(&trial, true);
    if pages.len() == page_count {
        (pages, anchors)
    } else {
        let (pages, anchors, _) = run(&bottoms, true);
        (pages, anchors)
    }
}

/// The footer's text set in lines: the full text while it takes at most two lines, else the
/// few words of its fallback.
fn footer_lines(setter: &mut Setter, footer: &Footer, width: f32) -> Result<Vec<SetLine>> {
    const MOST_LINES: usize = 2;
    let style = setter.scale.footer;
    let lines = setter.set(&footer.text, &style, width, Align::Left)?;
    if lines.len() <= MOST_LINES {
        return Ok(lines);
    }
    setter.set(&footer.fallback, &style, width, Align::Left)
}

/// Rule, footer text and "Page N of M" at the foot of a page.
fn put_footer(setter: &mut Setter, page: &mut Page, foot: &Foot, number: usize, total: usize) -> Result<()> {
    let style = setter.scale.footer;
    let geo = &foot.geo;
    let running = Role::Artifact(Artifact::Pagination);
    let items = &mut page.items;
    items.push(Item {
        kind: ItemKind::Line {
            from: (geo.body.x, geo.footer_top),
            to: (geo.body.right(), geo.footer_top),
            thickness: 0.4,
            color: Color::RULE,
        },
        role: running.clone(),
        block: foot.key,
    });
    let top = geo.footer_top + mm(1.5);
    put_lines(items, &foot.lines, geo.body.x, top, &style, &running, foot.key);
    let label = foot.footer.page_label(number, total);
    let set = set_paragraph(&label, &style, Hyphenator::None, geo.body.width * 0.2, Align::Left)?;
    let width = set.iter().map(|l| l.width).fold(0.0, f32::max);
    put_lines(items, &set, geo.body.right() - width, top, &style, &running, foot.key);
    Ok(())
}
