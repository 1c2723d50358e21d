//! Problems found in the content, the theme or the forms.
//!
//! Every stage collects all of its problems instead of stopping at the first,
//! so a maintainer fixes a whole batch per build. Each names the file and,
//! where the source has one, the line and column.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based line and column in `file`, where known.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl Problem {
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem { file: file.into(), position: None, message: message.into() }
    }

    pub fn at(file: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Problem { file: file.into(), position: Some((line, col)), message: message.into() }
    }

    /// An I/O failure on `path`, with the operating system's reason.
    pub fn io(path: &Path, what: &str, err: &std::io::Error) -> Self {
        Problem::new(path, format!("cannot {what}: {err}"))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything that stopped a build: one or more problems, sorted by file and position.
#[derive(Debug)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn into_sorted(mut self) -> Self {
        self.0.sort();
        self.0.dedup();
        self
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Joins an error and each of its causes, so nothing the library said is lost.
pub fn chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut cause = err.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !out.contains(&text) {
            out.push_str("\n  caused by: ");
            out.push_str(&text);
        }
        cause = c.source();
    }
    out
}

/// Converts a byte offset in `text` into a 1-based (line, column), counting
/// columns in characters so Chinese text points at the right place.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Every success, or every problem of every failure: a stage reports all of
/// its problems at once.
pub fn collect_all<T>(results: impl IntoIterator<Item = Result<T, Vec<Problem>>>) -> Result<Vec<T>, Vec<Problem>> {
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(t) => ok.push(t),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if problems.is_empty() {
        Ok(ok)
    } else {
        Err(problems)
    }
}
