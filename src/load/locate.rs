//! Finds the line of a field path (`sections[2].paragraphs[0]`) in block-style YAML text, so
//! that checks made after parsing can still point at the source. serde_yaml keeps no spans.

use std::collections::HashMap;

/// Field path -> (line, column), both 1-based, for every key and list item in the text.
#[derive(Debug, Default)]
pub struct FieldLines {
    lines: HashMap<String, Vec<(usize, usize)>>,
}

struct Frame {
    indent: usize,
    path: String,
    next_index: usize,
}

impl FieldLines {
    pub fn index(text: &str) -> Self {
        let mut found: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        // Each frame is a mapping or sequence opened at some indentation.
        let mut stack: Vec<Frame> = vec![Frame { indent: 0, path: String::new(), next_index: 0 }];
        for (number, raw) in text.lines().enumerate() {
            let content = raw.trim_start();
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            let mut indent = raw.len() - content.len();
            let mut rest = content;
            while let Some(after_dash) = rest.strip_prefix("- ").or((rest == "-").then_some("")) {
                // A list may stand at its key's own indentation.
                pop_to(&mut stack, indent + 1);
                let parent = stack.last_mut().map(|f| {
                    let path = format!("{}[{}]", f.path, f.next_index);
                    f.next_index += 1;
                    path
                });
                let path = parent.unwrap_or_default();
                found.entry(path.clone()).or_default().push((number + 1, indent + 1));
                indent += 2;
                stack.push(Frame { indent, path, next_index: 0 });
                rest = after_dash.trim_start();
            }
            if let Some(key) = plain_key(rest) {
                pop_to(&mut stack, indent);
                let base = stack.last().map(|f| f.path.clone()).unwrap_or_default();
                let path = if base.is_empty() { key.to_string() } else { format!("{base}.{key}") };
                found.entry(path.clone()).or_default().push((number + 1, indent + 1));
                stack.push(Frame { indent: indent + 1, path, next_index: 0 });
            }
        }
        FieldLines { lines: found }
    }

    /// The line and column of the path, or of its nearest located parent.
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        let mut path = path;
        loop {
            if let Some(found) = self.lines.get(path).and_then(|all| all.first()) {
                return Some(*found);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }
}

impl FieldLines {
    /// Every place the exact path is written (a key written twice has two).
    pub fn all(&self, path: &str) -> &[(usize, usize)] {
        self.lines.get(path).map_or(&[], Vec::as_slice)
    }
}

/// Leaves on the stack only the frames that contain something at `indent`.
fn pop_to(stack: &mut Vec<Frame>, indent: usize) {
    while stack.len() > 1 && stack.last().is_some_and(|f| f.indent > indent) {
        stack.pop();
    }
}

/// The key of a `key: value` or `key:` line, if the line starts with a plain key.
fn plain_key(text: &str) -> Option<&str> {
    let (key, _) = text.split_once(':')?;
    let plain = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let followed = text[key.len() + 1..].chars().next().is_none_or(char::is_whitespace);
    (plain && followed).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_keys_and_list_items() {
        let text = "name: X\nsections:\n  - id: a\n    title: A\n    paragraphs:\n      - one\n      - two\n  - id: b\n    subsections:\n      - id: c\n";
        let lines = FieldLines::index(text);
        assert_eq!(lines.find("name"), Some((1, 1)));
        assert_eq!(lines.find("sections[0].title"), Some((4, 5)));
        assert_eq!(lines.find("sections[0].paragraphs[1]"), Some((7, 7)));
        assert_eq!(lines.find("sections[1].id"), Some((8, 5)));
        assert_eq!(lines.find("sections[1].subsections[0].id"), Some((10, 9)));
        assert_eq!(lines.find("sections[1].subsections[0].title"), Some((10, 7)));
        let flush = FieldLines::index("a:\n- x\n- y\nb: 1\n");
        assert_eq!(flush.find("a[1]"), Some((3, 1)));
        assert_eq!(flush.find("b"), Some((4, 1)));
    }
}
