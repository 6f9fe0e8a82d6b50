//! The resident's own request (/me/join): who is reviewing it, or why it was declined and a
//! form to correct the home and ask again; once approved, the way into 首页. The card at its
//! top is also 我的's (`StatusCard`).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{
    AccountStatus, JoinAgain, JoinCommunity, JoinPlaces, JoinStatus, Me, MyJoinRequest,
};

use super::home_fields::{HomeChoice, HomeFields};
use super::texts::{reviewer, texts};
use crate::api::{use_api, ApiError};
use crate::components::{ActionError, PageFrame, Parent};
use crate::i18n::{use_i18n, Locale};
use crate::routes;
use crate::session::use_session;

/// "3栋1单元单元长 尚建超、3栋楼栋长 刘伟忠".
fn reviewers_line(request: &MyJoinRequest) -> String {
    let t = texts();
    let names: Vec<String> = request
        .reviewers
        .iter()
        .map(|r| reviewer(t, r.role, &r.place, &r.name))
        .collect();
    names.join(if use_i18n().locale() == Locale::Zh {
        "、"
    } else {
        "; "
    })
}

fn home_line(request: &MyJoinRequest) -> String {
    let home = &request.home;
    format!("{} {} {}", home.building.name, home.unit.name, home.door)
}

/// The request's state in a card: waiting for whom, or declined by whom and why.
#[component]
pub fn StatusCard(request: MyJoinRequest, #[prop(optional)] link: bool) -> impl IntoView {
    let declined = request.status == JoinStatus::Declined;
    let who = reviewers_line(&request);
    let home = home_line(&request);
    let reason = request.reason.clone();
    let decided_by = request.decided_by.clone().unwrap_or_default();
    view! {
        <section class="card join-status" class:join-status--declined=declined aria-labelledby="join-status-heading">
            <h2 class="card__title" id="join-status-heading">
                {move || if declined { texts().declined_heading } else { texts().waiting_heading }}
            </h2>
            {if declined {
                view! {
                    <p class="join-status__who">{move || (texts().declined_by)(&decided_by)}</p>
                    <p class="join-status__reason">
                        <span class="join-status__label">{move || texts().reason} "："</span>
                        {reason.clone()}
                    </p>
                }.into_any()
            } else {
                view! { <p class="join-status__who">{move || (texts().waiting_for)(&who)}</p> }.into_any()
            }}
            <p class="join-status__home">
                <span class="join-status__label">{move || texts().your_home} "："</span>{home}
            </p>
            {(!declined).then(|| view! { <p class="join-status__meanwhile">{move || texts().meanwhile}</p> })}
            {link.then(|| view! {
                <A href=routes::join_status() attr:class="button button--secondary button--block">
                    {move || texts().status_link}
                </A>
            })}
        </section>
    }
}

#[component]
pub fn JoinStatusPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let version = RwSignal::new(0u32);
    let request = LocalResource::new(move || {
        version.track();
        async move {
            // A fresher profile first: the head may have approved since the app opened.
            if let (Some(token), Ok(me)) = (session.token_untracked(), api.get::<Me>("/me").await) {
                session.refresh_me(&token, me);
            }
            api.get::<MyJoinRequest>("/me/join-request").await
        }
    });
    let active = move || {
        session
            .me()
            .is_some_and(|me| me.status == AccountStatus::Active)
    };

    view! {
        <PageFrame title=Signal::derive(|| texts().status_title.to_owned()) back_to=Some(Parent::Page(routes::me()))>
            <Show when=active>
                <section class="card join-status join-status--approved" role="status">
                    <h2 class="card__title">{move || texts().approved_heading}</h2>
                    <p>{move || texts().approved_body}</p>
                    <A href=routes::home() attr:class="button button--primary button--block">{move || texts().to_home}</A>
                </section>
            </Show>
            <Show when=move || !active()>
                <Suspense fallback=|| view! { <div class="card skeleton skeleton--tall" aria-hidden="true"></div> }>
                    {move || request.get().map(|loaded| match loaded {
                        Ok(request) => {
                            let declined = request.status == JoinStatus::Declined;
                            view! {
                                <StatusCard request />
                                <button type="button" class="button button--ghost button--block"
                                    on:click=move |_| version.update(|v| *v += 1)>
                                    {move || texts().check_now}
                                </button>
                                <AskAgain open=declined on_done=Callback::new(move |_| version.update(|v| *v += 1)) />
                            }.into_any()
                        }
                        Err(error) => view! {
                            <p class="banner banner--error" role="alert">{error.message(use_i18n().t())}</p>
                        }.into_any(),
                    })}
                </Suspense>
            </Show>
        </PageFrame>
    }
}

/// Correcting the home and asking again: open after a decline, folded while waiting.
#[component]
fn AskAgain(open: bool, on_done: Callback<()>) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let community = session.me().map(|me| me.community.id);
    let places =
        LocalResource::new(move || async move { api.get::<JoinPlaces>("/join/places").await });
    let choice = HomeChoice::new();
    let error = RwSignal::new(None::<String>);
    let communities = Signal::derive(move || -> Vec<JoinCommunity> {
        places
            .get()
            .and_then(Result::ok)
            .map(|p| {
                p.communities
                    .into_iter()
                    .filter(|c| Some(c.id) == community)
                    .collect()
            })
            .unwrap_or_default()
    });
    Effect::new(move |_| choice.preselect(&communities.get()));
    let ask = Action::new_local(move |body: &JoinAgain| {
        let body = body.clone();
        async move {
            api.put_repeatable::<_, MyJoinRequest>("/me/join-request", &body)
                .await
        }
    });
    Effect::new(move |_| match ask.value().get() {
        Some(Ok(_)) => on_done.run(()),
        Some(Err(failure)) => {
            choice.unit_error.set(failure.field("unit_id"));
            choice.door_error.set(failure.field("door"));
            let blamed = choice.unit_error.with_untracked(Option::is_some)
                || choice.door_error.with_untracked(Option::is_some);
            error.set((!blamed).then(|| failure_message(&failure)));
        }
        None => {}
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        if choice.check() {
            if let Some(unit_id) = choice.unit.get_untracked() {
                ask.dispatch(JoinAgain {
                    unit_id,
                    door: choice.door.get_untracked().trim().to_owned(),
                });
            }
        }
    };
    let pending = ask.pending();
    view! {
        <details class="card join-again" open=open>
            <summary class="join-again__summary">{move || texts().ask_again_heading}</summary>
            <form on:submit=on_submit novalidate>
                <p class="join__intro">{move || texts().ask_again_intro}</p>
                <HomeFields choice communities fixed=false />
                <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                    {move || if pending.get() { texts().asking } else { texts().ask_again_button }}
                </button>
                <ActionError message=error />
            </form>
        </details>
    }
}

fn failure_message(error: &ApiError) -> String {
    error.message(use_i18n().t())
}
