//! `site-gen validate` as the people who receive submissions use it.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn validate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_site-gen")).current_dir(root()).arg("validate").args(args).output().unwrap()
}

/// The real form `id` as the engine's bundle.
fn bundle_of(id: &str) -> form_wasm::bundle::Bundle {
    let content = root().join("content");
    let loaded = site_gen::content::load(&content).unwrap_or_else(|_| panic!("content loads"));
    let forms = site_gen::forms::load(&content, &loaded.forms).unwrap_or_else(|_| panic!("forms load"));
    forms.iter().find(|f| f.def.id == id).unwrap().bundle()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn complete_files_exit_zero_and_show_their_metrics() {
    let o = validate(&["tests/fixtures/base-complete.json", "tests/fixtures/platform-complete.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("tests/fixtures/base-complete.json: base-application 2025.1 — complete (0 errors, 0 warnings)")
    );
    assert!(out.contains("  = 近两年基地入驻企业总营业收入增速: 12.00 %"), "{out}");
    assert!(out.contains("  = 企业平均满意度: 94.5 分"), "{out}");
    // The same 数据校验码 as the engine's export of those answers.
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/fixtures/base-complete.json")).unwrap())
            .unwrap();
    let e = form_wasm::api::Engine::new(bundle_of("base-application")).unwrap();
    let ev = e.evaluate(v["data"].as_object().unwrap(), &[]);
    let export: serde_json::Value = serde_json::from_str(&e.export(&ev, &[], "2026-11-27").to_json()).unwrap();
    let checksum = export["data_checksum"].as_str().unwrap();
    assert!(out.contains(&format!("  数据校验码 {checksum}\n")), "{out}");
}

#[test]
fn a_file_with_problems_exits_one_and_names_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/fixtures/base-complete.json")).unwrap())
            .unwrap();
    v["data"]["resident_revenue_2023"] = "0".into();
    v["data"]["credit_code"] = "91350100M000100Y44".into();
    v["data"]["service_income_2024"] = "９０００".into();
    let file = write(dir.path(), "bad.json", &v.to_string());
    let o = validate(&[&file]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    // 服务收入 above 营业收入 is the site's inference, not the seed's: a warning.
    assert!(out.contains("INCOMPLETE (1 errors, 1 warnings)"), "{out}");
    assert!(
        out.contains("  = 近两年基地入驻企业总营业收入增速: 无法计算：「2023年度入驻企业总营业收入」为0，不能作除数"),
        "{out}"
    );
    assert!(out.contains("  error credit_code: 「统一社会信用代码」：统一社会信用代码校验位不符"), "{out}");
    assert!(out.contains("  warning service_income_2024: "), "{out}");
}

#[test]
fn an_unreadable_file_or_unknown_form_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.json", "{ not json");
    let other = write(dir.path(), "other.json", r#"{"form": "no-such-form", "data": {}}"#);
    let bare = write(dir.path(), "bare.json", r#"{"whatever": 1}"#);
    for (file, expect) in [
        (bad.as_str(), "is not valid JSON"),
        (other.as_str(), "names form `no-such-form`, which this site does not have"),
        (bare.as_str(), "names no known form"),
        ("/nonexistent/x.json", "cannot read"),
    ] {
        let o = validate(&[file]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        // Errors go to stderr, so a report piped on holds only reports.
        assert!(stderr(&o).starts_with(&format!("{file}: error: {expect}")), "{file}: {}", stderr(&o));
        assert_eq!(stdout(&o), "", "{file}");
    }
}

#[test]
fn a_bare_object_of_answers_is_matched_to_its_form() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bare.json", r#"{"base_name": "甲基地", "resident_smes": "３００"}"#);
    let o = validate(&[&file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains(": base-application 2025.1 — INCOMPLETE"), "{}", stdout(&o));
}

#[test]
fn json_output_for_machines() {
    let o = validate(&["--json", "tests/fixtures/base-complete.json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["form"], "base-application");
    assert_eq!(v[0]["evaluation"]["complete"], true);
    let growth =
        v[0]["evaluation"]["metrics"].as_array().unwrap().iter().find(|m| m["id"] == "revenue_growth").unwrap();
    assert_eq!(growth["value"], "12.00");
}

#[test]
fn json_numbers_in_a_file_are_read_exactly() {
    // Numbers as JSON numbers, as a file made elsewhere may carry them: no
    // figure may pass through binary floating point on the way in.
    let dir = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/fixtures/base-complete.json")).unwrap())
            .unwrap();
    v["data"]["revenue_2024"] = "@revenue".into();
    v["data"]["assets_2024"] = "@assets".into();
    let text =
        v.to_string().replace(r#""@revenue""#, "123456789012345.67").replace(r#""@assets""#, "1234567890123.4567");
    let file = write(dir.path(), "numbers.json", &text);
    let o = validate(&["--json", &file]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let data = &report[0]["evaluation"]["data"];
    assert_eq!(data["revenue_2024"], "123456789012345.67", "{}", stdout(&o));
    assert_eq!(data["assets_2024"], "1234567890123.4567", "{}", stdout(&o));
}

/// The base fixture as the page exports it: every header key, as made.
fn base_export() -> serde_json::Value {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/fixtures/base-complete.json")).unwrap())
            .unwrap();
    let e = form_wasm::api::Engine::new(bundle_of("base-application")).unwrap();
    let ev = e.evaluate(v["data"].as_object().unwrap(), &[]);
    serde_json::from_str(&e.export(&ev, &[], "2026-11-27T10:00:00+08:00").to_json()).unwrap()
}

/// Runs validate, killing it if it has not finished in 20 seconds.
fn validate_within(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .current_dir(root())
        .arg("validate")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("validate {args:?} did not finish");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn an_export_as_made_has_nothing_to_say_about_itself() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "export.json", &base_export().to_string());
    let o = validate(&[&file]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("— complete (0 errors, 0 warnings)\n  数据校验码 "), "{}", stdout(&o));
}

#[test]
fn a_pipe_a_device_or_a_folder_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let folder = dir.path().display().to_string();
    for file in [fifo.display().to_string(), "/dev/zero".into(), folder] {
        let o = validate_within(&[&file]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        assert_eq!(stderr(&o), format!("{file}: error: 不是普通文件（是文件夹、管道或设备），未读取\n"));
    }
}

#[test]
fn a_file_larger_than_the_page_imports_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = base_export();
    v["data"]["ecosystem_results"] = "很".repeat(2 * 1024 * 1024).into(); // 6 MiB of UTF-8
    let file = write(dir.path(), "big.json", &v.to_string());
    let o = validate(&[&file]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!("{file}: error: 文件过大（6.0 MB，上限 5.0 MB，与表单页面导入相同）")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_byte_order_mark_as_windows_notepad_saves_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "notepad.json", &format!("\u{feff}{}", base_export()));
    let o = validate(&[&file]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn another_format_is_an_error_and_another_version_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = base_export();
    v["version"] = "2099.9".into();
    let newer = write(dir.path(), "newer.json", &v.to_string());
    let o = validate(&[&newer]);
    assert_eq!(o.status.code(), Some(0), "a warning does not refuse: {}", stdout(&o));
    assert!(stdout(&o).contains(&format!(
        "{newer}: base-application 2025.1 — complete (0 errors, 1 warnings)\n  warning version: 文件来自表单 2099.9 版，已按本站 2025.1 版的规则检查\n"
    )), "{}", stdout(&o));

    v["format"] = "form-export/9".into();
    let other = write(dir.path(), "other.json", &v.to_string());
    let o = validate(&[&other]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains(&format!(
        "{other}: base-application 2025.1 — INCOMPLETE (1 errors, 1 warnings)\n  error format: 文件格式为 form-export/9，本站的数据文件为 form-export/1：文件不是本站表单保存的，或来自更新的版本，其内容未必按本站的规则理解\n"
    )), "{}", stdout(&o));
}

#[test]
fn unknown_keys_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = base_export();
    v["signature"] = "x".into();
    v["comment"] = "y".into();
    v["data"]["base_nam"] = "错字".into();
    let file = write(dir.path(), "extra.json", &v.to_string());
    let out = stdout(&validate(&[&file]));
    assert!(out.contains("  warning: 文件中有数据文件格式之外的项，未予理会：signature、comment\n"), "{out}");
    assert!(out.contains("  warning data: 填写内容中有本表没有的项，未予检查：base_nam\n"), "{out}");
    assert!(out.contains("— complete (0 errors, 2 warnings)"), "{out}");
}

#[test]
fn claims_that_the_recomputation_does_not_bear_out_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = base_export();
    v["complete"] = false.into();
    v["data_checksum"] = "0000-0000-0000".into();
    v["metrics"]["revenue_growth"]["value"] = "99.00".into();
    let file = write(dir.path(), "claims.json", &v.to_string());
    let out = stdout(&validate(&[&file]));
    assert!(out.contains("  warning complete: 文件标明未填写完整，重新检查的结果是填写完整\n"), "{out}");
    let checksum = base_export()["data_checksum"].as_str().unwrap().to_string();
    assert!(out.contains(&format!("  warning data_checksum: 文件所载数据校验码 0000-0000-0000 与按其填写内容重新计算的 {checksum} 不符：填写内容在导出后可能被改动过\n")), "{out}");
    assert!(out.contains("  warning metrics.revenue_growth: 文件所载「近两年基地入驻企业总营业收入增速」为 99.00，重新计算为 12.00\n"), "{out}");

    let o = validate(&["--json", &file]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let keys: Vec<&str> = report[0]["notes"].as_array().unwrap().iter().map(|n| n["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["complete", "data_checksum", "metrics.revenue_growth"]);
}

#[test]
fn control_characters_in_answers_are_shown_not_sent_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = base_export();
    v["data"]["revenue_2024"] = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}1m\n  complete".into();
    let file = write(dir.path(), "esc.json", &v.to_string());
    let o = validate(&[&file]);
    let out = stdout(&o);
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    assert!(out.contains(r"\x1b[2J\x1b]0;pwned\x07\u{9b}1m\x0a  complete"), "{out}");
    let json = stdout(&validate(&["--json", &file]));
    assert!(!json.chars().any(|c| c.is_control() && c != '\n'), "{json:?}");
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report[0]["evaluation"]["data"]["revenue_2024"], v["data"]["revenue_2024"]);
}

#[test]
fn every_file_is_reported_and_json_is_one_array() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.json", "{ not json");
    let o = validate(&["--json", "tests/fixtures/base-complete.json", &bad, "tests/fixtures/platform-complete.json"]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(v[0]["complete"], true);
    assert!(v[1]["error"].as_str().unwrap().starts_with("is not valid JSON"));
    assert_eq!(v[2]["form"], "platform-application");
    assert!(stderr(&o).starts_with(&format!("{bad}: error: is not valid JSON")));
}

#[test]
fn run_outside_the_project_it_says_the_content_folder_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_site-gen"))
        .current_dir(dir.path())
        .args(["validate", root().join("tests/fixtures/base-complete.json").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: no content folder at {}; run from the project folder or pass --content\n",
            dir.path().join("content").display()
        )
    );
    assert_eq!(stdout(&o), "");
}
