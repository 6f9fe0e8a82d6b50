//! Every page but 首页, loaded on first visit from the wasm chunk of its tab.
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
use crate::features::{account, exports, joining, messages, notices, people, points, proxy, register, reports, services, tasks, wishes};

/// `lazy_page!(tab, Route, page_fn, || view)`: a route type whose view lives in the chunk of its
/// tab. All pages of a tab share one chunk: one download opens the whole tab, and wasm-split
/// makes far fewer shared chunks (one per set of tabs using the code, not per set of pages: a
/// deep link to an order fetched 64 files when every page was its own chunk). `page_fn` must be
/// unique: wasm-split links each page by that name.
///
/// `fallible`: a chunk that cannot be fetched (offline on the first visit to a page) gives an
/// error page with a retry, instead of the panic that would abort the whole app.
macro_rules! lazy_page {
    ($tab:ident, $route:ident, $chunk:ident, $view:expr) => {
        pub struct $route;

        #[cfg_attr(
            linli_split,
            leptos::wasm_split::wasm_split($tab, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        fn $chunk() -> Result<AnyView, SplitLoaderError> {
            let view: fn() -> AnyView = $view;
            Ok(view())
        }

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            // Boxed, into the one `settle` below: each route's own code is the box, not a copy
            // of the await and the fallback (the first module carries every route's).
            fn view(_this: Self) -> impl std::future::Future<Output = AnyView> {
                #[cfg(linli_split)]
                let loading: Loading = Box::pin($chunk());
                #[cfg(not(linli_split))]
                let loading: Loading = Box::pin(std::future::ready($chunk()));
                settle(loading)
            }
        }
    };
}

/// A page's chunk on its way.
type Loading = std::pin::Pin<Box<dyn std::future::Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// The page, or the page that says it could not be fetched.
async fn settle(loading: Loading) -> AnyView {
    loading.await.unwrap_or_else(|_| view! { <PageNotLoaded /> }.into_any())
}

lazy_page!(notices, NoticeCompose, notice_compose_page, || view! { <notices::ComposePage /> }.into_any());
lazy_page!(notices, MyNotices, my_notices_page, || view! { <notices::MyNoticesPage /> }.into_any());
lazy_page!(notices, Notice, notice_page, || view! { <notices::NoticePage /> }.into_any());
lazy_page!(notices, NoticeEdit, notice_edit_page, || view! { <notices::EditPage /> }.into_any());
lazy_page!(notices, NoticeReceipts, notice_receipts_page, || view! { <notices::ReceiptsPage /> }.into_any());

lazy_page!(services, Services, services_page, || view! { <services::ServicesPage more_links=|| view! { <wishes::WishLinks /> } /> }.into_any());
lazy_page!(services, OrderForm, order_form_page, || view! { <services::OrderFormPage /> }.into_any());
lazy_page!(services, MyOrders, my_orders_page, || view! { <services::MyOrdersPage /> }.into_any());
lazy_page!(services, Dispatch, dispatch_page, || view! { <services::DispatchPage /> }.into_any());
lazy_page!(services, VolunteerOrders, volunteer_orders_page, || view! { <services::VolunteerPage /> }.into_any());
lazy_page!(services, Order, order_page, || view! { <services::OrderDetailPage /> }.into_any());
lazy_page!(services, ServiceManage, service_manage_page, || view! { <services::ServiceManagePage /> }.into_any());
lazy_page!(services, ServiceNew, service_new_page, || view! { <services::NewServicePage /> }.into_any());
lazy_page!(services, ServiceEdit, service_edit_page, || view! { <services::EditServicePage /> }.into_any());

lazy_page!(sign_in, SignIn, sign_in_page, || view! { <account::SignInPage /> }.into_any());
lazy_page!(me, Me, me_page, || view! { <account::MePage more_links=me_links /> }.into_any());
lazy_page!(me, Password, password_page, || view! { <account::PasswordPage /> }.into_any());

lazy_page!(tasks, Tasks, tasks_page, || view! { <tasks::TasksPage /> }.into_any());
lazy_page!(tasks, NewTask, new_task_page, || view! { <tasks::NewTaskPage /> }.into_any());
lazy_page!(tasks, MyTasks, my_tasks_page, || view! { <tasks::MyTasksPage /> }.into_any());
lazy_page!(tasks, Task, task_page, || view! { <tasks::TaskPage /> }.into_any());
lazy_page!(tasks, Roster, roster_page, || view! { <tasks::RosterPage /> }.into_any());
lazy_page!(tasks, TaskEdit, task_edit_page, || view! { <tasks::EditTaskPage /> }.into_any());

lazy_page!(points, Points, points_page, || view! { <points::PointsPage /> }.into_any());
lazy_page!(points, Rewards, rewards_page, || view! { <points::RewardsPage /> }.into_any());
lazy_page!(points, Vouchers, vouchers_page, || view! { <points::VouchersPage /> }.into_any());
lazy_page!(points, Voucher, voucher_page, || view! { <points::VoucherPage /> }.into_any());
lazy_page!(points, Leaderboard, leaderboard_page, || view! { <points::LeaderboardPage /> }.into_any());
lazy_page!(points, PointsDesk, points_desk_page, || view! { <points::DeskPage /> }.into_any());
lazy_page!(points, RewardsManage, rewards_manage_page, || view! { <points::RewardsManagePage /> }.into_any());
lazy_page!(points, RewardNew, reward_new_page, || view! { <points::NewRewardPage /> }.into_any());
lazy_page!(points, RewardEdit, reward_edit_page, || view! { <points::EditRewardPage /> }.into_any());

lazy_page!(proxy, ProxyList, proxy_list_page, || view! { <proxy::ProxyListPage /> }.into_any());
lazy_page!(proxy, ProxyStart, proxy_start_page, || view! { <proxy::ProxyStartPage /> }.into_any());

/// The 代办 banner, from the same chunk as the 代办 pages: the first module carries only the
/// call that loads it, made once 代办 has started.
#[cfg_attr(
    linli_split,
    leptos::wasm_split::wasm_split(proxy, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn proxy_banner() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <proxy::ProxyBanner /> }.into_any())
}

/// [`proxy_banner`], loaded (split build) or called (other builds).
pub async fn load_proxy_banner() -> AnyView {
    #[cfg(linli_split)]
    let loaded = proxy_banner().await;
    #[cfg(not(linli_split))]
    let loaded = proxy_banner();
    loaded.unwrap_or_else(|_| ().into_any())
}

// Signing up is its own chunk (strangers open it from sign-in or an invite); the pages of a
// resident waiting and of heads reviewing share another.
lazy_page!(sign_up, SignUp, sign_up_page, || view! { <joining::SignUpPage /> }.into_any());
lazy_page!(sign_up, JoinInvite, join_invite_page, || view! { <joining::SignUpPage /> }.into_any());
lazy_page!(joining, JoinStatus, join_status_page, || view! { <joining::JoinStatusPage /> }.into_any());
lazy_page!(joining, JoinReview, join_review_page, || view! { <joining::ReviewPage /> }.into_any());
lazy_page!(joining, Invite, invite_page, || view! { <joining::InvitePage /> }.into_any());

/// What other features add to 我的: joining's card and heads' links, then orders (not for an
/// account still waiting, which has none to see).
fn me_links() -> impl IntoView {
    let waiting = crate::session::use_session()
        .me()
        .is_some_and(|me| me.status.is_waiting());
    view! {
        <messages::MessageLinks />
        <joining::MeLinks />
        {(!waiting).then(|| view! { <services::OrderLinks /> <wishes::WishLinks /> <reports::ReportLinks /> <register::RegisterLinks /> <people::PeopleLinks /> <exports::ExportLink /> })}
    }
}

// 台账导出: staff only, so its own chunk rather than 我的 tab's.
lazy_page!(exports, Exports, exports_page, || view! { <exports::ExportsPage /> }.into_any());

lazy_page!(people, People, people_page, || view! { <people::PeopleDirectoryPage /> }.into_any());
lazy_page!(people, PersonAccount, person_account_page, || view! { <people::PersonPage kind={linli_api_types::PersonKind::Account} /> }.into_any());
lazy_page!(people, PersonRegister, person_register_page, || view! { <people::PersonPage kind={linli_api_types::PersonKind::Register} /> }.into_any());
lazy_page!(forgot, ForgotPassword, forgot_password_page, || view! { <people::ForgotPasswordPage /> }.into_any());

lazy_page!(register, RegisterImport, register_import_page, || view! { <register::RegisterImportPage /> }.into_any());
lazy_page!(register, RegisterProgress, register_progress_page, || view! { <register::RegisterProgressPage /> }.into_any());
lazy_page!(register, RegisterUnjoined, register_unjoined_page, || view! { <register::RegisterUnjoinedPage /> }.into_any());

// 微心愿: a chunk of its own, fetched when a wish page is first opened.
lazy_page!(wishes, Wishes, wishes_page, || view! { <wishes::BoardPage /> }.into_any());
lazy_page!(wishes, WishNew, wish_new_page, || view! { <wishes::PostPage /> }.into_any());
lazy_page!(wishes, MyWishes, my_wishes_page, || view! { <wishes::MyWishesPage /> }.into_any());
lazy_page!(wishes, WishReview, wish_review_page, || view! { <wishes::ReviewPage /> }.into_any());
lazy_page!(wishes, Wish, wish_page, || view! { <wishes::WishPage /> }.into_any());

// 民声有回应: every page of reports in one chunk (a resident opens the form, then the report).
lazy_page!(reports, ReportNew, report_new_page, || view! { <reports::ComposePage /> }.into_any());
lazy_page!(reports, MyReports, my_reports_page, || view! { <reports::MyReportsPage /> }.into_any());
lazy_page!(reports, ReportInbox, report_inbox_page, || view! { <reports::InboxPage /> }.into_any());
lazy_page!(reports, ReportDashboard, report_dashboard_page, || view! { <reports::DashboardPage /> }.into_any());
lazy_page!(reports, ReportSettings, report_settings_page, || view! { <reports::SettingsPage /> }.into_any());
lazy_page!(reports, Report, report_page, || view! { <reports::ReportPage /> }.into_any());

// 消息: the list, 消息设置 and staff's 消息推送 in one chunk.
lazy_page!(messages, Messages, messages_page, || view! { <messages::MessagesPage /> }.into_any());
lazy_page!(messages, MessageSettings, message_settings_page, || view! { <messages::SettingsPage /> }.into_any());
lazy_page!(messages, MessageWebhook, message_webhook_page, || view! { <messages::WebhookPage /> }.into_any());

/// The live stream of 消息 (see `crate::api::live`): a chunk of its own, fetched after the first
/// page has painted, so the first load carries only the bell's figure.
#[cfg_attr(
    linli_split,
    leptos::wasm_split::wasm_split(live, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn live_stream() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::api::live::stream::LiveStream /> }.into_any())
}

/// [`live_stream`], loaded (split build) or called (other builds). Without its chunk (offline
/// at start) nothing is live until the next start; the pages still load what they show.
pub async fn load_live_stream() -> AnyView {
    #[cfg(linli_split)]
    let loaded = live_stream().await;
    #[cfg(not(linli_split))]
    let loaded = live_stream();
    loaded.unwrap_or_else(|_| ().into_any())
}
