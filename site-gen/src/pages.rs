//! Rendering every page: Markdown to HTML, then through its template. The
//! lists many pages share are rendered once per folder (`lists.rs`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use rayon::prelude::*;
use tera::Context;

use crate::config::SiteConfig;
use crate::content::Page;
use crate::links::{relative, root_prefix, SiteIndex};
use crate::lists::{self, Given, Kind, List, ListsView};
use crate::markdown::{self, LinkRef};
use crate::problem::{chain, collect_all, Problem};
use crate::theme::Theme;
use crate::views::{chinese_date, toc, Link, PageView, SiteView};

/// A page through its template, before the lists it prints are put in.
pub struct RenderedPage {
    /// The page's own HTML, with a placeholder where each list goes.
    pub html: String,
    /// Internal links written in the Markdown, to check their fragments.
    pub links: Vec<LinkRef>,
    /// The lists the page was given, with its own links in them.
    pub lists: Vec<Given>,
}

/// Pages grouped by section, each group in navigation order.
struct Sections<'a> {
    by_section: BTreeMap<&'a str, Vec<&'a Page>>,
    /// Folder → its `_index.md` page.
    index_of: BTreeMap<&'a str, &'a Page>,
    /// A page's output → its place in its section's group.
    position: HashMap<&'a str, usize>,
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
        let position = by_section
            .values()
            .flat_map(|group| group.iter().enumerate().map(|(i, p)| (p.output.as_str(), i)))
            .collect();
        Sections { by_section, index_of, position }
    }
}

/// A link from the output file `from` (a page, or any file of a list's folder).
fn link<'a>(from: &str, to: &'a Page) -> Link<'a> {
    Link { title: &to.front.title, description: to.front.description.as_deref(), url: relative(from, &to.output, None) }
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

/// Which links a list shows.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Members<'a> {
    /// The site navigation.
    Nav,
    /// The pages of a section, in order.
    Section(&'a str),
    /// None: the home page has no section list.
    Nothing,
}

/// A list as rendered once: which list, which links, from which output folder.
type ListKey<'a> = (Kind, Members<'a>, &'a str);

/// Renders pages one at a time, in any order, with what every page shares
/// prepared once: the site's view, the navigation, the lists of each folder.
pub struct Renderer<'a> {
    config: &'a SiteConfig,
    generated: &'a BTreeMap<String, Generated>,
    theme: &'a Theme,
    index: &'a SiteIndex,
    content_dir: &'a Path,
    theme_dir: &'a Path,
    sections: Sections<'a>,
    nav: Vec<NavTarget<'a>>,
    base: Context,
    /// The kinds of list the theme has a partial for.
    kinds: Vec<Kind>,
    keys: BTreeMap<ListKey<'a>, usize>,
    pub lists: Vec<List>,
}

impl<'a> Renderer<'a> {
    /// Resolves the navigation and renders every list the pages can print,
    /// each once.
    pub fn new(
        config: &'a SiteConfig,
        pages: &'a [Page],
        generated: &'a BTreeMap<String, Generated>,
        theme: &'a Theme,
        index: &'a SiteIndex,
        content_dir: &'a Path,
        theme_dir: &'a Path,
    ) -> Result<Self, Vec<Problem>> {
        let sections = Sections::new(pages);
        let nav = resolve_nav(config, pages, &sections, &content_dir.join(crate::config::FILE))?;
        let site = SiteView {
            config,
            deadline_text: chinese_date(&config.dates.deadline),
            issued_text: chinese_date(&config.dates.issued),
        };
        let mut base = Context::new();
        base.insert("site", &site);
        let kinds: Vec<Kind> =
            Kind::ALL.into_iter().filter(|k| theme.tera.get_template_names().any(|n| n == k.partial())).collect();

        // Each list any page prints, numbered in order.
        let distinct: BTreeSet<ListKey> =
            pages.iter().flat_map(|page| kinds.iter().map(move |&kind| list_key(kind, page))).collect();
        let keys: BTreeMap<ListKey, usize> = distinct.into_iter().enumerate().map(|(n, key)| (key, n)).collect();
        let templates_dir = theme_dir.join("templates");
        let in_order: Vec<&ListKey> = keys.keys().collect();
        let rendered = in_order.par_iter().map(|(kind, members, folder)| {
            let from = if folder.is_empty() { "index.html".to_string() } else { format!("{folder}/index.html") };
            let links: Vec<Link> = match members {
                Members::Nav => nav.iter().map(|t| Link { title: t.title, ..link(&from, t.page) }).collect(),
                Members::Section(s) => sections
                    .by_section
                    .get(s)
                    .map(|group| group.iter().map(|p| link(&from, p)).collect())
                    .unwrap_or_default(),
                Members::Nothing => Vec::new(),
            };
            lists::render(&theme.tera, &base, &templates_dir, *kind, folder, &links).map_err(|p| vec![p])
        });
        let lists = collect_all(rendered.collect::<Vec<_>>())?;
        Ok(Renderer {
            config,
            generated,
            theme,
            index,
            content_dir,
            theme_dir,
            sections,
            nav,
            base,
            kinds,
            keys,
            lists,
        })
    }

    /// The page through its template; the lists it prints are put in when it is written.
    pub fn render(&self, page: &Page) -> Result<RenderedPage, Vec<Problem>> {
        let md = markdown::render(
            &page.text,
            page.body_offset,
            &page.source,
            &page.output,
            self.index,
            &self.config.allow_html,
        );
        let file = page.file(self.content_dir);
        if !md.errors.is_empty() {
            return Err(md.errors.into_iter().map(|(l, c, m)| Problem::at(&file, l, c, m)).collect());
        }
        let view = page_view(page, &md, &self.sections, &self.nav);
        let (lists_view, given) = self.lists_of(page);
        let mut ctx = self.base.clone();
        ctx.insert("page", &view);
        ctx.insert("lists", &lists_view);
        let extra = self.generated.get(&page.output);
        if let Some(g) = extra {
            ctx.extend(g.context.clone());
        }
        let template = extra.map_or_else(|| template_name(page), |g| g.template.clone());
        let html = self.theme.tera.render(&template, &ctx).map_err(|e| {
            vec![Problem::new(
                self.theme_dir.join("templates").join(&template),
                format!("cannot render {}: {}", page.source, chain(&e)),
            )]
        })?;
        Ok(RenderedPage { html, links: md.links, lists: given })
    }

    /// The page's placeholders, and its own links in each list.
    fn lists_of(&self, page: &Page) -> (ListsView, Vec<Given>) {
        let mut view = ListsView::default();
        let mut given = Vec::new();
        for &kind in &self.kinds {
            let key = list_key(kind, page);
            let Some(&n) = self.keys.get(&key) else { continue };
            let current = match key.1 {
                Members::Nav => self
                    .nav
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| {
                        t.page.output == page.output
                            || (!t.folder.is_empty() && page.source.starts_with(t.folder.as_str()))
                    })
                    .map(|(i, _)| i)
                    .collect(),
                Members::Section(s) if s == page.section => {
                    self.sections.position.get(page.output.as_str()).map(|&i| vec![i]).unwrap_or_default()
                }
                Members::Section(_) | Members::Nothing => Vec::new(),
            };
            view.set(kind, n);
            given.push(Given { list: n, current });
        }
        (view, given)
    }
}

/// The list of `kind` that `page` prints: the same for every page of its folder.
fn list_key(kind: Kind, page: &Page) -> ListKey<'_> {
    let members = match kind {
        Kind::Nav => Members::Nav,
        Kind::SectionNav | Kind::SectionList if kind_of(page) == "home" => Members::Nothing,
        Kind::SectionNav | Kind::SectionList => Members::Section(page.describes.as_deref().unwrap_or(&page.section)),
    };
    (kind, members, crate::content::parent(&page.output))
}

fn kind_of(page: &Page) -> &'static str {
    if page.output == "index.html" {
        "home"
    } else if page.describes.is_some() {
        "section"
    } else {
        "page"
    }
}

/// A link to `to`, with the navigation's short label when it is in the navigation.
fn labelled_link<'a>(from: &Page, to: &'a Page, nav: &[NavTarget<'a>]) -> Link<'a> {
    let mut l = link(&from.output, to);
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
    let kind = kind_of(page);
    let toc = toc(&md.headings);
    let show_toc = page.front.toc.unwrap_or(toc.len() + toc.iter().map(|t| t.children.len()).sum::<usize>() >= 2);

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

    PageView {
        title: &page.front.title,
        description: page.front.description.as_deref(),
        kind,
        content: &md.html,
        toc: if show_toc { toc } else { Vec::new() },
        root: root_prefix(&page.output),
        path: &page.output,
        source: &page.source,
        breadcrumbs,
    }
}
