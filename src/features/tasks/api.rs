//! This feature's calls, all through the one API client. Every write that creates something
//! (a task, a join, a check-in) goes out with an idempotency key, so a retry never doubles it.

use linli_api_types::{
    CheckInCode, CheckInRequest, Roster, RosterAction, RosterEntry, Scope, Task, TaskCategory, TaskCompletion, TaskDraft, TaskPage,
    TaskPolicy,
};
use serde::Serialize;

use crate::api::{Api, ApiError, IdempotencyKey};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub category: Option<TaskCategory>,
    /// A Shanghai calendar day, "2026-11-25", as the date input holds it.
    pub date: String,
}

fn query(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", js_sys::encode_uri_component(v))))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

pub async fn list(api: Api, filter: Filter, cursor: Option<String>) -> Result<TaskPage, ApiError> {
    // One Shanghai day, both ends inclusive.
    let day = (!filter.date.is_empty()).then(|| filter.date.clone());
    let (from, to) = (day.clone(), day);
    let q = query(&[
        ("category", filter.category.map(|c| c.as_str().to_owned())),
        ("from", from),
        ("to", to),
        ("cursor", cursor),
    ]);
    api.get(&format!("/tasks{q}")).await
}

/// "upcoming" or "done".
pub async fn mine(api: Api, when: &'static str) -> Result<TaskPage, ApiError> {
    api.get(&format!("/me/tasks?when={when}")).await
}

pub async fn task(api: Api, id: i64) -> Result<Task, ApiError> {
    api.get(&format!("/tasks/{id}")).await
}

pub async fn targets(api: Api) -> Result<Vec<Scope>, ApiError> {
    api.get("/task-targets").await
}

/// The community's points per hour: the task form shows and checks the maximum with it.
pub async fn policy(api: Api) -> Result<TaskPolicy, ApiError> {
    api.get("/community/policy").await
}

pub async fn create(api: Api, draft: TaskDraft, key: IdempotencyKey) -> Result<Task, ApiError> {
    api.post_retrying("/tasks", &draft, &key).await
}

#[derive(Serialize)]
struct Empty {}

/// 报名: a slot while any is left, else the waitlist.
pub async fn join(api: Api, id: i64, key: IdempotencyKey) -> Result<Task, ApiError> {
    api.put_retrying(&format!("/tasks/{id}/enrollment"), &Empty {}, &key).await
}

/// 取消报名 before the start; the first on the waitlist moves up.
pub async fn withdraw(api: Api, id: i64, key: IdempotencyKey) -> Result<Task, ApiError> {
    api.delete_retrying(&format!("/tasks/{id}/enrollment"), &key).await
}

pub async fn check_in_with_code(api: Api, id: i64, code: String, key: IdempotencyKey) -> Result<Task, ApiError> {
    api.post_retrying(&format!("/tasks/{id}/check-in"), &CheckInRequest { code }, &key).await
}

pub async fn roster(api: Api, id: i64) -> Result<Roster, ApiError> {
    api.get(&format!("/tasks/{id}/roster")).await
}

pub async fn mark(api: Api, id: i64, user_id: i64, action: RosterAction, key: IdempotencyKey) -> Result<RosterEntry, ApiError> {
    api.put_retrying(&format!("/tasks/{id}/roster/{user_id}/{}", action.as_str()), &Empty {}, &key).await
}

/// 撤销签到: absent once the task has started, joined again before.
pub async fn undo_check_in(api: Api, id: i64, user_id: i64, key: IdempotencyKey) -> Result<RosterEntry, ApiError> {
    api.delete_retrying(&format!("/tasks/{id}/roster/{user_id}/{}", RosterAction::CheckIn.as_str()), &key).await
}

pub async fn code(api: Api, id: i64) -> Result<CheckInCode, ApiError> {
    api.get(&format!("/tasks/{id}/check-in-code")).await
}

pub async fn complete(api: Api, id: i64, key: IdempotencyKey) -> Result<TaskCompletion, ApiError> {
    api.post_retrying(&format!("/tasks/{id}/complete"), &Empty {}, &key).await
}

/// 修改活动 before the start: the same draft as creating, the place unchanged. Sending it twice
/// leaves the same task, so it is retried without a key.
pub async fn edit(api: Api, id: i64, draft: TaskDraft) -> Result<Task, ApiError> {
    api.put_repeatable(&format!("/tasks/{id}"), &draft).await
}

/// 取消活动 with a reason; again answers the cancelled task (the first reason kept). The key is
/// sent for the retry machinery only: the server treats a repeat as the same cancel anyway.
pub async fn cancel(api: Api, id: i64, reason: String, key: IdempotencyKey) -> Result<Task, ApiError> {
    api.post_retrying(&format!("/tasks/{id}/cancel"), &linli_api_types::CancelRequest { reason }, &key).await
}
