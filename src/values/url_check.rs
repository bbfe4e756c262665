//! Web addresses read by the WHATWG URL standard (the `url` crate, as browsers read them), and
//! held to its *valid* form, not only its forgiving parser: EPUBCheck refuses (RSC-020) what
//! the parser quietly repairs, such as a second `#`, a `[` in a path or a `%` without two hex
//! digits. Our own rules come on top: http or https, a named host with a dot.

use std::cell::Cell;

use url::{Host, SyntaxViolation, Url};

use super::URL_EXAMPLE;

/// Parses `text` and refuses, with the reason in words, anything the standard calls invalid.
pub(super) fn parse_strictly(text: &str) -> Result<Url, String> {
    let violation = Cell::new(None);
    let parsed = Url::options().syntax_violation_callback(Some(&|v| first(&violation, v))).parse(text);
    let url = match parsed {
        Ok(url) if matches!(url.scheme(), "http" | "https") => url,
        // No scheme, or another one (`kloop.kg`, `javascript:…`, `mailto:…`).
        Ok(_) | Err(url::ParseError::RelativeUrlWithoutBase) => return Err(URL_EXAMPLE.to_string()),
        Err(error) => return Err(parse_error_words(error, text)),
    };
    if let Some(violation) = violation.get() {
        return Err(violation_words(violation, text));
    }
    check_host(&url, text)?;
    Ok(url)
}

fn first(seen: &Cell<Option<SyntaxViolation>>, violation: SyntaxViolation) {
    if seen.get().is_none() {
        seen.set(Some(violation));
    }
}

fn parse_error_words(error: url::ParseError, text: &str) -> String {
    match error {
        url::ParseError::InvalidPort => "the port after the host's `:` must be a number up to 65535".into(),
        url::ParseError::EmptyHost => URL_EXAMPLE.into(),
        url::ParseError::IdnaError | url::ParseError::InvalidDomainCharacter => match odd_character(text) {
            Some(c) => format!("its host cannot hold {}", character(c)),
            None => "its host is not a domain name".into(),
        },
        other => format!("{other}"),
    }
}

fn violation_words(violation: SyntaxViolation, text: &str) -> String {
    match violation {
        SyntaxViolation::NonUrlCodePoint => match odd_character(text) {
            Some('#') => "only one `#` may start the fragment; write any other as %23".into(),
            Some(c) => format!("{} has to be percent-encoded: write {}", character(c), percent_encoded(c)),
            None => "it holds a character that has to be percent-encoded".into(),
        },
        SyntaxViolation::PercentDecode => {
            "a `%` must be followed by two hex digits (write %25 for `%` itself)".into()
        }
        SyntaxViolation::EmbeddedCredentials | SyntaxViolation::UnencodedAtSign => {
            "a user name or password does not belong in a published address".into()
        }
        SyntaxViolation::Backslash => "it holds a `\\`; addresses use `/`".into(),
        SyntaxViolation::ExpectedDoubleSlash => URL_EXAMPLE.into(),
        other => other.description().into(),
    }
}

/// A host with a name (two labels or more, none empty), or an IPv4 address written as four
/// numbers; not `localhost`, not `example..org`, not `example.org.`.
fn check_host(url: &Url, text: &str) -> Result<(), String> {
    match url.host() {
        Some(Host::Domain(domain)) => {
            if domain.split('.').any(str::is_empty) {
                Err("its host has an empty part between dots (`..`, or a dot at an end)".into())
            } else if domain.contains('.') {
                Ok(())
            } else {
                Err(format!("its host `{domain}` is not a public domain name ({URL_EXAMPLE})"))
            }
        }
        Some(Host::Ipv4(address)) if text.contains(&address.to_string()) => Ok(()),
        _ => Err(format!("its host is not a domain name ({URL_EXAMPLE})")),
    }
}

/// The first character the standard does not allow as written: anything outside its URL code
/// points (ASCII letters, digits, `!$&'()*+,-./:;=?@_~`, and letters beyond ASCII), the first
/// `#` aside, which starts the fragment.
fn odd_character(text: &str) -> Option<char> {
    let mut fragment = false;
    text.chars().find(|&c| {
        if c == '#' && !fragment {
            fragment = true;
            return false;
        }
        let allowed = c.is_ascii_alphanumeric()
            || "!$&'()*+,-./:;=?@_~%".contains(c)
            || (!c.is_ascii() && !c.is_control() && !is_noncharacter(c));
        !allowed
    })
}

/// Characters beyond ASCII that are still not URL code points.
fn is_noncharacter(c: char) -> bool {
    let code = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE || (0xE0000..0xE1000).contains(&code)
}

fn character(c: char) -> String {
    if c == ' ' {
        "a space".into()
    } else if c.is_ascii_graphic() {
        format!("`{c}`")
    } else {
        format!("U+{:04X}", u32::from(c))
    }
}

fn percent_encoded(c: char) -> String {
    let mut buffer = [0u8; 4];
    c.encode_utf8(&mut buffer).bytes().map(|b| format!("%{b:02X}")).collect()
}

/// The address as quoted in a message, cut when long (an address may be 2,048 characters).
pub(super) fn quoted(text: &str) -> String {
    const SHOWN: usize = 80;
    match text.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("`{}…`", &text[..cut]),
        None => format!("`{text}`"),
    }
}
