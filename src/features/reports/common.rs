//! Pieces the report pages share: the frame, the error card, the status chip, a report in a
//! list, dates in the community's time, and who holds a report.

use chrono::{DateTime, Datelike, Timelike, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{ReportHandler, ReportStatus, ReportSummary};

use super::texts::{texts, ReportsTexts};
use crate::api::ApiError;
use crate::components::{ErrorCard, PageFrame, Parent};
use crate::i18n::{time::shanghai, use_i18n};
use crate::routes;

/// The shared page frame, titled from this feature's texts.
#[component]
pub fn Frame(
    title: fn(&ReportsTexts) -> &'static str,
    #[prop(optional, into)] back: Option<Parent>,
    children: Children,
) -> impl IntoView {
    let title = Signal::derive(move || title(texts()).to_owned());
    view! { <PageFrame title back_to=back>{children()}</PageFrame> }
}

/// The error card of a page that could not load what it shows. What the viewer may not see
/// reads as what does not exist, as the server answers it.
#[component]
pub fn LoadError(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        if matches!(error, ApiError::NotFound)
            || error.has_code(&[linli_api_types::codes::NOT_FOUND, linli_api_types::codes::FORBIDDEN])
        {
            texts().report_missing.to_owned()
        } else {
            error.message(i18n.t())
        }
    };
    view! { <ErrorCard message=Signal::derive(message) /> }
}

#[component]
pub fn StatusChip(status: ReportStatus) -> impl IntoView {
    view! { <span class=format!("status status--report-{}", status.as_str())>{move || texts().status(status)}</span> }
}

/// "11月25日 14:02" in Shanghai time.
pub fn short_date(t: &ReportsTexts, at: DateTime<Utc>) -> String {
    let l = at.with_timezone(&shanghai());
    (t.short_date)(l.month(), l.day(), l.hour(), l.minute())
}

/// "当前由 尚建超（单元长）处理". Staff as a level is already a name: no role after it.
pub fn handler_line(t: &ReportsTexts, handler: &ReportHandler) -> String {
    let level = t.level(handler.level);
    if handler.name == level || handler.name.is_empty() {
        (t.handler_line)(level, "")
    } else {
        (t.handler_line)(&handler.name, level)
    }
}

/// One report in a list, linking to its page.
#[component]
pub fn ReportCard(
    report: ReportSummary,
    /// The list stands alone under the page's title (no section heading): the title is an h2.
    #[prop(optional)]
    top_level: bool,
) -> impl IntoView {
    let ReportSummary { id, category, status, excerpt, place, handler, overdue, escalations, supporters, created_at, .. } =
        report;
    view! {
        <A href=routes::report(id) attr:class="report-card">
            <div class="report-card__head">
                {if top_level {
                    view! { <h2 class="report-card__title">{move || texts().category(category)}</h2> }.into_any()
                } else {
                    view! { <h3 class="report-card__title">{move || texts().category(category)}</h3> }.into_any()
                }}
                <StatusChip status />
            </div>
            <p class="report-card__excerpt">{excerpt}</p>
            <p class="report-card__line">{place}</p>
            <p class="report-card__line">{move || handler_line(texts(), &handler)}</p>
            <p class="report-card__meta">
                {overdue.then(|| view! { <span class="mark mark--bad">{move || texts().overdue}</span> })}
                {(escalations > 0).then(|| view! { <span class="mark">{move || (texts().escalated_times)(escalations)}</span> })}
                {(supporters > 0).then(|| view! { <span class="mark">{move || (texts().supporters)(supporters)}</span> })}
                <span class="muted">{move || short_date(texts(), created_at)}</span>
            </p>
        </A>
    }
}
