use chrono::{Timelike, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::Me;

use super::bell::Bell;
use crate::components::{use_document_title, Icon, IconName, Later};
use crate::features::joining::home_card::JoinHomeCard;
use crate::features::notices::NoticeFeed;
use crate::i18n::{use_i18n, Texts};
use crate::routes;
use crate::session::use_session;

/// 首页: who and where you are, the way into each service, and the notices addressed to you.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let waiting = move || session.me().is_some_and(|me| me.status.is_waiting());
    use_document_title(move || i18n.t().tab_home.to_owned());
    view! {
        <main id="main" class="page home">
            {move || session.me().map(|me| view! { <Welcome me /> })}
            // An account waiting for a head: what it is waiting for, and no way into what it
            // cannot open yet.
            {move || session.me().filter(|me| me.status.is_waiting()).map(|me| view! { <JoinHomeCard status=me.status /> })}
            <Shortcuts />
            // 民声有回应: one line into the form (its pages are a chunk of their own).
            <Show when=move || !waiting()>
                <A href=routes::report_new() attr:class="card link-row home-report">
                    <span>{move || i18n.t().entry_report}</span>
                    <Icon name=IconName::ChevronRight />
                </A>
            </Show>
            // The first render is split over three tasks (see `Later`): the frame and the
            // greeting, then the notices, then what is below them, which the notices'
            // placeholder pushes below the fold.
            <Later>
                <NoticeFeed can_post=Signal::derive(move || session.me().is_some_and(|me| !me.roles.is_empty())) />
            </Later>
            <Later>
                <Show when=move || !waiting()>
                    // From a chunk of its own; meanwhile the placeholder its own loading shows.
                    <Suspense fallback=|| view! { <div class="card"><div class="skeleton" aria-hidden="true"></div></div> }>
                        {Suspend::new(super::lazy_pages::load_upcoming_tasks())}
                    </Suspense>
                </Show>
                <FourSteps />
            </Later>
        </main>
    }
}

/// The greeting for the hour in the community's own time zone (Asia/Shanghai, UTC+8), whatever
/// the phone's: 凌晨好 before five, then 早上, 上午, 中午, 下午 and 晚上.
fn part_of_day(t: &Texts) -> &'static str {
    (t.part_of_day)((Utc::now().hour() + 8) % 24)
}

#[component]
fn Welcome(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let address = me
        .household
        .as_ref()
        .map(|h| format!("{} {} {}", h.building.name, h.unit.name, h.door));
    let name = me.name.clone();
    view! {
        <header class="welcome">
            <div class="welcome__text">
                <p class="welcome__community">
                    <Icon name=IconName::Pin class="welcome__pin" />
                    {me.community.name.clone()}
                </p>
                <h1 class="welcome__greeting">{move || (i18n.t().greeting)(part_of_day(i18n.t()), &name)}</h1>
                <p class="welcome__address">
                    {move || address.clone().unwrap_or_else(|| i18n.t().no_household.to_owned())}
                </p>
            </div>
            <Bell />
        </header>
    }
}

/// A shortcut on 首页: where it goes, its icon, and its label.
type Shortcut = (&'static str, IconName, fn(&Texts) -> &'static str);

#[component]
fn Shortcuts() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let entries: [Shortcut; 4] = [
        ("#notices", IconName::Notice, |t| t.entry_notices),
        (routes::tasks(), IconName::Tasks, |t| t.entry_tasks),
        (routes::services(), IconName::Services, |t| t.entry_services),
        (routes::points(), IconName::Points, |t| t.entry_points),
    ];
    view! {
        <nav class="card shortcuts" aria-label=move || i18n.t().quick_entries>
            {entries
                .into_iter()
                .map(|(href, icon, label)| {
                    // Tasks and points open once a head has let the account in.
                    let closed = href == routes::tasks() || href == routes::points();
                    let hidden = move || closed && session.me().is_some_and(|me| me.status.is_waiting());
                    view! {
                        <A href=href attr:class="shortcut" attr:hidden=move || hidden().then_some("")>
                            <span class="shortcut__icon">
                                <Icon name=icon />
                            </span>
                            <span class="shortcut__label">{move || label(i18n.t())}</span>
                        </A>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The community's 四单 way of serving residents, shown so people know what ordering means.
#[component]
fn FourSteps() -> impl IntoView {
    let i18n = use_i18n();
    let steps: [fn(&Texts) -> &'static str; 4] =
        [|t| t.step_order, |t| t.step_dispatch, |t| t.step_accept, |t| t.step_rate];
    view! {
        <section class="card" aria-labelledby="steps-heading">
            <h2 class="card__title" id="steps-heading">{move || i18n.t().four_steps_heading}</h2>
            <ol class="steps">
                {steps
                    .into_iter()
                    .enumerate()
                    .map(|(i, step)| {
                        view! {
                            <li class="steps__item">
                                <span class="steps__number" aria-hidden="true">{i + 1}</span>
                                <span class="steps__label">{move || step(i18n.t())}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
