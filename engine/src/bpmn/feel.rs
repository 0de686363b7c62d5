//! Filters as FEEL, the expression language of BPMN engines (Zeebe), and
//! back for the subset written here (docs/bpmn.md, Filters as FEEL).

use serde_json::Value;

use crate::model::{Filter, FilterOp};

pub fn to_feel(filter: &Filter) -> String {
    match filter {
        Filter::Compare {
            attribute,
            op,
            value,
        } => format!("{} {} {}", name(attribute), op.as_str(), literal(value)),
        Filter::Exists { attribute } => format!("{} != null", name(attribute)),
        Filter::Tag(tag) => format!(
            "list contains(tags, {})",
            literal(&Value::from(tag.as_str()))
        ),
        Filter::All(parts) if parts.is_empty() => "true".into(),
        Filter::Any(parts) if parts.is_empty() => "false".into(),
        Filter::All(parts) => joined(parts, " and "),
        Filter::Any(parts) => joined(parts, " or "),
        Filter::Not(inner) => format!("not({})", to_feel(inner)),
    }
}

fn joined(parts: &[Filter], sep: &str) -> String {
    parts
        .iter()
        .map(|p| format!("({})", to_feel(p)))
        .collect::<Vec<_>>()
        .join(sep)
}

fn is_plain_name(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(text, "and" | "or" | "not" | "true" | "false" | "null")
}

fn name(attribute: &str) -> String {
    if is_plain_name(attribute) {
        attribute.to_owned()
    } else {
        format!("`{attribute}`")
    }
}

fn literal(value: &Value) -> String {
    value.to_string()
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{expression}` is not a condition Flowlab reads: {reason}")]
pub struct FeelError {
    pub expression: String,
    pub reason: String,
}

/// Reads an expression written as `to_feel` writes it (a leading `=`, as
/// Zeebe writes expressions, is skipped).
pub fn parse(expression: &str) -> Result<Filter, FeelError> {
    let text = expression.trim();
    let text = text.strip_prefix('=').unwrap_or(text);
    let fail = |reason: &str| FeelError {
        expression: expression.to_owned(),
        reason: reason.to_owned(),
    };
    let tokens = tokenize(text).map_err(|r| fail(&r))?;
    let mut p = Parser { tokens, at: 0 };
    let filter = p.or().map_err(|r| fail(&r))?;
    if p.at != p.tokens.len() {
        return Err(fail(&format!("unexpected `{}`", p.tokens[p.at].show())));
    }
    Ok(filter)
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Name(String),
    Lit(Value),
    Op(FilterOp),
    Open,
    Close,
    Comma,
}

impl Tok {
    fn show(&self) -> String {
        match self {
            Tok::Name(n) => n.clone(),
            Tok::Lit(v) => v.to_string(),
            Tok::Op(o) => o.as_str().into(),
            Tok::Open => "(".into(),
            Tok::Close => ")".into(),
            Tok::Comma => ",".into(),
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' | '\r' => i += 1,
            '(' => (out.push(Tok::Open), i += 1).1,
            ')' => (out.push(Tok::Close), i += 1).1,
            ',' => (out.push(Tok::Comma), i += 1).1,
            '=' | '!' | '<' | '>' => {
                let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
                let (op, len) = match two.as_str() {
                    "!=" => (FilterOp::Ne, 2),
                    "<=" => (FilterOp::Le, 2),
                    ">=" => (FilterOp::Ge, 2),
                    _ => match c {
                        '=' => (FilterOp::Eq, 1),
                        '<' => (FilterOp::Lt, 1),
                        '>' => (FilterOp::Gt, 1),
                        _ => return Err("`!` alone is not an operator".into()),
                    },
                };
                out.push(Tok::Op(op));
                i += len;
            }
            '"' => {
                let start = i;
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
                if i >= chars.len() {
                    return Err("a string is not closed".into());
                }
                i += 1;
                let raw: String = chars[start..i].iter().collect();
                let v: Value =
                    serde_json::from_str(&raw).map_err(|_| format!("bad string {raw}"))?;
                out.push(Tok::Lit(v));
            }
            '`' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&c| c == '`')
                    .ok_or("a `name` is not closed")?;
                out.push(Tok::Name(chars[i + 1..i + 1 + end].iter().collect()));
                i += end + 2;
            }
            c if c.is_ascii_digit() || c == '-' => {
                let start = i;
                i += 1;
                while i < chars.len() && (chars[i].is_ascii_digit() || ".eE+-".contains(chars[i])) {
                    i += 1;
                }
                let raw: String = chars[start..i].iter().collect();
                let v: Value =
                    serde_json::from_str(&raw).map_err(|_| format!("bad number {raw}"))?;
                out.push(Tok::Lit(v));
            }
            c if c.is_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                out.push(match word.as_str() {
                    "true" => Tok::Lit(Value::Bool(true)),
                    "false" => Tok::Lit(Value::Bool(false)),
                    "null" => Tok::Lit(Value::Null),
                    _ => Tok::Name(word),
                });
            }
            other => return Err(format!("unexpected `{other}`")),
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Tok>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.at)
    }

    fn take(&mut self) -> Result<Tok, String> {
        let t = self.peek().cloned().ok_or("it ends too early")?;
        self.at += 1;
        Ok(t)
    }

    fn expect(&mut self, want: Tok) -> Result<(), String> {
        let got = self.take()?;
        if got == want {
            Ok(())
        } else {
            Err(format!(
                "expected `{}`, found `{}`",
                want.show(),
                got.show()
            ))
        }
    }

    fn word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Name(n)) if n == w)
    }

    fn or(&mut self) -> Result<Filter, String> {
        let mut parts = vec![self.and()?];
        while self.word("or") {
            self.at += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Filter::Any(parts)
        })
    }

    fn and(&mut self) -> Result<Filter, String> {
        let mut parts = vec![self.unary()?];
        while self.word("and") {
            self.at += 1;
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Filter::All(parts)
        })
    }

    fn unary(&mut self) -> Result<Filter, String> {
        match self.take()? {
            Tok::Open => {
                let inner = self.or()?;
                self.expect(Tok::Close)?;
                Ok(inner)
            }
            Tok::Lit(Value::Bool(true)) => Ok(Filter::All(Vec::new())),
            Tok::Lit(Value::Bool(false)) => Ok(Filter::Any(Vec::new())),
            Tok::Name(n) if n == "not" && self.peek() == Some(&Tok::Open) => {
                self.at += 1;
                let inner = self.or()?;
                self.expect(Tok::Close)?;
                Ok(Filter::Not(Box::new(inner)))
            }
            Tok::Name(n) if n == "list" && self.word("contains") => {
                self.at += 1;
                self.expect(Tok::Open)?;
                self.expect(Tok::Name("tags".into()))?;
                self.expect(Tok::Comma)?;
                let tag = match self.take()? {
                    Tok::Lit(Value::String(s)) => s,
                    other => {
                        return Err(format!(
                            "expected a tag in quotes, found `{}`",
                            other.show()
                        ))
                    }
                };
                self.expect(Tok::Close)?;
                Ok(Filter::Tag(tag))
            }
            Tok::Name(attribute) => {
                let op = match self.take()? {
                    Tok::Op(op) => op,
                    other => {
                        return Err(format!(
                            "expected a comparison after `{attribute}`, found `{}`",
                            other.show()
                        ))
                    }
                };
                let value = match self.take()? {
                    Tok::Lit(v) => v,
                    other => return Err(format!("expected a value, found `{}`", other.show())),
                };
                Ok(if op == FilterOp::Ne && value.is_null() {
                    Filter::Exists { attribute }
                } else {
                    Filter::Compare {
                        attribute,
                        op,
                        value,
                    }
                })
            }
            other => Err(format!("unexpected `{}`", other.show())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn filters_read_back_as_written() {
        let f = Filter::All(vec![
            Filter::Compare {
                attribute: "score".into(),
                op: FilterOp::Ge,
                value: json!(50),
            },
            Filter::Any(vec![
                Filter::Tag("lead".into()),
                Filter::Not(Box::new(Filter::Exists {
                    attribute: "plan type".into(),
                })),
            ]),
            Filter::Compare {
                attribute: "plan".into(),
                op: FilterOp::Eq,
                value: json!("pro \"x\""),
            },
        ]);
        let text = to_feel(&f);
        assert_eq!(
            text,
            r#"(score >= 50) and ((list contains(tags, "lead")) or (not(`plan type` != null))) and (plan = "pro \"x\"")"#
        );
        assert_eq!(parse(&format!("={text}")), Ok(f));
        assert_eq!(parse("true"), Ok(Filter::All(vec![])));
        assert!(parse("score >").is_err());
        assert!(parse("date(x) > 3")
            .unwrap_err()
            .reason
            .contains("comparison"));
    }
}
