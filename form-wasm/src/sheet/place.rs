//! Putting a grid of cells into a table: each cell read as if typed into
//! its column and left (`import::cell`, the reading an import makes), the
//! table's rows as they will be (rows added as needed), the cells to judge
//! as left, and the report: what went where, what was rewritten in the
//! standard form, what needs fixing, and everything that could not be put
//! in, by row and column label (never an id), with its value.

use std::collections::BTreeMap;

use serde_json::Value;

use super::header::{self, Heading};
use crate::answers::{self, Read};
use crate::import;
use crate::model::{Field, FieldType, IndustryList};
use crate::view::cell_key;

/// Rows of cells, as read: every row as long as it was written.
pub type Grid = Vec<Vec<String>>;

/// The texts of one row's controls: per column, per control (a range has two).
pub type RowTexts = Vec<Vec<String>>;

/// A row with every control empty.
pub fn blank_row(table: &Field) -> RowTexts {
    table.columns.iter().map(|c| vec![String::new(); controls(c)]).collect()
}

/// How many controls a cell of column `c` has.
fn controls(c: &Field) -> usize {
    if c.kind == FieldType::YearMonthRange {
        2
    } else {
        1
    }
}

/// The texts of a cell's controls for its answer (a range has two).
pub fn cell_texts(c: &Field, cell: &Value) -> Vec<String> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let part = |key: &str| cell.get(key).map(text).unwrap_or_default();
    match c.kind {
        FieldType::YearMonthRange => vec![part("from"), part("to")],
        FieldType::Choice => vec![cell.get("value").map_or_else(|| text(cell), text)],
        _ => vec![text(cell)],
    }
}

/// A table as the page should now show it (the page's tools hand it to the
/// page as JSON).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Placed {
    /// Every row of the table, those not written to as they were.
    pub rows: Vec<RowTexts>,
    /// The cells written (their keys), to be judged as typed and left.
    pub touched: Vec<String>,
    /// For the applicant.
    pub report: String,
}

/// How many cells a report names one by one before it says 等.
const NAMED: usize = 10;

/// Writes cells into a copy of the table's rows and keeps count.
struct Writer<'a> {
    table: &'a Field,
    lists: &'a BTreeMap<String, IndustryList>,
    /// How the report quotes a value: 粘贴内容为, 文件中为.
    quoted: &'static str,
    rows: Vec<RowTexts>,
    touched: Vec<String>,
    /// Rows (0-based) written to, first and last.
    span: Option<(usize, usize)>,
    normalised: usize,
    to_fix: Vec<String>,
    skipped: Vec<String>,
}

impl<'a> Writer<'a> {
    fn new(
        table: &'a Field,
        lists: &'a BTreeMap<String, IndustryList>,
        quoted: &'static str,
        rows: Vec<RowTexts>,
    ) -> Self {
        Writer {
            table,
            lists,
            quoted,
            rows,
            touched: Vec::new(),
            span: None,
            normalised: 0,
            to_fix: Vec::new(),
            skipped: Vec::new(),
        }
    }

    /// Cell `text` into row `row` (0-based; rows are added up to it), column `col`.
    fn write(&mut self, row: usize, col: usize, text: &str) {
        let Some(c) = self.table.columns.get(col) else { return };
        while self.rows.len() <= row {
            self.rows.push(blank_row(self.table));
        }
        self.span = Some(self.span.map_or((row, row), |(a, b)| (a.min(row), b.max(row))));
        self.touched.push(cell_key(&self.table.id, row + 1, &c.id));
        let mut texts = vec![String::new(); controls(c)];
        if !text.trim().is_empty() {
            let name = format!("第{}行「{}」", row + 1, c.label);
            let (shown, skipped) = import::cell(c, text, name.clone(), self.quoted, self.lists);
            self.skipped.extend(skipped.into_iter().map(|s| s.reason));
            if let Some(v) = shown {
                texts = cell_texts(c, &v);
                if let Read::Invalid { .. } = answers::read(c, &v, self.lists).0 {
                    self.to_fix.push(name);
                } else if c.kind != FieldType::Choice && texts.join("—") != text.trim() {
                    self.normalised += 1;
                }
            }
        }
        if let Some(cell) = self.rows.get_mut(row).and_then(|r| r.get_mut(col)) {
            *cell = texts;
        }
    }

    /// The report's notes on the cells: rewritten, to fix, not put in.
    fn notes(&self) -> String {
        let mut text = String::new();
        if self.normalised > 0 {
            text.push_str(&format!("其中{}格已改写为规范格式（如全角数字、千位分隔符、日期写法）。", self.normalised));
        }
        if !self.to_fix.is_empty() {
            text.push_str(&format!(
                "{}格的内容不符合填写要求，已按原样填入并在表中标出，请修改：{}。",
                self.to_fix.len(),
                named(&self.to_fix)
            ));
        }
        if !self.skipped.is_empty() {
            text.push_str(&format!(
                "以下{}格未能填入，请核对后补填：{}。",
                self.skipped.len(),
                self.skipped.join("；")
            ));
        }
        text
    }

    /// 第3—42行, 第3行.
    fn rows_text(&self) -> String {
        match self.span {
            Some((a, b)) if a == b => format!("第{}行", a + 1),
            Some((a, b)) => format!("第{}—{}行", a + 1, b + 1),
            None => String::new(),
        }
    }

    fn done(self, report: String) -> Placed {
        Placed { rows: self.rows, touched: self.touched, report }
    }
}

/// The first `NAMED` of `items`, with 等 when there are more.
fn named(items: &[String]) -> String {
    let shown = items.iter().take(NAMED).cloned().collect::<Vec<_>>().join("、");
    if items.len() > NAMED {
        format!("{shown}等")
    } else {
        shown
    }
}

/// A few of the values left out, quoted: “甲”“乙”等.
fn quoted_values<'v>(values: impl Iterator<Item = &'v String>) -> String {
    let values: Vec<String> = values.filter(|v| !v.trim().is_empty()).map(|v| format!("“{}”", short(v))).collect();
    let shown = values.iter().take(3).cloned().collect::<Vec<_>>().join("");
    if values.len() > 3 {
        format!("{shown}等")
    } else {
        shown
    }
}

/// A value cut short for a report.
fn short(v: &str) -> String {
    const LONGEST: usize = 20;
    let v = v.trim();
    match v.char_indices().nth(LONGEST) {
        Some((at, _)) => format!("{}…", &v[..at]),
        None => v.to_string(),
    }
}

fn is_blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

fn row_is_blank(row: &RowTexts) -> bool {
    row.iter().flatten().all(|t| t.trim().is_empty())
}

/// How many of `rows` have something in them.
pub fn filled_rows(rows: &[RowTexts]) -> usize {
    rows.iter().filter(|r| !row_is_blank(r)).count()
}

/// 「甲」至「丁」栏, or 「甲」栏.
fn columns_text(table: &Field, first: usize, last: usize) -> String {
    let label = |i: usize| table.columns.get(i).map_or("", |c| c.label.as_str());
    if first == last {
        format!("「{}」栏", label(first))
    } else {
        format!("「{}」至「{}」栏", label(first), label(last))
    }
}

/// A block of cells pasted into the cell at row `row` (from 1), column
/// `column` (index) of `table`, whose rows are now `current`: the block
/// fills rows and columns from there, as in a spreadsheet (a blank cell of
/// the block empties its cell), adding the rows it needs. Columns beyond
/// the table's last are not pasted, and the report says so with their
/// values. A first row that names the columns it would fill (the header
/// copied with the data) is not pasted either.
pub fn paste_block(
    table: &Field,
    lists: &BTreeMap<String, IndustryList>,
    current: &[RowTexts],
    row: usize,
    column: usize,
    block: &Grid,
) -> Placed {
    let mut w = Writer::new(table, lists, "粘贴内容为", current.to_vec());
    let room = table.columns.len().saturating_sub(column);
    let width = block.iter().map(Vec::len).max().unwrap_or(0);
    let header = block.first().filter(|first| {
        !is_blank(first)
            && first
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.trim().is_empty())
                .all(|(j, t)| j < room && header::names(&table.columns[column + j], t))
    });
    let data = &block[usize::from(header.is_some()).min(block.len())..];
    let start = row.max(1) - 1;
    for (i, cells) in data.iter().enumerate() {
        for j in 0..width.min(room) {
            w.write(start + i, column + j, cells.get(j).map_or("", String::as_str));
        }
    }
    let added = w.rows.len().saturating_sub(current.len());
    let mut report = match w.span {
        Some(_) => format!(
            "已把粘贴的{}行{}列填入「{}」{}的{}",
            data.len(),
            width.min(room),
            table.label,
            w.rows_text(),
            columns_text(table, column, column + width.min(room).saturating_sub(1)),
        ),
        None => format!("「{}」未改动", table.label),
    };
    report.push_str(&if added > 0 { format!("，新增{added}行。") } else { "。".to_string() });
    if header.is_some() {
        report.push_str("粘贴内容的第1行是表头，未填入。");
    }
    report.push_str(&w.notes());
    if width > room {
        let extra = width - room;
        let left: Vec<&String> =
            data.iter().flat_map(|r| r.iter().skip(room)).filter(|v| !v.trim().is_empty()).collect();
        if !left.is_empty() {
            report.push_str(&format!(
                "粘贴内容比本表多{extra}列（「{}」右侧没有栏目），这{extra}列的{}格未粘贴：{}。如需保留，请并入已有栏目后再粘贴。",
                table.columns.last().map_or("", |c| c.label.as_str()),
                left.len(),
                quoted_values(left.into_iter()),
            ));
        }
    }
    w.done(report)
}

/// Whether a table file replaces the table's rows or is added after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileMode {
    Replace,
    Append,
}

impl FileMode {
    /// The mode a `data-table-file-mode` button names (`replace`,
    /// `append`); `None` for `cancel`.
    pub fn parse(name: &str) -> Option<FileMode> {
        match name {
            "replace" => Some(FileMode::Replace),
            "append" => Some(FileMode::Append),
            _ => None,
        }
    }
}

/// A table file's cells (`file_grid`) into `table`, whose rows are now
/// `current`: a header row, when the first row is one, says which column
/// each of the file's columns is; without one they fill the table's
/// columns in order. Blank rows of the file are left out. `Replace` starts
/// at row 1 (the template's blank rows kept below); `Append` after the last
/// row with something in it. `Err` when the file has nothing to import.
pub fn from_file(
    table: &Field,
    lists: &BTreeMap<String, IndustryList>,
    current: &[RowTexts],
    grid: &Grid,
    mode: FileMode,
    file_name: &str,
) -> Result<Placed, String> {
    let mut rows = grid.iter().filter(|r| !is_blank(r));
    let first = rows.next();
    let headings = first.and_then(|f| header::headings(table, f));
    let data: Vec<&Vec<String>> = match headings {
        Some(_) => rows.collect(),
        None => first.into_iter().chain(rows).collect(),
    };
    if data.is_empty() {
        return Err(format!("文件“{file_name}”中没有可导入的内容，「{}」未改动。", table.label));
    }
    let width = data.iter().map(|r| r.len()).max().unwrap_or(0);
    let targets: Vec<Heading> = match &headings {
        Some(h) => (0..width).map(|j| h.get(j).copied().unwrap_or(Heading::Unknown)).collect(),
        None => {
            (0..width).map(|j| if j < table.columns.len() { Heading::Column(j) } else { Heading::Unknown }).collect()
        }
    };
    let (start, kept) = match mode {
        FileMode::Replace => (0, Vec::new()),
        FileMode::Append => {
            let filled = current.iter().rposition(|r| !row_is_blank(r)).map_or(0, |i| i + 1);
            (filled, current.to_vec())
        }
    };
    let mut w = Writer::new(table, lists, "文件中为", kept);
    for (i, cells) in data.iter().enumerate() {
        for (j, target) in targets.iter().enumerate() {
            if let Heading::Column(c) = target {
                w.write(start + i, *c, cells.get(j).map_or("", String::as_str));
            }
        }
    }
    // The template's blank rows stay below what was imported.
    let template = table.rows.or(table.min_rows).unwrap_or(1).max(1) as usize;
    let least = match mode {
        FileMode::Replace => template,
        FileMode::Append => current.len().max(template),
    };
    while w.rows.len() < least {
        w.rows.push(blank_row(table));
    }

    let how = match (mode, start) {
        (FileMode::Replace, _) if current.iter().any(|r| !row_is_blank(r)) => "，替换了原有内容",
        (FileMode::Append, s) if s > 0 => "，添加在原有内容之后",
        _ => "",
    };
    let mut report = format!("已从文件“{file_name}”导入{}行到「{}」{}{how}。", data.len(), table.label, w.rows_text());
    let used = |j: usize| targets.contains(&Heading::Column(j));
    match &headings {
        Some(_) => {
            let matched = (0..table.columns.len()).filter(|&j| used(j)).count();
            report.push_str(&format!("文件第1行是表头，已按表头对应到本表的{matched}栏。"));
            let missing: Vec<String> = table
                .columns
                .iter()
                .enumerate()
                .filter(|(j, _)| !used(*j))
                .map(|(_, c)| format!("「{}」", c.label))
                .collect();
            if !missing.is_empty() {
                report.push_str(&format!("本表的{}栏在文件中没有对应的列，未填写。", missing.join("")));
            }
        }
        None => report.push_str(&format!(
            "文件第1行不是表头，已按列的顺序从「{}」栏起依次填入。",
            table.columns.first().map_or("", |c| c.label.as_str())
        )),
    }
    report.push_str(&w.notes());
    for (j, target) in targets.iter().enumerate() {
        let values: Vec<&String> = data.iter().filter_map(|r| r.get(j)).filter(|v| !v.trim().is_empty()).collect();
        let heading = first.filter(|_| headings.is_some()).and_then(|f| f.get(j)).map_or("", |h| h.trim());
        let name = if heading.is_empty() { format!("第{}列", j + 1) } else { format!("「{}」列", short(heading)) };
        match target {
            Heading::RowNumber => report.push_str(&format!("文件中的{name}未导入：本表的序号自动编排。")),
            Heading::Unknown if !values.is_empty() => report.push_str(&format!(
                "文件中的{name}本表没有对应的栏目，未导入（{}格：{}）。",
                values.len(),
                quoted_values(values.into_iter())
            )),
            _ => {}
        }
    }
    Ok(w.done(report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn table() -> Field {
        serde_json::from_value(json!({"id": "served", "label": "服务评价表", "type": "table", "rows": 2, "columns": [
            {"id": "name", "label": "企业名称", "type": "text"},
            {"id": "kind", "label": "服务类别", "type": "choice", "options": [
                {"value": "policy", "label": "政策辅导"}, {"value": "finance", "label": "投融资"}]},
            {"id": "count", "label": "服务次数", "type": "integer", "unit": "次"},
            {"id": "period", "label": "合作起止时间", "type": "year_month_range"}
        ]}))
        .expect("a table")
    }

    fn lists() -> BTreeMap<String, IndustryList> {
        BTreeMap::new()
    }

    fn g(rows: &[&[&str]]) -> Grid {
        rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    fn texts(rows: &[RowTexts]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| c.join("|")).collect()).collect()
    }

    fn t(rows: &[&[&str]]) -> Vec<Vec<String>> {
        g(rows)
    }

    #[test]
    fn a_block_fills_rows_and_columns_from_the_cell_adding_rows_each_cell_read_as_typed() {
        let t0 = table();
        let current = vec![blank_row(&t0), blank_row(&t0)];
        let block = g(&[
            &["甲公司", "政策辅导", "１，２３４", "2023.1-至今"],
            &["乙公司", "finance", "3次", "2024年2月—2025年12月"],
            &["丙公司", "投融资", "4", ""],
        ]);
        let placed = paste_block(&t0, &lists(), &current, 1, 0, &block);
        assert_eq!(
            texts(&placed.rows),
            t(&[
                &["甲公司", "policy", "1234", "2023-01|至今"],
                &["乙公司", "finance", "3", "2024-02|2025-12"],
                &["丙公司", "finance", "4", "|"],
            ])
        );
        assert_eq!(placed.touched.len(), 12);
        assert!(placed.touched.contains(&"served#3#period".to_string()));
        assert_eq!(
            placed.report,
            "已把粘贴的3行4列填入「服务评价表」第1—3行的「企业名称」至「合作起止时间」栏，新增1行。\
             其中4格已改写为规范格式（如全角数字、千位分隔符、日期写法）。"
        );
    }

    #[test]
    fn what_a_column_cannot_take_and_columns_beyond_the_table_are_reported_never_dropped() {
        let t0 = table();
        let mut current = vec![blank_row(&t0), blank_row(&t0)];
        current[0][0] = vec!["原有".into()];
        let block = g(&[&["人才培训", "两次", "2023-01—至今", "多余1", "多余2"], &["投融资", "5", "", "多余3", ""]]);
        let placed = paste_block(&t0, &lists(), &current, 2, 1, &block);
        assert_eq!(
            texts(&placed.rows),
            t(&[&["原有", "", "", "|"], &["", "", "两次", "2023-01|至今"], &["", "finance", "5", "|"]]),
            "the row above untouched; a choice it cannot take left empty; text a number column cannot read kept as typed"
        );
        assert_eq!(
            placed.report,
            "已把粘贴的2行3列填入「服务评价表」第2—3行的「服务类别」至「合作起止时间」栏，新增1行。\
             1格的内容不符合填写要求，已按原样填入并在表中标出，请修改：第2行「服务次数」。\
             以下1格未能填入，请核对后补填：第2行「服务类别」（粘贴内容为“人才培训”，不是可选的一项）。\
             粘贴内容比本表多2列（「合作起止时间」右侧没有栏目），这2列的3格未粘贴：“多余1”“多余2”“多余3”。如需保留，请并入已有栏目后再粘贴。"
        );
        for key in ["served", "kind", "count", "period", "name"] {
            assert!(!placed.report.contains(key), "no id in the report: {key}");
        }
    }

    #[test]
    fn a_copied_header_row_is_not_pasted() {
        let t0 = table();
        let block = g(&[&["服务次数（次）", "合作起止时间"], &["2", "2023-01—至今"]]);
        let placed = paste_block(&t0, &lists(), &[blank_row(&t0)], 1, 2, &block);
        assert_eq!(texts(&placed.rows), t(&[&["", "", "2", "2023-01|至今"]]));
        assert!(placed.report.contains("粘贴内容的第1行是表头，未填入。"), "{}", placed.report);
        // 服务次数 is not the column it would land in: data, like any other.
        let block = g(&[&["企业名称", "服务次数"], &["甲", ""]]);
        let placed = paste_block(&t0, &lists(), &[blank_row(&t0)], 1, 0, &block);
        assert_eq!(texts(&placed.rows), t(&[&["企业名称", "", "", "|"], &["甲", "", "", "|"]]));
        assert!(!placed.report.contains("表头"), "{}", placed.report);
    }

    #[test]
    fn a_file_with_a_header_fills_columns_by_name_and_says_what_it_lacks_and_what_the_table_lacks() {
        let t0 = table();
        let grid = g(&[
            &["序号", "服务次数", "企业名称", "备注"],
            &["1", "2", "甲", "老客户"],
            &["", "", "", ""],
            &["2", "3", "乙", ""],
        ]);
        let placed = from_file(&t0, &lists(), &[blank_row(&t0)], &grid, FileMode::Replace, "名单.csv").expect("rows");
        assert_eq!(texts(&placed.rows), t(&[&["甲", "", "2", "|"], &["乙", "", "3", "|"]]));
        assert_eq!(
            placed.report,
            "已从文件“名单.csv”导入2行到「服务评价表」第1—2行。文件第1行是表头，已按表头对应到本表的2栏。\
             本表的「服务类别」「合作起止时间」栏在文件中没有对应的列，未填写。\
             文件中的「序号」列未导入：本表的序号自动编排。\
             文件中的「备注」列本表没有对应的栏目，未导入（1格：“老客户”）。"
        );
    }

    #[test]
    fn a_file_without_a_header_fills_columns_in_order_and_appends_after_the_last_filled_row() {
        let t0 = table();
        let mut current = vec![blank_row(&t0), blank_row(&t0), blank_row(&t0)];
        current[0][0] = vec!["原有".into()];
        let grid = g(&[&["甲", "投融资", "1"], &["乙", "", "2", "", "x"]]);
        let placed = from_file(&t0, &lists(), &current, &grid, FileMode::Append, "a.csv").expect("rows");
        assert_eq!(
            texts(&placed.rows),
            t(&[&["原有", "", "", "|"], &["甲", "finance", "1", "|"], &["乙", "", "2", "|"]]),
            "rows 2 and 3 were blank: filled, none added"
        );
        assert_eq!(
            placed.report,
            "已从文件“a.csv”导入2行到「服务评价表」第2—3行，添加在原有内容之后。\
             文件第1行不是表头，已按列的顺序从「企业名称」栏起依次填入。\
             文件中的第5列本表没有对应的栏目，未导入（1格：“x”）。"
        );
    }

    #[test]
    fn replacing_keeps_the_templates_blank_rows_and_an_empty_file_changes_nothing() {
        let t0 = table();
        let mut current = vec![blank_row(&t0); 5];
        current[4][0] = vec!["旧".into()];
        let placed = from_file(&t0, &lists(), &current, &g(&[&["新"]]), FileMode::Replace, "a.csv").expect("rows");
        assert_eq!(texts(&placed.rows), t(&[&["新", "", "", "|"], &["", "", "", "|"]]));
        assert!(
            placed.report.starts_with("已从文件“a.csv”导入1行到「服务评价表」第1行，替换了原有内容。"),
            "{}",
            placed.report
        );
        let empty = from_file(&t0, &lists(), &current, &g(&[&["企业名称"], &["", ""]]), FileMode::Replace, "a.csv");
        assert_eq!(empty, Err("文件“a.csv”中没有可导入的内容，「服务评价表」未改动。".to_string()));
    }
}
