//! The JSON Schema (2020-12) of a form's export file (`export::Export`),
//! written beside the form page so the people who receive submissions can
//! check them with any JSON Schema tool.
//!
//! Numbers travel as strings in their normalised form (`"12345.60"`), so no
//! figure ever passes through binary floating point on the way.

use serde_json::{json, Map, Value};

use crate::export::FORMAT;
use crate::model::{Field, FieldType, FormDef};

const CREDIT_CODE: &str = "^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$";
const DATE: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
const YEAR_MONTH: &str = "^[0-9]{4}-(0[1-9]|1[0-2])$";
/// The end of a range of months: a month or 至今 (`period::ONGOING`).
const RANGE_END: &str = "^([0-9]{4}-(0[1-9]|1[0-2])|至今)$";
/// A day or month, or a range of them (`period::Period`'s stored form).
const PERIOD: &str =
    "^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?( 至 [0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$";
const PHONE: &str = "手机号码写作 13800138000，固定电话写作 020-83134726（分机 020-83134726-123）；其他写法（如 400 号码、不带区号的号码）按所填保存，并附有提示。";

pub fn json_schema(def: &FormDef) -> String {
    let mut data = Map::new();
    let mut metrics = Map::new();
    for (_, f) in def.fields() {
        if f.kind == FieldType::Computed {
            metrics.insert(f.id.clone(), metric_schema(f));
        } else {
            data.insert(f.id.clone(), value_schema(f));
        }
    }
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("{}.schema.json", def.id),
        "title": format!("{}{}（附件{}）导出数据", def.title, def.subtitle.as_deref().unwrap_or(""), def.attachment),
        "description": "由本站表单导出的 JSON 文件。数值以字符串表示（如 \"12345.60\"），保证精确。",
        "type": "object",
        "required": ["format", "form", "version", "data"],
        "additionalProperties": false,
        "properties": {
            "format": {"const": FORMAT},
            "form": {"const": def.id},
            "version": {"const": def.version},
            "definition_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "engine": {"type": "string"},
            "exported_at": {"type": "string"},
            "complete": {"type": "boolean", "description": "填写完整且无错误"},
            "confirmed_warnings": {"type": "array", "items": {"type": "string"}, "description": "申请人已确认的提示（规则标识）"},
            "evidence_index": {
                "type": "array",
                "description": "佐证材料目录：这些填写内容需要提供的佐证材料",
                "items": {
                    "type": "object",
                    "required": ["number", "item", "provide"],
                    "properties": {
                        "number": {"type": "integer", "minimum": 1},
                        "item": {"type": "string", "description": "对应的填报项目"},
                        "provide": {"type": "string", "description": "应提供的材料（原表原文）"}
                    }
                }
            },
            "data": {"type": "object", "additionalProperties": false, "properties": data},
            "data_checksum": {
                "type": "string",
                "pattern": "^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$",
                "description": "数据校验码：data 规范化后 SHA-256 的前12位十六进制数，打印件每页页脚印有同一校验码"
            },
            "metrics": {"type": "object", "additionalProperties": false, "properties": metrics},
            "validation": {
                "type": "object",
                "properties": {
                    "complete": {"type": "boolean"},
                    "errors": {"type": "integer", "minimum": 0},
                    "warnings": {"type": "integer", "minimum": 0},
                    "problems": {"type": "array", "items": problem_schema()}
                }
            }
        }
    });
    let mut text = serde_json::to_string_pretty(&schema).expect("a JSON value always serialises");
    text.push('\n');
    text
}

/// One problem of `validation.problems` (`evaluate::Problem`).
fn problem_schema() -> Value {
    json!({
        "type": "object",
        "required": ["field", "severity", "kind", "message"],
        "properties": {
            "field": {"type": "string"},
            "fields": {"type": "array", "items": {"type": "string"}, "description": "规则涉及的全部字段"},
            "severity": {"enum": ["error", "warning"]},
            "kind": {"enum": ["format", "required", "rows", "rule"], "description": "格式、必填、行数或跨项规则"},
            "message": {"type": "string"},
            "rule": {"type": "string"},
            "row": {"type": "integer", "minimum": 1},
            "column": {"type": "string"},
            "confirmed": {"type": "boolean"}
        }
    })
}

/// A computed figure: rounded to exactly `places` decimals.
fn decimal_pattern(places: u32, negative: bool) -> String {
    let sign = if negative { "-?" } else { "" };
    match places {
        0 => format!("^{sign}(0|[1-9][0-9]*)$"),
        n => format!("^{sign}(0|[1-9][0-9]*)\\.[0-9]{{{n}}}$"),
    }
}

/// A typed number: whole for integers, else as typed, with at least
/// `places` decimals (`answers::to_json`, `normalise::format_input`).
fn input_pattern(f: &Field) -> String {
    let sign = if f.negative { "-?" } else { "" };
    match (f.kind, f.decimal_places()) {
        (FieldType::Integer, _) => format!("^{sign}(0|[1-9][0-9]*)$"),
        (_, 0) => format!("^{sign}(0|[1-9][0-9]*)(\\.[0-9]+)?$"),
        (_, n) => format!("^{sign}(0|[1-9][0-9]*)\\.[0-9]{{{n},}}$"),
    }
}

fn string(pattern: &str) -> Value {
    json!({"type": "string", "pattern": pattern})
}

pub fn value_schema(f: &Field) -> Value {
    let mut v = match f.kind {
        // No maxLength: JSON Schema counts characters, the form counts 字.
        FieldType::Text | FieldType::Textarea => match f.max_chars {
            Some(n) => json!({
                "type": "string",
                "description": format!("不超过{n}字。字数按 WPS、Word 的字数统计：汉字和全角标点各计1字，连续的字母或数字计1字，空格和换行不计。")
            }),
            None => json!({"type": "string"}),
        },
        FieldType::Url | FieldType::IndustryCode => json!({"type": "string"}),
        FieldType::Email => json!({"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"}),
        FieldType::Mobile | FieldType::Landline | FieldType::Fax | FieldType::Phone => {
            json!({"type": "string", "description": PHONE})
        }
        FieldType::Postcode => string("^[0-9]{6}$"),
        FieldType::CreditCode => string(CREDIT_CODE),
        FieldType::Date => string(DATE),
        FieldType::YearMonth => string(YEAR_MONTH),
        FieldType::YearMonthRange => json!({
            "type": "object", "additionalProperties": false,
            "properties": {"from": string(YEAR_MONTH), "to": string(RANGE_END)}
        }),
        FieldType::Period => json!({
            "type": "string", "pattern": PERIOD,
            "description": "一天、一个月或起止时间，如 2025-03-05、2025-03、2025-03-05 至 2025-03-06、2025-03 至 2025-05"
        }),
        FieldType::Integer | FieldType::Decimal | FieldType::Money | FieldType::Percent | FieldType::Area => {
            string(&input_pattern(f))
        }
        FieldType::Choice => {
            let values: Vec<&str> = f.options.iter().map(|o| o.value.as_str()).collect();
            let plain: Vec<&str> = f.options.iter().filter(|o| o.detail.is_none()).map(|o| o.value.as_str()).collect();
            let mut v = json!({
                "type": "object", "required": ["value"], "additionalProperties": false,
                "properties": {"value": {"enum": values}}
            });
            // `detail` belongs only to the options that ask for it (其他，请注明).
            if plain.len() < values.len() {
                v["properties"]["detail"] = json!({"type": "string"});
                v["if"] = json!({"type": "object", "properties": {"value": {"enum": plain}}});
                v["then"] = json!({"not": {"required": ["detail"]}});
            }
            v
        }
        FieldType::MultiChoice => {
            let values: Vec<&str> = f.options.iter().map(|o| o.value.as_str()).collect();
            let details: Map<String, Value> = f
                .options
                .iter()
                .filter(|o| o.detail.is_some())
                .map(|o| (o.value.clone(), json!({"type": "string"})))
                .collect();
            json!({
                "type": "object", "required": ["values"], "additionalProperties": false,
                "properties": {
                    "values": {"type": "array", "uniqueItems": true, "items": {"enum": values}},
                    "details": {"type": "object", "additionalProperties": false, "properties": details}
                }
            })
        }
        FieldType::YesNo => json!({"type": "boolean"}),
        FieldType::Table => {
            let cols: Map<String, Value> = f.columns.iter().map(|c| (c.id.clone(), value_schema(c))).collect();
            json!({
                "type": "array",
                "items": {"type": "object", "additionalProperties": false, "properties": cols}
            })
        }
        FieldType::Computed => metric_schema(f),
    };
    if let Value::Object(m) = &mut v {
        m.insert("title".into(), Value::String(f.label.clone()));
    }
    v
}

fn metric_schema(f: &Field) -> Value {
    json!({
        "title": f.label,
        "type": "object",
        "properties": {
            "value": string(&decimal_pattern(f.decimal_places(), true)),
            "unit": {"type": "string"},
            "formula": {"type": "string"},
            "inputs": {"type": "object"},
            "error": {"type": "string", "description": "无法计算时的原因"}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Engine;
    use crate::bundle::Bundle;
    use crate::model::FormDef;

    fn keys(v: &Value) -> std::collections::BTreeSet<String> {
        v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
    }

    #[test]
    fn the_schema_describes_exactly_the_keys_an_export_has() {
        let def: FormDef = serde_json::from_value(json!({
            "id": "t", "version": "1", "attachment": "9", "title": "T",
            "sections": [{"id": "s", "title": "S", "fields": [
                {"id": "a", "label": "A", "type": "money"},
                {"id": "b", "label": "B", "type": "computed", "formula": "a * 2"}
            ]}],
            "rules": [{"id": "r", "check": "a > 10", "message": "A 应大于10", "severity": "warning"}]
        }))
        .expect("a valid definition");
        let engine = Engine::new(Bundle::new(def.clone(), Default::default())).expect("engine");
        let data = json!({"a": "3"}).as_object().cloned().unwrap_or_default();
        let confirmed = vec!["r".to_string()];
        let ev = engine.evaluate(&data, &confirmed);
        let export: Value =
            serde_json::from_str(&engine.export(&ev, &confirmed, "2026-11-27").to_json()).expect("JSON");
        let schema: Value = serde_json::from_str(&json_schema(&def)).expect("JSON");
        assert_eq!(keys(&export), keys(&schema["properties"]));
        assert_eq!(keys(&export["validation"]), keys(&schema["properties"]["validation"]["properties"]));
        let problem = &export["validation"]["problems"][0];
        let described = keys(&schema["properties"]["validation"]["properties"]["problems"]["items"]["properties"]);
        assert!(keys(problem).iter().all(|k| described.contains(k)), "{problem} has keys the schema lacks");
        let metric = &export["metrics"]["b"];
        let described = keys(&schema["properties"]["metrics"]["properties"]["b"]["properties"]);
        assert!(keys(metric).iter().all(|k| described.contains(k)), "{metric} has keys the schema lacks");
    }
}
