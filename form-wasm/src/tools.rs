//! The form page's tools (wasm32, feature `tools`): `form-tools.js`, global
//! `formTools`. What the page does only when asked: the document it prints
//! (`crate::document`), 保存数据文件 and 导入数据文件 (`crate::export`,
//! `crate::import`), and tables from a spreadsheet, pasted or from a table
//! file (`crate::sheet`). The form engine (`page`) loads them once the page
//! is interactive, so what a form page downloads for its first paint carries
//! none of this (`page/tools.rs` holds what is asked before they arrive).
//!
//! The contract is text, not shared memory (and an `Err` that is a string
//! is a reason for the applicant; any other is the page's mistake): the engine hands over the raw
//! answers it evaluated (as JSON) and the confirmed warnings, or a table's
//! texts; the tools evaluate with the same definition and the same code, so
//! the document and the export are the ones the engine's own evaluation
//! would give (`tests/session.rs` holds a session equal to a fresh
//! evaluation).

use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::api::Engine;
use crate::document::{self, html, Kind};
use crate::evaluate::Evaluation;
use crate::model::Field;
use crate::sheet::{self, FileMode, Grid, Placed, RowTexts};
use crate::view;

/// One form's tools: the page's bundle, prepared once.
#[wasm_bindgen]
pub struct Tools {
    engine: Engine,
}

/// A call the page should never make (a JS `Error`, for the console):
/// unlike a reason for the applicant (a string), it is not shown to them.
fn misuse(what: &str) -> JsValue {
    JsError::new(what).into()
}

fn json_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("texts and answers serialise: string keys")
}

fn parse<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> Result<T, JsValue> {
    serde_json::from_str(json).map_err(|_| misuse(&format!("not {what}")))
}

#[wasm_bindgen]
impl Tools {
    /// From the bundle the page embeds (the engine's own, `Bundle::embed`).
    #[wasm_bindgen(constructor)]
    pub fn new(bundle: &str) -> Result<Tools, JsValue> {
        Ok(Tools { engine: Engine::from_embedded(bundle).map_err(|e| JsValue::from_str(&e))? })
    }

    /// The form's definition as JSON (its keys as in the form files), for
    /// technical readers of a page, such as the browser tests.
    pub fn definition(&self) -> String {
        serde_json::to_string(self.engine.definition()).expect("a definition serialises: its maps have string keys")
    }

    /// The document of `kind` (`official`, `workings`, `evidence`) for
    /// these answers (`data_json`: the object of raw answers the engine
    /// evaluated): `[body markup, @page stylesheet]`.
    pub fn render(&self, data_json: &str, confirmed: Vec<String>, kind: &str) -> Result<Vec<String>, JsValue> {
        let kind = match kind {
            "workings" => Kind::Workings,
            "evidence" => Kind::Evidence,
            _ => Kind::Official,
        };
        let ev = self.evaluate(data_json, &confirmed)?;
        let d = document::of_kind(kind, self.engine.definition(), &ev);
        Ok(vec![html::body(&d), html::page_css(&d)])
    }

    /// The data file of these answers, exported at `now` (ISO 8601):
    /// `[file name, its text, "complete" or ""]`.
    pub fn export(&self, data_json: &str, confirmed: Vec<String>, now: &str) -> Result<Vec<String>, JsValue> {
        let ev = self.evaluate(data_json, &confirmed)?;
        let def = self.engine.definition();
        let text = self.engine.export(&ev, &confirmed, now).to_json();
        let applicant = def.name_field.as_ref().and_then(|f| ev.data.get(f)).and_then(|v| v.as_str());
        let today = now.get(..10).unwrap_or_default().replace('-', "");
        let name = view::export_file_name(def, applicant, &today, ev.complete);
        Ok(vec![name, text, if ev.complete { "complete".into() } else { String::new() }])
    }

    /// A data file read for import: `[answers as JSON, how many items,
    /// the report beyond the count]`; `Err` with the reason, for the
    /// applicant, when nothing can be imported.
    pub fn import(&self, file_text: &str) -> Result<Vec<String>, JsValue> {
        let import = self.engine.import(file_text).map_err(|reason| JsValue::from_str(&reason))?;
        let mut report = import.skipped_text("导入");
        report.extend(import.notes.iter().map(String::as_str));
        Ok(vec![json_of(&import.answers), import.imported.len().to_string(), report])
    }

    /// A block of cells (`block_json`, a `Grid` the page read with
    /// `sheet::paste`) pasted into the cell of `row` and `column` (its id)
    /// of `table`, whose rows are `rows_json` (`RowTexts` each): the table
    /// as it is then (`Placed`, as JSON).
    pub fn paste(
        &self,
        table: &str,
        rows_json: &str,
        row: u32,
        column: &str,
        block_json: &str,
    ) -> Result<String, JsValue> {
        let f = self.table(table)?;
        let col = f.columns.iter().position(|c| c.id == column).ok_or_else(|| misuse("no such column"))?;
        let rows: Vec<RowTexts> = parse(rows_json, "a table's rows")?;
        let block: Grid = parse(block_json, "a grid")?;
        Ok(json_of(&sheet::paste_block(f, &self.engine.bundle().lists, &rows, row as usize, col, &block)))
    }

    /// The cells of a table file's bytes (as JSON), or `Err` with what to
    /// do instead, for the applicant, when its text cannot be told.
    pub fn table_grid(&self, bytes: &[u8]) -> Result<String, JsValue> {
        sheet::decode(bytes, gb18030)
            .map(|text| json_of(&sheet::file_grid(&text)))
            .map_err(|why| JsValue::from_str(&why))
    }

    /// The cells `grid_json` (from `table_grid`) of the file `file_name`
    /// put into `table`, whose rows are `rows_json`, replacing them or
    /// after them (`mode`: `replace`, `append`): `Placed` as JSON, or
    /// `Err` with the reason for the applicant.
    pub fn from_file(
        &self,
        table: &str,
        rows_json: &str,
        grid_json: &str,
        mode: &str,
        file_name: &str,
    ) -> Result<String, JsValue> {
        let f = self.table(table)?;
        let mode = FileMode::parse(mode).ok_or_else(|| misuse("no such mode"))?;
        let rows: Vec<RowTexts> = parse(rows_json, "a table's rows")?;
        let grid: Grid = parse(grid_json, "a grid")?;
        let placed: Result<Placed, String> =
            sheet::from_file(f, &self.engine.bundle().lists, &rows, &grid, mode, file_name);
        placed.map(|p| json_of(&p)).map_err(|why| JsValue::from_str(&why))
    }
}

impl Tools {
    /// The evaluation of the answers the page evaluated (`data_json`, the
    /// object of raw answers), as the page's own.
    fn evaluate(&self, data_json: &str, confirmed: &[String]) -> Result<Evaluation, JsValue> {
        let data: Map<String, Value> = parse(data_json, "a JSON object of answers")?;
        Ok(self.engine.evaluate(&data, confirmed))
    }

    fn table(&self, id: &str) -> Result<&Field, JsValue> {
        self.engine.definition().field(id).ok_or_else(|| misuse("no such table"))
    }
}

/// GB18030 as the browser decodes it; `None` when the bytes are not.
fn gb18030(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    web_sys::TextDecoder::new_with_label_and_options("gb18030", &options).ok()?.decode_with_u8_array(bytes).ok()
}
