//! The account feature's own words for 修改密码, zh-CN first and English. Kept in the feature
//! so the shared `Texts` only holds what every page uses.

use linli_api_types::{is_too_common, NewPassword};

use crate::i18n::{use_i18n, I18n, Locale};

pub struct AccountTexts {
    pub change_password: &'static str,
    pub password_intro: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub new_password_hint: &'static str,
    pub confirm_password: &'static str,
    pub show_passwords: &'static str,
    pub hide_passwords: &'static str,
    pub save_password: &'static str,
    pub saving_password: &'static str,
    pub password_changed: &'static str,
    pub current_required: &'static str,
    pub new_required: &'static str,
    pub too_short: fn(usize) -> String,
    pub too_long: fn(usize) -> String,
    pub mismatch: &'static str,
    pub too_common: &'static str,
    pub same_as_current: &'static str,
    pub sign_out_question: &'static str,
    pub sign_out_detail: &'static str,
    /// The sign-in page's link to 忘记密码.
    pub forgot_password: &'static str,
}

pub const ZH: AccountTexts = AccountTexts {
    change_password: "修改密码",
    password_intro: "修改后，其他手机上的登录会退出，本机保持登录。",
    current_password: "当前密码",
    new_password: "新密码",
    new_password_hint: "至少8个字符",
    confirm_password: "再次输入新密码",
    show_passwords: "显示密码",
    hide_passwords: "隐藏密码",
    save_password: "确认修改",
    saving_password: "正在修改…",
    password_changed: "密码已修改，其他设备已退出登录",
    current_required: "请输入当前密码",
    new_required: "请输入新密码",
    too_short: |min| format!("至少{min}个字符"),
    too_long: |max| format!("最多{max}个字"),
    mismatch: "两次输入的新密码不一致",
    too_common: "这个密码太常见，容易被猜到，请换一个",
    same_as_current: "新密码不能与当前密码相同",
    sign_out_question: "退出登录？",
    sign_out_detail: "退出后，下次使用要重新输入手机号和密码。",
    forgot_password: "忘记密码？",
};

pub const EN: AccountTexts = AccountTexts {
    change_password: "Change password",
    password_intro: "Other phones signed in to your account will be signed out; this one stays signed in.",
    current_password: "Current password",
    new_password: "New password",
    new_password_hint: "At least 8 characters",
    confirm_password: "New password again",
    show_passwords: "Show passwords",
    hide_passwords: "Hide passwords",
    save_password: "Change password",
    saving_password: "Changing…",
    password_changed: "Password changed. Other devices have been signed out",
    current_required: "Enter your current password",
    new_required: "Enter a new password",
    too_short: |min| format!("At least {min} characters"),
    too_long: |max| format!("At most {max} characters"),
    mismatch: "The two new passwords differ",
    too_common: "This password is too common and easy to guess. Choose another",
    same_as_current: "The new password must differ from the current one",
    sign_out_question: "Sign out?",
    sign_out_detail: "To use the app again you will need your phone number and password.",
    forgot_password: "Forgot password?",
};

impl AccountTexts {
    /// Why `new` cannot replace `current`, in the same words the server would use (the same
    /// rules: length, the shared list of common passwords, not the current one).
    pub fn new_password_error(&self, current: &str, new: &str) -> Option<String> {
        use linli_api_types::InvalidValue;
        match NewPassword::check(new) {
            Ok(()) if is_too_common(new) => Some(self.too_common.to_owned()),
            Ok(()) if !current.is_empty() && new == current => Some(self.same_as_current.to_owned()),
            Ok(()) => None,
            Err(InvalidValue::Empty) => Some(self.new_required.to_owned()),
            Err(InvalidValue::TooShort { min }) => Some((self.too_short)(min)),
            Err(InvalidValue::TooLong { max }) => Some((self.too_long)(max)),
            Err(InvalidValue::BadFormat) => Some(self.new_required.to_owned()),
        }
    }
}

impl Locale {
    fn account_texts(self) -> &'static AccountTexts {
        match self {
            Locale::Zh => &ZH,
            Locale::En => &EN,
        }
    }
}

/// This feature's texts in the current language; reading it in a view follows language changes.
pub fn texts() -> &'static AccountTexts {
    use_i18n().locale().account_texts()
}

/// The same, for event handlers: read once, without subscribing.
pub fn texts_in(i18n: I18n) -> &'static AccountTexts {
    i18n.locale_untracked().account_texts()
}
