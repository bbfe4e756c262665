//! The timeline: a graphic of rows of events on an axis, each event's date and title as a
//! label that links to the section telling it. When a row's labels would make it taller than
//! half a page, the events become a list in the columns instead: date, then title.

use super::draw::{end, fill_rect, link, put_lines, rule, start};
use super::{Context, Geometry, Placement};
use crate::doc::{Event, Figure, Inline, Target, Timeline};
use crate::error::Result;
use crate::layout::flow::Block as FlowBlock;
use crate::layout::linebreak::Align;
use crate::layout::style::Color;
use crate::layout::text::StyledText;
use crate::layout::{mm, Item, ItemKind, LinkTarget, Page, Rect, Role, SetLine, Tag};

/// The tallest a row of the graphic may be, as a share of the body's height.
const MOST_OF_BODY: f32 = 0.5;

/// Timeline events per row of the graphic.
fn events_per_row(width: f32) -> usize {
    ((width / 50.0).floor() as usize).clamp(3, 10)
}

/// The timeline from `top` on the last of `pages` when `in_place` allows and every row fits
/// the graphic, else as blocks for the columns. Rows move to a new page when they do not fit.
pub(super) fn timeline(
    cx: &mut Context,
    pages: &mut Vec<Page>,
    geo: &Geometry,
    timeline: &Timeline,
    top: f32,
    in_place: bool,
) -> Result<Placement> {
    let events = &timeline.events;
    if events.is_empty() {
        return Ok(Placement::Placed { bottom: top - mm(6.0) });
    }
    if in_place {
        let warned = cx.warnings.len();
        if let Some(bottom) = timeline_graphic(cx, pages, geo, timeline, top)? {
            return Ok(Placement::Placed { bottom });
        }
        // Set again below: say each problem once.
        cx.warnings.truncate(warned);
    }
    Ok(Placement::Flowing(timeline_list(cx, timeline, geo.column_width())?))
}

/// The graphic: rows of events on an axis, labels alternating above and below, each label a
/// link to the section that tells it. `None`, drawing nothing, when a row would be too tall.
fn timeline_graphic(
    cx: &mut Context,
    pages: &mut Vec<Page>,
    geo: &Geometry,
    timeline: &Timeline,
    top: f32,
) -> Result<Option<f32>> {
    let events = &timeline.events;
    let key = timeline.key;
    let caption_style = cx.scale.h1;
    let caption = cx.set(&timeline.title, &caption_style, geo.body.width, Align::Left)?;
    let caption_height = caption_style.leading * caption.len() as f32 + mm(1.0);
    // As few rows as the width allows, the events shared evenly between them.
    let rows = events.len().div_ceil(events_per_row(geo.body.width));
    let per_row = events.len().div_ceil(rows);
    let mut graphics = Vec::with_capacity(rows);
    for row in events.chunks(per_row) {
        let graphic = timeline_row(cx, row, geo.body.x, geo.body.width, per_row, &timeline.graphic)?;
        if caption_height + graphic.height > geo.body.height * MOST_OF_BODY {
            return Ok(None);
        }
        graphics.push(graphic);
    }
    let mut y = top;
    let count = graphics.len();
    for (row_index, graphic) in graphics.into_iter().enumerate() {
        let caption_height = if row_index == 0 { caption_height } else { 0.0 };
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
        if row_index + 1 == count {
            end(&mut page.items, key, Role::List);
            end(&mut page.items, key, Role::Section { language: None });
        }
        y += graphic.height + mm(2.0);
    }
    Ok(Some(y - mm(2.0)))
}

/// The events as a list for the columns: the heading, then each event's date kept with its
/// title, which links to the section that tells it.
fn timeline_list(cx: &mut Context, timeline: &Timeline, width: f32) -> Result<Vec<FlowBlock>> {
    let key = timeline.key;
    let heading_style = cx.scale.h1;
    let heading = cx.set(&timeline.title, &heading_style, width, Align::Left)?;
    let mut blocks = vec![FlowBlock {
        opens: vec![
            Tag { block: key, role: Role::Section { language: None } },
            Tag { block: key, role: Role::Heading(2) },
        ],
        ..FlowBlock::new(heading, heading_style, Role::Heading(2), key).space_before(mm(4.0)).keep_with_next()
    }];
    let (date_style, title_style) = (cx.scale.small_bold.color(Color::ACCENT), cx.scale.small);
    for (i, event) in timeline.events.iter().enumerate() {
        let date = cx.set(&event.date_label, &date_style, width, Align::Left)?;
        let mut opens = vec![Tag { block: event.key, role: Role::ListItem }];
        if i == 0 {
            opens.insert(0, Tag { block: key, role: Role::List });
        }
        blocks.push(FlowBlock {
            opens,
            closes: Vec::new(),
            ..FlowBlock::new(date, date_style, Role::Label, event.key).space_before(mm(1.6)).keep_with_next()
        });
        let title = [Inline::Text(event.title.clone())];
        let (content, role) = match &event.section {
            Some(section) => {
                let target = Target::Anchor(section.clone());
                (vec![Inline::Link { target, content: title.to_vec() }], Role::Link)
            }
            None => (title.to_vec(), Role::ListItem),
        };
        let lines =
            cx.set_styled(&StyledText::from_inlines(&content, &title_style, ""), width, Align::Left)?;
        blocks.push(FlowBlock { opens: Vec::new(), ..FlowBlock::new(lines, title_style, role, event.key) });
    }
    if let Some(last) = blocks.last_mut() {
        // The list and the section.
        last.closes.extend([key, key]);
    }
    Ok(blocks)
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
