//! The official document of a form, from its definition and an evaluation
//! of the answers: the application forms' tables as their templates lay
//! them out (`layout`), the 2.1 summary table under its stamp line. Site
//! aids (`aid: true`) never print; a blank evaluation gives the blank form
//! with the template's rows, to fill by hand.

use std::collections::BTreeSet;

use serde_json::Value;

use super::layout::{Note, Place, Row as Layout};
use super::types::{Block, Cell, Grid, HeadCell, Para, Role, Row, Span, Table, GRID_COLUMNS};
use super::value;
use crate::evaluate::{Evaluation, Metric};
use crate::model::{Field, FieldType, FormDef, Section};

/// `附件2.2 国家中小企业公共服务示范平台（基地）创建申请表（平台类）`.
pub fn title(def: &FormDef) -> String {
    format!("附件{} {}{}", def.attachment, def.title, def.subtitle.as_deref().unwrap_or(""))
}

/// The running footer: `附件2.2 · 2025.2版 · 数据校验码 4413-6fa3-55b3`, with
/// what the page is (`计算说明`) after the attachment; a blank form has no
/// answers to check, so no 数据校验码.
pub fn footer(def: &FormDef, ev: &Evaluation, what: &str) -> String {
    let mut out = format!("附件{}", def.attachment);
    if !what.is_empty() {
        out.push(' ');
        out.push_str(what);
    }
    out.push_str(&format!(" · {}版", def.version));
    if !ev.data.is_empty() {
        out.push_str(&format!(" · 数据校验码 {}", crate::checksum::data_checksum(&ev.data)));
    }
    out
}

/// `附件2.2` and the title lines.
pub fn heading_blocks(def: &FormDef) -> Vec<Block> {
    let mut lines = vec![def.title.clone()];
    lines.extend(def.subtitle.clone());
    vec![Block::Attachment(format!("附件{}", def.attachment)), Block::Title(lines)]
}

/// A form and its answers, as the builders read them.
pub struct Form<'a> {
    pub def: &'a FormDef,
    pub ev: &'a Evaluation,
    notes: &'a [Note],
    /// Fields in sections the answers hide (a 2.4 type's aids).
    hidden: BTreeSet<&'a str>,
    /// Fields printed so far.
    used: BTreeSet<String>,
    blocks: Vec<Block>,
    grid: Grid,
}

impl<'a> Form<'a> {
    pub fn new(def: &'a FormDef, ev: &'a Evaluation, notes: &'a [Note]) -> Form<'a> {
        fn walk<'a>(s: &'a Section, hidden: bool, ev: &Evaluation, out: &mut BTreeSet<&'a str>) {
            let hidden = hidden || ev.hidden_sections.contains(&s.id);
            if hidden {
                out.extend(s.fields.iter().map(|f| f.id.as_str()));
            }
            s.sections.iter().for_each(|x| walk(x, hidden, ev, out));
        }
        let mut hidden = BTreeSet::new();
        def.sections.iter().for_each(|s| walk(s, false, ev, &mut hidden));
        Form { def, ev, notes, hidden, used: BTreeSet::new(), blocks: Vec::new(), grid: Grid::default() }
    }

    /// A field that prints: on the official form and in a shown section.
    pub fn printed(&self, id: &str) -> Option<&'a Field> {
        self.def.field(id).filter(|f| !f.aid && !self.hidden.contains(f.id.as_str()))
    }

    pub fn is_hidden(&self, f: &Field) -> bool {
        self.hidden.contains(f.id.as_str())
    }

    pub fn value(&self, f: &Field) -> Option<&'a Value> {
        self.ev.data.get(&f.id)
    }

    pub fn metric(&self, f: &Field) -> Option<&'a Metric> {
        self.ev.metrics.iter().find(|m| m.id == f.id)
    }

    /// The answer without its unit (a computed field: its result).
    pub fn text(&self, f: &Field) -> Option<String> {
        match f.kind {
            FieldType::Computed => self.metric(f).and_then(|m| m.value.clone()),
            _ => value::text(f, self.value(f)),
        }
    }

    /// The answer with its unit.
    pub fn with_unit(&self, f: &Field) -> Option<String> {
        match f.kind {
            FieldType::Computed => {
                let m = self.metric(f)?;
                let unit = value::unit(f, m.unit.as_deref()).unwrap_or("");
                m.value.as_ref().map(|v| format!("{v}{unit}"))
            }
            _ => value::with_unit(f, self.value(f), None),
        }
    }

    fn note(&self, f: &Field) -> Option<&'a Note> {
        self.notes.iter().find(|n| n.field == f.id)
    }

    /// The label cell: label, footnote mark, and the bracketed note the
    /// template prints beside it (a 是/否's evidence).
    fn label_paras(&self, f: &Field) -> Vec<Para> {
        let mut first = vec![Span::Text(f.label.clone())];
        first.extend(f.footnote.map(Span::Mark));
        let mut paras = vec![first];
        match (self.note(f), &f.evidence) {
            (Some(n), _) if n.place == Place::Label => paras.push(vec![Span::text(n.text)]),
            (None, Some(e)) if f.kind == FieldType::YesNo => paras.push(vec![Span::Text(format!("（{e}）"))]),
            _ => {}
        }
        paras
    }

    /// The answer cell, with the template's note before a long text and the
    /// evidence note after the answer.
    fn answer_paras(&self, f: &Field) -> Vec<Para> {
        let note = self.note(f);
        let evidence = match (note, &f.evidence) {
            (None, Some(e)) if f.kind != FieldType::YesNo => Some(format!("（{e}）")),
            _ => None,
        };
        let mut paras = Vec::new();
        // The template's note: before the space for a long text, after a short answer.
        let answer_note = note.filter(|n| n.place == Place::Answer).map(|n| n.text.to_string());
        let evidence = evidence.or(answer_note.clone().filter(|_| f.kind != FieldType::Textarea));
        if let Some(n) = answer_note.filter(|_| f.kind == FieldType::Textarea) {
            paras.push(vec![Span::Text(n)]);
        }
        match f.kind {
            FieldType::Choice | FieldType::MultiChoice => {
                paras.push(value::choice_list(f, self.value(f)));
                paras.extend(evidence.map(|e| vec![Span::Text(e)]));
            }
            FieldType::Textarea => {
                let text = self.text(f).unwrap_or_default();
                paras.extend(value::paragraphs(&text).into_iter().map(|p| vec![Span::Answer(p)]));
                paras.extend(evidence.map(|e| vec![Span::Text(e)]));
            }
            _ => {
                let mut line = match (self.with_unit(f), value::blank_date(f)) {
                    (Some(a), _) => vec![Span::Answer(a)],
                    (None, Some(d)) => vec![Span::text(d)],
                    (None, None) if f.is_numeric() => {
                        let unit = value::unit(f, self.metric(f).and_then(|m| m.unit.as_deref()));
                        let mut l = vec![Span::Blank];
                        l.extend(unit.map(Span::text));
                        l
                    }
                    (None, None) => Vec::new(),
                };
                line.extend(evidence.map(Span::Text));
                if !line.is_empty() {
                    paras.push(line);
                }
            }
        }
        paras
    }

    /// Ends the current grid so that a table can follow it.
    fn flush(&mut self) {
        if !self.grid.rows.is_empty() {
            self.blocks.push(Block::Grid(std::mem::take(&mut self.grid)));
        }
    }

    /// The form's table from its layout; then any field the layout leaves
    /// out, section by section; then the footnotes.
    pub fn grid(mut self, rows: &[Layout]) -> Vec<Block> {
        self.blocks = heading_blocks(self.def);
        for r in rows {
            let made = self.rows_of(r);
            self.grid.rows.extend(made);
        }
        self.leftovers();
        self.flush();
        if !self.def.footnotes.is_empty() {
            self.blocks.push(Block::Footnotes(self.def.footnotes.iter().map(|n| (n.number, n.text.clone())).collect()));
        }
        self.blocks
    }

    /// The grid rows of a layout row (a table is added as a block of its
    /// own, after the grid so far).
    fn rows_of(&mut self, r: &Layout) -> Vec<Row> {
        let row = |cells: Vec<Cell>, long: bool| vec![Row { cells, long }];
        match *r {
            Layout::Section(id) => match find_section(&self.def.sections, id) {
                Some(s) => {
                    row(vec![Cell::new(Role::Section, GRID_COLUMNS, vec![vec![Span::Text(s.title.clone())]])], false)
                }
                None => Vec::new(),
            },
            Layout::Field(id) => self.field_row(id),
            Layout::Side(ids) => {
                self.used.extend(ids.iter().map(|id| id.to_string()));
                let fields: Vec<&Field> = ids.iter().filter_map(|id| self.printed(id)).collect();
                match fields.as_slice() {
                    [] => Vec::new(),
                    [one] => self.field_row(&one.id),
                    many => {
                        // Two side by side: narrow labels, wide answers; three: all alike.
                        let (label, answer) = if many.len() == 2 { (2, 4) } else { (2, 2) };
                        let mut cells = Vec::new();
                        for f in many {
                            cells.push(Cell::new(Role::Label, label, self.label_paras(f)));
                            cells.push(Cell::new(Role::Answer, answer, self.answer_paras(f)));
                        }
                        row(cells, false)
                    }
                }
            }
            Layout::Line(label, text) => {
                let (paras, long) = self.line(text);
                row(vec![Cell::new(Role::Label, 3, vec![marked(label)]), Cell::new(Role::Answer, 9, paras)], long)
            }
            Layout::Group(label, rows) => {
                let inner: Vec<Row> = rows.iter().flat_map(|x| self.rows_of(x)).collect();
                if inner.is_empty() {
                    return Vec::new();
                }
                let mut nest = Cell::new(Role::Answer, GRID_COLUMNS - 2, Vec::new());
                nest.inner = inner;
                // The group may run on to the next page, row by row.
                row(vec![Cell::new(Role::Group, 2, vec![vec![Span::text(label)]]), nest], true)
            }
            Layout::Wide(text) => {
                let paras = text.split('\n').map(|l| vec![Span::text(l)]).collect();
                row(vec![Cell::new(Role::Wide, GRID_COLUMNS, paras)], false)
            }
            Layout::Table { id, numbered, widths } => {
                self.used.insert(id.to_string());
                if let Some(f) = self.printed(id) {
                    let mut t = table(self, f, numbered, true);
                    if widths.len() == t.widths.len() {
                        t.widths = widths.to_vec();
                    }
                    self.flush();
                    self.blocks.push(Block::Table(t));
                }
                Vec::new()
            }
            Layout::Across { section, year, ids } => self.across(section, year, ids),
        }
    }

    fn field_row(&mut self, id: &str) -> Vec<Row> {
        self.used.insert(id.to_string());
        let Some(f) = self.printed(id) else { return Vec::new() };
        if f.kind == FieldType::Table {
            let t = table(self, f, true, true);
            self.flush();
            self.blocks.push(Block::Table(t));
            return Vec::new();
        }
        let cells =
            vec![Cell::new(Role::Label, 3, self.label_paras(f)), Cell::new(Role::Answer, 9, self.answer_paras(f))];
        vec![Row { cells, long: f.kind == FieldType::Textarea }]
    }

    /// The template's words with the answers in their blanks.
    fn line(&mut self, text: &str) -> (Vec<Para>, bool) {
        let mut paras = Vec::new();
        let mut long = false;
        for l in text.split('\n') {
            let mut para = Vec::new();
            let mut rest = l;
            while let Some(open) = rest.find('{') {
                if open > 0 {
                    para.push(Span::text(&rest[..open]));
                }
                let Some((id, after)) = rest[open + 1..].split_once('}') else { break };
                rest = after;
                self.used.insert(id.to_string());
                let Some(f) = self.printed(id) else {
                    para.push(Span::Blank);
                    continue;
                };
                match f.kind {
                    FieldType::Choice | FieldType::MultiChoice => para.extend(value::choice_list(f, self.value(f))),
                    FieldType::Textarea => {
                        long = true;
                        if !para.is_empty() {
                            paras.push(std::mem::take(&mut para));
                        }
                        let text = self.text(f).unwrap_or_default();
                        paras.extend(value::paragraphs(&text).into_iter().map(|p| vec![Span::Answer(p)]));
                    }
                    _ => para.push(self.text(f).map_or(Span::Blank, Span::Answer)),
                }
            }
            if !rest.is_empty() {
                para.push(Span::text(rest));
            }
            if !para.is_empty() {
                paras.push(para);
            }
        }
        (paras, long)
    }

    /// One year's figures across, with `其中` over the items that are part
    /// of the one before them, then the section's evidence note.
    fn across(&mut self, section: &str, year: &str, ids: &[&str]) -> Vec<Row> {
        self.used.extend(ids.iter().map(|id| id.to_string()));
        let fields: Vec<&Field> = ids.iter().filter_map(|id| self.printed(id)).collect();
        if fields.is_empty() {
            return Vec::new();
        }
        let head_text = |f: &Field| match value::unit(f, None) {
            Some(u) if f.kind == FieldType::Money => format!("{}（{u}）", f.label),
            _ => f.label.clone(),
        };
        let part = |f: &Field| f.label.starts_with("其中：");
        let parts = fields.iter().filter(|f| part(f)).count();
        let mut t = Table::default();
        if parts >= 2 {
            let mut top = vec![HeadCell { text: "年度".into(), cols: 1, rows: 2 }];
            let mut second = Vec::new();
            let mut in_parts = false;
            for f in &fields {
                if part(f) {
                    if !in_parts {
                        top.push(HeadCell { text: "其中：".into(), cols: parts as u8, rows: 1 });
                        in_parts = true;
                    }
                    second.push(HeadCell::new(head_text(f).trim_start_matches("其中：")));
                } else {
                    top.push(HeadCell { text: head_text(f), cols: 1, rows: 2 });
                }
            }
            t.head = vec![top, second];
        } else {
            let mut top = vec![HeadCell::new("年度")];
            top.extend(fields.iter().map(|f| HeadCell::new(head_text(f))));
            t.head = vec![top];
        }
        let n = fields.len() as u8;
        t.widths = std::iter::once(10).chain((0..n).map(|_| 90 / n)).collect();
        let mut row = vec![year.to_string()];
        row.extend(fields.iter().map(|f| self.text(f).unwrap_or_default()));
        t.rows = vec![row];
        self.flush();
        self.blocks.push(Block::Table(t));
        match find_section(&self.def.sections, section).and_then(|s| s.evidence.as_ref()) {
            Some(e) => {
                let cells = vec![Cell::new(Role::Wide, GRID_COLUMNS, vec![vec![Span::Text(format!("（{e}）"))]])];
                vec![Row { cells, long: false }]
            }
            None => Vec::new(),
        }
    }

    /// Fields the layout did not place (every field, without a layout), in
    /// their sections' order, each in its own row.
    fn leftovers(&mut self) {
        fn walk<'b>(s: &'b Section, depth: usize, out: &mut Vec<(&'b Section, usize)>) {
            out.push((s, depth));
            s.sections.iter().for_each(|x| walk(x, depth + 1, out));
        }
        let mut sections = Vec::new();
        self.def.sections.iter().for_each(|s| walk(s, 0, &mut sections));
        for (s, depth) in sections {
            let left: Vec<&Field> =
                s.fields.iter().filter(|f| !self.used.contains(&f.id) && self.printed(&f.id).is_some()).collect();
            if left.is_empty() {
                continue;
            }
            let role = if depth == 0 { Role::Section } else { Role::Wide };
            let title = vec![Cell::new(role, GRID_COLUMNS, vec![vec![Span::Text(s.title.clone())]])];
            self.grid.rows.push(Row { cells: title, long: false });
            for f in left {
                let made = self.field_row(&f.id);
                self.grid.rows.extend(made);
            }
        }
    }
}

/// A label with `{^n}` footnote marks.
fn marked(label: &str) -> Para {
    let mut out = Vec::new();
    let mut rest = label;
    while let Some(open) = rest.find("{^") {
        if open > 0 {
            out.push(Span::text(&rest[..open]));
        }
        let Some((n, after)) = rest[open + 2..].split_once('}') else { break };
        out.extend(n.parse().ok().map(Span::Mark));
        rest = after;
    }
    if !rest.is_empty() {
        out.push(Span::text(rest));
    }
    out
}

pub fn find_section<'a>(sections: &'a [Section], id: &str) -> Option<&'a Section> {
    sections.iter().find_map(|s| if s.id == id { Some(s) } else { find_section(&s.sections, id) })
}

/// How wide a column of this kind is, relative to the others.
fn weight(c: &Field) -> u32 {
    match c.kind {
        FieldType::Textarea => 34,
        FieldType::Text => 24,
        FieldType::Choice | FieldType::MultiChoice => 16,
        FieldType::Phone | FieldType::Mobile | FieldType::Landline | FieldType::Fax | FieldType::Email => 15,
        FieldType::Period | FieldType::YearMonthRange | FieldType::Date | FieldType::YearMonth => 17,
        _ => 11,
    }
}

/// A table field as a table: its columns' headers (with units, and the
/// template's notes when `notes`), its rows, and blank rows up to the
/// template's count; `numbered` adds the 序号 column, numbering every row.
pub fn table(form: &Form, f: &Field, numbered: bool, notes: bool) -> Table {
    let mut head = Vec::new();
    let mut widths = Vec::new();
    let number_width = if numbered { 7 } else { 0 };
    if numbered {
        head.push(HeadCell::new("序号"));
        widths.push(number_width);
    }
    let total: u32 = f.columns.iter().map(weight).sum::<u32>().max(1);
    for c in &f.columns {
        let mut text = c.label.clone();
        let help = c.help.as_deref().filter(|_| notes);
        if let Some(u) = value::unit(c, None).filter(|u| !help.is_some_and(|h| h.contains(u))) {
            text.push_str(&format!("（{u}）"));
        }
        if let Some(h) = help {
            text.push_str(&format!("（{h}）"));
        }
        head.push(HeadCell::new(text));
        widths.push(((100 - number_width) as u32 * weight(c) / total) as u8);
    }
    let answered: Vec<&serde_json::Map<String, Value>> = form
        .value(f)
        .and_then(Value::as_array)
        .map(|rows| rows.iter().filter_map(Value::as_object).collect())
        .unwrap_or_default();
    let template_rows = f.rows.or(f.min_rows).unwrap_or(1).max(f.min_rows.unwrap_or(1)).max(1) as usize;
    let count = answered.len().max(template_rows);
    let rows = (0..count)
        .map(|i| {
            let mut row = Vec::new();
            if numbered {
                row.push((i + 1).to_string());
            }
            for c in &f.columns {
                let v = answered.get(i).and_then(|r| r.get(&c.id));
                row.push(value::text(c, v).unwrap_or_default());
            }
            row
        })
        .collect();
    Table { head: vec![head], widths, rows }
}

/// 2.1: the title, the stamp line the template prints above the table, and
/// the table of recommended objects, numbered, with the template's rows.
pub fn summary(def: &FormDef, ev: &Evaluation) -> Vec<Block> {
    let form = Form::new(def, ev, &[]);
    let mut blocks = heading_blocks(def);
    blocks.extend(def.stamps.iter().map(|s| Block::Stamp(format!("{}：", s.label))));
    for (_, f) in def.fields() {
        if f.kind == FieldType::Table && form.printed(&f.id).is_some() {
            blocks.push(Block::Table(table(&form, f, true, false)));
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_marks_in_labels() {
        assert_eq!(
            marked("高技术产业企业{^2}营业收入占比"),
            vec![Span::text("高技术产业企业"), Span::Mark(2), Span::text("营业收入占比")]
        );
    }
}
