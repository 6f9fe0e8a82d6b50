use leptos::prelude::*;
use linli_api_types::ReadReceipts;

use super::api;
use crate::api::load_by_id;
use crate::components::{ErrorCard, Page, Skeleton};
use crate::i18n::use_i18n;

/// "已读 37 / 104" and, unit by unit, the doors still to knock on.
#[component]
pub fn ReceiptsPage() -> impl IntoView {
    let i18n = use_i18n();
    let receipts = load_by_id(api::receipts);
    view! {
        <Page title=|t| t.receipts_title back=crate::components::Parent::Up>
            <Transition fallback=move || view! { <Skeleton /> }>
                {move || Suspend::new(async move {
                    match receipts.await {
                        Ok(receipts) => view! { <Receipts receipts /> }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </Page>
    }
}

#[component]
fn Receipts(receipts: ReadReceipts) -> impl IntoView {
    let i18n = use_i18n();
    let ReadReceipts { households_read: read, households_total: total, unread_by_unit } = receipts;
    let percent = if total > 0 { read * 100 / total } else { 0 };
    view! {
        <section class="card receipts">
            <p class="receipts__count">{move || (i18n.t().read_of)(read, total)}</p>
            <div class="meter" role="img" aria-label=move || (i18n.t().read_of)(read, total)>
                <div class="meter__fill" style:width=format!("{percent}%")></div>
            </div>
            <p class="muted">
                {move || if read >= total { i18n.t().all_read.to_owned() } else { (i18n.t().households_unread)(total - read) }}
            </p>
        </section>
        {unread_by_unit.into_iter().map(|unit| {
            let count = unit.doors.len();
            view! {
                <section class="card">
                    <h2 class="card__title">{unit.unit.name} <span class="badge">{move || (i18n.t().doors_count)(count)}</span></h2>
                    <ul class="doors">
                        {unit.doors.into_iter().map(|door| view! { <li class="door">{door}</li> }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view()}
    }
}
