//! The command line, read with lexopt into an [`Invocation`].

use std::ffi::OsString;

use lexopt::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Run,
    Check,
    Test,
    Export,
    Import,
}

impl Verb {
    fn named(name: &str) -> Option<Verb> {
        match name {
            "run" => Some(Verb::Run),
            "check" => Some(Verb::Check),
            "test" => Some(Verb::Test),
            "export" => Some(Verb::Export),
            "import" => Some(Verb::Import),
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
    /// `export bpmn FILE [--workflow ID]`: the BPMN 2.0 XML.
    ExportBpmn {
        file: String,
        workflow: Option<String>,
    },
    /// `export mermaid FILE [--workflow ID]`: a Mermaid flowchart.
    ExportMermaid {
        file: String,
        workflow: Option<String>,
    },
    /// `import bpmn FILE`: a workflow file.
    ImportBpmn {
        file: String,
    },
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UsageError {
    #[error("no command given")]
    NoVerb,
    #[error("unknown command `{0}` (expected run, check, test, export, import or help)")]
    UnknownVerb(String),
    #[error("`{verb}` needs {what}")]
    MissingFile {
        verb: &'static str,
        what: &'static str,
    },
    #[error("`run` takes one file, got {0}")]
    TooManyFiles(usize),
    #[error("`{verb}` knows {known}, not `{found}`")]
    UnknownFormat {
        verb: &'static str,
        known: &'static str,
        found: String,
    },
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
    let mut workflow = None;
    let mut files = Vec::new();
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(Invocation::Help(Some(verb))),
            Long("summary") if verb == Verb::Run => summary = true,
            Long("workflow") if verb == Verb::Export => workflow = Some(text(parser.value()?)?),
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
        Verb::Export | Verb::Import => {
            let name = if verb == Verb::Export {
                "export"
            } else {
                "import"
            };
            let what = if verb == Verb::Export {
                "a format and a file: export bpmn FILE.json (or export mermaid)"
            } else {
                "a format and a file: import bpmn FILE.bpmn"
            };
            let export = verb == Verb::Export;
            match files.as_slice() {
                [format, file] if export && format == "bpmn" => Ok(Invocation::ExportBpmn {
                    file: file.clone(),
                    workflow,
                }),
                [format, file] if export && format == "mermaid" => Ok(Invocation::ExportMermaid {
                    file: file.clone(),
                    workflow,
                }),
                [format, file] if !export && format == "bpmn" => {
                    Ok(Invocation::ImportBpmn { file: file.clone() })
                }
                [format, _] => Err(UsageError::UnknownFormat {
                    verb: name,
                    known: if export {
                        "the formats bpmn and mermaid"
                    } else {
                        "the format bpmn"
                    },
                    found: format.clone(),
                }),
                [] | [_] => Err(UsageError::MissingFile { verb: name, what }),
                more => Err(UsageError::TooManyFiles(more.len() - 1)),
            }
        }
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
    fn export_and_import_bpmn() {
        assert_eq!(
            parsed(&["export", "bpmn", "a.json", "--workflow", "w"]),
            Ok(Invocation::ExportBpmn {
                file: "a.json".into(),
                workflow: Some("w".into())
            })
        );
        assert_eq!(
            parsed(&["import", "bpmn", "a.bpmn"]),
            Ok(Invocation::ImportBpmn {
                file: "a.bpmn".into()
            })
        );
        assert_eq!(
            parsed(&["export", "mermaid", "a.json"]),
            Ok(Invocation::ExportMermaid {
                file: "a.json".into(),
                workflow: None
            })
        );
        assert!(matches!(
            parsed(&["import", "mermaid", "a.mmd"]),
            Err(UsageError::UnknownFormat { verb: "import", .. })
        ));
        assert!(matches!(
            parsed(&["export", "svg", "a.json"]),
            Err(UsageError::UnknownFormat { verb: "export", .. })
        ));
        assert!(matches!(
            parsed(&["import", "bpmn"]),
            Err(UsageError::MissingFile { verb: "import", .. })
        ));
        assert!(matches!(
            parsed(&["import", "bpmn", "a", "--workflow", "w"]),
            Err(UsageError::Parse(_))
        ));
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
