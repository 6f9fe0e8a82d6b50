//! Writing generated rows fast on both databases: one connection, rows gathered per table and
//! written as multi-row INSERTs of literal values (the generator's own numbers and texts, quoted
//! here; nothing comes from outside), a community per transaction. Literal SQL goes through the
//! simple query protocol (`raw_sql`): no statement is prepared, so neither the driver's
//! statement cache nor SQLite's and PostgreSQL's limits on bound parameters come into it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use sqlx::{AnyConnection, Connection};

use crate::platform::db::Backend;
use crate::platform::error::Result;

/// Rows per INSERT statement: long enough that per-statement costs vanish, short enough that a
/// statement stays a few hundred kilobytes.
const ROWS_PER_STATEMENT: usize = 1000;

/// Every table the generator fills, parents before children: a community's rows are written
/// in this order so each foreign key finds its row.
pub const TABLES: [(&str, &str); 28] = [
    ("communities", "id, name, street"),
    ("grids", "id, community_id, name"),
    ("buildings", "id, grid_id, estate, name"),
    ("units", "id, building_id, name"),
    ("households", "id, unit_id, door"),
    ("users", "id, phone, name, password_hash, community_id, household_id, is_volunteer, created_at, status"),
    ("role_grants", "user_id, role, scope_kind, scope_id"),
    ("register_members", "id, community_id, household_id, name, phone, relation, care_tags, user_id, created_at, updated_at"),
    ("notices", "id, author_id, author_role, author_scope_kind, author_scope_id, target_kind, target_id, community_id, grid_id, building_id, unit_id, title, body, category, pinned_until, expires_at, published_at, important"),
    ("notice_reads", "notice_id, household_id, user_id, read_at"),
    ("tasks", "id, creator_id, creator_role, target_kind, target_id, community_id, grid_id, building_id, title, description, category, place, starts_at, ends_at, capacity, points, joined_count, seq, check_in_secret, created_at, completed_at, completed_by"),
    ("task_enrollments", "id, task_id, user_id, status, seq, joined_at, checked_in_at, checked_out_at, minutes, points, updated_at, checked_in_by, confirmed_by"),
    ("rewards", "id, community_id, name, description, points, stock, sort, created_at"),
    ("service_providers", "id, community_id, name"),
    ("services", "id, community_id, provider_id, name, category, description, points_price, volunteer_points, sort_order, active, duration_minutes"),
    ("service_opening", "id, service_id, weekday, start_minute, end_minute"),
    ("volunteer_services", "user_id, service_id"),
    ("orders", "id, community_id, service_id, resident_id, volunteer_id, status, preferred_start, address, contact_phone, note, points, volunteer_points, created_at, updated_at, waiting_since, started_at, completed_at, completion_note, rating_stars, rating_tags, rating_comment, rated_at, finished_at, version, service_name, service_category, provider_name"),
    ("order_events", "id, order_id, kind, actor_id, actor_role, note, at"),
    ("vouchers", "id, code, reward_id, user_id, community_id, reward_name, points, issued_at, used_at, used_by"),
    ("ledger_accounts", "id, community_id, owner_key, user_id, balance, may_go_negative"),
    ("ledger_transactions", "id, community_id, kind, subject, minutes, note, link_kind, link_id, actor_id, created_at"),
    ("ledger_entries", "id, transaction_id, account_id, amount, balance_after, created_at"),
    ("reports", "id, community_id, grid_id, building_id, unit_id, location_kind, reporter_id, household_id, category, text, place_note, show_name, status, handler_level, handler_user_id, resolved_by, escalations, respond_by, resolve_by, responded_at, first_respond_by, first_responded_at, resolved_at, finished_at, satisfaction, created_at, updated_at"),
    ("report_events", "id, report_id, kind, actor_id, actor_role, note, stars, at"),
    ("report_holders", "report_id, user_id"),
    ("wishes", "id, community_id, resident_id, household_id, unit_id, title, text, status, points, created_at, updated_at, reviewed_by, reviewed_at, claimer_id, claimed_at, fulfilled_at, thanks_note, thanked_at"),
    ("messages", "id, community_id, recipient_id, kind, subject_kind, subject_id, params, created_at, visible_at, muted, read_at"),
];

/// The tables whose ids the generator numbers itself (continuing after the rows already there).
pub const NUMBERED: [&str; 24] = [
    "communities",
    "grids",
    "buildings",
    "units",
    "households",
    "users",
    "register_members",
    "notices",
    "tasks",
    "task_enrollments",
    "rewards",
    "service_providers",
    "services",
    "service_opening",
    "orders",
    "order_events",
    "vouchers",
    "ledger_accounts",
    "ledger_transactions",
    "ledger_entries",
    "reports",
    "report_events",
    "wishes",
    "messages",
];

/// One cell of a row.
#[derive(Clone, Copy)]
pub enum V<'a> {
    I(i64),
    T(&'a str),
    Null,
}

impl From<i64> for V<'_> {
    fn from(value: i64) -> Self {
        V::I(value)
    }
}

impl<'a> From<&'a str> for V<'a> {
    fn from(value: &'a str) -> Self {
        V::T(value)
    }
}

impl<'a> From<&'a String> for V<'a> {
    fn from(value: &'a String) -> Self {
        V::T(value)
    }
}

impl From<Option<i64>> for V<'_> {
    fn from(value: Option<i64>) -> Self {
        value.map_or(V::Null, V::I)
    }
}

impl<'a> From<Option<&'a str>> for V<'a> {
    fn from(value: Option<&'a str>) -> Self {
        value.map_or(V::Null, V::T)
    }
}

/// A community's rows, gathered per table as SQL value tuples.
#[derive(Default)]
pub struct Rows {
    tables: BTreeMap<&'static str, Vec<String>>,
}

impl Rows {
    pub fn add(&mut self, table: &'static str, row: &[V<'_>]) {
        debug_assert!(TABLES.iter().any(|(name, _)| *name == table), "{table}");
        let mut tuple = String::with_capacity(16 * row.len());
        tuple.push('(');
        for (n, cell) in row.iter().enumerate() {
            if n > 0 {
                tuple.push(',');
            }
            match cell {
                V::I(value) => {
                    let _ = write!(tuple, "{value}");
                }
                V::T(text) => {
                    tuple.push('\'');
                    tuple.push_str(&text.replace('\'', "''"));
                    tuple.push('\'');
                }
                V::Null => tuple.push_str("NULL"),
            }
        }
        tuple.push(')');
        self.tables.entry(table).or_default().push(tuple);
    }
}

/// What one table took: rows written and time spent in its statements.
#[derive(Default, Clone, Copy)]
pub struct Figure {
    pub rows: u64,
    pub time: Duration,
}

pub struct Loader {
    conn: AnyConnection,
    backend: Backend,
    pub figures: BTreeMap<&'static str, Figure>,
}

impl Loader {
    /// One connection for the whole load, set to write fast: on SQLite without syncing (a
    /// crash mid-load leaves a file to throw away, which is what one does with a half-generated
    /// data set anyway) in the WAL mode the migrator left; on PostgreSQL without waiting for
    /// each commit's flush.
    pub async fn open(url: &str, backend: Backend) -> Result<Self> {
        let mut conn = AnyConnection::connect(url).await?;
        let setup = match backend {
            Backend::Sqlite => {
                "PRAGMA busy_timeout = 10000; PRAGMA synchronous = OFF; \
                 PRAGMA foreign_keys = ON; PRAGMA cache_size = -262144;"
            }
            Backend::Postgres => "SET synchronous_commit = off",
        };
        sqlx::raw_sql(setup).execute(&mut conn).await?;
        Ok(Self {
            conn,
            backend,
            figures: BTreeMap::new(),
        })
    }

    pub async fn max_id(&mut self, table: &str) -> Result<i64> {
        let max: Option<i64> =
            sqlx::query_scalar(&format!("SELECT CAST(MAX(id) AS BIGINT) FROM {table}"))
                .fetch_one(&mut self.conn)
                .await?;
        Ok(max.unwrap_or(0))
    }

    /// Writes a community's rows in one transaction, parents first.
    pub async fn write(&mut self, rows: Rows) -> Result<()> {
        let mut rows = rows.tables;
        let mut tx = self.conn.begin().await?;
        for (table, columns) in TABLES {
            let Some(tuples) = rows.remove(table) else {
                continue;
            };
            let started = Instant::now();
            for chunk in tuples.chunks(ROWS_PER_STATEMENT) {
                let sql = format!("INSERT INTO {table} ({columns}) VALUES {}", chunk.join(","));
                sqlx::raw_sql(&sql).execute(&mut *tx).await?;
            }
            let figure = self.figures.entry(table).or_default();
            figure.rows += tuples.len() as u64;
            figure.time += started.elapsed();
        }
        tx.commit().await?;
        Ok(())
    }

    /// After the load: PostgreSQL's identity sequences continue after the numbered rows (the
    /// server's own inserts take the next ids), the tables are vacuumed and analysed; SQLite's
    /// write-ahead log is folded into the database file.
    pub async fn finish(mut self) -> Result<()> {
        match self.backend {
            Backend::Postgres => {
                for table in NUMBERED {
                    sqlx::raw_sql(&format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                            (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
                    ))
                    .execute(&mut self.conn)
                    .await?;
                }
                // VACUUM as well: it marks the new pages all-visible, which autovacuum would
                // otherwise do on its own time, in the middle of whatever runs next.
                sqlx::raw_sql("VACUUM ANALYZE").execute(&mut self.conn).await?;
            }
            Backend::Sqlite => {
                sqlx::raw_sql("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize = 0x10002;")
                    .execute(&mut self.conn)
                    .await?;
            }
        }
        self.conn.close().await?;
        Ok(())
    }
}
