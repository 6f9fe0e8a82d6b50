//! The OpenAPI document, generated from the handlers' `#[utoipa::path]` annotations. A copy is
//! committed at docs/openapi.json; a test fails when it is stale.

use linli_api_types::{
    // 积分管理 (issue 15).
    AuditItem, AuditKind, AuditPerson, CorrectionPage, CorrectionRecord, CorrectionStatus,
    MonthCreated, PointsAudit, PointsPolicy, PointsSource, PolicyChange, PolicyRequest,
    RejectRequest, SourceTotal,
    // Volunteer tasks and the love bank (issue 4).
    CheckInCode, CheckInRequest, Correction, CorrectionRequest, Enrollment, Leaderboard,
    LeaderboardEntry, LeaderboardPeriod, LedgerEntry, LedgerKind, LedgerLink, LedgerLinkKind,
    LedgerPage, PointsSummary, Reward, Roster, RosterAction, RosterEntry, Task, TaskCategory,
    TaskCompletion, TaskDraft, TaskOrganiser, TaskPage, TaskStatus, TaskSummary, TaskTarget,
    Voucher, VoucherStatus,
    // issue 15: tasks and notices
    AuthoredPage,
    AssignRequest, AuthoredNotice, BookableSlot, CompleteRequest, DeclineRequest, DispatchQueue,
    OpeningPeriod, Order, OrderActions, OrderActor, OrderActorRole, OrderDraft, OrderEvent,
    OrderEventKind, OrderPerson, OrderRating, OrderService, OrderStatus, OrderSummary, RateRequest,
    RatingTag, Service, ServiceCategory, ServiceDetail, ServiceGroup, ServiceMenu, ServiceProvider,
    ServiceSlots, ServiceVolunteer, VolunteerOrders, FieldError, Health, Household, Me, Notice, NoticeAuthor, NoticeCategory,
    NoticeDraft, NoticePage, NoticeSummary, NoticeTarget, Place, Problem, ReadReceipts, Role,
    RoleGrant, Scope, ScopeKind, SessionGrant, SignInRequest, UnitUnread, PasswordChange,
    // Issue 15: paged order lists, members' roles.
    MemberRoles, OrderPage, VolunteerFlag,
};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::http;

mod refusals;
use refusals::ExtractorRefusals;

#[derive(OpenApi)]
#[openapi(
    info(title = "Linli 邻里 API", description = "REST API of the Linli resident app. Errors are RFC 9457 \
        `application/problem+json` (`Problem`), localized by `Accept-Language` (zh-CN unless it starts with `en`)."),
    paths(
        http::sessions::sign_in,
        http::sessions::sign_out,
        http::me::me,
        http::password_change::change_password,
        http::notices::list,
        http::notices::create,
        http::notices::authored,
        http::notices::detail,
        http::notices::edit,
        http::notices::withdraw,
        http::notices::mark_read,
        http::notices::receipts,
        http::notices::targets,
        http::services::menu,
        http::services::detail,
        http::services::service_slots,
        http::services::volunteers,
        http::orders::create,
        http::orders::mine,
        http::orders::detail,
        http::orders::cancel,
        http::orders::rate,
        http::orders::queue,
        http::orders::assign,
        http::orders::volunteer_orders,
        http::orders::accept,
        http::orders::decline,
        http::orders::claim,
        http::orders::start,
        http::orders::complete,
        // Issue 15: members' roles.
        http::members::set_volunteer,
        http::members::remove_grant,
        http::health::health,
        // Volunteer tasks and the love bank (issue 4).
        http::tasks::list,
        http::tasks::create,
        http::tasks::targets,
        http::tasks::mine,
        http::tasks::detail,
        http::tasks::join,
        http::tasks::withdraw,
        http::tasks::roster,
        http::tasks::roster_step,
        http::tasks::undo_check_in,
        http::tasks::check_in_code,
        http::tasks::check_in,
        http::tasks::complete,
        http::points::summary,
        http::points::ledger,
        http::points::rewards,
        http::points::redeem,
        http::points::my_vouchers,
        http::points::voucher,
        http::points::mark_used,
        http::points::leaderboard,
        // 积分管理 (issue 15).
        http::corrections::correct,
        http::corrections::list,
        http::corrections::approve,
        http::corrections::reject,
        http::corrections::withdraw,
        http::points_admin::read_policy,
        http::points_admin::set_policy,
        http::points_admin::audit,
    ),
    components(schemas(
        SignInRequest, PasswordChange, SessionGrant, Me, Place, Household, Role, ScopeKind, RoleGrant, Scope, Health, Problem,
        FieldError, NoticeCategory, NoticeTarget, NoticeDraft, NoticeAuthor, NoticeSummary,
        NoticePage, Notice, AuthoredNotice, ReadReceipts, UnitUnread,
        // Volunteer tasks and the love bank (issue 4).
        TaskCategory, TaskTarget, TaskDraft, TaskOrganiser, TaskStatus, Enrollment, TaskSummary,
        TaskPage, Task, RosterEntry, Roster, RosterAction, CheckInCode, CheckInRequest,
        TaskCompletion, AuthoredPage, PointsSummary, LedgerKind, LedgerLinkKind, LedgerLink, LedgerEntry,
        LedgerPage, Reward, VoucherStatus, Voucher, LeaderboardPeriod, LeaderboardEntry,
        Leaderboard, CorrectionRequest, Correction,
        // 积分管理 (issue 15).
        CorrectionStatus, AuditPerson, CorrectionRecord, CorrectionPage, RejectRequest,
        PointsPolicy, PolicyRequest, PolicyChange, PointsSource, SourceTotal, MonthCreated,
        AuditKind, AuditItem, PointsAudit,
        ServiceCategory, OpeningPeriod, ServiceProvider, Service, ServiceGroup, ServiceMenu,
        ServiceDetail, BookableSlot, ServiceSlots, ServiceVolunteer, OrderStatus, OrderEventKind,
        OrderActorRole, RatingTag, OrderDraft, AssignRequest, DeclineRequest, CompleteRequest,
        RateRequest, OrderRating, OrderService, OrderPerson, OrderActor, OrderEvent, OrderActions,
        OrderSummary, Order, DispatchQueue, VolunteerOrders,
        // Issue 15: paged order lists, members' roles.
        OrderPage, VolunteerFlag, MemberRoles,
    )),
    modifiers(&BearerAuth, &ExtractorRefusals),
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
        (name = "operations", description = "Running the server"),
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

pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// As committed at docs/openapi.json: pretty-printed with a trailing newline.
pub fn document_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .expect("the OpenAPI document serializes");
    json.push('\n');
    json
}
