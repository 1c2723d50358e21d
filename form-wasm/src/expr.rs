//! The expression language of formulas, rules and conditions.
//!
//! ```text
//! expr    := or
//! or      := and ("or" and)*
//! and     := not ("and" not)*
//! not     := "not" not | compare
//! compare := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
//! sum     := product (("+" | "-") product)*
//! product := unary (("*" | "/") unary)*
//! unary   := "-" unary | primary
//! primary := number | "string" | field | call | "(" expr ")"
//! call    := ("sum" | "count" | "filled" | "has" | "if") "(" args ")"
//! ```
//! Numbers are exact decimals (rust_decimal); there is no floating point.

use std::fmt;

use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(Decimal),
    Str(String),
    Field(String),
    /// `table.column`, only as the argument of `sum` or `count`.
    Column(String, String),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `sum(table.column)`: the sum of a numeric column over the filled rows.
    Sum,
    /// `count(table)`: rows with anything filled in; `count(table.column)`:
    /// rows with that column filled.
    Count,
    /// `filled(field)`: the field has an answer.
    Filled,
    /// `has(field, "option")`: a multiple choice includes the option.
    Has,
    /// `if(condition, then, else)`: the applicant's own choice of basis
    /// (`if(area_basis == "building", building_area, land_area)`).
    If,
}

impl Func {
    fn from_name(name: &str) -> Option<Func> {
        Some(match name {
            "sum" => Func::Sum,
            "count" => Func::Count,
            "filled" => Func::Filled,
            "has" => Func::Has,
            "if" => Func::If,
            _ => return None,
        })
    }
}

/// A syntax error: where (in characters from the start) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub at: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(Decimal),
    Str(String),
    Ident(String),
    Op(&'static str),
    LParen,
    RParen,
    Comma,
    Dot,
}

/// Nesting deeper than this is refused, so no input can exhaust the stack.
const MAX_DEPTH: usize = 64;

/// An expression of more tokens than this is refused. Every check and every
/// evaluation walks the tree recursively, and `a + b + c + …` nests one
/// level per term without any bracket: 10,000 terms overflowed the build's
/// stack, and 3,000 the smaller stack of the page's WebAssembly engine. The
/// formulas of the notice's forms use at most 20 tokens; 256 leaves room for
/// a sum of over a hundred fields, and keeps every tree shallow enough for
/// the page's 1 MiB stack with room to spare (`tests/formula_bounds.rs`
/// evaluates the longest on 256 KiB). A longer formula is better split into
/// computed fields, which an applicant can follow anyway.
pub const MAX_TOKENS: usize = 256;

fn tokenize(src: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let n = text
                .parse::<Decimal>()
                .map_err(|_| ParseError { at: start, message: format!("`{text}` is not a number") })?;
            out.push((Tok::Num(n), start));
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((Tok::Ident(chars[start..i].iter().collect()), start));
            continue;
        }
        if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += 1;
            }
            if i == chars.len() {
                return Err(ParseError { at: start, message: "string is not closed with `\"`".into() });
            }
            out.push((Tok::Str(chars[start + 1..i].iter().collect()), start));
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).copied();
        let (tok, len) = match (c, next) {
            ('<', Some('=')) => (Tok::Op("<="), 2),
            ('>', Some('=')) => (Tok::Op(">="), 2),
            ('=', Some('=')) => (Tok::Op("=="), 2),
            ('!', Some('=')) => (Tok::Op("!="), 2),
            ('<', _) => (Tok::Op("<"), 1),
            ('>', _) => (Tok::Op(">"), 1),
            ('+', _) => (Tok::Op("+"), 1),
            ('-', _) => (Tok::Op("-"), 1),
            ('*', _) => (Tok::Op("*"), 1),
            ('/', _) => (Tok::Op("/"), 1),
            ('(', _) => (Tok::LParen, 1),
            (')', _) => (Tok::RParen, 1),
            (',', _) => (Tok::Comma, 1),
            ('.', _) => (Tok::Dot, 1),
            _ => return Err(ParseError { at: start, message: format!("unexpected character `{c}`") }),
        };
        out.push((tok, start));
        i += len;
    }
    Ok(out)
}

/// Refuses an expression of more than `MAX_TOKENS` tokens, before any tree is built.
fn bounded(toks: Vec<(Tok, usize)>) -> Result<Vec<(Tok, usize)>, ParseError> {
    match toks.get(MAX_TOKENS) {
        Some((_, at)) => Err(ParseError {
            at: *at,
            message: format!(
                "expression is too long: {} tokens (numbers, names, operators, brackets), at most {MAX_TOKENS}; split it into computed fields",
                toks.len()
            ),
        }),
        None => Ok(toks),
    }
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    end: usize,
    depth: usize,
}

pub fn parse(src: &str) -> Result<Expr, ParseError> {
    let toks = bounded(tokenize(src)?)?;
    let mut p = Parser { toks, pos: 0, end: src.chars().count(), depth: 0 };
    let e = p.or()?;
    match p.toks.get(p.pos) {
        None => Ok(e),
        Some((t, at)) => {
            Err(ParseError { at: *at, message: format!("unexpected {} after the expression", describe(t)) })
        }
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Num(n) => format!("number `{n}`"),
        Tok::Str(s) => format!("string \"{s}\""),
        Tok::Ident(s) => format!("`{s}`"),
        Tok::Op(o) => format!("`{o}`"),
        Tok::LParen => "`(`".into(),
        Tok::RParen => "`)`".into(),
        Tok::Comma => "`,`".into(),
        Tok::Dot => "`.`".into(),
    }
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |(_, a)| *a)
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError { at: self.at(), message: message.into() })
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(s)) if s == w)
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.error("expression is nested too deeply");
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        self.enter()?;
        let mut left = self.and()?;
        while self.is_word("or") {
            self.pos += 1;
            left = Expr::Binary(BinOp::Or, Box::new(left), Box::new(self.and()?));
        }
        self.depth -= 1;
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.not()?;
        while self.is_word("and") {
            self.pos += 1;
            left = Expr::Binary(BinOp::And, Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, ParseError> {
        if self.is_word("not") {
            self.pos += 1;
            self.enter()?;
            let inner = self.not()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Expr, ParseError> {
        let left = self.sum()?;
        let op = match self.peek() {
            Some(Tok::Op("<")) => BinOp::Lt,
            Some(Tok::Op("<=")) => BinOp::Le,
            Some(Tok::Op(">")) => BinOp::Gt,
            Some(Tok::Op(">=")) => BinOp::Ge,
            Some(Tok::Op("==")) => BinOp::Eq,
            Some(Tok::Op("!=")) => BinOp::Ne,
            _ => return Ok(left),
        };
        self.pos += 1;
        let right = self.sum()?;
        Ok(Expr::Binary(op, Box::new(left), Box::new(right)))
    }

    fn sum(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.product()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Op("+")) => BinOp::Add,
                Some(Tok::Op("-")) => BinOp::Sub,
                _ => return Ok(left),
            };
            self.pos += 1;
            left = Expr::Binary(op, Box::new(left), Box::new(self.product()?));
        }
    }

    fn product(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Op("*")) => BinOp::Mul,
                Some(Tok::Op("/")) => BinOp::Div,
                _ => return Ok(left),
            };
            self.pos += 1;
            left = Expr::Binary(op, Box::new(left), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        if matches!(self.peek(), Some(Tok::Op("-"))) {
            self.pos += 1;
            self.enter()?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Neg(Box::new(inner)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let Some((tok, _)) = self.toks.get(self.pos).cloned() else {
            return self.error("expression ends too early");
        };
        match tok {
            Tok::Num(n) => {
                self.pos += 1;
                Ok(Expr::Number(n))
            }
            Tok::Str(s) => {
                self.pos += 1;
                Ok(Expr::Str(s))
            }
            Tok::LParen => {
                self.pos += 1;
                let e = self.or()?;
                if self.peek() != Some(&Tok::RParen) {
                    return self.error("missing `)`");
                }
                self.pos += 1;
                Ok(e)
            }
            Tok::Ident(name) if matches!(name.as_str(), "and" | "or" | "not") => {
                self.error(format!("`{name}` needs something before or after it"))
            }
            Tok::Ident(name) => {
                self.pos += 1;
                if self.peek() == Some(&Tok::LParen) {
                    return self.call(&name);
                }
                if self.peek() == Some(&Tok::Dot) {
                    self.pos += 1;
                    match self.toks.get(self.pos).cloned() {
                        Some((Tok::Ident(col), _)) => {
                            self.pos += 1;
                            Ok(Expr::Column(name, col))
                        }
                        _ => self.error("expected a column name after `.`"),
                    }
                } else {
                    Ok(Expr::Field(name))
                }
            }
            other => self.error(format!("unexpected {}", describe(&other))),
        }
    }

    fn call(&mut self, name: &str) -> Result<Expr, ParseError> {
        let Some(func) = Func::from_name(name) else {
            return self.error(format!("unknown function `{name}` (there are sum, count, filled, has, if)"));
        };
        self.pos += 1; // (
        let mut args = Vec::new();
        if self.peek() != Some(&Tok::RParen) {
            loop {
                args.push(self.or()?);
                match self.peek() {
                    Some(Tok::Comma) => self.pos += 1,
                    Some(Tok::RParen) => break,
                    _ => return self.error(format!("missing `)` after the arguments of {name}")),
                }
            }
        }
        self.pos += 1; // )
        Ok(Expr::Call(func, args))
    }
}

impl Expr {
    /// Field ids the expression reads (tables for `table.column`), in order, deduplicated.
    pub fn references(&self) -> Vec<&str> {
        fn walk<'a>(e: &'a Expr, out: &mut Vec<&'a str>) {
            match e {
                Expr::Field(f) | Expr::Column(f, _) => {
                    if !out.contains(&f.as_str()) {
                        out.push(f);
                    }
                }
                Expr::Not(x) | Expr::Neg(x) => walk(x, out),
                Expr::Binary(_, a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Expr::Call(_, args) => args.iter().for_each(|a| walk(a, out)),
                Expr::Number(_) | Expr::Str(_) => {}
            }
        }
        let mut out = Vec::new();
        walk(self, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Expr {
        Expr::Number(s.parse().unwrap())
    }

    #[test]
    fn precedence_is_the_usual_one() {
        let e = parse("a + b * 2").unwrap();
        assert_eq!(
            e,
            Expr::Binary(
                BinOp::Add,
                Box::new(Expr::Field("a".into())),
                Box::new(Expr::Binary(BinOp::Mul, Box::new(Expr::Field("b".into())), Box::new(d("2"))))
            )
        );
        assert!(matches!(parse("x <= 1 and not y == 2 or z").unwrap(), Expr::Binary(BinOp::Or, ..)));
    }

    #[test]
    fn functions_and_columns() {
        let e = parse("sum(t.c) / count(t)").unwrap();
        assert_eq!(e.references(), ["t"]);
        assert!(parse("has(login, \"app\")").is_ok());
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(parse("a +").unwrap_err().message, "expression ends too early");
        assert_eq!(parse("(a").unwrap_err().message, "missing `)`");
        assert_eq!(parse("a # b").unwrap_err(), ParseError { at: 2, message: "unexpected character `#`".into() });
        assert!(parse("avg(t.c)").unwrap_err().message.starts_with("unknown function `avg`"));
        assert_eq!(parse("1.2.3").unwrap_err().message, "`1.2.3` is not a number");
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        // Within the token bound, so it is the depth that refuses them.
        let deep = "(".repeat(100) + "1" + &")".repeat(100);
        assert_eq!(parse(&deep).unwrap_err().message, "expression is nested too deeply");
        let negs = "-".repeat(100) + "1";
        assert_eq!(parse(&negs).unwrap_err().message, "expression is nested too deeply");
        let nots = "not ".repeat(100) + "a";
        assert_eq!(parse(&nots).unwrap_err().message, "expression is nested too deeply");
        for src in ["(".repeat(10_000) + "1" + &")".repeat(10_000), "-".repeat(10_000) + "1"] {
            assert!(parse(&src).is_err());
        }
    }

    #[test]
    fn long_formulas_are_refused_before_any_tree_is_built() {
        // `a + a + …` nests one level per term without a bracket.
        let terms = vec!["a"; 10_000].join(" + ");
        let e = parse(&terms).unwrap_err();
        assert_eq!(
            e.message,
            "expression is too long: 19999 tokens (numbers, names, operators, brackets), at most 256; split it into computed fields"
        );
        assert_eq!(e.at, 4 * 128, "points at the first token past the bound");
        let longest = vec!["a"; MAX_TOKENS / 2 + 1].join(" + ");
        assert_eq!(tokenize(&longest).unwrap().len(), MAX_TOKENS + 1);
        assert!(parse(&longest).is_err());
        let allowed = vec!["a"; MAX_TOKENS / 2].join(" + ");
        assert!(parse(&allowed).is_ok());
    }
}
