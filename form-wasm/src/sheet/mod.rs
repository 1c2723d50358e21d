//! Tables from a spreadsheet: a block of cells pasted into a table of the
//! form, or a table file (.csv) imported into one. Applicants keep the
//! served enterprises, the activities and the agreements in WPS or Excel;
//! this reads what those programs write, puts each cell into its column as
//! if typed there, and says what was put where and what was not.
//!
//! This module reads the text (`grid`, `decode`, `paste`); `place` maps a
//! grid onto a table's columns and writes the report; `header` matches a
//! file's header row to column labels. No DOM: the page (`page/sheet.rs`)
//! only hands over the clipboard or the file and shows what comes back.
//!
//! One reader for both: cells separated by a tab (what spreadsheets put on
//! the clipboard) or a comma (CSV), records by `\r\n`, `\n` or `\r`, a cell
//! in double quotes when it holds a separator, a line break or a quote
//! (`""` inside for a quote), as Excel and WPS write them. A cell that only
//! starts with a quote (`"高新" 企业`, which Excel copies without quoting)
//! is read exactly as written: a CSV reader in its lenient mode (the `csv`
//! crate) reads it as `高新 企业`, silently changing what was typed.

mod header;
mod place;

pub use place::{blank_row, cell_texts, filled_rows, from_file, paste_block, FileMode, Grid, Placed, RowTexts};

/// Reads cells separated by `separator` (`'\t'` or `','`). A final line
/// break ends the last row, it does not start an empty one.
pub fn grid(text: &str, separator: char) -> Grid {
    let mut rows = Vec::new();
    if text.is_empty() {
        return rows;
    }
    let mut row = Vec::new();
    let mut rest = text;
    loop {
        let (cell, after) = cell(rest, separator);
        row.push(cell);
        let mut chars = after.chars();
        match chars.next() {
            Some(c) if c == separator => rest = chars.as_str(),
            Some('\r') => {
                rows.push(std::mem::take(&mut row));
                rest = chars.as_str().strip_prefix('\n').unwrap_or(chars.as_str());
                if rest.is_empty() {
                    break;
                }
            }
            Some('\n') => {
                rows.push(std::mem::take(&mut row));
                rest = chars.as_str();
                if rest.is_empty() {
                    break;
                }
            }
            // The end, or nothing else can follow a cell.
            _ => {
                rows.push(row);
                break;
            }
        }
    }
    rows
}

/// One cell from the start of `s`, and what follows it (a separator, a
/// line break, or nothing).
fn cell(s: &str, separator: char) -> (String, &str) {
    let ends = |c: char| c == separator || c == '\r' || c == '\n';
    if let Some(quoted) = s.strip_prefix('"') {
        // Quoted: up to the quote that a separator, a line break or the end follows.
        let mut out = String::new();
        let mut rest = quoted;
        while let Some(at) = rest.find('"') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            if let Some(more) = after.strip_prefix('"') {
                out.push('"');
                rest = more;
            } else if after.chars().next().is_none_or(ends) {
                return (out, after);
            } else {
                break;
            }
        }
    }
    // Plain, or a quote that does not close as a quoted cell: as written.
    let end = s.find(ends).unwrap_or(s.len());
    (s[..end].to_string(), &s[end..])
}

/// What a paste into a table cell is.
#[derive(Debug, Clone, PartialEq)]
pub enum Paste {
    /// Text for the box itself: the browser pastes it as usual.
    Native,
    /// A block of cells, to fill the table from the box on.
    Block(Grid),
}

/// What the clipboard's text is when pasted into a table cell. Text without
/// a tab or a line break (one final line break aside, which a spreadsheet
/// adds after a single cell) is for the box, as any paste; so are lines of
/// text pasted into a multi-line box (`multi_line`) from anything but a
/// spreadsheet (`from_sheet`: the clipboard also holds an HTML table). Else
/// it is a block of cells, one cell too when the spreadsheet quoted it.
pub fn paste(text: &str, multi_line: bool, from_sheet: bool) -> Paste {
    let body = text.strip_suffix("\r\n").or_else(|| text.strip_suffix(['\n', '\r'])).unwrap_or(text);
    let breaks = body.contains(['\n', '\r']);
    if !body.contains('\t') && (!breaks || (multi_line && !from_sheet)) {
        return Paste::Native;
    }
    let grid = grid(text, '\t');
    match grid.as_slice() {
        [row] if row.len() == 1 && row[0] == body => Paste::Native,
        _ => Paste::Block(grid),
    }
}

/// The text of a table file: UTF-8 (with or without its byte-order mark,
/// as Excel's “CSV UTF-8” writes it), UTF-16 with its mark (Excel's
/// “Unicode text”), else GB18030, which Chinese Excel and WPS write as
/// plain “CSV”: `gb18030` decodes that (the page uses the browser's own
/// decoder, so the engine carries no code tables), `None` when the bytes
/// are not GB18030 either. Nothing is decoded with a guess that replaces
/// characters: `Err` says what to do instead.
pub fn decode(bytes: &[u8], gb18030: impl FnOnce(&[u8]) -> Option<String>) -> Result<String, String> {
    const UNKNOWN: &str = "文件的文字编码无法识别。请在 WPS 或 Excel 中把表格另存为“CSV UTF-8（逗号分隔）”后再导入。";
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).map_err(|_| UNKNOWN.to_string());
    }
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = rest.chunks(2).map(|c| unit([c[0], c.get(1).copied().unwrap_or(0)])).collect();
        String::from_utf16(&units).map_err(|_| UNKNOWN.to_string())
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => gb18030(bytes).ok_or_else(|| UNKNOWN.to_string()),
    }
}

/// The cells of a table file: comma-separated, or tab-separated when its
/// first line has tabs and no commas (Excel's “Unicode text”, a `.txt`).
pub fn file_grid(text: &str) -> Grid {
    let first = text.lines().next().unwrap_or_default();
    let separator = if first.contains('\t') && !first.contains(',') { '\t' } else { ',' };
    grid(text, separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(rows: &[&[&str]]) -> Grid {
        rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn cells_and_rows_as_spreadsheets_copy_them_with_any_line_break() {
        let want = g(&[&["甲", "1"], &["乙", ""]]);
        assert_eq!(grid("甲\t1\r\n乙\t\r\n", '\t'), want, "Excel: \\r\\n after every row");
        assert_eq!(grid("甲\t1\n乙\t", '\t'), want, "no final line break");
        assert_eq!(grid("甲\t1\r乙\t\r", '\t'), want, "old Mac line breaks");
        assert_eq!(grid("", '\t'), Grid::new());
        assert_eq!(grid("\r\n", '\t'), g(&[&[""]]), "one empty cell copied");
        assert_eq!(grid("a\r\n\r\nb", '\t'), g(&[&["a"], &[""], &["b"]]), "an empty row inside stays");
    }

    #[test]
    fn quoted_cells_hold_separators_line_breaks_and_quotes() {
        assert_eq!(
            grid("\"第一行\r\n第二行\"\t\"a\tb\"\t\"说\"\"好\"\"\"\r\nx\t\"\"\t\"\"\"\"\r\n", '\t'),
            g(&[&["第一行\r\n第二行", "a\tb", "说\"好\""], &["x", "", "\""]])
        );
        assert_eq!(grid("\"a,b\",c\r\n", ','), g(&[&["a,b", "c"]]));
    }

    #[test]
    fn a_quote_that_does_not_make_a_quoted_cell_is_kept_as_written() {
        assert_eq!(grid("\"高新\" 企业\t5\"\r\n", '\t'), g(&[&["\"高新\" 企业", "5\""]]));
        assert_eq!(grid("\"没有结束\tb\r\nc", '\t'), g(&[&["\"没有结束", "b"], &["c"]]));
        assert_eq!(grid("a\"b\t\"", '\t'), g(&[&["a\"b", "\""]]));
    }

    #[test]
    fn one_cell_is_a_normal_paste_and_a_block_is_cells() {
        assert_eq!(paste("广州某公司", false, false), Paste::Native);
        assert_eq!(paste("广州某公司\r\n", false, true), Paste::Native, "one cell copied from Excel");
        assert_eq!(paste("第一段\n第二段", true, false), Paste::Native, "lines of text into a text box");
        assert_eq!(
            paste("甲\n乙\n", false, false),
            Paste::Block(g(&[&["甲"], &["乙"]])),
            "a column into a one-line box"
        );
        assert_eq!(paste("甲\n乙\n", true, true), Paste::Block(g(&[&["甲"], &["乙"]])), "a column from a spreadsheet");
        assert_eq!(paste("甲\t乙", true, false), Paste::Block(g(&[&["甲", "乙"]])));
        assert_eq!(
            paste("\"第一行\n第二行\"\r\n", true, true),
            Paste::Block(g(&[&["第一行\n第二行"]])),
            "one quoted cell: its text, not its quotes"
        );
    }

    #[test]
    fn a_file_is_utf8_with_or_without_its_mark_utf16_with_its_mark_else_gb18030() {
        let never = |_: &[u8]| -> Option<String> { panic!("not GB18030") };
        assert_eq!(decode("名称,人数".as_bytes(), never).as_deref(), Ok("名称,人数"));
        assert_eq!(decode(b"\xEF\xBB\xBF\xE5\x90\x8D", never).as_deref(), Ok("名"));
        assert_eq!(decode(b"\xFF\xFE\x0D\x54\x2C\x00", never).as_deref(), Ok("名,"));
        assert_eq!(decode(b"\xFE\xFF\x54\x0D", never).as_deref(), Ok("名"));
        // 服务 in GB18030: not UTF-8, so handed to the decoder.
        let gb = b"\xB7\xFE\xCE\xF1";
        assert_eq!(decode(gb, |b| (b == gb).then(|| "服务".to_string())).as_deref(), Ok("服务"));
        let refused = decode(gb, |_| None).expect_err("undecodable");
        assert!(refused.contains("CSV UTF-8"), "{refused}");
    }

    #[test]
    fn a_file_is_comma_separated_unless_its_first_line_has_only_tabs() {
        assert_eq!(file_grid("a,b\r\nc,d\r\n"), g(&[&["a", "b"], &["c", "d"]]));
        assert_eq!(file_grid("a\tb\r\nc,d\te\r\n"), g(&[&["a", "b"], &["c,d", "e"]]));
        assert_eq!(file_grid("a\tb,c\n"), g(&[&["a\tb", "c"]]));
    }
}
