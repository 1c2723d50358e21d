//! Many table rows at once (a draft or a file of thousands): the markup of
//! one blank row, with holes where its number and each control's text go,
//! written out for every row into one string that the browser parses in one
//! go. Adding rows one by one, each a DOM clone renumbered and filled call by
//! call, took seconds for a few thousand rows; the page (`page/tables.rs`)
//! makes the pattern from a row it has and inserts what this writes.

/// The row number the pattern row carries wherever its number goes (its
/// `data-row`, the number cell, each control's id, name and label): a
/// number no table reaches.
pub const ROW_MARK: usize = 987_654_321;

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// The hole for the text of control `k` of column `j` (private-use
/// characters, which no label or id contains): an input's `value`
/// attribute, a text area's content.
pub fn hole(column: usize, control: usize) -> String {
    format!("{OPEN}{column}.{control}{CLOSE}")
}

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Literal(String),
    Number,
    Text(usize, usize),
}

/// A row's markup cut at its holes.
#[derive(Debug, Clone, PartialEq)]
pub struct RowPattern {
    pieces: Vec<Piece>,
}

impl RowPattern {
    /// The pattern of a row's markup (`outerHTML`), or `None` when it
    /// carries no `ROW_MARK` (so the rows would all be numbered alike) or a
    /// hole is malformed.
    pub fn parse(markup: &str) -> Option<RowPattern> {
        let mark = ROW_MARK.to_string();
        let mut pieces = Vec::new();
        let mut rest = markup;
        loop {
            let next_mark = rest.find(&mark);
            let next_hole = rest.find(OPEN);
            let (at, is_mark) = match (next_mark, next_hole) {
                (Some(m), Some(h)) if m < h => (m, true),
                (_, Some(h)) => (h, false),
                (Some(m), None) => (m, true),
                (None, None) => break,
            };
            if at > 0 {
                pieces.push(Piece::Literal(squeeze(&rest[..at])));
            }
            if is_mark {
                pieces.push(Piece::Number);
                rest = &rest[at + mark.len()..];
            } else {
                let inner = &rest[at + OPEN.len_utf8()..];
                let end = inner.find(CLOSE)?;
                let (j, k) = inner[..end].split_once('.')?;
                pieces.push(Piece::Text(j.parse().ok()?, k.parse().ok()?));
                rest = &inner[end + CLOSE.len_utf8()..];
            }
        }
        if !rest.is_empty() {
            pieces.push(Piece::Literal(squeeze(rest)));
        }
        pieces.contains(&Piece::Number).then_some(RowPattern { pieces })
    }

    /// Appends row `number`, each hole filled with `text(column, control)`
    /// (empty when `None`), escaped for an attribute or a text area alike.
    pub fn write<'a>(&self, out: &mut String, number: usize, text: impl Fn(usize, usize) -> Option<&'a str>) {
        for piece in &self.pieces {
            match piece {
                Piece::Literal(s) => out.push_str(s),
                Piece::Number => out.push_str(&number.to_string()),
                Piece::Text(j, k) => escape_into(out, text(*j, *k).unwrap_or_default()),
            }
        }
    }
}

/// The markup without the template's indentation: whitespace between two
/// tags that spans lines (which shows nothing in a table row: between cells,
/// or at the start or end of a cell) is dropped, a third fewer nodes to
/// parse per row. Whitespace on one line, which can show as a space, stays.
fn squeeze(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut rest = markup;
    while let Some(gt) = rest.find('>') {
        out.push_str(&rest[..=gt]);
        rest = &rest[gt + 1..];
        let blank = rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
        if blank > 0 && rest[blank..].starts_with('<') && rest[..blank].contains('\n') {
            rest = &rest[blank..];
        }
    }
    out.push_str(rest);
    out
}

/// Text safe inside a double-quoted attribute and inside `<textarea>`: the
/// parser gives back exactly `text` (line breaks as references, so a text
/// area's first line break is not dropped as markup whitespace).
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(pattern: &RowPattern, number: usize, texts: &[&[&str]]) -> String {
        let mut out = String::new();
        pattern.write(&mut out, number, |j, k| texts.get(j).and_then(|t| t.get(k)).copied());
        out
    }

    #[test]
    fn every_mark_becomes_the_row_number_and_every_hole_its_text() {
        let m = ROW_MARK;
        let markup = format!(
            r#"<tr data-row="{m}"><th>{m}</th><td><input id="f-t-{m}-a" aria-label="第{m}行 名称" value="{}"></td><td><input value="{}">—<input value="{}"></td></tr>"#,
            hole(0, 0),
            hole(1, 0),
            hole(1, 1)
        );
        let p = RowPattern::parse(&markup).expect("a pattern");
        assert_eq!(
            row(&p, 12, &[&["甲"], &["2023-01", "至今"]]),
            r#"<tr data-row="12"><th>12</th><td><input id="f-t-12-a" aria-label="第12行 名称" value="甲"></td><td><input value="2023-01">—<input value="至今"></td></tr>"#
        );
        assert_eq!(
            row(&p, 3, &[]),
            r#"<tr data-row="3"><th>3</th><td><input id="f-t-3-a" aria-label="第3行 名称" value=""></td><td><input value="">—<input value=""></td></tr>"#,
            "a missing text leaves the control empty"
        );
    }

    #[test]
    fn texts_are_escaped_so_the_parser_gives_them_back_exactly() {
        let markup = format!(r#"<tr data-row="{ROW_MARK}"><td><textarea>{}</textarea></td></tr>"#, hole(0, 0));
        let p = RowPattern::parse(&markup).expect("a pattern");
        assert_eq!(
            row(&p, 1, &[&["\n\"a\" & <b>\r\n</textarea>"]]),
            r#"<tr data-row="1"><td><textarea>&#10;&quot;a&quot; &amp; &lt;b&gt;&#13;&#10;&lt;/textarea&gt;</textarea></td></tr>"#
        );
    }

    #[test]
    fn indentation_between_tags_is_dropped_and_nothing_else() {
        let markup = format!(
            "<tr data-row=\"{ROW_MARK}\">\n  <td>\n    <input value=\"{}\">\n  </td>\n  <td><b>a</b> <i>b</i>  c\n d</td></tr>",
            hole(0, 0)
        );
        let p = RowPattern::parse(&markup).expect("a pattern");
        assert_eq!(
            row(&p, 2, &[&["x  y"]]),
            "<tr data-row=\"2\"><td><input value=\"x  y\"></td><td><b>a</b> <i>b</i>  c\n d</td></tr>"
        );
    }

    #[test]
    fn a_row_without_its_number_or_with_a_broken_hole_is_no_pattern() {
        assert_eq!(RowPattern::parse(r#"<tr data-row="1"></tr>"#), None);
        assert_eq!(RowPattern::parse(&format!("<tr data-row=\"{ROW_MARK}\">{OPEN}x</tr>")), None);
        assert_eq!(RowPattern::parse(&format!("<tr data-row=\"{ROW_MARK}\">{OPEN}1{CLOSE}</tr>")), None);
    }
}
