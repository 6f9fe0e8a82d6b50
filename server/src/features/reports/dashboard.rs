//! `GET /reports/dashboard?month=2026-11`: response, resolution and satisfaction for a month
//! and the month before (Shanghai months), for staff over their community and for a 网格长
//! over their grid, by grid, building and handler, with what is overdue now.
//!
//! A report counts in the month it was made. "Responded in time" compares its first response
//! (acknowledge, reply or resolve, by whoever held it) with the response deadline set when it
//! was filed. Its current respond_by will not do: a transfer, a climb or a reopen restarts it,
//! and a report that climbed because nobody answered was not answered in time however quickly
//! the next level did; nor is a transfer an answer.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use linli_api_types::{ReportDashboard, ReportFigures, ReportFiguresRow, ReportStatus, Role};

use super::row::{ReportRow, SELECT};
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::lang::Lang;
use crate::platform::shanghai;

/// "2026-11" → its first day.
pub fn parse_month(month: &str) -> Result<NaiveDate> {
    let bad = || AppError::Validation(vec![FieldIssue::new("month", Rule::BadFormat)]);
    let (year, month) = month.split_once('-').ok_or_else(bad)?;
    if year.len() != 4 || month.len() != 2 {
        return Err(bad());
    }
    let year: i32 = year.parse().map_err(|_| bad())?;
    let month: u32 = month.parse().map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)
}

fn next_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first)
}

fn previous_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_sub_months(chrono::Months::new(1))
        .unwrap_or(first)
}

/// Adds up figures over reports.
#[derive(Default)]
struct Tally {
    received: u32,
    responded_in_time: u32,
    resolved: u32,
    confirmed: u32,
    rated: u32,
    stars: u32,
}

impl Tally {
    fn add(&mut self, row: &ReportRow) -> Result<()> {
        self.received += 1;
        if row
            .first_responded_at
            .is_some_and(|at| at <= row.first_respond_by)
        {
            self.responded_in_time += 1;
        }
        let status = row.status()?;
        if matches!(
            status,
            ReportStatus::Resolved | ReportStatus::Confirmed | ReportStatus::Closed
        ) {
            self.resolved += 1;
        }
        if status == ReportStatus::Confirmed {
            self.confirmed += 1;
        }
        if let Some(stars) = row.satisfaction {
            self.rated += 1;
            self.stars += u32::try_from(stars).unwrap_or(0);
        }
        Ok(())
    }

    fn figures(&self) -> ReportFigures {
        let rate = |part: u32, whole: u32| (whole > 0).then(|| part as f32 / whole as f32);
        ReportFigures {
            received: self.received,
            responded_in_time: self.responded_in_time,
            resolved: self.resolved,
            confirmed: self.confirmed,
            rated: self.rated,
            satisfaction: rate(self.stars, self.rated),
            response_rate: rate(self.responded_in_time, self.received),
            resolution_rate: rate(self.resolved, self.received),
        }
    }
}

/// Two months of tallies under one name.
#[derive(Default)]
struct Pair {
    this_month: Tally,
    last_month: Tally,
}

fn rows_of(groups: BTreeMap<String, Pair>) -> Vec<ReportFiguresRow> {
    groups
        .into_iter()
        .map(|(name, pair)| ReportFiguresRow {
            name,
            this_month: pair.this_month.figures(),
            last_month: pair.last_month.figures(),
        })
        .collect()
}

pub async fn dashboard(
    db: &Db,
    auth: &AuthUser,
    month: Option<&str>,
    now: i64,
) -> Result<ReportDashboard> {
    let lang = Lang::current();
    let community = PlacePath::community(auth.community_id);
    let staff = auth.covers(Role::Staff, &community);
    let grid = auth
        .grants
        .iter()
        .find(|grant| grant.role == Role::GridHead)
        .map(|grant| grant.scope_id);
    if !staff && grid.is_none() {
        return Err(AppError::Forbidden);
    }
    let grid = if staff { None } else { grid };
    let first = match month {
        Some(month) => parse_month(month)?,
        None => shanghai::date_of(now).with_day(1).unwrap_or_default(),
    };
    let (from, start, end) = (
        shanghai::date_start(previous_month(first)),
        shanghai::date_start(first),
        shanghai::date_start(next_month(first)),
    );
    let rows: Vec<ReportRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE r.community_id = $2 AND ($3 = -1 OR r.grid_id = $3) \
           AND ((r.created_at >= $4 AND r.created_at < $5) \
             OR r.status IN ('open', 'acknowledged')) \
         ORDER BY r.id"
    ))
    .bind(-1i64)
    .bind(auth.community_id)
    .bind(grid.unwrap_or(-1))
    .bind(from)
    .bind(end)
    .fetch_all(&db.read)
    .await?;
    let grid_names: BTreeMap<i64, String> =
        sqlx::query_as::<_, (i64, String)>("SELECT id, name FROM grids WHERE community_id = $1")
            .bind(auth.community_id)
            .fetch_all(&db.read)
            .await?
            .into_iter()
            .collect();
    let resolver_names: BTreeMap<i64, String> = sqlx::query_as::<_, (i64, String)>(
        "SELECT DISTINCT u.id, u.name FROM reports r JOIN users u ON u.id = r.resolved_by \
         WHERE r.community_id = $1 AND r.created_at >= $2 AND r.created_at < $3",
    )
    .bind(auth.community_id)
    .bind(from)
    .bind(end)
    .fetch_all(&db.read)
    .await?
    .into_iter()
    .collect();
    let (mut total, mut by_grid, mut by_building, mut by_handler) = (
        Pair::default(),
        BTreeMap::<String, Pair>::new(),
        BTreeMap::<String, Pair>::new(),
        BTreeMap::<String, Pair>::new(),
    );
    let community_word = lang.pick("社区", "Community").to_owned();
    let mut overdue = Vec::new();
    for row in &rows {
        if row.overdue(now)? {
            overdue.push(row);
        }
        let this = row.created_at >= start && row.created_at < end;
        let last = row.created_at >= from && row.created_at < start;
        if !(this || last) {
            continue;
        }
        let pick = |pair: &mut Pair| -> Result<()> {
            if this {
                pair.this_month.add(row)
            } else {
                pair.last_month.add(row)
            }
        };
        pick(&mut total)?;
        let grid_name = row
            .grid_id
            .and_then(|id| grid_names.get(&id).cloned())
            .unwrap_or_else(|| community_word.clone());
        pick(by_grid.entry(grid_name).or_default())?;
        let building = row
            .building_name
            .clone()
            .unwrap_or_else(|| community_word.clone());
        pick(by_building.entry(building).or_default())?;
        let handler = match row.resolved_by.and_then(|id| resolver_names.get(&id)) {
            Some(name) => name.clone(),
            None => row.handler(lang)?.name,
        };
        pick(by_handler.entry(handler).or_default())?;
    }
    // Most overdue first: the earliest deadline it missed.
    overdue.sort_by_key(|row| {
        if row.responded_at.is_none() {
            row.respond_by.min(row.resolve_by)
        } else {
            row.resolve_by
        }
    });
    let scope = match grid {
        Some(id) => grid_names.get(&id).cloned().unwrap_or_default(),
        None => {
            sqlx::query_scalar("SELECT name FROM communities WHERE id = $1")
                .bind(auth.community_id)
                .fetch_one(&db.read)
                .await?
        }
    };
    Ok(ReportDashboard {
        month: format!("{:04}-{:02}", first.year(), first.month()),
        scope,
        this_month: total.this_month.figures(),
        last_month: total.last_month.figures(),
        by_grid: rows_of(by_grid),
        by_building: rows_of(by_building),
        by_handler: rows_of(by_handler),
        overdue: overdue
            .into_iter()
            .map(|row| row.summary(true, false, now))
            .collect::<Result<Vec<_>>>()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_four_digits_dash_two() {
        assert_eq!(
            parse_month("2026-11").unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
        );
        for bad in ["2026-13", "2026-1", "26-11", "2026/11", "", "2026-00"] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
        let first = parse_month("2026-01").unwrap();
        assert_eq!(
            previous_month(first),
            NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
        );
    }
}
