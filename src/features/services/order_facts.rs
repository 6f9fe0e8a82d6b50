//! What an order is: the service, when, where, who, its points, and the resident's rating.

use leptos::prelude::*;
use linli_api_types::{Order, OrderRating, OrderStatus};

use super::common::{when, StatusChip};
use super::texts::texts;

#[component]
pub fn Facts(order: Order) -> impl IntoView {
    let Order {
        service, status, preferred_start, address, contact_phone, note, resident, volunteer, points, completion_note, ..
    } = order;
    let points_line = move || {
        let t = texts();
        match status {
            OrderStatus::Cancelled => (t.points_returned)(points),
            OrderStatus::Rated | OrderStatus::Closed => (t.points_settled)(points),
            _ => (t.points_held)(points),
        }
    };
    view! {
        <section class="card order-facts">
            <div class="order-card__head">
                <h2 class="order-facts__name">{service.name.clone()}</h2>
                <StatusChip status />
            </div>
            <p class="service-card__provider">{move || (texts().provider)(&service.provider_name)}</p>
            {(points > 0).then(|| view! { <p class="order-facts__points">{points_line}</p> })}
            <dl class="facts">
                <div><dt>{move || texts().when_label}</dt><dd>{move || when(preferred_start)}</dd></div>
                <div><dt>{move || texts().address_label}</dt><dd>{address}</dd></div>
                <div><dt>{move || texts().phone_label}</dt><dd><a href=format!("tel:{contact_phone}")>{contact_phone.clone()}</a></dd></div>
                <div><dt>{move || texts().resident_label}</dt><dd>{resident.name}</dd></div>
                {volunteer.map(|v| view! { <div><dt>{move || texts().volunteer_label}</dt><dd>{v.name}</dd></div> })}
                {(!note.is_empty()).then(|| view! { <div><dt>{move || texts().note_label}</dt><dd class="pre">{note}</dd></div> })}
                {completion_note.filter(|n| !n.is_empty()).map(|n| view! {
                    <div><dt>{move || texts().completion_note_label}</dt><dd class="pre">{n}</dd></div>
                })}
            </dl>
        </section>
    }
}

/// The resident's stars, tags and comment, once rated.
#[component]
pub fn RatingCard(rating: OrderRating) -> impl IntoView {
    view! {
        <section class="card rating" aria-labelledby="rating-heading">
            <h2 class="card__title" id="rating-heading">{move || texts().your_rating}</h2>
            <p class="rating__stars">
                <span aria-hidden="true">{"★".repeat(rating.stars.into())}{"☆".repeat(5 - usize::from(rating.stars.min(5)))}</span>
                <span class="visually-hidden">{move || (texts().stars_of)(rating.stars)}</span>
            </p>
            <ul class="chips">
                {rating.tags.iter().map(|&tag| view! { <li class="chip">{move || texts().tag(tag)}</li> }).collect_view()}
            </ul>
            {(!rating.comment.is_empty()).then(|| view! { <p class="rating__comment">{rating.comment.clone()}</p> })}
        </section>
    }
}
