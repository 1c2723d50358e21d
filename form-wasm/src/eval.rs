//! Evaluating expressions over the answers, exactly, with rust_decimal.
//!
//! Anything that cannot be computed (a missing input, a division by zero,
//! an overflow) is an `Unavailable` with its reason in Chinese, never a
//! number and never a panic.

use rust_decimal::Decimal;

use crate::answers::{Answer, Cell, Rows};
use crate::expr::{BinOp, Expr, Func};

#[derive(Debug, Clone, PartialEq)]
pub enum V<'a> {
    Num(Decimal),
    Text(String),
    Bool(bool),
    Set(&'a [String]),
    Rows(&'a Rows),
}

/// Why a value could not be computed, in the applicant's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable(pub String);

/// What an expression can see of the form.
pub trait Scope {
    /// The value of a field; `Err` when it is empty, unreadable or cannot be computed.
    fn get(&self, id: &str) -> Result<V<'_>, Unavailable>;
    /// Whether the field has an answer (even one with problems).
    fn filled(&self, id: &str) -> bool;
    /// The field's label, for messages.
    fn label(&self, id: &str) -> String;
}

pub fn answer_value(a: &Answer) -> V<'_> {
    match a {
        Answer::Number(d) => V::Num(*d),
        Answer::Text(s) => V::Text(s.clone()),
        Answer::Date(d) => V::Text(d.to_string()),
        Answer::YearMonth(ym) => V::Text(ym.to_string()),
        Answer::Range(a, b) => V::Text(format!("{a}—{b}")),
        Answer::Choice { value, .. } => V::Text(value.clone()),
        Answer::Multi { values, .. } => V::Set(values),
        Answer::Bool(b) => V::Bool(*b),
        Answer::Table(rows) => V::Rows(rows),
        Answer::Raw(v) => V::Text(v.to_string()),
    }
}

fn overflow() -> Unavailable {
    Unavailable("数值超出可计算的范围".into())
}

fn num(v: V, what: &str) -> Result<Decimal, Unavailable> {
    match v {
        V::Num(d) => Ok(d),
        _ => Err(Unavailable(format!("{what}不是数字"))),
    }
}

fn boolean(v: V) -> Result<bool, Unavailable> {
    match v {
        V::Bool(b) => Ok(b),
        _ => Err(Unavailable("条件不是真或假".into())),
    }
}

pub fn eval<'s>(e: &Expr, scope: &'s dyn Scope) -> Result<V<'s>, Unavailable> {
    match e {
        Expr::Number(d) => Ok(V::Num(*d)),
        Expr::Str(s) => Ok(V::Text(s.clone())),
        Expr::Field(id) => scope.get(id),
        Expr::Column(t, c) => Err(Unavailable(format!("{t}.{c} 只能用于求和或计数"))),
        Expr::Neg(x) => Ok(V::Num(-num(eval(x, scope)?, "负号后")?)),
        Expr::Not(x) => Ok(V::Bool(!boolean(eval(x, scope)?)?)),
        Expr::Binary(op, a, b) => binary(*op, a, b, scope),
        Expr::Call(func, args) => call(*func, args, scope),
    }
}

fn binary<'s>(op: BinOp, a: &Expr, b: &Expr, scope: &'s dyn Scope) -> Result<V<'s>, Unavailable> {
    match op {
        // `and`/`or` look at the right side only when they need to.
        BinOp::And => {
            return Ok(V::Bool(boolean(eval(a, scope)?)? && boolean(eval(b, scope)?)?));
        }
        BinOp::Or => {
            return Ok(V::Bool(boolean(eval(a, scope)?)? || boolean(eval(b, scope)?)?));
        }
        _ => {}
    }
    let (x, y) = (eval(a, scope)?, eval(b, scope)?);
    Ok(match op {
        BinOp::Add => V::Num(num(x, "")?.checked_add(num(y, "")?).ok_or_else(overflow)?),
        BinOp::Sub => V::Num(num(x, "")?.checked_sub(num(y, "")?).ok_or_else(overflow)?),
        BinOp::Mul => V::Num(num(x, "")?.checked_mul(num(y, "")?).ok_or_else(overflow)?),
        BinOp::Div => {
            let (n, d) = (num(x, "")?, num(y, "")?);
            if d.is_zero() {
                let what = match b {
                    Expr::Field(id) => format!("「{}」为0", scope.label(id)),
                    _ => "除数为0".to_string(),
                };
                return Err(Unavailable(format!("{what}，不能作除数")));
            }
            V::Num(n.checked_div(d).ok_or_else(overflow)?)
        }
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            let (x, y) = (num(x, "")?, num(y, "")?);
            V::Bool(match op {
                BinOp::Lt => x < y,
                BinOp::Le => x <= y,
                BinOp::Gt => x > y,
                _ => x >= y,
            })
        }
        BinOp::Eq => V::Bool(x == y),
        BinOp::Ne => V::Bool(x != y),
        BinOp::And | BinOp::Or => unreachable_bool(),
    })
}

/// `and`/`or` returned above; kept total without a panic.
fn unreachable_bool<'s>() -> V<'s> {
    V::Bool(false)
}

fn call<'s>(func: Func, args: &[Expr], scope: &'s dyn Scope) -> Result<V<'s>, Unavailable> {
    match (func, args) {
        (Func::Filled, [Expr::Field(id)]) => Ok(V::Bool(scope.filled(id))),
        (Func::Count, [Expr::Field(t)]) => match scope.get(t) {
            Ok(V::Rows(rows)) => Ok(V::Num(Decimal::from(rows.len()))),
            _ => Ok(V::Num(Decimal::ZERO)),
        },
        // Rows whose cell in that column holds a readable answer: a blank
        // score is no score, not a zero.
        (Func::Count, [Expr::Column(t, c)]) => match scope.get(t) {
            Ok(V::Rows(rows)) => {
                let n =
                    rows.iter().filter(|r| r.get(c).is_some_and(|a| !matches!(a, Cell::Other(Answer::Raw(_))))).count();
                Ok(V::Num(Decimal::from(n)))
            }
            _ => Ok(V::Num(Decimal::ZERO)),
        },
        (Func::Sum, [Expr::Column(t, c)]) => {
            let rows = match scope.get(t) {
                Ok(V::Rows(rows)) => rows,
                _ => return Err(Unavailable(format!("「{}」还没有填写", scope.label(t)))),
            };
            let mut total = Decimal::ZERO;
            for r in rows.iter() {
                if let Some(Cell::Other(Answer::Number(d))) = r.get(c) {
                    total = total.checked_add(*d).ok_or_else(overflow)?;
                }
            }
            Ok(V::Num(total))
        }
        (Func::If, [c, then, otherwise]) => match boolean(eval(c, scope)?)? {
            true => eval(then, scope),
            false => eval(otherwise, scope),
        },
        (Func::Has, [Expr::Field(id), Expr::Str(option)]) => match scope.get(id) {
            Ok(V::Set(values)) => Ok(V::Bool(values.iter().any(|v| v == option))),
            _ => Ok(V::Bool(false)),
        },
        _ => Err(Unavailable("函数的参数不正确".into())),
    }
}
