//! The template contract: what every template receives.
//!
//! Each page template gets `site` ([`SiteView`]), `page` ([`PageView`]) and
//! `lists` ([`crate::lists::ListsView`]: the navigation and section lists,
//! rendered once per folder by their partials, which get `site`, `root` and
//! `links`, a list of [`Link`]). URLs in them are already relative to the
//! page being rendered; templates put `page.root` in front of paths to the
//! site's own files (`{{ page.root }}static/style.css`). Documented for
//! theme authors in `themes/default/README.md`.

use serde::Serialize;

use crate::config::SiteConfig;
use crate::markdown::Heading;

#[derive(Serialize)]
pub struct SiteView<'a> {
    #[serde(flatten)]
    pub config: &'a SiteConfig,
    /// `dates.deadline` written the Chinese way: `2025年11月24日`.
    pub deadline_text: String,
    pub issued_text: String,
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// `home`, `section` or `page`.
    pub kind: &'static str,
    /// The rendered Markdown body (HTML, already safe: print with `| safe`).
    pub content: &'a str,
    /// Level-2 headings, each with its level-3 headings as `children`, when
    /// the page shows a table of contents.
    pub toc: Vec<TocEntry<'a>>,
    /// From this page back to the site root: `` or `../`.
    pub root: String,
    /// This page's own path in the site: `guide/how-to-apply.html`.
    pub path: &'a str,
    /// This page's source in `content/`: `guide/how-to-apply.md`.
    pub source: &'a str,
    /// Home, then each enclosing section; the page itself is not included.
    pub breadcrumbs: Vec<Link<'a>>,
}

#[derive(Serialize)]
pub struct TocEntry<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub children: Vec<TocEntry<'a>>,
}

/// Nests level-3 headings under the level-2 heading before them.
pub fn toc(headings: &[Heading]) -> Vec<TocEntry<'_>> {
    let mut out: Vec<TocEntry> = Vec::new();
    for h in headings {
        let entry = TocEntry { id: &h.id, text: &h.text, children: Vec::new() };
        match (h.level, out.last_mut()) {
            (2, _) | (3, None) => out.push(entry),
            (3, Some(parent)) => parent.children.push(entry),
            _ => {}
        }
    }
    out
}

/// A link to a page, its URL relative to the page (or, in a list, the
/// folder) it is printed in. Which is the current page is not said here: a
/// list is the same for every page of a folder, and site-gen marks the
/// current page's link when it puts the list into the page.
#[derive(Serialize, Clone)]
pub struct Link<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub url: String,
}

/// `2025-11-24` → `2025年11月24日`.
pub fn chinese_date(iso: &str) -> String {
    match form_wasm::date::Date::parse_iso(iso) {
        Some(d) => format!("{}年{}月{}日", d.year, d.month, d.day),
        None => iso.to_string(),
    }
}
