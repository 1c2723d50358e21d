//! Writing the site: a fresh output folder each time, so no stale page
//! survives, swapped in whole, so a failed build never leaves half a site.
//! Pages are written into the temporary folder as they are made, so the
//! build never holds the whole site in memory.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::problem::Problem;

/// A file the site holds besides its pages.
pub enum OutputFile {
    Bytes { path: String, bytes: Vec<u8> },
    Copy { path: String, from: PathBuf },
}

impl OutputFile {
    pub fn copy(path: String, from: PathBuf) -> Self {
        OutputFile::Copy { path, from }
    }

    pub fn path(&self) -> &str {
        match self {
            OutputFile::Bytes { path, .. } | OutputFile::Copy { path, .. } => path,
        }
    }
}

/// Marks a folder as ours, so a mistyped `--output` never empties someone's folder.
const MARKER: &str = ".site-gen";

/// The new site's temporary folder beside the output (`.public.site-gen-new`):
/// files go in as they are made, and it takes the output's place only when
/// everything passed ([`Staging::swap`]); otherwise it is removed and the
/// previous site stays as it was.
pub struct Staging {
    /// The output folder: `public`.
    dir: PathBuf,
    /// Where the new site is written.
    path: PathBuf,
    /// Where the previous site goes while the new one is put in place.
    previous: PathBuf,
}

impl Staging {
    /// Makes the temporary folder beside `dir`, once `dir` is known to be
    /// site-gen's (or absent) and what an interrupted build left is cleared.
    pub fn create(dir: &Path) -> Result<Staging, Vec<Problem>> {
        check_ours(dir).map_err(|p| vec![p])?;
        let path = beside(dir, "new").map_err(|p| vec![p])?;
        let previous = beside(dir, "old").map_err(|p| vec![p])?;
        for leftover in [&path, &previous] {
            clear_leftover(leftover).map_err(|p| vec![p])?;
        }
        let staging = Staging { dir: dir.to_path_buf(), path, previous };
        if let Err(p) = staging.make() {
            return Err(vec![p, staging.discard()]);
        }
        Ok(staging)
    }

    fn make(&self) -> Result<(), Problem> {
        // `--output new/folder/public`: the folders above it are made as a user expects.
        if let Some(parent) = self.path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Problem::io(parent, "create the output's folder", &e))?;
        }
        std::fs::create_dir(&self.path)
            .map_err(|e| Problem::io(&self.path, "create the build's temporary folder", &e))?;
        std::fs::write(self.path.join(MARKER), "This folder is written by site-gen and emptied on each build.\n")
            .map_err(|e| Problem::io(&self.path, "write to the build's temporary folder", &e))
    }

    /// Writes the file at `path` in the new site from `pieces`, in order.
    pub fn write(&self, path: &str, pieces: &[&str]) -> Result<(), Problem> {
        let target = self.target(path)?;
        let written = std::fs::File::create(&target).and_then(|file| {
            let mut out = std::io::BufWriter::with_capacity(64 * 1024, file);
            pieces.iter().try_for_each(|p| out.write_all(p.as_bytes()))?;
            out.flush()
        });
        written.map_err(|e| Problem::io(&target, "write", &e))
    }

    /// Writes or copies a file other than a page.
    pub fn put(&self, file: &OutputFile) -> Result<(), Problem> {
        let target = self.target(file.path())?;
        match file {
            OutputFile::Bytes { bytes, .. } => {
                std::fs::write(&target, bytes).map_err(|e| Problem::io(&target, "write", &e))
            }
            OutputFile::Copy { from, .. } => {
                std::fs::copy(from, &target).map(|_| ()).map_err(|e| Problem::io(from, "copy", &e))
            }
        }
    }

    /// The file's place in the new site, its folder made.
    fn target(&self, path: &str) -> Result<PathBuf, Problem> {
        let target = self.path.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Problem::io(parent, "create the folder", &e))?;
        }
        Ok(target)
    }

    /// Removes the new site after its content was found wrong; the problem
    /// when it cannot be removed.
    pub fn remove(self) -> Result<(), Problem> {
        match std::fs::remove_dir_all(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Problem::new(
                &self.dir,
                format!(
                    "left as it was; the unfinished new site could not be removed ({e}): delete {}",
                    self.path.display()
                ),
            )),
        }
    }

    /// Removes the unfinished site after a write failed; the problem that
    /// says what was left.
    pub fn discard(self) -> Problem {
        let dir = self.dir.clone();
        self.remove().err().unwrap_or_else(|| Problem::new(dir, UNCHANGED))
    }

    /// Puts the finished site in place of the previous one: two renames,
    /// with the previous site put back if the second fails.
    pub fn swap(self) -> Result<(), Vec<Problem>> {
        let had_previous = self.dir.exists();
        if had_previous {
            if let Err(e) = std::fs::rename(&self.dir, &self.previous) {
                return Err(vec![Problem::io(&self.dir, "move the previous site aside", &e), self.discard()]);
            }
        }
        if let Err(e) = std::fs::rename(&self.path, &self.dir) {
            let failed = Problem::io(&self.dir, "put the new site in place", &e);
            if had_previous && std::fs::rename(&self.previous, &self.dir).is_err() {
                let lost = format!("the previous site could not be put back: it is in {}", self.previous.display());
                return Err(vec![failed, Problem::new(&self.dir, lost)]);
            }
            return Err(vec![failed, self.discard()]);
        }
        if had_previous {
            // The new site is in place; a previous one that cannot be removed
            // now is removed by the next build (it carries the marker).
            let _ = std::fs::remove_dir_all(&self.previous);
        }
        Ok(())
    }
}

/// Refuses an output folder that holds files site-gen did not write.
fn check_ours(dir: &Path) -> Result<(), Problem> {
    if !dir.exists() {
        return Ok(());
    }
    let empty = std::fs::read_dir(dir).map_err(|e| Problem::io(dir, "read the output folder", &e))?.next().is_none();
    if !empty && !dir.join(MARKER).exists() {
        return Err(Problem::new(
            dir,
            "the output folder is not empty and was not made by site-gen: choose another --output or empty it",
        ));
    }
    Ok(())
}

/// `public` → `.public.site-gen-new` in the same parent folder, so the swap
/// is a rename within one file system.
fn beside(dir: &Path, which: &str) -> Result<PathBuf, Problem> {
    let absolute = std::path::absolute(dir).map_err(|e| Problem::io(dir, "find the output folder", &e))?;
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => Ok(parent.join(format!(".{}.site-gen-{which}", name.to_string_lossy()))),
        _ => Err(Problem::new(dir, "cannot write a site here: choose a folder inside another (--output public)")),
    }
}

/// Removes what an interrupted build left beside the output; anything else
/// of that name is someone's and stops the build.
fn clear_leftover(path: &Path) -> Result<(), Problem> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    if !path.join(MARKER).is_file() {
        return Err(Problem::new(
            path,
            "is in the way of the build's temporary folder and was not made by site-gen: move it or choose another --output",
        ));
    }
    std::fs::remove_dir_all(path).map_err(|e| Problem::io(path, "remove the folder left by an interrupted build", &e))
}

const UNCHANGED: &str = "left as it was: the build stopped while writing, and the unfinished new site was removed";
