//! `dossier init`: writes a commented starter file that builds as it is (an organisation, or a
//! briefing packet with its first member), never over an existing file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::InitArgs;
use crate::report;
use dossier::error::in_plain_words;

const ORGANISATION: &str = include_str!("../data/init/organisation.yaml");
const PACKET: &str = include_str!("../data/init/packet.yaml");
/// Where the starter files' `yaml-language-server` line looks for the schema.
const SCHEMA: &str = "dossier.schema.json";
/// The member the starter packet names.
const MEMBER: &str = "organisation.yaml";

pub fn init(args: &InitArgs) -> Result<(), u8> {
    let default = if args.packet { "briefing.yaml" } else { MEMBER };
    let file = args.file.clone().unwrap_or_else(|| PathBuf::from(default));
    if args.packet {
        write_new(&file, PACKET)?;
        // The packet names organisation.yaml beside it: write it too, unless one is there.
        let member = file.parent().map_or_else(|| PathBuf::from(MEMBER), |folder| folder.join(MEMBER));
        if std::fs::symlink_metadata(&member).is_err() {
            write_new(&member, ORGANISATION)?;
        }
    } else {
        write_new(&file, ORGANISATION)?;
    }
    // The starter's first line points editors at the schema beside it.
    let schema = file.parent().map_or_else(|| PathBuf::from(SCHEMA), |folder| folder.join(SCHEMA));
    // A name already taken (even by a link to nothing) keeps what is there.
    if std::fs::symlink_metadata(&schema).is_err() {
        write_new(&schema, &dossier::schema::json_schema())?;
    }
    println!("next: fill it in, then `dossier check {0}` and `dossier build {0}`", report::path(&file));
    Ok(())
}

/// Writes `text` to `file`, which must not exist yet (exit code 2 if it does, 3 if it cannot be
/// written).
fn write_new(file: &Path, text: &str) -> Result<(), u8> {
    let created = std::fs::OpenOptions::new().write(true).create_new(true).open(file);
    let mut handle = match created {
        Ok(handle) => handle,
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists || file.is_dir() => {
            let what = if file.is_dir() { "is a folder" } else { "already exists" };
            eprintln!(
                "error: {} {what}; init never overwrites anything\n  = hint: name a new file, e.g. `dossier init my-organisation.yaml`",
                report::path(file)
            );
            return Err(2);
        }
        Err(error) => {
            eprintln!("error: cannot write {}: {}", report::path(file), in_plain_words(&error));
            return Err(3);
        }
    };
    if let Err(error) = handle.write_all(text.as_bytes()) {
        eprintln!("error: cannot write {}: {}", report::path(file), in_plain_words(&error));
        return Err(3);
    }
    println!("wrote {}", report::path(file));
    Ok(())
}
