//! One order: its facts, the buttons the signed-in person may use on it now (the server says
//! which: cancel, rate, assign, accept/decline, claim, start, complete) and its timeline.

use leptos::prelude::*;
use linli_api_types::{Order, SubjectKind};

use super::api;
use super::common::{use_steps, LoadError};
use super::frame::{Frame, Skeleton};
use super::order_facts::{Facts, RatingCard, Reader};
use super::order_steps::Actions;
use super::order_timeline::Timeline;
use crate::api::live::{on_live_change, Concerns};
use crate::api::{load_by_id, use_api};

#[component]
pub fn OrderDetailPage() -> impl IntoView {
    let order = load_by_id(api::order);
    view! {
        <Frame title=|t| t.order_detail_title back=crate::routes::my_orders()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match order.await {
                        Ok(order) => view! { <OrderView order /> }.into_any(),
                        Err(error) => view! { <LoadError error missing=|t| t.order_missing /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn OrderView(order: Order) -> impl IntoView {
    let id = order.id;
    let reader = Reader::of(&order);
    let order = RwSignal::new(order);
    let steps = use_steps(id, move |updated| order.set(updated));
    // Someone else changed the order first (a reassignment, another claim): show it as it is
    // now, with the buttons that still apply, under the server's "刷新后再操作" message.
    let api = use_api();
    Effect::new(move |_| {
        let changed = steps.action.value().with(|v| matches!(v, Some(Err(e)) if e.has_code(&["order_changed"])));
        if changed {
            leptos::task::spawn_local(async move {
                if let Ok(fresh) = api::order(api, id).await {
                    order.set(fresh);
                }
            });
        }
    });
    // The volunteer accepted, started or finished it on their phone: show it as it is now.
    on_live_change(Concerns::One(SubjectKind::Order, id), move || {
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = api::order(api, id).await {
                let _ = order.try_set(fresh);
            }
        });
    });
    view! {
        {move || view! { <Facts order=order.get() reader /> }}
        <Actions order steps />
        {move || order.with(|o| o.rating.clone()).map(|rating| view! { <RatingCard rating reader /> })}
        {move || view! { <Timeline order=order.get() /> }}
    }
}
