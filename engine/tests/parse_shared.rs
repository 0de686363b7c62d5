//! Every scenario shipped in `shared/` parses.

use std::path::Path;

use flowlab_engine::scenario::parse_scenario;

fn shared_files(dir: &str) -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared").join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn shared_scenarios_and_benchmarks_parse() {
    let mut files = shared_files("scenarios");
    files.extend(shared_files("bench"));
    assert!(files.len() >= 5, "expected the shared scenarios, found {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let scenario = parse_scenario(&file.display().to_string(), &text).unwrap_or_else(|e| panic!("{e}"));
        assert!(!scenario.workflows.is_empty(), "{}", file.display());
    }
}
