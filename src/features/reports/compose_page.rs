//! 反映问题: the kind of problem, what is wrong, where, whether neighbours see the name, and up
//! to three photos. Kept on the phone as it is written; before it goes out, the open reports
//! of the same place and kind are offered (我也遇到了) instead of a duplicate. Sent offline, it
//! waits and goes once the phone is back, under the same keys however often it is tried.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};
use linli_api_types::{
    ReportCategory, ReportDraft, ReportLocation, ReportSummary, REPORT_PHOTOS_MAX, REPORT_PLACE_NOTE_MAX_CHARS,
    REPORT_TEXT_MAX_CHARS,
};

use super::api;
use super::common::Frame;
use super::draft::{self, Draft, Where};
use super::photo_picker::{self, PhotoPicker, Picked};
use super::similar::Similar;
use super::texts::{texts, ReportsTexts};
use crate::api::network::use_network;
use crate::api::{use_api, ApiError, IdempotencyKey};
use crate::components::{ActionError, FormErrors, LimitedTextField, TextArea};
use crate::i18n::use_i18n;
use crate::routes;
use crate::session::use_session;

/// The fields the server names in its field errors.
const FIELDS: &[&str] = &["category", "text", "location", "place_note", "photo_ids"];

#[component]
pub fn ComposePage() -> impl IntoView {
    view! {
        <Frame title=|t| t.compose_title back=routes::home()>
            <ComposeForm />
        </Frame>
    }
}

/// What the send action is given: the report's body without photo ids, and the photos.
#[derive(Clone)]
struct Outgoing {
    body: ReportDraft,
    photos: Vec<Picked>,
    key: IdempotencyKey,
}

#[component]
fn ComposeForm() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let network = use_network();
    let navigate = use_navigate();
    let session = use_session();
    let has_home = session.me().is_some_and(|me| me.household.is_some());

    let saved = draft::load();
    let restored = saved.as_ref().is_some_and(|d| !d.text.is_empty() || !d.photos.is_empty());
    let start = saved.unwrap_or_else(|| Draft {
        place: if has_home { Where::Home } else { Where::Community },
        key: IdempotencyKey::new(),
        ..Draft::default()
    });
    let (restored_photos, photos_lost) = photo_picker::restore(&start.photos);
    let resume = start.submitted;

    let category = RwSignal::new(start.category);
    let text = RwSignal::new(start.text);
    let place = RwSignal::new(start.place);
    let building = RwSignal::new(start.building_id);
    let place_note = RwSignal::new(start.place_note);
    let show_name = RwSignal::new(start.show_name);
    let photos = RwSignal::new(restored_photos);
    let key = StoredValue::new(start.key);
    let submitted = RwSignal::new(start.submitted);
    let not_kept = RwSignal::new(photos_lost);
    let errors = FormErrors::new(FIELDS);
    let (category_error, text_error, location_error, note_error, photos_error) =
        (errors.at("category"), errors.at("text"), errors.at("location"), errors.at("place_note"), errors.at("photo_ids"));

    let current = move || Draft {
        category: category.get(),
        text: text.get(),
        place: place.get(),
        building_id: building.get(),
        place_note: place_note.get(),
        show_name: show_name.get(),
        photos: photos.with(|all| all.iter().map(Picked::draft).collect()),
        key: key.get_value(),
        submitted: submitted.get(),
    };
    // Kept on every change (not on the first run, which would only write back what was read).
    let gone = StoredValue::new(false);
    Effect::new(move |first: Option<()>| {
        let draft = current();
        if first.is_some() && !gone.get_value() {
            draft::save(&draft);
        }
    });

    let location = move || match place.get_untracked() {
        Where::Home => Some(ReportLocation::Home),
        Where::Community => Some(ReportLocation::Community),
        Where::Building => building.get_untracked().map(|building_id| ReportLocation::Building { building_id }),
    };

    let send = Action::new_local(move |out: &Outgoing| {
        let Outgoing { mut body, photos, key } = out.clone();
        async move {
            let mut ids = Vec::with_capacity(photos.len());
            for photo in photos {
                ids.push(photo_picker::upload(api, photo).await?);
            }
            body.photo_ids = ids;
            api::send(api, &body, &key).await
        }
    });
    let sending = send.pending();
    Effect::new(move |_| match send.value().get() {
        Some(Ok(view)) => {
            gone.set_value(true);
            draft::discard(&untrack(current));
            navigate(&routes::report(view.summary.id), NavigateOptions { replace: true, ..Default::default() });
        }
        Some(Err(error)) => {
            submitted.set(false);
            // Refused: nothing was stored under the key, so the corrected report goes out
            // under a fresh one. Without an answer the key stays for the retry.
            if matches!(error, ApiError::Problem(_)) {
                key.set_value(IdempotencyKey::new());
            }
            // A draft older than a day names photos the server has removed: they go up again
            // on the next 提交 (the message at the photos says so).
            if photos_gone(&error) {
                photo_picker::upload_again(photos, true);
            }
            errors.show(error);
        }
        None => {}
    });

    let dispatch = move || {
        let Some(location) = location() else { return };
        let Some(category) = category.get_untracked() else { return };
        submitted.set(true);
        send.dispatch(Outgoing {
            body: ReportDraft {
                category,
                text: text.get_untracked().trim().to_owned(),
                location,
                place_note: place_note.get_untracked().trim().to_owned(),
                show_name: show_name.get_untracked(),
                photo_ids: Vec::new(),
            },
            photos: photos.get_untracked(),
            key: key.get_value(),
        });
    };

    // Pressed 提交 before and closed or reloaded the page since: it goes out again, once.
    if resume {
        request_animation_frame(dispatch);
    }

    // The open reports of the same kind and place, asked once per kind and place.
    let similar = RwSignal::new(None::<Vec<ReportSummary>>);
    let checked_for = StoredValue::new(None::<(ReportCategory, ReportLocation)>);
    let check = Action::new_local(move |(category, location): &(ReportCategory, ReportLocation)| {
        let (category, location) = (*category, *location);
        async move { api::similar(api, category, location).await }
    });
    let checking = check.pending();
    // Another kind or place: what was found before is about something else.
    Effect::new(move |_| {
        (category.track(), place.track(), building.track());
        similar.set(None);
    });
    Effect::new(move |_| match check.value().get() {
        Some(Ok(found)) if !found.items.is_empty() => similar.set(Some(found.items)),
        // Nothing like it, or the check could not be made (offline): send it.
        Some(_) => dispatch(),
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let t = ReportsTexts::of(i18n.locale_untracked());
        category_error.set(category.get_untracked().is_none().then(|| t.category_required.to_owned()));
        let chars = text.with_untracked(|s| s.trim().chars().count());
        text_error.set(if chars == 0 {
            Some(t.text_required.to_owned())
        } else if chars > REPORT_TEXT_MAX_CHARS {
            Some((t.too_long)(REPORT_TEXT_MAX_CHARS))
        } else {
            None
        });
        location_error.set(
            (place.get_untracked() == Where::Building && building.get_untracked().is_none())
                .then(|| t.building_required.to_owned()),
        );
        note_error.set(
            (place_note.with_untracked(|s| s.trim().chars().count()) > REPORT_PLACE_NOTE_MAX_CHARS)
                .then(|| (t.too_long)(REPORT_PLACE_NOTE_MAX_CHARS)),
        );
        photos_error.set(None);
        errors.form.set(None);
        if !errors.fields_clear() {
            return;
        }
        let (Some(category), Some(location)) = (category.get_untracked(), location()) else { return };
        let wanted = (category, location);
        if checked_for.get_value() == Some(wanted) || !network.online() {
            dispatch();
        } else {
            checked_for.set_value(Some(wanted));
            similar.set(None);
            check.dispatch(wanted);
        }
    };
    let busy = Signal::derive(move || sending.get() || checking.get());
    let offline_waiting = move || sending.get() && !network.online();

    view! {
        <p class="muted compose-intro">{move || texts().compose_intro}</p>
        <form class="card report-form" on:submit=on_submit novalidate>
            {restored.then(|| view! { <p class="banner banner--info" role="status">{move || texts().draft_restored}</p> })}
            {resume.then(|| view! { <p class="banner banner--info" role="status">{move || texts().resuming}</p> })}
            <CategoryChoice category error=category_error />
            <TextArea id="text" label=Signal::derive(move || texts().text_label) value=text error=text_error.into()
                max_chars=REPORT_TEXT_MAX_CHARS rows=5 />
            <WhereChoice place building has_home error=location_error />
            <LimitedTextField id="place_note" label=Signal::derive(move || texts().place_note_label) value=place_note
                error=note_error.into() max_chars=REPORT_PLACE_NOTE_MAX_CHARS
                hint=Signal::derive(move || Some(texts().place_note_hint.to_owned())) />
            <div class="field field--check">
                <label class="check">
                    <input type="checkbox" id="show_name" prop:checked=move || show_name.get()
                        on:change=move |ev| show_name.set(event_target_checked(&ev)) aria-describedby="show-name-hint" />
                    <span>{move || texts().show_name_label}</span>
                </label>
                <p class="field__hint" id="show-name-hint">{move || texts().show_name_hint}</p>
            </div>
            <PhotoPicker photos max=REPORT_PHOTOS_MAX not_kept error=photos_error locked=busy keep=true />
            {move || similar.get().map(|items| view! {
                <Similar items send_anyway=Callback::new(move |_| dispatch()) sending=busy />
            })}
            <Show when=offline_waiting>
                <p class="banner banner--info" role="status">{move || texts().offline_will_send}</p>
            </Show>
            <button type="submit" class="button button--primary button--block" disabled=move || busy.get()
                hidden=move || similar.with(Option::is_some)>
                {move || if checking.get() {
                    texts().checking_similar
                } else if sending.get() {
                    texts().submitting
                } else {
                    texts().submit
                }}
            </button>
            <ActionError message=Signal::derive(move || errors.form.get().map(|error| error.message(i18n.t()))) />
        </form>
    }
}

/// The server refused the photo ids because it no longer has those photos.
fn photos_gone(error: &ApiError) -> bool {
    matches!(error, ApiError::Problem(p)
        if p.errors.iter().any(|e| e.field.starts_with("photo_ids") && e.code == "photo_not_available"))
}

/// 环境卫生 设施维修 …: one kind, chosen by tapping its chip (a radio group underneath).
#[component]
fn CategoryChoice(category: RwSignal<Option<ReportCategory>>, error: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <fieldset class="field choices-field" aria-describedby="category-error">
            <legend class="field__label">{move || texts().category_legend}</legend>
            <div class="choices">
                {ReportCategory::ALL.into_iter().map(|c| view! {
                    <label class="choice" class:choice--on=move || category.get() == Some(c)>
                        <input type="radio" name="category" value=c.as_str()
                            prop:checked=move || category.get() == Some(c)
                            on:change=move |_| { category.set(Some(c)); error.set(None); } />
                        <span>{move || texts().category(c)}</span>
                    </label>
                }).collect_view()}
            </div>
            <p class="field__error" id="category-error" role="alert">{move || error.get()}</p>
        </fieldset>
    }
}

/// 我家所在单元 / 选择楼栋 / 社区公共区域; a building is picked from the community's list.
#[component]
fn WhereChoice(
    place: RwSignal<Where>,
    building: RwSignal<Option<i64>>,
    has_home: bool,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let community = session.me().map(|me| me.community.id);
    let buildings = LocalResource::new(move || {
        let wanted = place.get() == Where::Building;
        async move {
            if !wanted {
                return Ok(Vec::new());
            }
            let places = api::places(api).await?;
            Ok::<_, ApiError>(
                places.communities.into_iter().find(|c| Some(c.id) == community).map(|c| c.buildings).unwrap_or_default(),
            )
        }
    });
    let choices: [(Where, fn(&ReportsTexts) -> &'static str); 3] =
        [(Where::Home, |t| t.where_home), (Where::Building, |t| t.where_building), (Where::Community, |t| t.where_community)];
    view! {
        <fieldset class="field choices-field" aria-describedby="location-error">
            <legend class="field__label">{move || texts().where_legend}</legend>
            <div class="choices">
                {choices.into_iter().map(|(w, label)| {
                    let closed = w == Where::Home && !has_home;
                    view! {
                        <label class="choice" class:choice--on=move || place.get() == w class:choice--off=closed>
                            <input type="radio" name="where" value=format!("{w:?}").to_lowercase() disabled=closed
                                prop:checked=move || place.get() == w
                                on:change=move |_| { place.set(w); error.set(None); } />
                            <span>{move || label(texts())}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            {(!has_home).then(|| view! { <p class="field__hint">{move || texts().where_home_none}</p> })}
            <Show when=move || place.get() == Where::Building>
                <div class="field">
                    <label class="field__label" for="building">{move || texts().building_label}</label>
                    <Transition fallback=move || view! { <p class="muted">{move || texts().buildings_loading}</p> }>
                        {move || Suspend::new(async move {
                            let list = buildings.await.unwrap_or_default();
                            view! {
                                <select id="building" class="field__input"
                                    aria-invalid=move || error.with(Option::is_some).to_string()
                                    on:change=move |ev| {
                                        building.set(event_target_value(&ev).parse().ok());
                                        error.set(None);
                                    }>
                                    <option value="" selected=move || building.get().is_none()>{move || texts().building_choose}</option>
                                    {list.into_iter().map(|b| view! {
                                        <option value=b.id.to_string() selected=move || building.get() == Some(b.id)>{b.name}</option>
                                    }).collect_view()}
                                </select>
                            }
                        })}
                    </Transition>
                </div>
            </Show>
            <p class="field__error" id="location-error" role="alert">{move || error.get()}</p>
        </fieldset>
    }
}
