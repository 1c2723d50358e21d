//! Form definitions (`content/forms/*.yaml`): loading and checking at build
//! time. What the site makes of them is in `form_pages` and `form_view`.

use std::collections::BTreeMap;
use std::path::{Component, Path};

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
    let text = crate::files::read_inside(content_dir, rel, "the form").map_err(|p| vec![p])?;
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
        let loaded = read_list(content_dir, &path, &text, &field.id, list);
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

/// The code list a field names, read only from `content/data/`: a `list:`
/// naming a path outside it (`../../outside.yaml`) is refused where it is
/// written, before anything is read, so no other file on the machine ends up
/// in the public page or, through an error message, in the build's log.
fn read_list(content_dir: &Path, form: &Path, text: &str, field: &str, list: &str) -> Result<IndustryList, Problem> {
    let plain = Path::new(list).components().all(|c| matches!(c, Component::Normal(_)));
    if !plain || list.contains('\\') || !list.ends_with(".yaml") {
        let (line, col) = value_position(text, "list", list).unwrap_or((1, 1));
        return Err(Problem::at(
            form,
            line,
            col,
            format!(
                "field `{field}`: `list: {list}` must name a .yaml file in the content folder's data/ (like `codes.yaml` or `industry/codes.yaml`); nothing outside it is read"
            ),
        ));
    }
    let data = content_dir.join("data");
    let list_text = crate::files::read_inside(&data, list, &format!("the list named by field `{field}`"))?;
    serde_yaml::from_str::<IndustryList>(&list_text).map_err(|e| yaml_problem(&data.join(list), &e, 0))
}

/// The 1-based line and column (in characters) of `value` in the first line
/// declaring `key: value`.
fn value_position(text: &str, key: &str, value: &str) -> Option<(usize, usize)> {
    let line = line_of_key(text, key, value)?;
    let source = text.lines().nth(line - 1)?;
    let after_key = source.find(&format!("{key}:"))? + key.len() + 1;
    let at = source[after_key..].find(value).map_or(after_key, |i| after_key + i);
    Some((line, source[..at].chars().count() + 1))
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
