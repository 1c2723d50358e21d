//! The form engine: definitions, dates, normalisation, validation and exact
//! metrics. Target-independent: the same code runs natively (tests, the
//! `site-gen validate` command) and as WebAssembly in the form pages.

pub mod api;
pub mod bundle;
pub mod checksum;
pub mod credit_code;
pub mod date;
pub mod definition;
pub mod document;
pub mod expr;
pub mod model;
pub mod normalise;
pub mod period;
pub mod phone;
pub mod program;
pub mod row_pattern;

pub mod answers;
pub mod depends;
pub mod eval;
pub mod evaluate;
pub mod evidence;
pub mod export;
pub mod import;
pub mod industry;
pub mod markup;
/// The form page itself (web-sys), for the browser build only.
#[cfg(all(target_arch = "wasm32", feature = "page"))]
pub mod page;
/// The JSON Schema of the export, written beside each form page by site-gen.
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod session;
pub mod sheet;
/// The page's tools (print document, data files, tables from a spreadsheet),
/// loaded once the page is interactive; for the browser build only.
#[cfg(all(target_arch = "wasm32", feature = "tools"))]
pub mod tools;
pub mod view;
/// The JavaScript glue (wasm-bindgen), for the browser build only.
#[cfg(all(target_arch = "wasm32", feature = "page"))]
pub mod web;
