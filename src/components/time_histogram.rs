//! The time-to-complete histogram as inline SVG: one bar per bin, counts on
//! the y axis, bin edges as human durations on the x axis, and the median
//! and p90 marked. Colours come from the theme's variables (metrics.css).

use leptos::prelude::*;

use crate::t;

use crate::i18n::{num, plural, tr};
use crate::run_view::metrics::{edge_label, human_duration, TimeToComplete};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 304.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 36.0;
/// Room above the bars for the median and p90 labels, one row each.
const TOP: f64 = 64.0;
const BOTTOM: f64 = 62.0;
/// Most x-axis labels before every other one is left out.
const MAX_X_LABELS: usize = 7;

/// Up to four y-axis ticks at whole counts, the top one at or above `max`.
fn y_ticks(max: u64) -> Vec<u64> {
    let step = max.div_ceil(3).max(1);
    (0..=max.div_ceil(step)).map(|i| i * step).collect()
}

#[component]
pub fn TimeHistogram(ttc: TimeToComplete) -> impl IntoView {
    let (Some(first), Some(last)) = (ttc.bins.first(), ttc.bins.last()) else {
        return view! {
            <p class="muted metrics-empty" data-testid="histogram-empty">
                {tr("No execution of this version has completed yet: the histogram fills as they do.")}
            </p>
        }
        .into_any();
    };
    let (from, to) = (first.from as f64, last.to as f64);
    let width = first.to - first.from;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = move |ms: f64| LEFT + (ms - from) / (to - from) * plot_w;
    let max_count = ttc.bins.iter().map(|b| b.count).max().unwrap_or(0);
    let ticks = y_ticks(max_count);
    let y_top = *ticks.last().unwrap_or(&1) as f64;
    let y = move |n: f64| TOP + plot_h - n / y_top.max(1.0) * plot_h;
    let stride = (ttc.bins.len() + 1).div_ceil(MAX_X_LABELS);
    let edges: Vec<u64> = ttc.bins.iter().map(|b| b.from).chain([last.to]).collect();
    let bar_gap = (plot_w / ttc.bins.len() as f64 * 0.12).min(6.0);
    let markers = [("median", ttc.median, 18.0), ("p90", ttc.p90, 38.0)];
    view! {
        <svg
            class="histogram"
            data-testid="histogram"
            data-bins=ttc.bins.len().to_string()
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            role="img"
            aria-label=t!("Time to complete of {n} completed executions, from {from} to {to}",
                n = num(ttc.count),
                from = human_duration(ttc.min.unwrap_or(0)),
                to = human_duration(ttc.max.unwrap_or(0)),
            )
        >
            {ticks.iter().map(|t| {
                let ty = y(*t as f64);
                view! {
                    <line class="histogram-grid" x1=LEFT x2=WIDTH - RIGHT y1=ty y2=ty />
                    <text class="histogram-tick" x=LEFT - 8.0 y=ty + 5.0 text-anchor="end">{num(*t)}</text>
                }
            }).collect_view()}
            {ttc.bins.iter().map(|b| {
                let (x0, x1) = (x(b.from as f64) + bar_gap / 2.0, x(b.to as f64) - bar_gap / 2.0);
                let top = y(b.count as f64);
                view! {
                    <rect
                        class="histogram-bar"
                        data-testid="histogram-bar"
                        data-from=b.from.to_string()
                        data-to=b.to.to_string()
                        data-count=b.count.to_string()
                        x=x0
                        y=top
                        width=(x1 - x0).max(1.0)
                        height=(TOP + plot_h - top).max(0.0)
                        rx="2"
                    >
                        <title>{t!("{range}: {executions}", range = b.label(), executions = plural("{n} execution|{n} executions", b.count))}</title>
                    </rect>
                    {(b.count > 0).then(|| view! {
                        <text class="histogram-count" x=(x0 + x1) / 2.0 y=top - 6.0 text-anchor="middle">{num(b.count)}</text>
                    })}
                }
            }).collect_view()}
            <line class="histogram-axis" x1=LEFT x2=WIDTH - RIGHT y1=TOP + plot_h y2=TOP + plot_h />
            {edges.iter().enumerate().filter(|(i, _)| i % stride == 0).map(|(_, ms)| {
                let ex = x(*ms as f64);
                view! {
                    <line class="histogram-axis" x1=ex x2=ex y1=TOP + plot_h y2=TOP + plot_h + 5.0 />
                    <text class="histogram-tick" x=ex y=TOP + plot_h + 22.0 text-anchor="middle">{edge_label(*ms, width)}</text>
                }
            }).collect_view()}
            <text class="histogram-title" x=LEFT + plot_w / 2.0 y=HEIGHT - 8.0 text-anchor="middle">
                {tr("time from enrollment to COMPLETED")}
            </text>
            <text class="histogram-title" x="14" y=TOP + plot_h / 2.0 text-anchor="middle" transform=format!("rotate(-90 14 {})", TOP + plot_h / 2.0)>
                {tr("executions")}
            </text>
            {markers.into_iter().filter_map(|(name, ms, row)| {
                let ms = ms?;
                let mx = x(ms as f64).clamp(LEFT, WIDTH - RIGHT);
                let anchor = if mx > LEFT + plot_w * 0.8 { "end" } else { "start" };
                let label_x = if anchor == "end" { mx - 4.0 } else { mx + 4.0 };
                Some(view! {
                    <g class=format!("histogram-marker histogram-marker--{name}") data-testid=format!("histogram-{name}") data-ms=ms.to_string()>
                        <line x1=mx x2=mx y1=row + 4.0 y2=TOP + plot_h />
                        <text x=label_x y=row text-anchor=anchor>{format!("{} {}", if name == "median" { tr("median") } else { name }, human_duration(ms))}</text>
                    </g>
                })
            }).collect_view()}
        </svg>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::y_ticks;

    #[test]
    fn y_ticks_are_whole_counts_reaching_the_tallest_bar() {
        assert_eq!(y_ticks(0), [0]);
        assert_eq!(y_ticks(1), [0, 1]);
        assert_eq!(y_ticks(3), [0, 1, 2, 3]);
        assert_eq!(y_ticks(7), [0, 3, 6, 9]);
        assert_eq!(y_ticks(12), [0, 4, 8, 12]);
    }
}
