//! A report's photos as the server keeps them: only for those who may see the report, so
//! fetched with the session's token through the one client (an `<img src>` could not carry
//! it) and shown from a blob: URL, revoked when the image goes. A thumbnail opens the full
//! photo on tap.

use leptos::prelude::*;
use linli_api_types::PhotoRef;

use super::photo;
use super::texts::texts;
use crate::api::use_api;

/// `path`'s image as a blob: URL, while the calling view lives.
fn blob_url(path: String) -> RwSignal<Option<String>> {
    let api = use_api();
    let url = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        if let Ok(bytes) = api.get_bytes(&path).await {
            if let Some(made) = photo::object_url(&bytes, "image/jpeg") {
                // The view may have gone while the photo came: then the URL goes at once.
                if url.try_set(Some(made.clone())).is_some() {
                    photo::revoke(&made);
                }
            }
        }
    });
    on_cleanup(move || {
        if let Some(made) = url.try_get_untracked().flatten() {
            photo::revoke(&made);
        }
    });
    url
}

/// A row of thumbnails; tapping one shows it whole.
#[component]
pub fn PhotoRow(photos: Vec<PhotoRef>) -> impl IntoView {
    let open = RwSignal::new(None::<PhotoRef>);
    view! {
        <ul class="photo-row">
            {photos.into_iter().enumerate().map(|(i, p)| view! { <li><Thumb photo=p n=i + 1 open /></li> }).collect_view()}
        </ul>
        {move || open.get().map(|p| view! { <FullPhoto photo=p open /> })}
    }
}

#[component]
fn Thumb(photo: PhotoRef, n: usize, open: RwSignal<Option<PhotoRef>>) -> impl IntoView {
    let url = blob_url(photo.thumb_path.clone());
    view! {
        <button type="button" class="photo-thumb" aria-label=move || (texts().photo_alt)(n)
            on:click=move |_| open.set(Some(photo.clone()))>
            {move || match url.get() {
                Some(src) => view! { <img src=src alt="" /> }.into_any(),
                None => view! { <span class="photo-thumb__wait" aria-hidden="true"></span> }.into_any(),
            }}
        </button>
    }
}

/// The whole photo over the page; the close button takes the focus, Escape or a tap closes.
#[component]
fn FullPhoto(photo: PhotoRef, open: RwSignal<Option<PhotoRef>>) -> impl IntoView {
    let url = blob_url(photo.path.clone());
    let close = move || open.set(None);
    let button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = button.get() {
            let _ = b.focus();
        }
    });
    view! {
        <div class="photo-full" role="dialog" aria-modal="true" aria-label=move || texts().photos_heading
            on:click=move |_| close()
            on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            <button node_ref=button type="button" class="photo-full__close" on:click=move |_| close()>
                {move || texts().close_photo}
            </button>
            {move || match url.get() {
                Some(src) => view! { <img src=src alt="" width=photo.width height=photo.height /> }.into_any(),
                None => view! { <p class="photo-full__wait" role="status">{move || texts().photo_loading}</p> }.into_any(),
            }}
        </div>
    }
}
