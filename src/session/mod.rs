//! Who is signed in. The token and the last known profile are kept in localStorage so a reload
//! (or a weak network) still opens the app signed in; the server stays the judge of the token.

use leptos::prelude::*;
use linli_api_types::{Me, SessionGrant};
use serde::{Deserialize, Serialize};

use crate::storage;

const STORAGE_KEY: &str = "linli.session";

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
}

impl Session {
    pub fn provide() -> Self {
        let saved = storage::load_json(STORAGE_KEY);
        let session = Session {
            signed_in: RwSignal::new(saved),
            farewell: RwSignal::new(None),
        };
        provide_context(session);
        session
    }

    pub fn me(&self) -> Option<Me> {
        self.signed_in.with(|s| s.as_ref().map(|s| s.me.clone()))
    }

    pub fn is_signed_in(&self) -> bool {
        self.signed_in.with(Option::is_some)
    }

    pub fn token_untracked(&self) -> Option<String> {
        self.signed_in.with_untracked(|s| s.as_ref().map(|s| s.token.clone()))
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
        let current = self.signed_in.get_untracked();
        if let Some(signed_in) = current.filter(|s| s.token == token) {
            self.store(Some(SignedIn { me, ..signed_in }));
        }
    }

    /// Ends the session locally; `why` is shown on the sign-in page.
    pub fn end(&self, why: Farewell) {
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
