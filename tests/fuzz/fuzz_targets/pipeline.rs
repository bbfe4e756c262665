//! `pipeline`: arbitrary bytes -> load -> `dossier::render` (PDF and EPUB, A4). Nothing may
//! panic; when rendering succeeds, both outputs must exist and look like what they claim to be.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(loaded) = dossier::load::load_str(text, std::path::Path::new("fuzz.yaml")) else {
        return;
    };
    let options = dossier::BuildOptions {
        paper: dossier::Paper::A4,
        formats: dossier::Formats { pdf: true, epub: true },
        source_date_epoch: None,
        duplex: false,
    };
    // An `Err` (e.g. a layout that cannot fit absurd text) is an answer, not a failure.
    match dossier::render(&loaded, &options) {
        Ok(outputs) => common::check_outputs(&outputs),
        Err(error) => common::note_render_error(&error),
    }
});
