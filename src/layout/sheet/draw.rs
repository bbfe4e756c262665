//! Drawing at fixed places, for the parts of the sheet that are not flowed through columns:
//! lines at a given top, groups opened and closed, link areas, fills and rules.

use crate::doc::Key;
use crate::layout::flow::push_line;
use crate::layout::style::{Color, TextStyle};
use crate::layout::{Artifact, Item, ItemKind, LinkTarget, Rect, Role, SetLine, Tag};

/// Places set lines from `top`, one per leading, with link areas over linked runs; returns
/// the y below the last.
pub(super) fn put_lines(
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

pub(super) fn start(items: &mut Vec<Item>, key: Key, role: Role) {
    items.push(Item { kind: ItemKind::Start(Tag { block: key, role: role.clone() }), role, block: key });
}

pub(super) fn end(items: &mut Vec<Item>, key: Key, role: Role) {
    items.push(Item { kind: ItemKind::End(key), role, block: key });
}

pub(super) fn link(items: &mut Vec<Item>, rect: Rect, target: LinkTarget, key: Key) {
    items.push(Item { kind: ItemKind::Link { rect, target }, role: Role::Link, block: key });
}

pub(super) fn fill_rect(items: &mut Vec<Item>, rect: Rect, color: Color, key: Key) {
    items.push(Item {
        kind: ItemKind::Fill { rect, color },
        role: Role::Artifact(Artifact::Layout),
        block: key,
    });
}

pub(super) fn rule(
    items: &mut Vec<Item>,
    from: (f32, f32),
    to: (f32, f32),
    thickness: f32,
    color: Color,
    key: Key,
) {
    items.push(Item {
        kind: ItemKind::Line { from, to, thickness, color },
        role: Role::Artifact(Artifact::Layout),
        block: key,
    });
}
