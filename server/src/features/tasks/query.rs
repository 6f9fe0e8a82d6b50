//! What `GET /tasks` and `GET /me/tasks` ask for, read from the query string. Every value is
//! taken as text, so a bad one is a field error, not a bare 400.

use chrono::NaiveDate;
use linli_api_types::{TaskCategory, TASK_PAGE_DEFAULT, TASK_PAGE_MAX};
use serde::Deserialize;

use super::list::{Cursor, ListFilter, Mine, PageAsked};
use crate::platform::error::{AppError, FieldIssue, Result, Rule};
use crate::platform::shanghai;

/// `GET /tasks` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// One of the task categories; empty means all.
    #[param(pattern = r"^(|environment|civility|elderly|children|safety|culture|other)$")]
    category: Option<String>,
    /// First day, `YYYY-MM-DD` (Asia/Shanghai), inclusive; empty means no bound.
    #[param(pattern = r"^(|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|[0-9]{4}-(0[13-9]|1[0-2])-(29|30)|[0-9]{4}-(0[13578]|1[02])-31)$")]
    from: Option<String>,
    /// Last day, `YYYY-MM-DD` (Asia/Shanghai), inclusive; empty means no bound.
    #[param(pattern = r"^(|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|[0-9]{4}-(0[13-9]|1[0-2])-(29|30)|[0-9]{4}-(0[13578]|1[02])-31)$")]
    to: Option<String>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Items per page, 1–50; 20 when absent.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

/// `GET /me/tasks` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MineParams {
    /// `upcoming` (default: joined or waitlisted, not yet over) or `done` (completed, no-show, or over).
    #[param(pattern = r"^(|upcoming|done)$")]
    when: Option<String>,
    cursor: Option<String>,
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    limit: Option<String>,
}

/// A query string that is no query at all (a key twice, say).
pub fn bad_query() -> AppError {
    AppError::Validation(vec![FieldIssue::new("query", Rule::BadFormat)])
}

impl ListParams {
    pub fn parse(&self) -> Result<(ListFilter, PageAsked)> {
        let mut issues = Vec::new();
        let page = page_asked(self.cursor.as_deref(), self.limit.as_deref(), &mut issues);
        let mut filter = ListFilter::default();
        match self.category.as_deref() {
            None | Some("") => {}
            Some(raw) => match TaskCategory::parse(raw) {
                Some(category) => filter.category = Some(category),
                None => issues.push(FieldIssue::new("category", Rule::Unknown)),
            },
        }
        if let Some(raw) = self.from.as_deref().filter(|raw| !raw.is_empty()) {
            filter.from = day_start("from", raw, &mut issues);
        }
        if let Some(raw) = self.to.as_deref().filter(|raw| !raw.is_empty()) {
            filter.to = day_start("to", raw, &mut issues).map(|start| start + shanghai::DAY_MS);
        }
        if !issues.is_empty() {
            return Err(AppError::Validation(issues));
        }
        Ok((filter, page))
    }
}

impl MineParams {
    pub fn parse(&self) -> Result<(Mine, PageAsked)> {
        let mut issues = Vec::new();
        let page = page_asked(self.cursor.as_deref(), self.limit.as_deref(), &mut issues);
        let which = match self.when.as_deref() {
            None | Some("") | Some("upcoming") => Mine::Upcoming,
            Some("done") => Mine::Done,
            Some(_) => {
                issues.push(FieldIssue::new("when", Rule::BadFormat));
                Mine::Upcoming
            }
        };
        if !issues.is_empty() {
            return Err(AppError::Validation(issues));
        }
        Ok((which, page))
    }
}

/// The page asked for; a bad `limit` or `cursor` is an issue at its field.
fn page_asked(
    cursor: Option<&str>,
    limit: Option<&str>,
    issues: &mut Vec<FieldIssue>,
) -> PageAsked {
    let limit = match limit {
        None => TASK_PAGE_DEFAULT,
        Some(raw) => match raw.parse::<u32>() {
            Ok(limit) if (1..=TASK_PAGE_MAX).contains(&limit) => limit,
            _ => {
                issues.push(FieldIssue::new("limit", Rule::BadFormat));
                TASK_PAGE_DEFAULT
            }
        },
    };
    let after = match cursor {
        None | Some("") => None,
        Some(raw) => {
            let cursor = Cursor::decode(raw);
            if cursor.is_none() {
                issues.push(FieldIssue::new("cursor", Rule::BadFormat));
            }
            cursor
        }
    };
    PageAsked { after, limit }
}

/// Midnight starting `YYYY-MM-DD` in Asia/Shanghai, as epoch ms.
fn day_start(field: &str, raw: &str, issues: &mut Vec<FieldIssue>) -> Option<i64> {
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(date) => Some(shanghai::date_start(date)),
        Err(_) => {
            issues.push(FieldIssue::new(field, Rule::BadFormat));
            None
        }
    }
}
