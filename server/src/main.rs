use std::process::ExitCode;

use clap::Parser;
use linli_server::config::{Cli, Command, Config, Invocation, LogFormat};
use linli_server::platform::{backup, startup_checks};
use linli_server::{openapi, Application};
use tracing_subscriber::EnvFilter;

/// The exit status of a server that could not start, or a command that failed: what clap
/// uses for bad flags too, so a supervisor sees one "configuration" status.
const REFUSED: u8 = 2;

#[tokio::main]
async fn main() -> ExitCode {
    // Bad flags and `--help` are answered here (and the process ends).
    let invocation = match Invocation::try_parse() {
        Ok(invocation) => invocation,
        Err(error) => exit_for_clap(error),
    };
    let outcome = match invocation.command {
        None | Some(Command::Serve(_)) => {
            let cli = match invocation.command {
                Some(Command::Serve(cli)) => cli,
                _ => invocation.serve,
            };
            serve(cli).await
        }
        Some(Command::Backup(args)) => backup::backup(&args.database_url, &args.to)
            .await
            .map(|written| println!("linli-server: backed up to {written}")),
        Some(Command::Restore(args)) => backup::restore(&args.database_url, &args.from)
            .await
            .map(|written| println!("linli-server: restored {written}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("linli-server: {message}");
            ExitCode::from(REFUSED)
        }
    }
}

async fn serve(cli: Cli) -> Result<(), String> {
    if cli.print_openapi {
        print!("{}", openapi::document_json());
        return Ok(());
    }
    let log_format = cli.log_format;
    let config = cli.into_config()?;
    start_log(log_format);
    if let Some(warning) = startup_checks::dist_dir_warning(&config.dist_dir) {
        tracing::warn!("{warning}");
    }
    let application = Application::build(config.clone())
        .await
        .map_err(|error| error.to_string())?;
    match log_format {
        LogFormat::Text => print_welcome(&config, &application),
        LogFormat::Json => tracing::info!(
            url = %format!("http://{}", application.addr()),
            database = application.state().db.backend.as_str(),
            "Linli is running"
        ),
    }
    application
        .run()
        .await
        .map_err(|error| format!("the server stopped: {error}"))
}

fn start_log(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("linli_server=info,tower_http=info"));
    let log = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        // Colour codes only for a terminal: in a log file they are a third of every line.
        LogFormat::Text => log
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
            .init(),
        // The event's fields at the top level, the request span's (method, path) beside them.
        LogFormat::Json => log
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
}

/// clap's message for a bad value names the flag; the environment variable that may have set
/// it is added, since that is where an operator's settings usually are.
fn exit_for_clap(error: clap::Error) -> ! {
    use clap::error::{ContextKind, ContextValue};
    use clap::CommandFactory;
    if let Some(ContextValue::String(flag)) = error.get(ContextKind::InvalidArg) {
        let command = Invocation::command();
        let env = command
            .get_arguments()
            .find(|arg| {
                arg.get_long().is_some_and(|long| {
                    flag.starts_with(&format!("--{long} ")) || *flag == format!("--{long}")
                })
            })
            .and_then(|arg| arg.get_env())
            .map(|env| env.to_string_lossy().into_owned());
        if let Some(env) = env {
            let _ = error.print();
            eprintln!("(the setting {flag}, or the environment variable {env})");
            std::process::exit(error.exit_code());
        }
    }
    error.exit()
}

fn print_welcome(config: &Config, application: &Application) {
    let url = format!("http://{}", application.addr());
    println!();
    println!("  Linli 邻里 is running at {url}");
    println!("  database: {}", application.state().db.backend.as_str());
    #[cfg(feature = "demo")]
    if config.seed == linli_server::config::SeedMode::Demo {
        use linli_server::demo::{DEMO_ACCOUNTS, DEMO_PASSWORD};
        println!();
        println!("  Demo accounts (password for all: {DEMO_PASSWORD}):");
        for account in &DEMO_ACCOUNTS {
            println!("    {}  {}  {}", account.phone, account.name, account.role);
        }
    }
    #[cfg(not(feature = "demo"))]
    let _ = config;
    println!();
}
