//! Errors the engine writes in English, in the page's language: the same
//! values, the words around them translated.

use flowlab_engine::bpmn::ImportError as BpmnError;
use flowlab_engine::scenario::{FileError, Location, Problem};
use flowlab_engine::time::DurationError;

use crate::i18n::{en, fill, tr};
use crate::t;

/// The engine's reasons for refusing a command (`command_rejected`), with
/// their values as named holes.
const REJECTIONS: &[&str] = &[
    en("`{id}` is {status}: it takes no enrollments"),
    en("`{workflow}` has no version {version} (it has {count})"),
    en("`{workflow}` has no version {number}"),
    en("a contact `{id}` already exists"),
    en("a rollback of {execution} is already running"),
    en("a workflow `{id}` already exists"),
    en("cannot publish a workflow that is {status}"),
    en("cannot redo in `{workflow}`: {reason}"),
    en("cannot undo in `{workflow}`: {reason}"),
    en("edit {i} of {n} (`{op}`) does not apply: {reason}"),
    en("no changes since version {n}"),
    en("no contact `{id}`: nothing was enrolled"),
    en("no contact `{id}`"),
    en("no execution `{id}`"),
    en("no execution has reached `{step}` of `{workflow}` v{number} yet"),
    en("no operator `{operator}`"),
    en("no shared approval is open there"),
    en("nothing to redo in `{workflow}`"),
    en("nothing to undo in `{workflow}`"),
    en("no workflow `{id}`"),
    en("operator `{operator}` is not in group `{group}`"),
    en("step `{step}` is not an approval with scope workflow"),
    en("the approval of {execution} is already decided"),
    en("the draft has {n} error(s): {list}"),
    en("the gesture has no commands"),
    en("the new contact needs an id"),
    en("the new workflow needs an id"),
    en("this approval is already decided"),
    en("version {number} of `{workflow}` has no step `{step}`"),
    en("{execution} has already ended ({state})"),
    en("{execution} has no exhausted compensation to run again"),
    en("{execution} is already acknowledged ({state})"),
    en("{execution} is {state}: only FAILED_UNSAFE can be rolled back"),
    en("{execution} is {state}: only an ended execution can be acknowledged"),
    en("{execution} is {state}, not waiting for a decision"),
];

/// Why the engine refused a command, in the page's language; a reason it
/// does not know stays as the engine wrote it.
pub fn rejection(reason: &str) -> String {
    known(REJECTIONS, reason)
}

/// Phrases inside the engine's file problems: what it expected or found, and
/// why a file is not a Flowlab file.
const PHRASES: &[&str] = &[
    en("a string"),
    en("a number"),
    en("an integer"),
    en("a non-negative integer"),
    en("an array"),
    en("an object"),
    en("an array of steps"),
    en("an object of trace fields"),
    en("a step id or null"),
    en("a string, number, boolean or null"),
    en("true or false"),
    en("null"),
    en("boolean {value}"),
    en("number {value}"),
    en("string {value}"),
    en("it is empty"),
    en("it is not JSON"),
    en("it holds {what}, not an object"),
    en("its `format` is `{format}`, not `{expected}`"),
    en("it has no `format`; a Flowlab scenario says \"format\": \"{format}\""),
    en("it has no `format` (as a scenario or a workspace has) and no `id` or `steps` (as a workflow has)"),
    // What is wrong with a value, and a FEEL condition's problem
    en("`edit` needs `steps`, `settings` or `trigger`"),
    en("`exists` takes no `value`"),
    en("`{value}` is negative: a duration is 0 or more"),
    en("a `count` takes exactly one of `equals`, `at_least`, `at_most`"),
    en("a duration must be a non-negative whole number of milliseconds, not {n}"),
    en("a fault has exactly one of `fail_first`, `probability`, `always`"),
    en("a filter has one of `attribute`, `tag`, `all`, `any`, `not`"),
    en("a ratio between 0 and 1, not {v}"),
    en("a share between 0 and 1, not {share}"),
    en("a version number is 1 or more, not {n}"),
    en("an expectation is one of `event`, `no_event`, `count`, `final_state`"),
    en("at most {n} contacts can be generated"),
    en("name either `execution`, or `workflow` and `step`, not both"),
    en("two {what}s have the id `{id}`"),
    en("must be at most {max} (ten years), not {value}"),
    en("`!` alone is not an operator"),
    en("a string is not closed"),
    en("bad string {raw}"),
    en("bad number {raw}"),
    en("unexpected `{token}`"),
    en("expected `{want}`, found `{got}`"),
    en("expected a tag in quotes, found `{got}`"),
    en("expected a comparison after `{attribute}`, found `{got}`"),
    en("expected a value, found `{got}`"),
];

/// `text` in the page's language if it is one of `templates` (its values
/// kept), else as it is.
fn known(templates: &[&'static str], text: &str) -> String {
    templates
        .iter()
        .find_map(|template| {
            let values = unfill(template, text)?;
            let values: Vec<(&str, String)> = values
                .into_iter()
                .map(|(n, v)| (n, known(PHRASES, &v)))
                .collect();
            let args: Vec<(&str, &dyn std::fmt::Display)> = values
                .iter()
                .map(|(n, v)| (*n, v as &dyn std::fmt::Display))
                .collect();
            Some(fill(tr(template), &args))
        })
        .unwrap_or_else(|| text.to_owned())
}

/// A refused file, in the page's language: the same file, place and values
/// as the engine's message, the words around them translated.
pub fn file_error(e: &FileError) -> String {
    let problem = problem(&e.problem);
    match (&e.problem, &e.location) {
        (Problem::NotFlowlab(_), Location::LineColumn { line, column }) => t!(
            "{file}: {problem}, at line {line}, column {column}",
            file = e.file,
            problem = problem,
            line = line,
            column = column
        ),
        (_, Location::LineColumn { line, column }) => {
            format!("{}: {line}:{column}: {problem}", e.file)
        }
        (_, Location::Path(path)) if !path.is_empty() => format!("{}: {path}: {problem}", e.file),
        _ => format!("{}: {problem}", e.file),
    }
}

fn problem(p: &Problem) -> String {
    match p {
        Problem::NotFlowlab(why) => t!(
            "This is not a Flowlab file: {why}",
            why = known(PHRASES, why)
        ),
        Problem::Syntax(detail) => t!("JSON syntax error: {detail}", detail = detail),
        Problem::TooLarge { size, limit } => t!(
            "the file is {size} bytes, over the limit of {limit} bytes",
            size = crate::i18n::num(*size as u64),
            limit = crate::i18n::num(*limit as u64)
        ),
        Problem::NotUtf8 { byte } => t!(
            "the file is not UTF-8 text (byte 0x{byte}); save it as UTF-8",
            byte = format!("{byte:02X}")
        ),
        Problem::DuplicateKey { path, key } if path.is_empty() => t!(
            "key `{key}` is written twice in the top-level object",
            key = key
        ),
        Problem::DuplicateKey { path, key } => t!(
            "key `{key}` is written twice in the object at {path}",
            key = key,
            path = path
        ),
        Problem::UnknownField { field, expected } => t!(
            "unknown field `{field}` (expected one of: {expected})",
            field = field,
            expected = expected
        ),
        Problem::FieldOfOtherKind { field, kind } => t!(
            "`{field}` is not a field of a `{kind}` step",
            field = field,
            kind = kind
        ),
        Problem::Missing(field) => t!("missing field `{field}`", field = field),
        Problem::WrongType { expected, found } => t!(
            "expected {expected}, found {found}",
            expected = known(PHRASES, expected),
            found = known(PHRASES, found)
        ),
        Problem::Duration(e) => duration_error(e),
        Problem::NotOneOf { value, expected } => t!(
            "`{value}` is not one of: {expected}",
            value = value,
            expected = expected
        ),
        Problem::Format(f) => t!(
            "unsupported format `{format}`: this version reads `flowlab-scenario/1`",
            format = f
        ),
        Problem::Invalid(why) => known(PHRASES, why),
    }
}

/// Why the BPMN importer refused an element, with its values as holes.
const BPMN_REASONS: &[&str] = &[
    en("a compensation boundary event has no outgoing sequence flow: link its handler by an association"),
    en("a compensation boundary event needs one association to its handler, it has {n}"),
    en("a compensation handler is linked by an association, not by sequence flows"),
    en("a compensation handler must be a service task marked for compensation (isForCompensation) (a compensation is an action)"),
    en("a compensation handler needs an association from a compensation boundary event on a service task"),
    en("a compensation handler undoes one step: it is associated with more than one compensation boundary event"),
    en("a plain task has no kind: make it a service task (an action) or a user task (an approval)"),
    en("a second compensation boundary event on `{host}`: a step has one compensation"),
    en("a second process: Flowlab imports a file with one process"),
    en("a second start event: a workflow starts in one place"),
    en("a throw event has no Flowlab equivalent (Flowlab runs the compensations itself when a step's fail action is fail_workflow)"),
    en("a timer needs a duration (timeDuration); dates and cycles have no Flowlab equivalent"),
    en("a timer start needs the Flowlab extension's trigger (Flowlab starts by a tag or an audience, not on a schedule)"),
    en("boundary events are supported as errors and compensations on service tasks and timers on user tasks"),
    en("more than one outgoing flow: a user task goes on to one step (put an exclusive gateway after it)"),
    en("neither outgoing flow has a condition: one needs the filter in FEEL"),
    en("not a BPMN element"),
    en("not a timer"),
    en("only timer catch events (a wait) are supported"),
    en("`{name}` has no Flowlab equivalent (a workflow is one process)"),
    en("`{name}` has no Flowlab equivalent"),
    en("`{text}` is not an ISO 8601 duration in days, hours, minutes and seconds"),
    en("a start event of type {types} has no Flowlab trigger (plain, timer or conditional starts only)"),
    en("an end event of type {types} has no Flowlab equivalent"),
    en("retries `{retries}` is not a whole number"),
    en("task type `{type}` is not an action kind (email, sms, webhook, update)"),
    en("{n} outgoing flows: a {what} goes to one next step (use an exclusive gateway to branch)"),
    en("{n} outgoing flows: an exclusive gateway needs two, one with a condition (yes) and one without or the default (no)"),
    en("`{expression}` is not a condition Flowlab reads: {reason}"),
    en("its root element is `{name}`, not BPMN's `definitions`"),
    en("it has no process"),
];

/// Why a BPMN file was refused, in the page's language.
pub fn bpmn_error(e: &BpmnError) -> String {
    match e {
        BpmnError::Xml(why) => t!("the file is not XML: {why}", why = why),
        BpmnError::NotBpmn(why) => t!(
            "the file is not BPMN 2.0: {why}",
            why = known(BPMN_REASONS, why)
        ),
        BpmnError::Unsupported {
            id,
            element,
            reason,
        } => format!("`{id}` ({element}): {}", known(BPMN_REASONS, reason)),
        BpmnError::Extension { id, reason } => t!(
            "the Flowlab extension of `{id}` is not a JSON object: {reason}",
            id = id,
            reason = reason
        ),
        BpmnError::Workflow(why) => t!(
            "the workflow made from the file is not valid: {why}",
            why = why
        ),
    }
}

/// The values of `template`'s `{holes}` that make it `text`, if any.
fn unfill<'t>(template: &'t str, text: &str) -> Option<Vec<(&'t str, String)>> {
    match template.find('{') {
        None => (template == text).then(Vec::new),
        Some(open) => {
            let rest = text.strip_prefix(&template[..open])?;
            let close = open + template[open..].find('}')?;
            let name = &template[open + 1..close];
            let after = &template[close + 1..];
            let literal_end = after.find('{').unwrap_or(after.len());
            let literal = &after[..literal_end];
            for (at, _) in rest.match_indices(literal).filter(|(at, _)| *at > 0) {
                if literal.is_empty() && after.is_empty() {
                    break;
                }
                if let Some(mut values) = unfill(after, &rest[at..]) {
                    values.insert(0, (name, rest[..at].to_owned()));
                    return Some(values);
                }
            }
            (after.is_empty() && !rest.is_empty()).then(|| vec![(name, rest.to_owned())])
        }
    }
}

/// A duration's error in the page's language.
pub fn duration_error(e: &DurationError) -> String {
    match e {
        DurationError::Empty => tr("empty duration").to_string(),
        DurationError::Syntax(text) => t!("`{text}` is not a duration: expected an integer followed by ms, s, m, h or d, e.g. \"90s\" or \"1d2h\"",
            text = text
        ),
        DurationError::Overflow(text) => t!("duration `{text}` is too large", text = text),
        DurationError::ClockSyntax(text) => t!("`{text}` is not a clock time: expected \"HH:MM\" between 00:00 and 23:59",
            text = text
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{set_current, Lang};

    #[test]
    fn a_template_gives_back_the_values_that_filled_it() {
        assert_eq!(
            unfill(
                "operator `{operator}` is not in group `{group}`",
                "operator `op3` is not in group `marketing-leads`"
            ),
            Some(vec![
                ("operator", "op3".into()),
                ("group", "marketing-leads".into())
            ])
        );
        assert_eq!(
            unfill(
                "{execution} has already ended ({state})",
                "e12 has already ended (COMPLETED)"
            ),
            Some(vec![
                ("execution", "e12".into()),
                ("state", "COMPLETED".into())
            ])
        );
        assert_eq!(
            unfill("no changes since version {n}", "no changes since version 3"),
            Some(vec![("n", "3".into())])
        );
        assert_eq!(
            unfill(
                "this approval is already decided",
                "this approval is already decided"
            ),
            Some(vec![])
        );
        assert_eq!(
            unfill("no contact `{id}`", "no contact `c1`: nothing was enrolled"),
            None
        );
        assert_eq!(
            unfill("no changes since version {n}", "no changes since"),
            None
        );
    }

    #[test]
    fn a_refused_file_reads_as_the_engine_wrote_it_in_english_and_in_french_otherwise() {
        use flowlab_engine::scenario::parse_scenario;
        let bad = [
            ("empty.json", ""),
            ("list.json", "[1, 2]"),
            ("csv.json", "name,email"),
            ("other.json", "{\"format\": \"something-else/3\"}"),
            (
                "twice.json",
                "{\"format\": \"flowlab-scenario/1\", \"seed\": 1, \"seed\": 2}",
            ),
            (
                "type.json",
                "{\"format\": \"flowlab-scenario/1\", \"run_until\": \"1d\", \"workflows\": 3}",
            ),
            (
                "field.json",
                "{\"format\": \"flowlab-scenario/1\", \"run_until\": \"1d\", \"nope\": 1}",
            ),
            (
                "until.json",
                "{\"format\": \"flowlab-scenario/1\", \"run_until\": \"soon\"}",
            ),
        ];
        for (file, text) in bad {
            let e = parse_scenario(file, text).expect_err(file);
            set_current(Lang::En);
            assert_eq!(file_error(&e), e.to_string());
            set_current(Lang::Fr);
            let french = file_error(&e);
            set_current(Lang::En);
            assert_ne!(french, e.to_string(), "{file}");
            assert!(french.starts_with(file), "{french}");
        }
    }

    #[test]
    fn a_refused_bpmn_element_reads_in_french_with_its_id() {
        let text = r#"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
            <process id="p"><startEvent id="s"/><task id="plain"/></process></definitions>"#;
        let Err(e) = flowlab_engine::bpmn::import(text) else {
            panic!("a plain task is refused");
        };
        set_current(Lang::En);
        assert_eq!(bpmn_error(&e), e.to_string());
        set_current(Lang::Fr);
        let french = bpmn_error(&e);
        set_current(Lang::En);
        assert!(
            french.starts_with("`plain` (task): une tâche simple"),
            "{french}"
        );
    }

    #[test]
    fn refusals_read_in_french_with_their_values_and_unknown_ones_stay() {
        set_current(Lang::Fr);
        let said = rejection("operator `op3` is not in group `marketing-leads`");
        let unknown = rejection("something new went wrong");
        let specific = rejection("no contact `c9`: nothing was enrolled");
        set_current(Lang::En);
        assert!(
            said.contains("`op3`")
                && said.contains("`marketing-leads`")
                && !said.contains("operator"),
            "{said}"
        );
        assert_eq!(unknown, "something new went wrong");
        assert!(
            specific.contains("`c9`") && specific != "no contact `c9`: nothing was enrolled",
            "{specific}"
        );
        assert_eq!(
            rejection("no contact `c9`: nothing was enrolled"),
            "no contact `c9`: nothing was enrolled"
        );
    }

    #[test]
    fn english_is_the_engines_own_message_and_french_differs() {
        for e in [
            DurationError::Empty,
            DurationError::Syntax("2x".into()),
            DurationError::Overflow("9999999999999999999d".into()),
            DurationError::ClockSyntax("25:00".into()),
        ] {
            set_current(Lang::En);
            assert_eq!(duration_error(&e), e.to_string());
            set_current(Lang::Fr);
            assert_ne!(duration_error(&e), e.to_string());
        }
        set_current(Lang::En);
    }
}
