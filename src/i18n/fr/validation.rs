//! Validation problems, from the engine's validate.rs (the editor's Problems and inspector).

pub const ENTRIES: &[(&str, &str)] = &[
    ("the workflow has no steps", "le workflow n’a aucune étape"),
    (
        "the workflow has {n} steps; at most {max} are allowed",
        "le workflow a {n} étapes\u{202f}; {max} au plus sont permises",
    ),
    (
        "must be between {min} and {max}, not {value}",
        "doit être entre {min} et {max}, pas {value}",
    ),
    (
        "from and to are both {time}, so the window never opens",
        "le début et la fin valent tous deux {time}\u{a0}: la plage ne s’ouvre jamais",
    ),
    ("must be 1 or more, not {value}", "doit valoir 1 ou plus, pas {value}"),
    (
        "must be more than 0 (null for no timeout)",
        "doit être supérieur à 0 (null pour aucun délai maximal)",
    ),
    (
        "{n} steps have this id (positions {positions} in the list); ids must be unique",
        "{n} étapes ont cet identifiant (positions {positions} dans la liste)\u{202f}; les identifiants doivent être uniques",
    ),
    (
        "missing: choose email, sms, webhook or update",
        "manquant\u{a0}: choisissez email, sms, webhook ou update",
    ),
    ("missing: a wait needs a duration", "manquant\u{a0}: une attente a besoin d’une durée"),
    ("must be more than 0", "doit être supérieur à 0"),
    ("must be more than 0 (max is {max})", "doit être supérieur à 0 (le maximum est {max})"),
    (
        "missing: a condition needs a filter to evaluate",
        "manquant\u{a0}: une condition a besoin d’un filtre à évaluer",
    ),
    (
        "missing: the step to go to when the filter matches",
        "manquant\u{a0}: l’étape où aller quand le filtre correspond",
    ),
    (
        "missing: the step to go to when the filter does not match",
        "manquant\u{a0}: l’étape où aller quand le filtre ne correspond pas",
    ),
    (
        "missing: a filter step needs a filter to check",
        "manquant\u{a0}: une étape de filtre a besoin d’un filtre à vérifier",
    ),
    (
        "missing: the group of operators who decide",
        "manquant\u{a0}: le groupe d’opérateurs qui décident",
    ),
    (
        "no operator is in group {group}, so nobody can decide",
        "aucun opérateur n’est dans le groupe {group}\u{a0}: personne ne peut décider",
    ),
    (
        "must be more than 0 (leave it out for no timeout)",
        "doit être supérieur à 0 (laissez vide pour aucun délai maximal)",
    ),
    (
        "missing: the workflow to enroll the contact into",
        "manquant\u{a0}: le workflow où inscrire le contact",
    ),
    (
        "names workflow {workflow}, which does not exist",
        "désigne le workflow {workflow}, qui n’existe pas",
    ),
    (
        "names step {target}, which does not exist",
        "désigne l’étape {target}, qui n’existe pas",
    ),
    ("min {min} is more than max {max}", "le minimum {min} dépasse le maximum {max}"),
    ("must be at most {max}, not {value}", "doit valoir au plus {max}, pas {value}"),
    (
        "0 with max_attempts {n} and an attempt that can take no time: the attempts would spin at one instant (at most {limit} may; set a backoff or a duration)",
        "0 avec max_attempts {n} et une tentative qui peut ne prendre aucun temps\u{a0}: les tentatives tourneraient au même instant ({limit} au plus le peuvent\u{202f}; donnez un délai entre tentatives ou une durée)",
    ),
    ("must be between 0 and 1, not {value}", "doit être entre 0 et 1, pas {value}"),
    (
        "missing: a failure will go on along next",
        "manquant\u{a0}: un échec continuera par next",
    ),
    (
        "names step {target}, which does not exist; a failure will go on along next",
        "désigne l’étape {target}, qui n’existe pas\u{202f}; un échec continuera par next",
    ),
    (
        "must be 1 or more: with 0 the retries would spin at one instant",
        "doit valoir 1 ou plus\u{a0}: avec 0, les nouvelles tentatives tourneraient au même instant",
    ),
    (
        "missing: a failure will enroll the contact nowhere",
        "manquant\u{a0}: un échec n’inscrira le contact nulle part",
    ),
    (
        "loops {path} with no wait or approval on the way: an execution would go round forever at one instant",
        "boucle {path} sans attente ni approbation en chemin\u{a0}: une exécution tournerait sans fin au même instant",
    ),
    (
        "steps {steps} loop among themselves with no wait or approval on the way: an execution could go round forever at one instant",
        "les étapes {steps} bouclent entre elles sans attente ni approbation en chemin\u{a0}: une exécution pourrait tourner sans fin au même instant",
    ),
    (
        "no path from the first step {first} reaches it",
        "aucun chemin depuis la première étape {first} n’y mène",
    ),
];
