use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use linli_api_types::{NoticeAuthor, NoticeCategory, NoticeSummary};

use crate::i18n::{time, use_i18n};
use crate::routes;

#[component]
pub fn CategoryChip(category: NoticeCategory) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("category category--{}", category.as_str())>
            {move || i18n.t().category(category)}
        </span>
    }
}

/// "华盛世纪新城 3栋 楼栋长 刘伟忠".
pub fn author_line(i18n: crate::i18n::I18n, author: &NoticeAuthor) -> String {
    let t = i18n.t();
    (t.author_line)(&author.scope_name, t.role(author.role), &author.name)
}

/// One notice in a list. The unread marker is a dot for the eye and a word for screen readers.
#[component]
pub fn NoticeCard(notice: NoticeSummary, #[prop(optional)] footer: Option<AnyView>) -> impl IntoView {
    let i18n = use_i18n();
    let NoticeSummary { id, title, excerpt, category, author, pinned, published_at, edited_at, read, important, .. } = notice;
    view! {
        <A href=routes::notice(id) attr:class=if read { "notice-card" } else { "notice-card notice-card--unread" }>
            <div class="notice-card__tags">
                <CategoryChip category />
                {pinned.then(|| view! { <span class="badge">{move || i18n.t().pinned}</span> })}
                {important.then(|| view! { <span class="badge badge--important">{move || i18n.t().important}</span> })}
                {(!read).then(|| view! {
                    <span class="unread-dot">
                        <span class="visually-hidden">{move || i18n.t().unread}</span>
                    </span>
                })}
            </div>
            <h3 class="notice-card__title">{title}</h3>
            <p class="notice-card__excerpt">{excerpt}</p>
            <p class="notice-card__meta">
                <span>{move || author_line(i18n, &author)}</span>
                <span>
                    {move || time::relative(i18n.t(), published_at, Utc::now())}
                    {edited_at.map(|_| view! { " · " {move || i18n.t().edited} })}
                </span>
            </p>
            {footer}
        </A>
    }
}
