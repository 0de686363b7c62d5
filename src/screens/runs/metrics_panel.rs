use leptos::prelude::*;

use crate::components::version_metrics::VersionMetrics;
use crate::host::use_runtime;
use crate::i18n::tr;
use crate::run_view::metrics::default_version;

/// The metrics of one workflow on the Runs screen, for the version the
/// person picks: the version filter of the table when one is set, else the
/// newest version with executions.
#[component]
pub fn MetricsPanel(
    workflow: String,
    #[prop(into)] table_version: Signal<Option<u32>>,
) -> impl IntoView {
    let rt = use_runtime();
    let picked = RwSignal::new(None::<u32>);
    let wf_id = workflow.clone();
    let versions = Memo::new(move |_| {
        rt.with_workflows_runs(|s| {
            let state = s.state();
            let wf = *state.workflow_ix.get(&wf_id)?;
            Some((
                state.workflow(wf).versions.len() as u32,
                default_version(state, wf),
            ))
        })
        .flatten()
    });
    let shown = Signal::derive(move || {
        picked
            .get()
            .or_else(|| table_version.get())
            .or_else(|| versions.get().and_then(|v| v.1))
    });
    view! {
        <section class="card metrics-panel" data-testid="metrics-panel">
            <div class="metrics-panel-head">
                <h2 class="section-title">
                    {tr("Metrics")}
                    <span class="muted">{tr(" · simulated time, updated as the clock runs")}</span>
                </h2>
                <label class="field">
                    <span>{tr("Version")}</span>
                    <select data-testid="metrics-version"
                        prop:value=move || shown.get().map(|v| v.to_string()).unwrap_or_default()
                        on:change=move |ev| picked.set(event_target_value(&ev).parse().ok())>
                        {move || {
                            let n = versions.get().map_or(0, |v| v.0);
                            (1..=n).rev().map(|v| view! { <option value=v.to_string()>{format!("v{v}")}</option> }).collect_view()
                        }}
                    </select>
                </label>
            </div>
            <VersionMetrics workflow version=shown />
        </section>
    }
}
