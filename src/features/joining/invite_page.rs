//! 邀请邻居 (/me/invite): each building the head may invite to, with its QR code (drawn by the
//! server, big enough to scan from a phone held up), the link to copy into the building's group
//! chat, and renewing it when an old one went where it should not.

use leptos::prelude::*;
use linli_api_types::{BuildingInvite, BuildingInvites};
use wasm_bindgen::JsCast;

use super::texts::{texts, texts_in};
use crate::api::use_api;
use crate::components::{ActionError, ConfirmDialog, PageFrame, Parent};
use crate::i18n::use_i18n;
use crate::routes;

/// The link as this app is reached: the server's `url` names the host it was asked on, which
/// is the same, but the app's own origin is certain.
fn link_of(invite: &BuildingInvite) -> String {
    window()
        .location()
        .origin()
        .map(|origin| format!("{origin}{}", invite.path))
        .unwrap_or_else(|_| invite.url.clone())
}

/// `navigator.clipboard.writeText(text)`, through reflection: one call does not justify the
/// web-sys clipboard features.
fn copy(text: &str) -> bool {
    let navigator = window().navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    write
        .dyn_ref::<js_sys::Function>()
        .is_some_and(|write| write.call1(&clipboard, &text.into()).is_ok())
}

#[component]
pub fn InvitePage() -> impl IntoView {
    let api = use_api();
    let invites =
        LocalResource::new(move || async move { api.get::<BuildingInvites>("/invites").await });
    view! {
        <PageFrame title=Signal::derive(|| texts().invite_title.to_owned()) back_to=Some(Parent::Page(routes::me()))>
            <p class="join__intro">{move || texts().invite_intro}</p>
            <Suspense fallback=|| view! { <div class="card skeleton skeleton--tall" aria-hidden="true"></div> }>
                {move || invites.get().map(|loaded| match loaded {
                    Err(error) => view! {
                        <p class="banner banner--error" role="alert">{error.message(use_i18n().t())}</p>
                    }.into_any(),
                    Ok(list) => list.items.into_iter().map(|invite| view! { <InviteCard invite /> }).collect_view().into_any(),
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn InviteCard(invite: BuildingInvite) -> impl IntoView {
    let api = use_api();
    let building_id = invite.building.id;
    let current = RwSignal::new(invite);
    let said = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let asking = RwSignal::new(false);
    let renew = Action::new_local(move |_: &()| async move {
        api.post_single_try::<_, BuildingInvite>(&format!("/buildings/{building_id}/invite"), &())
            .await
    });
    Effect::new(move |_| match renew.value().get() {
        Some(Ok(invite)) => {
            current.set(invite);
            said.set(Some(texts().renewed.to_owned()));
        }
        Some(Err(failure)) => error.set(Some(failure.message(use_i18n().t()))),
        None => {}
    });
    let i18n = use_i18n();
    let heading_id = format!("invite-{building_id}");
    let labelled_by = heading_id.clone();
    // The dialog takes a &'static id; staff see one card per building, each with its own.
    let dialog_id: &'static str = Box::leak(format!("renew-{building_id}").into_boxed_str());
    view! {
        <section class="card invite" aria-labelledby=labelled_by>
            <h2 class="card__title" id=heading_id>{move || current.with(|i| i.building.name.clone())}</h2>
            <div class="invite__qr" role="img"
                aria-label=move || current.with(|i| (texts().qr_label)(&i.building.name))
                inner_html=move || current.with(|i| i.qr_svg.clone())>
            </div>
            <p class="invite__link">{move || current.with(link_of)}</p>
            <p class="visually-hidden" role="status">{move || said.get()}</p>
            <div class="invite__buttons">
                <button type="button" class="button button--primary button--block"
                    on:click=move |_| {
                        let link = current.with_untracked(link_of);
                        if copy(&link) {
                            said.set(Some(texts_in(i18n.locale()).copied.to_owned()));
                        }
                    }>
                    {move || texts().copy_link}
                </button>
                <button type="button" class="button button--ghost button--block" aria-haspopup="dialog"
                    disabled=move || renew.pending().get() on:click=move |_| asking.set(true)>
                    {move || texts().renew}
                </button>
            </div>
            <Show when=move || said.with(Option::is_some)>
                <p class="invite__said" aria-hidden="true">{move || said.get()}</p>
            </Show>
            <ActionError message=error />
            <ConfirmDialog open=asking id=dialog_id
                question=Signal::derive(|| texts().renew_question.to_owned())
                detail=Signal::derive(|| texts().renew_detail.to_owned())
                confirm=Signal::derive(|| texts().renew.to_owned())
                cancel=Signal::derive(|| texts().cancel.to_owned())
                on_confirm=Callback::new(move |_| { renew.dispatch(()); }) />
        </section>
    }
}
