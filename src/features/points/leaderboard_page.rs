use leptos::prelude::*;
use linli_api_types::{LeaderboardEntry, LeaderboardPeriod};

use super::api;
use super::frame::{Frame, Skeleton};
use super::texts::texts;
use crate::api::use_api;
use crate::components::ErrorCard;
use crate::i18n::use_i18n;

/// 排行榜: this month or all time, names masked, the reader's own rank always shown.
#[component]
pub fn LeaderboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let period = RwSignal::new(LeaderboardPeriod::Month);
    let board = LocalResource::new(move || api::leaderboard(api, period.get()));
    let toggle = move |p: LeaderboardPeriod, label: fn(&super::texts::PointsTexts) -> &'static str| view! {
        <button type="button" class="toggle" aria-pressed=move || (period.get() == p).to_string() on:click=move |_| period.set(p)>
            {move || label(texts())}
        </button>
    };
    view! {
        <Frame title=|t| t.leaderboard back=crate::routes::points()>
            <div class="segmented-bar" role="group" aria-label=move || texts().leaderboard>
                {toggle(LeaderboardPeriod::Month, |t| t.this_month)}
                {toggle(LeaderboardPeriod::All, |t| t.all_time)}
            </div>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok(board) => {
                            let mine = board.me.clone();
                            view! {
                                <section class="card">
                                    <p class="my-rank">{move || match &mine {
                                        Some(me) => format!("{} · {}", (texts().my_rank)(me.rank), (texts().price)(me.points)),
                                        None => texts().not_ranked.to_owned(),
                                    }}</p>
                                </section>
                                <section class="card">
                                    {board.entries.is_empty().then(|| view! { <p class="muted">{move || texts().leaderboard_empty}</p> })}
                                    <ol class="leaderboard">
                                        {board.entries.into_iter().map(|entry| view! { <Row entry /> }).collect_view()}
                                    </ol>
                                </section>
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
fn Row(entry: LeaderboardEntry) -> impl IntoView {
    let LeaderboardEntry { rank, name, points, is_me } = entry;
    view! {
        <li class={if is_me { "leaderboard__row leaderboard__row--me" } else { "leaderboard__row" }}>
            <span class="leaderboard__rank">
                <span aria-hidden="true">{rank}</span>
                <span class="visually-hidden">{move || (texts().rank)(rank)}</span>
            </span>
            <span>{name}</span>
            <span class="leaderboard__points">{move || (texts().price)(points)}</span>
        </li>
    }
}
