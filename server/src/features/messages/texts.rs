//! A message's words in the reader's language, from its kind and the names recorded at the
//! event (`params`). The webhook sends the zh-CN words.

use std::collections::BTreeMap;

use linli_api_types::MessageKind;

use crate::platform::lang::Lang;

/// The names a message's text is made of, as they were at the event.
pub type Params = BTreeMap<String, String>;

/// (title, body) of a message.
pub fn render(kind: MessageKind, params: &Params, lang: Lang) -> (String, String) {
    // TODO(events helper): a title and a body per kind in zh and en from `params`.
    let _ = (params, lang);
    (kind.as_str().to_owned(), String::new())
}
