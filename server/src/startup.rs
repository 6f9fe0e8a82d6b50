//! `Application`: the database made ready, the listener bound, the server run.

use std::net::SocketAddr;

use tokio::net::TcpListener;

use crate::config::{Config, SeedMode};
use crate::platform::db::Db;
use crate::state::AppState;
use crate::app;
use crate::features::services::orders;
use crate::platform::housekeeping;

pub type StartupError = Box<dyn std::error::Error + Send + Sync>;

/// Why `--demo` fails in a build without the demo (the production build).
pub const NO_DEMO: &str = "this build has no demo community: build the server with \
                           `--features demo` (scripts/run.sh does) to seed it";

pub struct Application {
    listener: TcpListener,
    addr: SocketAddr,
    state: AppState,
    seeded: bool,
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
        let db = Db::connect_with(&config.database_url, config.pool).await?;
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
        let listener = TcpListener::bind(state.config.addr).await?;
        let addr = listener.local_addr()?;
        Ok(Self {
            listener,
            addr,
            state,
            seeded,
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
        let webhooks = crate::features::outbound::spawn_worker(
            self.state.db.clone(),
            self.state.clock.clone(),
            self.state.config.webhook_every,
            self.state.config.webhook_retry.clone(),
        );
        let service = app(self.state).into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(self.listener, service)
            .with_graceful_shutdown(async move {
                shutdown_signal().await;
                // Live streams never end by themselves; the shutdown waits for open responses.
                hub.close();
            })
            .await;
        auto_close.abort();
        pruning.abort();
        escalation.abort();
        streams.abort();
        reminders.abort();
        webhooks.abort();
        served
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
