//! Parts shared by the designs that show an organisation's name: the wordmark fitted to a
//! width, and a picture fitted into a box with its proportions kept.

use super::linebreak::{set_paragraph, Align};
use super::style::TextStyle;
use super::{Rect, SetLine};
use crate::error::Result;
use crate::locale::Hyphenator;
use crate::model::Image;

/// The name in the largest size up to `style`'s that fits `width` on one line, but not under
/// `least`; wrapped when even that does not fit. Leading follows the size.
pub fn fit_wordmark(
    name: &str,
    style: &TextStyle,
    least: f32,
    width: f32,
) -> Result<(Vec<SetLine>, TextStyle)> {
    let natural = style.face()?.width(name, style.size);
    let size = (style.size * width / natural.max(1.0)).clamp(least.min(style.size), style.size);
    let fitted = TextStyle { size, leading: size * style.leading / style.size, ..*style };
    let lines = set_paragraph(name, &fitted, Hyphenator::None, width, Align::Left)?;
    Ok((lines, fitted))
}

/// The rectangle of `image` scaled to `height` (or narrower, to stay within `widest`), with
/// its top left at (x, y).
pub fn fit_image(image: &Image, x: f32, y: f32, height: f32, widest: f32) -> Rect {
    let aspect = image.width as f32 / image.height.max(1) as f32;
    let (mut width, mut h) = (height * aspect, height);
    if width > widest {
        (width, h) = (widest, widest / aspect.max(f32::MIN_POSITIVE));
    }
    Rect { x, y, width, height: h }
}
