//! A form compiled once, ready for many evaluations: fields indexed in page
//! order, expressions parsed, rules' fields resolved, each field's section,
//! and what depends on what (`depends`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::bundle::Bundle;
use crate::depends::Depends;
use crate::expr::{self, Expr};
use crate::model::{Field, Rule, Section};

/// A form compiled once, ready for many evaluations. Every per-field table
/// is indexed by the field's place in page order (`Prepared::fields`).
pub struct Prepared {
    pub bundle: Bundle,
    /// Parsed formulas.
    pub(crate) formulas: Vec<Option<Expr>>,
    /// Parsed rules, in the definition's order.
    pub(crate) rules: Vec<RuleCode>,
    /// Sections in page order, parents before their subsections.
    pub(crate) sections: Vec<SectionInfo>,
    pub(crate) index: FieldIndex,
    /// The section (in `sections`) that holds each field.
    pub(crate) section_of: Vec<usize>,
    /// Each field's table columns as rows are read with them (none for other fields).
    pub(crate) columns: Vec<Columns>,
    /// Every field's id in page order, each `null`: what an evaluation's
    /// normalised answers are made from (`evaluate::Normalised`), as a
    /// table row from `Columns::row` (`None` when two fields share an id,
    /// which the definition check refuses).
    pub(crate) answers_row: Option<Map<String, Value>>,
    pub(crate) depends: Depends,
}

pub struct RuleCode {
    pub check: Expr,
    pub when: Option<Expr>,
    /// The fields its message shows beside (the rule's own list, or those it reads).
    pub fields: Vec<String>,
    /// Where those fields are (unknown ids left out).
    pub at: Vec<usize>,
}

pub struct SectionInfo {
    pub id: String,
    pub when: Option<Expr>,
    /// Index of the enclosing section in `sections`.
    pub parent: Option<usize>,
    /// How many fields it holds directly.
    pub fields: usize,
}

impl Prepared {
    /// Checks the definition, parses its expressions and compiles what a
    /// change depends on; refuses a broken bundle.
    pub fn new(bundle: Bundle) -> Result<Prepared, String> {
        // site-gen checked the definition before writing the page; the browser
        // build skips the checker to stay small. Evaluation stays total either
        // way: a type mismatch or a cycle is "无法计算", never a panic.
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(e) = crate::definition::check(&bundle.form).first() {
            return Err(format!("表单定义有误（{}）：{}", e.path, e.message));
        }
        let parse = |s: &str| expr::parse(s).map_err(|e| format!("表单定义有误：{e}"));
        let all = bundle.form.fields();
        let mut formulas = Vec::new();
        for (_, f) in &all {
            formulas.push(f.formula.as_deref().map(parse).transpose()?);
        }
        let mut rules = Vec::new();
        for r in &bundle.form.rules {
            let check = parse(&r.check)?;
            let when = r.when.as_deref().map(parse).transpose()?;
            let fields = rule_fields(r, &check);
            rules.push(RuleCode { check, when, fields, at: Vec::new() });
        }
        let mut sections = Vec::new();
        fn walk(s: &Section, parent: Option<usize>, out: &mut Vec<SectionInfo>) -> Result<(), String> {
            let when =
                s.when.as_deref().map(|w| expr::parse(w).map_err(|e| format!("表单定义有误：{e}"))).transpose()?;
            out.push(SectionInfo { id: s.id.clone(), when, parent, fields: s.fields.len() });
            let me = out.len() - 1;
            for sub in &s.sections {
                walk(sub, Some(me), out)?;
            }
            Ok(())
        }
        for s in &bundle.form.sections {
            walk(s, None, &mut sections)?;
        }
        let fields: Vec<&Field> = all.iter().map(|(_, f)| *f).collect();
        let index = FieldIndex::new(&fields);
        for r in &mut rules {
            r.at = r.fields.iter().filter_map(|id| index.pos(id)).collect();
        }
        let depends = Depends::new(
            &fields,
            |id| index.pos(id),
            &formulas,
            rules.iter().map(|r| (&r.check, r.when.as_ref())),
            sections.iter().map(|s| s.when.as_ref()),
        );
        // `fields()` walks sections in the order `walk` numbered them.
        let section_of =
            sections.iter().enumerate().flat_map(|(s, info)| std::iter::repeat_n(s, info.fields)).collect();
        let columns = fields.iter().map(|f| Columns::new(f)).collect();
        let answers_row = every_id(fields.iter().map(|f| f.id.as_str()));
        Ok(Prepared { bundle, formulas, rules, sections, index, section_of, columns, answers_row, depends })
    }

    /// The fields in page order, each at its index in every per-field table.
    pub fn fields(&self) -> Vec<&Field> {
        // `FormDef::fields`, into a list allocated once (this is made for
        // every evaluation).
        fn walk<'a>(s: &'a Section, out: &mut Vec<&'a Field>) {
            out.extend(&s.fields);
            for sub in &s.sections {
                walk(sub, out);
            }
        }
        let mut out = Vec::with_capacity(self.section_of.len());
        for s in &self.bundle.form.sections {
            walk(s, &mut out);
        }
        out
    }
}

/// A table's columns as every row is read with them.
pub(crate) struct Columns {
    /// The column ids, shared by every row's cells (`answers::Rows`).
    pub ids: Vec<Arc<str>>,
    /// A row with every column, each `null`: the normalised object of a row
    /// is a copy of it with the values put in place, so no key is hashed
    /// (`None` when two columns share an id, which the definition check
    /// refuses: such rows are built key by key).
    pub row: Option<Map<String, Value>>,
}

impl Columns {
    fn new(table: &Field) -> Columns {
        Columns {
            ids: table.columns.iter().map(|c| Arc::from(c.id.as_str())).collect(),
            row: every_id(table.columns.iter().map(|c| c.id.as_str())),
        }
    }
}

/// An object of these ids in order, each `null`; `None` if one is repeated.
fn every_id<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Option<Map<String, Value>> {
    let n = ids.len();
    let row: Map<String, Value> = ids.map(|id| (id.to_string(), Value::Null)).collect();
    (row.len() == n).then_some(row)
}

fn rule_fields(rule: &Rule, check: &Expr) -> Vec<String> {
    if rule.fields.is_empty() {
        check.references().into_iter().map(str::to_string).collect()
    } else {
        rule.fields.clone()
    }
}

/// Where each field id is in page order. Looked up for every field an
/// expression reads, so by a hash of the id (FNV-1a: ids are short, and
/// std's SipHash or a binary search over the ids costs more than the rest
/// of the lookup).
pub struct FieldIndex(HashMap<String, usize, BuildHasherDefault<Fnv>>);

impl FieldIndex {
    fn new(all: &[&Field]) -> Self {
        let mut index = HashMap::with_capacity_and_hasher(all.len(), BuildHasherDefault::default());
        for (i, f) in all.iter().enumerate() {
            // An id given twice (which the definition check refuses): its first place.
            index.entry(f.id.clone()).or_insert(i);
        }
        FieldIndex(index)
    }

    pub fn pos(&self, id: &str) -> Option<usize> {
        self.0.get(id).copied()
    }
}

/// The FNV-1a hash (64 bits).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
