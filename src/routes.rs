//! Every page's path, written once: the router matches `pattern::<page>()` and links are built
//! by `<page>(ids…)`, both from the same line of the table below, so a link cannot point where
//! no route is. `scripts/dist-loader.mjs` reads the table too (to preload a page's chunk).

use leptos_router::PossibleRouteMatch;

/// `name(ids…) = "/path/:id";` gives `pub fn name(ids: i64…)`, the path with those ids (a
/// `&'static str` when there are none, a `String` otherwise), and `pattern::name()` for the
/// router. The ids are named as in the path, in the same order (a test checks).
macro_rules! pages {
    ($($(#[$doc:meta])* $name:ident($($id:ident),*) = $path:tt;)*) => {
        $(pages!(@link $(#[$doc])* $name($($id),*) = $path);)*

        /// The router's side of the table: what each page's path matches.
        pub mod pattern {
            use super::PossibleRouteMatch;
            $(
                pub fn $name() -> impl PossibleRouteMatch + Clone + Send + 'static {
                    leptos_router::path!($path)
                }
            )*
        }

        /// Every page: its name, its path, and the ids its link takes.
        #[cfg(test)]
        const TABLE: &[(&str, &str, &[&str])] = &[$((stringify!($name), $path, &[$(stringify!($id)),*])),*];
    };
    (@link $(#[$doc:meta])* $name:ident() = $path:tt) => {
        $(#[$doc])*
        pub fn $name() -> &'static str {
            $path
        }
    };
    (@link $(#[$doc:meta])* $name:ident($($id:ident),+) = $path:tt) => {
        $(#[$doc])*
        pub fn $name($($id: i64),+) -> String {
            fill($path, &[$($id),+])
        }
    };
}

pages! {
    /// 首页.
    home() = "/";
    sign_in() = "/login";

    // Notices 通知公告: each one's page, and for heads and staff composing and their own list.
    notice_compose() = "/notices/new";
    my_notices() = "/notices/mine";
    notice(id) = "/notices/:id";
    notice_edit(id) = "/notices/:id/edit";
    notice_receipts(id) = "/notices/:id/receipts";

    // The service menu and orders 服务 / 四单, all below 服务 so its tab stays lit.
    services() = "/services";
    /// Ordering the service `id`.
    order_form(id) = "/services/:id/order";
    /// 我的订单: a resident's own orders.
    my_orders() = "/services/orders";
    /// 中心派单: staff's dispatch queue.
    dispatch() = "/services/dispatch";
    /// 我的接单: a volunteer's orders and open ones to claim.
    volunteer_orders() = "/services/volunteer";
    order(id) = "/services/orders/:id";
    /// 服务管理: staff run the menu.
    service_manage() = "/services/manage";
    service_new() = "/services/manage/new";
    service_edit(id) = "/services/manage/:id";
    // 微心愿, below 服务 so its tab stays lit: 心愿墙 (the board), 许个心愿, 我的心愿 (posted
    // and claimed), 心愿审核 (heads and staff) and a wish's page.
    wishes() = "/services/wishes";
    wish_new() = "/services/wishes/new";
    my_wishes() = "/services/wishes/mine";
    wish_review() = "/services/wishes/review";
    wish(id) = "/services/wishes/:id";

    // 我的 and the account pages below it.
    me() = "/me";
    /// 修改密码.
    change_password() = "/me/password";

    // Volunteer tasks 任务.
    tasks() = "/tasks";
    task_new() = "/tasks/new";
    my_tasks() = "/tasks/mine";
    task(id) = "/tasks/:id";
    task_roster(id) = "/tasks/:id/roster";
    /// 修改活动: staff and the organiser, before the start.
    task_edit(id) = "/tasks/:id/edit";

    // The love bank 积分.
    points() = "/points";
    rewards() = "/points/rewards";
    vouchers() = "/points/vouchers";
    voucher(id) = "/points/vouchers/:id";
    leaderboard() = "/points/leaderboard";
    points_desk() = "/points/desk";

    // 住户名册 (staff) and 加入进度 (staff and heads), below 我的.
    register_import() = "/me/register";
    register_progress() = "/me/progress";
    /// A building's households not on Linli yet.
    register_unjoined(id) = "/me/progress/buildings/:id";
    // 居民, below 我的 so its tab stays lit: heads' and staff's directory and a person's page
    // (an account, or a register member not on Linli). 忘记密码 is open to strangers.
    people() = "/me/people";
    person_account(id) = "/me/people/u/:id";
    person_register(id) = "/me/people/r/:id";
    forgot_password() = "/forgot-password";
    /// 台账导出: staff download their community's spreadsheets.
    exports() = "/me/exports";
    /// 礼品管理: staff run the 爱心超市.
    rewards_manage() = "/points/rewards/manage";
    reward_new() = "/points/rewards/manage/new";
    reward_edit(id) = "/points/rewards/manage/:id";

    // 代办: heads and staff acting for residents without phones. The start page of an account
    // or of a register entry (a household member who may have no login yet).
    proxy_list() = "/me/proxy";
    proxy_start_account(id) = "/proxy/start/account/:id";
    proxy_start_register(id) = "/proxy/start/register/:id";
    // Joining: 注册 (open to strangers, also from a building's invite), the waiting resident's
    // request, and for heads 入户审核 and 邀请邻居.
    sign_up() = "/join";
    /// The invite's code is letters; the link is built from the server's `path`, not here.
    join_invite(code) = "/join/:code";
    join_status() = "/me/join";
    join_review() = "/me/join-requests";
    invite() = "/me/invite";

    // 民声有回应, below 我的 so its tab stays lit (首页's 随手拍 opens the form): reporting, 我的反映,
    // heads' 待我处理, staff's and grid heads' 民声看板, staff's 反映设置, and one report.
    report_new() = "/me/reports/new";
    my_reports() = "/me/reports";
    report_inbox() = "/me/reports/inbox";
    report_dashboard() = "/me/reports/dashboard";
    report_settings() = "/me/reports/settings";
    report(id) = "/me/reports/:id";

    // 消息, below 我的 so its tab stays lit (首页's bell opens the list): the list, 消息设置, and
    // staff's 消息推送 (the community's webhook and its dead letters).
    messages() = "/me/messages";
    message_settings() = "/me/messages/settings";
    message_webhook() = "/me/messages/webhook";
}

/// Pages strangers may open without being sent to sign in: sign-in itself, signing up and
/// 忘记密码.
pub fn open_to_strangers(path: &str) -> bool {
    path == sign_in() || path == sign_up() || path.starts_with("/join/") || path == forgot_password()
}

/// `pattern` with each `:param` segment replaced by the next id. Byte by byte rather than with
/// `str::split`: the patterns are ASCII, and this is in the first module 首页 loads.
fn fill(pattern: &str, ids: &[i64]) -> String {
    let (bytes, mut ids) = (pattern.as_bytes(), ids.iter());
    let mut path = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b':' {
            path.push_str(&ids.next().copied().unwrap_or_default().to_string());
            while i < bytes.len() && bytes[i] != b'/' {
                i += 1;
            }
        } else {
            path.push(char::from(bytes[i]));
            i += 1;
        }
    }
    path
}

/// The five tabs of the bottom bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Home,
    Tasks,
    Services,
    Points,
    Me,
}

impl Tab {
    /// In the bar's order.
    pub const ALL: [Tab; 5] = [Tab::Home, Tab::Tasks, Tab::Services, Tab::Points, Tab::Me];

    pub fn path(self) -> &'static str {
        match self {
            Tab::Home => home(),
            Tab::Tasks => tasks(),
            Tab::Services => services(),
            Tab::Points => points(),
            Tab::Me => me(),
        }
    }
}

/// Staff's points desk with the correction form open for one member.
pub fn points_correction(user_id: i64, name: &str) -> String {
    format!("{}?user={user_id}&name={}", points_desk(), js_sys::encode_uri_component(name))
}

/// The sign-in page's address that returns to `next` afterwards.
pub fn sign_in_returning_to(next: &str) -> String {
    if next.is_empty() || next == home() || next.starts_with(sign_in()) {
        sign_in().to_owned()
    } else {
        format!("{}?next={}", sign_in(), js_sys::encode_uri_component(next))
    }
}

/// Only same-app paths are followed after sign-in: `next` comes from the address bar.
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") => path,
        _ => home().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_put_the_ids_where_the_pattern_has_them() {
        assert_eq!(home(), "/");
        assert_eq!(my_orders(), "/services/orders");
        assert_eq!(sign_in(), "/login");
        assert_eq!(notice(3), "/notices/3");
        assert_eq!(notice_receipts(12), "/notices/12/receipts");
        assert_eq!(order_form(7), "/services/7/order");
        assert_eq!(order(41), "/services/orders/41");
        assert_eq!(task_roster(5), "/tasks/5/roster");
        assert_eq!(voucher(9), "/points/vouchers/9");
    }

    #[test]
    fn every_link_takes_the_ids_its_pattern_names_in_order() {
        for (name, path, ids) in TABLE {
            let params: Vec<&str> = path.split('/').filter_map(|s| s.strip_prefix(':')).collect();
            assert_eq!(&params, ids, "{name}: {path}");
            assert!(path.starts_with('/'), "{name}: {path}");
        }
    }

    #[test]
    fn no_two_pages_share_a_path() {
        for (i, (name, path, _)) in TABLE.iter().enumerate() {
            for (other, other_path, _) in &TABLE[i + 1..] {
                assert_ne!(path, other_path, "{name} and {other}");
            }
        }
    }

    #[test]
    fn a_tab_is_its_page() {
        assert_eq!(Tab::ALL.map(Tab::path), [home(), tasks(), services(), points(), me()]);
    }

    #[test]
    fn sign_in_sends_back_only_to_paths_of_this_app() {
        assert_eq!(safe_next(Some("/tasks/3".into())), "/tasks/3");
        assert_eq!(safe_next(Some("//evil.example/x".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(None), "/");
    }
}
