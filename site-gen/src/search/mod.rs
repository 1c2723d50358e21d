//! Search that finds Chinese, from a folder on disk: a results page
//! (`search.html`, rendered by the theme's `search.html` template) and an
//! index built from every page's text, written as classic scripts that the
//! page loads as a query needs them (see [`index`]).
//!
//! A theme without a `search.html` template gets neither: the site has no
//! search, and nothing else changes.

pub mod extract;
pub mod index;
pub mod tokens;

use std::collections::BTreeMap;
use std::path::Path;

use crate::content::Page;
use crate::frontmatter::FrontMatter;
use crate::output::OutputFile;
use crate::pages::Generated;
use crate::problem::Problem;
use crate::theme::Theme;

/// The results page's path in the site, and the theme's template for it.
pub const PAGE: &str = "search.html";
pub const TITLE: &str = "站内搜索";
/// The results page belongs to no section of the content: folders whose
/// name starts with `.` are never read, so no page shares this one.
const SECTION: &str = ".search";

/// Adds the results page when the theme has a template for it; says
/// whether it did. A content page written to the same path is a problem.
pub fn add_page(
    theme: &Theme,
    pages: &mut Vec<Page>,
    generated: &mut BTreeMap<String, Generated>,
    content_dir: &Path,
) -> Result<bool, Vec<Problem>> {
    if !theme.tera.get_template_names().any(|t| t == PAGE) {
        return Ok(false);
    }
    if let Some(taken) = pages.iter().find(|p| p.output == PAGE) {
        return Err(vec![Problem::new(
            taken.file(content_dir),
            format!("writes `{PAGE}`, which is the site's search page: rename this file"),
        )]);
    }
    pages.push(Page {
        source: PAGE.to_string(),
        output: PAGE.to_string(),
        section: SECTION.to_string(),
        describes: None,
        front: FrontMatter {
            title: TITLE.to_string(),
            description: None,
            order: None,
            template: None,
            toc: Some(false),
        },
        text: String::new(),
        body_offset: 0,
    });
    generated.insert(PAGE.to_string(), Generated { template: PAGE.to_string(), context: tera::Context::new() });
    Ok(true)
}

/// The text of a page as written (its pieces joined), for the index; none
/// for the results page itself.
pub fn text(output: &str, pieces: &[&str]) -> Option<extract::Document> {
    (output != PAGE).then(|| extract::extract(output, &pieces.concat()))
}

/// The index files of the pages' texts, numbered by path.
pub fn index_files(mut docs: Vec<extract::Document>) -> Vec<OutputFile> {
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    index::build(&docs).files
}
