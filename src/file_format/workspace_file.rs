//! A whole workspace as one file (`flowlab-workspace/1`): the genesis, the
//! scenario it came from, the clock, the script cursor and the whole event
//! log as one base64 segment. Read back whole and checked before anything
//! changes; a bad one is refused naming the file and the field.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use flowlab_engine::codec::{decode_segment, genesis_from_json, genesis_to_json};
use flowlab_engine::scenario::parse_scenario;
use serde_json::{json, Map, Value};

use super::import::{ImportError, Imported};
use crate::i18n::tr;
use crate::session::{Clock, EventLog, Session};
use crate::t;

pub const WORKSPACE_FORMAT: &str = "flowlab-workspace/1";
/// The whole workspace as one JSON file.
pub fn export_workspace(session: &Session, source: &str) -> String {
    let log = session.event_log().to_segment();
    let value = json!({
        "format": WORKSPACE_FORMAT,
        "genesis": genesis_to_json(session.genesis()),
        "source": source,
        "clock": serde_json::to_value(session.clock()).expect("a clock serializes"),
        "script_done": session.script_done(),
        "log": BASE64.encode(log),
    });
    serde_json::to_string_pretty(&value).expect("JSON serializes")
}

/// Reads a file whose `format` is [`WORKSPACE_FORMAT`].
pub fn read_workspace(file: &str, value: &Value) -> Result<Imported, ImportError> {
    let bad = |field: &str, problem: String| ImportError::Workspace {
        file: file.to_owned(),
        field: field.to_owned(),
        problem,
    };
    let object: &Map<String, Value> = value
        .as_object()
        .ok_or_else(|| bad("", tr("not an object").into()))?;
    const FIELDS: [&str; 6] = ["format", "genesis", "source", "clock", "script_done", "log"];
    if let Some(unknown) = object.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(bad(unknown, tr("unknown field").into()));
    }
    let field = |name: &str| {
        object
            .get(name)
            .ok_or_else(|| bad(name, tr("missing").into()))
    };
    let genesis = genesis_from_json(&field("genesis")?.to_string())
        .map_err(|e| bad("genesis", e.to_string()))?;
    let source = field("source")?
        .as_str()
        .ok_or_else(|| bad("source", tr("not text").into()))?
        .to_owned();
    let script = parse_scenario("source", &source)
        .map_err(|e| bad("source", e.to_string()))?
        .script;
    let clock: Clock =
        serde_json::from_value(field("clock")?.clone()).map_err(|e| bad("clock", e.to_string()))?;
    let script_done = field("script_done")?
        .as_u64()
        .ok_or_else(|| bad("script_done", tr("not a count").into()))?
        as usize;
    let bytes = BASE64
        .decode(
            field("log")?
                .as_str()
                .ok_or_else(|| bad("log", tr("not text").into()))?,
        )
        .map_err(|e| bad("log", t!("not base64: {error}", error = e)))?;
    let log = decode_segment(&bytes).map_err(|e| bad("log", e.to_string()))?;
    let session = Session::restore(
        genesis,
        None,
        EventLog::from_events(log),
        script,
        script_done,
        clock,
    )
    .map_err(|e| bad("script_done", e.to_string()))?;
    Ok(Imported::Workspace {
        session: Box::new(session),
        source,
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::import::read_file;
    use super::super::samples::SAMPLE_WORKSPACE;
    use super::super::scenario::read_scenario;
    use super::*;
    use flowlab_engine::time::SimTime;

    /// The sample workspace three hours in.
    pub(in crate::file_format) fn ran_a_while() -> Session {
        let mut s = read_scenario("workspace.json", SAMPLE_WORKSPACE).unwrap();
        s.advance_to(SimTime(3 * 3_600_000), usize::MAX).unwrap();
        s
    }

    #[test]
    fn an_exported_workspace_imports_to_the_same_state() {
        let session = ran_a_while();
        let text = export_workspace(&session, SAMPLE_WORKSPACE);
        let Imported::Workspace {
            session: back,
            source,
        } = read_file("ws.json", &text).unwrap()
        else {
            panic!("a workspace file reads as a workspace");
        };
        assert_eq!(source, SAMPLE_WORKSPACE);
        assert_eq!(back.log().to_vec(), session.log().to_vec());
        assert_eq!(back.state(), session.state());
        assert_eq!(back.clock().now, session.clock().now);
        assert_eq!(back.script_done(), session.script_done());
    }

    #[test]
    fn a_damaged_workspace_file_is_refused_naming_the_field() {
        let text = export_workspace(&ran_a_while(), SAMPLE_WORKSPACE);
        let mut v: Value = serde_json::from_str(&text).unwrap();
        let log = v["log"].as_str().unwrap().to_owned();
        let mut bytes = BASE64.decode(&log).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        v["log"] = Value::String(BASE64.encode(bytes));
        let err = read_file("ws.json", &v.to_string()).err().expect("refused");
        assert!(err.to_string().starts_with("ws.json: `log`"), "{err}");

        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["colour"] = json!("blue");
        let err = read_file("ws.json", &v.to_string()).err().expect("refused");
        assert_eq!(err.to_string(), "ws.json: `colour`: unknown field");

        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["script_done"] = json!(999);
        let err = read_file("ws.json", &v.to_string()).err().expect("refused");
        assert!(err.to_string().contains("script_done"), "{err}");
    }
}
