//! A document as HTML: the markup (every text escaped; no inline style, so
//! a strict Content-Security-Policy holds), the `@page` rules carrying its
//! running footer, and for `site-gen print` a whole page with the
//! stylesheet inline. The form page and the command print the same markup
//! with the same stylesheet (`document.css`, which site-gen also writes
//! beside the pages).

use super::types::{Block, Cell, Cover, Document, Grid, Para, Role, Row, Span, Table, GRID_COLUMNS};

/// The stylesheet of every printed document.
#[cfg(not(target_arch = "wasm32"))]
pub const CSS: &str = include_str!("document.css");

/// `&`, `<`, `>`, `"` and `'` escaped: safe as text and in attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A CSS string literal of `s`: quotes and backslashes escaped, line breaks
/// and `<` written as escapes, so it is safe inside `<style>` too.
pub fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\a "),
            '<' => out.push_str("\\3c "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The `@page` rules that put the document's footer (form, version and
/// 数据校验码) at the foot of every page, opposite the page number.
pub fn page_css(doc: &Document) -> String {
    let footer = css_string(&doc.footer);
    format!(
        "@page gb-page:right {{ @bottom-left {{ content: {footer}; }} }}\n\
         @page gb-page:left {{ @bottom-right {{ content: {footer}; }} }}\n\
         @page gb-cover {{ @bottom-left {{ content: {footer}; }} }}\n"
    )
}

/// The document's markup: one element, classed by kind and form.
pub fn body(doc: &Document) -> String {
    let mut out = format!("<div class=\"gb-doc gb-{} gb-form-{}\" lang=\"zh-CN\">", doc.kind.name(), escape(&doc.form));
    for b in &doc.blocks {
        block(&mut out, b);
    }
    out.push_str("</div>");
    out
}

/// A whole page for printing from disk: the stylesheet and footer inline, no script.
#[cfg(not(target_arch = "wasm32"))]
pub fn standalone(doc: &Document) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{}\n{}</style>\n</head>\n<body class=\"gb-standalone\">\n{}\n</body>\n</html>\n",
        escape(&doc.title),
        CSS,
        page_css(doc),
        body(doc)
    )
}

fn spans(out: &mut String, p: &Para) {
    for s in p {
        match s {
            Span::Text(t) => out.push_str(&escape(t)),
            Span::Answer(t) => {
                out.push_str("<span class=\"gb-answer\">");
                out.push_str(&escape(t));
                out.push_str("</span>");
            }
            Span::Blank => out.push_str("<span class=\"gb-blank\"></span>"),
            Span::Mark(n) => out.push_str(&format!("<sup class=\"gb-mark\">{n}</sup>")),
            Span::Box(on) => out.push_str(if *on {
                "<span class=\"gb-box\">☑</span>"
            } else {
                "<span class=\"gb-box\">□</span>"
            }),
        }
    }
}

fn paragraph(out: &mut String, class: &str, p: &Para) {
    out.push_str(&format!("<p class=\"{class}\">"));
    spans(out, p);
    out.push_str("</p>");
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Attachment(t) => out.push_str(&format!("<p class=\"gb-attachment\">{}</p>", escape(t))),
        Block::Title(lines) => {
            out.push_str("<h1 class=\"gb-title\">");
            for l in lines {
                out.push_str(&format!("<span>{}</span>", escape(l)));
            }
            out.push_str("</h1>");
        }
        Block::Line(p) => paragraph(out, "gb-line", p),
        Block::Heading { level, text } => {
            let tag = match level {
                1 => "h2",
                2 => "h3",
                _ => "h4",
            };
            out.push_str(&format!("<{tag} class=\"gb-h{level}\">{}</{tag}>", escape(text)));
        }
        Block::Paragraph(p) => paragraph(out, "gb-p", p),
        Block::Grid(g) => grid(out, g),
        Block::Table(t) => table(out, t),
        Block::Footnotes(notes) => {
            out.push_str("<div class=\"gb-footnotes\">");
            for (n, t) in notes {
                out.push_str(&format!("<p><sup class=\"gb-mark\">{n}</sup>{}</p>", escape(t)));
            }
            out.push_str("</div>");
        }
        Block::Note(t) => out.push_str(&format!("<p class=\"gb-note\">{}</p>", escape(t))),
        Block::Cover(c) => cover(out, c),
        Block::Stamp(t) => out.push_str(&format!("<p class=\"gb-stamp\">{}</p>", escape(t))),
    }
}

fn attrs(cols: u8, rows: u8) -> String {
    let mut out = String::new();
    if cols > 1 {
        out.push_str(&format!(" colspan=\"{cols}\""));
    }
    if rows > 1 {
        out.push_str(&format!(" rowspan=\"{rows}\""));
    }
    out
}

fn grid(out: &mut String, g: &Grid) {
    grid_rows(out, "gb-grid", &g.rows);
}

fn grid_rows(out: &mut String, class: &str, rows: &[Row]) {
    out.push_str(&format!("<table class=\"{class}\"><colgroup>"));
    for _ in 0..GRID_COLUMNS {
        out.push_str("<col class=\"gb-col\">");
    }
    out.push_str("</colgroup><tbody>");
    for r in rows {
        // Long text not written yet: room to write it by hand.
        let unwritten = r.cells.iter().all(|c| c.inner.is_empty())
            && !r.cells.iter().flat_map(|c| &c.paras).flatten().any(|s| matches!(s, Span::Answer(_)));
        out.push_str(match (r.long, unwritten) {
            (true, true) => "<tr class=\"gb-long gb-write\">",
            (true, false) => "<tr class=\"gb-long\">",
            _ => "<tr>",
        });
        for Cell { role, cols, paras, inner } in &r.cells {
            let class = match role {
                Role::Section => "gb-section",
                Role::Group => "gb-group",
                Role::Label => "gb-label",
                Role::Answer if !inner.is_empty() => "gb-nest",
                Role::Answer => "gb-value",
                Role::Wide => "gb-wide",
            };
            out.push_str(&format!("<td class=\"{class}\"{}>", attrs(*cols, 1)));
            for p in paras {
                // A paragraph of the applicant's long text.
                let text = matches!(p.as_slice(), [Span::Answer(_)]);
                paragraph(out, if text { "gb-cell-p gb-text" } else { "gb-cell-p" }, p);
            }
            if !inner.is_empty() {
                grid_rows(out, "gb-grid gb-inner", inner);
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

fn table(out: &mut String, t: &Table) {
    let numbered = t.head.first().and_then(|r| r.first()).is_some_and(|c| c.text == "序号");
    out.push_str(if numbered {
        "<table class=\"gb-table gb-numbered\"><colgroup>"
    } else {
        "<table class=\"gb-table\"><colgroup>"
    });
    for w in &t.widths {
        out.push_str(&format!("<col width=\"{w}%\">"));
    }
    out.push_str("</colgroup><thead>");
    for row in &t.head {
        out.push_str("<tr>");
        for c in row {
            out.push_str(&format!("<th scope=\"col\"{}>{}</th>", attrs(c.cols, c.rows), escape(&c.text)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</thead><tbody>");
    for row in &t.rows {
        // A blank row to fill by hand (its 序号 aside) is given room to write in.
        let empty = row.iter().skip(1).all(String::is_empty)
            && row.first().is_none_or(|c| c.chars().all(|x| x.is_ascii_digit()));
        out.push_str(if empty { "<tr class=\"gb-empty\">" } else { "<tr>" });
        for c in row {
            out.push_str("<td>");
            for (i, line) in c.split('\n').enumerate() {
                if i > 0 {
                    out.push_str("<br>");
                }
                out.push_str(&escape(line));
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

fn cover(out: &mut String, c: &Cover) {
    out.push_str("<section class=\"gb-cover\">");
    out.push_str(&format!("<p class=\"gb-attachment\">{}</p>", escape(&c.attachment)));
    out.push_str("<h1 class=\"gb-cover-title\">");
    for l in &c.title {
        out.push_str(&format!("<span>{}</span>", escape(l)));
    }
    out.push_str("</h1><div class=\"gb-cover-lines\">");
    for l in &c.lines {
        out.push_str(&format!("<p class=\"gb-cover-line\"><span class=\"gb-cover-label\">{}</span>", escape(&l.label)));
        match &l.value {
            Some(v) => out.push_str(&format!("<span class=\"gb-cover-value gb-answer\">{}</span>", escape(v))),
            None => out.push_str("<span class=\"gb-cover-value\"></span>"),
        }
        if l.stamp {
            out.push_str("<span class=\"gb-cover-stamp\">（盖章）</span>");
        }
        out.push_str("</p>");
    }
    out.push_str("</div>");
    if let Some(i) = &c.issuer {
        out.push_str(&format!("<p class=\"gb-issuer\">{}</p>", escape(i)));
    }
    out.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::types::{Document, Kind};

    #[test]
    fn every_text_is_escaped() {
        assert_eq!(escape("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        let doc = Document {
            kind: Kind::Official,
            form: "t".into(),
            title: "T".into(),
            footer: "附件\"9\" \\ </style>".into(),
            blocks: vec![Block::Paragraph(vec![Span::Answer("<script>alert(1)</script>".into())])],
        };
        assert!(body(&doc).contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        let css = page_css(&doc);
        assert!(css.contains(r#"content: "附件\"9\" \\ \3c /style>";"#), "{css}");
        assert!(!css.contains("</style"));
    }
}
