//! The site's own pages an applicant may attach, each printed on its own
//! and titled for what it is, never as part of the official form:
//! 计算说明 (every computed figure, its formula in words, the figures it
//! used and how it is rounded) and 佐证材料目录 (the evidence to bind with
//! the form, from `evidence::index`).

use super::build::{footer, title};
use super::types::{Block, Cell, Document, Grid, HeadCell, Kind, Role, Row, Span, Table, GRID_COLUMNS};
use crate::evaluate::Evaluation;
use crate::evidence;
use crate::model::FormDef;

/// The form the page belongs to and who filled it, under the page's title.
fn about(def: &FormDef, ev: &Evaluation, what: &str) -> Vec<Block> {
    let mut blocks = vec![Block::Title(vec![what.to_string()]), Block::Line(vec![Span::Text(title(def))])];
    let applicant = def
        .name_field
        .as_ref()
        .and_then(|f| def.field(f))
        .filter(|f| !f.aid)
        .and_then(|f| ev.data.get(&f.id).and_then(|v| v.as_str()).map(|v| format!("{}：{v}", f.label)));
    blocks.extend(applicant.map(|a| Block::Line(vec![Span::Answer(a)])));
    blocks
}

fn row(label: &str, paras: Vec<String>) -> Row {
    Row {
        cells: vec![
            Cell::new(Role::Label, 3, vec![vec![Span::text(label)]]),
            Cell::new(Role::Answer, GRID_COLUMNS - 3, paras.into_iter().map(|p| vec![Span::Text(p)]).collect()),
        ],
        long: false,
    }
}

/// 计算说明: for each computed figure of the form, its result (or why it
/// cannot be computed), its formula in words, the figures it used and the
/// rounding rule. Figures the template does not have are said to be the site's.
pub fn workings(def: &FormDef, ev: &Evaluation) -> Document {
    let mut blocks = about(def, ev, "计算说明");
    blocks.push(Block::Paragraph(vec![Span::text(
        "本页由填报网站根据所填数据生成，说明表中各项计算结果的计算方法、所用数据和取舍规则，供核对；不属于通知所附表格。",
    )]));
    if ev.metrics.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::text("本表没有计算项。")]));
    }
    for (i, m) in ev.metrics.iter().enumerate() {
        let f = def.field(&m.id);
        blocks.push(Block::Heading { level: 3, text: format!("{}．{}", i + 1, m.label) });
        let result = match (&m.value, &m.error) {
            (Some(v), _) => format!("{v}{}", m.unit.as_deref().unwrap_or("")),
            (None, Some(e)) => e.clone(),
            (None, None) => "无法计算".into(),
        };
        let mut rows = vec![
            row("计算结果", vec![result]),
            row("计算方法", vec![m.formula.clone()]),
            row("所用数据", m.inputs.iter().map(|i| format!("{}：{}", i.label, i.value)).collect()),
        ];
        if let Some(r) = f.and_then(|f| f.rounding_text()) {
            rows.push(row("取舍规则", vec![r]));
        }
        if f.is_some_and(|f| f.aid) {
            rows.push(row("说明", vec!["本站辅助计算，通知所附表格无此项，不印在正式表格上。".into()]));
        }
        blocks.push(Block::Grid(Grid { rows }));
    }
    Document {
        kind: Kind::Workings,
        form: def.id.clone(),
        title: format!("{} 计算说明", title(def)),
        footer: footer(def, ev, "计算说明"),
        blocks,
    }
}

/// 佐证材料目录: the evidence these answers call for, numbered in form
/// order, with the form item each supports and the seed's own words of
/// what to provide; a 备注 column to note page numbers by hand.
pub fn evidence(def: &FormDef, ev: &Evaluation) -> Document {
    let mut blocks = about(def, ev, "佐证材料目录");
    blocks.push(Block::Line(vec![Span::text(evidence::STAMP_NOTE)]));
    let items = evidence::index(def, ev);
    if items.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::text("按所填内容，本表没有需要提供的佐证材料。")]));
    } else {
        let head = ["序号", "对应填报项目", "应提供的材料", "备注"].map(HeadCell::new).to_vec();
        let rows = items.into_iter().map(|i| vec![i.number.to_string(), i.item, i.provide, String::new()]).collect();
        blocks.push(Block::Table(Table { head: vec![head], widths: vec![8, 34, 44, 14], rows }));
    }
    Document {
        kind: Kind::Evidence,
        form: def.id.clone(),
        title: format!("{} 佐证材料目录", title(def)),
        footer: footer(def, ev, "佐证材料目录"),
        blocks,
    }
}
