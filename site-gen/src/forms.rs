//! Form definitions (`content/forms/*.yaml`): loading and checking at build
//! time. What the site makes of them is in `form_pages` and `form_view`.

use std::collections::BTreeMap;
use std::path::Path;

use form_wasm::bundle::Bundle;
use form_wasm::definition::{self, DefinitionError};
use form_wasm::model::{FormDef, IndustryList};
use rayon::prelude::*;

use crate::frontmatter::yaml_problem;
use crate::problem::Problem;

pub struct LoadedForm {
    /// `forms/base-application.yaml`
    pub source: String,
    /// `forms/base-application.html`
    pub output: String,
    pub def: FormDef,
    /// Code lists named by `industry_code` fields, by file name.
    pub lists: BTreeMap<String, IndustryList>,
}

impl LoadedForm {
    /// What the engine needs: the definition, its lists and its SHA-256.
    pub fn bundle(&self) -> Bundle {
        Bundle::new(self.def.clone(), self.lists.clone())
    }
}

/// Loads and checks every form; all problems of all forms together.
pub fn load(content_dir: &Path, sources: &[String]) -> Result<Vec<LoadedForm>, Vec<Problem>> {
    crate::problem::collect_all(sources.par_iter().map(|rel| load_one(content_dir, rel)).collect::<Vec<_>>())
}

fn load_one(content_dir: &Path, rel: &str) -> Result<LoadedForm, Vec<Problem>> {
    let path = content_dir.join(rel);
    let text = std::fs::read_to_string(&path).map_err(|e| vec![Problem::io(&path, "read the form", &e)])?;
    let def: FormDef = serde_yaml::from_str(&text).map_err(|e| vec![yaml_problem(&path, &e, 0)])?;
    let mut problems: Vec<Problem> =
        definition::check(&def).into_iter().map(|e| definition_problem(&path, &text, &e)).collect();

    let stem = rel.trim_start_matches("forms/").trim_end_matches(".yaml");
    if def.id != stem {
        problems.push(Problem::at(
            &path,
            line_of_key(&text, "id", &def.id).unwrap_or(1),
            1,
            format!("form id `{}` must match the file name `{stem}.yaml`, so links and exports agree", def.id),
        ));
    }

    let mut lists = BTreeMap::new();
    for (_, field) in def.fields() {
        let Some(list) = &field.list else { continue };
        if lists.contains_key(list) {
            continue;
        }
        let list_path = content_dir.join("data").join(list);
        let loaded = std::fs::read_to_string(&list_path)
            .map_err(|e| Problem::io(&list_path, &format!("read the list named by field `{}`", field.id), &e))
            .and_then(|t| serde_yaml::from_str::<IndustryList>(&t).map_err(|e| yaml_problem(&list_path, &e, 0)));
        match loaded {
            Ok(l) => {
                lists.insert(list.clone(), l);
            }
            Err(p) => problems.push(p),
        }
    }

    if problems.is_empty() {
        Ok(LoadedForm { source: rel.to_string(), output: format!("forms/{stem}.html"), def, lists })
    } else {
        Err(problems)
    }
}

/// A definition problem at the line where its id is declared.
fn definition_problem(path: &Path, text: &str, e: &DefinitionError) -> Problem {
    let message = format!("{}: {}", e.path, e.message);
    let line = lines_of_key(text, "id", &e.id).nth(e.occurrence).or_else(|| line_of_key(text, "value", &e.id));
    match line {
        Some(line) => Problem::at(path, line, 1, message),
        None => Problem::new(path, message),
    }
}

/// The 1-based line of the first `key: value` (optionally after `- `).
fn line_of_key(text: &str, key: &str, value: &str) -> Option<usize> {
    lines_of_key(text, key, value).next()
}

/// Every 1-based line declaring `key: value`, in order.
fn lines_of_key<'a>(text: &'a str, key: &'a str, value: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.lines().enumerate().filter_map(move |(i, l)| {
        let l = l.trim_start().trim_start_matches("- ").trim();
        let v = l.strip_prefix(key)?.trim_start().strip_prefix(':')?;
        (v.trim().trim_matches(['"', '\'']) == value).then_some(i + 1)
    })
}
