//! The built-in samples compiled into the app: the workspace a first visit
//! and a reset start from, and the three sample scenarios it was made of.

/// A scenario file shipped with the app.
#[derive(Clone, Copy, Debug)]
pub struct SampleFile {
    pub name: &'static str,
    pub text: &'static str,
}

/// The built-in workspace the app starts with (and a reset restores): the
/// three samples' workflows, people and scripts in one scenario.
pub const SAMPLE_WORKSPACE: &str = include_str!("../../samples/workspace.json");

/// The built-in workspace in the page's language: what a first visit and a
/// reset store.
pub fn sample_workspace() -> std::borrow::Cow<'static, str> {
    crate::i18n::samples::localize(SAMPLE_WORKSPACE)
}

/// The sample workspace, in the order the Workflows screen lists it.
pub const SAMPLE_FILES: [SampleFile; 3] = [
    SampleFile {
        name: "welcome.json",
        text: include_str!("../../samples/welcome.json"),
    },
    SampleFile {
        name: "campaign.json",
        text: include_str!("../../samples/campaign.json"),
    },
    SampleFile {
        name: "provisioning.json",
        text: include_str!("../../samples/provisioning.json"),
    },
];

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::super::presets::PRESETS;
    use super::*;
    use crate::i18n::samples::{localize, readable_texts};
    use crate::i18n::{Lang, Scoped};

    fn every_sample() -> Vec<(&'static str, &'static str)> {
        let mut all = vec![("workspace.json", SAMPLE_WORKSPACE)];
        all.extend(SAMPLE_FILES.iter().map(|f| (f.name, f.text)));
        all.extend(PRESETS.iter().map(|p| (p.file, p.text)));
        all
    }

    #[test]
    fn english_samples_are_left_as_written() {
        let _l = Scoped::new(Lang::En);
        assert!(matches!(localize(SAMPLE_WORKSPACE), Cow::Borrowed(_)));
    }

    #[test]
    fn every_sample_in_french_parses_plays_the_same_and_reads_french() {
        use flowlab_engine::scenario::parse_scenario;
        use flowlab_engine::sim;
        let _l = Scoped::new(Lang::Fr);
        for (file, text) in every_sample() {
            let french = localize(text);
            let missing: Vec<String> = readable_texts(text)
                .into_iter()
                .filter(|t| french.contains(&serde_json::to_string(t).unwrap()))
                .collect();
            assert!(missing.is_empty(), "{file}: still in English: {missing:#?}");
            let (en, fr) = (
                parse_scenario(file, text).unwrap(),
                parse_scenario(file, &french).unwrap(),
            );
            // Names are part of a version's content hash, and only that differs.
            let unhashed = |lines: Vec<String>| -> Vec<String> {
                lines
                    .into_iter()
                    .map(|l| l.split(",\"hash\":").next().unwrap().to_owned())
                    .collect()
            };
            let (_, en_trace) = sim::trace_lines(&en).unwrap();
            let (_, fr_trace) = sim::trace_lines(&fr).unwrap();
            let (en_trace, fr_trace) = (unhashed(en_trace), unhashed(fr_trace));
            assert_eq!(
                en_trace.len(),
                fr_trace.len(),
                "{file}: as many events in French"
            );
            if let Some((a, b)) = en_trace.iter().zip(&fr_trace).find(|(a, b)| a != b) {
                panic!("{file}: the French sample plays otherwise:\n{a}\n{b}");
            }
        }
    }
}
