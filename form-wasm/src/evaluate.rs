//! What an evaluation of a form's answers finds: every answer read and
//! normalised, every problem (field, message, severity), every computed
//! metric with its working. `program::Prepared` is a form compiled once;
//! `session::Session` keeps an evaluation current as answers change, and a
//! whole-form evaluation (`api::Engine::evaluate`) is a session begun from
//! the answers, so the page, the export and `site-gen validate` share one
//! code path.

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::answers::{self, Answer, Read};
use crate::model::{Field, Severity};
use crate::program::Prepared;

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
    pub data: Normalised,
    pub problems: Vec<Problem>,
    pub metrics: Vec<Metric>,
    /// Sections whose condition does not hold: not shown, checked or required.
    pub hidden_sections: Vec<String>,
}

/// The normalised answers of an evaluation, as exported: made from the
/// typed readings the first time they are looked at, since most
/// evaluations (a keystroke's, a check of a file) only need the problems
/// and metrics, and writing every answer back out as JSON was a third of a
/// whole-form evaluation. It reads as the map it makes, as `LazyLock` does;
/// `is_empty` and `contains_key` answer from the readings without making it.
#[derive(Clone)]
pub struct Normalised {
    form: Arc<Prepared>,
    /// Per field in page order, what reading its answer found.
    reads: Vec<Read>,
    made: OnceLock<Map<String, Value>>,
}

impl Normalised {
    pub(crate) fn new(form: Arc<Prepared>, reads: Vec<Read>) -> Normalised {
        Normalised { form, reads, made: OnceLock::new() }
    }

    /// No answer given (an unreadable one counts as given).
    pub fn is_empty(&self) -> bool {
        self.reads.iter().all(|r| matches!(r, Read::Empty))
    }

    /// Field `id` has an answer (an unreadable one counts).
    pub fn contains_key(&self, id: &str) -> bool {
        self.form.index.pos(id).is_some_and(|i| !matches!(self.reads[i], Read::Empty))
    }

    /// Mostly answered, the map is made from one with every field's place
    /// (`Prepared::answers_row`), as each table row is from its columns'
    /// (`answers::object_in_order`); mostly empty, key by key.
    fn make(&self) -> Map<String, Value> {
        let p = &*self.form;
        let fields = p.fields();
        let given = self.reads.iter().filter(|r| !matches!(r, Read::Empty)).count();
        let every = p.answers_row.as_ref().filter(|_| given * 2 > fields.len());
        answers::object_in_order(every, &mut fields.iter().enumerate().map(|(i, f)| (f.id.as_str(), self.value(i, f))))
    }

    /// Field `id`'s normalised answer, made alone: the page shows it back
    /// when the applicant leaves a box, without making the rest.
    pub fn answer(&self, id: &str) -> Option<Value> {
        let i = self.form.index.pos(id)?;
        self.value(i, self.form.fields()[i])
    }

    /// Field `f`'s (the `i`-th) normalised answer.
    fn value(&self, i: usize, f: &Field) -> Option<Value> {
        match &self.reads[i] {
            Read::Ok(Answer::Table(rows)) => {
                let every = self.form.columns[i].row.as_ref();
                Some(Value::Array(rows.iter().map(|r| r.to_json(f, every)).collect()))
            }
            Read::Ok(a) => Some(answers::to_json(f, a)),
            Read::Invalid { raw, .. } => Some(raw.clone()),
            Read::Empty => None,
        }
    }
}

impl Deref for Normalised {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Map<String, Value> {
        self.made.get_or_init(|| self.make())
    }
}

impl PartialEq for Normalised {
    fn eq(&self, other: &Normalised) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Normalised {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl Serialize for Normalised {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}
