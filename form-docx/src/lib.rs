//! The filled forms as Word documents: the print model of
//! `form_wasm::document` written as `.docx` with docx-rs, so that WPS and
//! Word open the official template filled in, ready to polish, merge and
//! circulate. One renderer for the form page (WebAssembly, loaded only
//! when asked: `web`) and `site-gen docx` (native).
//!
//! Modules, each using only those after it: `web` (the page's entry),
//! `blocks` (a document's blocks as paragraphs and tables), `text` (runs
//! and paragraphs in the official fonts), `page` (A4, margins, footers),
//! `package` (the .docx bytes).

mod blocks;
mod package;
mod page;
mod text;
#[cfg(target_arch = "wasm32")]
mod web;

use form_wasm::document::Document;

/// The `.docx` of a document: byte for byte the same for the same document.
pub fn docx(doc: &Document) -> Vec<u8> {
    package::pack(blocks::write(doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use form_wasm::document::types::{Block, Cover, CoverLine, HeadCell, Kind, Span, Table};

    fn sample() -> Document {
        Document {
            kind: Kind::Official,
            form: "t".into(),
            title: "T".into(),
            footer: "附件9 · 2025.1版 · 数据校验码 abcd-ef01-2345".into(),
            blocks: vec![
                Block::Cover(Cover {
                    attachment: "附件9".into(),
                    title: vec!["创建方案".into()],
                    lines: vec![CoverLine { label: "推荐单位".into(), value: None, stamp: true }],
                    issuer: Some("工业和信息化部制".into()),
                }),
                Block::Paragraph(vec![Span::Answer("<&>\"'".into())]),
                Block::Table(Table {
                    head: vec![vec![HeadCell::new("序号"), HeadCell { text: "名称".into(), cols: 2, rows: 1 }]],
                    widths: vec![20, 40, 40],
                    rows: vec![vec!["1".into(), "甲".into(), "乙".into()]],
                }),
            ],
        }
    }

    #[test]
    fn the_same_document_gives_the_same_bytes_however_often_it_is_written() {
        // docx-rs numbers paragraphs from a per-thread counter: a second
        // document in one process (the page's second click) must not differ.
        let _ = docx(&sample());
        let a = docx(&sample());
        let b = docx(&sample());
        assert_eq!(a, b);
        assert!(a.starts_with(b"PK"), "a zip package");
    }

    #[test]
    fn text_is_escaped_and_header_rows_repeat() {
        let mut xml = blocks::write(&sample()).build();
        xml.document = package::mark_header_rows(&xml.document);
        let xml = String::from_utf8(xml.document).unwrap_or_default();
        assert!(xml.contains("&lt;&amp;&gt;"), "{xml}");
        assert_eq!(xml.matches("<w:tblHeader />").count(), 1, "one header row");
        assert!(!xml.contains(r#"w:val="1" w:hRule="auto""#), "no marker left");
    }
}
