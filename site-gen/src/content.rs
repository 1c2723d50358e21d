//! Loading `content/`: pages (Markdown with front matter), sections (folders),
//! and assets copied as they are.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::frontmatter::{self, FrontMatter};
use crate::problem::Problem;

/// A page as found in `content/`.
pub struct Page {
    /// Path inside `content/`, with `/` separators: `guide/how-to-apply.md`.
    pub source: String,
    /// Path inside the output: `guide/how-to-apply.html`.
    pub output: String,
    /// The section (folder) the page belongs to: `guide`, or `` for the root.
    /// A section's own `_index.md` belongs to its parent.
    pub section: String,
    /// For `_index.md`: the folder it describes.
    pub describes: Option<String>,
    pub front: FrontMatter,
    /// The whole file; the body starts at `body_offset`.
    pub text: String,
    pub body_offset: usize,
}

impl Page {
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    pub fn file(&self, content_dir: &Path) -> PathBuf {
        content_dir.join(&self.source)
    }
}

/// Everything in `content/`, sorted by path so builds are deterministic.
pub struct Content {
    pub pages: Vec<Page>,
    /// Files copied to the output at the same relative path.
    pub assets: Vec<String>,
    /// Form definitions (`forms/*.yaml`).
    pub forms: Vec<String>,
}

/// Files in `content/` that are read by other stages and never published.
const NOT_PUBLISHED: &[&str] = &["site.yaml"];

pub fn load(content_dir: &Path) -> Result<Content, Vec<Problem>> {
    let mut problems = Vec::new();
    let files = crate::files::list(content_dir, &mut problems);

    let mut sources = Vec::new();
    let mut assets = Vec::new();
    let mut forms = Vec::new();
    for rel in files {
        if rel.ends_with(".md") {
            sources.push(rel);
        } else if rel.starts_with("forms/") && rel.ends_with(".yaml") {
            forms.push(rel);
        } else if rel.starts_with("data/") || NOT_PUBLISHED.contains(&rel.as_str()) {
            // Read by the forms stage or the config loader.
        } else {
            assets.push(rel);
        }
    }

    let loaded: Vec<Result<Page, Problem>> = sources.par_iter().map(|rel| load_page(content_dir, rel)).collect();
    let mut pages = Vec::new();
    for page in loaded {
        match page {
            Ok(p) => pages.push(p),
            Err(p) => problems.push(p),
        }
    }
    check_collisions(content_dir, &pages, &mut problems);
    if problems.is_empty() {
        Ok(Content { pages, assets, forms })
    } else {
        Err(problems)
    }
}

fn load_page(content_dir: &Path, rel: &str) -> Result<Page, Problem> {
    let path = content_dir.join(rel);
    let text = crate::files::read_inside(content_dir, rel, "the page")?;
    let (front, body_offset) = frontmatter::parse(&path, &text)?;
    let (dir, file) = match rel.rsplit_once('/') {
        Some((d, f)) => (d.to_string(), f),
        None => (String::new(), rel),
    };
    let stem = file.trim_end_matches(".md");
    let is_index = stem == "_index" || (stem == "index" && dir.is_empty());
    let output = match (is_index, dir.is_empty()) {
        (true, true) => "index.html".to_string(),
        (true, false) => format!("{dir}/index.html"),
        (false, true) => format!("{stem}.html"),
        (false, false) => format!("{dir}/{stem}.html"),
    };
    let (section, describes) =
        if stem == "_index" && !dir.is_empty() { (parent(&dir).to_string(), Some(dir)) } else { (dir, None) };
    Ok(Page { source: rel.to_string(), output, section, describes, front, text, body_offset })
}

pub fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(p, _)| p)
}

fn check_collisions(content_dir: &Path, pages: &[Page], problems: &mut Vec<Problem>) {
    let mut seen: std::collections::BTreeMap<&str, &str> = Default::default();
    for page in pages {
        if let Some(first) = seen.insert(&page.output, &page.source) {
            problems.push(Problem::new(
                page.file(content_dir),
                format!("writes `{}`, which `{first}` writes too: rename one of them", page.output),
            ));
        }
    }
}
