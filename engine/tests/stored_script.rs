//! The app reads back only the script of the scenario it stored.

mod common;

use flowlab_engine::scenario::parse_script;

#[test]
fn the_script_alone_is_the_script_of_the_whole_scenario() {
    let mut with_script = 0;
    for (file, scenario) in common::all_scenarios() {
        let text = std::fs::read_to_string(&file).unwrap();
        let script = parse_script("workspace", &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(script, scenario.script, "{}", file.display());
        with_script += usize::from(!script.is_empty());
    }
    assert!(
        with_script > 5,
        "only {with_script} scenarios have a script"
    );
}

#[test]
fn a_bad_script_entry_is_named() {
    let e = parse_script(
        "workspace",
        r#"{"script": [{"at": 0, "do": "publish", "workflow": "w1"}, {"at": "soon", "do": "pause"}]}"#,
    )
    .expect_err("a bad time");
    assert!(e.to_string().contains("script[1]"), "{e}");
}
