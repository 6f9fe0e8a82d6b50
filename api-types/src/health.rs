use serde::{Deserialize, Serialize};

/// `GET /api/v1/health`: whether this server can reach its database.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// "ok" or "degraded".
    pub status: String,
    /// "sqlite" or "postgres".
    pub database: String,
    pub version: String,
}
