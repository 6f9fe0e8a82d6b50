//! 首页's card for a resident whose request waits (or was declined): a plain sentence and the
//! way to the request's page, where the reviewers are named. Words only and no request, since
//! 首页 is in the first load; the page itself is in the joining chunk.

use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::AccountStatus;

use crate::i18n::{use_i18n, Locale};
use crate::routes;

#[component]
pub fn JoinHomeCard(status: AccountStatus) -> impl IntoView {
    let i18n = use_i18n();
    let declined = status == AccountStatus::Declined;
    let words = move || match (i18n.locale(), declined) {
        (Locale::Zh, false) => (
            "入户申请审核中",
            "审核通过前可以看社区公告和服务菜单。",
            "查看审核进度",
        ),
        (Locale::Zh, true) => (
            "入户申请未通过",
            "请看看原因，改正后可以重新申请。",
            "查看原因并重新申请",
        ),
        (Locale::En, false) => (
            "Your joining request is waiting",
            "Until it is approved you can read community notices and the service menu.",
            "See who is reviewing it",
        ),
        (Locale::En, true) => (
            "Your joining request was declined",
            "See why; you can correct it and ask again.",
            "See why and ask again",
        ),
    };
    view! {
        <section class="card join-home-card" class:join-status--declined=declined aria-labelledby="join-home-card">
            <h2 class="card__title" id="join-home-card">{move || words().0}</h2>
            <p>{move || words().1}</p>
            <A href=routes::join_status() attr:class="button button--primary button--block">{move || words().2}</A>
        </section>
    }
}
