//! A person's roles: chips for everyone who may see the page; for staff, removing a head
//! role, appointing one over a place, the volunteer flag and services, and proposing a staff
//! appointment or removal (which a second staff member approves).

use leptos::prelude::*;
use linli_api_types::{
    GrantRequest, MemberRoles, PersonDetail, Role, RoleGrant, RolePlaces, Scope, StaffAction,
    StaffChange, StaffChangeRequest, VolunteerFlag, VolunteerServices,
};

use super::texts::texts;
use crate::api::{use_api, ApiError};
use crate::components::{ActionError, ConfirmDialog};
use crate::i18n::use_i18n;

#[component]
pub fn RolesSection(detail: PersonDetail, reload: RwSignal<u32>) -> impl IntoView {
    let person = detail.person.clone();
    let manage = detail.powers.manage_roles;
    let grants = person.roles.clone();
    let volunteer = person.is_volunteer;
    let is_staff = grants.iter().any(|g| g.role == Role::Staff);
    view! {
        <section class="card roles" aria-labelledby="person-roles">
            <h2 class="card__title" id="person-roles">{move || texts().roles}</h2>
            {if grants.is_empty() && !volunteer {
                view! { <p class="muted">{move || texts().no_roles}</p> }.into_any()
            } else {
                view! {
                    <ul class="role-list">
                        {volunteer.then(|| view! { <li class="role-row"><span class="chip">{move || texts().volunteer}</span></li> })}
                        {grants.into_iter().map(|grant| {
                            let removable = manage && grant.role != Role::Staff;
                            view! { <GrantRow member=person.id grant removable reload /> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {manage.then(|| view! {
                <AppointForm member=person.id reload />
                <VolunteerControls member=person.id volunteer detail=detail.clone() reload />
                <StaffControls member=person.id is_staff pending=detail.pending_staff_change.clone() reload />
            })}
        </section>
    }
}

#[component]
fn GrantRow(member: i64, grant: RoleGrant, removable: bool, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let open = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let path = format!(
        "/members/{member}/grants/{}/{}/{}",
        grant.role.as_str(),
        grant.scope.kind.as_str(),
        grant.scope.id
    );
    let remove = Action::new_local(move |path: &String| {
        let path = path.clone();
        async move { api.delete_single_try(&path).await }
    });
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => reload.update(|n| *n += 1),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let role = grant.role;
    let scope = grant.scope.name.clone();
    let label = move || format!("{} · {}", i18n.t().role(role), scope);
    let question = {
        let label = label.clone();
        Signal::derive(move || (texts().remove_ask)(&label()))
    };
    let dialog_id = match role {
        Role::BuildingHead => "remove-building-head",
        Role::UnitHead => "remove-unit-head",
        Role::GridHead => "remove-grid-head",
        Role::Staff => "remove-staff",
    };
    view! {
        <li class="role-row">
            <span class="chip">{label.clone()}</span>
            {removable.then(|| view! {
                <button type="button" class="button button--danger-outline button--small" on:click=move |_| open.set(true)>
                    {move || texts().remove}
                </button>
                <ConfirmDialog open id=dialog_id question
                    detail=Signal::derive(move || texts().remove_detail.to_owned())
                    confirm=Signal::derive(move || texts().remove.to_owned())
                    cancel=Signal::derive(move || texts().cancel.to_owned())
                    on_confirm=Callback::new(move |_| { remove.dispatch(path.clone()); }) />
            })}
            <ActionError message=Signal::derive(move || failure.get().map(|e| e.message(i18n.t()))) />
        </li>
    }
}

#[component]
fn AppointForm(member: i64, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let places = LocalResource::new(move || async move { api.get::<RolePlaces>("/role-places").await });
    let role = RwSignal::new(Role::UnitHead);
    let place = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiError>);
    let appoint = Action::new_local(move |request: &GrantRequest| {
        let request = request.clone();
        async move { api.post_single_try::<_, MemberRoles>(&format!("/members/{member}/grants"), &request).await }
    });
    Effect::new(move |_| match appoint.value().get() {
        Some(Ok(_)) => reload.update(|n| *n += 1),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let choices = move || -> Vec<Scope> {
        let Some(Ok(all)) = places.get() else { return Vec::new() };
        match role.get() {
            Role::BuildingHead => all.buildings,
            Role::UnitHead => all.units,
            _ => all.grids,
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let scope_id = place.get_untracked().parse::<i64>().ok().or_else(|| choices().first().map(|s| s.id));
        if let Some(scope_id) = scope_id {
            appoint.dispatch(GrantRequest { role: role.get_untracked(), scope_id });
        }
    };
    let pending = appoint.pending();
    view! {
        <form class="appoint-form" on:submit=submit novalidate>
            <h3 class="roles__subtitle">{move || texts().appoint_title}</h3>
            <div class="field">
                <label class="field__label" for="appoint-role">{move || texts().role_label}</label>
                <select id="appoint-role" class="field__input" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    role.set(Role::parse(&value).unwrap_or(Role::UnitHead));
                    place.set(String::new());
                }>
                    {[Role::UnitHead, Role::BuildingHead, Role::GridHead].into_iter().map(|r| view! {
                        <option value=r.as_str() selected=move || role.get() == r>{move || i18n.t().role(r)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="appoint-place">{move || texts().place_label}</label>
                <select id="appoint-place" class="field__input" on:change=move |ev| place.set(event_target_value(&ev))>
                    {move || choices().into_iter().map(|scope| view! {
                        <option value=scope.id.to_string()>{scope.name}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                {move || texts().appoint}
            </button>
            <ActionError message=Signal::derive(move || failure.get().map(|e| e.message(i18n.t()))) />
        </form>
    }
}

#[component]
fn VolunteerControls(member: i64, volunteer: bool, detail: PersonDetail, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let failure = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let toggle = Action::new_local(move |on: &bool| {
        let flag = VolunteerFlag { volunteer: *on };
        async move { api.put_repeatable::<_, MemberRoles>(&format!("/members/{member}/volunteer"), &flag).await }
    });
    Effect::new(move |_| match toggle.value().get() {
        Some(Ok(_)) => reload.update(|n| *n += 1),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let chosen = RwSignal::new(detail.services.iter().filter(|s| s.offered).map(|s| s.id).collect::<Vec<i64>>());
    let save = Action::new_local(move |ids: &Vec<i64>| {
        let body = VolunteerServices { service_ids: ids.clone() };
        async move { api.put_repeatable::<_, MemberRoles>(&format!("/members/{member}/services"), &body).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => saved.set(true),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let services = detail.services.clone();
    view! {
        <div class="volunteer-controls">
            <h3 class="roles__subtitle">{move || texts().volunteer_label}</h3>
            <button type="button" class="button button--ghost button--block" on:click=move |_| { failure.set(None); toggle.dispatch(!volunteer); }>
                {move || if volunteer { texts().volunteer_off } else { texts().volunteer_on }}
            </button>
            {(volunteer && !services.is_empty()).then(|| view! {
                <fieldset class="service-choices">
                    <legend>{move || texts().services_label}</legend>
                    {services.iter().map(|service| {
                        let id = service.id;
                        let input_id = format!("offer-{id}");
                        let label_for = input_id.clone();
                        view! {
                            <label class="service-choice" for=label_for>
                                <input type="checkbox" id=input_id checked=service.offered on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    saved.set(false);
                                    chosen.update(|ids| {
                                        ids.retain(|x| *x != id);
                                        if on { ids.push(id); }
                                    });
                                } />
                                <span>{service.name.clone()}</span>
                            </label>
                        }
                    }).collect_view()}
                    <button type="button" class="button button--primary button--block" on:click=move |_| { failure.set(None); save.dispatch(chosen.get_untracked()); }>
                        {move || texts().save_services}
                    </button>
                    <Show when=move || saved.get()>
                        <p class="banner banner--ok" role="status">{move || texts().saved}</p>
                    </Show>
                </fieldset>
            })}
            <ActionError message=Signal::derive(move || failure.get().map(|e| e.message(i18n.t()))) />
        </div>
    }
}

#[component]
fn StaffControls(member: i64, is_staff: bool, pending: Option<StaffChange>, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let failure = RwSignal::new(None::<ApiError>);
    let propose = Action::new_local(move |action: &StaffAction| {
        let request = StaffChangeRequest { member_id: member, action: *action };
        async move { api.post_single_try::<_, StaffChange>("/staff-changes", &request).await }
    });
    Effect::new(move |_| match propose.value().get() {
        Some(Ok(_)) => reload.update(|n| *n += 1),
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let action = if is_staff { StaffAction::Remove } else { StaffAction::Appoint };
    view! {
        <div class="staff-controls">
            <h3 class="roles__subtitle">{move || texts().staff_title}</h3>
            {match pending {
                Some(change) => view! {
                    <p class="banner banner--info">{(texts().staff_pending)(change.action, &change.requested_by)}</p>
                }.into_any(),
                None => view! {
                    <p class="muted">{move || texts().staff_needs_second}</p>
                    <button type="button" class="button button--ghost button--block" on:click=move |_| { failure.set(None); propose.dispatch(action); }>
                        {move || if is_staff { texts().staff_remove } else { texts().staff_appoint }}
                    </button>
                }.into_any(),
            }}
            <ActionError message=Signal::derive(move || failure.get().map(|e| e.message(i18n.t()))) />
        </div>
    }
}
