//! The SQLite and PostgreSQL migrations build the same schema: both are run on fresh databases
//! and read back (tables, columns with their types and nullability, primary keys, indexes,
//! unique constraints, foreign keys, the number of CHECK constraints, triggers), then compared.
//! Runs under scripts/with-postgres.sh (LINLI_TEST_POSTGRES_URL); on SQLite alone it says why
//! it skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use linli_server::platform::db::{Db, PoolSettings};
use sqlx::{Connection, PgConnection, Row, SqliteConnection};

use crate::helpers::fresh_postgres_database;

/// One database's schema, in terms both backends can state.
#[derive(Debug, Default, PartialEq, Eq)]
struct Schema {
    tables: BTreeMap<String, Table>,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    /// name → (portable type, NOT NULL)
    columns: BTreeMap<String, (&'static str, bool)>,
    primary_key: Vec<String>,
    /// CREATE INDEX indexes by name → (columns, unique, partial).
    indexes: BTreeMap<String, (Vec<String>, bool, bool)>,
    /// UNIQUE constraints, by their columns (their names are the backend's own).
    unique: BTreeSet<Vec<String>>,
    /// (columns, referenced table, referenced columns, ON DELETE)
    foreign_keys: BTreeSet<(Vec<String>, String, Vec<String>, String)>,
    checks: usize,
    /// What triggers guard, e.g. "BEFORE DELETE", not their names: PostgreSQL guards several
    /// events with one trigger where SQLite needs one per event.
    triggers: BTreeSet<String>,
}

/// The declared types both migration sets use, by the name each backend reports.
fn portable_type(declared: &str) -> &'static str {
    match declared.to_ascii_lowercase().as_str() {
        "integer" | "bigint" => "integer",
        "text" => "text",
        "real" | "double precision" => "real",
        "blob" | "bytea" => "blob",
        other => {
            panic!("a column type the comparison does not know: {other}; add it to portable_type")
        }
    }
}

const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

async fn sqlite_schema(url: &str) -> Schema {
    let mut db = SqliteConnection::connect(url).await.expect("open SQLite");
    let mut schema = Schema::default();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ?",
    )
    .bind(MIGRATIONS_TABLE)
    .fetch_all(&mut db)
    .await
    .unwrap();
    for (name, sql) in tables {
        let mut table = Table::default();
        let mut pk: Vec<(i64, String)> = Vec::new();
        for row in sqlx::query(&format!("PRAGMA table_info(\"{name}\")"))
            .fetch_all(&mut db)
            .await
            .unwrap()
        {
            let column: String = row.get("name");
            let declared: String = row.get("type");
            let key: i64 = row.get("pk");
            // A primary key column is NOT NULL on PostgreSQL; SQLite only reports what was written.
            let not_null = row.get::<i64, _>("notnull") == 1 || key > 0;
            if key > 0 {
                pk.push((key, column.clone()));
            }
            table
                .columns
                .insert(column, (portable_type(&declared), not_null));
        }
        pk.sort();
        table.primary_key = pk.into_iter().map(|(_, c)| c).collect();
        for index in sqlx::query(&format!("PRAGMA index_list(\"{name}\")"))
            .fetch_all(&mut db)
            .await
            .unwrap()
        {
            let index_name: String = index.get("name");
            let origin: String = index.get("origin");
            let unique = index.get::<i64, _>("unique") == 1;
            let partial = index.get::<i64, _>("partial") == 1;
            let columns: Vec<String> = sqlx::query(&format!("PRAGMA index_info(\"{index_name}\")"))
                .fetch_all(&mut db)
                .await
                .unwrap()
                .iter()
                .map(|c| {
                    c.get::<Option<String>, _>("name")
                        .unwrap_or_else(|| "<expression>".into())
                })
                .collect();
            match origin.as_str() {
                "c" => {
                    table.indexes.insert(index_name, (columns, unique, partial));
                }
                "u" => {
                    table.unique.insert(columns);
                }
                _ => {} // the primary key, compared above
            }
        }
        let mut keys: BTreeMap<i64, (Vec<String>, String, Vec<String>, String)> = BTreeMap::new();
        for fk in sqlx::query(&format!("PRAGMA foreign_key_list(\"{name}\")"))
            .fetch_all(&mut db)
            .await
            .unwrap()
        {
            let entry = keys.entry(fk.get("id")).or_insert_with(|| {
                (
                    Vec::new(),
                    fk.get("table"),
                    Vec::new(),
                    fk.get::<String, _>("on_delete").to_ascii_uppercase(),
                )
            });
            entry.0.push(fk.get("from"));
            // A reference without columns names the primary key, which is `id` in every table.
            entry.2.push(
                fk.get::<Option<String>, _>("to")
                    .unwrap_or_else(|| "id".into()),
            );
        }
        table.foreign_keys = keys.into_values().collect();
        table.checks = count_checks(&sql);
        let triggers: Vec<String> = sqlx::query_scalar(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
        )
        .bind(&name)
        .fetch_all(&mut db)
        .await
        .unwrap();
        table.triggers = triggers.iter().map(|sql| trigger_event(sql)).collect();
        schema.tables.insert(name, table);
    }
    schema
}

/// CHECK constraints in a CREATE TABLE statement (SQLite keeps the statement, columns added
/// later included, but no catalogue of its checks).
fn count_checks(sql: &str) -> usize {
    let upper = sql.to_ascii_uppercase();
    upper
        .match_indices("CHECK")
        .filter(|(at, _)| {
            let before = upper[..*at].chars().next_back();
            let after = upper[at + 5..].trim_start().chars().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') && after == Some('(')
        })
        .count()
}

/// "BEFORE DELETE" for `CREATE TRIGGER t BEFORE DELETE ON ...`.
fn trigger_event(sql: &str) -> String {
    let upper = sql.to_ascii_uppercase();
    let head = &upper[..upper.find(" ON ").unwrap_or(upper.len())];
    let timing = ["BEFORE", "AFTER", "INSTEAD OF"]
        .into_iter()
        .find(|t| head.contains(&format!(" {t} ")))
        .unwrap_or("BEFORE");
    let event = ["INSERT", "UPDATE", "DELETE"]
        .into_iter()
        .find(|e| head.contains(e))
        .unwrap_or("?");
    format!("{timing} {event}")
}

async fn postgres_schema(url: &str) -> Schema {
    let mut db = PgConnection::connect(url).await.expect("open PostgreSQL");
    let mut schema = Schema::default();
    let columns = sqlx::query(
        "SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type, is_nullable::text AS is_nullable
         FROM information_schema.columns c
         WHERE table_schema = 'public' AND table_name <> $1
           AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = 'public'
                       AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')",
    )
    .bind(MIGRATIONS_TABLE)
    .fetch_all(&mut db)
    .await
    .unwrap();
    for row in columns {
        let table: String = row.get("table_name");
        let declared: String = row.get("data_type");
        let nullable: String = row.get("is_nullable");
        schema.tables.entry(table).or_default().columns.insert(
            row.get("column_name"),
            (portable_type(&declared), nullable == "NO"),
        );
    }
    // Constraints with their columns in order; `conindid` ties a unique or primary key to its index.
    let constraints = sqlx::query(
        "SELECT t.relname::text AS table_name, con.contype::text AS kind,
                COALESCE(rt.relname::text, '') AS ref_table,
                ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o) AS cols,
                ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
                      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o) AS ref_cols,
                con.confdeltype::text AS on_delete
         FROM pg_constraint con
         JOIN pg_class t ON t.oid = con.conrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         LEFT JOIN pg_class rt ON rt.oid = con.confrelid
         WHERE n.nspname = 'public' AND con.contype IN ('p', 'u', 'f', 'c') AND t.relname <> $1",
    )
    .bind(MIGRATIONS_TABLE)
    .fetch_all(&mut db)
    .await
    .unwrap();
    for row in constraints {
        let table = schema.tables.entry(row.get("table_name")).or_default();
        let cols: Vec<String> = row.get("cols");
        match row.get::<String, _>("kind").as_str() {
            "p" => table.primary_key = cols,
            "u" => {
                table.unique.insert(cols);
            }
            "f" => {
                let on_delete = match row.get::<String, _>("on_delete").as_str() {
                    "a" => "NO ACTION",
                    "r" => "RESTRICT",
                    "c" => "CASCADE",
                    "n" => "SET NULL",
                    "d" => "SET DEFAULT",
                    other => panic!("unknown ON DELETE action {other}"),
                };
                table.foreign_keys.insert((
                    cols,
                    row.get("ref_table"),
                    row.get("ref_cols"),
                    on_delete.into(),
                ));
            }
            _ => table.checks += 1,
        }
    }
    // Indexes of their own (CREATE INDEX), not those behind a primary key or UNIQUE constraint.
    let indexes = sqlx::query(
        "SELECT t.relname::text AS table_name, i.relname::text AS index_name, ix.indisunique AS is_unique,
                ix.indpred IS NOT NULL AS partial,
                ARRAY(SELECT COALESCE(a.attname::text, '<expression>')
                      FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, o)
                      LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n AND k.n <> 0
                      ORDER BY k.o) AS cols
         FROM pg_index ix
         JOIN pg_class i ON i.oid = ix.indexrelid
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = 'public' AND t.relname <> $1
           AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.contype IN ('p', 'u'))",
    )
    .bind(MIGRATIONS_TABLE)
    .fetch_all(&mut db)
    .await
    .unwrap();
    for row in indexes {
        schema
            .tables
            .entry(row.get("table_name"))
            .or_default()
            .indexes
            .insert(
                row.get("index_name"),
                (row.get("cols"), row.get("is_unique"), row.get("partial")),
            );
    }
    let triggers = sqlx::query(
        "SELECT event_object_table::text AS table_name,
                action_timing::text || ' ' || event_manipulation::text AS trigger_event
         FROM information_schema.triggers WHERE trigger_schema = 'public'",
    )
    .fetch_all(&mut db)
    .await
    .unwrap();
    for row in triggers {
        schema
            .tables
            .entry(row.get("table_name"))
            .or_default()
            .triggers
            .insert(row.get("trigger_event"));
    }
    schema
}

/// Every difference, one line each, table by table.
fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let names: BTreeSet<&String> = sqlite.tables.keys().chain(postgres.tables.keys()).collect();
    for name in names {
        let (Some(s), Some(p)) = (sqlite.tables.get(name), postgres.tables.get(name)) else {
            let side = if sqlite.tables.contains_key(name) {
                "SQLite"
            } else {
                "PostgreSQL"
            };
            out.push(format!("table {name}: only on {side}"));
            continue;
        };
        let mut compare = |what: &str, a: String, b: String| {
            if a != b {
                out.push(format!("{name}.{what}: SQLite {a} ≠ PostgreSQL {b}"));
            }
        };
        let columns: BTreeSet<&String> = s.columns.keys().chain(p.columns.keys()).collect();
        for column in columns {
            compare(
                &format!("column {column}"),
                format!("{:?}", s.columns.get(column)),
                format!("{:?}", p.columns.get(column)),
            );
        }
        compare(
            "primary key",
            format!("{:?}", s.primary_key),
            format!("{:?}", p.primary_key),
        );
        let indexes: BTreeSet<&String> = s.indexes.keys().chain(p.indexes.keys()).collect();
        for index in indexes {
            compare(
                &format!("index {index}"),
                format!("{:?}", s.indexes.get(index)),
                format!("{:?}", p.indexes.get(index)),
            );
        }
        compare(
            "unique",
            format!("{:?}", s.unique),
            format!("{:?}", p.unique),
        );
        compare(
            "foreign keys",
            format!("{:?}", s.foreign_keys),
            format!("{:?}", p.foreign_keys),
        );
        compare(
            "CHECK constraints",
            s.checks.to_string(),
            p.checks.to_string(),
        );
        compare(
            "triggers",
            format!("{:?}", s.triggers),
            format!("{:?}", p.triggers),
        );
    }
    out
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_build_the_same_schema() {
    let Ok(server_url) = std::env::var("LINLI_TEST_POSTGRES_URL") else {
        eprintln!(
            "skipped: the migrations are compared only with PostgreSQL at hand \
             (scripts/with-postgres.sh cargo test -p linli-server --test api migrations)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sqlite_url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("schema.db").display()
    );
    let postgres_url = fresh_postgres_database(&server_url).await;
    // A patient pool: the test runs beside others on a busy machine.
    let settings = PoolSettings {
        acquire_timeout: Duration::from_secs(30),
        ..PoolSettings::default()
    };
    for url in [&sqlite_url, &postgres_url] {
        let db = Db::connect_with(url, settings).await.unwrap();
        db.migrate().await.unwrap();
    }

    let sqlite = sqlite_schema(&sqlite_url).await;
    let postgres = postgres_schema(&postgres_url).await;

    assert!(
        sqlite.tables.len() > 10,
        "read the SQLite schema: {sqlite:?}"
    );
    let differences = differences(&sqlite, &postgres);
    assert!(
        differences.is_empty(),
        "the migrations differ:\n{}",
        differences.join("\n")
    );
}

#[test]
fn triggers_are_read_by_what_they_guard() {
    assert_eq!(
        trigger_event("CREATE TRIGGER ledger_entries_append_only_delete BEFORE DELETE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'x'); END"),
        "BEFORE DELETE"
    );
}

#[test]
fn checks_are_counted_as_constraints_not_as_names() {
    assert_eq!(
        count_checks(
            "CREATE TABLE t (a INTEGER CHECK (a > 0), checked INTEGER, b CHECK(b IN (0, 1)))"
        ),
        2
    );
}
