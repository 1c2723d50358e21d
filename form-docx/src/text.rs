//! Runs and paragraphs in the fonts of official documents (GB/T 9704, as
//! `document.css` prints them): 仿宋 for text, 黑体 for headings and the
//! attachment line, 楷体 for second-level headings, 小标宋 for titles, 宋体
//! for page numbers. Fonts are named as Windows and WPS install them; a
//! machine without one substitutes its own, as with any official file.

use docx_rs::{AlignmentType, LineSpacing, LineSpacingType, Paragraph, Run, RunFonts, RunProperty, VertAlignType};
use form_wasm::document::types::{Para, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    FangSong,
    Hei,
    Kai,
    /// 方正小标宋简体: the titles.
    XiaoBiaoSong,
    Song,
}

impl Face {
    fn east_asia(self) -> &'static str {
        match self {
            Face::FangSong => "仿宋",
            Face::Hei => "黑体",
            Face::Kai => "楷体",
            Face::XiaoBiaoSong => "方正小标宋简体",
            Face::Song => "宋体",
        }
    }

    /// Latin letters and digits: Times New Roman beside the Chinese faces,
    /// as official documents set them.
    pub fn fonts(self) -> RunFonts {
        RunFonts::new().east_asia(self.east_asia()).ascii("Times New Roman").hi_ansi("Times New Roman")
    }
}

/// Sizes in points: 三号 16, 二号 22 (titles set 20 as the print does), 五号 10.5.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    pub face: Face,
    /// Half-points, as Word counts them.
    pub half_points: usize,
    pub bold: bool,
}

pub const BODY: Look = Look { face: Face::FangSong, half_points: 32, bold: false };
pub const CELL: Look = Look { face: Face::FangSong, half_points: 21, bold: false };

impl Look {
    pub const fn face(self, face: Face) -> Look {
        Look { face, ..self }
    }
    pub const fn bold(self) -> Look {
        Look { bold: true, ..self }
    }
    pub const fn points(self, half_points: usize) -> Look {
        Look { half_points, ..self }
    }

    pub fn run(self, text: &str) -> Run {
        let run = Run::new().fonts(self.face.fonts()).size(self.half_points);
        let run = if self.bold { run.bold() } else { run };
        lines(run, text)
    }
}

/// A run of `text`, its `\n` as line breaks.
fn lines(mut run: Run, text: &str) -> Run {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

/// Room to write an answer by hand: an underlined stretch of blanks.
const BLANK: &str = "\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}";

/// The runs of a paragraph of the print model.
pub fn spans(mut p: Paragraph, spans: &Para, look: Look) -> Paragraph {
    for s in spans {
        p = p.add_run(match s {
            Span::Text(t) | Span::Answer(t) => look.run(t),
            Span::Blank => look.run(BLANK).underline("single"),
            Span::Mark(n) => superscript(look.run(&n.to_string())),
            Span::Box(_) => look.run(&s.plain()),
        });
    }
    p
}

pub fn superscript(mut run: Run) -> Run {
    run.run_property =
        std::mem::replace(&mut run.run_property, RunProperty::new()).vert_align(VertAlignType::SuperScript);
    run
}

/// A paragraph with the document's line pitch and nothing before or after
/// it: 1.75 lines of 三号 for text (29 pt, the 22 lines a page of GB/T 9704),
/// 1.55 lines in tables, as printed; at least, so that larger type (titles)
/// still fits. A pitch and not a multiple: a multiple of the font's own
/// height would differ between the fonts WPS, Word and LibreOffice use.
pub fn paragraph(look: Look) -> Paragraph {
    // Twentieths of a point: half-points × 10 × the factor.
    let pitch = if look.half_points >= BODY.half_points { 580 } else { look.half_points as i32 * 155 / 10 };
    Paragraph::new()
        .line_spacing(LineSpacing::new().line_rule(LineSpacingType::AtLeast).line(pitch).before(0).after(0))
        .size(look.half_points)
        .fonts(look.face.fonts())
}

/// A paragraph of one text, aligned.
pub fn line(look: Look, text: &str, align: AlignmentType) -> Paragraph {
    paragraph(look).align(align).add_run(look.run(text))
}
