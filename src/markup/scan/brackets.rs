//! The scanner's bracket constructs: what a `]` closes (a link, a language span, a citation or
//! literal brackets), the checks each must pass, and the `[` never closed.

use super::super::problems::{
    quote, shortened, Refusal, HINT_ADDRESS, HINT_CITATION, HINT_LINK, HINT_LITERAL_BRACKET, HINT_SPAN,
};
use super::super::syntax::{citation_ids, link_address, span_language};
use super::super::{slice, MAX_CONSTRUCT_DEPTH};
use super::{Mark, MarkKind, OpenBracket, Scanner};
use crate::values::WebUrl;

impl Scanner<'_> {
    /// What a `[` starts is known only at its `]`; until then it waits on the stack.
    pub(super) fn open_bracket(&mut self, i: usize) -> usize {
        self.open.push(OpenBracket { start: i, nesting: 0, has_link: false });
        i + 1
    }

    /// A `]` closes the innermost open `[`; what follows it decides what the pair was.
    pub(super) fn close_bracket(&mut self, i: usize) -> usize {
        let Some(open) = self.open.pop() else { return i + 1 };
        match self.bytes.get(i + 1) {
            Some(b'(') => self.close_link(open, i),
            Some(b'{') => self.close_span(open, i),
            _ if slice(self.src, open.start + 1..i).trim_start().starts_with('@') => {
                self.close_citation(open, i)
            }
            _ => {
                self.keep_literal(&open);
                i + 1
            }
        }
    }

    /// The brackets stay text; what was found inside them now counts for the enclosing `[`.
    fn keep_literal(&mut self, open: &OpenBracket) {
        if let Some(parent) = self.open.last_mut() {
            parent.nesting = parent.nesting.max(open.nesting);
            parent.has_link |= open.has_link;
        }
    }

    /// Refused: the brackets stay text and the `(…)` or `{…}` after them is kept as written.
    fn reject(&mut self, open: &OpenBracket, close: usize, end: usize, refusal: Refusal) {
        self.problems.report(open.start, || refusal);
        self.keep_literal(open);
        self.marks.push(Mark { start: close + 1, end, kind: MarkKind::Verbatim });
    }

    /// Accepted link or span: pulldown-cmark will see `![content](,,,)` here.
    fn confirm(&mut self, open: &OpenBracket, close: usize, end: usize, kind: MarkKind) {
        self.shadow.image(open.start, close, end);
        self.marks.push(Mark { start: open.start, end, kind });
        if let Some(parent) = self.open.last_mut() {
            parent.nesting = parent.nesting.max(open.nesting + 1);
            parent.has_link |= open.has_link;
        }
    }

    fn close_link(&mut self, open: OpenBracket, i: usize) -> usize {
        let paren = i + 1;
        let Some(&close) = self.link_parens.get(&paren) else {
            self.problems.report(open.start, || ("This link's address has no closing )".into(), HINT_LINK));
            self.keep_literal(&open);
            return paren;
        };
        let end = close + 1;
        match self.check_link(&open, i, slice(self.src, paren + 1..close)) {
            Ok(url) => {
                self.confirm(&open, i, end, MarkKind::Link { content_end: i, url });
                if let Some(parent) = self.open.last_mut() {
                    parent.has_link = true;
                }
            }
            Err(refusal) => self.reject(&open, i, end, refusal),
        }
        end
    }

    fn check_link(&self, open: &OpenBracket, close: usize, inside_parens: &str) -> Result<WebUrl, Refusal> {
        if open.has_link {
            return Err((
                "A link cannot contain another link".into(),
                "take the inner link out of the brackets",
            ));
        }
        if slice(self.src, open.start + 1..close).trim().is_empty() {
            let hint = "write the linked words inside the brackets: [text](https://example.org/)";
            return Err(("This link has no text to show".into(), hint));
        }
        check_depth(open)?;
        link_address(inside_parens).map_err(|address| {
            if address.is_empty() {
                ("This link has no web address".to_string(), HINT_ADDRESS)
            } else {
                (format!("{} is not a web address", quote(&address)), HINT_ADDRESS)
            }
        })
    }

    fn close_span(&mut self, open: OpenBracket, i: usize) -> usize {
        let brace = i + 1;
        let close = self.closing_braces.find(self.bytes, brace + 1);
        let first_break = self.attribute_breaks.find(self.bytes, brace + 1);
        let Some(close) = close.filter(|&close| first_break.is_none_or(|at| close < at)) else {
            let message = "The language mark after these brackets has no closing }";
            self.problems.report(open.start, || (message.into(), HINT_SPAN));
            self.keep_literal(&open);
            return brace;
        };
        let end = close + 1;
        let checked = check_depth(&open).and_then(|()| span_language(slice(self.src, brace + 1..close)));
        match checked {
            Ok(lang) => self.confirm(&open, i, end, MarkKind::Span { content_end: i, lang }),
            Err(refusal) => self.reject(&open, i, end, refusal),
        }
        end
    }

    fn close_citation(&mut self, open: OpenBracket, i: usize) -> usize {
        let content = slice(self.src, open.start + 1..i);
        match citation_ids(content) {
            Some(ids) => {
                // Ids hold no markup, but `_` or `*` in them were made live in the shadow.
                self.shadow.make_inert(open.start..i + 1);
                self.marks.push(Mark { start: open.start, end: i + 1, kind: MarkKind::Cite(ids) });
            }
            None => {
                let message = || (format!("`[{}]` is not a citation", shortened(content)), HINT_CITATION);
                self.problems.report(open.start, message);
                self.keep_literal(&open);
            }
        }
        i + 1
    }

    /// Every `[` still open at the end of the text.
    pub(super) fn report_unclosed(&mut self) {
        for open in std::mem::take(&mut self.open) {
            let after = self.src.get(open.start + 1..).unwrap_or_default();
            if after.trim_start().starts_with('@') {
                self.problems.report(open.start, || ("This citation has no closing ]".into(), HINT_CITATION));
            } else {
                self.problems.report(open.start, || ("This [ has no closing ]".into(), HINT_LITERAL_BRACKET));
            }
        }
    }
}

fn check_depth(open: &OpenBracket) -> Result<(), Refusal> {
    if open.nesting < MAX_CONSTRUCT_DEPTH {
        return Ok(());
    }
    let message = format!("Links and language spans are nested more than {MAX_CONSTRUCT_DEPTH} deep here");
    Err((message, "take some of the brackets out"))
}
