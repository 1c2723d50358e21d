//! Rendering every page: Markdown to HTML, then through its template.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use tera::Context;

use crate::config::SiteConfig;
use crate::content::Page;
use crate::links::{relative, root_prefix, SiteIndex};
use crate::markdown::{self, LinkRef};
use crate::problem::{chain, Problem};
use crate::theme::Theme;
use crate::views::{chinese_date, toc, Link, PageView, SiteView};

pub struct RenderedPage {
    pub output: String,
    pub source: String,
    pub html: String,
    /// Internal links written in the Markdown, to check their fragments.
    pub links: Vec<LinkRef>,
}

/// Pages grouped by section, each group in navigation order.
struct Sections<'a> {
    by_section: BTreeMap<&'a str, Vec<&'a Page>>,
    /// Folder → its `_index.md` page.
    index_of: BTreeMap<&'a str, &'a Page>,
}

impl<'a> Sections<'a> {
    fn new(pages: &'a [Page]) -> Self {
        let mut by_section: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
        let mut index_of = BTreeMap::new();
        for page in pages {
            if page.output == "index.html" {
                index_of.insert("", page);
                continue;
            }
            by_section.entry(page.section.as_str()).or_default().push(page);
            if let Some(dir) = &page.describes {
                index_of.insert(dir.as_str(), page);
            }
        }
        for group in by_section.values_mut() {
            group.sort_by(|a, b| {
                (a.front.order.unwrap_or(i64::MAX), &a.front.title, &a.source).cmp(&(
                    b.front.order.unwrap_or(i64::MAX),
                    &b.front.title,
                    &b.source,
                ))
            });
        }
        Sections { by_section, index_of }
    }
}

fn link<'a>(from: &Page, to: &'a Page) -> Link<'a> {
    Link {
        title: &to.front.title,
        description: to.front.description.as_deref(),
        url: relative(&from.output, &to.output, None),
        current: from.output == to.output,
    }
}

/// The top navigation entries, resolved once: `notice.md` or a folder name.
struct NavTarget<'a> {
    page: &'a Page,
    title: &'a str,
    /// For a section: `guide/`, so its pages mark it current too.
    folder: String,
}

fn resolve_nav<'a>(
    config: &'a SiteConfig,
    pages: &'a [Page],
    sections: &Sections<'a>,
    config_path: &Path,
) -> Result<Vec<NavTarget<'a>>, Vec<Problem>> {
    let mut nav = Vec::new();
    let mut problems = Vec::new();
    for entry in &config.nav {
        let path = entry.path().trim_end_matches('/');
        let found = match pages.iter().find(|p| p.source == path) {
            Some(page) => Some((page, String::new())),
            None => sections.index_of.get(path).map(|page| (*page, format!("{path}/"))),
        };
        match found {
            Some((page, folder)) => {
                nav.push(NavTarget { page, title: entry.title().unwrap_or(&page.front.title), folder })
            }
            None => problems.push(Problem::new(
                config_path,
                format!(
                    "`nav` names `{}`, which is neither a page (`notice.md`) nor a folder with an `_index.md`",
                    entry.path()
                ),
            )),
        }
    }
    if problems.is_empty() {
        Ok(nav)
    } else {
        Err(problems)
    }
}

/// A page made by the generator rather than written in Markdown (a form
/// page): its template and what that template receives besides `site` and `page`.
pub struct Generated {
    pub template: String,
    pub context: Context,
}

pub fn render_all(
    config: &SiteConfig,
    pages: &[Page],
    generated: &BTreeMap<String, Generated>,
    theme: &Theme,
    index: &SiteIndex,
    content_dir: &Path,
    theme_dir: &Path,
) -> Result<Vec<RenderedPage>, Vec<Problem>> {
    let sections = Sections::new(pages);
    let nav = resolve_nav(config, pages, &sections, &content_dir.join(crate::config::FILE))?;
    let site = SiteView {
        config,
        deadline_text: chinese_date(&config.dates.deadline),
        issued_text: chinese_date(&config.dates.issued),
    };
    let mut base = Context::new();
    base.insert("site", &site);

    let results: Vec<Result<RenderedPage, Vec<Problem>>> = pages
        .par_iter()
        .map(|page| {
            let md =
                markdown::render(&page.text, page.body_offset, &page.source, &page.output, index, &config.allow_html);
            let file = page.file(content_dir);
            if !md.errors.is_empty() {
                return Err(md.errors.into_iter().map(|(l, c, m)| Problem::at(&file, l, c, m)).collect());
            }
            let view = page_view(page, &md, &sections, &nav);
            let mut ctx = base.clone();
            ctx.insert("page", &view);
            let extra = generated.get(&page.output);
            if let Some(g) = extra {
                ctx.extend(g.context.clone());
            }
            let template = extra.map_or_else(|| template_name(page), |g| g.template.clone());
            let html = theme.tera.render(&template, &ctx).map_err(|e| {
                vec![Problem::new(
                    theme_dir.join("templates").join(&template),
                    format!("cannot render {}: {}", page.source, chain(&e)),
                )]
            })?;
            Ok(RenderedPage { output: page.output.clone(), source: page.source.clone(), html, links: md.links })
        })
        .collect();

    crate::problem::collect_all(results)
}

/// A link to `to`, with the navigation's short label when it is in the navigation.
fn labelled_link<'a>(from: &Page, to: &'a Page, nav: &[NavTarget<'a>]) -> Link<'a> {
    let mut l = link(from, to);
    if let Some(t) = nav.iter().find(|t| std::ptr::eq(t.page, to)) {
        l.title = t.title;
    }
    l
}

fn template_name(page: &Page) -> String {
    match &page.front.template {
        Some(t) => t.clone(),
        None if page.output == "index.html" => "index.html".to_string(),
        None if page.describes.is_some() => "section.html".to_string(),
        None => "page.html".to_string(),
    }
}

fn page_view<'a>(
    page: &'a Page,
    md: &'a markdown::Rendered,
    sections: &Sections<'a>,
    nav: &[NavTarget<'a>],
) -> PageView<'a> {
    let kind = if page.output == "index.html" {
        "home"
    } else if page.describes.is_some() {
        "section"
    } else {
        "page"
    };
    let toc = toc(&md.headings);
    let show_toc = page.front.toc.unwrap_or(toc.len() + toc.iter().map(|t| t.children.len()).sum::<usize>() >= 2);

    let nav_links = nav
        .iter()
        .map(|t| {
            let mut l = link(page, t.page);
            l.title = t.title;
            l.current = l.current || (!t.folder.is_empty() && page.source.starts_with(t.folder.as_str()));
            l
        })
        .collect();

    let mut breadcrumbs = Vec::new();
    if kind != "home" {
        if let Some(home) = sections.index_of.get("") {
            breadcrumbs.push(labelled_link(page, home, nav));
        }
        let mut dir = page.section.as_str();
        let mut chain = Vec::new();
        while !dir.is_empty() {
            if let Some(p) = sections.index_of.get(dir) {
                chain.push(labelled_link(page, p, nav));
            }
            dir = crate::content::parent(dir);
        }
        breadcrumbs.extend(chain.into_iter().rev());
    }

    let listed_section = page.describes.as_deref().unwrap_or(&page.section);
    let section_pages = if kind == "home" {
        Vec::new()
    } else {
        sections
            .by_section
            .get(listed_section)
            .map(|group| group.iter().map(|p| link(page, p)).collect())
            .unwrap_or_default()
    };

    PageView {
        title: &page.front.title,
        description: page.front.description.as_deref(),
        kind,
        content: &md.html,
        toc: if show_toc { toc } else { Vec::new() },
        root: root_prefix(&page.output),
        path: &page.output,
        source: &page.source,
        nav: nav_links,
        breadcrumbs,
        section_pages,
    }
}
