//! The form engine: definitions, dates, normalisation, validation and exact
//! metrics. Target-independent: the same code runs natively (tests, the
//! `site-gen validate` command) and as WebAssembly in the form pages.

pub mod date;
pub mod definition;
pub mod expr;
pub mod model;
pub mod api;
