//! The gallery's examples: one per state of the three lifecycles.

use super::{Example, Moment, Subject};
use crate::i18n::duration;
use crate::t;

/// Minutes and hours of simulated time, in ms, for the narrations.
const M: u64 = 60_000;
const H: u64 = 60 * M;

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
    say: fn() -> String,
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
    ex("draft", RETRY, wf("welcome"), First, || {
        t!("Version 1 is published, but a draft enrolls no one: activating it comes next, in the same instant.")
    }),
    ex("active", RETRY, wf("welcome"), First, || {
        t!("Activated with version 1: it accepts enrollments now; Ada is enrolled by hand at {at}.",
            at = duration(M))
    }),
    ex("paused", PAUSE, wf("onboarding"), First, || {
        t!("Paused at {at}: Ada's wait falls due at {due} but stays parked, and a new enrollment would wait; it resumes at {resume}.",
            at = duration(30 * M), due = duration(H), resume = duration(2 * H))
    }),
    ex("cancelled", CANCEL, wf("trial_offer"), First, || {
        t!("Cancelled for good at {at}: both executions waiting at the review are force-cancelled next; only archiving is left.",
            at = duration(30 * M))
    }),
    ex("archived", CANCEL, wf("trial_offer"), First, || {
        t!("Archived at {at} after its cancellation: read-only, it enrolls no one and can only be cloned.",
            at = duration(H))
    }),
    // Execution (§2).
    ex("NEW", RETRY, x("e1"), First, || {
        t!("Ada was just enrolled by hand: the execution exists and is validated next, in the same instant.")
    }),
    ex("VALID", RETRY, x("e1"), First, || {
        t!("Ada passed validation (no entry filter, first enrollment): the conditions are checked next.")
    }),
    ex("READY", RETRY, x("e1"), First, || {
        t!("The workflow is active and nothing holds Ada back: resource discovery comes next.")
    }),
    ex("BLOCKED_WAITING", PAUSE, x("e2"), First, || {
        t!("Grace was enrolled while the workflow is paused: she waits here until the resume at {at} releases her.",
            at = duration(2 * H))
    }),
    ex("RESOURCE_DISCOVERY", RETRY, x("e1"), First, || {
        t!("The engine checks what the version needs from Ada: the welcome email needs her address, and she has one.")
    }),
    ex("RESOURCES_DISCOVERED", RETRY, x("e1"), First, || {
        t!("Ada has everything the steps need: the execution is scheduled next.")
    }),
    ex("SCHEDULED", LOCK, x("e2"), Entry(2), || {
        t!("Ada's address update tried her lock, but the billing update (e1) holds it: it waits in SCHEDULED until e1 finishes at {at}.",
            at = duration(10 * M))
    }),
    ex("LOCKING", LOCK, x("e2"), First, || {
        t!("The address update asks for Ada's lock; billing (e1) holds it, so it goes back to SCHEDULED next.")
    }),
    ex("LOCKED", LOCK, x("e2"), First, || {
        t!("Billing finished at {at} and released Ada's lock; the address update holds it now and starts running next.",
            at = duration(10 * M))
    }),
    ex("RUNNING", RETRY, x("e1"), First, || {
        t!("Ada's execution runs its steps from the first: the welcome email starts now, and fails twice before it goes through.")
    }),
    ex("COMPLETED", LOCK, x("e1"), First, || {
        t!("Billing finished: without auto-ack it stays COMPLETED until someone acknowledges it; its lock passes to e2 next.")
    }),
    ex("COMPLETED_ACK", RETRY, x("e1"), First, || {
        t!("The workflow has auto-ack: the completed execution was acknowledged at once. Nothing more happens to it.")
    }),
    ex("ERROR", SAFE, x("e1"), First, || {
        t!("The SMS step failed with fail_workflow: the engine checks whether every completed step can be undone, then rolls back.")
    }),
    ex("ROLLBACK", UNSAFE, x("e1"), First, || {
        t!("Undoing the completed steps newest first: access is revoked, but closing the billing account fails and is retried at +{first}, +{second}.",
            first = duration(M), second = duration(3 * M))
    }),
    ex("FAILED_SAFE", SAFE, x("e1"), First, || {
        t!("Both undos succeeded: nothing is left half done. It waits for an operator's acknowledgement.")
    }),
    ex("FAILED_SAFE_ACK", UNSAFE, x("e1"), First, || {
        t!("The operator's retried rollback made it safe, and at {at} the operator acknowledged it: done.",
            at = duration(H + 10 * M))
    }),
    ex("FAILED_UNSAFE", UNSAFE, x("e1"), First, || {
        t!("The billing undo gave up: the account may be left open. A person must look; at {at} the operator retries the rollback.",
            at = duration(H))
    }),
    ex("FAILED_UNSAFE_ACK", STOP, x("e2"), First, || {
        t!("The undo never succeeded; at {at} the operator acknowledged it as it is, taking the open account in hand.",
            at = duration(H))
    }),
    ex("CANCELLED", STOP, x("e1"), First, || {
        t!("The operator stopped Ada's reminders at {at} during the day's wait; without auto-ack it stays CANCELLED until acknowledged at {ack}.",
            at = duration(10 * M), ack = duration(30 * M))
    }),
    ex("CANCELLED_ACK", STOP, x("e1"), First, || {
        t!("The operator acknowledged the stopped execution at {at}: it is closed and needs nobody any more.",
            at = duration(30 * M))
    }),
    // Step (§3).
    ex("waiting", PAUSE, step("e1", "settle_in"), First, || {
        t!("A planned pause: Ada waits an hour before the tips; the pause at {at} will hold the wait past its due time.",
            at = duration(30 * M))
    }),
    ex("pending", RETRY, step("e1", "send_welcome"), First, || {
        t!("The welcome email failed on its first attempt: a retry is scheduled {later} later (linear backoff).",
            later = duration(M))
    }),
    ex("running", RETRY, step("e1", "send_welcome"), First, || {
        t!("The welcome email's first attempt is under way (it takes {takes}); it will fail and be retried.",
            takes = duration(2_000))
    }),
    ex(
        "awaiting_decision",
        CANCEL,
        step("e1", "review"),
        First,
        || {
            t!("Ada's trial offer waits for a sales review; Sam was notified, but marketing cancels the workflow at {at}.",
            at = duration(30 * M))
        },
    ),
    ex("completed", STOP, step("e1", "first_notice"), First, || {
        t!("The first notice went out on its first attempt; the day's wait comes next.")
    }),
    ex("resolved", RETRY, step("e1", "send_welcome"), First, || {
        t!("The third attempt went through after two failures, so the step is resolved rather than completed; the execution ends next.")
    }),
    ex("failed", SAFE, step("e1", "welcome_sms"), First, || {
        t!("The SMS gateway is down: the retry failed too, and the step's fail action, fail_workflow, sends the execution to ERROR next.")
    }),
    ex("skipped", FAIL_ACTIONS, step("e2", "thanks"), First, || {
        t!("The sync failed with end_workflow: the thank-you step that followed is skipped and the execution completes.")
    }),
    ex("cancelled", STOP, step("e1", "grace_period"), First, || {
        t!("Ada's day of waiting was interrupted: the operator stopped the execution at {at}, so the step in progress is cancelled.",
            at = duration(10 * M))
    }),
];
