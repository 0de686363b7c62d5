//! Dense indices for what the engine tracks. Names (`"welcome"`, `"e12"`)
//! exist only at the edges: the scenario file, the trace and the UI.

use serde::{Deserialize, Serialize};

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident($inner:ty)) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub $inner);

        impl $name {
            pub fn ix(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// A workflow, by its position in the workspace.
    WfIx(u32)
);
index_type!(
    /// An execution; `e1` is `ExecIx(0)`.
    ExecIx(u32)
);
index_type!(
    /// A contact, by its position in the workspace.
    ContactIx(u32)
);
index_type!(
    /// An operator, by its position in the workspace.
    OperatorIx(u32)
);
index_type!(
    /// A step, by its position in a version's step list.
    StepIx(u16)
);

impl ExecIx {
    /// `e1`, `e2`, … in the order executions are created.
    pub fn name(self) -> String {
        format!("e{}", self.0 + 1)
    }

    pub fn parse(name: &str) -> Option<ExecIx> {
        let n: u32 = name.strip_prefix('e')?.parse().ok()?;
        if n == 0 || name.starts_with("e0") {
            return None;
        }
        Some(ExecIx(n - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn execution_names_round_trip() {
        assert_eq!(ExecIx(0).name(), "e1");
        assert_eq!(ExecIx::parse("e12"), Some(ExecIx(11)));
        for bad in ["e0", "e", "x1", "e01", "e-1", "12"] {
            assert_eq!(ExecIx::parse(bad), None, "{bad}");
        }
    }
}
