//! A community's places: its grids, buildings of four units, and households with doors named
//! by floor ("1502"). The first community also has the 1,000-household tower (4 units of 250)
//! whose unread list the capacity run measures.

use super::names::{BIG_ESTATE, COMMUNITY_WORDS, DISTRICT, ESTATES, STREETS};
use super::Context;

/// Households per unit of an ordinary building: 4 units of 25 make 100 households a building.
const UNIT_HOUSEHOLDS: usize = 25;
const UNITS_PER_BUILDING: usize = 4;
const GRIDS: usize = 4;

pub struct Household {
    pub id: i64,
    pub unit: i64,
    /// Index into `Community::buildings`.
    pub building: usize,
    /// Unit and door ("2单元 1502"), for addresses.
    pub door: String,
}

pub struct Building {
    pub id: i64,
    pub grid: i64,
    pub label: String,
    pub units: Vec<i64>,
    /// Indexes into `Community::households`.
    pub households: std::ops::Range<usize>,
}

pub struct Community {
    pub id: i64,
    pub grids: Vec<i64>,
    pub buildings: Vec<Building>,
    pub households: Vec<Household>,
    /// Index of the 1,000-household building (first community only).
    pub big_building: Option<usize>,
}

impl Community {
    pub fn address(&self, household: usize) -> String {
        let home = &self.households[household];
        format!("{} {}", self.buildings[home.building].label, home.door)
    }
}

pub fn generate(cx: &mut Context<'_>, index: usize) -> Community {
    let id = cx.ids.take("communities");
    let street = format!(
        "{DISTRICT}{}",
        STREETS[index % cx.size.streets.min(STREETS.len())]
    );
    let words = COMMUNITY_WORDS.len();
    let name = format!(
        "{}{}社区",
        COMMUNITY_WORDS[index % words],
        ["", "东", "西", "南", "北", "新", "中"][index / words % 7]
    );
    cx.rows.add(
        "communities",
        &[id.into(), (&name).into(), (&street).into()],
    );
    let buildings_count = cx
        .size
        .households
        .div_ceil(UNIT_HOUSEHOLDS * UNITS_PER_BUILDING);
    let grids: Vec<i64> = (0..GRIDS.min(buildings_count))
        .map(|g| {
            let grid = cx.ids.take("grids");
            let label = format!("第{}网格", g + 1);
            cx.rows
                .add("grids", &[grid.into(), id.into(), (&label).into()]);
            grid
        })
        .collect();
    let mut community = Community {
        id,
        grids,
        buildings: Vec::new(),
        households: Vec::new(),
        big_building: None,
    };
    let estate_base = cx.rng.below(ESTATES.len() as u64) as usize;
    if index == 0 {
        // As many households as a whole community, in 4 units of 32 floors of 8 doors.
        let per_unit = cx.size.households.div_ceil(UNITS_PER_BUILDING);
        community.big_building = Some(0);
        add_building(cx, &mut community, BIG_ESTATE, "1栋", 0, per_unit, 8);
    }
    let mut left = cx.size.households;
    for b in 0..buildings_count {
        let estate = ESTATES[(estate_base + b / 6) % ESTATES.len()];
        let name = format!("{}栋", b % 6 + 1 + 10 * (b / 60));
        let per_unit = left
            .min(UNIT_HOUSEHOLDS * UNITS_PER_BUILDING)
            .div_ceil(UNITS_PER_BUILDING);
        add_building(cx, &mut community, estate, &name, b % GRIDS, per_unit, 2);
        left = left.saturating_sub(per_unit * UNITS_PER_BUILDING);
    }
    community
}

fn add_building(
    cx: &mut Context<'_>,
    community: &mut Community,
    estate: &str,
    name: &str,
    grid_index: usize,
    per_unit: usize,
    doors_per_floor: usize,
) {
    let id = cx.ids.take("buildings");
    let grid = community.grids[grid_index % community.grids.len()];
    cx.rows.add(
        "buildings",
        &[id.into(), grid.into(), estate.into(), name.into()],
    );
    let building = community.buildings.len();
    let first = community.households.len();
    let mut units = Vec::new();
    for u in 0..UNITS_PER_BUILDING {
        let unit = cx.ids.take("units");
        let unit_name = format!("{}单元", u + 1);
        cx.rows
            .add("units", &[unit.into(), id.into(), (&unit_name).into()]);
        units.push(unit);
        for n in 0..per_unit {
            let door = format!("{}{:02}", n / doors_per_floor + 1, n % doors_per_floor + 1);
            let household = cx.ids.take("households");
            cx.rows.add(
                "households",
                &[household.into(), unit.into(), (&door).into()],
            );
            community.households.push(Household {
                id: household,
                unit,
                building,
                door: format!("{unit_name} {door}"),
            });
        }
    }
    community.buildings.push(Building {
        id,
        grid,
        label: format!("{estate} {name}"),
        units,
        households: first..community.households.len(),
    });
}
