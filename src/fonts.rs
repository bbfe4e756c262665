//! The bundled Noto Sans faces: parsed once per process, shaped with rustybuzz (kerning and
//! ligatures), and subset for the PDF (the EPUB subsets its own, keeping layout tables:
//! epub/webfont). Shared by layout (measuring), the PDF and the EPUB.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};

use crate::error::{Error, Result};
use crate::memo;

/// The faces a document uses. Ordered so that maps keyed by style iterate the same way always.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontStyle {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FontStyle {
    pub const ALL: [FontStyle; 4] =
        [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic, FontStyle::BoldItalic];

    /// The PostScript name of the face, as embedded.
    pub fn postscript_name(self) -> &'static str {
        match self {
            FontStyle::Regular => "NotoSans-Regular",
            FontStyle::Bold => "NotoSans-Bold",
            FontStyle::Italic => "NotoSans-Italic",
            FontStyle::BoldItalic => "NotoSans-BoldItalic",
        }
    }

    /// CSS `font-weight` / `font-style` of the face.
    pub fn css(self) -> (&'static str, &'static str) {
        match self {
            FontStyle::Regular => ("normal", "normal"),
            FontStyle::Bold => ("bold", "normal"),
            FontStyle::Italic => ("normal", "italic"),
            FontStyle::BoldItalic => ("bold", "italic"),
        }
    }

    pub fn bytes(self) -> &'static [u8] {
        match self {
            FontStyle::Regular => include_bytes!("../fonts/NotoSans-Regular.ttf"),
            FontStyle::Bold => include_bytes!("../fonts/NotoSans-Bold.ttf"),
            FontStyle::Italic => include_bytes!("../fonts/NotoSans-Italic.ttf"),
            FontStyle::BoldItalic => include_bytes!("../fonts/NotoSans-BoldItalic.ttf"),
        }
    }

    /// This face with emphasis (italic) or strong (bold) added.
    pub fn with(self, italic: bool, bold: bool) -> FontStyle {
        let is_bold = bold || matches!(self, FontStyle::Bold | FontStyle::BoldItalic);
        let is_italic = italic || matches!(self, FontStyle::Italic | FontStyle::BoldItalic);
        match (is_bold, is_italic) {
            (false, false) => FontStyle::Regular,
            (true, false) => FontStyle::Bold,
            (false, true) => FontStyle::Italic,
            (true, true) => FontStyle::BoldItalic,
        }
    }
}

type PlanKey = (FontStyle, rustybuzz::Script, bool);

/// Bytes of the longest run shaped at once: far above any word, even with its punctuation.
const LONGEST_SHAPED_RUN: usize = 256;

/// Basic Latin to the end of Cyrillic (U+0000-U+04FF): the letters of our languages.
const COMMON_CHARS: u32 = 0x500;

thread_local! {
    /// Words already shaped, per face: text repeats its words, and shaping is the dear part.
    static WORDS: RefCell<[memo::Table<Rc<[ShapedGlyph]>>; FontStyle::ALL.len()]> =
        RefCell::new(Default::default());
    static PLANS: RefCell<HashMap<PlanKey, rustybuzz::ShapePlan>> = RefCell::new(HashMap::new());
}

/// One glyph of shaped text, in font units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    pub glyph_id: u16,
    pub advance: i32,
    /// Byte offset into the shaped text of the character(s) this glyph draws.
    pub cluster: usize,
}

/// A parsed face with the metrics layout needs.
pub struct Face {
    face: rustybuzz::Face<'static>,
    /// Glyph ids of the characters below `COMMON_CHARS` (0: none), filled on first use.
    common: OnceLock<Vec<u16>>,
    pub style: FontStyle,
    pub units_per_em: f32,
    pub ascender: f32,
    pub descender: f32,
}

impl Face {
    fn parse(style: FontStyle) -> Option<Face> {
        let face = rustybuzz::Face::from_slice(style.bytes(), 0)?;
        Some(Face {
            units_per_em: f32::from(face.units_per_em() as u16),
            ascender: f32::from(face.ascender()),
            descender: f32::from(face.descender()),
            face,
            common: OnceLock::new(),
            style,
        })
    }

    /// Shapes one run of text (one script, one direction) with kerning and ligatures.
    fn shape(&self, text: &str) -> Vec<ShapedGlyph> {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let key = (self.style, buffer.script(), buffer.direction() == rustybuzz::Direction::RightToLeft);
        // Building a shaping plan costs more than shaping a word: keep one per face and script.
        let output = PLANS.with(|plans| {
            let mut plans = plans.borrow_mut();
            let plan = plans.entry(key).or_insert_with(|| {
                rustybuzz::ShapePlan::new(&self.face, buffer.direction(), Some(buffer.script()), None, &[])
            });
            rustybuzz::shape_with_plan(&self.face, plan, buffer)
        });
        output
            .glyph_infos()
            .iter()
            .zip(output.glyph_positions())
            .map(|(info, position)| ShapedGlyph {
                glyph_id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: position.x_advance,
                cluster: info.cluster as usize,
            })
            .collect()
    }

    /// Shapes `word` once per thread and face, and hands out the same glyphs after that. Meant
    /// for short runs that recur (words, or words joined by a no-break space), not whole lines,
    /// which rarely repeat and would only fill the cache.
    pub fn shape_word(&self, word: &str) -> Rc<[ShapedGlyph]> {
        if word.len() > LONGEST_SHAPED_RUN {
            return self.shape_in_pieces(word).into();
        }
        WORDS.with(|words| {
            let table = &mut words.borrow_mut()[self.style as usize];
            memo::get_or_compute(table, word, || self.shape(word).into())
        })
    }

    /// A run longer than any word (an over-long word, a name set on one line) shaped in pieces
    /// of at most `LONGEST_SHAPED_RUN` bytes, each ending after a space when one is in reach:
    /// rustybuzz's work on one cluster grows with the square of its length (a letter carrying
    /// thousands of combining marks), and such runs would only fill the word cache.
    fn shape_in_pieces(&self, text: &str) -> Vec<ShapedGlyph> {
        let mut glyphs = Vec::with_capacity(text.len());
        let mut start = 0;
        while start < text.len() {
            let mut end = (start + LONGEST_SHAPED_RUN).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            if end < text.len() {
                if let Some((at, space)) = text[start..end].char_indices().rfind(|(_, c)| c.is_whitespace()) {
                    end = start + at + space.len_utf8();
                }
            }
            let piece = self.shape_word(&text[start..end]);
            glyphs.extend(piece.iter().map(|g| ShapedGlyph { cluster: g.cluster + start, ..*g }));
            start = end;
        }
        glyphs
    }

    /// Width of a word at `size` points.
    pub fn width(&self, word: &str, size: f32) -> f32 {
        self.units_to_points(self.shape_word(word).iter().map(|g| g.advance).sum(), size)
    }

    pub fn units_to_points(&self, units: i32, size: f32) -> f32 {
        units as f32 * size / self.units_per_em
    }

    /// The advance a PDF viewer moves by after the glyph (the `/W` entry, in thousandths of the
    /// size): the font's own width, without the kerning shaping applied.
    pub fn pdf_width(&self, glyph_id: u16) -> f32 {
        let units = self.face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph_id)).unwrap_or(0);
        (f32::from(units) * 1000.0 / self.units_per_em).trunc()
    }

    /// Draws a glyph's outline into `builder`, in font units (y up).
    pub fn outline(&self, glyph_id: u16, builder: &mut dyn rustybuzz::ttf_parser::OutlineBuilder) {
        let _ = self.face.outline_glyph(rustybuzz::ttf_parser::GlyphId(glyph_id), builder);
    }

    /// The glyph the cmap maps `c` to. Latin and Cyrillic come from a table: validation and
    /// the EPUB ask once per character of the document, and a cmap search is dear.
    pub fn glyph(&self, c: char) -> Option<u16> {
        let common = self.common.get_or_init(|| {
            (0..COMMON_CHARS)
                .map(|u| char::from_u32(u).and_then(|c| self.face.glyph_index(c)).map_or(0, |g| g.0))
                .collect()
        });
        match common.get(c as usize) {
            Some(0) => None,
            Some(glyph) => Some(*glyph),
            None => self.face.glyph_index(c).map(|g| g.0),
        }
    }

    pub fn covers(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }
}

/// The bundled faces, parsed on first use and shared by every document in the process.
pub fn face(style: FontStyle) -> Result<&'static Face> {
    static FACES: OnceLock<Vec<Option<Face>>> = OnceLock::new();
    let faces = FACES.get_or_init(|| FontStyle::ALL.iter().map(|s| Face::parse(*s)).collect());
    faces
        .get(style as usize)
        .and_then(Option::as_ref)
        .ok_or_else(|| Error::Font(format!("the bundled face {} does not parse", style.postscript_name())))
}

/// A font cut down to the glyphs one document uses.
#[derive(Debug, Clone)]
pub struct Subset {
    /// A complete TrueType font with a Unicode cmap.
    pub bytes: Vec<u8>,
    /// Original glyph id -> glyph id in the subset.
    pub new_ids: BTreeMap<u16, u16>,
}

/// Subsets the face to `glyphs` (glyph 0, .notdef, is always kept first).
pub fn subset(style: FontStyle, glyphs: &BTreeSet<u16>) -> Result<Subset> {
    let font_error = |e: String| Error::Font(format!("{}: {e}", style.postscript_name()));
    let data = ReadScope::new(style.bytes()).read::<FontData<'_>>().map_err(|e| font_error(e.to_string()))?;
    let provider = data.table_provider(0).map_err(|e| font_error(e.to_string()))?;
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs.iter().copied().filter(|g| *g != 0)).collect();
    let bytes = allsorts::subset::subset(&provider, &ids, &SubsetProfile::Minimal, CmapTarget::Unicode)
        .map_err(|e| font_error(e.to_string()))?;
    // allsorts numbers the kept glyphs by their position in `ids`.
    let new_ids = ids
        .iter()
        .enumerate()
        .filter_map(|(position, old)| Some((*old, u16::try_from(position).ok()?)))
        .collect();
    Ok(Subset { bytes, new_ids })
}

/// The characters of `text` that no bundled face can draw (control characters aside).
pub fn missing_characters(text: &str) -> Result<Vec<char>> {
    let regular = face(FontStyle::Regular)?;
    let mut missing: Vec<char> =
        text.chars().filter(|c| !c.is_control() && !is_invisible(*c) && !regular.covers(*c)).collect();
    missing.sort_unstable();
    missing.dedup();
    Ok(missing)
}

/// Format characters that draw nothing (bidi marks, zero-width joiners, soft hyphen).
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noto_sans_draws_every_letter_of_our_languages() {
        let text = "Kloop Клооп ңөү ҢӨҮ oʻzbek gʻ “quotes” – — ‐ € $ & < >";
        assert_eq!(missing_characters(text).unwrap(), Vec::<char>::new());
        assert_eq!(missing_characters("日本").unwrap(), vec!['日', '本']);
    }

    #[test]
    fn subset_keeps_notdef_first_and_numbers_by_position() {
        let face = face(FontStyle::Regular).unwrap();
        let glyphs: BTreeSet<u16> = "ab".chars().filter_map(|c| face.glyph(c)).collect();
        let subset = subset(FontStyle::Regular, &glyphs).unwrap();
        assert!(subset.bytes.len() < 20_000, "subset is {} bytes", subset.bytes.len());
        let mut new: Vec<u16> = subset.new_ids.values().copied().collect();
        new.sort_unstable();
        assert_eq!(new, vec![0, 1, 2]);
    }

    #[test]
    fn shaping_kerns() {
        let face = face(FontStyle::Regular).unwrap();
        let pair = face.width("AV", 10.0);
        let apart = face.width("A", 10.0) + face.width("V", 10.0);
        assert!(pair < apart, "AV {pair} vs {apart}");
    }
}
