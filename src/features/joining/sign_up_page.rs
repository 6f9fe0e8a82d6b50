//! 注册: the sign-up form, from the sign-in page ("还没有账号？注册") or a building's invite
//! (/join/{code}: the community and building fixed). Signed in at once either way: into 首页
//! when the register vouched, onto the waiting page otherwise.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use linli_api_types::{
    InviteTarget, JoinCommunity, JoinPlaces, NewPassword, PersonName, Phone, SignUpRequest,
    SignedUp,
};

use super::home_fields::{HomeChoice, HomeFields};
use super::texts::{texts, texts_in};
use crate::api::{use_api, Api, ApiError};
use crate::components::{PageFrame, Parent, TextField};
use crate::routes;
use crate::session::use_session;

/// What the form offers: every community, or the invite's building alone.
#[derive(Clone)]
struct Offer {
    communities: Vec<JoinCommunity>,
    invite: Option<InviteTarget>,
    /// The invite's code named nothing (renewed): the full choice is offered, with a word why.
    invite_gone: bool,
}

async fn load_offer(api: Api, code: Option<String>) -> Result<Offer, ApiError> {
    let mut invite_gone = false;
    if let Some(code) = code {
        match api
            .get::<InviteTarget>(&format!("/join/invites/{code}"))
            .await
        {
            Ok(invite) => {
                let community = JoinCommunity {
                    id: invite.community.id,
                    name: invite.community.name.clone(),
                    buildings: vec![invite.building.clone()],
                };
                return Ok(Offer {
                    communities: vec![community],
                    invite: Some(invite),
                    invite_gone,
                });
            }
            Err(error) if error.has_code(&["not_found"]) => invite_gone = true,
            Err(error) => return Err(error),
        }
    }
    let places = api.get::<JoinPlaces>("/join/places").await?;
    Ok(Offer {
        communities: places.communities,
        invite: None,
        invite_gone,
    })
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let session = use_session();
    let api = use_api();
    let i18n = crate::i18n::use_i18n();
    let navigate = use_navigate();
    // Someone signed in has an account already: 首页 is where they belong.
    Effect::new(move |previous: Option<()>| {
        if previous.is_none() && untrack(|| session.is_signed_in()) {
            navigate(routes::home(), NavigateOptions { replace: true, ..Default::default() });
        }
    });

    let params = use_params_map();
    let code = params.with_untracked(|p| p.get("code"));
    let offer = LocalResource::new(move || load_offer(api, code.clone()));

    let choice = HomeChoice::new();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<String>);
    let phone_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);

    Effect::new(move |_| {
        if let Some(Ok(offer)) = offer.get() {
            choice.preselect(&offer.communities);
        }
    });

    let sign_up = Action::new_local(move |request: &SignUpRequest| {
        let request = request.clone();
        async move { api.post_single_try::<_, SignedUp>("/join", &request).await }
    });
    let navigate = use_navigate();
    Effect::new(move |_| match sign_up.value().get() {
        Some(Ok(signed)) => {
            let next = if signed.matched {
                routes::home()
            } else {
                routes::join_status()
            };
            session.begin(signed.session);
            navigate(
                next,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
        Some(Err(error)) => {
            phone_error.set(error.field("phone"));
            password_error.set(error.field("password"));
            name_error.set(error.field("name"));
            choice.unit_error.set(error.field("unit_id"));
            choice.door_error.set(error.field("door"));
            let blamed = [
                phone_error,
                password_error,
                name_error,
                choice.unit_error,
                choice.door_error,
            ]
            .iter()
            .any(|e| e.with_untracked(Option::is_some));
            form_error.set((!blamed).then(|| error.message(i18n.t())));
        }
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = texts_in(i18n.locale());
        let home_ok = choice.check();
        let parsed_phone = Phone::parse(&phone.get_untracked()).ok();
        phone_error.set(parsed_phone.is_none().then(|| t.phone_bad.to_owned()));
        let password_ok = NewPassword::check(&password.get_untracked()).is_ok();
        password_error.set((!password_ok).then(|| t.password_short.to_owned()));
        let name_ok = PersonName::parse(&name.get_untracked()).is_ok();
        name_error.set((!name_ok).then(|| t.required.to_owned()));
        form_error.set(None);
        if let (true, Some(phone), true, true, Some(unit_id)) = (
            home_ok,
            parsed_phone,
            password_ok,
            name_ok,
            choice.unit.get_untracked(),
        ) {
            sign_up.dispatch(SignUpRequest {
                phone: phone.as_str().to_owned(),
                password: password.get_untracked(),
                name: name.get_untracked().trim().to_owned(),
                unit_id,
                door: choice.door.get_untracked().trim().to_owned(),
            });
        }
    };
    let pending = sign_up.pending();

    view! {
        <PageFrame title=Signal::derive(|| texts().sign_up_title.to_owned()) back_to=Some(Parent::Page(routes::sign_in()))>
            <Suspense fallback=|| view! { <p class="muted join__loading">"…"</p> }>
                {move || offer.get().map(|loaded| match loaded {
                    Err(error) => view! {
                        <p class="banner banner--error" role="alert">{error.message(crate::i18n::use_i18n().t())}</p>
                    }.into_any(),
                    Ok(offer) => {
                        let fixed = offer.invite.is_some();
                        let communities = offer.communities.clone();
                        view! {
                            {offer.invite.clone().map(|invite| view! {
                                <p class="card join__invited">
                                    {move || (texts().invited_to)(&invite.community.name, &invite.building.name)}
                                </p>
                            })}
                            {offer.invite_gone.then(|| view! {
                                <p class="banner banner--info" role="status">{move || texts().invite_gone}</p>
                            })}
                            <form class="card join__form" on:submit=on_submit novalidate>
                                <p class="join__intro">{move || texts().sign_up_intro}</p>
                                <HomeFields choice communities=Signal::stored(communities) fixed />
                                <TextField id="join-name" label=Signal::derive(|| texts().name) value=name
                                    error=name_error.into() autocomplete="name"
                                    placeholder=Signal::derive(|| texts().name_placeholder) max_length=20 />
                                <TextField id="join-phone" label=Signal::derive(|| texts().phone) value=phone
                                    error=phone_error.into() input_type="tel" input_mode="numeric"
                                    autocomplete="tel" max_length=20 />
                                <TextField id="join-password" label=Signal::derive(|| texts().password) value=password
                                    error=password_error.into() input_type="password"
                                    autocomplete="new-password" max_length=128 />
                                <p class="join__hint">{move || texts().password_hint}</p>
                                <p class="join__vouched">{move || texts().how_vouched}</p>
                                <Show when=move || form_error.with(Option::is_some)>
                                    <p class="banner banner--error" role="alert">{move || form_error.get()}</p>
                                </Show>
                                <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                                    {move || if pending.get() { texts().signing_up } else { texts().sign_up_button }}
                                </button>
                            </form>
                        }.into_any()
                    }
                })}
            </Suspense>
            <p class="join__switch">
                {move || texts().have_account} " "
                <A href=routes::sign_in()>{move || texts().sign_in_link}</A>
            </p>
        </PageFrame>
    }
}
