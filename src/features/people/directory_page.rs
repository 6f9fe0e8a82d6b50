//! 居民: heads and staff search the people of their places by name, phone or room; staff see
//! the staff changes waiting for their approval above.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use linli_api_types::{PeoplePage, Role};

use super::card::PersonCard;
use super::staff_changes::StaffChangesSection;
use super::texts::texts;
use crate::api::use_api;
use crate::components::{PageFrame, Parent, Skeleton, TextField};
use crate::i18n::use_i18n;
use crate::routes;
use crate::session::use_session;

#[component]
pub fn PeopleDirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let staff = use_session().me().is_some_and(|me| me.holds(Role::Staff));
    let typed = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let found = LocalResource::new(move || {
        let q = query.get();
        async move {
            let path = format!("/people?q={}", js_sys::encode_uri_component(q.trim()));
            api.get::<PeoplePage>(&path).await
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        query.set(typed.get_untracked());
    };
    let title = Signal::derive(move || texts().people_title.to_owned());
    view! {
        <PageFrame title back_to=Some(Parent::Page(routes::me()))>
            {staff.then(|| view! { <StaffChangesSection /> })}
            <form class="card people-search" role="search" on:submit=on_submit novalidate>
                <TextField
                    id="people_q"
                    label=Signal::derive(move || texts().search_label)
                    value=typed
                    error=Signal::derive(|| None)
                    input_type="search"
                    placeholder=Signal::derive(move || texts().search_hint)
                    max_length=40
                />
                <button type="submit" class="button button--primary button--block">{move || texts().search_button}</button>
            </form>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(page) if page.items.is_empty() => view! { <p class="card muted">{move || texts().no_one}</p> }.into_any(),
                        Ok(page) => {
                            let count = page.items.len();
                            let more = page.more;
                            view! {
                                <section class="people-results" aria-labelledby="people-found">
                                    <h2 id="people-found" class="people-results__count">{move || (texts().found)(count)}</h2>
                                    <ul class="person-list">
                                        {page.items.into_iter().map(|person| view! { <PersonCard person /> }).collect_view()}
                                    </ul>
                                    {more.then(|| view! { <p class="muted">{move || texts().narrow}</p> })}
                                </section>
                            }.into_any()
                        }
                        Err(error) => view! { <p class="card banner banner--error" role="alert">{move || error.message(i18n.t())}</p> }.into_any(),
                    }
                })}
            </Transition>
        </PageFrame>
    }
}
