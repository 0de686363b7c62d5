//! Every screen but the workflow list is a lazy route. In the split build
//! (`--features split`, see `scripts/split-wasm.sh`) each one's code is cut
//! into its own wasm file, fetched the first time a person opens it; in
//! every other build the same routes render at once.

use leptos::prelude::*;
use leptos_router::LazyRoute;

macro_rules! lazy_screen {
    ($route:ident, $screen:path) => {
        pub struct $route;

        #[cfg(feature = "split")]
        #[leptos_router::lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$screen /> }.into_any()
            }
        }

        #[cfg(not(feature = "split"))]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                view! { <$screen /> }.into_any()
            }
        }
    };
}

lazy_screen!(EditorRoute, super::EditorScreen);
lazy_screen!(RunsRoute, super::RunsScreen);
lazy_screen!(ExecutionRoute, super::ExecutionScreen);
lazy_screen!(ApprovalsRoute, super::ApprovalsScreen);
lazy_screen!(PeopleRoute, super::PeopleScreen);
lazy_screen!(LifecycleRoute, super::LifecycleScreen);
lazy_screen!(ScenariosRoute, super::ScenariosScreen);
