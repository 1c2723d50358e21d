//! What `serve` adds to the site: the reload script in each page it
//! sends, and its own pages (the build's problems, a missing file), under
//! the same content security policy as the site's pages.

use crate::problem::Problem;
use crate::theme::escape_html;

pub const SCRIPT_PATH: &str = "/__site-gen/reload.js";
pub const STYLE_PATH: &str = "/__site-gen/page.css";
pub const WAIT_PATH: &str = "/__site-gen/wait";
pub const ICON_PATH: &str = "/__site-gen/icon.svg";
/// A red dot: the tab of a page that shows problems stands out.
pub const ICON_SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><circle cx=\"8\" cy=\"8\" r=\"7\" fill=\"#b3261e\"/></svg>\n";
pub const RELOAD_JS: &str = include_str!("reload.js");
pub const PAGE_CSS: &str = include_str!("page.css");

/// The site's policy (themes/default/templates/base.html), for the server's own pages.
const POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/// The script tag: a file of the server, so the pages' policy allows it.
pub fn reload_tag(build: u64) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-build=\"{build}\"></script>\n")
}

/// `html` with the reload script before its last `</body>` (or at its end).
pub fn with_reload(html: &str, build: u64) -> String {
    let tag = reload_tag(build);
    let at = html.rfind("</body>").or_else(|| html.rfind("</BODY>")).unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + tag.len());
    out.push_str(&html[..at]);
    out.push_str(&tag);
    out.push_str(&html[at..]);
    out
}

fn shell(title: &str, body: &str, build: u64) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} - site-gen serve</title>\n<link rel=\"stylesheet\" href=\"{STYLE_PATH}\">\n\
         <link rel=\"icon\" href=\"{ICON_PATH}\" type=\"image/svg+xml\">\n</head>\n\
         <body>\n<main class=\"serve-page\">\n{body}</main>\n{}</body>\n</html>\n",
        reload_tag(build)
    )
}

/// The page shown in place of every page while the last build failed:
/// each problem as `check` prints it (`file:line:col: message`).
pub fn problems(problems: &[Problem], build: u64) -> String {
    let title = format!("网站未能生成：{}个问题", problems.len());
    let mut body = format!(
        "<h1>{title}</h1>\n<p>以下问题与<code>site-gen check</code>报告的相同（文件:行:列）。改正并保存后，本页会自动刷新。</p>\n<ol class=\"problems\">\n"
    );
    for p in problems {
        let (place, message) = match &p.position {
            Some((line, col)) => (format!("{}:{line}:{col}", p.file.display()), &p.message),
            None => (p.file.display().to_string(), &p.message),
        };
        body.push_str(&format!(
            "<li><code><span class=\"place\">{}</span>: {}</code></li>\n",
            escape_html(&place),
            escape_html(message)
        ));
    }
    body.push_str("</ol>\n<p>输出文件夹中仍是上次生成成功的网站。</p>\n");
    shell(&title, &body, build)
}

/// A file the site does not have (yet: the page reloads after the next build).
pub fn not_found(path: &str, build: u64) -> String {
    let body = format!(
        "<h1>没有这个文件</h1>\n<p>网站中没有<code>{}</code>。文件生成后，本页会自动刷新。</p>\n<p><a href=\"/\">回到首页</a></p>\n",
        escape_html(path)
    );
    shell("没有这个文件", &body, build)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        assert_eq!(
            with_reload("<body><p>a</p></body>\n</html>\n", 7),
            "<body><p>a</p><script src=\"/__site-gen/reload.js\" data-build=\"7\"></script>\n</body>\n</html>\n"
        );
        assert!(with_reload("<p>fragment", 1).starts_with("<p>fragment<script"));
    }

    #[test]
    fn problems_read_as_check_prints_them_and_are_escaped() {
        let list = [
            Problem::at("content/a.md", 2, 5, "raw HTML `<script>` is not allowed"),
            Problem::new("themes/default/templates/x.html", "cannot render"),
        ];
        let html = problems(&list, 4);
        assert!(html.contains("<title>网站未能生成：2个问题 - site-gen serve</title>"));
        assert!(html.contains(
            "<li><code><span class=\"place\">content/a.md:2:5</span>: raw HTML `&lt;script&gt;` is not allowed</code></li>"
        ));
        assert!(html.contains("<span class=\"place\">themes/default/templates/x.html</span>: cannot render"));
        assert!(
            html.contains(&format!("content=\"{POLICY}\""))
                && !html.contains("style=")
                && html.contains(&reload_tag(4))
        );
        // The text of each item is the line `check` prints.
        assert_eq!(list[0].to_string(), "content/a.md:2:5: raw HTML `<script>` is not allowed");
    }
}
