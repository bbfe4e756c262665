//! Where the laid-out items may go: inside the printable area, out of the column gutter, and
//! above the running footer.

use dossier::layout::{Artifact, ItemKind, Layout, Role};

/// The box an item covers on its page: left, top, right, bottom; `None` for tags.
fn extent(kind: &ItemKind) -> Option<(f32, f32, f32, f32)> {
    Some(match kind {
        ItemKind::Text { line, x, baseline, style } => {
            let start = line.glyphs.first().map_or(0.0, |g| g.x);
            (x + start, baseline - style.size, x + line.width, baseline + style.size * 0.3)
        }
        ItemKind::Fill { rect, .. } | ItemKind::Link { rect, .. } | ItemKind::Image { rect, .. } => {
            (rect.x, rect.y, rect.right(), rect.bottom())
        }
        ItemKind::Line { from, to, .. } => {
            (from.0.min(to.0), from.1.min(to.1), from.0.max(to.0), from.1.max(to.1))
        }
        ItemKind::Start(_) | ItemKind::End(_) => return None,
    })
}

/// No item outside the printable area; no running-text line reaching into the column gutter.
pub fn assert_within_bounds(layout: &Layout, what: &str) {
    let area = layout.printable;
    for (number, page) in layout.pages.iter().enumerate() {
        let middle = page.width / 2.0;
        for item in &page.items {
            let Some((left, top, right, bottom)) = extent(&item.kind) else { continue };
            let inside = left >= area.x - 0.01
                && right <= area.right() + 0.01
                && top >= area.y - 0.01
                && bottom <= area.bottom() + 0.01;
            assert!(
                inside,
                "{what}, page {}: {:?} at ({left:.1}, {top:.1})-({right:.1}, {bottom:.1}) outside {area:?}",
                number + 1,
                item.role
            );
            if let (ItemKind::Text { line, .. }, Role::Paragraph | Role::Heading(_)) =
                (&item.kind, &item.role)
            {
                let crosses = left < middle - 2.0 && right > middle + 2.0;
                let full_width = top < layout.pages[0].height * 0.33 && number == 0;
                assert!(
                    !crosses || full_width,
                    "{what}, page {}: “{}” crosses the gutter",
                    number + 1,
                    line.text
                );
            }
        }
    }
}

/// Nothing but the running footer reaches below the footer's rule, on any page.
pub fn assert_above_the_footer(layout: &Layout, what: &str) {
    let running = Role::Artifact(Artifact::Pagination);
    for (number, page) in layout.pages.iter().enumerate() {
        let rule = page.items.iter().find_map(|item| match (&item.kind, &item.role) {
            (ItemKind::Line { from, .. }, role) if *role == running => Some(from.1),
            _ => None,
        });
        let Some(rule) = rule else { panic!("{what}, page {}: no footer", number + 1) };
        for item in page.items.iter().filter(|item| item.role != running) {
            let Some((_, _, _, bottom)) = extent(&item.kind) else { continue };
            assert!(
                bottom <= rule + 0.01,
                "{what}, page {}: {:?} reaches under the footer",
                number + 1,
                item.role
            );
        }
    }
}
