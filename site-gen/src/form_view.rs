//! What the form template receives (`form` in `templates/form.html`).
//!
//! Everything the static page needs is worked out here, so the templates
//! only lay it out: element ids and input names (all from
//! `form_wasm::markup`, the page code's own source of them), input types
//! and phone-keyboard hints, format hints, the blank rows a table shows,
//! and the formula in words.

use form_wasm::markup::{self, PageIds, Part};
use form_wasm::model::{ChoiceOption, Field, FieldType, FormDef, IndustryGroup, Section, Stamp};
use serde::Serialize;

use crate::forms::LoadedForm;

#[derive(Serialize)]
pub struct FormView<'a> {
    /// The ids of the page's fixed parts (`form.ids.status`, …).
    pub ids: PageIds,
    pub id: &'a str,
    pub version: &'a str,
    pub attachment: &'a str,
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    pub intro: Option<&'a str>,
    pub sections: Vec<SectionView<'a>>,
    pub footnotes: Vec<FootnoteView<'a>>,
    pub stamps: &'a [Stamp],
    pub closing_note: Option<&'a str>,
    /// Whether any field or table column is money, so the page says
    /// "金额单位为万元" only on forms that have amounts (not 2.1 or 2.4).
    pub has_money: bool,
    /// The page offers 打印计算说明 (something is computed) and
    /// 打印佐证材料目录 (the form asks for evidence).
    pub print_workings: bool,
    pub print_evidence: bool,
    /// Datalists for industry-code fields: id → groups.
    pub lists: Vec<DatalistView<'a>>,
    /// File names beside the page.
    pub schema_file: String,
    pub format_file: String,
    /// Every field in page order, flat (for the data-format page).
    pub all_fields: Vec<FieldView<'a>>,
    /// The definition and its code lists for the engine, as the page embeds
    /// them (`Bundle::embed`: base64, safe inside any element).
    pub bundle: String,
}

#[derive(Serialize)]
pub struct FootnoteView<'a> {
    pub number: u32,
    pub text: &'a str,
    pub html_id: String,
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
    pub title_id: String,
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
    /// The input (the `<output>` of a computed field, the `<table>` of a table).
    pub html_id: String,
    /// `name` of the input.
    pub name: String,
    /// Ids of the field's other parts.
    pub ids: FieldIds,
    pub label: &'a str,
    pub kind: &'static str,
    /// Human name of the kind, for the data-format page.
    pub kind_text: &'static str,
    pub required: bool,
    /// A site aid, not part of the official form: marked on screen, never printed.
    pub aid: bool,
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
    /// A table's columns (for its header and the data-format page).
    pub columns: Vec<ColumnView<'a>>,
    /// The blank rows the static page shows: the definition's `rows` (the
    /// official template's count), else `min_rows`, at least one.
    pub rows: Vec<RowView<'a>>,
    pub min_rows: u32,
    pub formula_text: Option<&'a str>,
    /// For a computed field, how its result is rounded:
    /// `计算结果四舍五入保留两位小数` (typed figures are never rounded).
    pub rounding_text: Option<String>,
    pub datalist: Option<String>,
}

/// The ids of a field's parts besides its input.
#[derive(Serialize, Clone)]
pub struct FieldIds {
    pub wrap: String,
    pub error: String,
    pub hint: String,
    pub format: String,
    pub evidence: String,
    pub count: String,
    pub formula: String,
    pub working: String,
    /// A computed field's unit (`unit_from` changes it on the page).
    pub unit: String,
    /// Both ends of a 起止 range: ids and names.
    pub from: String,
    pub to: String,
    pub from_name: String,
    pub to_name: String,
    /// The 是 and 否 radios.
    pub yes: String,
    pub no: String,
    pub footnote: Option<String>,
    /// A table's own tools: its file input (导入表格文件（.csv）), its
    /// report, the replace-or-append buttons, and 撤销粘贴.
    pub table_file: String,
    pub table_report: String,
    pub table_choice: String,
    pub table_undo: String,
}

#[derive(Serialize, Clone)]
pub struct OptionView<'a> {
    pub value: &'a str,
    pub label: &'a str,
    pub html_id: String,
    pub detail: Option<&'a str>,
    pub detail_id: String,
    pub detail_name: String,
}

#[derive(Serialize, Clone)]
pub struct ColumnView<'a> {
    pub id: &'a str,
    pub header_id: String,
    pub label: &'a str,
    pub kind: &'static str,
    pub kind_text: &'static str,
    pub required: bool,
    pub help: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub input_type: &'static str,
    pub inputmode: Option<&'static str>,
    pub autocomplete: Option<&'static str>,
    pub datalist: Option<String>,
    pub options: Vec<OptionView<'a>>,
    /// How to write the answer, as for a field (`例：2025年3月5日、…`);
    /// the official header keeps the seed's words, so show this as a
    /// placeholder or title, or in the data-format page.
    pub format_hint: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct RowView<'a> {
    pub number: usize,
    pub cells: Vec<CellView<'a>>,
}

/// One cell of a blank row: its column and the ids and names of its controls.
#[derive(Serialize, Clone)]
pub struct CellView<'a> {
    pub column: ColumnView<'a>,
    pub id: String,
    pub name: String,
    /// `第3行 合作内容`: cells have no visible label of their own.
    pub label: String,
    pub from: String,
    pub to: String,
    pub from_name: String,
    pub to_name: String,
}

pub fn form_view<'a>(form: &'a LoadedForm) -> FormView<'a> {
    let def: &FormDef = &form.def;
    let stem = form.output.trim_start_matches("forms/").trim_end_matches(".html");
    FormView {
        ids: markup::PAGE,
        id: &def.id,
        version: &def.version,
        attachment: &def.attachment,
        title: &def.title,
        subtitle: def.subtitle.as_deref(),
        intro: def.intro.as_deref(),
        sections: def.sections.iter().map(|s| section_view(s, 2)).collect(),
        footnotes: def
            .footnotes
            .iter()
            .map(|n| FootnoteView { number: n.number, text: &n.text, html_id: markup::footnote(n.number) })
            .collect(),
        stamps: &def.stamps,
        closing_note: def.closing_note.as_deref(),
        has_money: has_money(def),
        print_workings: markup::Action::PrintWorkings.applies(def),
        print_evidence: markup::Action::PrintEvidence.applies(def),
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
        all_fields: def.fields().into_iter().map(|(_, f)| field_view(f)).collect(),
        bundle: form.bundle().embed(),
    }
}

fn has_money(def: &FormDef) -> bool {
    def.fields()
        .into_iter()
        .any(|(_, f)| f.kind == FieldType::Money || f.columns.iter().any(|c| c.kind == FieldType::Money))
}

fn datalist_id(list: &str) -> String {
    format!("list-{}", list.trim_end_matches(".yaml").replace(|c: char| !c.is_ascii_alphanumeric(), "-"))
}

fn section_view(s: &Section, level: u8) -> SectionView<'_> {
    SectionView {
        id: &s.id,
        html_id: markup::section(&s.id),
        title_id: markup::section_title(&s.id),
        title: &s.title,
        level,
        guidance: s.guidance.as_deref(),
        evidence: s.evidence.as_deref(),
        note: s.note.as_deref(),
        when: s.when.as_deref(),
        fields: s.fields.iter().map(field_view).collect(),
        sections: s.sections.iter().map(|sub| section_view(sub, 3)).collect(),
    }
}

fn field_view(f: &Field) -> FieldView<'_> {
    let (input_type, inputmode, autocomplete) = input_hints(f);
    let min_rows = f.min_rows.unwrap_or(if f.kind == FieldType::Table { 1 } else { 0 });
    let html_id = markup::field(&f.id);
    let name = markup::field_name(&f.id);
    let ids = FieldIds {
        wrap: markup::field_wrap(&f.id),
        error: markup::error(&f.id),
        hint: markup::hint(&f.id),
        format: markup::format_hint(&f.id),
        evidence: markup::evidence(&f.id),
        count: markup::count(&f.id),
        formula: markup::formula(&f.id),
        working: markup::working(&f.id),
        unit: markup::unit(&f.id),
        from: Part::From.id(&html_id),
        to: Part::To.id(&html_id),
        from_name: Part::From.name(&name),
        to_name: Part::To.name(&name),
        yes: markup::yes_no(&f.id, true),
        no: markup::yes_no(&f.id, false),
        footnote: f.footnote.map(markup::footnote),
        table_file: markup::table_file(&f.id),
        table_report: markup::table_report(&f.id),
        table_choice: markup::table_choice(&f.id),
        table_undo: markup::table_undo(&f.id),
    };
    let columns: Vec<ColumnView> = f.columns.iter().map(|c| column_view(f, c)).collect();
    let rows = match f.kind {
        FieldType::Table => {
            (1..=f.rows.unwrap_or(min_rows).max(1) as usize).map(|n| row_view(f, &columns, n)).collect()
        }
        _ => Vec::new(),
    };
    FieldView {
        id: &f.id,
        html_id,
        name,
        ids,
        label: &f.label,
        kind: kind_name(f.kind),
        kind_text: kind_text(f.kind),
        required: f.required && f.kind != FieldType::Computed,
        aid: f.aid,
        help: f.help.as_deref(),
        evidence: f.evidence.as_deref(),
        footnote: f.footnote,
        unit: shown_unit(f),
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
        rows,
        min_rows,
        formula_text: f.formula_text.as_deref(),
        rounding_text: f.rounding_text(),
        datalist: f.list.as_deref().map(datalist_id),
    }
}

fn column_view<'a>(table: &Field, c: &'a Field) -> ColumnView<'a> {
    let (input_type, inputmode, autocomplete) = input_hints(c);
    ColumnView {
        id: &c.id,
        header_id: markup::column_header(&table.id, &c.id),
        label: &c.label,
        kind: kind_name(c.kind),
        kind_text: kind_text(c.kind),
        required: c.required,
        help: c.help.as_deref(),
        // A column's help is printed in its header: no unit beside it when it names it (满分100分).
        unit: shown_unit(c).filter(|u| !c.help.as_deref().is_some_and(|h| h.contains(u))),
        input_type,
        inputmode,
        autocomplete,
        datalist: c.list.as_deref().map(datalist_id),
        options: c.options.iter().map(|o| option_view(c, o)).collect(),
        format_hint: format_hint(c),
    }
}

fn row_view<'a>(table: &Field, columns: &[ColumnView<'a>], number: usize) -> RowView<'a> {
    let cells = columns
        .iter()
        .map(|c| {
            let id = markup::cell(&table.id, number, c.id);
            let name = markup::cell_name(&table.id, number, c.id);
            CellView {
                label: format!("第{number}行 {}", c.label),
                from: Part::From.id(&id),
                to: Part::To.id(&id),
                from_name: Part::From.name(&name),
                to_name: Part::To.name(&name),
                column: c.clone(),
                id,
                name,
            }
        })
        .collect();
    RowView { number, cells }
}

/// The unit printed beside the input, unless the label already ends with it
/// (`入驻中小企业数量（家）`): the seed's labels carry some units themselves.
fn shown_unit(f: &Field) -> Option<&str> {
    f.unit_text().filter(|u| !f.label.ends_with(&format!("（{u}）")))
}

fn option_view<'a>(f: &Field, o: &'a ChoiceOption) -> OptionView<'a> {
    OptionView {
        value: &o.value,
        label: &o.label,
        html_id: markup::option(&f.id, &o.value),
        detail: o.detail.as_deref(),
        detail_id: markup::option_detail(&f.id, &o.value),
        detail_name: markup::option_detail_name(&f.id, &o.value),
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
        FieldType::Period => "period",
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
        FieldType::YearMonthRange => "起止年月（结束可为“至今”）",
        FieldType::Period => "时间（某日、某月或起止时间）",
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
            FieldType::YearMonthRange => "例：2023-01 至 2025-12；仍在合作的，结束年月填“至今”",
            FieldType::Period => "例：2025年3月5日、2025年3月、2025年3月5日-6日、2025年3月至5月",
            FieldType::Mobile => "例：13800138000",
            FieldType::Landline | FieldType::Fax => "例：020-83134726",
            FieldType::Phone => "手机或固定电话，例：13800138000、020-83134726",
            FieldType::Postcode => "6位数字",
            FieldType::CreditCode => "18位，例：91350100M000100Y43",
            FieldType::IndustryCode => "输入代码或名称查找，例：391 计算机制造",
            FieldType::Money if f.negative => "单位：万元，可为负数，可填小数",
            FieldType::Money => "单位：万元，可填小数",
            _ => return None,
        }
        .to_string(),
    )
}

/// JSON inside a `<script>` element: `</script>` would end it and `<!--`
/// would put the parser in a state where `<script>` later on the page ends
/// nothing (a label holding `<!--<script>` silently disabled the form). Every
/// `<`, `>` and `&` (and the line separators JavaScript reads as newlines) is
/// written as its `\u` escape, which can stand only inside JSON strings.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_holds_no_markup_and_reads_back_the_same() {
        let v = serde_json::json!({"label": "<!--<script> & </script> \u{2028}"});
        let safe = script_safe(&v.to_string());
        assert!(!safe.contains(['<', '>', '&', '\u{2028}']), "{safe}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).ok(), Some(v));
    }

    fn field(json: serde_json::Value) -> Field {
        serde_json::from_value(json).expect("a valid field")
    }

    #[test]
    fn money_hints_say_decimals_are_allowed_not_required() {
        let money = field(serde_json::json!({"id": "a", "label": "营业收入", "type": "money"}));
        assert_eq!(format_hint(&money).as_deref(), Some("单位：万元，可填小数"));
        let profit = field(serde_json::json!({"id": "p", "label": "利润总额", "type": "money", "negative": true}));
        assert_eq!(format_hint(&profit).as_deref(), Some("单位：万元，可为负数，可填小数"));
    }

    #[test]
    fn computed_fields_say_how_they_are_rounded() {
        let with = |places: u32| {
            field(serde_json::json!({"id": "m", "label": "M", "type": "computed", "formula": "1", "places": places}))
        };
        assert_eq!(with(2).rounding_text().as_deref(), Some("计算结果四舍五入保留两位小数"));
        assert_eq!(with(4).rounding_text().as_deref(), Some("计算结果四舍五入保留四位小数"));
        assert_eq!(with(0).rounding_text().as_deref(), Some("计算结果四舍五入取整"));
        let money = field(serde_json::json!({"id": "a", "label": "营业收入", "type": "money"}));
        assert_eq!(money.rounding_text(), None, "typed figures are never rounded");
    }

    #[test]
    fn a_period_column_has_a_format_hint_for_its_cells() {
        let table = field(serde_json::json!({"id": "t", "label": "T", "type": "table", "columns": [
            {"id": "when", "label": "开展时间", "type": "period"}
        ]}));
        let view = column_view(&table, &table.columns[0]);
        assert_eq!(view.kind, "period");
        assert_eq!(view.format_hint.as_deref(), Some("例：2025年3月5日、2025年3月、2025年3月5日-6日、2025年3月至5月"));
    }
}
