//! Auto-layout: left to right in layers. Every step goes in the column of
//! its longest path from a start (links that go back are left out), and
//! each column is ordered so that steps sit near the ones they come from,
//! a condition's `yes` above its `no`.

use std::collections::HashMap;

use flowlab_engine::model::WorkflowDraft;

use super::geometry::{snap_point, Point, NODE_H, NODE_W};
use super::graph::{edges, out_ports};

pub const COLUMN: f64 = NODE_W + 80.0;
pub const ROW: f64 = NODE_H + 56.0;

/// A position for every step, in step order.
pub fn layered(draft: &WorkflowDraft) -> Vec<(String, Point)> {
    let n = draft.steps.len();
    if n == 0 {
        return Vec::new();
    }
    let index: HashMap<&str, usize> = draft
        .steps
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut by_port = edges(draft);
    by_port.sort_by_key(|e| {
        let from = index[e.from.as_str()];
        let slot = out_ports(&draft.steps[from])
            .iter()
            .position(|p| *p == e.port)
            .unwrap_or(usize::MAX);
        (from, slot)
    });
    for e in &by_port {
        succ[index[e.from.as_str()]].push(index[e.to.as_str()]);
    }

    // Depth-first from the first step, then from whatever is left, in list
    // order: preorder gives the initial order, and an edge to a step still
    // on the stack goes back.
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
    let mut preorder = Vec::with_capacity(n);
    let mut postorder = Vec::with_capacity(n);
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); n];
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        preorder.push(root);
        while let Some((v, i)) = stack.last_mut() {
            let v = *v;
            if let Some(&w) = succ[v].get(*i) {
                *i += 1;
                match state[w] {
                    0 => {
                        forward[v].push(w);
                        state[w] = 1;
                        preorder.push(w);
                        stack.push((w, 0));
                    }
                    2 => forward[v].push(w),
                    _ => {}
                }
            } else {
                state[v] = 2;
                postorder.push(v);
                stack.pop();
            }
        }
    }

    let mut rank = vec![0usize; n];
    for &v in postorder.iter().rev() {
        for &w in &forward[v] {
            rank[w] = rank[w].max(rank[v] + 1);
        }
    }
    let columns = rank.iter().max().map_or(0, |m| m + 1);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for &v in &preorder {
        layers[rank[v]].push(v);
    }

    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (v, ws) in forward.iter().enumerate() {
        for &w in ws {
            preds[w].push(v);
        }
    }
    let mut order = vec![0f64; n];
    for layer in &layers {
        for (i, &v) in layer.iter().enumerate() {
            order[v] = i as f64;
        }
    }
    for layer in layers.iter_mut().skip(1) {
        let key = |v: usize| {
            let p = &preds[v];
            if p.is_empty() {
                order[v]
            } else {
                p.iter().map(|&u| order[u]).sum::<f64>() / p.len() as f64
            }
        };
        let mut keyed: Vec<(f64, usize, usize)> = layer
            .iter()
            .enumerate()
            .map(|(i, &v)| (key(v), i, v))
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        *layer = keyed.into_iter().map(|(_, _, v)| v).collect();
        for (i, &v) in layer.iter().enumerate() {
            order[v] = i as f64;
        }
    }

    let mut pos = vec![Point::default(); n];
    for (col, layer) in layers.iter().enumerate() {
        let middle = (layer.len() as f64 - 1.0) / 2.0;
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = snap_point(Point::new(col as f64 * COLUMN, (i as f64 - middle) * ROW));
        }
    }
    draft
        .steps
        .iter()
        .zip(pos)
        .map(|(s, p)| (s.id.clone(), p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::geometry::{node_rect, GRID};
    use flowlab_engine::scenario::parse_workflow_file;

    fn draft(steps: &str) -> WorkflowDraft {
        let text = format!(
            r#"{{"id": "w", "name": "W", "trigger": {{"type": "manual"}}, "steps": {steps}}}"#
        );
        parse_workflow_file("w.json", &text).unwrap()
    }

    fn at(l: &[(String, Point)], id: &str) -> Point {
        l.iter().find(|(s, _)| s == id).unwrap().1
    }

    #[test]
    fn a_chain_goes_left_to_right_on_one_row() {
        let d = draft(
            r#"[{"id": "a", "kind": "wait", "duration": "1h"}, {"id": "b", "kind": "wait", "duration": "1h"},
                {"id": "c", "kind": "end"}]"#,
        );
        let l = layered(&d);
        assert!(at(&l, "a").x < at(&l, "b").x && at(&l, "b").x < at(&l, "c").x);
        assert_eq!(at(&l, "a").y, at(&l, "c").y);
    }

    #[test]
    fn a_condition_puts_yes_above_no_and_their_join_after_both() {
        let d = draft(
            r#"[{"id": "c", "kind": "condition", "filter": {"tag": "x"}, "yes": "y", "no": "n"},
                {"id": "n", "kind": "wait", "duration": "1h", "next": "j"},
                {"id": "y", "kind": "wait", "duration": "1h", "next": "j"},
                {"id": "j", "kind": "end"}]"#,
        );
        let l = layered(&d);
        assert_eq!(at(&l, "y").x, at(&l, "n").x);
        assert!(at(&l, "y").y < at(&l, "n").y, "{l:?}");
        assert!(at(&l, "j").x > at(&l, "y").x);
    }

    #[test]
    fn loops_do_not_push_steps_ever_right_and_nothing_overlaps() {
        let d = draft(
            r#"[{"id": "a", "kind": "action", "action": "email", "on_fail": {"action": "branch", "goto": "w"}},
                {"id": "w", "kind": "wait", "duration": "1h", "next": "a"},
                {"id": "lonely", "kind": "end"}]"#,
        );
        let l = layered(&d);
        assert_eq!(l.len(), 3);
        for (i, (_, p)) in l.iter().enumerate() {
            assert_eq!(p.x % GRID, 0.0);
            for (_, q) in &l[i + 1..] {
                assert!(!node_rect(*p).intersects(node_rect(*q)), "{l:?}");
            }
        }
        assert!(at(&l, "w").x > at(&l, "a").x);
    }

    #[test]
    fn an_empty_draft_has_no_layout() {
        assert!(layered(&draft("[]")).is_empty());
    }
}
