//! `Application`: the database made ready, the listener bound, the server run.

use std::net::SocketAddr;

use tokio::net::TcpListener;

use crate::config::{Config, SeedMode};
use crate::platform::db::Db;
use crate::state::AppState;
use crate::app;
use crate::features::services::orders;
use crate::platform::housekeeping;
use crate::platform::{backup, shutdown, startup_checks};

pub type StartupError = Box<dyn std::error::Error + Send + Sync>;

/// Why `--demo` fails in a build without the demo (the production build).
pub const NO_DEMO: &str = "this build has no demo community: build the server with \
                           `--features demo` (scripts/run.sh does) to seed it";

pub struct Application {
    listener: TcpListener,
    addr: SocketAddr,
    state: AppState,
    seeded: bool,
    /// A SQLite server's share of its file's lock: `linli-server restore` waits for none.
    db_lock: Option<crate::platform::backup::ServerLock>,
}

impl Application {
    /// Connects, migrates, seeds (when asked and the database is empty) and binds
    /// `config.addr`; port 0 picks a free port, see [`Application::addr`].
    pub async fn build(config: Config) -> Result<Self, StartupError> {
        // Before touching the database: a refused demo leaves nothing behind.
        if config.seed == SeedMode::Demo && !cfg!(feature = "demo") {
            return Err(NO_DEMO.into());
        }
        config.check_demo_is_local()?;
        startup_checks::database_url(&config.database_url)?;
        startup_checks::photo_dir(&config.photo_dir)?;
        let db_lock = match backup::sqlite_file(&config.database_url, "serve") {
            // PostgreSQL and in-memory databases have no file to lock.
            Ok(file) => {
                if let Some(dir) = file.parent().filter(|dir| !dir.as_os_str().is_empty()) {
                    // Where SQLite will create the file; an error is the database's to report.
                    let _ = std::fs::create_dir_all(dir);
                }
                Some(backup::hold_shared(&file)?)
            }
            Err(_) => None,
        };
        let db = match Db::connect_with(&config.database_url, config.pool).await {
            Ok(db) => db,
            Err(error) => {
                let why = startup_checks::unreachable_database(&config.database_url, error);
                return Err(why.await.into());
            }
        };
        db.migrate().await?;
        let state = AppState::new(db, config);
        let db = state.db.clone();
        housekeeping::prune(&db, state.photos.as_ref()).await?;
        let seeded = match state.config.seed {
            #[cfg(feature = "demo")]
            SeedMode::Demo => crate::demo::seed_demo(&db).await?,
            #[cfg(not(feature = "demo"))]
            SeedMode::Demo => unreachable!("refused above"),
            SeedMode::None => false,
        };
        let listener = TcpListener::bind(state.config.addr)
            .await
            .map_err(|error| startup_checks::bind_failed(state.config.addr, &error))?;
        let addr = listener.local_addr()?;
        Ok(Self {
            listener,
            addr,
            state,
            seeded,
            db_lock,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Whether this start seeded the demo community.
    pub fn seeded(&self) -> bool {
        self.seeded
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
    pub async fn run(self) -> std::io::Result<()> {
        let auto_close =
            orders::spawn_auto_close(self.state.db.clone(), self.state.config.auto_close_every);
        let escalation = crate::features::reports::escalate::spawn_escalation(
            self.state.db.clone(),
            self.state.clock.clone(),
            self.state.config.escalate_every,
        );
        let pruning =
            housekeeping::spawn_pruning(self.state.db.clone(), self.state.photos.clone());
        let streams = crate::features::messages::hub::spawn_poller(
            self.state.hub.clone(),
            self.state.db.clone(),
            self.state.clock.clone(),
        );
        let reminders = crate::features::messages::reminders::spawn_reminders(
            self.state.db.clone(),
            self.state.clock.clone(),
            self.state.config.reminder_every,
        );
        let hub = self.state.hub.clone();
        let db = self.state.db.clone();
        let grace = self.state.config.shutdown_grace;
        let _db_lock = self.db_lock;
        let webhooks = crate::features::outbound::spawn_worker(
            self.state.db.clone(),
            self.state.clock.clone(),
            self.state.config.webhook_every,
            self.state.config.webhook_retry.clone(),
        );
        // Live streams never end by themselves; the shutdown waits for open responses.
        let served =
            shutdown::serve(self.listener, app(self.state), grace, move || hub.close()).await;
        auto_close.abort();
        pruning.abort();
        escalation.abort();
        streams.abort();
        reminders.abort();
        webhooks.abort();
        shutdown::close_pool(&db.read).await;
        shutdown::close_pool(&db.write).await;
        tracing::info!("stopped");
        served
    }
}
