use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{HoldState, LedgerEntry, LedgerLinkKind, LedgerPage, PointsSummary, Role};

use super::api;
use super::frame::Frame;
use super::rewards_manage_texts::rewards_manage_texts;
use super::reason::{hold_label, line_reason, link_label, signed};
use super::texts::texts;
use crate::api::{use_api, ApiError};
use crate::components::LoadMore;
use crate::i18n::{time, use_i18n};
use crate::routes;
use crate::session::use_session;

/// 积分: the balance, big; hours and stars; the ways to spend and compare; the ledger in words.
#[component]
pub fn PointsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let staff = use_session().me().is_some_and(|me| me.holds(Role::Staff));
    let summary = LocalResource::new(move || api::summary(api));
    view! {
        <Frame title=|t| t.tab>
            <Transition fallback=move || view! { <div class="card skeleton" aria-hidden="true"></div> }>
                {move || Suspend::new(async move {
                    match summary.await {
                        Ok(summary) => view! { <Balance summary /> }.into_any(),
                        Err(error) => view! { <p class="banner banner--error" role="alert">{error.message(i18n.t())}</p> }.into_any(),
                    }
                })}
            </Transition>
            <nav class="points-links" aria-label=move || texts().points_title>
                <A href=routes::rewards() attr:class="button button--primary">{move || texts().rewards_button}</A>
                <A href=routes::vouchers() attr:class="button button--ghost">{move || texts().my_vouchers}</A>
                <A href=routes::leaderboard() attr:class="button button--ghost">{move || texts().leaderboard}</A>
                {staff.then(|| view! { <A href=routes::points_desk() attr:class="button button--ghost">{move || texts().staff_tools}</A> })}
                {staff.then(|| view! { <A href=routes::rewards_manage() attr:class="button button--ghost">{move || rewards_manage_texts().list_title}</A> })}
            </nav>
            <Ledger />
        </Frame>
    }
}

#[component]
fn Balance(summary: PointsSummary) -> impl IntoView {
    let PointsSummary { balance, volunteer_minutes, stars, hours_to_next_star, .. } = summary;
    let hours = volunteer_minutes as f64 / 60.0;
    let star_marks = move || {
        (0..5_u8).map(|i| if i < stars { view! { <span>"★"</span> }.into_any() } else { view! { <span class="star-level__off">"☆"</span> }.into_any() }).collect_view()
    };
    view! {
        <section class="card balance-card" aria-labelledby="balance-label">
            <p class="balance-card__label" id="balance-label">{move || texts().balance}</p>
            <p class="balance-card__number">{balance}</p>
            <div class="balance-card__stats">
                <div>
                    <p class="balance-card__label">{move || texts().hours_total}</p>
                    <p class="balance-card__stat-value">{move || (texts().hours)(hours)}</p>
                </div>
                <div>
                    <p class="balance-card__label">{move || (texts().stars_label)(stars)}</p>
                    <p class="star-level" role="img" aria-label=move || (texts().stars_label)(stars)>{star_marks}</p>
                </div>
            </div>
            <p class="balance-card__next">
                {move || match hours_to_next_star {
                    Some(h) => (texts().to_next_star)(h, stars + 1),
                    None => texts().max_stars.to_owned(),
                }}
            </p>
        </section>
    }
}

fn link_href(kind: LedgerLinkKind, id: i64) -> String {
    match kind {
        LedgerLinkKind::Task => routes::task(id),
        LedgerLinkKind::Voucher => routes::voucher(id),
        LedgerLinkKind::Order => routes::order(id),
        LedgerLinkKind::Wish => routes::wish(id),
    }
}

fn hold_class(state: HoldState) -> &'static str {
    match state {
        HoldState::Held => "held",
        HoldState::Settled => "settled",
        HoldState::Released => "released",
    }
}

#[component]
fn LedgerRow(entry: LedgerEntry) -> impl IntoView {
    let i18n = use_i18n();
    let LedgerEntry { amount, kind, subject, minutes, note, link, at, hold, acted_by, .. } = entry;
    // A correction's words are its reason.
    let about = note.filter(|n| !n.is_empty()).unwrap_or(subject);
    let href = link.map(|l| (l.kind, link_href(l.kind, l.id)));
    view! {
        <li class="ledger__row">
            <span class="ledger__reason">{move || line_reason(texts(), kind, &about, minutes, hold)}</span>
            <span class={if amount >= 0 { "ledger__amount ledger__amount--plus" } else { "ledger__amount ledger__amount--minus" }}>
                {signed(amount)}
            </span>
            <span class="ledger__meta">
                <time datetime=at.to_rfc3339()>{move || time::relative(i18n.t(), at, Utc::now())}</time>
                {hold.map(|state| view! {
                    <span class=format!("ledger__state ledger__state--{}", hold_class(state))>{move || hold_label(texts(), state)}</span>
                })}
                {href.map(|(kind, href)| view! { <A href=href>{move || link_label(texts(), kind)}</A> })}
                {acted_by.map(|name| view! { <crate::components::ActedBy name /> })}
            </span>
        </li>
    }
}

/// The ledger, newest first by when the points moved, a page at a time.
#[component]
fn Ledger() -> impl IntoView {
    let api = use_api();
    let items = RwSignal::new(Vec::<LedgerEntry>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let loaded = RwSignal::new(false);
    let load = Action::new_local(move |cursor: &Option<String>| api::ledger(api, cursor.clone()));
    Effect::new(move |_| match load.value().get() {
        Some(Ok(LedgerPage { items: page, next_cursor: cursor })) => {
            items.update(|all| all.extend(page));
            next_cursor.set(cursor);
            failure.set(None);
            loaded.set(true);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    load.dispatch(None);
    let pending = load.pending();
    view! {
        <section class="card" id="ledger" aria-labelledby="ledger-heading" aria-busy=move || pending.get().to_string()>
            <h2 class="card__title" id="ledger-heading">{move || texts().ledger}</h2>
            <Show when=move || !loaded.get() && failure.with(Option::is_none)>
                <div class="skeleton-list" aria-hidden="true"><div class="skeleton"></div></div>
            </Show>
            <Show when=move || loaded.get() && items.with(Vec::is_empty)>
                <p class="muted">{move || texts().ledger_empty}</p>
            </Show>
            <ul class="ledger">
                <For each=move || items.get() key=|entry| entry.id let:entry>
                    <LedgerRow entry />
                </For>
            </ul>
            <LoadMore failure next_cursor pending=pending.into() more=Callback::new(move |_| { load.dispatch(next_cursor.get_untracked()); }) />
        </section>
    }
}
