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
    // Why the engine refused a command (engine_text.rs)
    ("`{id}` is {status}: it takes no enrollments", "`{id}` est {status}\u{a0}: il n’accepte aucune inscription"),
    ("`{workflow}` has no version {version} (it has {count})", "`{workflow}` n’a pas de version {version} (il en a {count})"),
    ("`{workflow}` has no version {number}", "`{workflow}` n’a pas de version {number}"),
    ("a contact `{id}` already exists", "un contact `{id}` existe déjà"),
    ("a rollback of {execution} is already running", "un retour arrière de {execution} est déjà en cours"),
    ("a workflow `{id}` already exists", "un workflow `{id}` existe déjà"),
    ("cannot publish a workflow that is {status}", "impossible de publier un workflow {status}"),
    ("cannot redo in `{workflow}`: {reason}", "impossible de rétablir dans `{workflow}`\u{a0}: {reason}"),
    ("cannot undo in `{workflow}`: {reason}", "impossible d’annuler dans `{workflow}`\u{a0}: {reason}"),
    ("edit {i} of {n} (`{op}`) does not apply: {reason}", "la modification {i} sur {n} (`{op}`) ne s’applique pas\u{a0}: {reason}"),
    ("nothing to redo in `{workflow}`", "rien à rétablir dans `{workflow}`"),
    ("nothing to undo in `{workflow}`", "rien à annuler dans `{workflow}`"),
    ("the gesture has no commands", "le geste ne contient aucune commande"),
    ("no changes since version {n}", "aucun changement depuis la version {n}"),
    ("no contact `{id}`: nothing was enrolled", "aucun contact `{id}`\u{a0}: personne n’a été inscrit"),
    ("no contact `{id}`", "aucun contact `{id}`"),
    ("no execution `{id}`", "aucune exécution `{id}`"),
    ("no execution has reached `{step}` of `{workflow}` v{number} yet", "aucune exécution n’a encore atteint `{step}` de `{workflow}` v{number}"),
    ("no operator `{operator}`", "aucun opérateur `{operator}`"),
    ("no shared approval is open there", "aucune approbation commune n’est ouverte à cet endroit"),
    ("no workflow `{id}`", "aucun workflow `{id}`"),
    ("operator `{operator}` is not in group `{group}`", "l’opérateur `{operator}` n’est pas dans le groupe `{group}`"),
    ("step `{step}` is not an approval with scope workflow", "l’étape `{step}` n’est pas une approbation de portée workflow"),
    ("the approval of {execution} is already decided", "l’approbation de {execution} est déjà décidée"),
    ("the draft has {n} error(s): {list}", "le brouillon a {n} erreur(s)\u{a0}: {list}"),
    ("the new contact needs an id", "le nouveau contact a besoin d’un identifiant"),
    ("the new workflow needs an id", "le nouveau workflow a besoin d’un identifiant"),
    ("this approval is already decided", "cette approbation est déjà décidée"),
    ("version {number} of `{workflow}` has no step `{step}`", "la version {number} de `{workflow}` n’a pas d’étape `{step}`"),
    ("{execution} has already ended ({state})", "{execution} est déjà terminée ({state})"),
    ("{execution} has no exhausted compensation to run again", "{execution} n’a aucune compensation épuisée à relancer"),
    ("{execution} is already acknowledged ({state})", "{execution} est déjà acquittée ({state})"),
    ("{execution} is {state}: only FAILED_UNSAFE can be rolled back", "{execution} est {state}\u{a0}: seule une exécution FAILED_UNSAFE peut être ramenée en arrière"),
    ("{execution} is {state}: only an ended execution can be acknowledged", "{execution} est {state}\u{a0}: seule une exécution terminée peut être acquittée"),
    ("{execution} is {state}, not waiting for a decision", "{execution} est {state}, elle n’attend pas de décision"),
    // Refusals the page gives before the engine (host/mod.rs)
    (
        "this tab shows the workspace read-only; take over to change it",
        "cet onglet montre l’espace de travail en lecture seule\u{202f}; reprenez la main pour le modifier",
    ),
    (
        "this acts in the past: choose first whether to go on from there",
        "cela agit dans le passé\u{a0}: choisissez d’abord si vous repartez de là",
    ),
    ("the workspace is still loading", "l’espace de travail est encore en cours de chargement"),
    // A refused file (engine_text::file_error)
    ("a string", "une chaîne"),
    ("a number", "un nombre"),
    ("an integer", "un entier"),
    ("a non-negative integer", "un entier positif ou nul"),
    ("an array", "un tableau"),
    ("an object", "un objet"),
    ("an array of steps", "un tableau d’étapes"),
    ("an object of trace fields", "un objet de champs de trace"),
    ("a step id or null", "un identifiant d’étape ou null"),
    ("a string, number, boolean or null", "une chaîne, un nombre, un booléen ou null"),
    ("true or false", "true ou false"),
    ("null", "null"),
    ("boolean {value}", "le booléen {value}"),
    ("number {value}", "le nombre {value}"),
    ("string {value}", "la chaîne {value}"),
    ("it is empty", "il est vide"),
    ("it is not JSON", "ce n’est pas du JSON"),
    ("it holds {what}, not an object", "il contient {what}, pas un objet"),
    ("its `format` is `{format}`, not `{expected}`", "son `format` est `{format}`, pas `{expected}`"),
    (
        "it has no `format`; a Flowlab scenario says \"format\": \"{format}\"",
        "il n’a pas de `format`\u{202f}; un scénario Flowlab indique \"format\": \"{format}\"",
    ),
    (
        "it has no `format` (as a scenario or a workspace has) and no `id` or `steps` (as a workflow has)",
        "il n’a ni `format` (comme un scénario ou un espace de travail) ni `id` ou `steps` (comme un workflow)",
    ),
    ("{file}: {problem}, at line {line}, column {column}", "{file}\u{a0}: {problem}, ligne {line}, colonne {column}"),
    ("This is not a Flowlab file: {why}", "Ce n’est pas un fichier Flowlab\u{a0}: {why}"),
    ("JSON syntax error: {detail}", "erreur de syntaxe JSON\u{a0}: {detail}"),
    ("the file is {size} bytes, over the limit of {limit} bytes", "le fichier fait {size} octets, au-delà de la limite de {limit} octets"),
    ("the file is not UTF-8 text (byte 0x{byte}); save it as UTF-8", "le fichier n’est pas du texte UTF-8 (octet 0x{byte})\u{202f}; enregistrez-le en UTF-8"),
    ("key `{key}` is written twice in the top-level object", "la clé `{key}` est écrite deux fois dans l’objet de premier niveau"),
    ("key `{key}` is written twice in the object at {path}", "la clé `{key}` est écrite deux fois dans l’objet en {path}"),
    ("unknown field `{field}` (expected one of: {expected})", "champ `{field}` inconnu (attendu\u{a0}: {expected})"),
    ("`{field}` is not a field of a `{kind}` step", "`{field}` n’est pas un champ d’une étape `{kind}`"),
    ("missing field `{field}`", "champ `{field}` manquant"),
    ("expected {expected}, found {found}", "{expected} attendu, {found} trouvé"),
    ("`{value}` is not one of: {expected}", "`{value}` ne fait pas partie de\u{a0}: {expected}"),
    ("unsupported format `{format}`: this version reads `flowlab-scenario/1`", "format `{format}` non pris en charge\u{a0}: cette version lit `flowlab-scenario/1`"),
    ("the clipboard", "le presse-papiers"),
    // A refused BPMN file (engine_text::bpmn_error)
    ("the file is not XML: {why}", "le fichier n’est pas du XML\u{a0}: {why}"),
    ("the file is not BPMN 2.0: {why}", "le fichier n’est pas du BPMN 2.0\u{a0}: {why}"),
    (
        "the Flowlab extension of `{id}` is not a JSON object: {reason}",
        "l’extension Flowlab de `{id}` n’est pas un objet JSON\u{a0}: {reason}",
    ),
    (
        "the workflow made from the file is not valid: {why}",
        "le workflow tiré du fichier n’est pas valide\u{a0}: {why}",
    ),
    // Why the BPMN importer refused an element (engine_text::bpmn_error)
    (
        "a compensation boundary event has no outgoing sequence flow: link its handler by an association",
        "un événement de bord de compensation n’a pas de flux sortant\u{a0}: reliez son gestionnaire par une association",
    ),
    (
        "a compensation boundary event needs one association to its handler, it has {n}",
        "un événement de bord de compensation doit avoir une association vers son gestionnaire, il en a {n}",
    ),
    (
        "a compensation handler is linked by an association, not by sequence flows",
        "un gestionnaire de compensation est relié par une association, pas par des flux de séquence",
    ),
    (
        "a compensation handler must be a service task marked for compensation (isForCompensation) (a compensation is an action)",
        "un gestionnaire de compensation doit être une tâche de service marquée pour la compensation (isForCompensation) (une compensation est une action)",
    ),
    (
        "a compensation handler needs an association from a compensation boundary event on a service task",
        "un gestionnaire de compensation a besoin d’une association depuis un événement de bord de compensation sur une tâche de service",
    ),
    (
        "a compensation handler undoes one step: it is associated with more than one compensation boundary event",
        "un gestionnaire de compensation défait une seule étape\u{a0}: il est associé à plus d’un événement de bord de compensation",
    ),
    (
        "a plain task has no kind: make it a service task (an action) or a user task (an approval)",
        "une tâche simple n’a pas de type\u{a0}: faites-en une tâche de service (une action) ou une tâche utilisateur (une approbation)",
    ),
    (
        "a second compensation boundary event on `{host}`: a step has one compensation",
        "un second événement de bord de compensation sur `{host}`\u{a0}: une étape a une seule compensation",
    ),
    (
        "a second process: Flowlab imports a file with one process",
        "un second processus\u{a0}: Flowlab importe un fichier à un seul processus",
    ),
    (
        "a second start event: a workflow starts in one place",
        "un second événement de début\u{a0}: un workflow commence à un seul endroit",
    ),
    (
        "a throw event has no Flowlab equivalent (Flowlab runs the compensations itself when a step's fail action is fail_workflow)",
        "un événement de lancement n’a pas d’équivalent Flowlab (Flowlab exécute lui-même les compensations quand l’action en cas d’échec d’une étape est fail_workflow)",
    ),
    (
        "a timer needs a duration (timeDuration); dates and cycles have no Flowlab equivalent",
        "une minuterie a besoin d’une durée (timeDuration)\u{202f}; les dates et les cycles n’ont pas d’équivalent Flowlab",
    ),
    (
        "a timer start needs the Flowlab extension's trigger (Flowlab starts by a tag or an audience, not on a schedule)",
        "un début sur minuterie a besoin du déclencheur de l’extension Flowlab (Flowlab démarre par un tag ou une audience, pas selon un calendrier)",
    ),
    (
        "boundary events are supported as errors and compensations on service tasks and timers on user tasks",
        "les événements de bord sont pris en charge comme erreurs et compensations sur les tâches de service, et comme minuteries sur les tâches utilisateur",
    ),
    (
        "more than one outgoing flow: a user task goes on to one step (put an exclusive gateway after it)",
        "plus d’un flux sortant\u{a0}: une tâche utilisateur mène à une seule étape (placez une passerelle exclusive après elle)",
    ),
    (
        "neither outgoing flow has a condition: one needs the filter in FEEL",
        "aucun flux sortant n’a de condition\u{a0}: l’un d’eux doit porter le filtre en FEEL",
    ),
    (
        "not a BPMN element",
        "pas un élément BPMN",
    ),
    (
        "not a timer",
        "pas une minuterie",
    ),
    (
        "only timer catch events (a wait) are supported",
        "seuls les événements intermédiaires de minuterie (une attente) sont pris en charge",
    ),
    (
        "`{name}` has no Flowlab equivalent (a workflow is one process)",
        "`{name}` n’a pas d’équivalent Flowlab (un workflow est un seul processus)",
    ),
    (
        "`{name}` has no Flowlab equivalent",
        "`{name}` n’a pas d’équivalent Flowlab",
    ),
    (
        "`{text}` is not an ISO 8601 duration in days, hours, minutes and seconds",
        "`{text}` n’est pas une durée ISO 8601 en jours, heures, minutes et secondes",
    ),
    (
        "a start event of type {types} has no Flowlab trigger (plain, timer or conditional starts only)",
        "un événement de début de type {types} n’a pas de déclencheur Flowlab (débuts simples, sur minuterie ou conditionnels seulement)",
    ),
    (
        "an end event of type {types} has no Flowlab equivalent",
        "un événement de fin de type {types} n’a pas d’équivalent Flowlab",
    ),
    (
        "retries `{retries}` is not a whole number",
        "le nombre de tentatives `{retries}` n’est pas un entier",
    ),
    (
        "task type `{type}` is not an action kind (email, sms, webhook, update)",
        "le type de tâche `{type}` n’est pas un type d’action (email, sms, webhook, update)",
    ),
    (
        "{n} outgoing flows: a {what} goes to one next step (use an exclusive gateway to branch)",
        "{n} flux sortants\u{a0}: un élément {what} mène à une seule étape suivante (utilisez une passerelle exclusive pour bifurquer)",
    ),
    (
        "{n} outgoing flows: an exclusive gateway needs two, one with a condition (yes) and one without or the default (no)",
        "{n} flux sortants\u{a0}: une passerelle exclusive en demande deux, l’un avec une condition (oui), l’autre sans ou par défaut (non)",
    ),
    (
        "`{expression}` is not a condition Flowlab reads: {reason}",
        "`{expression}` n’est pas une condition que Flowlab sait lire\u{a0}: {reason}",
    ),
    (
        "its root element is `{name}`, not BPMN's `definitions`",
        "son élément racine est `{name}`, pas le `definitions` de BPMN",
    ),
    (
        "it has no process",
        "il n’a pas de processus",
    ),
    // What is wrong with a value in a file, and a FEEL condition's problem (engine_text)
    (
        "`edit` needs `steps`, `settings` or `trigger`",
        "`edit` a besoin de `steps`, `settings` ou `trigger`",
    ),
    (
        "`exists` takes no `value`",
        "`exists` ne prend pas de `value`",
    ),
    (
        "`{value}` is negative: a duration is 0 or more",
        "`{value}` est négatif\u{a0}: une durée vaut 0 ou plus",
    ),
    (
        "a `count` takes exactly one of `equals`, `at_least`, `at_most`",
        "un `count` prend exactement un champ parmi `equals`, `at_least`, `at_most`",
    ),
    (
        "a duration must be a non-negative whole number of milliseconds, not {n}",
        "une durée doit être un nombre entier positif ou nul de millisecondes, pas {n}",
    ),
    (
        "a fault has exactly one of `fail_first`, `probability`, `always`",
        "une panne a exactement un champ parmi `fail_first`, `probability`, `always`",
    ),
    (
        "a filter has one of `attribute`, `tag`, `all`, `any`, `not`",
        "un filtre a un champ parmi `attribute`, `tag`, `all`, `any`, `not`",
    ),
    (
        "a ratio between 0 and 1, not {v}",
        "un rapport entre 0 et 1, pas {v}",
    ),
    (
        "a share between 0 and 1, not {share}",
        "une part entre 0 et 1, pas {share}",
    ),
    (
        "a version number is 1 or more, not {n}",
        "un numéro de version vaut 1 ou plus, pas {n}",
    ),
    (
        "an expectation is one of `event`, `no_event`, `count`, `final_state`",
        "une attente est l’une de `event`, `no_event`, `count`, `final_state`",
    ),
    (
        "at most {n} contacts can be generated",
        "on peut générer au plus {n} contacts",
    ),
    (
        "name either `execution`, or `workflow` and `step`, not both",
        "nommez soit `execution`, soit `workflow` et `step`, pas les deux",
    ),
    (
        "two {what}s have the id `{id}`",
        "deux éléments {what} ont l’identifiant `{id}`",
    ),
    (
        "must be at most {max} (ten years), not {value}",
        "doit valoir au plus {max} (dix ans), pas {value}",
    ),
    (
        "`!` alone is not an operator",
        "`!` seul n’est pas un opérateur",
    ),
    (
        "a string is not closed",
        "une chaîne n’est pas fermée",
    ),
    (
        "bad string {raw}",
        "chaîne invalide {raw}",
    ),
    (
        "bad number {raw}",
        "nombre invalide {raw}",
    ),
    (
        "unexpected `{token}`",
        "`{token}` inattendu",
    ),
    (
        "expected `{want}`, found `{got}`",
        "`{want}` attendu, `{got}` trouvé",
    ),
    (
        "expected a tag in quotes, found `{got}`",
        "un tag entre guillemets attendu, `{got}` trouvé",
    ),
    (
        "expected a comparison after `{attribute}`, found `{got}`",
        "une comparaison attendue après `{attribute}`, `{got}` trouvé",
    ),
    (
        "expected a value, found `{got}`",
        "une valeur attendue, `{got}` trouvée",
    ),
];
