use leptos::prelude::*;

use crate::api::ApiError;

/// A form's errors: a message at each field, from the page's own checks or the server's
/// problem+json, and the error no field explains, shown above the button.
#[derive(Clone, Copy)]
pub struct FormErrors {
    names: &'static [&'static str],
    fields: StoredValue<Vec<RwSignal<Option<String>>>>,
    /// What no single field is to blame for.
    pub form: RwSignal<Option<ApiError>>,
}

impl FormErrors {
    /// `names`: the form's fields as the server names them in its field errors.
    pub fn new(names: &'static [&'static str]) -> Self {
        let fields = names.iter().map(|_| RwSignal::new(None)).collect();
        Self { names, fields: StoredValue::new(fields), form: RwSignal::new(None) }
    }

    /// The message at the field `name`, one of the names the form was made with.
    pub fn at(&self, name: &str) -> RwSignal<Option<String>> {
        let i = self.names.iter().position(|n| *n == name).expect("a field of this form");
        self.fields.with_value(|fields| fields[i])
    }

    /// Puts each of the server's field errors at its field; the rest goes above the button.
    pub fn show(&self, error: ApiError) {
        let mut placed = false;
        for name in self.names {
            let message = error.field(name);
            placed |= message.is_some();
            self.at(name).set(message);
        }
        self.form.set((!placed).then_some(error));
    }

    /// No field has a message: what the page checked itself may be sent.
    pub fn fields_clear(&self) -> bool {
        self.fields.with_value(|fields| fields.iter().all(|e| e.with_untracked(Option::is_none)))
    }
}
