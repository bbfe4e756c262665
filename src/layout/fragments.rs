//! Text -> measured fragments between break opportunities: Unicode line-break rules, language
//! hyphenation, and a URL rule (break after `/`, before `?` or `#`, never inside `https://`).

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Mutex;

use hyphenation::{Hyphenator as _, Language, Load, Standard};

use super::syllables;
use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::text::{Look, Run, StyledText};
use crate::error::Result;
use crate::fonts::{Face, ShapedGlyph};
use crate::locale::Hyphenator;
use crate::memo;

/// What may happen after a fragment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BreakAfter {
    /// Inside a word too long for the measure: may break, at a high cost, with no hyphen.
    Emergency,
    /// Whitespace: stretchable glue, dropped at a line end.
    Space,
    /// A hyphenation point: breaking here draws a hyphen.
    Hyphen,
    /// A hyphenation point inside a capitalised word (a name): breaking here costs more.
    HyphenInName,
    /// After a hyphen, dash or slash already in the text: break without adding anything.
    Plain,
    /// End of the text, or a newline in it.
    Mandatory,
}

impl BreakAfter {
    /// Breaking here draws a hyphen.
    pub fn hyphenates(self) -> bool {
        matches!(self, BreakAfter::Hyphen | BreakAfter::HyphenInName)
    }
}

/// A piece of text that is never broken inside, with its measured width.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    /// Byte range of the visible part in the source text (no trailing whitespace).
    pub range: Range<usize>,
    pub width: f32,
    /// Width of the whitespace after it, 0 when none.
    pub space: f32,
    pub after: BreakAfter,
}

/// The hyphen drawn at a hyphenation break (U+2010: a copy keeps it apart from real hyphens).
pub const DISCRETIONARY_HYPHEN: &str = "\u{2010}";

/// The loaded TeX patterns of a language, kept for the process: each is read once.
fn patterns(language: Language) -> Option<&'static Standard> {
    static LOADED: Mutex<Vec<(Language, Option<&'static Standard>)>> = Mutex::new(Vec::new());
    let mut loaded = LOADED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, dictionary)) = loaded.iter().find(|(l, _)| *l == language) {
        return *dictionary;
    }
    // Leaked once per language, as a static would be: a process knows a few dozen at most.
    let dictionary = Standard::from_embedded(language).ok().map(|d| &*Box::leak(Box::new(d)));
    loaded.push((language, dictionary));
    dictionary
}

thread_local! {
    /// Hyphenation points of words already seen, per hyphenator.
    static CUTS: RefCell<Vec<(Hyphenator, memo::Table<Vec<usize>>)>> = const { RefCell::new(Vec::new()) };
}

/// The cut points of `word` by `hyphenator`, worked out once per word and hyphenator.
fn cached_cuts(hyphenator: Hyphenator, word: &str, compute: impl FnOnce() -> Vec<usize>) -> Vec<usize> {
    CUTS.with(|cuts| {
        let mut cuts = cuts.borrow_mut();
        let index = match cuts.iter().position(|(h, _)| *h == hyphenator) {
            Some(index) => index,
            None => {
                cuts.push((hyphenator, memo::Table::default()));
                cuts.len() - 1
            }
        };
        memo::get_or_compute(&mut cuts[index].1, word, compute)
    })
}

/// Splits styled text into fragments and measures each in its run's face and size. A word
/// inside one run hyphenates by that run's language; a word across runs ("*Kloop*'s") stays
/// whole.
pub fn fragments(styled: &StyledText) -> Result<Vec<Fragment>> {
    let text = styled.text.as_str();
    let mut out = Vec::new();
    let mut runs = RunCursor { runs: &styled.runs, index: 0, space: None };
    for (range, after) in segments(text) {
        let segment = &text[range.clone()];
        let visible_len = segment.trim_end().len();
        let visible = range.start..range.start + visible_len;
        let trailing_space = visible_len < segment.len() && after != BreakAfter::Mandatory;
        let single = runs.single(visible.clone());
        let space = if trailing_space { runs.space_at(visible.end)? } else { 0.0 };
        let after = after_kind(after, trailing_space);
        let Some(look) = single else {
            let width = mixed_width(text, visible.clone(), &styled.runs)?;
            out.push(Fragment { range: visible, width, space, after });
            continue;
        };
        let face = face_of(look)?;
        let word = &text[visible.clone()];
        let glyphs = face.shape_word(word);
        // A cut inside a ligature (the ffi of "ef-fi-cient") would split one glyph: drop it.
        let cuts = hyphenation_points(word, look.hyphenator);
        let cuts = if cuts.is_empty() { cuts } else { at_cluster_starts(cuts, &glyphs) };
        let pieces = pieces_between(&cuts, visible_len);
        let widths = piece_widths(&glyphs, &pieces);
        let last = pieces.len().saturating_sub(1);
        let name = word.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
        let inside = if name { BreakAfter::HyphenInName } else { BreakAfter::Hyphen };
        for (i, (piece, units)) in pieces.into_iter().zip(widths).enumerate() {
            out.push(Fragment {
                width: face.units_to_points(units, look.size),
                range: visible.start + piece.start..visible.start + piece.end,
                space: if i == last { space } else { 0.0 },
                after: if i == last { after } else { inside },
            });
        }
    }
    Ok(out)
}

pub fn face_of(look: &Look) -> Result<&'static Face> {
    crate::fonts::face(look.font)
}

/// Walks the runs of a text forwards, as fragments come in order.
struct RunCursor<'a> {
    runs: &'a [Run],
    index: usize,
    /// The width of a space in the run of that index: a paragraph asks for it at every word.
    space: Option<(usize, f32)>,
}

impl<'a> RunCursor<'a> {
    /// The look of the run holding byte `at`.
    fn at(&mut self, at: usize) -> Option<&'a Look> {
        while self.runs.get(self.index).is_some_and(|r| r.range.end <= at) {
            self.index += 1;
        }
        self.runs.get(self.index).filter(|r| r.range.contains(&at)).map(|r| &r.look)
    }

    /// The width of a space set in the run holding byte `at`.
    fn space_at(&mut self, at: usize) -> Result<f32> {
        let Some(look) = self.at(at) else { return Ok(0.0) };
        match self.space {
            Some((index, width)) if index == self.index => Ok(width),
            _ => {
                let width = face_of(look)?.width(" ", look.size);
                self.space = Some((self.index, width));
                Ok(width)
            }
        }
    }

    /// The look of `range` when one run holds all of it.
    fn single(&mut self, range: Range<usize>) -> Option<&'a Look> {
        let look = self.at(range.start)?;
        let run = &self.runs[self.index];
        (range.end <= run.range.end).then_some(look)
    }
}

/// Width of text that spans several runs: each run's share shaped in its own face.
fn mixed_width(text: &str, range: Range<usize>, runs: &[Run]) -> Result<f32> {
    let mut width = 0.0;
    let first = runs.partition_point(|r| r.range.end <= range.start);
    for run in runs[first..].iter().take_while(|r| r.range.start < range.end) {
        let piece = run.range.start.max(range.start)..run.range.end.min(range.end);
        width += face_of(&run.look)?.width(&text[piece], run.look.size);
    }
    Ok(width)
}

/// The cuts (ascending) that fall where a glyph's cluster starts, in one walk over both.
fn at_cluster_starts(cuts: Vec<usize>, glyphs: &[ShapedGlyph]) -> Vec<usize> {
    let mut clusters: Vec<usize> = glyphs.iter().map(|g| g.cluster).collect();
    // Left-to-right runs come in order already.
    if !clusters.is_sorted() {
        clusters.sort_unstable();
    }
    let mut next = 0;
    cuts.into_iter()
        .filter(|cut| {
            next += clusters[next..].partition_point(|c| c < cut);
            clusters.get(next) == Some(cut)
        })
        .collect()
}

/// Advances of a word shaped whole, summed per piece: the word is shaped once, with the kerning
/// between its pieces. A glyph counts in the piece where its cluster starts; pieces begin at
/// cluster starts, so none is left without its glyphs.
fn piece_widths(glyphs: &[ShapedGlyph], pieces: &[Range<usize>]) -> Vec<i32> {
    let mut widths = vec![0; pieces.len()];
    for glyph in glyphs {
        let piece = pieces.partition_point(|p| p.end <= glyph.cluster).min(pieces.len().saturating_sub(1));
        if let Some(width) = widths.get_mut(piece) {
            *width += glyph.advance;
        }
    }
    widths
}

fn after_kind(after: BreakAfter, trailing_space: bool) -> BreakAfter {
    match after {
        BreakAfter::Mandatory => BreakAfter::Mandatory,
        _ if trailing_space => BreakAfter::Space,
        other => other,
    }
}

/// Byte ranges between break opportunities, each with what may happen at its end.
fn segments(text: &str) -> Vec<(Range<usize>, BreakAfter)> {
    let urls = url_spans(text);
    // Break positions come in order, and so do the addresses: one walk over both.
    let mut url = 0;
    let mut inside_url = |p: usize| {
        while urls.get(url).is_some_and(|u| u.end <= p) {
            url += 1;
        }
        urls.get(url).is_some_and(|u| u.start < p)
    };
    let mut out = Vec::new();
    let mut start = 0;
    for (position, opportunity) in linebreaks(text) {
        let skip = position <= start || inside_url(position);
        if skip && opportunity != BreakOpportunity::Mandatory {
            continue;
        }
        let after = match opportunity {
            BreakOpportunity::Mandatory => BreakAfter::Mandatory,
            BreakOpportunity::Allowed => BreakAfter::Plain,
        };
        split_urls(text, start..position, after, &mut out);
        start = position;
    }
    out
}

/// Byte ranges of the web addresses in the text (`http://` or `https://` up to whitespace).
fn url_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("http") {
        let start = from + found;
        let rest = &text[start..];
        let end = start + rest.find(char::is_whitespace).unwrap_or(rest.len());
        if rest.starts_with("https://") || rest.starts_with("http://") {
            spans.push(start..end);
        }
        from = end.max(start + 4);
    }
    spans
}

/// Within a segment that holds a web address, break only after `/` or before `?` and `#`.
fn split_urls(text: &str, range: Range<usize>, after: BreakAfter, out: &mut Vec<(Range<usize>, BreakAfter)>) {
    let segment = &text[range.clone()];
    let Some(scheme_end) = segment.find("://").map(|i| i + 3) else {
        // A break after `/` that unicode-linebreak allows outside an address is kept.
        out.push((range, after));
        return;
    };
    let mut piece_start = 0;
    let visible_end = segment.trim_end().len();
    for (i, c) in segment.char_indices() {
        let cut = match c {
            '/' if i + 1 > scheme_end => Some(i + 1),
            '?' | '#' if i > scheme_end => Some(i),
            _ => None,
        };
        if let Some(cut) = cut.filter(|cut| *cut > piece_start && *cut < visible_end) {
            out.push((range.start + piece_start..range.start + cut, BreakAfter::Plain));
            piece_start = cut;
        }
    }
    out.push((range.start + piece_start..range.end, after));
}

/// Longer runs of letters than any word of a language are not words: they are split only where
/// they meet the measure, and neither fill the cache nor cost the hyphenator their length.
const LONGEST_HYPHENATED_WORD: usize = 64;

/// Byte offsets inside one word where it may be hyphenated (none for short or mixed words).
fn hyphenation_points(word: &str, hyphenator: Hyphenator) -> Vec<usize> {
    let letters = word.trim_matches(|c: char| !c.is_alphabetic());
    let count = letters.chars().take(LONGEST_HYPHENATED_WORD + 1).count();
    if !(6..=LONGEST_HYPHENATED_WORD).contains(&count) || !letters.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let offset = word.find(letters).unwrap_or(0);
    match hyphenator {
        Hyphenator::None => Vec::new(),
        Hyphenator::Syllables(rules) => cached_cuts(hyphenator, word, || {
            syllables::hyphenation_points(letters, rules).into_iter().map(|b| b + offset).collect()
        }),
        Hyphenator::Patterns(language) => cached_cuts(hyphenator, word, || {
            let Some(dictionary) = patterns(language) else {
                return Vec::new();
            };
            let mut points: Vec<usize> = dictionary
                .hyphenate(letters)
                .breaks
                .into_iter()
                .map(|b| b + offset)
                .filter(|b| word.is_char_boundary(*b))
                .collect();
            points.dedup();
            points
        }),
    }
}

/// The pieces of a word of `length` bytes between its cut points.
fn pieces_between(cuts: &[usize], length: usize) -> Vec<Range<usize>> {
    let mut starts = vec![0];
    starts.extend_from_slice(cuts);
    let ends = cuts.iter().copied().chain(std::iter::once(length));
    starts.into_iter().zip(ends).map(|(start, end)| start..end).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontStyle;
    use crate::layout::style::TextStyle;

    fn styled(text: &str, language: &str) -> StyledText {
        let hyphenator = language.parse().map_or(Hyphenator::None, |tag| crate::locale::hyphenator(&tag));
        StyledText::plain(text, &TextStyle::new(FontStyle::Regular, 10.0), hyphenator)
    }

    fn pieces(text: &str, language: &str) -> Vec<String> {
        fragments(&styled(text, language))
            .unwrap()
            .iter()
            .map(|f| text[f.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn english_words_hyphenate_at_dictionary_points() {
        assert_eq!(pieces("investigations", "en"), vec!["in", "ves", "ti", "ga", "tions"]);
    }

    #[test]
    fn russian_kyrgyz_and_uzbek_hyphenate_each_by_its_own_rules() {
        assert!(pieces("расследование", "ru").len() > 1);
        assert_eq!(pieces("Oʻzbekiston", "uz"), vec!["Oʻz", "be", "kis", "ton"]);
        assert_eq!(pieces("Кыргызстан", "ky"), vec!["Кыр", "гыз", "стан"]);
        // A word of no language with rules stays whole.
        assert_eq!(pieces("Oʻzbekiston", "de"), vec!["Oʻzbekiston"]);
    }

    #[test]
    fn urls_break_after_slashes_only() {
        let text = "https://en.wikipedia.org/wiki/Kloop?x=1";
        assert_eq!(pieces(text, "en"), vec!["https://en.wikipedia.org/", "wiki/", "Kloop", "?x=1"]);
    }

    #[test]
    fn each_of_several_urls_breaks_by_the_url_rule_and_text_between_them_by_its_own() {
        let text = "see https://a.org/x/y and https://b.org/z?q=1 then a/b";
        assert_eq!(
            pieces(text, "en"),
            vec!["see", "https://a.org/", "x/", "y", "and", "https://b.org/", "z", "?q=1", "then", "a/", "b"]
        );
    }

    #[test]
    fn hyphenation_points_inside_a_ligature_are_dropped() {
        // "ffi" is one glyph in Noto Sans: "ef-fi-cient" may break after "ef" only if the
        // ligature allows it; no piece may start inside the glyph.
        let text = "efficient";
        let style = TextStyle::new(FontStyle::Regular, 10.0);
        let glyphs = crate::fonts::face(style.font).unwrap().shape_word(text);
        for fragment in fragments(&styled(text, "en")).unwrap() {
            assert!(glyphs.iter().any(|g| g.cluster == fragment.range.start), "{fragment:?}");
        }
    }

    #[test]
    fn spaces_become_glue_and_the_end_is_mandatory() {
        let f = fragments(&styled("a b", "en")).unwrap();
        assert_eq!(f[0].after, BreakAfter::Space);
        assert!(f[0].space > 0.0);
        assert_eq!(f[1].after, BreakAfter::Mandatory);
    }
}
