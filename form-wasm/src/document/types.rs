//! What a printed document holds, as blocks of text before any HTML: the
//! builders (`build`, `plan`, `extra`) make them, `html` prints them.

/// Which document: the official form, or one of the site's own pages that
/// an applicant may attach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The form as its template in the seed prints it.
    Official,
    /// 计算说明: each computed figure with its working.
    Workings,
    /// 佐证材料目录: the evidence to bind with the form.
    Evidence,
}

impl Kind {
    /// The class of the document's root element and the page's `data-print-kind`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Official => "official",
            Kind::Workings => "workings",
            Kind::Evidence => "evidence",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub kind: Kind,
    /// The form's id (`platform-application`), a class of the root element.
    pub form: String,
    /// `附件2.2 国家中小企业公共服务示范平台（基地）创建申请表（平台类）`: the HTML title.
    pub title: String,
    /// The running footer of every page: the form, its version and the 数据校验码.
    pub footer: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `附件2.2`, at the top left.
    Attachment(String),
    /// The title, a line each, centred.
    Title(Vec<String>),
    /// A line of its own, centred (what a page is for, under its title).
    Line(Para),
    /// A heading of running text: 1 `一、` (黑体), 2 `（一）` (楷体), 3 `1.` (仿宋, bold).
    Heading { level: u8, text: String },
    /// A paragraph of running text, indented two characters.
    Paragraph(Para),
    /// A table of label cells beside answer cells.
    Grid(Grid),
    /// A table of rows under header rows that repeat on every page.
    Table(Table),
    /// The form's numbered notes (`注1`…), printed after the form.
    Footnotes(Vec<(u32, String)>),
    /// A note after the text (the 2.4 template's 备注).
    Note(String),
    /// A page of its own (the 2.4 cover): no page number.
    Cover(Cover),
    /// A line that is stamped (`省级中小企业主管部门（盖章）：`), with room for the stamp.
    Stamp(String),
}

/// A paragraph: spans of text.
pub type Para = Vec<Span>;

#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    /// The template's own words.
    Text(String),
    /// The applicant's answer.
    Answer(String),
    /// Room for an answer written by hand.
    Blank,
    /// A footnote mark.
    Mark(u32),
    /// The box of a choice: ☑ when chosen, □ when not.
    Box(bool),
}

impl Span {
    pub fn text(s: impl Into<String>) -> Span {
        Span::Text(s.into())
    }

    /// The span as it reads on paper (for tests and plain-text uses).
    pub fn plain(&self) -> String {
        match self {
            Span::Text(s) | Span::Answer(s) => s.clone(),
            Span::Blank => String::new(),
            Span::Mark(n) => n.to_string(),
            Span::Box(true) => "☑".into(),
            Span::Box(false) => "□".into(),
        }
    }
}

/// Columns of every grid, of equal width; cells span them.
pub const GRID_COLUMNS: u8 = 12;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A row of long text may continue on the next page; others never split.
    pub long: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub role: Role,
    /// Columns spanned, of `GRID_COLUMNS`.
    pub cols: u8,
    pub paras: Vec<Para>,
    /// The rows of a group, beside its label (`运营主体基本情况`): a grid of
    /// their own inside this cell, so that they may run on to the next page.
    pub inner: Vec<Row>,
}

impl Cell {
    pub fn new(role: Role, cols: u8, paras: Vec<Para>) -> Cell {
        Cell { role, cols, paras, inner: Vec::new() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A section's title across the table (`一、平台基本情况`).
    Section,
    /// The label of a group of rows.
    Group,
    Label,
    Answer,
    /// Template words across the table (a note, the heading of a table).
    Wide,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Header rows, repeated at the top of every page the table is on.
    pub head: Vec<Vec<HeadCell>>,
    /// Width of each column, in percent.
    pub widths: Vec<u8>,
    /// Rows of cells; a cell's `\n` starts a new line; an empty row is a blank to fill by hand.
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HeadCell {
    pub text: String,
    pub cols: u8,
    pub rows: u8,
}

impl HeadCell {
    pub fn new(text: impl Into<String>) -> HeadCell {
        HeadCell { text: text.into(), cols: 1, rows: 1 }
    }
}

/// The 2.4 cover: title, a line per item (an answer or a blank to write
/// on, `（盖章）` after those the template stamps), and the issuer.
#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub attachment: String,
    pub title: Vec<String>,
    pub lines: Vec<CoverLine>,
    pub issuer: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CoverLine {
    pub label: String,
    pub value: Option<String>,
    pub stamp: bool,
}

impl Document {
    /// Every text of the document in order, as it reads on paper: what the
    /// tests compare the PDF with.
    pub fn plain_text(&self) -> String {
        fn para(out: &mut String, p: &Para) {
            p.iter().for_each(|s| out.push_str(&s.plain()));
            out.push('\n');
        }
        fn rows(out: &mut String, rs: &[Row]) {
            for c in rs.iter().flat_map(|r| &r.cells) {
                c.paras.iter().for_each(|p| para(out, p));
                rows(out, &c.inner);
            }
        }
        let mut out = String::new();
        for b in &self.blocks {
            match b {
                Block::Attachment(s) | Block::Note(s) | Block::Stamp(s) | Block::Heading { text: s, .. } => {
                    out.push_str(s);
                    out.push('\n');
                }
                Block::Title(lines) => lines.iter().for_each(|l| {
                    out.push_str(l);
                    out.push('\n');
                }),
                Block::Line(p) | Block::Paragraph(p) => para(&mut out, p),
                Block::Grid(g) => rows(&mut out, &g.rows),
                Block::Table(t) => {
                    for row in t.head.iter() {
                        row.iter().for_each(|c| {
                            out.push_str(&c.text);
                            out.push('\n');
                        });
                    }
                    for row in &t.rows {
                        row.iter().for_each(|c| {
                            out.push_str(c);
                            out.push('\n');
                        });
                    }
                }
                Block::Footnotes(notes) => notes.iter().for_each(|(n, t)| out.push_str(&format!("{n}{t}\n"))),
                Block::Cover(c) => {
                    out.push_str(&c.attachment);
                    out.push('\n');
                    c.title.iter().for_each(|l| out.push_str(&format!("{l}\n")));
                    for l in &c.lines {
                        out.push_str(&format!(
                            "{}{}{}\n",
                            l.label,
                            l.value.as_deref().unwrap_or(""),
                            if l.stamp { "（盖章）" } else { "" }
                        ));
                    }
                    if let Some(i) = &c.issuer {
                        out.push_str(&format!("{i}\n"));
                    }
                }
            }
        }
        out
    }
}
