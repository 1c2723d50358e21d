//! Splitting a Markdown file into its YAML front matter and body.

use std::path::Path;

use serde::Deserialize;

use crate::problem::Problem;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Position in its section's navigation; lower first, then by title.
    #[serde(default)]
    pub order: Option<i64>,
    /// A template of the theme other than the default for this kind of page.
    #[serde(default)]
    pub template: Option<String>,
    /// Force the table of contents on or off; by default a page with two or
    /// more headings gets one.
    #[serde(default)]
    pub toc: Option<bool>,
}

/// A parsed page source: front matter, body, and where the body starts.
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Finds the `---` fenced front matter at the very start of `text`.
pub fn split(text: &str) -> Option<Split<'_>> {
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let rest = &text[start..];
    let first_end = rest.find('\n')?;
    if rest[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = start + first_end + 1;
    let mut pos = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(Split {
                yaml: &text[yaml_start..pos],
                yaml_line: 2,
                body: &text[pos + line.len()..],
                body_offset: pos + line.len(),
            });
        }
        pos += line.len();
    }
    None
}

pub fn parse(path: &Path, text: &str) -> Result<(FrontMatter, usize), Problem> {
    let Some(split) = split(text) else {
        return Err(Problem::at(
            path,
            1,
            1,
            "missing front matter: a page starts with a line `---`, then YAML such as `title: 页面标题`, then a line `---`",
        ));
    };
    let front: FrontMatter =
        serde_yaml::from_str(split.yaml).map_err(|e| yaml_problem(path, &e, split.yaml_line - 1))?;
    if front.title.trim().is_empty() {
        return Err(Problem::at(path, split.yaml_line, 1, "front matter `title` is empty"));
    }
    Ok((front, split.body_offset))
}

/// A YAML error in `path`, its line shifted by `line_offset` lines (where the
/// YAML starts inside the file).
pub fn yaml_problem(path: &Path, err: &serde_yaml::Error, line_offset: usize) -> Problem {
    let message = strip_location(&err.to_string());
    match err.location() {
        Some(loc) => Problem::at(path, loc.line() + line_offset, loc.column(), message),
        None => Problem::new(path, message),
    }
}

/// serde_yaml appends "at line L column C" relative to the YAML block; we
/// print the file's own position in front instead.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
