//! Indexes over the whole text that let the scanner look ahead without rescanning, so that
//! hostile input (many unclosed `(`, `{` or backtick runs) stays linear.

use std::collections::{HashMap, VecDeque};

/// For each `(` right after a `]`, the `)` that balances it. One pass over the text, so that
/// many unclosed `[text](` cannot each search to the end.
pub(super) fn link_paren_matches(bytes: &[u8]) -> HashMap<usize, usize> {
    let mut matches = HashMap::new();
    let mut depth = 0usize;
    let mut waiting: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 1,
            b'(' => {
                depth += 1;
                if i > 0 && bytes[i - 1] == b']' {
                    waiting.push((i, depth));
                }
            }
            b')' if depth > 0 => {
                if waiting.last().is_some_and(|&(_, at_depth)| at_depth == depth) {
                    if let Some((open, _)) = waiting.pop() {
                        matches.insert(open, i);
                    }
                }
                depth -= 1;
            }
            _ => {}
        }
        i += 1;
    }
    matches
}

/// Finds the next byte of a kind at or after positions that only grow, in linear total time:
/// an answer stays right for every later question up to it.
pub(super) struct NextByte {
    is_wanted: fn(u8) -> bool,
    asked_from: Option<usize>,
    answer: Option<usize>,
}

impl NextByte {
    pub(super) fn new(is_wanted: fn(u8) -> bool) -> Self {
        NextByte { is_wanted, asked_from: None, answer: None }
    }

    pub(super) fn find(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        let still_right = self.asked_from.is_some_and(|asked| asked <= from)
            && self.answer.is_none_or(|answer| from <= answer);
        if !still_right {
            let rest = bytes.get(from..).unwrap_or_default();
            self.answer = rest.iter().position(|&b| (self.is_wanted)(b)).map(|p| from + p);
            self.asked_from = Some(from);
        }
        self.answer
    }
}

/// Start positions of the text's backtick runs by run length, so that finding the run that
/// closes a code span never rescans (a text full of unmatched backticks stays linear).
pub(super) struct BacktickRuns(HashMap<usize, VecDeque<usize>>);

impl BacktickRuns {
    pub(super) fn new(bytes: &[u8]) -> Self {
        let mut runs: HashMap<usize, VecDeque<usize>> = HashMap::new();
        let mut i = 0;
        while i < bytes.len() {
            let len = run_length(bytes, i, b'`');
            if len > 0 {
                runs.entry(len).or_default().push_back(i);
            }
            i += len.max(1);
        }
        BacktickRuns(runs)
    }

    /// The first run of exactly `len` backticks starting at or after `from`; asked with
    /// growing `from`, so runs before it are dropped for good.
    pub(super) fn closing(&mut self, len: usize, from: usize) -> Option<usize> {
        let starts = self.0.get_mut(&len)?;
        while starts.front().is_some_and(|&start| start < from) {
            starts.pop_front();
        }
        starts.front().copied()
    }
}

pub(super) fn run_length(bytes: &[u8], from: usize, byte: u8) -> usize {
    bytes.get(from..).unwrap_or_default().iter().take_while(|&&b| b == byte).count()
}
