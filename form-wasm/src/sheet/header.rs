//! A table file's header row: which column of the table each of its
//! columns is. Applicants' own spreadsheets name columns their way
//! (`企业名称` for 服务中小企业名称, `满意度（分）` for 企业满意度), so a
//! header names a column when it is the label, with or without the unit or
//! a note in brackets, or, failing that, when one holds the other and no
//! other column fits.

use crate::model::Field;
use crate::normalise::fold_char;

/// What a column of the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    /// The table's column at this index.
    Column(usize),
    /// The row numbers (序号): the table numbers its rows itself.
    RowNumber,
    /// Nothing of the table.
    Unknown,
}

const ROW_NUMBER: [&str; 3] = ["序号", "编号", "行号"];

/// For comparing: full-width folded, blanks and required marks gone,
/// Latin letters in lower case (ASCII only: the engine carries no Unicode
/// case tables for this).
fn key(s: &str) -> String {
    s.chars().map(fold_char).filter(|c| !c.is_whitespace() && *c != '*').map(|c| c.to_ascii_lowercase()).collect()
}

/// `key` without the notes in brackets: `企业满意度（分）` → `企业满意度`.
fn bare(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in key(s).chars() {
        match c {
            '(' | '（' | '【' | '[' => depth += 1,
            ')' | '）' | '】' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether `cell` is column `c`'s name: its label, the label with its
/// unit, either without bracketed notes.
pub fn names(c: &Field, cell: &str) -> bool {
    let (k, b) = (key(cell), bare(cell));
    if b.is_empty() {
        return false;
    }
    let label = key(&c.label);
    let with_unit = c.unit.as_deref().map(|u| key(&format!("{}（{u}）", c.label)));
    k == label || Some(&k) == with_unit.as_ref() || b == bare(&c.label)
}

/// Whether one of the two holds the other (the held one two characters or more).
fn holds(c: &Field, cell: &str) -> bool {
    let (label, cell) = (bare(&c.label), bare(cell));
    let long_enough = |s: &str| s.chars().count() >= 2;
    (long_enough(&cell) && label.contains(&cell)) || (long_enough(&label) && cell.contains(&label))
}

/// The row as a header, when it is one: a cell names a column, or most of
/// its cells each hold one column's name (and at least two do). Each
/// column is taken once, by the first cell that names it.
pub fn headings(table: &Field, row: &[String]) -> Option<Vec<Heading>> {
    let mut out = vec![Heading::Unknown; row.len()];
    let mut taken = vec![false; table.columns.len()];
    let mut exact = 0;
    for (i, cell) in row.iter().enumerate() {
        if ROW_NUMBER.contains(&bare(cell).as_str()) {
            out[i] = Heading::RowNumber;
            continue;
        }
        if let Some(j) = (0..table.columns.len()).find(|&j| !taken[j] && names(&table.columns[j], cell)) {
            taken[j] = true;
            out[i] = Heading::Column(j);
            exact += 1;
        }
    }
    let mut held = 0;
    for (i, cell) in row.iter().enumerate() {
        if out[i] != Heading::Unknown {
            continue;
        }
        let fits: Vec<usize> =
            (0..table.columns.len()).filter(|&j| !taken[j] && holds(&table.columns[j], cell)).collect();
        if let [j] = fits.as_slice() {
            taken[*j] = true;
            out[i] = Heading::Column(*j);
            held += 1;
        }
    }
    let written = row.iter().filter(|c| !c.trim().is_empty()).count();
    (exact >= 1 || (held >= 2 && held * 2 >= written)).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn table() -> Field {
        serde_json::from_value(json!({"id": "t", "label": "服务评价表", "type": "table", "columns": [
            {"id": "name", "label": "服务中小企业名称", "type": "text"},
            {"id": "contact", "label": "联系人", "type": "text"},
            {"id": "phone", "label": "联系电话", "type": "phone"},
            {"id": "summary", "label": "服务内容简述", "type": "text"},
            {"id": "score", "label": "企业满意度", "type": "decimal", "unit": "分"}
        ]}))
        .expect("a table")
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    use Heading::{Column, RowNumber, Unknown};

    #[test]
    fn labels_are_matched_with_or_without_units_marks_and_notes() {
        let t = table();
        assert_eq!(
            headings(&t, &row(&["序号", " 服务中小企业名称 ", "联系人*", "企业满意度（分）", "备注"])),
            Some(vec![RowNumber, Column(0), Column(1), Column(4), Unknown])
        );
        assert_eq!(headings(&t, &row(&["企业满意度(满分100分)", "联系电话"])), Some(vec![Column(4), Column(2)]));
    }

    #[test]
    fn a_spreadsheets_own_shorter_names_are_matched_when_only_one_column_fits() {
        let t = table();
        assert_eq!(
            headings(&t, &row(&["企业名称", "联系人", "电话", "服务内容", "满意度"])),
            Some(vec![Column(0), Column(1), Column(2), Column(3), Column(4)])
        );
        assert_eq!(headings(&t, &row(&["企业名称", "电话", "地址"])), Some(vec![Column(0), Column(2), Unknown]));
        assert_eq!(headings(&t, &row(&["联系", "名称"])), None, "两栏都含“联系”: no one column fits");
    }

    #[test]
    fn a_row_of_data_is_no_header() {
        let t = table();
        assert_eq!(headings(&t, &row(&["广州某科技有限公司", "张三", "13800000000", "政策辅导", "95"])), None);
        assert_eq!(headings(&t, &row(&["", ""])), None);
    }

    #[test]
    fn each_column_is_taken_once() {
        let t = table();
        assert_eq!(headings(&t, &row(&["联系人", "联系人"])), Some(vec![Column(1), Unknown]));
    }
}
