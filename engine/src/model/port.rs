/// The ports a step can leave by (lifecycle.md §3, Counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Port {
    Next,
    Yes,
    No,
    Approved,
    Rejected,
    Timeout,
    OnFail,
}

impl Port {
    pub const COUNT: usize = 7;

    pub fn as_str(self) -> &'static str {
        match self {
            Port::Next => "next",
            Port::Yes => "yes",
            Port::No => "no",
            Port::Approved => "approved",
            Port::Rejected => "rejected",
            Port::Timeout => "timeout",
            Port::OnFail => "on_fail",
        }
    }
}
