//! 心愿审核: the pending wishes of the places a head holds (staff: the community's), oldest
//! first; each opens on its page, where it is published or declined.

use leptos::prelude::*;

use super::api::{self, List};
use super::card::{LoadError, WishList};
use super::frame::{Frame, Skeleton};
use crate::api::use_api;
use crate::routes;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let api = use_api();
    let queue = LocalResource::new(move || api::page(api, List::Review, None));
    view! {
        <Frame title=|t| t.review_title back=routes::wishes()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(first) => view! { <WishList list=List::Review first empty=|t| t.review_empty id="review" /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}
