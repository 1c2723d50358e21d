//! The site is written into a temporary folder beside the output and swapped
//! in whole: a build that fails while writing leaves the previous site as it
//! was, and says so truthfully.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use tests::SiteTest;

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    n.sort();
    n
}

#[test]
fn a_build_that_fails_while_writing_leaves_the_previous_site_as_it_was() {
    let site = SiteTest::new().file("files/report.pdf", "旧附件");
    site.build();
    let before = site.read("index.html");

    // A new home page and a new page, loaded and checked; then an asset
    // vanishes before it is copied, after every page has been written.
    let site = site
        .file("index.md", "---\ntitle: 新首页\n---\n\n正文。\n")
        .file("new.md", "---\ntitle: 新页面\n---\n\n正文。\n")
        .file("files/report.pdf", "新附件");
    let loaded = site_gen::load(&site.options()).unwrap();
    std::fs::remove_file(site.content_dir().join("files/report.pdf")).unwrap();
    let failed = site_gen::write(&site.options(), &loaded).unwrap_err();
    assert!(matches!(failed, site_gen::BuildError::Write(_)), "a failure to write, not the content's: {failed}");
    let errors = failed.to_string();
    let errors = errors.replace(&site.root().display().to_string(), "<site>");

    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 2, "{errors}");
    assert!(lines[0].starts_with("<site>/content/files/report.pdf: cannot copy: "), "{errors}");
    assert_eq!(
        lines[1],
        "<site>/public: left as it was: the build stopped while writing, and the unfinished new site was removed"
    );
    assert_eq!(site.read("index.html"), before, "the previous home page");
    assert_eq!(site.read("files/report.pdf"), "旧附件");
    assert!(!site.output_dir().join("new.html").exists(), "nothing of the new site");
    assert_eq!(names(site.root()), ["content", "public"], "no temporary folder is left beside it");
}

#[test]
fn a_build_replaces_the_previous_site_whole() {
    let site = SiteTest::new().file("old.md", "---\ntitle: 旧页面\n---\n");
    site.build();
    assert!(site.output_dir().join("old.html").exists());
    std::fs::remove_file(site.content_dir().join("old.md")).unwrap();
    site.build();
    assert!(!site.output_dir().join("old.html").exists(), "no stale page survives");
    assert!(site.output_dir().join("index.html").exists());
    assert_eq!(names(site.root()), ["content", "public"]);
}

#[test]
fn what_an_interrupted_build_left_beside_the_output_is_cleared() {
    let site = SiteTest::new();
    let leftover = site.root().join(".public.site-gen-new");
    std::fs::create_dir_all(leftover.join("forms")).unwrap();
    std::fs::write(leftover.join(".site-gen"), "").unwrap();
    site.build();
    assert_eq!(names(site.root()), ["content", "public"]);
}

#[test]
fn something_else_in_the_way_of_the_temporary_folder_is_left_alone() {
    let site = SiteTest::new();
    site.build();
    let before = site.read("index.html");
    let theirs = site.root().join(".public.site-gen-new");
    std::fs::write(&theirs, "someone's file").unwrap();
    let errors = site.errors();
    assert_eq!(
        errors,
        "<site>/.public.site-gen-new: is in the way of the build's temporary folder and was not made by site-gen: move it or choose another --output"
    );
    assert_eq!(std::fs::read_to_string(&theirs).unwrap(), "someone's file");
    assert_eq!(site.read("index.html"), before);
}

#[test]
fn a_broken_link_found_while_pages_are_written_leaves_the_previous_site_as_it_was() {
    let site = SiteTest::new().file("notice.md", "---\ntitle: 通知\n---\n\n## 报送要求 {#submission}\n");
    site.build();
    let before = site.read("index.html");

    // Pages are written into the temporary folder as they are made; the
    // anchor one of them links to is missing, which is known only once
    // every page is made.
    let mut site = site.file("index.md", "---\ntitle: 新首页\n---\n\n正文。\n");
    for i in 0..40 {
        site = site.file(&format!("p{i:02}.md"), "---\ntitle: 页面\n---\n\n见[通知](notice.md#submission)。\n");
    }
    let site = site.file("guide.md", "---\ntitle: 指南\n---\n\n见[通知](notice.md#deadline)。\n");
    let failed = site_gen::build(&site.options()).unwrap_err();
    assert!(matches!(failed, site_gen::BuildError::Invalid(_)), "the content's problem: {failed}");
    assert_eq!(
        site.errors(),
        "<site>/content/guide.md:5:2: link `notice.md#deadline`: `notice.html` has no heading or element with id `deadline`"
    );
    assert_eq!(site.read("index.html"), before, "the previous home page");
    assert!(!site.output_dir().join("guide.html").exists() && !site.output_dir().join("p00.html").exists());
    assert_eq!(names(site.root()), ["content", "public"], "no temporary folder is left beside it");
}

#[test]
fn check_writes_nothing_anywhere() {
    let site = SiteTest::new().file("notice.md", "---\ntitle: 通知\n---\n\n正文。\n");
    // The home page, the notice and the search page.
    assert_eq!(site_gen::check(&site.options()).unwrap().pages, 3);
    assert_eq!(names(site.root()), ["content"], "no output folder, no temporary folder");
}
