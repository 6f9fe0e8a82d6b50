//! What staff may set a service to: text within bounds, a price within bounds, volunteer points
//! within what the community's policy allows for the service's length, opening periods that
//! make sense (start before end, none overlapping on one weekday). Pure, so the rules are
//! tested here; which volunteers may be listed is checked against the database by `manage`.

use linli_api_types::{
    OpeningPeriod, ServiceCategory, ServiceRequest, OPENING_PERIODS_MAX, PROVIDER_NAME_MAX_CHARS,
    SERVICE_DESCRIPTION_MAX_CHARS, SERVICE_DURATION_MAX, SERVICE_DURATION_MIN,
    SERVICE_NAME_MAX_CHARS, SERVICE_PRICE_MAX, SERVICE_VOLUNTEERS_MAX,
};

use crate::features::points::policy::Policy;
use crate::platform::error::{FieldIssue, Rule, Said};
use crate::platform::text::TextField;

const NAME: TextField = TextField::line("name", SERVICE_NAME_MAX_CHARS);
const PROVIDER: TextField = TextField::line("provider_name", PROVIDER_NAME_MAX_CHARS);
const DESCRIPTION: TextField =
    TextField::multiline("description", SERVICE_DESCRIPTION_MAX_CHARS).optional();

/// A service request that kept every rule, cleaned.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedService {
    pub name: String,
    pub category: ServiceCategory,
    pub provider_name: String,
    pub description: String,
    pub points_price: i64,
    pub volunteer_points: i64,
    pub duration_minutes: i64,
    /// In weekday and time order.
    pub opening: Vec<OpeningPeriod>,
    /// Without repeats, in the order given.
    pub volunteer_ids: Vec<i64>,
}

/// `request` under the rules, with `policy` bounding the volunteer points; every refused field
/// goes into `issues`.
pub fn check(
    request: &ServiceRequest,
    policy: &Policy,
    issues: &mut Vec<FieldIssue>,
) -> CheckedService {
    let name = NAME.check(&request.name, issues);
    let provider_name = PROVIDER.check(&request.provider_name, issues);
    let description = DESCRIPTION.check(&request.description, issues);
    in_range(
        "points_price",
        request.points_price,
        0,
        SERVICE_PRICE_MAX,
        issues,
    );
    let duration_ok = in_range(
        "duration_minutes",
        request.duration_minutes,
        SERVICE_DURATION_MIN,
        SERVICE_DURATION_MAX,
        issues,
    );
    if duration_ok {
        let most = policy.max_task_points(request.duration_minutes);
        if request.volunteer_points < 0 || request.volunteer_points > most {
            issues.push(volunteer_points_beyond_policy(
                most,
                policy.points_per_hour,
                request.duration_minutes,
            ));
        }
    }
    let opening = check_opening(&request.opening, issues);
    let mut volunteer_ids = Vec::new();
    for id in &request.volunteer_ids {
        if !volunteer_ids.contains(id) {
            volunteer_ids.push(*id);
        }
    }
    if volunteer_ids.len() > SERVICE_VOLUNTEERS_MAX {
        issues.push(FieldIssue::new(
            "volunteer_ids",
            Rule::OutOfRange {
                min: 0,
                max: SERVICE_VOLUNTEERS_MAX as i64,
            },
        ));
    }
    CheckedService {
        name,
        category: request.category,
        provider_name,
        description,
        points_price: request.points_price,
        volunteer_points: request.volunteer_points,
        duration_minutes: request.duration_minutes,
        opening,
        volunteer_ids,
    }
}

fn in_range(field: &str, value: i64, min: i64, max: i64, issues: &mut Vec<FieldIssue>) -> bool {
    let ok = (min..=max).contains(&value);
    if !ok {
        issues.push(FieldIssue::new(field, Rule::OutOfRange { min, max }));
    }
    ok
}

/// The limit said at the field, with where it comes from.
fn volunteer_points_beyond_policy(most: i64, per_hour: i64, minutes: i64) -> FieldIssue {
    FieldIssue::own(
        "volunteer_points",
        "beyond_policy",
        Said::new(
            format!("按社区规则（每小时最多{per_hour}分），{minutes}分钟的服务最多给{most}分"),
            format!(
                "By the community's rule ({per_hour} points an hour at most), a {minutes}-minute \
                 service pays at most {most} points"
            ),
        ),
    )
}

/// Each period refused at `opening[i]`; the good ones sorted.
fn check_opening(periods: &[OpeningPeriod], issues: &mut Vec<FieldIssue>) -> Vec<OpeningPeriod> {
    if periods.len() > OPENING_PERIODS_MAX {
        issues.push(FieldIssue::new(
            "opening",
            Rule::OutOfRange {
                min: 0,
                max: OPENING_PERIODS_MAX as i64,
            },
        ));
        return Vec::new();
    }
    let mut good: Vec<(usize, OpeningPeriod)> = Vec::new();
    for (i, period) in periods.iter().enumerate() {
        let field = format!("opening[{i}]");
        if !(1..=7).contains(&period.weekday) {
            issues.push(FieldIssue::own(
                field,
                "bad_weekday",
                Said::new("请选择星期一到星期日", "Choose a day from Monday to Sunday"),
            ));
        } else if period.start_minute >= period.end_minute || period.end_minute > 1440 {
            issues.push(FieldIssue::own(
                field,
                "start_after_end",
                Said::new("开始时间要早于结束时间", "The start must be before the end"),
            ));
        } else if let Some((other, _)) = good.iter().find(|(_, p)| overlaps(p, period)) {
            issues.push(FieldIssue::own(
                field,
                "overlaps",
                Said::new(
                    format!("与第{}个时段重叠", other + 1),
                    format!("Overlaps period {}", other + 1),
                ),
            ));
        } else {
            good.push((i, *period));
        }
    }
    let mut opening: Vec<OpeningPeriod> = good.into_iter().map(|(_, p)| p).collect();
    opening.sort_by_key(|p| (p.weekday, p.start_minute));
    opening
}

/// Same weekday and sharing a minute (one ending at 12:00 and one starting then do not).
fn overlaps(a: &OpeningPeriod, b: &OpeningPeriod) -> bool {
    a.weekday == b.weekday && a.start_minute < b.end_minute && b.start_minute < a.end_minute
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(weekday: u8, start: u16, end: u16) -> OpeningPeriod {
        OpeningPeriod {
            weekday,
            start_minute: start,
            end_minute: end,
        }
    }

    fn request() -> ServiceRequest {
        ServiceRequest {
            name: " 法律咨询 ".into(),
            category: ServiceCategory::Legal,
            provider_name: "红帆驿站".into(),
            description: String::new(),
            points_price: 0,
            volunteer_points: 40,
            duration_minutes: 120,
            opening: vec![period(5, 840, 1020), period(5, 540, 720)],
            volunteer_ids: vec![3, 3, 4],
        }
    }

    fn codes(issues: &[FieldIssue]) -> Vec<(String, &'static str)> {
        issues
            .iter()
            .map(|i| (i.field.clone(), i.rule.code()))
            .collect()
    }

    #[test]
    fn a_good_request_is_cleaned_and_sorted() {
        let mut issues = Vec::new();
        let checked = check(&request(), &Policy::default(), &mut issues);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(checked.name, "法律咨询");
        assert_eq!(
            checked.opening,
            vec![period(5, 540, 720), period(5, 840, 1020)]
        );
        assert_eq!(checked.volunteer_ids, vec![3, 4]);
    }

    #[test]
    fn volunteer_points_are_bounded_by_the_policy_for_the_length() {
        let mut issues = Vec::new();
        let too_much = ServiceRequest {
            volunteer_points: 41,
            ..request()
        };
        check(&too_much, &Policy::default(), &mut issues);
        assert_eq!(
            codes(&issues),
            vec![("volunteer_points".into(), "beyond_policy")]
        );
        let Rule::Own { said, .. } = &issues[0].rule else {
            panic!()
        };
        assert!(said.zh.contains("最多给40分"), "{}", said.zh);
    }

    #[test]
    fn bad_prices_lengths_and_periods_are_refused_at_their_fields() {
        let mut issues = Vec::new();
        let bad = ServiceRequest {
            name: "".into(),
            points_price: 501,
            duration_minutes: 5,
            opening: vec![
                period(1, 540, 720),
                period(1, 600, 660),
                period(2, 720, 540),
                period(8, 0, 60),
                period(1, 720, 780),
            ],
            ..request()
        };
        check(&bad, &Policy::default(), &mut issues);
        assert_eq!(
            codes(&issues),
            vec![
                ("name".into(), "required"),
                ("points_price".into(), "out_of_range"),
                ("duration_minutes".into(), "out_of_range"),
                ("opening[1]".into(), "overlaps"),
                ("opening[2]".into(), "start_after_end"),
                ("opening[3]".into(), "bad_weekday"),
            ]
        );
    }
}
