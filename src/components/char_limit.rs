//! A text box's character limit, kept while the user types: the count as the server counts
//! (characters, trimmed), a warning as the limit nears, and at the limit nothing more goes in,
//! said aloud. Chinese input methods compose a word in pinyin first: the limit waits for the
//! composition to end, so a word is never cut in half while it is being chosen.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Locale};

/// Characters as the server counts them.
pub fn counted(text: &str) -> usize {
    text.trim().chars().count()
}

/// From this share of the limit on, the count warns.
fn near(max: usize) -> usize {
    max - max / 10
}

/// `text` cut to `max` counted characters, taking out what was just typed or pasted (the
/// characters before the caret, `caret` in characters) so the rest of the text stays; the new
/// text and caret. Unchanged when within the limit.
pub fn cut(text: &str, caret: usize, max: usize) -> (String, usize) {
    let excess = counted(text).saturating_sub(max);
    if excess == 0 {
        return (text.to_owned(), caret);
    }
    let chars: Vec<char> = text.chars().collect();
    let caret = caret.min(chars.len());
    let from = caret.saturating_sub(excess);
    let mut kept: String = chars[..from].iter().chain(&chars[caret..]).collect();
    let mut new_caret = from;
    // What was taken out was partly blank: cut the end too until it fits.
    while counted(&kept) > max {
        let lead = kept.chars().take_while(|c| c.is_whitespace()).count();
        kept = kept.chars().take(lead + max).collect();
        new_caret = new_caret.min(kept.chars().count());
    }
    (kept, new_caret)
}

/// A text control whose value and caret the limit may change.
pub trait Editable {
    fn text(&self) -> String;
    fn set_text(&self, text: &str);
    /// The caret, in UTF-16 units as the browser counts.
    fn caret(&self) -> Option<u32>;
    fn set_caret(&self, at: u32);
}

impl Editable for web_sys::HtmlTextAreaElement {
    fn text(&self) -> String {
        self.value()
    }
    fn set_text(&self, text: &str) {
        self.set_value(text);
    }
    fn caret(&self) -> Option<u32> {
        self.selection_start().ok().flatten()
    }
    fn set_caret(&self, at: u32) {
        let _ = self.set_selection_range(at, at);
    }
}

impl Editable for web_sys::HtmlInputElement {
    fn text(&self) -> String {
        self.value()
    }
    fn set_text(&self, text: &str) {
        self.set_value(text);
    }
    fn caret(&self) -> Option<u32> {
        self.selection_start().ok().flatten()
    }
    fn set_caret(&self, at: u32) {
        let _ = self.set_selection_range(at, at);
    }
}

/// The limit of one text box: call [`CharLimit::input`] from its `input` event and the two
/// composition handlers from theirs; the box's value lives in `value`.
#[derive(Clone, Copy)]
pub struct CharLimit {
    pub value: RwSignal<String>,
    pub max: usize,
    composing: StoredValue<bool>,
    /// Something typed or pasted did not fit (until the text is shorter again).
    stopped: RwSignal<bool>,
}

impl CharLimit {
    pub fn new(value: RwSignal<String>, max: usize) -> Self {
        Self { value, max, composing: StoredValue::new(false), stopped: RwSignal::new(false) }
    }

    pub fn input(&self, element: &impl Editable) {
        if !self.composing.get_value() {
            self.keep(element);
        }
        self.value.set(element.text());
    }

    pub fn composition_start(&self) {
        self.composing.set_value(true);
    }

    pub fn composition_end(&self, element: &impl Editable) {
        self.composing.set_value(false);
        self.keep(element);
        self.value.set(element.text());
    }

    fn keep(&self, element: &impl Editable) {
        let text = element.text();
        if counted(&text) <= self.max {
            if self.stopped.get_untracked() && counted(&text) < self.max {
                self.stopped.set(false);
            }
            return;
        }
        let caret_units = element.caret().unwrap_or(u32::MAX) as usize;
        let mut units = 0;
        let caret = text
            .chars()
            .take_while(|c| {
                units += c.len_utf16();
                units <= caret_units
            })
            .count();
        let (kept, new_caret) = cut(&text, caret, self.max);
        element.set_text(&kept);
        let at: usize = kept.chars().take(new_caret).map(char::len_utf16).sum();
        element.set_caret(at as u32);
        self.stopped.set(true);
    }

    fn count(&self) -> usize {
        self.value.with(|v| counted(v))
    }
}

/// The count under a limited box, and the live line that says when the limit stopped the
/// typing. `id` is the count's: the box is described by it.
#[component]
pub fn CharCount(limit: CharLimit, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let max = limit.max;
    let class = move || {
        let n = limit.count();
        if n > max {
            "field__count field__count--over"
        } else if n >= near(max) {
            "field__count field__count--near"
        } else {
            "field__count"
        }
    };
    let left = move || {
        let n = limit.count();
        let words = LimitTexts::of(i18n.locale());
        let count = (i18n.t().char_count)(n, max);
        if (near(max)..max).contains(&n) {
            format!("{count}{}{}", words.sep, (words.left)(max - n))
        } else {
            count
        }
    };
    let said = move || {
        let words = LimitTexts::of(i18n.locale());
        let n = limit.count();
        if limit.stopped.get() && n >= max {
            Some((words.stopped)(max))
        } else if n >= max {
            Some((words.full)(max))
        } else {
            None
        }
    };
    view! {
        <p class=class id=id>{left}</p>
        <p class="field__limit" role="status" aria-live="polite">{said}</p>
    }
}

/// The limit's words, here rather than in the shared texts: only pages loaded later use them.
struct LimitTexts {
    sep: &'static str,
    left: fn(usize) -> String,
    full: fn(usize) -> String,
    stopped: fn(usize) -> String,
}

impl LimitTexts {
    fn of(locale: Locale) -> &'static LimitTexts {
        match locale {
            Locale::Zh => &ZH,
            Locale::En => &EN,
        }
    }
}

const ZH: LimitTexts = LimitTexts {
    sep: "，",
    left: |n| format!("还可输入 {n} 字"),
    full: |max| format!("已达到 {max} 字上限"),
    stopped: |max| format!("已达到 {max} 字上限，多出的字没有加入"),
};

const EN: LimitTexts = LimitTexts {
    sep: " · ",
    left: |n| if n == 1 { "1 character left".to_owned() } else { format!("{n} characters left") },
    full: |max| format!("Limit of {max} characters reached"),
    stopped: |max| format!("Limit of {max} characters reached; the rest was not added"),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_the_server_does() {
        assert_eq!(counted("  你好 \n"), 2);
        assert_eq!(counted("a😀b"), 3);
    }

    #[test]
    fn what_was_just_typed_is_what_is_taken_out() {
        // "abcd" with "XY" typed after "ab": the caret is after Y.
        assert_eq!(cut("abXYcd", 4, 4), ("abcd".to_owned(), 2));
        assert_eq!(cut("abcdef", 6, 4), ("abcd".to_owned(), 4));
        assert_eq!(cut("abc", 3, 4), ("abc".to_owned(), 3));
        // A pasted Chinese text keeps its first characters.
        assert_eq!(cut("好的谢谢您", 5, 3), ("好的谢".to_owned(), 3));
    }

    #[test]
    fn blanks_do_not_count_but_never_let_it_overflow() {
        assert_eq!(cut("  ab  ", 6, 2), ("  ab  ".to_owned(), 6));
        let (kept, _) = cut("abc   d", 7, 3);
        assert_eq!(counted(&kept), 3);
    }
}
