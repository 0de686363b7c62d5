//! No module of `src/editor/` uses one that uses it back: the modules'
//! `super::…` and `crate::editor::…` paths, read from the sources, make a
//! graph without cycles (a module's use of its own ancestors is not
//! counted: they declare it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

fn modules(dir: &Path, prefix: &Module, out: &mut BTreeMap<Module, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            let mut m = prefix.clone();
            m.push(name);
            modules(&path, &m, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut m = prefix.clone();
            if name != "mod" {
                m.push(name);
            }
            out.insert(m, std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// The modules each module's paths name.
fn graph(sources: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut edges = BTreeMap::new();
    for (m, text) in sources {
        let mut to = BTreeSet::new();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (head, base) in [("crate::editor::", Vec::new()), ("super::", parent(m))] {
                for (i, _) in line.match_indices(head) {
                    if head == "super::" && line[..i].ends_with("super::") {
                        continue;
                    }
                    let mut rest = &line[i + head.len()..];
                    let mut base = base.clone();
                    while let Some(r) = rest.strip_prefix("super::") {
                        rest = r;
                        base = parent(&base);
                    }
                    let segments = rest
                        .split("::")
                        .map(|s| s.split(|c: char| !(c.is_alphanumeric() || c == '_')).next())
                        .take_while(|s| s.is_some_and(|s| !s.is_empty()))
                        .map(|s| s.unwrap().to_string());
                    let mut path = base;
                    path.extend(segments);
                    let target = (1..=path.len())
                        .rev()
                        .map(|n| path[..n].to_vec())
                        .find(|p| sources.contains_key(p));
                    if let Some(t) = target {
                        if &t != m && !m.starts_with(&t) {
                            to.insert(t);
                        }
                    }
                }
            }
        }
        edges.insert(m.clone(), to);
    }
    edges
}

fn parent(m: &Module) -> Module {
    m[..m.len().saturating_sub(1)].to_vec()
}

/// A cycle of the graph, if it has one.
fn cycle(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    fn visit(
        m: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        done: &mut BTreeSet<Module>,
        stack: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        if let Some(i) = stack.iter().position(|s| s == m) {
            return Some(stack[i..].to_vec());
        }
        if !done.insert(m.clone()) {
            return None;
        }
        stack.push(m.clone());
        for next in edges.get(m).into_iter().flatten() {
            if let Some(c) = visit(next, edges, done, stack) {
                return Some(c);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|m| visit(m, edges, &mut done, &mut Vec::new()))
}

fn module(path: &str) -> Module {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_checker_sees_a_cycle_through_a_use_and_an_inline_path() {
    let sources = BTreeMap::from([
        (module(""), "mod a;\nmod b;".to_string()),
        (module("a"), "use super::b::f;".to_string()),
        (
            module("b"),
            "// super::a::g in a comment does not count\nfn f() {}".to_string(),
        ),
        (module("b/c"), "use super::super::a::g;".to_string()),
    ]);
    let edges = graph(&sources);
    assert_eq!(edges[&module("b/c")], BTreeSet::from([module("a")]));
    assert_eq!(cycle(&edges), None);
    let mut with_cycle = sources.clone();
    with_cycle.insert(module("b"), "fn f() { crate::editor::a::g() }".into());
    assert_eq!(
        cycle(&graph(&with_cycle)),
        Some(vec![module("a"), module("b")])
    );
}

#[test]
fn no_module_of_the_editor_uses_one_that_uses_it_back() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/editor");
    let mut sources = BTreeMap::new();
    modules(&dir, &Vec::new(), &mut sources);
    assert!(sources.len() > 40, "the editor's files were read");
    let edges = graph(&sources);
    assert!(
        edges[&module("screen")].contains(&module("canvas")),
        "the screen's uses are seen"
    );
    assert_eq!(cycle(&edges), None);
}
