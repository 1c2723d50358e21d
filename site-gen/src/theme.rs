//! The theme: tera templates and static assets.
//!
//! A theme folder holds `templates/` (tera, Jinja2-like; `base.html` has the
//! blocks a maintainer overrides) and `static/` (copied to `static/` in the
//! output as it is). The view structs in `views.rs` are the contract.

use std::path::Path;

use tera::Tera;

use crate::files;
use crate::problem::{chain, Problem};

pub struct Theme {
    pub tera: Tera,
    /// Paths inside `static/`, copied to `static/…` in the output.
    pub assets: Vec<String>,
}

pub fn load(theme_dir: &Path) -> Result<Theme, Vec<Problem>> {
    let templates_dir = theme_dir.join("templates");
    let mut problems = Vec::new();
    let mut templates = Vec::new();
    for rel in files::list(&templates_dir, &mut problems) {
        let path = templates_dir.join(&rel);
        match std::fs::read_to_string(&path) {
            Ok(text) => templates.push((rel, text)),
            Err(e) => problems.push(Problem::io(&path, "read the template", &e)),
        }
    }
    if templates.is_empty() && problems.is_empty() {
        problems.push(Problem::new(&templates_dir, "the theme has no templates"));
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    if let Err(e) = tera.add_raw_templates(templates) {
        problems.push(Problem::new(&templates_dir, format!("template error: {}", chain(&e))));
    }
    let assets = files::list(&theme_dir.join("static"), &mut problems);
    if problems.is_empty() {
        Ok(Theme { tera, assets })
    } else {
        Err(problems)
    }
}

/// Escapes what HTML needs escaped in text and quoted attributes. Unlike
/// tera's default it leaves `/` alone, so relative URLs stay readable.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}
