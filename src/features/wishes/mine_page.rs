//! 我的心愿: what my household wished and what I claimed, newest first.

use leptos::prelude::*;
use linli_api_types::SubjectKind;

use super::api::{self, List};
use super::card::{LoadError, WishList};
use super::frame::{Frame, Skeleton};
use crate::api::live::{on_live_change, Concerns};
use crate::api::use_api;
use crate::routes;

#[component]
pub fn MyWishesPage() -> impl IntoView {
    let api = use_api();
    let mine = LocalResource::new(move || api::page(api, List::Mine, None));
    // One of them claimed or fulfilled while the list is open.
    on_live_change(Concerns::Kind(SubjectKind::Wish), move || mine.refetch());
    view! {
        <Frame title=|t| t.mine_title back=routes::wishes()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match mine.await {
                        // One page feeds both lists: the household's and those claimed.
                        Ok(first) => view! {
                            <WishList list=List::Mine first=first.clone() empty=|t| t.mine_empty heading=|t| t.mine_posted
                                keep=|w| w.mine id="posted" />
                            <WishList list=List::Mine first empty=|t| t.mine_empty heading=|t| t.mine_claimed
                                keep=|w| w.claimed_by_me id="claimed" />
                        }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}
