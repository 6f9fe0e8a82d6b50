//! What every feature shares and none owns: the database, signed-in users, errors as a
//! framework (problem+json in the request's language), request bodies, idempotency, text rules,
//! security headers, the request log, static files and the timers that tidy the database.

pub mod access;
pub mod clock;
pub mod auth;
pub mod backup;
pub mod db;
pub mod error;
pub mod extract;
pub mod forwarded;
pub mod health;
pub mod housekeeping;
pub mod idempotency;
pub mod photos;
pub mod ids;
pub mod lang;
pub mod metrics;
pub mod request_log;
pub mod security_headers;
pub mod shanghai;
pub mod shutdown;
pub mod sql_params;
pub mod startup_checks;
pub mod static_files;
pub mod text;
pub mod write_once;
