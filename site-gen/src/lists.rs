//! Lists that many pages share — the site navigation, a section's pages —
//! rendered once per folder and spliced into each page.
//!
//! Every page of a folder reaches the others by the same relative URLs, so
//! the partial that prints a list is rendered once for all of them. A page
//! template prints `{{ lists.nav | safe }}` where the list goes and receives
//! a placeholder there; when the page is written the placeholder is replaced
//! by the list, the page's own link marked by adding ` aria-current="page"`
//! after its `href="…"`, without rendering the list again. The theme's
//! README states this contract for theme authors.

use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Tera};

use crate::problem::{chain, Problem};
use crate::views::Link;

/// What marks the current page's link in a list.
pub const CURRENT: &str = " aria-current=\"page\"";

/// The lists a page template can print, each by its own partial.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The site's top navigation (`site.yaml`'s `nav`): `lists.nav`.
    Nav,
    /// The pages of the page's section, for a side menu: `lists.section_nav`.
    SectionNav,
    /// The same pages with their descriptions, for a section's own page:
    /// `lists.section_list`.
    SectionList,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Nav, Kind::SectionNav, Kind::SectionList];

    /// The partial that prints the list, inside the theme's `templates/`.
    pub fn partial(self) -> &'static str {
        match self {
            Kind::Nav => "partials/nav.html",
            Kind::SectionNav => "partials/section-nav.html",
            Kind::SectionList => "partials/section-list.html",
        }
    }
}

/// A list rendered once, for every page of `folder` that prints it.
pub struct List {
    pub kind: Kind,
    /// The output folder its URLs are relative to: `guide`, or `` for the top.
    pub folder: String,
    pub html: String,
    /// The partial's file, for messages.
    pub partial: PathBuf,
    /// Per link: the byte offset in `html` just after its `href="…"`, where
    /// [`CURRENT`] goes when it is the page's own; `None` when the partial
    /// did not print it so.
    marks: Vec<Option<usize>>,
    /// Per link, as printed: for the message when it cannot be marked.
    urls: Vec<String>,
}

/// What the partial receives: `site`, `root` (from the folder back to the
/// site root) and `links`.
pub fn render(
    tera: &Tera,
    site: &Context,
    templates_dir: &Path,
    kind: Kind,
    folder: &str,
    links: &[Link],
) -> Result<List, Problem> {
    let mut ctx = site.clone();
    ctx.insert("root", &root_of(folder));
    ctx.insert("links", links);
    let partial = templates_dir.join(kind.partial());
    let html = tera.render(kind.partial(), &ctx).map_err(|e| {
        Problem::new(&partial, format!("cannot render the list for the pages in {}: {}", place(folder), chain(&e)))
    })?;
    let urls: Vec<String> = links.iter().map(|l| crate::theme::escape_html(&l.url)).collect();
    let marks = find_marks(&html, &urls);
    Ok(List { kind, folder: folder.to_string(), html, partial, marks, urls })
}

/// `` for the top folder, `../` for `guide`, `../../` for `a/b`.
fn root_of(folder: &str) -> String {
    if folder.is_empty() {
        String::new()
    } else {
        "../".repeat(folder.matches('/').count() + 1)
    }
}

/// How messages name a folder of the output.
pub fn place(folder: &str) -> String {
    if folder.is_empty() {
        "the top folder".to_string()
    } else {
        format!("`{folder}/`")
    }
}

/// Where each link's `href="…"` ends, each found after the one before.
fn find_marks(html: &str, urls: &[String]) -> Vec<Option<usize>> {
    let mut from = 0;
    urls.iter()
        .map(|url| {
            let needle = format!("href=\"{url}\"");
            let mut at = from;
            while let Some(i) = html[at..].find(&needle).map(|i| i + at) {
                at = i + needle.len();
                // An attribute name starts after whitespace: not `data-href=`.
                if html[..i].ends_with([' ', '\n', '\t', '\r']) {
                    from = at;
                    return Some(at);
                }
            }
            None
        })
        .collect()
}

/// The placeholder a page prints for list `n`: characters Unicode keeps for
/// a program's internal use, with nothing HTML escapes, so it reaches the
/// output as it is.
pub fn placeholder(n: usize) -> String {
    format!("{OPEN}{n}{CLOSE}")
}

const OPEN: char = '\u{FDD0}';
const CLOSE: char = '\u{FDD1}';

/// A list a page was given, and which of its links are the page's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    pub list: usize,
    /// Indexes into the list's links, ascending.
    pub current: Vec<usize>,
}

/// `lists` in a page template's context: a placeholder for each list the
/// page can print, absent when the theme has no partial for it.
#[derive(Serialize, Default)]
pub struct ListsView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nav: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section_nav: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section_list: Option<String>,
}

impl ListsView {
    pub fn set(&mut self, kind: Kind, n: usize) {
        let slot = match kind {
            Kind::Nav => &mut self.nav,
            Kind::SectionNav => &mut self.section_nav,
            Kind::SectionList => &mut self.section_list,
        };
        *slot = Some(placeholder(n));
    }
}

/// A page as written: its own HTML with the lists it printed put in.
pub struct Spliced<'a> {
    /// The pieces of the page, in order.
    pub pieces: Vec<&'a str>,
    /// The lists it printed, by index.
    pub printed: Vec<usize>,
}

/// Puts the lists `given` to a page into its `html` where it printed their
/// placeholders, each with the page's own links marked.
pub fn splice<'a>(html: &'a str, given: &[Given], lists: &'a [List]) -> Result<Spliced<'a>, Vec<Problem>> {
    let mut out = Spliced { pieces: Vec::new(), printed: Vec::new() };
    let mut problems = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len_utf8()..];
        let number = after.find(CLOSE).and_then(|end| Some((after[..end].parse::<usize>().ok()?, end)));
        let Some((g, end)) = number.and_then(|(n, end)| Some((given.iter().find(|g| g.list == n)?, end))) else {
            // Not a placeholder this page was given: left as it is.
            let keep = start + OPEN.len_utf8();
            out.pieces.push(&rest[..keep]);
            rest = &rest[keep..];
            continue;
        };
        out.pieces.push(&rest[..start]);
        let list = &lists[g.list];
        let mut from = 0;
        for &i in &g.current {
            match list.marks.get(i).copied().flatten() {
                Some(at) => {
                    out.pieces.push(&list.html[from..at]);
                    out.pieces.push(CURRENT);
                    from = at;
                }
                None => problems.push(Problem::new(
                    &list.partial,
                    format!(
                        "the current page cannot be marked in the list for the pages in {}: it has no `href=\"{}\"` after the links before it: print each link of `links`, in order, as `<a href=\"{{{{ item.url }}}}\"…>`",
                        place(&list.folder),
                        list.urls.get(i).map_or("", String::as_str)
                    ),
                )),
            }
        }
        out.pieces.push(&list.html[from..]);
        if !out.printed.contains(&g.list) {
            out.printed.push(g.list);
        }
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.pieces.push(rest);
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(html: &str, urls: &[&str]) -> List {
        let urls: Vec<String> = urls.iter().map(|u| u.to_string()).collect();
        List {
            kind: Kind::SectionNav,
            folder: "guide".into(),
            html: html.into(),
            partial: "partials/section-nav.html".into(),
            marks: find_marks(html, &urls),
            urls,
        }
    }

    fn joined(s: &Spliced) -> String {
        s.pieces.concat()
    }

    #[test]
    fn the_current_link_is_marked_after_its_href() {
        let lists =
            [list(r#"<ul><li><a href="a.html">A</a></li><li><a href="b.html">B</a></li></ul>"#, &["a.html", "b.html"])];
        let page = format!("<body>{}<main>x</main></body>", placeholder(0));
        let s = splice(&page, &[Given { list: 0, current: vec![1] }], &lists).unwrap();
        assert_eq!(
            joined(&s),
            r#"<body><ul><li><a href="a.html">A</a></li><li><a href="b.html" aria-current="page">B</a></li></ul><main>x</main></body>"#
        );
        assert_eq!(s.printed, [0]);
    }

    #[test]
    fn links_are_found_in_order_so_a_repeated_url_marks_its_own_place() {
        let l = list(
            r#"<a href="x.html">1</a> <a href="y.html">2</a> <a href="x.html">3</a>"#,
            &["x.html", "y.html", "x.html"],
        );
        let page = placeholder(0);
        let s = splice(&page, &[Given { list: 0, current: vec![2] }], std::slice::from_ref(&l)).unwrap();
        assert_eq!(
            joined(&s),
            r#"<a href="x.html">1</a> <a href="y.html">2</a> <a href="x.html" aria-current="page">3</a>"#
        );
    }

    #[test]
    fn a_list_the_page_was_not_given_is_left_as_written() {
        let lists = [list("<ul></ul>", &[])];
        let page = format!("a{}b", placeholder(0));
        let s = splice(&page, &[], &lists).unwrap();
        assert_eq!(joined(&s), page);
        assert!(s.printed.is_empty());
    }

    #[test]
    fn a_link_printed_otherwise_cannot_be_marked_and_says_how() {
        let lists = [list("<a data-href=\"a.html\">A</a><a href='a.html'>A</a>", &["a.html"])];
        let page = placeholder(0);
        let errors = splice(&page, &[Given { list: 0, current: vec![0] }], &lists).err().unwrap();
        assert_eq!(
            errors[0].to_string(),
            "partials/section-nav.html: the current page cannot be marked in the list for the pages in `guide/`: it has no `href=\"a.html\"` after the links before it: print each link of `links`, in order, as `<a href=\"{{ item.url }}\"…>`"
        );
    }
}
