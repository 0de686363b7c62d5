//! The state gallery's narrations and the Lifecycle screen's explanations.

pub const ENTRIES: &[(&str, &str)] = &[
    // The Lifecycle screen (screens/lifecycle.rs)
    (
        "The state machines the engine follows, with how many are in each state right now. Click a state to see a live example of it.",
        "Les machines à états que suit le moteur, avec le nombre d’éléments dans chaque état en ce moment. Cliquez sur un état pour en voir un exemple en direct.",
    ),
    ("Executions and steps of", "Exécutions et étapes de"),
    ("All workflows", "Tous les workflows"),
    ("Execution", "Exécution"),
    (
        " · every enrollment walks this machine; green is fine, amber needs a look, red needs a person",
        " · toute inscription suit cette machine\u{a0}; vert\u{a0}: normal, orange\u{a0}: à surveiller, rouge\u{a0}: une personne doit agir",
    ),
    ("Execution lifecycle", "Cycle de vie d’une exécution"),
    ("Definition", "Définition"),
    (" · workflows by status", " · workflows par statut"),
    ("Definition lifecycle", "Cycle de vie d’une définition"),
    ("Step", "Étape"),
    (" · steps of executions by status", " · étapes des exécutions par statut"),
    ("Step lifecycle", "Cycle de vie d’une étape"),
    // The diagrams (run_view/lifecycle.rs, components/lifecycle_diagram.rs)
    ("{state}: show an example", "{state}\u{a0}: voir un exemple"),
    ("error", "erreur"),
    ("invalid", "invalide"),
    ("missing", "manquant"),
    (
        "from any non-terminal state: operator stop or workflow cancelled",
        "depuis tout état non terminal\u{a0}: arrêt par un opérateur ou workflow annulé",
    ),
    (
        "from active or paused: only with nothing in progress",
        "depuis active ou paused\u{a0}: seulement si rien n’est en cours",
    ),
    ("wait over", "attente finie"),
    ("ok after failures", "ok après échecs"),
    ("retry", "réessai"),
    ("retry due", "relance"),
    ("fail", "échec"),
    (
        "from any in-progress status when its execution stops",
        "depuis tout statut en cours quand son exécution s’arrête",
    ),
    (
        "after end_workflow / skip_remaining",
        "après end_workflow / skip_remaining",
    ),
    // The example shown (screens/state_gallery.rs)
    (
        "This tab shows the workspace read-only, so it cannot load an example.",
        "Cet onglet montre l’espace de travail en lecture seule\u{a0}: il ne peut pas charger d’exemple.",
    ),
    (
        "{file} was not loaded: {error}. Nothing was changed.",
        "{file} n’a pas été chargé\u{a0}: {error}. Rien n’a été modifié.",
    ),
    ("workflow {id}", "workflow {id}"),
    ("execution {x}", "exécution {x}"),
    ("step {step} of {execution}", "étape {step} de {execution}"),
    ("Open workflow {id}", "Ouvrir le workflow {id}"),
    ("Open execution {x}", "Ouvrir l’exécution {x}"),
    (
        "Open execution {execution} (step {step})",
        "Ouvrir l’exécution {execution} (étape {step})",
    ),
    (
        "The cursor has moved: here {subject} is {state}.",
        "Le curseur a bougé\u{a0}: ici, {subject} est en {state}.",
    ),
    (
        "The cursor has moved: here {subject} is not there yet.",
        "Le curseur a bougé\u{a0}: ici, {subject} n’existe pas encore.",
    ),
    ("preset “{title}”", "préréglage «\u{a0}{title}\u{a0}»"),
    ("Loading the example…", "Chargement de l’exemple…"),
    ("Show an example of {state}?", "Montrer un exemple de {state}\u{202f}?"),
    (
        "It loads the preset “{title}” in place of every workflow, version, contact and execution in this browser, plays it to the example and pauses there. Export the workspace first if you want to keep it.",
        "Cela charge le préréglage «\u{a0}{title}\u{a0}» à la place de tous les workflows, versions, contacts et exécutions de ce navigateur, le joue jusqu’à l’exemple et s’y met en pause. Exportez d’abord l’espace de travail si vous voulez le garder.",
    ),
    ("Load the example", "Charger l’exemple"),
    // A pause mark of the script (components/pause_note.rs)
    ("Paused here:", "En pause ici\u{a0}:"),
    ("Press play to go on.", "Appuyez sur Lecture pour continuer."),
    // The step strip (components/step_strip.rs)
    ("Steps: {kinds}", "Étapes\u{a0}: {kinds}"),
    // The narrations, one per state (gallery/examples.rs). Trainers read
    // them aloud: the French says what the English says, no more.
    // Definition (§1)
    (
        "Version 1 is published, but a draft enrolls no one: activating it comes next, in the same instant.",
        "La version 1 est publiée, mais un brouillon n’inscrit personne\u{a0}: l’activation suit, au même instant.",
    ),
    (
        "Activated with version 1: it accepts enrollments now; Ada is enrolled by hand at {at}.",
        "Activé avec la version 1\u{a0}: il accepte désormais les inscriptions\u{202f}; Ada est inscrite à la main à {at}.",
    ),
    (
        "Paused at {at}: Ada's wait falls due at {due} but stays parked, and a new enrollment would wait; it resumes at {resume}.",
        "Mis en pause à {at}\u{a0}: l’attente d’Ada arrive à échéance à {due} mais reste en suspens, et une nouvelle inscription attendrait\u{202f}; il reprend à {resume}.",
    ),
    (
        "Cancelled for good at {at}: both executions waiting at the review are force-cancelled next; only archiving is left.",
        "Annulé définitivement à {at}\u{a0}: les deux exécutions en attente de l’examen sont ensuite annulées d’office\u{202f}; il ne reste qu’à l’archiver.",
    ),
    (
        "Archived at {at} after its cancellation: read-only, it enrolls no one and can only be cloned.",
        "Archivé à {at} après son annulation\u{a0}: en lecture seule, il n’inscrit personne et ne peut plus qu’être cloné.",
    ),
    // Execution (§2)
    (
        "Ada was just enrolled by hand: the execution exists and is validated next, in the same instant.",
        "Ada vient d’être inscrite à la main\u{a0}: l’exécution existe et sera validée juste après, au même instant.",
    ),
    (
        "Ada passed validation (no entry filter, first enrollment): the conditions are checked next.",
        "Ada a passé la validation (pas de filtre d’entrée, première inscription)\u{a0}: les conditions sont vérifiées ensuite.",
    ),
    (
        "The workflow is active and nothing holds Ada back: resource discovery comes next.",
        "Le workflow est actif et rien ne retient Ada\u{a0}: la découverte des ressources vient ensuite.",
    ),
    (
        "Grace was enrolled while the workflow is paused: she waits here until the resume at {at} releases her.",
        "Grace a été inscrite pendant que le workflow est en pause\u{a0}: elle attend ici que la reprise à {at} la libère.",
    ),
    (
        "The engine checks what the version needs from Ada: the welcome email needs her address, and she has one.",
        "Le moteur vérifie ce dont la version a besoin chez Ada\u{a0}: l’e-mail de bienvenue demande son adresse, et elle en a une.",
    ),
    (
        "Ada has everything the steps need: the execution is scheduled next.",
        "Ada a tout ce dont les étapes ont besoin\u{a0}: l’exécution est ensuite planifiée.",
    ),
    (
        "Ada's address update tried her lock, but the billing update (e1) holds it: it waits in SCHEDULED until e1 finishes at {at}.",
        "La mise à jour d’adresse d’Ada a tenté de prendre son verrou, mais la mise à jour de facturation (e1) le détient\u{a0}: elle attend en SCHEDULED que e1 finisse à {at}.",
    ),
    (
        "The address update asks for Ada's lock; billing (e1) holds it, so it goes back to SCHEDULED next.",
        "La mise à jour d’adresse demande le verrou d’Ada\u{202f}; la facturation (e1) le détient, elle repasse donc ensuite en SCHEDULED.",
    ),
    (
        "Billing finished at {at} and released Ada's lock; the address update holds it now and starts running next.",
        "La facturation s’est terminée à {at} et a libéré le verrou d’Ada\u{202f}; la mise à jour d’adresse le détient désormais et démarre ensuite.",
    ),
    (
        "Ada's execution runs its steps from the first: the welcome email starts now, and fails twice before it goes through.",
        "L’exécution d’Ada déroule ses étapes depuis la première\u{a0}: l’e-mail de bienvenue part maintenant, et échoue deux fois avant de passer.",
    ),
    (
        "Billing finished: without auto-ack it stays COMPLETED until someone acknowledges it; its lock passes to e2 next.",
        "La facturation est terminée\u{a0}: sans acquittement automatique, elle reste COMPLETED jusqu’à ce que quelqu’un l’acquitte\u{202f}; son verrou passe ensuite à e2.",
    ),
    (
        "The workflow has auto-ack: the completed execution was acknowledged at once. Nothing more happens to it.",
        "Le workflow acquitte automatiquement\u{a0}: l’exécution terminée a été acquittée aussitôt. Il ne lui arrive plus rien.",
    ),
    (
        "The SMS step failed with fail_workflow: the engine checks whether every completed step can be undone, then rolls back.",
        "L’étape SMS a échoué avec fail_workflow\u{a0}: le moteur vérifie que chaque étape terminée peut être défaite, puis fait le retour arrière.",
    ),
    (
        "Undoing the completed steps newest first: access is revoked, but closing the billing account fails and is retried at +{first}, +{second}.",
        "Les étapes terminées sont défaites de la plus récente à la plus ancienne\u{a0}: l’accès est révoqué, mais la fermeture du compte de facturation échoue et est retentée à +{first}, +{second}.",
    ),
    (
        "Both undos succeeded: nothing is left half done. It waits for an operator's acknowledgement.",
        "Les deux étapes ont bien été défaites\u{a0}: rien n’est resté à moitié fait. L’exécution attend l’acquittement d’un opérateur.",
    ),
    (
        "The operator's retried rollback made it safe, and at {at} the operator acknowledged it: done.",
        "Le retour arrière relancé par l’opérateur l’a rendue sûre, et à {at} l’opérateur l’a acquittée\u{a0}: terminé.",
    ),
    (
        "The billing undo gave up: the account may be left open. A person must look; at {at} the operator retries the rollback.",
        "La facturation n’a pas pu être défaite\u{a0}: le compte est peut-être resté ouvert. Une personne doit vérifier\u{202f}; à {at}, l’opérateur relance le retour arrière.",
    ),
    (
        "The undo never succeeded; at {at} the operator acknowledged it as it is, taking the open account in hand.",
        "Le retour arrière n’a jamais réussi\u{202f}; à {at}, l’opérateur l’a acquittée en l’état et prend en main le compte resté ouvert.",
    ),
    (
        "The operator stopped Ada's reminders at {at} during the day's wait; without auto-ack it stays CANCELLED until acknowledged at {ack}.",
        "L’opérateur a arrêté les relances d’Ada à {at}, pendant l’attente d’une journée\u{202f}; sans acquittement automatique, elle reste CANCELLED jusqu’à son acquittement à {ack}.",
    ),
    (
        "The operator acknowledged the stopped execution at {at}: it is closed and needs nobody any more.",
        "L’opérateur a acquitté l’exécution arrêtée à {at}\u{a0}: elle est clôturée et n’a plus besoin de personne.",
    ),
    // Step (§3)
    (
        "A planned pause: Ada waits an hour before the tips; the pause at {at} will hold the wait past its due time.",
        "Une pause prévue\u{a0}: Ada attend une heure avant les conseils\u{202f}; la mise en pause à {at} retiendra l’attente au-delà de son échéance.",
    ),
    (
        "The welcome email failed on its first attempt: a retry is scheduled {later} later (linear backoff).",
        "L’e-mail de bienvenue a échoué à sa première tentative\u{a0}: une nouvelle tentative est prévue {later} plus tard (délai linéaire entre tentatives).",
    ),
    (
        "The welcome email's first attempt is under way (it takes {takes}); it will fail and be retried.",
        "La première tentative de l’e-mail de bienvenue est en cours (elle dure {takes})\u{202f}; elle va échouer et sera retentée.",
    ),
    (
        "Ada's trial offer waits for a sales review; Sam was notified, but marketing cancels the workflow at {at}.",
        "L’offre d’essai d’Ada attend l’examen d’un commercial\u{202f}; Sam a été prévenu, mais le marketing annule le workflow à {at}.",
    ),
    (
        "The first notice went out on its first attempt; the day's wait comes next.",
        "Le premier avis est parti dès la première tentative\u{202f}; l’attente d’une journée vient ensuite.",
    ),
    (
        "The third attempt went through after two failures, so the step is resolved rather than completed; the execution ends next.",
        "La troisième tentative est passée après deux échecs\u{a0}: l’étape est donc resolved plutôt que completed\u{202f}; l’exécution se termine ensuite.",
    ),
    (
        "The SMS gateway is down: the retry failed too, and the step's fail action, fail_workflow, sends the execution to ERROR next.",
        "La passerelle SMS est en panne\u{a0}: la nouvelle tentative a échoué elle aussi, et l’action en cas d’échec de l’étape, fail_workflow, fait ensuite passer l’exécution en ERROR.",
    ),
    (
        "The sync failed with end_workflow: the thank-you step that followed is skipped and the execution completes.",
        "La synchronisation a échoué avec end_workflow\u{a0}: l’étape de remerciement qui suivait est sautée et l’exécution se termine.",
    ),
    (
        "Ada's day of waiting was interrupted: the operator stopped the execution at {at}, so the step in progress is cancelled.",
        "La journée d’attente d’Ada a été interrompue\u{a0}: l’opérateur a arrêté l’exécution à {at}, l’étape en cours est donc annulée.",
    ),
];
