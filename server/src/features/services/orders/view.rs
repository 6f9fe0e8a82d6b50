//! An order as the API shows it: a summary for lists, and in full for the one who may see it
//! (the contact phone masked unless theirs to call, the steps they may take now).

use linli_api_types::{
    OpeningPeriod, Order, OrderEvent, OrderPerson, OrderRating, OrderService, OrderStatus,
    OrderSummary, Phone, RatingTag, ServiceCategory,
};
use sqlx::AnyConnection;

use super::events::timeline;
use super::row::{load, OrderRow};
use super::viewer::OrderViewer;
use super::RATE_WINDOW_MS;
use crate::features::services::menu::{opening_of, slots::slot_end};
use crate::features::services::wire::{opt_time, time};
use crate::platform::error::{AppError, Result};
use crate::platform::ids::ServiceId;

impl OrderRow {
    fn service(&self) -> Result<OrderService> {
        Ok(OrderService {
            id: self.service_id,
            name: self.service_name.clone(),
            category: ServiceCategory::parse(&self.service_category).ok_or_else(|| {
                AppError::internal(format!("service category {}", self.service_category))
            })?,
            provider_name: self.provider_name.clone(),
        })
    }

    fn resident(&self) -> OrderPerson {
        OrderPerson {
            id: self.resident_id,
            name: self.resident_name.clone(),
        }
    }

    fn volunteer(&self) -> Option<OrderPerson> {
        self.volunteer_id.map(|id| OrderPerson {
            id,
            name: self.volunteer_name.clone().unwrap_or_default(),
        })
    }

    pub fn summary(&self) -> Result<OrderSummary> {
        let status = self.status()?;
        Ok(OrderSummary {
            id: self.id,
            service: self.service()?,
            status,
            preferred_start: opt_time(self.preferred_start)?,
            address: self.address.clone(),
            resident: self.resident(),
            volunteer: self.volunteer(),
            points: self.points,
            created_at: time(self.created_at)?,
            waiting_since: if status == OrderStatus::Submitted {
                opt_time(self.waiting_since)?
            } else {
                None
            },
            updated_at: time(self.updated_at)?,
        })
    }

    /// In full; `opening` is the service's opening times, which give a booked slot its end.
    pub fn order(
        &self,
        viewer: &OrderViewer,
        timeline: Vec<OrderEvent>,
        opening: &[OpeningPeriod],
    ) -> Result<Order> {
        let summary = self.summary()?;
        let rating = match (self.rating_stars, self.rated_at) {
            (Some(stars), Some(rated_at)) => Some(OrderRating {
                stars: stars as u8,
                tags: parse_tags(self.rating_tags.as_deref()),
                comment: self.rating_comment.clone().unwrap_or_default(),
                rated_at: time(rated_at)?,
            }),
            _ => None,
        };
        let contact_phone = if viewer.sees_contact(self) {
            self.contact_phone.clone()
        } else {
            Phone::parse(&self.contact_phone)
                .map(|phone| phone.masked())
                .unwrap_or_default()
        };
        Ok(Order {
            id: self.id,
            service: summary.service,
            status: summary.status,
            preferred_start: summary.preferred_start,
            address: summary.address,
            contact_phone,
            note: self.note.clone(),
            resident: summary.resident,
            volunteer: summary.volunteer,
            points: self.points,
            created_at: summary.created_at,
            waiting_since: summary.waiting_since,
            completed_at: opt_time(self.completed_at)?,
            rate_by: if summary.status == OrderStatus::Completed {
                opt_time(self.completed_at.map(|at| at + RATE_WINDOW_MS))?
            } else {
                None
            },
            completion_note: self.completion_note.clone(),
            rating,
            timeline,
            actions: viewer.actions(self),
            volunteer_points: self.volunteer_points,
            preferred_end: opt_time(self.preferred_end.or_else(|| {
                self.preferred_start
                    .and_then(|start| slot_end(opening, start))
            }))?,
        })
    }
}

/// Rating tags as stored: their names, comma-separated.
pub fn format_tags(tags: &[RatingTag]) -> String {
    tags.iter()
        .map(|tag| tag.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_tags(tags: Option<&str>) -> Vec<RatingTag> {
    tags.unwrap_or_default()
        .split(',')
        .filter_map(RatingTag::parse)
        .collect()
}

/// The order as `viewer` sees it now, read on `conn` (inside a write transaction or not).
pub async fn detail(conn: &mut AnyConnection, viewer: &OrderViewer, id: i64) -> Result<Order> {
    let row = load(&mut *conn, id)
        .await?
        .ok_or_else(|| AppError::internal("order vanished"))?;
    let events = timeline(&mut *conn, id).await?;
    let opening = opening_of(&mut *conn, ServiceId(row.service_id)).await?;
    row.order(viewer, events, &opening)
}
