//! Whether this tab's history holds an earlier page of the app, so a back arrow can tell going
//! back (the phone's own gesture would do the same) from leaving the app: a page opened from a
//! link in a WeChat group sits right after the chat, and `history.back()` there closes it.
//! `history.length` cannot tell: it counts the entries after this one and those of other sites.
//!
//! Every entry the app makes carries its depth in `history.state`: how many of the app's own
//! entries lie before it. The browser keeps the state with its entry, so going back and forth,
//! a reload and returning from another site all find the right number. The router owns
//! `pushState`/`replaceState` (and writes its own state into them), so the stamp is added on
//! the way through: wrapping the two methods is the one place every push and replace passes.

use std::sync::Once;

use js_sys::{Function, Object, Reflect};
use leptos::prelude::window;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

const DEPTH: &str = "linliDepth";

/// Stamps the entry the app opened on (depth 0 unless it already has one: a reload) and, from
/// now on, every entry the app pushes (one deeper) or replaces (as deep).
pub fn stamp_entries() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let Ok(history) = window().history() else {
            return;
        };
        if current_depth(&history).is_none() {
            let state = history.state().unwrap_or(JsValue::UNDEFINED);
            let _ = history.replace_state(&stamped(&state, 0), "");
        }
        stamp_on_the_way(&history, "pushState", 1);
        stamp_on_the_way(&history, "replaceState", 0);
    });
}

/// Whether the entry before this one is a page of the app (going back stays in the app).
pub fn has_earlier_page() -> bool {
    window()
        .history()
        .ok()
        .and_then(|history| current_depth(&history))
        .is_some_and(|depth| depth > 0)
}

fn current_depth(history: &web_sys::History) -> Option<u32> {
    let state = history.state().ok()?;
    // Reading a field of `null` or `undefined` (an entry nobody stamped) throws: no depth.
    Reflect::get(&state, &DEPTH.into())
        .ok()?
        .as_f64()
        .map(|depth| depth as u32)
}

/// The router's state, kept as it is, with the depth added.
fn stamped(state: &JsValue, depth: u32) -> JsValue {
    let copy = Object::new();
    if let Some(fields) = state.dyn_ref::<Object>() {
        Object::assign(&copy, fields);
    }
    let _ = Reflect::set(&copy, &DEPTH.into(), &depth.into());
    copy.into()
}

/// Replaces `history[method]` with one that stamps the state `step` deeper than the entry
/// being left, then calls the browser's own method.
fn stamp_on_the_way(history: &web_sys::History, method: &str, step: u32) {
    let Ok(original) = Reflect::get(history, &method.into()).and_then(|f| f.dyn_into::<Function>())
    else {
        return;
    };
    let target = history.clone();
    let stamping = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        move |state: JsValue, title: JsValue, url: JsValue| {
            let depth = current_depth(&target).unwrap_or(0) + step;
            original.call3(&target, &stamped(&state, depth), &title, &url)
        },
    );
    let _ = Reflect::set(history, &method.into(), stamping.as_ref());
    // The methods are replaced for the life of the page.
    stamping.forget();
}
