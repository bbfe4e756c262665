//! The EPUB's cover as a page of the same items the sheet is made of: the name as a wordmark,
//! the kinds, the logo, the address and the date of the data on the sheet's deep blue. The
//! cover module rasterises it; the fitting is the sheet's own (`masthead`).

use super::flow::push_line;
use super::masthead::{fit_image, fit_wordmark};
use super::style::{Color, TextStyle};
use super::{set_paragraph, Align, Artifact, Item, ItemKind, Page, Rect, Role, SetLine, Tag};
use crate::doc::{FigureKind, Key, Publication};
use crate::error::Result;
use crate::fonts::FontStyle;
use crate::locale::Hyphenator;

/// The cover's size in points (2:3).
pub const WIDTH: f32 = 400.0;
pub const HEIGHT: f32 = 600.0;
const MARGIN: f32 = 36.0;
/// Lines the address may take at the cover's foot; a longer one is left out.
const ADDRESS_LINES: usize = 2;

/// What a cover shows: an organisation's masthead, or a packet's title and subtitle.
struct CoverText<'a> {
    key: Key,
    name: &'a str,
    /// Under the name: the kinds of organisation, or the packet's subtitle.
    kinds: &'a str,
    logo: Option<&'a crate::doc::Figure>,
    address: Option<&'a crate::doc::Address>,
    updated: &'a str,
}

/// Lays out the cover: a packet's, or that of the publication's one organisation.
pub fn lay_out(publication: &Publication) -> Result<Page> {
    let page = Page { width: WIDTH, height: HEIGHT, items: Vec::new() };
    let text = match (&publication.front, publication.parts.first()) {
        (Some(front), _) => CoverText {
            key: front.key,
            name: &front.title,
            kinds: front.subtitle.as_deref().unwrap_or(""),
            logo: None,
            address: None,
            updated: &front.updated,
        },
        (None, Some(part)) => CoverText {
            key: part.masthead.key,
            name: &part.masthead.name,
            kinds: &part.masthead.kinds,
            logo: part.masthead.logo.as_ref(),
            address: part.masthead.address.as_ref(),
            updated: &part.masthead.updated,
        },
        (None, None) => return Ok(page),
    };
    draw(page, &text)
}

fn draw(mut page: Page, head: &CoverText) -> Result<Page> {
    let items = &mut page.items;
    let width = WIDTH - 2.0 * MARGIN;
    fill(items, Rect { x: 0.0, y: 0.0, width: WIDTH, height: HEIGHT }, Color::ACCENT, head.key);
    let mut y = MARGIN + 60.0;
    if let Some(figure) = head.logo {
        if let FigureKind::Image(image) = &figure.kind {
            let rect = fit_image(image, MARGIN + 8.0, y + 8.0, 120.0, width - 16.0);
            fill(
                items,
                Rect { x: MARGIN, y, width: rect.width + 16.0, height: rect.height + 16.0 },
                Color::WHITE,
                head.key,
            );
            let role = Role::Figure { alt: figure.alt.clone() };
            items.push(Item {
                kind: ItemKind::Start(Tag { block: figure.key, role: role.clone() }),
                role: role.clone(),
                block: figure.key,
            });
            items.push(Item {
                kind: ItemKind::Image { rect, image: image.clone() },
                role: role.clone(),
                block: figure.key,
            });
            items.push(Item { kind: ItemKind::End(figure.key), role, block: figure.key });
            y += rect.height + 16.0 + 24.0;
        }
    }
    // The foot first: the date of the data, and above it the address when it is short enough.
    let small = TextStyle::new(FontStyle::Regular, 12.0).leading(16.0).color(Color::ACCENT_SOFT);
    let mut bottom = HEIGHT - MARGIN - small.leading;
    let updated = set_paragraph(head.updated, &small, Hyphenator::None, width, Align::Left)?;
    put(items, &updated, bottom, &small, Role::Paragraph, head.key);
    if let Some(address) = head.address {
        let style = TextStyle::new(FontStyle::Bold, 16.0).leading(20.0).color(Color::WHITE);
        let lines = set_paragraph(&address.display, &style, Hyphenator::None, width, Align::Left)?;
        if lines.len() <= ADDRESS_LINES {
            bottom -= style.leading * lines.len() as f32 + 4.0;
            put(items, &lines, bottom, &style, Role::Paragraph, head.key);
        }
    }
    let rule_y = bottom - 14.0;
    fill(items, Rect { x: MARGIN, y: rule_y, width: width * 0.3, height: 1.5 }, Color::ACCENT_SOFT, head.key);
    // Then the name and the kinds, as much of them as the room above the rule holds: the cover
    // is a picture, and its text alternative and the title page give them in full.
    let room = rule_y - 24.0;
    let wordmark = TextStyle::new(FontStyle::Bold, 56.0).leading(61.6).color(Color::WHITE);
    let (name, name_style) = fit_wordmark(head.name, &wordmark, 28.0, width)?;
    y = put(items, fitting(&name, y, room, &name_style), y, &name_style, Role::Title, head.key);
    if !head.kinds.is_empty() {
        let kinds = TextStyle::new(FontStyle::Regular, 18.0).leading(24.0).color(Color::ACCENT_SOFT);
        let lines = set_paragraph(head.kinds, &kinds, Hyphenator::None, width, Align::Left)?;
        put(items, fitting(&lines, y + 6.0, room, &kinds), y + 6.0, &kinds, Role::Paragraph, head.key);
    }
    Ok(page)
}

/// The first of `lines` that fit between `top` and `bottom`.
fn fitting<'a>(lines: &'a [SetLine], top: f32, bottom: f32, style: &TextStyle) -> &'a [SetLine] {
    let room = ((bottom - top) / style.leading + 0.001).floor().max(0.0) as usize;
    &lines[..room.min(lines.len())]
}

fn fill(items: &mut Vec<Item>, rect: Rect, color: Color, key: Key) {
    items.push(Item {
        kind: ItemKind::Fill { rect, color },
        role: Role::Artifact(Artifact::Layout),
        block: key,
    });
}

/// Lines from `top` at the margin; returns the y below them.
fn put(items: &mut Vec<Item>, lines: &[SetLine], top: f32, style: &TextStyle, role: Role, key: Key) -> f32 {
    let mut y = top;
    for line in lines {
        push_line(items, line, MARGIN, y, style, &role, key);
        y += style.leading;
    }
    y
}
