//! Checks shared by the `pipeline` and `text` targets.

/// A successful render made both files, each with its format's signature.
pub fn check_outputs(outputs: &dossier::Outputs) {
    let pdf = outputs.pdf.as_deref().expect("PDF requested but not made");
    assert!(pdf.starts_with(b"%PDF-"), "PDF does not start with %PDF-");
    let epub = outputs.epub.as_deref().expect("EPUB requested but not made");
    assert!(epub.starts_with(b"PK"), "EPUB does not start with PK");
    // OCF: the first entry is `mimetype`, stored, so its name sits at offset 30.
    assert_eq!(epub.get(30..38), Some(&b"mimetype"[..]), "EPUB's first entry is not `mimetype`");
}

/// Prints each new kind of render error once (first 60 characters of its message, at most 100
/// kinds): an `Err` is allowed, but a loadable document that does not render is worth a look.
pub fn note_render_error(error: &dossier::Error) {
    static SEEN: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let message = error.to_string();
    let key: String = message.chars().take(60).collect();
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if seen.len() < 100 && !seen.contains(&key) {
        seen.push(key);
        eprintln!("render error (allowed, printed once): {message}");
    }
}
