//! A service being added or edited in 服务管理, kept in localStorage on every change so a
//! reload or a failed save loses nothing. The key of a new service's create lives with it: a
//! resend after an unclear failure never adds the service twice.

use linli_api_types::{ManagedService, ServiceCategory};
use serde::{Deserialize, Serialize};

use crate::api::IdempotencyKey;
use crate::storage;

/// One opening period as typed: weekday 1–7, "HH:MM" to "HH:MM".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodDraft {
    pub weekday: u8,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceDraft {
    pub name: String,
    pub category: ServiceCategory,
    pub provider: String,
    pub description: String,
    pub price: String,
    pub duration: String,
    pub volunteer_points: String,
    pub opening: Vec<PeriodDraft>,
    pub volunteer_ids: Vec<i64>,
    pub key: IdempotencyKey,
}

impl ServiceDraft {
    /// A blank form: free, an hour, by arrangement.
    pub fn blank() -> Self {
        Self {
            name: String::new(),
            category: ServiceCategory::DailyLife,
            provider: String::new(),
            description: String::new(),
            price: "0".into(),
            duration: "60".into(),
            volunteer_points: "10".into(),
            opening: Vec::new(),
            volunteer_ids: Vec::new(),
            key: IdempotencyKey::new(),
        }
    }

    pub fn of(service: &ManagedService) -> Self {
        Self {
            name: service.name.clone(),
            category: service.category,
            provider: service.provider_name.clone(),
            description: service.description.clone(),
            price: service.points_price.to_string(),
            duration: service.duration_minutes.to_string(),
            volunteer_points: service.volunteer_points.to_string(),
            opening: service
                .opening
                .iter()
                .map(|p| PeriodDraft { weekday: p.weekday, from: hhmm(p.start_minute), to: hhmm(p.end_minute) })
                .collect(),
            volunteer_ids: service.volunteer_ids.clone(),
            key: IdempotencyKey::new(),
        }
    }
}

/// 540 → "09:00", as `<input type="time">` takes it.
pub fn hhmm(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// "09:00" → 540; "24:00" is the end of the day. `None` for anything else.
pub fn minutes(hhmm: &str) -> Option<u16> {
    let (h, m) = hhmm.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
    (h < 24 && m < 60 || h == 24 && m == 0).then_some(h * 60 + m)
}

/// `None`: a new service.
pub fn storage_key(service_id: Option<i64>) -> String {
    match service_id {
        Some(id) => format!("linli.draft.service.{id}"),
        None => "linli.draft.service.new".to_owned(),
    }
}

pub fn load(key: &str) -> Option<ServiceDraft> {
    storage::load_json(key)
}

pub fn save(key: &str, draft: &ServiceDraft) {
    storage::save_json(key, draft);
}

pub fn discard(key: &str) {
    storage::remove(key);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_go_both_ways() {
        assert_eq!(hhmm(540), "09:00");
        assert_eq!(minutes("09:00"), Some(540));
        assert_eq!(minutes("17:30:00"), Some(1050));
        assert_eq!(minutes("24:00"), Some(1440));
        assert_eq!(minutes("25:00"), None);
        assert_eq!(minutes(""), None);
    }
}
