//! Answering one request: a file of the built site (an HTML page with the
//! reload script added), the list of problems while the last build
//! failed, or the server's own files under `/__site-gen/` and its long
//! poll. Only GET and HEAD; nothing outside the output folder.

use std::path::{Path, PathBuf};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

use super::page;
use super::state::Shared;

/// How long the reload script's request is held when nothing changes;
/// the script then asks again.
const POLL: Duration = Duration::from_secs(25);

pub(super) struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// For a redirect.
    pub location: Option<String>,
}

impl Answer {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Answer { status, content_type, body: body.into(), location: None }
    }

    fn html(status: u16, body: String) -> Self {
        Answer::new(status, "text/html; charset=utf-8", body)
    }
}

pub(super) fn respond(request: Request, shared: &Shared) {
    let answer = answer(request.method(), request.url(), shared, POLL);
    let mut response = Response::from_data(answer.body).with_status_code(answer.status);
    for (name, value) in [("Content-Type", answer.content_type), ("Cache-Control", "no-store")] {
        if let Ok(h) = Header::from_bytes(name, value) {
            response.add_header(h);
        }
    }
    if let Some(h) = answer.location.and_then(|l| Header::from_bytes("Location", l).ok()) {
        response.add_header(h);
    }
    // A browser that went away needs no answer.
    let _ = request.respond(response);
}

pub(super) fn answer(method: &Method, url: &str, shared: &Shared, poll: Duration) -> Answer {
    if !matches!(method, Method::Get | Method::Head) {
        return Answer::new(405, "text/plain; charset=utf-8", "site-gen serve only sends files (GET, HEAD)\n");
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    match path {
        page::SCRIPT_PATH => return Answer::new(200, "text/javascript; charset=utf-8", page::RELOAD_JS),
        page::STYLE_PATH => return Answer::new(200, "text/css; charset=utf-8", page::PAGE_CSS),
        page::ICON_PATH => return Answer::new(200, "image/svg+xml", page::ICON_SVG),
        page::WAIT_PATH => {
            let since = query.split('&').find_map(|kv| kv.strip_prefix("build=")).and_then(|n| n.parse().ok());
            let build = wait_for_build(shared, since.unwrap_or(0), poll);
            return Answer::new(200, "application/json", format!("{{\"build\":{build}}}\n"));
        }
        _ => {}
    }
    let (build, problems) = {
        let status = shared.status();
        (status.build, status.problems.clone())
    };
    let Some(rel) = site_path(path) else {
        return Answer::html(404, page::not_found(path, build));
    };
    let _reading = shared.site.read().unwrap_or_else(|e| e.into_inner());
    let mut file = shared.output.join(&rel);
    if file.is_dir() {
        if !path.ends_with('/') {
            // So the page's relative links start from the folder.
            let mut a = Answer::new(301, "text/plain; charset=utf-8", "");
            a.location = Some(format!("{path}/"));
            return a;
        }
        file = file.join("index.html");
    }
    let html = is_html(&file);
    if let (true, Some(problems)) = (html, &problems) {
        // Sent as a page, not an error: the browser shows it all the same,
        // and its console stays free for the site's own messages.
        return Answer::html(200, page::problems(problems, build));
    }
    match std::fs::read(&file) {
        Ok(bytes) if html => Answer::html(200, page::with_reload(&String::from_utf8_lossy(&bytes), build)),
        Ok(bytes) => Answer::new(200, content_type(&file), bytes),
        Err(_) => Answer::html(404, page::not_found(path, build)),
    }
}

/// The number of the newest build once it is past `since`, or after
/// `poll` whatever it is.
fn wait_for_build(shared: &Shared, since: u64, poll: Duration) -> u64 {
    let status = shared.status();
    let (status, _) =
        shared.changed.wait_timeout_while(status, poll, |s| s.build == since).unwrap_or_else(|e| e.into_inner());
    status.build
}

/// The file a URL path names inside the output folder, or `None` for a
/// path that would leave it or that is not text.
fn site_path(path: &str) -> Option<PathBuf> {
    let decoded = String::from_utf8(percent_decode(path.strip_prefix('/')?)).ok()?;
    let mut out = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.contains(['\\', '\0', ':']) => return None,
            s => out.push(s),
        }
    }
    Some(out)
}

fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn is_html(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        "wasm" => "application/wasm",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::problem::Problem;
    use crate::serve::state::Status;
    use std::sync::{Condvar, Mutex, RwLock};

    fn shared(dir: &Path, problems: Option<Vec<Problem>>) -> Shared {
        Shared {
            status: Mutex::new(Status { build: 3, problems }),
            changed: Condvar::new(),
            site: RwLock::new(()),
            output: dir.to_path_buf(),
        }
    }

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("guide")).unwrap();
        std::fs::write(dir.path().join("index.html"), "<html><body><p>首页</p></body></html>").unwrap();
        std::fs::write(dir.path().join("guide/index.html"), "<html><body>指南</body></html>").unwrap();
        std::fs::write(dir.path().join("guide/附件.pdf"), "%PDF").unwrap();
        dir
    }

    fn get(s: &Shared, url: &str) -> Answer {
        answer(&Method::Get, url, s, Duration::from_millis(1))
    }

    #[test]
    fn pages_are_sent_with_the_reload_script_and_other_files_as_they_are() {
        let dir = site();
        let s = shared(dir.path(), None);
        let a = get(&s, "/index.html");
        assert_eq!((a.status, a.content_type), (200, "text/html; charset=utf-8"));
        let body = String::from_utf8(a.body).unwrap();
        assert!(
            body.ends_with(
                "<p>首页</p><script src=\"/__site-gen/reload.js\" data-build=\"3\"></script>\n</body></html>"
            ),
            "{body}"
        );
        let pdf = get(&s, "/guide/%E9%99%84%E4%BB%B6.pdf");
        assert_eq!((pdf.status, pdf.content_type, pdf.body.as_slice()), (200, "application/pdf", &b"%PDF"[..]));
        assert_eq!(get(&s, "/").status, 200, "a folder's index.html");
    }

    #[test]
    fn a_folder_without_its_slash_is_redirected_so_relative_links_work() {
        let dir = site();
        let a = get(&shared(dir.path(), None), "/guide");
        assert_eq!((a.status, a.location.as_deref()), (301, Some("/guide/")));
    }

    #[test]
    fn nothing_outside_the_output_folder_is_sent() {
        let dir = site();
        let s = shared(&dir.path().join("guide"), None);
        for url in ["/../index.html", "/%2e%2e/index.html", "/..%2Findex.html", "/a\\..\\index.html", "index.html"] {
            assert_eq!(get(&s, url).status, 404, "{url}");
        }
        assert_eq!(answer(&Method::Post, "/index.html", &s, Duration::ZERO).status, 405);
    }

    #[test]
    fn while_the_build_fails_every_page_is_its_problems_and_other_files_still_load() {
        let dir = site();
        let s = shared(
            dir.path(),
            Some(vec![Problem::at(
                "content/a.md",
                3,
                7,
                "link `b.md` points at `b.md`, which is not in the content folder",
            )]),
        );
        let page = get(&s, "/guide/");
        assert_eq!(page.status, 200);
        let body = String::from_utf8(page.body).unwrap();
        assert!(
            body.contains(
                "<span class=\"place\">content/a.md:3:7</span>: link `b.md` points at `b.md`, which is not in the content folder"
            ),
            "{body}"
        );
        assert!(body.contains("data-build=\"3\""), "it reloads when the build passes");
        assert_eq!(get(&s, "/guide/%E9%99%84%E4%BB%B6.pdf").status, 200);
    }

    #[test]
    fn the_long_poll_answers_at_once_when_a_newer_build_exists_and_waits_otherwise() {
        let dir = site();
        let s = shared(dir.path(), None);
        let start = std::time::Instant::now();
        let a = answer(&Method::Get, "/__site-gen/wait?build=2", &s, Duration::from_secs(5));
        assert_eq!(a.body, b"{\"build\":3}\n");
        assert!(start.elapsed() < Duration::from_secs(1));
        let a = answer(&Method::Get, "/__site-gen/wait?build=3", &s, Duration::from_millis(50));
        assert_eq!(a.body, b"{\"build\":3}\n");
        assert!(start.elapsed() >= Duration::from_millis(50));
    }
}
