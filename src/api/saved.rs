//! The last answer to each GET the user read, kept in localStorage, so notices, tasks, orders
//! and the balance stay readable when the phone loses its connection.
//!
//! Answers are personal: they are forgotten whenever someone signs in or out, so a shared
//! phone never shows one resident's orders to the next.

use crate::storage;

const PREFIX: &str = "linli.saved.";
/// The paths saved, oldest first, so the store stays small (localStorage has ~5 MB in all).
const INDEX: &str = "linli.saved";
const MAX_ENTRIES: usize = 40;

/// What is worth keeping: the lists and pages a resident reads, not one-off lookups (a voucher
/// code at the desk, the rotating check-in code) whose stale copy would mislead.
pub fn worth_keeping(path: &str) -> bool {
    const KEEP: [&str; 9] = ["/me", "/notices", "/tasks", "/services", "/orders/", "/rewards", "/leaderboard", "/dispatch/", "/volunteer/"];
    const SKIP: [&str; 2] = ["/check-in-code", "/slots"];
    KEEP.iter().any(|p| path.starts_with(p)) && !SKIP.iter().any(|s| path.contains(s))
}

pub fn load(path: &str) -> Option<String> {
    storage::load(&format!("{PREFIX}{path}"))
}

pub fn keep(path: &str, body: &str) {
    let mut index: Vec<String> = storage::load_json(INDEX).unwrap_or_default();
    index.retain(|p| p != path);
    index.push(path.to_owned());
    while index.len() > MAX_ENTRIES {
        let oldest = index.remove(0);
        storage::remove(&format!("{PREFIX}{oldest}"));
    }
    storage::save(&format!("{PREFIX}{path}"), body);
    storage::save_json(INDEX, &index);
}

/// Forgets every saved answer (sign-in, sign-out, a session the server ended).
pub fn forget_all() {
    let index: Vec<String> = storage::load_json(INDEX).unwrap_or_default();
    for path in index {
        storage::remove(&format!("{PREFIX}{path}"));
    }
    storage::remove(INDEX);
}

#[cfg(test)]
mod tests {
    use super::worth_keeping;

    #[test]
    fn keeps_what_residents_read_and_not_one_off_lookups() {
        for path in ["/notices", "/notices/3", "/tasks?category=clean", "/me/points", "/me/orders", "/orders/7", "/me"] {
            assert!(worth_keeping(path), "{path}");
        }
        for path in ["/tasks/4/check-in-code", "/vouchers/AB12", "/services/2/slots", "/sessions"] {
            assert!(!worth_keeping(path), "{path}");
        }
    }
}
