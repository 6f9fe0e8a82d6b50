//! The one rule for text users post (notices, tasks, orders and their steps, corrections):
//! control characters are cleaned out, never refused, and what is left is trimmed and checked
//! for presence and length in characters. Every handler goes through [`check`], so every field
//! follows the same rule (see docs/security.md, "Text users post").
//!
//! - Line breaks — `\r\n`, `\r`, `\n`, vertical tab, form feed, NEL (U+0085), and the Unicode
//!   line and paragraph separators (U+2028, U+2029) — become `\n` in multi-line fields and a
//!   space in single-line ones. Tabs stay in multi-line fields and become a space in single-line
//!   ones.
//! - Every other C0 or C1 control character (U+0000–U+001F, U+007F–U+009F: NUL, BEL, ESC …) is
//!   removed. None of them shows as anything, a phone keyboard cannot type them (they come from
//!   pasting), and PostgreSQL cannot store NUL; refusing them would ask the user to delete
//!   something they cannot see.
//! - Nothing else is touched: emoji, zero-width and bidirectional marks, combining marks and
//!   markup are kept exactly as typed (the app shows text as text).
//!
//! The answer to a write carries the stored text, so the app always sees what was kept.

use crate::platform::error::{FieldIssue, Rule};

/// Whether a field holds one line (titles, places, addresses, reasons) or several (bodies,
/// descriptions, notes, comments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// How one text field is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextField {
    /// The JSON name, for the field error.
    pub name: &'static str,
    pub lines: Lines,
    /// Most characters allowed after cleaning (a 汉字 or an emoji is one).
    pub max_chars: usize,
    /// Whether blank (after cleaning) is a `required` field error.
    pub required: bool,
}

impl TextField {
    pub const fn line(name: &'static str, max_chars: usize) -> Self {
        Self {
            name,
            lines: Lines::One,
            max_chars,
            required: true,
        }
    }

    pub const fn multiline(name: &'static str, max_chars: usize) -> Self {
        Self {
            name,
            lines: Lines::Many,
            max_chars,
            required: true,
        }
    }

    /// Blank is allowed (answers an empty string).
    pub const fn optional(self) -> Self {
        Self {
            required: false,
            ..self
        }
    }

    /// `raw` cleaned and trimmed; a `required` or `too_long` issue on this field when it breaks
    /// the rule.
    pub fn check(&self, raw: &str, issues: &mut Vec<FieldIssue>) -> String {
        let text = clean(raw, self.lines);
        if text.is_empty() {
            if self.required {
                issues.push(FieldIssue::new(self.name, Rule::Required));
            }
        } else if text.chars().count() > self.max_chars {
            issues.push(FieldIssue::new(
                self.name,
                Rule::TooLong {
                    max: self.max_chars,
                },
            ));
        }
        text
    }
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `raw` under the rule above, trimmed of white space at both ends.
pub fn clean(raw: &str, lines: Lines) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if is_line_break(c) {
            // `\r\n` is one break.
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push(match lines {
                Lines::Many => '\n',
                Lines::One => ' ',
            });
        } else if c == '\t' {
            out.push(match lines {
                Lines::Many => '\t',
                Lines::One => ' ',
            });
        } else if !c.is_control() {
            out.push(c);
        }
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASTED: &str = " 前\u{0}后\u{7}\u{1B}[31m\r\n下一行\t列\u{85}尾\u{9F}\r\u{2028}完 \n";

    #[test]
    fn multi_line_fields_keep_breaks_and_tabs_and_lose_other_controls() {
        assert_eq!(clean(PASTED, Lines::Many), "前后[31m\n下一行\t列\n尾\n\n完");
    }

    #[test]
    fn single_line_fields_turn_breaks_and_tabs_into_spaces() {
        assert_eq!(clean(PASTED, Lines::One), "前后[31m 下一行 列 尾  完");
    }

    #[test]
    fn format_characters_emoji_and_markup_are_kept() {
        let text =
            "\u{202E}evil\u{202C} 👨\u{200D}👩 zero\u{200B}width \u{FEFF}<b>&amp;</b> e\u{301}";
        assert_eq!(clean(text, Lines::One), text);
        assert_eq!(clean(text, Lines::Many), text);
    }

    #[test]
    fn blank_after_cleaning_is_required_and_length_counts_characters() {
        let mut issues = Vec::new();
        let title = TextField::line("title", 3);
        assert_eq!(title.check(" \u{7}\r\n ", &mut issues), "");
        assert_eq!(title.check("😀😀😀", &mut issues), "😀😀😀");
        assert_eq!(title.check("😀\u{0}😀😀😀", &mut issues), "😀😀😀😀");
        assert_eq!(title.optional().check("\u{0}", &mut issues), "");
        let codes: Vec<_> = issues.iter().map(|i| i.rule.code()).collect();
        assert_eq!(codes, ["required", "too_long"]);
    }
}
