//! Internal links: resolving what authors write to what the site holds, and
//! writing it back as a relative URL, so the built folder works from any
//! sub-path and straight from disk (`file://`).

use std::collections::{BTreeMap, BTreeSet};

/// What a link may point at, by content path.
#[derive(Default)]
pub struct SiteIndex {
    /// `guide/how-to-apply.md` → `guide/how-to-apply.html`; forms' YAML too.
    pub sources: BTreeMap<String, String>,
    /// Output paths of every file the site will hold.
    pub outputs: BTreeSet<String>,
    /// Pages the site makes that have no file of their own in the content
    /// folder (the 推荐单位 page): linked by their `.html`.
    pub made: BTreeSet<String>,
}

/// Where a link goes once resolved.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// Another site or scheme (`https:`, `mailto:`, `tel:`): left as written.
    External,
    /// A file of this site, by output path, with an optional `#fragment`.
    Internal { output: String, fragment: Option<String> },
}

pub fn is_external(dest: &str) -> bool {
    let scheme_end = dest.find(':');
    let path_start = dest.find(['/', '#', '?']).unwrap_or(dest.len());
    matches!(scheme_end, Some(i) if i < path_start && i > 0) || dest.starts_with("//")
}

impl SiteIndex {
    /// Resolves `dest`, written in the content file `from_source`, whose own
    /// output is `from_output`.
    pub fn resolve(&self, from_source: &str, from_output: &str, dest: &str) -> Result<Target, String> {
        if is_external(dest) {
            return Ok(Target::External);
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (dest, None),
        };
        if path.is_empty() {
            return Ok(Target::Internal { output: from_output.to_string(), fragment });
        }
        if path.starts_with('/') {
            return Err(format!(
                "link `{dest}` starts with `/`, which breaks under a sub-path and from a folder on disk: write the path relative to this file"
            ));
        }
        let joined = join(crate::content::parent(from_source), path)
            .ok_or_else(|| format!("link `{dest}` goes above the content folder"))?;
        if let Some(output) = self.sources.get(&joined) {
            return Ok(Target::Internal { output: output.clone(), fragment });
        }
        if self.outputs.contains(&joined) && (!joined.ends_with(".html") || self.made.contains(&joined)) {
            return Ok(Target::Internal { output: joined, fragment });
        }
        let hint = if joined.ends_with(".html") { " (link to the page's .md file, not its .html)" } else { "" };
        Err(format!("link `{dest}` points at `{joined}`, which is not in the content folder{hint}"))
    }
}

/// Joins a relative `path` onto folder `dir`, folding `.` and `..`.
pub fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The prefix that leads from output file `from` back to the site root:
/// `` for `index.html`, `../` for `guide/how-to-apply.html`.
pub fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// The relative URL from output file `from` to output file `to`.
pub fn relative(from: &str, to: &str, fragment: Option<&str>) -> String {
    let mut url = if from == to && fragment.is_some() {
        String::new()
    } else {
        let from_dir: Vec<&str> = from.split('/').collect();
        let to_parts: Vec<&str> = to.split('/').collect();
        let from_dir = &from_dir[..from_dir.len() - 1];
        let common = from_dir.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
        let mut url = "../".repeat(from_dir.len() - common);
        url.push_str(&to_parts[common..].join("/"));
        url
    };
    if let Some(f) = fragment {
        url.push('#');
        url.push_str(f);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_walk_up_and_down() {
        assert_eq!(relative("index.html", "notice.html", None), "notice.html");
        assert_eq!(relative("guide/a.html", "notice.html", Some("x")), "../notice.html#x");
        assert_eq!(relative("guide/a.html", "guide/b.html", None), "b.html");
        assert_eq!(relative("guide/a.html", "guide/a.html", Some("t")), "#t");
        assert_eq!(relative("a/b/c.html", "a/d/e.html", None), "../d/e.html");
        assert_eq!(root_prefix("a/b/c.html"), "../../");
    }

    #[test]
    fn schemes_are_external() {
        assert!(is_external("https://example.org"));
        assert!(is_external("mailto:a@b.c"));
        assert!(!is_external("notice.md#a:b"));
        assert!(!is_external("../notice.md"));
    }
}
