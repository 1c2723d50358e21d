//! Writing the site: a fresh output folder each time, so no stale page
//! survives, swapped in whole, so a failed build never leaves half a site.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::pages::RenderedPage;
use crate::problem::Problem;

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

impl From<RenderedPage> for OutputFile {
    fn from(p: RenderedPage) -> Self {
        OutputFile::Bytes { path: p.output, bytes: p.html.into_bytes() }
    }
}

/// Marks a folder as ours, so a mistyped `--output` never empties someone's folder.
const MARKER: &str = ".site-gen";

/// Writes the site into a temporary folder beside `dir` and swaps it in only
/// when every file is written. On failure the temporary folder is removed and
/// the previous site stays as it was; the last problem says what was left,
/// so what the command prints is true.
pub fn write(dir: &Path, files: &[OutputFile]) -> Result<(), Vec<Problem>> {
    check_ours(dir).map_err(|p| vec![p])?;
    let staging = beside(dir, "new").map_err(|p| vec![p])?;
    let previous = beside(dir, "old").map_err(|p| vec![p])?;
    for leftover in [&staging, &previous] {
        clear_leftover(leftover).map_err(|p| vec![p])?;
    }
    if let Err(mut problems) = write_all(&staging, files) {
        problems.push(discard(dir, &staging));
        return Err(problems);
    }
    swap(dir, &staging, &previous)
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

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<(), Vec<Problem>> {
    // `--output new/folder/public`: the folders above it are made as a user expects.
    if let Some(parent) = staging.parent() {
        std::fs::create_dir_all(parent).map_err(|e| vec![Problem::io(parent, "create the output's folder", &e)])?;
    }
    std::fs::create_dir(staging).map_err(|e| vec![Problem::io(staging, "create the build's temporary folder", &e)])?;
    std::fs::write(staging.join(MARKER), "This folder is written by site-gen and emptied on each build.\n")
        .map_err(|e| vec![Problem::io(staging, "write to the build's temporary folder", &e)])?;
    let problems: Vec<Problem> = files.par_iter().filter_map(|f| write_one(staging, f).err()).collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Removes the unfinished site; the problem that says what was left.
fn discard(dir: &Path, staging: &Path) -> Problem {
    match std::fs::remove_dir_all(staging) {
        Ok(()) => Problem::new(dir, UNCHANGED),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Problem::new(dir, UNCHANGED),
        Err(e) => Problem::new(
            dir,
            format!("left as it was; the unfinished new site could not be removed ({e}): delete {}", staging.display()),
        ),
    }
}

const UNCHANGED: &str = "left as it was: the build stopped while writing, and the unfinished new site was removed";

/// Puts the finished site in place of the previous one: two renames, with
/// the previous site put back if the second fails.
fn swap(dir: &Path, staging: &Path, previous: &Path) -> Result<(), Vec<Problem>> {
    let had_previous = dir.exists();
    if had_previous {
        if let Err(e) = std::fs::rename(dir, previous) {
            return Err(vec![Problem::io(dir, "move the previous site aside", &e), discard(dir, staging)]);
        }
    }
    if let Err(e) = std::fs::rename(staging, dir) {
        let failed = Problem::io(dir, "put the new site in place", &e);
        if had_previous && std::fs::rename(previous, dir).is_err() {
            let lost = format!("the previous site could not be put back: it is in {}", previous.display());
            return Err(vec![failed, Problem::new(dir, lost)]);
        }
        return Err(vec![failed, discard(dir, staging)]);
    }
    if had_previous {
        // The new site is in place; a previous one that cannot be removed
        // now is removed by the next build (it carries the marker).
        let _ = std::fs::remove_dir_all(previous);
    }
    Ok(())
}

fn write_one(dir: &Path, file: &OutputFile) -> Result<(), Problem> {
    let target = dir.join(file.path());
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Problem::io(parent, "create the folder", &e))?;
    }
    match file {
        OutputFile::Bytes { bytes, .. } => {
            std::fs::write(&target, bytes).map_err(|e| Problem::io(&target, "write", &e))
        }
        OutputFile::Copy { from, .. } => {
            std::fs::copy(from, &target).map(|_| ()).map_err(|e| Problem::io(from, "copy", &e))
        }
    }
}
