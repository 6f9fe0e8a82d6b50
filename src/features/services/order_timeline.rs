//! An order's steps, oldest first: when, who, what (and a decline's or completion's note).

use leptos::prelude::*;
use linli_api_types::Order;

use super::texts::texts;
use super::staff_cancel;
use super::wording;

#[component]
pub fn Timeline(order: Order) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="timeline-heading">
            <h2 class="card__title" id="timeline-heading">{move || texts().timeline}</h2>
            <ol class="timeline">
                {order.timeline.into_iter().map(|event| {
                    let kind = event.kind;
                    let reason = matches!(kind, linli_api_types::OrderEventKind::Declined | linli_api_types::OrderEventKind::Completed)
                        .then(|| event.note.clone())
                        .flatten()
                        .filter(|n| !n.is_empty());
                    // Staff cancelling say why in the line itself: "社区取消：<reason>".
                    let staff_reason = staff_cancel::staff_reason(&event).map(str::to_owned);
                    let parts = {
                        let event = event.clone();
                        move || {
                            let (when, what) = wording::event_parts(texts(), &event);
                            match &staff_reason {
                                Some(reason) => (when, (staff_cancel::words(texts()).line)(reason)),
                                None => (when, what),
                            }
                        }
                    };
                    let parts2 = parts.clone();
                    let acted_by = event.acted_by.clone();
                    view! {
                        <li class=format!("timeline__step timeline__step--{}", kind.as_str())>
                            <p class="timeline__when">{move || parts().0}</p>
                            <p class="timeline__what">{move || parts2().1}</p>
                            {reason.map(|r| view! { <p class="timeline__note">{r}</p> })}
                            {acted_by.map(|name| view! { <p class="timeline__note"><crate::components::ActedBy name /></p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
