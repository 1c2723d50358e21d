//! `site-gen print` as a recommending unit uses it: many submissions, one
//! self-contained page each, named like the export; exit codes as `validate`.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn print(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_site-gen")).current_dir(root()).arg("print").args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn pages(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn complete_files_become_self_contained_pages_named_like_their_exports() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("printed");
    let o = print(&[
        "tests/fixtures/base-complete.json",
        "tests/fixtures/platform-complete.json",
        "--output",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let names = pages(&dir);
    assert_eq!(names.len(), 2, "{names:?}");
    let base = names.iter().find(|n| n.starts_with("附件2.3-创建申请表（基地类）-运营主体名称（示例）-")).unwrap();
    assert!(base.ends_with(".html") && !base.contains("未完成"), "{base}");
    let html = std::fs::read_to_string(dir.join(base)).unwrap();
    assert!(html.contains("<style>") && html.contains("@page gb-page") && !html.contains("<script"));
    assert!(!html.contains("<link") && !html.contains(" src="), "nothing fetched: the page prints from disk");
    assert!(html.contains("广州市某某科技园中小企业创业创新基地"));
    assert!(html.contains("×100%=<span class=\"gb-answer\">12.00</span>%"));
    // The footer carries the same 数据校验码 as `validate` prints.
    let v = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .current_dir(root())
        .args(["validate", "tests/fixtures/base-complete.json"])
        .output()
        .unwrap();
    let checksum = stdout(&v).split("数据校验码 ").nth(1).unwrap()[..14].to_string();
    assert!(html.contains(&format!("数据校验码 {checksum}")), "{checksum}");
    assert!(stdout(&o).contains(&format!("tests/fixtures/base-complete.json → {}", dir.join(base).display())));
}

#[test]
fn incomplete_files_are_printed_and_exit_one_unreadable_exit_two() {
    let out = tempfile::tempdir().unwrap();
    let blank = out.path().join("blank.json");
    std::fs::write(&blank, r#"{"form": "creation-plan", "data": {}}"#).unwrap();
    let dir = out.path().join("printed");
    let o = print(&[blank.to_str().unwrap(), blank.to_str().unwrap(), "--output", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let names = pages(&dir);
    assert_eq!(names.len(), 2, "the same applicant twice on one day: two pages, {names:?}");
    let first = names.iter().find(|n| n.ends_with("-未完成.html")).unwrap();
    assert!(first.starts_with("附件2.4-创建方案-"), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("-未完成-2.html")), "{names:?}");
    let html = std::fs::read_to_string(dir.join(first)).unwrap();
    assert!(html.contains("gb-cover") && html.contains("工业和信息化部制"), "the blank plan's cover");

    let bad = out.path().join("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let o = print(&[bad.to_str().unwrap(), "tests/fixtures/base-complete.json", "--output", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8(o.stderr.clone()).unwrap();
    assert!(stderr.contains("bad.json: error: "), "{stderr}");
    assert!(stdout(&o).contains("base-complete.json → "), "the others are printed all the same");
}
