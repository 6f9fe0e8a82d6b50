//! Two routes, a signal, a keyed list and (with `fetch`) one typed read: the parts of Leptos
//! that 首页 cannot do without.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

fn main() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <nav><A href="/">"首页"</A><A href="/more">"我的"</A></nav>
            <Routes fallback=|| "没有这个页面">
                <Route path=path!("/") view=Home />
                <Route path=path!("/more") view=More />
            </Routes>
        </Router>
    }
}

#[component]
fn Home() -> impl IntoView {
    let count = RwSignal::new(0);
    let items = RwSignal::new(vec![(1, "助老陪伴"), (2, "垃圾分类宣传")]);
    view! {
        <button on:click=move |_| count.update(|n| *n += 1)>"已报名 " {count}</button>
        <ul>
            <For each=move || items.get() key=|item| item.0 let:item>
                <li>{item.1}</li>
            </For>
        </ul>
        {notices::view()}
    }
}

#[component]
fn More() -> impl IntoView {
    view! { <p>"我的"</p> }
}

#[cfg(not(feature = "fetch"))]
mod notices {
    pub fn view() {}
}

#[cfg(feature = "fetch")]
mod notices {
    use chrono::{DateTime, Utc};
    use leptos::prelude::*;
    use serde::Deserialize;

    #[derive(Clone, Deserialize)]
    struct Notice {
        id: i64,
        title: String,
        published_at: DateTime<Utc>,
    }

    async fn load() -> Option<Vec<Notice>> {
        let response = gloo_net::http::Request::get("/api/v1/notices")
            .send()
            .await
            .ok()?;
        let text = response.text().await.ok()?;
        serde_json::from_str(&text).ok()
    }

    pub fn view() -> impl IntoView {
        let notices = LocalResource::new(load);
        view! {
            <Suspense fallback=|| "加载中">
                {move || notices.get().flatten().map(|list| list.into_iter().map(|notice| view! {
                    <p data-id=notice.id>{notice.title} " " {notice.published_at.timestamp()}</p>
                }).collect_view())}
            </Suspense>
        }
    }
}
