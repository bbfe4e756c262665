//! `load`: arbitrary bytes -> `dossier::load::load_str`. Parsing and validation must never
//! panic, whatever the input; an `Err` (with diagnostics) is the expected answer to garbage.
//!
//! When a text is accepted, libyaml's own event stream for it must hold no anchor and no alias
//! (aliases can expand a small file into gigabytes) and nest no deeper than
//! `dossier::load::MAX_NESTING`. The loader decides both on libyaml's events itself
//! (src/load/tree.rs); this reads the events again through its own few lines of FFI, kept apart
//! from the loader's on purpose, so that a mistake in the loader's copy of the events (an event
//! dropped, an anchor not looked at) cannot hide itself here.
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
            if let Some(found) = first_forbidden_event(text) {
                panic!("an accepted file holds a YAML {found}");
            }
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});

/// The first anchor, alias or too deep a collection that libyaml reports in `text`, described
/// with its position. The loader skips a byte order mark at the start; so does this.
fn first_forbidden_event(text: &str) -> Option<String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
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
        let mut depth = 0;
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
            match kind {
                yaml::YAML_SEQUENCE_START_EVENT | yaml::YAML_MAPPING_START_EVENT => depth += 1,
                yaml::YAML_SEQUENCE_END_EVENT | yaml::YAML_MAPPING_END_EVENT => depth -= 1,
                _ => {}
            }
            if kind == yaml::YAML_ALIAS_EVENT {
                found = Some(format!("alias at {line}:{column}"));
            } else if !anchor.is_null() {
                found = Some(format!("anchor at {line}:{column}"));
            } else if depth > dossier::load::MAX_NESTING {
                found = Some(format!("collection {depth} levels deep at {line}:{column}"));
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
