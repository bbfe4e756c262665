//! Reads the logo named in the data: only from the data file's own folder (no absolute path, no
//! `..`, no symbolic link out of it), only PNG, within size and pixel limits.

use std::path::Path;
use std::sync::Arc;

use super::checker::Checker;
use super::files::{inside_folder, read_regular, FileRefusal, Outside};
use crate::model::Image;

/// A PNG file may be at most this large, and this many pixels wide, high and in all.
pub const MAX_IMAGE_BYTES: u64 = 5 * 1024 * 1024;
pub const MAX_IMAGE_SIDE: u32 = 4096;
pub const MAX_IMAGE_PIXELS: u64 = 8 * 1024 * 1024;

/// Loads the logo at `relative` (as written in the data at `field`) next to `data_file`.
pub fn load_logo(checker: &mut Checker, data_file: &Path, field: &str, relative: &str) -> Option<Image> {
    let real_file = match inside_folder(data_file, relative) {
        Ok(file) => file,
        Err(Outside::Leaves) => {
            let hint = "name a file in the data file's own folder, e.g. `logo.png`";
            checker.report(field, format!("`{relative}` leaves the data file's folder"), hint);
            return None;
        }
        Err(Outside::Missing(resolved)) => {
            let hint = "check the name; it is relative to the data file";
            checker.report(field, format!("there is no file `{}`", resolved.display()), hint);
            return None;
        }
        Err(Outside::LinksOut) => {
            let message = format!("`{relative}` links to a file outside the data file's folder");
            checker.report(field, message, "copy the logo into the folder");
            return None;
        }
    };
    let bytes = read_limited(checker, field, &real_file, relative)?;
    decode(checker, field, bytes)
}

/// The logo's bytes: a regular file of at most `MAX_IMAGE_BYTES`, read the way the data file
/// is (a folder, a pipe or a device named as the logo is refused before it is opened).
fn read_limited(checker: &mut Checker, field: &str, file: &Path, written: &str) -> Option<Vec<u8>> {
    let (message, hint) = match read_regular(file, MAX_IMAGE_BYTES) {
        Ok(bytes) => return Some(bytes),
        Err(FileRefusal::NotAFile(kind)) => (format!("`{written}` is {kind}, not a file"), "name a PNG file"),
        Err(FileRefusal::TooLarge(size)) => {
            (format!("the logo is {size} bytes; the limit is {MAX_IMAGE_BYTES}"), "export a smaller PNG")
        }
        Err(FileRefusal::Grew) => {
            (format!("the logo is over {MAX_IMAGE_BYTES} bytes"), "export a smaller PNG")
        }
        Err(FileRefusal::Io(error)) => (format!("cannot read the logo: {error}"), ""),
    };
    checker.report(field, message, hint);
    None
}

/// Width and height from a PNG's header, read before decoding anything.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let number = |at: usize| bytes.get(at..at + 4).and_then(|b| b.try_into().ok()).map(u32::from_be_bytes);
    Some((number(16)?, number(20)?))
}

fn decode(checker: &mut Checker, field: &str, bytes: Vec<u8>) -> Option<Image> {
    let Some((width, height)) = png_size(&bytes) else {
        checker.report(field, "the logo is not a PNG image", "export the logo as PNG");
        return None;
    };
    let pixels = u64::from(width) * u64::from(height);
    if width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || pixels > MAX_IMAGE_PIXELS || pixels == 0 {
        let message = format!("the logo is {width}×{height} pixels; the limit is {MAX_IMAGE_SIDE} a side and {MAX_IMAGE_PIXELS} in all");
        checker.report(field, message, "a logo needs no more than 1000 pixels a side");
        return None;
    }
    let Ok(pixmap) = tiny_skia::Pixmap::decode_png(&bytes) else {
        checker.report(field, "the logo's PNG data is damaged", "export the logo again");
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
    Some(Image { png: Arc::new(bytes), rgba: Arc::new(rgba), width, height })
}

#[cfg(test)]
mod tests {
    use super::png_size;
    use crate::error::Error;
    use crate::load::{load_str, tests::minimal};

    #[test]
    fn png_size_reads_the_header_only() {
        let mut header = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        header.extend_from_slice(&300u32.to_be_bytes());
        header.extend_from_slice(&200u32.to_be_bytes());
        assert_eq!(png_size(&header), Some((300, 200)));
        assert_eq!(png_size(b"GIF89a"), None);
    }

    #[test]
    fn both_logos_are_read_into_the_model_and_checked_alike() {
        let dir = tempfile::tempdir().expect("temp");
        let mut pixmap = tiny_skia::Pixmap::new(3, 2).expect("pixmap");
        pixmap.fill(tiny_skia::Color::from_rgba8(10, 20, 30, 255));
        std::fs::write(dir.path().join("logo.png"), pixmap.encode_png().expect("png")).expect("write");
        let data = dir.path().join("x.yaml");
        let both = "logo: {path: logo.png, alt: A}\nprepared_by: {name: N, logo: {path: logo.png, alt: B}}\n";
        let loaded = load_str(&minimal(both), &data).expect("loads");
        let image = loaded.organisation.logo.and_then(|l| l.image).expect("the organisation's logo");
        assert_eq!((image.width, image.height, &image.rgba[..4]), (3, 2, &[10, 20, 30, 255][..]));
        let issuer = loaded.organisation.prepared_by.and_then(|i| i.logo).expect("the issuer's logo");
        assert_eq!(issuer.image.as_ref().map(|i| i.png.len()), Some(image.png.len()));

        let outside = "prepared_by: {name: N, logo: {path: ../logo.png, alt: \" \"}}\n";
        let Err(Error::InvalidData { diagnostics, .. }) = load_str(&minimal(outside), &data) else {
            panic!("expected invalid data");
        };
        let fields: Vec<_> = diagnostics.iter().filter_map(|d| d.field.as_deref()).collect();
        assert_eq!(fields, ["prepared_by.logo.path", "prepared_by.logo.alt"]);
        assert_eq!(diagnostics[0].message, "`../logo.png` leaves the data file's folder");
    }
}
