use serde::{Deserialize, Serialize};

/// A random key naming one intended write. Kept with the draft it belongs to, so the same
/// key goes out again however many times the user (or a flaky network) retries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub const HEADER: &'static str = "Idempotency-Key";

    /// 128 random bits as hex. `crypto.randomUUID` is missing from older WeChat webviews, and
    /// the key only has to be unique per user, not secret.
    pub fn new() -> Self {
        let mut key = String::with_capacity(32);
        for _ in 0..4 {
            let word = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
            key.push_str(&format!("{word:08x}"));
        }
        Self(key)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for IdempotencyKey {
    fn default() -> Self {
        Self::new()
    }
}
