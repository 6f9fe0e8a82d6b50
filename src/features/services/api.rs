//! This feature's calls, all through the one API client. Every write goes out with an
//! idempotency key the caller keeps until the write has succeeded.

use linli_api_types::{
    AssignRequest, CompleteRequest, DeclineRequest, DispatchQueue, Order, OrderDraft, OrderSummary, RateRequest,
    ServiceDetail, ServiceMenu, ServiceSlots, ServiceVolunteer, VolunteerOrders,
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

pub async fn volunteers(api: Api, service_id: i64) -> Result<Vec<ServiceVolunteer>, ApiError> {
    api.get(&format!("/services/{service_id}/volunteers")).await
}

pub async fn place(api: Api, draft: OrderDraft, key: IdempotencyKey) -> Result<Order, ApiError> {
    api.post_once("/orders", &draft, &key).await
}

pub async fn mine(api: Api) -> Result<Vec<OrderSummary>, ApiError> {
    api.get("/me/orders").await
}

pub async fn order(api: Api, id: i64) -> Result<Order, ApiError> {
    api.get(&format!("/orders/{id}")).await
}

pub async fn queue(api: Api) -> Result<DispatchQueue, ApiError> {
    api.get("/dispatch/queue").await
}

pub async fn volunteer_orders(api: Api) -> Result<VolunteerOrders, ApiError> {
    api.get("/volunteer/orders").await
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
}

pub async fn step(api: Api, id: i64, step: Step, key: IdempotencyKey) -> Result<Order, ApiError> {
    let empty = serde_json::json!({});
    let path = |what: &str| format!("/orders/{id}/{what}");
    match step {
        Step::Cancel => api.post_once(&path("cancel"), &empty, &key).await,
        Step::Assign(volunteer_id) => api.post_once(&path("assign"), &AssignRequest { volunteer_id }, &key).await,
        Step::Accept => api.post_once(&path("accept"), &empty, &key).await,
        Step::Decline(reason) => api.post_once(&path("decline"), &DeclineRequest { reason }, &key).await,
        Step::Claim => api.post_once(&path("claim"), &empty, &key).await,
        Step::Start => api.post_once(&path("start"), &empty, &key).await,
        Step::Complete(note) => api.post_once(&path("complete"), &CompleteRequest { note }, &key).await,
        Step::Rate(rating) => api.post_once(&path("rate"), &rating, &key).await,
    }
}
