//! The last check before anything is written: every relative `href` and
//! `src` in every generated page (Markdown and templates alike) must reach a
//! file of the site, and every `#fragment` an `id` in that file.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::links::{is_external, join};
use crate::pages::RenderedPage;
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

/// Checks Markdown links first (their problems point into `content/`), then
/// every other reference in the output (those point at the template).
pub fn check_links(
    pages: &[RenderedPage],
    outputs: &BTreeSet<String>,
    content_dir: &Path,
    theme_dir: &Path,
) -> Vec<Problem> {
    let ids: HashMap<&str, HashSet<String>> = pages.par_iter().map(|p| (p.output.as_str(), ids(&p.html))).collect();
    let fragment_ok = |output: &str, fragment: &str| -> bool {
        fragment.is_empty() || ids.get(output).is_some_and(|set| set.contains(fragment))
    };

    let mut problems: Vec<Problem> = pages
        .par_iter()
        .flat_map_iter(|page| {
            page.links.iter().filter_map(|link| {
                let fragment = link.fragment.as_deref()?;
                let fragment = percent_decode(fragment);
                (!fragment_ok(&link.output, &fragment)).then(|| {
                    Problem::at(
                        content_dir.join(&page.source),
                        link.line,
                        link.col,
                        format!(
                            "link `{}`: `{}` has no heading or element with id `{fragment}`",
                            link.dest, link.output
                        ),
                    )
                })
            })
        })
        .collect();
    if !problems.is_empty() {
        return problems;
    }

    problems = pages
        .par_iter()
        .flat_map_iter(|page| {
            let dir = crate::content::parent(&page.output);
            let mut refs = attr_values(&page.html, "href");
            refs.extend(attr_values(&page.html, "src"));
            refs.into_iter().filter_map(move |raw| {
                let value = unescape(raw);
                if is_external(&value) {
                    return None;
                }
                let (path, fragment) = value.split_once('#').unwrap_or((&value, ""));
                let path = path.split('?').next().unwrap_or_default();
                let target = if path.is_empty() { Some(page.output.clone()) } else { join(dir, path) };
                let reason = match &target {
                    None => Some("goes above the site root".to_string()),
                    Some(t) if path.starts_with('/') => {
                        Some(format!("starts with `/` and breaks under a sub-path ({t})"))
                    }
                    Some(t) if !outputs.contains(t) => Some(format!("points at `{t}`, which the site does not have")),
                    Some(t) if t.ends_with(".html") && !fragment_ok(t, fragment) => {
                        Some(format!("`{t}` has no element with id `{fragment}`"))
                    }
                    _ => None,
                };
                reason.map(|r| {
                    Problem::new(
                        theme_dir.join("templates"),
                        format!("{} (from {}): reference `{raw}` {r}", page.output, page.source),
                    )
                })
            })
        })
        .collect();
    problems
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
