//! A small ICC version 2 display profile of sRGB (IEC 61966-2.1), made here from the standard's
//! published numbers rather than shipped as a file: its D50-adapted primaries, the D50 white
//! and the sRGB tone curve sampled at 256 points. PDF/A's output intent embeds it, so that the
//! file's DeviceRGB colours have a defined meaning.

/// sRGB primaries as the ICC connection space sees them (Bradford-adapted to D50).
const RED: [f64; 3] = [0.436_074_7, 0.222_504_5, 0.013_932_2];
const GREEN: [f64; 3] = [0.385_064_9, 0.716_878_6, 0.097_104_5];
const BLUE: [f64; 3] = [0.143_080_4, 0.060_616_9, 0.714_173_3];
const D50: [f64; 3] = [0.964_2, 1.0, 0.824_9];
const CURVE_POINTS: usize = 256;

/// The profile's bytes.
pub fn srgb_profile() -> Vec<u8> {
    let description = description_tag("sRGB IEC61966-2.1 (dossier)");
    let copyright = text_tag("No copyright, use freely");
    let curve = curve_tag();
    // (signature, data); the three tone curves share one copy of theirs.
    let tags: [(&[u8; 4], Vec<u8>); 6] = [
        (b"desc", description),
        (b"cprt", copyright),
        (b"wtpt", xyz_tag(D50)),
        (b"rXYZ", xyz_tag(RED)),
        (b"gXYZ", xyz_tag(GREEN)),
        (b"bXYZ", xyz_tag(BLUE)),
    ];
    let table_len = 4 + 12 * (tags.len() + 3);
    let mut data = Vec::new();
    let mut entries: Vec<(&[u8; 4], u32, u32)> = Vec::new();
    let place = |signature, bytes: &[u8], data: &mut Vec<u8>| {
        let offset = (128 + table_len + data.len()) as u32;
        data.extend_from_slice(bytes);
        while !data.len().is_multiple_of(4) {
            data.push(0);
        }
        (signature, offset, bytes.len() as u32)
    };
    for (signature, bytes) in &tags {
        entries.push(place(*signature, bytes, &mut data));
    }
    let (_, offset, size) = place(b"rTRC", &curve, &mut data);
    for signature in [b"rTRC", b"gTRC", b"bTRC"] {
        entries.push((signature, offset, size));
    }
    let size = (128 + table_len + data.len()) as u32;
    let mut profile = header(size);
    profile.extend_from_slice(&(entries.len() as u32).to_be_bytes());
    for (signature, offset, length) in entries {
        profile.extend_from_slice(signature);
        profile.extend_from_slice(&offset.to_be_bytes());
        profile.extend_from_slice(&length.to_be_bytes());
    }
    profile.extend_from_slice(&data);
    profile
}

fn header(size: u32) -> Vec<u8> {
    let mut header = Vec::with_capacity(128);
    header.extend_from_slice(&size.to_be_bytes());
    header.extend_from_slice(&[0; 4]); // preferred CMM: none
    header.extend_from_slice(&[2, 0x10, 0, 0]); // version 2.1
    header.extend_from_slice(b"mntrRGB XYZ ");
    for part in [2026u16, 1, 1, 0, 0, 0] {
        header.extend_from_slice(&part.to_be_bytes());
    }
    header.extend_from_slice(b"acsp");
    header.extend_from_slice(&[0; 24]); // platform, flags, manufacturer, model, attributes
    header.extend_from_slice(&[0; 4]); // perceptual rendering intent
    for value in D50 {
        header.extend_from_slice(&fixed(value).to_be_bytes());
    }
    header.extend_from_slice(&[0; 4]); // creator
    header.resize(128, 0); // profile id (version 4 only) and reserved bytes
    header
}

/// s15Fixed16Number.
fn fixed(value: f64) -> i32 {
    (value * 65_536.0).round() as i32
}

fn xyz_tag(xyz: [f64; 3]) -> Vec<u8> {
    let mut tag = b"XYZ \0\0\0\0".to_vec();
    xyz.iter().for_each(|v| tag.extend_from_slice(&fixed(*v).to_be_bytes()));
    tag
}

fn text_tag(text: &str) -> Vec<u8> {
    let mut tag = b"text\0\0\0\0".to_vec();
    tag.extend_from_slice(text.as_bytes());
    tag.push(0);
    tag
}

/// Version 2's textDescriptionType: ASCII, then empty Unicode and ScriptCode parts.
fn description_tag(text: &str) -> Vec<u8> {
    let mut tag = b"desc\0\0\0\0".to_vec();
    tag.extend_from_slice(&(text.len() as u32 + 1).to_be_bytes());
    tag.extend_from_slice(text.as_bytes());
    tag.push(0);
    tag.extend_from_slice(&[0; 8]); // Unicode language and count
    tag.extend_from_slice(&[0; 3]); // ScriptCode code and count
    tag.extend_from_slice(&[0; 67]);
    tag
}

/// The sRGB tone curve, encoded value -> linear light.
fn curve_tag() -> Vec<u8> {
    let mut tag = b"curv\0\0\0\0".to_vec();
    tag.extend_from_slice(&(CURVE_POINTS as u32).to_be_bytes());
    for i in 0..CURVE_POINTS {
        let v = i as f64 / (CURVE_POINTS - 1) as f64;
        let linear = if v <= 0.040_45 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) };
        tag.extend_from_slice(&((linear * 65_535.0).round() as u16).to_be_bytes());
    }
    tag
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_is_a_well_formed_rgb_display_profile() {
        let profile = srgb_profile();
        assert_eq!(
            u32::from_be_bytes([profile[0], profile[1], profile[2], profile[3]]) as usize,
            profile.len()
        );
        assert_eq!(&profile[12..24], b"mntrRGB XYZ ");
        assert_eq!(&profile[36..40], b"acsp");
        let count = u32::from_be_bytes([profile[128], profile[129], profile[130], profile[131]]) as usize;
        assert_eq!(count, 9);
        for entry in profile[132..132 + 12 * count].chunks(12) {
            let offset = u32::from_be_bytes([entry[4], entry[5], entry[6], entry[7]]) as usize;
            let size = u32::from_be_bytes([entry[8], entry[9], entry[10], entry[11]]) as usize;
            assert_eq!(offset % 4, 0, "tag data is 4-byte aligned");
            assert!(offset + size <= profile.len(), "{:?} lies inside", &entry[..4]);
        }
        assert!(profile.len() < 2_000, "small: {} bytes", profile.len());
    }
}
