//! Packet files: a `packet:` mapping that names organisation files in its own folder. Each
//! member is loaded and checked as a file of its own (in parallel); every problem of the packet
//! and of every member is reported together, each at its own file and line, and a packet with
//! one broken member is refused whole.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::checker::Checker;
use super::files::{inside_folder, Outside};
use super::tree::{Kind, Node};
use super::{
    fields, image, in_file_order, limit_reported, load_file, locate, organisation, parse, read_text, schema,
};
use super::{today, validate, FieldLines, Loaded, MAX_INPUT_BYTES};
use crate::error::{Diagnostic, Error, Result};
use crate::model::Packet;

/// A packet holds at most this many organisations: a briefing of 50 is normal, one of
/// thousands is a mistake or an attack.
pub const MAX_MEMBERS: usize = 200;
/// The members together may hold as much as one data file: a packet costs no more to lay out
/// than the largest file would.
pub const MAX_MEMBER_BYTES: u64 = MAX_INPUT_BYTES;

/// A checked packet with its checked members, in the packet's order.
#[derive(Debug, Clone)]
pub struct LoadedPacket {
    pub packet: Packet,
    pub members: Vec<Loaded>,
    pub path: PathBuf,
    /// The packet file's own warnings (each member keeps its own).
    pub warnings: Vec<Diagnostic>,
}

/// What a data file turned out to be.
#[derive(Debug, Clone)]
// One is made per data file and moved once: its size costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Input {
    Organisation(Loaded),
    Packet(LoadedPacket),
}

impl Input {
    /// Every warning of the file and, for a packet, of its members.
    pub fn warnings(&self) -> Vec<&Diagnostic> {
        match self {
            Input::Organisation(loaded) => loaded.warnings.iter().collect(),
            Input::Packet(packet) => packet
                .warnings
                .iter()
                .chain(packet.members.iter().flat_map(|member| &member.warnings))
                .collect(),
        }
    }
}

impl Input {
    /// Every file the data was read from: the data file, a packet's members, the logos. What a
    /// watcher rebuilds on.
    pub fn files(&self) -> Vec<PathBuf> {
        match self {
            Input::Organisation(loaded) => organisation_files(loaded),
            Input::Packet(packet) => {
                let mut files = vec![packet.path.clone()];
                let logo = packet.packet.prepared_by.as_ref().and_then(|issuer| issuer.logo.as_ref());
                files.extend(logo.map(|logo| beside(&packet.path, &logo.path)));
                files.extend(packet.members.iter().flat_map(organisation_files));
                files
            }
        }
    }
}

fn organisation_files(loaded: &Loaded) -> Vec<PathBuf> {
    let org = &loaded.organisation;
    let issuer_logo = org.prepared_by.as_ref().and_then(|issuer| issuer.logo.as_ref());
    let logos = org.logo.iter().chain(issuer_logo).map(|logo| beside(&loaded.path, &logo.path));
    std::iter::once(loaded.path.clone()).chain(logos).collect()
}

/// A file named relative to a data file.
fn beside(data_file: &Path, relative: &str) -> PathBuf {
    data_file.parent().map_or_else(|| PathBuf::from(relative), |folder| folder.join(relative))
}

/// A file whose top level has a `packet:` field is a packet file.
pub(super) fn is_packet(root: &Node) -> bool {
    let Kind::Map(entries) = &root.kind else { return false };
    entries.iter().any(|(key, _)| matches!(&key.kind, Kind::Scalar { text, .. } if text == "packet"))
}

/// Reads and checks a data file of either kind: an organisation, or a packet and its members.
pub fn load_input(path: &Path) -> Result<Input> {
    let root = parse(&read_text(path)?, path)?;
    if is_packet(&root) {
        load_packet(root, path).map(Input::Packet)
    } else {
        organisation(root, path).map(Input::Organisation)
    }
}

fn load_packet(root: Node, path: &Path) -> Result<LoadedPacket> {
    let mut reader = fields::Reader::new(path);
    let mut places = locate::Spot::default();
    let packet = schema::packet_file(&mut reader, root, &mut places);
    let mut diagnostics = reader.found;
    let lines = FieldLines::new(places);
    let structured = diagnostics.is_empty();
    let Some(mut packet) = packet.filter(|_| structured) else {
        let unlisted = in_file_order(&mut diagnostics);
        return Err(Error::InvalidData { file: path.to_path_buf(), diagnostics, unlisted });
    };
    let mut checker = Checker::new(path, &lines, today());
    validate::check_packet(&packet, &mut checker);
    if let Some(logo) = packet.prepared_by.as_mut().and_then(|issuer| issuer.logo.as_mut()) {
        logo.image = image::load_logo(&mut checker, path, "packet.prepared_by.logo.path", &logo.path);
    }
    let files = member_files(&packet, path, &mut checker);
    diagnostics.extend(checker.found);
    let mut unlisted = in_file_order(&mut diagnostics);
    let (members, problems, members_unlisted) = load_members(&files, path, &lines);
    diagnostics.extend(problems);
    // The packet's and its members' problems together are listed up to the same limit.
    unlisted += members_unlisted + limit_reported(&mut diagnostics);
    let complete = members.len() == packet.members.len();
    if complete && unlisted == 0 && !diagnostics.iter().any(Diagnostic::is_error) {
        Ok(LoadedPacket { packet, members, path: path.to_path_buf(), warnings: diagnostics })
    } else {
        Err(Error::InvalidData { file: path.to_path_buf(), diagnostics, unlisted })
    }
}

/// A member's file as found (symbolic links resolved: what is read) and as named in reports
/// (the packet's folder joined with what the packet says).
struct MemberFile {
    real: PathBuf,
    shown: PathBuf,
}

/// Each member's file, found in the packet's folder; `None` where it cannot be, reported at its
/// place. When the members break a limit, none is read.
fn member_files(packet: &Packet, path: &Path, checker: &mut Checker) -> Vec<Option<MemberFile>> {
    if packet.members.is_empty() {
        checker.report("packet.members", "the packet has no members", "name at least one organisation file");
        return Vec::new();
    }
    if packet.members.len() > MAX_MEMBERS {
        let message = format!("the packet has {} members; the limit is {MAX_MEMBERS}", packet.members.len());
        checker.report("packet.members", message, "split it into several packets");
        return Vec::new();
    }
    let mut seen: HashMap<FileIdentity, usize> = HashMap::new();
    let mut total: u64 = 0;
    let mut files = Vec::with_capacity(packet.members.len());
    for (i, written) in packet.members.iter().enumerate() {
        let field = format!("packet.members[{i}]");
        let file = match inside_folder(path, written) {
            Ok(file) => file,
            Err(outside) => {
                let (message, hint) = match outside {
                    Outside::Leaves => (
                        format!("`{written}` leaves the packet file's folder"),
                        "members are read from the packet file's own folder and below, e.g. `orgs/kloop.yaml`",
                    ),
                    Outside::Missing(resolved) => (
                        format!("there is no file `{}`", resolved.display()),
                        "check the name; it is relative to the packet file",
                    ),
                    Outside::LinksOut => (
                        format!("`{written}` links to a file outside the packet file's folder"),
                        "copy the organisation's file into the packet's folder",
                    ),
                };
                checker.report(&field, message, hint);
                files.push(None);
                continue;
            }
        };
        let folder = path.parent().unwrap_or(Path::new(""));
        let file = MemberFile { shown: folder.join(written), real: file };
        if let Some(first) = seen.insert(identity(&file.real), i) {
            let message = format!("`{written}` is already a member (packet.members[{first}])");
            checker.report(&field, message, "name each organisation once");
            files.push(None);
            continue;
        }
        total = total.saturating_add(std::fs::metadata(&file.real).map_or(0, |m| m.len()));
        files.push(Some(file));
    }
    if total > MAX_MEMBER_BYTES {
        let message =
            format!("the members' files hold {total} bytes together; the limit is {MAX_MEMBER_BYTES}");
        checker.report("packet.members", message, "split it into several packets");
        return Vec::new();
    }
    files
}

/// What makes two names one file: its device and inode where there are such (a hard link is the
/// same file under another name), else its resolved path.
#[derive(PartialEq, Eq, Hash)]
enum FileIdentity {
    Inode(u64, u64),
    Path(PathBuf),
}

fn identity(file: &Path) -> FileIdentity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(metadata) = std::fs::metadata(file) {
            return FileIdentity::Inode(metadata.dev(), metadata.ino());
        }
    }
    FileIdentity::Path(file.to_path_buf())
}

/// The members that load, the problems of those that do not (member after member), and how
/// many of those problems their own reports left unlisted. A member that cannot be read at
/// all (a folder, a pipe, no permission) is reported at its place in the packet.
fn load_members(
    files: &[Option<MemberFile>],
    path: &Path,
    lines: &FieldLines,
) -> (Vec<Loaded>, Vec<Diagnostic>, usize) {
    let results: Vec<Option<Result<Loaded>>> =
        files.par_iter().map(|file| file.as_ref().map(|file| load_file(&file.real))).collect();
    let mut members = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    let mut unlisted = 0;
    for (i, (result, file)) in results.into_iter().zip(files).enumerate() {
        let (Some(result), Some(file)) = (result, file) else { continue };
        let named = |mut diagnostic: Diagnostic| {
            if diagnostic.file == file.real {
                diagnostic.file = file.shown.clone();
            }
            diagnostic
        };
        match result {
            Ok(mut member) => {
                member.path = file.shown.clone();
                member.warnings = member.warnings.into_iter().map(named).collect();
                members.push(member);
            }
            Err(Error::InvalidData { diagnostics, unlisted: more, .. }) => {
                problems.extend(diagnostics.into_iter().map(named));
                unlisted += more;
            }
            Err(other) => {
                let field = format!("packet.members[{i}]");
                let message =
                    other.to_string().replace(&*file.real.to_string_lossy(), &file.shown.to_string_lossy());
                let mut diagnostic = Diagnostic::error(path, message).field(&field);
                if let Some((line, column)) = lines.find(&field) {
                    diagnostic = diagnostic.at(line, column);
                }
                problems.push(diagnostic);
            }
        }
    }
    (members, problems, unlisted)
}
