//! zh-CN first, English too. Every string the user sees is a field of [`Texts`]; a locale is a
//! `const Texts`, so a missing translation is a compile error rather than a blank on screen.

mod en;
mod texts;
pub mod time;
mod zh;

use leptos::prelude::*;
pub use texts::Texts;

use crate::storage;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    Zh,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Zh, Locale::En];

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Zh => &zh::ZH,
            Locale::En => &en::EN,
        }
    }

    /// The BCP 47 tag for `<html lang>` and the API's Accept-Language.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    fn parse(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|locale| locale.tag() == tag)
    }
}

const STORAGE_KEY: &str = "linli.locale";

/// The chosen language, provided once at the root and remembered across visits.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    pub fn provide() -> Self {
        let saved = storage::load(STORAGE_KEY).and_then(|tag| Locale::parse(&tag));
        let i18n = I18n { locale: RwSignal::new(saved.unwrap_or(Locale::Zh)) };
        Effect::new(move |_| {
            let locale = i18n.locale.get();
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("lang", locale.tag());
            }
        });
        provide_context(i18n);
        i18n
    }

    /// The texts of the current language; reading it inside a view makes that view follow changes.
    pub fn t(&self) -> &'static Texts {
        self.locale.get().texts()
    }

    pub fn locale(&self) -> Locale {
        self.locale.get()
    }

    pub fn locale_untracked(&self) -> Locale {
        self.locale.get_untracked()
    }

    pub fn set_locale(&self, locale: Locale) {
        storage::save(STORAGE_KEY, locale.tag());
        self.locale.set(locale);
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
