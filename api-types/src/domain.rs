//! Values typed by residents, parsed once into types that cannot hold a bad value.

use serde::{Deserialize, Serialize};

/// Why a value typed by a user was refused; the server turns it into a field error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidValue {
    Empty,
    TooLong { max: usize },
    /// Fewer characters than the rule needs (a new password).
    TooShort { min: usize },
    BadFormat,
}

/// A mainland China mobile number: 11 digits starting 1[3-9]. Spaces, dashes and a leading
/// +86 / 86 are accepted on input because that is how people copy numbers out of WeChat.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
            .collect();
        if digits.is_empty() {
            return Err(InvalidValue::Empty);
        }
        let digits = digits
            .strip_prefix("+86")
            .or_else(|| digits.strip_prefix("86").filter(|rest| rest.len() == 11))
            .unwrap_or(&digits);
        let bytes = digits.as_bytes();
        let well_formed = bytes.len() == 11
            && bytes.iter().all(u8::is_ascii_digit)
            && bytes[0] == b'1'
            && (b'3'..=b'9').contains(&bytes[1]);
        if well_formed {
            Ok(Self(digits.to_owned()))
        } else {
            Err(InvalidValue::BadFormat)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// 138****0001: what others may see of a number.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

/// A person's display name: 1–20 characters after trimming, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 20;

    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let name = input.trim();
        if name.is_empty() {
            return Err(InvalidValue::Empty);
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(InvalidValue::TooLong { max: Self::MAX_CHARS });
        }
        if name.chars().any(char::is_control) {
            return Err(InvalidValue::BadFormat);
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// 刘*忠, 王*, J***n: names on public boards keep only their first and last character.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        match chars.len() {
            1 => "*".to_owned(),
            2 => format!("{}*", chars[0]),
            n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
        }
    }
}

/// A password as typed at sign-in. Bounds keep hashing cheap to reject and refuse nothing real.
pub struct Password;

impl Password {
    pub const MAX_CHARS: usize = 128;

    pub fn check(input: &str) -> Result<(), InvalidValue> {
        let n = input.chars().count();
        if n == 0 {
            Err(InvalidValue::Empty)
        } else if n > Self::MAX_CHARS {
            Err(InvalidValue::TooLong { max: Self::MAX_CHARS })
        } else {
            Ok(())
        }
    }
}

/// A new password as chosen on 修改密码: 8–128 characters. Longer than the sign-in bound's
/// minimum of one because a new password is the one moment we can ask for a sturdier one.
pub struct NewPassword;

impl NewPassword {
    pub const MIN_CHARS: usize = 8;

    pub fn check(input: &str) -> Result<(), InvalidValue> {
        Password::check(input)?;
        if input.chars().count() < Self::MIN_CHARS {
            Err(InvalidValue::TooShort { min: Self::MIN_CHARS })
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_accepts_common_spellings() {
        for input in ["13800000001", "138 0000 0001", "138-0000-0001", "+8613800000001", "8613800000001"] {
            assert_eq!(Phone::parse(input).unwrap().as_str(), "13800000001", "{input}");
        }
    }

    #[test]
    fn phone_refuses_what_is_not_a_mobile_number() {
        assert_eq!(Phone::parse(""), Err(InvalidValue::Empty));
        assert_eq!(Phone::parse("   "), Err(InvalidValue::Empty));
        for input in ["1380000000", "138000000012", "12800000001", "23800000001", "1380000000a", "１３８００００００01"] {
            assert_eq!(Phone::parse(input), Err(InvalidValue::BadFormat), "{input}");
        }
    }

    #[test]
    fn phone_masks_the_middle() {
        assert_eq!(Phone::parse("13800000001").unwrap().masked(), "138****0001");
    }

    #[test]
    fn name_is_trimmed_and_bounded() {
        assert_eq!(PersonName::parse("  刘伟忠 ").unwrap().as_str(), "刘伟忠");
        assert_eq!(PersonName::parse(" "), Err(InvalidValue::Empty));
        assert_eq!(PersonName::parse(&"王".repeat(21)), Err(InvalidValue::TooLong { max: 20 }));
        assert!(PersonName::parse(&"王".repeat(20)).is_ok());
        assert_eq!(PersonName::parse("王\u{0007}"), Err(InvalidValue::BadFormat));
    }

    #[test]
    fn name_masking_keeps_first_and_last() {
        let masked = |s: &str| PersonName::parse(s).unwrap().masked();
        assert_eq!(masked("刘伟忠"), "刘*忠");
        assert_eq!(masked("王芳"), "王*");
        assert_eq!(masked("欧阳娜娜"), "欧**娜");
        assert_eq!(masked("李"), "*");
    }

    #[test]
    fn password_bounds() {
        assert_eq!(Password::check(""), Err(InvalidValue::Empty));
        assert!(Password::check("x").is_ok());
        assert_eq!(Password::check(&"x".repeat(129)), Err(InvalidValue::TooLong { max: 128 }));
    }

    #[test]
    fn new_password_bounds() {
        assert_eq!(NewPassword::check(""), Err(InvalidValue::Empty));
        assert_eq!(NewPassword::check("1234567"), Err(InvalidValue::TooShort { min: 8 }));
        assert!(NewPassword::check("邻里邻里邻里邻里").is_ok());
        assert_eq!(NewPassword::check(&"x".repeat(129)), Err(InvalidValue::TooLong { max: 128 }));
    }
}
