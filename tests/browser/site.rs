//! The guidance site opened straight from a folder on disk.

use crate::chromium;

#[test]
fn home_page_from_file_url_shows_the_call_and_a_live_deadline_status() {
    let (_dir, out) = tests::build_real_site();
    let url = format!("file://{}", out.join("index.html").display());
    let dom = chromium::dump_dom(&url);
    assert!(dom.contains("<html lang=\"zh-CN\""), "language is set");
    assert!(dom.contains("国家中小企业公共服务示范平台"), "home page shows the call");
    // The deadline status is computed by the page from the reader's clock:
    // the 2025 deadline has passed, so the page must say so.
    let status = dom.split("class=\"deadline-status\"").nth(1).unwrap_or_default();
    assert!(status.contains("已截止"), "deadline status computed in the page: {status:.200}");
}

#[test]
fn stylesheet_and_script_load_from_a_nested_page_on_disk() {
    let (_dir, out) = tests::build_real_site();
    let url = format!("file://{}", out.join("guide/how-to-apply.html").display());
    let dom = chromium::dump_dom(&url);
    // site.js ran (relative script path resolved from a sub-folder).
    assert!(dom.contains("is-closed"), "site.js ran on a nested page");
    assert!(dom.contains("data-print-href=\"file://"), "links carry their full address for printing");
}
