//! This feature's calls, all through the one API client. Every write goes out with an
//! idempotency key the caller keeps until the write has succeeded.

use std::future::Future;
use std::pin::Pin;

use linli_api_types::{
    AssignRequest, CompleteRequest, DeclineRequest, DispatchQueue, Order, OrderDraft, OrderPage, OrderSummary,
    RateRequest, ServiceDetail, ServiceMenu, ServiceSlots, ServiceVolunteer, VolunteerOrders,
};

use crate::api::{Api, ApiError, IdempotencyKey};

pub async fn menu(api: Api) -> Result<ServiceMenu, ApiError> {
    api.get("/services").await
}

pub async fn service(api: Api, id: i64) -> Result<ServiceDetail, ApiError> {
    api.get(&format!("/services/{id}")).await
}

pub async fn slots(api: Api, id: i64) -> Result<ServiceSlots, ApiError> {
    api.get(&format!("/services/{id}/slots")).await
}

/// Whom staff may send `order_id` to: the service's volunteers, less the ordering household.
pub async fn volunteers(api: Api, service_id: i64, order_id: i64) -> Result<Vec<ServiceVolunteer>, ApiError> {
    api.get(&format!("/services/{service_id}/volunteers?order={order_id}")).await
}

pub async fn place(api: Api, draft: OrderDraft, key: IdempotencyKey) -> Result<Order, ApiError> {
    api.post_retrying("/orders", &draft, &key).await
}

pub async fn mine(api: Api) -> Result<Vec<OrderSummary>, ApiError> {
    api.get("/me/orders").await
}

pub async fn order(api: Api, id: i64) -> Result<Order, ApiError> {
    api.get(&format!("/orders/{id}")).await
}

/// The first page of both lists, or with a list's `next_cursor` the next page of that list.
pub async fn queue(api: Api, cursor: Option<String>) -> Result<DispatchQueue, ApiError> {
    api.get(&paged("/dispatch/queue", cursor)).await
}

/// As [`queue`], for a volunteer's three lists.
pub async fn volunteer_orders(api: Api, cursor: Option<String>) -> Result<VolunteerOrders, ApiError> {
    api.get(&paged("/volunteer/orders", cursor)).await
}

/// Cursors are URL-safe base64: they go into the query as they are.
fn paged(path: &str, cursor: Option<String>) -> String {
    match cursor {
        Some(cursor) => format!("{path}?cursor={cursor}"),
        None => path.to_owned(),
    }
}

/// The next page of one paged list, after its cursor.
pub type MoreOrders = fn(Api, String) -> Pin<Box<dyn Future<Output = Result<OrderPage, ApiError>>>>;

pub fn more_waiting(api: Api, cursor: String) -> Pin<Box<dyn Future<Output = Result<OrderPage, ApiError>>>> {
    Box::pin(async move { queue(api, Some(cursor)).await.map(|q| q.waiting) })
}

pub fn more_dispatched(api: Api, cursor: String) -> Pin<Box<dyn Future<Output = Result<OrderPage, ApiError>>>> {
    Box::pin(async move { queue(api, Some(cursor)).await.map(|q| q.dispatched) })
}

pub fn more_assigned(api: Api, cursor: String) -> Pin<Box<dyn Future<Output = Result<OrderPage, ApiError>>>> {
    Box::pin(async move { volunteer_orders(api, Some(cursor)).await.map(|v| v.assigned) })
}

pub fn more_open(api: Api, cursor: String) -> Pin<Box<dyn Future<Output = Result<OrderPage, ApiError>>>> {
    Box::pin(async move { volunteer_orders(api, Some(cursor)).await.map(|v| v.open) })
}

pub fn more_done(api: Api, cursor: String) -> Pin<Box<dyn Future<Output = Result<OrderPage, ApiError>>>> {
    Box::pin(async move { volunteer_orders(api, Some(cursor)).await.map(|v| v.done) })
}

/// One step on an order, as the person acting asks for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Cancel,
    Assign(i64),
    Accept,
    Decline(String),
    Claim,
    Start,
    Complete(String),
    Rate(RateRequest),
    /// 社区取消, with the reason.
    StaffCancel(String),
}

pub async fn step(api: Api, id: i64, step: Step, key: IdempotencyKey) -> Result<Order, ApiError> {
    let empty = serde_json::json!({});
    let path = |what: &str| format!("/orders/{id}/{what}");
    match step {
        Step::Cancel => api.post_retrying(&path("cancel"), &empty, &key).await,
        Step::Assign(volunteer_id) => api.post_retrying(&path("assign"), &AssignRequest { volunteer_id }, &key).await,
        Step::Accept => api.post_retrying(&path("accept"), &empty, &key).await,
        Step::Decline(reason) => api.post_retrying(&path("decline"), &DeclineRequest { reason }, &key).await,
        Step::Claim => api.post_retrying(&path("claim"), &empty, &key).await,
        Step::Start => api.post_retrying(&path("start"), &empty, &key).await,
        Step::Complete(note) => api.post_retrying(&path("complete"), &CompleteRequest { note }, &key).await,
        Step::Rate(rating) => api.post_retrying(&path("rate"), &rating, &key).await,
        Step::StaffCancel(reason) => {
            api.post_retrying(&path("staff-cancel"), &linli_api_types::CancelRequest { reason }, &key).await
        }
    }
}
