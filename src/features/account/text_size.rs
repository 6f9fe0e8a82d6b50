//! The text size choice 字体大小 (标准 / 大 / 特大): in full in 我的, with a line to judge it by,
//! and compact on the sign-in page, where the person holding the phone may need it to read the
//! form at all. Both set the same app-wide choice (`prefs`); the page grows as soon as it is made.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Locale};
use crate::prefs::{use_text_size, TextSize};

/// 我的's setting: three options side by side, what the larger two mean, and a preview line.
#[component]
pub fn TextSizeSetting() -> impl IntoView {
    view! {
        <fieldset class="setting text-size" aria-describedby="text-size-hint">
            <legend class="setting__label">{move || words().text_size}</legend>
            <span class="setting__hint" id="text-size-hint">{move || words().hint}</span>
            <div class="segmented segmented--three">
                <SizeOptions option_class="segmented__option" />
            </div>
            <p class="text-size__preview">{move || words().preview}</p>
        </fieldset>
    }
}

/// The sign-in page's compact form: the three options as chips in the header.
#[component]
pub fn TextSizeChips() -> impl IntoView {
    view! {
        <fieldset class="text-size-chips">
            <legend class="visually-hidden">{move || words().text_size}</legend>
            <SizeOptions option_class="text-size-chips__option" />
        </fieldset>
    }
}

/// One radio per size, named by the size's word (the option's label is its accessible name).
#[component]
fn SizeOptions(option_class: &'static str) -> impl IntoView {
    let choice = use_text_size();
    TextSize::ALL
        .into_iter()
        .map(|size| {
            view! {
                <label class=option_class>
                    <input
                        type="radio"
                        name="text-size"
                        prop:checked=move || choice.get() == size
                        on:change=move |_| choice.set(size)
                    />
                    <span>{move || words().size(size)}</span>
                </label>
            }
        })
        .collect_view()
}

struct TextSizeWords {
    text_size: &'static str,
    standard: &'static str,
    large: &'static str,
    extra_large: &'static str,
    hint: &'static str,
    preview: &'static str,
}

impl TextSizeWords {
    fn size(&self, size: TextSize) -> &'static str {
        match size {
            TextSize::Standard => self.standard,
            TextSize::Large => self.large,
            TextSize::ExtraLarge => self.extra_large,
        }
    }
}

const ZH: TextSizeWords = TextSizeWords {
    text_size: "字体大小",
    standard: "标准",
    large: "大",
    extra_large: "特大",
    hint: "选“大”或“特大”即为长辈版：字更大、按钮更大、一栏显示",
    preview: "预览：3栋明早8点停水，请提前储水。",
};

const EN: TextSizeWords = TextSizeWords {
    text_size: "Text size",
    standard: "Standard",
    large: "Large",
    extra_large: "Extra large",
    hint: "Large and Extra large are elder mode: bigger text and buttons, one column",
    preview: "Preview: no water in Building 3 from 8 am tomorrow; please store some.",
};

/// In the current language; reading it in a view follows language changes.
fn words() -> &'static TextSizeWords {
    match use_i18n().locale() {
        Locale::Zh => &ZH,
        Locale::En => &EN,
    }
}
