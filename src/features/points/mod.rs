use leptos::prelude::*;

use crate::components::{ComingSoon, IconName, Page};

/// Until this capability's issue lands, the tab says honestly what it will hold.
#[component]
pub fn PointsPage() -> impl IntoView {
    view! {
        <Page title=|t| t.tab_points>
            <ComingSoon icon=IconName::Points title=|t| t.points_soon_title body=|t| t.points_soon_body />
        </Page>
    }
}
