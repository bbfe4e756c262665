//! Flows set paragraphs and headings through columns and pages: headings stay with the
//! first lines after them, no paragraph leaves a single line at a column's foot or head.

use super::style::{Color, TextStyle};
use super::{Anchor, Artifact, Item, ItemKind, Page, Rect, Role, SetLine, Tag};
use crate::doc::Key;

/// A block of set lines with its keep rules, and the groups it opens and closes.
#[derive(Debug, Clone)]
pub struct Block {
    pub lines: Vec<SetLine>,
    pub style: TextStyle,
    pub role: Role,
    /// The tree's block the lines come from.
    pub key: Key,
    pub space_before: f32,
    /// The anchor to record where the block lands: id, title, level, listed in the outline.
    pub anchor: Option<(String, String, usize, bool)>,
    /// A rule drawn above the block (section openers, table rows).
    pub rule_above: Option<Rule>,
    /// Groups opened before the first line (outermost first), and closed after the last.
    pub opens: Vec<Tag>,
    pub closes: Vec<Key>,
    /// Move to the next column rather than leave this block without the first lines of the
    /// next (headings, captions, labels).
    pub keep_with_next: bool,
    /// Set when the block is a table row: its header cell, beside `lines` (the value cell's).
    pub header: Option<HeaderCell>,
}

/// A rule across the column: its thickness and colour.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub thickness: f32,
    pub color: Color,
}

/// A table row's header cell, set at the column's left, line beside line with the row's value
/// cell, which starts `indent` points further right. The row is as tall as its longer cell.
#[derive(Debug, Clone)]
pub struct HeaderCell {
    pub lines: Vec<SetLine>,
    pub style: TextStyle,
    pub indent: f32,
    /// A table's row header, or a list item's label (a timeline event's date).
    pub role: Role,
}

impl Block {
    /// Lines of one role from one block of the tree, opening and closing a group of that role.
    pub fn new(lines: Vec<SetLine>, style: TextStyle, role: Role, key: Key) -> Block {
        Block {
            lines,
            style,
            opens: vec![Tag { block: key, role: role.clone() }],
            role,
            key,
            space_before: 0.0,
            anchor: None,
            rule_above: None,
            closes: vec![key],
            keep_with_next: false,
            header: None,
        }
    }

    pub fn space_before(self, space_before: f32) -> Block {
        Block { space_before, ..self }
    }

    pub fn keep_with_next(self) -> Block {
        Block { keep_with_next: true, ..self }
    }

    /// Line boxes the block takes: a row takes as many as its longer cell.
    fn line_count(&self) -> usize {
        self.lines.len().max(self.header.as_ref().map_or(0, |h| h.lines.len()))
    }
}

/// Least lines of a paragraph left alone at the foot (orphan) or head (widow) of a column.
const MIN_LINES_TOGETHER: usize = 2;

/// Makes the columns of a fresh page (by its index): the page and its column rectangles.
pub type NewPage<'a> = dyn Fn(usize) -> (Page, Vec<Rect>) + 'a;

pub struct Flow<'a> {
    pub pages: Vec<Page>,
    pub anchors: Vec<Anchor>,
    columns: Vec<Rect>,
    column: usize,
    y: f32,
    new_page: &'a NewPage<'a>,
    /// False while only measuring where things would go: no items are made.
    draw: bool,
    /// The baseline grid: lines of this leading start on it, counted from `origin` (the top of
    /// the page's first column), so that the lines of two columns side by side align.
    grid: Option<f32>,
    origin: f32,
    /// Where each column's last line ends, page by page (a column left empty ends at its top).
    pub ends: Vec<Vec<f32>>,
}

impl<'a> Flow<'a> {
    /// Starts flowing into `columns` of the last page in `pages`.
    pub fn new(pages: Vec<Page>, columns: Vec<Rect>, new_page: &'a NewPage<'a>) -> Self {
        let y = columns.first().map_or(0.0, |c| c.y);
        Flow {
            pages,
            anchors: Vec::new(),
            columns,
            column: 0,
            y,
            new_page,
            draw: true,
            grid: None,
            origin: y,
            ends: vec![Vec::new()],
        }
    }

    /// Sets lines of `leading` (running text and headings) on a baseline grid of that leading;
    /// lines of other sizes (notes, sources) go between, and the text after them back on it.
    pub fn on_grid(mut self, leading: f32) -> Self {
        self.grid = (leading > 0.0).then_some(leading);
        self
    }

    /// A flow that only finds out where blocks land (pages and anchors), making no items:
    /// the cheap pass for trying out column heights.
    pub fn measuring(mut self) -> Self {
        self.draw = false;
        self
    }

    fn current(&self) -> Rect {
        self.columns[self.column]
    }

    fn at_column_top(&self) -> bool {
        (self.y - self.current().y).abs() < 0.01
    }

    fn room(&self) -> f32 {
        self.current().bottom() - self.y
    }

    fn next_column(&mut self) {
        if let Some(ends) = self.ends.last_mut() {
            ends.push(self.y);
        }
        self.column += 1;
        if self.column >= self.columns.len() {
            self.ends.push(Vec::new());
            let (page, columns) = (self.new_page)(self.pages.len());
            self.pages.push(page);
            self.columns = columns;
            self.column = 0;
            self.origin = self.current().y;
        }
        self.y = self.current().y;
    }

    /// Places every block in order.
    pub fn place_all(&mut self, blocks: &[Block]) {
        for (i, block) in blocks.iter().enumerate() {
            let kept = if block.keep_with_next { kept_height(&blocks[i + 1..]) } else { 0.0 };
            self.place(block, kept);
        }
        if let Some(ends) = self.ends.last_mut() {
            ends.push(self.y);
        }
    }

    fn space_before(&self, block: &Block) -> f32 {
        let space = if self.at_column_top() { 0.0 } else { block.space_before };
        match self.grid {
            // The first line on the next grid line at or below.
            Some(grid) if (block.style.leading - grid).abs() < 0.01 => {
                let start = self.origin + ((self.y + space - self.origin) / grid - 0.001).ceil() * grid;
                (start - self.y).max(0.0)
            }
            _ => space,
        }
    }

    /// Places a block; `kept` is the height of what must stand in the same column after it.
    fn place(&mut self, block: &Block, kept: f32) {
        let leading = block.style.leading;
        let count = block.line_count();
        let need = self.space_before(block) + leading * count as f32 + kept;
        if block.keep_with_next && need > self.room() && !self.at_column_top() {
            self.next_column();
        }
        // A block without lines opens nothing, so it must close nothing either.
        if count == 0 {
            return;
        }
        let mut done = 0;
        while done < count {
            let first = done == 0;
            let space = if first { self.space_before(block) } else { 0.0 };
            let fit = ((self.room() - space) / leading + 0.001).floor().max(0.0) as usize;
            let left = count - done;
            let take = avoid_hyphen_at_break(
                &block.lines[done.min(block.lines.len())..],
                left,
                lines_to_take(left, fit, self.at_column_top()),
            );
            if take == 0 {
                self.next_column();
                continue;
            }
            self.y += space;
            if first {
                self.record_anchor(block);
                if let Some(rule) = block.rule_above {
                    self.draw_rule(block, rule);
                }
                // Trial runs only measure: no tags to make.
                let opens = if self.draw { &block.opens[..] } else { &[] };
                for tag in opens {
                    self.push(Item {
                        kind: ItemKind::Start(tag.clone()),
                        role: tag.role.clone(),
                        block: tag.block,
                    });
                }
            }
            for index in done..done + take {
                self.draw_line(block, index);
            }
            done += take;
            if done < count {
                self.next_column();
            }
        }
        let closes = if self.draw { &block.closes[..] } else { &[] };
        for key in closes {
            self.push(Item { kind: ItemKind::End(*key), role: block.role.clone(), block: *key });
        }
    }

    fn record_anchor(&mut self, block: &Block) {
        if let Some((id, title, level, outline)) = &block.anchor {
            self.anchors.push(Anchor {
                id: id.clone(),
                title: title.clone(),
                level: *level,
                outline: *outline,
                page: self.pages.len() - 1,
                y: self.y,
            });
        }
    }

    fn draw_rule(&mut self, block: &Block, rule: Rule) {
        let column = self.current();
        let y = self.y - block.style.leading * 0.25;
        self.push(Item {
            kind: ItemKind::Line {
                from: (column.x, y),
                to: (column.right(), y),
                thickness: rule.thickness,
                color: rule.color,
            },
            role: Role::Artifact(Artifact::Layout),
            block: block.key,
        });
    }

    /// Line box `index` of the block at the current y: its line, and a row's header cell's.
    fn draw_line(&mut self, block: &Block, index: usize) {
        if self.draw {
            let x = self.current().x;
            let indent = block.header.as_ref().map_or(0.0, |h| h.indent);
            if let Some(page) = self.pages.last_mut() {
                if let Some(header) = block.header.as_ref() {
                    if let Some(line) = header.lines.get(index) {
                        push_line(&mut page.items, line, x, self.y, &header.style, &header.role, block.key);
                    }
                }
                if let Some(line) = block.lines.get(index) {
                    push_line(
                        &mut page.items,
                        line,
                        x + indent,
                        self.y,
                        &block.style,
                        &block.role,
                        block.key,
                    );
                }
            }
        }
        self.y += block.style.leading;
    }

    fn push(&mut self, item: Item) {
        if !self.draw {
            return;
        }
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }
}

/// A set line at `top` as a text item, with a link area over each of its linked runs.
pub fn push_line(
    items: &mut Vec<Item>,
    line: &SetLine,
    x: f32,
    top: f32,
    style: &TextStyle,
    role: &Role,
    key: Key,
) {
    let baseline = top + baseline_offset(style);
    items.push(Item {
        kind: ItemKind::Text { line: line.clone(), x, baseline, style: *style },
        role: role.clone(),
        block: key,
    });
    let mut runs = line.runs.iter().peekable();
    while let Some(run) = runs.next() {
        let Some(target) = &run.look.link else { continue };
        let mut last = run.glyphs.end;
        // Neighbouring runs of one link (an emphasised word inside it) make one area.
        while let Some(next) = runs.next_if(|next| next.look.link.as_ref() == Some(target)) {
            last = next.glyphs.end;
        }
        let (Some(from), Some(to)) =
            (line.glyphs.get(run.glyphs.start), line.glyphs.get(last.saturating_sub(1)))
        else {
            continue;
        };
        let rect = Rect { x: x + from.x, y: top, width: to.x + to.advance - from.x, height: style.leading };
        items.push(Item {
            kind: ItemKind::Link { rect, target: target.clone() },
            role: Role::Link,
            block: key,
        });
    }
}

/// Where the baseline sits in a line box of the style's leading.
pub fn baseline_offset(style: &TextStyle) -> f32 {
    (style.leading - style.size) / 2.0 + style.size * 0.8
}

/// The height that must follow a block kept with the next in its column: the first lines of
/// the next block that may stand alone at a column's foot (all of a paragraph too short to
/// split), and, when the next is kept with its own next too (a heading under a heading), theirs.
fn kept_height(rest: &[Block]) -> f32 {
    // Headings nest a few deep; a longer run (hostile data) would make placing quadratic.
    const LONGEST_CHAIN: usize = 8;
    let mut height = 0.0;
    for block in rest.iter().take(LONGEST_CHAIN) {
        let count = block.line_count();
        let lines = if count < 2 * MIN_LINES_TOGETHER { count } else { MIN_LINES_TOGETHER };
        height += block.space_before + block.style.leading * lines as f32;
        if !block.keep_with_next {
            break;
        }
    }
    height
}

/// How many of `left` lines to set in a column with room for `fit`, keeping at least two
/// together at both ends of a break. 0 means: start in the next column.
fn lines_to_take(left: usize, fit: usize, at_top: bool) -> usize {
    if fit >= left {
        return left;
    }
    if at_top && fit < MIN_LINES_TOGETHER {
        // Even an empty column cannot hold two lines: set what fits rather than loop.
        return fit.max(1).min(left);
    }
    let take = fit.min(left.saturating_sub(MIN_LINES_TOGETHER));
    if take < MIN_LINES_TOGETHER {
        return if at_top { fit.min(left) } else { 0 };
    }
    take
}

/// A column should not end on a hyphenated word: give that line to the next column when
/// both sides keep two lines. `lines` are the block's lines from here on, `left` its line
/// boxes from here on (a table row's may outnumber its value's lines).
fn avoid_hyphen_at_break(lines: &[SetLine], left: usize, take: usize) -> usize {
    let splits = take > 0 && take < left;
    let hyphenated =
        splits && lines.get(take - 1).is_some_and(|line| line.text.ends_with(super::DISCRETIONARY_HYPHEN));
    if hyphenated && take > MIN_LINES_TOGETHER {
        take - 1
    } else {
        take
    }
}

#[cfg(test)]
mod tests {
    use super::lines_to_take;

    #[test]
    fn breaks_leave_no_widows_or_orphans() {
        assert_eq!(lines_to_take(5, 10, false), 5);
        assert_eq!(lines_to_take(5, 1, false), 0, "one line would be an orphan");
        assert_eq!(lines_to_take(5, 4, false), 3, "one line would be a widow");
        assert_eq!(lines_to_take(3, 2, false), 0, "three lines cannot split");
        assert_eq!(lines_to_take(6, 3, false), 3);
    }
}
