//! The 推荐单位 desk (form_review::desk) on a unit's collection of files:
//! every applicant paired and flagged, unreadable files named, the quota
//! refused in the notice's words before anything is made, and the 2.1, the
//! covers and the manifest made from the choice.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use form_review::desk::{Desk, FileIn, Work};
use serde_json::{json, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn fixture(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join("tests/fixtures").join(name)).unwrap()).unwrap()
}

fn desk() -> Desk {
    Desk::new(site_gen::validate::engines(&root().join("content")).unwrap())
}

fn file(name: &str, v: &Value) -> FileIn {
    FileIn { name: name.into(), text: v.to_string() }
}

/// A unit's collection: two complete applicants with their plans, one sent
/// twice, a plan alone, an incomplete application, an older form version,
/// an unreadable file and a 2.1.
fn collection() -> Vec<FileIn> {
    let mut platform = fixture("platform-complete.json");
    platform["form"] = json!("platform-application");
    platform["data"]["credit_code"] = json!("91440300MA5FGH2J35");
    platform["exported_at"] = json!("2025-11-20T10:00:00+08:00");
    let mut again = platform.clone();
    again["exported_at"] = json!("2025-11-21T09:00:00+08:00");
    let mut base = fixture("base-complete.json");
    base["form"] = json!("base-application");
    let plan = |object: &str, operator: &str| json!({"form": "creation-plan", "data": {"platform_name": object, "applicant_name": operator}});
    let mut older = fixture("base-complete.json");
    older["form"] = json!("base-application");
    older["version"] = json!("2024.9");
    older["data"]["credit_code"] = json!("91440101MA59R7WK0J");
    older["data"]["operator_name"] = json!("较早版本公司");
    let mut incomplete = fixture("base-complete.json");
    incomplete["form"] = json!("base-application");
    incomplete["data"]["credit_code"] = json!("91350100M000100Y44");
    incomplete["data"]["operator_name"] = json!("未填完公司");
    incomplete["data"].as_object_mut().unwrap().remove("base_name");
    vec![
        file("平台申请表.json", &platform),
        file("平台申请表-修改后.json", &again),
        file("平台方案.json", &plan("广东省中小企业公共服务示范平台（示例）", "登记注册名称（全（示例）")),
        file("基地申请表.json", &base),
        file("基地方案.json", &plan("广州市某某科技园中小企业创业创新基地", "运营主体名称（示例）")),
        file("孤立方案.json", &plan("某平台", "只有方案的公司")),
        file("较早版本.json", &older),
        file("未填完.json", &incomplete),
        FileIn { name: "坏文件.json".into(), text: "{ not json".into() },
        file("汇总表.json", &json!({"form": "summary-table", "data": {"recommending_unit": "某市"}})),
    ]
}

#[test]
fn the_overview_pairs_flags_and_names_every_file() {
    let work = Work { files: collection(), ..Work::default() };
    let o = desk().overview(&work);
    let row = |operator: &str| o.rows.iter().filter(|r| r.applicant.operator_name == operator).collect::<Vec<_>>();
    let platform = row("登记注册名称（全（示例）");
    assert_eq!(platform.len(), 2, "sent twice: two rows");
    assert!(platform.iter().all(|r| r
        .applicant
        .notes
        .iter()
        .any(|n| n.contains("统一社会信用代码与另外1份申请表相同"))));
    assert!(platform.iter().any(|r| r.applicant.notes.iter().any(|n| n.contains("本份导出时间最新"))));
    assert_ne!(platform[0].key, platform[1].key, "each row chosen apart");
    let base = &row("运营主体名称（示例）")[0];
    assert!(base.paired_by_name && base.applicant.application.as_ref().unwrap().complete, "{base:?}");
    assert!(!base.complete && base.errors > 0, "its plan is not filled in: {base:?}");
    assert!(!base.applicant.metrics.is_empty(), "the key metrics");
    let lone = &row("只有方案的公司")[0];
    assert!(lone.applicant.notes.iter().any(|n| n.contains("缺少创建申请表")), "{lone:?}");
    let older = &row("较早版本公司")[0];
    assert!(older.applicant.notes.iter().any(|n| n.contains("来自表单 2024.9 版")), "{older:?}");
    assert!(older.applicant.notes.iter().any(|n| n.contains("缺少创建方案")));
    let incomplete = &row("未填完公司")[0];
    assert!(!incomplete.complete && incomplete.errors > 0);
    assert_eq!(o.unreadable.len(), 1);
    assert_eq!(o.unreadable[0].0, "坏文件.json");
    assert!(o.unreadable[0].1.contains("数据文件"), "said in Chinese: {}", o.unreadable[0].1);
    assert_eq!(o.summaries, vec!["汇总表.json".to_string()], "a 2.1 is not an applicant");
    assert!(o.unit_kinds.iter().any(|(v, l)| v == "provincial" && l == "省有关单位"));
}

#[test]
fn the_quota_is_refused_in_the_notices_words_and_a_choice_within_it_makes_the_2_1() {
    let d = desk();
    let files = collection();
    let keys = d.overview(&Work { files: files.clone(), ..Work::default() }).rows;
    let key = |operator: &str| keys.iter().find(|r| r.applicant.operator_name == operator).unwrap().key.clone();
    let mut work = Work {
        files,
        chosen: vec![key("登记注册名称（全（示例）"), key("运营主体名称（示例）"), key("未填完公司")],
        unit_name: "广州市工业和信息化局".into(),
        unit_kind: "city".into(),
        recommended_on: "2025-11-24".into(),
    };
    let refused = d.produce(&work, "2025-11-24T10:00:00+08:00").unwrap_err();
    assert!(refused.iter().any(|r| r.contains("各自推荐创建对象不超过2个，超过数量不予受理")), "{refused:?}");
    work.unit_kind = "provincial".into();
    work.chosen.truncate(2);
    let refused = d.produce(&work, "2025-11-24T10:00:00+08:00").unwrap_err();
    assert!(refused.iter().any(|r| r.contains("省有关单位推荐创建对象不超过1个")), "{refused:?}");
    work.unit_kind = String::new();
    assert!(d.produce(&work, "x").unwrap_err().iter().any(|r| r.contains("请选择推荐单位类型")));

    work.unit_kind = "city".into();
    let p = d.produce(&work, "2025-11-24T10:00:00+08:00").unwrap();
    let summary: Value = serde_json::from_str(&p.summary_json).unwrap();
    assert_eq!(summary["form"], "summary-table");
    assert_eq!(summary["complete"], true, "{}", p.summary_json);
    let objects = summary["data"]["objects"].as_array().unwrap();
    assert_eq!(objects.len(), 2);
    assert_eq!(objects[0]["platform_name"], "广东省中小企业公共服务示范平台（示例）");
    assert_eq!(objects[0]["object_type"]["value"], "platform");
    assert_eq!(objects[1]["object_type"]["value"], "base");
    assert!(
        p.summary_name.starts_with("附件2.1-") && p.summary_name.contains("广州市工业和信息化局"),
        "{}",
        p.summary_name
    );
    assert!(p.summary_html.contains("广州市某某科技园中小企业创业创新基地"));
    // Each chosen applicant's cover, the unit and the date written in.
    assert_eq!(p.covers_html.matches("gb-cover\"").count(), 2, "{}", p.covers_html);
    assert_eq!(p.covers_html.matches("广州市工业和信息化局").count(), 2);
    assert!(p.covers_html.contains("2025年11月24日"), "{}", p.covers_html);
    let manifest: Value = serde_json::from_str(&p.manifest_json).unwrap();
    assert_eq!(manifest["recommended"].as_array().unwrap().len(), 2);
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(files.iter().filter(|f| f["recommended"] == true).count(), 4, "two applications, two plans");
    assert!(files.iter().all(|f| f["data_checksum"].as_str().is_some_and(|c| c.len() == 14)));
    assert_eq!(manifest["summary_table"]["data_checksum"], summary["data_checksum"]);
    assert_eq!(manifest["unreadable"][0]["file"], "坏文件.json");
}
