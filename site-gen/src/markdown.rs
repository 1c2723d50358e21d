//! Markdown to HTML with pulldown-cmark: stable heading anchors (Chinese
//! included), a table of contents, and internal links rewritten to relative
//! URLs with their source positions kept for checking.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::html_policy;
use crate::links::{relative, SiteIndex, Target};
use crate::problem::line_col;

#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// An internal link, kept to check its `#fragment` once every page is rendered.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub output: String,
    pub fragment: Option<String>,
    pub dest: String,
    pub line: usize,
    pub col: usize,
}

pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    /// (line, column, message) of links that resolve to nothing.
    pub errors: Vec<(usize, usize, String)>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS
}

/// Renders the body of the page at `source` (written to `output`). `text` is
/// the whole file and the body starts at `body_offset`, so positions are the
/// file's own.
/// `allow_html` names the plain tags a site lets pages carry (see `html_policy`).
pub fn render(
    text: &str,
    body_offset: usize,
    source: &str,
    output: &str,
    index: &SiteIndex,
    allow_html: &[String],
) -> Rendered {
    let body = &text[body_offset..];
    let mut events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(body, options()).into_offset_iter().collect();
    let headings = assign_heading_ids(&mut events);

    let mut links = Vec::new();
    let mut errors = refusals(&events, text, body_offset, allow_html);
    for (event, range) in events.iter_mut() {
        let dest = match event {
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let (line, col) = line_col(text, body_offset + range.start);
        if html_policy::destination(dest).is_some() {
            continue;
        }
        match index.resolve(source, output, dest) {
            Ok(Target::External) => {}
            Ok(Target::Internal { output: target, fragment }) => {
                let href = relative(output, &target, fragment.as_deref());
                links.push(LinkRef { output: target, fragment, dest: dest.to_string(), line, col });
                *dest = CowStr::from(href);
            }
            Err(message) => errors.push((line, col, message)),
        }
    }

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    Rendered { html, headings, links, errors }
}

/// What the page carries that content may not: raw HTML (a block's lines
/// checked together), code-running link schemes, heading attributes.
fn refusals(
    events: &[(Event, std::ops::Range<usize>)],
    text: &str,
    body_offset: usize,
    allow_html: &[String],
) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut at = |offset: usize, message: String| {
        let (line, col) = line_col(text, body_offset + offset);
        out.push((line, col, message));
    };
    let mut block: Option<(usize, String)> = None;
    for (event, range) in events {
        if let Event::Html(h) = event {
            block.get_or_insert_with(|| (range.start, String::new())).1.push_str(h);
            continue;
        }
        if let Some((start, html)) = block.take() {
            if let Some(why) = html_policy::raw_html(&html, allow_html) {
                at(start, why);
            }
        }
        let why = match event {
            Event::InlineHtml(h) => html_policy::raw_html(h, allow_html),
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                html_policy::destination(dest_url)
            }
            Event::Start(Tag::Heading { attrs, .. }) => {
                let attrs: Vec<(String, Option<String>)> =
                    attrs.iter().map(|(k, v)| (k.to_string(), v.as_ref().map(|v| v.to_string()))).collect();
                html_policy::heading_attributes(&attrs)
            }
            _ => None,
        };
        if let Some(why) = why {
            at(range.start, why);
        }
    }
    if let Some((start, html)) = block {
        if let Some(why) = html_policy::raw_html(&html, allow_html) {
            at(start, why);
        }
    }
    out
}

/// Gives every heading an id: the one written (`## 标题 {#id}`) or a slug of
/// its text, made unique on the page with `-1`, `-2`…
fn assign_heading_ids(events: &mut [(Event, std::ops::Range<usize>)]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    // Explicit ids are reserved first so a slug never takes one.
    for (e, _) in events.iter() {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = e {
            used.insert(id.to_string(), 0);
        }
    }
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 {
            let level = *level;
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                    text.push_str(t);
                }
                j += 1;
            }
            let id = match id {
                Some(id) => id.to_string(),
                None => unique(slug(&text), &mut used),
            };
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i].0 {
                *slot = Some(CowStr::from(id.clone()));
            }
            headings.push(Heading { level: level_number(level), id, text: text.trim().to_string() });
            i = j;
        }
        i += 1;
    }
    headings
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn unique(base: String, used: &mut HashMap<String, usize>) -> String {
    let Some(&last) = used.get(&base) else {
        used.insert(base.clone(), 0);
        return base;
    };
    let mut n = last;
    loop {
        n += 1;
        let candidate = format!("{base}-{n}");
        if !used.contains_key(&candidate) {
            used.insert(base, n);
            used.insert(candidate.clone(), 0);
            return candidate;
        }
    }
}

/// An anchor from heading text that keeps Chinese characters (browsers accept
/// them in fragments) and drops punctuation: `三、报送要求` → `三报送要求`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "section".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_chinese_and_drop_punctuation() {
        assert_eq!(slug("三、报送要求"), "三报送要求");
        assert_eq!(slug("How to Apply"), "how-to-apply");
        assert_eq!(slug("（一）原则及定位"), "一原则及定位");
        assert_eq!(slug("！？"), "section");
    }

    #[test]
    fn repeated_headings_get_distinct_ids() {
        let index = SiteIndex::default();
        let r = render("## 情况\n\n## 情况\n\n## 其他 {#情况-1}\n", 0, "a.md", "a.html", &index, &[]);
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["情况", "情况-2", "情况-1"]);
        assert!(r.html.contains(r#"<h2 id="情况-2">"#), "{}", r.html);
    }
}
