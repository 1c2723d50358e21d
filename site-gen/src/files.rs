//! Listing the files of a folder tree, deterministically.

use std::path::Path;

use crate::problem::Problem;

/// Every file below `dir` as a `/`-separated relative path, sorted. A missing
/// folder is simply empty.
pub fn list(dir: &Path, problems: &mut Vec<Problem>) -> Vec<String> {
    let mut out = Vec::new();
    if dir.is_dir() {
        collect(dir, "", &mut out, problems);
    }
    out.sort();
    out
}

fn collect(root: &Path, rel: &str, out: &mut Vec<String>, problems: &mut Vec<Problem>) {
    let dir = root.join(rel);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => return problems.push(Problem::io(&dir, "read the folder", &e)),
    };
    for entry in entries.flatten() {
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            problems.push(Problem::new(entry.path(), "file name is not valid UTF-8"));
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let child = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            collect(root, &child, out, problems);
        } else {
            out.push(child);
        }
    }
}
