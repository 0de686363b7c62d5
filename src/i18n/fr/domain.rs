//! Texts of the model that several screens show: a workflow's trigger
//! (`workspace.rs`) and a filter in one line (`filter_text.rs`).

pub const ENTRIES: &[(&str, &str)] = &[
    ("manual", "manuel"),
    (
        "tag {tag} added (polled every {poll})",
        "tag {tag} ajouté (interrogé toutes les {poll})",
    ),
    ("audience: {filter}", "audience\u{a0}: {filter}"),
    ("{attribute} exists", "{attribute} existe"),
    ("tag {tag}", "tag {tag}"),
    ("always", "toujours"),
    ("never", "jamais"),
    (" and ", " et "),
    (" or ", " ou "),
    ("not ({filter})", "non ({filter})"),
];
