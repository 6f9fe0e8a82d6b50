//! Settings from command-line flags and environment variables; flags win.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::db::PoolSettings;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/linli.db?mode=rwc";
const DEFAULT_SESSION_TTL: Duration = Duration::from_secs(30 * 24 * 60 * 60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedMode {
    /// Seed the demo community on first start (an empty database).
    Demo,
    None,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    /// The built app (trunk's dist/).
    pub dist_dir: PathBuf,
    pub seed: SeedMode,
    /// Behind a reverse proxy the client is the first `X-Forwarded-For` hop, not the socket peer.
    pub trust_proxy: bool,
    pub session_ttl: Duration,
    pub pool: PoolSettings,
}

/// What `main` was asked to do.
#[derive(Debug)]
pub enum Command {
    Serve(Config),
    PrintOpenApi,
    Help,
}

pub const USAGE: &str = "\
linli-server: the Linli REST API and the built app on one port

Usage: linli-server [--addr HOST:PORT] [--dist DIR] [--print-openapi]

  --addr HOST:PORT   listen address (env LINLI_ADDR, default 127.0.0.1:8080)
  --dist DIR         the built app (env LINLI_DIST_DIR, default dist)
  --print-openapi    print the OpenAPI document and exit

Environment:
  DATABASE_URL              sqlite://... (default sqlite://data/linli.db?mode=rwc) or postgres://...
  LINLI_SEED                demo (default: seed the demo community into an empty database) | none
  LINLI_TRUST_PROXY=1       take the client IP from X-Forwarded-For
  LINLI_SESSION_TTL_SECS    session lifetime (default 30 days)
  LINLI_DB_MAX_CONNECTIONS  PostgreSQL connections per server (default 2 x cores, at least 4)
";

impl Config {
    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: database_url.into(),
            dist_dir: PathBuf::from("dist"),
            seed: SeedMode::Demo,
            trust_proxy: false,
            session_ttl: DEFAULT_SESSION_TTL,
            pool: PoolSettings::default(),
        }
    }
}

impl Command {
    /// Reads `args` (without the program name) and the environment through `env`.
    pub fn parse(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, String> {
        let mut addr = env("LINLI_ADDR");
        let mut dist = env("LINLI_DIST_DIR");
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
                None => (arg, None),
            };
            let mut value = |name: &str| {
                inline
                    .clone()
                    .or_else(|| args.next())
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match flag.as_str() {
                "--addr" => addr = Some(value("--addr")?),
                "--dist" => dist = Some(value("--dist")?),
                "--print-openapi" => return Ok(Command::PrintOpenApi),
                "-h" | "--help" => return Ok(Command::Help),
                other => return Err(format!("unknown argument {other}")),
            }
        }

        let mut config =
            Config::new(env("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()));
        if let Some(addr) = addr {
            config.addr = addr
                .parse()
                .map_err(|_| format!("--addr: not HOST:PORT: {addr}"))?;
        }
        if let Some(dist) = dist {
            config.dist_dir = PathBuf::from(dist);
        }
        config.seed = match env("LINLI_SEED").as_deref() {
            None | Some("demo") => SeedMode::Demo,
            Some("none") => SeedMode::None,
            Some(other) => return Err(format!("LINLI_SEED must be demo or none, not {other}")),
        };
        config.trust_proxy = matches!(env("LINLI_TRUST_PROXY").as_deref(), Some("1" | "true"));
        if let Some(secs) = env("LINLI_SESSION_TTL_SECS") {
            let secs: u64 = secs.parse().map_err(|_| {
                format!("LINLI_SESSION_TTL_SECS must be a number of seconds, not {secs}")
            })?;
            config.session_ttl = Duration::from_secs(secs);
        }
        if let Some(max) = env("LINLI_DB_MAX_CONNECTIONS") {
            let max: u32 = max.parse().ok().filter(|max| *max > 0).ok_or_else(|| {
                format!("LINLI_DB_MAX_CONNECTIONS must be a positive number, not {max}")
            })?;
            config.pool.max_connections = Some(max);
        }
        Ok(Command::Serve(config))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], env: &[(&str, &str)]) -> Result<Command, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Command::parse(args.iter().map(|s| s.to_string()), move |key| {
            env.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
        })
    }

    fn config(args: &[&str], env: &[(&str, &str)]) -> Config {
        match parse(args, env) {
            Ok(Command::Serve(config)) => config,
            _ => panic!("expected a config"),
        }
    }

    #[test]
    fn defaults_serve_the_demo_on_sqlite() {
        let config = config(&[], &[]);
        assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(config.dist_dir, PathBuf::from("dist"));
        assert_eq!(config.seed, SeedMode::Demo);
        assert!(!config.trust_proxy);
        assert_eq!(config.session_ttl, Duration::from_secs(2_592_000));
        assert_eq!(config.pool, PoolSettings::default());
        let sized = self::config(&[], &[("LINLI_DB_MAX_CONNECTIONS", "6")]);
        assert_eq!(sized.pool.max_connections, Some(6));
    }

    #[test]
    fn flags_win_over_environment() {
        let env = [
            ("LINLI_ADDR", "0.0.0.0:1"),
            ("LINLI_DIST_DIR", "/srv/a"),
            ("LINLI_SEED", "none"),
        ];
        let config = config(&["--addr", "0.0.0.0:9000", "--dist=/srv/b"], &env);
        assert_eq!(config.addr.to_string(), "0.0.0.0:9000");
        assert_eq!(config.dist_dir, PathBuf::from("/srv/b"));
        assert_eq!(config.seed, SeedMode::None);
    }

    #[test]
    fn bad_values_are_refused_with_a_reason() {
        assert!(parse(&["--addr", "nowhere"], &[])
            .unwrap_err()
            .contains("--addr"));
        assert!(parse(&["--bogus"], &[]).unwrap_err().contains("--bogus"));
        assert!(parse(&[], &[("LINLI_SEED", "lots")])
            .unwrap_err()
            .contains("LINLI_SEED"));
        for bad in ["0", "many"] {
            assert!(parse(&[], &[("LINLI_DB_MAX_CONNECTIONS", bad)])
                .unwrap_err()
                .contains("LINLI_DB_MAX_CONNECTIONS"));
        }
        assert!(matches!(
            parse(&["--print-openapi"], &[]),
            Ok(Command::PrintOpenApi)
        ));
    }
}
