//! Reads the logo named in the data: only from the data file's own folder (no absolute path, no
//! `..`, no symbolic link out of it), only PNG, within size and pixel limits.

use std::path::{Component, Path};
use std::sync::Arc;

use super::validate::Checker;

/// A PNG file may be at most this large, and this many pixels wide, high and in all.
pub const MAX_IMAGE_BYTES: u64 = 5 * 1024 * 1024;
pub const MAX_IMAGE_SIDE: u32 = 4096;
pub const MAX_IMAGE_PIXELS: u64 = 8 * 1024 * 1024;

/// A decoded logo: the original PNG (for the EPUB) and straight RGBA pixels (for PDF and cover).
#[derive(Debug, Clone, PartialEq)]
pub struct LogoImage {
    pub png: Arc<Vec<u8>>,
    pub rgba: Arc<Vec<u8>>,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

const FIELD: &str = "logo.path";

/// Loads the logo at `relative` (as written in the data) next to `data_file`.
pub fn load_logo(checker: &mut Checker, data_file: &Path, relative: &str, alt: &str) -> Option<LogoImage> {
    let written = Path::new(relative);
    let escapes = written.is_absolute()
        || written.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if relative.is_empty() || escapes {
        let hint = "name a file in the data file's own folder, e.g. `logo.png`";
        checker.report(FIELD, format!("`{relative}` leaves the data file's folder"), hint);
        return None;
    }
    let folder = data_file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let resolved = folder.join(written);
    let (Ok(real_folder), Ok(real_file)) = (folder.canonicalize(), resolved.canonicalize()) else {
        checker.report(
            FIELD,
            format!("there is no file `{}`", resolved.display()),
            "check the name; it is relative to the data file",
        );
        return None;
    };
    if !real_file.starts_with(&real_folder) {
        checker.report(
            FIELD,
            format!("`{relative}` links to a file outside the data file's folder"),
            "copy the logo into the folder",
        );
        return None;
    }
    let bytes = read_limited(checker, &real_file)?;
    decode(checker, bytes, alt)
}

fn read_limited(checker: &mut Checker, file: &Path) -> Option<Vec<u8>> {
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if size > MAX_IMAGE_BYTES {
        checker.report(
            FIELD,
            format!("the logo is {size} bytes; the limit is {MAX_IMAGE_BYTES}"),
            "export a smaller PNG",
        );
        return None;
    }
    match std::fs::read(file) {
        Ok(bytes) => Some(bytes),
        Err(error) => {
            checker.report(FIELD, format!("cannot read the logo: {error}"), "");
            None
        }
    }
}

/// Width and height from a PNG's header, read before decoding anything.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let number = |at: usize| bytes.get(at..at + 4).and_then(|b| b.try_into().ok()).map(u32::from_be_bytes);
    Some((number(16)?, number(20)?))
}

fn decode(checker: &mut Checker, bytes: Vec<u8>, alt: &str) -> Option<LogoImage> {
    let Some((width, height)) = png_size(&bytes) else {
        checker.report(FIELD, "the logo is not a PNG image", "export the logo as PNG");
        return None;
    };
    let pixels = u64::from(width) * u64::from(height);
    if width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || pixels > MAX_IMAGE_PIXELS || pixels == 0 {
        let message = format!("the logo is {width}×{height} pixels; the limit is {MAX_IMAGE_SIDE} a side and {MAX_IMAGE_PIXELS} in all");
        checker.report(FIELD, message, "a logo needs no more than 1000 pixels a side");
        return None;
    }
    let Ok(pixmap) = tiny_skia::Pixmap::decode_png(&bytes) else {
        checker.report(FIELD, "the logo's PNG data is damaged", "export the logo again");
        return None;
    };
    let rgba: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Some(LogoImage { png: Arc::new(bytes), rgba: Arc::new(rgba), width, height, alt: alt.to_string() })
}

#[cfg(test)]
mod tests {
    use super::png_size;

    #[test]
    fn png_size_reads_the_header_only() {
        let mut header = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        header.extend_from_slice(&300u32.to_be_bytes());
        header.extend_from_slice(&200u32.to_be_bytes());
        assert_eq!(png_size(&header), Some((300, 200)));
        assert_eq!(png_size(b"GIF89a"), None);
    }
}
