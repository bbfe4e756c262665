//! A QR code as vector squares: dark modules merged into horizontal runs, on a white quiet zone.

use qrcode::{Color as Module, EcLevel, QrCode};

use super::style::Color;
use super::{Item, ItemKind, Rect, Role, Tag};
use crate::doc::Key;
use crate::error::{Error, Result};

/// Modules of light margin the QR standard asks for around the code.
const QUIET_ZONE: usize = 4;

/// How many modules wide the code of `data` is, quiet zone included.
pub fn modules_across(data: &str) -> Result<usize> {
    let code = QrCode::with_error_correction_level(data, EcLevel::M)
        .map_err(|e| Error::Layout(format!("cannot make a QR code of {data}: {e}")))?;
    Ok(code.width() + 2 * QUIET_ZONE)
}

/// Draws a QR code for `data` filling the square `area` (quiet zone included).
pub fn qr_code(data: &str, area: Rect, alt: &str, key: Key) -> Result<Vec<Item>> {
    let code = QrCode::with_error_correction_level(data, EcLevel::M)
        .map_err(|e| Error::Layout(format!("cannot make a QR code of {data}: {e}")))?;
    let width = code.width();
    let modules = code.to_colors();
    let module = area.width / (width + 2 * QUIET_ZONE) as f32;
    let figure = Role::Figure { alt: alt.to_string() };
    let mut items = vec![
        Item {
            kind: ItemKind::Start(Tag { block: key, role: figure.clone() }),
            role: figure.clone(),
            block: key,
        },
        Item { kind: ItemKind::Fill { rect: area, color: Color::WHITE }, role: figure.clone(), block: key },
    ];
    for (row, cells) in modules.chunks(width).enumerate() {
        for (start, length) in dark_runs(cells) {
            let rect = Rect {
                x: area.x + (QUIET_ZONE + start) as f32 * module,
                y: area.y + (QUIET_ZONE + row) as f32 * module,
                width: length as f32 * module,
                height: module,
            };
            items.push(Item {
                kind: ItemKind::Fill { rect, color: Color(0.0, 0.0, 0.0) },
                role: figure.clone(),
                block: key,
            });
        }
    }
    items.push(Item { kind: ItemKind::End(key), role: figure, block: key });
    Ok(items)
}

/// (start, length) of each run of dark modules in a row.
fn dark_runs(cells: &[Module]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, cell) in cells.iter().chain(std::iter::once(&Module::Light)).enumerate() {
        match (cell, start) {
            (Module::Dark, None) => start = Some(i),
            (Module::Light, Some(s)) => {
                runs.push((s, i - s));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_neighbouring_dark_modules() {
        use Module::{Dark as D, Light as L};
        assert_eq!(dark_runs(&[D, D, L, D, L, L, D]), vec![(0, 2), (3, 1), (6, 1)]);
    }

    #[test]
    fn qr_stays_inside_its_area() {
        let area = Rect { x: 10.0, y: 10.0, width: 60.0, height: 60.0 };
        let items = qr_code("https://kloop.kg/", area, "QR", Key(1)).unwrap();
        assert!(items.len() > 50);
        for item in items {
            if let ItemKind::Fill { rect, .. } = item.kind {
                assert!(rect.x >= area.x - 0.01 && rect.right() <= area.right() + 0.01);
                assert!(rect.y >= area.y - 0.01 && rect.bottom() <= area.bottom() + 0.01);
            }
        }
    }
}
