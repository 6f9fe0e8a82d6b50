//! Generates the district-scale data set (server/src/demo/district/) into a fresh database:
//! migrates it with the server's own migrator, loads 100 communities' year of activity, and
//! prints rows per second per table. `scripts/district-data.sh` builds and runs it.
//!
//!   district --database-url sqlite://district.db?mode=rwc
//!   district --database-url postgres://… --scale 0.01 --seed 7 --accounts accounts.tsv
//!
//! Every account's password is the demo's (`linli_server::demo::DEMO_PASSWORD`).

use std::io::Write as _;
use std::path::PathBuf;

use clap::Parser;
use linli_server::demo::district::{self, DistrictSize};
use linli_server::demo::DEMO_PASSWORD;
use linli_server::platform::db::{now_ms, Db};

#[derive(Parser)]
#[command(about = "Generate a district of Linli data (issue 21) into a fresh database")]
struct Args {
    /// sqlite://PATH?mode=rwc or postgres://USER@HOST/DB; migrated first, must hold no community.
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    /// How many communities (the district: 100).
    #[arg(long, default_value_t = 100)]
    communities: usize,
    /// Multiplies every per-community figure (households, notices, orders …): 0.01 for a
    /// quick run, 1 for the sizes.
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// The same seed (and --now) gives the same rows.
    #[arg(long, default_value_t = 21)]
    seed: u64,
    /// The moment the year of history ends, epoch ms (default: now).
    #[arg(long)]
    now: Option<i64>,
    /// Where to write the accounts (phone, role, community, user id), for load drivers.
    #[arg(long)]
    accounts: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let db = Db::connect(&args.database_url).await?;
    db.migrate().await?;
    let communities: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM communities")
        .fetch_one(&db.read)
        .await?;
    db.read.close().await;
    db.write.close().await;
    if communities > 0 {
        return Err(format!(
            "{} already holds {communities} communities: give a fresh database",
            args.database_url
        )
        .into());
    }
    let size = DistrictSize {
        communities: args.communities,
        ..DistrictSize::full()
    }
    .scaled(args.scale);
    eprintln!("district: {size:?}");
    let every = (size.communities / 10).max(1);
    let district = district::generate(
        &args.database_url,
        size,
        args.seed,
        args.now.unwrap_or_else(now_ms),
        |n| {
            if (n + 1) % every == 0 {
                eprintln!(
                    "district: {} of {} communities written",
                    n + 1,
                    size.communities
                );
            }
        },
    )
    .await?;
    println!(
        "{:<22} {:>10} {:>9} {:>11}",
        "table", "rows", "seconds", "rows/s"
    );
    let mut total = 0;
    for (table, figure) in &district.figures {
        let secs = figure.time.as_secs_f64();
        total += figure.rows;
        println!(
            "{table:<22} {:>10} {secs:>9.2} {:>11.0}",
            figure.rows,
            figure.rows as f64 / secs.max(1e-9)
        );
    }
    let secs = district.elapsed.as_secs_f64();
    println!(
        "{:<22} {total:>10} {secs:>9.2} {:>11.0}",
        "all (wall clock)",
        total as f64 / secs
    );
    let head = district
        .accounts
        .iter()
        .find(|a| a.role == district::Role::BigBuildingHead);
    println!(
        "accounts: {} (password {DEMO_PASSWORD}); the 1,000-household building's head {} and its latest notice {}",
        district.accounts.len(),
        head.map_or("-", |a| a.phone.as_str()),
        district.big_building_notice
    );
    if let Some(path) = args.accounts {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        writeln!(out, "phone\trole\tcommunity\tuser_id")?;
        for account in &district.accounts {
            writeln!(
                out,
                "{}\t{}\t{}\t{}",
                account.phone,
                account.role.as_str(),
                account.community,
                account.user_id
            )?;
        }
        writeln!(
            out,
            "# big_building_notice\t{}",
            district.big_building_notice
        )?;
        println!("accounts written to {}", path.display());
    }
    Ok(())
}
