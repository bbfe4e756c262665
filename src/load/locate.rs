//! Places in a data file: byte offsets turned into lines and columns, and the place of every
//! field and list item of the model, kept as the file is read so that checks made afterwards
//! (empty text, unknown ids, …) can still point at the source. Every place comes from the YAML
//! parser's own events, never from a second reading of the text.

/// A 1-based line and column. Lines end at `\n`, as editors and the report count them; columns
/// count characters. Line 0 means "not known".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub line: u32,
    pub column: u32,
}

impl Place {
    pub fn line_column(self) -> Option<(usize, usize)> {
        (self.line > 0).then_some((self.line as usize, self.column as usize))
    }
}

/// Turns byte offsets into places. The parser's events come in the order of the text, so the
/// cursor only ever walks forward: a whole file costs one pass, however many places it has.
pub(super) struct Cursor<'a> {
    text: &'a str,
    offset: usize,
    line_start: usize,
    place: Place,
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Cursor { text, offset: 0, line_start: 0, place: Place { line: 1, column: 1 } }
    }

    /// The place of byte `offset` (moved back to a character boundary if it is inside one).
    pub fn place(&mut self, offset: usize) -> Place {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            // Rare (an error mark behind the last event): count again from the line's start,
            // or from the top when the offset lies on an earlier line.
            let line_start = if offset >= self.line_start { self.line_start } else { 0 };
            let line = if line_start == 0 { 1 } else { self.place.line };
            self.offset = line_start;
            self.line_start = line_start;
            self.place = Place { line, column: 1 };
        }
        for (i, byte) in self.text.as_bytes()[self.offset..offset].iter().enumerate() {
            if *byte == b'\n' {
                self.place.line = self.place.line.saturating_add(1);
                self.place.column = 1;
                self.line_start = self.offset + i + 1;
            } else if byte & 0xC0 != 0x80 {
                // Only the first byte of a UTF-8 character starts a new column.
                self.place.column = self.place.column.saturating_add(1);
            }
        }
        self.offset = offset;
        self.place
    }
}

/// Where a field or list item is written, and where its own fields and items are.
#[derive(Debug, Default)]
pub(super) struct Spot {
    at: Place,
    parts: Option<Box<Parts>>,
}

/// Kept apart so that a leaf (most spots) costs two words.
#[derive(Debug, Default)]
struct Parts {
    fields: Vec<(&'static str, Spot)>,
    items: Vec<Spot>,
}

impl Spot {
    pub fn at(place: Place) -> Spot {
        Spot { at: place, parts: None }
    }

    pub fn add_field(&mut self, name: &'static str, spot: Spot) {
        self.parts.get_or_insert_default().fields.push((name, spot));
    }

    /// Items are added in the order of the list, so that `[i]` finds the i-th.
    pub fn add_item(&mut self, spot: Spot) {
        self.parts.get_or_insert_default().items.push(spot);
    }

    fn field(&self, name: &str) -> Option<&Spot> {
        let parts = self.parts.as_deref()?;
        parts.fields.iter().find(|(field, _)| *field == name).map(|(_, spot)| spot)
    }

    fn item(&self, index: usize) -> Option<&Spot> {
        self.parts.as_deref()?.items.get(index)
    }
}

/// Field path (`sections[2].paragraphs[0]`) -> (line, column): a field at its key, a list item at
/// its dash (or where it starts, in a `[…]` list).
#[derive(Debug, Default)]
pub struct FieldLines {
    root: Spot,
}

impl FieldLines {
    pub(super) fn new(root: Spot) -> Self {
        FieldLines { root }
    }

    /// The line and column of the path, or of its nearest located parent; `None` when not even
    /// the first field of the path is written.
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        let mut spot = &self.root;
        let mut found = None;
        for part in path.split('.') {
            let (name, indices) = part.split_once('[').map_or((part, ""), |(name, rest)| (name, rest));
            let Some(next) = spot.field(name) else { break };
            spot = next;
            found = spot.at.line_column().or(found);
            for index in indices.split('[').filter(|i| !i.is_empty()) {
                let item = index.trim_end_matches(']').parse().ok().and_then(|i| spot.item(i));
                let Some(item) = item else { return found };
                spot = item;
                found = spot.at.line_column().or(found);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_counts_lines_at_line_feeds_and_columns_in_characters() {
        let text = "a: 1\nб: ж\r\nc\u{2028}d: x\n";
        let mut cursor = Cursor::new(text);
        let place = |line, column| Place { line, column };
        assert_eq!(cursor.place(0), place(1, 1));
        assert_eq!(cursor.place(9), place(2, 4), "`ж`, after `б: ` (б is two bytes)");
        assert_eq!(cursor.place(text.find('d').unwrap()), place(3, 3), "U+2028 is no line break here");
        assert_eq!(cursor.place(2), place(1, 3), "backwards works too");
        assert_eq!(cursor.place(6), place(2, 1), "inside a character: its start");
        assert_eq!(cursor.place(999), place(4, 1));
    }

    #[test]
    fn paths_find_keys_items_or_their_nearest_parent() {
        let place = |line, column| Place { line, column };
        let mut root = Spot::default();
        let mut sections = Spot::at(place(2, 1));
        let mut first = Spot::at(place(3, 3));
        first.add_field("title", Spot::at(place(4, 5)));
        sections.add_item(first);
        root.add_field("sections", sections);
        let lines = FieldLines::new(root);
        assert_eq!(lines.find("sections"), Some((2, 1)));
        assert_eq!(lines.find("sections[0]"), Some((3, 3)));
        assert_eq!(lines.find("sections[0].title"), Some((4, 5)));
        assert_eq!(lines.find("sections[0].paragraphs[3]"), Some((3, 3)));
        assert_eq!(lines.find("sections[7].title"), Some((2, 1)));
        assert_eq!(lines.find("timeline[0]"), None);
    }
}
