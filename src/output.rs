//! Writing finished files safely: into a temporary file beside the target, then renamed over
//! it, so that a failure never leaves a half-written PDF or EPUB and never damages an old one.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes every `(path, bytes)` pair, or none: all temporary files are written first.
pub fn write_all_or_nothing(files: &[(PathBuf, &[u8])]) -> Result<()> {
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (path, bytes) in files {
        match write_temporary(path, bytes) {
            Ok(temporary) => written.push((temporary, path.clone())),
            Err(error) => {
                written.iter().for_each(|(temporary, _)| drop(fs::remove_file(temporary)));
                return Err(error);
            }
        }
    }
    for (index, (temporary, path)) in written.iter().enumerate() {
        if let Err(source) = fs::rename(temporary, path) {
            written[index..].iter().for_each(|(t, _)| drop(fs::remove_file(t)));
            return Err(Error::Write { path: path.clone(), source });
        }
    }
    Ok(())
}

fn write_temporary(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let write_error = |source| Error::Write { path: path.to_path_buf(), source };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let result = File::create(&temporary).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(source) = result {
        drop(fs::remove_file(&temporary));
        return Err(write_error(source));
    }
    Ok(temporary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_all_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.pdf");
        let b = dir.path().join("b.epub");
        write_all_or_nothing(&[(a.clone(), b"A".as_slice()), (b.clone(), b"B".as_slice())]).unwrap();
        assert_eq!(fs::read(a).unwrap(), b"A");
        assert_eq!(fs::read(b).unwrap(), b"B");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file is left");
    }

    #[test]
    fn a_failure_writes_nothing_and_keeps_old_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.pdf");
        fs::write(&a, b"old").unwrap();
        let missing = dir.path().join("no-such-folder").join("b.epub");
        let result = write_all_or_nothing(&[(a.clone(), b"new".as_slice()), (missing, b"B".as_slice())]);
        assert!(matches!(result, Err(Error::Write { .. })));
        assert_eq!(fs::read(&a).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
