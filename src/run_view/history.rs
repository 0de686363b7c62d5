//! One execution's history, read a window at a time: its trace lines are
//! numbered through the log index, and only the lines asked for are read
//! from the log and formatted, so a history of millions of lines costs
//! what the screen shows.

use std::ops::Range;

use crate::session::LogView;
use flowlab_engine::ids::ExecIx;
use flowlab_engine::runtime::state::State;
use flowlab_engine::time::SimTime;
use flowlab_engine::trace;
use serde_json::Value;

use super::log_index::LogIndex;

#[derive(Clone, Debug, PartialEq)]
pub struct HistoryLine {
    /// Its number in the history, from 0.
    pub n: usize,
    pub t: SimTime,
    pub kind: String,
    /// The trace line's other fields, `key value` joined.
    pub fields: Vec<(String, String)>,
}

/// The log positions of an execution's history lines, in order: its own
/// events that have a trace line, and the decisions on `scope: workflow`
/// approvals it joined. Numbers a line without copying the positions.
pub struct HistoryPositions<'a> {
    own: &'a [u32],
    /// Positions in `own` without a trace line, ascending.
    unshown: &'a [u32],
    /// Decisions on approvals it joined, ascending, none in `own`.
    extra: Vec<u32>,
}

impl<'a> HistoryPositions<'a> {
    pub fn new(index: &'a LogIndex, x: ExecIx) -> HistoryPositions<'a> {
        let own = index.of_exec(x);
        let mut extra: Vec<u32> = Vec::new();
        for shared in index.joined_by(x) {
            extra.extend_from_slice(index.of_shared(*shared));
        }
        extra.sort_unstable();
        extra.dedup();
        extra.retain(|p| own.binary_search(p).is_err());
        HistoryPositions {
            own,
            unshown: index.unshown_of_exec(x),
            extra,
        }
    }

    pub fn len(&self) -> usize {
        self.own.len() - self.unshown.len() + self.extra.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many of `own` without the unshown are before log position `p`.
    fn shown_before(&self, p: u32) -> usize {
        self.own.partition_point(|q| *q < p) - self.unshown.partition_point(|q| *q < p)
    }

    /// The `k`-th of `own` that has a trace line.
    fn shown(&self, k: usize) -> u32 {
        let mut j = k;
        for u in self.unshown {
            let at = self.own.partition_point(|q| q < u);
            if at <= j {
                j += 1;
            } else {
                break;
            }
        }
        self.own[j]
    }

    /// The log position of line `n`, when there is one.
    pub fn get(&self, n: usize) -> Option<u32> {
        if n >= self.len() {
            return None;
        }
        let mut before = 0;
        for (i, e) in self.extra.iter().enumerate() {
            let at = self.shown_before(*e) + i;
            if at == n {
                return Some(*e);
            }
            if at > n {
                break;
            }
            before += 1;
        }
        Some(self.shown(n - before))
    }
}

/// The lines of `x`'s history numbered `range` (cut to the history's end).
pub fn lines(
    state: &State,
    log: LogView<'_>,
    index: &LogIndex,
    x: ExecIx,
    range: Range<usize>,
) -> Vec<HistoryLine> {
    let positions = HistoryPositions::new(index, x);
    range
        .filter_map(|n| {
            let p = positions.get(n)? as usize;
            if p >= log.len() {
                return None;
            }
            let stamped = log.get(p);
            let line = trace::line(state, &stamped)?;
            Some(history_line(n, stamped.t, &line))
        })
        .collect()
}

fn history_line(n: usize, t: SimTime, line: &str) -> HistoryLine {
    let mut kind = String::new();
    let mut fields = Vec::new();
    if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(line) {
        for (k, v) in map {
            match k.as_str() {
                "t" => {}
                "type" => kind = v.as_str().unwrap_or_default().to_owned(),
                _ => fields.push((
                    k,
                    match v {
                        Value::String(s) => s,
                        other => other.to_string(),
                    },
                )),
            }
        }
    }
    HistoryLine { n, t, kind, fields }
}
