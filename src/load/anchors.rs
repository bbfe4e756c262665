//! Refuses YAML anchors (`&name`) and aliases (`*name`) before parsing. Nobody writing about an
//! organisation needs them, and aliases let a small file expand into gigabytes of text (an
//! "alias bomb") that serde_yaml's event limits do not catch when the repeated node is a string.
//!
//! The scan follows just enough of YAML to tell a node's start from text: block scalars (`>`,
//! `|`), quoted scalars (with `\"` and `''` escapes, over several lines) and continuation lines
//! of plain scalars are text.

/// What the previous lines leave open.
#[derive(Default)]
struct State {
    /// A block scalar started by a line at this indentation.
    block: Option<usize>,
    /// A plain scalar started on a line at this indentation and may continue below it.
    plain: Option<usize>,
    /// A quoted scalar is still open.
    quote: Option<char>,
}

/// The first anchor or alias in the text: (line, column, the token), 1-based.
pub fn first_anchor_or_alias(text: &str) -> Option<(usize, usize, String)> {
    let mut state = State::default();
    for (number, line) in text.lines().enumerate() {
        let content = line.trim_start();
        let indent = line.len() - content.len();
        let inside = |parent: Option<usize>| parent.is_some_and(|p| content.is_empty() || indent > p);
        if state.quote.is_none() && (inside(state.block) || inside(state.plain)) {
            continue;
        }
        state.block = None;
        state.plain = None;
        if let Some(column) = scan_line(line, &mut state.quote) {
            let token: String = line[column..]
                .chars()
                .take_while(|c| !c.is_whitespace() && !",]}".contains(*c))
                .take(40)
                .collect();
            return Some((number + 1, column + 1, token));
        }
        if state.quote.is_none() {
            if opens_block_scalar(content) {
                state.block = Some(indent);
            } else if opens_plain_scalar(content) {
                state.plain = Some(key_indent(content, indent));
            }
        }
    }
    None
}

/// A line whose value is a block scalar: ends with `>` or `|`, maybe with `-`, `+` or a digit.
fn opens_block_scalar(content: &str) -> bool {
    let value = content.split(" #").next().unwrap_or(content).trim_end();
    let indicator = value.trim_end_matches(['-', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    (indicator.ends_with(" >") || indicator.ends_with(" |") || indicator == ">" || indicator == "|")
        && (value.contains(':') || value.starts_with('-') || value.len() <= 3)
}

/// The column a plain value's continuation lines must pass: the key's (after any `- `), or the
/// dash's for a bare list item.
fn key_indent(content: &str, indent: usize) -> usize {
    let mut rest = content;
    let mut column = indent;
    while let Some(after) = rest.strip_prefix("- ") {
        if !after.contains(": ") {
            break;
        }
        column += 2 + (after.len() - after.trim_start().len());
        rest = after.trim_start();
    }
    column
}

/// A `key: value` or `- value` line whose value is plain text, which may go on below.
fn opens_plain_scalar(content: &str) -> bool {
    let value = match content.split_once(": ") {
        Some((_, value)) => value,
        None => content.strip_prefix("- ").unwrap_or(""),
    };
    let value = value.trim_start_matches("- ").trim();
    !value.is_empty() && !value.starts_with(['"', '\'', '[', '{', '|', '>', '#', '&', '*'])
}

/// Byte offset of an `&` or `*` that starts a node (outside quotes and comments), if any.
/// `quote` carries an open quoted scalar from line to line.
fn scan_line(line: &str, quote: &mut Option<char>) -> Option<usize> {
    let mut previous = ' ';
    let mut at_node_start = quote.is_none();
    let mut chars = line.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        match *quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some('\'') if c == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                chars.next();
            }
            Some(q) if c == q => *quote = None,
            Some(_) => {}
            None if c == '#' && previous.is_whitespace() => return None,
            None if (c == '"' || c == '\'') && at_node_start => *quote = Some(c),
            None if (c == '&' || c == '*') && at_node_start => {
                let next = line[offset + 1..].chars().next();
                if next.is_some_and(|n| !n.is_whitespace() && !",[]{}".contains(n)) {
                    return Some(offset);
                }
            }
            None => {}
        }
        // A node may start after indentation, `- `, `: `, `? `, `[`, `{` or `,`.
        at_node_start = quote.is_none()
            && match c {
                ' ' | '\t' => at_node_start || matches!(previous, ':' | '-' | '?' | ',' | '[' | '{'),
                '[' | '{' | ',' => true,
                _ => false,
            };
        previous = c;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::first_anchor_or_alias;

    #[test]
    fn finds_anchors_and_aliases_where_nodes_start() {
        assert_eq!(first_anchor_or_alias("a: &x 1\nb: *x\n"), Some((1, 4, "&x".into())));
        assert_eq!(first_anchor_or_alias("list:\n  - *ref\n"), Some((2, 5, "*ref".into())));
        assert_eq!(first_anchor_or_alias("a: [1, *b]\n"), Some((1, 8, "*b".into())));
        assert_eq!(first_anchor_or_alias("a: \"text\"\nb: *x\n"), Some((2, 4, "*x".into())));
    }

    #[test]
    fn leaves_text_alone() {
        let text = "a: R&D and *emphasis*\nb: \"&quoted *text\"\nc: >-\n  &not an anchor\n  *nor an alias\nd: x # &comment\ne: 5 * 3 & 4\n";
        assert_eq!(first_anchor_or_alias(text), None);
    }

    #[test]
    fn quotes_escape_and_span_lines_and_plain_text_continues() {
        // Found by the `text` fuzz target: an escaped quote does not end a double-quoted scalar.
        assert_eq!(first_anchor_or_alias("lead: \"Called \\\"Samaragate\\\", *the* investigation\"\n"), None);
        assert_eq!(first_anchor_or_alias("lead: 'Kloop''s work, *the* best'\n"), None);
        assert_eq!(first_anchor_or_alias("lead: \"Kloop was called\n  *the* newsroom.\"\n"), None);
        assert_eq!(first_anchor_or_alias("lead: Kloop was called\n  *the* newsroom.\nname: X\n"), None);
        assert_eq!(first_anchor_or_alias("- Kloop was called\n  *the* newsroom.\n"), None);
        assert_eq!(first_anchor_or_alias("lead: Kloop\nname: *x\n"), Some((2, 7, "*x".into())));
        assert_eq!(first_anchor_or_alias("- id: a\n  title: *x\n"), Some((2, 10, "*x".into())));
        assert_eq!(first_anchor_or_alias("  - id: a\n    paragraphs: [*x]\n"), Some((2, 18, "*x".into())));
    }
}
