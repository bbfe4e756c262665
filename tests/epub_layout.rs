//! The EPUB's chapters on a phone, in headless Chromium (the puppeteer Ace by DAISY brings, and
//! Debian's Chromium): at 320 and 390 px wide and text at 100, 150 and 200%, no chapter of
//! Kloop's or the Cyrillic fixture's book is wider than the screen.

mod common;

use std::path::Path;
use std::process::Command;

use common::{build, epub_files, tools_required};
use dossier::{Formats, Paper};

const EPUB_ONLY: Formats = Formats { pdf: false, epub: true };
const PUPPETEER: &str = ".ci/ace/node_modules";

#[test]
fn no_chapter_is_wider_than_a_phone_at_any_text_size() {
    if !Path::new(PUPPETEER).join("puppeteer").exists() || !Path::new("/usr/bin/chromium").exists() {
        assert!(!tools_required(), "puppeteer or Chromium is missing: run .ci/install-validators");
        return;
    }
    for data in ["data/kloop.yaml", "tests/fixtures/cyrillic.yaml"] {
        let epub = build(data, Paper::A4, EPUB_ONLY).epub.expect("an EPUB");
        let dir = tempfile::tempdir().expect("temp");
        let mut chapters = Vec::new();
        for (name, bytes) in epub_files(&epub) {
            let file = dir.path().join(&name);
            std::fs::create_dir_all(file.parent().expect("a folder")).expect("folders");
            std::fs::write(&file, bytes).expect("write");
            if name.ends_with(".xhtml") {
                chapters.push(name);
            }
        }
        let script = std::fs::canonicalize("tests/epub_layout/overflow.js").expect("the script");
        let modules = std::fs::canonicalize(PUPPETEER).expect("node_modules");
        let output = Command::new("node")
            .arg(script)
            .arg(modules)
            .arg(dir.path())
            .args(&chapters)
            .env("PUPPETEER_EXECUTABLE_PATH", "/usr/bin/chromium")
            .output()
            .expect("node runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|line| serde_json::from_str(line).expect("a JSON line"))
            .collect();
        assert_eq!(lines.len(), chapters.len() * 6, "{data}: every chapter at every setting");
        let over: Vec<&serde_json::Value> =
            lines.iter().filter(|l| l["over"].as_f64() != Some(0.0)).collect();
        assert!(over.is_empty(), "{data}: wider than the screen:\n{over:#?}");
    }
}
