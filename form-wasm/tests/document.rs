//! The printed documents of the real forms (`form_wasm::document`): each
//! follows its template in the seed, holds every answer in full, never a
//! site aid, and a blank one has the template's rows to fill by hand.

#![allow(clippy::unwrap_used)]

mod common;

use common::{engine, fixture, FORMS};
use form_wasm::checksum::data_checksum;
use form_wasm::document::types::{Block, Document, Span};
use form_wasm::document::{self, html, layout, value, Kind};
use form_wasm::evaluate::Evaluation;
use form_wasm::model::{FieldType, FormDef};
use serde_json::{json, Map, Value};

fn evaluate(form: &str, data: &Map<String, Value>) -> (FormDef, Evaluation) {
    let e = engine(form);
    let ev = e.evaluate(data, &[]);
    (e.definition().clone(), ev)
}

fn official(form: &str, data: &Map<String, Value>) -> Document {
    let (def, ev) = evaluate(form, data);
    document::official(&def, &ev)
}

fn blank(form: &str) -> Document {
    official(form, &Map::new())
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn tables(d: &Document) -> Vec<&form_wasm::document::types::Table> {
    d.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect()
}

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap()
}

/// A plan with a few answers (there is no 2.4 fixture file).
fn plan_answers() -> Map<String, Value> {
    obj(json!({
        "platform_name": "甲平台", "applicant_name": "甲公司", "recommending_unit": "广州市工业和信息化局",
        "basic_introduction": "第一段。\n\n第二段。",
        "plan_type": {"value": "platform"},
        "served_totals": [{"year": "2024年", "total": "1650"}],
        "typical_practices": [{"title": "一站式受理", "description": "做法甲。"}],
        "creation_tasks": [{"name": "完善数据库", "purpose": "目的甲。", "content": "内容甲。\n内容乙。"}],
        "safeguard_measures": "保障甲。"
    }))
}

#[test]
fn the_real_layouts_place_every_field_of_the_official_forms() {
    for form in ["platform-application", "base-application"] {
        let placed = layout::placed(form).unwrap();
        let def = engine(form).definition().clone();
        let missing: Vec<&str> = def
            .fields()
            .into_iter()
            .map(|(_, f)| f)
            .filter(|f| !f.aid && !placed.contains(&f.id))
            .map(|f| f.id.as_str())
            .collect();
        assert!(missing.is_empty(), "{form}: fields its layout leaves out: {missing:?}");
        let unknown: Vec<&String> = placed.iter().filter(|id| def.field(id).is_none()).collect();
        assert!(unknown.is_empty(), "{form}: the layout names fields the form does not have: {unknown:?}");
    }
}

#[test]
fn every_answer_of_the_complete_fixtures_is_printed_in_full() {
    for (form, file) in [("platform-application", "platform-complete.json"), ("base-application", "base-complete.json")]
    {
        let data = fixture(file);
        let (def, ev) = evaluate(form, &data);
        let text = squeeze(&document::official(&def, &ev).plain_text());
        for (_, f) in def.fields() {
            if f.aid {
                continue;
            }
            let values: Vec<String> = match (f.kind, ev.data.get(&f.id)) {
                (FieldType::Table, Some(Value::Array(rows))) => rows
                    .iter()
                    .flat_map(|r| f.columns.iter().filter_map(move |c| value::text(c, r.get(&c.id))))
                    .collect(),
                (FieldType::Choice | FieldType::MultiChoice, Some(v)) => {
                    let chosen = v
                        .get("value")
                        .into_iter()
                        .chain(v.get("values").and_then(Value::as_array).into_iter().flatten());
                    chosen
                        .filter_map(Value::as_str)
                        .map(|c| format!("☑{}", f.options.iter().find(|o| o.value == c).unwrap().label))
                        .collect()
                }
                (_, v) => value::text(f, v).into_iter().collect(),
            };
            for v in values {
                assert!(text.contains(&squeeze(&v)), "{form}: {} “{v}” is not printed", f.id);
            }
        }
    }
}

#[test]
fn site_aids_never_print_on_the_official_pages() {
    let platform = squeeze(&official("platform-application", &fixture("platform-complete.json")).plain_text());
    for aid in ["2024年度服务收入占营业收入比重", "管理人员及服务人员合计", "企业平均满意度", "本站"]
    {
        assert!(!platform.contains(aid), "2.2 prints the aid {aid}");
    }
    let mut base = fixture("base-complete.json");
    base.insert("output_staff_basis".into(), json!("按从业人员年平均人数"));
    base.insert("total_income_2024".into(), json!("9999.00"));
    let base = squeeze(&official("base-application", &base).plain_text());
    for aid in ["人均产出所用人数", "按从业人员年平均人数", "9999.00", "地均产出所用面积", "（不重复计）"]
    {
        assert!(!base.contains(aid), "2.3 prints the aid {aid}");
    }
    let summary = official(
        "summary-table",
        &obj(json!({"recommending_unit": "广州市工业和信息化局", "unit_kind": {"value": "city"},
            "objects": [{"platform_name": "甲平台", "operator_name": "甲公司", "object_type": {"value": "platform"}}]})),
    );
    let text = summary.plain_text();
    assert!(!text.contains("广州市工业和信息化局") && !text.contains("地级以上市"), "{text}");
    let plan = squeeze(&official("creation-plan", &plan_answers()).plain_text());
    assert!(!plan.contains("本方案的创建对象类型"), "the plan type is an aid");
}

#[test]
fn computed_figures_print_as_the_templates_formula_line_with_the_value() {
    let text = squeeze(&official("base-application", &fixture("base-complete.json")).plain_text());
    assert!(
        text.contains("(2024年度入驻企业营业收入-2023年度入驻企业营业收入)/2023年度入驻企业营业收入×100%=12.00%"),
        "{text}"
    );
    assert!(text.contains("2024年度主导产业企业营业收入336000.00万元/2024年度入驻企业总营业收入×100%=60.00%"));
    assert!(text.contains("/基地企业数量=93.33%（同一企业多个称号的，只计算其中一个称号，不重复计算）"));
    assert!(text.contains("（服务收入/总收入）×100%=37.50%"), "{text}");
    assert!(text.contains("46.67万元/人"));
}

#[test]
fn choices_print_as_the_templates_boxes_with_the_chosen_ticked() {
    let mut data = fixture("platform-complete.json");
    data.insert("org_type".into(), json!({"value": "other", "detail": "产业促进中心"}));
    let text = squeeze(&official("platform-application", &data).plain_text());
    assert!(text.contains("□公益一类事业单位（全额拨款）"));
    assert!(text.contains("☑其他，请注明：产业促进中心"));
    assert!(text.contains("☑电脑端") && text.contains("□手机端"));
    assert!(text.contains("是否制定服务发展规划（请提供具体制度文件）是"), "yes/no as 是, its note beside the label");
}

#[test]
fn blank_documents_have_the_templates_rows() {
    let rows = |form: &str| tables(&blank(form)).iter().map(|t| t.rows.len()).collect::<Vec<_>>();
    // 2.1: the objects table; 2.2: the year across, agreements, activities, enterprises; 2.3: the year, brand activities.
    assert_eq!(rows("summary-table"), [2]);
    assert_eq!(rows("platform-application"), [1, 12, 15, 30]);
    assert_eq!(rows("base-application"), [1, 2]);
    for t in tables(&blank("platform-application")).into_iter().skip(1) {
        assert!(t.rows.iter().all(|r| r.iter().skip(1).all(String::is_empty)), "blank cells to fill by hand");
    }
    // Filled: every row, and no fewer than the template's.
    let filled = tables(&official("platform-application", &fixture("platform-complete.json")))
        .iter()
        .map(|t| t.rows.len())
        .collect::<Vec<_>>();
    assert_eq!(filled, [1, 12, 15, 30]);
}

#[test]
fn the_summary_table_is_its_title_stamp_line_and_numbered_table() {
    let d = blank("summary-table");
    assert!(
        matches!(&d.blocks[..], [Block::Attachment(_), Block::Title(_), Block::Stamp(s), Block::Table(_)] if s == "省级中小企业主管部门（盖章）：")
    );
    let t = tables(&d)[0];
    assert_eq!(
        t.head[0].iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        ["序号", "平台（基地）名称", "运营主体名称", "创建对象类型（平台、基地）"]
    );
    assert_eq!(t.rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), ["1", "2"]);
}

#[test]
fn the_plan_has_its_cover_alone_first_and_the_outline_with_the_text_in_full() {
    let d = official("creation-plan", &plan_answers());
    let Block::Cover(cover) = &d.blocks[0] else { panic!("the cover comes first: {:?}", d.blocks[0]) };
    let lines: Vec<(&str, Option<&str>, bool)> =
        cover.lines.iter().map(|l| (l.label.as_str(), l.value.as_deref(), l.stamp)).collect();
    assert_eq!(
        lines,
        [
            ("平台（基地）名称", Some("甲平台"), false),
            ("申请单位（运营主体）名称", Some("甲公司"), true),
            ("推荐时间", None, false),
            ("推荐单位", Some("广州市工业和信息化局"), true)
        ]
    );
    assert_eq!(cover.issuer.as_deref(), Some("工业和信息化部制"));
    assert!(!d.blocks[1..].iter().any(|b| matches!(b, Block::Stamp(_) | Block::Cover(_))), "no stamps after the cover");
    let text = d.plain_text();
    assert!(text.contains("第一段。\n第二段。\n"), "paragraphs kept: {text}");
    assert!(text.contains("创建任务1：完善数据库\n任务目的：目的甲。\n建设内容：内容甲。\n内容乙。\n"), "{text}");
    assert!(text.contains("典型经验做法1：一站式受理\n做法甲。\n"), "{text}");
    assert!(text.contains("各年度服务企业总数\n"), "a filled aid table prints, titled");
    assert!(!text.contains("分项服务中小企业数量"), "an empty aid table does not");
    assert!(!text.contains("介绍平台（基地）运营主体"), "written: the guidance gives way to the text");
    assert!(text.ends_with("创建方案评价要求及创建认定标准。\n"), "the 备注 closes the plan");

    let blank = blank("creation-plan").plain_text();
    assert!(blank.contains("介绍平台（基地）运营主体以及平台（基地）的基本信息"), "blank: the template's guidance");
    assert!(blank.contains("（二）已经形成的典型经验做法（简要介绍在服务产品开发"));
    assert!(blank.contains("平台类文本范例如下：\n创建任务1：完善中小企业库"));
    assert!(blank.contains("国家中小企业公共服务示范平台（基地）\n创建方案模板\n"));
}

#[test]
fn the_footer_carries_form_version_and_checksum() {
    let data = fixture("base-complete.json");
    let d = official("base-application", &data);
    let (_, ev) = evaluate("base-application", &data);
    assert_eq!(d.footer, format!("附件2.3 · 2025.1版 · 数据校验码 {}", data_checksum(&ev.data)));
    assert!(html::page_css(&d).contains(&format!("数据校验码 {}", data_checksum(&ev.data))));
    assert_eq!(blank("base-application").footer, "附件2.3 · 2025.1版", "a blank form has no answers to check");
}

#[test]
fn the_workings_page_explains_every_computed_figure() {
    let (def, ev) = evaluate("base-application", &fixture("base-complete.json"));
    let d = document::workings(&def, &ev);
    assert_eq!(d.kind, Kind::Workings);
    let text = d.plain_text();
    assert!(text.starts_with("计算说明\n附件2.3 "), "{text}");
    for m in &ev.metrics {
        assert!(text.contains(&m.label), "{}", m.label);
        assert!(text.contains(&m.formula), "{}", m.formula);
    }
    assert!(text.contains("计算结果\n12.00%\n"));
    assert!(text.contains("2023年度入驻企业总营业收入：500000.00"));
    assert!(text.contains("计算结果四舍五入保留两位小数"));
    assert!(d.footer.starts_with("附件2.3 计算说明 · 2025.1版 · 数据校验码 "));
}

#[test]
fn the_evidence_page_lists_the_index_with_the_stamp_note() {
    let (def, ev) = evaluate("platform-application", &fixture("platform-complete.json"));
    let d = document::evidence(&def, &ev);
    let items = form_wasm::evidence::index(&def, &ev);
    assert!(d.plain_text().contains("佐证材料须加盖运营主体公章"));
    let t = tables(&d)[0];
    assert_eq!(
        t.head[0].iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        ["序号", "对应填报项目", "应提供的材料", "备注"]
    );
    assert_eq!(t.rows.len(), items.len());
    for (row, item) in t.rows.iter().zip(&items) {
        assert_eq!(
            (row[0].as_str(), row[1].as_str(), row[2].as_str()),
            (item.number.to_string().as_str(), item.item.as_str(), item.provide.as_str())
        );
    }
}

#[test]
fn the_html_is_text_only_escaped_and_without_inline_style() {
    for form in FORMS {
        for d in [blank(form), official(form, &fixture_or_empty(form))] {
            let body = html::body(&d);
            assert!(
                !body.contains(" style=")
                    && !body.contains("<script")
                    && !body.contains("<input")
                    && !body.contains("<textarea"),
                "{form}"
            );
        }
    }
    let mut data = fixture("platform-complete.json");
    data.insert("platform_name".into(), json!("<b>甲</b> & \"乙\""));
    let body = html::body(&official("platform-application", &data));
    assert!(body.contains("&lt;b&gt;甲&lt;/b&gt; &amp; &quot;乙&quot;"));
    let page = html::standalone(&blank("summary-table"));
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<style>") && !page.contains("<script"));
}

fn fixture_or_empty(form: &str) -> Map<String, Value> {
    match form {
        "platform-application" => fixture("platform-complete.json"),
        "base-application" => fixture("base-complete.json"),
        "creation-plan" => plan_answers(),
        _ => Map::new(),
    }
}

#[test]
fn long_text_keeps_every_character_and_its_paragraphs() {
    let long: String = (0..5).map(|p| format!("{}{}", p, "中".repeat(199))).collect::<Vec<_>>().join("\n");
    let mut data = fixture("platform-complete.json");
    data.insert("system_overview".into(), json!(long));
    let d = official("platform-application", &data);
    let paras: Vec<String> = d
        .blocks
        .iter()
        .filter_map(|b| if let Block::Grid(g) = b { Some(g) } else { None })
        .flat_map(|g| &g.rows)
        .flat_map(|r| &r.cells)
        .flat_map(|c| &c.paras)
        .filter_map(|p| match p.as_slice() {
            [Span::Answer(t)] if t.starts_with(|c: char| c.is_ascii_digit()) && t.ends_with('中') => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(paras.join("\n"), long);
}
