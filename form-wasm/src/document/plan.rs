//! 2.4, the creation plan: the cover alone on the first page (the stamps
//! the template puts there), then the outline's headings with the
//! applicant's text in full, paragraphs kept, and the template's 备注.
//!
//! A heading's guidance (the template's words of what to write) prints
//! while nothing is written under it, so the blank plan is the template.
//! The tables the page offers under 二（一）as aids print, as plain
//! tables, only when the applicant filled them: they are the applicant's
//! own account of results, not the site's workings. The choice of plan
//! type that shows them never prints.

use super::build::{table, Form};
use super::types::{Block, Cover, CoverLine, Para, Span};
use super::value;
use crate::model::{Field, FieldType, Section};

const STAMP: &str = "（盖章）";

/// The template's examples: the section they print in (while its table is empty), and the lines.
pub type Examples<'a> = (&'a str, &'a [&'a str]);

pub fn blocks(form: &Form, cover_id: &str, examples: Examples) -> Vec<Block> {
    let def = form.def;
    let mut blocks = Vec::new();
    let (cover, rest): (Vec<&Section>, Vec<&Section>) = def.sections.iter().partition(|s| s.id == cover_id);
    let mut title = vec![def.title.clone()];
    title.extend(def.subtitle.clone());
    let lines = cover
        .iter()
        .flat_map(|s| &s.fields)
        .filter(|f| !f.aid)
        .map(|f| CoverLine {
            label: f.label.clone(),
            value: form.text(f),
            stamp: def.stamps.iter().any(|st| f.label.starts_with(st.label.trim_end_matches(STAMP))),
        })
        .collect();
    blocks.push(Block::Cover(Cover {
        attachment: format!("附件{}", def.attachment),
        title: title.clone(),
        lines,
        issuer: cover.first().and_then(|s| s.note.clone()),
    }));
    // The template's second page: the outline's title.
    if let Some(last) = title.last_mut() {
        last.push_str("模板");
    }
    blocks.push(Block::Title(title));
    for s in rest {
        section(form, s, 1, examples, &mut blocks);
    }
    blocks.extend(def.closing_note.clone().map(Block::Note));
    blocks
}

/// Whether anything under the section (its own fields and below) is answered.
fn answered(form: &Form, s: &Section) -> bool {
    s.fields.iter().any(|f| !form.is_hidden(f) && form.value(f).is_some())
        || s.sections.iter().any(|x| answered(form, x))
}

fn official_fields(s: &Section) -> bool {
    s.fields.iter().any(|f| !f.aid) || s.sections.iter().any(official_fields)
}

fn section(form: &Form, s: &Section, level: u8, examples: Examples, out: &mut Vec<Block>) {
    let written = answered(form, s);
    if official_fields(s) {
        let mut text = s.title.clone();
        // `（二）已经形成的典型经验做法（简要介绍…）`: bracketed guidance is part of the heading line.
        let guidance = s.guidance.as_deref().filter(|_| !written);
        if let Some(g) = guidance.filter(|g| g.starts_with('（')) {
            text.push_str(g);
        }
        out.push(Block::Heading { level: level.min(3), text });
        if let Some(g) = guidance.filter(|g| !g.starts_with('（')) {
            out.push(Block::Paragraph(vec![Span::text(g)]));
        }
    } else if !written {
        // A section of aids alone (平台类, 基地类): nothing unless filled.
        return;
    }
    for f in s.fields.iter().filter(|f| !form.is_hidden(f)) {
        field(form, f, out);
        if f.kind == FieldType::Table && !f.aid && form.value(f).is_none() && s.id == examples.0 {
            out.extend(examples.1.iter().map(|e| Block::Paragraph(vec![Span::text(*e)])));
        }
    }
    for sub in &s.sections {
        section(form, sub, level + 1, examples, out);
    }
}

/// A column's label without its bracketed note: `预期成效`.
fn short(label: &str) -> &str {
    label.split('（').next().unwrap_or(label)
}

fn text_paras(text: &str, lead: Option<String>) -> Vec<Block> {
    let mut paras: Vec<Para> = value::paragraphs(text).into_iter().map(|p| vec![Span::Answer(p)]).collect();
    if let (Some(lead), Some(first)) = (lead, paras.first_mut()) {
        first.insert(0, Span::Text(format!("{lead}：")));
    }
    paras.into_iter().map(Block::Paragraph).collect()
}

fn field(form: &Form, f: &Field, out: &mut Vec<Block>) {
    match (f.kind, f.aid) {
        // The type of plan only chooses which aids the page shows.
        (FieldType::Choice, true) => {}
        (FieldType::Textarea, aid) => {
            if let Some(t) = form.text(f) {
                out.extend(text_paras(&t, aid.then(|| f.label.clone())));
            }
        }
        (FieldType::Table, true) => {
            if form.value(f).is_some() {
                out.push(Block::Paragraph(vec![Span::Text(f.label.clone())]));
                out.push(Block::Table(table(form, f, false, false)));
            }
        }
        (FieldType::Table, false) => items(form, f, out),
        _ => {
            if let Some(v) = form.with_unit(f) {
                out.push(Block::Paragraph(vec![Span::Text(format!("{}：", f.label)), Span::Answer(v)]));
            }
        }
    }
}

/// A table of the plan's items (典型经验做法, 创建任务) as numbered items:
/// `创建任务1：…` as the template's examples write them, then each of the
/// other columns as paragraphs, led by its name when there are several.
fn items(form: &Form, f: &Field, out: &mut Vec<Block>) {
    let Some(rows) = form.value(f).and_then(|v| v.as_array()) else { return };
    let Some((head, rest)) = f.columns.split_first() else { return };
    let lead = rest.len() > 1;
    for (i, row) in rows.iter().enumerate() {
        let cell = |c: &Field| value::text(c, row.get(&c.id));
        let mut title = format!("{}{}", f.label, i + 1);
        if let Some(t) = cell(head) {
            title.push_str(&format!("：{t}"));
        }
        out.push(Block::Heading { level: 3, text: title });
        for c in rest {
            if let Some(t) = cell(c) {
                out.extend(text_paras(&t, lead.then(|| short(&c.label).to_string())));
            }
        }
    }
}
