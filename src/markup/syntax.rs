//! Reading the written parts of a construct, apart from where they sit: an autolink's scheme,
//! an HTML tag, a link's address and title, a span's language mark and a citation's ids.

use super::problems::{quote, shortened, Refusal, HINT_SPAN};
use crate::values::{LanguageTag, WebUrl};

/// The scheme of a CommonMark autolink's inside (`https` in `https://x.org`), if it is one.
pub(super) fn autolink_scheme(inner: &str) -> Option<&str> {
    let (scheme, rest) = inner.split_once(':')?;
    let scheme_ok = (2..=32).contains(&scheme.len())
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'));
    let rest_ok = !rest.chars().any(|c| c.is_whitespace() || c.is_control());
    (scheme_ok && rest_ok).then_some(scheme)
}

/// Whether `<inner>` is an HTML tag, comment or declaration (`b`, `/b`, `a href="…"`, `!-- x --`).
pub(super) fn is_html_tag(inner: &str) -> bool {
    if inner.starts_with(['!', '?']) {
        return true;
    }
    let name = inner.strip_prefix('/').unwrap_or(inner);
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .bytes()
            .find(|&b| !(b.is_ascii_alphanumeric() || b == b'-'))
            .is_none_or(|b| b.is_ascii_whitespace() || b == b'/')
}

/// The address of `[text](address)` or `[text](address "title")`; the title is ignored. On
/// failure, the address (or the whole inside of the parentheses) as written.
pub(super) fn link_address(inside_parens: &str) -> Result<WebUrl, String> {
    let inside = inside_parens.trim();
    let (address, title) = match inside.strip_prefix('<') {
        Some(pointed) => pointed.split_once('>').ok_or_else(|| inside.to_string())?,
        None => inside.split_at(inside.find(char::is_whitespace).unwrap_or(inside.len())),
    };
    if !is_link_title(title.trim()) {
        return Err(inside.to_string());
    }
    let address = unescape(address);
    address.parse::<WebUrl>().map_err(|_| address)
}

fn is_link_title(title: &str) -> bool {
    let quoted =
        |open: char, close: char| title.len() >= 2 && title.starts_with(open) && title.ends_with(close);
    title.is_empty() || quoted('"', '"') || quoted('\'', '\'') || quoted('(', ')')
}

/// `text` with backslash escapes of punctuation resolved.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// The tag of `{lang=TAG}` or `{lang="TAG"}`, the only attribute a span may have.
pub(super) fn span_language(attributes: &str) -> Result<LanguageTag, Refusal> {
    let value = attributes.trim().strip_prefix("lang=").map(unquote);
    let Some(value) = value.filter(|v| !v.is_empty() && !v.contains(char::is_whitespace)) else {
        let message =
            format!("`{{{}}}` is not a language mark: only lang=… is understood", shortened(attributes));
        return Err((message, HINT_SPAN));
    };
    value.parse::<LanguageTag>().map_err(|_| (format!("{} is not a language tag", quote(value)), HINT_SPAN))
}

fn unquote(value: &str) -> &str {
    ['"', '\'']
        .into_iter()
        .find_map(|q| value.strip_prefix(q).and_then(|v| v.strip_suffix(q)))
        .unwrap_or(value)
}

/// The ids of `@a; @b`, or None if it is not exactly that. Stops at the first character that
/// does not fit, so nested brackets are never rescanned.
pub(super) fn citation_ids(content: &str) -> Option<Vec<String>> {
    let mut ids = Vec::new();
    let mut rest = content;
    loop {
        rest = rest.trim_start().strip_prefix('@')?;
        let len = rest.find(|c: char| !is_id_char(c)).unwrap_or(rest.len());
        let (id, after) = rest.split_at(len);
        let ends_ok = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !ends_ok(id.chars().next()) || !ends_ok(id.chars().last()) {
            return None;
        }
        ids.push(id.to_string());
        rest = after.trim_start();
        if rest.is_empty() {
            return Some(ids);
        }
        rest = rest.strip_prefix(';')?;
    }
}

/// Letters, digits and the inner punctuation Pandoc allows in citation keys.
fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || "_-.:/#+?&%$~=".contains(c)
}
