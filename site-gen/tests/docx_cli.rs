//! `site-gen docx` as applicants and recommending units use it: each
//! submission a Word file named like its export, opened by a real client
//! (LibreOffice, headless, as .ci/run installs it) and read back as text:
//! every answer there, the 2.4 cover alone on its page, the 数据校验码 in
//! the footer, header rows repeated, the same bytes for the same answers.

#![allow(clippy::unwrap_used)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use form_wasm::document;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn docx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_site-gen")).current_dir(root()).arg("docx").args(args).output().unwrap()
}

fn written(dir: &Path, starts: &str) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(starts))
        .collect();
    assert_eq!(found.len(), 1, "one file named {starts}…: {found:?}");
    found[0].clone()
}

/// LibreOffice, headless, converts `file` to `to` (`pdf`, `txt:…`) in `outdir`.
fn libreoffice(file: &Path, to: &str, ext: &str) -> PathBuf {
    let outdir = file.parent().unwrap().join(ext);
    // Its own profile: tests run in parallel, and a shared one locks.
    let profile = format!("-env:UserInstallation=file://{}", file.parent().unwrap().join("lo-profile").display());
    let o = Command::new("soffice")
        .args([
            &profile,
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            outdir.to_str().unwrap(),
            file.to_str().unwrap(),
        ])
        .output()
        .expect("LibreOffice (soffice) is installed: .ci/run installs libreoffice-writer-nogui");
    assert!(o.status.success(), "soffice: {}", String::from_utf8_lossy(&o.stderr));
    outdir.join(file.with_extension(ext).file_name().unwrap())
}

/// The document as LibreOffice lays it out on paper, one string per page.
fn pages_via_libreoffice(file: &Path) -> Vec<String> {
    let pdf = libreoffice(file, "pdf", "pdf");
    let text = Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output().unwrap();
    String::from_utf8(text.stdout)
        .unwrap()
        .split('\u{c}')
        .map(str::to_string)
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// The document's text as LibreOffice reads it, each paragraph (of the
/// body and of each table cell) in order: what a reader of the file gets.
fn text_via_libreoffice(file: &Path) -> String {
    std::fs::read_to_string(libreoffice(file, "txt:Text (encoded):UTF8", "txt")).unwrap()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A part of the .docx package (a zip of XML), as text.
fn part(file: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// What the print model says the paper holds, line by line.
fn document_lines(form_file: &str) -> Vec<String> {
    let engines = site_gen::validate::engines(&root().join("content")).unwrap();
    let s = site_gen::validate::read_submission(&engines, &root().join(form_file)).unwrap();
    let ev = s.engine.evaluate(&s.answers.data, &s.answers.confirmed_warnings);
    document::official(s.engine.definition(), &ev).plain_text().lines().map(squeeze).filter(|l| !l.is_empty()).collect()
}

#[test]
fn every_answer_of_the_application_forms_is_in_the_word_file_and_its_header_rows_repeat() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("word");
    let o = docx(&[
        "tests/fixtures/platform-complete.json",
        "tests/fixtures/base-complete.json",
        "--output",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    for (fixture, name) in [
        ("tests/fixtures/platform-complete.json", "附件2.2-创建申请表（平台类）-"),
        ("tests/fixtures/base-complete.json", "附件2.3-创建申请表（基地类）-运营主体名称（示例）-"),
    ] {
        let file = written(&dir, name);
        assert!(file.to_string_lossy().ends_with(".docx") && !file.to_string_lossy().contains("未完成"));
        let all = squeeze(&text_via_libreoffice(&file));
        let missing: Vec<String> = document_lines(fixture).into_iter().filter(|l| !all.contains(l.as_str())).collect();
        assert!(missing.is_empty(), "{name}: not in the Word file as LibreOffice shows it: {missing:?}");
        // The checksum `validate` prints is in the footer of every page.
        let v = Command::new(env!("CARGO_BIN_EXE_site-gen")).current_dir(root()).args(["validate", fixture]).output();
        let v = String::from_utf8(v.unwrap().stdout).unwrap();
        let checksum = v.split("数据校验码 ").nth(1).unwrap()[..14].to_string();
        for (i, p) in pages_via_libreoffice(&file).iter().enumerate() {
            assert!(p.contains(&format!("数据校验码 {checksum}")), "page {} of {name} lacks the checksum", i + 1);
            assert!(squeeze(p).contains(&format!("—{}—", i + 1)), "page {} of {name} lacks its number", i + 1);
        }
    }
    // 2.2's table of 30 served enterprises runs over pages: its header on each.
    let platform = written(&dir, "附件2.2-");
    let xml = part(&platform, "word/document.xml");
    assert!(xml.matches("<w:tblHeader />").count() >= 2, "header rows are marked to repeat");
    let pages = pages_via_libreoffice(&platform);
    let with_rows = pages.iter().filter(|p| p.contains("广州示例科技有限")).count();
    let with_head = pages.iter().filter(|p| p.contains("广州示例科技有限") && p.contains("服务中小企业名称")).count();
    assert!(
        with_rows >= 2 && with_head == with_rows,
        "{with_head} of {with_rows} pages of enterprises have the header"
    );
    // Official fonts named for WPS and Word.
    for font in ["仿宋", "黑体", "方正小标宋简体"] {
        assert!(xml.contains(&format!("w:eastAsia=\"{font}\"")), "{font}");
    }
}

#[test]
fn the_plan_cover_is_alone_on_its_page_and_the_same_answers_give_the_same_bytes() {
    let out = tempfile::tempdir().unwrap();
    let blank = out.path().join("plan.json");
    std::fs::write(&blank, r#"{"form": "creation-plan", "exported_at": "2025-11-24T10:00:00+08:00", "data": {}}"#)
        .unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    for dir in [&a, &b] {
        let o = docx(&[blank.to_str().unwrap(), "--output", dir.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "incomplete: written, exit 1");
    }
    let first = written(&a, "附件2.4-创建方案-20251124-未完成");
    assert_eq!(std::fs::read(&first).unwrap(), std::fs::read(written(&b, "附件2.4-")).unwrap(), "byte for byte");
    let pages = pages_via_libreoffice(&first);
    let cover = squeeze(&pages[0]);
    for words in ["附件2.4", "创建方案", "平台（基地）名称", "推荐单位", "（盖章）", "工业和信息化部制"]
    {
        assert!(cover.contains(words), "the cover has {words}: {cover}");
    }
    assert!(!cover.contains("基本情况介绍") && !cover.contains("—1—"), "the cover alone, without a number: {cover}");
    assert!(squeeze(&pages[1]).contains("—1—"), "numbers start after the cover");
}

#[test]
fn unreadable_files_are_named_and_exit_two() {
    let out = tempfile::tempdir().unwrap();
    let bad = out.path().join("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let o = docx(&[bad.to_str().unwrap(), "--output", out.path().join("w").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr).unwrap().contains("bad.json: error: "));
}
