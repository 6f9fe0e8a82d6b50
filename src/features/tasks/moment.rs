//! The moments a task page waits for: its start (joining and withdrawing close; 未到 and 确认完成
//! open) and two hours before it (the volunteers' check-in by code opens). A page left open
//! changes at that moment by itself, so it never offers what the server would by then refuse.

use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;

/// Self check-in by code opens this long before the start (the server's `OPENS_BEFORE_MS`).
pub fn check_in_opens(starts_at: DateTime<Utc>) -> DateTime<Utc> {
    starts_at - Duration::minutes(120)
}

/// Whether `at` has passed on this phone's clock: false until then, true from then on.
pub fn passed(at: DateTime<Utc>) -> Signal<bool> {
    let left = (at - Utc::now()).num_milliseconds();
    let reached = RwSignal::new(left <= 0);
    // A browser timer holds at most 2^31 ms (24 days); no page stays open that long.
    if left > 0 && left < i64::from(i32::MAX) {
        // A second late rather than early: the server's clock decides, and it may be behind.
        let wait = std::time::Duration::from_millis(left.unsigned_abs() + 1000);
        if let Ok(handle) = set_timeout_with_handle(move || reached.set(true), wait) {
            on_cleanup(move || handle.clear());
        }
    }
    reached.into()
}
