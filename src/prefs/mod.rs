//! Text size 字体大小 — 标准, 大 or 特大, the three steps elders know from their phones'
//! settings. The two larger sizes are 长辈版: the class `elder` on `<html>` (60 px targets,
//! higher contrast, one column, less secondary text), and 特大 adds `elder-xl`. The stylesheet
//! keys off these classes only, and each size only changes CSS variables. The choice is
//! remembered across visits and can be made before sign-in; index.html applies the same
//! classes before the app runs, so the first paint is already the right size.

use leptos::prelude::*;

use crate::storage;

const STORAGE_KEY: &str = "linli.text-size";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextSize {
    Standard,
    Large,
    ExtraLarge,
}

impl TextSize {
    /// Smallest first, as the choice is offered.
    pub const ALL: [TextSize; 3] = [TextSize::Standard, TextSize::Large, TextSize::ExtraLarge];

    /// As stored in localStorage (index.html reads the same words).
    fn stored(self) -> &'static str {
        match self {
            TextSize::Standard => "standard",
            TextSize::Large => "large",
            TextSize::ExtraLarge => "xlarge",
        }
    }

    fn from_stored(value: &str) -> Option<Self> {
        TextSize::ALL
            .into_iter()
            .find(|size| size.stored() == value)
    }

    /// The remembered size. An old 长辈版 switch was turned into a size by index.html before
    /// the app started: someone who had it on gets 大, the step nearest what they chose (20 px
    /// then, 22 px now) with the same larger buttons and one-column layout, so their screens
    /// grow a little rather than reflow at 特大 unasked; 特大 is one tap away in 我的.
    fn remembered() -> Self {
        storage::load(STORAGE_KEY)
            .as_deref()
            .and_then(TextSize::from_stored)
            .unwrap_or(TextSize::Standard)
    }
}

/// The text size chosen on this phone, for the whole app.
#[derive(Clone, Copy)]
pub struct TextSizeChoice(RwSignal<TextSize>);

impl TextSizeChoice {
    pub fn provide() -> Self {
        let choice = TextSizeChoice(RwSignal::new(TextSize::remembered()));
        Effect::new(move |_| {
            let size = choice.0.get();
            if let Some(html) = document().document_element() {
                let classes = html.class_list();
                let _ = classes.toggle_with_force("elder", size != TextSize::Standard);
                let _ = classes.toggle_with_force("elder-xl", size == TextSize::ExtraLarge);
            }
        });
        provide_context(choice);
        choice
    }

    pub fn get(&self) -> TextSize {
        self.0.get()
    }

    pub fn set(&self, size: TextSize) {
        storage::save(STORAGE_KEY, size.stored());
        self.0.set(size);
    }
}

pub fn use_text_size() -> TextSizeChoice {
    expect_context::<TextSizeChoice>()
}
