//! The timeline: a graphic of the events on a time axis, each at its date (with a least gap
//! between neighbours), its date, title and, where the sheet has room, its text as a label
//! that links to the section telling it. More events than one row holds, or labels taller
//! than half a page, become a compact list in the columns instead: the date beside the title
//! and text, as a table's rows are set.

use super::draw::{end, fill_rect, link, put_lines, rule, start};
use super::{Context, Geometry, Placement};
use crate::doc::{Event, Figure, Inline, Target, Timeline};
use crate::error::Result;
use crate::layout::flow::{Block as FlowBlock, HeaderCell};
use crate::layout::linebreak::Align;
use crate::layout::style::Color;
use crate::layout::text::StyledText;
use crate::layout::{mm, Item, ItemKind, LinkTarget, Page, Rect, Role, SetLine, Tag};
use crate::locale::Hyphenator;

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
    with_texts: bool,
) -> Result<Placement> {
    let events = &timeline.events;
    if events.is_empty() {
        return Ok(Placement::Placed { bottom: top - mm(5.0) });
    }
    if in_place && events.len() <= events_per_row(geo.body.width) {
        let warned = cx.warnings.len();
        if let Some(bottom) = timeline_graphic(cx, pages, geo, timeline, top, with_texts)? {
            return Ok(Placement::Placed { bottom });
        }
        // Set again below: say each problem once.
        cx.warnings.truncate(warned);
    }
    Ok(Placement::Flowing(timeline_list(cx, timeline, geo.column_width(), with_texts)?))
}

/// The graphic: the events on one axis, labels alternating above and below, each label a link
/// to the section that tells it. `None`, drawing nothing, when it would be too tall.
fn timeline_graphic(
    cx: &mut Context,
    pages: &mut Vec<Page>,
    geo: &Geometry,
    timeline: &Timeline,
    top: f32,
    with_texts: bool,
) -> Result<Option<f32>> {
    let key = timeline.key;
    let caption_style = cx.scale.h1;
    let caption = cx.set_word(&timeline.title, &caption_style, geo.body.width, Align::Left)?;
    let caption_height = caption_style.leading * caption.len() as f32 + mm(1.0);
    let graphic =
        timeline_axis(cx, &timeline.events, geo.body.x, geo.body.width, &timeline.graphic, with_texts)?;
    if caption_height + graphic.height > geo.body.height * MOST_OF_BODY {
        return Ok(None);
    }
    let mut y = top;
    if y + caption_height + graphic.height > geo.body.bottom() {
        pages.push(geo.blank_page());
        y = geo.body.y;
    }
    let Some(page) = pages.last_mut() else { return Ok(None) };
    start(&mut page.items, key, Role::Section { language: None });
    y = put_lines(&mut page.items, &caption, geo.body.x, y, &caption_style, &Role::Heading(2), key) + mm(1.0);
    start(&mut page.items, key, Role::List);
    page.items.extend(graphic.items.into_iter().map(|item| shift(item, y)));
    end(&mut page.items, key, Role::List);
    end(&mut page.items, key, Role::Section { language: None });
    Ok(Some(y + graphic.height))
}

/// The events as a compact list for the columns: the heading, then a row per event, its date
/// beside its title (a link to the section that tells it) and, when `with_texts`, its text.
fn timeline_list(
    cx: &mut Context,
    timeline: &Timeline,
    width: f32,
    with_texts: bool,
) -> Result<Vec<FlowBlock>> {
    let key = timeline.key;
    let heading_style = cx.scale.h1;
    let heading = cx.set_word(&timeline.title, &heading_style, width, Align::Left)?;
    let mut blocks = vec![FlowBlock {
        opens: vec![
            Tag { block: key, role: Role::Section { language: None } },
            Tag { block: key, role: Role::Heading(2) },
        ],
        ..FlowBlock::new(heading, heading_style, Role::Heading(2), key).space_before(mm(4.0)).keep_with_next()
    }];
    let (date_style, entry_style) = (cx.scale.small_bold.color(Color::ACCENT), cx.scale.small);
    // The date column as wide as the widest date, so that titles line up.
    let face = date_style.face()?;
    let widest =
        timeline.events.iter().map(|e| face.width(&e.date_label, date_style.size)).fold(0.0, f32::max);
    let date_width = (widest + mm(0.5)).min(width * 0.35);
    let indent = date_width + mm(2.0);
    for (i, event) in timeline.events.iter().enumerate() {
        let date = cx.set(&event.date_label, &date_style, date_width, Align::Left)?;
        let mut content = vec![Inline::Strong(vec![Inline::Text(event.title.clone())])];
        if let Some(section) = &event.section {
            content = vec![Inline::Link { target: Target::Anchor(section.clone()), content }];
        }
        if with_texts && !event.text.is_empty() {
            content.push(Inline::Text(" ".into()));
            content.extend(event.text.iter().cloned());
        }
        let styled = StyledText::from_inlines(&content, &entry_style, Hyphenator::None);
        let lines = cx.set_styled(&styled, width - indent, Align::Left)?;
        let mut opens = vec![Tag { block: event.key, role: Role::ListItem }];
        if i == 0 {
            opens.insert(0, Tag { block: key, role: Role::List });
        }
        blocks.push(FlowBlock {
            header: Some(HeaderCell { lines: date, style: date_style, indent, role: Role::Label }),
            opens,
            ..FlowBlock::new(lines, entry_style, Role::ListItem, event.key).space_before(mm(1.2))
        });
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

/// Where on the axis each event stands: at its date, in proportion between the first and the
/// last, but never nearer its neighbour than a least gap (events of one month would otherwise
/// sit on one another); from `from` to `to`.
fn positions(events: &[Event], from: f32, to: f32) -> Vec<f32> {
    let n = events.len();
    if n < 2 {
        return vec![(from + to) / 2.0; n];
    }
    let time = |e: &Event| {
        let d = &e.date;
        f32::from(d.year)
            + f32::from(d.month.unwrap_or(1) - 1) / 12.0
            + f32::from(d.day.unwrap_or(1) - 1) / 365.0
    };
    let (first, last) = (time(&events[0]), time(&events[n - 1]));
    let span = (last - first).max(f32::EPSILON);
    let least = (to - from) / (n - 1) as f32 * LEAST_GAP;
    let mut x: Vec<f32> = events.iter().map(|e| from + (time(e) - first) / span * (to - from)).collect();
    for i in 1..n {
        x[i] = x[i].max(x[i - 1] + least);
    }
    x[n - 1] = x[n - 1].min(to);
    for i in (0..n - 1).rev() {
        x[i] = x[i].min(x[i + 1] - least);
    }
    x
}

/// The least gap between neighbouring events, as a share of the even spacing.
const LEAST_GAP: f32 = 0.8;

/// The axis drawn from y = 0: the line and markers as a figure, then each event's date, title
/// and (when `with_texts`) text as a list item centred on its marker, wrapped to the room
/// between its neighbours on the same side, so that no two labels touch.
fn timeline_axis(
    cx: &mut Context,
    events: &[Event],
    x0: f32,
    width: f32,
    figure: &Figure,
    with_texts: bool,
) -> Result<Graphic> {
    // Room at each end for half the first and last labels, centred on their markers: half an
    // event's share of the width, within limits (few events get wide end labels).
    let margin = (width / (2.0 * events.len() as f32)).clamp(mm(14.0), mm(30.0)).min(width / 6.0);
    let xs = positions(events, x0 + margin, x0 + width - margin);
    let (date_style, title_style) = (cx.scale.small_bold.color(Color::ACCENT), cx.scale.small);
    let text_style = cx.scale.small.color(Color::MUTED);
    let mut labels = Vec::new();
    for (i, event) in events.iter().enumerate() {
        let center = xs[i];
        // Labels on one side are every other event: the room is to those two, and the edges.
        let mut room = 2.0 * (center - x0).min(x0 + width - center);
        if i >= 2 {
            room = room.min(center - xs[i - 2]);
        }
        if let Some(next) = xs.get(i + 2) {
            room = room.min(next - center);
        }
        let label_width = (room - mm(2.0)).clamp(mm(8.0), mm(45.0));
        let date = cx.set(&event.date_label, &date_style, label_width, Align::Center)?;
        let title = cx.set(&event.title, &title_style, label_width, Align::Center)?;
        let text = if with_texts && !event.text.is_empty() {
            let styled = StyledText::from_inlines(&event.text, &text_style, Hyphenator::None);
            cx.set_styled(&styled, label_width, Align::Center)?
        } else {
            Vec::new()
        };
        labels.push((center, label_width, date, title, text, event));
    }
    let height_of = |d: &[SetLine], t: &[SetLine], x: &[SetLine]| {
        date_style.leading * d.len() as f32
            + title_style.leading * t.len() as f32
            + if x.is_empty() { 0.0 } else { mm(0.8) + text_style.leading * x.len() as f32 }
    };
    let side = |skip: usize| {
        labels.iter().skip(skip).step_by(2).map(|(_, _, d, t, x, _)| height_of(d, t, x)).fold(0.0, f32::max)
    };
    let (above, below) = (side(0), side(1));
    let tick = mm(2.5);
    let axis_y = above + tick;
    let mut items = Vec::new();
    let axis_from = xs.first().map_or(x0, |x| x - mm(3.0));
    let axis_to = xs.last().map_or(x0, |x| x + mm(3.0));
    let figure_role = Role::Figure { alt: figure.alt.clone() };
    start(&mut items, figure.key, figure_role.clone());
    rule(&mut items, (axis_from, axis_y), (axis_to, axis_y), 1.4, Color::ACCENT, figure.key);
    let mut label_items = Vec::new();
    for (i, (center, label_width, date, title, text, event)) in labels.into_iter().enumerate() {
        let dot = mm(2.2);
        let marker = Rect { x: center - dot / 2.0, y: axis_y - dot / 2.0, width: dot, height: dot };
        fill_rect(&mut items, marker, Color::ACCENT, figure.key);
        let height = height_of(&date, &title, &text);
        let (top, tick_from, tick_to) = if i % 2 == 0 {
            (axis_y - tick - height, axis_y - tick, axis_y)
        } else {
            (axis_y + tick, axis_y, axis_y + tick)
        };
        rule(&mut items, (center, tick_from), (center, tick_to), 0.5, Color::RULE, figure.key);
        let x = center - label_width / 2.0;
        start(&mut label_items, event.key, Role::ListItem);
        let y = put_lines(&mut label_items, &date, x, top, &date_style, &Role::Label, event.key);
        let title_role = if event.section.is_some() { Role::Link } else { Role::ListItem };
        let y = put_lines(&mut label_items, &title, x, y, &title_style, &title_role, event.key);
        put_lines(&mut label_items, &text, x, y + mm(0.8), &text_style, &Role::ListItem, event.key);
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
