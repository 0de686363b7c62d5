use flowlab_engine::time::SimTime;
use leptos::prelude::*;

use crate::components::virtual_list::VirtualList;
use crate::i18n::format::num_thin;
use crate::i18n::{duration, tr};
use crate::run_view::execution::{Elided, StepTimeline};
use crate::sim_time_text::format_sim_time;
use crate::t;

/// A step's row in the timeline, px (`.tl-row` in runs.css).
const ROW_PX: f64 = 48.0;
/// The timeline's height before it scrolls, px.
const VIEW_PX: f64 = 480.0;

/// Positions on a time axis where each gap between two moments gets a width
/// that grows with the log of its length: a 2 s attempt and a 1 day wait
/// both stay readable.
struct Scale {
    marks: Vec<(u64, f64)>,
}

impl Scale {
    /// `wide`: stretches drawn as one counted band; together they get at
    /// least a third of the axis, so their label can be read.
    fn new(mut times: Vec<u64>, wide: &[(u64, u64)]) -> Scale {
        times.sort_unstable();
        times.dedup();
        let in_wide = |a: u64, b: u64| wide.iter().any(|(f, t)| *f <= a && b <= *t);
        let gaps: Vec<(f64, bool)> = times
            .windows(2)
            .map(|w| {
                let gap_s = (w[1] - w[0]) as f64 / 1000.0;
                (1.0 + (1.0 + gap_s).ln(), in_wide(w[0], w[1]))
            })
            .collect();
        let plain: f64 = gaps.iter().filter(|g| !g.1).map(|g| g.0).sum();
        let banded: f64 = gaps.iter().filter(|g| g.1).map(|g| g.0).sum();
        let stretch = if banded > 0.0 && banded < plain / 2.0 {
            plain / 2.0 / banded
        } else {
            1.0
        };
        let mut marks = Vec::with_capacity(times.len());
        let mut at = 0.0;
        for (i, t) in times.iter().enumerate() {
            if i > 0 {
                let (w, banded) = gaps[i - 1];
                at += if banded { w * stretch } else { w };
            }
            marks.push((*t, at));
        }
        let total = at.max(1.0);
        Scale {
            marks: marks
                .into_iter()
                .map(|(t, x)| (t, 100.0 * x / total))
                .collect(),
        }
    }

    fn pos(&self, t: u64) -> f64 {
        match self.marks.binary_search_by_key(&t, |m| m.0) {
            Ok(i) => self.marks[i].1,
            Err(0) => 0.0,
            Err(i) if i >= self.marks.len() => 100.0,
            Err(i) => {
                let (a, b) = (self.marks[i - 1], self.marks[i]);
                a.1 + (b.1 - a.1) * (t - a.0) as f64 / (b.0 - a.0) as f64
            }
        }
    }
}

/// "2s", "1m 30s", "1d 2h" in English, "2 s", "1 min 30 s" in French.
pub fn short_duration(ms: u64) -> String {
    duration(ms)
}

/// "1 234 567", grouped by narrow no-break spaces: French writes counts
/// so, and English keeps the form it always had here.
fn grouped(n: u32) -> String {
    num_thin(u64::from(n))
}

/// What an elided stretch of a step's timeline holds, in words.
fn elided_text(e: &Elided) -> String {
    let mut parts = Vec::new();
    if e.attempts > 0 {
        let n = grouped(e.attempts);
        parts.push(if e.failed == e.attempts {
            t!("{n} more attempts, all failed", n = n)
        } else if e.failed == 0 {
            t!("{n} more attempts, all ok", n = n)
        } else {
            t!(
                "{n} more attempts, {failed} failed",
                n = n,
                failed = grouped(e.failed)
            )
        });
    }
    if e.retries > 0 {
        parts.push(if e.retries == 1 {
            t!("{n} retry", n = grouped(e.retries))
        } else {
            t!("{n} retries", n = grouped(e.retries))
        });
    }
    if parts.is_empty() {
        parts.push(if e.spans == 1 {
            t!("{n} more status change", n = grouped(e.spans))
        } else {
            t!("{n} more status changes", n = grouped(e.spans))
        });
    }
    parts.join(" · ")
}

fn step_row(s: &StepTimeline, scale: &Scale, until: SimTime) -> impl IntoView {
    let bars = s
        .spans
        .iter()
        .filter(|sp| sp.status.in_progress())
        .map(|sp| {
            let end = sp.to.unwrap_or(until).0;
            let (l, r) = (scale.pos(sp.from.0), scale.pos(end));
            // The status is the spec's code; only the duration is localised.
            let text = format!(
                "{} {}",
                sp.status.as_str().replace('_', " "),
                short_duration(end - sp.from.0)
            );
            let title = text.clone();
            view! {
                <span
                    class=format!("tl-bar tl-bar--{}", sp.status.as_str())
                    class:tl-bar--open=sp.to.is_none()
                    style=format!("left:{l:.2}%;width:{:.2}%", (r - l).max(0.6))
                    title=title
                    translate="no"
                    data-testid="tl-bar"
                    data-status=sp.status.as_str()
                >
                    <span class="tl-bar-text">{text}</span>
                </span>
            }
        })
        .collect_view();
    let marks = s
        .attempts
        .iter()
        .map(|a| {
            let title = match (a.compensation, a.ok) {
                (true, true) => t!("compensation {n} ok", n = a.attempt),
                (true, false) => t!("compensation {n} error", n = a.attempt),
                (false, true) => t!("attempt {n} ok", n = a.attempt),
                (false, false) => t!("attempt {n} error", n = a.attempt),
            };
            view! {
                <span
                    class="tl-mark"
                    class:tl-mark--ok=a.ok
                    class:tl-mark--error=!a.ok
                    class:tl-mark--comp=a.compensation
                    style=format!("left:{:.2}%", scale.pos(a.t.0))
                    title=title
                    data-testid="tl-attempt"
                    data-ok=a.ok.to_string()
                ></span>
            }
        })
        .collect_view();
    let elided = s.elided.as_ref().map(|e| {
        let (l, r) = (scale.pos(e.from.0), scale.pos(e.to.0));
        let text = elided_text(e);
        let title = t!(
            "{what}, from {from} to {to}",
            what = text,
            from = format_sim_time(e.from),
            to = format_sim_time(e.to)
        );
        view! {
            <span
                class="tl-elided"
                style=format!("left:{l:.2}%;width:{:.2}%", (r - l).max(0.6))
                title=title
                data-testid="tl-elided"
                data-attempts=e.attempts.to_string()
            >
                <span class="tl-bar-text">{text}</span>
            </span>
        }
    });
    let last = s.last.map(|l| l.as_str()).unwrap_or("");
    view! {
        <div class="tl-row" data-testid="tl-row" data-step=s.id.clone() data-last=last>
            <div class="tl-label">
                <span class=format!("kind-tag kind--{}", s.kind.as_str())>{s.name.clone()}</span>
                <span class=format!("tl-status tl-status--{last}") data-testid="tl-last" translate="no">{last.replace('_', " ")}</span>
            </div>
            <div class="tl-track">{bars}{elided}{marks}</div>
        </div>
    }
}

/// One row per step the execution entered; only the rows in view are in
/// the page.
#[component]
pub fn StepTimelineView(steps: Vec<StepTimeline>, until: SimTime) -> impl IntoView {
    let mut times = vec![until.0];
    for s in &steps {
        for sp in &s.spans {
            times.push(sp.from.0);
            times.push(sp.to.unwrap_or(until).0);
        }
        times.extend(s.attempts.iter().map(|a| a.t.0));
        times.extend(s.retries.iter().flat_map(|(a, b)| [a.0, b.0]));
        if let Some(e) = &s.elided {
            times.extend([e.from.0, e.to.0]);
        }
    }
    let wide: Vec<(u64, u64)> = steps
        .iter()
        .filter_map(|s| s.elided.as_ref().map(|e| (e.from.0, e.to.0)))
        .collect();
    let scale = Scale::new(times, &wide);
    let rows: Vec<StepTimeline> = steps.into_iter().filter(|s| !s.spans.is_empty()).collect();
    let count = rows.len();
    let data = StoredValue::new((rows, scale));
    let render = Callback::new(move |range: std::ops::Range<usize>| {
        data.with_value(|(rows, scale)| {
            rows[range.start.min(rows.len())..range.end.min(rows.len())]
                .iter()
                .map(|s| step_row(s, scale, until))
                .collect_view()
                .into_any()
        })
    });
    view! {
        <div class="timeline" data-testid="step-timeline">
            <VirtualList count=Signal::stored(count) row_px=ROW_PX view_px=VIEW_PX testid="timeline-rows" class="tl-rows" render=render />
            <div class="tl-legend" aria-hidden="true">
                <span class="tl-key tl-bar--running" translate="no">"running"</span>
                <span class="tl-key tl-bar--pending"><span><span translate="no">"pending"</span>{tr(": a retry is scheduled")}</span></span>
                <span class="tl-key tl-bar--waiting"><span><span translate="no">"waiting"</span>{tr(": a planned delay")}</span></span>
                <span class="tl-key tl-bar--awaiting_decision" translate="no">"awaiting decision"</span>
                <span class="tl-key tl-key--ok">{tr("attempt ok")}</span>
                <span class="tl-key tl-key--error">{tr("attempt failed")}</span>
                <span class="tl-key tl-key--elided">{tr("many marks, counted")}</span>
                <span class="muted">{tr("Time is compressed: long gaps are shortened.")}</span>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_keeps_order_and_bounds() {
        let s = Scale::new(vec![0, 2000, 86_400_000, 86_402_000], &[]);
        assert_eq!(s.pos(0), 0.0);
        assert_eq!(s.pos(86_402_000), 100.0);
        assert!(s.pos(2000) > 0.0 && s.pos(2000) < s.pos(86_400_000));
        let day_gap = s.pos(86_400_000) - s.pos(2000);
        assert!(
            day_gap < 80.0,
            "a day does not swallow the axis ({day_gap})"
        );
        assert!(s.pos(1000) > 0.0 && s.pos(1000) < s.pos(2000));
    }

    #[test]
    fn a_counted_stretch_gets_a_third_of_the_axis() {
        let mut times: Vec<u64> = (0..100).map(|i| i * 1000).collect();
        times.extend([100_000, 1_000_000_000]);
        let s = Scale::new(times, &[(100_000, 1_000_000_000)]);
        let band = s.pos(1_000_000_000) - s.pos(100_000);
        assert!((33.0..=34.0).contains(&band), "{band}");
    }

    #[test]
    fn durations_read_short() {
        assert_eq!(short_duration(60_000), "1m");
        assert_eq!(short_duration(90_061_000), "1d 1h");
        assert_eq!(short_duration(500), "500ms");
    }

    #[test]
    fn big_counts_read_grouped() {
        assert_eq!(grouped(999_960), "999\u{202f}960");
        assert_eq!(grouped(42), "42");
        assert_eq!(grouped(1_000_000), "1\u{202f}000\u{202f}000");
    }
}
