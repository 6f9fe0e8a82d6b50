//! Steps on one report (受理, 回复, 已解决 …), each kind with its Idempotency-Key kept until
//! the server has answered: a retry after a dropped answer is the same request, never a
//! second reply or rating.

use std::collections::HashMap;

use leptos::prelude::*;
use linli_api_types::ReportView;

use super::api::{self, Step};
use crate::api::{use_api, ApiError, IdempotencyKey};
use crate::i18n::use_i18n;

#[derive(Clone, Copy)]
pub struct Steps {
    pub action: Action<Step, Result<ReportView, ApiError>>,
    /// The kind of step sent last: its form shows how it went.
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

    /// The failure of step `name` no field explains, in the reader's language.
    pub fn message(self, name: &'static str, fields: &'static [&'static str]) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || {
            let error = self.failed(name)?;
            if fields.iter().any(|f| error.field(f).is_some()) {
                return None;
            }
            Some(error.message(i18n.t()))
        })
    }

    /// Whether step `name` is the one on its way.
    pub fn sending(self, name: &'static str) -> Signal<bool> {
        Signal::derive(move || self.pending.get() && self.last.get() == Some(name))
    }
}

/// The steps of report `id`; `on_done` gets the report as it is after each step.
pub fn use_steps(id: i64, on_done: impl Fn(ReportView) + 'static) -> Steps {
    let api = use_api();
    let keys = StoredValue::new_local(HashMap::<&'static str, IdempotencyKey>::new());
    let action = Action::new_local(move |step: &Step| {
        let step = step.clone();
        let name = step.name();
        let key = keys.try_update_value(|k| k.entry(name).or_default().clone()).unwrap_or_default();
        async move {
            let result = api::step(api, id, step, key).await;
            // An answer (done or refused) ends the key; only silence keeps it for the retry.
            if matches!(result, Ok(_) | Err(ApiError::Problem(_))) {
                keys.update_value(|k| {
                    k.remove(name);
                });
            }
            result
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(view)) = action.value().get() {
            on_done(view);
        }
    });
    Steps { action, last: RwSignal::new(None), pending: action.pending() }
}
