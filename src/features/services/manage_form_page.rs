//! 新增服务 and 编辑服务: the form of 服务管理 on a page of its own, with the community's
//! volunteers and policy it needs.

use leptos::prelude::*;

use super::common::LoadError;
use super::frame::Skeleton;
use super::manage_api;
use super::manage_form::ServiceForm;
use super::manage_texts::manage_texts;
use crate::api::{route_id, use_api, ApiError};
use crate::components::{PageFrame, Parent};
use crate::routes;

#[component]
pub fn NewServicePage() -> impl IntoView {
    let api = use_api();
    let admin = LocalResource::new(move || manage_api::admin(api));
    let title = Signal::derive(move || manage_texts().new_title.to_owned());
    view! {
        <PageFrame title back_to=Some(Parent::Page(routes::service_manage()))>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match admin.await {
                        Ok(admin) => view! { <ServiceForm admin editing=None /> }.into_any(),
                        Err(error) => view! { <LoadError error missing=|t| t.menu_empty /> }.into_any(),
                    }
                })}
            </Transition>
        </PageFrame>
    }
}

#[component]
pub fn EditServicePage() -> impl IntoView {
    let api = use_api();
    let id = route_id();
    let admin = LocalResource::new(move || manage_api::admin(api));
    let title = Signal::derive(move || manage_texts().edit_title.to_owned());
    view! {
        <PageFrame title back_to=Some(Parent::Page(routes::service_manage()))>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    let found = admin.await.and_then(|admin| {
                        let service = admin.services.iter().find(|s| Some(s.id) == id.get_untracked()).cloned();
                        service.map(|service| (admin, service)).ok_or(ApiError::NotFound)
                    });
                    match found {
                        Ok((admin, service)) => view! { <ServiceForm admin editing=Some(service) /> }.into_any(),
                        Err(error) => view! { <LoadError error missing=|_| manage_texts().not_found /> }.into_any(),
                    }
                })}
            </Transition>
        </PageFrame>
    }
}
