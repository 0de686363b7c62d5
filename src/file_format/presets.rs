//! The trainer presets: short scenario files under `samples/presets/`,
//! one behaviour each, compiled into the app. The Scenarios screen lists
//! them; loading one replaces the workspace with its genesis and script.

use flowlab_engine::scenario::{parse_scenario, FileError, Scenario};
use flowlab_engine::time::format_duration;
use std::borrow::Cow;

use crate::i18n::{en, samples::localize, tr};

/// A scenario file a trainer can load in one click.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// The file name under `samples/presets/`, also the id in the page.
    pub file: &'static str,
    /// In English: `shown_title` gives it in the page's language.
    pub title: &'static str,
    /// One line, in English: what it shows (`shown_summary`).
    pub summary: &'static str,
    /// The screen to open after loading, to watch it play.
    pub watch: &'static str,
    pub text: &'static str,
}

macro_rules! preset {
    ($file:literal, $title:expr, $summary:expr, $watch:literal) => {
        Preset {
            file: $file,
            title: $title,
            summary: $summary,
            watch: $watch,
            text: include_str!(concat!("../../samples/presets/", $file)),
        }
    };
}

pub const PRESETS: [Preset; 11] = [
    preset!(
        "retry-resolves.json",
        en("A retry that resolves"),
        en("An email fails twice, backs off +1m then +2m, and goes through: the step ends resolved."),
        "/runs"
    ),
    preset!(
        "fail-actions.json",
        en("The seven fail actions"),
        en("Continue, end workflow, skip remaining, branch, retry, enroll workflow and fail workflow, one workflow each."),
        "/runs"
    ),
    preset!(
        "pause-resume.json",
        en("Pause and resume"),
        en("A paused workflow parks its timers; a manual enrollment waits in BLOCKED_WAITING until resume."),
        "/runs"
    ),
    preset!(
        "publish-in-flight.json",
        en("Publish while executions run"),
        en("Version 2 is published mid-run: new enrollments take it, running ones finish on version 1."),
        "/runs"
    ),
    preset!(
        "campaign-validation.json",
        en("Campaign with a validation"),
        en("574 contacts wait at one shared marketing validation; one approval releases them all: 574 - Ok."),
        "/runs?workflow=spring_campaign"
    ),
    preset!(
        "rollback-safe.json",
        en("Rollback to FAILED_SAFE"),
        en("A failed provisioning undoes its completed steps newest first and ends safe."),
        "/runs"
    ),
    preset!(
        "rollback-unsafe.json",
        en("FAILED_UNSAFE, then recovered"),
        en("An undo keeps failing: FAILED_UNSAFE. The operator retries the rollback and acknowledges."),
        "/runs"
    ),
    preset!(
        "lock-contention.json",
        en("Lock contention"),
        en("Two exclusive workflows on one contact: the second waits in SCHEDULED for the lock."),
        "/runs"
    ),
    preset!(
        "trigger-latency.json",
        en("Trigger polling latency"),
        en("A tag added at 2m is only noticed at the 15m poll: enrollment happens at the poll."),
        "/runs"
    ),
    preset!(
        "stop-and-acknowledge.json",
        en("Stop, then acknowledge"),
        en("An operator stop leaves the execution CANCELLED until acknowledged; a FAILED_UNSAFE one is acknowledged as it is."),
        "/runs"
    ),
    preset!(
        "cancel-and-archive.json",
        en("Cancel a workflow, then archive it"),
        en("Cancelling force-cancels the executions waiting at an approval; the cancelled workflow is then archived."),
        "/runs"
    ),
];

pub fn preset(file: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.file == file)
}

/// What a card says about a scenario file: plain counts from the parser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    pub note: Option<String>,
    pub workflows: usize,
    pub contacts: usize,
    pub operators: usize,
    pub commands: usize,
    pub expectations: usize,
    pub run_until: String,
}

impl Facts {
    pub fn of(scenario: &Scenario) -> Facts {
        Facts {
            note: scenario.note().map(str::to_owned),
            workflows: scenario.workflows.len(),
            contacts: scenario.contacts.len(),
            operators: scenario.operators.len(),
            commands: scenario.script.len(),
            expectations: scenario.expect.len(),
            run_until: format_duration(scenario.run_until.ms()),
        }
    }
}

impl Preset {
    /// The title in the page's language.
    pub fn shown_title(&self) -> &'static str {
        tr(self.title)
    }

    /// The summary in the page's language.
    pub fn shown_summary(&self) -> &'static str {
        tr(self.summary)
    }

    /// The file in the page's language: what loading it stores.
    pub fn localized_text(&self) -> Cow<'static, str> {
        localize(self.text)
    }

    pub fn parse(&self) -> Result<Scenario, FileError> {
        parse_scenario(self.file, &self.localized_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flowlab_engine::sim;

    #[test]
    fn every_preset_plays_and_meets_its_expectations() {
        for p in &PRESETS {
            let scenario = p.parse().unwrap_or_else(|e| panic!("{e}"));
            assert!(
                scenario.note().is_some(),
                "{} has a note to read aloud",
                p.file
            );
            assert!(
                scenario.expect.len() >= 5,
                "{} checks what it shows",
                p.file
            );
            let (engine, lines) = sim::trace_lines(&scenario).expect("runs");
            let failures = sim::check(&scenario, &engine, &lines);
            let report: Vec<String> = failures
                .iter()
                .map(|f| format!("#{} {}: {}", f.index, f.expectation, f.message))
                .collect();
            assert!(report.is_empty(), "{}: {report:#?}", p.file);
            assert!(
                !lines.iter().any(|l| l.contains("\"command_rejected\"")),
                "{}: the script is played as written",
                p.file
            );
        }
    }

    #[test]
    fn every_file_in_the_presets_folder_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/presets");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("samples/presets")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = PRESETS.iter().map(|p| p.file.to_owned()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn the_campaign_preset_shows_574_ok() {
        let scenario = preset("campaign-validation.json").unwrap().parse().unwrap();
        let engine = sim::run_quiet(&scenario).unwrap();
        let summary = flowlab_engine::trace::summary(engine.state(), scenario.run_until);
        assert!(summary.contains("\"from_step\":\"validate\",\"port\":\"approved\",\"to_step\":\"deliver\",\"count\":574"), "{summary}");
    }
}
