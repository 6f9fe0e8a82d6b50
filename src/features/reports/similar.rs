//! Before a report goes out: the open reports of the same place and kind. "已有 2 位邻居反映过"
//! with 我也遇到了 on each, so the handler sees one report that many households share rather
//! than five copies of it.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::ReportSummary;

use super::api;
use super::common::{handler_line, StatusChip};
use super::texts::texts;
use crate::api::{use_api, ApiError, IdempotencyKey};
use crate::components::ActionError;
use crate::i18n::use_i18n;
use crate::routes;

/// Households that reported these already: each report's own, and those who said 我也遇到了.
fn households(items: &[ReportSummary]) -> usize {
    items.iter().map(|r| 1 + r.supporters as usize).sum()
}

#[component]
pub fn Similar(items: Vec<ReportSummary>, send_anyway: Callback<()>, #[prop(into)] sending: Signal<bool>) -> impl IntoView {
    let count = households(&items);
    let all_mine = items.iter().all(|r| r.mine);
    view! {
        <section class="card similar" aria-labelledby="similar-heading" role="region">
            <h2 class="card__title" id="similar-heading">{move || if all_mine { texts().similar_mine.to_owned() } else { (texts().similar_heading)(count) }}</h2>
            <p class="muted">{move || texts().similar_intro}</p>
            <ul class="report-list">
                {items.into_iter().map(|report| view! { <li><SimilarItem report /></li> }).collect_view()}
            </ul>
            <button type="button" class="button button--ghost button--block" disabled=move || sending.get()
                on:click=move |_| send_anyway.run(())>
                {move || texts().send_anyway}
            </button>
        </section>
    }
}

#[component]
fn SimilarItem(report: ReportSummary) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let ReportSummary { id, category, status, excerpt, place, handler, supporters, mine, supported, .. } = report;
    let done = RwSignal::new(supported);
    let key = StoredValue::new(IdempotencyKey::new());
    let support = Action::new_local(move |_: &()| {
        let key = key.get_value();
        async move { api::support(api, id, &key).await }
    });
    Effect::new(move |_| match support.value().get() {
        Some(Ok(_)) => done.set(true),
        Some(Err(ApiError::Problem(_))) => key.set_value(IdempotencyKey::new()),
        _ => {}
    });
    let failure = Signal::derive(move || support.value().get().and_then(Result::err).map(|e| e.message(i18n.t())));
    let pending = support.pending();
    view! {
        <article class="similar__item">
            <div class="report-card__head">
                <h3 class="report-card__title"><A href=routes::report(id)>{move || texts().category(category)}</A></h3>
                <StatusChip status />
            </div>
            <p class="report-card__excerpt">{excerpt}</p>
            <p class="report-card__line">{place}</p>
            <p class="report-card__line">{move || handler_line(texts(), &handler)}</p>
            {(supporters > 0).then(|| view! { <p class="report-card__line">{move || (texts().supporters)(supporters)}</p> })}
            // The household's own report: nothing to add to it.
            <Show when=move || !mine && !done.get()
                fallback=move || (!mine).then(|| view! { <p class="similar__done" role="status">{move || texts().me_too_done}</p> })>
                <button type="button" class="button button--primary" disabled=move || pending.get()
                    on:click=move |_| { support.dispatch(()); }>
                    {move || if pending.get() { texts().working } else { texts().me_too }}
                </button>
            </Show>
            <ActionError message=failure />
        </article>
    }
}
