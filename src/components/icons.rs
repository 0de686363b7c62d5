//! The app's icons, inline SVG (no icon font or download): the shell's
//! named icons, one small icon per step kind (`KindIcon`) and the
//! editor's glyphs by name (`Glyph`).
use flowlab_engine::model::StepKind;
use leptos::prelude::*;

#[component]
pub fn LogoMark() -> impl IntoView {
    view! {
        <svg viewBox="0 0 16 16" fill="none" aria-hidden="true">
            <path d="M3 4h6M3 8h10M3 12h4" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
        </svg>
    }
}

#[component]
pub fn PlayIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 10 10" aria-hidden="true">
            <path d="M2 1.2v7.6L8.6 5z" fill="currentColor" />
        </svg>
    }
}

#[component]
pub fn RunsIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round">
            <path d="M3 5h9M3 10h14M3 15h6" />
            <circle cx="15" cy="5" r="1.6" />
            <circle cx="12" cy="15" r="1.6" />
        </svg>
    }
}

#[component]
pub fn LifecycleIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round">
            <circle cx="4.5" cy="10" r="2" />
            <circle cx="15.5" cy="5" r="2" />
            <circle cx="15.5" cy="15" r="2" />
            <path d="M6.5 9l7-3.2M6.5 11l7 3.2" />
        </svg>
    }
}

#[component]
pub fn ScenarioIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round">
            <rect x="4" y="3" width="12" height="14" rx="2" />
            <path d="M7 7h6M7 10h6M7 13h3" />
        </svg>
    }
}

#[component]
pub fn SearchIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round">
            <circle cx="9" cy="9" r="5" />
            <path d="M13 13l4 4" />
        </svg>
    }
}

#[component]
pub fn PauseIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 10 10" aria-hidden="true">
            <path d="M2 1.2h2.2v7.6H2zM5.8 1.2H8v7.6H5.8z" fill="currentColor" />
        </svg>
    }
}

#[component]
pub fn StepIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 10 10" aria-hidden="true">
            <path d="M1.5 1.2v7.6L6.6 5zM7 1.2h1.6v7.6H7z" fill="currentColor" />
        </svg>
    }
}

/// Time travel: to the start (a bar, then a triangle pointing back).
#[component]
pub fn ToStartIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 10 10" aria-hidden="true">
            <path d="M1.4 1.2h1.6v7.6H1.4zM8.6 1.2v7.6L3.4 5z" fill="currentColor" />
        </svg>
    }
}

#[component]
pub fn BackIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 10 10" aria-hidden="true">
            <path d="M7.6 1.2v7.6L2.4 5z" fill="currentColor" />
        </svg>
    }
}

#[component]
pub fn ForwardIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 10 10" aria-hidden="true">
            <path d="M2.4 1.2v7.6L7.6 5z" fill="currentColor" />
        </svg>
    }
}

#[component]
pub fn ToEndIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 10 10" aria-hidden="true">
            <path d="M1.4 1.2v7.6L6.6 5zM7 1.2h1.6v7.6H7z" fill="currentColor" />
        </svg>
    }
}

/// The path data of a kind's icon, on a 16 × 16 grid, drawn as strokes.
fn kind_path(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Action => "M9 1.5 3.5 9H8l-1 5.5L12.5 7H8z",
        StepKind::Wait => "M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11M8 5v3.2l2.2 1.4",
        StepKind::Condition => "M8 1.8 14.2 8 8 14.2 1.8 8z",
        StepKind::Filter => "M2 3h12L9.5 8.5V13l-3 1.2V8.5z",
        StepKind::Approval => {
            "M8 1.8 13 3.8v3.8c0 3-2.2 5.2-5 6.6-2.8-1.4-5-3.6-5-6.6V3.8zM5.6 8l1.7 1.7L10.6 6.4"
        }
        StepKind::Enroll => "M6 3H3v10h3M7 8h7M11 5l3 3-3 3",
        StepKind::End => "M4 2v12M4 3h8l-2 3 2 3H4",
    }
}

#[component]
pub fn KindIcon(kind: StepKind) -> impl IntoView {
    view! {
        <svg class="kind-icon" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.5"
            stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
            <path d=kind_path(kind) />
        </svg>
    }
}

/// A toolbar glyph by name, on a 16 × 16 grid.
#[component]
pub fn Glyph(name: &'static str) -> impl IntoView {
    let d = match name {
        "undo" => "M5.5 4 2.5 7l3 3M3 7h6.5a3.5 3.5 0 0 1 0 7H7",
        "redo" => "M10.5 4l3 3-3 3M13 7H6.5a3.5 3.5 0 0 0 0 7H9",
        "plus" => "M8 3v10M3 8h10",
        "minus" => "M3 8h10",
        "fit" => "M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10",
        "layout" => "M2 3h4v4H2zM10 2h4v4h-4zM10 10h4v4h-4zM6 5h2v7h2M8 4h2",
        "history" => "M2.5 8a5.5 5.5 0 1 0 1.6-3.9M2.5 2.5v3h3M8 5v3l2 1.5",
        "upload" => "M8 11V2.5M5 5.5l3-3 3 3M3 10v3.5h10V10",
        "download" => "M8 2.5V11M5 8l3 3 3-3M3 10v3.5h10V10",
        "copy" => "M5 5h8v8H5zM3 11V3h8",
        "trash" => "M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 9h5.6l.7-9",
        "error" => "M8 2.2 14.5 13.5h-13zM8 6.5v3M8 11.6v.1",
        "warning" => "M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11M8 5v3.5M8 10.8v.1",
        "eye" => "M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8zM8 6a2 2 0 1 0 0 4 2 2 0 1 0 0-4",
        "close" => "M4 4l8 8M12 4l-8 8",
        _ => "M8 8h.1",
    };
    view! {
        <svg class="glyph" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.5"
            stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
            <path d=d />
        </svg>
    }
}
