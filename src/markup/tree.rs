//! The second pass: builds the `Inline` tree from pulldown-cmark's events on the shadow,
//! taking all text (between the events' offsets) from the source.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::scan::{Mark, MarkKind};
use super::shadow::Shadow;
use super::text::{append_text, push_decoded, push_verbatim};
use super::{slice, Inline, MAX_EMPHASIS_DEPTH};
use crate::values::{LanguageTag, WebUrl};

/// The tree of `src`, from the scanner's `marks` and pulldown-cmark's parse of `shadow`.
pub(super) fn build(src: &str, marks: Vec<Mark>, shadow: &Shadow) -> Vec<Inline> {
    TreeBuilder::new(src, marks, shadow).build()
}

enum FrameKind {
    Emph,
    Strong,
    Link(WebUrl),
    Span(LanguageTag),
    /// Emphasis too deep to matter: its content goes straight into the enclosing frame.
    Flattened,
}

/// An element being built; its content ends at `content_end`, its markup at `end`.
struct Frame {
    kind: FrameKind,
    content_end: usize,
    end: usize,
    children: Vec<Inline>,
}

/// The tree being built: the frames still open, and how far the source has been taken in.
struct TreeBuilder<'a> {
    src: &'a str,
    marks: Vec<Mark>,
    next_mark: usize,
    shadow: &'a Shadow,
    frames: Vec<Frame>,
    /// Indices in `frames` of those not flattened, which receive content.
    receiving: Vec<usize>,
    root: Vec<Inline>,
    /// Source up to here is in the tree.
    cursor: usize,
    emphasis_depth: usize,
}

impl<'a> TreeBuilder<'a> {
    fn new(src: &'a str, marks: Vec<Mark>, shadow: &'a Shadow) -> Self {
        TreeBuilder {
            src,
            marks,
            next_mark: 0,
            shadow,
            frames: Vec::new(),
            receiving: Vec::new(),
            root: Vec::new(),
            cursor: 0,
            emphasis_depth: 0,
        }
    }

    fn build(mut self) -> Vec<Inline> {
        let shadow = self.shadow;
        for (event, range) in Parser::new_ext(shadow.text(), Options::empty()).into_offset_iter() {
            match event {
                Event::Start(Tag::Emphasis) => self.open_emphasis(range, FrameKind::Emph, 1),
                Event::Start(Tag::Strong) => self.open_emphasis(range, FrameKind::Strong, 2),
                Event::Start(Tag::Image { .. }) => self.open_construct(range.start),
                Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Image) => self.close_frame(),
                _ => {}
            }
        }
        while !self.frames.is_empty() {
            self.close_frame();
        }
        self.text_until(self.src.len());
        self.root
    }

    fn children(&mut self) -> &mut Vec<Inline> {
        match self.receiving.last().and_then(|&i| self.frames.get_mut(i)) {
            Some(frame) => &mut frame.children,
            None => &mut self.root,
        }
    }

    fn push_frame(&mut self, kind: FrameKind, content_end: usize, end: usize) {
        if !matches!(kind, FrameKind::Flattened) {
            self.receiving.push(self.frames.len());
        }
        self.frames.push(Frame { kind, content_end, end, children: Vec::new() });
    }

    fn open_emphasis(&mut self, range: Range<usize>, kind: FrameKind, delimiter_len: usize) {
        let (start, end) = (self.shadow.source_offset(range.start), self.shadow.source_offset(range.end));
        self.text_until(start);
        self.cursor = self.cursor.max(start + delimiter_len);
        let kind = if self.emphasis_depth < MAX_EMPHASIS_DEPTH {
            self.emphasis_depth += 1;
            kind
        } else {
            FrameKind::Flattened
        };
        self.push_frame(kind, end.saturating_sub(delimiter_len), end);
    }

    /// pulldown-cmark found one of our links or spans (an image in the shadow).
    fn open_construct(&mut self, shadow_offset: usize) {
        let start = self.shadow.source_offset(shadow_offset);
        self.text_until(start);
        let is_construct = |mark: &Mark| {
            mark.start == start && matches!(mark.kind, MarkKind::Link { .. } | MarkKind::Span { .. })
        };
        if self.marks.get(self.next_mark).is_some_and(is_construct) {
            self.take_mark();
        } else {
            // Cannot happen: every image in the shadow is one of our marks.
            self.push_frame(FrameKind::Flattened, self.cursor, self.cursor);
        }
    }
}

impl TreeBuilder<'_> {
    fn close_frame(&mut self) {
        let Some(content_end) = self.frames.last().map(|frame| frame.content_end) else { return };
        self.text_until(content_end);
        let Some(frame) = self.frames.pop() else { return };
        let node = match frame.kind {
            FrameKind::Emph => Some(Inline::Emph(frame.children)),
            FrameKind::Strong => Some(Inline::Strong(frame.children)),
            FrameKind::Link(url) => Some(Inline::Link { url, content: frame.children }),
            FrameKind::Span(lang) => Some(Inline::Span { lang, content: frame.children }),
            FrameKind::Flattened => None,
        };
        if let Some(node) = node {
            if matches!(node, Inline::Emph(_) | Inline::Strong(_)) {
                self.emphasis_depth = self.emphasis_depth.saturating_sub(1);
            }
            self.receiving.pop();
            self.children().push(node);
        }
        self.cursor = self.cursor.max(frame.end);
    }

    /// Puts the source from the cursor up to `stop` into the tree: text, and the marks in it.
    fn text_until(&mut self, stop: usize) {
        let stop = stop.min(self.src.len());
        while self.cursor < stop {
            let mark_start = self.marks.get(self.next_mark).map(|mark| mark.start).filter(|&s| s < stop);
            let text_end = mark_start.unwrap_or(stop).max(self.cursor);
            self.push_text(self.cursor..text_end);
            self.cursor = text_end;
            // A link or span that pulldown-cmark did not report (it always does) is built here.
            if mark_start.is_some() && self.take_mark() {
                self.close_frame();
            }
        }
    }

    /// Takes the next mark into the tree; a link or span opens a frame (then returns true).
    fn take_mark(&mut self) -> bool {
        let Some(mark) = self.marks.get_mut(self.next_mark) else { return false };
        self.next_mark += 1;
        let (start, end) = (mark.start, mark.end);
        let kind = std::mem::replace(&mut mark.kind, MarkKind::Verbatim);
        if start < self.cursor {
            return false; // Cannot happen: marks do not overlap.
        }
        match kind {
            MarkKind::Link { content_end, url } => {
                return self.open_mark_frame(FrameKind::Link(url), start..end, content_end)
            }
            MarkKind::Span { content_end, lang } => {
                return self.open_mark_frame(FrameKind::Span(lang), start..end, content_end)
            }
            MarkKind::Cite(ids) => self.children().push(Inline::Cite(ids)),
            MarkKind::Autolink(url) => {
                let address = slice(self.src, start + 1..end.saturating_sub(1)).to_string();
                self.children().push(Inline::Link { url, content: vec![Inline::Text(address)] });
            }
            MarkKind::Verbatim => {
                let verbatim = slice(self.src, start..end);
                append_text(self.children(), |out| push_verbatim(verbatim, out));
            }
        }
        self.cursor = end;
        false
    }

    /// Opens the frame of a link or span written at `source`; the cursor moves into it.
    fn open_mark_frame(&mut self, kind: FrameKind, source: Range<usize>, content_end: usize) -> bool {
        self.cursor = source.start + 1;
        self.push_frame(kind, content_end, source.end);
        true
    }

    fn push_text(&mut self, range: Range<usize>) {
        let text = slice(self.src, range);
        if !text.is_empty() {
            append_text(self.children(), |out| push_decoded(text, out));
        }
    }
}
