//! The gallery's examples: one per state of the three lifecycles.

use super::{Example, Moment, Subject};

const RETRY: &str = "retry-resolves.json";
const PAUSE: &str = "pause-resume.json";
const LOCK: &str = "lock-contention.json";
const SAFE: &str = "rollback-safe.json";
const UNSAFE: &str = "rollback-unsafe.json";
const STOP: &str = "stop-and-acknowledge.json";
const CANCEL: &str = "cancel-and-archive.json";
const FAIL_ACTIONS: &str = "fail-actions.json";

const fn ex(
    state: &'static str,
    preset: &'static str,
    subject: Subject,
    moment: Moment,
    say: &'static str,
) -> Example {
    Example {
        state,
        preset,
        subject,
        moment,
        say,
    }
}

const fn wf(id: &'static str) -> Subject {
    Subject::Workflow(id)
}

const fn x(name: &'static str) -> Subject {
    Subject::Execution(name)
}

const fn step(execution: &'static str, step: &'static str) -> Subject {
    Subject::Step { execution, step }
}

use Moment::{Entry, First};

pub const EXAMPLES: [Example; 34] = [
    // Definition (§1).
    ex("draft", RETRY, wf("welcome"), First,
        "Version 1 is published, but a draft enrolls no one: activating it comes next, in the same instant."),
    ex("active", RETRY, wf("welcome"), First,
        "Activated with version 1: it accepts enrollments now; Ada is enrolled by hand at 1m."),
    ex("paused", PAUSE, wf("onboarding"), First,
        "Paused at 30m: Ada's wait falls due at 1h but stays parked, and a new enrollment would wait; it resumes at 2h."),
    ex("cancelled", CANCEL, wf("trial_offer"), First,
        "Cancelled for good at 30m: both executions waiting at the review are force-cancelled next; only archiving is left."),
    ex("archived", CANCEL, wf("trial_offer"), First,
        "Archived at 1h after its cancellation: read-only, it enrolls no one and can only be cloned."),
    // Execution (§2).
    ex("NEW", RETRY, x("e1"), First,
        "Ada was just enrolled by hand: the execution exists and is validated next, in the same instant."),
    ex("VALID", RETRY, x("e1"), First,
        "Ada passed validation (no entry filter, first enrollment): the conditions are checked next."),
    ex("READY", RETRY, x("e1"), First,
        "The workflow is active and nothing holds Ada back: resource discovery comes next."),
    ex("BLOCKED_WAITING", PAUSE, x("e2"), First,
        "Grace was enrolled while the workflow is paused: she waits here until the resume at 2h releases her."),
    ex("RESOURCE_DISCOVERY", RETRY, x("e1"), First,
        "The engine checks what the version needs from Ada: the welcome email needs her address, and she has one."),
    ex("RESOURCES_DISCOVERED", RETRY, x("e1"), First,
        "Ada has everything the steps need: the execution is scheduled next."),
    ex("SCHEDULED", LOCK, x("e2"), Entry(2),
        "Ada's address update tried her lock, but the billing update (e1) holds it: it waits in SCHEDULED until e1 finishes at 10m."),
    ex("LOCKING", LOCK, x("e2"), First,
        "The address update asks for Ada's lock; billing (e1) holds it, so it goes back to SCHEDULED next."),
    ex("LOCKED", LOCK, x("e2"), First,
        "Billing finished at 10m and released Ada's lock; the address update holds it now and starts running next."),
    ex("RUNNING", RETRY, x("e1"), First,
        "Ada's execution runs its steps from the first: the welcome email starts now, and fails twice before it goes through."),
    ex("COMPLETED", LOCK, x("e1"), First,
        "Billing finished: without auto-ack it stays COMPLETED until someone acknowledges it; its lock passes to e2 next."),
    ex("COMPLETED_ACK", RETRY, x("e1"), First,
        "The workflow has auto-ack: the completed execution was acknowledged at once. Nothing more happens to it."),
    ex("ERROR", SAFE, x("e1"), First,
        "The SMS step failed with fail_workflow: the engine checks whether every completed step can be undone, then rolls back."),
    ex("ROLLBACK", UNSAFE, x("e1"), First,
        "Undoing the completed steps newest first: access is revoked, but closing the billing account fails and is retried at +1m, +3m."),
    ex("FAILED_SAFE", SAFE, x("e1"), First,
        "Both undos succeeded: nothing is left half done. It waits for an operator's acknowledgement."),
    ex("FAILED_SAFE_ACK", UNSAFE, x("e1"), First,
        "The operator's retried rollback made it safe, and at 1h10m the operator acknowledged it: done."),
    ex("FAILED_UNSAFE", UNSAFE, x("e1"), First,
        "The billing undo gave up: the account may be left open. A person must look; at 1h the operator retries the rollback."),
    ex("FAILED_UNSAFE_ACK", STOP, x("e2"), First,
        "The undo never succeeded; at 1h the operator acknowledged it as it is, taking the open account in hand."),
    ex("CANCELLED", STOP, x("e1"), First,
        "The operator stopped Ada's reminders at 10m during the day's wait; without auto-ack it stays CANCELLED until acknowledged at 30m."),
    ex("CANCELLED_ACK", STOP, x("e1"), First,
        "The operator acknowledged the stopped execution at 30m: it is closed and needs nobody any more."),
    // Step (§3).
    ex("waiting", PAUSE, step("e1", "settle_in"), First,
        "A planned pause: Ada waits an hour before the tips; the pause at 30m will hold the wait past its due time."),
    ex("pending", RETRY, step("e1", "send_welcome"), First,
        "The welcome email failed on its first attempt: a retry is scheduled 1m later (linear backoff)."),
    ex("running", RETRY, step("e1", "send_welcome"), First,
        "The welcome email's first attempt is under way (it takes 2s); it will fail and be retried."),
    ex("awaiting_decision", CANCEL, step("e1", "review"), First,
        "Ada's trial offer waits for a sales review; Sam was notified, but marketing cancels the workflow at 30m."),
    ex("completed", STOP, step("e1", "first_notice"), First,
        "The first notice went out on its first attempt; the day's wait comes next."),
    ex("resolved", RETRY, step("e1", "send_welcome"), First,
        "The third attempt went through after two failures, so the step is resolved rather than completed; the execution ends next."),
    ex("failed", SAFE, step("e1", "welcome_sms"), First,
        "The SMS gateway is down: the retry failed too, and the step's fail action, fail_workflow, sends the execution to ERROR next."),
    ex("skipped", FAIL_ACTIONS, step("e2", "thanks"), First,
        "The sync failed with end_workflow: the thank-you step that followed is skipped and the execution completes."),
    ex("cancelled", STOP, step("e1", "grace_period"), First,
        "Ada's day of waiting was interrupted: the operator stopped the execution at 10m, so the step in progress is cancelled."),
];
