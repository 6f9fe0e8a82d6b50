use leptos::{html, prelude::*};

/// Why an action failed, right under the button that caused it.
///
/// The paragraph is always in the document, so screen readers announce the text the moment it
/// appears (a live region added together with its text is often missed). When the message
/// arrives below the fold or behind the tab bar, it scrolls into view: a tap that fails must
/// never look like nothing happened.
#[component]
pub fn ActionError(
    /// The failure in the reader's language; `None` while there is nothing to say.
    #[prop(into)]
    message: Signal<Option<String>>,
) -> impl IntoView {
    let node = NodeRef::<html::P>::new();
    Effect::new(move |_| {
        if message.with(Option::is_some) {
            if let Some(p) = node.get() {
                bring_into_view(&p);
            }
        }
    });
    view! {
        <p node_ref=node class="action-error" class:action-error--shown=move || message.with(Option::is_some)
            role="alert" aria-live="assertive">
            {move || message.get()}
        </p>
    }
}

/// Scrolls only when the element is not fully visible; `scroll-padding-bottom` on `<html>` keeps
/// it clear of the tab bar.
fn bring_into_view(element: &web_sys::HtmlElement) {
    let rect = element.get_bounding_client_rect();
    let viewport = window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    let tab_bar = document()
        .query_selector(".tab-bar")
        .ok()
        .flatten()
        .map(|bar| bar.get_bounding_client_rect().height())
        .unwrap_or(0.0);
    if rect.top() < 0.0 || rect.bottom() > viewport - tab_bar {
        element.scroll_into_view_with_bool(false);
    }
}
