//! One message in the list: what happened, when, and whether it is read — as a word as well as
//! the look, so it does not rest on colour. Opening it opens what it is about.

use chrono::Utc;
use leptos::prelude::*;
use linli_api_types::Message;

use super::texts::texts;
use crate::i18n::{time, use_i18n};
use crate::routes;

/// Only the app's own pages are followed: the path comes from the server, but a link must
/// never lead out of the app.
fn app_path(path: &str) -> &str {
    if path.starts_with('/') && !path.starts_with("//") {
        path
    } else {
        routes::messages()
    }
}

#[component]
pub fn MessageCard(
    message: Message,
    /// Runs as the message is opened, before the page it leads to shows.
    on_open: Callback<Message>,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = app_path(&message.path).to_owned();
    let Message { title, body, at, read, kind, .. } = message.clone();
    let group = kind.group();
    // On the link itself (events are not delegated in this app), so it runs before the router,
    // which listens on the window, changes the page.
    let open = move |_| on_open.run(message.clone());
    view! {
        <a href=href class="message-card" class:message-card--unread=!read on:click=open>
            <span class="message-card__head">
                <strong class="message-card__title">{title}</strong>
                {(!read).then(|| view! { <span class="badge badge--unread">{move || texts().unread}</span> })}
            </span>
            <span class="message-card__body">{body}</span>
            <span class="message-card__meta">
                <span>{move || texts().group(group)}</span>
                <time datetime=at.to_rfc3339()>{move || time::relative(i18n.t(), at, Utc::now())}</time>
            </span>
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::app_path;

    #[test]
    fn only_paths_of_this_app_are_followed() {
        assert_eq!(app_path("/services/orders/12"), "/services/orders/12");
        assert_eq!(app_path("//evil.example/x"), "/me/messages");
        assert_eq!(app_path("https://evil.example"), "/me/messages");
    }
}
