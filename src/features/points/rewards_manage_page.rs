//! 礼品管理: the community's rewards with price, stock and open vouchers, retired ones last;
//! edit one, add one, retire one (after a confirm) or offer it again.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::ManagedReward;

use super::rewards_manage_api as api_calls;
use super::rewards_manage_texts::rewards_manage_texts;
use crate::api::{use_api, ApiError};
use crate::components::{ActionError, ConfirmDialog, ErrorCard, PageFrame, Parent, Skeleton};
use crate::i18n::{time, use_i18n};
use crate::routes;

#[component]
pub fn RewardsManagePage() -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let changed = RwSignal::new(0u32);
    let rewards = LocalResource::new(move || {
        changed.track();
        api_calls::list(api)
    });
    let to_retire = RwSignal::new(None::<i64>);
    let asking = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let set_retired = Action::new_local(move |&(id, retired): &(i64, bool)| api_calls::set_retired(api, id, retired));
    Effect::new(move |_| match set_retired.value().get() {
        Some(Ok(_)) => {
            failure.set(None);
            changed.update(|n| *n += 1);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let title = Signal::derive(move || rewards_manage_texts().list_title.to_owned());
    view! {
        <PageFrame title back_to=Some(Parent::Page(routes::points()))>
            <p class="services-intro">{move || rewards_manage_texts().intro}</p>
            <A href=routes::reward_new() attr:class="button button--primary button--block">{move || rewards_manage_texts().add_reward}</A>
            <ActionError message=Signal::derive(move || failure.get().map(|e| e.message(i18n.t()))) />
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match rewards.await {
                        Ok(rewards) if rewards.is_empty() => view! { <p class="card muted">{move || rewards_manage_texts().empty}</p> }.into_any(),
                        Ok(rewards) => view! {
                            <ul class="service-list managed-list">
                                {rewards.into_iter().map(|reward| view! { <li><RewardCard reward to_retire asking set_retired /></li> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
            <ConfirmDialog open=asking id="retire-reward"
                question=Signal::derive(move || rewards_manage_texts().retire_ask.to_owned())
                detail=Signal::derive(move || rewards_manage_texts().retire_detail.to_owned())
                confirm=Signal::derive(move || rewards_manage_texts().retire.to_owned())
                cancel=Signal::derive(move || i18n.t().cancel.to_owned())
                on_confirm=Callback::new(move |_| {
                    if let Some(id) = to_retire.get_untracked() {
                        set_retired.dispatch((id, true));
                    }
                }) />
        </PageFrame>
    }
}

#[component]
fn RewardCard(
    reward: ManagedReward,
    to_retire: RwSignal<Option<i64>>,
    asking: RwSignal<bool>,
    set_retired: Action<(i64, bool), Result<ManagedReward, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ManagedReward { id, name, description, points, stock, retired, vouchers_open, last_change } = reward;
    let (edit_label, retire_label) = (name.clone(), name.clone());
    let pending = set_retired.pending();
    let change = move || {
        last_change.as_ref().map(|c| {
            let t = rewards_manage_texts();
            (t.last_change)((t.action_word)(&c.action), &c.by.name, &time::full(i18n.t(), c.at))
        })
    };
    view! {
        <article class="card service-card managed-card" class:managed-card--paused=retired>
            <div class="service-card__head">
                <h2 class="service-card__name">{name}</h2>
                {retired.then(|| view! { <span class="chip chip--paused">{move || rewards_manage_texts().retired_badge}</span> })}
            </div>
            <p class="service-card__provider">{move || (rewards_manage_texts().price_stock)(points, stock)}</p>
            {(!description.is_empty()).then(|| view! { <p class="service-card__description">{description}</p> })}
            {(vouchers_open > 0).then(|| view! { <p class="muted">{move || (rewards_manage_texts().vouchers_open)(vouchers_open)}</p> })}
            <p class="muted managed-card__change">{change}</p>
            <div class="managed-card__actions">
                <A href=routes::reward_edit(id) attr:class="button" attr:aria-label=move || (rewards_manage_texts().edit_for)(&edit_label)>
                    {move || rewards_manage_texts().edit}
                </A>
                <button type="button" class="button" disabled=move || pending.get()
                    aria-label=move || if retired { (rewards_manage_texts().restore_for)(&retire_label) } else { (rewards_manage_texts().retire_for)(&retire_label) }
                    on:click=move |_| {
                        if retired {
                            set_retired.dispatch((id, false));
                        } else {
                            to_retire.set(Some(id));
                            asking.set(true);
                        }
                    }>
                    {move || if retired { rewards_manage_texts().restore } else { rewards_manage_texts().retire }}
                </button>
            </div>
        </article>
    }
}
