//! Elder mode 长辈版: larger type, larger touch targets, higher contrast. It is a class on
//! `<html>` that the stylesheet keys off, remembered across visits and available before sign-in.

use leptos::prelude::*;

use crate::storage;

const STORAGE_KEY: &str = "linli.elder";
const HTML_CLASS: &str = "elder";

#[derive(Clone, Copy)]
pub struct ElderMode(RwSignal<bool>);

impl ElderMode {
    pub fn provide() -> Self {
        let mode = ElderMode(RwSignal::new(storage::load(STORAGE_KEY).as_deref() == Some("on")));
        Effect::new(move |_| {
            let on = mode.0.get();
            if let Some(html) = document().document_element() {
                let _ = html.class_list().toggle_with_force(HTML_CLASS, on);
            }
        });
        provide_context(mode);
        mode
    }

    pub fn is_on(&self) -> bool {
        self.0.get()
    }

    pub fn set(&self, on: bool) {
        storage::save(STORAGE_KEY, if on { "on" } else { "off" });
        self.0.set(on);
    }
}

pub fn use_elder_mode() -> ElderMode {
    expect_context::<ElderMode>()
}
