use leptos::prelude::*;

use crate::components::{ComingSoon, IconName, Page};

/// Until this capability's issue lands, the tab says honestly what it will hold.
#[component]
pub fn TasksPage() -> impl IntoView {
    view! {
        <Page title=|t| t.tab_tasks>
            <ComingSoon icon=IconName::Tasks title=|t| t.tasks_soon_title body=|t| t.tasks_soon_body />
        </Page>
    }
}
