use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{Voucher, VoucherStatus};

use super::api;
use super::frame::{Frame, Skeleton};
use super::texts::texts;
use crate::api::{use_api, ApiError};
use crate::components::ErrorCard;
use crate::i18n::{time, use_i18n};
use crate::routes;

/// 我的兑换券: every voucher, unused first.
#[component]
pub fn VouchersPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let vouchers = LocalResource::new(move || api::vouchers(api));
    view! {
        <Frame title=|t| t.my_vouchers back=routes::points()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match vouchers.await {
                        Ok(list) if list.is_empty() => view! {
                            <div class="card empty-state">
                                <p>{move || texts().vouchers_empty}</p>
                                <A href=routes::rewards() attr:class="button button--primary">{move || texts().rewards}</A>
                            </div>
                        }.into_any(),
                        Ok(mut list) => {
                            list.sort_by_key(|v| (v.status == VoucherStatus::Used, std::cmp::Reverse(v.issued_at)));
                            view! {
                                <ul class="task-list">
                                    {list.into_iter().map(|v| view! { <li class="card"><VoucherRow voucher=v /></li> }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn StatusChip(status: VoucherStatus) -> impl IntoView {
    view! {
        <span class={if status == VoucherStatus::Used { "mark" } else { "mark mark--good" }}>
            {move || if status == VoucherStatus::Used { texts().voucher_used } else { texts().voucher_unused }}
        </span>
    }
}

#[component]
fn VoucherRow(voucher: Voucher) -> impl IntoView {
    let i18n = use_i18n();
    let Voucher { id, reward_name, points, status, issued_at, code, .. } = voucher;
    view! {
        <A href=routes::voucher(id) attr:class="voucher-row">
            <span>
                <strong class="reward-card__name">{reward_name}</strong><br />
                <span class="muted">{code} " · " {move || (texts().price)(points)} " · "
                    {move || (texts().redeemed_at)(&time::relative(i18n.t(), issued_at, Utc::now()))}</span>
            </span>
            <StatusChip status />
        </A>
    }
}

/// One voucher, its code shown large for the station.
#[component]
pub fn VoucherPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = leptos_router::hooks::use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())));
    let voucher = LocalResource::new(move || {
        let id = id.get();
        async move {
            let id = id.ok_or(ApiError::NotFound)?;
            api::vouchers(api).await?.into_iter().find(|v| v.id == id).ok_or(ApiError::NotFound)
        }
    });
    view! {
        <Frame title=|t| t.voucher_title back=routes::vouchers()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match voucher.await {
                        Ok(voucher) => view! { <VoucherCard voucher /> }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
            <A href=routes::vouchers() attr:class="button button--ghost button--block">{move || texts().my_vouchers}</A>
        </Frame>
    }
}

#[component]
fn VoucherCard(voucher: Voucher) -> impl IntoView {
    let i18n = use_i18n();
    let Voucher { reward_name, code, points, status, issued_at, used_at, holder_name, .. } = voucher;
    view! {
        <section class={if status == VoucherStatus::Used { "card voucher voucher--used" } else { "card voucher" }}>
            <StatusChip status />
            <h2 class="voucher__reward">{reward_name}</h2>
            <p class="muted">{holder_name} " · " {move || (texts().price)(points)}</p>
            <p class="muted">{move || texts().voucher_code}</p>
            <p class="voucher__code">{code}</p>
            <p>{move || match used_at {
                Some(at) => (texts().voucher_used_at)(&time::full(i18n.t(), at)),
                None => texts().voucher_show.to_owned(),
            }}</p>
            <p class="muted">{move || (texts().redeemed_at)(&time::full(i18n.t(), issued_at))}</p>
        </section>
    }
}
