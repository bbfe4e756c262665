//! Reading the located tree into typed values one field, list item and mapping at a time, so
//! that every structural mistake in a file is found in one run: unknown, repeated and missing
//! fields, values of the wrong kind and values that do not parse, each at its own place. A value
//! that cannot be read is left out and reading goes on. Which fields exist is `schema`'s business.

use std::fmt::Display;
use std::path::Path;
use std::str::FromStr;

use super::hints;
use super::locate::{Place, Spot};
use super::tree::{Kind, Node};
use crate::error::{shortened, Diagnostic};

/// Collects what reading finds.
pub(super) struct Reader<'a> {
    file: &'a Path,
    pub found: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    pub fn new(file: &'a Path) -> Self {
        Reader { file, found: Vec::new() }
    }

    pub(super) fn report(&mut self, at: Place, field: &str, message: String, hint: Option<String>) {
        let mut diagnostic = Diagnostic::error(self.file, message);
        if let Some((line, column)) = at.line_column() {
            diagnostic = diagnostic.at(line, column);
        }
        if !field.is_empty() {
            diagnostic = diagnostic.field(field);
        }
        if let Some(hint) = hint {
            diagnostic = diagnostic.hint(hint);
        }
        self.found.push(diagnostic);
    }

    fn wrong_kind(&mut self, node: &Node, field: &str, expected: &str) {
        let message = format!("wrong kind of value: found {}, expected {expected}", found(node));
        self.report(node.at, field, message, None);
    }
}

/// What a node is, as a message says it.
fn found(node: &Node) -> String {
    match &node.kind {
        _ if node.is_null() => "nothing".to_string(),
        // Debug quoting: a control character or escape sequence in the value shows as `\u{1b}`.
        Kind::Scalar { text, .. } => format!("the text {:?}", shortened(text)),
        Kind::List(_) => "a list".to_string(),
        Kind::Map(_) => "a mapping".to_string(),
    }
}

/// The path of field `name` inside the mapping at `path`.
fn child(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// A mapping being read as a struct: each field is taken by name, once; what is left at the end
/// is unknown. Reports name the mapping by its path (`sections[0]`; nothing at the top).
pub(super) struct Fields<'r, 'a> {
    reader: &'r mut Reader<'a>,
    at: Place,
    path: &'r str,
    spot: &'r mut Spot,
    entries: Vec<Option<(Node, Node)>>,
    /// The names asked for so far, in order: the fields this mapping allows.
    allowed: Vec<&'static str>,
    /// Required fields not written; reported at the end, unless an unknown field stands for one.
    missing: Vec<&'static str>,
}

impl<'r, 'a> Fields<'r, 'a> {
    /// Opens `node` as a mapping that reads as `what` ("a section (a mapping of fields)"). YAML's
    /// null reads as an empty mapping; anything else is the wrong kind.
    pub fn open(
        reader: &'r mut Reader<'a>,
        node: Node,
        path: &'r str,
        spot: &'r mut Spot,
        what: &str,
    ) -> Option<Self> {
        let entries = match node.kind {
            Kind::Map(entries) => entries.into_iter().map(Some).collect(),
            _ if node.is_null() => Vec::new(),
            _ => {
                reader.wrong_kind(&node, path, what);
                return None;
            }
        };
        Some(Fields { reader, at: node.at, path, spot, entries, allowed: Vec::new(), missing: Vec::new() })
    }

    /// The value of field `name` with its key's place; a second writing of it is reported.
    fn take(&mut self, name: &'static str) -> Option<(Place, Node)> {
        self.allowed.push(name);
        let mut taken = None;
        for entry in &mut self.entries {
            let is_name = entry.as_ref().is_some_and(|(key, _)| key_text(key) == Some(name));
            if !is_name {
                continue;
            }
            let Some((key, value)) = entry.take() else { continue };
            if taken.is_some() {
                let message = format!("duplicate field `{name}`");
                self.reader.report(key.at, self.path, message, None);
            } else {
                taken = Some((key.at, value));
            }
        }
        taken
    }

    /// Reads field `name` with `read`, its place recorded; reports it missing when it is not written.
    pub fn required<T>(
        &mut self,
        name: &'static str,
        read: impl FnOnce(&mut Reader, Node, &str, &mut Spot) -> Option<T>,
    ) -> Option<T> {
        let Some((key_at, value)) = self.take(name) else {
            self.missing.push(name);
            return None;
        };
        self.read(name, key_at, value, read)
    }

    /// Reads field `name` when it is written and not null.
    pub fn optional<T>(
        &mut self,
        name: &'static str,
        read: impl FnOnce(&mut Reader, Node, &str, &mut Spot) -> Option<T>,
    ) -> Option<T> {
        let (key_at, value) = self.take(name)?;
        if value.is_null() {
            self.spot.add_field(name, Spot::at(key_at));
            return None;
        }
        self.read(name, key_at, value, read)
    }

    fn read<T>(
        &mut self,
        name: &'static str,
        key_at: Place,
        value: Node,
        read: impl FnOnce(&mut Reader, Node, &str, &mut Spot) -> Option<T>,
    ) -> Option<T> {
        let mut spot = Spot::at(key_at);
        let value = read(self.reader, value, &child(self.path, name), &mut spot);
        self.spot.add_field(name, spot);
        value
    }
}

impl Drop for Fields<'_, '_> {
    /// Whatever was not taken is not a field of this mapping; a required field not written is
    /// missing, unless an unknown field is its misspelling (`titel`: one mistake, one report).
    fn drop(&mut self) {
        for (key, _) in self.entries.drain(..).flatten() {
            let Some(wrong) = key_text(&key) else {
                self.reader.wrong_kind(&key, self.path, "a field name");
                continue;
            };
            let meant = hints::field_meant(wrong, &self.allowed);
            let message = format!("unknown field `{}`", shortened(wrong));
            let hint = hints::unknown_field(meant, &self.allowed);
            self.reader.report(key.at, self.path, message, Some(hint));
            self.missing.retain(|name| Some(*name) != meant);
        }
        for name in std::mem::take(&mut self.missing) {
            let hint = format!("add `{name}:` to this mapping (README.md shows every field)");
            self.reader.report(self.at, self.path, format!("missing field `{name}`"), Some(hint));
        }
    }
}

fn key_text(key: &Node) -> Option<&str> {
    match &key.kind {
        Kind::Scalar { text, .. } => Some(text),
        _ => None,
    }
}

/// Text: any scalar, as written (a plain `2017` is the text "2017").
pub(super) fn text(reader: &mut Reader, node: Node, path: &str, _: &mut Spot) -> Option<String> {
    match node.kind {
        Kind::Scalar { text: value, .. } => Some(value),
        _ => {
            reader.wrong_kind(&node, path, "text");
            None
        }
    }
}

/// A value parsed from its text (`what` names it in messages: "a date"); the type's own message
/// says what is wrong with a text that does not parse.
pub(super) fn parsed<T>(what: &'static str) -> impl Fn(&mut Reader, Node, &str, &mut Spot) -> Option<T>
where
    T: FromStr,
    T::Err: Display,
{
    move |reader, node, path, _| match &node.kind {
        Kind::Scalar { text, .. } if !node.is_null() => match text.parse() {
            Ok(value) => Some(value),
            Err(error) => {
                reader.report(node.at, path, error.to_string(), None);
                None
            }
        },
        _ => {
            reader.wrong_kind(&node, path, what);
            None
        }
    }
}

/// `true` or `false`, unquoted (also `True`, `TRUE`, `False`, `FALSE`).
pub(super) fn boolean(reader: &mut Reader, node: Node, path: &str, _: &mut Spot) -> Option<bool> {
    match &node.kind {
        Kind::Scalar { text, plain: true } if matches!(text.as_str(), "true" | "True" | "TRUE") => Some(true),
        Kind::Scalar { text, plain: true } if matches!(text.as_str(), "false" | "False" | "FALSE") => {
            Some(false)
        }
        _ => {
            reader.wrong_kind(&node, path, "true or false");
            None
        }
    }
}

/// A list read item by item with `item`; each item's place is recorded in order. Null reads as
/// an empty list.
pub(super) fn list<T>(
    item: impl Fn(&mut Reader, Node, &str, &mut Spot) -> Option<T>,
) -> impl Fn(&mut Reader, Node, &str, &mut Spot) -> Option<Vec<T>> {
    move |reader, node, path, spot| match node.kind {
        Kind::List(items) => {
            let mut read = Vec::with_capacity(items.len());
            for (i, (written_at, node)) in items.into_iter().enumerate() {
                let mut item_spot = Spot::at(written_at);
                read.extend(item(reader, node, &format!("{path}[{i}]"), &mut item_spot));
                spot.add_item(item_spot);
            }
            Some(read)
        }
        _ if node.is_null() => Some(Vec::new()),
        _ => {
            reader.wrong_kind(&node, path, "a list");
            None
        }
    }
}

/// One text or a list of texts (`type: NGO`, `type: [News, investigations]`).
pub(super) fn text_or_texts(
    reader: &mut Reader,
    node: Node,
    path: &str,
    spot: &mut Spot,
) -> Option<Vec<String>> {
    match node.kind {
        Kind::Scalar { text: value, .. } => Some(vec![value]),
        Kind::List(_) => list(text)(reader, node, path, spot),
        Kind::Map(_) => {
            reader.wrong_kind(&node, path, "a text or a list of texts");
            None
        }
    }
}
