//! The OpenAPI document, generated from the routes' `#[utoipa::path]` annotations as the
//! features declare them (`crate::api::routes`). A copy is
//! committed at docs/openapi.json; a test fails when it is stale.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

mod refusals;
use refusals::ExtractorRefusals;

#[derive(OpenApi)]
#[openapi(
    info(title = "Linli 邻里 API", description = "REST API of the Linli resident app. Errors are RFC 9457 \
        `application/problem+json` (`Problem`), localized by `Accept-Language` (zh-CN unless it starts with `en`)."),
    // Schemas of request and response bodies are collected from the routes; one named only by a
    // path parameter is not, nor is the webhook's body (sent, never answered), so they are
    // listed here.
    components(schemas(linli_api_types::RosterAction, linli_api_types::WebhookPayload)),
    tags(
        (name = "sessions", description = "Signing in and out"),
        (name = "account", description = "The signed-in resident"),
        (name = "notices", description = "Notices 通知公告: posted by heads and staff to a place, read by its households"),
        (name = "tasks", description = "Volunteer tasks 志愿任务: join, waitlist, check-in, completion credited to the love bank"),
        (name = "points", description = "The love bank 爱心银行: balance, ledger, 爱心超市 rewards and vouchers, leaderboard, staff corrections"),
        (name = "services", description = "The service menu 服务菜单: categories, providers, opening times, prices"),
        (name = "orders", description = "Service orders 群众点单 / 群众评单: order, follow, cancel, rate"),
        (name = "dispatch", description = "中心派单: staff assign orders to volunteers offering the service"),
        (name = "volunteering", description = "志愿者接单: volunteers accept, decline, claim, start and complete orders"),
        (name = "members", description = "Staff changing a member's roles: the volunteer flag and role grants"),
        (name = "proxy", description = "代办: heads and staff acting for residents of their scope without phones"),
        (name = "operations", description = "Running the server"),
        (name = "joining", description = "Joining 入户: sign-up, the register's match or a head's approval, building invites"),
        (name = "exports", description = "台账导出: staff's XLSX spreadsheets of volunteers' hours and points, orders with ratings, notices with read rates"),
        (name = "people", description = "居民: the directory heads and staff search, the person page, password reset codes"),
        (name = "register", description = "The household register 住户花名册 (staff import) and register progress 加入进度 for staff and heads"),
        (name = "webhook", description = "消息推送 (staff): the community's outbound webhook to its WeChat official account or SMS gateway, signed deliveries, retries and the dead-letter list (`WebhookPayload` is what the receiver gets; see docs/webhooks.md)"),
        (name = "wishes", description = "微心愿: a resident's small wish, reviewed by a head, claimed and fulfilled by a volunteer, thanked by the resident (which credits the volunteer)"),
        (name = "messages", description = "消息: the user's message centre, 消息设置 (kinds off, quiet hours) and the live stream (Server-Sent Events, opened with a one-minute ticket)"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The token from `POST /api/v1/sessions`"))
                    .build(),
            ),
        );
    }
}

/// The document: the routes' own entries (each declared beside its handler, see `crate::api`),
/// the schemas they use, the bearer scheme and the refusals every operation inherits.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, mut document) = crate::api::routes().split_for_parts();
    BearerAuth.modify(&mut document);
    ExtractorRefusals.modify(&mut document);
    document
}

/// As committed at docs/openapi.json: pretty-printed with a trailing newline.
pub fn document_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .expect("the OpenAPI document serializes");
    json.push('\n');
    json
}
