//! A built page's readable text, cut at its headings: what the search
//! index holds and what the results page quotes.
//!
//! Read from the page as rendered (Markdown pages and form pages alike),
//! inside `<main>` only, so the header, navigation and footer every page
//! shares are not found on every page. Left out as a reader never reads
//! them as text: `nav` (breadcrumbs, contents lists), scripts, styles,
//! buttons, lists for autocompletion, anything `hidden` or
//! `aria-hidden="true"`, and anything a theme marks `data-search-skip`.

/// A part of a page: what stands under one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's `id` (the link's `#fragment`); empty for the top of
    /// the page, before its first heading below the title.
    pub anchor: String,
    pub heading: String,
    /// 1 for the page's title, 2–6 for its headings.
    pub level: u8,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Output path: `guide/how-to-apply.html`.
    pub path: String,
    pub title: String,
    pub sections: Vec<Section>,
}

/// Elements whose content is not read.
const SKIPPED: &[&str] =
    &["nav", "script", "style", "template", "noscript", "button", "datalist", "select", "svg", "textarea", "head"];
/// Elements inside running text: no break before or after them.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s",
    "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

struct Open {
    name: String,
    skip: bool,
    id: Option<String>,
}

/// The text of the page at `path`, whose HTML is `html`.
pub fn extract(path: &str, html: &str) -> Document {
    let region = main_region(html);
    let mut doc = Document {
        path: path.to_string(),
        title: String::new(),
        sections: vec![Section { anchor: String::new(), heading: String::new(), level: 1, text: String::new() }],
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut skipping = 0usize;
    // The heading being read: its level, its anchor, its text.
    let mut heading: Option<(u8, String, String)> = None;
    let mut rest = region;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skipping == 0 {
                push_text(&mut doc, &mut heading, rest);
            }
            break;
        };
        if skipping == 0 {
            push_text(&mut doc, &mut heading, &rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(tag) = Tag::parse(rest) else {
            // A `<` that starts no tag is text.
            if skipping == 0 {
                push_text(&mut doc, &mut heading, "<");
            }
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        let name = tag.name.as_str();
        if !tag.closing {
            if name == "script" || name == "style" {
                // Raw text up to the end tag.
                let end = format!("</{name}");
                rest = find_ascii_ci(rest, &end).map_or("", |i| &rest[i..]);
            }
            if !INLINE.contains(&name) {
                brk(&mut doc, &mut heading);
            }
            if VOID.contains(&name) || tag.self_closing {
                continue;
            }
            let skip = SKIPPED.contains(&name) || tag.hidden;
            if skip {
                skipping += 1;
            }
            if skipping == 0 {
                if let Some(level) = heading_level(name) {
                    let anchor = tag.id.clone().or_else(|| stack.iter().rev().find_map(|o| o.id.clone()));
                    heading = Some((level, anchor.unwrap_or_default(), String::new()));
                }
            }
            stack.push(Open { name: tag.name, skip, id: tag.id });
        } else {
            let Some(at) = stack.iter().rposition(|o| o.name == name) else { continue };
            for open in stack.drain(at..).rev() {
                if open.skip {
                    skipping -= 1;
                }
                if heading_level(&open.name).is_some() && skipping == 0 {
                    if let Some((level, anchor, text)) = heading.take() {
                        finish_heading(&mut doc, level, anchor, text.trim().to_string());
                    }
                }
            }
            if !INLINE.contains(&name) {
                brk(&mut doc, &mut heading);
            }
        }
    }
    if let Some((level, anchor, text)) = heading.take() {
        finish_heading(&mut doc, level, anchor, text.trim().to_string());
    }
    for s in &mut doc.sections {
        let trimmed = s.text.trim();
        if trimmed.len() != s.text.len() {
            s.text = trimmed.to_string();
        }
    }
    // The top of the page is headed by the title.
    doc.sections[0].heading = doc.title.clone();
    doc.sections.retain(|s| s.level == 1 || !s.heading.is_empty() || !s.text.is_empty());
    doc
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

fn finish_heading(doc: &mut Document, level: u8, anchor: String, text: String) {
    if level == 1 {
        if doc.title.is_empty() {
            doc.title = text;
        } else {
            // A second title reads as a heading of the top section.
            push_text(doc, &mut None, &text);
        }
        return;
    }
    // Without an id of its own or around it, a heading links to the part before it.
    let anchor =
        if anchor.is_empty() { doc.sections.last().map(|s| s.anchor.clone()).unwrap_or_default() } else { anchor };
    doc.sections.push(Section { anchor, heading: text, level, text: String::new() });
}

/// The part of the page that is read: `<main>`, or `<body>` in a theme without it.
fn main_region(html: &str) -> &str {
    for (open, close) in [("<main", "</main>"), ("<body", "</body>")] {
        if let (Some(start), Some(end)) = (find_ascii_ci(html, open), rfind_ascii_ci(html, close)) {
            if start < end {
                let inner = &html[start..end];
                return inner.find('>').map_or("", |g| &inner[g + 1..]);
            }
        }
    }
    html
}

/// A break between blocks: a space, once.
fn brk(doc: &mut Document, heading: &mut Option<(u8, String, String)>) {
    let text = match heading {
        Some((_, _, t)) => t,
        None => match doc.sections.last_mut() {
            Some(s) => &mut s.text,
            None => return,
        },
    };
    if !text.is_empty() && !text.ends_with(' ') {
        text.push(' ');
    }
}

/// Appends text, entities decoded and white space collapsed.
fn push_text(doc: &mut Document, heading: &mut Option<(u8, String, String)>, raw: &str) {
    if raw.is_empty() {
        return;
    }
    let decoded = decode_entities(raw);
    let text = match heading {
        Some((_, _, t)) => t,
        None => match doc.sections.last_mut() {
            Some(s) => &mut s.text,
            None => return,
        },
    };
    for c in decoded.chars() {
        if c.is_whitespace() {
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
        } else {
            text.push(c);
        }
    }
}

struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    id: Option<String>,
    /// `hidden`, `aria-hidden="true"` or `data-search-skip`.
    hidden: bool,
    /// Bytes from `<` to `>` inclusive.
    len: usize,
}

impl Tag {
    /// The tag at the start of `s` (which starts with `<`), or `None` when
    /// the `<` starts no tag.
    fn parse(s: &str) -> Option<Tag> {
        let bytes = s.as_bytes();
        let mut i = 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
            i += 1;
        }
        if i == name_start || !bytes[name_start].is_ascii_alphabetic() {
            // `<!DOCTYPE>` and the like are skipped whole; anything else is text.
            if bytes.get(1) == Some(&b'!') || bytes.get(1) == Some(&b'?') {
                let end = s.find('>')?;
                return Some(Tag {
                    name: String::from("!"),
                    closing: false,
                    self_closing: true,
                    id: None,
                    hidden: false,
                    len: end + 1,
                });
            }
            return None;
        }
        let name = s[name_start..i].to_ascii_lowercase();
        let mut tag = Tag { name, closing, self_closing: false, id: None, hidden: false, len: 0 };
        // Attributes: name, optionally `=` and a value, quoted or not.
        loop {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                None => return None,
                Some(b'>') => {
                    tag.len = i + 1;
                    return Some(tag);
                }
                Some(b'/') => {
                    tag.self_closing = bytes.get(i + 1) == Some(&b'>');
                    i += 1;
                    continue;
                }
                _ => {}
            }
            let attr_start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let attr = s[attr_start..i].to_ascii_lowercase();
            let mut value = None;
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = s[i + 1..].find(q as char)? + i + 1;
                        value = Some(&s[i + 1..end]);
                        i = end + 1;
                    }
                    _ => {
                        let start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                            i += 1;
                        }
                        value = Some(&s[start..i]);
                    }
                }
            }
            match (attr.as_str(), value) {
                ("id", Some(v)) if !v.is_empty() => tag.id = Some(decode_entities(v)),
                ("hidden" | "data-search-skip", _) => tag.hidden = true,
                ("aria-hidden", Some(v)) if v.eq_ignore_ascii_case("true") => tag.hidden = true,
                _ => {}
            }
            if i == attr_start {
                i += 1; // a stray character: never loop on it
            }
        }
    }
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn rfind_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).rev().find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Character references as the generator and the templates write them:
/// numeric ones and the few named ones in use.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &rest[1..semi];
            let c = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
            } else if let Some(num) = name.strip_prefix('#') {
                num.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    "middot" => Some('·'),
                    "mdash" => Some('—'),
                    "ndash" => Some('–'),
                    "hellip" => Some('…'),
                    "times" => Some('×'),
                    "copy" => Some('©'),
                    _ => None,
                }
            };
            c.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(main: &str) -> String {
        format!("<!DOCTYPE html><html><head><title>t</title></head><body><header>站点名称</header><main id=\"main\">{main}</main><footer>页脚</footer></body></html>")
    }

    #[test]
    fn only_main_is_read_and_headings_cut_it_into_sections() {
        let d = extract(
            "a.html",
            &page("<h1>通知</h1><p class=\"lead\">说明</p><h2 id=\"一\">一、要求</h2><p>正文&amp;更多</p><h3 id=\"x\">细则</h3><p>细节</p>"),
        );
        assert_eq!(d.title, "通知");
        let got: Vec<(&str, &str, u8, &str)> =
            d.sections.iter().map(|s| (s.anchor.as_str(), s.heading.as_str(), s.level, s.text.as_str())).collect();
        assert_eq!(got, [("", "通知", 1, "说明"), ("一", "一、要求", 2, "正文&更多"), ("x", "细则", 3, "细节")]);
    }

    #[test]
    fn navigation_scripts_buttons_and_hidden_parts_are_not_text() {
        let d = extract(
            "a.html",
            &page(concat!(
                "<nav class=\"breadcrumbs\"><a href=\"x\">首页</a></nav><h1>标题</h1>",
                "<div hidden><h2 id=\"h\">请修改以下问题</h2></div><button>打印</button>",
                "<script>var a = \"<p>脚本</p>\";</script><p>可读<span aria-hidden=\"true\">装饰</span>文字</p>",
                "<div data-search-skip>跳过</div><datalist><option value=\"代码\"></option></datalist>"
            )),
        );
        assert_eq!(d.sections.len(), 1, "{d:?}");
        assert_eq!(d.sections[0].text, "可读文字");
    }

    #[test]
    fn blocks_are_separated_so_no_pair_spans_two_of_them() {
        let d = extract("a.html", &page("<h1>T</h1><ul><li>甲乙</li><li>丙丁</li></ul><p>a<strong>强</strong>调</p>"));
        assert_eq!(d.sections[0].text, "甲乙 丙丁 a强调");
    }

    #[test]
    fn a_heading_without_an_id_takes_the_id_around_it() {
        let d = extract(
            "a.html",
            &page("<h1>T</h1><section id=\"s-1\"><h2>一、基本情况</h2><label>名称</label></section><h3>无锚</h3><p>后文</p>"),
        );
        let anchors: Vec<&str> = d.sections.iter().map(|s| s.anchor.as_str()).collect();
        assert_eq!(anchors, ["", "s-1", "s-1"]);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(decode_entities("A&amp;B &#x27;c&#39; &lt;d&gt; &#x2F; &unknown; &"), "A&B 'c' <d> / &unknown; &");
    }
}
