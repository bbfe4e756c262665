//! The wording and collecting of markup mistakes: hints, quoted source text, and the list of a
//! text's problems with its limit.

use super::{Problem, MAX_PROBLEMS};

/// Quoted source text in messages is cut to this many characters.
const MAX_QUOTE_CHARS: usize = 60;

pub(super) const HINT_LITERAL_BRACKET: &str = "close it with ], or write \\[ for a literal bracket";
pub(super) const HINT_CITATION: &str = "write [@id], or [@a; @b] for several sources";
pub(super) const HINT_LINK: &str = "write [text](https://example.org/)";
pub(super) const HINT_ADDRESS: &str = "write it in full, e.g. https://example.org/";
pub(super) const HINT_SPAN: &str =
    "write [text]{lang=uz-Latn}, with a language tag such as en, ru, ky or uz-Latn";

/// Why a bracket construct is refused: (message, hint).
pub(super) type Refusal = (String, &'static str);

/// The problems of one text, listed up to `MAX_PROBLEMS`.
#[derive(Default)]
pub(super) struct Problems {
    listed: Vec<Problem>,
    unlisted: usize,
    first_unlisted: usize,
}

impl Problems {
    /// Records a problem; `describe` gives (message, hint) and is not called past the limit.
    pub(super) fn report(&mut self, offset: usize, describe: impl FnOnce() -> (String, &'static str)) {
        if self.listed.len() < MAX_PROBLEMS {
            let (message, hint) = describe();
            self.listed.push(Problem { offset, message, hint: hint.to_string() });
        } else {
            if self.unlisted == 0 {
                self.first_unlisted = offset;
            }
            self.unlisted += 1;
        }
    }

    /// The listed problems in source order, then a summary of the unlisted ones if any.
    pub(super) fn finish(mut self) -> Vec<Problem> {
        self.listed.sort_by_key(|problem| problem.offset);
        if self.unlisted > 0 {
            self.listed.push(Problem {
                offset: self.first_unlisted,
                message: format!("{} more markup mistakes in this text are not listed", self.unlisted),
                hint: "fix the ones listed first, then check again".to_string(),
            });
        }
        self.listed
    }
}

/// `text` in backticks for a message, cut short if long.
pub(super) fn quote(text: &str) -> String {
    format!("`{}`", shortened(text))
}

pub(super) fn shortened(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.to_string(),
    }
}
