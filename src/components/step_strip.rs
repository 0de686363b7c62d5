use flowlab_engine::model::StepKind;
use leptos::prelude::*;

use crate::step_kind_text::kind_label;
use crate::t;

/// One small coloured cell per step, in order, coloured by kind.
#[component]
pub fn StepStrip(kinds: Vec<StepKind>) -> impl IntoView {
    let label = kinds
        .iter()
        .map(|k| kind_label(*k))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <div class="step-strip" data-testid="step-strip" role="img" aria-label=t!("Steps: {kinds}", kinds = label)>
            {kinds
                .into_iter()
                .map(|kind| {
                    view! {
                        <span
                            class=format!("step-strip-cell kind--{}", kind.as_str())
                            data-testid="step-strip-cell"
                            data-kind=kind.as_str()
                            title=kind_label(kind)
                        ></span>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// A step kind as a small coloured tag.
#[component]
pub fn KindTag(kind: StepKind) -> impl IntoView {
    view! { <span class=format!("kind-tag kind--{}", kind.as_str()) data-testid="kind-tag" data-kind=kind.as_str()>{kind_label(kind)}</span> }
}
