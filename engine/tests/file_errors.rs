//! The error contract of scenario-format.md: syntax errors at line:column,
//! every other refusal at its JSON path, with a message that says what is
//! wrong. Incomplete drafts are not file errors (they are publish errors).

use flowlab_engine::model::StepBody;
use flowlab_engine::scenario::{parse_scenario, parse_workflow_file, FileError, Location, Problem};
use serde_json::{json, Value};

/// A valid scenario with `patch`'s fields replacing or adding top-level ones.
fn scenario(patch: Value) -> Value {
    let mut base = json!({
        "format": "flowlab-scenario/1",
        "run_until": "1d",
        "contacts": [{"id": "c1", "email": "ada@example.com"}],
        "workflows": [{"id": "w", "steps": [{"id": "s1", "kind": "end"}]}]
    });
    base.as_object_mut()
        .unwrap()
        .extend(patch.as_object().unwrap().clone());
    base
}

fn with_steps(steps: Value) -> Value {
    scenario(json!({"workflows": [{"id": "w", "steps": steps}]}))
}

fn refused(file: Value) -> FileError {
    match parse_scenario("case.json", &serde_json::to_string_pretty(&file).unwrap()) {
        Ok(_) => panic!("should be refused: {file}"),
        Err(e) => e,
    }
}

fn assert_at(error: &FileError, path: &str, words: &str) {
    assert_eq!(error.location, Location::Path(path.into()), "{error}");
    let text = error.to_string();
    assert!(text.contains(words), "{text:?} should say {words:?}");
    assert!(
        text.starts_with("case.json: "),
        "{text:?} should name the file"
    );
}

#[test]
fn syntax_errors_give_line_and_column() {
    let text =
        "{\n  \"format\": \"flowlab-scenario/1\",\n  \"seed\": 7,,\n  \"run_until\": \"1d\"\n}\n";
    let error = parse_scenario("bad.json", text).unwrap_err();
    assert_eq!(
        error.location,
        Location::LineColumn {
            line: 3,
            column: 13
        }
    );
    assert!(matches!(error.problem, Problem::Syntax(_)));
    assert!(
        error
            .to_string()
            .starts_with("bad.json: 3:13: JSON syntax error"),
        "{error}"
    );

    let missing_comma = "{\n  \"workflows\": [\n    {\"id\": \"w\" \"steps\": []}\n  ]\n}";
    let error = parse_scenario("bad.json", missing_comma).unwrap_err();
    assert_eq!(
        error.location,
        Location::LineColumn {
            line: 3,
            column: 16
        },
        "{error}"
    );
}

#[test]
fn a_truncated_file_points_at_its_end() {
    let text = "{\n  \"format\": \"flowlab-scenario/1\",\n  \"workflows\": [\n";
    let error = parse_scenario("cut.json", text).unwrap_err();
    assert_eq!(
        error.location,
        Location::LineColumn { line: 4, column: 1 },
        "{error}"
    );
    assert!(error.to_string().contains("EOF"), "{error}");
}

#[test]
fn an_unknown_top_level_field_is_refused() {
    let error = refused(scenario(json!({"seeds": 7})));
    assert_at(&error, "", "unknown field `seeds`");
    assert!(matches!(&error.problem, Problem::UnknownField { field, .. } if field == "seeds"));
}

#[test]
fn a_missing_required_top_level_field_is_refused() {
    let mut file = scenario(json!({}));
    file.as_object_mut().unwrap().remove("run_until");
    assert_at(&refused(file), "", "missing field `run_until`");
}

#[test]
fn an_unknown_step_field_is_refused_at_the_step() {
    let error = refused(with_steps(json!([
        {"id": "s1", "kind": "wait", "duration": "1h"},
        {"id": "s2", "kind": "end", "colour": "red"}
    ])));
    assert_at(&error, "workflows[0].steps[1]", "unknown field `colour`");
}

#[test]
fn goto_on_a_wait_is_refused() {
    let error = refused(with_steps(json!([
        {"id": "s1", "kind": "end"},
        {"id": "s2", "kind": "wait", "duration": "1h", "goto": "s1"}
    ])));
    assert_at(&error, "workflows[0].steps[1]", "`goto`");
    assert!(matches!(&error.problem, Problem::UnknownField { field, .. } if field == "goto"));
}

#[test]
fn a_field_of_another_step_kind_is_refused() {
    let error = refused(with_steps(json!([
        {"id": "s1", "kind": "condition", "filter": {"tag": "x"}, "yes": "s1", "no": "s1", "duration": "5m"}
    ])));
    assert_at(
        &error,
        "workflows[0].steps[0]",
        "`duration` is not a field of a `condition` step",
    );

    let error = refused(with_steps(json!([
        {"id": "s1", "kind": "end"},
        {"id": "s2", "kind": "wait", "duration": "1h", "on_fail": {"action": "continue"}}
    ])));
    assert_at(
        &error,
        "workflows[0].steps[1]",
        "`on_fail` is not a field of a `wait` step",
    );
}

#[test]
fn values_of_the_wrong_type_are_refused_at_their_path() {
    let error = refused(with_steps(json!([
        {"id": "s1", "kind": "action", "action": "email", "retry": {"max_attempts": "3"}}
    ])));
    assert_at(
        &error,
        "workflows[0].steps[0].retry.max_attempts",
        "expected an integer, found string \"3\"",
    );

    let error = refused(with_steps(json!([
        {"id": "s1", "kind": "wait", "duration": "1h"},
        {"id": "s2", "kind": "end", "next": 5}
    ])));
    assert_at(
        &error,
        "workflows[0].steps[1].next",
        "expected a step id or null, found number 5",
    );

    let error = refused(scenario(
        json!({"workflows": [{"id": "w", "settings": {"auto_ack": "yes"}, "steps": []}]}),
    ));
    assert_at(&error, "workflows[0].settings.auto_ack", "true or false");
}

#[test]
fn negative_durations_are_refused() {
    let error = refused(with_steps(
        json!([{"id": "s1", "kind": "wait", "duration": -5}]),
    ));
    assert_at(&error, "workflows[0].steps[0].duration", "non-negative");

    let error = refused(with_steps(
        json!([{"id": "s1", "kind": "wait", "duration": "-5m"}]),
    ));
    assert_at(
        &error,
        "workflows[0].steps[0].duration",
        "`-5m` is negative",
    );

    let error = refused(with_steps(json!([
        {"id": "s1", "kind": "action", "action": "sms", "duration": {"min": "-1s", "max": "5s"}}
    ])));
    assert_at(&error, "workflows[0].steps[0].duration.min", "negative");
}

#[test]
fn a_malformed_duration_is_refused() {
    let error = refused(with_steps(
        json!([{"id": "s1", "kind": "wait", "duration": "5 minutes"}]),
    ));
    assert_at(
        &error,
        "workflows[0].steps[0].duration",
        "`5 minutes` is not a duration",
    );

    let error = refused(scenario(json!({"run_until": "3 days"})));
    assert_at(&error, "run_until", "`3 days` is not a duration");
}

#[test]
fn a_run_until_beyond_ten_years_is_refused() {
    let error = refused(scenario(json!({"run_until": 1_u64 << 63})));
    assert_at(
        &error,
        "run_until",
        "must be at most 3650d (ten years), not 106751991167d",
    );
    let error = refused(scenario(json!({"run_until": "3650d1ms"})));
    assert_at(&error, "run_until", "not 3650d1ms");
    let file = scenario(json!({"run_until": "3650d"}));
    parse_scenario("ok.json", &file.to_string()).expect("ten years is allowed");
}

#[test]
fn an_unknown_step_kind_is_refused() {
    let error = refused(with_steps(json!([{"id": "s1", "kind": "loop"}])));
    assert_at(&error, "workflows[0].steps[0].kind", "`loop` is not one of");
    assert!(
        error.to_string().contains("action, wait, condition"),
        "{error}"
    );
}

#[test]
fn an_unknown_script_command_is_refused_at_its_do() {
    let error = refused(scenario(json!({"script": [
        {"at": 0, "do": "publish", "workflow": "w"},
        {"at": "1m", "do": "activate", "workflow": "w"},
        {"at": "30s", "do": "launch", "workflow": "w"}
    ]})));
    assert_at(&error, "script[2].do", "`launch` is not one of");
}

#[test]
fn an_unknown_field_of_a_script_command_is_refused() {
    let error = refused(scenario(
        json!({"script": [{"at": 0, "do": "pause", "workflow": "w", "note": "why"}]}),
    ));
    assert_at(&error, "script[0]", "unknown field `note`");
}

#[test]
fn a_bad_format_is_refused() {
    let error = refused(scenario(json!({"format": "flowlab-scenario/2"})));
    assert_at(&error, "format", "unsupported format `flowlab-scenario/2`");
    let error = refused(scenario(
        json!({"format": "flowlab-scenario/2", "hello": 1}),
    ));
    assert_at(&error, "format", "unsupported format `flowlab-scenario/2`");
}

#[test]
fn a_file_that_is_not_a_flowlab_file_says_so_then_where() {
    let text = "{\n  \"format\": \"something-else/3\",\n  \"hello\": \"world\"\n}\n";
    let error = parse_scenario("other.json", text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "other.json: This is not a Flowlab file: its `format` is `something-else/3`, not `flowlab-scenario/1`, at line 2, column 3"
    );

    let csv = "name,email\nada,ada@example.com\n";
    let error = parse_scenario("people.csv", csv).unwrap_err();
    assert_eq!(
        error.to_string(),
        "people.csv: This is not a Flowlab file: it is not JSON, at line 1, column 2"
    );
    let error = parse_workflow_file("people.csv", csv).unwrap_err();
    assert!(
        error.to_string().starts_with(
            "people.csv: This is not a Flowlab file: it is not JSON, at line 1, column 2"
        ),
        "{error}"
    );

    let error = parse_scenario("empty.json", "\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "empty.json: This is not a Flowlab file: it is empty"
    );

    let error = parse_scenario("list.json", "[1, 2]").unwrap_err();
    assert_eq!(
        error.to_string(),
        "list.json: This is not a Flowlab file: it holds an array, not an object, at line 1, column 1"
    );
    let error = parse_workflow_file("package.json", "{\"name\": \"x\", \"hello\": 1}").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("package.json: This is not a Flowlab file: it has no `format`"),
        "{error}"
    );
}

#[test]
fn duplicate_ids_are_refused_at_the_repeat() {
    let error = refused(scenario(
        json!({"contacts": [{"id": "c1"}, {"id": "c2"}, {"id": "c1"}]}),
    ));
    assert_at(&error, "contacts[2].id", "two contacts have the id `c1`");

    let error = refused(scenario(json!({"workflows": [{"id": "w"}, {"id": "w"}]})));
    assert_at(&error, "workflows[1].id", "two workflows have the id `w`");
}

#[test]
fn an_incomplete_draft_parses() {
    let file = with_steps(json!([
        {"id": "s1", "kind": "action"},
        {"id": "s2", "kind": "wait"},
        {"id": "s3", "kind": "condition"},
        {"id": "s4", "kind": "approval"},
        {"id": "s5", "kind": "enroll"}
    ]));
    let scenario =
        parse_scenario("draft.json", &file.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let steps = &scenario.workflows[0].steps;
    assert!(matches!(&steps[0].body, StepBody::Action(a) if a.action.is_none()));
    assert!(matches!(&steps[1].body, StepBody::Wait(w) if w.duration.is_none()));
    assert_eq!(steps.len(), 5);
}

#[test]
fn a_workflow_file_reports_paths_from_its_root() {
    let text = json!({"id": "w", "steps": [
        {"id": "s1", "kind": "wait", "duration": "1h"},
        {"id": "s2", "kind": "action", "action": "fax"}
    ]})
    .to_string();
    let error = parse_workflow_file("w.json", &text).unwrap_err();
    assert_eq!(
        error.location,
        Location::Path("steps[1].action".into()),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .starts_with("w.json: steps[1].action: `fax` is not one of"),
        "{error}"
    );

    let incomplete =
        json!({"id": "w", "steps": [{"id": "s1", "kind": "action"}, {"id": "s2", "kind": "wait"}]});
    let draft =
        parse_workflow_file("w.json", &incomplete.to_string()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(draft.steps.len(), 2);

    let error = parse_workflow_file("w.json", "{\"id\": \"w\",\n \"steps\": [}").unwrap_err();
    assert_eq!(
        error.location,
        Location::LineColumn {
            line: 2,
            column: 12
        },
        "{error}"
    );
}

#[test]
fn retry_days_are_whole_days() {
    for field in ["retry_interval_days", "max_retry_days"] {
        let mut on_fail = json!({"action": "retry"});
        on_fail[field] = json!(1.5);
        let e = refused(with_steps(json!([
            {"id": "s1", "kind": "action", "action": "email", "on_fail": on_fail}
        ])));
        assert_at(
            &e,
            &format!("workflows[0].steps[0].on_fail.{field}"),
            "integer",
        );
    }
}
