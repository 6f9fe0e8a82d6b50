use leptos::prelude::*;
use linli_api_types::{Me, Phone};

use super::texts::texts;
use crate::api::use_api;
use crate::components::{ConfirmDialog, Icon, IconName, Page};
use crate::routes;
use leptos_router::components::A;
use crate::i18n::{use_i18n, Locale};
use super::text_size::TextSizeSetting;
use crate::session::{use_session, Farewell};

#[component]
pub fn MePage(
    /// Links other features add for the signed-in person (orders, dispatch …), below the profile.
    #[prop(optional, into)]
    more_links: Option<ViewFn>,
) -> impl IntoView {
    let session = use_session();
    view! {
        <Page title=|t| t.me_title>
            {move || session.me().map(|me| {
                let manages = !me.roles.is_empty();
                view! {
                    <Profile me=me.clone() />
                    <Roles me=me />
                    {manages.then(|| view! { <ManageLinks /> })}
                    {manages.then(|| view! { <ProxyLink /> })}
                }
            })}
            {more_links.map(|links| links.run())}
            <AccountLinks />
            <Settings />
            <SignOutButton />
        </Page>
    }
}

#[component]
fn Profile(me: Me) -> impl IntoView {
    let initial = me.name.chars().next().unwrap_or('邻').to_string();
    let phone = Phone::parse(&me.phone).map(|p| p.masked()).unwrap_or_default();
    let home = me.household.as_ref().map(|h| format!("{} {} {}", h.building.name, h.unit.name, h.door));
    view! {
        <section class="card profile">
            <div class="avatar" aria-hidden="true">{initial}</div>
            <div class="profile__text">
                <h2 class="profile__name">{me.name.clone()}</h2>
                <p class="profile__line">{phone}</p>
                <p class="profile__line">{me.community.name.clone()} " " {home}</p>
            </div>
        </section>
    }
}

#[component]
fn Roles(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let resident = me.household.is_some();
    let volunteer = me.is_volunteer;
    let grants = me.roles.clone();
    view! {
        <section class="card">
            <h2 class="card__title">{move || i18n.t().my_roles}</h2>
            <ul class="chips">
                {move || {
                    let t = i18n.t();
                    let mut chips: Vec<String> = Vec::new();
                    if resident {
                        chips.push(t.role_resident.to_owned());
                    }
                    if volunteer {
                        chips.push(t.role_volunteer.to_owned());
                    }
                    chips.extend(grants.iter().map(|g| format!("{} · {}", t.role(g.role), g.scope.name)));
                    chips.into_iter().map(|chip| view! { <li class="chip">{chip}</li> }).collect_view()
                }}
            </ul>
        </section>
    }
}

/// Heads and staff reach the notices they posted from here.
#[component]
fn ManageLinks() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="card link-list" aria-label=move || i18n.t().my_notices>
            <A href=routes::my_notices() attr:class="link-row">
                <span>{move || i18n.t().my_notices}</span>
                <Icon name=IconName::ChevronRight />
            </A>
        </nav>
    }
}

/// 修改密码, for everyone signed in.
#[component]
fn AccountLinks() -> impl IntoView {
    view! {
        <nav class="card link-list" aria-label=move || texts().change_password>
            <A href=routes::change_password() attr:class="link-row">
                <span>{move || texts().change_password}</span>
                <Icon name=IconName::ChevronRight />
            </A>
        </nav>
    }
}

#[component]
fn Settings() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card settings">
            <h2 class="card__title">{move || i18n.t().settings}</h2>
            <fieldset class="setting">
                <legend class="setting__label">{move || i18n.t().language}</legend>
                <div class="segmented">
                    {Locale::ALL
                        .into_iter()
                        .map(|locale| {
                            let name = match locale {
                                Locale::Zh => "中文",
                                Locale::En => "English",
                            };
                            view! {
                                <label class="segmented__option" lang=locale.tag()>
                                    <input
                                        type="radio"
                                        name="language"
                                        prop:checked=move || i18n.locale() == locale
                                        on:change=move |_| i18n.set_locale(locale)
                                    />
                                    <span>{name}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <TextSizeSetting />
        </section>
    }
}

/// Signing out asks first (one tap too many on a shared phone would hand it to the next person
/// signed out), then ends the session on the server too; if the network is down it still ends
/// here, and the token simply expires on the server.
#[component]
fn SignOutButton() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let asking = RwSignal::new(false);
    let sign_out = Action::new_local(move |_: &()| async move {
        // During 代办 the API client speaks with the 代办 token: that session ends first, then
        // the own one, so no session of either stays alive on the server after signing out.
        if session.acting_untracked() {
            let _ = api.delete_single_try("/proxy/current").await;
            session.leave_proxy();
        }
        let _ = api.delete_single_try("/sessions/current").await;
        session.end(Farewell::SignedOut);
    });
    let pending = sign_out.pending();
    view! {
        <button
            type="button"
            class="button button--danger-outline button--block"
            aria-haspopup="dialog"
            disabled=move || pending.get()
            on:click=move |_| asking.set(true)
        >
            {move || if pending.get() { i18n.t().signing_out } else { i18n.t().sign_out }}
        </button>
        <ConfirmDialog
            open=asking
            id="sign-out"
            question=Signal::derive(move || texts().sign_out_question.to_owned())
            detail=Signal::derive(move || texts().sign_out_detail.to_owned())
            confirm=Signal::derive(move || i18n.t().sign_out.to_owned())
            cancel=Signal::derive(move || i18n.t().cancel.to_owned())
            on_confirm=Callback::new(move |_| {
                sign_out.dispatch(());
            })
        />
    }
}

/// Heads and staff act for residents of their scope without phones (代办) from here.
#[component]
fn ProxyLink() -> impl IntoView {
    let i18n = use_i18n();
    let label = move || if i18n.locale() == Locale::Zh { "代办" } else { "Act for a resident" };
    view! {
        <nav class="card link-list" aria-label=label>
            <A href=routes::proxy_list() attr:class="link-row">
                <span>{label}</span>
                <Icon name=IconName::ChevronRight />
            </A>
        </nav>
    }
}
