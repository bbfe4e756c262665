//! Reading a file the loader is given or pointed to (the data file, a logo, the data file again
//! for a report's excerpts): a regular file only, and never more than a limit. A folder, a pipe
//! or a device is refused on its metadata, before it is opened: a pipe would block the read
//! until some writer came (perhaps never), and a device like /dev/zero never ends. A file over
//! the limit is refused on its size, unread; one that grows while it is read stops at the limit.

use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Why a file was not read.
#[derive(Debug)]
pub enum FileRefusal {
    /// What it is instead of a regular file: "a folder", "a named pipe (FIFO)", …
    NotAFile(&'static str),
    /// Its size, over the limit.
    TooLarge(u64),
    /// It grew past the limit while it was read.
    Grew,
    Io(std::io::Error),
}

/// Why a path written in a data file was not followed.
#[derive(Debug, PartialEq, Eq)]
pub enum Outside {
    /// Absolute, empty, or with `..`: it leaves the folder as written.
    Leaves,
    /// Nothing is there (the path as resolved).
    Missing(PathBuf),
    /// A symbolic link on the way leads out of the folder.
    LinksOut,
}

/// The file `relative` (as written in `data_file`) names in the data file's own folder or below:
/// never an absolute path, never `..`, never a symbolic link out. A data file can name files
/// only where it lives, so that a file passed on cannot make the tool read elsewhere.
pub fn inside_folder(data_file: &Path, relative: &str) -> Result<PathBuf, Outside> {
    let written = Path::new(relative);
    let escapes = written.is_absolute()
        || written.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if relative.is_empty() || escapes {
        return Err(Outside::Leaves);
    }
    let folder = data_file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let resolved = folder.join(written);
    let (Ok(real_folder), Ok(real_file)) = (folder.canonicalize(), resolved.canonicalize()) else {
        // Named as the reader knows it: next to the data file, without a `./` of our own.
        let shown = data_file.parent().map_or_else(|| written.to_path_buf(), |parent| parent.join(written));
        return Err(Outside::Missing(shown));
    };
    if !real_file.starts_with(&real_folder) {
        return Err(Outside::LinksOut);
    }
    Ok(real_file)
}

/// The whole content of the regular file at `path`, at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, FileRefusal> {
    let metadata = std::fs::metadata(path).map_err(FileRefusal::Io)?;
    refuse_special(&metadata)?;
    if metadata.len() > limit {
        return Err(FileRefusal::TooLarge(metadata.len()));
    }
    let file = open_without_blocking(path).map_err(FileRefusal::Io)?;
    // The name may point elsewhere by now: what is read is judged on the open file itself.
    let opened = file.metadata().map_err(FileRefusal::Io)?;
    refuse_special(&opened)?;
    let expected = usize::try_from(opened.len().min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(FileRefusal::Io)?;
    if bytes.len() as u64 > limit {
        return Err(FileRefusal::Grew);
    }
    Ok(bytes)
}

fn refuse_special(metadata: &Metadata) -> Result<(), FileRefusal> {
    match special_kind(metadata) {
        Some(kind) => Err(FileRefusal::NotAFile(kind)),
        None => Ok(()),
    }
}

/// What a file that is not a regular file is, in words; `None` for a regular file.
fn special_kind(metadata: &Metadata) -> Option<&'static str> {
    let file_type = metadata.file_type();
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

/// Opens for reading without waiting: should a pipe be swapped in after its metadata was read,
/// opening it returns at once (and the check on the open file refuses it) instead of blocking
/// until a writer comes. Reading a regular file is unaffected.
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_within_the_limit_and_nothing_else_is_opened() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, b"0123456789").expect("write");
        assert_eq!(read_regular(&file, 10).expect("reads"), b"0123456789");
        assert!(matches!(read_regular(&file, 9), Err(FileRefusal::TooLarge(10))));
        assert!(matches!(read_regular(dir.path(), 10), Err(FileRefusal::NotAFile("a folder"))));
        assert!(matches!(read_regular(&dir.path().join("none"), 10), Err(FileRefusal::Io(_))));
        #[cfg(unix)]
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(FileRefusal::NotAFile("a character device"))
        ));
    }
}
