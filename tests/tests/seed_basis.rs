//! The notice is the rule book: every hard error a form can raise is
//! traceable to the seed's own words.
//!
//! - A rule that refuses an answer (`severity: error`), a character limit, a
//!   row minimum above one, or bounds that refuse (a field with `basis`) carry
//!   `basis:`, the seed's words; the definition checker refuses them without
//!   it, and this test holds each basis to the seed's text.
//! - A required answer is one the official template asks for: a required
//!   field's label is the template's own (or it quotes its `basis`). Site
//!   aids (`aid: true`) are never required.
//!
//! The seed is the PDF's extracted text: compared with all whitespace removed
//! (the extraction breaks table cells and words across lines).

#![allow(clippy::unwrap_used)]

use form_wasm::model::{Field, FieldType, FormDef, Severity};
use tests::repo_root;

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn seed() -> String {
    squeeze(&std::fs::read_to_string(repo_root().join("tests/fixtures/seed-notice.txt")).unwrap())
}

fn forms() -> Vec<FormDef> {
    let content = repo_root().join("content");
    let loaded = site_gen::content::load(&content).unwrap_or_else(|_| panic!("the real content loads"));
    let forms = site_gen::forms::load(&content, &loaded.forms).unwrap_or_else(|_| panic!("the real forms load"));
    forms.into_iter().map(|f| f.def).collect()
}

/// Every field with the table columns too, with a readable path; the
/// columns of an aid table count as aids.
fn all_fields(def: &FormDef) -> Vec<(String, &Field, bool)> {
    let mut out = Vec::new();
    for (_, f) in def.fields() {
        out.push((format!("{}: {}", def.id, f.id), f, f.aid));
        for c in &f.columns {
            out.push((format!("{}: {}.{}", def.id, f.id, c.id), c, f.aid || c.aid));
        }
    }
    out
}

#[test]
fn every_basis_is_the_seeds_own_words() {
    let seed = seed();
    let mut wrong = Vec::new();
    for def in forms() {
        for (at, f, _) in all_fields(&def) {
            if let Some(b) = &f.basis {
                if !seed.contains(&squeeze(b)) {
                    wrong.push(format!("{at}: basis “{b}” is not in the seed"));
                }
            }
        }
        for r in &def.rules {
            match (&r.basis, r.severity) {
                (Some(b), _) if !seed.contains(&squeeze(b)) => {
                    wrong.push(format!("{}: rule {}: basis “{b}” is not in the seed", def.id, r.id))
                }
                (None, Severity::Error) => {
                    wrong.push(format!("{}: rule {} refuses answers without a basis", def.id, r.id))
                }
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn only_what_the_template_asks_for_is_required() {
    let seed = seed();
    let mut wrong = Vec::new();
    for def in forms() {
        for (at, f, aid) in all_fields(&def) {
            if f.aid && f.required && f.kind != FieldType::Computed {
                wrong.push(format!("{at}: a site aid is required"));
            }
            if !f.required || aid || f.kind == FieldType::Computed {
                continue;
            }
            let label = squeeze(&f.label);
            let quoted = f.basis.as_deref().is_some_and(|b| seed.contains(&squeeze(b)));
            if !seed.contains(&label) && !quoted {
                wrong.push(format!("{at}: required, but “{}” is not a label of the template", f.label));
            }
        }
    }
    assert!(wrong.is_empty(), "{} required fields the seed does not ask for:\n{}", wrong.len(), wrong.join("\n"));
}

/// The printed documents use the template's own words wherever the
/// definitions do not supply them (`form_wasm::document::layout`: the
/// sentences with blanks, group labels, notes, the 2.4 examples). The
/// seed's extraction writes × as x and lost one opening bracket, so ASCII
/// brackets are left out of the comparison; its 创新新 is the template's
/// typo for 创新型.
#[test]
fn the_printed_layouts_words_are_the_seeds() {
    let plain = |s: &str| squeeze(s).replace('×', "x").replace(['(', ')'], "");
    let seed = plain(&seed()).replace("创新新中小企业", "创新型中小企业");
    let texts = form_wasm::document::layout::literal_texts();
    assert!(texts.len() > 40, "the layouts' texts: {texts:?}");
    let wrong: Vec<&String> = texts.iter().filter(|t| !seed.contains(&plain(t))).collect();
    assert!(wrong.is_empty(), "not the seed's words: {wrong:?}");
}
