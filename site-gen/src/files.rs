//! Listing and reading the files of a folder tree, deterministically, and
//! never outside it: a symbolic link that leads out of the folder (to
//! `/etc/passwd`, say) would otherwise be read and published as it is.

use std::path::{Path, PathBuf};

use crate::problem::Problem;

/// Every file below `dir` as a `/`-separated relative path, sorted. A missing
/// folder is simply empty. Symbolic links are followed only while they stay
/// inside `dir`; anything but a regular file or folder (a pipe, a device) is
/// a problem, since copying it would hang or never end.
pub fn list(dir: &Path, problems: &mut Vec<Problem>) -> Vec<String> {
    let mut out = Vec::new();
    if dir.is_dir() {
        match dir.canonicalize() {
            Ok(root) => collect(&Walk { dir, root: &root }, "", &mut vec![root.clone()], &mut out, problems),
            Err(e) => problems.push(Problem::io(dir, "read the folder", &e)),
        }
    }
    out.sort();
    out
}

struct Walk<'a> {
    /// The folder as given, for paths in messages.
    dir: &'a Path,
    /// The same, canonical, to tell whether a link leaves it.
    root: &'a Path,
}

/// `ancestors`: the canonical folders being walked, so a link back to one of
/// them is reported instead of walked forever.
fn collect(walk: &Walk, rel: &str, ancestors: &mut Vec<PathBuf>, out: &mut Vec<String>, problems: &mut Vec<Problem>) {
    let dir = walk.dir.join(rel);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => return problems.push(Problem::io(&dir, "read the folder", &e)),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            problems.push(Problem::new(path, "file name is not valid UTF-8"));
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let child = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        let target = match inside(walk.dir, walk.root, &path) {
            Ok(t) => t,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        match std::fs::metadata(&target) {
            Ok(m) if m.is_dir() => {
                if ancestors.contains(&target) {
                    problems.push(Problem::new(path, "is a link back to a folder that contains it: remove the link"));
                    continue;
                }
                ancestors.push(target);
                collect(walk, &child, ancestors, out, problems);
                ancestors.pop();
            }
            Ok(m) if m.is_file() => out.push(child),
            Ok(_) => {
                problems.push(Problem::new(path, "is not a regular file or folder (a pipe or a device?): remove it"))
            }
            Err(e) => problems.push(Problem::io(&path, "read", &e)),
        }
    }
}

/// The canonical path of `path`, when it lies inside `root` (the canonical
/// form of `dir`); otherwise a problem naming `path` and saying why it is
/// not read.
fn inside(dir: &Path, root: &Path, path: &Path) -> Result<PathBuf, Problem> {
    let target = path.canonicalize().map_err(|e| Problem::io(path, "follow the path", &e))?;
    within(dir, root, path, target)
}

fn within(dir: &Path, root: &Path, path: &Path, target: PathBuf) -> Result<PathBuf, Problem> {
    if target.starts_with(root) {
        return Ok(target);
    }
    Err(Problem::new(
        path,
        format!(
            "leads outside {} (to {}), through a symbolic link: it is not read; copy the file into the folder instead",
            dir.display(),
            target.display()
        ),
    ))
}

/// Reads `dir/rel` as text, refusing a path that leads outside `dir` before
/// reading a byte of it, and anything but a regular file. `rel` comes from
/// `list` or is checked to be plain (no `..`), so only a symbolic link can
/// lead out. `what` says what the file is (`the page`), for messages.
pub fn read_inside(dir: &Path, rel: impl AsRef<Path>, what: &str) -> Result<String, Problem> {
    let path = dir.join(rel);
    let cannot = |e: std::io::Error| Problem::io(&path, &format!("read {what}"), &e);
    let target = path.canonicalize().map_err(cannot)?;
    let root = dir.canonicalize().map_err(|e| Problem::io(dir, "read the folder", &e))?;
    let target = within(dir, &root, &path, target)?;
    if !std::fs::metadata(&target).map_err(cannot)?.is_file() {
        return Err(Problem::new(&path, format!("cannot read {what}: it is not a regular file")));
    }
    std::fs::read_to_string(target).map_err(cannot)
}
