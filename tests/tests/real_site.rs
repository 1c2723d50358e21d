//! The real content: what applicants read must agree with the seed notice,
//! and the built folder must work from disk, under any sub-path, byte for byte
//! the same on every build.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use tests::{build_real_site, relative_hrefs, repo_root, text_of};

/// The seed: the official notice and attachments as text extracted from the
/// PDF (a copy of `shared/seed/000_4a931374c7e14238.txt`, kept with the tests).
fn seed() -> String {
    std::fs::read_to_string(repo_root().join("tests/fixtures/seed-notice.txt")).unwrap()
}

/// The notice part of the seed, up to the contact line, split into the
/// phrases between punctuation, whitespace removed (the PDF breaks lines and
/// adds spaces inside words).
fn notice_phrases() -> Vec<String> {
    let seed = seed();
    let start = seed.find("特  急").unwrap();
    let end = seed.find("020-83134726）").unwrap();
    let notice: String = seed[start..end].chars().filter(|c| !c.is_whitespace()).collect();
    notice
        .split(['。', '；', '：', '，', '、', '（', '）', '《', '》'])
        .map(|s| s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').to_string())
        .filter(|s| s.chars().count() >= 4)
        .collect()
}

fn read(out: &Path, page: &str) -> String {
    std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

#[test]
fn notice_page_holds_the_whole_notice_text() {
    let (_dir, out) = build_real_site();
    let text = text_of(&read(&out, "notice.html"));
    let phrases = notice_phrases();
    assert!(phrases.len() > 50, "the seed notice splits into many phrases: {}", phrases.len());
    let missing: Vec<&String> = phrases.iter().filter(|p| !text.contains(p.as_str())).collect();
    assert!(missing.is_empty(), "phrases of the notice missing from notice.html: {missing:?}");
    assert!(text.contains("特急") && text.contains("粤工信服务函〔2025〕31号"));
    assert!(text.contains("广东省工业和信息化厅") && text.contains("2025年11月13日"));
}

#[test]
fn notice_attachment_list_links_to_each_attachment_page() {
    let (_dir, out) = build_real_site();
    let html = read(&out, "notice.html");
    for page in [
        "attachments/2-1-summary-table.html",
        "attachments/2-2-platform-form.html",
        "attachments/2-3-base-form.html",
        "attachments/2-4-creation-plan.html",
        "measures/index.html",
    ] {
        assert!(html.contains(&format!("href=\"{page}")), "notice links to {page}");
    }
}

#[test]
fn home_page_states_quotas_deadline_and_materials_as_the_seed_does() {
    let (_dir, out) = build_real_site();
    let html = read(&out, "index.html");
    let text = text_of(&html);
    // Quotas: ≤2 per city authority (Shenzhen separately) and Hengqin; ≤1 per provincial unit.
    for needle in ["深圳市单列", "横琴粤澳深度合作区经济发展局", "省有关单位", "2个", "1个", "不予受理"]
    {
        assert!(text.contains(needle), "home page mentions {needle}");
    }
    assert!(text.contains("2025年11月24日前"), "deadline as the notice words it");
    assert!(text.contains("服务建设处"));
    for needle in ["汇总表", "创建申请表", "创建方案", "佐证材料", "2份", "加盖公章"] {
        assert!(text.contains(needle), "materials: {needle}");
    }
    assert!(text.contains("杨楠") && text.contains("020-83134726"), "contact on the notice");
    for page in ["2-1-summary-table", "2-2-platform-form", "2-3-base-form", "2-4-creation-plan"] {
        assert!(html.contains(&format!("href=\"attachments/{page}.html")), "home links to {page}");
    }
    // The deadline status is left to the reader's browser, never frozen at build time.
    assert!(html.contains("data-deadline=\"2025-11-24\""));
    assert!(!text.contains("已截止"), "no status written at build time");
}

#[test]
fn measures_page_is_labelled_a_summary_and_has_a_slot_for_the_full_text() {
    let (_dir, out) = build_real_site();
    let text = text_of(&read(&out, "measures/index.html"));
    assert!(text.contains("摘要"));
    assert!(text.contains("工信部企业〔2025〕225号"));
    assert!(read(&out, "measures/index.html").contains("id=\"full-text\""));
}

#[test]
fn official_full_text_dropped_in_as_markdown_appears_in_the_measures_section() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    tests::copy_dir(&repo_root().join("content"), &content);
    std::fs::write(
        content.join("measures/full-text.md"),
        "---\ntitle: 管理办法全文\n---\n\n## 第一章 总则\n\n第一条 ……\n",
    )
    .unwrap();
    let out = dir.path().join("public");
    let opts = site_gen::Options {
        content_dir: content,
        theme_dir: repo_root().join("themes/default"),
        output_dir: out.clone(),
    };
    site_gen::build(&opts).unwrap();
    assert!(read(&out, "measures/index.html").contains("href=\"full-text.html\""));
    assert!(text_of(&read(&out, "measures/full-text.html")).contains("第一条"));
}

#[test]
fn every_page_is_reachable_by_relative_links_from_the_home_page() {
    let (_dir, out) = build_real_site();
    let mut all = BTreeSet::new();
    collect_html(&out, &out, &mut all);
    let mut seen = BTreeSet::from(["index.html".to_string()]);
    let mut queue = vec!["index.html".to_string()];
    while let Some(page) = queue.pop() {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        for href in relative_hrefs(&read(&out, &page)) {
            assert!(!href.starts_with('/'), "{page}: absolute link {href}");
            let target = site_gen::links::join(dir, &href).unwrap();
            assert!(out.join(&target).is_file(), "{page}: link {href} leads nowhere");
            if target.ends_with(".html") && seen.insert(target.clone()) {
                queue.push(target);
            }
        }
    }
    assert_eq!(seen, all, "pages not reachable from index.html");
}

fn collect_html(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            collect_html(root, &p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.insert(p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
}

fn all_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(p.strip_prefix(root).unwrap().display().to_string(), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

#[test]
fn two_builds_are_byte_identical() {
    let (_a, out_a) = build_real_site();
    let (_b, out_b) = build_real_site();
    let (a, b) = (all_files(&out_a), all_files(&out_b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}

#[test]
fn pages_make_no_third_party_requests_and_are_accessible_by_structure() {
    let (_dir, out) = build_real_site();
    let mut pages = BTreeSet::new();
    collect_html(&out, &out, &mut pages);
    for page in &pages {
        let html = read(&out, page);
        for attr in ["src=\"http", "src=\"//", "<link rel=\"stylesheet\" href=\"http", "@import", "url(http"] {
            assert!(!html.contains(attr), "{page} loads something from elsewhere ({attr})");
        }
        assert!(html.contains("<html lang=\"zh-CN\">"), "{page}: language");
        assert!(html.contains("class=\"skip-link\" href=\"#main\""), "{page}: skip link");
        assert!(html.contains("<main id=\"main\""), "{page}: main landmark");
        assert_eq!(html.matches("<h1").count(), 1, "{page}: exactly one h1");
        assert!(html.contains("name=\"viewport\""), "{page}: responsive viewport");
    }
    let css = std::fs::read_to_string(out.join("static/style.css")).unwrap();
    assert!(css.contains("@media print") && css.contains("attr(data-print-href)"), "print stylesheet");
    assert!(!css.contains("@font-face") && !css.contains("url("), "no web fonts or remote assets");
}

#[test]
fn pages_with_several_headings_get_a_table_of_contents() {
    let (_dir, out) = build_real_site();
    let html = read(&out, "guide/how-to-apply.html");
    assert!(html.contains("class=\"toc\""), "how-to-apply has many headings");
    assert!(html.contains("href=\"#checklist\""), "toc links to headings by anchor");
}

/// Every HTML page of the built site.
fn html_pages(out: &Path) -> Vec<std::path::PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "html") {
                out.push(p);
            }
        }
    }
    let mut pages = Vec::new();
    walk(out, &mut pages);
    assert!(pages.len() > 10);
    pages
}

#[test]
fn every_page_carries_the_content_security_policy() {
    const CSP: &str = r#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">"#;
    let (_dir, out) = build_real_site();
    for p in html_pages(&out) {
        let html = std::fs::read_to_string(&p).unwrap();
        let head = &html[..html.find("</head>").unwrap()];
        assert!(head.contains(CSP), "{} has no CSP meta", p.display());
        assert!(head.find(CSP) < head.find("<link"), "{}: the policy comes before anything it governs", p.display());
    }
}

/// The policy in a meta tag stops the browser fetching ahead, so each page
/// asks for its small scripts from <head>: one not preloaded is fetched only
/// once the parser reaches it (after the first layout), and each makes the
/// next wait. A WebAssembly bundle (over 100 KB) is not preloaded: fetched
/// early, the form engine made the page paint later. A preload never run is
/// a wasted download the browser warns about.
#[test]
fn every_small_script_a_page_runs_is_preloaded_from_its_head_and_nothing_else_is() {
    const BUNDLE_BYTES: u64 = 100_000;
    let (_dir, out) = build_real_site();
    let values_after = |html: &str, start: &str| -> Vec<String> {
        html.split(start).skip(1).map(|rest| rest.split('"').next().unwrap_or_default().to_string()).collect()
    };
    let mut bundles = 0;
    for p in html_pages(&out) {
        let html = std::fs::read_to_string(&p).unwrap();
        let (head, body) = html.split_at(html.find("</head>").unwrap());
        let mut preloaded = values_after(head, r#"<link rel="preload" href=""#);
        let (mut small, large): (Vec<String>, Vec<String>) =
            values_after(body, r#"<script src=""#).into_iter().partition(|src| {
                let file = p.parent().unwrap().join(src);
                std::fs::metadata(&file).unwrap_or_else(|e| panic!("{}: {src}: {e}", p.display())).len() < BUNDLE_BYTES
            });
        assert!(!small.is_empty(), "{}: runs no small script", p.display());
        assert!(!body.contains(r#"rel="preload""#), "{}: a preload outside <head>", p.display());
        preloaded.sort();
        small.sort();
        assert_eq!(
            preloaded,
            small,
            "{}: the scripts preloaded in <head> and the small scripts run differ",
            p.display()
        );
        assert_eq!(
            head.matches(r#"as="script""#).count(),
            preloaded.len(),
            "{}: every preload is of a script",
            p.display()
        );
        bundles += large.len();
    }
    // The form pages' engine and the 推荐单位 page's module, left to the parser.
    assert!(bundles >= 5, "the WebAssembly bundles were not found: {bundles}");
}
