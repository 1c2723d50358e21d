//! `content/site.yaml`: the site's own settings.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::frontmatter::yaml_problem;
use crate::problem::Problem;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    /// The notice's own title, as printed on it (without 书名号): the footer
    /// cites the notice by it, never by the site's title.
    #[serde(default)]
    pub notice_title: Option<String>,
    /// Shorter title for the header and the browser tab.
    #[serde(default)]
    pub short_title: Option<String>,
    pub language: String,
    /// The body that issued the call, e.g. 广东省工业和信息化厅.
    pub issuer: String,
    pub document_number: String,
    pub dates: KeyDates,
    #[serde(default)]
    pub contact: Option<Contact>,
    /// What the notice asks to be submitted and in what form, one or two
    /// sentences printed on every form page (beside the note that the data
    /// file is the applicant's own copy, not a submission).
    #[serde(default)]
    pub submission_note: Option<String>,
    /// Top navigation, in order.
    #[serde(default)]
    pub nav: Vec<NavEntry>,
    /// Plain HTML tags pages may carry (`[br, sup]`), without attributes;
    /// none by default: content is Markdown and nothing in it may run.
    #[serde(default)]
    pub allow_html: Vec<String>,
}

/// A page (`notice.md`) or section folder (`guide`), by its content path,
/// optionally with a shorter label than its title: `{path: index.md, title: 首页}`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum NavEntry {
    Path(String),
    Labelled { path: String, title: String },
}

impl NavEntry {
    pub fn path(&self) -> &str {
        match self {
            NavEntry::Path(p) | NavEntry::Labelled { path: p, .. } => p,
        }
    }

    pub fn title(&self) -> Option<&str> {
        match self {
            NavEntry::Path(_) => None,
            NavEntry::Labelled { title, .. } => Some(title),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KeyDates {
    /// Date the notice was issued, `YYYY-MM-DD`.
    pub issued: String,
    /// The deadline as the notice dates it (`YYYY-MM-DD`; “2025年11月24日前”).
    /// The theme reads it as the last day materials are accepted, that day
    /// included, and says so beside it; the page computes the status from
    /// the reader's own clock.
    pub deadline: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub phone: String,
}

pub const FILE: &str = "site.yaml";

pub fn load(content_dir: &Path) -> Result<SiteConfig, Vec<Problem>> {
    let path = content_dir.join(FILE);
    let text = crate::files::read_inside(content_dir, FILE, "the site settings").map_err(|p| vec![p])?;
    let config: SiteConfig = serde_yaml::from_str(&text).map_err(|e| vec![yaml_problem(&path, &e, 0)])?;
    let mut problems = Vec::new();
    for (name, value) in [("dates.issued", &config.dates.issued), ("dates.deadline", &config.dates.deadline)] {
        if !is_iso_date(value) {
            problems.push(Problem::new(&path, format!("`{name}` must be a date written YYYY-MM-DD, found `{value}`")));
        }
    }
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

fn is_iso_date(s: &str) -> bool {
    form_wasm::date::Date::parse_iso(s).is_some()
}
