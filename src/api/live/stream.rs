//! The connection behind [`super::Live`]: one per signed-in tab, opened when the app starts (or
//! someone signs in) and closed when the view holding it goes (sign-out, 代办 starting or
//! ending — the holder is keyed on the session's token).
//!
//! `EventSource` cannot send the Authorization header, so each connection first trades the
//! session for a single-use ticket. The browser's own reconnecting would reuse a spent ticket,
//! so on any error the stream is closed and opened again here, after 1, 2, 4 … 30 s (jittered,
//! so a server's restart is not met by every phone at once), or at once when the page comes
//! back into view or the phone back online; it resumes after the last message id seen, so
//! nothing that happened meanwhile is missed. Where `EventSource` is missing (old webviews)
//! the unread figure is polled instead, every 30 s while the page is in view.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use gloo_timers::callback::{Interval, Timeout};
use leptos::prelude::*;
use leptos::task::spawn_local;
use linli_api_types::{StreamEvent, StreamTicket, UnreadCount};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{EventSource, EventTarget, MessageEvent};

use super::{use_live, Change, Live};
use crate::api::{use_api, Api};
use crate::i18n::{use_i18n, I18n, Locale};

const POLL_EVERY: Duration = Duration::from_secs(30);

/// Holds the tab's connection for as long as it is mounted.
#[component]
pub fn LiveStream() -> impl IntoView {
    let link = Link::start(use_live(), use_api(), use_i18n());
    let held = StoredValue::new_local(Some(link));
    on_cleanup(move || {
        let _ = held.try_update_value(|link| {
            if let Some(link) = link.take() {
                link.stop();
            }
        });
    });
}

/// Wait before reconnecting after `failures` failed attempts in a row: 1, 2, 4, 8, 16, then
/// 30 s, each stretched or shrunk by up to a fifth (`random` in 0..1).
fn retry_delay(failures: u32, random: f64) -> Duration {
    let base = (1u64 << failures.saturating_sub(1).min(5)).min(30) * 1000;
    Duration::from_millis((base as f64 * (0.8 + 0.4 * random)) as u64)
}

/// The stream's address: the ticket, the reader's language, and where to resume.
fn stream_url(ticket: &str, locale: Locale, after: Option<i64>) -> String {
    let lang = match locale {
        Locale::Zh => "zh",
        Locale::En => "en",
    };
    let ticket = String::from(js_sys::encode_uri_component(ticket));
    match after {
        Some(id) => format!("/api/v1/messages/stream?ticket={ticket}&lang={lang}&last_event_id={id}"),
        None => format!("/api/v1/messages/stream?ticket={ticket}&lang={lang}"),
    }
}

struct Link(Rc<Inner>);

struct Inner {
    live: Live,
    api: Api,
    i18n: I18n,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    stopped: bool,
    /// A ticket is being fetched.
    connecting: bool,
    source: Option<Source>,
    /// The reconnect waiting (stream) or the polling pace (no EventSource).
    retry: Option<Timeout>,
    polling: Option<Interval>,
    failures: u32,
    /// The newest message id seen; `None` until the server first said where the user is. The
    /// stream resumes after it; polling compares the server's newest with it.
    last_id: Option<i64>,
    /// `visibilitychange` and `online` listeners, removed on stop.
    wakers: Vec<(EventTarget, &'static str, Closure<dyn Fn()>)>,
}

/// An open EventSource and its listeners, which must live as long as it may call them.
struct Source {
    events: EventSource,
    _listeners: Vec<Closure<dyn Fn(MessageEvent)>>,
}

impl Link {
    fn start(live: Live, api: Api, i18n: I18n) -> Self {
        let inner = Rc::new(Inner { live, api, i18n, state: RefCell::default() });
        let streams = js_sys::Reflect::has(&window(), &JsValue::from_str("EventSource")).unwrap_or(false);
        Inner::listen_for_wake(&inner);
        if streams {
            Inner::connect(&inner);
        } else {
            Inner::poll(&inner);
            let weak = Rc::downgrade(&inner);
            let pace = Interval::new(POLL_EVERY.as_millis() as u32, move || {
                if let Some(inner) = weak.upgrade().filter(|_| !document().hidden()) {
                    Inner::poll(&inner);
                }
            });
            inner.state.borrow_mut().polling = Some(pace);
        }
        Link(inner)
    }

    fn stop(self) {
        let mut state = self.0.state.borrow_mut();
        state.stopped = true;
        if let Some(source) = state.source.take() {
            source.events.close();
        }
        state.retry = None;
        state.polling = None;
        for (target, event, listener) in state.wakers.drain(..) {
            let _ = target.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        }
    }
}

impl Inner {
    /// Trades the session for a ticket and opens the stream with it.
    fn connect(this: &Rc<Self>) {
        {
            let mut state = this.state.borrow_mut();
            if state.stopped || state.connecting || state.source.is_some() {
                return;
            }
            state.connecting = true;
            state.retry = None;
        }
        let (weak, api) = (Rc::downgrade(this), this.api);
        spawn_local(async move {
            let ticket = api.post_single_try::<_, StreamTicket>("/messages/stream-ticket", &serde_json::json!({})).await;
            let Some(this) = weak.upgrade() else { return };
            let stopped = {
                let mut state = this.state.borrow_mut();
                state.connecting = false;
                state.stopped
            };
            match ticket {
                _ if stopped => {}
                Ok(ticket) => Self::open(&this, &ticket.ticket),
                // A refused session has ended the app's session too, which stops this link.
                Err(_) => Self::retry_later(&this),
            }
        });
    }

    fn open(this: &Rc<Self>, ticket: &str) {
        let after = this.state.borrow().last_id;
        let url = stream_url(ticket, this.i18n.locale_untracked(), after);
        let Ok(events) = EventSource::new(&url) else {
            return Self::retry_later(this);
        };
        let listen = |event: &'static str, on: fn(&Rc<Self>, &MessageEvent)| {
            let weak = Rc::downgrade(this);
            let listener = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
                if let Some(this) = weak.upgrade() {
                    on(&this, &e);
                }
            });
            let _ = events.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            listener
        };
        let listeners = vec![
            listen("open", |this, _| this.state.borrow_mut().failures = 0),
            listen("unread", Self::on_unread),
            listen("message", Self::on_message),
            listen("error", |this, _| Self::retry_later(this)),
        ];
        this.state.borrow_mut().source = Some(Source { events, _listeners: listeners });
    }

    /// Sent first on every connection: the bell's figure, and where the user is.
    fn on_unread(this: &Rc<Self>, e: &MessageEvent) {
        let Some(count) = e.data().as_string().and_then(|d| serde_json::from_str::<UnreadCount>(&d).ok()) else {
            return;
        };
        this.live.set_unread(count.unread);
        // On a first connection the newest is where to resume from; on a later one, the
        // messages after the last seen follow this event and move it on.
        this.state.borrow_mut().last_id.get_or_insert(count.latest_id);
    }

    fn on_message(this: &Rc<Self>, e: &MessageEvent) {
        let Some(event) = e.data().as_string().and_then(|d| serde_json::from_str::<StreamEvent>(&d).ok()) else {
            return;
        };
        let id = e.last_event_id().parse::<i64>().ok().or(event.message.as_ref().map(|m| m.id));
        if let Some(id) = id {
            let mut state = this.state.borrow_mut();
            state.last_id = Some(state.last_id.map_or(id, |last| last.max(id)));
        }
        this.live.set_unread(event.unread);
        this.live.changed(Change { subject: Some(event.subject) });
    }

    /// Closes what is open and tries again after the backoff.
    fn retry_later(this: &Rc<Self>) {
        let mut state = this.state.borrow_mut();
        if let Some(source) = state.source.take() {
            source.events.close();
            // Dropped after this callback returns: its own listener may be the one running.
            spawn_local(async move { drop(source) });
        }
        if state.stopped {
            return;
        }
        state.failures += 1;
        let wait = retry_delay(state.failures, js_sys::Math::random());
        let weak = Rc::downgrade(this);
        state.retry = Some(Timeout::new(wait.as_millis() as u32, move || {
            if let Some(this) = weak.upgrade() {
                Self::connect(&this);
            }
        }));
    }

    /// The page came back into view or the phone back online: a stream waiting to reconnect
    /// (or silently closed while the page was in the background) connects now; polling polls.
    fn wake(this: &Rc<Self>) {
        if document().hidden() {
            return;
        }
        let (polling, waiting) = {
            let mut state = this.state.borrow_mut();
            let dead = state.source.as_ref().is_some_and(|s| s.events.ready_state() == EventSource::CLOSED);
            if dead {
                if let Some(source) = state.source.take() {
                    spawn_local(async move { drop(source) });
                }
            }
            (state.polling.is_some(), state.source.is_none() && !state.connecting)
        };
        if polling {
            Self::poll(this);
        } else if waiting {
            Self::connect(this);
        }
    }

    fn listen_for_wake(this: &Rc<Self>) {
        let targets: [(EventTarget, &'static str); 2] =
            [(document().into(), "visibilitychange"), (window().into(), "online")];
        let mut state = this.state.borrow_mut();
        for (target, event) in targets {
            let weak = Rc::downgrade(this);
            let listener = Closure::<dyn Fn()>::new(move || {
                if let Some(this) = weak.upgrade() {
                    Self::wake(&this);
                }
            });
            let _ = target.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            state.wakers.push((target, event, listener));
        }
    }

    /// Without EventSource: the figure, and whether the newest message moved since last time.
    fn poll(this: &Rc<Self>) {
        let (weak, api) = (Rc::downgrade(this), this.api);
        spawn_local(async move {
            let Ok(count) = api.get::<UnreadCount>("/messages/unread").await else { return };
            let Some(this) = weak.upgrade() else { return };
            if this.state.borrow().stopped {
                return;
            }
            this.live.set_unread(count.unread);
            let before = this.state.borrow_mut().last_id.replace(count.latest_id);
            if before.is_some_and(|id| id != count.latest_id) {
                this.live.changed(Change { subject: None });
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reconnecting_waits_longer_each_time_up_to_half_a_minute() {
        let secs: Vec<u64> = (1..=8).map(|n| retry_delay(n, 0.5).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 16, 30, 30, 30]);
    }

    #[test]
    fn the_wait_is_jittered_by_a_fifth() {
        assert_eq!(retry_delay(3, 0.0), Duration::from_millis(3200));
        assert_eq!(retry_delay(3, 1.0), Duration::from_millis(4800));
    }
}
