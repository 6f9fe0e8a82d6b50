//! Who is signed in. The token and the last known profile are kept in localStorage so a reload
//! (or a weak network) still opens the app signed in; the server stays the judge of the token.
//!
//! While a head or staff member acts for a resident (代办), the 代办 session is kept beside
//! their own: the API client sends its token and pages see the resident; when it ends (tapped,
//! expired, refused by the server) the app is back in the actor's own session.

use leptos::prelude::*;
use linli_api_types::{Me, SessionGrant};
use serde::{Deserialize, Serialize};

use crate::storage;

const STORAGE_KEY: &str = "linli.session";
const PROXY_KEY: &str = "linli.proxy";

#[derive(Clone, Serialize, Deserialize)]
struct SignedIn {
    token: String,
    me: Me,
}

/// Why the user is on the sign-in page, told to them there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Farewell {
    SessionExpired,
    SignedOut,
}

#[derive(Clone, Copy)]
pub struct Session {
    signed_in: RwSignal<Option<SignedIn>>,
    farewell: RwSignal<Option<Farewell>>,
    /// The 代办 session running, if any; `proxy_ended` until its end has been told.
    proxy: RwSignal<Option<SignedIn>>,
    proxy_ended: RwSignal<bool>,
}

impl Session {
    pub fn provide() -> Self {
        let saved = storage::load_json(STORAGE_KEY);
        let session = Session {
            signed_in: RwSignal::new(saved),
            farewell: RwSignal::new(None),
            proxy: RwSignal::new(storage::load_json(PROXY_KEY)),
            proxy_ended: RwSignal::new(false),
        };
        provide_context(session);
        session
    }

    /// Whom the app acts as: the resident during 代办, else the one signed in.
    pub fn me(&self) -> Option<Me> {
        if let Some(me) = self.acting() {
            return Some(me);
        }
        self.signed_in.with(|s| s.as_ref().map(|s| s.me.clone()))
    }

    /// During 代办, the resident (`Me::proxy` names who acts, until when).
    pub fn acting(&self) -> Option<Me> {
        self.proxy.with(|s| s.as_ref().map(|s| s.me.clone()))
    }

    pub fn proxy_ended(&self) -> bool {
        self.proxy_ended.get()
    }

    pub fn begin_proxy(&self, grant: SessionGrant) {
        self.set_proxy(Some(SignedIn { token: grant.token, me: grant.me }));
    }

    /// Back to the actor's own session; the banner says so until dismissed.
    pub fn end_proxy(&self) {
        if self.proxy.with_untracked(Option::is_some) {
            self.set_proxy(None);
            self.proxy_ended.set(true);
        }
    }

    /// Whether 代办 runs, read outside the page (when signing out).
    pub fn acting_untracked(&self) -> bool {
        self.proxy.with_untracked(Option::is_some)
    }

    /// Back to the own session without the banner's "代办已结束" (signing out says goodbye).
    pub fn leave_proxy(&self) {
        if self.acting_untracked() {
            self.set_proxy(None);
        }
    }

    pub fn dismiss_proxy_ended(&self) {
        self.proxy_ended.set(false);
    }

    fn set_proxy(&self, value: Option<SignedIn>) {
        // Saved answers were the other person's.
        crate::api::saved::forget_all();
        match &value {
            Some(proxy) => storage::save_json(PROXY_KEY, proxy),
            None => storage::remove(PROXY_KEY),
        }
        self.proxy.set(value);
    }

    /// The server refused `token`: a 代办 token ends 代办 only, the own one the session. A token
    /// no longer held (an answer that arrives after signing out, or after 代办 ended) ends
    /// nothing: it would turn "您已退出登录" into "登录已过期".
    pub fn token_refused(&self, token: &str) {
        if self.proxy.with_untracked(|p| p.as_ref().is_some_and(|p| p.token == token)) {
            self.end_proxy();
        } else if self.signed_in.with_untracked(|s| s.as_ref().is_some_and(|s| s.token == token)) {
            self.end(Farewell::SessionExpired);
        }
    }

    pub fn is_signed_in(&self) -> bool {
        self.signed_in.with(Option::is_some)
    }

    /// The token requests carry, followed: what is tied to a session (the live stream) starts
    /// again when it changes.
    pub fn token(&self) -> Option<String> {
        let proxy = self.proxy.with(|s| s.as_ref().map(|s| s.token.clone()));
        proxy.or_else(|| self.signed_in.with(|s| s.as_ref().map(|s| s.token.clone())))
    }

    /// The token requests carry: the 代办 session's while it runs.
    pub fn token_untracked(&self) -> Option<String> {
        let proxy = self.proxy.with_untracked(|s| s.as_ref().map(|s| s.token.clone()));
        proxy.or_else(|| self.signed_in.with_untracked(|s| s.as_ref().map(|s| s.token.clone())))
    }

    pub fn farewell(&self) -> Option<Farewell> {
        self.farewell.get()
    }

    pub fn begin(&self, grant: SessionGrant) {
        self.store(Some(SignedIn { token: grant.token, me: grant.me }));
        self.farewell.set(None);
    }

    /// A fresher profile from the server, for the session that asked for it.
    pub fn refresh_me(&self, token: &str, me: Me) {
        if let Some(proxy) = self.proxy.get_untracked().filter(|p| p.token == token) {
            let proxy = SignedIn { me, ..proxy };
            storage::save_json(PROXY_KEY, &proxy);
            self.proxy.set(Some(proxy));
            return;
        }
        let current = self.signed_in.get_untracked();
        if let Some(signed_in) = current.filter(|s| s.token == token) {
            self.store(Some(SignedIn { me, ..signed_in }));
        }
    }

    /// Ends the session locally; `why` is shown on the sign-in page.
    pub fn end(&self, why: Farewell) {
        if self.proxy.with_untracked(Option::is_some) {
            self.set_proxy(None);
        }
        self.store(None);
        self.farewell.set(Some(why));
    }

    fn store(&self, value: Option<SignedIn>) {
        // Saved answers belong to whoever was signed in; a new or ended session starts clean.
        let same_person = matches!((&value, self.signed_in.get_untracked()), (Some(new), Some(old)) if new.token == old.token);
        if !same_person {
            crate::api::saved::forget_all();
        }
        match &value {
            Some(signed_in) => storage::save_json(STORAGE_KEY, signed_in),
            None => storage::remove(STORAGE_KEY),
        }
        self.signed_in.set(value);
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use linli_api_types::{AccountStatus, Place};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn grant(token: &str) -> SessionGrant {
        SessionGrant {
            token: token.to_owned(),
            expires_at: chrono::Utc::now(),
            me: Me {
                id: 1,
                name: "王秀英".to_owned(),
                phone: "13800000001".to_owned(),
                community: Place {
                    id: 1,
                    name: "井湘社区".to_owned(),
                },
                household: None,
                is_volunteer: false,
                roles: Vec::new(),
                proxy: None,
                status: AccountStatus::default(),
            },
        }
    }

    #[wasm_bindgen_test]
    fn a_refusal_of_a_token_no_longer_held_does_not_turn_goodbye_into_expired() {
        let owner = Owner::new();
        owner.with(|| {
            let session = Session::provide();
            session.begin(grant("own"));
            session.end(Farewell::SignedOut);
            // The live stream's ticket request, sent before signing out, answers 401 afterwards.
            session.token_refused("own");
            assert_eq!(session.farewell.get_untracked(), Some(Farewell::SignedOut));

            session.begin(grant("again"));
            session.token_refused("own");
            assert!(
                session.signed_in.with_untracked(Option::is_some),
                "an old token ends no new session"
            );
            session.token_refused("again");
            assert_eq!(
                session.farewell.get_untracked(),
                Some(Farewell::SessionExpired)
            );
        });
    }
}
