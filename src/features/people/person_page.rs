//! A person's page for heads and staff: who they are, their register entry and household,
//! their roles (staff change them here) and the history of those changes, and a password
//! reset code, and the way to 代办 for them (a link to its start page, through the route table).

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{PersonDetail, PersonKind, PersonStatus, RoleChange};

use super::card::PersonCard;
use super::reset_code::ResetCodeCard;
use super::roles_section::RolesSection;
use super::texts::texts;
use crate::api::{route_id, use_api, ApiError};
use crate::components::{ErrorCard, PageFrame, Parent, Skeleton};
use crate::i18n::{time, use_i18n};
use crate::routes;

#[component]
pub fn PersonPage(kind: PersonKind) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = route_id();
    let reload = RwSignal::new(0u32);
    let prefix = match kind {
        PersonKind::Account => "u",
        PersonKind::Register => "r",
    };
    let person = LocalResource::new(move || {
        reload.track();
        let id = id.get();
        async move {
            let id = id.ok_or(ApiError::NotFound)?;
            api.get::<PersonDetail>(&format!("/people/{prefix}{id}")).await
        }
    });
    let title = Signal::derive(move || texts().person_title.to_owned());
    view! {
        <PageFrame title back_to=Some(Parent::Page(routes::people()))>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match person.await {
                        Ok(detail) => view! { <PersonView detail reload /> }.into_any(),
                        Err(error) => view! { <ErrorCard message=Signal::derive(move || error.message(i18n.t())) /> }.into_any(),
                    }
                })}
            </Transition>
        </PageFrame>
    }
}

#[component]
fn PersonView(detail: PersonDetail, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let person = detail.person.clone();
    let kind = match person.kind {
        PersonKind::Account => "account",
        PersonKind::Register => "register",
    };
    let status = person.status;
    let phone = detail.phone.clone();
    let tel = format!("tel:{phone}");
    let relation = person.relation.clone();
    let tags = person.care_tags.join("、");
    let on_register = detail.on_register;
    let household = detail.household.clone();
    let history = detail.history.clone();
    let powers = detail.powers;
    let account = person.kind == PersonKind::Account;
    view! {
        <section class="card person-head" data-person-kind=kind data-person-id=person.id.to_string()
            data-person-ref=person.reference.clone() aria-labelledby="person-name">
            <h2 class="person-head__name" id="person-name">
                {person.name.clone()}
                <span class="person-status">{move || (texts().status)(status)}</span>
            </h2>
            <p>{person.address.clone()}</p>
            <p>
                <span class="muted">{move || texts().phone} "："</span>
                {if phone.is_empty() {
                    view! { <span>{move || texts().no_phone}</span> }.into_any()
                } else {
                    view! { <a href=tel>{phone.clone()}</a> }.into_any()
                }}
            </p>
            // 代办 is for residents on Linli or only on the register; the start page says it
            // when the server refuses (someone outside the viewer's places, oneself).
            {matches!(status, PersonStatus::Joined | PersonStatus::NotJoined).then(|| {
                let href = match person.kind {
                    PersonKind::Account => routes::proxy_start_account(person.id),
                    PersonKind::Register => routes::proxy_start_register(person.id),
                };
                view! { <A href=href attr:class="button button--ghost button--block">{move || texts().act_for}</A> }
            })}
        </section>
        <section class="card" aria-labelledby="person-register">
            <h2 class="card__title" id="person-register">{move || texts().register_entry}</h2>
            {if on_register {
                view! {
                    <dl class="person-facts">
                        <dt>{move || texts().relation}</dt>
                        <dd>{if relation.is_empty() { "—".to_owned() } else { relation.clone() }}</dd>
                        <dt>{move || texts().care_tags}</dt>
                        <dd>{if tags.is_empty() { "—".to_owned() } else { tags.clone() }}</dd>
                    </dl>
                }.into_any()
            } else {
                view! { <p class="muted">{move || texts().not_on_register}</p> }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="person-household">
            <h2 class="card__title" id="person-household">{move || texts().household}</h2>
            {if household.is_empty() {
                view! { <p class="muted">{move || texts().household_alone}</p> }.into_any()
            } else {
                view! {
                    <ul class="person-list">
                        {household.into_iter().map(|person| view! { <PersonCard person /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {account.then(|| view! { <RolesSection detail=detail.clone() reload /> })}
        {powers.issue_reset_code.then(|| view! {
            <ResetCodeCard member_id=person.id name=person.name.clone() />
        })}
        {account.then(|| view! {
            <section class="card" aria-labelledby="person-history">
                <h2 class="card__title" id="person-history">{move || texts().history}</h2>
                {if history.is_empty() {
                    view! { <p class="muted">{move || texts().no_history}</p> }.into_any()
                } else {
                    view! {
                        <ol class="role-history">
                            {history.iter().map(|change| history_line(change, i18n)).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </section>
        })}
    }
}

fn history_line(change: &RoleChange, i18n: crate::i18n::I18n) -> impl IntoView {
    let change = change.clone();
    let at = change.at;
    view! {
        <li>
            <span class="role-history__when">{move || time::full(i18n.t(), at)}</span>
            <span>
                {move || {
                    let t = i18n.t();
                    let mut line = format!("{} {}", change.by_name, (texts().change)(change.change));
                    if let Some(role) = change.role {
                        line.push_str(&format!(" · {}", t.role(role)));
                    }
                    if let Some(scope) = &change.scope {
                        line.push_str(&format!(" · {}", scope.name));
                    }
                    if !change.detail.is_empty() && change.role.is_none() {
                        line.push_str(&format!(" · {}", change.detail));
                    }
                    line
                }}
            </span>
        </li>
    }
}
