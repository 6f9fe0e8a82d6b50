use std::sync::Arc;

use crate::config::Config;
use crate::platform::db::Db;
use crate::features::account::password::Hasher;

/// What every handler may reach: the database, the settings the server started with, and the
/// bounded pool that hashes passwords.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub hasher: Arc<Hasher>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        Self {
            db,
            config: Arc::new(config),
            hasher: Arc::new(Hasher::for_this_machine()),
        }
    }
}
