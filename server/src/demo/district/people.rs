//! A community's people: 2–3 residents a household on average, in the household register
//! and with accounts; about one in eight volunteers; a head for every unit and building, one
//! for every grid, all of them volunteers; three staff members without a home in it.

use super::names::{GIVEN, RELATIONS, SURNAMES};
use super::places::Community;
use super::{Account, Context, Role, DAY_MS};

const STAFF: usize = 3;
const VOLUNTEER_SHARE: f64 = 0.12;

pub struct Resident {
    pub id: i64,
    pub name: String,
    pub phone: String,
    /// Index into `Community::households`; None for staff.
    pub household: Option<usize>,
    pub volunteer: bool,
    pub role: Role,
}

pub struct People {
    pub residents: Vec<Resident>,
    /// Per household, the indexes of its residents.
    pub by_household: Vec<std::ops::Range<usize>>,
    pub volunteers: Vec<usize>,
    pub staff: Vec<usize>,
    /// Per building, its head.
    pub building_heads: Vec<usize>,
}

impl People {
    pub fn accounts(&self, community: usize) -> impl Iterator<Item = Account> + '_ {
        self.residents.iter().map(move |r| Account {
            phone: r.phone.clone(),
            role: r.role,
            community,
            user_id: r.id,
        })
    }

    /// Residents who are not staff (they have a home).
    pub fn homed(&self) -> usize {
        self.residents.len() - self.staff.len()
    }
}

/// Phones are 199 followed by the resident's number in the district: unique, well formed,
/// and apart from the demo's 138 numbers.
fn phone(ids_user: i64) -> String {
    format!("199{ids_user:08}")
}

pub fn generate(cx: &mut Context<'_>, community: &Community, password_hash: &str) -> People {
    let year_ago = cx.now - 365 * DAY_MS;
    let mut people = People {
        residents: Vec::new(),
        by_household: Vec::new(),
        volunteers: Vec::new(),
        staff: Vec::new(),
        building_heads: Vec::new(),
    };
    let extra = cx.size.residents_per_household - 2.0;
    for h in 0..community.households.len() {
        let first = people.residents.len();
        // 2, 3 or 4 members: on average 2 + extra.
        let members =
            2 + usize::from(cx.rng.chance(extra * 0.8)) + usize::from(cx.rng.chance(extra * 0.2));
        let surname = *cx.rng.pick(&SURNAMES);
        let g0 = cx.rng.below(GIVEN.len() as u64) as usize;
        let g1 = cx.rng.below(GIVEN.len() as u64) as usize;
        for k in 0..members.min(RELATIONS.len()) {
            let id = cx.ids.take("users");
            let name = format!(
                "{surname}{}{}",
                GIVEN[(g0 + 7 * k) % GIVEN.len()],
                GIVEN[(g1 + 3 * k) % GIVEN.len()]
            );
            let volunteer = cx.rng.chance(VOLUNTEER_SHARE);
            people.residents.push(Resident {
                id,
                name,
                phone: phone(id),
                household: Some(h),
                volunteer,
                role: if volunteer {
                    Role::Volunteer
                } else {
                    Role::Resident
                },
            });
        }
        people.by_household.push(first..people.residents.len());
    }
    // Heads: the first resident of a household picked in each unit, building and grid.
    let mut grant = |people: &mut People, at: usize, role: Role, scope: (&str, i64)| {
        let resident = &mut people.residents[at];
        resident.volunteer = true;
        resident.role = role;
        let name = match role {
            Role::UnitHead => "unit_head",
            Role::GridHead => "grid_head",
            Role::Staff => "staff",
            _ => "building_head",
        };
        cx.rows.add(
            "role_grants",
            &[
                resident.id.into(),
                name.into(),
                scope.0.into(),
                scope.1.into(),
            ],
        );
    };
    let mut taken = std::collections::HashSet::new();
    let mut head_of = |people: &People, range: std::ops::Range<usize>| loop {
        let h = range.start + cx.rng.below(range.len() as u64) as usize;
        let at = people.by_household[h].start;
        if taken.insert(at) || taken.len() >= range.len() {
            return at;
        }
    };
    for (b, building) in community.buildings.iter().enumerate() {
        let at = head_of(&people, building.households.clone());
        let role = if community.big_building == Some(b) {
            Role::BigBuildingHead
        } else {
            Role::BuildingHead
        };
        grant(&mut people, at, role, ("building", building.id));
        people.building_heads.push(at);
        let per_unit = building.households.len() / building.units.len();
        for (u, unit) in building.units.iter().enumerate() {
            let start = building.households.start + u * per_unit;
            let at = head_of(&people, start..start + per_unit);
            grant(&mut people, at, Role::UnitHead, ("unit", *unit));
        }
    }
    for grid in &community.grids {
        let building = community
            .buildings
            .iter()
            .find(|b| b.grid == *grid)
            .expect("a building");
        let at = head_of(&people, building.households.clone());
        grant(&mut people, at, Role::GridHead, ("grid", *grid));
    }
    for s in 0..STAFF {
        let id = cx.ids.take("users");
        people.residents.push(Resident {
            id,
            name: format!(
                "{}{}",
                SURNAMES[(s * 11 + community.id as usize) % SURNAMES.len()],
                GIVEN[s * 5]
            ),
            phone: phone(id),
            household: None,
            volunteer: false,
            role: Role::Staff,
        });
        let at = people.residents.len() - 1;
        people.staff.push(at);
        grant(&mut people, at, Role::Staff, ("community", community.id));
    }
    for (at, resident) in people.residents.iter().enumerate() {
        if resident.volunteer {
            people.volunteers.push(at);
        }
        let created = year_ago - cx.rng.range(0, 200) * DAY_MS;
        let household = resident.household.map(|h| community.households[h].id);
        cx.rows.add(
            "users",
            &[
                resident.id.into(),
                (&resident.phone).into(),
                (&resident.name).into(),
                password_hash.into(),
                community.id.into(),
                household.into(),
                i64::from(resident.volunteer).into(),
                created.into(),
                "active".into(),
            ],
        );
        if let (Some(household), Some(h)) = (household, resident.household) {
            let k = at - people.by_household[h].start;
            let care = if cx.rng.chance(0.1) { "高龄" } else { "" };
            cx.rows.add(
                "register_members",
                &[
                    cx.ids.take("register_members").into(),
                    community.id.into(),
                    household.into(),
                    (&resident.name).into(),
                    (&resident.phone).into(),
                    RELATIONS[k].into(),
                    care.into(),
                    resident.id.into(),
                    created.into(),
                    created.into(),
                ],
            );
        }
    }
    people
}
