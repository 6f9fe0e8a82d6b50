//! The authorisation matrix: every endpoint of the OpenAPI document × eight roles, each cell
//! the status the server must answer. A new endpoint without a row fails
//! `every_endpoint_has_a_row`; a changed rule fails the cell that describes it. Beside it,
//! checks that nothing crosses buildings or communities in what lists return and what
//! refused writes leave stored.
//!
//! The actors (all but two seeded; see `World::new`):
//! anon — no token · res5 — 陈丽华, resident of 5栋 · res — 王秀英, resident of 3栋 ·
//! vol — 张建国, volunteer of 3栋 (offers 上门代办) · head5 — 周海峰, building head of 5栋
//! (added here) · head — 刘伟忠, building head of 3栋 · staffX — 李桂芳, staff of 通化街社区 ·
//! staff — 许各利, staff of 井湘社区.
//!
//! Each cell gets its own fresh notice, task or order where the request changes it, so cells
//! never depend on each other's order.

use std::collections::BTreeSet;

use chrono::{Duration, Utc};
use linli_server::platform::db::Db;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

const ROLES: [&str; 8] = [
    "anon", "res5", "res", "vol", "head5", "head", "staffX", "staff",
];
/// Columns of the matrix (helpers' RESIDENT, STAFF … are phone numbers).
mod who {
    pub const ANON: usize = 0;
    pub const RES5: usize = 1;
    pub const RES: usize = 2;
    pub const VOL: usize = 3;
    pub const HEAD5: usize = 4;
    pub const HEAD: usize = 5;
    pub const STAFF_X: usize = 6;
    pub const STAFF: usize = 7;
}

/// What a row's path and body need, made per cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fx {
    /// Nothing: a path without parameters.
    None,
    /// `POST /sessions` with the actor's own phone (anon: 王秀英's).
    SignIn,
    /// A new session of the actor, so signing it out leaves the others.
    FreshSession,
    /// The actor's own password, kept: the cell is about who may, not what changes (a new
    /// password must differ, so the cell changes a temporary one back to the actor's own).
    PasswordChange,
    /// A notice draft addressed to 3栋.
    NoticeDraft,
    /// A fresh notice addressed to 3栋 by its head; `{id}`, body a draft when editing.
    Notice,
    /// A task draft for 3栋.
    TaskDraft,
    /// A fresh task for 3栋 starting in an hour; `{id}`.
    Task,
    /// As `Task`, 张建国 joined; `{id}`, `{user_id}` = 张建国, `{action}` = check_in.
    TaskJoined,
    /// As `TaskJoined`, 张建国 checked in by 刘伟忠.
    TaskCheckedIn,
    /// As `Task`, the actor joined if they may; body the current code.
    TaskCheckIn,
    /// A fresh task for 3栋 that started an hour ago, 张建国 checked in.
    TaskStarted,
    /// An order draft for 上门代办 of 井湘社区.
    OrderDraft,
    /// A fresh 上门代办 order by 王秀英 in `submitted`; body as the path's step needs.
    Order,
    /// As `Order`, dispatched to 张建国.
    OrderDispatched,
    /// As `Order`, accepted by 张建国.
    OrderAccepted,
    /// As `Order`, in progress.
    OrderInProgress,
    /// As `Order`, completed by 张建国.
    OrderCompleted,
    /// 上门代办 of 井湘社区; `{id}`.
    Service,
    /// 井湘社区's cheapest reward; the actor first gets the points for it when staff may give them.
    Reward,
    /// An issued voucher of 井湘社区 (seeded); `{code}`.
    Voucher,
    /// A correction of 王秀英's points.
    Correction,
    /// A pending correction of 王秀英's points; `{id}`; body a reason.
    PendingCorrection,
    /// The policy's defaults, set again.
    Policy,
    /// A fresh member of 井湘社区, volunteer and building head of 3栋; `{id}`, `{role}`,
    /// `{scope_kind}`, `{scope_id}` that grant; body the volunteer flag off (a head grant over
    /// 3栋 for `/grants`, 上门代办 for `/services`).
    Member,
    /// 黄桂兰's register entry (3栋 1单元 801, not on Linli): `{kind}`, `{id}`, and as the body.
    ProxyTarget,
    /// A sign-up with a fresh phone for 3栋 1单元 1201.
    SignUp,
    /// The current invite code of 3栋; `{code}`.
    Invite,
    /// Asking again to join, for 3栋 1单元 1202.
    JoinAgain,
    /// A fresh sign-up waiting for 3栋 1单元's heads; `{id}` its request; body a reason.
    JoinRequest,
    /// 3栋; `{id}`.
    Building,
    /// A new service for 服务管理, named for the actor (each community's staff add to their own).
    ServiceRequest,
    /// A fresh service of 井湘社区; `{id}`; body the service renamed, or paused.
    ManagedService,
    /// A new reward for 礼品管理.
    RewardRequest,
    /// A fresh reward of 井湘社区 (stock 5); `{id}`; body its price changed, or retired.
    ManagedReward,
    /// As `Task`; body an edited draft for 3栋.
    TaskEdit,
    /// As `Task`; body a cancellation reason.
    TaskCancel,
    /// As `OrderInProgress`; body a cancellation reason.
    OrderStaffCancel,
    /// `?from=&to=`: a month of days.
    ExportRange,
    /// 王秀英 (3栋) as a person reference `u<id>`; `{person}`.
    Person,
    /// A wrong reset code for the actor's phone (王秀英's for anon).
    PasswordReset,
    /// Appointing a fresh member as staff.
    StaffChange,
    /// A fresh member's appointment as staff asked by 何丽萍 (the second staff member); `{id}`.
    PendingStaffChange,
    /// A two-row register sheet (CSV text, sent as it is), imported as a dry run.
    RegisterSheet,
    /// 华盛世纪新城 3栋; `{id}`.
    Building3,
    /// A wish draft (the household's wishes in progress cleared first, for the cap).
    WishDraft,
    /// A fresh wish of 王秀英's, pending; `{id}`; body as the path's step needs.
    Wish,
    /// As `Wish`, published by 许各利.
    WishOpen,
    /// As `WishOpen`, claimed by 张建国.
    WishClaimed,
    /// As `WishClaimed`, fulfilled.
    WishFulfilled,
    /// As `Wish`, with a photo by 王秀英; `{photo_id}`.
    WishPhoto,
    /// A small PNG as the body (`image/png`).
    Photo,
    /// A report draft about the whole community (every member may file one).
    ReportDraft,
    /// A fresh report by 王秀英 about 3栋, held by its building head 刘伟忠; `{id}`; the body
    /// the step in the path needs.
    Report,
    /// As `Report`, with a photo by 王秀英; `{photo_id}`.
    ReportPhoto,
    /// As `Report`, resolved by 刘伟忠; body the reporter's step.
    ReportResolved,
    /// `?category=sanitation&location=community`.
    SimilarQuery,
    /// The report settings unchanged (no rules, no handlers).
    ReportSettings,
    /// A fresh message to 王秀英; `{id}`.
    Message,
    /// `{"up_to": <a large id>}`.
    ReadAll,
    /// The preferences' defaults, saved.
    MessagePrefs,
    /// `?ticket=` a fresh stream ticket of the actor (none for anon).
    StreamTicket,
    /// Both communities with a webhook (to a closed loopback port); a PUT's body a URL and on.
    Webhook,
    /// As `Webhook`, and a dead delivery of 井湘社区; `{id}`.
    DeadDelivery,
}

struct Row {
    method: &'static str,
    path: &'static str,
    fx: Fx,
    expect: [u16; 8],
}

macro_rules! row {
    ($method:ident $path:literal, $fx:ident, [$($status:literal),*]) => {
        Row { method: stringify!($method), path: $path, fx: Fx::$fx, expect: [$($status),*] }
    };
}

/// One row per endpoint. 404 where the thing is outside the caller's buildings or community
/// (it does not exist for them), 403 where they see it but may not do this. Every 404, and
/// every 422 of another community's staff (our place, service or member named in a body is
/// `unknown` to them, not `out_of_scope`), must be the very answer an id that names nothing
/// gets (`World::unknown_counterpart`).
#[rustfmt::skip]
fn matrix() -> Vec<Row> {
    vec![
        //                                                                          anon res5 res  vol  hd5  head stfX staff
        row!(POST   "/api/v1/sessions",                           SignIn,          [201, 201, 201, 201, 201, 201, 201, 201]),
        row!(DELETE "/api/v1/sessions/current",                   FreshSession,    [401, 204, 204, 204, 204, 204, 204, 204]),
        row!(GET    "/api/v1/me",                                 None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(PUT    "/api/v1/me/password",                        PasswordChange,  [401, 204, 204, 204, 204, 204, 204, 204]),
        row!(GET    "/api/v1/health",                             None,            [200, 200, 200, 200, 200, 200, 200, 200]),
        // Notices
        row!(GET    "/api/v1/notices",                            None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(POST   "/api/v1/notices",                            NoticeDraft,     [401, 403, 403, 403, 422, 201, 422, 201]),
        row!(GET    "/api/v1/notices/authored",                   None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/notice-targets",                     None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/notices/{id}",                       Notice,          [401, 404, 200, 200, 404, 200, 404, 200]),
        row!(PUT    "/api/v1/notices/{id}",                       Notice,          [401, 404, 403, 403, 404, 200, 404, 200]),
        row!(DELETE "/api/v1/notices/{id}",                       Notice,          [401, 404, 403, 403, 404, 204, 404, 204]),
        row!(PUT    "/api/v1/notices/{id}/read",                  Notice,          [401, 404, 204, 204, 404, 204, 404, 204]),
        row!(GET    "/api/v1/notices/{id}/receipts",              Notice,          [401, 404, 403, 403, 404, 200, 404, 200]),
        // Volunteer tasks
        row!(GET    "/api/v1/tasks",                              None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(POST   "/api/v1/tasks",                              TaskDraft,       [401, 403, 403, 403, 422, 201, 422, 201]),
        row!(GET    "/api/v1/task-targets",                       None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/me/tasks",                           None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/tasks/{id}",                         Task,            [401, 404, 200, 200, 404, 200, 404, 200]),
        row!(PUT    "/api/v1/tasks/{id}/enrollment",              Task,            [401, 404, 200, 200, 404, 200, 404, 403]),
        row!(DELETE "/api/v1/tasks/{id}/enrollment",              Task,            [401, 404, 200, 200, 404, 200, 404, 200]),
        row!(GET    "/api/v1/tasks/{id}/roster",                  Task,            [401, 404, 403, 403, 404, 200, 404, 200]),
        row!(PUT    "/api/v1/tasks/{id}/roster/{user_id}/{action}", TaskJoined,    [401, 404, 403, 403, 404, 200, 404, 200]),
        row!(DELETE "/api/v1/tasks/{id}/roster/{user_id}/{action}", TaskCheckedIn, [401, 404, 403, 403, 404, 200, 404, 200]),
        row!(GET    "/api/v1/tasks/{id}/check-in-code",           Task,            [401, 404, 403, 403, 404, 200, 404, 200]),
        // Staff hold no place in 3栋's audience: nothing to check in.
        row!(POST   "/api/v1/tasks/{id}/check-in",                TaskCheckIn,     [401, 404, 200, 200, 404, 200, 404, 409]),
        row!(POST   "/api/v1/tasks/{id}/complete",                TaskStarted,     [401, 404, 403, 403, 404, 200, 404, 200]),
        // The love bank
        row!(GET    "/api/v1/me/points",                          None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/me/ledger",                          None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/me/vouchers",                        None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/rewards",                            None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(POST   "/api/v1/rewards/{id}/redemptions",           Reward,          [401, 201, 201, 201, 201, 201, 404, 201]),
        row!(GET    "/api/v1/vouchers/{code}",                    Voucher,         [401, 403, 403, 403, 403, 403, 404, 200]),
        row!(PUT    "/api/v1/vouchers/{code}/used",               Voucher,         [401, 403, 403, 403, 403, 403, 404, 200]),
        row!(GET    "/api/v1/leaderboard",                        None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        // Another community's member is unknown to staff here, as if there were none.
        row!(POST   "/api/v1/ledger/corrections",                 Correction,      [401, 403, 403, 403, 403, 403, 422, 201]),
        // 积分管理. A pending correction of 王秀英's points asked for by another staff
        // member of 井湘社区 (by 许各利 himself for withdrawing: only the requester may).
        row!(GET    "/api/v1/ledger/corrections",                 None,            [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(POST   "/api/v1/ledger/corrections/{id}/approve",    PendingCorrection, [401, 403, 403, 403, 403, 403, 404, 200]),
        row!(POST   "/api/v1/ledger/corrections/{id}/reject",     PendingCorrection, [401, 403, 403, 403, 403, 403, 404, 200]),
        row!(DELETE "/api/v1/ledger/corrections/{id}",            PendingCorrection, [401, 403, 403, 403, 403, 403, 404, 200]),
        row!(GET    "/api/v1/community/policy",                   None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(PUT    "/api/v1/community/policy",                   Policy,          [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(GET    "/api/v1/points/audit",                       None,            [401, 403, 403, 403, 403, 403, 200, 200]),
        // The service menu and orders
        row!(GET    "/api/v1/services",                           None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/services/{id}",                      Service,         [401, 200, 200, 200, 200, 200, 404, 200]),
        row!(GET    "/api/v1/services/{id}/slots",                Service,         [401, 200, 200, 200, 200, 200, 404, 200]),
        row!(GET    "/api/v1/services/{id}/volunteers",           Service,         [401, 403, 403, 403, 403, 403, 404, 200]),
        row!(POST   "/api/v1/orders",                             OrderDraft,      [401, 201, 201, 201, 201, 201, 422, 201]),
        row!(GET    "/api/v1/me/orders",                          None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        // 张建国 offers 上门代办, so he sees it while it waits; 刘伟忠 volunteers other services.
        row!(GET    "/api/v1/orders/{id}",                        Order,           [401, 404, 200, 200, 404, 404, 404, 200]),
        row!(POST   "/api/v1/orders/{id}/cancel",                 Order,           [401, 404, 200, 403, 404, 404, 404, 403]),
        row!(POST   "/api/v1/orders/{id}/assign",                 Order,           [401, 404, 403, 403, 404, 404, 404, 200]),
        row!(POST   "/api/v1/orders/{id}/claim",                  Order,           [401, 404, 403, 200, 404, 404, 404, 403]),
        row!(POST   "/api/v1/orders/{id}/accept",                 OrderDispatched, [401, 404, 403, 200, 404, 404, 404, 403]),
        row!(POST   "/api/v1/orders/{id}/decline",                OrderDispatched, [401, 404, 403, 200, 404, 404, 404, 403]),
        row!(POST   "/api/v1/orders/{id}/start",                  OrderAccepted,   [401, 404, 403, 200, 404, 404, 404, 403]),
        row!(POST   "/api/v1/orders/{id}/complete",               OrderInProgress, [401, 404, 403, 200, 404, 404, 404, 403]),
        row!(POST   "/api/v1/orders/{id}/rate",                   OrderCompleted,  [401, 404, 200, 403, 404, 404, 404, 403]),
        row!(GET    "/api/v1/dispatch/queue",                     None,            [401, 403, 403, 403, 403, 403, 200, 200]),
        // 刘伟忠 is a registered volunteer too.
        row!(GET    "/api/v1/volunteer/orders",                   None,            [401, 403, 403, 200, 403, 200, 403, 403]),
        // Members' roles: staff of the member's community, on a fresh member.
        row!(PUT    "/api/v1/members/{id}/volunteer",             Member,          [401, 403, 403, 403, 403, 403, 404, 200]),
        row!(DELETE "/api/v1/members/{id}/grants/{role}/{scope_kind}/{scope_id}", Member, [401, 403, 403, 403, 403, 403, 404, 200]),
        // 代办: heads and staff, for residents of their scope.
        row!(GET    "/api/v1/proxy/residents",                    None,            [401, 403, 403, 403, 200, 200, 200, 200]),
        row!(GET    "/api/v1/proxy/residents/{kind}/{id}",        ProxyTarget,     [401, 403, 403, 403, 404, 200, 404, 200]),
        row!(POST   "/api/v1/proxy/sessions",                     ProxyTarget,     [401, 403, 403, 403, 404, 201, 404, 201]),
        row!(DELETE "/api/v1/proxy/current",                      None,            [401, 204, 204, 204, 204, 204, 204, 204]),
        // Joining: sign-up and what it shows are public; a request is decided by the heads of its
        // unit or building and staff of its community, and exists for nobody else.
        row!(POST   "/api/v1/join",                               SignUp,          [201, 201, 201, 201, 201, 201, 201, 201]),
        row!(GET    "/api/v1/join/places",                        None,            [200, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/join/invites/{code}",                Invite,          [200, 200, 200, 200, 200, 200, 200, 200]),
        // Seeded members never asked to join, and are members already.
        row!(GET    "/api/v1/me/join-request",                    None,            [401, 404, 404, 404, 404, 404, 404, 404]),
        row!(PUT    "/api/v1/me/join-request",                    JoinAgain,       [401, 409, 409, 409, 409, 409, 409, 409]),
        row!(GET    "/api/v1/join-requests",                      None,            [401, 403, 403, 403, 200, 200, 200, 200]),
        row!(POST   "/api/v1/join-requests/{id}/approve",         JoinRequest,     [401, 404, 404, 404, 404, 200, 404, 200]),
        row!(POST   "/api/v1/join-requests/{id}/decline",         JoinRequest,     [401, 404, 404, 404, 404, 200, 404, 200]),
        row!(GET    "/api/v1/invites",                            None,            [401, 403, 403, 403, 200, 200, 200, 200]),
        row!(POST   "/api/v1/buildings/{id}/invite",              Building,        [401, 404, 404, 404, 404, 200, 404, 200]),
        // 服务管理 and 礼品管理: staff of the community; another community's staff manage their own.
        row!(GET    "/api/v1/manage/services",                    None,            [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(POST   "/api/v1/manage/services",                    ServiceRequest,  [401, 403, 403, 403, 403, 403, 201, 201]),
        row!(PUT    "/api/v1/manage/services/{id}",               ManagedService,  [401, 403, 403, 403, 403, 403, 404, 200]),
        row!(PUT    "/api/v1/manage/services/{id}/paused",        ManagedService,  [401, 403, 403, 403, 403, 403, 404, 200]),
        row!(GET    "/api/v1/manage/rewards",                     None,            [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(POST   "/api/v1/manage/rewards",                     RewardRequest,   [401, 403, 403, 403, 403, 403, 201, 201]),
        row!(PUT    "/api/v1/manage/rewards/{id}",                ManagedReward,   [401, 403, 403, 403, 403, 403, 404, 200]),
        row!(PUT    "/api/v1/manage/rewards/{id}/retired",        ManagedReward,   [401, 403, 403, 403, 403, 403, 404, 200]),
        // Staff and the heads covering a task edit and cancel it; staff cancel orders; 台账 exports.
        row!(PUT    "/api/v1/tasks/{id}",                         TaskEdit,        [401, 404, 403, 403, 404, 200, 404, 200]),
        row!(POST   "/api/v1/tasks/{id}/cancel",                  TaskCancel,      [401, 404, 403, 403, 404, 200, 404, 200]),
        row!(POST   "/api/v1/orders/{id}/staff-cancel",           OrderStaffCancel, [401, 404, 403, 403, 404, 404, 404, 200]),
        row!(GET    "/api/v1/exports/volunteers.xlsx",            ExportRange,     [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(GET    "/api/v1/exports/orders.xlsx",                ExportRange,     [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(GET    "/api/v1/exports/notices.xlsx",               ExportRange,     [401, 403, 403, 403, 403, 403, 200, 200]),
        // 居民: heads see their places' people, staff the community's; roles are staff's.
        row!(GET    "/api/v1/people",                             None,            [401, 403, 403, 403, 200, 200, 200, 200]),
        row!(GET    "/api/v1/people/{person}",                    Person,          [401, 403, 403, 403, 404, 200, 404, 200]),
        row!(GET    "/api/v1/role-places",                        None,            [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(POST   "/api/v1/members/{id}/grants",                Member,          [401, 403, 403, 403, 403, 403, 404, 200]),
        row!(PUT    "/api/v1/members/{id}/services",              Member,          [401, 403, 403, 403, 403, 403, 404, 200]),
        // The fresh member lives nowhere: no head reaches them, staff do.
        row!(POST   "/api/v1/members/{id}/reset-codes",           Member,          [401, 403, 403, 403, 404, 404, 404, 201]),
        row!(POST   "/api/v1/password-resets",                    PasswordReset,   [422, 422, 422, 422, 422, 422, 422, 422]),
        row!(GET    "/api/v1/me/password-reset",                  None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(POST   "/api/v1/staff-changes",                      StaffChange,     [401, 403, 403, 403, 403, 403, 404, 201]),
        row!(GET    "/api/v1/staff-changes",                      None,            [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(POST   "/api/v1/staff-changes/{id}/approve",         PendingStaffChange, [401, 403, 403, 403, 403, 403, 404, 200]),
        row!(POST   "/api/v1/staff-changes/{id}/reject",          PendingStaffChange, [401, 403, 403, 403, 403, 403, 404, 200]),
        // The household register: staff import into their own community only (another
        // community's staff dry-run into theirs); progress for staff and heads.
        row!(POST   "/api/v1/register/imports",                   RegisterSheet,   [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(GET    "/api/v1/register/imports",                   None,            [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(GET    "/api/v1/register/template",                  None,            [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(GET    "/api/v1/register/progress",                  None,            [401, 403, 403, 403, 200, 200, 200, 200]),
        row!(GET    "/api/v1/register/buildings/{id}/unjoined",   Building3,       [401, 403, 403, 403, 403, 200, 404, 200]),
        // 微心愿: staff of 井湘社区 have no home (nothing to wish for); a pending wish is seen by
        // its household and reviewers only; the board's by the community.
        row!(POST   "/api/v1/wishes",                             WishDraft,       [401, 201, 201, 201, 201, 201, 403, 403]),
        row!(GET    "/api/v1/wishes",                             None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/wishes/mine",                        None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/wishes/review",                      None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/wishes/{id}",                        Wish,            [401, 404, 200, 404, 404, 200, 404, 200]),
        row!(GET    "/api/v1/wishes/{id}/photos/{photo_id}",      WishPhoto,       [401, 404, 200, 404, 404, 200, 404, 200]),
        row!(POST   "/api/v1/wishes/{id}/review",                 Wish,            [401, 404, 403, 404, 404, 200, 404, 200]),
        row!(POST   "/api/v1/wishes/{id}/claim",                  WishOpen,        [401, 403, 403, 200, 403, 200, 404, 403]),
        row!(POST   "/api/v1/wishes/{id}/release",                WishClaimed,     [401, 403, 403, 200, 403, 403, 404, 403]),
        row!(POST   "/api/v1/wishes/{id}/fulfil",                 WishClaimed,     [401, 403, 403, 200, 403, 403, 404, 403]),
        row!(POST   "/api/v1/wishes/{id}/thanks",                 WishFulfilled,   [401, 403, 200, 403, 403, 403, 404, 403]),
        row!(POST   "/api/v1/wishes/{id}/withdraw",               Wish,            [401, 404, 200, 404, 404, 403, 404, 403]),
        // 民声有回应: every member reports and uploads; a report is seen by its reporter's
        // household, its handlers, the grid head and staff; neighbours only +1 it.
        row!(POST   "/api/v1/photos",                             Photo,           [401, 201, 201, 201, 201, 201, 201, 201]),
        row!(POST   "/api/v1/reports",                            ReportDraft,     [401, 201, 201, 201, 201, 201, 201, 201]),
        row!(GET    "/api/v1/reports/mine",                       None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/reports/inbox",                      None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/reports/nearby",                     None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/reports/similar",                    SimilarQuery,    [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/reports/{id}",                       Report,          [401, 404, 200, 404, 404, 200, 404, 200]),
        row!(GET    "/api/v1/reports/{id}/photos/{photo_id}",     ReportPhoto,     [401, 404, 200, 404, 404, 200, 404, 200]),
        row!(GET    "/api/v1/reports/{id}/transfer-options",      Report,          [401, 404, 403, 404, 404, 200, 404, 200]),
        row!(POST   "/api/v1/reports/{id}/acknowledge",           Report,          [401, 404, 403, 404, 404, 200, 404, 200]),
        row!(POST   "/api/v1/reports/{id}/reply",                 Report,          [401, 404, 403, 404, 404, 200, 404, 200]),
        row!(POST   "/api/v1/reports/{id}/transfer",              Report,          [401, 404, 403, 404, 404, 200, 404, 200]),
        row!(POST   "/api/v1/reports/{id}/resolve",               Report,          [401, 404, 403, 404, 404, 200, 404, 200]),
        // The reporter's own household cannot +1; staff without a home have no household.
        row!(POST   "/api/v1/reports/{id}/support",               Report,          [401, 404, 409, 200, 404, 200, 404, 403]),
        row!(POST   "/api/v1/reports/{id}/follow-up",             ReportResolved,  [401, 404, 200, 404, 404, 403, 404, 403]),
        row!(POST   "/api/v1/reports/{id}/rating",                ReportResolved,  [401, 404, 200, 404, 404, 403, 404, 403]),
        row!(GET    "/api/v1/reports/settings",                   None,            [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(PUT    "/api/v1/reports/settings",                   ReportSettings,  [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(GET    "/api/v1/reports/dashboard",                  None,            [401, 403, 403, 403, 403, 403, 200, 200]),
        // 消息: everyone's own messages; another's message is as unknown as none. The stream is
        // opened by a ticket (EventSource sends no header): anon has none.
        row!(GET    "/api/v1/messages",                           None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/messages/unread",                    None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(POST   "/api/v1/messages/{id}/read",                 Message,         [401, 404, 204, 404, 404, 404, 404, 404]),
        row!(POST   "/api/v1/messages/read-all",                  ReadAll,         [401, 204, 204, 204, 204, 204, 204, 204]),
        row!(GET    "/api/v1/messages/preferences",               None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(PUT    "/api/v1/messages/preferences",               MessagePrefs,    [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(POST   "/api/v1/messages/stream-ticket",             None,            [401, 200, 200, 200, 200, 200, 200, 200]),
        row!(GET    "/api/v1/messages/stream",                    StreamTicket,    [401, 200, 200, 200, 200, 200, 200, 200]),
        // 消息推送: each community's staff, for their own community only.
        row!(GET    "/api/v1/community/webhook",                  None,            [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(PUT    "/api/v1/community/webhook",                  Webhook,         [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(POST   "/api/v1/community/webhook/secret",           Webhook,         [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(POST   "/api/v1/community/webhook/test",             Webhook,         [401, 403, 403, 403, 403, 403, 201, 201]),
        row!(GET    "/api/v1/community/webhook/deliveries",       None,            [401, 403, 403, 403, 403, 403, 200, 200]),
        row!(POST   "/api/v1/community/webhook/deliveries/{id}/retry", DeadDelivery, [401, 403, 403, 403, 403, 403, 404, 200]),
    ]
}

/// The seeded world plus the two actors it lacks, with a session for each actor.
struct World {
    app: TestApp,
    db: Db,
    phones: [&'static str; 8],
    tokens: [Option<String>; 8],
    user_ids: [i64; 8],
    building_3: i64,
    errands: i64,
    reward: i64,
    voucher: String,
}

const HEAD_5: &str = "13800000009";

impl World {
    async fn new() -> World {
        let app = spawn_app().await;
        let db = Db::connect(&app.database_url).await.unwrap();
        let building_3 = building(&db, "3栋").await;
        add_building_head_of_5(&db).await;
        let phones = [
            RESIDENT,
            RESIDENT_5,
            RESIDENT,
            VOLUNTEER,
            HEAD_5,
            BUILDING_HEAD,
            OTHER_STAFF,
            STAFF,
        ];
        let mut tokens: [Option<String>; 8] = Default::default();
        let mut user_ids = [0; 8];
        for role in 1..8 {
            let (id, token) = session(&db, phones[role]).await;
            user_ids[role] = id;
            tokens[role] = Some(token);
        }
        let errands: i64 = sqlx::query_scalar(
            "SELECT s.id FROM services s JOIN communities c ON c.id = s.community_id \
             WHERE s.name = '上门代办' AND c.name = '井湘社区'",
        )
        .fetch_one(&db.read)
        .await
        .unwrap();
        let reward: i64 = sqlx::query_scalar(
            "SELECT r.id FROM rewards r JOIN communities c ON c.id = r.community_id \
             WHERE c.name = '井湘社区' AND r.stock > 20 ORDER BY r.points, r.id LIMIT 1",
        )
        .fetch_one(&db.read)
        .await
        .unwrap();
        let voucher: String = sqlx::query_scalar(
            "SELECT v.code FROM vouchers v JOIN communities c ON c.id = v.community_id \
             WHERE c.name = '井湘社区' AND v.used_at IS NULL ORDER BY v.id LIMIT 1",
        )
        .fetch_one(&db.read)
        .await
        .unwrap();
        World {
            app,
            db,
            phones,
            tokens,
            user_ids,
            building_3,
            errands,
            reward,
            voucher,
        }
    }

    async fn send(
        &self,
        role: usize,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let token = self.tokens[role].clone();
        self.send_with(token.as_deref(), method, path, body).await
    }

    async fn send_with(
        &self,
        token: Option<&str>,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self.app.client.request(method, self.app.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        // A photo goes as its bytes, a text body (a register sheet) as it is; the rest as JSON.
        if let Some(png) = body
            .and_then(Value::as_str)
            .and_then(|text| text.strip_prefix(PNG_BODY))
        {
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD.decode(png).unwrap();
            request = request.header("content-type", "image/png").body(bytes);
        } else if let Some(Value::String(text)) = body {
            request = request.body(text.clone());
        } else if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status();
        // A live stream never ends by itself: its status is the answer.
        if response.headers().get("content-type").is_some_and(|value| {
            value.as_bytes().starts_with(b"text/event-stream")
        }) {
            return (status, Value::Null);
        }
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// A request that must succeed; answers its body.
    async fn ok(&self, role: usize, method: &str, path: &str, body: Option<&Value>) -> Value {
        let (status, body) = self.send(role, method, path, body).await;
        assert!(
            status.is_success(),
            "{} {method} {path}: {status} {body}",
            ROLES[role]
        );
        body
    }

    /// A fresh report by 王秀英 about 3栋 (held by 刘伟忠) carrying `photo_ids`.
    async fn report(&self, photo_ids: Vec<i64>) -> i64 {
        let view = self
            .ok(
                who::RES,
                "POST",
                "/api/v1/reports",
                Some(&json!({
                    "category": "sanitation",
                    "text": "楼道堆放杂物",
                    "location": { "kind": "building", "building_id": self.building_3 },
                    "photo_ids": photo_ids,
                })),
            )
            .await;
        view["summary"]["id"].as_i64().unwrap()
    }

    fn notice_draft(&self, title: &str) -> Value {
        json!({
            "title": title,
            "body": "3栋 电梯 周三 9:00–11:00 检修",
            "category": "utilities",
            "target": { "kind": "building", "id": self.building_3 },
        })
    }

    fn task_draft(&self, title: &str) -> Value {
        let starts = Utc::now() + Duration::hours(1);
        json!({
            "title": title,
            "category": "environment",
            "place": "3栋楼下",
            "starts_at": starts,
            "ends_at": starts + Duration::hours(2),
            "capacity": 10,
            "points": 5,
            "target": { "kind": "building", "id": self.building_3 },
        })
    }

    async fn notice(&self) -> i64 {
        let notice = self
            .ok(
                who::HEAD,
                "POST",
                "/api/v1/notices",
                Some(&self.notice_draft("电梯检修")),
            )
            .await;
        notice["id"].as_i64().unwrap()
    }

    async fn task(&self) -> i64 {
        let task = self
            .ok(
                who::HEAD,
                "POST",
                "/api/v1/tasks",
                Some(&self.task_draft("清理楼道")),
            )
            .await;
        task["id"].as_i64().unwrap()
    }

    /// A fresh volunteer of 井湘社区 who is also building head of 3栋 (members' roles cells).
    async fn member(&self) -> i64 {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&self.db.read)
            .await
            .unwrap();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (phone, name, password_hash, community_id, is_volunteer, \
                created_at) \
             SELECT $1, '新成员', password_hash, community_id, 1, created_at FROM users \
             WHERE phone = $2 RETURNING id",
        )
        .bind(format!("136{count:08}"))
        .bind(RESIDENT)
        .fetch_one(&self.db.write)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO role_grants (user_id, role, scope_kind, scope_id) \
             VALUES ($1, 'building_head', 'building', $2)",
        )
        .bind(id)
        .bind(self.building_3)
        .execute(&self.db.write)
        .await
        .unwrap();
        id
    }

    /// A fresh member's appointment as staff, asked by 何丽萍; its id.
    async fn pending_staff_change(&self) -> i64 {
        let member = self.member().await;
        sqlx::query_scalar(
            "INSERT INTO staff_changes (community_id, user_id, action, requested_by, requested_at) \
             SELECT community_id, $1, 'appoint', id, 0 FROM users WHERE phone = $2 RETURNING id",
        )
        .bind(member)
        .bind(STAFF_SECOND)
        .fetch_one(&self.db.write)
        .await
        .unwrap()
    }

    /// Cancels the open free orders left by earlier cells, so a household's cap of open free
    /// orders does not refuse this cell's.
    async fn make_room_for_free_orders(&self) {
        sqlx::query(
            "UPDATE orders SET status = 'cancelled' WHERE points = 0 \
             AND status IN ('submitted', 'dispatched', 'accepted', 'in_progress')",
        )
        .execute(&self.db.write)
        .await
        .unwrap();
    }

    /// A fresh message to 王秀英, written as a feature writes one in its event's transaction.
    async fn message(&self) -> i64 {
        use linli_api_types::{MessageKind, MessageSubject, SubjectKind};
        use linli_server::features::messages::{notify, NewMessage};
        let community: i64 = sqlx::query_scalar("SELECT community_id FROM users WHERE id = $1")
            .bind(self.user_ids[who::RES])
            .fetch_one(&self.db.read)
            .await
            .unwrap();
        let subject = MessageSubject { kind: SubjectKind::Order, id: 1 };
        let message = NewMessage::new(
            community,
            MessageKind::OrderAccepted,
            subject,
            linli_server::platform::db::now_ms(),
        );
        let mut tx = self.db.write.begin().await.unwrap();
        notify(&mut tx, &message, &[self.user_ids[who::RES]]).await.unwrap();
        tx.commit().await.unwrap();
        sqlx::query_scalar("SELECT MAX(id) FROM messages WHERE recipient_id = $1")
            .bind(self.user_ids[who::RES])
            .fetch_one(&self.db.read)
            .await
            .unwrap()
    }

    /// Withdraws the wishes in progress left by earlier cells, so a household's cap does not
    /// refuse this cell's.
    async fn make_room_for_wishes(&self) {
        sqlx::query(
            "UPDATE wishes SET status = 'withdrawn' WHERE status IN ('pending', 'open', 'claimed')",
        )
        .execute(&self.db.write)
        .await
        .unwrap();
    }

    /// A fresh wish of 王秀英's, taken as far as `fx` says.
    async fn wish(&self, fx: Fx) -> i64 {
        self.make_room_for_wishes().await;
        let draft = json!({ "title": "帮忙换灯泡" });
        let wish = self.ok(who::RES, "POST", "/api/v1/wishes", Some(&draft)).await;
        let id = wish["summary"]["id"].as_i64().unwrap();
        let path = |step: &str| format!("/api/v1/wishes/{id}/{step}");
        if fx != Fx::Wish {
            self.ok(who::STAFF, "POST", &path("review"), Some(&json!({ "publish": true })))
                .await;
        }
        if matches!(fx, Fx::WishClaimed | Fx::WishFulfilled) {
            self.ok(who::VOL, "POST", &path("claim"), None).await;
        }
        if fx == Fx::WishFulfilled {
            self.ok(who::VOL, "POST", &path("fulfil"), Some(&json!({ "note": "换好了" })))
                .await;
        }
        id
    }

    async fn order(&self) -> i64 {
        self.make_room_for_free_orders().await;
        let draft = json!({ "service_id": self.errands, "note": "帮忙取快递" });
        let order = self
            .ok(who::RES, "POST", "/api/v1/orders", Some(&draft))
            .await;
        order["id"].as_i64().unwrap()
    }

    /// `amount` points from the fund to `user`, written as the ledger does.
    async fn grant(&self, user: i64, amount: i64) {
        use linli_api_types::LedgerKind;
        use linli_server::features::points::ledger::{self, Account, Memo, Transfer};
        let community_id: i64 = sqlx::query_scalar("SELECT community_id FROM users WHERE id = $1")
            .bind(user)
            .fetch_one(&self.db.read)
            .await
            .unwrap();
        let mut tx = self.db.write.begin().await.unwrap();
        ledger::transfer(
            &mut tx,
            &Transfer {
                community_id,
                from: Account::Fund(community_id),
                to: Account::Member(user),
                amount,
                memo: Memo::new(LedgerKind::Opening, "测试兑换"),
                actor_id: None,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }

    /// A pending correction of 300 points to 王秀英 asked for by `requester`.
    async fn pending_correction(&self, requester: i64) -> i64 {
        sqlx::query_scalar(
            "INSERT INTO point_corrections (community_id, user_id, amount, reason, status, \
                requested_by, requested_at) \
             SELECT community_id, id, 300, '补记积分', 'pending', $1, 0 FROM users WHERE id = $2 \
             RETURNING id",
        )
        .bind(requester)
        .bind(self.user_ids[who::RES])
        .fetch_one(&self.db.write)
        .await
        .unwrap()
    }

    async fn order_step(&self, role: usize, id: i64, step: &str, body: Value) {
        self.ok(
            role,
            "POST",
            &format!("/api/v1/orders/{id}/{step}"),
            Some(&body),
        )
        .await;
    }

    /// The path with its parameters filled, the body, and the token to use for this cell.
    async fn prepare(&self, row: &Row, role: usize) -> (String, Option<Value>, Option<String>) {
        let mut path = row.path.to_owned();
        let mut body = None;
        let mut token = self.tokens[role].clone();
        let mut fill = |name: &str, value: String| path = path.replace(name, &value);
        match row.fx {
            Fx::None => {}
            Fx::SignIn => {
                body = Some(json!({ "phone": self.phones[role], "password": PASSWORD }));
            }
            Fx::FreshSession => {
                if role != who::ANON {
                    token = Some(session(&self.db, self.phones[role]).await.1);
                }
            }
            Fx::PasswordChange => {
                const TEMPORARY: &str = "Matrix-Temporary-2026";
                if role != who::ANON {
                    let hash = linli_server::features::account::password::hash(TEMPORARY.into())
                        .await
                        .unwrap();
                    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                        .bind(hash)
                        .bind(self.user_ids[role])
                        .execute(&self.db.write)
                        .await
                        .unwrap();
                }
                body = Some(json!({ "current_password": TEMPORARY, "new_password": PASSWORD }));
            }
            Fx::NoticeDraft => body = Some(self.notice_draft("停水通知")),
            Fx::Notice => {
                fill("{id}", self.notice().await.to_string());
                body = Some(self.notice_draft("电梯检修（改）"));
            }
            Fx::TaskDraft => body = Some(self.task_draft("垃圾分类宣传")),
            Fx::Task => fill("{id}", self.task().await.to_string()),
            Fx::TaskJoined | Fx::TaskCheckedIn => {
                let task = self.task().await;
                self.ok(
                    who::VOL,
                    "PUT",
                    &format!("/api/v1/tasks/{task}/enrollment"),
                    None,
                )
                .await;
                if row.fx == Fx::TaskCheckedIn {
                    let volunteer = self.user_ids[who::VOL];
                    self.ok(
                        who::HEAD,
                        "PUT",
                        &format!("/api/v1/tasks/{task}/roster/{volunteer}/check_in"),
                        None,
                    )
                    .await;
                }
                fill("{id}", task.to_string());
                fill("{user_id}", self.user_ids[who::VOL].to_string());
                fill("{action}", "check_in".into());
            }
            Fx::TaskCheckIn => {
                let task = self.task().await;
                // Whoever may join does; the others are refused here and at check-in.
                self.send(
                    role,
                    "PUT",
                    &format!("/api/v1/tasks/{task}/enrollment"),
                    None,
                )
                .await;
                let code = self
                    .ok(
                        who::HEAD,
                        "GET",
                        &format!("/api/v1/tasks/{task}/check-in-code"),
                        None,
                    )
                    .await;
                fill("{id}", task.to_string());
                body = Some(json!({ "code": code["code"] }));
            }
            Fx::TaskStarted => {
                let task = self.task().await;
                self.ok(
                    who::VOL,
                    "PUT",
                    &format!("/api/v1/tasks/{task}/enrollment"),
                    None,
                )
                .await;
                let volunteer = self.user_ids[who::VOL];
                self.ok(
                    who::HEAD,
                    "PUT",
                    &format!("/api/v1/tasks/{task}/roster/{volunteer}/check_in"),
                    None,
                )
                .await;
                let hour = 60 * 60 * 1000;
                sqlx::query(
                    "UPDATE tasks SET starts_at = starts_at - $1, ends_at = ends_at - $1 \
                     WHERE id = $2",
                )
                .bind(3 * hour)
                .bind(task)
                .execute(&self.db.write)
                .await
                .unwrap();
                fill("{id}", task.to_string());
            }
            Fx::OrderDraft => {
                self.make_room_for_free_orders().await;
                body = Some(json!({
                    "service_id": self.errands,
                    "address": "华盛世纪新城 3栋 1单元 1502",
                    "note": "帮忙取快递",
                }));
            }
            Fx::Order
            | Fx::OrderDispatched
            | Fx::OrderAccepted
            | Fx::OrderInProgress
            | Fx::OrderCompleted => {
                let order = self.order().await;
                let volunteer = json!({ "volunteer_id": self.user_ids[who::VOL] });
                if row.fx != Fx::Order {
                    self.order_step(who::STAFF, order, "assign", volunteer.clone())
                        .await;
                }
                if matches!(
                    row.fx,
                    Fx::OrderAccepted | Fx::OrderInProgress | Fx::OrderCompleted
                ) {
                    self.order_step(who::VOL, order, "accept", json!({})).await;
                }
                if matches!(row.fx, Fx::OrderInProgress | Fx::OrderCompleted) {
                    self.order_step(who::VOL, order, "start", json!({})).await;
                }
                if row.fx == Fx::OrderCompleted {
                    self.order_step(who::VOL, order, "complete", json!({ "note": "已送到" }))
                        .await;
                }
                fill("{id}", order.to_string());
                body = Some(match row.path.rsplit('/').next() {
                    Some("assign") => volunteer,
                    Some("decline") => json!({ "reason": "临时有事" }),
                    Some("rate") => json!({ "stars": 5 }),
                    _ => json!({}),
                });
            }
            Fx::Service => fill("{id}", self.errands.to_string()),
            Fx::Reward => {
                if role != who::ANON && role != who::STAFF_X {
                    // Straight into the ledger: a staff correction cannot go to the staff
                    // member's own account, and 500 would wait for a second staff member.
                    self.grant(self.user_ids[role], 500).await;
                }
                fill("{id}", self.reward.to_string());
            }
            Fx::PendingCorrection => {
                let requester = if row.method == "DELETE" {
                    self.user_ids[who::STAFF]
                } else {
                    self.user_ids[who::HEAD]
                };
                fill("{id}", self.pending_correction(requester).await.to_string());
                if row.path.ends_with("/reject") {
                    body = Some(json!({ "reason": "金额有误" }));
                }
            }
            Fx::Policy => {
                body = Some(json!({ "points_per_hour": 20, "correction_approval_threshold": 200 }));
            }
            Fx::Voucher => fill("{code}", self.voucher.clone()),
            Fx::Correction => {
                body = Some(json!({
                    "user_id": self.user_ids[who::RES], "amount": 1, "reason": "补记积分",
                }));
            }
            Fx::SignUp => {
                let phone = self.fresh_phone();
                body = Some(json!({
                    "phone": phone, "password": PASSWORD, "name": "新邻居",
                    "unit_id": self.unit_3_1().await, "door": "1201",
                }));
            }
            Fx::Invite => {
                let invites = self.ok(who::HEAD, "GET", "/api/v1/invites", None).await;
                fill("{code}", invites["items"][0]["code"].as_str().unwrap().to_owned());
            }
            Fx::JoinAgain => {
                body = Some(json!({ "unit_id": self.unit_3_1().await, "door": "1202" }));
            }
            Fx::JoinRequest => {
                let phone = self.fresh_phone();
                let signed = self
                    .ok(
                        who::ANON,
                        "POST",
                        "/api/v1/join",
                        Some(&json!({
                            "phone": phone, "password": PASSWORD, "name": "新邻居",
                            "unit_id": self.unit_3_1().await, "door": "1201",
                        })),
                    )
                    .await;
                let request: i64 =
                    sqlx::query_scalar("SELECT id FROM join_requests WHERE user_id = $1")
                        .bind(signed["session"]["me"]["id"].as_i64().unwrap())
                        .fetch_one(&self.db.read)
                        .await
                        .unwrap();
                fill("{id}", request.to_string());
                body = Some(json!({ "reason": "门牌不对" }));
            }
            Fx::Building => fill("{id}", self.building_3.to_string()),
            Fx::Member => {
                fill("{id}", self.member().await.to_string());
                fill("{role}", "building_head".into());
                fill("{scope_kind}", "building".into());
                fill("{scope_id}", self.building_3.to_string());
                if row.path.ends_with("/volunteer") {
                    body = Some(json!({ "volunteer": false }));
                }
                if row.path.ends_with("/grants") {
                    body = Some(json!({ "role": "building_head", "scope_id": self.building_3 }));
                }
                if row.path.ends_with("/services") {
                    body = Some(json!({ "service_ids": [self.errands] }));
                }
            }
            Fx::Person => fill("{person}", format!("u{}", self.user_ids[who::RES])),
            Fx::PasswordReset => {
                let phone = if role == who::ANON {
                    RESIDENT
                } else {
                    self.phones[role]
                };
                body = Some(json!({
                    "phone": phone, "code": "00000000", "new_password": "qingshan-2027",
                }));
            }
            Fx::StaffChange => {
                body = Some(json!({ "member_id": self.member().await, "action": "appoint" }));
            }
            Fx::PendingStaffChange => {
                fill("{id}", self.pending_staff_change().await.to_string());
            }
            Fx::ProxyTarget => {
                let id: i64 =
                    sqlx::query_scalar("SELECT id FROM register_members WHERE name = '黄桂兰'")
                        .fetch_one(&self.db.read)
                        .await
                        .unwrap();
                fill("{kind}", "register".into());
                fill("{id}", id.to_string());
                body = Some(json!({ "kind": "register", "id": id }));
            }
            Fx::ServiceRequest => body = Some(service_request(&format!("缝补衣物{role}"))),
            Fx::ManagedService => {
                let id = self.fresh_service(role).await;
                fill("{id}", id.to_string());
                body = Some(if row.path.ends_with("/paused") {
                    json!({ "paused": true })
                } else {
                    service_request(&format!("改名服务{role}"))
                });
            }
            Fx::RewardRequest => {
                body = Some(json!({ "name": "洗衣皂", "points": 15, "stock": 10 }));
            }
            Fx::ManagedReward => {
                let id = self.fresh_reward().await;
                fill("{id}", id.to_string());
                body = Some(if row.path.ends_with("/retired") {
                    json!({ "retired": true })
                } else {
                    json!({ "name": "大米", "points": 12, "stock": 5, "stock_seen": 5 })
                });
            }
            Fx::TaskEdit | Fx::TaskCancel => {
                fill("{id}", self.task().await.to_string());
                body = Some(match row.fx {
                    Fx::TaskEdit => self.task_draft("清理楼道（改时间）"),
                    _ => json!({ "reason": "暴雨预警，活动改期" }),
                });
            }
            Fx::OrderStaffCancel => {
                let order = self.order().await;
                let volunteer = json!({ "volunteer_id": self.user_ids[who::VOL] });
                self.order_step(who::STAFF, order, "assign", volunteer).await;
                self.order_step(who::VOL, order, "accept", json!({})).await;
                self.order_step(who::VOL, order, "start", json!({})).await;
                fill("{id}", order.to_string());
                body = Some(json!({ "reason": "志愿者临时有事" }));
            }
            Fx::ExportRange => path.push_str("?from=2026-11-01&to=2026-11-30"),
            Fx::RegisterSheet => {
                body = Some(Value::String(
                    "楼栋,单元,房号,姓名,联系电话\n3栋,1单元,801,黄桂兰,\n".into(),
                ));
            }
            Fx::Building3 => fill("{id}", self.building_3.to_string()),
            Fx::WishDraft => {
                self.make_room_for_wishes().await;
                body = Some(json!({ "title": "帮忙换灯泡", "text": "厨房的灯泡坏了" }));
            }
            Fx::WishPhoto => {
                self.make_room_for_wishes().await;
                let uploaded = self.ok(who::RES, "POST", "/api/v1/photos", Some(&png_body())).await;
                let photo = uploaded["id"].as_i64().unwrap();
                let draft = json!({ "title": "帮忙修门锁", "photo_id": photo });
                let wish = self.ok(who::RES, "POST", "/api/v1/wishes", Some(&draft)).await;
                fill("{id}", wish["summary"]["id"].as_i64().unwrap().to_string());
                fill("{photo_id}", photo.to_string());
            }
            Fx::Wish | Fx::WishOpen | Fx::WishClaimed | Fx::WishFulfilled => {
                fill("{id}", self.wish(row.fx).await.to_string());
                body = Some(match row.path.rsplit('/').next() {
                    Some("review") => json!({ "publish": true }),
                    Some("fulfil") => json!({ "note": "灯泡换好了" }),
                    Some("thanks") => json!({ "note": "谢谢" }),
                    _ => json!({}),
                });
            }
            Fx::Photo => body = Some(png_body()),
            Fx::ReportDraft => {
                body = Some(json!({
                    "category": "repair",
                    "text": "南门路灯不亮",
                    "location": { "kind": "community" },
                }));
            }
            Fx::Report | Fx::ReportPhoto => {
                let photo = if row.fx == Fx::ReportPhoto {
                    let uploaded = self.ok(who::RES, "POST", "/api/v1/photos", Some(&png_body())).await;
                    let id = uploaded["id"].as_i64().unwrap();
                    fill("{photo_id}", id.to_string());
                    vec![id]
                } else {
                    Vec::new()
                };
                fill("{id}", self.report(photo).await.to_string());
                body = if row.path.ends_with("/reply") {
                    Some(json!({ "text": "收到，今天下午处理" }))
                } else if row.path.ends_with("/transfer") {
                    Some(json!({ "target": { "kind": "staff" } }))
                } else if row.path.ends_with("/resolve") {
                    Some(json!({ "note": "已清理" }))
                } else {
                    None
                };
            }
            Fx::ReportResolved => {
                let id = self.report(Vec::new()).await;
                self.ok(
                    who::HEAD,
                    "POST",
                    &format!("/api/v1/reports/{id}/resolve"),
                    Some(&json!({ "note": "已清理" })),
                )
                .await;
                fill("{id}", id.to_string());
                body = if row.path.ends_with("/rating") {
                    Some(json!({ "stars": 5 }))
                } else {
                    Some(json!({ "solved": true }))
                };
            }
            Fx::SimilarQuery => path.push_str("?category=sanitation&location=community"),
            Fx::ReportSettings => body = Some(json!({ "rules": [], "property_handlers": [] })),
            Fx::Message => fill("{id}", self.message().await.to_string()),
            Fx::ReadAll => body = Some(json!({ "up_to": i64::MAX })),
            Fx::MessagePrefs => {
                body = Some(serde_json::to_value(linli_api_types::MessagePrefs::default()).unwrap());
            }
            Fx::StreamTicket => {
                if role != who::ANON {
                    let ticket = self
                        .ok(role, "POST", "/api/v1/messages/stream-ticket", None)
                        .await;
                    path.push_str(&format!("?ticket={}", ticket["ticket"].as_str().unwrap()));
                }
            }
            Fx::Webhook => {
                self.webhooks().await;
                if row.method == "PUT" {
                    body = Some(json!({ "url": CLOSED_WEBHOOK, "enabled": true }));
                }
            }
            Fx::DeadDelivery => {
                self.webhooks().await;
                fill("{id}", self.dead_delivery().await.to_string());
            }
        }
        (path, body, token)
    }
}

/// Port 9 (discard) on loopback: nobody listens, so the server's worker sends nothing anywhere.
const CLOSED_WEBHOOK: &str = "http://127.0.0.1:9/linli";

impl World {
    /// A webhook for each community, unless it has one.
    async fn webhooks(&self) {
        sqlx::query(
            "INSERT INTO webhook_endpoints (community_id, url, secret, enabled, updated_at) \
             SELECT id, $1, 'matrix-secret', 1, 0 FROM communities WHERE 1 = 1 \
             ON CONFLICT (community_id) DO NOTHING",
        )
        .bind(CLOSED_WEBHOOK)
        .execute(&self.db.write)
        .await
        .unwrap();
    }

    /// A fresh dead test delivery of 井湘社区.
    async fn dead_delivery(&self) -> i64 {
        sqlx::query_scalar(
            "INSERT INTO webhook_deliveries (community_id, status, attempts, next_attempt_at, \
                 created_at) \
             SELECT id, 'dead', 6, 0, 0 FROM communities WHERE name = '井湘社区' RETURNING id",
        )
        .fetch_one(&self.db.write)
        .await
        .unwrap()
    }
}

/// Marks a body that is a PNG (base64 after the prefix), sent as `image/png`.
const PNG_BODY: &str = "png-base64:";

fn png_body() -> Value {
    use base64::Engine;
    let png = crate::photos::image_bytes(image::ImageFormat::Png, 16, 12);
    Value::String(format!(
        "{PNG_BODY}{}",
        base64::engine::general_purpose::STANDARD.encode(png)
    ))
}

static PHONES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

impl World {
    /// A phone no account holds: each sign-up cell makes a new account.
    fn fresh_phone(&self) -> String {
        let n = PHONES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        format!("1370000{n:04}")
    }

    async fn unit_3_1(&self) -> i64 {
        sqlx::query_scalar("SELECT id FROM units WHERE building_id = $1 AND name = '1单元'")
            .bind(self.building_3)
            .fetch_one(&self.db.read)
            .await
            .unwrap()
    }
}

/// A service as 服务管理 sends it.
fn service_request(name: &str) -> Value {
    json!({
        "name": name,
        "category": "daily_life",
        "provider_name": "爱心缝补队",
        "points_price": 10,
        "volunteer_points": 10,
        "duration_minutes": 60,
        "opening": [{ "weekday": 2, "start_minute": 540, "end_minute": 720 }],
    })
}

impl World {
    /// A service of 井湘社区 of its own for one cell.
    async fn fresh_service(&self, role: usize) -> i64 {
        sqlx::query_scalar(
            "INSERT INTO services (community_id, provider_id, name, category, description) \
             SELECT community_id, provider_id, $1, category, description FROM services \
             WHERE id = $2 RETURNING id",
        )
        .bind(format!("矩阵服务{role}-{}", cell_number()))
        .bind(self.errands)
        .fetch_one(&self.db.write)
        .await
        .unwrap()
    }

    /// A reward of 井湘社区 of its own for one cell.
    async fn fresh_reward(&self) -> i64 {
        sqlx::query_scalar(
            "INSERT INTO rewards (community_id, name, description, points, stock, created_at) \
             SELECT community_id, '大米', '', 10, 5, 0 FROM rewards WHERE id = $1 RETURNING id",
        )
        .bind(self.reward)
        .fetch_one(&self.db.write)
        .await
        .unwrap()
    }
}

fn cell_number() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// An id no table holds, and a voucher code no voucher has.
const NO_SUCH_ID: i64 = 999_999_999;
const NO_SUCH_CODE: &str = "ZZZZ-ZZZZ";

impl World {
    /// For a cell that must answer as if the thing did not exist — every 404, and another
    /// community's staff naming our place, service or member in a body (422 `unknown`) — the
    /// same request naming nothing at all. Its answer must be the same, byte for byte.
    fn unknown_counterpart(
        &self,
        row: &Row,
        role: usize,
        body: Option<&Value>,
    ) -> Option<(String, Option<Value>)> {
        match row.expect[role] {
            404 => {
                let path = row
                    .path
                    .replace("{id}", &NO_SUCH_ID.to_string())
                    .replace("{user_id}", &self.user_ids[who::VOL].to_string())
                    .replace("{action}", "check_in")
                    .replace("{code}", NO_SUCH_CODE)
                    .replace("{role}", "building_head")
                    .replace("{scope_kind}", "building")
                    .replace("{scope_id}", &self.building_3.to_string())
                    .replace("{kind}", "register")
                    .replace("{person}", &format!("u{NO_SUCH_ID}"));
                let mut body = body.cloned();
                if row.fx == Fx::ProxyTarget {
                    body = Some(json!({ "kind": "register", "id": NO_SUCH_ID }));
                }
                Some((path, body))
            }
            // A wrong code for 李桂芳's phone reads as one for a phone nobody has.
            422 if role == who::STAFF_X && row.fx == Fx::PasswordReset => {
                let mut body = body?.clone();
                body["phone"] = json!("13999999999");
                Some((row.path.to_owned(), Some(body)))
            }
            422 if role == who::STAFF_X => {
                let mut body = body?.clone();
                let reference = match row.fx {
                    Fx::NoticeDraft | Fx::TaskDraft => &mut body["target"]["id"],
                    Fx::OrderDraft => &mut body["service_id"],
                    Fx::Correction => &mut body["user_id"],
                    other => panic!("no unknown counterpart for {other:?}"),
                };
                *reference = json!(NO_SUCH_ID);
                Some((row.path.to_owned(), Some(body)))
            }
            _ => None,
        }
    }
}

async fn building(db: &Db, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM buildings WHERE estate = '华盛世纪新城' AND name = $1")
        .bind(name)
        .fetch_one(&db.read)
        .await
        .unwrap()
}

/// 周海峰, of 陈丽华's household in 5栋 1单元 601, building head of 5栋 (the demo has none).
async fn add_building_head_of_5(db: &Db) {
    let user: i64 = sqlx::query_scalar(
        "INSERT INTO users (phone, name, password_hash, community_id, household_id, \
            is_volunteer, created_at) \
         SELECT $1, '周海峰', password_hash, community_id, household_id, 0, created_at \
         FROM users WHERE phone = $2 RETURNING id",
    )
    .bind(HEAD_5)
    .bind(RESIDENT_5)
    .fetch_one(&db.write)
    .await
    .unwrap();
    let building_5 = building(db, "5栋").await;
    sqlx::query(
        "INSERT INTO role_grants (user_id, role, scope_kind, scope_id) \
         VALUES ($1, 'building_head', 'building', $2)",
    )
    .bind(user)
    .bind(building_5)
    .execute(&db.write)
    .await
    .unwrap();
}

/// A new session for `phone`, straight into the database: signing in through the API would
/// spend the per-IP sign-in allowance the matrix's own sign-in row needs.
async fn session(db: &Db, phone: &str) -> (i64, String) {
    let user: i64 = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&db.read)
        .await
        .unwrap();
    let token = linli_server::features::account::session_token::generate();
    sqlx::query(
        "INSERT INTO sessions (user_id, token_hash, created_at, expires_at, created_ip) \
         VALUES ($1, $2, 0, $3, '127.0.0.1')",
    )
    .bind(user)
    .bind(linli_server::features::account::session_token::hash(&token))
    .bind(i64::MAX / 2)
    .execute(&db.write)
    .await
    .unwrap();
    (user, token)
}

fn documented_endpoints() -> BTreeSet<(String, String)> {
    let document = serde_json::to_value(linli_server::openapi::document()).unwrap();
    document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, operations)| {
            operations
                .as_object()
                .unwrap()
                .keys()
                .filter(|key| ["get", "put", "post", "delete", "patch"].contains(&key.as_str()))
                .map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect()
}

#[test]
fn every_endpoint_has_a_row() {
    let rows: Vec<(String, String)> = matrix()
        .iter()
        .map(|row| (row.method.to_owned(), row.path.to_owned()))
        .collect();
    let in_matrix: BTreeSet<_> = rows.iter().cloned().collect();
    assert_eq!(rows.len(), in_matrix.len(), "a row appears twice");

    let documented = documented_endpoints();

    let missing: Vec<_> = documented.difference(&in_matrix).collect();
    let stale: Vec<_> = in_matrix.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "endpoints without a row in the authz matrix: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for endpoints the API no longer has: {stale:?}"
    );
}

#[tokio::test]
async fn every_endpoint_answers_each_role_as_the_matrix_says() {
    let world = World::new().await;
    let mut wrong = Vec::new();
    for row in matrix() {
        for (role, expected) in row.expect.iter().enumerate() {
            let (path, body, token) = world.prepare(&row, role).await;
            let (status, answer) = world
                .send_with(token.as_deref(), row.method, &path, body.as_ref())
                .await;
            if status.as_u16() != *expected {
                let answer = answer.to_string();
                let answer: String = answer.chars().take(160).collect();
                wrong.push(format!(
                    "{} {} as {}: expected {expected}, got {status} {answer}",
                    row.method, row.path, ROLES[role]
                ));
                continue;
            }
            // "Does not exist for you" must read exactly as "does not exist".
            if let Some((unknown_path, unknown_body)) =
                world.unknown_counterpart(&row, role, body.as_ref())
            {
                let (unknown_status, unknown_answer) = world
                    .send_with(
                        token.as_deref(),
                        row.method,
                        &unknown_path,
                        unknown_body.as_ref(),
                    )
                    .await;
                if (status, &answer) != (unknown_status, &unknown_answer) {
                    wrong.push(format!(
                        "{} {} as {}: {status} {answer} tells it from a nonexistent one: \
                         {unknown_status} {unknown_answer}",
                        row.method, row.path, ROLES[role]
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Which of the actors 1..8 (all but anon) list `id` at `path` under `key`.
async fn who_lists(world: &World, path: &str, key: &str, id: i64) -> Vec<&'static str> {
    let mut listing = Vec::new();
    for (role, name) in ROLES.iter().enumerate().skip(1) {
        let page = world.ok(role, "GET", path, None).await;
        let items = page[key].as_array().unwrap();
        if items.iter().any(|item| item["id"].as_i64() == Some(id)) {
            listing.push(*name);
        }
    }
    listing
}

fn ids(list: &Value) -> BTreeSet<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .filter_map(|item| item["id"].as_i64())
        .collect()
}

#[tokio::test]
async fn a_notice_and_a_task_for_3栋_are_listed_in_3栋_and_for_staff_only() {
    let world = World::new().await;
    let notice = world.notice().await;
    let task = world.task().await;

    let notice_readers = who_lists(&world, "/api/v1/notices?limit=50", "items", notice).await;
    let task_viewers = who_lists(&world, "/api/v1/tasks", "items", task).await;

    assert_eq!(notice_readers, ["res", "vol", "head", "staff"]);
    assert_eq!(task_viewers, ["res", "vol", "head", "staff"]);
    let authored = world
        .ok(who::HEAD5, "GET", "/api/v1/notices/authored", None)
        .await;
    assert!(!ids(&authored["items"]).contains(&notice));
}

#[tokio::test]
async fn heads_and_staff_may_address_only_their_own_places() {
    let world = &World::new().await;
    let targets = |role| async move {
        let scopes = world.ok(role, "GET", "/api/v1/notice-targets", None).await;
        let tasks = world.ok(role, "GET", "/api/v1/task-targets", None).await;
        let building = |list: &Value| {
            list.as_array()
                .unwrap()
                .iter()
                .any(|s| s["kind"] == "building" && s["id"].as_i64() == Some(world.building_3))
        };
        (building(&scopes), building(&tasks))
    };

    assert_eq!(targets(who::HEAD).await, (true, true));
    assert_eq!(targets(who::STAFF).await, (true, true));
    assert_eq!(targets(who::HEAD5).await, (false, false));
    assert_eq!(targets(who::STAFF_X).await, (false, false));
    assert_eq!(targets(who::RES).await, (false, false));
}

#[tokio::test]
async fn another_communitys_staff_see_none_of_our_orders_menu_or_rewards() {
    let world = World::new().await;
    let order = world.order().await;

    let ours = world
        .ok(who::STAFF, "GET", "/api/v1/dispatch/queue", None)
        .await;
    let theirs = world
        .ok(who::STAFF_X, "GET", "/api/v1/dispatch/queue", None)
        .await;

    assert!(ids(&ours["waiting"]["items"]).contains(&order));
    assert!(!ids(&theirs["waiting"]["items"]).contains(&order));
    assert!(!ids(&theirs["dispatched"]["items"]).contains(&order));
    let menu_ids = |menu: Value| -> BTreeSet<i64> {
        menu["groups"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|group| ids(&group["services"]))
            .collect()
    };
    let our_menu = menu_ids(world.ok(who::STAFF, "GET", "/api/v1/services", None).await);
    let their_menu = menu_ids(
        world
            .ok(who::STAFF_X, "GET", "/api/v1/services", None)
            .await,
    );
    assert!(our_menu.contains(&world.errands));
    assert!(our_menu.is_disjoint(&their_menu));
    let our_rewards = ids(&world.ok(who::STAFF, "GET", "/api/v1/rewards", None).await);
    let their_rewards = ids(&world.ok(who::STAFF_X, "GET", "/api/v1/rewards", None).await);
    assert!(our_rewards.contains(&world.reward));
    assert!(our_rewards.is_disjoint(&their_rewards));
}

#[tokio::test]
async fn refused_writes_change_nothing_stored() {
    let world = &World::new().await;
    let order = world.order().await;
    let notice = world.notice().await;
    let balance = |role| async move {
        world.ok(role, "GET", "/api/v1/me/points", None).await["balance"].clone()
    };
    let before = balance(who::RES).await;
    let assign = json!({ "volunteer_id": world.user_ids[who::VOL] });
    let correction =
        json!({ "user_id": world.user_ids[who::RES], "amount": 500, "reason": "越权" });
    let edit = world.notice_draft("被改掉的标题");

    let refused = [
        world
            .send(
                who::STAFF_X,
                "POST",
                &format!("/api/v1/orders/{order}/assign"),
                Some(&assign),
            )
            .await
            .0,
        world
            .send(
                who::STAFF_X,
                "POST",
                &format!("/api/v1/orders/{order}/cancel"),
                Some(&json!({})),
            )
            .await
            .0,
        world
            .send(
                who::STAFF,
                "POST",
                &format!("/api/v1/orders/{order}/cancel"),
                Some(&json!({})),
            )
            .await
            .0,
        world
            .send(
                who::STAFF_X,
                "PUT",
                &format!("/api/v1/vouchers/{}/used", world.voucher),
                None,
            )
            .await
            .0,
        world
            .send(
                who::STAFF_X,
                "POST",
                "/api/v1/ledger/corrections",
                Some(&correction),
            )
            .await
            .0,
        world
            .send(
                who::HEAD,
                "POST",
                "/api/v1/ledger/corrections",
                Some(&correction),
            )
            .await
            .0,
        world
            .send(
                who::HEAD5,
                "PUT",
                &format!("/api/v1/notices/{notice}"),
                Some(&edit),
            )
            .await
            .0,
        world
            .send(
                who::RES,
                "DELETE",
                &format!("/api/v1/notices/{notice}"),
                None,
            )
            .await
            .0,
        world
            .send(
                who::RES5,
                "PUT",
                &format!("/api/v1/notices/{notice}/read"),
                None,
            )
            .await
            .0,
    ];

    assert!(
        refused.iter().all(|status| status.is_client_error()),
        "{refused:?}"
    );
    let (status, volunteer): (String, Option<i64>) =
        sqlx::query_as("SELECT status, volunteer_id FROM orders WHERE id = $1")
            .bind(order)
            .fetch_one(&world.db.read)
            .await
            .unwrap();
    assert_eq!((status.as_str(), volunteer), ("submitted", None));
    let used: Option<i64> = sqlx::query_scalar("SELECT used_at FROM vouchers WHERE code = $1")
        .bind(&world.voucher)
        .fetch_one(&world.db.read)
        .await
        .unwrap();
    assert_eq!(used, None);
    assert_eq!(balance(who::RES).await, before);
    let (title, withdrawn): (String, Option<i64>) =
        sqlx::query_as("SELECT title, withdrawn_at FROM notices WHERE id = $1")
            .bind(notice)
            .fetch_one(&world.db.read)
            .await
            .unwrap();
    assert_eq!((title.as_str(), withdrawn), ("电梯检修", None));
    let reads_in_5: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM notice_reads r JOIN users u ON u.household_id = r.household_id \
         WHERE r.notice_id = $1 AND u.phone = $2",
    )
    .bind(notice)
    .bind(RESIDENT_5)
    .fetch_one(&world.db.read)
    .await
    .unwrap();
    assert_eq!(reads_in_5, 0);
}
