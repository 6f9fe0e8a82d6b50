//! Adding up to three photos: 拍照 (the camera) or 从相册选择 (the album), each a styled button
//! in front of a hidden file input, so the phone's own "Choose File" never shows. Each photo
//! is shrunk on the phone, kept in the draft, and uploaded at once under its own key, with
//! its state beside it; one can be removed until the report is sent.

use std::sync::Arc;

use gloo_timers::future::sleep;
use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

use super::api;
use super::draft::{self, DraftPhoto};
use super::photo;
use super::texts::{texts, ReportsTexts};
use crate::api::{use_api, Api, ApiError, IdempotencyKey};

/// Where a photo's upload stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Upload {
    Waiting,
    Uploading,
    Uploaded(i64),
    /// No answer (tried again when the report is sent), or the server's words.
    Failed(Option<String>),
}

/// A photo on the form: its key, its shrunk bytes, the blob: URL that shows it, its upload.
#[derive(Clone)]
pub struct Picked {
    pub key: IdempotencyKey,
    pub bytes: Arc<Vec<u8>>,
    pub url: String,
    pub upload: RwSignal<Upload>,
}

impl Picked {
    fn new(key: IdempotencyKey, bytes: Vec<u8>, uploaded: Option<i64>) -> Option<Self> {
        let url = photo::object_url(&bytes, "image/jpeg")?;
        let upload = RwSignal::new(uploaded.map_or(Upload::Waiting, Upload::Uploaded));
        Some(Self { key, bytes: Arc::new(bytes), url, upload })
    }

    /// The photo as the draft keeps it.
    pub fn draft(&self) -> DraftPhoto {
        let uploaded = match self.upload.get() {
            Upload::Uploaded(id) => Some(id),
            _ => None,
        };
        DraftPhoto { key: self.key.clone(), uploaded }
    }
}

/// The draft's photos back from storage; those whose bytes the phone could not keep are gone
/// (the second value says so).
pub fn restore(photos: &[DraftPhoto]) -> (Vec<Picked>, bool) {
    let restored: Vec<Picked> = photos
        .iter()
        .filter_map(|p| Picked::new(p.key.clone(), draft::load_photo(&p.key)?, p.uploaded))
        .collect();
    let lost = restored.len() < photos.len();
    (restored, lost)
}

/// The server no longer has the photos the draft names (unattached photos go after a day, and
/// this draft waited longer): each goes up again as a new photo, under a new key.
pub fn upload_again(photos: RwSignal<Vec<Picked>>, keep: bool) {
    photos.update(|all| {
        for photo in all.iter_mut() {
            draft::forget_photo(&photo.key);
            photo.key = IdempotencyKey::new();
            if keep {
                draft::keep_photo(&photo.key, &photo.bytes);
            }
            photo.upload.set(Upload::Waiting);
        }
    });
}

/// Uploads `photo` unless it is up or on its way (then waits for that upload); its id.
pub async fn upload(api: Api, photo: Picked) -> Result<i64, ApiError> {
    loop {
        match photo.upload.get_untracked() {
            Upload::Uploaded(id) => return Ok(id),
            Upload::Uploading => sleep(std::time::Duration::from_millis(300)).await,
            Upload::Waiting | Upload::Failed(_) => break,
        }
    }
    photo.upload.set(Upload::Uploading);
    let result = api::upload_photo(api, &photo.bytes, &photo.key).await;
    let _ = photo.upload.try_set(match &result {
        Ok(up) => Upload::Uploaded(up.id),
        Err(ApiError::Problem(problem)) => Upload::Failed(Some(problem.detail.clone().unwrap_or(problem.title.clone()))),
        Err(_) => Upload::Failed(None),
    });
    result.map(|up| up.id)
}

#[component]
pub fn PhotoPicker(
    photos: RwSignal<Vec<Picked>>,
    max: usize,
    /// A photo the phone's storage refused: kept for this visit only.
    not_kept: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    /// The report is on its way: no adding or removing.
    #[prop(into)]
    locked: Signal<bool>,
    /// Keep the shrunk photos on the phone with the draft (the report form does; a handler's
    /// one photo of the result does not).
    #[prop(optional)]
    keep: bool,
    /// The legend's words, when not the report form's.
    #[prop(optional)]
    legend: Option<fn(&ReportsTexts) -> String>,
    /// The error line's id, unique on the page.
    #[prop(default = "photos-error")]
    error_id: &'static str,
) -> impl IntoView {
    let api = use_api();
    let i18n = crate::i18n::use_i18n();
    let shrinking = RwSignal::new(0usize);
    let camera = NodeRef::<html::Input>::new();
    let album = NodeRef::<html::Input>::new();
    let room = move || max.saturating_sub(photos.with(Vec::len) + shrinking.get());
    let picked = move |input: web_sys::HtmlInputElement| {
        let Some(files) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).take(room()).collect();
        // The same file may be chosen again later: the input forgets this choice.
        input.set_value("");
        for file in files {
            shrinking.update(|n| *n += 1);
            leptos::task::spawn_local(async move {
                let shrunk = photo::shrink(file.unchecked_ref()).await;
                let _ = shrinking.try_update(|n| *n = n.saturating_sub(1));
                let Ok(bytes) = shrunk else {
                    let _ = error.try_set(Some(ReportsTexts::of(i18n.locale_untracked()).photo_unreadable.to_owned()));
                    return;
                };
                let key = IdempotencyKey::new();
                if keep && !draft::keep_photo(&key, &bytes) {
                    let _ = not_kept.try_set(true);
                }
                let Some(picked) = Picked::new(key, bytes, None) else { return };
                let _ = error.try_set(None);
                if photos.try_update(|all| all.push(picked.clone())).is_some() {
                    // Uploaded while the resident writes: sending is then quick. Offline, it
                    // waits for the network; a failure is tried again on 提交.
                    let _ = upload(api, picked).await;
                }
            });
        }
    };
    let remove = move |key: IdempotencyKey| {
        photos.update(|all| {
            if let Some(i) = all.iter().position(|p| p.key == key) {
                let gone = all.remove(i);
                photo::revoke(&gone.url);
                draft::forget_photo(&gone.key);
            }
        });
    };
    on_cleanup(move || {
        if let Some(all) = photos.try_get_untracked() {
            for p in all {
                photo::revoke(&p.url);
            }
        }
    });
    let full = move || room() == 0;
    let numbered = move || photos.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <fieldset class="photos" aria-describedby=error_id>
            <legend class="field__label">{move || match legend { Some(words) => words(texts()), None => (texts().photos_legend)(max) }}</legend>
            <ul class="photo-row photo-row--edit">
                <For each=numbered key=|(i, p)| (*i, p.key.as_str().to_owned()) let:item>
                    {
                        let (i, p) = item;
                        let key = p.key.clone();
                        let state = p.upload;
                        view! {
                            <li class="photo-edit">
                                <img class="photo-edit__img" src=p.url.clone() alt=move || (texts().photo_alt)(i + 1) />
                                <p class="photo-edit__state" role="status">{move || state_words(&state.get())}</p>
                                <button type="button" class="photo-edit__remove" disabled=move || locked.get()
                                    aria-label=move || (texts().remove_photo)(i + 1)
                                    on:click=move |_| remove(key.clone())>"×"</button>
                            </li>
                        }
                    }
                </For>
                {move || (0..shrinking.get()).map(|_| view! {
                    <li class="photo-edit photo-edit--busy"><p class="photo-edit__state" role="status">{move || texts().photo_shrinking}</p></li>
                }).collect_view()}
            </ul>
            <input node_ref=camera type="file" accept="image/*" capture="environment" hidden tabindex="-1" aria-hidden="true"
                on:change=move |ev| picked(event_target(&ev)) />
            <input node_ref=album type="file" accept="image/*" multiple hidden tabindex="-1" aria-hidden="true"
                on:change=move |ev| picked(event_target(&ev)) />
            <Show when=move || !full() fallback=move || view! { <p class="field__hint">{move || (texts().photos_full)(max)}</p> }>
                <div class="photo-buttons">
                    <button type="button" class="button button--ghost photo-add" disabled=move || locked.get()
                        on:click=move |_| if let Some(i) = camera.get() { i.click() }>
                        {move || texts().take_photo}
                    </button>
                    <button type="button" class="button button--ghost photo-add" disabled=move || locked.get()
                        on:click=move |_| if let Some(i) = album.get() { i.click() }>
                        {move || texts().choose_photo}
                    </button>
                </div>
            </Show>
            <Show when=move || not_kept.get()>
                <p class="banner banner--info" role="status">{move || texts().photos_not_kept}</p>
            </Show>
            <p class="field__error" id=error_id role="alert">{move || error.get()}</p>
        </fieldset>
    }
}

/// Read inside the view, so it follows the language.
fn state_words(state: &Upload) -> String {
    let t = texts();
    match state {
        Upload::Waiting => t.photo_waiting.to_owned(),
        Upload::Uploading => t.photo_uploading.to_owned(),
        Upload::Uploaded(_) => t.photo_uploaded.to_owned(),
        Upload::Failed(None) => t.photo_failed.to_owned(),
        Upload::Failed(Some(why)) => why.clone(),
    }
}
