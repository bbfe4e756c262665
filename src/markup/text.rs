//! Source text as it goes into `Inline::Text`: escapes resolved, line breaks made spaces, and
//! adjacent runs merged into one.

use super::{slice, Inline};

/// Lets `write` extend the last child if it is text (adjacent texts are one), else a new one.
pub(super) fn append_text(children: &mut Vec<Inline>, write: impl FnOnce(&mut String)) {
    if !matches!(children.last(), Some(Inline::Text(_))) {
        children.push(Inline::Text(String::new()));
    }
    if let Some(Inline::Text(text)) = children.last_mut() {
        write(text);
        if text.is_empty() {
            children.pop();
        }
    }
}

/// Text as written, except that each line break is a space.
pub(super) fn push_verbatim(text: &str, out: &mut String) {
    let mut lines = text.split("\r\n").flat_map(|part| part.split(['\n', '\r']));
    out.push_str(lines.next().unwrap_or_default());
    for line in lines {
        out.push(' ');
        out.push_str(line);
    }
}

/// Text with escapes resolved (`\*` is `*`, `\ ` a no-break space) and every line break,
/// with the spaces around it and a hard-break backslash before it, one space.
pub(super) fn push_decoded(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1).copied()) {
            (b'\\', Some(b' ')) => {
                out.push_str(slice(text, copied..i));
                out.push('\u{a0}');
                i += 2;
                copied = i;
            }
            (b'\\', Some(next)) if next.is_ascii_punctuation() || is_line_break(next) => {
                out.push_str(slice(text, copied..i));
                copied = i + 1;
                i += if is_line_break(next) { 1 } else { 2 };
            }
            (byte, _) if is_line_break(byte) => {
                out.push_str(slice(text, copied..i));
                out.truncate(out.trim_end_matches([' ', '\t']).len());
                out.push(' ');
                i += bytes[i..].iter().take_while(|&&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')).count();
                copied = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(slice(text, copied..text.len()));
}

fn is_line_break(byte: u8) -> bool {
    byte == b'\n' || byte == b'\r'
}
