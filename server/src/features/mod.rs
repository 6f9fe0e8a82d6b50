//! The server's features, one folder each, as the app's `src/features/`: each holds its routes
//! (thin handlers declared with their OpenAPI entries), its use cases (validation and SQL) and
//! its refusals. A feature uses `crate::platform`, and another feature only through what that
//! feature makes public for it.

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod account;
pub mod community;
pub mod joining;
// 消息: the message centre, live stream, reminders and the webhook outbox.
pub mod messages;
// 台账导出: staff's spreadsheets.
pub mod exports;
pub mod notices;
// 消息推送: the outbound webhook (its worker, staff routes and dead letters).
pub mod outbound;
pub mod people;
// The photo upload that reports and wishes name (platform::photos does the work).
pub mod photos;
pub mod points;
pub mod proxy;
pub mod register;
// 民声有回应: reports that climb the grid when nobody answers.
pub mod reports;
pub mod services;
pub mod tasks;
// 微心愿.
pub mod wishes;

/// Every feature's routes with their OpenAPI entries.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(account::router())
        .merge(community::router())
        .merge(notices::router())
        .merge(tasks::router())
        .merge(points::router())
        .merge(services::router())
        .merge(proxy::router())
        .merge(joining::router())
        .merge(exports::router())
        .merge(people::router())
        .merge(register::router())
        .merge(wishes::router())
        .merge(photos::router())
        .merge(reports::router())
        .merge(messages::router())
        .merge(outbound::router())
}
