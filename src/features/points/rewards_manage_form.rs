//! 新增礼品 and 编辑礼品. The stock typed is sent with the stock the form opened with, so the
//! server adds or takes away the difference and redemptions meanwhile are kept; the form's key
//! makes a retried save count once.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use linli_api_types::{ManagedReward, RewardEdit, RewardRequest, REWARD_DESCRIPTION_MAX_CHARS, REWARD_NAME_MAX_CHARS};

use super::rewards_manage_api as api_calls;
use super::rewards_manage_texts::rewards_manage_texts;
use crate::api::{route_id, use_api, ApiError, IdempotencyKey};
use crate::components::{ActionError, ErrorCard, FormErrors, LimitedTextField, PageFrame, Parent, Skeleton, TextArea, TextField};
use crate::i18n::use_i18n;
use crate::routes;

const FIELDS: &[&str] = &["name", "description", "points", "stock"];

#[component]
pub fn NewRewardPage() -> impl IntoView {
    let title = Signal::derive(move || rewards_manage_texts().new_title.to_owned());
    view! {
        <PageFrame title back_to=Some(Parent::Page(routes::rewards_manage()))>
            <RewardForm editing=None />
        </PageFrame>
    }
}

#[component]
pub fn EditRewardPage() -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let id = route_id();
    let rewards = LocalResource::new(move || api_calls::list(api));
    let title = Signal::derive(move || rewards_manage_texts().edit_title.to_owned());
    view! {
        <PageFrame title back_to=Some(Parent::Page(routes::rewards_manage()))>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    let found = rewards.await.and_then(|list| {
                        list.into_iter().find(|r| Some(r.id) == id.get_untracked()).ok_or(ApiError::NotFound)
                    });
                    match found {
                        Ok(reward) => view! { <RewardForm editing=Some(reward) /> }.into_any(),
                        Err(ApiError::NotFound) => view! { <ErrorCard message=Signal::derive(move || rewards_manage_texts().not_found.to_owned()) /> }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </PageFrame>
    }
}

#[component]
fn RewardForm(editing: Option<ManagedReward>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let id = editing.as_ref().map(|r| r.id);
    let stock_seen = editing.as_ref().map(|r| r.stock).unwrap_or(0);
    let name = RwSignal::new(editing.as_ref().map(|r| r.name.clone()).unwrap_or_default());
    let description = RwSignal::new(editing.as_ref().map(|r| r.description.clone()).unwrap_or_default());
    let points = RwSignal::new(editing.as_ref().map(|r| r.points.to_string()).unwrap_or_default());
    let stock = RwSignal::new(stock_seen.to_string());
    let errors = FormErrors::new(FIELDS);
    let key = StoredValue::new(IdempotencyKey::new());
    let save = Action::new_local(move |(points, stock): &(i64, i64)| {
        let (points, stock, key) = (*points, *stock, key.get_value());
        let (name, description) = (name.get_untracked(), description.get_untracked());
        async move {
            match id {
                Some(id) => api_calls::edit(api, id, RewardEdit { name, description, points, stock, stock_seen }, key).await,
                None => api_calls::create(api, RewardRequest { name, description, points, stock }, key).await,
            }
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => navigate(routes::rewards_manage(), Default::default()),
        Some(Err(error)) => {
            // A refused edit changed nothing: the next try is a new request.
            key.set_value(IdempotencyKey::new());
            errors.show(error);
        }
        None => {}
    });
    let pending = save.pending();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = rewards_manage_texts();
        errors.form.set(None);
        let whole = |field: &str, value: RwSignal<String>| {
            let parsed = value.get_untracked().trim().parse::<i64>().ok();
            errors.at(field).set(parsed.is_none().then(|| t.whole_number.to_owned()));
            parsed
        };
        if let (Some(p), Some(s)) = (whole("points", points), whole("stock", stock)) {
            save.dispatch((p, s));
        }
    };
    let stock_hint = move || match id {
        Some(_) => (rewards_manage_texts().stock_hint)(stock_seen),
        None => rewards_manage_texts().stock_hint_new.to_owned(),
    };
    view! {
        <form class="card compose" on:submit=on_submit novalidate>
            <LimitedTextField id="reward-name" label=Signal::derive(move || rewards_manage_texts().name) value=name
                error=errors.at("name").into() max_chars=REWARD_NAME_MAX_CHARS />
            <TextArea id="reward-description" label=Signal::derive(move || rewards_manage_texts().description) value=description
                error=errors.at("description").into() max_chars=REWARD_DESCRIPTION_MAX_CHARS rows=3 />
            <TextField id="reward-points" label=Signal::derive(move || rewards_manage_texts().points) value=points
                error=errors.at("points").into() input_mode="numeric" max_length=6>
                <p class="field__hint service-form__hint">{move || rewards_manage_texts().points_hint}</p>
            </TextField>
            <TextField id="reward-stock" label=Signal::derive(move || rewards_manage_texts().stock) value=stock
                error=errors.at("stock").into() input_mode="numeric" max_length=6>
                <p class="field__hint service-form__hint">{stock_hint}</p>
            </TextField>
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || match (pending.get(), id) {
                    (true, _) => rewards_manage_texts().saving,
                    (false, Some(_)) => rewards_manage_texts().save_edit,
                    (false, None) => rewards_manage_texts().save_new,
                }}
            </button>
            <ActionError message=Signal::derive(move || errors.form.get().map(|e| e.message(i18n.t()))) />
        </form>
    }
}
