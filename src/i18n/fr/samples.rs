//! The built-in samples and presets. `ENTRIES` are the texts the code shows
//! about them (preset titles and summaries, through `tr`); `TEXTS` are the
//! texts inside their files (workflow and step names, notes, narrations),
//! swapped in by `i18n::samples::localize`.

pub const ENTRIES: &[(&str, &str)] = &[
    ("A retry that resolves", "Une nouvelle tentative qui aboutit"),
    (
        "An email fails twice, backs off +1m then +2m, and goes through: the step ends resolved.",
        "Un e-mail échoue deux fois, attend +1\u{a0}min puis +2\u{a0}min, et passe\u{a0}: l’étape se termine resolved.",
    ),
    ("The seven fail actions", "Les sept actions en cas d’échec"),
    (
        "Continue, end workflow, skip remaining, branch, retry, enroll workflow and fail workflow, one workflow each.",
        "continue, end_workflow, skip_remaining, branch, retry, enroll_workflow et fail_workflow, un workflow chacune.",
    ),
    ("Pause and resume", "Mettre en pause et reprendre"),
    (
        "A paused workflow parks its timers; a manual enrollment waits in BLOCKED_WAITING until resume.",
        "Un workflow en pause gèle ses minuteries\u{202f}; une inscription manuelle attend en BLOCKED_WAITING jusqu’à la reprise.",
    ),
    ("Publish while executions run", "Publier pendant que des exécutions tournent"),
    (
        "Version 2 is published mid-run: new enrollments take it, running ones finish on version 1.",
        "La version 2 est publiée en cours de route\u{a0}: les nouvelles inscriptions la prennent, celles en cours finissent sur la version 1.",
    ),
    ("Campaign with a validation", "Campagne avec une validation"),
    (
        "574 contacts wait at one shared marketing validation; one approval releases them all: 574 - Ok.",
        "574 contacts attendent à une même validation marketing\u{202f}; une approbation les libère tous\u{a0}: 574 - Ok.",
    ),
    ("Rollback to FAILED_SAFE", "Retour arrière jusqu’à FAILED_SAFE"),
    (
        "A failed provisioning undoes its completed steps newest first and ends safe.",
        "Un provisionnement en échec défait ses étapes terminées, de la plus récente à la plus ancienne, et finit sans risque.",
    ),
    ("FAILED_UNSAFE, then recovered", "FAILED_UNSAFE, puis rattrapé"),
    (
        "An undo keeps failing: FAILED_UNSAFE. The operator retries the rollback and acknowledges.",
        "Une annulation échoue encore et encore\u{a0}: FAILED_UNSAFE. L’opérateur relance le retour arrière et acquitte.",
    ),
    ("Lock contention", "Verrou disputé"),
    (
        "Two exclusive workflows on one contact: the second waits in SCHEDULED for the lock.",
        "Deux workflows exclusifs sur un même contact\u{a0}: le second attend le verrou en SCHEDULED.",
    ),
    ("Trigger polling latency", "Latence du déclencheur par interrogation"),
    (
        "A tag added at 2m is only noticed at the 15m poll: enrollment happens at the poll.",
        "Un tag ajouté à 2\u{a0}min n’est vu qu’à l’interrogation de 15\u{a0}min\u{a0}: l’inscription a lieu à l’interrogation.",
    ),
    ("Stop, then acknowledge", "Arrêter, puis acquitter"),
    (
        "An operator stop leaves the execution CANCELLED until acknowledged; a FAILED_UNSAFE one is acknowledged as it is.",
        "Un arrêt par un opérateur laisse l’exécution en CANCELLED jusqu’à son acquittement\u{202f}; une exécution FAILED_UNSAFE est acquittée en l’état.",
    ),
    ("Cancel a workflow, then archive it", "Annuler un workflow, puis l’archiver"),
    (
        "Cancelling force-cancels the executions waiting at an approval; the cancelled workflow is then archived.",
        "L’annulation annule d’office les exécutions qui attendent une approbation\u{202f}; le workflow annulé est ensuite archivé.",
    ),
];

pub const TEXTS: &[(&str, &str)] = &[
    // The sample workspace (workspace.json, welcome.json, campaign.json, provisioning.json)
    (
        "The built-in sample workspace: a welcome series on a tag trigger, a one-shot spring campaign behind an operator approval, and account provisioning with a rollback. Press play to watch them run.",
        "L’espace de travail d’exemple intégré\u{a0}: une série de bienvenue sur un déclencheur par tag, une campagne de printemps ponctuelle derrière une approbation d’opérateur, et un provisionnement de compte avec retour arrière. Lancez la lecture pour les voir tourner.",
    ),
    ("Welcome series", "Série de bienvenue"),
    ("Send welcome email", "Envoyer l’e-mail de bienvenue"),
    ("Wait a day", "Attendre un jour"),
    ("Send getting-started tips", "Envoyer les conseils de démarrage"),
    ("Done", "Fin"),
    ("Spring campaign", "Campagne de printemps"),
    ("Marketing validation", "Validation marketing"),
    ("Has marketing consent", "A donné son accord marketing"),
    ("Deliver the newsletter", "Envoyer la newsletter"),
    ("Workspace provisioning", "Provisionnement d’espace"),
    ("Create the account", "Créer le compte"),
    ("Grant admin access", "Donner l’accès administrateur"),
    ("Configure billing", "Configurer la facturation"),
    ("Send the ready email", "Envoyer l’e-mail « c’est prêt »"),
    ("First version", "Première version"),
    ("Spring newsletter", "Newsletter de printemps"),
    (
        "New sign-ups are tagged, picked up at the next trigger poll, and get a welcome email that fails twice before it goes through, a day's wait, then a tips email. A contact without an email address fails safely at resource discovery.",
        "Les nouveaux inscrits reçoivent un tag, sont pris à l’interrogation suivante du déclencheur, et reçoivent un e-mail de bienvenue qui échoue deux fois avant de passer, une attente d’un jour, puis un e-mail de conseils. Un contact sans adresse e-mail échoue sans risque à la découverte des ressources.",
    ),
    (
        "A one-shot audience delivery: every pro-plan contact is enrolled at activation and waits at a shared operator validation. One approval releases them all; a consent gate then lets only consenting contacts through to the email.",
        "Un envoi ponctuel à une audience\u{a0}: chaque contact de l’offre pro est inscrit à l’activation et attend à une validation d’opérateur commune. Une approbation les libère tous\u{202f}; un contrôle du consentement ne laisse ensuite passer vers l’e-mail que les contacts qui ont consenti.",
    ),
    (
        "Provisioning with undo: the account and access steps each carry a compensation. Billing setup always fails, so the workflow fails, the rollback undoes access and then the account, newest first, and the execution ends FAILED_SAFE for an operator to acknowledge.",
        "Un provisionnement réversible\u{a0}: les étapes du compte et de l’accès portent chacune une compensation. La configuration de la facturation échoue toujours, donc le workflow échoue, le retour arrière défait l’accès puis le compte, du plus récent au plus ancien, et l’exécution finit en FAILED_SAFE, à acquitter par un opérateur.",
    ),
    // Presets (samples/presets/)
    (
        "A spring newsletter to 574 generated contacts, all with an email address. At activation the whole audience is enrolled and stops at one shared marketing validation; Sam and Kim are notified once. Sam approves at 2h: every waiting execution goes on at once, and the edge out of the validation reads 574 - Ok.",
        "Une newsletter de printemps à 574 contacts générés, tous avec une adresse e-mail. À l’activation, toute l’audience est inscrite et s’arrête à une même validation marketing\u{202f}; Sam et Kim sont prévenus une seule fois. Sam approuve à 2\u{a0}h\u{a0}: toutes les exécutions en attente repartent d’un coup, et le lien qui sort de la validation affiche 574 - Ok.",
    ),
    (
        "A trial offer needs a sales review before it is sent. Ada and Grace wait at the review (awaiting_decision). At 30m marketing cancels the whole workflow: both executions are force-cancelled, their review steps 'cancelled', and they stay CANCELLED until acknowledged. At 1h the cancelled workflow is archived: read-only, it can only be cloned now.",
        "Une offre d’essai doit être revue par les ventes avant l’envoi. Ada et Grace attendent à la revue (awaiting_decision). À 30\u{a0}min, le marketing annule tout le workflow\u{a0}: les deux exécutions sont annulées d’office, leurs étapes de revue passent à cancelled, et elles restent CANCELLED jusqu’à leur acquittement. À 1\u{a0}h, le workflow annulé est archivé\u{a0}: en lecture seule, il ne peut plus qu’être cloné.",
    ),
    ("Trial offer", "Offre d’essai"),
    ("Sales review", "Revue commerciale"),
    ("Send the offer", "Envoyer l’offre"),
    (
        "Seven copies of one workflow, each with a webhook that always fails and a different fail action. One enrollment a minute: continue (the next step runs), end workflow and skip remaining (the rest is skipped, the execution still completes), branch (to a rescue step), retry (a new try every day until it has failed for more than a day), enroll workflow (hands the contact to an apology workflow) and fail workflow (ERROR, an empty rollback, FAILED_SAFE).",
        "Sept copies d’un même workflow, chacune avec un webhook qui échoue toujours et une action en cas d’échec différente. Une inscription par minute\u{a0}: continue (l’étape suivante s’exécute), end_workflow et skip_remaining (le reste est sauté, l’exécution se termine quand même), branch (vers une étape de secours), retry (un nouvel essai chaque jour jusqu’à plus d’un jour d’échecs), enroll_workflow (confie le contact à un workflow d’excuses) et fail_workflow (ERROR, un retour arrière vide, FAILED_SAFE).",
    ),
    ("Fail: continue", "Échec\u{a0}: continue"),
    ("Sync to CRM", "Synchroniser avec le CRM"),
    ("Thank-you email", "E-mail de remerciement"),
    ("Fail: end workflow", "Échec\u{a0}: end_workflow"),
    ("Fail: skip remaining", "Échec\u{a0}: skip_remaining"),
    ("Fail: branch", "Échec\u{a0}: branch"),
    ("Alert the support team", "Alerter l’équipe support"),
    ("Fail: retry daily", "Échec\u{a0}: retry quotidien"),
    ("Fail: enroll workflow", "Échec\u{a0}: enroll_workflow"),
    ("Fail: fail workflow", "Échec\u{a0}: fail_workflow"),
    ("Apology", "Excuses"),
    ("Apology email", "E-mail d’excuses"),
    (
        "Two workflows that must never touch one contact at the same time (exclusive per contact). Ada's billing update holds her lock from 0 to 10m. Her address update, enrolled at 2m, tries the lock, goes back to SCHEDULED and waits; it gets the lock at 10m when billing finishes. Grace's address update at 3m is not held up: the lock is per contact.",
        "Deux workflows qui ne doivent jamais toucher un même contact en même temps (exclusifs par contact). La mise à jour de facturation d’Ada tient son verrou de 0 à 10\u{a0}min. Sa mise à jour d’adresse, inscrite à 2\u{a0}min, tente le verrou, repasse en SCHEDULED et attend\u{202f}; elle obtient le verrou à 10\u{a0}min, quand la facturation se termine. La mise à jour d’adresse de Grace à 3\u{a0}min n’est pas retenue\u{a0}: le verrou est par contact.",
    ),
    ("Billing update", "Mise à jour de facturation"),
    ("Recompute the invoice", "Recalculer la facture"),
    ("Address update", "Mise à jour d’adresse"),
    ("Update the address", "Mettre à jour l’adresse"),
    (
        "Ada enters onboarding and waits an hour. At 30m the workflow is paused: her wait falls due at 1h but does not fire. Grace is enrolled by hand at 40m: paused workflows accept manual enrollments, so her execution waits in BLOCKED_WAITING. At 2h the workflow resumes: Ada's parked timer fires first, then Grace is released.",
        "Ada entre dans l’accueil et attend une heure. À 30\u{a0}min, le workflow est mis en pause\u{a0}: son attente arrive à échéance à 1\u{a0}h mais ne se déclenche pas. Grace est inscrite à la main à 40\u{a0}min\u{a0}: un workflow en pause accepte les inscriptions manuelles, donc son exécution attend en BLOCKED_WAITING. À 2\u{a0}h, le workflow reprend\u{a0}: la minuterie gelée d’Ada se déclenche d’abord, puis Grace est libérée.",
    ),
    ("Onboarding", "Accueil"),
    ("Let them settle in", "Leur laisser le temps de s’installer"),
    ("Send tips", "Envoyer des conseils"),
    (
        "Ada and Grace start version 1 of the nurture series and wait a day. At 2h the marketer shortens the wait and adds a survey, then publishes version 2. Linus, enrolled at 3h, runs version 2 and is done by 4h; Ada and Grace stay on version 1 until they finish at 1d, with no survey.",
        "Ada et Grace démarrent la version 1 de la série de suivi et attendent un jour. À 2\u{a0}h, le marketing raccourcit l’attente et ajoute une enquête, puis publie la version 2. Linus, inscrit à 3\u{a0}h, suit la version 2 et a fini avant 4\u{a0}h\u{202f}; Ada et Grace restent sur la version 1 jusqu’à leur fin à 1\u{a0}j, sans enquête.",
    ),
    ("Nurture series", "Série de suivi"),
    ("Intro email", "E-mail de présentation"),
    ("Follow-up email", "E-mail de relance"),
    ("Launch", "Lancement"),
    ("Wait an hour", "Attendre une heure"),
    ("Satisfaction survey", "Enquête de satisfaction"),
    ("Shorter wait, add a survey", "Attente raccourcie, enquête ajoutée"),
    (
        "Ada signs up at 1m. The welcome email fails twice: each failure schedules the next attempt a little later (+1m, then +2m: linear backoff). The third attempt goes through, so the step ends 'resolved' rather than 'completed', and the execution completes.",
        "Ada s’inscrit à 1\u{a0}min. L’e-mail de bienvenue échoue deux fois\u{a0}: chaque échec programme la tentative suivante un peu plus tard (+1\u{a0}min, puis +2\u{a0}min\u{a0}: délai linéaire). La troisième tentative passe, donc l’étape finit resolved plutôt que completed, et l’exécution se termine.",
    ),
    ("Welcome email", "E-mail de bienvenue"),
    (
        "Provisioning Ada: the account is created and access granted, then the welcome SMS gateway is down. After its retry the SMS step fails the workflow: ERROR, then ROLLBACK undoes the completed steps newest first (revoke access, then delete the account). Both undos succeed, so the execution ends FAILED_SAFE: nothing is left half done.",
        "Provisionnement d’Ada\u{a0}: le compte est créé et l’accès donné, puis la passerelle SMS de bienvenue tombe. Après sa nouvelle tentative, l’étape SMS fait échouer le workflow\u{a0}: ERROR, puis ROLLBACK défait les étapes terminées de la plus récente à la plus ancienne (retirer l’accès, puis supprimer le compte). Les deux annulations réussissent, donc l’exécution finit en FAILED_SAFE\u{a0}: rien n’est laissé à moitié fait.",
    ),
    ("Provision an account", "Provisionner un compte"),
    ("Grant access", "Donner l’accès"),
    ("Welcome SMS", "SMS de bienvenue"),
    (
        "The same provisioning, but the billing system refuses to close the account: its undo fails three times (at +0, +1m, +3m) and gives up, so the execution ends FAILED_UNSAFE: a person must look. At 1h the operator retries the rollback; billing answers this time, the execution becomes FAILED_SAFE, and the operator acknowledges it at 1h10m.",
        "Le même provisionnement, mais la facturation refuse de fermer le compte\u{a0}: son annulation échoue trois fois (à +0, +1\u{a0}min, +3\u{a0}min) puis abandonne, donc l’exécution finit en FAILED_UNSAFE\u{a0}: une personne doit regarder. À 1\u{a0}h, l’opérateur relance le retour arrière\u{202f}; la facturation répond cette fois, l’exécution passe en FAILED_SAFE, et l’opérateur l’acquitte à 1\u{a0}h\u{a0}10.",
    ),
    ("Open a billing account", "Ouvrir un compte de facturation"),
    (
        "Two executions that need a person. Ada's reminders wait a day after the first email; at 10m the operator stops her execution: it becomes CANCELLED, its wait step 'cancelled', and without auto-ack it stays CANCELLED until the operator acknowledges it at 30m (CANCELLED_ACK). Grace's account provisioning fails, and its undo never succeeds: FAILED_UNSAFE. At 1h the operator acknowledges it as it is: FAILED_UNSAFE_ACK, the account left open on purpose.",
        "Deux exécutions qui ont besoin d’une personne. Les relances d’Ada attendent un jour après le premier e-mail\u{202f}; à 10\u{a0}min, l’opérateur arrête son exécution\u{a0}: elle passe en CANCELLED, son étape d’attente en cancelled, et sans acquittement automatique elle reste CANCELLED jusqu’à ce que l’opérateur l’acquitte à 30\u{a0}min (CANCELLED_ACK). Le provisionnement du compte de Grace échoue, et son annulation ne réussit jamais\u{a0}: FAILED_UNSAFE. À 1\u{a0}h, l’opérateur l’acquitte en l’état\u{a0}: FAILED_UNSAFE_ACK, le compte laissé ouvert exprès.",
    ),
    ("Payment reminders", "Relances de paiement"),
    ("First notice", "Premier avis"),
    ("Second notice", "Second avis"),
    (
        "The operator has just stopped Ada's reminders: e1 is CANCELLED, its wait step cancelled, and it stays CANCELLED until someone acknowledges it.",
        "L’opérateur vient d’arrêter les relances d’Ada\u{a0}: e1 est CANCELLED, son étape d’attente cancelled, et elle reste CANCELLED jusqu’à ce que quelqu’un l’acquitte.",
    ),
    (
        "Grace's provisioning was FAILED_UNSAFE since 3m20s; the operator has just acknowledged it as it is: FAILED_UNSAFE_ACK.",
        "Le provisionnement de Grace était FAILED_UNSAFE depuis 3\u{a0}min\u{a0}20\u{a0}s\u{202f}; l’opérateur vient de l’acquitter en l’état\u{a0}: FAILED_UNSAFE_ACK.",
    ),
    (
        "The welcome workflow listens for the 'new-signup' tag, polling every 15 minutes from activation. Ada is tagged at 2m but only enrolled at the 15m poll: 13 minutes of built-in latency. Grace is tagged at 16m and Linus at 20m (untagged again at 22m): both are picked up at the 30m poll, Linus too, because the poll sees every tag addition.",
        "Le workflow de bienvenue surveille le tag new-signup, en interrogeant toutes les 15 minutes depuis l’activation. Ada reçoit le tag à 2\u{a0}min mais n’est inscrite qu’à l’interrogation de 15\u{a0}min\u{a0}: 13 minutes de latence intrinsèque. Grace reçoit le tag à 16\u{a0}min et Linus à 20\u{a0}min (retiré à 22\u{a0}min)\u{a0}: les deux sont pris à l’interrogation de 30\u{a0}min, Linus aussi, car l’interrogation voit chaque ajout de tag.",
    ),
    ("Welcome on sign-up", "Bienvenue à l’inscription"),
];
