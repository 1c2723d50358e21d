//! What depends on what in a form, compiled once: which formulas, rules,
//! section conditions and metrics read each field's value. A change to one
//! answer then re-evaluates only what its value reaches, through formulas
//! that read formulas.

use crate::expr::Expr;
use crate::model::Field;

/// Something whose result depends on field values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum User {
    /// The formula of the computed field at this index (its value is a field value too).
    Formula(usize),
    Rule(usize),
    Section(usize),
    /// The metric shown for the computed field at this index: its value,
    /// unit and working (the inputs as shown).
    Metric(usize),
}

pub struct Depends {
    /// For each field (page order), what reads its value directly.
    users: Vec<Vec<User>>,
    rules: usize,
    sections: usize,
}

/// What a set of changed fields reaches.
pub struct Affected {
    /// Fields whose value may have changed (computed ones are computed again).
    pub formulas: Vec<usize>,
    pub rules: Vec<usize>,
    /// Indexed by section.
    pub sections: Vec<bool>,
    pub metrics: Vec<usize>,
}

impl Depends {
    /// From the fields (page order), where an id is (`pos`), each field's
    /// formula, each rule's check and condition, each section's condition.
    pub fn new<'a>(
        fields: &[&Field],
        pos: impl Fn(&str) -> Option<usize>,
        formulas: &[Option<Expr>],
        rules: impl Iterator<Item = (&'a Expr, Option<&'a Expr>)>,
        sections: impl Iterator<Item = Option<&'a Expr>>,
    ) -> Depends {
        let mut users = vec![Vec::new(); fields.len()];
        let mut add = |e: &Expr, user: User| {
            for id in e.references() {
                if let Some(i) = pos(id) {
                    if !users[i].contains(&user) {
                        users[i].push(user);
                    }
                }
            }
        };
        for (i, f) in formulas.iter().enumerate() {
            if let Some(e) = f {
                add(e, User::Formula(i));
                // The working shows each input as it stands.
                add(e, User::Metric(i));
            }
        }
        let mut rule_count = 0;
        for (k, (check, when)) in rules.enumerate() {
            add(check, User::Rule(k));
            if let Some(w) = when {
                add(w, User::Rule(k));
            }
            rule_count += 1;
        }
        let mut section_count = 0;
        for (s, when) in sections.enumerate() {
            if let Some(w) = when {
                add(w, User::Section(s));
            }
            section_count += 1;
        }
        for (i, f) in fields.iter().enumerate() {
            if formulas[i].is_some() {
                users[i].push(User::Metric(i));
            }
            if let Some(source) = f.unit_from.as_deref().and_then(&pos) {
                users[source].push(User::Metric(i));
            }
        }
        Depends { users, rules: rule_count, sections: section_count }
    }

    /// Everything the values of `changed` reach, directly or through formulas.
    pub fn affected(&self, changed: &[usize]) -> Affected {
        let mut formulas = Vec::new();
        let mut sections = vec![false; self.sections];
        let mut seen = vec![false; self.users.len()];
        let mut rule_seen = vec![false; self.rules];
        let mut metric_seen = vec![false; self.users.len()];
        let mut queue: Vec<usize> = changed.to_vec();
        // A changed field's own value is new too (an answer given for a
        // computed field is ignored, but its formula runs again).
        for &i in changed {
            seen[i] = true;
            formulas.push(i);
        }
        while let Some(i) = queue.pop() {
            for &u in &self.users[i] {
                match u {
                    User::Formula(j) if !seen[j] => {
                        seen[j] = true;
                        formulas.push(j);
                        queue.push(j);
                    }
                    User::Formula(_) => {}
                    User::Rule(k) => rule_seen[k] = true,
                    User::Metric(j) => metric_seen[j] = true,
                    User::Section(s) => sections[s] = true,
                }
            }
        }
        // Rules and metrics in definition and page order, as a whole
        // evaluation makes them (read off the marks: no sort).
        let marked = |marks: Vec<bool>| marks.iter().enumerate().filter(|(_, m)| **m).map(|(k, _)| k).collect();
        Affected { formulas, rules: marked(rule_seen), sections, metrics: marked(metric_seen) }
    }
}
