//! Runs, an execution's page, Approvals and People.

pub const ENTRIES: &[(&str, &str)] = &[
    ("{event} (engine bookkeeping)", "{event} (tenue interne du moteur)"),
    (
        "No execution of this version has completed yet: the histogram fills as they do.",
        "Aucune exécution de cette version n’est encore terminée\u{a0}: l’histogramme se remplit au fur et à mesure.",
    ),
    (
        "Time to complete of {n} completed executions, from {from} to {to}",
        "Durée jusqu’à la fin de {n} exécutions terminées, de {from} à {to}",
    ),
    (
        "{range}: {executions}",
        "{range}\u{a0}: {executions}",
    ),
    (
        "time from enrollment to COMPLETED",
        "durée de l’inscription à COMPLETED",
    ),
    (
        "executions",
        "exécutions",
    ),
    (
        "median",
        "médiane",
    ),
    (
        "No published version to measure yet.",
        "Aucune version publiée à mesurer pour l’instant.",
    ),
    (
        "Download this version's figures and per-step table as CSV",
        "Télécharger les chiffres de cette version et le tableau par étape en CSV",
    ),
    (
        "Export CSV",
        "Exporter en CSV",
    ),
    (
        "{finished} finished · {flight} in flight",
        "finies\u{a0}: {finished} · en cours\u{a0}: {flight}",
    ),
    (
        "completion rate",
        "taux de complétion",
    ),
    (
        "{completed} completed of {finished} finished (completed, failed or stopped); executions in flight are not counted",
        "terminées\u{a0}: {completed} sur {finished} finie(s) (terminées, en échec ou arrêtées)\u{202f}; les exécutions en cours ne comptent pas",
    ),
    (
        "median time to complete",
        "durée médiane jusqu’à la fin",
    ),
    (
        "enrollment to COMPLETED, over {n} completed execution|enrollment to COMPLETED, over {n} completed executions",
        "de l’inscription à COMPLETED, sur {n} exécution terminée|de l’inscription à COMPLETED, sur {n} exécutions terminées",
    ),
    (
        "p90 time to complete",
        "durée p90 jusqu’à la fin",
    ),
    (
        "90% of completed executions took at most this",
        "90\u{a0}% des exécutions terminées ont duré au plus autant",
    ),
    (
        "Time to complete",
        "Durée jusqu’à la fin",
    ),
    (
        "Completed",
        "Terminées",
    ),
    (
        "Failed safe",
        "Échec sûr",
    ),
    (
        "Failed unsafe",
        "Échec non sûr",
    ),
    (
        "Stopped",
        "Arrêtées",
    ),
    (
        "In flight",
        "En cours",
    ),
    (
        "{label}: {n}",
        "{label}\u{a0}: {n}",
    ),
    (
        "{label} {n}",
        "{label} {n}",
    ),
    (
        "Per-step metrics",
        "Métriques par étape",
    ),
    (
        "Executions of this version that reached the step",
        "Exécutions de cette version qui ont atteint l’étape",
    ),
    (
        "Reached",
        "Atteinte",
    ),
    (
        "Attempts over every execution, retry and visit",
        "Tentatives sur toutes les exécutions, nouvelles tentatives et passages",
    ),
    (
        "Attempts that failed",
        "Tentatives en échec",
    ),
    (
        "Failed",
        "Échecs",
    ),
    (
        "Times the step ended failed and its fail action ran",
        "Fois où l’étape a fini en échec et où son action en cas d’échec s’est exécutée",
    ),
    (
        "Ended failed",
        "Fini en échec",
    ),
    (
        "Failed attempts over attempts",
        "Tentatives en échec sur le total des tentatives",
    ),
    (
        "Failure rate",
        "Taux d’échec",
    ),
    (
        "Fail actions",
        "Actions en cas d’échec",
    ),
    (
        "no attempts",
        "aucune tentative",
    ),
    (
        "no email address",
        "aucune adresse e-mail",
    ),
    (
        "no phone number",
        "aucun numéro de téléphone",
    ),
    (
        "Contact {id} has {lack}: this version's {action} actions would end its execution FAILED_SAFE at discovery.",
        "Le contact {id} n’a {lack}\u{a0}: les actions {action} de cette version termineraient son exécution en FAILED_SAFE à la découverte.",
    ),
    (
        "{n} contacts ({ids}) have {lack}: this version's {action} actions would end their executions FAILED_SAFE at discovery.",
        "{n} contacts ({ids}) n’ont {lack}\u{a0}: les actions {action} de cette version termineraient leurs exécutions en FAILED_SAFE à la découverte.",
    ),
    (
        "Contact {id} has {lack}: v{v}'s {action} actions would end its execution FAILED_SAFE at discovery.",
        "Le contact {id} n’a {lack}\u{a0}: les actions {action} de la v{v} termineraient son exécution en FAILED_SAFE à la découverte.",
    ),
    (
        "{n} contacts ({ids}) have {lack}: v{v}'s {action} actions would end their executions FAILED_SAFE at discovery.",
        "{n} contacts ({ids}) n’ont {lack}\u{a0}: les actions {action} de la v{v} termineraient leurs exécutions en FAILED_SAFE à la découverte.",
    ),
    (
        "flowlab-runs.csv",
        "flowlab-executions.csv",
    ),
    (
        "flowlab-metrics-{workflow}-v{version}.csv",
        "flowlab-metriques-{workflow}-v{version}.csv",
    ),
    (
        "the operator needs an id",
        "l’opérateur doit avoir un identifiant",
    ),
    (
        "the operator id `{id}` contains a space",
        "l’identifiant d’opérateur `{id}` contient une espace",
    ),
    (
        "the operator needs a name",
        "l’opérateur doit avoir un nom",
    ),
    (
        "`{value}` is not an email address (expected name@domain.tld)",
        "`{value}` n’est pas une adresse e-mail (attendu\u{a0}: nom@domaine.tld)",
    ),
    (
        "`{value}` is not a mobile number (digits, spaces, dashes, an optional leading +; at least 6 digits)",
        "`{value}` n’est pas un numéro de mobile (chiffres, espaces, tirets, un + facultatif au début\u{202f}; au moins 6 chiffres)",
    ),
    (
        "a group name is empty",
        "un nom de groupe est vide",
    ),
    (
        "the group `{group}` is listed twice",
        "le groupe `{group}` figure deux fois",
    ),
    (
        "an operator `{id}` already exists",
        "un opérateur `{id}` existe déjà",
    ),
    (
        "no operator `{id}`",
        "aucun opérateur `{id}`",
    ),
    (
        "entry filter not matched",
        "filtre d’entrée non satisfait",
    ),
    (
        "already enrolled (re-enrollment is off)",
        "déjà inscrit (la réinscription est désactivée)",
    ),
    (
        "contact has no email",
        "le contact n’a pas d’e-mail",
    ),
    (
        "contact has no phone",
        "le contact n’a pas de téléphone",
    ),
    (
        "workflow is paused",
        "le workflow est en pause",
    ),
    (
        "outside the start window",
        "hors de la fenêtre de démarrage",
    ),
    (
        "{n} execution(s) already running (max_concurrent)",
        "{n} exécution(s) déjà en cours (max_concurrent)",
    ),
    (
        "contact is locked by {id}",
        "le contact est verrouillé par {id}",
    ),
    (
        "step {step} failed ({action})",
        "l’étape {step} a échoué ({action})",
    ),
    (
        "execution timeout",
        "délai de l’exécution dépassé",
    ),
    (
        "step {step} has no compensation",
        "l’étape {step} n’a pas de compensation",
    ),
    (
        "{n} compensation(s) exhausted",
        "{n} compensation(s) épuisée(s)",
    ),
    (
        "stopped by operator",
        "arrêtée par un opérateur",
    ),
    (
        "workflow cancelled",
        "workflow annulé",
    ),
    (
        "step loop at {step}",
        "boucle d’étapes à {step}",
    ),
    (
        "made {n} attempts at one instant, the most a step may",
        "a fait {n} tentatives au même instant, le maximum pour une étape",
    ),
    (
        "made {n} attempts in this execution, the most a step may",
        "a fait {n} tentatives dans cette exécution, le maximum pour une étape",
    ),
    (
        "not entered: the execution has entered {n} steps, the most one may",
        "non entrée\u{a0}: l’exécution est entrée dans {n} étapes, le maximum pour une exécution",
    ),
    (
        "work_limit: step {step} {limit}",
        "work_limit\u{a0}: l’étape {step} {limit}",
    ),
    (
        "From: {error}",
        "De\u{a0}: {error}",
    ),
    (
        "To: {error}",
        "À\u{a0}: {error}",
    ),
    (
        "From ({from}) is after To ({to}): no execution can start in that range",
        "Du ({from}) est après Au ({to})\u{a0}: aucune exécution ne peut commencer dans cet intervalle",
    ),
    (
        "empty duration",
        "durée vide",
    ),
    (
        "`{text}` is not a duration: expected an integer followed by ms, s, m, h or d, e.g. \"90s\" or \"1d2h\"",
        "`{text}` n’est pas une durée\u{a0}: attendu un entier suivi de ms, s, m, h ou d, p.\u{a0}ex. «\u{a0}90s\u{a0}» ou «\u{a0}1d2h\u{a0}»",
    ),
    (
        "duration `{text}` is too large",
        "la durée `{text}` est trop grande",
    ),
    (
        "`{text}` is not a clock time: expected \"HH:MM\" between 00:00 and 23:59",
        "`{text}` n’est pas une heure\u{a0}: attendu «\u{a0}HH:MM\u{a0}» entre 00:00 et 23:59",
    ),
    (
        "What the engine sent each operator, by email and SMS. The first decision of a group member wins.",
        "Ce que le moteur a envoyé à chaque opérateur, par e-mail et SMS. La première décision d’un membre du groupe l’emporte.",
    ),
    (
        "Operators",
        "Opérateurs",
    ),
    (
        "no group",
        "aucun groupe",
    ),
    (
        "{name}'s inbox",
        "Boîte de réception de {name}",
    ),
    (
        "No notifications. An approval step notifies the operators of its group when an execution reaches it.",
        "Aucune notification. Une étape d’approbation notifie les opérateurs de son groupe quand une exécution l’atteint.",
    ),
    (
        "approve",
        "approuver",
    ),
    (
        "reject",
        "rejeter",
    ),
    (
        "Waiting for a decision",
        "En attente d’une décision",
    ),
    (
        "{by} chose {decision} at {when}",
        "{by} a choisi «\u{a0}{decision}\u{a0}» le {when}",
    ),
    (
        "No longer waiting (timed out or the execution ended)",
        "N’attend plus (délai dépassé ou exécution terminée)",
    ),
    (
        "Campaign validation: one decision for every execution of v{version} at this step ({n} waiting)",
        "Validation de campagne\u{a0}: une seule décision pour toutes les exécutions de la v{version} à cette étape ({n} en attente)",
    ),
    (
        "For {execution} only",
        "Pour {execution} seulement",
    ),
    (
        "It opened before this operator joined the group: no notification was sent, but members decide",
        "Elle s’est ouverte avant que cet opérateur rejoigne le groupe\u{a0}: aucune notification n’a été envoyée, mais les membres décident",
    ),
    (
        "Not notified",
        "Non notifié",
    ),
    (
        "Contact {name} · ",
        "Contact {name} · ",
    ),
    (
        "Reject",
        "Rejeter",
    ),
    (
        "Approve",
        "Approuver",
    ),
    (
        "Attributes must be a JSON object, e.g. {\"plan\": \"pro\"}",
        "Les attributs doivent être un objet JSON, p.\u{a0}ex. {\"plan\": \"pro\"}",
    ),
    (
        "A contact needs an id",
        "Un contact doit avoir un identifiant",
    ),
    (
        "Contacts that workflows run for, and the operators who decide approvals.",
        "Les contacts pour qui les workflows s’exécutent, et les opérateurs qui décident des approbations.",
    ),
    (
        "next poll at {when} (in {wait})",
        "prochain relevé le {when} (dans {wait})",
    ),
    (
        "no poll scheduled: the workflow is {status}",
        "aucun relevé planifié\u{a0}: le workflow est {status}",
    ),
    (
        " enrolls contacts tagged “{tag}” at its poll, every {every}, not at the tagging: {when}",
        " inscrit les contacts marqués «\u{a0}{tag}\u{a0}» lors de son relevé, toutes les {every}, et non au marquage\u{a0}: {when}",
    ),
    (
        " · {n} tag addition waiting| · {n} tag additions waiting",
        " · {n} ajout de tag en attente| · {n} ajouts de tag en attente",
    ),
    (
        "Search",
        "Rechercher",
    ),
    (
        "id, name, email, phone or tag",
        "identifiant, nom, e-mail, téléphone ou tag",
    ),
    (
        "Add contact",
        "Ajouter un contact",
    ),
    (
        "Generate",
        "Générer",
    ),
    (
        "Seed",
        "Graine",
    ),
    (
        "Synthetic contacts from the seed (the same seed gives the same people); 30% tagged lead",
        "Contacts synthétiques tirés de la graine (la même graine donne les mêmes personnes)\u{202f}; 30\u{a0}% marqués lead",
    ),
    (
        "Generate contacts",
        "Générer des contacts",
    ),
    (
        "New contact",
        "Nouveau contact",
    ),
    (
        "Edit {id}",
        "Modifier {id}",
    ),
    (
        "Phone",
        "Téléphone",
    ),
    (
        "Tags (comma separated)",
        "Tags (séparés par des virgules)",
    ),
    (
        "Attributes (JSON)",
        "Attributs (JSON)",
    ),
    (
        "Save",
        "Enregistrer",
    ),
    (
        "Enroll into",
        "Inscrire dans",
    ),
    (
        "Choose an active workflow",
        "Choisir un workflow actif",
    ),
    (
        "Enroll selected ({n})",
        "Inscrire la sélection ({n})",
    ),
    (
        "{n} contacts · page {page}",
        "{n} contacts · page {page}",
    ),
    (
        "Contacts",
        "Contacts",
    ),
    (
        "Select",
        "Sélectionner",
    ),
    (
        "Contact",
        "Contact",
    ),
    (
        "Tags",
        "Tags",
    ),
    (
        "Attributes",
        "Attributs",
    ),
    (
        "Select {id}",
        "Sélectionner {id}",
    ),
    (
        "Remove tag {tag}",
        "Retirer le tag {tag}",
    ),
    (
        "+ tag",
        "+ tag",
    ),
    (
        "Edit",
        "Modifier",
    ),
    (
        " · notified by email, and by SMS when they have a mobile",
        " · notifiés par e-mail, et par SMS s’ils ont un mobile",
    ),
    (
        "Add operator",
        "Ajouter un opérateur",
    ),
    (
        "New operator",
        "Nouvel opérateur",
    ),
    (
        "Edit operator {id}",
        "Modifier l’opérateur {id}",
    ),
    (
        "Changes apply from now on: notifications already sent stay as they were, approvals that open later notify the groups as they are then, and a decision counts only if the operator is in the approval's group when deciding.",
        "Les modifications s’appliquent à partir de maintenant\u{a0}: les notifications déjà envoyées restent telles quelles, les approbations ouvertes plus tard notifient les groupes tels qu’ils seront alors, et une décision ne compte que si l’opérateur est dans le groupe de l’approbation au moment de décider.",
    ),
    (
        "Full name",
        "Nom complet",
    ),
    (
        "name@example.com",
        "nom@exemple.fr",
    ),
    (
        "Mobile",
        "Mobile",
    ),
    (
        "Groups (comma separated)",
        "Groupes (séparés par des virgules)",
    ),
    (
        "No group is used yet.",
        "Aucun groupe n’est encore utilisé.",
    ),
    (
        "Groups in use: {groups}",
        "Groupes utilisés\u{a0}: {groups}",
    ),
    (
        "Without an email or a mobile this operator is never notified, though they may still decide.",
        "Sans e-mail ni mobile, cet opérateur n’est jamais notifié, mais il peut quand même décider.",
    ),
    (
        "no email",
        "pas d’e-mail",
    ),
    (
        "no mobile",
        "pas de mobile",
    ),
    (
        "← All runs",
        "← Toutes les exécutions",
    ),
    (
        "No execution {id}",
        "Aucune exécution {id}",
    ),
    (
        "It does not exist in this workspace (yet). Executions are named e1, e2, … in the order they start.",
        "Elle n’existe pas (encore) dans cet espace de travail. Les exécutions s’appellent e1, e2, … dans l’ordre où elles démarrent.",
    ),
    (
        "{workflow} of {name} ({contact})",
        "{workflow} de {name} ({contact})",
    ),
    (
        "{workflow} · v{version} · {name} ({contact}) · enrolled {when}",
        "{workflow} · v{version} · {name} ({contact}) · inscrit le {when}",
    ),
    (
        "Operator actions",
        "Actions de l’opérateur",
    ),
    (
        "Operator stop: CANCELLED (any non-terminal state)",
        "Arrêt par l’opérateur\u{a0}: CANCELLED (depuis tout état non terminal)",
    ),
    (
        "Stop…",
        "Arrêter…",
    ),
    (
        "Run the exhausted compensations again: {steps}",
        "Relancer les compensations épuisées\u{a0}: {steps}",
    ),
    (
        "Only a FAILED_UNSAFE execution with exhausted compensations can be rolled back",
        "Seule une exécution FAILED_UNSAFE aux compensations épuisées peut faire l’objet d’un retour arrière",
    ),
    (
        "Rollback",
        "Retour arrière",
    ),
    (
        "Acknowledge the terminal state",
        "Prendre acte de l’état terminal",
    ),
    (
        "Acknowledge",
        "Prendre acte",
    ),
    (
        " · the path it took, where it is now",
        " · le chemin parcouru, où elle en est",
    ),
    (
        "Execution lifecycle of {id}",
        "Cycle de vie de l’exécution {id}",
    ),
    ("History · {n} lines", "Historique · {n} lignes"),
    (
        "Stop {id}?",
        "Arrêter {id}\u{202f}?",
    ),
    (
        "The execution ({what}) is cancelled now: the step it is on stops and no later step runs. It cannot be resumed.",
        "L’exécution ({what}) est annulée maintenant\u{a0}: l’étape en cours s’arrête et aucune étape suivante ne s’exécute. Elle ne pourra pas reprendre.",
    ),
    (
        "Keep it running",
        "La laisser continuer",
    ),
    (
        "Stop",
        "Arrêter",
    ),
    (
        "No executions yet. Press play: the workspace's script publishes, activates and enrolls on simulated time.",
        "Aucune exécution pour l’instant. Appuyez sur Lecture\u{a0}: le script de l’espace de travail publie, active et inscrit en temps simulé.",
    ),
    (
        "{n} execution on simulated time|{n} executions on simulated time",
        "{n} exécution en temps simulé|{n} exécutions en temps simulé",
    ),
    (
        "All",
        "Toutes",
    ),
    (
        "State",
        "État",
    ),
    (
        "Any state",
        "Tous les états",
    ),
    (
        "id or name",
        "identifiant ou nom",
    ),
    (
        "Executions per state",
        "Exécutions par état",
    ),
    (
        "Acknowledge selected ({n})",
        "Prendre acte de la sélection ({n})",
    ),
    (
        "Select every execution on this page that waits for an acknowledgement",
        "Sélectionner chaque exécution de cette page qui attend une prise d’acte",
    ),
    (
        "Select all to acknowledge",
        "Tout sélectionner pour prise d’acte",
    ),
    (
        "Download every execution matching the filters, all pages, as CSV",
        "Télécharger en CSV toutes les exécutions correspondant aux filtres, toutes pages confondues",
    ),
    (
        "{n} matching · page {page} of {pages}",
        "{n} correspondantes · page {page} sur {pages}",
    ),
    (
        "‹ Newer",
        "‹ Plus récentes",
    ),
    (
        "Older ›",
        "Plus anciennes ›",
    ),
    (
        "Executions",
        "Exécutions",
    ),
    (
        "Enrolled",
        "Inscription",
    ),
    (
        "Metrics",
        "Métriques",
    ),
    (
        " · simulated time, updated as the clock runs",
        " · temps simulé, mis à jour quand l’horloge avance",
    ),
    (
        "Enrolled between, simulated time",
        "Inscrites entre, en temps simulé",
    ),
    (
        "Enrolled from",
        "Inscrites de",
    ),
    (
        "e.g. 2m",
        "p.\u{a0}ex. 2m",
    ),
    (
        "e.g. 1h30m",
        "p.\u{a0}ex. 1h30m",
    ),
    (
        "{error}. The time range is not applied.",
        "{error}. L’intervalle de temps n’est pas appliqué.",
    ),
    (
        "This workflow has no published version yet.",
        "Ce workflow n’a pas encore de version publiée.",
    ),
    (
        "Version {v} in run mode",
        "Version {v} en mode exécution",
    ),
    (
        "Watch on the canvas",
        "Suivre sur le canevas",
    ),
    (
        "{n} more attempts, all failed",
        "{n} tentatives de plus, toutes en échec",
    ),
    (
        "{n} more attempts, all ok",
        "{n} tentatives de plus, toutes réussies",
    ),
    (
        "{n} more attempts, {failed} failed",
        "{n} tentatives de plus, {failed} en échec",
    ),
    ("{n} retry", "{n} nouvelle tentative"),
    ("{n} retries", "{n} nouvelles tentatives"),
    ("{n} more status change", "{n} changement de statut de plus"),
    ("{n} more status changes", "{n} changements de statut de plus"),
    (
        "compensation {n} ok",
        "compensation {n} réussie",
    ),
    (
        "compensation {n} error",
        "compensation {n} en erreur",
    ),
    (
        "attempt {n} ok",
        "tentative {n} réussie",
    ),
    (
        "attempt {n} error",
        "tentative {n} en erreur",
    ),
    (
        "{what}, from {from} to {to}",
        "{what}, du {from} au {to}",
    ),
    (
        ": a retry is scheduled",
        "\u{a0}: une nouvelle tentative est planifiée",
    ),
    (
        ": a planned delay",
        "\u{a0}: un délai prévu",
    ),
    (
        "attempt ok",
        "tentative réussie",
    ),
    (
        "attempt failed",
        "tentative en échec",
    ),
    (
        "many marks, counted",
        "nombreuses marques, comptées",
    ),
    (
        "Time is compressed: long gaps are shortened.",
        "Le temps est compressé\u{a0}: les longs intervalles sont raccourcis.",
    ),
];
