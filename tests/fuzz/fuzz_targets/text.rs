//! `text`: arbitrary Unicode text spliced into the text fields of a valid document
//! (templates/text.yaml), so that most inputs reach layout, the PDF writer and the EPUB writer.
//!
//! Input: byte 0 chooses the file's language (bits 0-2), the language of one section
//! (bits 3-5), the paper (bit 6: Letter) and the mode (bit 7); the rest is split at 0xFF bytes
//! (never part of UTF-8) into pieces, piece `i` going to slot `i` (see `SLOTS`). Each piece is
//! decoded lossily and goes into the YAML as an escaped double-quoted scalar; a blank piece
//! leaves the slot's default text.
//!
//! - Mode 0 (bit 7 clear), "drawable": control characters other than `\n` become spaces,
//!   characters the bundled Regular face cannot draw become one of a palette of drawable ones,
//!   and `\`, `[` and `]` get a backslash (every markup construct that can be wrong starts with
//!   `[`: links, citations, spans), so the validator has no reason to refuse the text. Checks:
//!   the document always loads.
//! - Mode 1 (bit 7 set), "raw": the text goes in as decoded; the loader may refuse it.
//!
//! In both modes rendering must never panic, and a successful render gives a PDF that starts
//! with `%PDF-` and an EPUB that starts with `PK` and whose first entry is `mimetype`.
#![no_main]

use std::sync::OnceLock;

use dossier::fonts::FontStyle;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const TEMPLATE: &str = include_str!("../templates/text.yaml");

/// Default text of each slot `@@i@@` of the template.
const SLOTS: [&str; 20] = [
    /* 0 lead */
    "Kloop is an independent media organization based in Kyrgyzstan known for its news \
     website and journalism investigations.",
    /* 1 paragraph */
    "Kloop was founded in 2007 by journalists Bektour Iskender and Rinat Tuhvatshin.",
    /* 2 section title */ "History",
    /* 3 name */ "Kloop",
    /* 4 subsection paragraph */
    "In 2017 Kloop published an investigation about violations at that year's election.",
    /* 5 subsection title */ "Samaragate investigation",
    /* 6 timeline title */ "Kloop launches",
    /* 7 timeline text */ "Journalists launch Kloop and train young reporters.",
    /* 8 owner */ "Kloop Media Foundation",
    /* 9 editor */ "Anna Kapushenko",
    /* 10 role */ "editor-in-chief",
    /* 11 type */ "News",
    /* 12 paragraph in another language */ "Kloop 2007-жылы негизделген.",
    /* 13 source title */ "Kloop",
    /* 14 other fact's value */ "about 70",
    /* 15 launch note */ "actual launch",
    /* 16 source publisher */ "Wikipedia, The Free Encyclopedia",
    /* 17 country */ "Kyrgyzstan",
    /* 18 founder */ "Bektour Iskender",
    /* 19 other fact's label */ "staff",
];

/// Languages the first byte chooses from: with and without hyphenation patterns and labels,
/// right-to-left, and scripts the bundled fonts do not cover.
const LANGUAGES: [&str; 8] = ["en", "ru", "ky", "uz-Latn", "ar", "zh-Hans", "hi", "de-CH"];

/// Characters the fuzzer's undrawable characters are mapped to in mode 0: letters of the
/// scripts the fonts cover, combining marks, dashes, quotes and spaces of several widths.
/// Those the Regular face cannot draw after all are dropped from the palette at start.
const PALETTE: &[char] = &[
    'a', 'Z', 'é', 'ß', 'ı', 'İ', 'ǅ', 'ж', 'Ё', 'ң', 'ө', 'ү', 'λ', 'Ω', 'ς', '0', '9', '-', '\u{2010}',
    '\u{2011}', '–', '—', '/', '.', ',', ':', '?', '!', '«', '»', '“', '”', '„', '’', 'ʻ', '…', '(', ')',
    '\u{A0}', '\u{2009}', '\u{202F}', '\u{2003}', '\u{301}', '\u{308}', '\u{AD}', '\u{200B}', '\u{200D}',
    '\u{2060}', 'ﬁ', '№', '€', '$', '%', '&', '<', '>', '"', '\'', '\\', '#', '@', '\n',
];

fn drawable_char(c: char) -> char {
    static DRAWABLE: OnceLock<Vec<char>> = OnceLock::new();
    let face = dossier::fonts::face(FontStyle::Regular).expect("the bundled face parses");
    if c == '\n' {
        return c;
    }
    if c.is_control() {
        return ' ';
    }
    if face.covers(c) || dossier::fonts::is_invisible(c) {
        return c;
    }
    let palette = DRAWABLE.get_or_init(|| {
        PALETTE
            .iter()
            .copied()
            .filter(|&p| p == '\n' || face.covers(p) || dossier::fonts::is_invisible(p))
            .collect()
    });
    palette[u32::from(c) as usize % palette.len()]
}

/// `piece` made drawable, with markup's brackets and backslash escaped so that it reads as text.
fn drawable_text(piece: &str) -> String {
    let mut out = String::with_capacity(piece.len());
    for c in piece.chars().map(drawable_char) {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A YAML double-quoted scalar holding exactly `text`.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            // YAML's printable set, minus the characters a YAML 1.1 reader takes as breaks
            // (U+0085, U+2028, U+2029) and the byte order mark: everything else is escaped.
            ' '..='~' => out.push(c),
            '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..
                if !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}') =>
            {
                out.push(c)
            }
            c if u32::from(c) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push_str(&format!("\\U{:08X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// The fuzz input as a YAML document, and the paper to render on.
fn document(data: &[u8]) -> (String, dossier::Paper, bool) {
    let (flags, rest) = data.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
    let mut texts: Vec<String> = SLOTS.iter().map(|s| s.to_string()).collect();
    let drawable = flags & 0x80 == 0;
    for (slot, piece) in rest.split(|&b| b == 0xFF).enumerate().take(SLOTS.len()) {
        let piece = String::from_utf8_lossy(piece);
        let piece: String = if drawable { drawable_text(&piece) } else { piece.into_owned() };
        if !piece.trim().is_empty() {
            texts[slot] = piece;
        }
    }
    let languages = [LANGUAGES[usize::from(flags & 7)], LANGUAGES[usize::from((flags >> 3) & 7)]];
    // One pass over the template, so that a marker inside fuzz text is never replaced.
    let mut yaml = String::with_capacity(TEMPLATE.len() + rest.len() * 2);
    let mut parts = TEMPLATE.split("@@");
    yaml.push_str(parts.next().unwrap_or_default());
    while let (Some(marker), Some(after)) = (parts.next(), parts.next()) {
        match marker {
            "LANG" => yaml.push_str(languages[0]),
            "SECTION_LANG" => yaml.push_str(languages[1]),
            slot => yaml.push_str(&quoted(&texts[slot.parse::<usize>().expect("slot marker")])),
        }
        yaml.push_str(after);
    }
    let paper = if flags & 0x40 != 0 { dossier::Paper::Letter } else { dossier::Paper::A4 };
    (yaml, paper, drawable)
}

fuzz_target!(|data: &[u8]| {
    let (yaml, paper, drawable) = document(data);
    let loaded = match dossier::load::load_str(&yaml, std::path::Path::new("fuzz.yaml")) {
        Ok(loaded) => loaded,
        Err(error) if drawable && !known_refusal(&error) => {
            panic!("drawable text was refused: {error}: {error:?}")
        }
        Err(_) => return,
    };
    let options = dossier::BuildOptions {
        paper,
        formats: dossier::Formats { pdf: true, epub: true },
        source_date_epoch: None,
        duplex: false,
    };
    // An `Err` (e.g. a layout that cannot fit absurd text) is an answer, not a failure.
    let outputs = match dossier::render(&loaded, &options) {
        Ok(outputs) => outputs,
        Err(error) => return common::note_render_error(&error),
    };
    common::check_outputs(&outputs);
});


/// Refusals of drawable text that are known, reported bugs, which a long run may skip so as to
/// look for others: `DOSSIER_FUZZ_KNOWN_REFUSALS` holds `|`-separated fragments of diagnostic
/// messages, and an error is skipped when every one of its errors contains one of them. Unset
/// (the default), every refusal fails.
fn known_refusal(error: &dossier::Error) -> bool {
    static KNOWN: OnceLock<Vec<String>> = OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        std::env::var("DOSSIER_FUZZ_KNOWN_REFUSALS")
            .map(|v| v.split('|').filter(|f| !f.is_empty()).map(str::to_string).collect())
            .unwrap_or_default()
    });
    match error {
        dossier::Error::InvalidData { diagnostics, .. } if !known.is_empty() => diagnostics
            .iter()
            .filter(|d| d.is_error())
            .all(|d| known.iter().any(|fragment| d.message.contains(fragment.as_str()))),
        _ => false,
    }
}
