use leptos::prelude::*;
use linli_api_types::ReadReceipts;

use super::api;
use super::receipts_texts::texts;
use crate::api::load_by_id;
use crate::components::{ErrorCard, Page, Skeleton};
use crate::i18n::use_i18n;

/// 未读 102 户 / 已读 38 户, each count labelled, and, unit by unit, the doors still to knock on.
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
    let unread = total - read;
    let percent = if total > 0 { read * 100 / total } else { 0 };
    view! {
        <section class="card receipts">
            <dl class="receipts__stats">
                <div class="receipts__stat receipts__stat--unread">
                    <dt>{move || texts().unread}</dt>
                    <dd>{move || (texts().households)(unread)}</dd>
                </div>
                <div class="receipts__stat">
                    <dt>{move || texts().read}</dt>
                    <dd>{move || (texts().households)(read)}</dd>
                </div>
                <div class="receipts__stat">
                    <dt>{move || texts().total}</dt>
                    <dd>{move || (texts().households)(total)}</dd>
                </div>
            </dl>
            <div class="meter" role="img" aria-label=move || (texts().meter)(read, total)>
                <div class="meter__fill" style:width=format!("{percent}%")></div>
            </div>
            <p class="muted">
                {move || if read >= total { i18n.t().all_read.to_owned() } else { (i18n.t().households_unread)(unread) }}
            </p>
        </section>
        {unread_by_unit.into_iter().map(|unit| {
            let count = unit.doors.len() as i64;
            let name = unit.unit.name;
            let heading_id = format!("unit-{}-unread", unit.unit.id);
            let labelled_by = heading_id.clone();
            view! {
                <section class="card unit-unread" aria-labelledby=labelled_by>
                    <h2 class="card__title unit-unread__title" id=heading_id>
                        <span>{name}</span>
                        <span class="unit-unread__count">{move || (texts().unit_unread)(count)}</span>
                    </h2>
                    <p class="muted unit-unread__hint">{move || texts().doors_to_visit}</p>
                    <ul class="doors">
                        {unit.doors.into_iter().map(|door| {
                            let spoken = door.clone();
                            view! { <li class="door" aria-label=move || (texts().door)(&spoken)>{door}</li> }
                        }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view()}
    }
}
