//! Every page but 首页, each loaded on first visit from its own wasm chunk.
//!
//! The release build (`scripts/lib.sh` `build_app`) compiles with `--cfg linli_split` and cuts
//! the wasm at each `wasm_split` function below, so the first load carries only the
//! runtime and 首页 (the budget is 150 KB brotli; all pages in one wasm were ~400 KB). Sign-in
//! is a chunk too: a device signs in once, and then opens on 首页 every day.
//! Other builds (component tests, `trunk serve`) have no split step: there the same functions
//! are plain ones and the pages are in the one wasm.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::LazyRoute;

use crate::features::not_loaded::PageNotLoaded;
use crate::features::{account, notices, points, services, tasks};

/// `lazy_page!(Route, chunk, || view)`: a route type whose view lives in its own chunk. `chunk`
/// names the chunk's module; wasm-split links by that name, so it must be unique.
///
/// `fallible`: a chunk that cannot be fetched (offline on the first visit to a page) gives an
/// error page with a retry, instead of the panic that would abort the whole app.
macro_rules! lazy_page {
    ($route:ident, $chunk:ident, $view:expr) => {
        pub struct $route;

        #[cfg_attr(
            linli_split,
            leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        fn $chunk() -> Result<AnyView, SplitLoaderError> {
            let view: fn() -> AnyView = $view;
            Ok(view())
        }

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> AnyView {
                #[cfg(linli_split)]
                let loaded = $chunk().await;
                #[cfg(not(linli_split))]
                let loaded = $chunk();
                loaded.unwrap_or_else(|_| view! { <PageNotLoaded /> }.into_any())
            }
        }
    };
}

lazy_page!(NoticeCompose, notice_compose_page, || view! { <notices::ComposePage /> }.into_any());
lazy_page!(MyNotices, my_notices_page, || view! { <notices::MyNoticesPage /> }.into_any());
lazy_page!(Notice, notice_page, || view! { <notices::NoticePage /> }.into_any());
lazy_page!(NoticeEdit, notice_edit_page, || view! { <notices::EditPage /> }.into_any());
lazy_page!(NoticeReceipts, notice_receipts_page, || view! { <notices::ReceiptsPage /> }.into_any());

lazy_page!(Services, services_page, || view! { <services::ServicesPage /> }.into_any());
lazy_page!(OrderForm, order_form_page, || view! { <services::OrderFormPage /> }.into_any());
lazy_page!(MyOrders, my_orders_page, || view! { <services::MyOrdersPage /> }.into_any());
lazy_page!(Dispatch, dispatch_page, || view! { <services::DispatchPage /> }.into_any());
lazy_page!(VolunteerOrders, volunteer_orders_page, || view! { <services::VolunteerPage /> }.into_any());
lazy_page!(Order, order_page, || view! { <services::OrderDetailPage /> }.into_any());

lazy_page!(SignIn, sign_in_page, || view! { <account::SignInPage /> }.into_any());
lazy_page!(Me, me_page, || view! { <account::MePage more_links=services::OrderLinks /> }.into_any());
lazy_page!(Password, password_page, || view! { <account::PasswordPage /> }.into_any());

lazy_page!(Tasks, tasks_page, || view! { <tasks::TasksPage /> }.into_any());
lazy_page!(NewTask, new_task_page, || view! { <tasks::NewTaskPage /> }.into_any());
lazy_page!(MyTasks, my_tasks_page, || view! { <tasks::MyTasksPage /> }.into_any());
lazy_page!(Task, task_page, || view! { <tasks::TaskPage /> }.into_any());
lazy_page!(Roster, roster_page, || view! { <tasks::RosterPage /> }.into_any());

lazy_page!(Points, points_page, || view! { <points::PointsPage /> }.into_any());
lazy_page!(Rewards, rewards_page, || view! { <points::RewardsPage /> }.into_any());
lazy_page!(Vouchers, vouchers_page, || view! { <points::VouchersPage /> }.into_any());
lazy_page!(Voucher, voucher_page, || view! { <points::VoucherPage /> }.into_any());
lazy_page!(Leaderboard, leaderboard_page, || view! { <points::LeaderboardPage /> }.into_any());
lazy_page!(PointsDesk, points_desk_page, || view! { <points::DeskPage /> }.into_any());
