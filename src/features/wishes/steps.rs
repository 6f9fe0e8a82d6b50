//! Steps on one wish, each kind keeping its idempotency key until the server has answered, so
//! a retry after a dropped answer is the same request, never a second one.

use std::collections::HashMap;

use leptos::prelude::*;
use linli_api_types::WishView;

use super::api::{self, Step};
use crate::api::{use_api, ApiError, IdempotencyKey};

#[derive(Clone, Copy)]
pub struct Steps {
    pub action: Action<Step, Result<WishView, ApiError>>,
    /// The kind of step sent last: its button shows how it went.
    pub last: RwSignal<Option<&'static str>>,
    pub pending: Memo<bool>,
}

impl Steps {
    pub fn send(&self, step: Step) {
        self.last.set(Some(step.name()));
        self.action.dispatch(step);
    }

    /// Why the last step failed, if it was of kind `name`.
    pub fn failed(&self, name: &str) -> Option<ApiError> {
        if self.last.get() != Some(name) {
            return None;
        }
        self.action.value().get().and_then(Result::err)
    }
}

pub fn use_steps(id: i64, on_done: impl Fn(WishView) + 'static) -> Steps {
    let api = use_api();
    let keys = StoredValue::new_local(HashMap::<&'static str, IdempotencyKey>::new());
    let action = Action::new_local(move |step: &Step| {
        let step = step.clone();
        let name = step.name();
        let key = keys.try_update_value(|k| k.entry(name).or_default().clone()).unwrap_or_default();
        async move {
            let result = api::step(api, id, step, key).await;
            if matches!(result, Ok(_) | Err(ApiError::Problem(_))) {
                keys.update_value(|k| {
                    k.remove(name);
                });
            }
            result
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(wish)) = action.value().get() {
            on_done(wish);
        }
    });
    Steps { action, last: RwSignal::new(None), pending: action.pending() }
}
