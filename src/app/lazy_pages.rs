//! Every page but 首页, loaded on first visit from the wasm chunk of its area.
//!
//! The release build (`scripts/lib.sh` `build_app`) compiles with `--cfg linli_split` and cuts
//! the wasm at each `wasm_split` function below, so the first load carries only the
//! runtime and 首页 (the budget is 150 KB brotli; all pages in one wasm were ~400 KB). Sign-in
//! is a chunk too: a device signs in once, and then opens on 首页 every day.
//! Other builds (component tests, `trunk serve`) have no split step: there the same functions
//! are plain ones and the pages are in the one wasm.
//!
//! The app's route table (`super::Shell`) has one route per area, not per page: each page's
//! route costs the first module about 2 KB of wasm (the router's matching and view code is
//! compiled once per route type), so the area's own table of pages lives in its chunk.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::components::{Route, Routes};
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};
use leptos_router::{LazyRoute, PartialPathMatch, PathSegment, PossibleRouteMatch};

use crate::features::not_found::NotFound;
use crate::features::not_loaded::PageNotLoaded;
use crate::features::{account, exports, joining, messages, notices, people, points, proxy, register, reports, services, tasks, wishes};
use crate::routes::pattern;

/// The paths an area answers: each prefix and the paths below it, unless another area has a
/// longer prefix that holds the path (/services/wishes/3 is 微心愿's, not 服务's).
/// `scripts/dist-loader.mjs` reads the prefixes too (the chunks to preload for a deep link), and
/// checks that every page of `crate::routes` is in the area that holds its path.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Area(&'static [&'static str]);

/// Every area: the owner of a path is the one with the longest prefix holding it.
const AREAS: [Area; 11] = [
    SignIn::AT, Notices::AT, Services::AT, Wishes::AT, Tasks::AT, Points::AT, Me::AT, Reports::AT,
    Messages::AT, Staff::AT, Join::AT,
];

impl Area {
    /// The length of this area's longest prefix holding `path`.
    fn reach(self, path: &str) -> Option<usize> {
        self.0
            .iter()
            .filter(|prefix| path.strip_prefix(**prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')))
            .map(|prefix| prefix.len())
            .max()
    }

    /// Whether `path` is this area's.
    fn owns(self, path: &str) -> bool {
        self.reach(path)
            .is_some_and(|mine| AREAS.iter().all(|other| *other == self || other.reach(path).is_none_or(|theirs| theirs < mine)))
    }
}

impl PossibleRouteMatch for Area {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        self.owns(path).then(|| PartialPathMatch::new("", Vec::new(), path))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        path.push(PathSegment::Static(self.0[0].into()));
        path.push(PathSegment::Splat("page".into()));
    }
}

/// An address in the area that none of its pages has is 页面不存在. An address of another area
/// is where the app is going (the outer table has matched it and is fetching that chunk): this
/// area's table shows nothing meanwhile rather than claim the page does not exist.
fn not_here(area: Area) -> AnyView {
    if area.owns(&use_location().pathname.get_untracked()) {
        view! { <NotFound /> }.into_any()
    } else {
        ().into_any()
    }
}

/// The browser's address changes when a navigation completes, and the router completes it when
/// a table that took part has its view ready. An area's table must not take part: leaving the
/// area, it has no page for the new address and would complete at once, before the app's table
/// (`super::Shell`) has fetched the next area's chunk — the address and the old page's title
/// would show before the page. A `BrowserUrl` of the area's own, with no navigation pending,
/// leaves completing to the app's table.
fn leave_navigation_to_the_app() {
    if let Ok(url) = BrowserUrl::new() {
        provide_context(url);
    }
}

/// `area!(split, Area, chunk_fn, ["/prefix", …], { page => || view, … })`: a route type for the
/// app's table, matching the area's paths, whose view — the area's own table of pages — lives
/// in the chunk `split`. All pages of an area share one chunk: one download opens the whole
/// area, and wasm-split makes far fewer shared chunks (one per set of areas using the code: 17
/// chunks of pages made 421 files, and a deep link to a task fetched about 200 of them).
/// `chunk_fn` must be unique: wasm-split links each area by that name.
///
/// `fallible`: a chunk that cannot be fetched (offline on the first visit to an area) gives an
/// error page with a retry, instead of the panic that would abort the whole app.
macro_rules! area {
    ($split:ident, $area:ident, $chunk:ident, [$($prefix:literal),+], { $($page:ident => $view:expr,)+ }) => {
        pub struct $area;

        impl $area {
            pub const AT: Area = Area(&[$($prefix),+]);
        }

        #[cfg_attr(
            linli_split,
            leptos::wasm_split::wasm_split($split, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        fn $chunk() -> Result<AnyView, SplitLoaderError> {
            leave_navigation_to_the_app();
            // Every page's view as one type, so the router's code is compiled once per path
            // type rather than once per page.
            Ok(view! {
                <Routes fallback=|| not_here($area::AT)>
                    $(<Route path=pattern::$page() view={page($view)} />)+
                </Routes>
            }
            .into_any())
        }

        impl LazyRoute for $area {
            fn data() -> Self {
                Self
            }

            // Boxed, into the one `settle` below: each area's own code is the box, not a copy
            // of the await and the fallback.
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

/// A page's view as a plain function: the one view type of every page in the router's tables.
fn page(view: fn() -> AnyView) -> fn() -> AnyView {
    view
}

/// An area's chunk on its way.
type Loading = std::pin::Pin<Box<dyn std::future::Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// The area's pages, or the page that says they could not be fetched.
async fn settle(loading: Loading) -> AnyView {
    loading.await.unwrap_or_else(|_| view! { <PageNotLoaded /> }.into_any())
}

// Sign-in on its own: a phone signs in once, then opens on 首页 every day.
area!(sign_in, SignIn, sign_in_area, ["/login"], {
    sign_in => || view! { <account::SignInPage /> }.into_any(),
});

area!(notices, Notices, notices_area, ["/notices"], {
    notice_compose => || view! { <notices::ComposePage /> }.into_any(),
    my_notices => || view! { <notices::MyNoticesPage /> }.into_any(),
    notice => || view! { <notices::NoticePage /> }.into_any(),
    notice_edit => || view! { <notices::EditPage /> }.into_any(),
    notice_receipts => || view! { <notices::ReceiptsPage /> }.into_any(),
});

// 服务: the menu, ordering, orders, dispatch and volunteers' orders (服务管理 is staff's).
area!(services, Services, services_area, ["/services"], {
    services => || view! { <services::ServicesPage more_links=|| view! { <wishes::WishLinks /> } /> }.into_any(),
    order_form => || view! { <services::OrderFormPage /> }.into_any(),
    my_orders => || view! { <services::MyOrdersPage /> }.into_any(),
    dispatch => || view! { <services::DispatchPage /> }.into_any(),
    volunteer_orders => || view! { <services::VolunteerPage /> }.into_any(),
    order => || view! { <services::OrderDetailPage /> }.into_any(),
});

// 微心愿, below 服务 in the address but a chunk of its own.
area!(wishes, Wishes, wishes_area, ["/services/wishes"], {
    wishes => || view! { <wishes::BoardPage /> }.into_any(),
    wish_new => || view! { <wishes::PostPage /> }.into_any(),
    my_wishes => || view! { <wishes::MyWishesPage /> }.into_any(),
    wish_review => || view! { <wishes::ReviewPage /> }.into_any(),
    wish => || view! { <wishes::WishPage /> }.into_any(),
});

area!(tasks, Tasks, tasks_area, ["/tasks"], {
    tasks => || view! { <tasks::TasksPage /> }.into_any(),
    task_new => || view! { <tasks::NewTaskPage /> }.into_any(),
    my_tasks => || view! { <tasks::MyTasksPage /> }.into_any(),
    task => || view! { <tasks::TaskPage /> }.into_any(),
    task_roster => || view! { <tasks::RosterPage /> }.into_any(),
    task_edit => || view! { <tasks::EditTaskPage /> }.into_any(),
});

// 积分 (礼品管理 is staff's).
area!(points, Points, points_area, ["/points"], {
    points => || view! { <points::PointsPage /> }.into_any(),
    rewards => || view! { <points::RewardsPage /> }.into_any(),
    vouchers => || view! { <points::VouchersPage /> }.into_any(),
    voucher => || view! { <points::VoucherPage /> }.into_any(),
    leaderboard => || view! { <points::LeaderboardPage /> }.into_any(),
    points_desk => || view! { <points::DeskPage /> }.into_any(),
});

// 我的, 修改密码 and a waiting resident's request.
area!(me, Me, me_area, ["/me"], {
    me => || view! { <account::MePage more_links=me_links /> }.into_any(),
    change_password => || view! { <account::PasswordPage /> }.into_any(),
    join_status => || view! { <joining::JoinStatusPage /> }.into_any(),
});

// 民声有回应: every page of reports (a resident opens the form, then the report).
area!(reports, Reports, reports_area, ["/me/reports"], {
    report_new => || view! { <reports::ComposePage /> }.into_any(),
    my_reports => || view! { <reports::MyReportsPage /> }.into_any(),
    report_inbox => || view! { <reports::InboxPage /> }.into_any(),
    report_dashboard => || view! { <reports::DashboardPage /> }.into_any(),
    report_settings => || view! { <reports::SettingsPage /> }.into_any(),
    report => || view! { <reports::ReportPage /> }.into_any(),
});

// 消息: the list, 消息设置 and staff's 消息推送.
area!(messages, Messages, messages_area, ["/me/messages"], {
    messages => || view! { <messages::MessagesPage /> }.into_any(),
    message_settings => || view! { <messages::SettingsPage /> }.into_any(),
    message_webhook => || view! { <messages::WebhookPage /> }.into_any(),
});

// Heads' and staff's tools, which most residents never open: 服务管理, 礼品管理, 住户名册, 加入进度,
// 居民, 台账导出, 代办, 入户审核 and 邀请邻居.
area!(staff, Staff, staff_area, [
    "/services/manage", "/points/rewards/manage", "/me/register", "/me/progress", "/me/people",
    "/me/exports", "/me/proxy", "/proxy", "/me/join-requests", "/me/invite"
], {
    service_manage => || view! { <services::ServiceManagePage /> }.into_any(),
    service_new => || view! { <services::NewServicePage /> }.into_any(),
    service_edit => || view! { <services::EditServicePage /> }.into_any(),
    rewards_manage => || view! { <points::RewardsManagePage /> }.into_any(),
    reward_new => || view! { <points::NewRewardPage /> }.into_any(),
    reward_edit => || view! { <points::EditRewardPage /> }.into_any(),
    register_import => || view! { <register::RegisterImportPage /> }.into_any(),
    register_progress => || view! { <register::RegisterProgressPage /> }.into_any(),
    register_unjoined => || view! { <register::RegisterUnjoinedPage /> }.into_any(),
    people => || view! { <people::PeopleDirectoryPage /> }.into_any(),
    person_account => || view! { <people::PersonPage kind={linli_api_types::PersonKind::Account} /> }.into_any(),
    person_register => || view! { <people::PersonPage kind={linli_api_types::PersonKind::Register} /> }.into_any(),
    exports => || view! { <exports::ExportsPage /> }.into_any(),
    proxy_list => || view! { <proxy::ProxyListPage /> }.into_any(),
    proxy_start_account => || view! { <proxy::ProxyStartPage /> }.into_any(),
    proxy_start_register => || view! { <proxy::ProxyStartPage /> }.into_any(),
    join_review => || view! { <joining::ReviewPage /> }.into_any(),
    invite => || view! { <joining::InvitePage /> }.into_any(),
});

// Open to strangers: 注册 (also from a building's invite) and 忘记密码.
area!(join, Join, join_area, ["/join", "/forgot-password"], {
    sign_up => || view! { <joining::SignUpPage /> }.into_any(),
    join_invite => || view! { <joining::SignUpPage /> }.into_any(),
    forgot_password => || view! { <people::ForgotPasswordPage /> }.into_any(),
});

/// The 代办 banner, from the chunk of the 代办 pages (staff's): the first module carries only the
/// call that loads it, made once 代办 has started.
#[cfg_attr(
    linli_split,
    leptos::wasm_split::wasm_split(staff, wasm_split_path = ::leptos::wasm_split, fallible)
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

/// 首页's 近期志愿活动, below the fold (it renders after the notices, see `components::Later`):
/// a chunk of its own, fetched once 首页 has painted. It carries the task card and the reading
/// of tasks, which the 任务 pages share: about 40 KB of wasm the first load did without.
#[cfg_attr(
    linli_split,
    leptos::wasm_split::wasm_split(upcoming, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn upcoming_tasks() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::features::tasks::UpcomingTasks /> }.into_any())
}

/// [`upcoming_tasks`], loaded (split build) or called (other builds). Without its chunk (offline
/// on the first visit) 首页 goes without the section.
pub async fn load_upcoming_tasks() -> AnyView {
    #[cfg(linli_split)]
    let loaded = upcoming_tasks().await;
    #[cfg(not(linli_split))]
    let loaded = upcoming_tasks();
    loaded.unwrap_or_else(|_| ().into_any())
}

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
