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

/// The home page as it is built, with the reader's clock set to `instant`
/// (an RFC 3339 time) before `static/site.js` runs: the deadline status it shows.
fn deadline_status_at(out: &std::path::Path, instant: &str) -> String {
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    // A script file of the site's own, not an inline one: the pages' policy
    // (script-src 'self') refuses inline scripts, as it should.
    let name = format!("clock-{}", instant.replace([':', '+'], "-"));
    std::fs::write(
        out.join(format!("{name}.js")),
        format!("Date.now = function () {{ return Date.parse(\"{instant}\"); }};\n"),
    )
    .unwrap();
    let clock = format!("<script src=\"{name}.js\"></script>");
    let script = "<script src=\"static/site.js\">";
    assert!(html.contains(script), "the home page loads site.js");
    let page = out.join(format!("{name}.html"));
    std::fs::write(&page, html.replacen(script, &format!("{clock}{script}"), 1)).unwrap();
    let dom = chromium::dump_dom(&format!("file://{}", page.display()));
    let status = dom.split("class=\"deadline-status\"").nth(1).unwrap_or_default();
    status.split_once('>').map_or("", |(_, s)| s).split('<').next().unwrap_or_default().to_string()
}

/// The notice says “2025年11月24日前”; the site reads the 24th as the last day
/// and says so on every page (partials/deadline.html), so the status must
/// agree: open through the 24th in China time, closed from the 25th.
#[test]
fn deadline_status_treats_the_24th_as_the_last_day_in_china_time() {
    let (_dir, out) = tests::build_real_site();
    for (instant, expected) in [
        ("2025-11-23T00:00:00+08:00", "（距截止日还有1天）"),
        ("2025-11-23T23:59:59+08:00", "（距截止日还有1天）"),
        ("2025-11-24T00:00:01+08:00", "（今天是截止日）"),
        // Still the 24th in Guangzhou, whatever the time elsewhere.
        ("2025-11-24T15:59:59Z", "（今天是截止日）"),
        ("2025-11-24T23:59:59+08:00", "（今天是截止日）"),
        ("2025-11-25T00:00:00+08:00", "（已截止：本年度报送时间已过）"),
        ("2025-11-24T16:00:00Z", "（已截止：本年度报送时间已过）"),
    ] {
        assert_eq!(deadline_status_at(&out, instant), expected, "at {instant}");
    }
}
