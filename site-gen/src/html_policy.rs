//! What a content page may carry besides Markdown. Pages are the call's
//! text: nothing in them may run. Raw HTML is refused (a site setting,
//! `allow_html`, may allow a few plain tags such as `br` or `sup`, without
//! attributes); so are links to `javascript:`, `data:` and `vbscript:`, and
//! heading attributes other than an id and classes (`{#a onfocus=…}`).

/// Why this raw HTML is refused, if it is. `allowed` are tag names that may
/// stand without attributes; comments are harmless and pass.
pub fn raw_html(html: &str, allowed: &[String]) -> Option<String> {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(end) => {
                    rest = &after[end + 3..];
                    continue;
                }
                None => return Some("an HTML comment that is not closed".into()),
            }
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = rest[1..end].trim();
        let name = tag.trim_start_matches('/').trim_end_matches('/').trim();
        let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric());
        if !(plain && allowed.iter().any(|a| a.eq_ignore_ascii_case(name))) {
            let shown: String = rest[..(end + 1).min(rest.len())].chars().take(40).collect();
            return Some(format!(
                "raw HTML `{shown}` is not allowed in content: write Markdown (a site may allow plain tags with `allow_html` in site.yaml)"
            ));
        }
        rest = &rest[(end + 1).min(rest.len())..];
    }
    None
}

/// Why a link or image destination is refused: a scheme that runs code or
/// embeds a document.
pub fn destination(dest: &str) -> Option<String> {
    // Browsers ignore whitespace and control characters inside the scheme.
    let scheme: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != ':')
        .collect::<String>()
        .to_ascii_lowercase();
    let has_scheme = dest.contains(':');
    (has_scheme && matches!(scheme.as_str(), "javascript" | "data" | "vbscript"))
        .then(|| format!("a `{scheme}:` link is not allowed in content: it would run or embed code"))
}

/// Why heading attributes are refused: only `{#id}` and `{.class}` are.
pub fn heading_attributes(attrs: &[(String, Option<String>)]) -> Option<String> {
    let names: Vec<&str> = attrs.iter().map(|(k, _)| k.as_str()).collect();
    (!names.is_empty()).then(|| {
        let (s, are) = if names.len() == 1 { ("", "is") } else { ("s", "are") };
        format!("heading attribute{s} `{}` {are} not allowed: write only `{{#id}}`", names.join("`, `"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_refused_unless_a_plain_allowed_tag() {
        let allow = vec!["br".to_string(), "sup".to_string()];
        assert_eq!(raw_html("<br>", &allow), None);
        assert_eq!(raw_html("<sup>2</sup>", &allow), None);
        assert_eq!(raw_html("<!-- note -->", &[]), None);
        assert!(raw_html("<script>alert(1)</script>", &allow).is_some());
        assert!(raw_html(r#"<img src=x onerror="alert(1)">"#, &allow).is_some());
        assert!(raw_html("<sup onclick=x>2</sup>", &allow).is_some());
        assert!(raw_html("<br>", &[]).is_some());
        assert!(raw_html("<!--<script>", &[]).is_some());
    }

    #[test]
    fn code_running_schemes_are_refused_however_written() {
        for d in ["javascript:alert(1)", "JavaScript:x", " java\tscript:x", "data:text/html,<b>", "vbscript:x"] {
            assert!(destination(d).is_some(), "{d:?}");
        }
        for d in ["../notice.md#a", "https://example.org/", "mailto:a@b.c", "guide.md"] {
            assert_eq!(destination(d), None, "{d:?}");
        }
    }
}
