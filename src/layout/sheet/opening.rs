//! The sheet's opening under the band: the lead beside the key-facts box. When either would
//! pass the foot of the page, both become the columns' first blocks instead, so that nothing
//! runs under the footer: the lead a paragraph, the facts a table whose rows, and the lines of
//! a row, go on in the next column.

use super::draw::{end, fill_rect, put_lines, rule, start};
use super::{Context, Geometry, Placement};
use crate::doc::{Block, FactRow, Facts};
use crate::error::Result;
use crate::layout::flow::{Block as FlowBlock, HeaderCell, Rule};
use crate::layout::linebreak::Align;
use crate::layout::style::{Color, TextStyle};
use crate::layout::{mm, Item, Rect, Role, SetLine, Tag};
use crate::locale::Hyphenator;

/// Sets the lead and the facts from `top` when `in_place` allows and they fit above the body's
/// foot, else as blocks for the columns.
pub(super) fn opening(
    cx: &mut Context,
    items: &mut Vec<Item>,
    geo: &Geometry,
    top: f32,
    in_place: bool,
) -> Result<Placement> {
    if in_place {
        let warned = cx.warnings.len();
        let mut placed = Vec::new();
        let bottom = lead_and_facts(cx, &mut placed, geo, top)?;
        if bottom <= geo.body.bottom() {
            items.extend(placed);
            return Ok(Placement::Placed { bottom });
        }
        // Set again below: say each problem once.
        cx.warnings.truncate(warned);
    }
    let width = geo.column_width();
    let mut blocks = Vec::new();
    for block in &cx.part.blocks {
        match block {
            Block::Lead(lead) => {
                let style = cx.scale.lead;
                let lines = cx.set_inlines(&lead.content, &style, Hyphenator::None, width, Align::Left)?;
                blocks.push(FlowBlock::new(lines, style, Role::Paragraph, lead.key));
            }
            Block::Facts(facts) => blocks.extend(facts_table(cx, facts, width)?),
            _ => {}
        }
    }
    Ok(Placement::Flowing(blocks))
}

/// Of the key-facts box's padding, how much may stand in for the space below the opening.
const BOX_OWN_SPACE: f32 = 2.5 * 72.0 / 25.4;

/// The lead paragraph on the left, the key-facts box on the right; returns the y below both.
/// The two share the width so that they end as nearly level as they can: the box widens when
/// it would stand taller than the lead (its rows then take fewer lines) and narrows when the
/// lead is the longer, so that no hole is left under the shorter one.
fn lead_and_facts(cx: &mut Context, items: &mut Vec<Item>, geo: &Geometry, top: f32) -> Result<f32> {
    const STEP: f32 = 4.0;
    let preferred = mm(72.0).min(geo.body.width * 0.45);
    let least = mm(60.0).min(preferred);
    let most = (geo.body.width * 0.62).max(preferred);
    let warned = cx.warnings.len();
    let widths: Vec<f32> =
        (0..).map(|i| least + mm(STEP) * i as f32).take_while(|w| *w <= most + 0.01).collect();
    // Where the lead and the box end with the box that wide, each width set once.
    let mut measured: Vec<(f32, (f32, f32))> = Vec::new();
    let mut measure = |width: f32| -> Result<(f32, f32)> {
        if let Some((_, ends)) = measured.iter().find(|(w, _)| *w == width) {
            return Ok(*ends);
        }
        let ends = lead_and_facts_at(cx, &mut Vec::new(), geo, top, width)?;
        cx.warnings.truncate(warned);
        measured.push((width, ends));
        Ok(ends)
    };
    // How much lower the lead ends than the box.
    let lower = |(lead, facts): (f32, f32)| lead - (facts - BOX_OWN_SPACE);
    // A wider box is shorter and leaves the lead narrower, so taller: the lead's lead over the
    // box only grows with the width. The level point is found by halving, then its neighbours
    // and the preferred width compared by what they cost: points of hole, and a little for
    // straying from the preferred width, so that of widths that end alike the usual one wins.
    let (mut low, mut high) = (0, widths.len());
    while low < high {
        let middle = (low + high) / 2;
        if lower(measure(widths[middle])?) >= 0.0 {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    let mut best: Option<(f32, f32, (f32, f32))> = None;
    let candidates = [low.checked_sub(1).map(|i| widths[i]), widths.get(low).copied(), Some(preferred)];
    for width in candidates.into_iter().flatten() {
        let ends = measure(width)?;
        let cost = lower(ends).abs() + (width - preferred).abs() * 0.02;
        if best.is_none_or(|(_, least_cost, _)| cost < least_cost) {
            best = Some((width, cost, ends));
        }
    }
    let Some((width, _, (lead, facts))) = best else { return Ok(top) };
    // The box's padding is its own space: what follows may come closer to it than to text.
    let side_by_side = lead.max(facts - BOX_OWN_SPACE);
    // Still a hole of more than two lines (many facts beside a short lead, or a long lead beside
    // a few): the lead across the page and the facts under it, their rows in two columns.
    if (lead - (facts - BOX_OWN_SPACE)).abs() > cx.scale.lead.leading * 2.0 {
        let mut stacked = Vec::new();
        let (lead_bottom, bottom) = lead_over_facts(cx, &mut stacked, geo, top)?;
        // A lead across the page reads as a lead only while short: a long one is better beside
        // the box, or in the columns.
        if bottom <= side_by_side && lead_bottom <= geo.height / 3.0 {
            items.extend(stacked);
            return Ok(bottom);
        }
        cx.warnings.truncate(warned);
    }
    lead_and_facts_at(cx, items, geo, top, width)?;
    Ok(side_by_side)
}

/// The lead across the body's width, the key-facts box under it with its rows in two columns;
/// returns the y below the lead, and below the box (less its own space).
fn lead_over_facts(cx: &mut Context, items: &mut Vec<Item>, geo: &Geometry, top: f32) -> Result<(f32, f32)> {
    let lead_style = cx.scale.lead;
    let mut y = top;
    for block in &cx.part.blocks {
        if let Block::Lead(lead) = block {
            // As wide as a line reads well: two thirds of the body.
            let width = geo.body.width * 0.68;
            let lines = cx.set_inlines(&lead.content, &lead_style, Hyphenator::None, width, Align::Left)?;
            start(items, lead.key, Role::Paragraph);
            y = put_lines(items, &lines, geo.body.x, y, &lead_style, &Role::Paragraph, lead.key);
            end(items, lead.key, Role::Paragraph);
        }
    }
    let lead_bottom = y;
    let mut bottom = y + mm(4.0);
    for block in &cx.part.blocks {
        if let Block::Facts(facts) = block {
            let area = Rect { x: geo.body.x, y: bottom, width: geo.body.width, height: 0.0 };
            bottom = facts_box(cx, items, facts, area, 2)?;
        }
    }
    Ok((lead_bottom, bottom - BOX_OWN_SPACE))
}

/// The lead and the key facts with the box `facts_width` wide: the bottom of each.
fn lead_and_facts_at(
    cx: &mut Context,
    items: &mut Vec<Item>,
    geo: &Geometry,
    top: f32,
    facts_width: f32,
) -> Result<(f32, f32)> {
    let gap = mm(7.0);
    let lead_width = geo.body.width - facts_width - gap;
    let lead_style = cx.scale.lead;
    let mut lead_bottom = top;
    for block in &cx.part.blocks {
        if let Block::Lead(lead) = block {
            let lines =
                cx.set_inlines(&lead.content, &lead_style, Hyphenator::None, lead_width, Align::Left)?;
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
            facts_bottom = facts_box(cx, items, facts, area, 1)?;
        }
    }
    Ok((lead_bottom, facts_bottom))
}

/// How the key-facts table is set in a width: its styles, and the width of its two cells.
struct FactsLook {
    caption: TextStyle,
    label: TextStyle,
    value: TextStyle,
    label_width: f32,
    value_width: f32,
    /// Between the cells.
    gap: f32,
}

impl FactsLook {
    fn new(cx: &Context, width: f32, rows: &[FactRow]) -> Result<Self> {
        let gap = mm(2.0);
        let label = cx.scale.fact_label;
        // Wide enough for the longest word of any label (a Kyrgyz “Коммерциялык” is wider than
        // an English “Commercial”), up to two fifths of the table.
        let face = label.face()?;
        let longest = rows
            .iter()
            .flat_map(|row| row.label.split_whitespace())
            .map(|word| face.width(word, label.size))
            .fold(0.0, f32::max);
        let label_width = mm(22.0).max(longest + mm(0.5)).min(width * 0.4);
        Ok(FactsLook {
            caption: cx.scale.h2.color(Color::ACCENT),
            label,
            value: cx.scale.fact,
            label_width,
            value_width: width - label_width - gap,
            gap,
        })
    }

    /// A row's label and value, each set in its cell.
    fn cells(&self, cx: &mut Context, row: &FactRow) -> Result<(Vec<SetLine>, Vec<SetLine>)> {
        let label = cx.set_word(&row.label, &self.label, self.label_width, Align::Left)?;
        let value =
            cx.set_inlines(&row.value, &self.value, Hyphenator::None, self.value_width, Align::Left)?;
        Ok((label, value))
    }
}

/// A shaded table of label / value rows with a caption, the rows in one or two `columns` side
/// by side (in reading order down the first, then the second); returns its bottom.
fn facts_box(
    cx: &mut Context,
    items: &mut Vec<Item>,
    facts: &Facts,
    area: Rect,
    columns: usize,
) -> Result<f32> {
    let key = facts.key;
    let pad = mm(3.0);
    let gap = mm(6.0);
    let columns = columns.clamp(1, facts.rows.len().clamp(1, 2));
    let inner = area.width - 2.0 * pad;
    let column_width = (inner - gap * (columns - 1) as f32) / columns as f32;
    let look = FactsLook::new(cx, column_width, &facts.rows)?;
    let mut content = Vec::new();
    start(&mut content, key, Role::Table);
    let caption = cx.set_word(&facts.title, &look.caption, inner, Align::Left)?;
    let top =
        put_lines(&mut content, &caption, area.x + pad, area.y + pad, &look.caption, &Role::Caption, key)
            + mm(1.0);
    let mut rows = Vec::with_capacity(facts.rows.len());
    for row in &facts.rows {
        let (label, value) = look.cells(cx, row)?;
        let height = (look.label.leading * label.len() as f32).max(look.value.leading * value.len() as f32);
        rows.push((label, value, height + mm(2.0)));
    }
    let mut bottom = top;
    // One column, or two (what the body's width allows) split where they end most level.
    let split =
        if columns > 1 { split_rows(&rows.iter().map(|r| r.2).collect::<Vec<_>>()) } else { rows.len() };
    let ranges = [0..split, split..rows.len()];
    for (column, range) in ranges.into_iter().filter(|r| !r.is_empty()).enumerate() {
        let x = area.x + pad + column as f32 * (column_width + gap);
        let mut y = top;
        for (label, value, height) in &rows[range] {
            rule(&mut content, (x, y), (x + column_width, y), 0.4, Color::RULE, key);
            let row_top = y + mm(1.0);
            start(&mut content, key, Role::TableRow);
            put_lines(&mut content, label, x, row_top, &look.label, &Role::TableHeader, key);
            let value_x = x + look.label_width + look.gap;
            put_lines(&mut content, value, value_x, row_top, &look.value, &Role::TableCell, key);
            end(&mut content, key, Role::TableRow);
            y += height;
        }
        bottom = bottom.max(y);
    }
    end(&mut content, key, Role::Table);
    let bottom = bottom + pad - mm(1.0);
    fill_rect(items, Rect { height: bottom - area.y, ..area }, Color::PANEL, key);
    items.extend(content);
    Ok(bottom)
}

/// Where to split rows of these heights, in order, into two columns so that the taller column
/// is as short as it can be: the first row of the second column.
fn split_rows(heights: &[f32]) -> usize {
    let total: f32 = heights.iter().sum();
    let mut first: f32 = 0.0;
    let mut best = (f32::INFINITY, heights.len());
    for (split, height) in heights.iter().enumerate() {
        let taller = first.max(total - first);
        if taller < best.0 {
            best = (taller, split);
        }
        first += height;
    }
    best.1
}

/// The key-facts table as blocks for the columns: the caption kept with the first row, then a
/// block per row under a rule, its label beside its value.
fn facts_table(cx: &mut Context, facts: &Facts, width: f32) -> Result<Vec<FlowBlock>> {
    let key = facts.key;
    let look = FactsLook::new(cx, width, &facts.rows)?;
    let caption = cx.set_word(&facts.title, &look.caption, width, Align::Left)?;
    let mut blocks = vec![FlowBlock {
        opens: vec![Tag { block: key, role: Role::Table }],
        closes: Vec::new(),
        ..FlowBlock::new(caption, look.caption, Role::Caption, key).space_before(mm(4.0)).keep_with_next()
    }];
    for row in &facts.rows {
        let (label, value) = look.cells(cx, row)?;
        blocks.push(FlowBlock {
            header: Some(HeaderCell {
                lines: label,
                style: look.label,
                indent: look.label_width + look.gap,
                role: Role::TableHeader,
            }),
            rule_above: Some(Rule { thickness: 0.4, color: Color::RULE }),
            opens: vec![Tag { block: key, role: Role::TableRow }],
            ..FlowBlock::new(value, look.value, Role::TableCell, key).space_before(mm(2.0))
        });
    }
    if let Some(last) = blocks.last_mut() {
        last.closes.push(key);
    }
    Ok(blocks)
}
