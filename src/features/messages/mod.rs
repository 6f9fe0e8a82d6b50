//! 消息: the message centre — the list (我的 → 消息, 首页's bell), 消息设置 (kinds on or off,
//! 免打扰), and staff's 消息推送 (the community's webhook to its WeChat official account or SMS
//! gateway, with its dead letters). The live stream that keeps the bell and open pages current
//! is app-wide, in `crate::api::live`.

mod api;
mod card;
mod dead_letters;
mod frame;
mod links;
mod list_page;
mod settings_page;
mod texts;
mod webhook_page;

pub use links::MessageLinks;
pub use list_page::MessagesPage;
pub use settings_page::SettingsPage;
pub use webhook_page::WebhookPage;
