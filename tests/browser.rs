//! Browser tests: the app mounted in headless Chromium, asserted on the DOM.
//! Run with `make test-browser` (wasm-bindgen-test-runner + chromedriver).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use flowlab::App;
use gloo_timers::future::sleep;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The app, mounted once for the whole test page: a router that is mounted
/// and dropped leaves nothing behind, but one app per page is what users get.
struct Page {
    root: HtmlElement,
}

thread_local! {
    static ROOT: HtmlElement = {
        let document = web_sys::window().unwrap().document().unwrap();
        let root: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        leptos::mount::mount_to(root.clone(), App).forget();
        root
    };
}

impl Page {
    /// Goes to `path` the way the browser's back and forward buttons do.
    fn open(path: &str) -> Page {
        let root = ROOT.with(HtmlElement::clone);
        let window = web_sys::window().unwrap();
        window
            .history()
            .unwrap()
            .push_state_with_url(&JsValue::NULL, "", Some(path))
            .unwrap();
        window
            .dispatch_event(&Event::new("popstate").unwrap())
            .unwrap();
        Page { root }
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn get(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().dyn_into().unwrap())
            .collect()
    }

    fn text(&self, selector: &str) -> String {
        self.get(selector)
            .text_content()
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    fn click(&self, selector: &str) {
        self.get(selector)
            .dyn_into::<HtmlElement>()
            .unwrap()
            .click();
    }

    /// Waits for the router to render `selector` (rendering a route is asynchronous).
    async fn wait_for(&self, selector: &str) -> Element {
        for _ in 0..200 {
            if let Some(el) = self.find(selector) {
                return el;
            }
            sleep(Duration::from_millis(10)).await;
        }
        panic!("{selector} did not appear within 2s");
    }
}

fn testids(elements: &[Element]) -> Vec<String> {
    elements
        .iter()
        .map(|e| e.get_attribute("data-testid").unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn shell_shows_the_product_name_the_nav_and_the_page_clock() {
    let app = Page::open("/");
    app.wait_for("[data-testid=screen-workflows]").await;

    assert_eq!(app.text("[data-testid=product-name]"), "Flowlab");
    let links = app.all("[data-testid=nav] a");
    assert_eq!(
        testids(&links),
        [
            "nav-workflows",
            "nav-runs",
            "nav-people",
            "nav-approvals",
            "nav-lifecycle",
            "nav-scenarios"
        ]
    );
    let labels: Vec<String> = links
        .iter()
        .map(|a| a.text_content().unwrap().trim().to_owned())
        .collect();
    assert_eq!(
        labels,
        [
            "Workflows",
            "Runs",
            "People",
            "Approvals",
            "Lifecycle",
            "Scenarios"
        ]
    );
    assert_eq!(
        app.get("[data-testid=nav-workflows]")
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );
    assert_eq!(
        app.get("[data-testid=nav-runs]")
            .get_attribute("aria-current"),
        None
    );

    app.wait_for("[data-testid=clock-play]:not([disabled])")
        .await;
    assert!(
        app.text("[data-testid=clock-time]").starts_with("Day "),
        "the clock reads as a day and a time"
    );
    assert_eq!(
        app.all("[data-testid=clock-speeds] button").len(),
        6,
        "1×, 10×, 60×, 600×, 3600× and max"
    );
}

#[wasm_bindgen_test]
async fn workflows_screen_lists_the_sample_workspace() {
    let app = Page::open("/");
    app.wait_for("[data-testid=workflow-list]").await;

    let rows = app.all("[data-testid=workflow-row]");
    let ids: Vec<String> = rows
        .iter()
        .map(|r| r.get_attribute("data-workflow-id").unwrap())
        .collect();
    assert_eq!(ids, ["welcome", "spring_campaign", "provision_workspace"]);
    assert_eq!(
        app.text("[data-testid=workspace-summary]"),
        "Your workspace · 3 workflows · kept in this browser"
    );

    let welcome = &rows[0];
    let within = |sel: &str| {
        welcome
            .query_selector(sel)
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
            .trim()
            .to_owned()
    };
    assert_eq!(within("[data-testid=workflow-name]"), "Welcome series");
    assert_eq!(within("[data-testid=workflow-id]"), "welcome");
    assert_eq!(
        within("[data-testid=workflow-trigger]"),
        "tag new-signup added (polled every 10m)"
    );
    assert_eq!(within("[data-testid=workflow-step-count]"), "4 steps");
    assert_eq!(within("[data-testid=workflow-status]"), "draft");
    assert_eq!(
        welcome.get_attribute("href").as_deref(),
        Some("/editor/welcome")
    );

    let cells = welcome
        .query_selector_all("[data-testid=step-strip-cell]")
        .unwrap();
    let kinds: Vec<String> = (0..cells.length())
        .map(|i| {
            cells
                .item(i)
                .unwrap()
                .dyn_into::<Element>()
                .unwrap()
                .get_attribute("data-kind")
                .unwrap()
        })
        .collect();
    assert_eq!(kinds, ["action", "wait", "action", "end"]);

    let statuses: Vec<String> = app
        .all("[data-testid=workflow-status]")
        .iter()
        .map(|e| e.text_content().unwrap())
        .collect();
    assert_eq!(statuses, ["draft", "draft", "draft"]);
}

#[wasm_bindgen_test]
async fn clicking_a_workflow_opens_it_on_the_editor_canvas() {
    let app = Page::open("/");
    app.wait_for("[data-testid=workflow-list]").await;
    app.click("[data-workflow-id=provision_workspace]");

    let editor = app.wait_for("[data-testid=screen-editor]").await;
    assert_eq!(
        editor.get_attribute("data-workflow-id").as_deref(),
        Some("provision_workspace")
    );
    assert_eq!(
        web_sys::window().unwrap().location().pathname().unwrap(),
        "/editor/provision_workspace"
    );
    assert_eq!(
        app.text("[data-testid=editor-title]"),
        "Workspace provisioning"
    );
    app.wait_for("[data-testid=canvas] [data-testid=node]")
        .await;
    let steps: Vec<String> = app
        .all("[data-testid=node]")
        .iter()
        .map(|s| s.get_attribute("data-step-id").unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "create_account",
            "grant_access",
            "configure_billing",
            "send_ready"
        ]
    );
    assert!(app
        .text("[data-step-id=configure_billing] [data-testid=node-summary]")
        .contains("on fail: fail_workflow"));
    assert_eq!(
        app.get("[data-testid=nav-workflows]")
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );
}

#[wasm_bindgen_test]
async fn the_nav_reaches_every_screen() {
    let app = Page::open("/");
    app.wait_for("[data-testid=screen-workflows]").await;
    for (link, screen) in [
        ("nav-runs", "screen-runs"),
        ("nav-people", "screen-people"),
        ("nav-approvals", "screen-approvals"),
        ("nav-lifecycle", "screen-lifecycle"),
        ("nav-scenarios", "screen-scenarios"),
        ("nav-workflows", "screen-workflows"),
    ] {
        app.click(&format!("[data-testid={link}]"));
        app.wait_for(&format!("[data-testid={screen}]")).await;
        assert_eq!(
            app.get(&format!("[data-testid={link}]"))
                .get_attribute("aria-current")
                .as_deref(),
            Some("page")
        );
    }
    assert_eq!(
        app.all("[data-testid=preset-card]").len(),
        0,
        "the scenarios screen is gone after navigating away"
    );
}

#[wasm_bindgen_test]
async fn scenarios_screen_shows_each_preset_and_sample_file() {
    let app = Page::open("/scenarios");
    app.wait_for("[data-testid=preset-list]").await;
    let files = |list: &str| -> Vec<String> {
        app.all(&format!("[data-testid={list}] [data-testid=preset-card]"))
            .iter()
            .map(|c| c.get_attribute("data-file").unwrap())
            .collect()
    };
    let presets: Vec<&str> = flowlab::file_format::presets::PRESETS
        .iter()
        .map(|p| p.file)
        .collect();
    assert_eq!(files("preset-list"), presets);
    assert_eq!(
        files("sample-list"),
        ["welcome.json", "campaign.json", "provisioning.json"]
    );
}

#[wasm_bindgen_test]
async fn unknown_paths_and_workflows_say_so() {
    let app = Page::open("/editor/nope");
    app.wait_for("[data-testid=screen-editor-missing]").await;
    assert!(app
        .text("[data-testid=screen-editor-missing]")
        .contains("nope"));

    let app = Page::open("/no/such/screen");
    app.wait_for("[data-testid=screen-not-found]").await;
    assert!(app
        .text("[data-testid=not-found]")
        .contains("/no/such/screen"));
}

/// `i18n::format` writes numbers as the browser's `Intl.NumberFormat` does,
/// in English and in French.
#[wasm_bindgen_test]
fn i18n_numbers_agree_with_intl() {
    use flowlab::i18n::{format, set_current, Lang};
    let before = flowlab::i18n::current();
    for lang in Lang::ALL {
        set_current(lang);
        let locales = js_sys::Array::of1(&JsValue::from_str(lang.tag()));
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"maximumFractionDigits".into(), &2.into()).unwrap();
        let intl = js_sys::Intl::NumberFormat::new(&locales, &options);
        let format_fn = intl.format();
        for x in [0.0, 7.0, 123.0, 1234.0, 12_345.25, 1_234_567.5, -42.5] {
            let expected = format_fn
                .call1(&JsValue::NULL, &x.into())
                .unwrap()
                .as_string()
                .unwrap();
            assert_eq!(format::dec(x, 2), expected, "{x} in {lang:?}");
        }
    }
    set_current(before);
}
