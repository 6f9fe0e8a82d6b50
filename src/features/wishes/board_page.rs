//! 心愿墙: the community's open wishes, newest first. Each card leads to the wish's page, where
//! a volunteer claims it.

use leptos::prelude::*;
use leptos_router::components::A;

use super::api::{self, List};
use super::card::{LoadError, WishList};
use super::frame::{Frame, Skeleton};
use super::texts::texts;
use crate::api::use_api;
use crate::routes;
use crate::session::use_session;

#[component]
pub fn BoardPage() -> impl IntoView {
    let api = use_api();
    let session = use_session();
    let has_home = move || session.me().is_some_and(|me| me.household.is_some());
    let board = LocalResource::new(move || api::page(api, List::Board, None));
    view! {
        <Frame title=|t| t.board_title back=routes::services()>
            <p class="services-intro">{move || texts().board_intro}</p>
            <Show when=has_home>
                <A href=routes::wish_new() attr:class="button button--primary button--block">{move || texts().link_post}</A>
            </Show>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok(first) => view! { <WishList list=List::Board first empty=|t| t.board_empty id="board" /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}
