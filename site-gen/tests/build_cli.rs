//! `site-gen build` as an editor runs it: what it prints is true of what it
//! left on disk.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn build(dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .arg("build")
        .arg("--content")
        .arg(dir.join("content"))
        .arg("--theme")
        .arg(root().join("themes/default"))
        .arg("--output")
        .arg(dir.join("public"))
        .output()
        .unwrap()
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A site built once, its home page titled 旧首页: the folder, and the home
/// page as that build wrote it.
#[track_caller]
fn a_built_site() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "content/site.yaml", "title: 测试站点\nlanguage: zh-CN\nissuer: 测试厅\ndocument_number: 测试〔2025〕1号\ndates:\n  issued: 2025-11-13\n  deadline: 2025-11-24\n");
    write(d, "content/index.md", "---\ntitle: 旧首页\n---\n\n正文。\n");
    let o = build(d);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let before = std::fs::read_to_string(d.join("public/index.html")).unwrap();
    (dir, before)
}

/// What a failed build leaves in the folder of `a_built_site`: the previous
/// home page as it was, and nothing beside `content` and `public` (no
/// unfinished new site).
#[track_caller]
fn assert_previous_site_kept(d: &Path, before: &str) {
    assert_eq!(std::fs::read_to_string(d.join("public/index.html")).unwrap(), before);
    let mut names: Vec<String> =
        std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["content", "public"]);
}

#[test]
fn a_build_that_fails_while_writing_keeps_the_previous_site_and_says_so() {
    let (dir, before) = a_built_site();
    let d = dir.path();

    // A file `static` in the content folder and the theme's `static/`
    // folder cannot both be written: the write stage fails, after most of
    // the new site is written.
    write(d, "content/index.md", "---\ntitle: 新首页\n---\n\n正文。\n");
    write(d, "content/static", "x");
    let o = build(d);
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("nothing was written"), "{stderr}");
    let public = d.join("public").display().to_string();
    assert!(
        stderr.contains(&format!(
            "{public}: left as it was: the build stopped while writing, and the unfinished new site was removed\nerror: the site could not be written to {public}\n"
        )),
        "{stderr}"
    );
    assert_previous_site_kept(d, &before);
}

#[test]
fn a_build_that_finds_a_broken_link_keeps_the_previous_site_and_names_the_place() {
    let (dir, before) = a_built_site();
    let d = dir.path();

    write(d, "content/index.md", "---\ntitle: 新首页\n---\n\n见[通知](notice.md#deadline)。\n");
    write(d, "content/notice.md", "---\ntitle: 通知\n---\n\n## 报送要求\n");
    let o = build(d);
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    let content = d.join("content").display().to_string();
    assert_eq!(
        stderr,
        format!("{content}/index.md:5:2: link `notice.md#deadline`: `notice.html` has no heading or element with id `deadline`\nerror: 1 problem found; nothing was written\n")
    );
    assert_previous_site_kept(d, &before);
    assert!(!d.join("public/notice.html").exists());
}
