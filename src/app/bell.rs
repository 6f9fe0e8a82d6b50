//! 首页's bell 铃铛: the unread messages as a figure, opening 我的 → 消息. In the first load, so
//! it reads only the figure; the stream that keeps it current is a chunk fetched after.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::live::use_live;
use crate::components::{Icon, IconName};
use crate::i18n::use_i18n;
use crate::routes;

#[component]
pub fn Bell() -> impl IntoView {
    let i18n = use_i18n();
    let live = use_live();
    view! {
        // The name carries the figure ("消息，3 条未读"): the badge is for the eye only.
        <A href=routes::messages() attr:class="bell" attr:aria-label=move || (i18n.t().messages_bell)(live.unread())>
            <Icon name=IconName::Bell />
            {move || match live.unread() {
                0 => None,
                n => Some(view! {
                    <span class="bell__badge" aria-hidden="true">{if n > 99 { "99+".to_owned() } else { n.to_string() }}</span>
                }),
            }}
        </A>
    }
}
