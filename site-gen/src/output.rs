//! Writing the site: a fresh output folder each time, so no stale page survives.

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

pub fn write(dir: &Path, files: &[OutputFile]) -> Result<(), Vec<Problem>> {
    prepare(dir).map_err(|p| vec![p])?;
    let problems: Vec<Problem> = files.par_iter().filter_map(|f| write_one(dir, f).err()).collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn prepare(dir: &Path) -> Result<(), Problem> {
    if dir.exists() {
        let empty =
            std::fs::read_dir(dir).map_err(|e| Problem::io(dir, "read the output folder", &e))?.next().is_none();
        if !empty && !dir.join(MARKER).exists() {
            return Err(Problem::new(
                dir,
                "the output folder is not empty and was not made by site-gen: choose another --output or empty it",
            ));
        }
        std::fs::remove_dir_all(dir).map_err(|e| Problem::io(dir, "clear the output folder", &e))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| Problem::io(dir, "create the output folder", &e))?;
    std::fs::write(dir.join(MARKER), "This folder is written by site-gen and emptied on each build.\n")
        .map_err(|e| Problem::io(dir, "write to the output folder", &e))
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
