//! libyaml's events -> a tree of nodes, each with its place. The limits that keep a hostile file
//! cheap are enforced here, on the parser's own events, as they arrive: no anchor or alias (so
//! nothing is ever expanded: an "alias bomb" of a 1 MB text repeated 2,000 times is refused at
//! its first anchor), no nesting deeper than `MAX_NESTING`, refused the moment the parser opens
//! the collection that goes too deep, and no more than `MAX_VALUES` values in all.
//!
//! Why the nesting limit here is enough: libyaml's scanner costs (tokens read) × (open `[`/`{`
//! levels), quadratic on `[[[[…`. Events are pulled one at a time, and the scanner reads ahead
//! of the event it hands out only while a simple key is still possible, which libyaml bounds to
//! 1,024 characters on one line. So by the refusal at level 65 the scanner has read at most
//! about 1,100 characters past the 64th level, whatever follows: 40,000 levels cost what 65 do.

use std::ops::ControlFlow;

use super::libyaml::{self, Event, SyntaxError};
use super::locate::{Cursor, Place};

/// Lists and mappings nest at most this deep. A data file needs six levels (the file, `sections`,
/// a section, `subsections`, a subsection, `paragraphs`); 64 leaves room for any layout a person
/// writes and keeps libyaml's work linear.
pub const MAX_NESTING: usize = 64;

/// A file holds at most this many values (texts, lists and mappings, keys included). The largest
/// file the format allows (2,000 sections of paragraphs, 1,000 events, their sources) holds some
/// 100,000. The cap bounds what any shape of file can cost: a 10 MiB file of nested `[[a]]`
/// lists took 1.07 GB to read into a tree, and is now refused with 215 MB in use.
pub const MAX_VALUES: usize = 1_000_000;

#[derive(Debug)]
pub(super) struct Node {
    pub at: Place,
    pub kind: Kind,
}

#[derive(Debug)]
pub(super) enum Kind {
    /// A scalar's value; `plain` when written without quotes or block indicators.
    Scalar {
        text: String,
        plain: bool,
    },
    /// Items with the place they are written at: the dash of a `- item`, else where they start.
    List(Vec<(Place, Node)>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// `~`, `null` or nothing at all, unquoted: YAML's null, which a field may leave empty.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, plain: true }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }
}

/// Why the text is not a YAML tree the loader accepts.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Refusal {
    pub at: Place,
    pub message: String,
    pub hint: String,
}

/// At most this many lines may start with `%`. libyaml compares each `%TAG` directive with every
/// one before it, before it hands out the document's first event (80,000 directives, 2 MB, took
/// 39 s), so they are counted before it sees the text. A data file needs none; `%YAML 1.1` is
/// harmless. Every directive starts a line, and a line counts here after any break libyaml
/// knows, so the count is never lower than libyaml's (text continued on a line starting with `%`
/// counts too, which no file does 16 times).
pub const MAX_DIRECTIVES: usize = 16;

/// The first document's root, or `None` when the text holds no document (only comments).
pub(super) fn read(text: &str) -> Result<Option<Node>, Refusal> {
    if let Some(at) = directive_lines(text).nth(MAX_DIRECTIVES) {
        let message = format!("the file has more than {MAX_DIRECTIVES} lines starting with `%`");
        let hint = "`%` lines are YAML directives, which a data file does not need: remove them";
        return Err(Refusal { at: Cursor::new(text).place(at), message, hint: hint.into() });
    }
    let mut builder = Builder { text, cursor: Cursor::new(text), open: Vec::new(), root: None, values: 0 };
    let mut refusal = None;
    let parsed = libyaml::parse(text, |event| match builder.add(event) {
        Ok(()) => ControlFlow::Continue(()),
        Err(stop) => {
            refusal = Some(stop);
            ControlFlow::Break(())
        }
    });
    if let Err(error) = parsed {
        return Err(builder.syntax(&error));
    }
    match refusal {
        Some(refusal) => Err(refusal),
        None => Ok(builder.root),
    }
}

/// A list or mapping whose end has not come yet, with the byte offset where it starts.
enum Open {
    List { start: usize, at: Place, items: Vec<(Place, Node)> },
    Map { start: usize, at: Place, entries: Vec<(Node, Node)>, key: Option<Node> },
}

struct Builder<'a> {
    text: &'a str,
    cursor: Cursor<'a>,
    open: Vec<Open>,
    root: Option<Node>,
    values: usize,
}

impl Builder<'_> {
    fn add(&mut self, event: Event) -> Result<(), Refusal> {
        if let Event::Scalar { at, .. } | Event::SequenceStart { at, .. } | Event::MappingStart { at, .. } =
            event
        {
            self.values += 1;
            if self.values > MAX_VALUES {
                let message = format!("the file holds more than {MAX_VALUES} values");
                let hint =
                    "no organisation needs this many texts, lists and mappings: is the file generated?";
                return Err(self.refuse(at, message, hint));
            }
        }
        match event {
            Event::DocumentStart { at } if self.root.is_some() => {
                let hint = "a data file is one YAML document: remove the `---` line and what follows, or make it a file of its own";
                Err(self.refuse(at, "the file holds more than one YAML document".into(), hint))
            }
            Event::DocumentStart { .. } => Ok(()),
            Event::Alias { at, name } => Err(self.anchor(at, '*', &name)),
            Event::Scalar { at, anchor: Some(name), .. }
            | Event::SequenceStart { at, anchor: Some(name) }
            | Event::MappingStart { at, anchor: Some(name) } => Err(self.anchor(at, '&', &name)),
            Event::Scalar { at, value, plain, anchor: None } => {
                let node = Node { at: self.cursor.place(at), kind: Kind::Scalar { text: value, plain } };
                self.attach(at, node);
                Ok(())
            }
            Event::SequenceStart { at, anchor: None } | Event::MappingStart { at, anchor: None }
                if self.open.len() >= MAX_NESTING =>
            {
                let hint = format!(
                    "lists and mappings nest at most {MAX_NESTING} levels deep; a data file needs six"
                );
                Err(self.refuse(at, "the file nests lists and mappings too deeply".into(), &hint))
            }
            Event::SequenceStart { at: start, anchor: None } => {
                self.open.push(Open::List { start, at: self.cursor.place(start), items: Vec::new() });
                Ok(())
            }
            Event::MappingStart { at: start, anchor: None } => {
                let at = self.cursor.place(start);
                self.open.push(Open::Map { start, at, entries: Vec::new(), key: None });
                Ok(())
            }
            Event::End => {
                let (start, node) = match self.open.pop() {
                    Some(Open::List { start, at, items }) => (start, Node { at, kind: Kind::List(items) }),
                    Some(Open::Map { start, at, entries, .. }) => {
                        (start, Node { at, kind: Kind::Map(entries) })
                    }
                    None => return Ok(()),
                };
                self.attach(start, node);
                Ok(())
            }
        }
    }

    /// A finished node starting at byte `start` goes into the collection that holds it.
    fn attach(&mut self, start: usize, node: Node) {
        let text = self.text;
        match self.open.last_mut() {
            Some(Open::List { items, .. }) => items.push((dash_place(text, start, node.at), node)),
            Some(Open::Map { entries, key, .. }) => match key.take() {
                Some(key) => entries.push((key, node)),
                None => *key = Some(node),
            },
            None => self.root = self.root.take().or(Some(node)),
        }
    }

    fn anchor(&mut self, at: usize, sigil: char, name: &str) -> Refusal {
        let token: String = std::iter::once(sigil).chain(name.chars()).take(40).collect();
        let message = format!("YAML anchors and aliases are not accepted (`{token}`)");
        self.refuse(at, message, "write the text out in full where it is needed")
    }

    fn refuse(&mut self, at: usize, message: String, hint: &str) -> Refusal {
        Refusal { at: self.cursor.place(at), message, hint: hint.to_string() }
    }

    fn syntax(&mut self, error: &SyntaxError) -> Refusal {
        let character = self.text[error.offset..].chars().next();
        match character {
            Some(c) if error.bad_character => {
                let message = format!("control character U+{:04X} in the text", u32::from(c));
                self.refuse(error.offset, message, super::checker::CONTROL_HINT)
            }
            _ => {
                let hint = syntax_hint(&error.problem).unwrap_or_default();
                self.refuse(error.offset, error.problem.clone(), hint)
            }
        }
    }
}

/// Byte offsets of the `%` that start a line: at the start of the text or after any line break
/// libyaml knows (`\n`, `\r`, U+0085, U+2028, U+2029).
fn directive_lines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices('%')
        .map(|(at, _)| at)
        .filter(|&at| at == 0 || text[..at].ends_with(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']))
}

/// Where a list item starting at byte `start` (at `place`) is written: at the dash of a block
/// item (`- x`, the blanks after the dash skipped), else at its start. Only the bytes between
/// the dash and the item are looked at, so all items of a file cost one pass over it.
fn dash_place(text: &str, start: usize, place: Place) -> Place {
    let before = &text.as_bytes()[..start.min(text.len())];
    let blanks = before.iter().rev().take_while(|b| matches!(b, b' ' | b'\t')).count();
    let Some(dash) = before.len().checked_sub(blanks + 1) else { return place };
    let starts_item = dash == 0 || matches!(before[dash - 1], b' ' | b'\t' | b'\n' | b'\r');
    if blanks > 0 && before[dash] == b'-' && starts_item {
        // Every byte skipped is ASCII: the column moves back by their count.
        let back = u32::try_from(start - dash).unwrap_or(u32::MAX);
        return Place { line: place.line, column: place.column.saturating_sub(back).max(1) };
    }
    place
}

/// What usually causes libyaml's complaint, in the words of someone editing a data file.
fn syntax_hint(problem: &str) -> Option<&'static str> {
    let hints = [
        ("found character that cannot start any token", "YAML indents with spaces; a tab may be hiding here"),
        (
            "did not find expected key",
            "check this line's indentation against the lines above; a quotation mark may be left open",
        ),
        ("mapping values are not allowed", "a text containing `: ` needs quotation marks, or a `>-` block"),
        ("did not find expected", "check the brackets and quotation marks above this place"),
    ];
    hints.iter().find(|(start, _)| problem.starts_with(start)).map(|(_, hint)| *hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `text` is refused and why: (line, column, message).
    fn refusal(text: &str) -> Option<(u32, u32, String)> {
        read(text).err().map(|refusal| (refusal.at.line, refusal.at.column, refusal.message))
    }

    fn anchor(line: u32, column: u32, token: &str) -> Option<(u32, u32, String)> {
        Some((line, column, format!("YAML anchors and aliases are not accepted (`{token}`)")))
    }

    #[test]
    fn anchors_and_aliases_are_refused_where_the_parser_finds_them() {
        assert_eq!(refusal("a: &x 1\nb: *x\n"), anchor(1, 4, "&x"));
        assert_eq!(refusal("list:\n  - *ref\n"), anchor(2, 5, "*ref"));
        assert_eq!(refusal("a: [1, *b]\n"), anchor(1, 8, "*b"));
        assert_eq!(refusal("a: \"text\"\nb: *x\n"), anchor(2, 4, "*x"));
        assert_eq!(refusal("- id: a\n  title: *x\n"), anchor(2, 10, "*x"));
        assert_eq!(refusal("  - id: a\n    paragraphs: [*x]\n"), anchor(2, 18, "*x"));
        assert_eq!(refusal("a: &x\n  b: 1\n"), anchor(1, 4, "&x"));
        let long = format!("a: &{} 1\n", "n".repeat(100));
        assert_eq!(refusal(&long), anchor(1, 4, &format!("&{}", "n".repeat(39))));
    }

    #[test]
    fn text_that_looks_like_an_anchor_is_text() {
        let texts = [
            "a: R&D and *emphasis*\nb: \"&quoted *text\"\nc: >-\n  &not an anchor\n  *nor an alias\nd: x # &comment\ne: 5 * 3 & 4\n",
            "lead: \"Called \\\"Samaragate\\\", *the* investigation\"\n",
            "lead: 'Kloop''s work, *the* best'\n",
            "lead: \"Kloop was called\n  *the* newsroom.\"\n",
            "lead: Kloop was called\n  *the* newsroom.\nname: X\n",
            "- Kloop was called\n  *the* newsroom.\n",
        ];
        for text in texts {
            assert!(read(text).is_ok(), "{text:?}");
        }
    }

    #[test]
    fn no_way_of_writing_lines_hides_an_anchor_from_the_parser() {
        // A plain text ending in ` |`, which a scan of lines took for a block scalar.
        assert_eq!(refusal("type: [News |\n  , &a x, *a]\n"), anchor(2, 5, "&a"));
        // Line breaks that libyaml knows and `\n`-based lines do not: the anchor is still found.
        for line_break in ["\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"] {
            let text = format!("a: x{line_break}b: &y z{line_break}c: *y{line_break}");
            let found = refusal(&text).map(|(.., message)| message);
            assert_eq!(found, anchor(0, 0, "&y").map(|(.., message)| message), "{line_break:?}");
        }
    }

    #[test]
    fn nesting_is_refused_at_the_first_collection_past_the_limit() {
        let flow = |levels: usize| format!("a: {}{}\n", "[".repeat(levels), "]".repeat(levels));
        // The file's mapping is the first level.
        assert!(read(&flow(MAX_NESTING - 1)).is_ok());
        let too_deep = "the file nests lists and mappings too deeply".to_string();
        assert_eq!(refusal(&flow(MAX_NESTING)), Some((1, 4 + MAX_NESTING as u32 - 1, too_deep.clone())));
        assert_eq!(refusal(&flow(100_000)), Some((1, 4 + MAX_NESTING as u32 - 1, too_deep.clone())));
        let block = |levels: usize| format!("{}x\n", "- ".repeat(levels));
        assert!(read(&block(MAX_NESTING)).is_ok());
        assert_eq!(refusal(&block(MAX_NESTING + 1)), Some((1, 2 * MAX_NESTING as u32 + 1, too_deep)));
    }

    #[test]
    fn values_are_counted_and_refused_past_the_limit() {
        let list = |items: usize| format!("a: [{}]\n", "b,".repeat(items));
        // The mapping, its key and the list are three values.
        assert!(read(&list(MAX_VALUES - 3)).is_ok());
        let found = refusal(&list(MAX_VALUES - 2));
        assert_eq!(
            found,
            Some((
                1,
                5 + 2 * (MAX_VALUES as u32 - 3),
                format!("the file holds more than {MAX_VALUES} values")
            ))
        );
    }

    #[test]
    fn directives_are_counted_after_every_line_break_libyaml_knows() {
        let text = |line_break: &str| format!("%YAML 1.1{line_break}---{line_break}a: 1{line_break}");
        assert!(read(&text("\n")).is_ok());
        for line_break in ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"] {
            let tags: String =
                (0..=MAX_DIRECTIVES).map(|i| format!("%TAG !t{i}! tag:x,2000:{line_break}")).collect();
            let found = refusal(&format!("{tags}---{line_break}a: 1{line_break}"));
            assert!(
                found.is_some_and(|(.., message)| message.contains("lines starting with `%`")),
                "{line_break:?}"
            );
        }
        assert_eq!(directive_lines("%a\n b%\n%c\u{2028}%d").collect::<Vec<_>>(), [0, 7, 12]);
    }

    #[test]
    fn a_character_the_parser_refuses_is_placed_where_it_is() {
        let control = |code: &str| format!("control character U+{code} in the text");
        assert_eq!(refusal("a: b\nc: x\u{7F}y\n"), Some((2, 5, control("007F"))));
        assert_eq!(refusal("a: жж\u{80}\n"), Some((1, 6, control("0080"))));
        assert_eq!(refusal("a: \"\u{9F}\"\n"), Some((1, 5, control("009F"))));
    }

    #[test]
    fn syntax_errors_keep_libyaml_s_words_and_get_a_hint() {
        let error = read("a:\n  b: 1\n c: 2\n").expect_err("bad indentation");
        assert_eq!((error.at.line, error.at.column), (3, 2));
        assert_eq!(error.message, "did not find expected key");
        assert!(error.hint.starts_with("check this line's indentation"));
        assert_eq!(refusal("a: 1\n---\nb: 2\n").map(|(line, ..)| line), Some(2));
    }

    #[test]
    fn list_items_are_placed_at_their_dash_and_scalars_keep_their_style() {
        let root = read("a:\n  - x\n  -   [y]\n  - - z\nb: [p, 'q']\n").expect("parses").expect("a root");
        let Kind::Map(entries) = root.kind else { panic!("a mapping") };
        let places = |node: &Node| match &node.kind {
            Kind::List(items) => items.iter().map(|(at, _)| (at.line, at.column)).collect(),
            _ => Vec::new(),
        };
        assert_eq!(places(&entries[0].1), [(2, 3), (3, 3), (4, 3)]);
        assert_eq!(places(&entries[1].1), [(5, 5), (5, 8)]);
        let Kind::List(items) = &entries[1].1.kind else { panic!("a list") };
        assert!(matches!(&items[1].1.kind, Kind::Scalar { text, plain: false } if text == "q"));
    }
}
