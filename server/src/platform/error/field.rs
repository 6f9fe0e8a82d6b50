//! Refused fields: [`FieldIssue`] (the JSON name and the [`Rule`] it broke) and the generic
//! rules' messages. A feature's own words for its fields come as [`Rule::Own`].

use linli_api_types::{FieldError, InvalidValue};

use super::Said;
use crate::platform::lang::Lang;

/// One refused field: the JSON name and the rule it broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    pub field: String,
    pub rule: Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// A rule a feature states in its own words (`FieldIssue::own`): its code and message.
    Own { code: &'static str, said: Said },
    Required,
    TooLong {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    BadFormat,
    /// A value of another JSON type than the field takes (a number for text, say).
    WrongType(Expected),
    /// A place the user is not responsible for.
    OutOfScope,
    /// An id that names nothing.
    Unknown,
    /// A time that has already passed.
    InPast,
    /// A number outside `min..=max`.
    OutOfRange { min: i64, max: i64 },
}

/// The JSON type a field takes, as serde names it in a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    Number,
    TrueOrFalse,
    Object,
    List,
    /// Something serde names that is none of the above.
    Other,
}

impl Expected {
    /// From the end of serde's "invalid type: …, expected X" (`X` = "a string", "i64",
    /// "struct NoticeTarget", "a sequence", …).
    pub fn from_serde(expected: &str) -> Self {
        const NUMBERS: [&str; 12] = [
            "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "usize", "isize",
        ];
        if expected.starts_with("struct ") || expected == "a map" {
            Expected::Object
        } else if expected.contains("sequence") || expected.starts_with("tuple") {
            Expected::List
        } else if expected.contains("string") {
            Expected::Text
        } else if NUMBERS.contains(&expected) || expected.contains("integer") {
            Expected::Number
        } else if expected == "a boolean" {
            Expected::TrueOrFalse
        } else {
            Expected::Other
        }
    }

    fn message(self, lang: Lang) -> &'static str {
        match self {
            Expected::Text => lang.pick("此项应为文字", "This should be text"),
            Expected::Number => lang.pick("此项应为数字", "This should be a number"),
            Expected::TrueOrFalse => {
                lang.pick("此项应为 true 或 false", "This should be true or false")
            }
            Expected::Object => lang.pick("此项应为对象 {…}", "This should be an object ({…})"),
            Expected::List => lang.pick("此项应为列表 […]", "This should be a list ([…])"),
            Expected::Other => lang.pick("类型不正确", "This value has the wrong type"),
        }
    }
}

impl FieldIssue {
    pub fn new(field: impl Into<String>, rule: Rule) -> Self {
        Self {
            field: field.into(),
            rule,
        }
    }

    /// A refusal at `field` in the feature's own words, under `code`.
    pub fn own(field: impl Into<String>, code: &'static str, said: Said) -> Self {
        Self::new(field, Rule::Own { code, said })
    }

    /// Collects a domain parser's refusal as an issue with the named field.
    pub fn check<T>(
        field: &str,
        parsed: Result<T, InvalidValue>,
        issues: &mut Vec<FieldIssue>,
    ) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(invalid) => {
                issues.push(FieldIssue::new(field, Rule::from(invalid)));
                None
            }
        }
    }

    pub(super) fn to_field_error(&self, lang: Lang) -> FieldError {
        FieldError {
            field: self.field.clone(),
            code: self.rule.code().into(),
            message: self.message(lang),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (&self.rule, self.field.as_str()) {
            (Rule::Own { said, .. }, _) => said.pick(lang),
            (Rule::Required, _) => lang.pick("请填写此项", "This field is required").into(),
            (Rule::TooLong { max }, _) => match lang {
                Lang::Zh => format!("最多{max}个字"),
                Lang::En => format!("At most {max} characters"),
            },
            (Rule::TooShort { min }, _) => match lang {
                Lang::Zh => format!("至少{min}个字符"),
                Lang::En => format!("At least {min} characters"),
            },
            (Rule::BadFormat, "phone") => lang
                .pick("请输入11位手机号码", "Enter an 11-digit mobile number")
                .into(),
            (Rule::BadFormat, _) => lang
                .pick("格式不正确", "This value is not in the right format")
                .into(),
            (Rule::WrongType(expected), _) => expected.message(lang).into(),
            (Rule::OutOfScope, _) => lang
                .pick(
                    "只能发给您负责的范围",
                    "You can only send to places you are responsible for",
                )
                .into(),
            (Rule::Unknown, _) => lang
                .pick("找不到该范围", "This place does not exist")
                .into(),
            (Rule::OutOfRange { min, max }, _) => match lang {
                Lang::Zh => format!("请填写{min}到{max}之间的数"),
                Lang::En => format!("Enter a number from {min} to {max}"),
            },
            (Rule::InPast, _) => lang
                .pick("时间必须晚于现在", "The time must be in the future")
                .into(),
        }
    }
}

impl Rule {
    pub fn code(&self) -> &'static str {
        match self {
            Rule::Own { code, .. } => code,
            Rule::Required => "required",
            Rule::TooLong { .. } => "too_long",
            Rule::TooShort { .. } => "too_short",
            Rule::BadFormat => "bad_format",
            Rule::WrongType(_) => "wrong_type",
            Rule::OutOfScope => "out_of_scope",
            Rule::Unknown => "unknown",
            Rule::InPast => "in_past",
            Rule::OutOfRange { .. } => "out_of_range",
        }
    }
}

impl From<InvalidValue> for Rule {
    fn from(invalid: InvalidValue) -> Self {
        match invalid {
            InvalidValue::Empty => Rule::Required,
            InvalidValue::TooLong { max } => Rule::TooLong { max },
            InvalidValue::TooShort { min } => Rule::TooShort { min },
            InvalidValue::BadFormat => Rule::BadFormat,
        }
    }
}
