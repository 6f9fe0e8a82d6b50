//! Settings from command-line flags and environment variables (flags win), read with clap:
//! its derive keeps each flag, its environment variable, its default and its help text in one
//! place, and `--help` can never drift from what is parsed.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use crate::platform::db::PoolSettings;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/linli.db?mode=rwc";
const DEFAULT_SESSION_TTL: Duration = Duration::from_secs(30 * 24 * 60 * 60);
const DEFAULT_MESSAGE_POLL: Duration = Duration::from_secs(1);
const DEFAULT_REMINDER_EVERY: Duration = Duration::from_secs(60);
const DEFAULT_STREAM_SESSION_CHECK: Duration = Duration::from_secs(60);
const DEFAULT_SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeedMode {
    /// Seed the demo community (accounts with a published password) into an empty database.
    /// Refused unless the server listens on a loopback address only.
    Demo,
    /// Start with what the database holds (empty on first start).
    None,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    /// The built app (trunk's dist/).
    pub dist_dir: PathBuf,
    pub seed: SeedMode,
    /// Reverse proxies in front of the server that append to `X-Forwarded-For`; the client is
    /// the entry this many from the right (server/src/platform/forwarded.rs). 0: the socket peer.
    pub trusted_proxies: usize,
    pub session_ttl: Duration,
    pub pool: PoolSettings,
    /// Where uploaded photos are stored (`FsPhotoStore`).
    pub photo_dir: PathBuf,
    /// The time reports' deadlines are measured by: the system's; tests move it.
    pub clock: crate::platform::clock::Clock,
    /// 消息: how often the live streams' poller looks for new messages (woken sooner by a
    /// message this server writes).
    pub message_poll: Duration,
    /// 消息: how often the reminder timer looks for tasks due a reminder.
    pub reminder_every: Duration,
    /// 消息: how often a live stream's session is checked (signed out or revoked: it closes).
    pub stream_session_check: Duration,
    /// How often the webhook worker looks for due deliveries.
    pub webhook_every: Duration,
    /// The waits between a webhook delivery's attempts.
    pub webhook_retry: crate::features::outbound::retry::RetrySchedule,
    /// How often the timer closes orders whose rating window has passed.
    pub auto_close_every: Duration,
    /// How often the timer escalates unanswered reports.
    pub escalate_every: Duration,
    /// Who else may read `GET /metrics` (loopback peers always may): `Bearer <token>`.
    pub metrics_token: Option<String>,
    /// How long a stopping server waits for the requests in flight (platform/shutdown.rs).
    pub shutdown_grace: Duration,
}

impl Config {
    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: database_url.into(),
            dist_dir: PathBuf::from("dist"),
            seed: SeedMode::None,
            trusted_proxies: 0,
            session_ttl: DEFAULT_SESSION_TTL,
            pool: PoolSettings::default(),
            photo_dir: PathBuf::new(),
            clock: crate::platform::clock::Clock::system(),
            message_poll: DEFAULT_MESSAGE_POLL,
            reminder_every: DEFAULT_REMINDER_EVERY,
            stream_session_check: DEFAULT_STREAM_SESSION_CHECK,
            webhook_every: crate::features::outbound::worker::WORK_EVERY_DEFAULT,
            webhook_retry: Default::default(),
            auto_close_every: crate::features::services::orders::AUTO_CLOSE_EVERY,
            escalate_every: crate::features::reports::escalate::ESCALATE_EVERY,
            metrics_token: None,
            shutdown_grace: DEFAULT_SHUTDOWN_GRACE,
        }
        .with_default_photo_dir()
    }

    /// Photos next to the SQLite file (`data/linli.db` → `data/photos`); `data/photos` for
    /// PostgreSQL.
    fn with_default_photo_dir(mut self) -> Self {
        let sqlite_file = self
            .database_url
            .strip_prefix("sqlite://")
            .map(|rest| rest.split('?').next().unwrap_or(rest))
            .filter(|path| !path.is_empty() && !path.starts_with(':'));
        self.photo_dir = match sqlite_file.and_then(|file| std::path::Path::new(file).parent()) {
            Some(parent) => parent.join("photos"),
            None => PathBuf::from("data/photos"),
        };
        self
    }

    /// The demo accounts share a published password: whoever reaches the server could sign in
    /// as its staff. So they are seeded only where nobody else can reach it.
    pub fn check_demo_is_local(&self) -> Result<(), String> {
        if self.seed == SeedMode::Demo && !self.addr.ip().is_loopback() {
            return Err(format!(
                "refusing to seed the demo community (its accounts share a published password) \
                 on {}, which other machines can reach: listen on 127.0.0.1 for the demo, or \
                 start without --demo / LINLI_SEED=demo",
                self.addr
            ));
        }
        Ok(())
    }
}

/// How the server writes its log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Lines for people reading a terminal.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// linli-server: the Linli REST API and the built app on one port. Without a command it
/// serves, as `linli-server serve` does.
#[derive(Debug, Parser)]
#[command(
    name = "linli-server",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Invocation {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: Cli,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the app (the default)
    Serve(Cli),
    /// Copy the SQLite database to FILE while the server keeps serving it (for PostgreSQL use
    /// pg_dump: docs/operations.md)
    Backup(BackupArgs),
    /// Put a backup in place of the SQLite database (stop the server first); the old file is
    /// kept beside it
    Restore(RestoreArgs),
}

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The database to back up: sqlite://…
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
    /// Where to write the backup (a new file)
    #[arg(long, value_name = "FILE")]
    pub to: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The database to replace: sqlite://…
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
    /// The backup to restore (made by `linli-server backup`)
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
}

/// The server's settings (`linli-server [serve] [FLAGS]`).
#[derive(Debug, Parser)]
#[command(name = "linli-server", version, about)]
pub struct Cli {
    /// Listen address (HOST:PORT)
    #[arg(long, env = "LINLI_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The built app (trunk's dist/)
    #[arg(long = "dist", env = "LINLI_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,
    /// sqlite://… or postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
    /// Seed the demo community into an empty database (same as --seed demo); loopback only
    #[arg(long)]
    pub demo: bool,
    /// What to seed into an empty database
    #[arg(long, env = "LINLI_SEED", value_enum, default_value = "none")]
    pub seed: SeedMode,
    /// Reverse proxies in front of the server; the client address is the entry this many from
    /// the right of X-Forwarded-For (0: the socket peer)
    #[arg(long, env = "LINLI_TRUSTED_PROXIES", default_value_t = 0)]
    pub trusted_proxies: usize,
    /// Old spelling of --trusted-proxies 1 (1 or true)
    #[arg(long, env = "LINLI_TRUST_PROXY", hide = true)]
    pub trust_proxy: Option<String>,
    /// Session lifetime in seconds (default 30 days)
    #[arg(long, env = "LINLI_SESSION_TTL_SECS", default_value_t = DEFAULT_SESSION_TTL.as_secs())]
    pub session_ttl_secs: u64,
    /// PostgreSQL connections per server (default 2 x cores, at least 4)
    #[arg(long, env = "LINLI_DB_MAX_CONNECTIONS", value_parser = clap::value_parser!(u32).range(1..))]
    pub db_max_connections: Option<u32>,
    /// Where uploaded photos are stored (default: `photos` beside the SQLite file, else
    /// data/photos)
    #[arg(long, env = "LINLI_PHOTO_DIR")]
    pub photo_dir: Option<PathBuf>,
    /// How often live message streams poll the database for new messages, in milliseconds
    #[arg(long, env = "LINLI_MESSAGE_POLL_MS", default_value_t = 1000,
          value_parser = clap::value_parser!(u64).range(10..))]
    pub message_poll_ms: u64,
    /// How often the reminder timer runs, in seconds (tasks starting tomorrow / in 2 hours)
    #[arg(long, env = "LINLI_REMINDER_INTERVAL_SECS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub reminder_interval_secs: u64,
    /// How often the webhook worker sends due deliveries, in milliseconds
    #[arg(long, env = "LINLI_WEBHOOK_EVERY_MS", default_value_t = 5000,
          value_parser = clap::value_parser!(u64).range(10..))]
    pub webhook_every_ms: u64,
    /// Seconds a failed webhook delivery waits before each next attempt, comma-separated (the
    /// last repeats); after 6 attempts it is dead
    #[arg(long, env = "LINLI_WEBHOOK_RETRY_SECS", value_delimiter = ',',
          default_value = "30,120,600,3600,21600")]
    pub webhook_retry_secs: Vec<u64>,
    /// How often the timer closes orders left unrated past the rating window, in seconds
    #[arg(long, env = "LINLI_AUTO_CLOSE_EVERY_SECS", default_value_t = 300,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub auto_close_every_secs: u64,
    /// How often the timer escalates reports past their deadlines, in seconds
    #[arg(long, env = "LINLI_ESCALATE_EVERY_SECS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub escalate_every_secs: u64,
    /// Print the OpenAPI document and exit
    #[arg(long)]
    pub print_openapi: bool,
    /// Who else may read GET /metrics, as `Authorization: Bearer <token>` (loopback clients
    /// always may); prefer the environment variable, a flag shows in the process list
    #[arg(long, env = "LINLI_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// How long a stopping server (SIGTERM, Ctrl-C) waits for the requests in flight, in seconds
    #[arg(long, env = "LINLI_SHUTDOWN_GRACE_SECS", default_value_t = DEFAULT_SHUTDOWN_GRACE.as_secs())]
    pub shutdown_grace_secs: u64,
    /// How the log is written: text lines, or one JSON object per line
    #[arg(long, env = "LINLI_LOG_FORMAT", value_enum, default_value = "text")]
    pub log_format: LogFormat,
}

impl Cli {
    pub fn into_config(self) -> Result<Config, String> {
        let mut config = Config::new(self.database_url);
        config.addr = self.addr;
        config.dist_dir = self.dist_dir;
        config.seed = if self.demo { SeedMode::Demo } else { self.seed };
        config.trusted_proxies = match self.trust_proxy.as_deref() {
            None | Some("" | "0" | "false") => self.trusted_proxies,
            // Kept working: it meant one proxy in front.
            Some("1" | "true") => self.trusted_proxies.max(1),
            Some(other) => return Err(format!("LINLI_TRUST_PROXY must be 1 or 0, not {other}")),
        };
        config.session_ttl = Duration::from_secs(self.session_ttl_secs);
        config.pool.max_connections = self.db_max_connections;
        if let Some(dir) = self.photo_dir {
            config.photo_dir = dir;
        }
        config.message_poll = Duration::from_millis(self.message_poll_ms);
        config.reminder_every = Duration::from_secs(self.reminder_interval_secs);
        config.webhook_every = Duration::from_millis(self.webhook_every_ms);
        config.webhook_retry =
            crate::features::outbound::retry::RetrySchedule::from_secs(&self.webhook_retry_secs)
                .ok_or("LINLI_WEBHOOK_RETRY_SECS needs at least one number")?;
        config.auto_close_every = Duration::from_secs(self.auto_close_every_secs);
        config.escalate_every = Duration::from_secs(self.escalate_every_secs);
        config.metrics_token = self.metrics_token.filter(|token| !token.is_empty());
        config.shutdown_grace = Duration::from_secs(self.shutdown_grace_secs);
        crate::platform::startup_checks::database_url(&config.database_url)?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(args: &[&str]) -> Config {
        let args = std::iter::once("linli-server").chain(args.iter().copied());
        Cli::try_parse_from(args).unwrap().into_config().unwrap()
    }

    #[test]
    fn defaults_serve_an_empty_sqlite_database_on_loopback() {
        let config = config(&[]);
        assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(config.dist_dir, PathBuf::from("dist"));
        assert_eq!(config.session_ttl, Duration::from_secs(2_592_000));
        assert_eq!(
            config.pool.acquire_timeout,
            PoolSettings::default().acquire_timeout
        );
        // (The database URL, seed and proxies may come from the environment running the tests.)
    }

    #[test]
    fn flags_set_every_setting() {
        let config = config(&[
            "--addr",
            "0.0.0.0:9000",
            "--dist=/srv/b",
            "--database-url",
            "postgres://db/linli",
            "--seed",
            "none",
            "--trusted-proxies",
            "2",
            "--session-ttl-secs",
            "60",
            "--db-max-connections",
            "6",
        ]);
        assert_eq!(config.addr.to_string(), "0.0.0.0:9000");
        assert_eq!(config.dist_dir, PathBuf::from("/srv/b"));
        assert_eq!(config.database_url, "postgres://db/linli");
        assert_eq!(config.seed, SeedMode::None);
        assert_eq!(config.trusted_proxies, 2);
        assert_eq!(config.session_ttl, Duration::from_secs(60));
        assert_eq!(config.pool.max_connections, Some(6));
        assert_eq!(config.photo_dir, PathBuf::from("data/photos"));
        let timers = self::config(&["--message-poll-ms", "250", "--reminder-interval-secs", "1"]);
        assert_eq!(timers.message_poll, Duration::from_millis(250));
        assert_eq!(timers.reminder_every, Duration::from_secs(1));
        let config = super::Cli::try_parse_from(["linli-server", "--photo-dir", "/srv/photos"])
            .unwrap()
            .into_config()
            .unwrap();
        assert_eq!(config.photo_dir, PathBuf::from("/srv/photos"));
        assert_eq!(
            Config::new("sqlite:///var/lib/linli/linli.db?mode=rwc").photo_dir,
            PathBuf::from("/var/lib/linli/photos")
        );
        assert_eq!(
            Config::new("sqlite://data/linli.db?mode=rwc").photo_dir,
            PathBuf::from("data/photos")
        );
    }

    #[test]
    fn the_webhook_worker_runs_as_set() {
        use crate::features::outbound::retry::RetrySchedule;
        let defaults = config(&[]);
        assert_eq!(defaults.webhook_every, Duration::from_secs(5));
        assert_eq!(defaults.webhook_retry, RetrySchedule::default());
        let set = config(&["--webhook-every-ms", "200", "--webhook-retry-secs", "0,1"]);
        assert_eq!(set.webhook_every, Duration::from_millis(200));
        assert_eq!(set.webhook_retry, RetrySchedule::from_secs(&[0, 1]).unwrap());
    }

    #[test]
    fn the_order_and_report_timers_run_as_set() {
        let defaults = config(&[]);
        assert_eq!(defaults.auto_close_every, Duration::from_secs(300));
        assert_eq!(defaults.escalate_every, Duration::from_secs(60));
        let set = config(&["--auto-close-every-secs", "1", "--escalate-every-secs", "2"]);
        assert_eq!(set.auto_close_every, Duration::from_secs(1));
        assert_eq!(set.escalate_every, Duration::from_secs(2));
        assert!(Cli::try_parse_from(["linli-server", "--escalate-every-secs", "0"]).is_err());
    }

    #[test]
    fn serving_is_the_default_command_and_backup_and_restore_take_their_files() {
        let parse = |args: &[&str]| {
            Invocation::try_parse_from(std::iter::once("linli-server").chain(args.iter().copied()))
        };
        let bare = parse(&["--addr", "0.0.0.0:9000"]).unwrap();
        assert!(bare.command.is_none());
        assert_eq!(bare.serve.addr.to_string(), "0.0.0.0:9000");
        match parse(&["serve", "--addr", "0.0.0.0:9001"]).unwrap().command {
            Some(Command::Serve(cli)) => assert_eq!(cli.addr.to_string(), "0.0.0.0:9001"),
            other => panic!("{other:?}"),
        }
        match parse(&["backup", "--to", "b.db"]).unwrap().command {
            Some(Command::Backup(args)) => assert_eq!(args.to, PathBuf::from("b.db")),
            other => panic!("{other:?}"),
        }
        let restore = [
            "restore",
            "--from",
            "b.db",
            "--database-url",
            "sqlite://x.db",
        ];
        match parse(&restore).unwrap().command {
            Some(Command::Restore(args)) => {
                assert_eq!(args.from, PathBuf::from("b.db"));
                assert_eq!(args.database_url, "sqlite://x.db");
            }
            other => panic!("{other:?}"),
        }
        assert!(parse(&["backup"]).is_err(), "--to is required");
    }

    #[test]
    fn operations_settings_are_read() {
        let config = config(&["--metrics-token", "t0k", "--shutdown-grace-secs", "5"]);
        assert_eq!(config.metrics_token.as_deref(), Some("t0k"));
        assert_eq!(config.shutdown_grace, Duration::from_secs(5));
        assert_eq!(self::config(&["--metrics-token", ""]).metrics_token, None);
        let cli = Cli::try_parse_from(["linli-server", "--log-format", "json"]).unwrap();
        assert_eq!(cli.log_format, LogFormat::Json);
        let refusal = Cli::try_parse_from(["linli-server", "--database-url", "mysql://db/x"])
            .unwrap()
            .into_config()
            .unwrap_err();
        assert!(refusal.contains("DATABASE_URL"), "{refusal}");
    }

    #[test]
    fn the_demo_is_asked_for_by_flag_or_seed_mode() {
        assert_eq!(config(&["--demo"]).seed, SeedMode::Demo);
        assert_eq!(config(&["--seed", "demo"]).seed, SeedMode::Demo);
    }

    #[test]
    fn the_old_trust_proxy_setting_means_one_hop() {
        assert_eq!(config(&["--trust-proxy", "1"]).trusted_proxies, 1);
        assert_eq!(config(&["--trust-proxy", "0"]).trusted_proxies, 0);
        assert_eq!(
            config(&["--trust-proxy", "true", "--trusted-proxies", "2"]).trusted_proxies,
            2
        );
    }

    #[test]
    fn the_demo_is_refused_off_loopback() {
        let mut config = config(&["--demo"]);
        assert!(config.check_demo_is_local().is_ok());
        config.addr = "[::1]:8080".parse().unwrap();
        assert!(config.check_demo_is_local().is_ok());
        config.addr = "0.0.0.0:8080".parse().unwrap();
        let refusal = config.check_demo_is_local().unwrap_err();
        assert!(refusal.contains("0.0.0.0:8080"), "{refusal}");
        config.seed = SeedMode::None;
        assert!(config.check_demo_is_local().is_ok());
    }

    #[test]
    fn bad_values_are_refused_with_a_reason() {
        let parse = |args: &[&str]| {
            Cli::try_parse_from(std::iter::once("linli-server").chain(args.iter().copied()))
                .map_err(|error| error.to_string())
                .and_then(Cli::into_config)
        };
        assert!(parse(&["--addr", "nowhere"])
            .unwrap_err()
            .contains("--addr"));
        assert!(parse(&["--bogus"]).unwrap_err().contains("--bogus"));
        assert!(parse(&["--seed", "lots"]).unwrap_err().contains("--seed"));
        for bad in ["0", "many"] {
            assert!(parse(&["--db-max-connections", bad])
                .unwrap_err()
                .contains("--db-max-connections"));
        }
        assert!(parse(&["--trust-proxy", "yes"])
            .unwrap_err()
            .contains("LINLI_TRUST_PROXY"));
        assert!(parse(&["--print-openapi"]).is_ok());
    }
}
