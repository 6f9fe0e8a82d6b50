//! A district at scale (issue 21): 100 communities under ten 街道, 100,000 households,
//! 250,000 residents and a year of activity — notices and their read receipts, volunteer tasks
//! and enrolments, service orders in every status, the love bank's ledger, reports, wishes and
//! messages — generated from a seed and loaded into SQLite or PostgreSQL in minutes, for
//! capacity measurements (`server/examples/district`, `scripts/district-data.sh`).
//!
//! It lives beside the demo community, behind the same `demo` feature: every account shares
//! the demo's published password (hashed once: argon2 per account would take hours), so a
//! production build must carry none of it, and the tests and examples already build with the
//! feature. Unlike the demo it writes rows directly and in bulk — a year of history through
//! the use cases would take hours — so it keeps their invariants itself: the ledger's entries
//! sum to zero per transaction and to each account's cached balance, members never go below
//! zero, held points never do either, and every order's status matches its timeline.

mod activity;
mod book;
mod load;
mod names;
mod notices;
mod orders;
mod people;
mod places;
mod rng;
mod tasks;

use std::collections::HashMap;
use std::time::{Duration, Instant};

pub use load::Figure;

use crate::features::account::password;
use crate::platform::db::Backend;
use crate::platform::error::{AppError, Result};

use super::DEMO_PASSWORD;

pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;
pub const HOUR_MS: i64 = 60 * 60 * 1000;

/// How big a district to generate. The per-community figures are the district totals
/// divided by its 100 communities.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DistrictSize {
    pub communities: usize,
    /// 街道: communities are spread over them in turn.
    pub streets: usize,
    pub households: usize,
    /// Residents per household, on average (2.5: 250,000 in 100,000 households).
    pub residents_per_household: f64,
    pub notices: usize,
    pub notice_reads: usize,
    pub tasks: usize,
    pub orders: usize,
    /// Ledger entries (two per transaction).
    pub ledger_entries: usize,
    pub reports: usize,
    pub wishes: usize,
    /// Order news at most: only the last `MESSAGE_KEEP_DAYS` are written (the server prunes
    /// older ones), about 1,100 a community.
    pub messages: usize,
}

impl DistrictSize {
    /// The district: 100 communities of 1,000 households on average; 5,000 notices
    /// with 5,000,000 read receipts, 50,000 tasks, 200,000 orders, 2,000,000 ledger lines.
    pub fn full() -> Self {
        Self {
            communities: 100,
            streets: 10,
            households: 1000,
            residents_per_household: 2.5,
            notices: 50,
            notice_reads: 50_000,
            tasks: 500,
            orders: 2000,
            ledger_entries: 20_000,
            reports: 500,
            wishes: 100,
            messages: 5000,
        }
    }

    /// Every per-community figure times `factor` (at least one of each), the communities kept.
    pub fn scaled(self, factor: f64) -> Self {
        let scale = |n: usize| ((n as f64 * factor).round() as usize).max(1);
        Self {
            households: scale(self.households).max(8),
            notices: scale(self.notices),
            notice_reads: scale(self.notice_reads),
            tasks: scale(self.tasks),
            orders: scale(self.orders),
            ledger_entries: scale(self.ledger_entries),
            reports: scale(self.reports),
            wishes: scale(self.wishes),
            messages: scale(self.messages),
            ..self
        }
    }
}

/// An account the generator made, for load drivers and tests to sign in with (every one has
/// [`DEMO_PASSWORD`]).
#[derive(Debug, Clone)]
pub struct Account {
    pub phone: String,
    pub role: Role,
    /// 0-based number of its community in the district.
    pub community: usize,
    pub user_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Resident,
    Volunteer,
    UnitHead,
    BuildingHead,
    /// The head of the first community's 1,000-household building.
    BigBuildingHead,
    GridHead,
    Staff,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Resident => "resident",
            Role::Volunteer => "volunteer",
            Role::UnitHead => "unit_head",
            Role::BuildingHead => "building_head",
            Role::BigBuildingHead => "big_building_head",
            Role::GridHead => "grid_head",
            Role::Staff => "staff",
        }
    }
}

/// What a run did: rows and time per table, the accounts, the notice of the big building.
pub struct District {
    pub figures: Vec<(&'static str, Figure)>,
    pub accounts: Vec<Account>,
    /// A notice to the 1,000-household building, for the unread-list measurement.
    pub big_building_notice: i64,
    pub elapsed: Duration,
}

/// Next ids per table, continuing after what the database holds (the demo, in the tests).
pub struct Ids(HashMap<&'static str, i64>);

impl Ids {
    pub fn take(&mut self, table: &'static str) -> i64 {
        let next = self.0.get_mut(table).expect("a numbered table");
        *next += 1;
        *next
    }
}

/// What every step of one community's generation threads through: the district's size and
/// `now`, the district's id counters, the community's random stream and the rows written for
/// it. Each step takes ids and draws numbers as it goes, so the order of the steps (and of
/// their draws) is what makes a seed give the same rows.
pub struct Context<'a> {
    pub size: DistrictSize,
    pub now: i64,
    pub ids: &'a mut Ids,
    pub rng: rng::Rng,
    pub rows: load::Rows,
}

/// Generates the district into the (migrated) database at `url`. `now` anchors the year of
/// history (it ends at `now`, with some tasks and orders still ahead); the same seed, size
/// and `now` give the same rows. `progress` is told each community as it is written.
pub async fn generate(
    url: &str,
    size: DistrictSize,
    seed: u64,
    now: i64,
    mut progress: impl FnMut(usize),
) -> Result<District> {
    let started = Instant::now();
    let backend = Backend::of_url(url);
    let password_hash = password::hash(DEMO_PASSWORD.into()).await?;
    let mut loader = load::Loader::open(url, backend).await?;
    let mut next = HashMap::new();
    for table in load::NUMBERED {
        next.insert(table, loader.max_id(table).await?);
    }
    let mut ids = Ids(next);
    let mut accounts = Vec::new();
    let mut big_building_notice = None;
    for index in 0..size.communities {
        let mut cx = Context {
            size,
            now,
            ids: &mut ids,
            rng: rng::Rng::new(seed, index as u64),
            rows: load::Rows::default(),
        };
        let community = places::generate(&mut cx, index);
        let people = people::generate(&mut cx, &community, &password_hash);
        let notices = notices::generate(&mut cx, &community, &people);
        big_building_notice = big_building_notice.or(notices.big_building);
        let tasks = tasks::generate(&mut cx, &community, &people);
        let menu = orders::menu(&mut cx, &community, &people);
        let drafts = orders::drafts(&mut cx, &people, &menu);
        let booked = book::run(&mut cx, &community, &people, &tasks, &menu, drafts);
        orders::write(&mut cx, &community, &people, &menu, &booked);
        activity::reports(&mut cx, &community, &people);
        activity::wishes(&mut cx, &community, &people);
        activity::messages(&mut cx, &community, &people, &menu, &booked);
        accounts.extend(people.accounts(index));
        loader.write(cx.rows).await?;
        progress(index);
    }
    let figures = loader
        .figures
        .iter()
        .map(|(table, f)| (*table, *f))
        .collect();
    loader.finish().await?;
    Ok(District {
        figures,
        accounts,
        big_building_notice: big_building_notice
            .ok_or_else(|| AppError::internal("the district has no big building notice"))?,
        elapsed: started.elapsed(),
    })
}
