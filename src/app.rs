//! The app shell: header (brand, navigation, clock bar) and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{path, Lazy};

use crate::components::clock_bar::ClockBar;
use crate::components::icons::LogoMark;
use crate::components::lang_switch::LangSwitch;
use crate::components::pause_note::PauseNote;
use crate::components::projector::{Projector, ProjectorToggle};
use crate::components::recover_storage::RecoverButton;
use crate::components::shortcuts::ShortcutsOverlay;
use crate::components::travel_bar::{BranchDialog, TravelBar};
use crate::components::workspace_menu::WorkspaceMenu;
use crate::host::{use_runtime, Mode, Runtime, SaveState};
use crate::i18n::{tr, LangChoice};
use crate::screens::lazy::{
    ApprovalsRoute, EditorRoute, ExecutionRoute, LifecycleRoute, PeopleRoute, RunsRoute,
    ScenariosRoute,
};
use crate::screens::runs::index::RunIndex;
use crate::screens::{NotFoundScreen, WorkflowsScreen};
use crate::t;

#[component]
pub fn App() -> impl IntoView {
    Runtime::provide();
    RunIndex::provide();
    Projector::provide();
    let lang = LangChoice::provide();
    let rt = use_runtime();
    Effect::new(move |_| {
        let lang = lang.get();
        if rt.mode() == Mode::Running {
            rt.follow_language(lang);
        }
    });
    // True while a screen is being opened, its part perhaps still fetched.
    let routing = RwSignal::new(false);
    // Texts are read as views are built: a new language rebuilds the page.
    move || {
        lang.get();
        view! {
        <Router set_is_routing=routing>
            <div class="shell" data-testid="app-shell">
                <SkipLink />
                <Header />
                <StorageBanner />
                <PauseNote />
                <BranchDialog />
                <ShortcutsOverlay />
                <div class="route-progress" role="progressbar" data-testid="route-loading" aria-label=tr("Opening the screen…") hidden=move || !routing.get()></div>
                <main class="shell-main" id="content" tabindex="-1" aria-busy=move || routing.get().to_string()>
                    <Routes fallback=|| view! { <NotFoundScreen /> }>
                        <Route path=path!("/") view=WorkflowsScreen />
                        <Route path=path!("/editor/:id") view={Lazy::<EditorRoute>::new()} />
                        <Route path=path!("/runs") view={Lazy::<RunsRoute>::new()} />
                        <Route path=path!("/runs/:execution") view={Lazy::<ExecutionRoute>::new()} />
                        <Route path=path!("/approvals") view={Lazy::<ApprovalsRoute>::new()} />
                        <Route path=path!("/people") view={Lazy::<PeopleRoute>::new()} />
                        <Route path=path!("/lifecycle") view={Lazy::<LifecycleRoute>::new()} />
                        <Route path=path!("/scenarios") view={Lazy::<ScenariosRoute>::new()} />
                    </Routes>
                </main>
            </div>
        </Router>
        }
    }
}

/// The first stop of Tab: past the header, to the screen.
#[component]
fn SkipLink() -> impl IntoView {
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document()
            .get_element_by_id("content")
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = main.focus();
        }
    };
    view! {
        <a class="skip-link" href="#content" data-testid="skip-link" on:click=skip>{tr("Skip to content")}</a>
    }
}

#[component]
fn Header() -> impl IntoView {
    view! {
        <header class="shell-header" data-testid="app-header">
            <a class="brand" href="/" data-testid="brand">
                <span class="brand-mark">
                    <LogoMark />
                </span>
                <span data-testid="product-name">"Flowlab"</span>
                <span class="brand-tag">{tr("sandbox")}</span>
            </a>
            <nav class="nav" data-testid="nav" aria-label=tr("Main")>
                <NavLink href="/" testid="nav-workflows" label=tr("Workflows") section=Section::Workflows />
                <NavLink href="/runs" testid="nav-runs" label=tr("Runs") section=Section::Runs />
                <NavLink href="/people" testid="nav-people" label=tr("People") section=Section::People />
                <NavLink href="/approvals" testid="nav-approvals" label=tr("Approvals") section=Section::Approvals />
                <NavLink href="/lifecycle" testid="nav-lifecycle" label=tr("Lifecycle") section=Section::Lifecycle />
                <NavLink href="/scenarios" testid="nav-scenarios" label=tr("Scenarios") section=Section::Scenarios />
            </nav>
            <ClockBar />
            <div class="header-tools">
                <WorkspaceMenu />
                <LangSwitch />
                <ProjectorToggle />
            </div>
            <TravelBar />
        </header>
    }
}

/// Says when the workspace is not being saved or could not be opened, and
/// what a refused command was refused for.
#[component]
fn StorageBanner() -> impl IntoView {
    let rt = use_runtime();
    let failed = move || match rt.mode() {
        Mode::Failed(why) => Some(why),
        _ => None,
    };
    let read_only = move || match rt.mode() {
        Mode::ReadOnly(why) => Some(why),
        _ => None,
    };
    // A workspace that could not be opened has its own banner, which says why.
    let not_saving = move || match rt.save_state() {
        SaveState::NotSaving { reason, .. } if failed().is_none() => Some(reason),
        _ => None,
    };
    view! {
        <Show when=move || failed().is_some()>
            <div class="banner banner--bad" role="alert" data-testid="banner-failed">
                <span>
                    {move || failed()}
                    {move || rt.damaged().map(|_| tr(" Export and reset stay in the Workspace menu."))}
                </span>
                <RecoverButton />
            </div>
        </Show>
        <Show when=move || read_only().is_some()>
            <div class="banner banner--info" role="status" data-testid="banner-read-only">
                <span>
                    <strong>{tr("Read-only. ")}</strong>
                    {move || read_only().map(|why| why.message())}
                </span>
                <button type="button" class="button" data-testid="take-over" on:click=move |_| rt.take_over()>
                    {tr("Take over here")}
                </button>
            </div>
        </Show>
        <Show when=move || not_saving().is_some() && read_only().is_none()>
            <div class="banner banner--warning" role="alert" data-testid="banner-not-saving">
                <strong>{tr("Not saving. ")}</strong>
                {move || not_saving().map(|r| t!("{reason}. The workspace keeps working in this tab; closing it loses what is not saved.", reason = r))}
            </div>
        </Show>
        <Show when=move || rt.refusal().is_some()>
            <div class="banner banner--info" role="status" data-testid="banner-refusal">
                <span>{tr("The engine refused: ")}{move || rt.refusal()}</span>
                <button type="button" class="banner-close" data-testid="banner-refusal-close" on:click=move |_| rt.dismiss_refusal() aria-label=tr("Dismiss")>"×"</button>
            </div>
        </Show>
    }
}

/// The top-level sections the navigation highlights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Workflows,
    Runs,
    People,
    Approvals,
    Lifecycle,
    Scenarios,
}

impl Section {
    /// The section a path belongs to; the editor belongs to Workflows.
    pub fn of_path(path: &str) -> Option<Section> {
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        match first {
            "" | "editor" => Some(Section::Workflows),
            "runs" => Some(Section::Runs),
            "approvals" => Some(Section::Approvals),
            "people" => Some(Section::People),
            "lifecycle" => Some(Section::Lifecycle),
            "scenarios" => Some(Section::Scenarios),
            _ => None,
        }
    }
}

#[component]
fn NavLink(
    href: &'static str,
    testid: &'static str,
    label: &'static str,
    section: Section,
) -> impl IntoView {
    let location = use_location();
    let active = move || Section::of_path(&location.pathname.get()) == Some(section);
    view! {
        <a
            href=href
            data-testid=testid
            class=move || if active() { "nav-link nav-link--active" } else { "nav-link" }
            aria-current=move || active().then_some("page")
        >
            {label}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::Section;

    #[test]
    fn every_path_maps_to_its_nav_section() {
        assert_eq!(Section::of_path("/"), Some(Section::Workflows));
        assert_eq!(
            Section::of_path("/editor/welcome"),
            Some(Section::Workflows)
        );
        assert_eq!(Section::of_path("/runs"), Some(Section::Runs));
        assert_eq!(Section::of_path("/lifecycle"), Some(Section::Lifecycle));
        assert_eq!(Section::of_path("/scenarios/"), Some(Section::Scenarios));
        assert_eq!(Section::of_path("/nowhere"), None);
    }
}
