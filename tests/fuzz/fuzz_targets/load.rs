//! `load`: arbitrary bytes -> `dossier::load::load_str`. Parsing and validation must never
//! panic, whatever the input; an `Err` (with diagnostics) is the expected answer to garbage.
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
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
