//! Every page's path in one place, so links, redirects and titles cannot drift apart.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppRoute {
    Home,
    Tasks,
    Services,
    Points,
    Me,
    SignIn,
    NoticeCompose,
    MyNotices,
}

impl AppRoute {
    /// The five tabs of the bottom bar, in order.
    pub const TABS: [AppRoute; 5] =
        [AppRoute::Home, AppRoute::Tasks, AppRoute::Services, AppRoute::Points, AppRoute::Me];

    pub fn path(self) -> &'static str {
        match self {
            AppRoute::Home => "/",
            AppRoute::Tasks => "/tasks",
            AppRoute::Services => "/services",
            AppRoute::Points => "/points",
            AppRoute::Me => "/me",
            AppRoute::SignIn => "/login",
            AppRoute::NoticeCompose => "/notices/new",
            AppRoute::MyNotices => "/notices/mine",
        }
    }

    pub fn notice(id: i64) -> String {
        format!("/notices/{id}")
    }

    pub fn notice_edit(id: i64) -> String {
        format!("/notices/{id}/edit")
    }

    pub fn notice_receipts(id: i64) -> String {
        format!("/notices/{id}/receipts")
    }
}

/// The sign-in page's address that returns to `next` afterwards.
pub fn sign_in_returning_to(next: &str) -> String {
    if next.is_empty() || next == "/" || next.starts_with(AppRoute::SignIn.path()) {
        AppRoute::SignIn.path().to_owned()
    } else {
        format!("{}?next={}", AppRoute::SignIn.path(), js_sys::encode_uri_component(next))
    }
}

/// Only same-app paths are followed after sign-in: `next` comes from the address bar.
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") => path,
        _ => AppRoute::Home.path().to_owned(),
    }
}

/// The service menu and orders 服务 / 四单 (issue 5). The menu itself is `AppRoute::Services`;
/// everything lives under it so the 服务 tab stays lit.
pub mod orders {
    /// 我的订单: a resident's own orders.
    pub const MINE: &str = "/services/orders";
    /// 中心派单: staff's dispatch queue.
    pub const DISPATCH: &str = "/services/dispatch";
    /// 我的接单: a volunteer's orders and open ones to claim.
    pub const VOLUNTEER: &str = "/services/volunteer";

    pub fn order_form(service_id: i64) -> String {
        format!("/services/{service_id}/order")
    }

    pub fn order(id: i64) -> String {
        format!("/services/orders/{id}")
    }
}

// Volunteer tasks 任务 and the love bank 积分 (issue 4): pages below those two tabs.
impl AppRoute {
    pub const TASK_NEW: &'static str = "/tasks/new";
    pub const MY_TASKS: &'static str = "/tasks/mine";
    pub const REWARDS: &'static str = "/points/rewards";
    pub const VOUCHERS: &'static str = "/points/vouchers";
    pub const LEADERBOARD: &'static str = "/points/leaderboard";
    pub const POINTS_DESK: &'static str = "/points/desk";

    pub fn task(id: i64) -> String {
        format!("/tasks/{id}")
    }

    pub fn task_roster(id: i64) -> String {
        format!("/tasks/{id}/roster")
    }

    pub fn voucher(id: i64) -> String {
        format!("/points/vouchers/{id}")
    }

    /// Staff's points desk with the correction form open for one member.
    pub fn points_correction(user_id: i64, name: &str) -> String {
        format!("{}?user={user_id}&name={}", Self::POINTS_DESK, js_sys::encode_uri_component(name))
    }
}

/// Account pages below 我的, so the 我的 tab stays lit.
pub mod account {
    /// 修改密码.
    pub const CHANGE_PASSWORD: &str = "/me/password";
}
