//! The page, as GB/T 9704 sets it and `document.css` prints it: A4; top
//! 37 mm, left 28 mm, bottom 35 mm, right 26 mm; the page number "— 1 —" in
//! 宋体 四号 at the outer edge (odd pages right, even pages left); the
//! running footer (form, version, 数据校验码) in small 仿宋 at the inner edge.
//! The 2.4 cover is a section of its own, with the footer but no number.

use docx_rs::{
    AlignmentType, FieldCharType, Footer, InstrPAGE, InstrText, PageMargin, PageNumType, Paragraph, Run, Section, Tab,
    TabValueType,
};

use crate::text::{line, paragraph, Face, Look};

/// Twentieths of a point in a millimetre: 1440 / 25.4.
fn mm(v: u32) -> i32 {
    (f64::from(v) * 1440.0 / 25.4).round() as i32
}

pub const A4: (u32, u32) = (11_906, 16_838);

pub fn margin() -> PageMargin {
    PageMargin::new().top(mm(37)).bottom(mm(35)).left(mm(28)).right(mm(26)).header(mm(15)).footer(mm(20))
}

/// The width between the margins, in twentieths of a point: what tables span.
pub fn text_width() -> usize {
    (A4.0 as i32 - mm(28) - mm(26)) as usize
}

const NUMBER: Look = Look { face: Face::Song, half_points: 28, bold: false };
const FOOTER: Look = Look { face: Face::FangSong, half_points: 18, bold: false };

/// `— 7 —`, the number a field that Word and WPS fill in.
fn number(p: Paragraph) -> Paragraph {
    let field = Run::new()
        .fonts(NUMBER.face.fonts())
        .size(NUMBER.half_points)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    p.add_run(NUMBER.run("— ")).add_run(field).add_run(NUMBER.run(" —"))
}

fn footer_paragraph() -> Paragraph {
    paragraph(FOOTER).add_tab(Tab::new().val(TabValueType::Right).pos(text_width()))
}

/// Odd pages: the running footer at the left, the number at the right.
pub fn odd(footer: &str) -> Footer {
    let p = footer_paragraph().add_run(FOOTER.run(footer)).add_run(Run::new().add_tab());
    Footer::new().add_paragraph(number(p))
}

/// Even pages: the number at the left, the running footer at the right.
pub fn even(footer: &str) -> Footer {
    let p = number(footer_paragraph()).add_run(Run::new().add_tab()).add_run(FOOTER.run(footer));
    Footer::new().add_paragraph(p)
}

/// The cover's section: its page alone; at its foot the issuer
/// (`工业和信息化部制`), as the template sets it, above the running footer;
/// no number. The pages after it count from 1.
pub fn cover_section(footer: &str, issuer: Option<&str>) -> Section {
    let foot = || {
        let mut f = Footer::new();
        if let Some(i) = issuer {
            f = f.add_paragraph(line(ISSUER, i, AlignmentType::Center)).add_paragraph(paragraph(FOOTER));
        }
        f.add_paragraph(paragraph(FOOTER).align(AlignmentType::Left).add_run(FOOTER.run(footer)))
    };
    Section::new()
        .page_size(docx_rs::PageSize::new().size(A4.0, A4.1))
        .page_margin(margin())
        .footer(foot())
        .even_footer(foot())
}

const ISSUER: Look = Look { face: Face::Kai, half_points: 36, bold: false };

pub fn numbered_from_one() -> PageNumType {
    PageNumType::new().start(1)
}
