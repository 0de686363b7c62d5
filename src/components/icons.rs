//! Inline SVG icons (no icon font or download).
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
