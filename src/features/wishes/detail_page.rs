//! A wish's page: its status, who wished it (and who acted for them by 代办), the claimer, what
//! was done and said, and the steps the signed-in person may take now (the server says which).

use leptos::prelude::*;
use linli_api_types::{SubjectKind, WishStatus, WishView};

use super::actions::Actions;
use super::api;
use super::card::{LoadError, StatusChip};
use super::frame::{Frame, Skeleton};
use super::steps::use_steps;
use super::texts::texts;
use crate::api::live::{on_live_change, Concerns};
use crate::api::{load_by_id, use_api};
use crate::routes;

#[component]
pub fn WishPage() -> impl IntoView {
    let wish = load_by_id(api::wish);
    view! {
        <Frame title=|t| t.wish_title back=routes::wishes()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match wish.await {
                        Ok(wish) => view! { <WishDetail wish /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn WishDetail(wish: WishView) -> impl IntoView {
    let id = wish.summary.id;
    let wish = RwSignal::new(wish);
    let steps = use_steps(id, move |updated| wish.set(updated));
    // Someone else acted first (another volunteer's claim, a withdrawal): show the wish as it
    // is now, with the buttons that still apply, under the server's message.
    let api = use_api();
    Effect::new(move |_| {
        let stale = steps.action.value().with(|v| {
            matches!(v, Some(Err(e)) if e.has_code(&["wish_changed", "wish_taken", "wish_wrong_status"]))
        });
        if stale {
            leptos::task::spawn_local(async move {
                if let Ok(fresh) = api::wish(api, id).await {
                    wish.set(fresh);
                }
            });
        }
    });
    // Claimed, fulfilled or withdrawn by someone else while on screen: shown as it is now.
    on_live_change(Concerns::One(SubjectKind::Wish, id), move || {
        leptos::task::spawn_local(async move {
            if let Ok(fresh) = api::wish(api, id).await {
                let _ = wish.try_set(fresh);
            }
        });
    });
    view! {
        {move || view! { <Facts wish=wish.get() /> }}
        <Actions wish steps />
    }
}

#[component]
fn Facts(wish: WishView) -> impl IntoView {
    let WishView { summary, text, decline_reason, reviewed_by, fulfil_note, thanks_note, acted_by, .. } = wish;
    let status = summary.status;
    let (points, claimer) = (summary.points, summary.claimer.clone());
    let waiting: Option<fn(&super::texts::WishTexts) -> &'static str> = match status {
        WishStatus::Pending => Some(|t| t.waiting_review),
        WishStatus::Fulfilled => Some(|t| t.waiting_thanks),
        _ => None,
    };
    let credited = (status == WishStatus::Thanked).then(|| claimer.clone()).flatten();
    view! {
        <section class="card order-facts wish-facts">
            <div class="order-card__head">
                <h2 class="order-facts__name">{summary.title}</h2>
                <StatusChip status />
            </div>
            {waiting.map(|words| view! { <p class="banner banner--info" role="status">{move || words(texts())}</p> })}
            {(!text.is_empty()).then(|| view! { <p class="pre">{text}</p> })}
            {acted_by.map(|line| view! { <p class="acted-by">{line}</p> })}
            <dl class="facts">
                <div><dt>{move || texts().fact_resident}</dt><dd>{summary.resident}</dd></div>
                <div><dt>{move || texts().fact_place}</dt><dd>{summary.place}</dd></div>
                <div><dt>{move || texts().fact_points}</dt><dd>{move || (texts().points)(points)}</dd></div>
                {claimer.map(|name| view! { <div><dt>{move || texts().fact_claimer}</dt><dd>{name}</dd></div> })}
                {reviewed_by.map(|name| view! { <div><dt>{move || texts().fact_reviewed_by}</dt><dd>{name}</dd></div> })}
                {decline_reason.map(|reason| view! {
                    <div><dt>{move || texts().declined_because}</dt><dd class="pre">{reason}</dd></div>
                })}
                {fulfil_note.map(|note| view! {
                    <div><dt>{move || texts().fulfilled_note}</dt><dd class="pre">{note}</dd></div>
                })}
                {thanks_note.map(|note| view! {
                    <div><dt>{move || texts().thanks_said}</dt><dd class="pre">{note}</dd></div>
                })}
            </dl>
            {credited.map(|name| view! { <p class="order-facts__points">{move || (texts().credited)(&name, points)}</p> })}
        </section>
    }
}
