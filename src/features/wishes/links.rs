//! The way into 微心愿 from 服务 and 我的: the board for everyone, 许个心愿 and 我的心愿 for
//! those with a home, 心愿审核 for heads and staff. Small: it is in those tabs' chunks.

use leptos::prelude::*;
use leptos_router::components::A;

use super::texts::texts;
use crate::components::{Icon, IconName};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn WishLinks() -> impl IntoView {
    let session = use_session();
    let has_home = move || session.me().is_some_and(|me| me.household.is_some());
    let reviews = move || session.me().is_some_and(|me| !me.roles.is_empty() && me.proxy.is_none());
    view! {
        <nav class="card link-list" aria-label=move || texts().links_label>
            <A href=routes::wishes() attr:class="link-row">
                <span>
                    {move || texts().link_board}
                    <small class="link-row__hint">{move || texts().link_board_hint}</small>
                </span>
                <Icon name=IconName::ChevronRight />
            </A>
            <Show when=has_home>
                <A href=routes::wish_new() attr:class="link-row">
                    <span>{move || texts().link_post}</span>
                    <Icon name=IconName::ChevronRight />
                </A>
            </Show>
            <A href=routes::my_wishes() attr:class="link-row">
                <span>{move || texts().link_mine}</span>
                <Icon name=IconName::ChevronRight />
            </A>
            <Show when=reviews>
                <A href=routes::wish_review() attr:class="link-row">
                    <span>{move || texts().link_review}</span>
                    <Icon name=IconName::ChevronRight />
                </A>
            </Show>
        </nav>
    }
}
