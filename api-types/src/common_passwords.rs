//! Passwords too common to allow: shared by the server (which refuses them, 422 `too_common` at
//! `new_password`) and the app (which says so before sending). Guessers try these first, so a
//! short list stops most of what a rate limit would otherwise have to.

/// The most common passwords of at least 8 characters in Chinese leaks, lower case.
pub const COMMON_PASSWORDS: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "87654321",
    "987654321",
    "11111111",
    "88888888",
    "66666666",
    "00000000",
    "99999999",
    "11223344",
    "12341234",
    "12344321",
    "123123123",
    "147258369",
    "147852369",
    "159753123",
    "a1234567",
    "a12345678",
    "a123456789",
    "abc12345",
    "abc123456",
    "123456abc",
    "123456aa",
    "aa123456",
    "qq123456",
    "1qaz2wsx",
    "1q2w3e4r",
    "qazwsxedc",
    "qwertyuiop",
    "qwerty123",
    "asdfghjkl",
    "zxcvbnm123",
    "password",
    "password1",
    "iloveyou",
    "woaini1314",
    "woaini520",
    "5201314520",
    "52013141314",
    "1314520520",
    "13145201314",
    "123qwe123",
    "admin123",
    "admin888",
    "abcd1234",
];

/// Whether `password` is on the list (ignoring case) or is made the way guessers guess: one
/// character repeated ("aaaaaaaa"), or a run of consecutive digits or letters up or down
/// ("23456789", "98765432", "abcdefgh").
pub fn is_too_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    if COMMON_PASSWORDS.contains(&lower.as_str()) {
        return true;
    }
    let chars: Vec<char> = lower.chars().collect();
    if chars.len() < 2 {
        return false;
    }
    let all_steps = |step: i32| {
        chars.windows(2).all(|pair| {
            let (a, b) = (pair[0], pair[1]);
            let same_kind = (a.is_ascii_digit() && b.is_ascii_digit())
                || (a.is_ascii_lowercase() && b.is_ascii_lowercase());
            same_kind && (b as i32 - a as i32) == step
        })
    };
    chars.iter().all(|c| *c == chars[0]) || all_steps(1) || all_steps(-1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listed_ones_are_too_common_in_any_case() {
        for password in [
            "12345678", "88888888", "a1234567", "A1234567", "PassWord", "1qaz2wsx",
        ] {
            assert!(is_too_common(password), "{password}");
        }
    }

    #[test]
    fn repeats_and_runs_are_too_common() {
        for password in [
            "aaaaaaaa",
            "77777777777",
            "23456789",
            "98765432",
            "abcdefgh",
            "zyxwvuts",
            "长长长长长长长长",
        ] {
            assert!(is_too_common(password), "{password}");
        }
    }

    #[test]
    fn ordinary_passwords_pass() {
        for password in [
            "linli2026",
            "hongfan-yizhan",
            "13579246",
            "qwer7890",
            "a2345678",
            "1234abcd",
        ] {
            assert!(!is_too_common(password), "{password}");
        }
    }
}
