//! localStorage, which may be missing or refuse writes (private mode, some WeChat builds):
//! preferences then simply last for the visit.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn load(key: &str) -> Option<String> {
    local()?.get_item(key).ok()?
}

pub fn save(key: &str, value: &str) {
    if let Some(storage) = local() {
        let _ = storage.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

/// A value kept as JSON (a draft, the session); `None` when missing or no longer readable.
pub fn load_json<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    load(key).and_then(|json| serde_json::from_str(&json).ok())
}

pub fn save_json<T: serde::Serialize>(key: &str, value: &T) {
    if let Ok(json) = serde_json::to_string(value) {
        save(key, &json);
    }
}
