//! Knuth–Plass optimal-fit line breaking over measured fragments, then shaping and justifying
//! each chosen line into positioned glyphs. No line is ever set wider than its measure.

use super::fragments::{face_of, fragments, BreakAfter, Fragment, DISCRETIONARY_HYPHEN};
use super::style::TextStyle;
use super::text::{Look, StyledText};
use super::{Glyph, LineRun, SetLine};
use crate::error::Result;
use crate::fonts::{Face, ShapedGlyph};
use crate::locale::Hyphenator;

/// Glue stretches by half a space and shrinks by a third, as in TeX's defaults for text.
const STRETCH: f32 = 0.5;
const SHRINK: f32 = 1.0 / 3.0;
/// A hyphen costs as much as a line whose spaces stretch to two and a half times their stretch:
/// words break only where spacing would suffer more (TeX's 50 made two lines in five end in a
/// hyphen on Kloop; now about one in eight). Loose lines stay readable: their word spaces are
/// capped and the rest is letter-spacing (`spread`).
const HYPHEN_PENALTY: f32 = 1500.0;
/// Breaking a name ("Isk-ender") costs more still.
const NAME_HYPHEN_PENALTY: f32 = 10_000.0;
/// A hyphen on a paragraph's second-to-last line leaves a fragment alone on the last ("hear-/ing."):
/// it costs more than the loosest line, so it is taken only when every other way overflows.
const FINAL_HYPHEN_DEMERITS: f32 = 1.0e11;
/// At most this many lines in a row end in a hyphen.
const MOST_HYPHENS_IN_A_ROW: u8 = 2;
const PLAIN_BREAK_PENALTY: f32 = 0.0;
const EMERGENCY_PENALTY: f32 = 5_000.0;
const DOUBLE_HYPHEN_DEMERITS: f32 = 10_000.0;
const INFEASIBLE: f32 = 1.0e12;
/// Ragged lines may fall this share of the measure short before they count as loose.
const RAGGED_STRETCH: f32 = 0.25;
/// The most fragments a line may hold. Real text never comes near: the widest measure (the
/// body, about 500 pt) holds some 270 of the narrowest visible fragments (an `i` split out of an
/// over-long word, at the footer's 7.2 pt). Fragments that print nothing (marks and zero-width
/// spaces strung together) never fill a line, and would otherwise let every line start anywhere.
const MAX_LINE_FRAGMENTS: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Justify,
    Left,
    Center,
}

/// A chosen line: fragments `start..end`.
#[derive(Debug, Clone, Copy)]
struct Break {
    start: usize,
    end: usize,
}

/// Breaks `text` in one style into lines of at most `width` points and sets each line.
pub fn set_paragraph(
    text: &str,
    style: &TextStyle,
    hyphenator: Hyphenator,
    width: f32,
    align: Align,
) -> Result<Vec<SetLine>> {
    set_styled(&StyledText::plain(text, style, hyphenator), width, align)
}

/// Breaks styled text into lines of at most `width` points and sets each line.
pub fn set_styled(styled: &StyledText, width: f32, align: Align) -> Result<Vec<SetLine>> {
    let mut pieces = fragments(styled)?;
    split_overlong(&mut pieces, styled, width)?;
    let pieces = join_invisible(pieces);
    let hyphen = match styled.runs.first() {
        Some(run) => face_of(&run.look)?.width(DISCRETIONARY_HYPHEN, run.look.size),
        None => 0.0,
    };
    let indent = styled.indent.clamp(0.0, width / 2.0);
    let breaks = optimal_breaks(&pieces, width, hyphen, align == Align::Justify, indent);
    breaks.iter().map(|b| set_line(styled, &pieces, *b, width, align, indent)).collect()
}

/// Splits any fragment wider than the measure into characters that may break anywhere
/// (as CSS `overflow-wrap: anywhere`), so that no line overflows. A character that takes no
/// room (a combining mark, a joiner) stays with the one before it.
fn split_overlong(pieces: &mut Vec<Fragment>, styled: &StyledText, width: f32) -> Result<()> {
    if pieces.iter().all(|p| p.width <= width) {
        return Ok(());
    }
    let text = styled.text.as_str();
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces.drain(..) {
        if piece.width <= width {
            out.push(piece);
            continue;
        }
        let first = out.len();
        for (offset, c) in text[piece.range.clone()].char_indices() {
            let start = piece.range.start + offset;
            let end = start + c.len_utf8();
            let advance = match look_at(styled, start) {
                Some(look) => face_of(look)?.width(c.encode_utf8(&mut [0; 4]), look.size),
                None => 0.0,
            };
            let joins = out.len() > first && advance == 0.0;
            match out.last_mut() {
                Some(last) if joins => last.range.end = end,
                _ => out.push(Fragment {
                    range: start..end,
                    width: advance,
                    space: 0.0,
                    after: BreakAfter::Emergency,
                }),
            }
        }
        if let Some(last) = out.last_mut() {
            last.space = piece.space;
            last.after = piece.after;
        }
    }
    *pieces = out;
    Ok(())
}

/// Joins each fragment that prints nothing and has no glue after it (a mark or a zero-width
/// space alone between two break opportunities) to the fragment after it. A break before or
/// after such a fragment gives lines of the same width, so no choice is lost; and a string of
/// them could not otherwise fill a line.
fn join_invisible(pieces: Vec<Fragment>) -> Vec<Fragment> {
    let mut out = Vec::with_capacity(pieces.len());
    let mut carried: Option<Fragment> = None;
    for mut piece in pieces {
        if let Some(invisible) = carried.take() {
            if invisible.range.end == piece.range.start {
                piece.range.start = invisible.range.start;
                piece.width += invisible.width;
            } else {
                out.push(invisible);
            }
        }
        let invisible = piece.width <= 0.0
            && piece.space == 0.0
            && matches!(piece.after, BreakAfter::Plain | BreakAfter::Emergency);
        if invisible {
            carried = Some(piece);
        } else {
            out.push(piece);
        }
    }
    out.extend(carried);
    out
}

fn look_at(styled: &StyledText, at: usize) -> Option<&Look> {
    let index = styled.runs.partition_point(|r| r.range.end <= at);
    styled.runs.get(index).map(|r| &r.look)
}

/// Running sums over the fragments, so that any line's width is two subtractions instead of a
/// walk over its fragments (which made breaking cubic in the fragments a line can hold).
struct Measures {
    /// `widths[i]`: the widths of fragments `0..i`; `spaces[i]` likewise for the glue after them.
    widths: Vec<f64>,
    spaces: Vec<f64>,
    hyphen: f32,
    justified: bool,
    width: f32,
    /// Taken from the first line's measure.
    indent: f32,
}

impl Measures {
    fn new(pieces: &[Fragment], hyphen: f32, justified: bool, width: f32, indent: f32) -> Self {
        let mut widths = Vec::with_capacity(pieces.len() + 1);
        let mut spaces = Vec::with_capacity(pieces.len() + 1);
        let (mut w, mut s) = (0.0, 0.0);
        widths.push(w);
        spaces.push(s);
        for piece in pieces {
            w += f64::from(piece.width);
            s += f64::from(piece.space);
            widths.push(w);
            spaces.push(s);
        }
        Measures { widths, spaces, hyphen, justified, width, indent }
    }

    /// Natural width, stretch and shrink of the line made of `pieces[start..end]`. Ragged lines
    /// never shrink, and their stretch is a fixed share of the measure (TeX's ragged-right idea).
    fn line(&self, pieces: &[Fragment], start: usize, end: usize) -> (f32, f32, f32) {
        // The glue after the last fragment is dropped at the break.
        let spaces = (self.spaces[end - 1] - self.spaces[start]) as f32;
        let mut natural = (self.widths[end] - self.widths[start]) as f32 + spaces;
        if pieces[end - 1].after.hyphenates() {
            natural += self.hyphen;
        }
        if start == 0 {
            natural += self.indent;
        }
        if self.justified {
            (natural, spaces * STRETCH, spaces * SHRINK)
        } else {
            (natural, self.width * RAGGED_STRETCH, 0.0)
        }
    }
}

fn penalty(after: BreakAfter) -> f32 {
    match after {
        BreakAfter::Hyphen => HYPHEN_PENALTY,
        BreakAfter::HyphenInName => NAME_HYPHEN_PENALTY,
        BreakAfter::Emergency => EMERGENCY_PENALTY,
        _ => PLAIN_BREAK_PENALTY,
    }
}

/// Adjustment ratio of a line; `None` when it cannot shrink enough.
fn ratio(natural: f32, stretch: f32, shrink: f32, width: f32, last: bool) -> Option<f32> {
    if natural <= width {
        if last {
            return Some(0.0);
        }
        return Some(if stretch > 0.0 { (width - natural) / stretch } else { 10.0 });
    }
    let r = if shrink > 0.0 { (width - natural) / shrink } else { f32::NEG_INFINITY };
    (r >= -1.0).then_some(r)
}

/// Least demerits of setting the fragments before a break point, and how.
#[derive(Debug, Clone, Copy)]
struct Node {
    demerits: f32,
    start: usize,
    hyphenated: bool,
    /// How many lines in a row, this one included, end in a hyphen.
    hyphens: u8,
}

/// The break sequence with the least total demerits (dynamic programming over break points).
/// A line may start only at the last `MAX_LINE_FRAGMENTS` fragments before its end, and no earlier
/// than where a line from there would be overfull (TeX's deactivation of a break point): so the
/// work is linear in the fragments, whatever their widths.
fn optimal_breaks(pieces: &[Fragment], width: f32, hyphen: f32, justified: bool, indent: f32) -> Vec<Break> {
    let n = pieces.len();
    let measures = Measures::new(pieces, hyphen, justified, width, indent);
    let unreached = Node { demerits: f32::INFINITY, start: 0, hyphenated: false, hyphens: 0 };
    let mut best = vec![unreached; n + 1];
    best[0].demerits = 0.0;
    // No line starts before the last mandatory break.
    let mut earliest = 0;
    for end in 1..=n {
        let after = pieces[end - 1].after;
        let forced = after == BreakAfter::Mandatory || end == n;
        let first_start = earliest.max(end.saturating_sub(MAX_LINE_FRAGMENTS));
        for start in (first_start..end).rev() {
            let from = best[start];
            if !from.demerits.is_finite() {
                continue;
            }
            if after.hyphenates() && from.hyphens >= MOST_HYPHENS_IN_A_ROW {
                continue;
            }
            let (natural, stretch, shrink) = measures.line(pieces, start, end);
            let line_ratio = ratio(natural, stretch, shrink, width, forced);
            let final_hyphen =
                if forced && from.hyphenated && justified { FINAL_HYPHEN_DEMERITS } else { 0.0 };
            let demerits = match line_ratio {
                Some(r) => line_demerits(r, after, from.hyphenated) + final_hyphen,
                // Only a one-piece line may be overfull: nothing narrower can hold it.
                None if end - start == 1 => INFEASIBLE,
                // Starting earlier only makes the line wider.
                None => break,
            };
            if from.demerits + demerits < best[end].demerits {
                let hyphenated = after.hyphenates();
                best[end] = Node {
                    demerits: from.demerits + demerits,
                    start,
                    hyphenated,
                    hyphens: if hyphenated { from.hyphens + 1 } else { 0 },
                };
            }
        }
        if forced {
            earliest = end;
        }
    }
    let mut breaks = Vec::new();
    let mut end = n;
    while end > 0 {
        let node = best[end];
        breaks.push(Break { start: node.start, end });
        end = node.start;
    }
    breaks.reverse();
    breaks
}

fn line_demerits(ratio: f32, after: BreakAfter, previous_hyphenated: bool) -> f32 {
    let badness = 100.0 * ratio.abs().min(10.0).powi(3);
    let p = penalty(after);
    let mut demerits = (10.0 + badness).powi(2) + p * p;
    if previous_hyphenated && after.hyphenates() {
        demerits += DOUBLE_HYPHEN_DEMERITS;
    }
    demerits
}

/// Shapes one chosen line, run by run, and spreads its spaces to fill the measure when justified.
fn set_line(
    styled: &StyledText,
    pieces: &[Fragment],
    line: Break,
    width: f32,
    align: Align,
    first_indent: f32,
) -> Result<SetLine> {
    let first_indent = if line.start == 0 { first_indent } else { 0.0 };
    let width = width - first_indent;
    let last_piece = &pieces[line.end - 1];
    let range = pieces[line.start].range.start..last_piece.range.end;
    let mut content = styled.text[range.clone()].to_string();
    if last_piece.after.hyphenates() {
        content.push_str(DISCRETIONARY_HYPHEN);
    }
    // Each run's share of the line, shaped in its face; the hyphen goes with the last run.
    // Glyphs and, beside them, the points per font unit of their run.
    let mut shaped: Vec<ShapedGlyph> = Vec::with_capacity(content.len());
    let mut scales: Vec<f32> = Vec::with_capacity(content.len());
    let mut runs: Vec<LineRun> = Vec::new();
    let first = styled.runs.partition_point(|r| r.range.end <= range.start);
    let count =
        styled.runs[first..].iter().take_while(|r| r.range.start < range.end.max(range.start + 1)).count();
    let overlapping = &styled.runs[first..first + count];
    for (i, run) in overlapping.iter().enumerate() {
        let start = run.range.start.max(range.start) - range.start;
        let end = if i + 1 == overlapping.len() {
            content.len()
        } else {
            run.range.end.min(range.end) - range.start
        };
        if start >= end {
            continue;
        }
        let face = face_of(&run.look)?;
        let scale = run.look.size / face.units_per_em;
        let from = shaped.len();
        for glyph in shape_by_words(face, &content[start..end]) {
            shaped.push(ShapedGlyph { cluster: glyph.cluster + start, ..glyph });
            scales.push(scale);
        }
        runs.push(LineRun { glyphs: from..shaped.len(), look: run.look.clone() });
    }
    let natural: f32 = shaped.iter().zip(&scales).map(|(g, scale)| g.advance as f32 * scale).sum();
    let is_last = last_piece.after == BreakAfter::Mandatory;
    let space_glyphs: Vec<usize> =
        (0..shaped.len()).filter(|&i| is_space(&content, shaped[i].cluster)).collect();
    let spaces = space_glyphs.len();
    let fill = if spaces > 0 { (width - natural) / spaces as f32 } else { 0.0 };
    let (extra_per_space, tracking) = match align {
        Align::Justify if !is_last => spread(fill, &shaped, &scales, &space_glyphs, overlapping),
        // Other lines only ever shrink, so that none is wider than the measure.
        _ => (fill.min(0.0), 0.0),
    };
    let indent = match align {
        Align::Center => ((width - natural) / 2.0).max(0.0),
        _ => 0.0,
    } + first_indent;
    let mut x = indent;
    let mut glyphs = Vec::with_capacity(shaped.len());
    let clusters = cluster_texts(&content, &shaped);
    for (i, ((glyph, scale), cluster_text)) in shaped.iter().zip(&scales).zip(clusters).enumerate() {
        glyphs.push(Glyph {
            id: glyph.glyph_id,
            x,
            advance: glyph.advance as f32 * scale,
            text: cluster_text,
        });
        x += glyph.advance as f32 * scale;
        if is_space(&content, glyph.cluster) {
            x += extra_per_space;
        } else if tracking > 0.0 && letters_continue(&content, &shaped, i) {
            x += tracking;
        }
    }
    // The hyphen this line added is the glyph that starts at its place after the text.
    let added = range.end - range.start;
    let hyphen = last_piece
        .after
        .hyphenates()
        .then(|| glyphs.iter().rposition(|g| g.text.start as usize == added && !g.text.is_empty()))
        .flatten();
    Ok(SetLine {
        text: content,
        source: range,
        glyphs,
        runs,
        width: x,
        split_word: last_piece.after == BreakAfter::Emergency,
        hyphen,
    })
}

/// Word spaces of a justified line stay at most this wide (in ems of the line's first run),
/// measured glyph edge to glyph edge a little wider: past it, the rest of the measure is spread
/// between the letters, up to `MOST_TRACKING` each, as a typesetter's letter-spacing range does.
/// Narrow columns of long Kyrgyz, Uzbek or Russian words otherwise open gaps of an em.
const MOST_WORD_SPACE: f32 = 0.45;
const MOST_TRACKING: f32 = 0.06;

/// What each space and each gap between letters of a justified line grows by to fill it.
fn spread(
    fill: f32,
    shaped: &[ShapedGlyph],
    scales: &[f32],
    space_glyphs: &[usize],
    runs: &[super::text::Run],
) -> (f32, f32) {
    let em = runs.first().map_or(10.0, |run| run.look.size);
    let spaces = space_glyphs.len() as f32;
    if fill <= 0.0 || spaces == 0.0 {
        return (fill, 0.0);
    }
    let space = space_glyphs.iter().map(|&i| shaped[i].advance as f32 * scales[i]).sum::<f32>() / spaces;
    let room = (MOST_WORD_SPACE * em - space).max(0.0);
    if fill <= room {
        return (fill, 0.0);
    }
    // Gaps between letters: between glyphs of different clusters (never inside one, where a
    // combining mark sits on its letter), not next to a space.
    let gaps = shaped.len().saturating_sub(1 + 2 * space_glyphs.len()).max(1) as f32;
    let rest = (fill - room) * spaces;
    let tracking = (rest / gaps).min(MOST_TRACKING * em);
    (room + (rest - tracking * gaps) / spaces, tracking)
}

/// Whether letter spacing goes after glyph `i`: another letter of a word follows it.
fn letters_continue(text: &str, shaped: &[ShapedGlyph], i: usize) -> bool {
    shaped.get(i + 1).is_some_and(|next| next.cluster != shaped[i].cluster && !is_space(text, next.cluster))
}

/// Shapes a line word by word, each word from the cache, spaces apart: the same glyphs as one
/// pass over the line, save kerning against a space, at a fraction of the cost.
fn shape_by_words(face: &Face, line: &str) -> Vec<ShapedGlyph> {
    let mut glyphs = Vec::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        let offset = line.len() - rest.len();
        let word_len = match rest.find(char::is_whitespace) {
            Some(0) => rest.chars().next().map_or(1, char::len_utf8),
            Some(end) => end,
            None => rest.len(),
        };
        let shaped = face.shape_word(&rest[..word_len]);
        glyphs.extend(shaped.iter().map(|g| ShapedGlyph { cluster: g.cluster + offset, ..*g }));
        rest = &rest[word_len..];
    }
    glyphs
}

fn is_space(text: &str, cluster: usize) -> bool {
    text[cluster..].starts_with(char::is_whitespace)
}

/// The text each glyph stands for: the first glyph of a cluster carries the cluster's text,
/// the others none. A cluster ends where the next larger cluster value begins.
fn cluster_texts(text: &str, shaped: &[ShapedGlyph]) -> Vec<std::ops::Range<u32>> {
    let offset = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let mut starts: Vec<usize> = shaped.iter().map(|g| g.cluster).collect();
    // Left-to-right runs come in order already; sort only what does not.
    if !starts.is_sorted() {
        starts.sort_unstable();
    }
    starts.dedup();
    let end_of = |index: usize| starts.get(index + 1).copied().unwrap_or(text.len());
    // A cluster of as many glyphs as characters (a letter and its combining marks, drawn as
    // separate glyphs) gives each glyph its own character, so every glyph maps to text.
    let mut glyph_counts = vec![0usize; starts.len()];
    for g in shaped {
        glyph_counts[starts.partition_point(|s| *s < g.cluster)] += 1;
    }
    let mut seen = vec![0usize; starts.len()];
    shaped
        .iter()
        .map(|g| {
            let index = starts.partition_point(|s| *s < g.cluster);
            let (Some(count), Some(nth)) = (glyph_counts.get(index).copied(), seen.get_mut(index)) else {
                return offset(g.cluster)..offset(g.cluster);
            };
            let k = *nth;
            *nth += 1;
            let cluster = text.get(g.cluster..end_of(index)).unwrap_or_default();
            if count > 1 && cluster.chars().count() == count {
                let (from, c) = cluster.char_indices().nth(k).unwrap_or((0, ' '));
                return offset(g.cluster + from)..offset(g.cluster + from + c.len_utf8());
            }
            if k > 0 {
                return offset(g.cluster)..offset(g.cluster);
            }
            offset(g.cluster)..offset(end_of(index))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Hyphenator {
        crate::locale::hyphenator(&crate::locale::english())
    }
    use crate::fonts::FontStyle;

    const TEXT: &str = "Kloop is an independent media organization based in Kyrgyzstan known for its news website and journalism investigations. Founded in 2007, Kloop gained prominence in Kyrgyzstan three years later.";

    fn lines(width: f32) -> Vec<SetLine> {
        set_paragraph(TEXT, &TextStyle::new(FontStyle::Regular, 9.0), english(), width, Align::Justify)
            .unwrap()
    }

    #[test]
    fn no_line_is_wider_than_the_measure_and_text_survives() {
        for width in [60.0, 120.0, 200.0, 400.0] {
            let set = lines(width);
            for line in &set {
                assert!(line.width <= width + 0.01, "{} > {width}: {}", line.width, line.text);
            }
            let joined: String = set
                .iter()
                .map(|l| {
                    l.text
                        .strip_suffix(DISCRETIONARY_HYPHEN)
                        .map_or(format!("{} ", l.text.trim_end()), str::to_string)
                })
                .collect();
            assert_eq!(joined.trim_end(), TEXT);
        }
    }

    #[test]
    fn justified_lines_fill_the_measure_except_the_last() {
        let set = lines(200.0);
        for line in &set[..set.len() - 1] {
            assert!((line.width - 200.0).abs() < 0.05, "{}: {}", line.width, line.text);
        }
        assert!(set[set.len() - 1].width < 200.0);
    }

    #[test]
    fn hyphenation_inside_a_ligature_squeezes_no_space() {
        // Noto Sans sets ff, ffi and ffl as one glyph; "ef-fi-cient" may not break inside it.
        const LIGATURES: &str = "The office was efficient and official, and different offers affirmed the affluent effect of the staff's efforts to differ.";
        let style = TextStyle::new(FontStyle::Regular, 9.0);
        for width in (60..=260).step_by(5) {
            for line in set_paragraph(LIGATURES, &style, english(), width as f32, Align::Justify).unwrap() {
                for pair in line.glyphs.windows(2) {
                    let step = pair[1].x - pair[0].x;
                    let least =
                        if line.glyph_text(&pair[0]) == " " { pair[0].advance * (1.0 - SHRINK) } else { 0.0 };
                    assert!(step >= least - 0.01, "at {width}: step {step} < {least} in {:?}", line.text);
                }
            }
        }
    }

    /// The lines' text joined, without the white space a line end drops.
    fn text_of(lines: &[SetLine]) -> String {
        lines.iter().flat_map(|l| l.text.chars()).filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn a_string_of_invisible_break_opportunities_keeps_every_character() {
        // Each mark-and-zero-width-space pair is a fragment that never fills a line.
        let style = TextStyle::new(FontStyle::Regular, 9.0);
        for unit in ["\u{301}\u{200b}", "\u{301}\u{200a}", "i\u{200b}"] {
            let text = format!("x{}", unit.repeat(3_000));
            for align in [Align::Justify, Align::Left] {
                let set = set_paragraph(&text, &style, english(), 120.0, align).unwrap();
                assert_eq!(text_of(&set), text.replace('\u{200a}', ""), "{unit:?}");
                assert!(set.iter().all(|l| l.width <= 120.01), "{unit:?}");
            }
        }
    }

    #[test]
    fn a_split_word_keeps_each_combining_mark_with_its_letter() {
        let style = TextStyle::new(FontStyle::Regular, 9.0);
        let word = "e\u{301}".repeat(200);
        let set = set_paragraph(&word, &style, Hyphenator::None, 40.0, Align::Left).unwrap();
        assert!(set.len() > 1);
        assert_eq!(text_of(&set), word);
        assert!(set.iter().all(|l| l.text.starts_with('e')), "a line starts with a lone mark");
    }

    #[test]
    fn a_word_longer_than_the_measure_is_split_not_overflowed() {
        let style = TextStyle::new(FontStyle::Regular, 9.0);
        let set =
            set_paragraph("Supercalifragilisticexpialidocious!", &style, Hyphenator::None, 40.0, Align::Left)
                .unwrap();
        assert!(set.len() > 1);
        assert!(set.iter().all(|l| l.width <= 40.0));
    }
}
