//! Times as the API carries them: the database holds epoch milliseconds, the wire RFC 3339.

use chrono::{DateTime, Utc};

use crate::platform::error::{AppError, Result};

pub fn time(ms: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms).ok_or_else(|| AppError::internal(format!("time {ms}")))
}

pub fn opt_time(ms: Option<i64>) -> Result<Option<DateTime<Utc>>> {
    ms.map(time).transpose()
}
