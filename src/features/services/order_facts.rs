//! What an order is: the service, when, where, who, its points, and the resident's rating, in
//! the words of whoever reads it.

use leptos::prelude::*;
use linli_api_types::{Order, OrderRating, OrderStatus, Role};

use super::common::{when, StatusChip};
use super::texts::{texts, ServicesTexts};
use super::wording;
use crate::session::use_session;

/// Whose eyes are on the order: the words for its points and rating follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The resident who ordered it.
    Resident,
    /// The volunteer it is assigned to, or one who may claim it.
    Volunteer,
    /// Staff, and anyone else allowed to see it.
    Staff,
}

impl Reader {
    pub fn of(order: &Order) -> Reader {
        let me = use_session().me();
        let id = me.as_ref().map(|me| me.id);
        if id == Some(order.resident.id) {
            Reader::Resident
        } else if id.is_some() && order.volunteer.as_ref().map(|v| v.id) == id {
            Reader::Volunteer
        } else if me.is_some_and(|me| me.is_volunteer && !me.holds(Role::Staff)) {
            Reader::Volunteer
        } else {
            Reader::Staff
        }
    }
}

/// The order's points in the reader's terms: the resident pays, the volunteer earns.
fn points_words(t: &ServicesTexts, reader: Reader, status: OrderStatus, paid: i64, earned: i64) -> Option<String> {
    let settled = matches!(status, OrderStatus::Rated | OrderStatus::Closed);
    let cancelled = status == OrderStatus::Cancelled;
    match reader {
        Reader::Resident if paid > 0 => Some(if cancelled {
            (t.points_returned)(paid)
        } else if settled {
            (t.points_settled)(paid)
        } else {
            (t.points_held)(paid)
        }),
        Reader::Volunteer if earned > 0 && !cancelled => {
            Some(if settled { (t.points_earned)(earned) } else { (t.points_to_earn)(earned) })
        }
        Reader::Staff if settled => Some((t.points_settled_both)(paid, earned)),
        Reader::Staff if paid > 0 => {
            Some(if cancelled { (t.points_returned_to_resident)(paid) } else { (t.points_held_by_resident)(paid) })
        }
        _ => None,
    }
}

#[component]
pub fn Facts(order: Order, reader: Reader) -> impl IntoView {
    let Order {
        service,
        status,
        preferred_start,
        preferred_end,
        address,
        contact_phone,
        note,
        resident,
        volunteer,
        points,
        volunteer_points,
        completion_note,
        ..
    } = order;
    let points_line = move || points_words(texts(), reader, status, points, volunteer_points);
    let shown = points_line().is_some();
    // A booked slot reads as it was offered: "12月4日 周五 9:00–10:00".
    let booked = move || match (preferred_start, preferred_end) {
        (Some(start), Some(end)) => wording::slot(texts(), start, end),
        _ => when(preferred_start),
    };
    view! {
        <section class="card order-facts">
            <div class="order-card__head">
                <h2 class="order-facts__name">{service.name.clone()}</h2>
                <StatusChip status />
            </div>
            <p class="service-card__provider">{move || (texts().provider)(&service.provider_name)}</p>
            {shown.then(|| view! { <p class="order-facts__points">{points_line}</p> })}
            <dl class="facts">
                <div><dt>{move || texts().when_label}</dt><dd class="order-facts__when">{booked}</dd></div>
                <div><dt>{move || texts().address_label}</dt><dd class="order-facts__address">{address}</dd></div>
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
pub fn RatingCard(rating: OrderRating, reader: Reader) -> impl IntoView {
    let heading = move || if reader == Reader::Resident { texts().your_rating } else { texts().resident_rating };
    view! {
        <section class="card rating" aria-labelledby="rating-heading">
            <h2 class="card__title" id="rating-heading">{heading}</h2>
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
