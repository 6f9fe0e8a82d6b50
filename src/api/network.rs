//! What the phone's connection is doing, as the offline banner tells it: online or not, how
//! many writes are waiting to be (re)sent, and whether a page shows answers saved earlier.
//!
//! Residents use the app in lifts, basements and corridors. A write there must not fail at the
//! first dropped packet, and must not be sent twice either: the client retries it with backoff
//! under its Idempotency-Key, and while the phone is offline it waits for the connection to
//! come back and then sends it once.

use std::time::Duration;

use gloo_timers::future::sleep;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

#[derive(Clone, Copy)]
pub struct Network {
    online: RwSignal<bool>,
    /// Writes that failed to get through at least once and are still being tried.
    waiting: RwSignal<u32>,
    /// Some page is showing an answer saved before, because the server could not be reached.
    showing_saved: RwSignal<bool>,
}

impl Network {
    /// Provided once at the root; follows the browser's `online` / `offline` events.
    pub fn provide() -> Self {
        let network = Network {
            online: RwSignal::new(navigator_online()),
            waiting: RwSignal::new(0),
            showing_saved: RwSignal::new(false),
        };
        if let Some(window) = web_sys::window() {
            for event in ["online", "offline"] {
                // Lives as long as the page: the root context never goes away.
                let listener = Closure::<dyn Fn()>::new(move || network.online.set(navigator_online()));
                let _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
                listener.forget();
            }
        }
        provide_context(network);
        network
    }

    pub fn online(&self) -> bool {
        self.online.get()
    }

    pub fn waiting(&self) -> u32 {
        self.waiting.get()
    }

    pub fn showing_saved(&self) -> bool {
        self.showing_saved.get()
    }

    /// A new page starts with nothing saved on show; its reads say otherwise if they must.
    pub fn page_changed(&self) {
        self.set_showing_saved(false);
    }

    pub(super) fn set_showing_saved(&self, saved: bool) {
        if self.showing_saved.get_untracked() != saved {
            self.showing_saved.set(saved);
        }
    }

    pub(super) fn is_online_now(&self) -> bool {
        // The event may not have fired yet when a request fails; ask the browser directly.
        let online = navigator_online();
        if self.online.get_untracked() != online {
            self.online.set(online);
        }
        online
    }

    /// Counts a write as waiting for as long as the returned guard lives.
    pub(super) fn wait_guard(&self) -> WaitGuard {
        self.waiting.update(|n| *n += 1);
        WaitGuard(*self)
    }

    /// Resolves once the browser says it is online again. Polls as well as listening, because
    /// some webviews do not fire `online` reliably.
    pub(super) async fn until_online(&self) {
        while !self.is_online_now() {
            sleep(Duration::from_millis(500)).await;
        }
    }
}

pub struct WaitGuard(Network);

impl Drop for WaitGuard {
    fn drop(&mut self) {
        self.0.waiting.try_update(|n| *n = n.saturating_sub(1));
    }
}

pub fn use_network() -> Network {
    expect_context()
}

fn navigator_online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// How long to wait before retry number `attempt` (1-based): 1 s, 2 s, 4 s, 8 s, then 8 s.
pub(super) fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(1000 << attempt.saturating_sub(1).min(3))
}

/// Retries of a write while the phone says it is online, before telling the user it failed.
/// With [`backoff`] that is about 25 s of trying; offline time does not count.
pub(super) const MAX_RETRIES: u32 = 5;

/// One attempt that has had no answer by then is given up (and retried, for a write): a
/// response lost in a lift otherwise leaves the button spinning forever.
pub(super) const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_then_levels_off() {
        let secs: Vec<u64> = (1..=6).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 8, 8]);
    }
}
