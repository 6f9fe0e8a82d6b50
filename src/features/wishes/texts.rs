//! 微心愿's words, zh-CN first and English; they load with the feature's chunk (the link card
//! on 服务 and 我的 reads its two lines from here too).

use linli_api_types::WishStatus;

use crate::i18n::{use_i18n, I18n, Locale};

pub struct WishTexts {
    pub board_title: &'static str,
    pub post_title: &'static str,
    pub mine_title: &'static str,
    pub review_title: &'static str,
    pub wish_title: &'static str,
    pub links_label: &'static str,
    pub link_board: &'static str,
    pub link_board_hint: &'static str,
    pub link_post: &'static str,
    pub link_mine: &'static str,
    pub link_review: &'static str,

    pub board_intro: &'static str,
    pub board_empty: &'static str,
    pub mine_posted: &'static str,
    pub mine_claimed: &'static str,
    pub mine_empty: &'static str,
    pub review_empty: &'static str,
    pub missing: &'static str,

    pub status: [&'static str; 7],
    pub points: fn(i64) -> String,
    pub by: fn(&str, &str) -> String,
    pub claimed_by: fn(&str) -> String,
    pub yours: &'static str,
    pub claimed_by_you: &'static str,

    pub field_title: &'static str,
    pub field_title_hint: &'static str,
    pub field_text: &'static str,
    pub post: &'static str,
    pub posting: &'static str,
    pub post_note: &'static str,
    pub draft_restored: &'static str,
    pub required: &'static str,
    pub too_long: fn(usize) -> String,

    pub review_note: &'static str,
    pub publish: &'static str,
    pub decline: &'static str,
    pub decline_reason: &'static str,
    pub claim: &'static str,
    pub claim_hint: &'static str,
    pub release: &'static str,
    pub release_ask: &'static str,
    pub release_detail: &'static str,
    pub fulfil: &'static str,
    pub fulfil_note: &'static str,
    pub thank: &'static str,
    pub thank_note: &'static str,
    pub thank_detail: fn(i64) -> String,
    pub withdraw: &'static str,
    pub withdraw_ask: &'static str,
    pub withdraw_detail: &'static str,
    pub keep: &'static str,
    pub sending: &'static str,

    pub fact_place: &'static str,
    pub fact_resident: &'static str,
    pub fact_points: &'static str,
    pub fact_claimer: &'static str,
    pub fact_reviewed_by: &'static str,
    pub declined_because: &'static str,
    pub fulfilled_note: &'static str,
    pub thanks_said: &'static str,
    pub credited: fn(&str, i64) -> String,
    pub waiting_review: &'static str,
    pub waiting_thanks: &'static str,
}

static ZH: WishTexts = WishTexts {
    board_title: "心愿墙",
    post_title: "许个心愿",
    mine_title: "我的心愿",
    review_title: "心愿审核",
    wish_title: "微心愿",
    links_label: "微心愿",
    link_board: "微心愿 · 心愿墙",
    link_board_hint: "邻居的小心愿，志愿者来认领",
    link_post: "许个心愿",
    link_mine: "我的心愿",
    link_review: "心愿审核",

    board_intro: "居民许下的小心愿，经楼栋长或社区审核后发布在这里。注册志愿者可以认领，帮邻居实现；居民致谢后志愿者获得积分。",
    board_empty: "现在没有待认领的心愿",
    mine_posted: "我家许的心愿",
    mine_claimed: "我认领的心愿",
    mine_empty: "还没有心愿",
    review_empty: "没有待审核的心愿",
    missing: "找不到这个心愿，可能已撤回或不在您的社区",

    status: ["待审核", "未通过", "待认领", "已认领", "待感谢", "已感谢", "已撤回"],
    points: |n| format!("{n} 积分"),
    by: |name, place| format!("{name} · {place}"),
    claimed_by: |name| format!("认领人：{name}"),
    yours: "我家的",
    claimed_by_you: "我认领的",

    field_title: "心愿",
    field_title_hint: "一句话说清楚，例如：帮忙换灯泡",
    field_text: "详细说明（选填）",
    post: "提交心愿",
    posting: "正在提交…",
    post_note: "提交后由楼栋长或社区工作人员审核，通过后发布在心愿墙。",
    draft_restored: "已恢复上次没写完的心愿",
    required: "请填写此项",
    too_long: |n| format!("最多 {n} 个字"),

    review_note: "发布后全社区可见，志愿者可以认领。",
    publish: "通过并发布",
    decline: "不通过",
    decline_reason: "不通过的原因（居民会看到）",
    claim: "认领这个心愿",
    claim_hint: "认领后请尽快联系居民；做不了可以放弃认领。",
    release: "放弃认领",
    release_ask: "放弃认领这个心愿？",
    release_detail: "心愿会回到心愿墙，由其他志愿者认领。",
    fulfil: "已完成",
    fulfil_note: "完成情况",
    thank: "感谢志愿者",
    thank_note: "想对志愿者说的话（选填）",
    thank_detail: |n| format!("感谢后志愿者获得 {n} 积分。"),
    withdraw: "撤回心愿",
    withdraw_ask: "撤回这个心愿？",
    withdraw_detail: "撤回后心愿不再显示在心愿墙，认领的志愿者也会看到已撤回。",
    keep: "再想想",
    sending: "正在提交…",

    fact_place: "住址",
    fact_resident: "许愿人",
    fact_points: "感谢积分",
    fact_claimer: "认领志愿者",
    fact_reviewed_by: "审核人",
    declined_because: "未通过原因",
    fulfilled_note: "完成情况",
    thanks_said: "居民的感谢",
    credited: |name, n| format!("{name} 已获得 {n} 积分"),
    waiting_review: "等待楼栋长或社区审核",
    waiting_thanks: "志愿者已完成，等待居民感谢",
};

static EN: WishTexts = WishTexts {
    board_title: "Wish board",
    post_title: "Make a wish",
    mine_title: "My wishes",
    review_title: "Review wishes",
    wish_title: "Wish",
    links_label: "Small wishes",
    link_board: "Small wishes · board",
    link_board_hint: "Neighbours' small wishes for volunteers to fulfil",
    link_post: "Make a wish",
    link_mine: "My wishes",
    link_review: "Review wishes",

    board_intro: "Residents' small wishes, published here once a building head or staff has reviewed them. Registered volunteers claim and fulfil them, and earn points when the resident says thanks.",
    board_empty: "No wishes are waiting for a volunteer",
    mine_posted: "My household's wishes",
    mine_claimed: "Wishes I claimed",
    mine_empty: "No wishes yet",
    review_empty: "No wishes are waiting for review",
    missing: "This wish was not found: it may have been withdrawn, or it is not in your community",

    status: ["Waiting for review", "Declined", "Open", "Claimed", "Done, waiting for thanks", "Thanked", "Withdrawn"],
    points: |n| format!("{n} points"),
    by: |name, place| format!("{name} · {place}"),
    claimed_by: |name| format!("Claimed by {name}"),
    yours: "Ours",
    claimed_by_you: "Claimed by me",

    field_title: "Your wish",
    field_title_hint: "In a few words, e.g. Help changing a light bulb",
    field_text: "Details (optional)",
    post: "Send the wish",
    posting: "Sending…",
    post_note: "A building head or staff member reviews it; then it appears on the wish board.",
    draft_restored: "Your unfinished wish was restored",
    required: "Please fill this in",
    too_long: |n| format!("At most {n} characters"),

    review_note: "Once published, the whole community sees it and volunteers can claim it.",
    publish: "Publish",
    decline: "Decline",
    decline_reason: "Why it is declined (the resident reads this)",
    claim: "Claim this wish",
    claim_hint: "Contact the resident soon after claiming; if you cannot do it, give it back.",
    release: "Give it back",
    release_ask: "Give this wish back?",
    release_detail: "It returns to the wish board for another volunteer.",
    fulfil: "Done",
    fulfil_note: "What you did",
    thank: "Thank the volunteer",
    thank_note: "A word for the volunteer (optional)",
    thank_detail: |n| format!("The volunteer earns {n} points when you say thanks."),
    withdraw: "Withdraw the wish",
    withdraw_ask: "Withdraw this wish?",
    withdraw_detail: "It leaves the wish board; a volunteer who claimed it sees it withdrawn.",
    keep: "Keep it",
    sending: "Sending…",

    fact_place: "Home",
    fact_resident: "Wished by",
    fact_points: "Thanks points",
    fact_claimer: "Volunteer",
    fact_reviewed_by: "Reviewed by",
    declined_because: "Why it was declined",
    fulfilled_note: "What was done",
    thanks_said: "The resident's thanks",
    credited: |name, n| format!("{name} earned {n} points"),
    waiting_review: "Waiting for a building head or staff to review",
    waiting_thanks: "The volunteer is done; waiting for the resident's thanks",
};

impl WishTexts {
    pub fn status(&self, status: WishStatus) -> &'static str {
        let index = WishStatus::ALL.iter().position(|s| *s == status).unwrap_or(0);
        self.status[index]
    }
}

impl Locale {
    fn wish_texts(self) -> &'static WishTexts {
        match self {
            Locale::Zh => &ZH,
            Locale::En => &EN,
        }
    }
}

/// This feature's texts in the current language; reading it in a view follows language changes.
pub fn texts() -> &'static WishTexts {
    use_i18n().locale().wish_texts()
}

/// The same, read once without subscribing (event handlers).
pub fn texts_in(i18n: I18n) -> &'static WishTexts {
    i18n.locale_untracked().wish_texts()
}
