//! The journal of the commands people gave, as the `journal` store keeps
//! it: one `[after, command]` JSON text per entry number. Checking an append
//! continues the stored journal, checking and reading what `load` finds,
//! and reading the journal a schema 1 database kept in its session record.
//! Plain Rust, tested natively.

use serde_json::Value;

use super::StorageError;
use crate::i18n::tr;
use crate::t;

/// A journal entry as stored: the command (a script entry as JSON) a person
/// gave after the first `after` script entries had run.
pub type JournalEntryJson = (usize, Value);

/// The journal entries an append adds: `entries[i]` is entry number
/// `first + i`, and `first` must be the number of entries already stored.
#[derive(Clone, Copy, Debug, Default)]
pub struct JournalAppend<'a> {
    pub first: u64,
    pub entries: &'a [JournalEntryJson],
}

/// Checks that `append` continues a journal of `stored` entries; returns
/// the new number of entries. Adding nothing always fits.
pub(crate) fn check_journal_append(
    stored: u64,
    append: JournalAppend<'_>,
) -> Result<u64, StorageError> {
    if append.entries.is_empty() {
        return Ok(stored);
    }
    if append.first != stored {
        return Err(StorageError::JournalOutOfOrder {
            expected: stored,
            got: append.first,
        });
    }
    Ok(stored + append.entries.len() as u64)
}

pub(crate) fn encode_entry(entry: &JournalEntryJson) -> String {
    serde_json::to_string(entry).expect("a journal entry serializes")
}

/// Checks and reads the journal store's records (`(key, text)` in key
/// order): keys are 0, 1, … without a gap, there are `end` of them
/// (`meta/journal_end`), and each is an `[after, command]` pair.
pub(crate) fn decode_journal(
    records: Vec<(f64, Option<String>)>,
    end: u64,
) -> Result<Vec<JournalEntryJson>, StorageError> {
    let corrupt = |i: usize, what: String| {
        StorageError::Corrupt(t!("journal entry {i}: {what}", i = i, what = what))
    };
    let mut out = Vec::with_capacity(records.len());
    for (i, (key, text)) in records.into_iter().enumerate() {
        if key != i as f64 {
            return Err(StorageError::Corrupt(t!(
                "journal entry {i} is missing",
                i = i
            )));
        }
        let text = text.ok_or_else(|| corrupt(i, tr("not text").into()))?;
        out.push(serde_json::from_str(&text).map_err(|e| corrupt(i, e.to_string()))?);
    }
    if out.len() as u64 != end {
        return Err(StorageError::Corrupt(t!(
            "the journal holds {n} entries; meta/journal_end says {end}",
            n = out.len(),
            end = end
        )));
    }
    Ok(out)
}

/// The journal inside a session record written by schema 1 (`{…,
/// "journal": [[after, command], …]}`); empty when it has none.
pub(crate) fn v1_journal(session: Option<&str>) -> Result<Vec<JournalEntryJson>, StorageError> {
    let Some(text) = session else {
        return Ok(Vec::new());
    };
    let corrupt = |what: String| StorageError::Corrupt(format!("meta/session: {what}"));
    let record: Value = serde_json::from_str(text).map_err(|e| corrupt(e.to_string()))?;
    match record.get("journal") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(entries)) => entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                serde_json::from_value(e.clone())
                    .map_err(|err| corrupt(t!("journal entry {i}: {what}", i = i, what = err)))
            })
            .collect(),
        Some(_) => Err(corrupt(tr("`journal` is not a list").into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entries(n: usize) -> Vec<JournalEntryJson> {
        (0..n)
            .map(|i| {
                (
                    i,
                    json!({"at": i * 1000, "do": "stop", "execution": format!("e{i}")}),
                )
            })
            .collect()
    }

    fn stored(entries: &[JournalEntryJson]) -> Vec<(f64, Option<String>)> {
        entries
            .iter()
            .enumerate()
            .map(|(i, e)| (i as f64, Some(encode_entry(e))))
            .collect()
    }

    #[test]
    fn appended_entries_read_back_in_order() {
        let all = entries(5);
        let end = check_journal_append(
            0,
            JournalAppend {
                first: 0,
                entries: &all[..2],
            },
        )
        .unwrap();
        let end = check_journal_append(
            end,
            JournalAppend {
                first: 2,
                entries: &all[2..],
            },
        )
        .unwrap();
        assert_eq!(end, 5);
        assert_eq!(decode_journal(stored(&all), end).unwrap(), all);
        assert_eq!(
            encode_entry(&all[1]),
            r#"[1,{"at":1000,"do":"stop","execution":"e1"}]"#
        );
    }

    #[test]
    fn an_append_that_does_not_continue_the_journal_is_refused() {
        let all = entries(3);
        let refused = |first| {
            check_journal_append(
                2,
                JournalAppend {
                    first,
                    entries: &all,
                },
            )
        };
        assert_eq!(
            refused(1),
            Err(StorageError::JournalOutOfOrder {
                expected: 2,
                got: 1
            })
        );
        assert_eq!(
            refused(3),
            Err(StorageError::JournalOutOfOrder {
                expected: 2,
                got: 3
            })
        );
        assert_eq!(
            check_journal_append(
                2,
                JournalAppend {
                    first: 7,
                    entries: &[]
                }
            ),
            Ok(2)
        );
    }

    #[test]
    fn a_gap_a_bad_entry_or_a_wrong_count_is_corrupt_naming_the_entry() {
        let all = entries(4);
        let mut gap = stored(&all);
        gap.remove(2);
        assert_eq!(
            decode_journal(gap, 3),
            Err(StorageError::Corrupt("journal entry 2 is missing".into()))
        );
        let mut bad = stored(&all);
        bad[1].1 = Some("[1, {\"at\": ".into());
        match decode_journal(bad, 4) {
            Err(StorageError::Corrupt(m)) => assert!(m.starts_with("journal entry 1: "), "{m}"),
            other => panic!("{other:?}"),
        }
        let mut not_text = stored(&all);
        not_text[3].1 = None;
        assert_eq!(
            decode_journal(not_text, 4),
            Err(StorageError::Corrupt("journal entry 3: not text".into()))
        );
        assert_eq!(
            decode_journal(stored(&all[..3]), 4),
            Err(StorageError::Corrupt(
                "the journal holds 3 entries; meta/journal_end says 4".into()
            ))
        );
    }

    #[test]
    fn a_schema_1_session_record_gives_its_journal() {
        let all = entries(2);
        let record = json!({"clock": {}, "script_done": 3, "journal": all}).to_string();
        assert_eq!(v1_journal(Some(&record)).unwrap(), all);
        assert_eq!(v1_journal(Some(r#"{"script_done": 3}"#)).unwrap(), vec![]);
        assert_eq!(v1_journal(None).unwrap(), vec![]);
        let bad = json!({"journal": [[0, {}], ["x", {}]]}).to_string();
        match v1_journal(Some(&bad)) {
            Err(StorageError::Corrupt(m)) => {
                assert!(m.starts_with("meta/session: journal entry 1: "), "{m}")
            }
            other => panic!("{other:?}"),
        }
    }
}
