use clap::Parser;
use linli_server::config::{Cli, Config};
use linli_server::{openapi, Application};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), linli_server::startup::StartupError> {
    // `--help` and bad flags are answered (and the process ends) by clap.
    let cli = Cli::parse();
    if cli.print_openapi {
        print!("{}", openapi::document_json());
        return Ok(());
    }
    let config = match cli.into_config() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("linli-server: {message}");
            std::process::exit(2);
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("linli_server=info,tower_http=info")),
        )
        // Colour codes only for a terminal: in a log file they are a third of every line.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();

    let application = match Application::build(config.clone()).await {
        Ok(application) => application,
        Err(error) => {
            eprintln!("linli-server: {error}");
            std::process::exit(1);
        }
    };
    print_welcome(&config, &application);
    application.run().await?;
    Ok(())
}

fn print_welcome(config: &Config, application: &Application) {
    let url = format!("http://{}", application.addr());
    println!();
    println!("  Linli 邻里 is running at {url}");
    println!("  database: {}", application.state().db.backend.as_str());
    if !config.dist_dir.join("index.html").exists() {
        println!(
            "  app: not built ({} has no index.html); the API still works",
            config.dist_dir.display()
        );
    }
    #[cfg(feature = "demo")]
    if config.seed == linli_server::config::SeedMode::Demo {
        use linli_server::demo::{DEMO_ACCOUNTS, DEMO_PASSWORD};
        println!();
        println!("  Demo accounts (password for all: {DEMO_PASSWORD}):");
        for account in &DEMO_ACCOUNTS {
            println!("    {}  {}  {}", account.phone, account.name, account.role);
        }
    }
    println!();
}
