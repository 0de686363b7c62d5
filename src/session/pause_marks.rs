//! "Pause here" marks: a script entry may carry `"x": {"pause": "what to
//! say"}` (`x` is the format's free space for tools, so `flowlab-sim` reads
//! the file unchanged and ignores the mark). The page clock stops right
//! after the instant that played such an entry, and the line is shown
//! while it rests there; play goes on to the next mark.

use flowlab_engine::scenario::parse_script_entry;
use flowlab_engine::time::SimTime;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PauseMark {
    /// The entry's place in the script as it is played (by time, file
    /// order kept within an instant).
    pub index: usize,
    pub at: SimTime,
    pub say: String,
}

/// The marks of scenario `source`'s script, in the order they are played.
/// A source that is not a scenario with a script has none.
pub fn pause_marks(source: &str) -> Vec<PauseMark> {
    let Ok(v) = serde_json::from_str::<Value>(source) else {
        return Vec::new();
    };
    let Some(entries) = v.get("script").and_then(Value::as_array) else {
        return Vec::new();
    };
    let mut timed: Vec<(SimTime, Option<&str>)> = entries
        .iter()
        .filter_map(|e| {
            let at = parse_script_entry("script", e).ok()?.at;
            let say = e
                .get("x")
                .and_then(|x| x.get("pause"))
                .and_then(Value::as_str);
            Some((at, say))
        })
        .collect();
    // The parser sorts the script the same way (a stable sort by time).
    timed.sort_by_key(|(at, _)| *at);
    timed
        .into_iter()
        .enumerate()
        .filter_map(|(index, (at, say))| {
            Some(PauseMark {
                index,
                at,
                say: say?.to_owned(),
            })
        })
        .collect()
}

/// The next mark to stop at once the first `script_done` entries have
/// been played.
pub fn next(marks: &[PauseMark], script_done: usize) -> Option<&PauseMark> {
    marks.iter().find(|m| m.index >= script_done)
}

/// The mark the clock rests at: its entry has been played and the clock
/// is still at its instant.
pub fn resting_at(marks: &[PauseMark], script_done: usize, now: SimTime) -> Option<&PauseMark> {
    marks
        .iter()
        .rev()
        .find(|m| m.index < script_done && m.at == now)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r#"{
      "format": "flowlab-scenario/1", "run_until": "1h", "workflows": [],
      "script": [
        {"at": "10m", "do": "tag", "contact": "c1", "tag": "a", "x": {"pause": "Tagged at ten."}},
        {"at": "1m", "do": "tag", "contact": "c1", "tag": "b"},
        {"at": "10m", "do": "untag", "contact": "c1", "tag": "a", "x": {"note": "no mark"}},
        {"at": "20m", "do": "tag", "contact": "c1", "tag": "c", "x": {"pause": "Twenty."}}
      ]
    }"#;

    #[test]
    fn marks_are_found_at_their_place_in_the_played_script() {
        let marks = pause_marks(SOURCE);
        assert_eq!(
            marks,
            vec![
                PauseMark {
                    index: 1,
                    at: SimTime(600_000),
                    say: "Tagged at ten.".into()
                },
                PauseMark {
                    index: 3,
                    at: SimTime(1_200_000),
                    say: "Twenty.".into()
                },
            ]
        );
        let parsed = flowlab_engine::scenario::parse_scenario("s.json", SOURCE).unwrap();
        assert_eq!(
            parsed.script.len(),
            4,
            "flowlab-sim reads the marks as free space"
        );
        for m in &marks {
            assert_eq!(parsed.script[m.index].at, m.at);
        }
    }

    #[test]
    fn next_and_resting_follow_the_script_cursor() {
        let marks = pause_marks(SOURCE);
        assert_eq!(next(&marks, 0).map(|m| m.index), Some(1));
        assert_eq!(next(&marks, 2).map(|m| m.index), Some(3));
        assert_eq!(next(&marks, 4), None);
        assert_eq!(
            resting_at(&marks, 1, SimTime(600_000)),
            None,
            "not played yet"
        );
        assert_eq!(
            resting_at(&marks, 3, SimTime(600_000)).map(|m| m.index),
            Some(1)
        );
        assert_eq!(
            resting_at(&marks, 3, SimTime(600_001)),
            None,
            "the clock moved on"
        );
    }

    #[test]
    fn anything_but_a_scenario_has_no_marks() {
        assert!(pause_marks("not json").is_empty());
        assert!(pause_marks(r#"{"format": "flowlab-workflow/1"}"#).is_empty());
    }
}
