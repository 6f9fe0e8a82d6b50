use leptos::prelude::*;
use leptos_router::components::A;

use super::{Icon, IconName};
use crate::badges::use_unread_notices;
use crate::i18n::{use_i18n, Texts};
use crate::routes::Tab;

fn tab_look(tab: Tab) -> (IconName, fn(&Texts) -> &'static str) {
    match tab {
        Tab::Home => (IconName::Home, |t| t.tab_home),
        Tab::Tasks => (IconName::Tasks, |t| t.tab_tasks),
        Tab::Services => (IconName::Services, |t| t.tab_services),
        Tab::Points => (IconName::Points, |t| t.tab_points),
        Tab::Me => (IconName::Me, |t| t.tab_me),
    }
}

/// The bottom bar of five tabs. `<A>` marks the current one with aria-current="page", which
/// the stylesheet also uses, so sight and screen readers agree; deeper pages keep their tab lit.
#[component]
pub fn TabBar() -> impl IntoView {
    let i18n = use_i18n();
    let session = crate::session::use_session();
    // An account waiting for a head cannot open tasks or points yet: no tab leads there.
    let waiting = move || {
        session
            .me()
            .is_some_and(|me| me.status.is_waiting())
    };
    view! {
        <nav class="tab-bar" aria-label=move || i18n.t().main_navigation>
            {Tab::ALL
                .into_iter()
                .map(|tab| {
                    let (icon, label) = tab_look(tab);
                    let closed = matches!(tab, Tab::Tasks | Tab::Points);
                    view! {
                        <A href=tab.path() exact=tab == Tab::Home attr:class="tab"
                            attr:hidden=move || (closed && waiting()).then_some("")>
                            <Icon name=icon class="tab__icon" />
                            <span class="tab__label">{move || label(i18n.t())}</span>
                            {(tab == Tab::Home).then(|| view! { <UnreadBadge /> })}
                        </A>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The number of unread notices on 首页, read aloud as words ("3条未读"), not as a bare digit.
#[component]
fn UnreadBadge() -> impl IntoView {
    let i18n = use_i18n();
    let unread = use_unread_notices().0;
    move || {
        let n = unread.get();
        (n > 0).then(|| {
            view! {
                <span class="tab__badge" aria-hidden="true">{if n > 99 { "99+".to_owned() } else { n.to_string() }}</span>
                <span class="visually-hidden">{(i18n.t().unread_count)(n)}</span>
            }
        })
    }
}
