use leptos::prelude::*;

use crate::components::{ComingSoon, IconName, Page};

/// Until this capability's issue lands, the tab says honestly what it will hold.
#[component]
pub fn ServicesPage() -> impl IntoView {
    view! {
        <Page title=|t| t.tab_services>
            <ComingSoon icon=IconName::Services title=|t| t.services_soon_title body=|t| t.services_soon_body />
        </Page>
    }
}
