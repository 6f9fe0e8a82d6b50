//! Answers index.html asked for before the app had loaded (its first script): 首页's notices,
//! requested while the wasm downloads, so on a slow network they come one round trip sooner.
//! Each answer is taken once, by the first read of its path, and only in the first seconds of
//! the page; anything but a 200 is dropped and the read asks the usual way.

use gloo_net::http::Response;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where index.html leaves the requests: `{ at: Date.now(), answers: { [path]: Promise } }`.
const GLOBAL: &str = "__linliPrefetch";
/// Later than this, the page has moved on and the answer may be out of date.
const FRESH_FOR_MS: f64 = 10_000.0;

pub(super) async fn take(path: &str) -> Option<Response> {
    let window = web_sys::window()?;
    let store = js_sys::Reflect::get(&window, &JsValue::from_str(GLOBAL)).ok().filter(JsValue::is_object)?;
    let at = js_sys::Reflect::get(&store, &JsValue::from_str("at")).ok()?.as_f64()?;
    let answers = js_sys::Reflect::get(&store, &JsValue::from_str("answers")).ok().filter(JsValue::is_object)?;
    let key = JsValue::from_str(path);
    let promise = js_sys::Reflect::get(&answers, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(answers.unchecked_ref::<js_sys::Object>(), &key);
    if js_sys::Date::now() - at > FRESH_FOR_MS {
        return None;
    }
    let response: web_sys::Response = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    response.ok().then(|| Response::from(response))
}
