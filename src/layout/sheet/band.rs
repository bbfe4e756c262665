//! The header band: the name as a wordmark and the kinds of organisation on the sheet's deep
//! blue, the logo on a white tile at its left, the address and its QR code at its right. The
//! band never grows past a share of the page: words that do not fit in it flow on as the
//! first blocks of the columns.

use super::draw::{end, fill_rect, link, put_lines, start};
use super::{Context, Geometry};
use crate::doc::{Address, Figure, FigureKind, Key};
use crate::error::Result;
use crate::layout::flow::Block as FlowBlock;
use crate::layout::linebreak::Align;
use crate::layout::masthead::{fit_image, fit_wordmark};
use crate::layout::qr::{modules_across, qr_code};
use crate::layout::style::{Color, TextStyle};
use crate::layout::{mm, Item, ItemKind, LinkTarget, Rect, Role, SetLine};

/// The tallest the band may be, as a share of the page's height.
const MOST_OF_PAGE: f32 = 0.2;
/// The smallest size the wordmark is set in before it wraps.
const LEAST_WORDMARK: f32 = 16.0;
/// Lines the printed address may take beside the QR code; a longer one is left to the
/// key-facts table.
const ADDRESS_LINES: usize = 1;
/// The smallest QR module an office printer and a phone's camera handle well.
const MIN_MODULE_MM: f32 = 0.5;
const MIN_MODULE: f32 = MIN_MODULE_MM * 72.0 / 25.4;

fn origin_url(figure: &Figure) -> &str {
    match &figure.kind {
        FigureKind::QrCode(url) => url.as_str(),
        _ => "",
    }
}

/// The band's bottom, and what of the name and the kinds did not fit in it.
pub(super) struct Band {
    pub bottom: f32,
    pub rest: Vec<FlowBlock>,
}

/// The dark band: the name as a wordmark and the kind of organisation, then the address
/// and its QR code on the right. The band grows when a long name needs more lines, up to
/// `MOST_OF_PAGE`; the lines beyond are set again at the columns' width as the band's `rest`.
pub(super) fn header_band(cx: &mut Context, items: &mut Vec<Item>, geo: &Geometry) -> Result<Band> {
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
    let (mut name_lines, name_style) = fit_wordmark(&head.name, &cx.scale.wordmark, LEAST_WORDMARK, width)?;
    let kinds_style = cx.scale.kinds;
    let mut kinds_lines = if head.kinds.is_empty() {
        Vec::new()
    } else {
        cx.set(&head.kinds, &kinds_style, width, Align::Left)?
    };
    let padding = mm(8.0);
    let room = geo.height * MOST_OF_PAGE - padding;
    let rest =
        keep_what_fits(cx, geo, room, (&mut name_lines, &name_style), (&mut kinds_lines, &kinds_style))?;
    let block_height =
        name_style.leading * name_lines.len() as f32 + kinds_style.leading * kinds_lines.len() as f32;
    let band_height = mm(30.0).max(block_height + padding);
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
    Ok(Band { bottom: band.bottom(), rest })
}

/// Keeps the name's lines, then the kinds', that fit in `room` points of height, and returns
/// the rest of each text, set at the columns' width: the name's rest as the title it is, the
/// kinds' as a paragraph. When the name does not fit, the kinds follow its rest in full, to
/// keep the reading order.
fn keep_what_fits(
    cx: &mut Context,
    geo: &Geometry,
    room: f32,
    (name, name_style): (&mut Vec<SetLine>, &TextStyle),
    (kinds, kinds_style): (&mut Vec<SetLine>, &TextStyle),
) -> Result<Vec<FlowBlock>> {
    let fitting = |room: f32, style: &TextStyle| ((room / style.leading) + 0.001).floor().max(0.0) as usize;
    // The band always keeps the name's first line.
    let name_kept = fitting(room, name_style).max(1);
    let kinds_kept = if name_kept < name.len() {
        0
    } else {
        fitting(room - name_style.leading * name.len() as f32, kinds_style)
    };
    let head = &cx.part.masthead;
    let key = head.key;
    let width = geo.column_width();
    let mut rest = Vec::new();
    if let Some(cut) = name.get(name_kept).map(|line| line.source.start) {
        let style = cx.scale.h1;
        let lines = cx.set(&head.name[cut..], &style, width, Align::Left)?;
        rest.push(FlowBlock::new(lines, style, Role::Title, key));
        name.truncate(name_kept);
    }
    if let Some(cut) = kinds.get(kinds_kept).map(|line| line.source.start) {
        let style = cx.scale.kinds.color(Color::MUTED);
        let lines = cx.set(&head.kinds[cut..], &style, width, Align::Left)?;
        rest.push(FlowBlock::new(lines, style, Role::Paragraph, key).space_before(mm(1.0)));
        kinds.truncate(kinds_kept);
    }
    Ok(rest)
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
/// returns the items and the left edge of the address text. An address too long to print
/// there in `ADDRESS_LINES` is only linked from the QR code.
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
    let mut lines = cx.set(&address.display, &style, url_width, Align::Left)?;
    if lines.len() > ADDRESS_LINES {
        lines.clear();
    }
    let width = lines.iter().map(|l| l.width).fold(0.0, f32::max);
    let x = qr_area.x - mm(4.0) - width;
    let target = LinkTarget::Uri(address.url.as_str().into());
    if !lines.is_empty() {
        let top = qr_area.y + (qr_side - style.leading * lines.len() as f32) / 2.0;
        start(&mut items, key, Role::Link);
        let bottom = put_lines(&mut items, &lines, x, top, &style, &Role::Link, key);
        link(&mut items, Rect { x, y: top, width, height: bottom - top }, target.clone(), key);
        end(&mut items, key, Role::Link);
    }
    // The whole address while its modules stay printable; else the site's own address.
    let figure = match &address.origin_qr {
        Some(origin) if qr_side / (modules_across(address.url.as_str())? as f32) < MIN_MODULE => {
            cx.warnings.push(format!(
                "the website address is too long for a QR code that prints clearly (modules under {} mm): the code on the sheet leads to the site's address, {}",
                MIN_MODULE_MM,
                origin_url(origin)
            ));
            origin
        }
        _ => &address.qr,
    };
    let encoded = match &figure.kind {
        FigureKind::QrCode(url) => url.as_str(),
        _ => address.url.as_str(),
    };
    let qr_key = figure.key;
    start(&mut items, qr_key, Role::Link);
    items.extend(qr_code(encoded, qr_area, &figure.alt, qr_key)?);
    link(&mut items, qr_area, LinkTarget::Uri(encoded.into()), qr_key);
    end(&mut items, qr_key, Role::Link);
    Ok((items, x))
}
