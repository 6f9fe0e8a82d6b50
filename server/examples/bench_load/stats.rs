//! Latencies and errors per route, overall, reads and writes; printed as a table and one
//! `SUMMARY` line the script picks up.

use std::collections::BTreeMap;
use std::time::Duration;

pub enum Outcome {
    Ok,
    /// Not the status this request must get: an error (first 300 characters of the body).
    Status(u16, String),
    /// No answer at all (refused, reset, timed out).
    Failed(String),
}

pub struct Sample {
    pub label: &'static str,
    pub write: bool,
    /// From the scheduled send time to the whole answer read.
    pub latency: Duration,
    /// How late the driver itself started the request: its own share of the latency.
    pub lag: Duration,
    pub outcome: Outcome,
}

#[derive(Default)]
struct Series {
    micros: Vec<u64>,
    errors: u64,
}

impl Series {
    fn add(&mut self, latency: Duration, error: bool) {
        self.micros.push(latency.as_micros() as u64);
        self.errors += u64::from(error);
    }

    fn quantile(sorted: &[u64], q: f64) -> f64 {
        if sorted.is_empty() {
            return 0.0;
        }
        let rank = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1] as f64 / 1000.0
    }

    /// (count, p50, p99, max in ms, errors)
    fn summary(&self) -> (usize, f64, f64, f64, u64) {
        let mut sorted = self.micros.clone();
        sorted.sort_unstable();
        (
            sorted.len(),
            Self::quantile(&sorted, 0.50),
            Self::quantile(&sorted, 0.99),
            Self::quantile(&sorted, 1.0),
            self.errors,
        )
    }
}

#[derive(Default)]
pub struct Stats {
    all: Series,
    reads: Series,
    writes: Series,
    lag: Series,
    routes: BTreeMap<&'static str, Series>,
    /// (route, status or "failed") → how many, with the first body seen.
    errors: BTreeMap<(&'static str, String), (u64, String)>,
}

impl Stats {
    pub fn add(&mut self, sample: Sample) {
        let error = match sample.outcome {
            Outcome::Ok => None,
            Outcome::Status(status, body) => Some((status.to_string(), body)),
            Outcome::Failed(why) => Some(("failed".to_owned(), why)),
        };
        let is_error = error.is_some();
        if let Some((status, body)) = error {
            let seen = self
                .errors
                .entry((sample.label, status))
                .or_insert((0, body));
            seen.0 += 1;
        }
        self.all.add(sample.latency, is_error);
        let kind = if sample.write {
            &mut self.writes
        } else {
            &mut self.reads
        };
        kind.add(sample.latency, is_error);
        self.lag.add(sample.lag, false);
        self.routes
            .entry(sample.label)
            .or_default()
            .add(sample.latency, is_error);
    }

    /// p99 of every request in ms, and the errors.
    pub fn p99_and_errors(&self) -> (f64, u64) {
        let (_, _, p99, _, errors) = self.all.summary();
        (p99, errors)
    }

    pub fn print(&self, elapsed: Duration) {
        let line = |name: &str, series: &Series| {
            let (n, p50, p99, max, errors) = series.summary();
            println!("{name:<42} {n:>7} {p50:>8.2} {p99:>8.2} {max:>8.2} {errors:>6}");
        };
        println!(
            "{:<42} {:>7} {:>8} {:>8} {:>8} {:>6}",
            "route", "count", "p50 ms", "p99 ms", "max ms", "errors"
        );
        for (label, series) in &self.routes {
            line(label, series);
        }
        println!();
        line("reads", &self.reads);
        line("writes", &self.writes);
        line("all", &self.all);
        line("driver lag (own scheduling delay)", &self.lag);
        for ((label, status), (count, body)) in &self.errors {
            println!("error: {count} × {status} on {label}: {body}");
        }
        let (n, p50, p99, max, errors) = self.all.summary();
        let rate = n as f64 / elapsed.as_secs_f64();
        println!(
            "SUMMARY requests={n} rate={rate:.0}/s p50_ms={p50:.2} p99_ms={p99:.2} max_ms={max:.2} errors={errors}"
        );
    }
}
