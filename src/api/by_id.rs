use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{use_api, Api, ApiError};

/// The route's `:id` as a number; anything else names nothing.
pub fn route_id() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())))
}

/// Loads what the route's `:id` names; an id that is not a number is simply not found.
pub fn load_by_id<T, Fut>(fetch: impl Fn(Api, i64) -> Fut + 'static) -> LocalResource<Result<T, ApiError>>
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let api = use_api();
    let id = route_id();
    LocalResource::new(move || {
        let request = id.get().map(|id| fetch(api, id));
        async move {
            match request {
                Some(request) => request.await,
                None => Err(ApiError::NotFound),
            }
        }
    })
}
