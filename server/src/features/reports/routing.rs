//! Where a report goes and where it climbs: pure functions over the place's current holders,
//! so the rules are tested without a database (`holders::of_place` fills [`Holders`]).
//!
//! The chain is unit head → building head → grid head → staff; a level without a holder is
//! skipped. 物业 (an outside handler) climbs straight to staff; staff is the top.

use linli_api_types::HandlerLevel;

/// The lowest-id current holder of each head role over the report's place (`None`: nobody,
/// or the place has no such level, as a report of the whole community has no unit).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Holders {
    pub unit: Option<i64>,
    pub building: Option<i64>,
    pub grid: Option<i64>,
}

/// Who holds a report: a level and, for heads, the head's account; for `Property` the outside
/// handler's id. Staff level is any staff member of the community.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    pub level: HandlerLevel,
    pub user_id: Option<i64>,
    pub property_handler_id: Option<i64>,
}

impl Assignment {
    pub fn staff() -> Self {
        Self {
            level: HandlerLevel::Staff,
            user_id: None,
            property_handler_id: None,
        }
    }

    fn head(level: HandlerLevel, user_id: i64) -> Self {
        Self {
            level,
            user_id: Some(user_id),
            property_handler_id: None,
        }
    }
}

/// The first holder at `level` or above it on the chain.
fn from_level(level: HandlerLevel, holders: &Holders) -> Assignment {
    let chain = [
        (HandlerLevel::Unit, holders.unit),
        (HandlerLevel::Building, holders.building),
        (HandlerLevel::Grid, holders.grid),
    ];
    chain
        .into_iter()
        .filter(|(at, _)| *at >= level)
        .find_map(|(at, holder)| holder.map(|user| Assignment::head(at, user)))
        .unwrap_or_else(Assignment::staff)
}

/// Where a new report goes under its category's rule (`first`, and the outside handler when
/// `first` is `Property`).
pub fn first_handler(
    first: HandlerLevel,
    property_handler_id: Option<i64>,
    holders: &Holders,
) -> Assignment {
    match (first, property_handler_id) {
        (HandlerLevel::Property, Some(id)) => Assignment {
            level: HandlerLevel::Property,
            user_id: None,
            property_handler_id: Some(id),
        },
        (HandlerLevel::Property, None) | (HandlerLevel::Staff, _) => Assignment::staff(),
        (level, _) => from_level(level, holders),
    }
}

/// One level up from `current` when its deadline passed, or `None` at the top (staff).
pub fn climb(current: HandlerLevel, holders: &Holders) -> Option<Assignment> {
    let next = match current {
        HandlerLevel::Unit => HandlerLevel::Building,
        HandlerLevel::Building => HandlerLevel::Grid,
        HandlerLevel::Grid | HandlerLevel::Property => HandlerLevel::Staff,
        HandlerLevel::Staff => return None,
    };
    Some(from_level(next, holders))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: Holders = Holders {
        unit: Some(5),
        building: Some(3),
        grid: Some(9),
    };

    #[test]
    fn a_home_report_goes_to_the_unit_head() {
        assert_eq!(
            first_handler(HandlerLevel::Unit, None, &ALL),
            Assignment::head(HandlerLevel::Unit, 5)
        );
    }

    #[test]
    fn missing_levels_are_skipped() {
        let no_unit_head = Holders { unit: None, ..ALL };
        assert_eq!(
            first_handler(HandlerLevel::Unit, None, &no_unit_head),
            Assignment::head(HandlerLevel::Building, 3)
        );
        let only_grid = Holders {
            grid: Some(9),
            ..Holders::default()
        };
        assert_eq!(
            first_handler(HandlerLevel::Unit, None, &only_grid),
            Assignment::head(HandlerLevel::Grid, 9)
        );
        assert_eq!(
            first_handler(HandlerLevel::Unit, None, &Holders::default()),
            Assignment::staff()
        );
    }

    #[test]
    fn a_category_rule_can_start_higher() {
        assert_eq!(
            first_handler(HandlerLevel::Staff, None, &ALL),
            Assignment::staff()
        );
        assert_eq!(
            first_handler(HandlerLevel::Grid, None, &ALL),
            Assignment::head(HandlerLevel::Grid, 9)
        );
        let property = first_handler(HandlerLevel::Property, Some(4), &ALL);
        assert_eq!(property.level, HandlerLevel::Property);
        assert_eq!(property.property_handler_id, Some(4));
        // A property rule whose handler was removed: staff take it.
        assert_eq!(
            first_handler(HandlerLevel::Property, None, &ALL),
            Assignment::staff()
        );
    }

    #[test]
    fn escalation_climbs_one_level_skipping_empty_ones() {
        assert_eq!(
            climb(HandlerLevel::Unit, &ALL),
            Some(Assignment::head(HandlerLevel::Building, 3))
        );
        assert_eq!(
            climb(HandlerLevel::Building, &ALL),
            Some(Assignment::head(HandlerLevel::Grid, 9))
        );
        assert_eq!(climb(HandlerLevel::Grid, &ALL), Some(Assignment::staff()));
        assert_eq!(
            climb(
                HandlerLevel::Unit,
                &Holders {
                    building: None,
                    ..ALL
                }
            ),
            Some(Assignment::head(HandlerLevel::Grid, 9))
        );
        assert_eq!(
            climb(HandlerLevel::Property, &ALL),
            Some(Assignment::staff())
        );
        assert_eq!(climb(HandlerLevel::Staff, &ALL), None);
    }
}
