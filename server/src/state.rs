use std::sync::Arc;

use crate::config::Config;
use crate::features::account::password::Hasher;
use crate::features::messages::Hub;
use crate::platform::clock::Clock;
use crate::platform::db::Db;
use crate::platform::photos::{FsPhotoStore, PhotoStore};

/// What every handler may reach: the database, the settings the server started with, the
/// bounded pool that hashes passwords, the photo store and the clock.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub hasher: Arc<Hasher>,
    pub photos: Arc<dyn PhotoStore>,
    /// What reports' deadlines are measured by (tests move it).
    pub clock: Clock,
    /// This process's live message streams (消息).
    pub hub: Arc<Hub>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        let photos: Arc<dyn PhotoStore> = Arc::new(FsPhotoStore::new(config.photo_dir.clone()));
        let hub = Arc::new(Hub::new(config.message_poll, config.stream_session_check));
        Self {
            db,
            hub,
            clock: config.clock.clone(),
            config: Arc::new(config),
            hasher: Arc::new(Hasher::for_this_machine()),
            photos,
        }
    }
}
