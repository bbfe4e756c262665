//! The EPUB's web fonts: subsets that keep the OpenType layout tables (GSUB, GPOS, GDEF), so
//! that the reading system, which shapes the text itself, still kerns and forms ligatures.
//! (The PDF draws glyphs it shaped itself and needs none of them: it keeps `fonts::subset`.)
//! skera is fontations' Rust port of HarfBuzz's hb-subset; its subsets measured the same size
//! as hb-subset's and shape identically to the whole face (HarfBuzz, Chromium).

use std::collections::BTreeSet;

use read_fonts::collections::IntSet;
use read_fonts::types::{GlyphId, NameId, Tag};
use read_fonts::FontRef;
use skera::{Plan, SubsetFlags, DEFAULT_LAYOUT_FEATURES};

/// Subsets `font` to the glyphs `chars` need, plus every glyph that GSUB can substitute for them under the default shaping features (ligatures, `locl`, `ccmp`,
/// contextual alternates, …). GSUB, GPOS and GDEF are subset with it, not dropped, so kerning
/// and mark positioning survive; hinting (fpgm/prep/cvt and glyph instructions) is dropped, as
/// browsers ignore most of it and it is a sizeable part of a small subset. Glyph ids are
/// renumbered. Characters the face lacks are left out silently (check coverage beforehand).
pub fn subset(font: &[u8], chars: &BTreeSet<char>) -> Result<Vec<u8>, String> {
    let font = FontRef::new(font).map_err(|e| format!("not a font: {e}"))?;
    let unicodes: IntSet<u32> = chars.iter().map(|&c| u32::from(c)).collect();
    // Glyph 0 (.notdef) is always kept by the plan; nothing else is asked for by id.
    let gids: IntSet<GlyphId> = IntSet::empty();
    // hb-subset's defaults (skera's CLI uses the same): layout tables it can't subset, Graphite,
    // bitmap and legacy tables are dropped. `kern` is dropped too: Noto Sans has none (its
    // kerning is GPOS), and a renumbered font can't keep an old `kern` table unchanged.
    let drop_tables: IntSet<Tag> = [
        b"morx", b"mort", b"kerx", b"kern", b"JSTF", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"SVG ", b"PCLT",
        b"LTSH", b"Feat", b"Glat", b"Gloc", b"Silf", b"Sill",
    ]
    .into_iter()
    .map(Tag::new)
    .collect();
    let mut scripts = IntSet::<Tag>::empty();
    // Every script.
    scripts.invert();
    // hb-subset's default feature list (what shapers apply by default: ccmp, locl, liga, calt,
    // kern, mark, mkmk, …) less the fraction features: they apply only when CSS asks for
    // `font-variant-numeric: diagonal-fractions`, which the book never does, and their
    // numerator and denominator figures are ~14% of a Kloop subset.
    let unused = [Tag::new(b"frac"), Tag::new(b"numr"), Tag::new(b"dnom")];
    let features: IntSet<Tag> =
        DEFAULT_LAYOUT_FEATURES.iter().copied().filter(|t| !unused.contains(t)).collect();
    // Names 0-6 (family, style, version…) and 13-14: the OFL's licence text and address,
    // which the licence asks every copy of the font to carry.
    let mut name_ids = IntSet::<NameId>::empty();
    name_ids.insert_range(NameId::new(0)..=NameId::new(6));
    name_ids.insert_range(NameId::new(13)..=NameId::new(14));
    let name_languages: IntSet<u16> = [0x0409].into_iter().collect();
    let plan = Plan::new(
        &gids,
        &unicodes,
        &font,
        SubsetFlags::SUBSET_FLAGS_NO_HINTING,
        &drop_tables,
        &scripts,
        &features,
        &name_ids,
        &name_languages,
    );
    skera::subset_font(&font, &plan).map_err(|e| format!("subsetting failed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use read_fonts::TableProvider;

    const REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");

    #[test]
    fn keeps_layout_tables_coverage_and_kerning_and_stays_small() {
        let text = "AVATAR Tat To Ту Гу Кыргызстан Oʻzbekiston ңөү “quotes” «» – — … № office";
        let chars: BTreeSet<char> = text.chars().collect();
        let bytes = subset(REGULAR, &chars).unwrap();
        assert!(bytes.len() < 30_000, "subset is {} bytes", bytes.len());

        let font = FontRef::new(&bytes).unwrap();
        for tag in [b"GSUB", b"GPOS", b"GDEF", b"cmap", b"glyf", b"hmtx"] {
            assert!(font.table_data(Tag::new(tag)).is_some(), "no {}", Tag::new(tag));
        }
        assert!(font.table_data(Tag::new(b"fpgm")).is_none(), "hinting kept");
        let cmap = font.cmap().unwrap();
        for c in &chars {
            assert!(cmap.map_codepoint(*c).is_some_and(|g| g.to_u32() != 0), "{c:?} not mapped");
        }
        // Far fewer glyphs than the 3,317 of the face.
        assert!(font.maxp().unwrap().num_glyphs() < 150);

        // Kerning survives: the GPOS pair adjustment of "AV", "Ту"… in the subset equals the
        // original's, looked up through both fonts' own glyph ids. (Noto Sans has no "Ку" pair.)
        let original = FontRef::new(REGULAR).unwrap();
        assert_eq!(kern_value(&original, 'К', 'у'), Some(0));
        for pair in ["AV", "To", "Ta", "Ту", "Гу"] {
            let (a, b) = (pair.chars().next().unwrap(), pair.chars().nth(1).unwrap());
            let before = kern_value(&original, a, b);
            let after = kern_value(&font, a, b);
            assert!(before.is_some_and(|v| v != 0), "{pair}: no kerning in the original");
            assert_eq!(before, after, "{pair}");
        }
    }

    #[test]
    fn characters_the_face_lacks_are_left_out_and_output_is_deterministic() {
        let chars = BTreeSet::from(['a', '😀', '\u{E000}']);
        let bytes = subset(REGULAR, &chars).unwrap();
        assert_eq!(bytes, subset(REGULAR, &chars).unwrap());
        let cmap = FontRef::new(&bytes).unwrap().cmap().unwrap();
        assert!(cmap.map_codepoint('a').is_some());
        assert!(cmap.map_codepoint('😀').is_none());
    }

    #[test]
    fn rejects_garbage() {
        assert!(subset(b"not a font", &BTreeSet::from(['a'])).is_err());
    }

    /// The x-advance adjustment of the first glyph in the first GPOS PairPos subtable (reached
    /// through the `kern` feature's lookups) that covers the pair.
    fn kern_value(font: &FontRef, a: char, b: char) -> Option<i32> {
        use read_fonts::tables::gpos::{PairPos, PositionSubtables};
        let cmap = font.cmap().ok()?;
        let (ga, gb) = (cmap.map_codepoint(a)?, cmap.map_codepoint(b)?);
        let gpos = font.gpos().ok()?;
        let features = gpos.feature_list().ok()?;
        let lookups = gpos.lookup_list().ok()?;
        for record in features.feature_records() {
            if record.feature_tag() != Tag::new(b"kern") {
                continue;
            }
            let feature = record.feature(features.offset_data()).ok()?;
            for index in feature.lookup_list_indices() {
                let lookup = lookups.lookups().get(index.get() as usize).ok()?;
                // Handles extension (type 9) lookups too.
                let PositionSubtables::Pair(subtables) = lookup.subtables().ok()? else { continue };
                for subtable in subtables.iter() {
                    let subtable = subtable.ok()?;
                    let value = match &subtable {
                        PairPos::Format1(f1) => {
                            let Some(cov) = f1.coverage().ok()?.get(ga) else { continue };
                            let set = f1.pair_sets().get(cov as usize).ok()?;
                            set.pair_value_records()
                                .iter()
                                .filter_map(|r| r.ok())
                                .find(|r| r.second_glyph() == gb)
                                .and_then(|r| r.value_record1().x_advance())
                                .map(i32::from)
                        }
                        PairPos::Format2(f2) => {
                            if f2.coverage().ok()?.get(ga).is_none() {
                                continue;
                            }
                            let c1 = f2.class_def1().ok()?.get(ga);
                            let c2 = f2.class_def2().ok()?.get(gb);
                            let record = f2.class1_records().get(c1 as usize).ok()?;
                            let c2rec = record.class2_records().get(c2 as usize).ok()?;
                            c2rec.value_record1().x_advance().map(i32::from)
                        }
                        // 24-bit glyph id formats (boring2 proposal): not in Noto Sans.
                        _ => continue,
                    };
                    if let Some(v) = value.filter(|v| *v != 0) {
                        return Some(v);
                    }
                }
            }
        }
        Some(0)
    }
}
