use linli_server::config::{Command, Config, SeedMode, USAGE};
use linli_server::seed::{DEMO_ACCOUNTS, DEMO_PASSWORD};
use linli_server::{openapi, Application};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), linli_server::startup::StartupError> {
    let config = match Command::parse(std::env::args().skip(1), |key| std::env::var(key).ok()) {
        Ok(Command::Serve(config)) => config,
        Ok(Command::PrintOpenApi) => {
            print!("{}", openapi::document_json());
            return Ok(());
        }
        Ok(Command::Help) => {
            print!("{USAGE}");
            return Ok(());
        }
        Err(message) => {
            eprintln!("linli-server: {message}\n\n{USAGE}");
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

    let application = Application::build(config.clone()).await?;
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
    if config.seed == SeedMode::Demo {
        println!();
        println!("  Demo accounts (password for all: {DEMO_PASSWORD}):");
        for account in &DEMO_ACCOUNTS {
            println!("    {}  {}  {}", account.phone, account.name, account.role);
        }
    }
    println!();
}
