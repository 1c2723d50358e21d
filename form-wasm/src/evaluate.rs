//! What an evaluation of a form's answers finds: every answer read and
//! normalised, every problem (field, message, severity), every computed
//! metric with its working. `program::Prepared` is a form compiled once;
//! `session::Session` keeps an evaluation current as answers change, and a
//! whole-form evaluation (`api::Engine::evaluate`) is a session begun from
//! the answers, so the page, the export and `site-gen validate` share one
//! code path.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The value typed cannot be read (shown when the field loses focus).
    Format,
    /// A required answer is missing (shown when the applicant checks the form).
    Required,
    /// A table has fewer rows than the form asks for.
    Rows,
    /// A cross-field rule.
    Rule,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub field: String,
    /// For a rule: every field it concerns (the message shows beside each).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    pub severity: Severity,
    pub kind: Kind,
    pub message: String,
    /// The rule's id; for a format warning, the id the applicant confirms
    /// it by (`phone_format:landline:83134726`, see `answers::Confirm`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// A warning the applicant has confirmed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricInput {
    pub id: String,
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub id: String,
    pub label: String,
    /// Rounded half away from zero to the field's places; absent when it cannot be computed.
    pub value: Option<String>,
    pub unit: Option<String>,
    pub formula: String,
    pub inputs: Vec<MetricInput>,
    /// `无法计算：…` with the reason.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub form: String,
    pub version: String,
    /// Every required answer given and no error (warnings do not block).
    pub complete: bool,
    pub errors: usize,
    pub warnings: usize,
    /// Normalised answers in page order; an unreadable answer is kept as typed.
    pub data: Map<String, Value>,
    pub problems: Vec<Problem>,
    pub metrics: Vec<Metric>,
    /// Sections whose condition does not hold: not shown, checked or required.
    pub hidden_sections: Vec<String>,
}
