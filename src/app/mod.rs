//! The app layer: providers, routes and the pages that compose several features.

mod bell;
mod home;
mod lazy_pages;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::{
    components::{Route, Router, Routes},
    hooks::{use_location, use_navigate},
    Lazy, NavigateOptions,
};
use linli_api_types::Me;

use crate::api::live::Live;
use crate::api::use_api;
use crate::api::network::{use_network, Network};
use crate::components::{Later, NetworkBanner, TabBar};
use crate::badges::{use_unread_notices, UnreadNotices};
use crate::features::{not_found::NotFound, notices};
use crate::i18n::I18n;
use crate::prefs::TextSizeChoice;
use crate::routes::{open_to_strangers, pattern, sign_in_returning_to};
use crate::session::{use_session, Farewell, Session};

#[component]
pub fn App() -> impl IntoView {
    crate::history::stamp_entries();
    I18n::provide();
    TextSizeChoice::provide();
    Session::provide();
    Network::provide();
    UnreadNotices::provide();
    Live::provide();
    view! {
        <Router>
            <Shell />
        </Router>
    }
}

/// The frame around every page: the routes, the tab bar, and the rule that only the sign-in
/// page is open to strangers.
#[component]
fn Shell() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let on_sign_in = Memo::new(move |_| location.pathname.with(|p| open_to_strangers(p)));

    send_strangers_to_sign_in(session, location.pathname, location.search);
    refresh_profile_on_start(session);
    forget_saved_on_page_change(location.pathname);

    view! {
        <div class="app" class:app--with-tabs=move || !on_sign_in.get()>
            <ProxySlot session />
            <Routes fallback=NotFound>
                <Route path=pattern::sign_in() view={Lazy::<lazy_pages::SignIn>::new()} />
                <Route path=pattern::home() view=home::HomePage />
                <Route path=pattern::notice_compose() view={Lazy::<lazy_pages::NoticeCompose>::new()} />
                <Route path=pattern::my_notices() view={Lazy::<lazy_pages::MyNotices>::new()} />
                <Route path=pattern::notice() view={Lazy::<lazy_pages::Notice>::new()} />
                <Route path=pattern::notice_edit() view={Lazy::<lazy_pages::NoticeEdit>::new()} />
                <Route path=pattern::notice_receipts() view={Lazy::<lazy_pages::NoticeReceipts>::new()} />
                <Route path=pattern::services() view={Lazy::<lazy_pages::Services>::new()} />
                <Route path=pattern::order_form() view={Lazy::<lazy_pages::OrderForm>::new()} />
                <Route path=pattern::my_orders() view={Lazy::<lazy_pages::MyOrders>::new()} />
                <Route path=pattern::dispatch() view={Lazy::<lazy_pages::Dispatch>::new()} />
                <Route path=pattern::volunteer_orders() view={Lazy::<lazy_pages::VolunteerOrders>::new()} />
                <Route path=pattern::order() view={Lazy::<lazy_pages::Order>::new()} />
                <Route path=pattern::me() view={Lazy::<lazy_pages::Me>::new()} />
                <Route path=pattern::change_password() view={Lazy::<lazy_pages::Password>::new()} />
                <Route path=pattern::tasks() view={Lazy::<lazy_pages::Tasks>::new()} />
                <Route path=pattern::task_new() view={Lazy::<lazy_pages::NewTask>::new()} />
                <Route path=pattern::my_tasks() view={Lazy::<lazy_pages::MyTasks>::new()} />
                <Route path=pattern::task() view={Lazy::<lazy_pages::Task>::new()} />
                <Route path=pattern::task_roster() view={Lazy::<lazy_pages::Roster>::new()} />
                <Route path=pattern::task_edit() view={Lazy::<lazy_pages::TaskEdit>::new()} />
                <Route path=pattern::points() view={Lazy::<lazy_pages::Points>::new()} />
                <Route path=pattern::rewards() view={Lazy::<lazy_pages::Rewards>::new()} />
                <Route path=pattern::vouchers() view={Lazy::<lazy_pages::Vouchers>::new()} />
                <Route path=pattern::voucher() view={Lazy::<lazy_pages::Voucher>::new()} />
                <Route path=pattern::leaderboard() view={Lazy::<lazy_pages::Leaderboard>::new()} />
                <Route path=pattern::points_desk() view={Lazy::<lazy_pages::PointsDesk>::new()} />
                <Route path=pattern::proxy_list() view={Lazy::<lazy_pages::ProxyList>::new()} />
                <Route path=pattern::proxy_start_account() view={Lazy::<lazy_pages::ProxyStart>::new()} />
                <Route path=pattern::proxy_start_register() view={Lazy::<lazy_pages::ProxyStart>::new()} />
                <Route path=pattern::sign_up() view={Lazy::<lazy_pages::SignUp>::new()} />
                <Route path=pattern::join_invite() view={Lazy::<lazy_pages::JoinInvite>::new()} />
                <Route path=pattern::join_status() view={Lazy::<lazy_pages::JoinStatus>::new()} />
                <Route path=pattern::join_review() view={Lazy::<lazy_pages::JoinReview>::new()} />
                <Route path=pattern::invite() view={Lazy::<lazy_pages::Invite>::new()} />
                <Route path=pattern::service_manage() view={Lazy::<lazy_pages::ServiceManage>::new()} />
                <Route path=pattern::service_new() view={Lazy::<lazy_pages::ServiceNew>::new()} />
                <Route path=pattern::service_edit() view={Lazy::<lazy_pages::ServiceEdit>::new()} />
                <Route path=pattern::wishes() view={Lazy::<lazy_pages::Wishes>::new()} />
                <Route path=pattern::wish_new() view={Lazy::<lazy_pages::WishNew>::new()} />
                <Route path=pattern::my_wishes() view={Lazy::<lazy_pages::MyWishes>::new()} />
                <Route path=pattern::wish_review() view={Lazy::<lazy_pages::WishReview>::new()} />
                <Route path=pattern::wish() view={Lazy::<lazy_pages::Wish>::new()} />
                <Route path=pattern::rewards_manage() view={Lazy::<lazy_pages::RewardsManage>::new()} />
                <Route path=pattern::reward_new() view={Lazy::<lazy_pages::RewardNew>::new()} />
                <Route path=pattern::reward_edit() view={Lazy::<lazy_pages::RewardEdit>::new()} />
                <Route path=pattern::exports() view={Lazy::<lazy_pages::Exports>::new()} />
                <Route path=pattern::people() view={Lazy::<lazy_pages::People>::new()} />
                <Route path=pattern::person_account() view={Lazy::<lazy_pages::PersonAccount>::new()} />
                <Route path=pattern::person_register() view={Lazy::<lazy_pages::PersonRegister>::new()} />
                <Route path=pattern::forgot_password() view={Lazy::<lazy_pages::ForgotPassword>::new()} />
                <Route path=pattern::register_import() view={Lazy::<lazy_pages::RegisterImport>::new()} />
                <Route path=pattern::register_progress() view={Lazy::<lazy_pages::RegisterProgress>::new()} />
                <Route path=pattern::register_unjoined() view={Lazy::<lazy_pages::RegisterUnjoined>::new()} />
                <Route path=pattern::report_new() view={Lazy::<lazy_pages::ReportNew>::new()} />
                <Route path=pattern::my_reports() view={Lazy::<lazy_pages::MyReports>::new()} />
                <Route path=pattern::report_inbox() view={Lazy::<lazy_pages::ReportInbox>::new()} />
                <Route path=pattern::report_dashboard() view={Lazy::<lazy_pages::ReportDashboard>::new()} />
                <Route path=pattern::report_settings() view={Lazy::<lazy_pages::ReportSettings>::new()} />
                <Route path=pattern::report() view={Lazy::<lazy_pages::Report>::new()} />
                <Route path=pattern::messages() view={Lazy::<lazy_pages::Messages>::new()} />
                <Route path=pattern::message_settings() view={Lazy::<lazy_pages::MessageSettings>::new()} />
                <Route path=pattern::message_webhook() view={Lazy::<lazy_pages::MessageWebhook>::new()} />
            </Routes>
            <NetworkBanner />
            <Later>
                <LiveSlot session />
            </Later>
            // Fixed to the bottom, so it moves nothing when it comes a task after the page.
            <Later>
                <Show when=move || !on_sign_in.get() && session.is_signed_in()>
                    <TabBar />
                </Show>
            </Later>
        </div>
    }
}

/// "Showing what was last loaded" is about the page on screen: another page (one never opened
/// offline, say) starts without it. The new page's reads, which fail later, set it again.
fn forget_saved_on_page_change(pathname: Memo<String>) {
    let network = use_network();
    Effect::new(move |previous: Option<String>| {
        let path = pathname.get();
        if previous.is_some_and(|p| p != path) {
            network.page_changed();
        }
        path
    });
}

/// Signed-out visitors of any page go to sign-in, which brings them back to that page after (a
/// link opened before signing in). Not so after signing out: whoever signs in next starts on
/// 首页, not on the page the last person left.
fn send_strangers_to_sign_in(session: Session, pathname: Memo<String>, search: Memo<String>) {
    let navigate = use_navigate();
    Effect::new(move |_| {
        let path = pathname.get();
        if session.is_signed_in() || open_to_strangers(&path) {
            return;
        }
        let search = search.get_untracked();
        let here = match untrack(|| session.farewell()) {
            Some(Farewell::SignedOut) => String::new(),
            _ if search.is_empty() => path,
            _ => format!("{path}?{search}"),
        };
        navigate(&sign_in_returning_to(&here), NavigateOptions { replace: true, ..Default::default() });
    });
}

/// The cached profile shows at once; this asks the server for a fresh one (new roles, moved
/// household) and, through the API client, ends a session the server no longer honours.
/// It also fills the unread badge, whichever page the app opened on.
fn refresh_profile_on_start(session: Session) {
    let api = use_api();
    let unread = use_unread_notices();
    if let Some(token) = session.token_untracked() {
        spawn_local(async move {
            if let Ok(me) = api.get::<Me>("/me").await {
                session.refresh_me(&token, me);
                if let Ok(count) = notices::unread_count(api).await {
                    unread.0.set(count);
                }
            }
        });
    }
}

/// The live stream of 消息 while someone is signed in, started again for another session
/// (代办 starting or ending); its code is a chunk of its own, fetched after the first page.
#[component]
fn LiveSlot(session: Session) -> impl IntoView {
    let token = Memo::new(move |_| session.token());
    // Read whole, so a new token (not only signing in or out) makes a new stream.
    move || token.get().map(|_| view! { <Suspense>{Suspend::new(lazy_pages::load_live_stream())}</Suspense> })
}

/// Where the 代办 banner goes, above every page; its code comes from the 代办 chunk, fetched
/// the first time 代办 runs (or its end is to be told), so the first load carries only this.
#[component]
fn ProxySlot(session: Session) -> impl IntoView {
    let wanted = Memo::new(move |_| session.acting().is_some() || session.proxy_ended());
    move || wanted.get().then(|| view! { <Suspense>{Suspend::new(lazy_pages::load_proxy_banner())}</Suspense> })
}
