//! Counts shown on the tab bar, set by the feature that knows them.

use leptos::prelude::*;

/// Unread notices for the 首页 tab.
#[derive(Clone, Copy)]
pub struct UnreadNotices(pub RwSignal<i64>);

impl UnreadNotices {
    pub fn provide() {
        provide_context(UnreadNotices(RwSignal::new(0)));
    }
}

pub fn use_unread_notices() -> UnreadNotices {
    expect_context::<UnreadNotices>()
}
