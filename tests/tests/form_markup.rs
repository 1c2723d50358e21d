//! The contract between the form template and the page code: every element
//! the engine looks for (`form_wasm::markup`) is on each built form page,
//! once, with the hooks the page code reads. A template that renames an id
//! fails here, not silently in a browser.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use form_wasm::markup::{self, attr, Action};
use form_wasm::model::{FieldType, FormDef};
use tests::{build_real_site, repo_root};

fn forms() -> Vec<FormDef> {
    let content = repo_root().join("content");
    let loaded = site_gen::content::load(&content).unwrap_or_else(|_| panic!("the real content loads"));
    let forms = site_gen::forms::load(&content, &loaded.forms).unwrap_or_else(|_| panic!("the real forms load"));
    forms.into_iter().map(|f| f.def).collect()
}

/// Every `id="…"` of the page, with how often it occurs.
fn ids(html: &str) -> BTreeMap<&str, usize> {
    let mut out = BTreeMap::new();
    for part in html.split(" id=\"").skip(1) {
        let id = &part[..part.find('"').unwrap()];
        *out.entry(id).or_insert(0) += 1;
    }
    out
}

/// The opening tag of the element with this id.
fn tag<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html.find(&format!(" id=\"{id}\"")).unwrap_or_else(|| panic!("no element #{id}"));
    let start = html[..at].rfind('<').unwrap();
    &html[start..at + html[at..].find('>').unwrap()]
}

#[test]
fn form_page_has_every_id_the_engine_looks_for() {
    let (_dir, out) = build_real_site();
    for def in forms() {
        let html = std::fs::read_to_string(out.join("forms").join(format!("{}.html", def.id))).unwrap();
        let found = ids(&html);
        let expected = markup::expected_ids(&def);
        let missing: Vec<&String> = expected.iter().filter(|id| !found.contains_key(id.as_str())).collect();
        assert!(missing.is_empty(), "{}: the page lacks {missing:?}", def.id);
        let twice: Vec<(&&str, &usize)> = found.iter().filter(|(_, n)| **n > 1).collect();
        assert!(twice.is_empty(), "{}: ids used more than once: {twice:?}", def.id);

        // The hooks the page code reads, on the elements it reads them from.
        for (_, f) in def.fields() {
            let control = match f.kind {
                FieldType::Table => {
                    let table = tag(&html, &markup::field(&f.id));
                    assert!(table.contains(&format!("{}=\"{}\"", attr::TABLE, f.id)), "{table}");
                    assert!(html.contains(&format!("{}=\"{}\"", attr::ADD_ROW, f.id)), "{}: no add-row button", f.id);
                    for c in &f.columns {
                        let cell = tag(&html, &markup::first_cell_input(f, 1, c));
                        assert!(cell.contains(&format!("{}=\"{}\"", attr::FIELD, c.id)), "{cell}");
                    }
                    continue;
                }
                FieldType::Computed => continue,
                _ => markup::first_input(f),
            };
            let el = tag(&html, &control);
            assert!(el.contains(&format!("{}=\"{}\"", attr::FIELD, f.id)), "{}: {el}", def.id);
            for o in f.options.iter().filter(|o| o.detail.is_some()) {
                let el = tag(&html, &markup::option_detail(&f.id, &o.value));
                assert!(el.contains(&format!("{}=\"{}\"", attr::DETAIL_OF, o.value)), "{el}");
            }
        }
        assert!(html.contains(&format!("{}=\"1\"", attr::ROW)) || !html.contains("<table class=\"form-table\""));
        for a in Action::ALL {
            let has = html.contains(&format!("{}=\"{}\"", attr::ACTION, a.name()));
            assert_eq!(has, a.applies(&def), "{}: {a:?} button", def.id);
        }
        // 计算说明 and 佐证材料目录 where the form computes and asks for evidence: 2.2 and 2.3.
        let applicant_form = matches!(def.id.as_str(), "platform-application" | "base-application");
        assert_eq!(Action::PrintWorkings.applies(&def), applicant_form, "{}", def.id);
        assert_eq!(Action::PrintEvidence.applies(&def), applicant_form, "{}", def.id);
    }
}

#[test]
fn links_to_a_problem_land_on_an_input_of_the_page() {
    let (_dir, out) = build_real_site();
    for def in forms() {
        let html = std::fs::read_to_string(out.join("forms").join(format!("{}.html", def.id))).unwrap();
        for (_, f) in def.fields().into_iter().filter(|(_, f)| f.kind != FieldType::Computed) {
            let id = markup::first_input(f);
            let el = tag(&html, &id);
            assert!(
                ["<input", "<textarea", "<select"].iter().any(|t| el.starts_with(t)),
                "{}: #{id} is not an input: {el}",
                def.id
            );
        }
    }
}

#[test]
fn blank_forms_have_the_templates_rows() {
    let (_dir, out) = build_real_site();
    for (form, table, rows) in [
        ("summary-table", "objects", 2),
        ("platform-application", "agreements", 12),
        ("platform-application", "offline_activities", 15),
        ("platform-application", "served_enterprises", 30),
        ("base-application", "brand_activities", 2),
        ("creation-plan", "typical_practices", 3),
    ] {
        let html = std::fs::read_to_string(out.join("forms").join(format!("{form}.html"))).unwrap();
        let at = html.find(&format!("{}=\"{table}\"", attr::TABLE)).unwrap();
        let body = &html[at..at + html[at..].find("</tbody>").unwrap()];
        assert_eq!(body.matches(&format!("<tr {}=", attr::ROW)).count(), rows, "{form}: {table}");
    }
}
