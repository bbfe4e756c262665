//! `pipeline`: arbitrary bytes -> load -> `dossier::render` (PDF and EPUB, A4). Nothing may
//! panic; when rendering succeeds, both outputs must exist and look like what they claim to be.
#![no_main]

use libfuzzer_sys::fuzz_target;

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
    };
    // An `Err` (e.g. a layout that cannot fit absurd text) is an answer, not a failure.
    match dossier::render(&loaded, &options) {
        Ok(outputs) => check_outputs(&outputs),
        Err(error) => note_render_error(&error),
    }
});

fn check_outputs(outputs: &dossier::Outputs) {
    let pdf = outputs.pdf.as_deref().expect("PDF requested but not made");
    assert!(pdf.starts_with(b"%PDF-"), "PDF does not start with %PDF-");
    let epub = outputs.epub.as_deref().expect("EPUB requested but not made");
    assert!(epub.starts_with(b"PK"), "EPUB does not start with PK");
    // OCF: the first entry is `mimetype`, stored, so its name sits at offset 30.
    assert_eq!(epub.get(30..38), Some(&b"mimetype"[..]), "EPUB's first entry is not `mimetype`");
}

/// Prints each new kind of render error once (first 60 characters of its message, at most 100
/// kinds): an `Err` is allowed, but a loadable document that does not render is worth a look.
fn note_render_error(error: &dossier::Error) {
    static SEEN: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let message = error.to_string();
    let key: String = message.chars().take(60).collect();
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if seen.len() < 100 && !seen.contains(&key) {
        seen.push(key);
        eprintln!("render error (allowed, printed once): {message}");
    }
}
