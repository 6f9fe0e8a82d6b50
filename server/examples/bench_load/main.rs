//! A constant-rate (open-loop, wrk2-like) load driver for the Linli API; `scripts/bench-api.sh`
//! builds and runs it. oha and wrk send one fixed request per process, but every write the app
//! sends carries its own `Idempotency-Key`, and a fixed key would only replay the first answer.
//! So this driver sends the whole mix itself: requests leave on a fixed schedule whatever the
//! server's speed, and latency is measured from the scheduled time, so a stalled server is not
//! hidden by requests that were never sent (coordinated omission).
//!
//! Environment: `BENCH_URL` (http://127.0.0.1:8080; several servers on one database,
//! comma-separated, take the requests in turn), `BENCH_RATE` (1000 requests/s),
//! `BENCH_SECS` (60), `BENCH_WARMUP_SECS` (5, sent but not counted); `BENCH_USERS` and
//! `BENCH_USER_COUNT` to drive a district's accounts instead of the demo's (setup.rs).
//!
//! Stepping (`BENCH_STEP=500`): after one warm-up, run `BENCH_SECS` at `BENCH_RATE`, then
//! `BENCH_STEP` more each time, until p99 passes `BENCH_P99_MS` (25) or any request fails;
//! print every step and the highest rate that held, with its per-route table.

mod mix;
mod setup;
mod stats;

use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::SeedableRng;
use tokio::sync::mpsc;

use crate::mix::Mix;
use crate::stats::{Sample, Stats};

fn env_or<T: std::str::FromStr>(key: &str, default: T) -> T {
    std::env::var(key)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

// One thread: the driver shares the two cores with the server it measures.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let urls: String = env_or("BENCH_URL", "http://127.0.0.1:8080".to_owned());
    let bases: Vec<String> = urls.split(',').map(|url| url.trim().to_owned()).collect();
    let rate: f64 = env_or("BENCH_RATE", 1000.0);
    let secs: f64 = env_or("BENCH_SECS", 60.0);
    let warmup: f64 = env_or("BENCH_WARMUP_SECS", 5.0);

    let client = reqwest::Client::builder()
        .tcp_nodelay(true)
        .pool_max_idle_per_host(usize::MAX)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("an HTTP client");
    // The servers share the database: what one of them shows, all of them serve.
    let world = match setup::discover(&client, &bases[0]).await {
        Ok(world) => world,
        Err(message) => {
            eprintln!("bench-load: setup failed: {message}");
            std::process::exit(1);
        }
    };
    eprintln!("bench-load: {}", world.describe());
    if bases.len() > 1 {
        eprintln!(
            "bench-load: spreading the requests over {} servers",
            bases.len()
        );
    }
    let mix = Arc::new(Mix::new(client, bases, world));

    if warmup > 0.0 {
        eprintln!("bench-load: warming up {warmup} s at {rate}/s");
        run(&mix, rate, warmup, 1).await;
    }
    let step: f64 = env_or("BENCH_STEP", 0.0);
    if step <= 0.0 {
        eprintln!("bench-load: measuring {secs} s at {rate}/s");
        let started = Instant::now();
        let stats = run(&mix, rate, secs, 2).await;
        stats.print(started.elapsed());
        return;
    }
    let budget: f64 = env_or("BENCH_P99_MS", 25.0);
    let mut held: Option<(f64, Stats, Duration)> = None;
    let mut rate = rate;
    let mut seed = 2;
    loop {
        eprintln!("bench-load: step: {secs} s at {rate}/s");
        let started = Instant::now();
        let stats = run(&mix, rate, secs, seed).await;
        let elapsed = started.elapsed();
        let (p99, errors) = stats.p99_and_errors();
        println!("STEP rate={rate:.0}/s p99_ms={p99:.2} errors={errors}");
        if p99 > budget || errors > 0 {
            println!("\nthe first rate that did not hold ({rate:.0}/s):");
            stats.print(elapsed);
            break;
        }
        held = Some((rate, stats, elapsed));
        rate += step;
        seed += 1;
        // Let the server drain its queue and the timers catch up between steps.
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    match held {
        Some((rate, stats, elapsed)) => {
            println!("\nHELD rate={rate:.0}/s (p99 ≤ {budget} ms, no errors):");
            stats.print(elapsed);
        }
        None => println!("\nHELD none: the first step already failed"),
    }
}

/// Sends `rate × secs` requests on a fixed schedule and collects what came back.
async fn run(mix: &Arc<Mix>, rate: f64, secs: f64, seed: u64) -> Stats {
    let total = (rate * secs).round() as u64;
    let interval = Duration::from_secs_f64(1.0 / rate);
    let (sender, mut receiver) = mpsc::unbounded_channel::<Sample>();
    let collector = tokio::spawn(async move {
        let mut stats = Stats::default();
        while let Some(sample) = receiver.recv().await {
            stats.add(sample);
        }
        stats
    });
    let mut rng = StdRng::seed_from_u64(seed);
    let start = tokio::time::Instant::now();
    for n in 0..total {
        let scheduled = start + interval.mul_f64(n as f64);
        tokio::time::sleep_until(scheduled).await;
        let request = mix.pick(&mut rng);
        let mix = Arc::clone(mix);
        let sender = sender.clone();
        tokio::spawn(async move {
            let lag = scheduled.elapsed();
            let (label, outcome) = mix.send(request).await;
            let _ = sender.send(Sample {
                label,
                write: request.is_write(),
                latency: scheduled.elapsed(),
                lag,
                outcome,
            });
        });
    }
    drop(sender);
    collector.await.expect("the collector")
}
