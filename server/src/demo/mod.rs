//! The demo community, modelled on 井湘社区 (长沙市雨花区井湾子街道), seeded into an empty
//! database so a newcomer sees a living app: grids, buildings, units, 644 households, heads,
//! volunteers and residents, notices, tasks, the love bank, the service menu and orders, and a
//! second community for cross-community checks.
//!
//! Behind the `demo` cargo feature (off by default): its accounts share a published password,
//! so a production build carries none of it. What a request can do is done through the
//! features' own use cases (enrolment, ledger transfers, redemption, corrections, order steps
//! and settlement); what no request creates — places, people, grants, the menu, rewards — and
//! history dated in the past are inserted directly, as the household-register import will.

mod accounts;
pub mod district;
mod love_bank;
mod messages;
mod notices;
mod orders;
mod people;
mod places;
mod register;
mod reports;
mod services;
mod tasks;
mod wishes;

pub use accounts::*;

use sqlx::{Any, Transaction};

use crate::features::account::password;
use crate::platform::db::{now_ms, Db};
use crate::platform::error::AppError;

/// Seeds the demo data unless the database already holds a community. Returns whether it seeded.
pub async fn seed_demo(db: &Db) -> Result<bool, AppError> {
    let communities: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM communities")
        .fetch_one(&db.write)
        .await?;
    if communities > 0 {
        return Ok(false);
    }
    // Hashed once and shared: every demo account has the same password, and argon2 is slow.
    let password_hash = password::hash(DEMO_PASSWORD.into()).await?;
    let mut tx = db.write.begin().await?;
    match seed_in(&mut tx, &password_hash).await {
        Ok(()) => {
            tx.commit().await?;
            Ok(true)
        }
        // Another server seeding the same empty PostgreSQL at the same moment got there first.
        Err(AppError::Conflict) => Ok(false),
        Err(error) => Err(error),
    }
}

async fn seed_in(tx: &mut Transaction<'_, Any>, password_hash: &str) -> Result<(), AppError> {
    let now = now_ms();
    let places = places::seed(tx).await?;
    let people = people::seed(tx, &places, password_hash, now).await?;
    register::seed(tx, &places, &people, now).await?;
    notices::seed(tx, &places, &people, now).await?;
    let task_credits = tasks::seed(tx, &places, &people, now).await?;
    love_bank::seed(tx, &places, &people, task_credits, now).await?;
    reports::seed(tx, &places, &people, now).await?;
    let services = services::seed(tx, &places, &people).await?;
    orders::seed(tx, &places, &people, &services, now).await?;
    wishes::seed(tx, &people, now).await?;
    messages::seed(tx, notices::WATER, now).await
}
