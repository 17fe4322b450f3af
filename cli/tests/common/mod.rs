//! What the command's test files share.

use std::path::{Path, PathBuf};

/// A fresh directory outside the repository, named by `prefix`, this
/// process and `name`, removed with everything in it when the test ends.
pub(crate) fn scratch(prefix: &str, name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("{prefix}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

/// A directory of a test's own, removed with everything in it when dropped.
pub(crate) struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
