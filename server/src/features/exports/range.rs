//! The date range an export covers: `from` and `to` as `YYYY-MM-DD`, days in Asia/Shanghai,
//! both included, at most `EXPORT_RANGE_MAX_DAYS` long. Every broken rule is answered at its
//! field in the request's language.

use chrono::NaiveDate;
use linli_api_types::EXPORT_RANGE_MAX_DAYS;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::platform::error::{AppError, FieldIssue, Result, Rule, Said};
use crate::platform::shanghai::{date_start, DAY_MS};

/// `?from=2026-11-01&to=2026-11-30`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RangeParams {
    /// First day, `YYYY-MM-DD` (Asia/Shanghai).
    pub from: Option<String>,
    /// Last day, included, `YYYY-MM-DD` (Asia/Shanghai).
    pub to: Option<String>,
}

/// A checked range: its days and the epoch-ms bounds `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub start_ms: i64,
    pub end_ms: i64,
}

impl Range {
    /// "2026-11-01至2026-11-30", as the title and the file name say it.
    pub fn label(&self) -> String {
        format!("{}至{}", self.from, self.to)
    }
}

fn day(field: &'static str, raw: Option<&str>, issues: &mut Vec<FieldIssue>) -> Option<NaiveDate> {
    let Some(raw) = raw.map(str::trim).filter(|raw| !raw.is_empty()) else {
        issues.push(FieldIssue::new(field, Rule::Required));
        return None;
    };
    let parsed = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok();
    if parsed.is_none() {
        issues.push(FieldIssue::new(field, Rule::BadFormat));
    }
    parsed
}

impl RangeParams {
    pub fn check(&self) -> Result<Range> {
        let mut issues = Vec::new();
        let from = day("from", self.from.as_deref(), &mut issues);
        let to = day("to", self.to.as_deref(), &mut issues);
        let (Some(from), Some(to)) = (from, to) else {
            return Err(AppError::Validation(issues));
        };
        let days = (to - from).num_days() + 1;
        if days < 1 {
            issues.push(FieldIssue::own(
                "to",
                "before_from",
                Said::new(
                    "结束日期不能早于开始日期",
                    "The last day cannot be before the first",
                ),
            ));
        } else if days > EXPORT_RANGE_MAX_DAYS {
            issues.push(FieldIssue::own(
                "to",
                "range_too_long",
                Said::new(
                    format!("一次最多导出 {EXPORT_RANGE_MAX_DAYS} 天，请缩短日期范围"),
                    format!("At most {EXPORT_RANGE_MAX_DAYS} days at a time: shorten the range"),
                ),
            ));
        }
        if !issues.is_empty() {
            return Err(AppError::Validation(issues));
        }
        let start_ms = date_start(from);
        Ok(Range {
            from,
            to,
            start_ms,
            end_ms: date_start(to) + DAY_MS,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(from: &str, to: &str) -> RangeParams {
        RangeParams {
            from: Some(from.into()),
            to: Some(to.into()),
        }
    }

    #[test]
    fn a_range_covers_whole_shanghai_days() {
        let range = params("2026-11-01", "2026-11-30").check().unwrap();
        assert_eq!(range.end_ms - range.start_ms, 30 * DAY_MS);
        assert_eq!(range.label(), "2026-11-01至2026-11-30");
    }

    #[test]
    fn bad_ranges_are_refused_at_the_field() {
        let codes = |p: RangeParams| match p.check() {
            Err(AppError::Validation(issues)) => issues
                .into_iter()
                .map(|i| (i.field, i.rule.code()))
                .collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            codes(RangeParams::default()),
            [
                ("from".to_owned(), "required"),
                ("to".to_owned(), "required")
            ]
        );
        assert_eq!(
            codes(params("2026-13-01", "2026-11-30")),
            [("from".to_owned(), "bad_format")]
        );
        assert_eq!(
            codes(params("2026-11-30", "2026-11-01")),
            [("to".to_owned(), "before_from")]
        );
        assert_eq!(
            codes(params("2025-01-01", "2026-11-01")),
            [("to".to_owned(), "range_too_long")]
        );
    }
}
