//! Refuses YAML anchors (`&name`) and aliases (`*name`) before parsing. Nobody writing about an
//! organisation needs them, and aliases let a small file expand into gigabytes of text (an
//! "alias bomb") that serde_yaml's event limits do not catch when the repeated node is a string.

/// The first anchor or alias in block- or flow-style YAML: (line, column, the token), 1-based.
pub fn first_anchor_or_alias(text: &str) -> Option<(usize, usize, String)> {
    let mut block_indent: Option<usize> = None;
    for (number, line) in text.lines().enumerate() {
        let content = line.trim_start();
        let indent = line.len() - content.len();
        if let Some(parent) = block_indent {
            // Lines of a block scalar (`>` or `|`) are text, not YAML.
            if content.is_empty() || indent > parent {
                continue;
            }
            block_indent = None;
        }
        if let Some(column) = scan_line(line) {
            let token: String =
                line[column..].chars().take_while(|c| !c.is_whitespace() && !",]}".contains(*c)).collect();
            return Some((number + 1, column + 1, token));
        }
        if opens_block_scalar(content) {
            block_indent = Some(indent);
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

/// Byte offset of an `&` or `*` that starts a node (outside quotes and comments), if any.
fn scan_line(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    let mut at_node_start = true;
    for (offset, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '#' && previous.is_whitespace() => return None,
            None if (c == '"' || c == '\'') && at_node_start => quote = Some(c),
            None if (c == '&' || c == '*') && at_node_start => {
                let next = line[offset + 1..].chars().next();
                if next.is_some_and(|n| !n.is_whitespace() && !",[]{}".contains(n)) {
                    return Some(offset);
                }
            }
            None => {}
        }
        // A node may start after indentation, `- `, `: `, `? `, `[`, `{` or `,`.
        at_node_start = match c {
            ' ' | '\t' => at_node_start || matches!(previous, ':' | '-' | '?' | ',' | '[' | '{'),
            '[' | '{' | ',' => quote.is_none(),
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
    }

    #[test]
    fn leaves_text_alone() {
        let text = "a: R&D and *emphasis*\nb: \"&quoted *text\"\nc: >-\n  &not an anchor\n  *nor an alias\nd: x # &comment\ne: 5 * 3 & 4\n";
        assert_eq!(first_anchor_or_alias(text), None);
    }
}
