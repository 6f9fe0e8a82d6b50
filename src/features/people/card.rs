//! One person in a list: name, status, address, relation, care tags, masked phone, roles.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{PersonKind, PersonStatus, PersonSummary};

use super::texts::texts;
use crate::i18n::use_i18n;
use crate::routes;

/// The person page of `person`.
pub fn person_path(person: &PersonSummary) -> String {
    match person.kind {
        PersonKind::Account => routes::person_account(person.id),
        PersonKind::Register => routes::person_register(person.id),
    }
}

#[component]
pub fn PersonCard(person: PersonSummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = person_path(&person);
    let status = person.status;
    let status_class = match status {
        PersonStatus::Joined => "person-status person-status--joined",
        PersonStatus::Pending => "person-status person-status--pending",
        _ => "person-status",
    };
    let roles = person.roles.clone();
    let volunteer = person.is_volunteer;
    let phone = person.phone_masked.clone();
    let relation = person.relation.clone();
    let tags = person.care_tags.clone();
    view! {
        <li class="person-card">
            <A href=href attr:class="person-card__link">
                <span class="person-card__head">
                    <span class="person-card__name">{person.name.clone()}</span>
                    <span class=status_class>{move || (texts().status)(status)}</span>
                </span>
                <span class="person-card__line">{person.address.clone()}</span>
                <span class="person-card__line muted">
                    {move || {
                        let mut parts: Vec<String> = Vec::new();
                        if !relation.is_empty() {
                            parts.push(relation.clone());
                        }
                        parts.push(if phone.is_empty() { texts().no_phone.to_owned() } else { phone.clone() });
                        if volunteer {
                            parts.push(texts().volunteer.to_owned());
                        }
                        let t = i18n.t();
                        parts.extend(roles.iter().map(|g| format!("{} · {}", t.role(g.role), g.scope.name)));
                        parts.join(" · ")
                    }}
                </span>
                {(!tags.is_empty()).then(|| view! {
                    <span class="person-card__tags">
                        {tags.iter().map(|tag| view! { <span class="care-tag">{tag.clone()}</span> }).collect_view()}
                    </span>
                })}
            </A>
        </li>
    }
}
