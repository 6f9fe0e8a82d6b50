//! The export page's words, zh-CN first and English; they load with its chunk.

use crate::i18n::{use_i18n, Locale};

pub struct ExportTexts {
    pub title: &'static str,
    pub link: &'static str,
    pub intro: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub volunteers: &'static str,
    pub volunteers_what: &'static str,
    pub orders: &'static str,
    pub orders_what: &'static str,
    pub notices: &'static str,
    pub notices_what: &'static str,
    pub downloading: &'static str,
    pub downloaded: fn(&str) -> String,
    pub required: &'static str,
    pub to_before_from: &'static str,
    pub too_long: fn(i64) -> String,
    pub wechat: &'static str,
    pub on_pc: &'static str,
    pub range_heading: &'static str,
    pub files_heading: &'static str,
}

static ZH: ExportTexts = ExportTexts {
    title: "台账导出",
    link: "台账导出",
    intro: "下载本社区的台账表格（Excel 格式），可用 Excel 或 WPS 打开、打印、上报。",
    from: "开始日期",
    to: "结束日期（含当天）",
    volunteers: "志愿服务时长积分台账",
    volunteers_what: "每位志愿者参加活动、完成服务的次数、时长和获得积分",
    orders: "服务订单评价台账",
    orders_what: "这段时间的服务订单：服务项目、居民、志愿者、状态、评分和评价",
    notices: "通知阅读率台账",
    notices_what: "这段时间发布的通知：覆盖户数、已读户数和阅读率",
    downloading: "正在生成…",
    downloaded: |name| format!("已下载：{name}"),
    required: "请选择日期",
    to_before_from: "结束日期不能早于开始日期",
    too_long: |days| format!("一次最多导出 {days} 天，请缩短日期范围"),
    wechat: "在微信里打开时，文件可能下载不了。请点右上角“···”，选“在浏览器打开”后再下载；或按下面的方法在电脑上导出。",
    on_pc: "在电脑上导出：用电脑浏览器打开邻里的网址，用工作人员账号登录，进入“我的 → 台账导出”。为了账号安全，这里不提供可分享的下载链接。",
    range_heading: "日期范围",
    files_heading: "选择台账",
};

static EN: ExportTexts = ExportTexts {
    title: "Ledger exports",
    link: "Ledger exports (台账)",
    intro: "Download your community's ledgers as Excel files, to open, print or hand in with Excel or WPS.",
    from: "First day",
    to: "Last day (included)",
    volunteers: "Volunteer hours and points",
    volunteers_what: "Each volunteer's tasks and orders, hours and points earned",
    orders: "Service orders and ratings",
    orders_what: "Orders placed in the range: service, resident, volunteer, status, rating",
    notices: "Notice read rates",
    notices_what: "Notices published in the range: households reached, read, and the rate",
    downloading: "Preparing…",
    downloaded: |name| format!("Downloaded: {name}"),
    required: "Choose a day",
    to_before_from: "The last day cannot be before the first",
    too_long: |days| format!("At most {days} days at a time: shorten the range"),
    wechat: "Inside WeChat, files may not download. Tap “···” at the top right and choose “Open in browser”, then download; or export on a computer as below.",
    on_pc: "On a computer: open Linli's address in a browser, sign in with your staff account and go to Me → Ledger exports. To keep your account safe there is no shareable download link.",
    range_heading: "Dates",
    files_heading: "Choose a ledger",
};

pub fn texts() -> &'static ExportTexts {
    match use_i18n().locale() {
        Locale::Zh => &ZH,
        Locale::En => &EN,
    }
}
