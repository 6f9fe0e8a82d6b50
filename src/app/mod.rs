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
            // One route per area: each area's table of pages is in its chunk (lazy_pages.rs).
            <Routes fallback=NotFound>
                <Route path=pattern::home() view=home::HomePage />
                <Route path=lazy_pages::SignIn::AT view={Lazy::<lazy_pages::SignIn>::new()} />
                <Route path=lazy_pages::Notices::AT view={Lazy::<lazy_pages::Notices>::new()} />
                <Route path=lazy_pages::Services::AT view={Lazy::<lazy_pages::Services>::new()} />
                <Route path=lazy_pages::Wishes::AT view={Lazy::<lazy_pages::Wishes>::new()} />
                <Route path=lazy_pages::Tasks::AT view={Lazy::<lazy_pages::Tasks>::new()} />
                <Route path=lazy_pages::Points::AT view={Lazy::<lazy_pages::Points>::new()} />
                <Route path=lazy_pages::Me::AT view={Lazy::<lazy_pages::Me>::new()} />
                <Route path=lazy_pages::Reports::AT view={Lazy::<lazy_pages::Reports>::new()} />
                <Route path=lazy_pages::Messages::AT view={Lazy::<lazy_pages::Messages>::new()} />
                <Route path=lazy_pages::Staff::AT view={Lazy::<lazy_pages::Staff>::new()} />
                <Route path=lazy_pages::Join::AT view={Lazy::<lazy_pages::Join>::new()} />
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
