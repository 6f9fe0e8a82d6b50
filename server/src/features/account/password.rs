//! Argon2id password hashes, on a bounded pool.
//!
//! Each hash takes ~19 MiB and tens of milliseconds of a core, on purpose. Unbounded, 500
//! sign-ins at once would be 500 blocking threads and ~10 GB of memory; so at most one job per
//! core runs, a short queue waits, and past it the request is refused at once with 503
//! `overloaded` and Retry-After (the app retries), never queued for seconds.

use std::sync::{Arc, OnceLock};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::platform::error::AppError;

/// Jobs that may wait for a core, beyond those running: a moment's burst (a building signing
/// in on the same evening) waits well under a second; more is refused.
pub const QUEUE: usize = 32;

/// The pool: `running` permits for the cores, `admitted` for those running plus waiting.
#[derive(Debug)]
pub struct Hasher {
    running: Arc<Semaphore>,
    admitted: Arc<Semaphore>,
}

/// A place in the pool's queue, taken before anything else is counted or spent.
#[derive(Debug)]
pub struct Slot {
    running: Arc<Semaphore>,
    _admitted: OwnedSemaphorePermit,
}

impl Hasher {
    pub fn new(running: usize, queue: usize) -> Self {
        Self {
            running: Arc::new(Semaphore::new(running.max(1))),
            admitted: Arc::new(Semaphore::new(running.max(1) + queue)),
        }
    }

    /// One job per core of this machine, and [`QUEUE`] waiting.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self::new(cores, QUEUE)
    }

    /// A place in the queue, or `overloaded` when it is full.
    pub fn slot(&self) -> Result<Slot, AppError> {
        let admitted = self.admitted.clone().try_acquire_owned().map_err(|_| {
            tracing::warn!("password hashing queue full: 503");
            AppError::Overloaded
        })?;
        Ok(Slot {
            running: self.running.clone(),
            _admitted: admitted,
        })
    }
}

impl Slot {
    /// Argon2id with the crate's default (OWASP-recommended) cost, as a PHC string.
    pub async fn hash(self, password: String) -> Result<String, AppError> {
        let _running = self.running.acquire().await.map_err(AppError::internal)?;
        tokio::task::spawn_blocking(move || hash_blocking(&password)).await?
    }

    /// Checks `password` against `stored`, or against a dummy hash when there is no user, so an
    /// unknown phone number takes as long to refuse as a wrong password.
    pub async fn verify(self, password: String, stored: Option<String>) -> Result<bool, AppError> {
        let _running = self.running.acquire().await.map_err(AppError::internal)?;
        tokio::task::spawn_blocking(move || verify_blocking(&password, stored)).await?
    }
}

/// Outside the pool, for seeding at start (one hash, before any request is served).
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password)).await?
}

fn hash_blocking(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(AppError::internal)
}

fn verify_blocking(password: &str, stored: Option<String>) -> Result<bool, AppError> {
    let known = stored.is_some();
    let stored = match stored {
        Some(stored) => stored,
        None => dummy_hash()?.to_owned(),
    };
    let parsed = PasswordHash::new(&stored).map_err(AppError::internal)?;
    let matches = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    Ok(known && matches)
}

fn dummy_hash() -> Result<&'static str, AppError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash);
    }
    let hash = hash_blocking("not anyone's password")?;
    Ok(DUMMY.get_or_init(|| hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_accepts_its_password_only() {
        let pool = Hasher::new(1, 1);
        let stored = pool.slot().unwrap().hash("linli2026".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        let verify = |password: &str| {
            pool.slot()
                .unwrap()
                .verify(password.into(), Some(stored.clone()))
        };
        assert!(verify("linli2026").await.unwrap());
        assert!(!verify("linli2027").await.unwrap());
    }

    #[tokio::test]
    async fn no_user_never_verifies() {
        let slot = Hasher::new(1, 0).slot().unwrap();
        assert!(!slot
            .verify("not anyone's password".into(), None)
            .await
            .unwrap());
    }

    #[tokio::test]
    async fn past_the_queue_jobs_are_refused_at_once_and_admitted_again_after() {
        let pool = Hasher::new(2, 3);
        let held: Vec<Slot> = (0..5).map(|_| pool.slot().unwrap()).collect();
        assert!(matches!(pool.slot(), Err(AppError::Overloaded)));
        drop(held);
        assert!(pool.slot().is_ok());
    }
}
