//! A year of notices: most to the whole community by its staff, one in 25 to a building by
//! its head, with read receipts from nearly every household for the community's notices (the
//! district's 5,000,000 receipts are 50 a household) and from about 60 % for a building's, so
//! a head's unread list is long. The first community's building notices all go to its
//! 1,000-household tower.

use super::load::V;
use super::names::NOTICE_TEMPLATES;
use super::people::People;
use super::places::Community;
use super::{Context, DAY_MS, HOUR_MS};

const BUILDING_READ_SHARE: f64 = 0.6;

pub struct Notices {
    /// The latest notice to the 1,000-household building, if this community has it.
    pub big_building: Option<i64>,
}

pub fn generate(cx: &mut Context<'_>, community: &Community, people: &People) -> Notices {
    let households = community.households.len();
    let building_notices = cx.size.notices.div_ceil(25);
    // What the community's notices need to be read to reach the receipts asked for.
    let building_reads = building_notices as f64 * 100.0 * BUILDING_READ_SHARE;
    let possible = ((cx.size.notices - building_notices) * households).max(1) as f64;
    let community_share =
        ((cx.size.notice_reads as f64 - building_reads) / possible).clamp(0.05, 1.0);
    let staff = &people.residents[people.staff[0]];
    let mut big_building = None;
    for n in 0..cx.size.notices {
        let id = cx.ids.take("notices");
        // Spread over the year, the newest a day old.
        let published = cx.now
            - DAY_MS
            - (n as i64 * 364 * DAY_MS) / cx.size.notices as i64
            - cx.rng.range(0, 12) * HOUR_MS;
        let (category, title, body) = *cx.rng.pick(&NOTICE_TEMPLATES);
        let to_building = n % 25 == 5 % cx.size.notices.min(25);
        let (building, author, role) = if to_building {
            let b = community
                .big_building
                .unwrap_or(cx.rng.below(community.buildings.len() as u64) as usize);
            (
                Some(b),
                &people.residents[people.building_heads[b]],
                "building_head",
            )
        } else {
            (None, staff, "staff")
        };
        let (target_kind, target_id, grid_id, building_id, scope_kind) = match building {
            Some(b) => {
                let place = &community.buildings[b];
                (
                    "building",
                    place.id,
                    Some(place.grid),
                    Some(place.id),
                    "building",
                )
            }
            None => ("community", community.id, None, None, "community"),
        };
        let scope_id = building_id.unwrap_or(community.id);
        let title = format!("{title}（{}）", n + 1);
        cx.rows.add(
            "notices",
            &[
                id.into(),
                author.id.into(),
                role.into(),
                scope_kind.into(),
                scope_id.into(),
                target_kind.into(),
                target_id.into(),
                community.id.into(),
                grid_id.into(),
                building_id.into(),
                V::Null,
                (&title).into(),
                body.into(),
                category.into(),
                (n == 0).then_some(cx.now + 7 * DAY_MS).into(),
                (n % 7 == 3).then_some(published + 30 * DAY_MS).into(),
                published.into(),
                i64::from(n % 25 == 0).into(),
            ],
        );
        let (range, share) = match building {
            Some(b) => {
                if community.big_building == Some(b) && big_building.is_none() {
                    big_building = Some(id);
                }
                (
                    community.buildings[b].households.clone(),
                    BUILDING_READ_SHARE,
                )
            }
            None => (0..households, community_share),
        };
        for h in range {
            if !cx.rng.chance(share) {
                continue;
            }
            let reader = &people.residents[people.by_household[h].start];
            let read_at = (published + cx.rng.range(1, 72 * 60) * 60_000).min(cx.now);
            cx.rows.add(
                "notice_reads",
                &[
                    id.into(),
                    community.households[h].id.into(),
                    reader.id.into(),
                    read_at.into(),
                ],
            );
        }
    }
    Notices { big_building }
}
