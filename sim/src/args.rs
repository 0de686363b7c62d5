//! The command line, read with lexopt into an [`Invocation`].

use std::ffi::OsString;

use lexopt::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Run,
    Check,
    Test,
}

impl Verb {
    fn named(name: &str) -> Option<Verb> {
        match name {
            "run" => Some(Verb::Run),
            "check" => Some(Verb::Check),
            "test" => Some(Verb::Test),
            _ => None,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Invocation {
    /// `--help`, `help` or `help VERB`, `VERB --help`.
    Help(Option<Verb>),
    Version,
    Run {
        summary: bool,
        file: String,
    },
    Check {
        files: Vec<String>,
    },
    Test {
        files: Vec<String>,
    },
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UsageError {
    #[error("no command given")]
    NoVerb,
    #[error("unknown command `{0}` (expected run, check, test or help)")]
    UnknownVerb(String),
    #[error("`{verb}` needs {what}")]
    MissingFile {
        verb: &'static str,
        what: &'static str,
    },
    #[error("`run` takes one file, got {0}")]
    TooManyFiles(usize),
    #[error("{0}")]
    Parse(String),
    #[error("`{0}` is not valid UTF-8")]
    NotUnicode(String),
}

impl From<lexopt::Error> for UsageError {
    fn from(e: lexopt::Error) -> Self {
        UsageError::Parse(e.to_string())
    }
}

fn text(value: OsString) -> Result<String, UsageError> {
    value
        .into_string()
        .map_err(|v| UsageError::NotUnicode(v.to_string_lossy().into_owned()))
}

pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Invocation, UsageError> {
    let mut parser = lexopt::Parser::from_args(args);
    let verb = match parser.next()? {
        None => return Err(UsageError::NoVerb),
        Some(Short('h') | Long("help")) => return Ok(Invocation::Help(None)),
        Some(Short('V') | Long("version")) => return Ok(Invocation::Version),
        Some(Value(name)) => {
            let name = text(name)?;
            if name == "help" {
                return help_topic(&mut parser);
            }
            Verb::named(&name).ok_or(UsageError::UnknownVerb(name))?
        }
        Some(other) => return Err(other.unexpected().into()),
    };
    let mut summary = false;
    let mut files = Vec::new();
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Invocation::Help(Some(verb))),
            Long("summary") if verb == Verb::Run => summary = true,
            Value(file) => files.push(text(file)?),
            other => return Err(other.unexpected().into()),
        }
    }
    match verb {
        Verb::Run => match files.len() {
            0 => Err(UsageError::MissingFile {
                verb: "run",
                what: "a file (or - for standard input)",
            }),
            1 => Ok(Invocation::Run {
                summary,
                file: files.remove(0),
            }),
            n => Err(UsageError::TooManyFiles(n)),
        },
        Verb::Check if files.is_empty() => Err(UsageError::MissingFile {
            verb: "check",
            what: "one or more files",
        }),
        Verb::Test if files.is_empty() => Err(UsageError::MissingFile {
            verb: "test",
            what: "one or more files",
        }),
        Verb::Check => Ok(Invocation::Check { files }),
        Verb::Test => Ok(Invocation::Test { files }),
    }
}

fn help_topic(parser: &mut lexopt::Parser) -> Result<Invocation, UsageError> {
    match parser.next()? {
        None => Ok(Invocation::Help(None)),
        Some(Value(name)) => {
            let name = text(name)?;
            let verb = Verb::named(&name).ok_or(UsageError::UnknownVerb(name))?;
            match parser.next()? {
                None => Ok(Invocation::Help(Some(verb))),
                Some(other) => Err(other.unexpected().into()),
            }
        }
        Some(other) => Err(other.unexpected().into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(args: &[&str]) -> Result<Invocation, UsageError> {
        parse(args.iter().map(OsString::from))
    }

    #[test]
    fn help_and_version_in_every_spelling() {
        assert_eq!(parsed(&["--help"]), Ok(Invocation::Help(None)));
        assert_eq!(parsed(&["-h"]), Ok(Invocation::Help(None)));
        assert_eq!(parsed(&["help"]), Ok(Invocation::Help(None)));
        assert_eq!(
            parsed(&["help", "run"]),
            Ok(Invocation::Help(Some(Verb::Run)))
        );
        assert_eq!(
            parsed(&["run", "--help"]),
            Ok(Invocation::Help(Some(Verb::Run)))
        );
        assert_eq!(
            parsed(&["test", "a.json", "-h"]),
            Ok(Invocation::Help(Some(Verb::Test)))
        );
        assert_eq!(parsed(&["--version"]), Ok(Invocation::Version));
        assert_eq!(parsed(&["-V"]), Ok(Invocation::Version));
    }

    #[test]
    fn files_dash_and_double_dash() {
        assert_eq!(
            parsed(&["run", "--summary", "-"]),
            Ok(Invocation::Run {
                summary: true,
                file: "-".into()
            })
        );
        assert_eq!(
            parsed(&["run", "--", "--help"]),
            Ok(Invocation::Run {
                summary: false,
                file: "--help".into()
            })
        );
        assert_eq!(
            parsed(&["check", "a.json", "b.json"]),
            Ok(Invocation::Check {
                files: vec!["a.json".into(), "b.json".into()]
            })
        );
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(parsed(&[]), Err(UsageError::NoVerb));
        assert_eq!(
            parsed(&["frob"]),
            Err(UsageError::UnknownVerb("frob".into()))
        );
        assert_eq!(parsed(&["run", "a", "b"]), Err(UsageError::TooManyFiles(2)));
        assert!(matches!(
            parsed(&["check"]),
            Err(UsageError::MissingFile { verb: "check", .. })
        ));
        assert!(
            matches!(parsed(&["check", "--summary", "a"]), Err(UsageError::Parse(m)) if m.contains("--summary"))
        );
        assert!(matches!(
            parsed(&["help", "frob"]),
            Err(UsageError::UnknownVerb(_))
        ));
    }
}
