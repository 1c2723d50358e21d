//! A document's blocks as Word paragraphs and tables, in the order and
//! layout the print gives them (`form_wasm::document::html` is its twin).

use docx_rs::{
    AlignmentType, BorderType, Docx, HeightRule, Paragraph, Table, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};
use form_wasm::document::types::{
    Block, Cell, Cover, Document, HeadCell, Role, Row, Span, Table as DocTable, GRID_COLUMNS,
};

use crate::package::HEADER_ROW;
use crate::page;
use crate::text::{self, line, paragraph, Face, Look, BODY, CELL};

/// The whole document, its pages set up: what `package` packs.
pub fn write(doc: &Document) -> Docx {
    let mut out = Docx::new()
        .page_size(page::A4.0, page::A4.1)
        .page_margin(page::margin())
        .default_fonts(BODY.face.fonts())
        .default_size(BODY.half_points)
        .footer(page::odd(&doc.footer))
        .even_footer(page::even(&doc.footer));
    let mut body = Body::default();
    for (i, b) in doc.blocks.iter().enumerate() {
        if let Block::Cover(c) = b {
            // The cover is a section of its own; what follows counts pages from 1.
            let mut section = page::cover_section(&doc.footer, c.issuer.as_deref());
            for p in cover(c) {
                section = section.add_paragraph(p);
            }
            out = body.flush(out).add_section(section).page_num_type(page::numbered_from_one());
        } else {
            // A table's heading (the grid row before it) stays on the table's page.
            let heads_table = matches!(doc.blocks.get(i + 1), Some(Block::Table(_)));
            block(&mut body, b, heads_table);
        }
    }
    body.flush(out)
}

/// Paragraphs and tables in order, until they join the document.
#[derive(Default)]
struct Body(Vec<Part>);

enum Part {
    P(Box<Paragraph>),
    T(Box<Table>),
}

impl Body {
    fn p(&mut self, p: Paragraph) {
        self.0.push(Part::P(Box::new(p)));
    }
    fn t(&mut self, t: Table) {
        // Two tables in a row would merge into one in Word: a hairline paragraph between.
        if matches!(self.0.last(), Some(Part::T(_))) {
            self.p(paragraph(CELL.points(2)).keep_next(true));
        }
        self.0.push(Part::T(Box::new(t)));
    }
    fn flush(&mut self, mut out: Docx) -> Docx {
        for part in self.0.drain(..) {
            out = match part {
                Part::P(p) => out.add_paragraph(*p),
                Part::T(t) => out.add_table(*t),
            };
        }
        out
    }
}

const HEADING_1: Look = BODY.face(Face::Hei);
const HEADING_2: Look = BODY.face(Face::Kai);
const HEADING_3: Look = BODY.bold();
const TITLE: Look = BODY.face(Face::XiaoBiaoSong).points(40).bold();
const SECTION: Look = CELL.face(Face::Hei).points(24);
const FOOTNOTE: Look = CELL.points(18);

/// Two characters of first-line indent, in hundredths of a character.
const INDENT: i32 = 200;

fn block(body: &mut Body, b: &Block, heads_table: bool) {
    match b {
        Block::Attachment(t) => body.p(line(BODY.face(Face::Hei), t, AlignmentType::Left)),
        Block::Title(lines) => {
            for l in lines {
                body.p(line(TITLE, l, AlignmentType::Center).keep_next(true));
            }
            body.p(paragraph(BODY));
        }
        Block::Line(p) => body.p(text::spans(paragraph(BODY).align(AlignmentType::Center), p, BODY)),
        Block::Heading { level, text } => {
            let look = match level {
                1 => HEADING_1,
                2 => HEADING_2,
                _ => HEADING_3,
            };
            body.p(line(look, text, AlignmentType::Left).first_line_chars(INDENT).keep_next(true));
        }
        Block::Paragraph(p) => {
            body.p(text::spans(paragraph(BODY).align(AlignmentType::Both).first_line_chars(INDENT), p, BODY))
        }
        Block::Grid(g) => body.t(grid_table(&g.rows, page::text_width(), true, heads_table)),
        Block::Table(t) => body.t(table(t)),
        Block::Footnotes(notes) => {
            body.p(paragraph(FOOTNOTE));
            for (n, t) in notes {
                let mark = text::superscript(FOOTNOTE.run(&n.to_string()));
                body.p(paragraph(FOOTNOTE).add_run(mark).add_run(FOOTNOTE.run(t)));
            }
        }
        Block::Note(t) => {
            body.p(paragraph(BODY));
            body.p(line(BODY, t, AlignmentType::Both).first_line_chars(INDENT));
        }
        Block::Stamp(t) => {
            body.p(line(BODY, t, AlignmentType::Left));
            // Room for the stamp, as printed (30 mm).
            for _ in 0..3 {
                body.p(paragraph(BODY));
            }
        }
        Block::Cover(_) => unreachable!("the cover is its own section (write)"),
    }
}

/// Borders as printed: 0.75 pt, black.
fn borders(outer: bool) -> TableBorders {
    let edge = |p| {
        let b = TableBorder::new(p).size(6).color("000000");
        if outer {
            b.border_type(BorderType::Single)
        } else {
            b.border_type(BorderType::Nil)
        }
    };
    let inside = |p| TableBorder::new(p).size(6).color("000000").border_type(BorderType::Single);
    TableBorders::new()
        .set(edge(TableBorderPosition::Top))
        .set(edge(TableBorderPosition::Left))
        .set(edge(TableBorderPosition::Bottom))
        .set(edge(TableBorderPosition::Right))
        .set(inside(TableBorderPosition::InsideH))
        .set(inside(TableBorderPosition::InsideV))
}

/// A table of fixed column widths (twentieths of a point) across `width`.
fn fixed(rows: Vec<TableRow>, columns: Vec<usize>, width: usize, outer: bool) -> Table {
    Table::new(rows)
        .set_grid(columns)
        .layout(TableLayoutType::Fixed)
        .width(width, WidthType::Dxa)
        .set_borders(borders(outer))
        .margins(TableCellMargins::new().margin(50, 80, 50, 80))
}

/// Millimetres as whole twentieths of a point, for row heights (Word reads integers only).
fn mm(v: u32) -> f32 {
    (v as f32 * 1440.0 / 25.4).round()
}

/// Rows on twelve equal columns across `width`; a group's rows are a table
/// of their own inside its cell, their outer borders hidden.
fn grid_table(rows: &[Row], width: usize, outer: bool, keep_last: bool) -> Table {
    let column = width / usize::from(GRID_COLUMNS);
    let last = rows.len().saturating_sub(1);
    let rows = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let unwritten = r.cells.iter().all(|c| c.inner.is_empty())
                && !r.cells.iter().flat_map(|c| &c.paras).flatten().any(|s| matches!(s, Span::Answer(_)));
            let keep = keep_last && i == last;
            let cells = r.cells.iter().map(|c| grid_cell(c, column, r.long && unwritten, keep)).collect();
            let row = TableRow::new(cells).height_rule(HeightRule::AtLeast);
            match (r.long, unwritten) {
                // Long text not written yet: room to write it by hand.
                (true, true) => row.row_height(mm(45)),
                (true, false) => row.row_height(mm(8)),
                _ => row.row_height(mm(8)).cant_split(),
            }
        })
        .collect();
    fixed(rows, vec![column; usize::from(GRID_COLUMNS)], column * usize::from(GRID_COLUMNS), outer)
}

fn grid_cell(c: &Cell, column: usize, write_here: bool, keep_next: bool) -> TableCell {
    let width = column * usize::from(c.cols);
    let (look, align) = match c.role {
        Role::Section => (SECTION, AlignmentType::Left),
        Role::Group | Role::Label => (CELL, AlignmentType::Center),
        Role::Answer | Role::Wide => (CELL, AlignmentType::Left),
    };
    let mut cell = TableCell::new()
        .grid_span(usize::from(c.cols))
        .width(width, WidthType::Dxa)
        .vertical_align(if write_here { VAlignType::Top } else { VAlignType::Center });
    for p in &c.paras {
        // A paragraph of the applicant's long text reads as a paragraph.
        let long_text = c.role == Role::Answer && matches!(p.as_slice(), [Span::Answer(_)]) && c.paras.len() > 1;
        let para = paragraph(look).align(align).keep_next(keep_next);
        let para = if long_text { para.first_line_chars(INDENT) } else { para };
        cell = cell.add_paragraph(text::spans(para, p, look));
    }
    if !c.inner.is_empty() {
        cell = cell.add_table(grid_table(&c.inner, width, false, false));
    }
    if c.paras.is_empty() {
        // Word requires a paragraph in every cell, after a nested table too.
        cell = cell.add_paragraph(paragraph(CELL.points(2)));
    }
    cell
}

fn table(t: &DocTable) -> Table {
    let width = page::text_width();
    let columns: Vec<usize> = t.widths.iter().map(|w| width * usize::from(*w) / 100).collect();
    let numbered = t.head.first().and_then(|r| r.first()).is_some_and(|c| c.text == "序号");
    let mut rows: Vec<TableRow> = head_rows(&t.head, &columns);
    for r in &t.rows {
        // A blank row to fill by hand (its 序号 aside) is given room to write in.
        let empty =
            r.iter().skip(1).all(String::is_empty) && r.first().is_none_or(|c| c.chars().all(|x| x.is_ascii_digit()));
        let cells = r
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let align = if numbered && i == 0 { AlignmentType::Center } else { AlignmentType::Left };
                let p = paragraph(CELL).align(align);
                let p = if text.is_empty() { p } else { p.add_run(CELL.run(text)) };
                TableCell::new()
                    .width(columns.get(i).copied().unwrap_or_default(), WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(p)
            })
            .collect();
        let row = TableRow::new(cells).cant_split();
        rows.push(if empty { row.row_height(mm(9)).height_rule(HeightRule::AtLeast) } else { row });
    }
    let total = columns.iter().sum();
    fixed(rows, columns, total, true)
}

/// The header rows, repeated on every page (`package::HEADER_ROW`); a cell
/// spanning rows is merged downwards.
fn head_rows(head: &[Vec<HeadCell>], columns: &[usize]) -> Vec<TableRow> {
    // For each column: how many more rows a cell above still covers, and its span.
    let mut covered: Vec<(u8, u8)> = vec![(0, 0); columns.len()];
    let mut rows = Vec::new();
    for r in head {
        let mut cells = Vec::new();
        let mut given = r.iter();
        let mut col = 0;
        while col < columns.len() {
            let (left, span) = covered[col];
            if left > 0 {
                covered[col].0 -= 1;
                let w = columns[col..(col + usize::from(span)).min(columns.len())].iter().sum();
                cells.push(
                    TableCell::new()
                        .grid_span(usize::from(span))
                        .width(w, WidthType::Dxa)
                        .vertical_merge(VMergeType::Continue)
                        .add_paragraph(paragraph(CELL)),
                );
                col += usize::from(span.max(1));
                continue;
            }
            let Some(c) = given.next() else { break };
            let span = c.cols.max(1);
            let w = columns[col..(col + usize::from(span)).min(columns.len())].iter().sum();
            let mut cell = TableCell::new()
                .grid_span(usize::from(span))
                .width(w, WidthType::Dxa)
                .vertical_align(VAlignType::Center)
                .add_paragraph(line(CELL, &c.text, AlignmentType::Center).keep_next(true));
            if c.rows > 1 {
                cell = cell.vertical_merge(VMergeType::Restart);
                covered[col] = (c.rows - 1, span);
            }
            cells.push(cell);
            col += usize::from(span);
        }
        rows.push(TableRow::new(cells).cant_split().row_height(HEADER_ROW).height_rule(HeightRule::Auto));
    }
    rows
}

/// The 2.4 cover: attachment, title, a line per item written on a rule to
/// the edge of the text (`（盖章）` after it where the template stamps); the
/// issuer is at the page's foot (`page::cover_section`). Blank lines space
/// it out as far as long answers leave room, so that it stays one page.
fn cover(c: &Cover) -> Vec<Paragraph> {
    let label = BODY.face(Face::Hei);
    // Characters of 三号 across the text.
    let room = page::text_width() / (BODY.half_points * 10);
    let mut lines = Vec::new();
    let mut rows = 0;
    for l in &c.lines {
        let stamp = if l.stamp { "（盖章）" } else { "" };
        let written = l.value.as_deref().unwrap_or("");
        let used = l.label.chars().count() + stamp.chars().count() + written.chars().count();
        let pad = room.saturating_sub(used % room + 1).max(2);
        // Centred on the rule when it fits on the line; else from the label on.
        let lead = if used + pad > room { 1 } else { pad / 2 };
        let rule = format!("{}{written}{}", "\u{3000}".repeat(lead), "\u{3000}".repeat(pad - lead));
        rows += (used + pad).div_ceil(room);
        lines.push(
            paragraph(BODY)
                .add_run(label.run(&l.label))
                .add_run(BODY.run(&rule).underline("single"))
                .add_run(BODY.run(stamp)),
        );
        lines.push(paragraph(BODY.points(16)));
    }
    // Lines of 三号 on the page above the issuer: about 19; the title's count 1.5.
    let used = 1 + rows + c.lines.len() / 2 + c.title.len() * 3 / 2;
    let spare = 19usize.saturating_sub(used);
    let blank = |n: usize| (0..n).map(|_| paragraph(BODY)).collect::<Vec<_>>();
    let mut out = vec![line(label, &c.attachment, AlignmentType::Left)];
    out.extend(blank(spare.min(6) / 2));
    out.extend(c.title.iter().map(|l| line(TITLE.points(44), l, AlignmentType::Center)));
    out.extend(blank(spare.min(6).div_ceil(2)));
    out.extend(lines);
    out
}
