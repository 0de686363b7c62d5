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
