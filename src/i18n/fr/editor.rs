//! The editor: canvas, inspector, dialogs, toolbar, problems.

pub const ENTRIES: &[(&str, &str)] = &[
    // Problems (problems.rs)
    ("Problems", "Problèmes"),
    ("workflow", "workflow"),
    ("No problems: this draft can be published.", "Aucun problème\u{a0}: ce brouillon peut être publié."),
    (
        "No problems in the draft, but it cannot be published: the workflow is {status}, and only a draft, active or paused workflow publishes. Clone it to publish these steps as a new workflow.",
        "Aucun problème dans le brouillon, mais il ne peut pas être publié\u{a0}: le workflow est {status}, et seul un workflow draft, active ou paused se publie. Clonez-le pour publier ces étapes comme un nouveau workflow.",
    ),
];
