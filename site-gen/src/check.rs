//! The link check, run as pages are made: every relative `href` and `src` in
//! every generated page (Markdown and templates alike) must reach a file of
//! the site, and every `#fragment` an `id` in that file. A list shared by
//! the pages of a folder is checked once for all of them.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::links::{is_external, join};
use crate::lists::{place, List};
use crate::markdown::LinkRef;
use crate::problem::Problem;

/// Values of `attr=…` in `html`, in order, quoted with `"` or `'` or not
/// at all (a theme's hand-written HTML may use any of them; a reference
/// that is not seen is not checked).
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!("{attr}=");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&needle).map(|i| i + from) {
        let value_start = i + needle.len();
        from = value_start;
        // An attribute name starts after whitespace: not `data-href=`.
        if !html[..i].ends_with([' ', '\n', '\t', '\r']) {
            continue;
        }
        let after = &html[value_start..];
        let (value, consumed) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(end) => (&after[1..1 + end], end + 2),
                None => break,
            },
            _ => {
                let end = after.find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(after.len());
                (&after[..end], end)
            }
        };
        out.push(value);
        from = value_start + consumed;
    }
    out
}

fn unescape(value: &str) -> Cow<'_, str> {
    // Nearly every URL has nothing to decode: no allocation, no searching.
    if !value.contains(['&', '%']) {
        return Cow::Borrowed(value);
    }
    let value = value
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/");
    Cow::Owned(percent_decode(&value))
}

/// Decodes `%E4%B8%89` to `三`; malformed escapes stay as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let (hi, lo) = (bytes[i + 1], bytes[i + 2]);
            if hi.is_ascii_hexdigit() && lo.is_ascii_hexdigit() {
                out.push(hex(hi) * 16 + hex(lo));
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn hex(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c - b'A' + 10,
    }
}

pub fn ids(html: &str) -> HashSet<String> {
    attr_values(html, "id").into_iter().map(|v| unescape(v).into_owned()).collect()
}

/// Where a reference in the output leads, once its relative path is joined
/// to the folder it is printed in.
enum Leads {
    /// Another site, or a file of this one with no fragment to check.
    Done,
    /// A `#fragment` of the page printing it.
    Itself(String),
    /// A `#fragment` of another page: the page, the fragment.
    Page(String, String),
}

/// Resolves `raw`, printed in a file of the output folder `dir`; the reason
/// when it leads nowhere.
fn follow(raw: &str, dir: &str, outputs: &BTreeSet<String>) -> Result<Leads, String> {
    let value = unescape(raw);
    if is_external(&value) {
        return Ok(Leads::Done);
    }
    let (path, fragment) = value.split_once('#').unwrap_or((&value, ""));
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() {
        return Ok(if fragment.is_empty() { Leads::Done } else { Leads::Itself(fragment.to_string()) });
    }
    let Some(target) = join(dir, path) else { return Err("goes above the site root".to_string()) };
    if path.starts_with('/') {
        return Err(format!("starts with `/` and breaks under a sub-path ({target})"));
    }
    if !outputs.contains(&target) {
        return Err(format!("points at `{target}`, which the site does not have"));
    }
    Ok(if target.ends_with(".html") && !fragment.is_empty() {
        Leads::Page(target, fragment.to_string())
    } else {
        Leads::Done
    })
}

/// Every `href` and `src` of `html`, in order.
fn references(html: &str) -> impl Iterator<Item = &str> {
    attr_values(html, "href").into_iter().chain(attr_values(html, "src"))
}

/// Where a reference whose fragment is checked at the end was written.
enum Written {
    /// A Markdown link: its file, line and column.
    Markdown { dest: String, line: usize, col: usize },
    /// A reference printed by the page's template.
    Template { raw: String },
}

/// A reference to a `#fragment` of `target`, checked once every page is known.
struct Pending {
    target: String,
    fragment: String,
    written: Written,
}

/// What the check keeps of a page once it is written: its ids and the
/// references it makes to fragments, not its HTML.
pub struct Kept {
    output: String,
    source: String,
    ids: HashSet<String>,
    /// The lists printed in it, whose ids are the page's too.
    lists: Vec<usize>,
    pending: Vec<Pending>,
}

/// What the check keeps of a list: its ids, its references that lead
/// nowhere, and those to fragments, reported only if a page prints it.
pub struct KeptList {
    folder: String,
    partial: PathBuf,
    ids: HashSet<String>,
    broken: Vec<Problem>,
    /// `#fragment`s of whichever page prints it, as written.
    of_itself: Vec<(String, String)>,
    /// Fragments of other pages: target, fragment, as written.
    of_pages: Vec<(String, String, String)>,
}

/// The problems of the link check, in the order they are reported: those of
/// Markdown links first (they point into `content/`); only when there are
/// none, those of the references the templates print.
#[derive(Default)]
pub struct Found {
    pub markdown: Vec<Problem>,
    pub references: Vec<Problem>,
}

impl Found {
    pub fn into_problems(self) -> Vec<Problem> {
        if self.markdown.is_empty() {
            self.references
        } else {
            self.markdown
        }
    }
}

/// The link check, run as pages are made: what can be checked from a page
/// alone is checked at once, and only ids and references to fragments are
/// kept for the end, so the check holds no page's HTML.
pub struct LinkCheck<'a> {
    pub outputs: &'a BTreeSet<String>,
    pub content_dir: &'a Path,
    pub theme_dir: &'a Path,
}

impl LinkCheck<'_> {
    /// Checks a page's own HTML (`html`, without the lists put into it) and
    /// the Markdown links it was rendered from; `lists` are those printed in it.
    pub fn page(
        &self,
        output: &str,
        source: &str,
        html: &str,
        links: &[LinkRef],
        lists: Vec<usize>,
    ) -> (Kept, Vec<Problem>) {
        let mut pending: Vec<Pending> = links
            .iter()
            .filter_map(|link| {
                let fragment = percent_decode(link.fragment.as_deref()?);
                (!fragment.is_empty()).then(|| Pending {
                    target: link.output.clone(),
                    fragment,
                    written: Written::Markdown { dest: link.dest.clone(), line: link.line, col: link.col },
                })
            })
            .collect();
        let mut problems = Vec::new();
        let dir = crate::content::parent(output);
        for raw in references(html) {
            let (target, fragment) = match follow(raw, dir, self.outputs) {
                Ok(Leads::Done) => continue,
                Ok(Leads::Itself(f)) => (output.to_string(), f),
                Ok(Leads::Page(t, f)) => (t, f),
                Err(reason) => {
                    problems.push(self.template_problem(output, source, raw, &reason));
                    continue;
                }
            };
            let written = Written::Template { raw: raw.to_string() };
            pending.push(Pending { target, fragment, written });
        }
        let kept = Kept { output: output.to_string(), source: source.to_string(), ids: ids(html), lists, pending };
        (kept, problems)
    }

    /// Checks a list once for all the pages of its folder.
    pub fn list(&self, list: &List) -> KeptList {
        let mut kept = KeptList {
            folder: list.folder.clone(),
            partial: list.partial.clone(),
            ids: ids(&list.html),
            broken: Vec::new(),
            of_itself: Vec::new(),
            of_pages: Vec::new(),
        };
        for raw in references(&list.html) {
            match follow(raw, &list.folder, self.outputs) {
                Ok(Leads::Done) => {}
                Ok(Leads::Itself(f)) => kept.of_itself.push((f, raw.to_string())),
                Ok(Leads::Page(t, f)) => kept.of_pages.push((t, f, raw.to_string())),
                Err(reason) => kept.broken.push(list_problem(&kept, raw, &reason)),
            }
        }
        kept
    }

    /// Checks every reference to a fragment, now that every page's ids are known.
    pub fn finish(&self, pages: &[Kept], lists: &[KeptList]) -> Found {
        let by_output: HashMap<&str, &Kept> = pages.iter().map(|k| (k.output.as_str(), k)).collect();
        let has_id = |output: &str, fragment: &str| {
            by_output
                .get(output)
                .is_some_and(|k| k.ids.contains(fragment) || k.lists.iter().any(|&l| lists[l].ids.contains(fragment)))
        };
        let mut found = Found::default();
        for page in pages {
            for p in page.pending.iter().filter(|p| !has_id(&p.target, &p.fragment)) {
                let (target, fragment) = (&p.target, &p.fragment);
                match &p.written {
                    Written::Markdown { dest, line, col } => found.markdown.push(Problem::at(
                        self.content_dir.join(&page.source),
                        *line,
                        *col,
                        format!("link `{dest}`: `{target}` has no heading or element with id `{fragment}`"),
                    )),
                    Written::Template { raw } => found.references.push(self.template_problem(
                        &page.output,
                        &page.source,
                        raw,
                        &format!("`{target}` has no element with id `{fragment}`"),
                    )),
                }
            }
            for list in page.lists.iter().map(|&l| &lists[l]) {
                for (fragment, raw) in list.of_itself.iter().filter(|(f, _)| !has_id(&page.output, f)) {
                    let why = format!("`{}` has no element with id `{fragment}`", page.output);
                    found.references.push(list_problem(list, raw, &why));
                }
            }
        }
        // A list no page printed is in no page of the site.
        let printed: BTreeSet<usize> = pages.iter().flat_map(|p| p.lists.iter().copied()).collect();
        for list in printed.into_iter().map(|l| &lists[l]) {
            found.references.extend(list.broken.iter().cloned());
            for (target, fragment, raw) in list.of_pages.iter().filter(|(t, f, _)| !has_id(t, f)) {
                found.references.push(list_problem(
                    list,
                    raw,
                    &format!("`{target}` has no element with id `{fragment}`"),
                ));
            }
        }
        found
    }

    fn template_problem(&self, output: &str, source: &str, raw: &str, reason: &str) -> Problem {
        Problem::new(self.theme_dir.join("templates"), format!("{output} (from {source}): reference `{raw}` {reason}"))
    }
}

fn list_problem(list: &KeptList, raw: &str, reason: &str) -> Problem {
    Problem::new(
        &list.partial,
        format!("as printed in the pages of {}: reference `{raw}` {reason}", place(&list.folder)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_however_quoted() {
        let html =
            r#"<a href="a.html">x</a><a href='b.html'>y</a><a href=c.html>z</a><img data-href="no.html" src=d.png>"#;
        assert_eq!(attr_values(html, "href"), ["a.html", "b.html", "c.html"]);
        assert_eq!(attr_values(html, "src"), ["d.png"]);
    }

    #[test]
    fn finds_quoted_attributes() {
        let html = r#"<a href="a.html#x">a</a><h2 id="三">三</h2><img src="static/i.png">"#;
        assert_eq!(attr_values(html, "href"), ["a.html#x"]);
        assert_eq!(attr_values(html, "src"), ["static/i.png"]);
        assert!(ids(html).contains("三"));
        assert_eq!(percent_decode("%E4%B8%89"), "三");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
