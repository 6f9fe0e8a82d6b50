//! The three lists of orders: a resident's own, staff's dispatch queue, a volunteer's jobs.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{DispatchQueue, SubjectKind, VolunteerOrders};

use super::api;
use super::common::{LoadError, OrderCard, OrderList};
use super::frame::{Frame, Skeleton};
use super::texts::texts;
use crate::api::live::{on_live_change, Concerns};
use crate::api::use_api;
use crate::routes;

/// 我的订单, newest first.
#[component]
pub fn MyOrdersPage() -> impl IntoView {
    let api = use_api();
    let orders = LocalResource::new(move || api::mine(api));
    // A step on one of them (dispatched, accepted, done): the list as it is now.
    on_live_change(Concerns::Kind(SubjectKind::Order), move || orders.refetch());
    view! {
        <Frame title=|t| t.my_orders_title back=routes::services()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match orders.await {
                        Ok(list) if list.is_empty() => view! {
                            <section class="card empty-state">
                                <p>{move || texts().my_orders_empty}</p>
                                <A href=routes::services() attr:class="button button--primary">{move || texts().menu_title}</A>
                            </section>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="order-list order-list--cards">
                                {list.into_iter().map(|order| view! { <li class="card"><OrderCard order top_level=true /></li> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <LoadError error missing=|t| t.order_missing /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

/// 中心派单: waiting orders oldest first, then those sent and not yet accepted.
#[component]
pub fn DispatchPage() -> impl IntoView {
    let api = use_api();
    let queue = LocalResource::new(move || api::queue(api, None));
    view! {
        <Frame title=|t| t.dispatch_title back=routes::services()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(DispatchQueue { waiting, dispatched }) => view! {
                            <OrderList id="waiting" heading=|t| t.dispatch_waiting empty=|t| t.dispatch_waiting_empty orders=waiting more=api::more_waiting show_resident=true />
                            <OrderList id="dispatched" heading=|t| t.dispatch_sent empty=|t| t.dispatch_sent_empty orders=dispatched more=api::more_dispatched show_resident=true />
                        }.into_any(),
                        Err(error) => view! { <LoadError error missing=|t| t.order_missing /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

/// 我的接单: what was sent to me, what I may claim, what I have done.
#[component]
pub fn VolunteerPage() -> impl IntoView {
    let api = use_api();
    let orders = LocalResource::new(move || api::volunteer_orders(api, None));
    // An order sent to me while the list is open.
    on_live_change(Concerns::Kind(SubjectKind::Order), move || orders.refetch());
    view! {
        <Frame title=|t| t.volunteer_title back=routes::services()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match orders.await {
                        Ok(VolunteerOrders { assigned, open, done }) => view! {
                            <OrderList id="assigned" heading=|t| t.assigned_heading empty=|t| t.assigned_empty orders=assigned more=api::more_assigned show_resident=true />
                            <OrderList id="open" heading=|t| t.open_heading empty=|t| t.open_empty orders=open more=api::more_open show_resident=true />
                            {(!done.items.is_empty()).then(|| view! {
                                <OrderList id="done" heading=|t| t.done_heading empty=|t| t.assigned_empty orders=done more=api::more_done show_resident=true />
                            })}
                        }.into_any(),
                        Err(error) => view! { <LoadError error missing=|t| t.order_missing /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}
