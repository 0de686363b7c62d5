//! The header, the shared components, Workflows, Lifecycle, Scenarios, and
//! the messages of storage and the saver.

pub const ENTRIES: &[(&str, &str)] = &[
    // The header and the banners (app.rs)
    ("Skip to content", "Aller au contenu"),
    ("sandbox", "bac à sable"),
    ("Main", "Principale"),
    ("Workflows", "Workflows"),
    ("Runs", "Exécutions"),
    ("People", "Personnes"),
    ("Approvals", "Approbations"),
    ("Lifecycle", "Cycle de vie"),
    ("Scenarios", "Scénarios"),
    ("Language", "Langue"),
    (" Export and reset stay in the Workspace menu.", " L’export et la réinitialisation restent dans le menu Espace de travail."),
    ("Read-only. ", "Lecture seule. "),
    ("Take over here", "Reprendre la main ici"),
    ("Not saving. ", "Rien n’est enregistré. "),
    (
        "{reason}. The workspace keeps working in this tab; closing it loses what is not saved.",
        "{reason}. L’espace de travail continue de fonctionner dans cet onglet\u{202f}; le fermer perd ce qui n’est pas enregistré.",
    ),
    ("The engine refused: ", "Le moteur a refusé\u{a0}: "),
    ("Dismiss", "Fermer"),
    ("{n} of {m}", "{n} sur {m}"),
    ("{n} step|{n} steps", "{n} étape|{n} étapes"),
];
