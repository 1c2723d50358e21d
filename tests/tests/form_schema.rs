//! The JSON Schemas written beside the form pages (`forms/<id>.schema.json`)
//! accept a realistic export of each form, and reject wrong ones for the
//! right reason: the error is at the expected place and from the expected
//! keyword, and there is no other error.

#![allow(clippy::unwrap_used)]
#![recursion_limit = "256"]

use std::path::Path;

use jsonschema::Validator;
use serde_json::{json, Map, Value};
use tests::build_real_site;

// ---------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------

fn validator(out: &Path, form: &str) -> Validator {
    let path = out.join("forms").join(format!("{form}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{} is not a usable schema: {e}", path.display()))
}

/// Every error as (instance path, keyword, message).
fn errors(v: &Validator, instance: &Value) -> Vec<(String, String, String)> {
    v.iter_errors(instance)
        .map(|e| (e.instance_path().to_string(), e.kind().keyword().to_string(), e.to_string()))
        .collect()
}

fn assert_valid(v: &Validator, form: &str, instance: &Value) {
    let errs = errors(v, instance);
    assert!(
        errs.is_empty(),
        "the example {form} export does not validate ({} errors):\n{}",
        errs.len(),
        errs.iter().map(|(p, k, m)| format!("  {p} [{k}]: {m}")).collect::<Vec<_>>().join("\n")
    );
}

/// Several objects of answers, one per section, as one `data` object.
fn merge(parts: &[Value]) -> Value {
    let mut data = Map::new();
    for p in parts {
        for (k, v) in p.as_object().unwrap() {
            assert!(data.insert(k.clone(), v.clone()).is_none(), "{k} given twice in the example");
        }
    }
    Value::Object(data)
}

/// The form's definition version, as the real content has it now.
fn form_version(form: &str) -> String {
    let path = tests::repo_root().join(format!("content/forms/{form}.yaml"));
    let def: form_wasm::model::FormDef = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    def.version
}

/// The envelope an export has around its answers.
fn export(form: &str, data: Value, metrics: Value) -> Value {
    json!({
        "format": "form-export/1",
        "form": form,
        "version": form_version(form),
        "definition_sha256": "3f5a0c9e8b7d6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa998877",
        "engine": "form-wasm 0.1.0",
        "exported_at": "2025-11-20T10:30:00+08:00",
        "complete": true,
        "data": data,
        "metrics": metrics,
        "validation": {"complete": true, "errors": 0, "warnings": 0, "problems": []}
    })
}

fn metric(value: &str, unit: &str, formula: &str) -> Value {
    json!({"value": value, "unit": unit, "formula": formula})
}

// ---------------------------------------------------------------------------
// Example exports, one per form.
// ---------------------------------------------------------------------------

fn summary_table_example() -> Value {
    let data = json!({
        "recommending_unit": "广州市工业和信息化局",
        "unit_kind": {"value": "city"},
        "objects": [
            {
                "platform_name": "广州市中小企业公共服务平台",
                "operator_name": "广州市中小企业服务中心",
                "object_type": {"value": "platform"}
            },
            {
                "platform_name": "广州黄埔智能装备产业园中小企业服务基地",
                "operator_name": "广州黄埔智造园区运营管理有限公司",
                "object_type": {"value": "base"}
            }
        ]
    });
    export("summary-table", data, json!({}))
}

fn platform_application_example() -> Value {
    let basic = json!({
        "platform_name": "广州市中小企业公共服务平台",
        "platform_url": "https://www.gzsme.example.cn",
        "launch_date": "2016-09-01",
        "operator_name": "广州市中小企业服务中心",
        "legal_representative": "李明",
        "registration_date": "2008-03-18",
        "credit_code": "12440100MB2C345676",
        "org_type": {"value": "public_2"},
        "address": "广州市越秀区东风中路305号",
        "postcode": "510030",
        "contact_name": "陈晓",
        "contact_title": "综合部部长",
        "landline": "020-87654321",
        "mobile": "13800138000",
        "fax": "020-87654322",
        "email": "service@gzsme.example.cn"
    });
    let finance = json!({
        "revenue_2024": "1860.45",
        "service_income_2024": "1520.30",
        "gov_income_2024": "980.00",
        "assets_2024": "3250.80",
        "profit_2024": "86.20",
        "tax_2024": "45.67"
    });
    let system = json!({
        "system_overview": "平台于2016年上线，建成中小企业、法律政策、服务机构、服务产品案例四个数据库，采用云上部署，全年可用率99.9%。",
        "databases": "中小企业库收录本市中小企业12.8万家；法律政策库收录国家、省、市三级惠企政策及解读5600条；服务机构库收录机构860家；服务产品案例库收录案例420个。",
        "login_methods": {"values": ["pc", "mobile_web", "mini_program"], "details": {"mini_program": "穗企服务通"}},
        "system_funding": "650.00",
        "system_funding_source": "市级财政专项资金",
        "maintenance_funding_2024": "85.00",
        "maintenance_funding_source_2024": "运营主体自有资金",
        "maintenance_funding_2025": "90.00",
        "maintenance_funding_source_2025": "运营主体自有资金",
        "service_funding_2024": "320.50",
        "service_funding_source_2024": "政府购买服务",
        "service_funding_2025": "350.00",
        "service_funding_source_2025": "政府购买服务",
        "management_staff": "12",
        "service_staff": "46",
        "bachelor_share": "87.93",
        "has_development_plan": true,
        "has_annual_plan": true,
        "has_management_rules": true,
        "qualifications": "通过ISO9001质量管理体系认证；拥有软件著作权8项、注册商标2件。"
    });
    let capability = json!({
        "capability_overview": "平台提供政策、融资、培训、数字化转型等服务，汇集服务机构和专家资源，已与省平台实现数据互通。",
        "general_services": {
            "values": ["policy_guidance", "management_consulting", "talent_training", "investment_financing", "other"],
            "details": {"other": "企业上云咨询"}
        },
        "general_service_columns": "18",
        "tech_services": {"values": ["digital_transformation", "intellectual_property"]},
        "tech_service_columns": "6",
        "provider_count": "3",
        "expert_count": "2",
        "agreements": [
            {"partner_name": "广东某某会计师事务所", "cooperation_content": "财税咨询", "cooperation_period": {"from": "2023-01", "to": "2025-12"}},
            {"partner_name": "广州某某律师事务所", "cooperation_content": "法律服务", "cooperation_period": {"from": "2024-03", "to": "2026-02"}},
            {"partner_name": "某某科技有限公司", "cooperation_content": "数字化转型诊断", "cooperation_period": {"from": "2024-07", "to": "2025-06"}},
            {"partner_name": "张华（华南理工大学教授）", "cooperation_content": "技术咨询", "cooperation_period": {"from": "2024-01", "to": "2025-12"}},
            {"partner_name": "王芳（注册会计师）", "cooperation_content": "融资辅导", "cooperation_period": {"from": "2025-01", "to": "2025-12"}}
        ],
        "interconnection": "已接入广东省中小企业公共服务平台网络，实现服务需求和服务记录的双向推送。"
    });
    let activities: Vec<Value> = (1..=12)
        .map(|i| {
            json!({
                "activity_content": format!("第{i}期“政策进园区”宣讲暨融资对接会"),
                "activity_date": format!("2025-{i:02}-15"),
                "activity_enterprises": format!("{}", 30 + i * 5)
            })
        })
        .collect();
    let enterprises: Vec<Value> = (1..=32)
        .map(|i| {
            let phone = if i % 2 == 0 { format!("139{i:08}") } else { format!("020-8{i:07}") };
            json!({
                "enterprise_name": format!("广州某某{i}号科技有限公司"),
                "enterprise_contact": format!("联系人{i}"),
                "enterprise_phone": phone,
                "service_summary": "政策申报辅导、融资对接",
                "satisfaction": format!("{}.{}", 85 + i % 15, i % 10)
            })
        })
        .collect();
    let results = json!({
        "results_overview": "2024年服务中小企业3560家，覆盖全市11个区，企业满意度平均95分以上。",
        "served_2024": "3560",
        "expected_served_2025": "4200",
        "coverage_share": "100.00",
        "offline_activities": activities,
        "served_enterprises": enterprises
    });
    let metrics = json!({
        "service_income_share_2024": metric("81.72", "%", "service_income_2024 / revenue_2024 * 100"),
        "staff_total": metric("58", "人", "management_staff + service_staff"),
        "average_satisfaction": metric("92.0", "分", "sum(served_enterprises.satisfaction) / count(served_enterprises)")
    });
    export("platform-application", merge(&[basic, finance, system, capability, results]), metrics)
}

fn base_application_example() -> Value {
    let basic = json!({
        "base_name": "广州黄埔智能装备产业园中小企业服务基地",
        "operator_name": "广州黄埔智造园区运营管理有限公司",
        "legal_representative": "周强",
        "operation_start": "2019-06",
        "credit_code": "91440101MA59R7WK0J",
        "org_type": {"value": "private"},
        "address": "广州市黄埔区开创大道2000号",
        "postcode": "510530",
        "contact_name": "刘婷",
        "contact_title": "运营总监",
        "landline": "020-32221234",
        "mobile": "13912345678",
        "email": "base@hpzz.example.cn",
        "land_area": "120000.00",
        "building_area": "260000.00",
        "owned_area": "180000.00",
        "leased_area": "80000.00",
        "leading_industry": "349",
        "external_service_institutions": "26",
        "resident_smes": "312"
    });
    let finance = json!({
        "revenue_2024": "5630.25",
        "service_income_2024": "2310.60",
        "rd_expense_2024": "120.00",
        "assets_2024": "48200.00",
        "profit_2024": "-215.40",
        "tax_2024": "302.18"
    });
    let industry = json!({
        "resident_revenue_2023": "865000.00",
        "resident_revenue_2024": "932500.50",
        "resident_staff_2024": "18650",
        "leading_industry_revenue_2024": "612300.00",
        "high_tech_revenue_2024": "405800.00"
    });
    let innovation = json!({
        "tech_smes": "96",
        "innovative_smes": "58",
        "specialised_smes": "41",
        "high_tech_enterprises": "73",
        "little_giants": "9",
        "champions": "2",
        "platforms_total": "15",
        "platforms_provincial": "12",
        "platforms_national": "3",
        "rd_intensity_2024": "4.85",
        "patents_per_10m_revenue": "1.36",
        "incubators": "2",
        "public_tech_platforms": "5",
        "industry_funds": "3",
        "ecosystem_results": "孵化器累计孵化企业120家；公共技术服务平台年服务3000余次；产业基金投资园区企业18家。",
        "brand_activities": [
            {"activity_name": "黄埔智造沙龙", "activity_count": "12", "participating_enterprises": "260"},
            {"activity_name": "专精特新培育营", "activity_count": "4", "participating_enterprises": "85"},
            {"activity_name": "产融对接日", "activity_count": "6", "participating_enterprises": "140"}
        ]
    });
    let operations = json!({
        "it_infrastructure": "园区千兆光纤和5G全覆盖，建有园区数据中心和智慧园区管理平台。",
        "supporting_facilities": "共享实验室、中试车间对入驻企业开放；屋顶光伏年发电120万千瓦时；配套人才公寓和食堂。",
        "assessment_incentive_system": true,
        "management_service_system": true,
        "operation_staff": "48",
        "staff_experience": true,
        "brand_chain_operation": false,
        "security_system": true,
        "operator_service_income_2024": "2310.60"
    });
    let metrics = json!({
        "output_per_person_2024": metric("50.00", "万元/人", "resident_revenue_2024 / resident_staff_2024"),
        "output_per_area_2024": metric("7.7708", "万元/平方米", "resident_revenue_2024 / land_area"),
        "revenue_growth": metric("7.80", "%", "(resident_revenue_2024 - resident_revenue_2023) / resident_revenue_2023 * 100"),
        "leading_industry_share": metric("65.66", "%", "leading_industry_revenue_2024 / resident_revenue_2024 * 100"),
        "high_tech_share": metric("43.52", "%", "high_tech_revenue_2024 / resident_revenue_2024 * 100"),
        "quality_enterprise_share": metric("120.51", "%", "(champions * 20 + little_giants * 10 + specialised_smes * 2 + high_tech_enterprises + tech_smes + innovative_smes) / resident_smes * 100"),
        "operator_service_income_share": metric("41.04", "%", "operator_service_income_2024 / revenue_2024 * 100")
    });
    export("base-application", merge(&[basic, finance, industry, innovation, operations]), metrics)
}

fn creation_plan_common() -> Value {
    json!({
        "platform_name": "广州市中小企业公共服务平台",
        "applicant_name": "广州市中小企业服务中心",
        "recommended_on": "2025年11月21日",
        "recommending_unit": "广州市工业和信息化局",
        "basic_introduction": "运营主体为公益二类事业单位，平台2016年上线，现有管理和服务人员58人，提供政策、融资、培训、数字化转型等服务。",
        "recent_results_text": "近三年累计服务中小企业9800余家次，服务规模逐年增长。",
        "typical_practices": [
            {"title": "政策精准推送", "description": "按企业画像匹配政策，主动推送申报提醒。"},
            {"title": "服务券撬动", "description": "以服务券引导企业购买专业服务，财政资金放大效应明显。"},
            {"title": "园区服务驿站", "description": "在重点园区设立服务驿站，提供面对面服务。"}
        ],
        "principles": "坚持公益属性，聚焦专精特新企业培育，突出数字化服务特色。",
        "targets": "创建期满服务企业数量年均增长15%，企业满意度不低于95分。",
        "creation_tasks": [
            {
                "name": "完善中小企业库、法律政策库、服务机构库、服务产品案例库",
                "purpose": "提升数据支撑能力",
                "content": "扩充数据来源，建立数据更新机制。",
                "expected_results": "四库入库数量年均增长20%。"
            },
            {
                "name": "开发中小企业政策精准服务“机器人”",
                "purpose": "实现政策找企业",
                "content": "建设政策智能问答和匹配功能。",
                "expected_results": "2026年底前上线，年服务10万人次。"
            }
        ],
        "safeguard_measures": "成立创建工作领导小组，落实经费和人员保障。"
    })
}

fn creation_plan_platform_example() -> Value {
    let platform = json!({
        "plan_type": {"value": "platform"},
        "served_totals": [
            {"year": "2023年", "total": "2900"},
            {"year": "2024年", "total": "3560"},
            {"year": "2025年（截至申报时）", "total": "3340"}
        ],
        "service_counts": [
            {"category": {"value": "policy_guidance"}, "year": "2024年", "count": "1450"},
            {"category": {"value": "financing"}, "year": "2024年", "count": "510"},
            {"category": {"value": "other", "detail": "企业上云咨询"}, "year": "2025年", "count": "110"}
        ]
    });
    export("creation-plan", merge(&[creation_plan_common(), platform]), json!({}))
}

fn creation_plan_base_example() -> Value {
    let base = json!({
        "plan_type": {"value": "base"},
        "resident_enterprises": "312",
        "quality_cultivation": "累计培育专精特新中小企业41家、“小巨人”企业9家；提供技术创新、融资促进、人才引进等服务。"
    });
    export("creation-plan", merge(&[creation_plan_common(), base]), json!({}))
}

// ---------------------------------------------------------------------------
// The examples validate.
// ---------------------------------------------------------------------------

#[test]
fn summary_table_example_validates() {
    let (_dir, out) = build_real_site();
    assert_valid(&validator(&out, "summary-table"), "summary-table", &summary_table_example());
}

#[test]
fn platform_application_example_validates() {
    let (_dir, out) = build_real_site();
    let example = platform_application_example();
    assert!(example["data"]["offline_activities"].as_array().unwrap().len() >= 10);
    assert!(example["data"]["served_enterprises"].as_array().unwrap().len() >= 30);
    assert_valid(&validator(&out, "platform-application"), "platform-application", &example);
}

#[test]
fn base_application_example_validates() {
    let (_dir, out) = build_real_site();
    assert_valid(&validator(&out, "base-application"), "base-application", &base_application_example());
}

#[test]
fn creation_plan_examples_validate() {
    let (_dir, out) = build_real_site();
    let v = validator(&out, "creation-plan");
    assert_valid(&v, "creation-plan (平台类)", &creation_plan_platform_example());
    assert_valid(&v, "creation-plan (基地类)", &creation_plan_base_example());
}

/// The engine's own export of an example's answers: what a browser downloads.
fn engine_export(form: &str, example: &Value) -> Value {
    let content = tests::repo_root().join("content");
    let loaded = site_gen::content::load(&content).unwrap_or_else(|_| panic!("the real content loads"));
    let forms = site_gen::forms::load(&content, &loaded.forms).unwrap_or_else(|_| panic!("the real forms load"));
    let form = forms.iter().find(|f| f.def.id == form).unwrap();
    let engine = form_wasm::api::Engine::new(form.bundle()).unwrap();
    let answers = form_wasm::export::Answers::from_value(example.clone());
    let ev = engine.evaluate(&answers.data, &answers.confirmed_warnings);
    assert!(ev.complete, "{}: the example is complete for the engine too: {:?}", form.def.id, ev.problems);
    serde_json::from_str(&engine.export(&ev, &answers.confirmed_warnings, "2026-11-27T10:00:00+08:00").to_json())
        .unwrap()
}

#[test]
fn exports_made_by_the_engine_validate() {
    let (_dir, out) = build_real_site();
    for (form, example) in [
        ("summary-table", summary_table_example()),
        ("platform-application", platform_application_example()),
        ("base-application", base_application_example()),
        ("creation-plan", creation_plan_platform_example()),
        ("creation-plan", creation_plan_base_example()),
    ] {
        let export = engine_export(form, &example);
        assert_eq!(export["complete"], true);
        assert_valid(&validator(&out, form), &format!("{form} (made by the engine)"), &export);
    }
}

/// What the engine now keeps and writes: typed decimals exactly (4 places
/// from a 元 → 万元 conversion, 2 on a score of 1 place), times with the
/// precision written, 至今, and phone numbers kept as typed.
#[test]
fn engine_exports_with_exact_decimals_periods_and_open_ends_validate() {
    let (_dir, out) = build_real_site();
    let mut platform = platform_application_example();
    platform["data"]["revenue_2024"] = json!("1860.4512");
    platform["data"]["served_enterprises"][0]["satisfaction"] = json!("95.25");
    platform["data"]["served_enterprises"][1]["enterprise_phone"] = json!("400-800-1234");
    platform["data"]["offline_activities"][0]["activity_date"] = json!("2025年3月5日-6日");
    platform["data"]["offline_activities"][1]["activity_date"] = json!("2025年3月至5月");
    platform["data"]["agreements"][0]["cooperation_period"] = json!({"from": "2023年1月", "to": "至今"});
    let export = engine_export("platform-application", &platform);
    let data = &export["data"];
    assert_eq!(data["revenue_2024"], "1860.4512");
    assert_eq!(data["served_enterprises"][0]["satisfaction"], "95.25");
    assert_eq!(data["served_enterprises"][1]["enterprise_phone"], "400-800-1234");
    assert_eq!(data["offline_activities"][0]["activity_date"], "2025-03-05 至 2025-03-06");
    assert_eq!(data["offline_activities"][1]["activity_date"], "2025-03 至 2025-05");
    assert_eq!(data["agreements"][0]["cooperation_period"], json!({"from": "2023-01", "to": "至今"}));
    assert_valid(&validator(&out, "platform-application"), "platform-application (engine, exact)", &export);

    let mut base = base_application_example();
    base["data"]["revenue_2024"] = json!("5630.2512");
    base["data"]["land_area"] = json!("120000.5");
    base["data"]["leading_industry"] = json!("391 计算机制造；392 通信设备制造");
    let export = engine_export("base-application", &base);
    assert_eq!(export["data"]["revenue_2024"], "5630.2512");
    assert_eq!(export["data"]["land_area"], "120000.50");
    assert_eq!(export["data"]["leading_industry"], "391 计算机制造；392 通信设备制造");
    assert_valid(&validator(&out, "base-application"), "base-application (engine, exact)", &export);
}

// ---------------------------------------------------------------------------
// Wrong exports are rejected, each for its own reason.
// ---------------------------------------------------------------------------

struct Wrong {
    what: &'static str,
    change: fn(&mut Value),
    /// The one error expected: instance path, keyword, and a piece of its message.
    path: &'static str,
    keyword: &'static str,
    says: &'static str,
}

fn data_mut(v: &mut Value) -> &mut Map<String, Value> {
    v["data"].as_object_mut().unwrap()
}

/// Mistakes any form's export can have.
const ANY_FORM: &[Wrong] = &[
    Wrong {
        what: "an unknown key in data",
        change: |v| {
            data_mut(v).insert("bogus_field".into(), json!("x"));
        },
        path: "/data",
        keyword: "additionalProperties",
        says: "bogus_field",
    },
    Wrong {
        what: "\"form\" naming another form",
        change: |v| {
            let other = if v["form"] == "base-application" { "platform-application" } else { "base-application" };
            v["form"] = json!(other);
        },
        path: "/form",
        keyword: "const",
        says: "",
    },
    Wrong {
        what: "no \"data\"",
        change: |v| {
            v.as_object_mut().unwrap().remove("data");
        },
        path: "",
        keyword: "required",
        says: "data",
    },
    Wrong {
        what: "another format",
        change: |v| v["format"] = json!("form-export/2"),
        path: "/format",
        keyword: "const",
        says: "",
    },
    Wrong {
        what: "an unknown top-level key",
        change: |v| {
            v.as_object_mut().unwrap().insert("answers".into(), json!({}));
        },
        path: "",
        keyword: "additionalProperties",
        says: "answers",
    },
];

/// Mistakes in the 2.2 and 2.3 applications' own fields (both have these ids).
const APPLICATION: &[Wrong] = &[
    Wrong {
        what: "money as a JSON number",
        change: |v| v["data"]["revenue_2024"] = json!(12.5),
        path: "/data/revenue_2024",
        keyword: "type",
        says: "12.5",
    },
    Wrong {
        what: "money with a decimal comma",
        change: |v| v["data"]["revenue_2024"] = json!("12,5"),
        path: "/data/revenue_2024",
        keyword: "pattern",
        says: "12,5",
    },
    Wrong {
        what: "money with 1 decimal",
        change: |v| v["data"]["tax_2024"] = json!("45.6"),
        path: "/data/tax_2024",
        keyword: "pattern",
        says: "45.6",
    },
    Wrong {
        what: "negative money where only 利润总额/经营结余 may be negative",
        change: |v| v["data"]["assets_2024"] = json!("-1.00"),
        path: "/data/assets_2024",
        keyword: "pattern",
        says: "-1.00",
    },
    Wrong {
        what: "a credit code with a lowercase letter",
        change: |v| {
            let code = v["data"]["credit_code"].as_str().unwrap().to_string();
            let i = code.find(|c: char| c.is_ascii_uppercase()).unwrap();
            let lower = format!("{}{}", &code[..i], code[i..].to_lowercase());
            v["data"]["credit_code"] = json!(lower);
        },
        path: "/data/credit_code",
        keyword: "pattern",
        says: "",
    },
    Wrong {
        what: "an option value not in the list",
        change: |v| v["data"]["org_type"] = json!({"value": "joint_venture"}),
        path: "/data/org_type/value",
        keyword: "enum",
        says: "joint_venture",
    },
    Wrong {
        what: "a choice given as a bare string",
        change: |v| v["data"]["org_type"] = json!("private"),
        path: "/data/org_type",
        keyword: "type",
        says: "private",
    },
];

/// Mistakes in 2.2's own fields and tables.
const PLATFORM_ONLY: &[Wrong] = &[
    Wrong {
        what: "a yes/no given as text",
        change: |v| v["data"]["has_annual_plan"] = json!("是"),
        path: "/data/has_annual_plan",
        keyword: "type",
        says: "是",
    },
    Wrong {
        what: "an activity time as typed, not as the engine stores it",
        change: |v| v["data"]["offline_activities"][0]["activity_date"] = json!("2025年3月5日-6日"),
        path: "/data/offline_activities/0/activity_date",
        keyword: "pattern",
        says: "2025年3月5日-6日",
    },
    Wrong {
        what: "a date written the Chinese way",
        change: |v| v["data"]["launch_date"] = json!("2016年9月1日"),
        path: "/data/launch_date",
        keyword: "pattern",
        says: "2016年9月1日",
    },
    Wrong {
        what: "an unknown column in a table row",
        change: |v| {
            v["data"]["served_enterprises"][3].as_object_mut().unwrap().insert("remark".into(), json!("x"));
        },
        path: "/data/served_enterprises/3",
        keyword: "additionalProperties",
        says: "remark",
    },
    Wrong {
        what: "a satisfaction score not padded to its 1 decimal",
        change: |v| v["data"]["served_enterprises"][0]["satisfaction"] = json!("95"),
        path: "/data/served_enterprises/0/satisfaction",
        keyword: "pattern",
        says: "95",
    },
    Wrong {
        what: "a multi-choice value not in the list",
        change: |v| v["data"]["login_methods"]["values"] = json!(["pc", "wechat_official_account"]),
        path: "/data/login_methods/values/1",
        keyword: "enum",
        says: "wechat_official_account",
    },
    Wrong {
        what: "the same multi-choice value twice",
        change: |v| v["data"]["login_methods"]["values"] = json!(["pc", "pc"]),
        path: "/data/login_methods/values",
        keyword: "uniqueItems",
        says: "",
    },
    Wrong {
        what: "a detail for an option that has none",
        change: |v| v["data"]["login_methods"]["details"] = json!({"pc": "Windows"}),
        path: "/data/login_methods/details",
        keyword: "additionalProperties",
        says: "pc",
    },
    Wrong {
        what: "a cooperation period as one string",
        change: |v| v["data"]["agreements"][0]["cooperation_period"] = json!("2023-01—2025-12"),
        path: "/data/agreements/0/cooperation_period",
        keyword: "type",
        says: "",
    },
];

/// Mistakes in 2.3's own fields.
const BASE_ONLY: &[Wrong] = &[
    Wrong {
        what: "a yes/no given as text",
        change: |v| v["data"]["security_system"] = json!("是"),
        path: "/data/security_system",
        keyword: "type",
        says: "是",
    },
    Wrong {
        what: "a full date where a year-month is asked",
        change: |v| v["data"]["operation_start"] = json!("2019-06-01"),
        path: "/data/operation_start",
        keyword: "pattern",
        says: "2019-06-01",
    },
    Wrong {
        what: "an integer count with decimals",
        change: |v| v["data"]["resident_smes"] = json!("312.0"),
        path: "/data/resident_smes",
        keyword: "pattern",
        says: "312.0",
    },
    Wrong {
        what: "an area without its 2 decimals",
        change: |v| v["data"]["land_area"] = json!("120000"),
        path: "/data/land_area",
        keyword: "pattern",
        says: "120000",
    },
];

/// Checks each wrong export against `example`: exactly one error, the expected one.
fn check_wrong(v: &Validator, form: &str, example: &Value, cases: &[Wrong]) -> Vec<String> {
    let mut failures = Vec::new();
    for case in cases {
        let mut instance = example.clone();
        (case.change)(&mut instance);
        let errs = errors(v, &instance);
        let ok = errs.len() == 1 && {
            let (p, k, m) = &errs[0];
            p == case.path && k == case.keyword && m.contains(case.says)
        };
        if !ok {
            failures.push(format!(
                "{form}: {} — expected one error at {:?} [{}] mentioning {:?}, got {}:\n{}",
                case.what,
                case.path,
                case.keyword,
                case.says,
                errs.len(),
                errs.iter().map(|(p, k, m)| format!("    {p} [{k}]: {m}")).collect::<Vec<_>>().join("\n")
            ));
        }
    }
    failures
}

#[test]
fn wrong_exports_are_rejected_for_the_right_reason() {
    let (_dir, out) = build_real_site();
    let forms: [(&str, Value, &[&[Wrong]]); 5] = [
        ("summary-table", summary_table_example(), &[ANY_FORM]),
        ("platform-application", platform_application_example(), &[ANY_FORM, APPLICATION, PLATFORM_ONLY]),
        ("base-application", base_application_example(), &[ANY_FORM, APPLICATION, BASE_ONLY]),
        ("creation-plan", creation_plan_platform_example(), &[ANY_FORM]),
        ("creation-plan", creation_plan_base_example(), &[ANY_FORM]),
    ];
    let mut failures = Vec::new();
    let mut checked = 0;
    for (form, example, groups) in forms {
        let v = validator(&out, form);
        assert_valid(&v, form, &example);
        for cases in groups {
            checked += cases.len();
            failures.extend(check_wrong(&v, form, &example, cases));
        }
    }
    assert!(checked >= 30, "only {checked} wrong exports checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} wrong exports not rejected as expected:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn option_values_outside_the_list_are_rejected_in_every_form() {
    let (_dir, out) = build_real_site();
    let cases: [(&str, Value, &str); 4] = [
        ("summary-table", summary_table_example(), "/data/unit_kind"),
        ("platform-application", platform_application_example(), "/data/org_type"),
        ("base-application", base_application_example(), "/data/org_type"),
        ("creation-plan", creation_plan_platform_example(), "/data/plan_type"),
    ];
    for (form, example, pointer) in cases {
        let v = validator(&out, form);
        let mut wrong = example.clone();
        *wrong.pointer_mut(pointer).unwrap() = json!({"value": "not_an_option"});
        let errs = errors(&v, &wrong);
        assert!(
            errs.len() == 1 && errs[0].0 == format!("{pointer}/value") && errs[0].1 == "enum",
            "{form}: an unknown option of {pointer} gives one enum error, got {errs:?}"
        );
    }
    // Inside a table too: 2.1's 创建对象类型 is 平台 or 基地 only.
    let v = validator(&out, "summary-table");
    let mut wrong = summary_table_example();
    wrong["data"]["objects"][1]["object_type"] = json!({"value": "park"});
    let errs = errors(&v, &wrong);
    assert!(
        errs.len() == 1 && errs[0].0 == "/data/objects/1/object_type/value" && errs[0].1 == "enum",
        "2.1: 创建对象类型 outside 平台/基地 gives one enum error, got {errs:?}"
    );
}
