//! The `.docx` bytes. docx-rs 0.4 writes every part but one row property
//! the forms need: `w:tblHeader`, which repeats a table's header rows at the
//! top of each page. Header rows are built with a row height of
//! `HEADER_ROW` twentieths of a point, a height no other row has, and that
//! property is replaced by `w:tblHeader` here, in the built document part.
//!
//! docx-rs numbers paragraphs (`w14:paraId`) from a counter that lives as
//! long as the thread, so a second document in one process (the page's
//! second click, `site-gen docx` with many files) would differ from the
//! first; the ids are numbered afresh here, in order, across every part.

use std::io::Cursor;

use docx_rs::Docx;

/// The marker of a header row: a height of 1/20 pt, "auto", that no other row has.
pub const HEADER_ROW: f32 = 1.0;
const MARKER: &[u8] = br#"<w:trHeight w:val="1" w:hRule="auto" />"#;
const REPEAT: &[u8] = b"<w:tblHeader />";

pub fn pack(docx: Docx) -> Vec<u8> {
    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document);
    let mut next = 1;
    for part in std::iter::once(&mut xml.document).chain(xml.footers.iter_mut()) {
        renumber_paragraphs(part, &mut next);
    }
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out).expect("writing a zip archive to memory cannot fail");
    out.into_inner()
}

/// The document part with each marked row a repeated header row.
pub fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    replace(document, MARKER, REPEAT)
}

const PARA_ID: &[u8] = b"w14:paraId=\"";

/// Each `w14:paraId="XXXXXXXX"` numbered from `next` on, in order.
fn renumber_paragraphs(part: &mut [u8], next: &mut u32) {
    let mut at = 0;
    while let Some(found) = part[at..].windows(PARA_ID.len()).position(|w| w == PARA_ID) {
        let start = at + found + PARA_ID.len();
        let Some(id) = part.get_mut(start..start + 8) else { return };
        id.copy_from_slice(format!("{:08X}", *next).as_bytes());
        *next += 1;
        at = start + 8;
    }
}

fn replace(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(at) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_numbered_in_order_across_parts() {
        let mut doc = br#"<w:p w14:paraId="0000002A"><w:p w14:paraId="0000002B">"#.to_vec();
        let mut footer = br#"<w:p w14:paraId="00000007">"#.to_vec();
        let mut next = 1;
        renumber_paragraphs(&mut doc, &mut next);
        renumber_paragraphs(&mut footer, &mut next);
        assert_eq!(doc, br#"<w:p w14:paraId="00000001"><w:p w14:paraId="00000002">"#.to_vec());
        assert_eq!(footer, br#"<w:p w14:paraId="00000003">"#.to_vec());
    }

    #[test]
    fn markers_become_header_rows() {
        let xml =
            br#"<w:trPr><w:trHeight w:val="1" w:hRule="auto" /></w:trPr><w:t>x</w:t><w:trPr><w:cantSplit /><w:trHeight w:val="1" w:hRule="auto" /></w:trPr>"#;
        assert_eq!(
            replace(xml, MARKER, REPEAT),
            br#"<w:trPr><w:tblHeader /></w:trPr><w:t>x</w:t><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>"#.to_vec()
        );
    }
}
