//! What the form template receives (`form` in `templates/form.html`).
//!
//! Everything the static page needs is worked out here, so the templates
//! only lay it out: HTML ids, input types and phone-keyboard hints, format
//! hints, the blank rows a table shows, and the formula in words.

use form_wasm::model::{ChoiceOption, Field, FieldType, Footnote, FormDef, IndustryGroup, Section, Stamp};
use serde::Serialize;

use crate::forms::LoadedForm;

#[derive(Serialize)]
pub struct FormView<'a> {
    pub id: &'a str,
    pub version: &'a str,
    pub attachment: &'a str,
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    pub intro: Option<&'a str>,
    pub sections: Vec<SectionView<'a>>,
    pub footnotes: &'a [Footnote],
    pub stamps: &'a [Stamp],
    pub closing_note: Option<&'a str>,
    /// Datalists for industry-code fields: id → groups.
    pub lists: Vec<DatalistView<'a>>,
    /// File names beside the page.
    pub schema_file: String,
    pub format_file: String,
    /// Every field in page order, flat (for the data-format page).
    pub all_fields: Vec<FieldView<'a>>,
    /// The definition and its code lists for the engine, as JSON that is
    /// safe inside `<script type="application/json">`.
    pub bundle_json: String,
}

#[derive(Serialize)]
pub struct DatalistView<'a> {
    pub id: String,
    pub groups: &'a [IndustryGroup],
    pub source: &'a str,
    pub completeness: &'a str,
}

#[derive(Serialize)]
pub struct SectionView<'a> {
    pub id: &'a str,
    pub html_id: String,
    pub title: &'a str,
    /// 2 for top-level sections, 3 below.
    pub level: u8,
    pub guidance: Option<&'a str>,
    pub evidence: Option<&'a str>,
    pub note: Option<&'a str>,
    pub when: Option<&'a str>,
    pub fields: Vec<FieldView<'a>>,
    pub sections: Vec<SectionView<'a>>,
}

#[derive(Serialize, Clone)]
pub struct FieldView<'a> {
    pub id: &'a str,
    pub html_id: String,
    /// `name` of the input: the field id, or `table.row.column` in tables.
    pub name: String,
    pub label: &'a str,
    pub kind: &'static str,
    /// Human name of the kind, for the data-format page.
    pub kind_text: &'static str,
    pub required: bool,
    pub help: Option<&'a str>,
    pub evidence: Option<&'a str>,
    pub footnote: Option<u32>,
    pub unit: Option<&'a str>,
    pub input_type: &'static str,
    pub inputmode: Option<&'static str>,
    pub autocomplete: Option<&'static str>,
    /// How to write the answer: `例：2025-11-13`.
    pub format_hint: Option<String>,
    pub max_chars: Option<u32>,
    pub min: Option<String>,
    pub max: Option<String>,
    pub places: u32,
    pub options: Vec<OptionView<'a>>,
    pub columns: Vec<FieldView<'a>>,
    /// Blank rows shown by the static page: 1..=max(min_rows, 1).
    pub rows: Vec<u32>,
    pub min_rows: u32,
    pub formula_text: Option<&'a str>,
    pub datalist: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct OptionView<'a> {
    pub value: &'a str,
    pub label: &'a str,
    pub html_id: String,
    pub detail: Option<&'a str>,
}

pub fn form_view<'a>(form: &'a LoadedForm) -> FormView<'a> {
    let def: &FormDef = &form.def;
    let stem = form.output.trim_start_matches("forms/").trim_end_matches(".html");
    FormView {
        id: &def.id,
        version: &def.version,
        attachment: &def.attachment,
        title: &def.title,
        subtitle: def.subtitle.as_deref(),
        intro: def.intro.as_deref(),
        sections: def.sections.iter().map(|s| section_view(s, 2)).collect(),
        footnotes: &def.footnotes,
        stamps: &def.stamps,
        closing_note: def.closing_note.as_deref(),
        lists: form
            .lists
            .iter()
            .map(|(name, l)| DatalistView {
                id: datalist_id(name),
                groups: &l.groups,
                source: &l.source,
                completeness: &l.completeness,
            })
            .collect(),
        schema_file: format!("{stem}.schema.json"),
        format_file: format!("{stem}.format.html"),
        all_fields: def.fields().into_iter().map(|(_, f)| field_view(f, f.id.clone(), format!("f-{}", f.id))).collect(),
        bundle_json: script_safe(&serde_json::to_string(&crate::validate::bundle(form)).unwrap_or_default()),
    }
}

fn datalist_id(list: &str) -> String {
    format!("list-{}", list.trim_end_matches(".yaml").replace(|c: char| !c.is_ascii_alphanumeric(), "-"))
}

fn section_view(s: &Section, level: u8) -> SectionView<'_> {
    SectionView {
        id: &s.id,
        html_id: format!("s-{}", s.id),
        title: &s.title,
        level,
        guidance: s.guidance.as_deref(),
        evidence: s.evidence.as_deref(),
        note: s.note.as_deref(),
        when: s.when.as_deref(),
        fields: s.fields.iter().map(|f| field_view(f, f.id.clone(), format!("f-{}", f.id))).collect(),
        sections: s.sections.iter().map(|sub| section_view(sub, 3)).collect(),
    }
}

fn field_view(f: &Field, name: String, html_id: String) -> FieldView<'_> {
    let (input_type, inputmode, autocomplete) = input_hints(f);
    let min_rows = f.min_rows.unwrap_or(if f.kind == FieldType::Table { 1 } else { 0 });
    let columns = f
        .columns
        .iter()
        .map(|c| field_view(c, format!("{name}.{{row}}.{}", c.id), format!("{html_id}-{{row}}-{}", c.id)))
        .collect();
    FieldView {
        id: &f.id,
        html_id,
        name,
        label: &f.label,
        kind: kind_name(f.kind),
        kind_text: kind_text(f.kind),
        required: f.required && f.kind != FieldType::Computed,
        help: f.help.as_deref(),
        evidence: f.evidence.as_deref(),
        footnote: f.footnote,
        unit: f.unit_text(),
        input_type,
        inputmode,
        autocomplete,
        // The definition's own help wins; the generic format hint fills in where there is none.
        format_hint: if f.help.is_some() { None } else { format_hint(f) },
        max_chars: f.max_chars,
        min: f.min.as_ref().map(|n| n.as_text()),
        max: f.max.as_ref().map(|n| n.as_text()),
        places: f.decimal_places(),
        options: f.options.iter().map(|o| option_view(f, o)).collect(),
        columns,
        rows: if f.kind == FieldType::Table { (1..=min_rows.max(1)).collect() } else { Vec::new() },
        min_rows,
        formula_text: f.formula_text.as_deref(),
        datalist: f.list.as_deref().map(datalist_id),
    }
}

fn option_view<'a>(f: &Field, o: &'a ChoiceOption) -> OptionView<'a> {
    OptionView {
        value: &o.value,
        label: &o.label,
        html_id: format!("f-{}-{}", f.id, o.value),
        detail: o.detail.as_deref(),
    }
}

pub fn kind_name(k: FieldType) -> &'static str {
    match k {
        FieldType::Text => "text",
        FieldType::Textarea => "textarea",
        FieldType::Integer => "integer",
        FieldType::Decimal => "decimal",
        FieldType::Money => "money",
        FieldType::Percent => "percent",
        FieldType::Area => "area",
        FieldType::Date => "date",
        FieldType::YearMonth => "year_month",
        FieldType::YearMonthRange => "year_month_range",
        FieldType::Url => "url",
        FieldType::Email => "email",
        FieldType::Mobile => "mobile",
        FieldType::Landline => "landline",
        FieldType::Fax => "fax",
        FieldType::Phone => "phone",
        FieldType::Postcode => "postcode",
        FieldType::CreditCode => "credit_code",
        FieldType::Choice => "choice",
        FieldType::MultiChoice => "multi_choice",
        FieldType::YesNo => "yes_no",
        FieldType::Table => "table",
        FieldType::Computed => "computed",
        FieldType::IndustryCode => "industry_code",
    }
}

fn kind_text(k: FieldType) -> &'static str {
    match k {
        FieldType::Text => "文本",
        FieldType::Textarea => "长文本",
        FieldType::Integer => "整数",
        FieldType::Decimal => "数值",
        FieldType::Money => "金额（万元）",
        FieldType::Percent => "百分比",
        FieldType::Area => "面积（平方米）",
        FieldType::Date => "日期",
        FieldType::YearMonth => "年月",
        FieldType::YearMonthRange => "起止年月",
        FieldType::Url => "网址",
        FieldType::Email => "电子邮箱",
        FieldType::Mobile => "手机号码",
        FieldType::Landline => "固定电话",
        FieldType::Fax => "传真",
        FieldType::Phone => "电话（手机或固定电话）",
        FieldType::Postcode => "邮政编码",
        FieldType::CreditCode => "统一社会信用代码",
        FieldType::Choice => "单选",
        FieldType::MultiChoice => "多选",
        FieldType::YesNo => "是/否",
        FieldType::Table => "表格",
        FieldType::Computed => "自动计算",
        FieldType::IndustryCode => "行业代码（GB/T 4754-2017 中类）",
    }
}

/// `type`, `inputmode` and `autocomplete` for the input, so phones show the
/// right keyboard. Numbers stay `type="text"`: applicants type full-width
/// digits, commas and units, which the engine normalises.
fn input_hints(f: &Field) -> (&'static str, Option<&'static str>, Option<&'static str>) {
    match f.kind {
        FieldType::Integer | FieldType::Postcode => ("text", Some("numeric"), None),
        FieldType::Decimal | FieldType::Money | FieldType::Percent | FieldType::Area => ("text", Some("decimal"), None),
        FieldType::Mobile | FieldType::Phone => ("tel", Some("tel"), Some("tel")),
        FieldType::Landline | FieldType::Fax => ("tel", Some("tel"), None),
        FieldType::Email => ("email", Some("email"), Some("email")),
        FieldType::Url => ("url", Some("url"), Some("url")),
        FieldType::Date | FieldType::YearMonth | FieldType::YearMonthRange => ("text", Some("numeric"), None),
        _ => ("text", None, None),
    }
}

fn format_hint(f: &Field) -> Option<String> {
    Some(
        match f.kind {
            FieldType::Date => "例：2025-11-13 或 2025年11月13日",
            FieldType::YearMonth => "例：2025-11 或 2025年11月",
            FieldType::YearMonthRange => "例：2023-01 至 2025-12",
            FieldType::Mobile => "11位手机号码",
            FieldType::Landline | FieldType::Fax => "例：020-83134726",
            FieldType::Phone => "手机或固定电话，例：13800138000、020-83134726",
            FieldType::Postcode => "6位数字",
            FieldType::CreditCode => "18位，例：91350100M000100Y43",
            FieldType::IndustryCode => "输入代码或名称查找，例：391 计算机制造",
            FieldType::Money if f.negative => "可为负数，保留两位小数",
            FieldType::Money => "保留两位小数",
            _ => return None,
        }
        .to_string(),
    )
}

/// JSON inside a `<script>` element must never contain `</`; JSON allows `<\/` for it.
fn script_safe(json: &str) -> String {
    json.replace("</", "<\\/")
}
