use std::sync::Arc;

use crate::config::Config;
use crate::db::Db;

/// What every handler may reach: the database and the settings the server started with.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        Self {
            db,
            config: Arc::new(config),
        }
    }
}
