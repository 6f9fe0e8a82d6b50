//! 消息 (我的 → 消息, and 首页's bell): what concerns me, newest first, a page at a time. New
//! ones join the top as they arrive; opening one marks it read; 全部已读 marks read everything
//! up to the newest shown.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use linli_api_types::{Message, MessagePage};

use super::api;
use super::card::MessageCard;
use super::frame::{Frame, LoadError, Skeleton};
use super::texts::texts;
use crate::api::live::{on_live_change, use_live, Concerns};
use crate::api::{use_api, ApiError};
use crate::components::{ActionError, LoadMore};
use crate::i18n::use_i18n;
use crate::routes;

#[component]
pub fn MessagesPage() -> impl IntoView {
    let api = use_api();
    let first = LocalResource::new(move || api::page(api, None));
    view! {
        <Frame title=|t| t.list_title back=routes::me()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match first.await {
                        Ok(first) => view! { <Messages first /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

/// `fresh` (a first page fetched again) into `shown`: new messages on top, the read marks of
/// those already shown brought up to date, the older pages loaded below kept.
fn merge_newest(shown: &mut Vec<Message>, fresh: Vec<Message>) {
    let mut on_top = Vec::new();
    for message in fresh {
        match shown.iter_mut().find(|m| m.id == message.id) {
            Some(known) => *known = message,
            None => on_top.push(message),
        }
    }
    shown.splice(0..0, on_top);
}

#[component]
fn Messages(first: MessagePage) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let live = use_live();
    let MessagePage { items: first_items, next_cursor: first_next, unread: first_unread } = first;
    live.set_unread(first_unread);
    let items = RwSignal::new(first_items);
    let unread = RwSignal::new(first_unread);
    let next_cursor = RwSignal::new(first_next);
    let failure = RwSignal::new(None::<ApiError>);

    let load = Action::new_local(move |cursor: &String| api::page(api, Some(cursor.clone())));
    Effect::new(move |_| match load.value().get() {
        Some(Ok(MessagePage { items: page, next_cursor: next, .. })) => {
            items.update(|all| {
                for message in page {
                    if !all.iter().any(|m| m.id == message.id) {
                        all.push(message);
                    }
                }
            });
            next_cursor.set(next);
            failure.set(None);
        }
        Some(Err(error)) => failure.set(Some(error)),
        None => {}
    });
    let pending = load.pending();
    let more = Callback::new(move |_| {
        if let Some(cursor) = next_cursor.get_untracked() {
            load.dispatch(cursor);
        }
    });

    // A message arrived (or, polling, something changed): the newest page again.
    on_live_change(Concerns::Any, move || {
        spawn_local(async move {
            if let Ok(page) = api::page(api, None).await {
                let _ = items.try_update(|shown| merge_newest(shown, page.items));
                let _ = unread.try_set(page.unread);
                live.set_unread(page.unread);
            }
        });
    });

    let open = Callback::new(move |message: Message| {
        if message.read {
            return;
        }
        items.update(|all| {
            if let Some(m) = all.iter_mut().find(|m| m.id == message.id) {
                m.read = true;
            }
        });
        unread.update(|n| *n = (*n - 1).max(0));
        live.one_read();
        // Outlives the page, which is being left. Refused (a 代办 session may read the
        // resident's messages but not mark them): the bell takes the server's figure again.
        spawn_local(async move {
            if api::read(api, message.id).await.is_err() {
                if let Ok(count) = api::unread(api).await {
                    live.set_unread(count.unread);
                }
            }
        });
    });

    let read_all = Action::new_local(move |up_to: &i64| {
        let up_to = *up_to;
        async move {
            api::read_all(api, up_to).await?;
            api::unread(api).await.map(|count| (up_to, count))
        }
    });
    Effect::new(move |_| {
        if let Some(Ok((up_to, count))) = read_all.value().get() {
            items.update(|all| all.iter_mut().filter(|m| m.id <= up_to).for_each(|m| m.read = true));
            unread.set(count.unread);
            live.set_unread(count.unread);
        }
    });
    let reading = read_all.pending();
    let newest = move || items.with(|all| all.iter().map(|m| m.id).max());

    view! {
        <section class="card messages-head">
            <p class="messages-head__summary" role="status">
                {move || match unread.get() {
                    0 => texts().nothing_unread.to_owned(),
                    n => (texts().unread_summary)(n),
                }}
            </p>
            <div class="button-row">
                <button type="button" class="button button--ghost"
                    disabled=move || reading.get() || unread.get() == 0
                    on:click=move |_| {
                        if let Some(up_to) = newest() {
                            read_all.dispatch(up_to);
                        }
                    }>
                    {move || if reading.get() { texts().reading_all } else { texts().read_all }}
                </button>
                <A href=routes::message_settings() attr:class="button button--ghost">{move || texts().link_settings}</A>
            </div>
            <ActionError message=Signal::derive(move || read_all.value().get().and_then(Result::err).map(|e| e.message(i18n.t()))) />
        </section>
        <section class="card" aria-label=move || texts().list_label aria-busy=move || pending.get().to_string()>
            <Show when=move || items.with(|all| !all.is_empty())
                fallback=move || view! {
                    <div class="empty-state">
                        <p>{move || texts().empty}</p>
                        <p class="muted">{move || texts().empty_hint}</p>
                    </div>
                }>
                <ul class="message-list">
                    <For each=move || items.get() key=|m| (m.id, m.read) let:message>
                        <li><MessageCard message on_open=open /></li>
                    </For>
                </ul>
            </Show>
            <LoadMore failure next_cursor pending=pending.into() more />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::merge_newest;
    use chrono::Utc;
    use linli_api_types::{Message, MessageKind, MessageSubject, SubjectKind};

    fn message(id: i64, read: bool) -> Message {
        Message {
            id,
            kind: MessageKind::OrderAccepted,
            subject: MessageSubject { kind: SubjectKind::Order, id: 1 },
            title: String::new(),
            body: String::new(),
            path: "/services/orders/1".into(),
            at: Utc::now(),
            read,
        }
    }

    #[test]
    fn new_messages_go_on_top_and_known_ones_are_brought_up_to_date() {
        let mut shown = vec![message(5, false), message(4, false), message(2, true)];
        merge_newest(&mut shown, vec![message(7, false), message(6, false), message(5, true), message(4, false)]);
        let ids: Vec<(i64, bool)> = shown.iter().map(|m| (m.id, m.read)).collect();
        assert_eq!(ids, [(7, false), (6, false), (5, true), (4, false), (2, true)]);
    }
}
