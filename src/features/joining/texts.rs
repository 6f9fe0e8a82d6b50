//! Words of the joining pages, zh-CN first and English: signing up, waiting for a head, the
//! heads' review and the invite. They load with the joining chunk (and the `我的` chunk for its
//! card), not with 首页.

use linli_api_types::Role;

use crate::i18n::{use_i18n, Locale};

pub struct JoinTexts {
    pub sign_up_title: &'static str,
    pub sign_up_intro: &'static str,
    /// Above the form opened from an invite: the community and building.
    pub invited_to: fn(&str, &str) -> String,
    pub invite_gone: &'static str,
    pub community: &'static str,
    pub building: &'static str,
    pub unit: &'static str,
    pub door: &'static str,
    pub door_placeholder: &'static str,
    pub choose: &'static str,
    pub name: &'static str,
    pub name_placeholder: &'static str,
    pub phone: &'static str,
    pub password: &'static str,
    pub password_hint: &'static str,
    pub how_vouched: &'static str,
    pub sign_up_button: &'static str,
    pub signing_up: &'static str,
    pub have_account: &'static str,
    pub sign_in_link: &'static str,
    pub required: &'static str,
    pub phone_bad: &'static str,
    pub password_short: &'static str,
    pub choose_home: &'static str,

    pub status_title: &'static str,
    pub waiting_heading: &'static str,
    /// "等待 3栋楼栋长 刘伟忠、3栋1单元单元长 尚建超 审核".
    pub waiting_for: fn(&str) -> String,
    pub role_label: fn(Role) -> &'static str,
    pub meanwhile: &'static str,
    pub your_home: &'static str,
    pub declined_heading: &'static str,
    pub declined_by: fn(&str) -> String,
    pub reason: &'static str,
    pub ask_again_heading: &'static str,
    pub ask_again_intro: &'static str,
    pub ask_again_button: &'static str,
    pub asking: &'static str,
    pub approved_heading: &'static str,
    pub approved_body: &'static str,
    pub to_home: &'static str,
    pub check_now: &'static str,
    pub status_link: &'static str,

    pub review_title: &'static str,
    pub review_empty: &'static str,
    /// On 我的: "入户审核" and its count read aloud.
    pub review_count: fn(usize) -> String,
    pub requested_on: fn(&str) -> String,
    pub register_heading: &'static str,
    pub register_none: &'static str,
    pub linked: &'static str,
    pub link_to: &'static str,
    pub link_none: &'static str,
    pub approve: &'static str,
    pub decline: &'static str,
    pub decline_question: fn(&str) -> String,
    pub decline_detail: &'static str,
    pub decline_reason: &'static str,
    pub cancel: &'static str,
    pub approved_done: fn(&str) -> String,
    pub declined_done: fn(&str) -> String,

    pub invite_title: &'static str,
    pub invite_intro: &'static str,
    pub qr_label: fn(&str) -> String,
    pub copy_link: &'static str,
    pub copied: &'static str,
    pub renew: &'static str,
    pub renew_question: &'static str,
    pub renew_detail: &'static str,
    pub renewed: &'static str,
}

fn role_zh(role: Role) -> &'static str {
    match role {
        Role::BuildingHead => "楼栋长",
        Role::UnitHead => "单元长",
        Role::GridHead => "网格长",
        Role::Staff => "社区工作人员",
    }
}

fn role_en(role: Role) -> &'static str {
    match role {
        Role::BuildingHead => "building head",
        Role::UnitHead => "unit head",
        Role::GridHead => "grid head",
        Role::Staff => "community staff",
    }
}

static ZH: JoinTexts = JoinTexts {
    sign_up_title: "注册",
    sign_up_intro: "填写您家的住址和您的姓名、手机号。",
    invited_to: |community, building| format!("您正在加入 {community} {building}"),
    invite_gone: "这个邀请链接已经失效，请向楼栋长要新的二维码，或在下面选择您的楼栋。",
    community: "社区",
    building: "楼栋",
    unit: "单元",
    door: "门牌号",
    door_placeholder: "如 1101",
    choose: "请选择",
    name: "姓名",
    name_placeholder: "与社区登记的姓名一致",
    phone: "手机号",
    password: "设置密码",
    password_hint: "至少8位，不要用生日或123456这类常见密码",
    how_vouched:
        "姓名和手机号与社区花名册一致的，注册后马上可以使用；不一致的，由您的单元长或楼栋长审核。",
    sign_up_button: "注册",
    signing_up: "正在注册…",
    have_account: "已有账号？",
    sign_in_link: "登录",
    required: "请填写此项",
    phone_bad: "请输入11位手机号",
    password_short: "密码至少8位",
    choose_home: "请选择",

    status_title: "入户申请",
    waiting_heading: "正在等待审核",
    waiting_for: |who| format!("等待 {who} 审核"),
    role_label: role_zh,
    meanwhile:
        "审核通过前，您可以看社区公告和服务菜单；本楼的通知、任务和积分在审核通过后就能看到。",
    your_home: "申请加入",
    declined_heading: "入户申请未通过",
    declined_by: |who| format!("{who} 的答复"),
    reason: "原因",
    ask_again_heading: "核对住址后重新申请",
    ask_again_intro: "如果门牌填错了，改正后再提交一次。",
    ask_again_button: "重新申请",
    asking: "正在提交…",
    approved_heading: "审核已通过",
    approved_body: "您已加入本户，可以看本楼的通知、参加任务了。",
    to_home: "回到首页",
    check_now: "刷新审核结果",
    status_link: "查看入户申请",

    review_title: "入户审核",
    review_empty: "没有待审核的申请。",
    review_count: |n| format!("{n}条待审核"),
    requested_on: |when| format!("{when} 申请"),
    register_heading: "花名册上这一户",
    register_none: "花名册上这一户还没有登记成员",
    linked: "已加入",
    link_to: "对应花名册中的",
    link_none: "不对应（花名册上没有）",
    approve: "通过",
    decline: "不通过",
    decline_question: |name| format!("不通过 {name} 的申请？"),
    decline_detail: "请写明原因，申请人会看到，可以改正后重新申请。",
    decline_reason: "原因",
    cancel: "取消",
    approved_done: |name| format!("已通过 {name} 的申请"),
    declined_done: |name| format!("已答复 {name}：不通过"),

    invite_title: "邀请邻居",
    invite_intro:
        "请邻居用手机扫码，或把链接发到楼栋群里，打开后楼栋已填好，选单元和门牌就能注册。",
    qr_label: |building| format!("{building} 注册二维码"),
    copy_link: "复制链接",
    copied: "链接已复制",
    renew: "换一个新链接",
    renew_question: "换一个新链接？",
    renew_detail: "旧的链接和二维码会马上失效，已经注册的邻居不受影响。",
    renewed: "已换成新链接",
};

static EN: JoinTexts = JoinTexts {
    sign_up_title: "Sign up",
    sign_up_intro: "Tell us your home, your name and your phone number.",
    invited_to: |community, building| format!("You are joining {community}, {building}"),
    invite_gone: "This invite link no longer works. Ask your building head for a new QR code, or choose your building below.",
    community: "Community",
    building: "Building",
    unit: "Unit",
    door: "Door number",
    door_placeholder: "e.g. 1101",
    choose: "Choose",
    name: "Name",
    name_placeholder: "As the community has it",
    phone: "Phone number",
    password: "Choose a password",
    password_hint: "At least 8 characters; not a birthday or 123456",
    how_vouched: "If your name and phone number match the community's register you can start at once; otherwise your unit or building head approves you.",
    sign_up_button: "Sign up",
    signing_up: "Signing up…",
    have_account: "Have an account?",
    sign_in_link: "Sign in",
    required: "Please fill this in",
    phone_bad: "Enter an 11-digit mobile number",
    password_short: "At least 8 characters",
    choose_home: "Please choose",

    status_title: "Joining request",
    waiting_heading: "Waiting for approval",
    waiting_for: |who| format!("Waiting for {who}"),
    role_label: role_en,
    meanwhile: "Until then you can read community notices and the service menu; your building's notices, tasks and points open once you are approved.",
    your_home: "Asked to join",
    declined_heading: "Your request was declined",
    declined_by: |who| format!("{who} replied"),
    reason: "Reason",
    ask_again_heading: "Check your home and ask again",
    ask_again_intro: "If the door number was wrong, correct it and send the request again.",
    ask_again_button: "Ask again",
    asking: "Sending…",
    approved_heading: "Approved",
    approved_body: "You have joined your household: your building's notices and tasks are open to you.",
    to_home: "Go to Home",
    check_now: "Check again",
    status_link: "See your joining request",

    review_title: "Joining requests",
    review_empty: "No requests are waiting.",
    review_count: |n| if n == 1 { "1 request waiting".into() } else { format!("{n} requests waiting") },
    requested_on: |when| format!("Asked {when}"),
    register_heading: "This room on the register",
    register_none: "Nobody of this room is on the register yet",
    linked: "joined",
    link_to: "Is this person on the register?",
    link_none: "Not on the register",
    approve: "Approve",
    decline: "Decline",
    decline_question: |name| format!("Decline {name}'s request?"),
    decline_detail: "Say why: they will read it and can correct their home and ask again.",
    decline_reason: "Reason",
    cancel: "Cancel",
    approved_done: |name| format!("{name} approved"),
    declined_done: |name| format!("{name} declined"),

    invite_title: "Invite neighbours",
    invite_intro: "Neighbours scan this code with their phone, or open the link from the building's group chat: the building is filled in, they choose unit and door.",
    qr_label: |building| format!("QR code to sign up in {building}"),
    copy_link: "Copy link",
    copied: "Link copied",
    renew: "Make a new link",
    renew_question: "Make a new link?",
    renew_detail: "The old link and QR code stop working at once. Neighbours who signed up are not affected.",
    renewed: "The link is new",
};

pub fn texts() -> &'static JoinTexts {
    texts_in(use_i18n().locale())
}

/// For event handlers, which run outside the component's context: the locale read from an
/// `I18n` taken when the component was made.
pub fn texts_in(locale: Locale) -> &'static JoinTexts {
    match locale {
        Locale::Zh => &ZH,
        Locale::En => &EN,
    }
}

/// "3栋楼栋长 刘伟忠" (English: "刘伟忠, building head of 3栋").
pub fn reviewer(t: &JoinTexts, role: Role, place: &str, name: &str) -> String {
    if std::ptr::eq(t, &ZH) {
        format!("{place}{} {name}", (t.role_label)(role))
    } else {
        format!("{name}, {} of {place}", (t.role_label)(role))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reviewers_read_as_the_community_says_them() {
        assert_eq!(
            reviewer(&ZH, Role::BuildingHead, "3栋", "刘伟忠"),
            "3栋楼栋长 刘伟忠"
        );
        assert_eq!(
            reviewer(&EN, Role::UnitHead, "3栋1单元", "尚建超"),
            "尚建超, unit head of 3栋1单元"
        );
        assert_eq!((EN.review_count)(1), "1 request waiting");
        assert_eq!((EN.review_count)(3), "3 requests waiting");
    }
}
