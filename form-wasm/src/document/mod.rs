//! The paper that is submitted: each form as its template in the seed
//! prints it, filled with the answers (or blank, to fill by hand), and the
//! site's own pages an applicant may attach (计算说明, 佐证材料目录).
//!
//! One model for the form page (printing, WebAssembly) and `site-gen print`
//! (native): `official` here, `plan` (2.4) and `extra` make a
//! `types::Document` from a definition and an `Evaluation`; `html` prints
//! it. Every answer appears in full, as text (never a form control); site
//! aids never print on the official pages.
//!
//! Modules, each using only those after it: `extra` (计算说明, 佐证材料目录),
//! `plan` (2.4), `build` (the application forms' tables, 2.1), `layout`
//! (each template's rows), `value` (answers as they read on paper),
//! `html`, `types`.

pub mod build;
pub mod extra;
pub mod html;
pub mod layout;
pub mod plan;
pub mod types;
pub mod value;

use crate::evaluate::Evaluation;
use crate::model::FormDef;
pub use extra::{evidence, workings};
use layout::FormLayout;
pub use types::{Document, Kind};

/// The form as its template prints it, filled with these answers.
pub fn official(def: &FormDef, ev: &Evaluation) -> Document {
    let blocks = match layout::of(&def.id) {
        Some(FormLayout::Grid { rows, notes }) => build::Form::new(def, ev, notes).grid(rows),
        Some(FormLayout::Summary) => build::summary(def, ev),
        Some(FormLayout::Plan { cover, examples_in, examples }) => {
            plan::blocks(&build::Form::new(def, ev, &[]), cover, (examples_in, examples))
        }
        None => build::Form::new(def, ev, &[]).grid(&[]),
    };
    Document {
        kind: Kind::Official,
        form: def.id.clone(),
        title: build::title(def),
        footer: build::footer(def, ev, ""),
        blocks,
    }
}

/// A document of `kind` for these answers.
pub fn of_kind(kind: Kind, def: &FormDef, ev: &Evaluation) -> Document {
    match kind {
        Kind::Official => official(def, ev),
        Kind::Workings => workings(def, ev),
        Kind::Evidence => evidence(def, ev),
    }
}
