//! `site-gen report`: the provincial department's view of everything the
//! recommending units sent. Every 2.1 and every applicant file under the
//! given paths is re-checked with the engine the pages run, summarised and
//! dropped (memory stays bounded by the summaries, `form_review::summary`),
//! and written as one spreadsheet: applicants, units with their quota,
//! problems.

use std::path::{Path, PathBuf};

use form_wasm::api::Engine;
use rayon::prelude::*;

pub use form_review::summary::{Applicant, Filed, ProblemRow, Report, Unit};

use crate::validate::read_submission;

/// The report written out: the spreadsheet and the CSV.
pub mod sheets;

/// Every `.json` file under the paths, sorted (a file named directly is taken
/// whatever its name).
pub fn files_under(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            // A linked folder is not walked: a link loop would never end.
            let linked = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
            if p.is_dir() && !linked {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Reads, checks and summarises every file (in parallel), then pairs
/// applications with plans and applicants with the units that recommend them.
pub fn collect(engines: &[Engine], files: &[PathBuf]) -> Report {
    let summaries: Vec<_> = files
        .par_iter()
        .map(|f| form_review::summary::summarise(&f.display().to_string(), read_submission(engines, f)))
        .collect();
    form_review::summary::gather(summaries, engines, true)
}

/// 0: every file readable and complete, every unit within quota; 1: problems; 2: unreadable files.
pub fn exit_code(r: &Report) -> u8 {
    let files = r
        .applicants
        .iter()
        .flat_map(|a| a.application.iter().chain(a.plan.iter()))
        .chain(r.units.iter().map(|u| &u.filed));
    if !r.unreadable.is_empty() {
        2
    } else if files.clone().any(|f| !f.complete) || r.applicants.iter().any(|a| !a.notes.is_empty()) {
        1
    } else {
        0
    }
}
