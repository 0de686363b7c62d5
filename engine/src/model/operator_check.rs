//! What makes an operator acceptable to `add_operator` and `update_operator`.
//! The People screen shows the same problems next to the fields they name.

use super::Operator;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OperatorProblem {
    #[error("the operator needs an id")]
    MissingId,
    #[error("the operator id `{0}` contains a space")]
    SpaceInId(String),
    #[error("the operator needs a name")]
    MissingName,
    #[error("`{0}` is not an email address (expected name@domain.tld)")]
    InvalidEmail(String),
    #[error("`{0}` is not a mobile number (digits, spaces, dashes, an optional leading +; at least 6 digits)")]
    InvalidMobile(String),
    #[error("a group name is empty")]
    EmptyGroup,
    #[error("the group `{0}` is listed twice")]
    DuplicateGroup(String),
    #[error("an operator `{0}` already exists")]
    AlreadyExists(String),
    #[error("no operator `{0}`")]
    NoSuchOperator(String),
}

impl OperatorProblem {
    /// The field a form shows the problem under.
    pub fn field(&self) -> &'static str {
        match self {
            OperatorProblem::MissingId
            | OperatorProblem::SpaceInId(_)
            | OperatorProblem::AlreadyExists(_)
            | OperatorProblem::NoSuchOperator(_) => "id",
            OperatorProblem::MissingName => "name",
            OperatorProblem::InvalidEmail(_) => "email",
            OperatorProblem::InvalidMobile(_) => "mobile",
            OperatorProblem::EmptyGroup | OperatorProblem::DuplicateGroup(_) => "groups",
        }
    }
}

/// Every problem with the operator's own fields, in field order.
pub fn operator_problems(op: &Operator) -> Vec<OperatorProblem> {
    let mut out = Vec::new();
    if op.id.trim().is_empty() {
        out.push(OperatorProblem::MissingId);
    } else if op.id.chars().any(char::is_whitespace) {
        out.push(OperatorProblem::SpaceInId(op.id.clone()));
    }
    if op.name.trim().is_empty() {
        out.push(OperatorProblem::MissingName);
    }
    if let Some(email) = op.email.as_ref().filter(|e| !is_email(e)) {
        out.push(OperatorProblem::InvalidEmail(email.clone()));
    }
    if let Some(mobile) = op.mobile.as_ref().filter(|m| !is_mobile(m)) {
        out.push(OperatorProblem::InvalidMobile(mobile.clone()));
    }
    for (i, group) in op.groups.iter().enumerate() {
        if group.trim().is_empty() {
            out.push(OperatorProblem::EmptyGroup);
        } else if op.groups[..i].contains(group) {
            out.push(OperatorProblem::DuplicateGroup(group.clone()));
        }
    }
    out
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !s.chars().any(char::is_whitespace)
        && !domain.contains('@')
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
        && domain.contains('.')
}

fn is_mobile(s: &str) -> bool {
    let body = s.strip_prefix('+').unwrap_or(s);
    body.chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
        && body.chars().filter(char::is_ascii_digit).count() >= 6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op() -> Operator {
        Operator {
            id: "op9".into(),
            name: "Ada".into(),
            email: Some("ada@example.com".into()),
            mobile: Some("+33 6 00 00 00 09".into()),
            groups: vec!["support".into()],
        }
    }

    #[test]
    fn a_complete_operator_has_no_problem() {
        assert_eq!(operator_problems(&op()), []);
        let no_channels = Operator {
            email: None,
            mobile: None,
            groups: Vec::new(),
            ..op()
        };
        assert_eq!(operator_problems(&no_channels), []);
    }

    #[test]
    fn each_bad_field_is_named() {
        let bad = Operator {
            id: "op 9".into(),
            name: " ".into(),
            email: Some("ada@example".into()),
            mobile: Some("call me".into()),
            groups: vec!["a".into(), "".into(), "a".into()],
        };
        let problems = operator_problems(&bad);
        assert_eq!(
            problems
                .iter()
                .map(OperatorProblem::field)
                .collect::<Vec<_>>(),
            ["id", "name", "email", "mobile", "groups", "groups"]
        );
        assert_eq!(problems[5], OperatorProblem::DuplicateGroup("a".into()));
        assert_eq!(
            problems[2].to_string(),
            "`ada@example` is not an email address (expected name@domain.tld)"
        );
    }

    #[test]
    fn emails_and_mobiles() {
        for good in ["a@b.co", "first.last+tag@mail.example.org"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "", "a", "@b.co", "a@b", "a@@b.co", "a b@c.de", "a@b..co", "a@-b.co",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        for good in ["+33600000001", "06 12-34-56", "123456"] {
            assert!(is_mobile(good), "{good}");
        }
        for bad in [
            "12345",
            "+",
            "06 12 34 5x",
            "++33600000001",
            "tel:0612345678",
        ] {
            assert!(!is_mobile(bad), "{bad}");
        }
    }
}
