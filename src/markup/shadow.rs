//! The shadow: the inert copy of the text that pulldown-cmark parses (see the module comment),
//! its byte layout, and the way back from its offsets to the source's.

use std::ops::Range;

/// Put around the shadow text: no block can start after it, and to emphasis delimiters it is
/// whitespace, like the start or end of a line.
const FENCE: &str = "\u{a0}";

/// The shadow as the scanner writes it, byte for byte over the source.
pub(super) struct ShadowBytes {
    bytes: Vec<u8>,
    /// Where the links and spans made images start; each gets a `!` before it.
    construct_starts: Vec<usize>,
}

impl ShadowBytes {
    /// Every byte of `src` made inert.
    pub(super) fn new(src: &[u8]) -> Self {
        ShadowBytes { bytes: src.iter().map(|&b| inert(b)).collect(), construct_starts: Vec::new() }
    }

    /// Sets the byte at `at`, typically back to the source's to make a delimiter live.
    pub(super) fn set(&mut self, at: usize, byte: u8) {
        if let Some(slot) = self.bytes.get_mut(at) {
            *slot = byte;
        }
    }

    /// A no-break space over the two bytes of `\ ` at `at`: whitespace to emphasis.
    pub(super) fn no_break_space(&mut self, at: usize) {
        self.set(at, 0xC2);
        self.set(at + 1, 0xA0);
    }

    /// The link or span `[content](…)` or `[content]{…}` at `start..end`, its `]` at `close`,
    /// becomes the image `![content](,,,)`; `finish` puts in the `!`.
    pub(super) fn image(&mut self, start: usize, close: usize, end: usize) {
        self.set(start, b'[');
        self.set(close, b']');
        self.set(close + 1, b'(');
        if let Some(address) = self.bytes.get_mut(close + 2..end.saturating_sub(1)) {
            address.fill(b',');
        }
        self.set(end.saturating_sub(1), b')');
        self.construct_starts.push(start);
    }

    /// Makes `range` inert again, undoing what was set in it.
    pub(super) fn make_inert(&mut self, range: Range<usize>) {
        if let Some(bytes) = self.bytes.get_mut(range) {
            bytes.iter_mut().for_each(|byte| *byte = inert(*byte));
        }
    }

    /// The text pulldown-cmark parses: the shadow between two fences, with a `!` before each
    /// link's or span's `[`.
    pub(super) fn finish(mut self) -> Shadow {
        let starts = &mut self.construct_starts;
        starts.sort_unstable();
        let mut text = Vec::with_capacity(self.bytes.len() + starts.len() + 2 * FENCE.len());
        let mut bangs = Vec::with_capacity(starts.len());
        text.extend_from_slice(FENCE.as_bytes());
        let mut copied = 0;
        for &start in starts.iter() {
            text.extend_from_slice(self.bytes.get(copied..start).unwrap_or_default());
            bangs.push(text.len());
            text.push(b'!');
            copied = start;
        }
        text.extend_from_slice(self.bytes.get(copied..).unwrap_or_default());
        text.extend_from_slice(FENCE.as_bytes());
        // Always UTF-8 (only ASCII bytes were replaced, by ASCII or by a whole no-break space);
        // if not, an empty parse still yields all the text, without emphasis.
        Shadow { text: String::from_utf8(text).unwrap_or_default(), bangs, source_len: self.bytes.len() }
    }
}

/// The finished shadow text, and where the `!` put into it are, to map offsets back.
pub(super) struct Shadow {
    text: String,
    bangs: Vec<usize>,
    source_len: usize,
}

impl Shadow {
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// The source offset of a shadow text offset.
    pub(super) fn source_offset(&self, shadow_offset: usize) -> usize {
        let bangs_before = self.bangs.partition_point(|&bang| bang < shadow_offset);
        shadow_offset.saturating_sub(FENCE.len() + bangs_before).min(self.source_len)
    }
}

/// The shadow's default for a source byte: punctuation becomes an inert `,`, control
/// characters (line breaks) a space, anything else (letters, UTF-8 bytes) stays.
fn inert(byte: u8) -> u8 {
    if byte.is_ascii_punctuation() {
        b','
    } else if byte.is_ascii_control() {
        b' '
    } else {
        byte
    }
}
