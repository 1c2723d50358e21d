//! Reading a file (or a draft of another version of the form) back into the
//! page. Importing never replaces anything by itself: it returns what the
//! page can show and a report of what was and was not, and the page asks
//! before using it.
//!
//! The answers come out as the engine reads them (`answers::read`, the
//! reading every evaluation makes): a choice given by its label, a padded
//! value, `"true"` for 是 are the option, the value, the yes they mean, so
//! the page's radios and boxes can show them. What no control of the page
//! can hold (an option the form does not have, a column the table lacks, a
//! note on an option that takes none) is never dropped silently: each is in
//! `skipped`, named by its label, with the file's value.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::answers::{self, Answer, Read};
use crate::bundle::Bundle;
use crate::export::{megabytes, Answers, FORMAT, MAX_IMPORT_BYTES};
use crate::model::{Field, FieldType, IndustryList};
use crate::period::split_month_range;

/// What an import can load, and what to tell the applicant about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The answers for fields of this form as the page shows them: each as
    /// the engine reads it, or as in the file where the engine cannot read
    /// it but a box can hold it (to be checked there); table rows where the
    /// file has them.
    pub answers: Answers,
    /// Labels of the fields imported (something of them shown), in the file's order.
    pub imported: Vec<String>,
    pub skipped: Vec<Skipped>,
    /// Things to check (another form version, another definition).
    pub notes: Vec<String>,
}

/// Something of the file that was not imported, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// The file's key (for tests and tools; never shown to applicants).
    pub key: String,
    pub why: Why,
    /// In the applicant's words, naming the item by its label where the
    /// form knows it, never by its key.
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The form has no such item.
    NotInForm,
    /// A computed figure: computed again.
    Computed,
    /// An answer to this form that no control of the page can hold.
    CannotShow,
}

impl Import {
    /// What the report says beyond the count: every answer that could not
    /// be shown, each named with the file's value; how many items the form
    /// does not have; the computed figures computed again. `verb` is what
    /// was done (导入, 恢复).
    pub fn skipped_text(&self, verb: &str) -> String {
        let of = |why: Why| self.skipped.iter().filter(move |s| s.why == why).map(|s| s.reason.as_str());
        let mut text = String::new();
        let cannot: Vec<&str> = of(Why::CannotShow).collect();
        if !cannot.is_empty() {
            text.push_str(&format!("以下{}项未能{verb}到本页，请核对后补填：{}。", cannot.len(), cannot.join("；")));
        }
        let unknown = of(Why::NotInForm).count();
        if unknown > 0 {
            text.push_str(&format!("另有{unknown}项本表没有，未{verb}。"));
        }
        for reason in of(Why::Computed) {
            text.push_str(&format!("{reason}{verb}后重新计算。"));
        }
        text
    }
}

/// Reads a file for this form: `Err` with the reason (in the applicant's
/// words, saying that nothing changed) when it cannot be imported at all.
pub fn import(bundle: &Bundle, text: &str) -> Result<Import, String> {
    const UNCHANGED: &str = "当前填写内容未改动。";
    let def = &bundle.form;
    if text.len() > MAX_IMPORT_BYTES {
        return Err(format!("文件过大（{} MB），不是本表保存的数据文件。{UNCHANGED}", megabytes(text.len() as u64)));
    }
    let obj = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(obj)) => obj,
        Ok(_) => return Err(format!("文件内容不是本表保存的数据文件。{UNCHANGED}")),
        Err(e) => {
            return Err(format!(
                "文件已损坏或不是本站保存的数据文件（第{}行第{}列附近有误）。{UNCHANGED}",
                e.line(),
                e.column()
            ))
        }
    };
    let mut notes = Vec::new();
    let is_export = obj.contains_key("format") || obj.contains_key("data");
    if is_export {
        let text_of = |key: &str| obj.get(key).and_then(Value::as_str);
        if text_of("format").is_some_and(|f| f != FORMAT) {
            return Err(format!("文件不是本站保存的数据文件（格式不符）。{UNCHANGED}"));
        }
        if text_of("form").is_some_and(|id| id != def.id) {
            let this = format!("附件{} {}{}", def.attachment, def.title, def.subtitle.as_deref().unwrap_or(""));
            return Err(format!("这是另一张表的数据文件，不是本表（{this}）的。{UNCHANGED}"));
        }
        match text_of("version") {
            Some(v) if v != def.version => {
                notes.push(format!("文件来自本表的 {v} 版，本页为 {} 版：已按各项逐一导入，请逐项核对。", def.version))
            }
            Some(_) if text_of("definition_sha256").is_some_and(|s| s != bundle.definition_sha256) => {
                notes.push("文件所用的表单定义与本页略有不同：已按各项逐一导入，请逐项核对。".into())
            }
            _ => {}
        }
        if !matches!(obj.get("data"), Some(Value::Object(_))) {
            return Err(format!("文件中没有填写内容。{UNCHANGED}"));
        }
    }
    let file = Answers::from_value(Value::Object(obj));

    let mut answers = Answers { data: Map::new(), confirmed_warnings: file.confirmed_warnings };
    let mut imported = Vec::new();
    let mut skipped = Vec::new();
    for (key, value) in file.data {
        match def.field(&key) {
            Some(f) if f.kind == FieldType::Computed => {
                skipped.push(Skipped {
                    key, why: Why::Computed, reason: format!("「{}」是自动计算项，", f.label)
                })
            }
            Some(f) => {
                let name = format!("「{}」", f.label);
                let mut place = Place { key: &key, name, quoted: IN_FILE, lists: &bundle.lists, out: Vec::new() };
                let shown = place.answer(f, range_boxes(f, value));
                skipped.append(&mut place.out);
                if let Some(v) = shown.filter(|v| !answers::is_blank(v)) {
                    imported.push(f.label.clone());
                    answers.data.insert(key, v);
                }
            }
            None => skipped.push(Skipped { key, why: Why::NotInForm, reason: "本表没有此项".into() }),
        }
    }
    Ok(Import { answers, imported, skipped, notes })
}

/// How a report quotes a value of a file.
const IN_FILE: &str = "文件中为";

/// One cell of a table as typed elsewhere (pasted from a spreadsheet, read
/// from a table file; `sheet`), read as an import reads it: the answer its
/// controls show, or `None` and why not. `name` names the cell in the
/// report (第3行「类别」), `quoted` introduces its value (粘贴内容为).
pub fn cell(
    column: &Field,
    text: &str,
    name: String,
    quoted: &str,
    lists: &BTreeMap<String, IndustryList>,
) -> (Option<Value>, Vec<Skipped>) {
    let mut place = Place { key: &column.id, name, quoted, lists, out: Vec::new() };
    let shown = place.answer(column, range_boxes(column, Value::String(text.to_string())));
    (shown, place.out)
}

/// Placing one answer of the file: where it is (its name for the
/// applicant), and what could not be placed.
struct Place<'a> {
    key: &'a str,
    /// 「label」, or 「table」第n行「column」.
    name: String,
    /// What introduces a quoted value: 文件中为.
    quoted: &'a str,
    lists: &'a BTreeMap<String, IndustryList>,
    out: Vec<Skipped>,
}

impl Place<'_> {
    /// The answer as the page shows it, if any part can be shown.
    fn answer(&mut self, f: &Field, raw: Value) -> Option<Value> {
        match f.kind {
            FieldType::Table => return self.table(f, raw),
            FieldType::MultiChoice if !answers::is_blank(&raw) => return self.some_options(f, raw),
            _ => {}
        }
        match answers::read(f, &raw, self.lists).0 {
            Read::Empty => None,
            Read::Ok(a) => {
                self.notes_dropped(f, &raw, &a);
                Some(answers::to_json(f, &a))
            }
            Read::Invalid { raw, .. } => self.as_typed(f, raw),
        }
    }

    /// An answer the engine cannot read: kept as in the file where a box
    /// can hold it (the page's check then says what is wrong), else skipped.
    fn as_typed(&mut self, f: &Field, raw: Value) -> Option<Value> {
        let text = |v: &Value| match v {
            Value::String(_) => Some(v.clone()),
            Value::Number(_) | Value::Bool(_) => Some(Value::String(v.to_string())),
            _ => None,
        };
        match f.kind {
            FieldType::Choice => {
                if let Some(d) = raw.get("detail").filter(|d| !answers::is_blank(d)) {
                    self.cannot_note(d, "对应的选项未能导入");
                }
                self.cannot(raw.get("value").unwrap_or(&raw), "不是可选的一项")
            }
            FieldType::YesNo => self.cannot(&raw, "应为“是”或“否”"),
            FieldType::YearMonthRange => {
                let part = |k: &str| raw.get(k).map_or(Some(Value::Null), text);
                match (raw.is_object(), part("from"), part("to")) {
                    (true, Some(from), Some(to)) => Some(answers::object([("from", from), ("to", to)])),
                    _ => self.cannot(&raw, "格式不符"),
                }
            }
            _ => match text(&raw) {
                Some(v) => Some(v),
                None => self.cannot(&raw, "格式不符"),
            },
        }
    }

    /// A multiple choice: the options the form has are shown, each other
    /// one (and its note) skipped.
    fn some_options(&mut self, f: &Field, raw: Value) -> Option<Value> {
        let (values, details) = match &raw {
            Value::Array(a) => (a.clone(), Map::new()),
            Value::Object(o) => (
                o.get("values").and_then(Value::as_array).cloned().unwrap_or_default(),
                o.get("details").and_then(Value::as_object).cloned().unwrap_or_default(),
            ),
            _ => return self.cannot(&raw, "格式不符"),
        };
        let (known, unknown): (Vec<Value>, Vec<Value>) =
            values.into_iter().partition(|v| v.as_str().is_some_and(|s| f.option(s).is_some()));
        for v in unknown.iter().filter(|v| !answers::is_blank(v)) {
            self.cannot(v, "不是可选的一项");
        }
        let kept = answers::object([("values", Value::Array(known)), ("details", Value::Object(details.clone()))]);
        let read = answers::read(f, &kept, self.lists).0;
        let (values, shown) = match &read {
            Read::Ok(a @ Answer::Multi { values, .. }) => (values.clone(), Some(answers::to_json(f, a))),
            _ => (Vec::new(), None),
        };
        let used: Vec<String> = match &read {
            Read::Ok(Answer::Multi { details, .. }) => details.iter().map(|(k, _)| k.clone()).collect(),
            _ => Vec::new(),
        };
        for (k, d) in details.iter().filter(|(_, d)| !answers::is_blank(d)) {
            let o = f.option(k);
            if o.is_some_and(|o| used.contains(&o.value)) {
                continue;
            }
            let why = match o {
                Some(o) if values.contains(&o.value) => "该项不需说明",
                Some(_) => "对应的选项未勾选",
                None => "不是可选的一项",
            };
            self.cannot_note(d, why);
        }
        shown
    }

    /// The note of a choice that the reading drops: on an option that takes none.
    fn notes_dropped(&mut self, f: &Field, raw: &Value, a: &Answer) {
        if let (FieldType::Choice, Answer::Choice { detail: None, .. }) = (f.kind, a) {
            if let Some(d) = raw.get("detail").filter(|d| !answers::is_blank(d)) {
                self.cannot_note(d, "所选一项不需说明");
            }
        }
    }

    fn cannot_note(&mut self, note: &Value, why: &str) {
        let reason = match shown(note) {
            Some(t) => format!("{}的说明（{}“{t}”，{why}）", self.name, self.quoted),
            None => format!("{}的说明（{why}）", self.name),
        };
        self.out.push(Skipped { key: self.key.to_string(), why: Why::CannotShow, reason });
    }

    /// Skips `value` as what the page cannot show, with the reason.
    fn cannot(&mut self, value: &Value, why: &str) -> Option<Value> {
        let reason = match shown(value) {
            Some(t) => format!("{}（{}“{t}”，{why}）", self.name, self.quoted),
            None => format!("{}（{why}）", self.name),
        };
        self.out.push(Skipped { key: self.key.to_string(), why: Why::CannotShow, reason });
        None
    }

    /// A table: each row where the file has it (a row the page cannot use
    /// stays as a blank row, so the rows keep their numbers), each cell as
    /// an answer of its column, columns the table lacks skipped.
    fn table(&mut self, f: &Field, raw: Value) -> Option<Value> {
        let Value::Array(rows) = raw else {
            return if answers::is_blank(&raw) { None } else { self.cannot(&raw, "格式不符") };
        };
        let table = self.name.clone();
        let mut out = Vec::with_capacity(rows.len());
        for (i, row) in rows.into_iter().enumerate() {
            self.name = format!("{table}第{}行", i + 1);
            let Value::Object(mut cells) = row else {
                if !answers::is_blank(&row) {
                    self.cannot(&row, "格式不符");
                }
                out.push(Value::Object(Map::new()));
                continue;
            };
            let row_name = self.name.clone();
            let mut placed = Map::new();
            for c in &f.columns {
                let Some(v) = cells.remove(&c.id) else { continue };
                self.name = format!("{row_name}「{}」", c.label);
                if let Some(v) = self.answer(c, range_boxes(c, v)) {
                    placed.insert(c.id.clone(), v);
                }
            }
            self.name = row_name;
            for v in cells.values().filter(|v| !answers::is_blank(v)) {
                self.cannot(v, "本表没有此栏");
            }
            out.push(Value::Object(placed));
        }
        self.name = table;
        Some(Value::Array(out))
    }
}

/// A value of the file as the report quotes it: text and numbers as
/// written (long text cut short), nothing for an object or a list.
fn shown(v: &Value) -> Option<String> {
    const LONGEST: usize = 30;
    let text = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(_) | Value::Bool(_) => v.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then(|| match text.char_indices().nth(LONGEST) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    })
}

/// A range of months written as one string (`2023年1月—至今`, as a file made
/// elsewhere may carry it) becomes its two boxes, each as typed, so the page
/// can show it; text that does not split goes whole into the first box,
/// where the check says what is wrong. Everything else is as in the file.
fn range_boxes(f: &Field, v: Value) -> Value {
    match (f.kind, v) {
        (FieldType::YearMonthRange, Value::String(s)) => {
            let (from, to) = split_month_range(&s).unwrap_or((s, String::new()));
            answers::object([("from", Value::String(from)), ("to", Value::String(to))])
        }
        (_, v) => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn bundle(fields: Value) -> Bundle {
        let def = serde_json::from_value(json!({
            "id": "t", "version": "1", "attachment": "9", "title": "T",
            "sections": [{"id": "s", "title": "S", "fields": fields}]
        }))
        .expect("a valid definition");
        Bundle::new(def, Default::default())
    }

    fn reasons(import: &Import) -> Vec<&str> {
        import.skipped.iter().map(|s| s.reason.as_str()).collect()
    }

    #[test]
    fn a_range_written_in_one_piece_is_imported_into_its_two_boxes() {
        let bundle = bundle(json!([
            {"id": "period", "label": "P", "type": "year_month_range"},
            {"id": "rows", "label": "R", "type": "table", "columns": [
                {"id": "name", "label": "N", "type": "text"},
                {"id": "period", "label": "P", "type": "year_month_range"}
            ]}
        ]));
        let file = json!({
            "period": "2023年1月—至今",
            "rows": [{"name": "甲", "period": "2023.1-2025.12"}, {"name": "乙", "period": "长期"}]
        });
        let import = import(&bundle, &file.to_string()).expect("importable");
        assert_eq!(import.answers.data["period"], json!({"from": "2023-01", "to": "至今"}));
        assert_eq!(
            import.answers.data["rows"],
            json!([
                {"name": "甲", "period": {"from": "2023-01", "to": "2025-12"}},
                {"name": "乙", "period": {"from": "长期", "to": ""}}
            ]),
            "what does not split goes whole into the first box, to be checked there"
        );
        assert!(import.skipped.is_empty());
    }

    fn choices() -> Bundle {
        bundle(json!([
            {"id": "org", "label": "单位性质", "type": "choice", "options": [
                {"value": "private", "label": "民营企业"},
                {"value": "other", "label": "其他", "detail": "请注明"}
            ]},
            {"id": "plan", "label": "是否制定规划", "type": "yes_no"},
            {"id": "ways", "label": "登录方式", "type": "multi_choice", "options": [
                {"value": "pc", "label": "电脑端"},
                {"value": "app", "label": "手机APP", "detail": "APP名称"}
            ]},
            {"id": "code", "label": "统一社会信用代码", "type": "credit_code"},
            {"id": "name", "label": "名称", "type": "text"}
        ]))
    }

    #[test]
    fn answers_come_as_the_engine_reads_them_so_the_page_can_show_them() {
        let file = json!({
            "org": "民营企业", "plan": "true", "ways": {"values": [" 手机APP ", "pc"], "details": {"手机APP": "粤企通"}},
            "code": "测试4", "name": 12
        });
        let import = import(&choices(), &file.to_string()).expect("importable");
        assert_eq!(
            Value::Object(import.answers.data),
            json!({
                "org": {"value": "private"}, "plan": true,
                "ways": {"values": ["pc", "app"], "details": {"app": "粤企通"}},
                "code": "测试4", "name": "12"
            }),
            "labels, padding and \"true\" read as the engine reads them; what it cannot read kept as typed, as text"
        );
        assert_eq!(import.imported.len(), 5);
        assert_eq!(import.skipped, Vec::new());
    }

    #[test]
    fn what_no_control_can_hold_is_skipped_by_its_label_with_the_files_value() {
        let file = json!({
            "org": {"value": "国有独资", "detail": "省属"}, "plan": "也许",
            "ways": {"values": ["pc", "传真", 7], "details": {"pc": "网页版", "app": "粤企通"}},
            "name": {"a": 1}
        });
        let import = import(&choices(), &file.to_string()).expect("importable");
        assert_eq!(Value::Object(import.answers.data.clone()), json!({"ways": {"values": ["pc"]}}));
        assert_eq!(import.imported, vec!["登录方式".to_string()]);
        assert_eq!(
            reasons(&import),
            vec![
                "「单位性质」的说明（文件中为“省属”，对应的选项未能导入）",
                "「单位性质」（文件中为“国有独资”，不是可选的一项）",
                "「是否制定规划」（文件中为“也许”，应为“是”或“否”）",
                "「登录方式」（文件中为“传真”，不是可选的一项）",
                "「登录方式」（文件中为“7”，不是可选的一项）",
                "「登录方式」的说明（文件中为“网页版”，该项不需说明）",
                "「登录方式」的说明（文件中为“粤企通”，对应的选项未勾选）",
                "「名称」（格式不符）",
            ]
        );
        assert!(import.skipped.iter().all(|s| s.why == Why::CannotShow));
        let text = import.skipped_text("导入");
        assert!(text.starts_with("以下8项未能导入到本页，请核对后补填：「单位性质」的说明"), "{text}");
        for key in ["org", "plan", "ways", "name", "pc", "app"] {
            assert!(!text.contains(key), "no key in the report: {key} in {text}");
        }
    }

    #[test]
    fn a_note_on_an_option_that_takes_none_is_skipped_not_dropped() {
        let import = import(&choices(), r#"{"org": {"value": "private", "detail": "无需说明"}}"#).expect("importable");
        assert_eq!(import.answers.data["org"], json!({"value": "private"}));
        assert_eq!(reasons(&import), vec!["「单位性质」的说明（文件中为“无需说明”，所选一项不需说明）"]);
    }

    #[test]
    fn table_rows_keep_their_numbers_and_what_the_table_lacks_is_named_by_row() {
        let bundle = bundle(json!([
            {"id": "rows", "label": "服务活动", "type": "table", "columns": [
                {"id": "name", "label": "活动名称", "type": "text"},
                {"id": "kind", "label": "类别", "type": "choice", "options": [{"value": "a", "label": "甲类"}]},
                {"id": "count", "label": "场次", "type": "integer"}
            ]}
        ]));
        let file = json!({"rows": [
            {"name": "路演", "kind": "甲类", "count": 4, "venue": "会展中心"},
            "一行文字",
            null,
            {"name": "沙龙", "kind": "乙类", "count": "两场"}
        ]});
        let import = import(&bundle, &file.to_string()).expect("importable");
        assert_eq!(
            import.answers.data["rows"],
            json!([
                {"name": "路演", "kind": {"value": "a"}, "count": "4"},
                {},
                {},
                {"name": "沙龙", "count": "两场"}
            ])
        );
        assert_eq!(
            reasons(&import),
            vec![
                "「服务活动」第1行（文件中为“会展中心”，本表没有此栏）",
                "「服务活动」第2行（文件中为“一行文字”，格式不符）",
                "「服务活动」第4行「类别」（文件中为“乙类”，不是可选的一项）",
            ]
        );
    }

    #[test]
    fn the_report_counts_items_the_form_lacks_and_says_computed_figures_are_computed_again() {
        let bundle = bundle(json!([
            {"id": "a", "label": "甲", "type": "integer"},
            {"id": "b", "label": "乙", "type": "computed", "formula": "a * 2"}
        ]));
        let import = import(&bundle, r#"{"a": "1", "b": "2", "x": 1, "y": 2}"#).expect("importable");
        assert_eq!(import.skipped_text("恢复"), "另有2项本表没有，未恢复。「乙」是自动计算项，恢复后重新计算。");
    }

    #[test]
    fn long_values_are_quoted_cut_short() {
        assert_eq!(shown(&json!("一".repeat(40))), Some(format!("{}…", "一".repeat(30))));
        assert_eq!(shown(&json!("  ")), None);
        assert_eq!(shown(&json!(["a"])), None);
    }
}
