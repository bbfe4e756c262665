//! The fact sheet's design: a header band with the wordmark and a QR code, the lead beside the
//! key-facts box, a timeline graphic, then the sections in two columns, and a running footer.

use super::flow::{push_line, Block as FlowBlock, Flow};
use super::linebreak::{set_paragraph, set_styled, Align};
use super::masthead::{fit_image, fit_wordmark};
use super::qr::qr_code;
use super::style::{Color, TextStyle, TypeScale};
use super::text::StyledText;
use super::{
    mm, Anchor, Artifact, Item, ItemKind, Layout, LinkTarget, Page, Paper, Rect, Role, SetLine, Tag,
};
use crate::doc::{
    Address, Block, Event, Facts, Figure, FigureKind, Inline, Key, Paragraph, Part, Publication, Section,
    Sources, Timeline,
};
use crate::error::Result;

/// Page geometry for one paper size.
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

/// Everything `lay_out` needs to know about the part at hand.
struct Context<'a> {
    part: &'a Part,
    scale: TypeScale,
    /// Primary language subtag of the part, for hyphenation.
    language: String,
    warnings: Vec<String>,
}

impl Context<'_> {
    fn set(&mut self, text: &str, style: &TextStyle, width: f32, align: Align) -> Result<Vec<SetLine>> {
        // Only running (justified) text hyphenates: names, headings and labels stay whole.
        let language = if align == Align::Justify { self.language.clone() } else { String::new() };
        self.set_styled(&StyledText::plain(text, style, &language), width, align)
    }

    /// Inline content in `style`; hyphenated by `language` when justified.
    fn set_inlines(
        &mut self,
        content: &[Inline],
        style: &TextStyle,
        language: &str,
        width: f32,
        align: Align,
    ) -> Result<Vec<SetLine>> {
        let language = if align == Align::Justify { language } else { "" };
        self.set_styled(&StyledText::from_inlines(content, style, language), width, align)
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

fn short(text: &str) -> String {
    text.chars().take(40).collect()
}

/// Lays out every part of the publication, one after the other.
pub fn lay_out(publication: &Publication, paper: Paper) -> Result<Layout> {
    let mut layout =
        Layout { pages: Vec::new(), anchors: Vec::new(), printable: Rect::default(), warnings: Vec::new() };
    for part in &publication.parts {
        let (pages, anchors, printable, warnings) = lay_out_part(part, paper)?;
        let offset = layout.pages.len();
        layout.anchors.extend(anchors.into_iter().map(|a| Anchor { page: a.page + offset, ..a }));
        layout.pages.extend(pages);
        layout.printable = printable;
        layout.warnings.extend(warnings);
    }
    Ok(layout)
}

type PartLayout = (Vec<Page>, Vec<Anchor>, Rect, Vec<String>);

fn lay_out_part(part: &Part, paper: Paper) -> Result<PartLayout> {
    let mut cx =
        Context { part, scale: TypeScale::sheet(), language: part.lang.primary(), warnings: Vec::new() };
    let footer_width = Geometry::new(paper, 0.0).body.width * 0.78;
    let footer_lines = footer_lines(&mut cx, footer_width)?;
    let footer_height = cx.scale.footer.leading * footer_lines.len() as f32;
    let geo = Geometry::new(paper, footer_height);

    let mut first = geo.blank_page();
    let part_role = Role::Part { language: part.lang.as_str().to_string() };
    let part_key = part.masthead.key;
    first.items.push(Item {
        kind: ItemKind::Start(Tag { block: part_key, role: part_role.clone() }),
        role: part_role.clone(),
        block: part_key,
    });
    let mut y = header_band(&mut cx, &mut first.items, &geo)?;
    y = lead_and_facts(&mut cx, &mut first.items, &geo, y + mm(6.0))?;
    let mut pages = vec![first];
    if let Some(timeline) = part.blocks.iter().find_map(|b| match b {
        Block::Timeline(t) => Some(t),
        _ => None,
    }) {
        y = timeline_graphic(&mut cx, &mut pages, &geo, timeline, y + mm(6.0))?;
    }

    let mut blocks = Vec::new();
    let book_language = cx.language.clone();
    for block in &part.blocks {
        match block {
            Block::Section(section) => {
                section_blocks(&mut cx, section, &book_language, geo.column_width(), &mut blocks)?
            }
            Block::Sources(sources) => blocks.extend(source_blocks(&mut cx, sources, geo.column_width())?),
            Block::Colophon(paragraph) => {
                blocks.push(colophon_block(&mut cx, paragraph, geo.column_width())?)
            }
            _ => {}
        }
    }
    if let Some(last) = blocks.last_mut() {
        last.closes.push(part_key);
    }
    let mut start = y + mm(5.0);
    if geo.body.bottom() - start < cx.scale.body.leading * 4.0 {
        pages.push(geo.blank_page());
        start = geo.body.y;
    }
    let (mut pages, anchors) = balanced_flow(&geo, pages, start, &blocks);
    footers(&mut cx, &mut pages, &geo, &footer_lines)?;
    Ok((pages, anchors, geo.printable, cx.warnings))
}

/// Flows the blocks into columns from `start` on the last of `pages`, then flows them again
/// with the last page's columns as short as they can be without adding a page, so that the
/// last page's two columns end level instead of one full and one short.
fn balanced_flow(
    geo: &Geometry,
    pages: Vec<Page>,
    start: f32,
    blocks: &[FlowBlock],
) -> (Vec<Page>, Vec<Anchor>) {
    let first_page = pages.len() - 1;
    // Trial runs only measure; the chosen one draws.
    let run = |last_bottom: Option<(usize, f32)>, draw: bool| {
        let columns_for = |index: usize, top: f32| {
            let mut columns = geo.columns(top);
            if let Some((_, bottom)) = last_bottom.filter(|(last, _)| *last == index) {
                columns.iter_mut().for_each(|c| c.height = (bottom - c.y).max(0.0));
            }
            columns
        };
        let new_page = |index: usize| (geo.blank_page(), columns_for(index, geo.body.y));
        let mut flow = Flow::new(pages.clone(), columns_for(first_page, start), &new_page);
        if !draw {
            flow = flow.measuring();
        }
        flow.place_all(blocks);
        (flow.pages, flow.anchors)
    };
    let page_count = run(None, false).0.len();
    let last = page_count - 1;
    let top = if last == first_page { start } else { geo.body.y };
    // Binary search for the shortest last-page columns that still hold everything.
    let (mut low, mut high) = (top, geo.body.bottom());
    for _ in 0..8 {
        let middle = (low + high) / 2.0;
        if run(Some((last, middle)), false).0.len() == page_count {
            high = middle;
        } else {
            low = middle;
        }
    }
    let balanced = run(Some((last, high)), true);
    if balanced.0.len() == page_count {
        balanced
    } else {
        run(None, true)
    }
}

/// Places set lines from `top`, one per leading, with link areas over linked runs; returns
/// the y below the last.
fn put_lines(
    items: &mut Vec<Item>,
    lines: &[SetLine],
    x: f32,
    top: f32,
    style: &TextStyle,
    role: &Role,
    key: Key,
) -> f32 {
    let mut y = top;
    for line in lines {
        push_line(items, line, x, y, style, role, key);
        y += style.leading;
    }
    y
}

fn start(items: &mut Vec<Item>, key: Key, role: Role) {
    items.push(Item { kind: ItemKind::Start(Tag { block: key, role: role.clone() }), role, block: key });
}

fn end(items: &mut Vec<Item>, key: Key, role: Role) {
    items.push(Item { kind: ItemKind::End(key), role, block: key });
}

fn link(items: &mut Vec<Item>, rect: Rect, target: LinkTarget, key: Key) {
    items.push(Item { kind: ItemKind::Link { rect, target }, role: Role::Link, block: key });
}

fn fill_rect(items: &mut Vec<Item>, rect: Rect, color: Color, key: Key) {
    items.push(Item {
        kind: ItemKind::Fill { rect, color },
        role: Role::Artifact(Artifact::Layout),
        block: key,
    });
}

fn rule(items: &mut Vec<Item>, from: (f32, f32), to: (f32, f32), thickness: f32, color: Color, key: Key) {
    items.push(Item {
        kind: ItemKind::Line { from, to, thickness, color },
        role: Role::Artifact(Artifact::Layout),
        block: key,
    });
}

/// The dark band: the name as a wordmark and the kind of organisation, then the address
/// and its QR code on the right. The band grows when a long name needs more lines.
fn header_band(cx: &mut Context, items: &mut Vec<Item>, geo: &Geometry) -> Result<f32> {
    let head = &cx.part.masthead;
    let key = head.key;
    let pad = mm(6.0);
    let qr_side = mm(24.0);
    let right = geo.body.right() - mm(3.0);
    let address = match &head.address {
        Some(address) => Some(address_block(cx, address, right, qr_side, geo, key)?),
        None => None,
    };
    let text_right = address.as_ref().map_or(right - pad, |(_, left)| left - mm(6.0));
    let logo = head.logo.as_ref().and_then(|figure| logo_tile(figure, geo));
    let text_left = logo.as_ref().map_or(geo.body.x + pad, |(tile, _)| tile.right() + mm(5.0));
    let width = text_right - text_left;
    let (name_lines, name_style) = fit_wordmark(&head.name, &cx.scale.wordmark, 16.0, width)?;
    let kinds_style = cx.scale.kinds;
    let kinds_lines = if head.kinds.is_empty() {
        Vec::new()
    } else {
        cx.set(&head.kinds, &kinds_style, width, Align::Left)?
    };
    let block_height =
        name_style.leading * name_lines.len() as f32 + kinds_style.leading * kinds_lines.len() as f32;
    let band_height = mm(30.0).max(block_height + mm(8.0));
    let band = Rect { x: geo.body.x, y: geo.body.y, width: geo.body.width, height: band_height };
    start(items, key, Role::Header);
    fill_rect(items, band, Color::ACCENT, key);
    let top = band.y + (band.height - block_height) / 2.0;
    let y = put_lines(items, &name_lines, text_left, top, &name_style, &Role::Title, key);
    put_lines(items, &kinds_lines, text_left, y, &kinds_style, &Role::Paragraph, key);
    if let Some((tile, figure)) = logo {
        fill_rect(items, tile, Color::WHITE, key);
        items.extend(figure);
    }
    if let Some((address_items, _)) = address {
        items.extend(address_items);
    }
    end(items, key, Role::Header);
    Ok(band.bottom())
}

/// A white tile at the band's left holding the logo, scaled to fit with its proportions kept.
fn logo_tile(figure: &Figure, geo: &Geometry) -> Option<(Rect, Vec<Item>)> {
    let FigureKind::Image(image) = &figure.kind else { return None };
    let height = mm(22.0);
    let fitted = fit_image(image, geo.body.x + mm(6.0), 0.0, height - mm(4.0), mm(46.0));
    let tile =
        Rect { x: geo.body.x + mm(4.0), y: geo.body.y + mm(4.0), width: fitted.width + mm(4.0), height };
    let rect = Rect { y: tile.y + (height - fitted.height) / 2.0, ..fitted };
    let role = Role::Figure { alt: figure.alt.clone() };
    let mut items = Vec::new();
    start(&mut items, figure.key, role.clone());
    items.push(Item {
        kind: ItemKind::Image { rect, image: image.clone() },
        role: role.clone(),
        block: figure.key,
    });
    end(&mut items, figure.key, role);
    Some((tile, items))
}

/// The printed address and its QR code, right-aligned at `right` in the band's top 30 mm;
/// returns the items and the left edge of the address text.
fn address_block(
    cx: &mut Context,
    address: &Address,
    right: f32,
    qr_side: f32,
    geo: &Geometry,
    key: Key,
) -> Result<(Vec<Item>, f32)> {
    let mut items = Vec::new();
    let qr_area = Rect { x: right - qr_side, y: geo.body.y + mm(3.0), width: qr_side, height: qr_side };
    let style = TextStyle::new(crate::fonts::FontStyle::Bold, 10.0).color(Color::WHITE);
    let url_width = geo.body.width * 0.4;
    let lines = cx.set(&address.display, &style, url_width, Align::Left)?;
    let width = lines.iter().map(|l| l.width).fold(0.0, f32::max);
    let x = qr_area.x - mm(4.0) - width;
    let top = qr_area.y + (qr_side - style.leading * lines.len() as f32) / 2.0;
    let target = LinkTarget::Uri(address.url.as_str().into());
    start(&mut items, key, Role::Link);
    let bottom = put_lines(&mut items, &lines, x, top, &style, &Role::Link, key);
    link(&mut items, Rect { x, y: top, width, height: bottom - top }, target.clone(), key);
    end(&mut items, key, Role::Link);
    let qr_key = address.qr.key;
    start(&mut items, qr_key, Role::Link);
    items.extend(qr_code(address.url.as_str(), qr_area, &address.qr.alt, qr_key)?);
    link(&mut items, qr_area, target, qr_key);
    end(&mut items, qr_key, Role::Link);
    Ok((items, x))
}

/// The lead paragraph on the left, the key-facts box on the right; returns the y below both.
fn lead_and_facts(cx: &mut Context, items: &mut Vec<Item>, geo: &Geometry, top: f32) -> Result<f32> {
    let facts_width = mm(72.0).min(geo.body.width * 0.45);
    let gap = mm(7.0);
    let lead_width = geo.body.width - facts_width - gap;
    let lead_style = cx.scale.lead;
    let mut lead_bottom = top;
    for block in &cx.part.blocks {
        if let Block::Lead(lead) = block {
            let lines = cx.set_inlines(&lead.content, &lead_style, "", lead_width, Align::Left)?;
            start(items, lead.key, Role::Paragraph);
            lead_bottom =
                put_lines(items, &lines, geo.body.x, lead_bottom, &lead_style, &Role::Paragraph, lead.key);
            end(items, lead.key, Role::Paragraph);
        }
    }
    let mut facts_bottom = top;
    for block in &cx.part.blocks {
        if let Block::Facts(facts) = block {
            let area =
                Rect { x: geo.body.right() - facts_width, y: facts_bottom, width: facts_width, height: 0.0 };
            facts_bottom = facts_box(cx, items, facts, area)?;
        }
    }
    Ok(lead_bottom.max(facts_bottom))
}

/// A shaded table of label / value rows with a caption; returns its bottom.
fn facts_box(cx: &mut Context, items: &mut Vec<Item>, facts: &Facts, area: Rect) -> Result<f32> {
    let key = facts.key;
    let pad = mm(3.5);
    let inner = area.width - 2.0 * pad;
    let label_width = mm(22.0).min(inner * 0.4);
    let value_width = inner - label_width - mm(2.0);
    let (label_style, value_style) = (cx.scale.small_bold.color(Color::MUTED), cx.scale.small);
    let caption_style = cx.scale.h2.color(Color::ACCENT);
    let mut content = Vec::new();
    start(&mut content, key, Role::Table);
    let caption = cx.set(&facts.title, &caption_style, inner, Align::Left)?;
    let mut y =
        put_lines(&mut content, &caption, area.x + pad, area.y + pad, &caption_style, &Role::Caption, key);
    y += mm(1.0);
    for row in &facts.rows {
        rule(&mut content, (area.x + pad, y), (area.right() - pad, y), 0.4, Color::RULE, key);
        let row_top = y + mm(1.0);
        let label = cx.set(&row.label, &label_style, label_width, Align::Left)?;
        let value = cx.set_inlines(&row.value, &value_style, "", value_width, Align::Left)?;
        start(&mut content, key, Role::TableRow);
        let label_bottom =
            put_lines(&mut content, &label, area.x + pad, row_top, &label_style, &Role::TableHeader, key);
        let value_x = area.x + pad + label_width + mm(2.0);
        let value_bottom =
            put_lines(&mut content, &value, value_x, row_top, &value_style, &Role::TableCell, key);
        end(&mut content, key, Role::TableRow);
        y = label_bottom.max(value_bottom) + mm(1.0);
    }
    end(&mut content, key, Role::Table);
    let bottom = y + pad - mm(1.0);
    fill_rect(items, Rect { height: bottom - area.y, ..area }, Color::PANEL, key);
    items.extend(content);
    Ok(bottom)
}

/// Timeline events per row of the graphic.
fn events_per_row(width: f32) -> usize {
    ((width / 50.0).floor() as usize).clamp(3, 10)
}

/// The timeline graphic: rows of events on an axis, labels alternating above and below, each
/// label a link to the section that tells it. Rows move to a new page when they do not fit.
fn timeline_graphic(
    cx: &mut Context,
    pages: &mut Vec<Page>,
    geo: &Geometry,
    timeline: &Timeline,
    top: f32,
) -> Result<f32> {
    let events = &timeline.events;
    if events.is_empty() {
        return Ok(top - mm(6.0));
    }
    let key = timeline.key;
    let caption_style = cx.scale.h1;
    let caption = cx.set(&timeline.title, &caption_style, geo.body.width, Align::Left)?;
    let mut y = top;
    // As few rows as the width allows, the events shared evenly between them.
    let rows = events.len().div_ceil(events_per_row(geo.body.width));
    let per_row = events.len().div_ceil(rows);
    let chunks: Vec<&[Event]> = events.chunks(per_row).collect();
    for (row_index, row) in chunks.iter().enumerate() {
        let graphic = timeline_row(cx, row, geo.body.x, geo.body.width, per_row, &timeline.graphic)?;
        let caption_height = if row_index == 0 { caption_style.leading + mm(1.0) } else { 0.0 };
        if y + caption_height + graphic.height > geo.body.bottom() {
            pages.push(geo.blank_page());
            y = geo.body.y;
        }
        let Some(page) = pages.last_mut() else { break };
        if row_index == 0 {
            start(&mut page.items, key, Role::Section { language: None });
            y = put_lines(&mut page.items, &caption, geo.body.x, y, &caption_style, &Role::Heading(2), key)
                + mm(1.0);
            start(&mut page.items, key, Role::List);
        }
        page.items.extend(graphic.items.into_iter().map(|item| shift(item, y)));
        if row_index + 1 == chunks.len() {
            end(&mut page.items, key, Role::List);
            end(&mut page.items, key, Role::Section { language: None });
        }
        y += graphic.height + mm(2.0);
    }
    Ok(y - mm(2.0))
}

struct Graphic {
    items: Vec<Item>,
    height: f32,
}

/// One row of the timeline, drawn from y = 0: the axis and markers as a figure, then each
/// event's date and title as a list item.
fn timeline_row(
    cx: &mut Context,
    events: &[Event],
    x0: f32,
    width: f32,
    slots: usize,
    figure: &Figure,
) -> Result<Graphic> {
    let slot = width / slots as f32;
    let label_width = (slot * 2.0 - mm(3.0)).min(mm(45.0));
    let (date_style, title_style) = (cx.scale.small_bold.color(Color::ACCENT), cx.scale.small);
    let mut labels = Vec::new();
    for (i, event) in events.iter().enumerate() {
        let center = x0 + slot * (i as f32 + 0.5);
        let x = (center - label_width / 2.0).clamp(x0, x0 + width - label_width);
        let date = cx.set(&event.date_label, &date_style, label_width, Align::Center)?;
        let title = cx.set(&event.title, &title_style, label_width, Align::Center)?;
        labels.push((center, x, date, title, event));
    }
    let height_of = |d: &Vec<SetLine>, t: &Vec<SetLine>| {
        date_style.leading * d.len() as f32 + title_style.leading * t.len() as f32
    };
    let above = labels.iter().step_by(2).map(|(_, _, d, t, _)| height_of(d, t)).fold(0.0, f32::max);
    let below = labels.iter().skip(1).step_by(2).map(|(_, _, d, t, _)| height_of(d, t)).fold(0.0, f32::max);
    let tick = mm(2.5);
    let axis_y = above + tick;
    let mut items = Vec::new();
    let axis_from = x0 + slot * 0.5 - mm(3.0);
    let axis_to = x0 + slot * (events.len() as f32 - 0.5) + mm(3.0);
    let figure_role = Role::Figure { alt: figure.alt.clone() };
    start(&mut items, figure.key, figure_role.clone());
    rule(&mut items, (axis_from, axis_y), (axis_to, axis_y), 1.4, Color::ACCENT, figure.key);
    let mut label_items = Vec::new();
    for (i, (center, x, date, title, event)) in labels.into_iter().enumerate() {
        let dot = mm(2.2);
        let marker = Rect { x: center - dot / 2.0, y: axis_y - dot / 2.0, width: dot, height: dot };
        fill_rect(&mut items, marker, Color::ACCENT, figure.key);
        let height = height_of(&date, &title);
        let (top, tick_from, tick_to) = if i % 2 == 0 {
            (axis_y - tick - height, axis_y - tick, axis_y)
        } else {
            (axis_y + tick, axis_y, axis_y + tick)
        };
        rule(&mut items, (center, tick_from), (center, tick_to), 0.5, Color::RULE, figure.key);
        start(&mut label_items, event.key, Role::ListItem);
        let y = put_lines(&mut label_items, &date, x, top, &date_style, &Role::Label, event.key);
        let title_role = if event.section.is_some() { Role::Link } else { Role::ListItem };
        put_lines(&mut label_items, &title, x, y, &title_style, &title_role, event.key);
        if let Some(section) = &event.section {
            let area = Rect { x, y: top, width: label_width, height };
            link(&mut label_items, area, LinkTarget::Anchor(section.as_str().into()), event.key);
        }
        end(&mut label_items, event.key, Role::ListItem);
    }
    end(&mut items, figure.key, figure_role);
    items.extend(label_items);
    Ok(Graphic { items, height: axis_y + tick + below })
}

/// Moves an item drawn at y = 0 down to `dy`.
fn shift(mut item: Item, dy: f32) -> Item {
    match &mut item.kind {
        ItemKind::Text { baseline, .. } => *baseline += dy,
        ItemKind::Fill { rect, .. } | ItemKind::Link { rect, .. } | ItemKind::Image { rect, .. } => {
            rect.y += dy
        }
        ItemKind::Line { from, to, .. } => {
            from.1 += dy;
            to.1 += dy;
        }
        ItemKind::Start(_) | ItemKind::End(_) => {}
    }
    item
}

/// A section's heading and paragraphs, then its subsections, as blocks for the columns; the
/// section's group opens with its heading and closes after its last line.
fn section_blocks(
    cx: &mut Context,
    section: &Section,
    inherited: &str,
    width: f32,
    out: &mut Vec<FlowBlock>,
) -> Result<()> {
    // A section in another language hyphenates by its own patterns.
    let language = section.lang.as_ref().map_or(inherited.to_string(), |l| l.primary());
    let style = if section.level == 1 { cx.scale.h1 } else { cx.scale.h2 };
    let heading = cx.set(&section.title, &style, width, Align::Left)?;
    let level = usize::from(section.level);
    let role = Role::Section { language: section.lang.as_ref().map(|l| l.as_str().to_string()) };
    out.push(FlowBlock {
        lines: heading,
        style,
        role: Role::Heading(section.level),
        key: section.key,
        space_before: if section.level == 1 { mm(4.0) } else { mm(2.5) },
        anchor: Some((section.id.clone(), section.title.clone(), level, true)),
        rule_above: section.level == 1,
        opens: vec![
            Tag { block: section.key, role: role.clone() },
            Tag { block: section.key, role: Role::Heading(section.level) },
        ],
        closes: vec![section.key],
    });
    for block in &section.blocks {
        match block {
            Block::Paragraph(paragraph) => {
                let lines = cx.set_inlines(
                    &paragraph.content,
                    &cx.scale.body.clone(),
                    &language,
                    width,
                    Align::Justify,
                )?;
                out.push(FlowBlock {
                    lines,
                    style: cx.scale.body,
                    role: Role::Paragraph,
                    key: paragraph.key,
                    space_before: mm(1.6),
                    anchor: None,
                    rule_above: false,
                    opens: vec![Tag { block: paragraph.key, role: Role::Paragraph }],
                    closes: vec![paragraph.key],
                });
            }
            Block::Section(sub) => section_blocks(cx, sub, &language, width, out)?,
            _ => {}
        }
    }
    if let Some(last) = out.last_mut() {
        last.closes.push(section.key);
    }
    Ok(())
}

/// The sources' heading and numbered entries, each an anchor that citations link to.
fn source_blocks(cx: &mut Context, sources: &Sources, width: f32) -> Result<Vec<FlowBlock>> {
    let style = cx.scale.h2;
    let heading = cx.set(&sources.title, &style, width, Align::Left)?;
    let key = sources.key;
    let mut blocks = vec![FlowBlock {
        lines: heading,
        style,
        role: Role::Heading(2),
        key,
        space_before: mm(4.0),
        anchor: Some((sources.id.clone(), sources.title.clone(), 1, false)),
        rule_above: false,
        opens: vec![
            Tag { block: key, role: Role::Section { language: None } },
            Tag { block: key, role: Role::Heading(2) },
        ],
        closes: vec![key],
    }];
    for (i, entry) in sources.entries.iter().enumerate() {
        let mut content = vec![Inline::Text(format!("{} ", entry.marker))];
        content.extend(entry.content.iter().cloned());
        let lines = cx.set_inlines(&content, &cx.scale.small.clone(), "", width, Align::Left)?;
        let mut opens = vec![Tag { block: entry.key, role: Role::ListItem }];
        if i == 0 {
            opens.insert(0, Tag { block: key, role: Role::List });
        }
        blocks.push(FlowBlock {
            lines,
            style: cx.scale.small,
            role: Role::ListItem,
            key: entry.key,
            space_before: mm(1.0),
            anchor: Some((entry.id.clone(), String::new(), 2, false)),
            rule_above: false,
            opens,
            closes: vec![entry.key],
        });
    }
    if let Some(last) = blocks.last_mut() {
        if sources.entries.is_empty() {
            last.closes.push(key);
        } else {
            last.closes.extend([key, key]);
        }
    }
    Ok(blocks)
}

/// Who prepared the sheet, under the sources.
fn colophon_block(cx: &mut Context, paragraph: &Paragraph, width: f32) -> Result<FlowBlock> {
    let lines = cx.set_inlines(&paragraph.content, &cx.scale.small.clone(), "", width, Align::Left)?;
    Ok(FlowBlock {
        lines,
        style: cx.scale.small,
        role: Role::Paragraph,
        key: paragraph.key,
        space_before: mm(2.5),
        anchor: None,
        rule_above: false,
        opens: vec![Tag { block: paragraph.key, role: Role::Paragraph }],
        closes: vec![paragraph.key],
    })
}

/// The footer's text set in lines: the full text while it takes at most two lines, else the
/// few words of its fallback.
fn footer_lines(cx: &mut Context, width: f32) -> Result<Vec<SetLine>> {
    const MOST_LINES: usize = 2;
    let (footer, style) = (&cx.part.footer, cx.scale.footer);
    let lines = cx.set(&footer.text, &style, width, Align::Left)?;
    if lines.len() <= MOST_LINES {
        return Ok(lines);
    }
    cx.set(&footer.fallback, &style, width, Align::Left)
}

/// Rule, licence line and "Page N of M" at the foot of every page.
fn footers(cx: &mut Context, pages: &mut [Page], geo: &Geometry, lines: &[SetLine]) -> Result<()> {
    let style = cx.scale.footer;
    let total = pages.len();
    let key = cx.part.masthead.key;
    let running = Role::Artifact(Artifact::Pagination);
    for (index, page) in pages.iter_mut().enumerate() {
        let items = &mut page.items;
        items.push(Item {
            kind: ItemKind::Line {
                from: (geo.body.x, geo.footer_top),
                to: (geo.body.right(), geo.footer_top),
                thickness: 0.4,
                color: Color::RULE,
            },
            role: running.clone(),
            block: key,
        });
        let top = geo.footer_top + mm(1.5);
        put_lines(items, lines, geo.body.x, top, &style, &running, key);
        let label = cx.part.footer.page_label(index + 1, total);
        let set = set_paragraph(&label, &style, "", geo.body.width * 0.2, Align::Left)?;
        let width = set.iter().map(|l| l.width).fold(0.0, f32::max);
        put_lines(items, &set, geo.body.right() - width, top, &style, &running, key);
    }
    Ok(())
}
