use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate, NavigateOptions};
use linli_api_types::Reward;

use super::api;
use super::frame::{Frame, Skeleton};
use super::texts::texts;
use crate::api::{use_api, ApiError, IdempotencyKey};
use crate::components::{ActionError, ErrorCard};
use crate::i18n::use_i18n;
use crate::routes;

/// 爱心超市: what points buy. The page does not offer what the balance or stock cannot cover and
/// says why beside the button; the server decides all the same, and its word is shown under the
/// button that asked when it says no.
#[component]
pub fn RewardsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let loaded = LocalResource::new(move || async move {
        let summary = api::summary(api).await?;
        let rewards = api::rewards(api).await?;
        Ok::<_, ApiError>((summary.balance, rewards))
    });
    view! {
        <Frame title=|t| t.rewards back=routes::points()>
            <p class="muted">{move || texts().rewards_intro}</p>
            <A href=routes::vouchers() attr:class="button button--ghost button--block">{move || texts().my_vouchers}</A>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok((balance, rewards)) => view! { <Catalogue balance rewards /> }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn Catalogue(balance: i64, rewards: Vec<Reward>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let chosen = RwSignal::new(None::<Reward>);
    // A key per redemption the user means; kept while retrying the same one.
    let key = StoredValue::new(IdempotencyKey::new());
    let redeem = Action::new_local(move |id: &i64| api::redeem(api, *id, key.get_value()));
    Effect::new(move |_| {
        if let Some(Ok(voucher)) = redeem.value().get() {
            key.set_value(IdempotencyKey::new());
            navigate(&routes::voucher(voucher.id), NavigateOptions::default());
        }
    });
    let pending = redeem.pending();
    let choose = move |reward: Reward| {
        if chosen.with_untracked(|c| c.as_ref().map(|c| c.id)) != Some(reward.id) {
            key.set_value(IdempotencyKey::new());
            redeem.value().set(None);
        }
        chosen.set(Some(reward));
    };
    let empty = rewards.is_empty();
    view! {
        <section class="card balance-line">
            <p>{move || texts().balance} " " <strong class="reward-card__price">{balance}</strong></p>
        </section>
        {empty.then(|| view! { <p class="card muted center">{move || texts().rewards_empty}</p> })}
        <ul class="rewards">
            {rewards.into_iter().map(|reward| {
                let Reward { id, name, description, points, stock, .. } = reward.clone();
                // What cannot succeed is not offered: the button is greyed out and the reason
                // stands beside it.
                let refusal = if stock <= 0 {
                    Some(Signal::derive(|| texts().out_of_stock_why.to_owned()))
                } else if points > balance {
                    Some(Signal::derive(move || (texts().short_by)(points - balance)))
                } else {
                    None
                };
                let why_id = format!("reward-{id}-why");
                let label_name = name.clone();
                view! {
                    <li class="card reward-card">
                        <h2 class="reward-card__name">{name}</h2>
                        <p class="reward-card__desc">{description}</p>
                        <p class="reward-card__price">{move || (texts().price)(points)}</p>
                        <p class="reward-card__stock">{move || if stock > 0 { (texts().stock)(stock) } else { texts().out_of_stock.to_owned() }}</p>
                        <button type="button" class="button button--primary button--block" disabled=refusal.is_some()
                            aria-label=move || format!("{} {}", texts().redeem, label_name)
                            aria-describedby=refusal.is_some().then(|| why_id.clone())
                            on:click=move |_| choose(reward.clone())>
                            {move || texts().redeem}
                        </button>
                        {refusal.map(|why| view! { <p class="reward-card__why" id=why_id>{why}</p> })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {move || chosen.get().map(|reward| {
            let after = balance - reward.points;
            let title = reward.name.clone();
            view! {
                <div class="sheet-backdrop" on:click=move |_| if !pending.get_untracked() { chosen.set(None) }>
                    <div class="sheet" role="dialog" aria-modal="true" aria-labelledby="redeem-title" on:click=|ev| ev.stop_propagation()>
                        <h2 class="sheet__title" id="redeem-title">{move || (texts().redeem_confirm_title)(&title)}</h2>
                        <p class="reward-card__price">{move || (texts().price)(reward.points)}</p>
                        <p>{move || (texts().balance_after)(balance, after)}</p>
                        <div class="sheet__buttons">
                            <button type="button" class="button button--ghost" disabled=move || pending.get() on:click=move |_| chosen.set(None)>
                                {move || texts().cancel}
                            </button>
                            <button type="button" class="button button--primary" autofocus disabled=move || pending.get()
                                on:click=move |_| { redeem.dispatch(reward.id); }>
                                {move || if pending.get() { texts().redeeming } else { texts().redeem_yes }}
                            </button>
                        </div>
                        <ActionError message=Signal::derive(move || redeem.value().get().and_then(Result::err).map(|e| e.message(i18n.t()))) />
                    </div>
                </div>
            }
        })}
    }
}
