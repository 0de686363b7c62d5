//! Modules depend downwards: no top-level module of `src/` reaches, through
//! `crate::` paths, a module that reaches it back. The sources are read as
//! text (comment lines skipped); a `use crate::{a, b::c}` group counts each
//! of its names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ reads") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module names a file's text reaches through `crate::`.
fn reached(text: &str) -> BTreeSet<String> {
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let after = &code[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        out.insert(ident(&group[j..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(after));
        }
    }
    out
}

fn graph(src: &Path) -> Graph {
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(src).expect("src/ reads") {
        let path = entry.expect("an entry").path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() || path.extension().is_some_and(|e| e == "rs") {
            modules.insert(name);
        }
    }
    modules.remove("lib");
    modules.remove("main");
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut graph: Graph = modules
        .iter()
        .map(|m| (m.clone(), BTreeMap::new()))
        .collect();
    for file in files {
        let relative = file.strip_prefix(src).unwrap();
        let top = relative.iter().next().unwrap().to_string_lossy();
        let top = top.trim_end_matches(".rs").to_owned();
        let Some(edges) = graph.get_mut(&top) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("a source reads");
        for to in reached(&text) {
            if to != top && modules.contains(&to) {
                edges
                    .entry(to)
                    .or_default()
                    .insert(relative.display().to_string());
            }
        }
    }
    graph
}

/// One cycle as `a -> b (file) -> … -> a`, if there is any.
fn a_cycle(graph: &Graph) -> Option<String> {
    fn visit(
        graph: &Graph,
        node: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<String> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            let steps: Vec<String> = cycle
                .windows(2)
                .map(|w| {
                    let files = &graph[&w[0]][&w[1]];
                    let files: Vec<&str> = files.iter().map(String::as_str).collect();
                    format!("{} -> {} ({})", w[0], w[1], files.join(", "))
                })
                .collect();
            return Some(steps.join("; "));
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph[node].keys() {
            if let Some(found) = visit(graph, next, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(graph, node, &mut Vec::new(), &mut done))
}

#[test]
fn no_top_level_module_reaches_itself_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph(&src);
    assert!(graph.len() > 10, "the modules of src/ were found");
    assert!(graph["components"].contains_key("host"), "edges were found");
    if let Some(cycle) = a_cycle(&graph) {
        panic!("a module cycle: {cycle}");
    }
}

#[test]
fn a_cycle_is_found_and_named() {
    let text = "use crate::{b::x, c};\n// crate::d\nfn f() { crate::e::g(); }";
    let names: Vec<String> = reached(text).into_iter().collect();
    assert_eq!(names, ["b", "c", "e"]);
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")] {
        graph
            .entry(from.to_owned())
            .or_default()
            .entry(to.to_owned())
            .or_default()
            .insert(format!("{from}.rs"));
    }
    assert_eq!(
        a_cycle(&graph).as_deref(),
        Some("a -> b (a.rs); b -> c (b.rs); c -> a (c.rs)")
    );
    graph.get_mut("c").unwrap().clear();
    assert_eq!(a_cycle(&graph), None);
}
