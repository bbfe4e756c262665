//! `load`: arbitrary bytes -> `dossier::load::load_str`. Parsing and validation must never
//! panic, whatever the input; an `Err` (with diagnostics) is the expected answer to garbage.
//!
//! When a text is accepted, libyaml's own event stream for it must hold no anchor and no alias:
//! the loader promises to refuse both (aliases can expand a small file into gigabytes), and does
//! so with a scan of its own before parsing, which this checks against the real parser.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = std::path::Path::new("fuzz.yaml");
    match dossier::load::load_str(text, path) {
        // Formatting the result is what the CLI does next: it must not panic either.
        Ok(loaded) => {
            for warning in &loaded.warnings {
                let _ = warning.to_string();
            }
            if let Some(found) = first_anchor_or_alias(text) {
                panic!("an accepted file holds a YAML {found}");
            }
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});

/// The first anchor or alias that libyaml reports in `text`, described with its position.
fn first_anchor_or_alias(text: &str) -> Option<String> {
    use std::mem::MaybeUninit;
    use unsafe_libyaml as yaml;

    // SAFETY: the parser and each event are initialised by libyaml before use and freed once;
    // `text` outlives the parser, which only reads it.
    unsafe {
        let mut parser = MaybeUninit::<yaml::yaml_parser_t>::uninit();
        if yaml::yaml_parser_initialize(parser.as_mut_ptr()).fail {
            return None;
        }
        let parser = parser.as_mut_ptr();
        yaml::yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as u64);
        let mut found = None;
        loop {
            let mut event = MaybeUninit::<yaml::yaml_event_t>::uninit();
            if yaml::yaml_parser_parse(parser, event.as_mut_ptr()).fail {
                break;
            }
            let event = event.as_mut_ptr();
            let at = (*event).start_mark;
            let (line, column) = (at.line + 1, at.column + 1);
            let kind = (*event).type_;
            let anchor = match kind {
                yaml::YAML_SCALAR_EVENT => (*event).data.scalar.anchor,
                yaml::YAML_SEQUENCE_START_EVENT => (*event).data.sequence_start.anchor,
                yaml::YAML_MAPPING_START_EVENT => (*event).data.mapping_start.anchor,
                _ => std::ptr::null_mut(),
            };
            if kind == yaml::YAML_ALIAS_EVENT {
                found = Some(format!("alias at {line}:{column}"));
            } else if !anchor.is_null() {
                found = Some(format!("anchor at {line}:{column}"));
            }
            yaml::yaml_event_delete(event);
            if found.is_some() || kind == yaml::YAML_STREAM_END_EVENT {
                break;
            }
        }
        yaml::yaml_parser_delete(parser);
        found
    }
}
