//! The fact sheet's design: a header band with the wordmark and a QR code, the lead beside the
//! key-facts box, a timeline graphic, then the sections in two columns, and a running footer.

use super::flow::{baseline_offset, Block, Flow};
use super::linebreak::{set_paragraph, Align};
use super::qr::qr_code;
use super::style::{Color, TextStyle, TypeScale};
use super::{mm, Item, ItemKind, Layout, LinkTarget, Page, Paper, Rect, Role, SetLine};
use crate::compose::{Document, Event};
use crate::error::Result;
use crate::i18n::{fill, full_stop};
use crate::values::WebUrl;

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

/// Everything `lay_out` needs to know about the document at hand.
struct Context<'a> {
    doc: &'a Document,
    scale: TypeScale,
    language: String,
    warnings: Vec<String>,
}

impl Context<'_> {
    fn set(&mut self, text: &str, style: &TextStyle, width: f32, align: Align) -> Result<Vec<SetLine>> {
        // Only running (justified) text hyphenates: names, headings and labels stay whole.
        let language = if align == Align::Justify { self.language.as_str() } else { "" };
        let lines = set_paragraph(text, style, language, width, align)?;
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

pub fn lay_out(doc: &Document, paper: Paper) -> Result<Layout> {
    let mut cx =
        Context { doc, scale: TypeScale::sheet(), language: doc.language.primary(), warnings: Vec::new() };
    let footer_width = Geometry::new(paper, 0.0).body.width * 0.78;
    let footer_text = footer_text(doc);
    let footer_lines = cx.set(&footer_text, &cx.scale.footer.clone(), footer_width, Align::Left)?;
    let footer_height = cx.scale.footer.leading * footer_lines.len() as f32;
    let geo = Geometry::new(paper, footer_height);

    let mut first = geo.blank_page();
    let mut y = header_band(&mut cx, &mut first.items, &geo)?;
    y = lead_and_facts(&mut cx, &mut first.items, &geo, y + mm(6.0))?;
    let mut pages = vec![first];
    y = timeline(&mut cx, &mut pages, &geo, y + mm(6.0))?;

    let blocks = section_blocks(&mut cx, geo.column_width())?;
    let mut start = y + mm(5.0);
    if geo.body.bottom() - start < cx.scale.body.leading * 4.0 {
        pages.push(geo.blank_page());
        start = geo.body.y;
    }
    let (mut pages, anchors) = balanced_flow(&geo, pages, start, &blocks);
    footers(&mut cx, &mut pages, &geo, &footer_lines)?;
    Ok(Layout { pages, anchors, printable: geo.printable, warnings: cx.warnings })
}

/// Flows the blocks into columns from `start` on the last of `pages`, then flows them again
/// with the last page's columns as short as they can be without adding a page, so that the
/// last page's two columns end level instead of one full and one short.
fn balanced_flow(
    geo: &Geometry,
    pages: Vec<Page>,
    start: f32,
    blocks: &[Block],
) -> (Vec<Page>, Vec<super::Anchor>) {
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

/// Places set lines from `top`, one per leading; returns the y below the last.
fn put_lines(
    items: &mut Vec<Item>,
    lines: &[SetLine],
    x: f32,
    top: f32,
    style: &TextStyle,
    role: &Role,
) -> f32 {
    let mut y = top;
    for line in lines {
        let baseline = y + baseline_offset(style);
        items.push(Item {
            kind: ItemKind::Text { line: line.clone(), x, baseline, style: *style },
            role: role.clone(),
        });
        y += style.leading;
    }
    y
}

fn link(items: &mut Vec<Item>, rect: Rect, target: LinkTarget) {
    items.push(Item { kind: ItemKind::Link { rect, target }, role: Role::Link });
}

fn fill_rect(items: &mut Vec<Item>, rect: Rect, color: Color) {
    items.push(Item { kind: ItemKind::Fill { rect, color }, role: Role::Artifact });
}

/// The dark band: the name as a wordmark and the kind of organisation, then the address
/// and its QR code on the right. The band grows when a long name needs more lines.
fn header_band(cx: &mut Context, items: &mut Vec<Item>, geo: &Geometry) -> Result<f32> {
    let pad = mm(6.0);
    let qr_side = mm(24.0);
    let right = geo.body.right() - mm(3.0);
    let address = match &cx.doc.url {
        Some(url) => Some(address_block(cx, url, right, qr_side, geo)?),
        None => None,
    };
    let text_right = address.as_ref().map_or(right - pad, |(_, left)| left - mm(6.0));
    let logo = cx.doc.logo.clone().map(|image| logo_tile(image, geo));
    let text_left = logo.as_ref().map_or(geo.body.x + pad, |(tile, _)| tile.right() + mm(5.0));
    let width = text_right - text_left;
    let (name_lines, name_style) = fit_wordmark(cx, &cx.doc.name.clone(), width)?;
    let kinds_style = cx.scale.kinds;
    let kinds = cx.doc.kinds.clone();
    let kinds_lines =
        if kinds.is_empty() { Vec::new() } else { cx.set(&kinds, &kinds_style, width, Align::Left)? };
    let block_height =
        name_style.leading * name_lines.len() as f32 + kinds_style.leading * kinds_lines.len() as f32;
    let band_height = mm(30.0).max(block_height + mm(8.0));
    let band = Rect { x: geo.body.x, y: geo.body.y, width: geo.body.width, height: band_height };
    fill_rect(items, band, Color::ACCENT);
    if let Some((tile, image)) = logo {
        fill_rect(items, tile, Color::WHITE);
        items.push(image);
    }
    let top = band.y + (band.height - block_height) / 2.0;
    let y = put_lines(items, &name_lines, text_left, top, &name_style, &Role::Title);
    put_lines(items, &kinds_lines, text_left, y, &kinds_style, &Role::Paragraph);
    if let Some((address_items, _)) = address {
        items.extend(address_items);
    }
    Ok(band.bottom())
}

/// A white tile at the band's left holding the logo, scaled to fit with its proportions kept.
fn logo_tile(logo: crate::compose::LogoImage, geo: &Geometry) -> (Rect, Item) {
    let image = logo.image;
    let height = mm(22.0);
    let inner = height - mm(4.0);
    let aspect = image.width as f32 / image.height.max(1) as f32;
    let (mut w, mut h) = (inner * aspect, inner);
    let widest = mm(46.0);
    if w > widest {
        (w, h) = (widest, widest / aspect);
    }
    let tile = Rect { x: geo.body.x + mm(4.0), y: geo.body.y + mm(4.0), width: w + mm(4.0), height };
    let rect = Rect { x: tile.x + mm(2.0), y: tile.y + (height - h) / 2.0, width: w, height: h };
    (tile, Item { kind: ItemKind::Image { rect, image }, role: Role::Figure { alt: logo.alt } })
}

/// The printed address and its QR code, right-aligned at `right` in the band's top 30 mm;
/// returns the items and the left edge of the address text.
fn address_block(
    cx: &mut Context,
    url: &WebUrl,
    right: f32,
    qr_side: f32,
    geo: &Geometry,
) -> Result<(Vec<Item>, f32)> {
    let mut items = Vec::new();
    let qr_area = Rect { x: right - qr_side, y: geo.body.y + mm(3.0), width: qr_side, height: qr_side };
    let style = TextStyle::new(crate::fonts::FontStyle::Bold, 10.0).color(Color::WHITE);
    let url_width = geo.body.width * 0.4;
    let lines = cx.set(url.display_form(), &style, url_width, Align::Left)?;
    let width = lines.iter().map(|l| l.width).fold(0.0, f32::max);
    let x = qr_area.x - mm(4.0) - width;
    let top = qr_area.y + (qr_side - style.leading * lines.len() as f32) / 2.0;
    let bottom = put_lines(&mut items, &lines, x, top, &style, &Role::Link);
    let target = LinkTarget::Uri(url.as_str().to_string());
    link(&mut items, Rect { x, y: top, width, height: bottom - top }, target.clone());
    let alt = fill(cx.doc.labels.qr_alt, &[("url", url.as_str())]);
    items.extend(qr_code(url.as_str(), qr_area, &alt)?);
    link(&mut items, qr_area, target);
    Ok((items, x))
}

/// The name in the largest size up to the wordmark's that fits on one line, else wrapped.
fn fit_wordmark(cx: &mut Context, name: &str, width: f32) -> Result<(Vec<SetLine>, TextStyle)> {
    let full = cx.scale.wordmark;
    let natural = full.face()?.width(name, full.size);
    let size = (full.size * width / natural.max(1.0)).clamp(16.0, full.size);
    let style = TextStyle { size, leading: size * 1.12, ..full };
    let lines = cx.set(name, &style, width, Align::Left)?;
    Ok((lines, style))
}

/// The lead paragraph on the left, the key-facts box on the right; returns the y below both.
fn lead_and_facts(cx: &mut Context, items: &mut Vec<Item>, geo: &Geometry, top: f32) -> Result<f32> {
    let facts_width = mm(72.0).min(geo.body.width * 0.45);
    let gap = mm(7.0);
    let lead_width = geo.body.width - facts_width - gap;
    let lead_style = cx.scale.lead;
    let lead = cx.set(&cx.doc.lead, &lead_style, lead_width, Align::Left)?;
    let lead_bottom = put_lines(items, &lead, geo.body.x, top, &lead_style, &Role::Paragraph);
    let facts_bottom = facts_box(
        cx,
        items,
        Rect { x: geo.body.right() - facts_width, y: top, width: facts_width, height: 0.0 },
    )?;
    Ok(lead_bottom.max(facts_bottom))
}

/// A shaded table of label / value rows with a caption; returns its bottom.
fn facts_box(cx: &mut Context, items: &mut Vec<Item>, area: Rect) -> Result<f32> {
    let pad = mm(3.5);
    let inner = area.width - 2.0 * pad;
    let label_width = mm(22.0).min(inner * 0.4);
    let value_width = inner - label_width - mm(2.0);
    let (label_style, value_style) = (cx.scale.small_bold.color(Color::MUTED), cx.scale.small);
    let caption_style = cx.scale.h2.color(Color::ACCENT);
    let mut content = Vec::new();
    let caption = cx.set(cx.doc.labels.key_facts, &caption_style, inner, Align::Left)?;
    let mut y =
        put_lines(&mut content, &caption, area.x + pad, area.y + pad, &caption_style, &Role::Heading(2));
    y += mm(1.0);
    for fact in &cx.doc.facts.clone() {
        content.push(Item {
            kind: ItemKind::Line {
                from: (area.x + pad, y),
                to: (area.right() - pad, y),
                thickness: 0.4,
                color: Color::RULE,
            },
            role: Role::Artifact,
        });
        let row_top = y + mm(1.0);
        let label = cx.set(&fact.label, &label_style, label_width, Align::Left)?;
        let value = cx.set(&fact.value, &value_style, value_width, Align::Left)?;
        let label_bottom =
            put_lines(&mut content, &label, area.x + pad, row_top, &label_style, &Role::TableHeader);
        let value_x = area.x + pad + label_width + mm(2.0);
        let value_role = if fact.link.is_some() { Role::Link } else { Role::TableCell };
        let value_bottom = put_lines(&mut content, &value, value_x, row_top, &value_style, &value_role);
        if let Some(url) = &fact.link {
            let width = value.iter().map(|l| l.width).fold(0.0, f32::max);
            link(
                &mut content,
                Rect { x: value_x, y: row_top, width, height: value_bottom - row_top },
                LinkTarget::Uri(url.as_str().to_string()),
            );
        }
        y = label_bottom.max(value_bottom) + mm(1.0);
    }
    let bottom = y + pad - mm(1.0);
    fill_rect(items, Rect { height: bottom - area.y, ..area }, Color::PANEL);
    items.extend(content);
    Ok(bottom)
}

/// Timeline events per row of the graphic.
fn events_per_row(width: f32) -> usize {
    ((width / 50.0).floor() as usize).clamp(3, 10)
}

/// The timeline graphic: rows of events on an axis, labels alternating above and below, each
/// label a link to the section that tells it. Rows move to a new page when they do not fit.
fn timeline(cx: &mut Context, pages: &mut Vec<Page>, geo: &Geometry, top: f32) -> Result<f32> {
    let events = cx.doc.timeline.clone();
    if events.is_empty() {
        return Ok(top - mm(6.0));
    }
    let caption_style = cx.scale.h1;
    let caption = cx.set(cx.doc.labels.timeline, &caption_style, geo.body.width, Align::Left)?;
    let mut y = top;
    // As few rows as the width allows, the events shared evenly between them.
    let rows = events.len().div_ceil(events_per_row(geo.body.width));
    let per_row = events.len().div_ceil(rows);
    for (row_index, row) in events.chunks(per_row).enumerate() {
        let graphic = timeline_row(cx, row, geo.body.x, geo.body.width, per_row)?;
        let caption_height = if row_index == 0 { caption_style.leading + mm(1.0) } else { 0.0 };
        if y + caption_height + graphic.height > geo.body.bottom() {
            pages.push(geo.blank_page());
            y = geo.body.y;
        }
        let Some(page) = pages.last_mut() else { break };
        if row_index == 0 {
            y = put_lines(&mut page.items, &caption, geo.body.x, y, &caption_style, &Role::Heading(2))
                + mm(1.0);
        }
        page.items.extend(graphic.items.into_iter().map(|item| shift(item, y)));
        y += graphic.height + mm(2.0);
    }
    Ok(y - mm(2.0))
}

struct Graphic {
    items: Vec<Item>,
    height: f32,
}

/// One row of the timeline, drawn from y = 0.
fn timeline_row(cx: &mut Context, events: &[Event], x0: f32, width: f32, slots: usize) -> Result<Graphic> {
    let slot = width / slots as f32;
    let label_width = (slot * 2.0 - mm(3.0)).min(mm(45.0));
    let (date_style, title_style) = (cx.scale.small_bold.color(Color::ACCENT), cx.scale.small);
    let mut labels = Vec::new();
    for (i, event) in events.iter().enumerate() {
        let center = x0 + slot * (i as f32 + 0.5);
        let x = (center - label_width / 2.0).clamp(x0, x0 + width - label_width);
        let date = cx.set(&event.date_label, &date_style, label_width, Align::Center)?;
        let title = cx.set(&event.title, &title_style, label_width, Align::Center)?;
        labels.push((center, x, date, title, &event.section_id));
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
    items.push(Item {
        kind: ItemKind::Line {
            from: (axis_from, axis_y),
            to: (axis_to, axis_y),
            thickness: 1.4,
            color: Color::ACCENT,
        },
        role: Role::Artifact,
    });
    for (i, (center, x, date, title, section)) in labels.into_iter().enumerate() {
        let dot = mm(2.2);
        fill_rect(
            &mut items,
            Rect { x: center - dot / 2.0, y: axis_y - dot / 2.0, width: dot, height: dot },
            Color::ACCENT,
        );
        let height = height_of(&date, &title);
        let (top, tick_from, tick_to) = if i % 2 == 0 {
            (axis_y - tick - height, axis_y - tick, axis_y)
        } else {
            (axis_y + tick, axis_y, axis_y + tick)
        };
        items.push(Item {
            kind: ItemKind::Line {
                from: (center, tick_from),
                to: (center, tick_to),
                thickness: 0.5,
                color: Color::RULE,
            },
            role: Role::Artifact,
        });
        let y = put_lines(&mut items, &date, x, top, &date_style, &Role::ListItem);
        put_lines(&mut items, &title, x, y, &title_style, &Role::ListItem);
        link(&mut items, Rect { x, y: top, width: label_width, height }, LinkTarget::Anchor(section.clone()));
    }
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
    }
    item
}

/// Headings and paragraphs of every section, then the sources, set for the column width.
fn section_blocks(cx: &mut Context, width: f32) -> Result<Vec<Block>> {
    let mut blocks = Vec::new();
    let book_language = cx.language.clone();
    for section in cx.doc.all_sections() {
        // A section in another language hyphenates by its own patterns.
        cx.language = section.language.as_ref().map_or(book_language.clone(), |l| l.primary());
        let style = if section.level == 1 { cx.scale.h1 } else { cx.scale.h2 };
        let heading = cx.set(&section.title, &style, width, Align::Left)?;
        blocks.push(Block {
            lines: heading,
            style,
            role: Role::Heading(section.level),
            space_before: if section.level == 1 { mm(4.0) } else { mm(2.5) },
            anchor: Some((section.id.clone(), section.title.clone(), section.level)),
            rule_above: section.level == 1,
            link: None,
        });
        for paragraph in &section.paragraphs {
            let lines = cx.set(paragraph, &cx.scale.body.clone(), width, Align::Justify)?;
            blocks.push(Block {
                lines,
                style: cx.scale.body,
                role: Role::Paragraph,
                space_before: mm(1.6),
                anchor: None,
                rule_above: false,
                link: None,
            });
        }
    }
    cx.language = book_language;
    blocks.extend(source_blocks(cx, width)?);
    Ok(blocks)
}

fn source_blocks(cx: &mut Context, width: f32) -> Result<Vec<Block>> {
    let style = cx.scale.h2;
    let heading = cx.set(cx.doc.labels.sources, &style, width, Align::Left)?;
    let mut blocks = vec![Block {
        lines: heading,
        style,
        role: Role::Heading(2),
        space_before: mm(4.0),
        anchor: None,
        rule_above: false,
        link: None,
    }];
    for source in &cx.doc.sources.clone() {
        let mut text = full_stop(&source.citation);
        if let Some(url) = &source.url {
            text.push_str(&format!(" {}", url.as_str()));
        }
        if let Some((name, url)) = &source.licence {
            text.push_str(&format!(" · {}: {name}, {}", cx.doc.labels.licence, url.as_str()));
        }
        let lines = cx.set(&text, &cx.scale.small.clone(), width, Align::Left)?;
        let link = source.url.as_ref().map(|url| LinkTarget::Uri(url.as_str().to_string()));
        blocks.push(Block {
            lines,
            style: cx.scale.small,
            role: Role::ListItem,
            space_before: mm(1.0),
            anchor: None,
            rule_above: false,
            link,
        });
    }
    Ok(blocks)
}

fn footer_text(doc: &Document) -> String {
    [doc.attribution.as_str(), doc.updated_line.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Rule, licence line and "Page N of M" at the foot of every page.
fn footers(cx: &mut Context, pages: &mut [Page], geo: &Geometry, lines: &[SetLine]) -> Result<()> {
    let style = cx.scale.footer;
    let total = pages.len().to_string();
    for (index, page) in pages.iter_mut().enumerate() {
        let items = &mut page.items;
        items.push(Item {
            kind: ItemKind::Line {
                from: (geo.body.x, geo.footer_top),
                to: (geo.body.right(), geo.footer_top),
                thickness: 0.4,
                color: Color::RULE,
            },
            role: Role::Artifact,
        });
        let top = geo.footer_top + mm(1.5);
        put_lines(items, lines, geo.body.x, top, &style, &Role::Artifact);
        let label = fill(cx.doc.labels.page_of, &[("n", &(index + 1).to_string()), ("m", &total)]);
        let set = set_paragraph(&label, &style, &cx.language, geo.body.width * 0.2, Align::Left)?;
        let width = set.iter().map(|l| l.width).fold(0.0, f32::max);
        put_lines(items, &set, geo.body.right() - width, top, &style, &Role::Artifact);
    }
    Ok(())
}
