//! The attachment pages (`content/attachments/2-*.md`, the templates'
//! contents for reading) and the form definitions say the same: every item
//! an attachment page lists (`- **平台名称**`) is an item of its form, and
//! every part (一、二、…) of the form is a heading of its page. One cannot be
//! renamed without the other.

#![allow(clippy::unwrap_used)]

use form_wasm::model::FormDef;
use tests::repo_root;

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn form(id: &str) -> FormDef {
    let text = std::fs::read_to_string(repo_root().join(format!("content/forms/{id}.yaml"))).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

fn page(name: &str) -> String {
    std::fs::read_to_string(repo_root().join(format!("content/attachments/{name}.md"))).unwrap()
}

/// Every label, option, column header, guidance and section title of the form, squeezed.
fn form_words(def: &FormDef) -> Vec<String> {
    let mut out = Vec::new();
    for (s, f) in def.fields() {
        out.push(squeeze(&s.title));
        out.push(squeeze(&f.label));
        out.extend(f.help.iter().chain(&f.evidence).map(|t| squeeze(t)));
        out.extend(f.options.iter().map(|o| squeeze(&o.label)));
        out.extend(f.columns.iter().map(|c| squeeze(&c.label)));
    }
    out
}

/// The items a page lists (`- **平台名称**：…`), squeezed.
fn listed_items(md: &str) -> Vec<String> {
    md.lines()
        .filter_map(|l| l.trim_start().strip_prefix("- **"))
        .filter_map(|l| l.split_once("**").map(|(item, _)| squeeze(item)))
        .collect()
}

/// Template cells that the form splits into several items, each named in
/// the form by the parts: cell → a label of the form it is split into.
const SPLIT_CELLS: &[(&str, &str)] = &[
    ("系统建设经费及来源", "系统建设经费来源"),
    ("技术运维经费及来源", "2024年技术运维经费来源"),
    ("服务运营经费及来源", "2024年服务运营经费来源"),
    ("管理人员及服务人员数量", "管理人员"),
    // The row's name; the form's label is the row's own text.
    ("服务覆盖面情况", "对下一级区域的服务覆盖面"),
];

#[test]
fn attachment_pages_and_forms_name_the_same_items() {
    let mut wrong = Vec::new();
    for (page_name, form_id) in [
        ("2-1-summary-table", "summary-table"),
        ("2-2-platform-form", "platform-application"),
        ("2-3-base-form", "base-application"),
        ("2-4-creation-plan", "creation-plan"),
    ] {
        let md = page(page_name);
        let def = form(form_id);
        let words = form_words(&def);
        // Rows of the vertical 收支 tables (`| 营业收入（万元） | |`) name a field exactly.
        let rows = md.lines().filter_map(|l| l.strip_prefix("| ")?.strip_suffix(" | |"));
        for row in rows.filter(|r| !r.contains('|') && !r.is_empty() && *r != "栏目") {
            let names = |f: &form_wasm::model::Field| {
                let label = squeeze(&f.label);
                let with_unit = f.unit_text().map(|u| format!("{label}（{u}）"));
                // 人均产出（万元）: the template names the money, the form the ratio (万元/人).
                let money_of_ratio =
                    f.unit_text().and_then(|u| u.split_once('/')).map(|(m, _)| format!("{label}（{m}）"));
                [Some(label), with_unit, money_of_ratio]
            };
            if !def.fields().iter().any(|(_, f)| names(f).contains(&Some(squeeze(row)))) {
                wrong.push(format!("{page_name}: row “{row}” is not a field of form {form_id}"));
            }
        }
        for item in listed_items(&md) {
            let item =
                SPLIT_CELLS.iter().find(|(cell, _)| *cell == item).map_or(item.clone(), |(_, part)| squeeze(part));
            if !words.iter().any(|w| w.contains(&item)) {
                wrong.push(format!("{page_name}: “{item}” is not an item of form {form_id}"));
            }
        }
        let headings: String = md.lines().filter(|l| l.starts_with('#')).map(squeeze).collect();
        // The template's numbered parts (一、…); 2.1 is one table, with none.
        let numbered = |t: &str| t.chars().nth(1) == Some('、');
        for s in def.sections.iter().filter(|s| numbered(&s.title)) {
            if !headings.contains(&squeeze(&s.title)) {
                wrong.push(format!("{page_name}: no heading “{}” (a part of form {form_id})", s.title));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
