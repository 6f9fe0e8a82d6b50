//! What an import would do: the sheet's members matched against the community's places and
//! register, each becoming created, changed or unchanged, or a problem of its row. A dry run
//! shows the plan; a commit applies it (`apply`).

use std::collections::{HashMap, HashSet};

use linli_api_types::RegisterImportSummary;

use super::columns::Field;
use super::existing::Existing;
use super::names;
use super::problems::Problem;
use super::rows::{RowProblem, SheetMember};

/// A place the plan refers to: one the community has, or the n-th the plan creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ref {
    Existing(i64),
    New(usize),
}

#[derive(Debug, Clone)]
pub struct NewGrid {
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct NewBuilding {
    pub grid: Ref,
    pub estate: String,
    pub name: String,
}

impl NewBuilding {
    pub fn display(&self) -> String {
        format!("{} {}", self.estate, self.name).trim().to_owned()
    }
}

#[derive(Debug, Clone)]
pub struct NewUnit {
    pub building: Ref,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct NewHousehold {
    pub unit: Ref,
    pub door: String,
}

#[derive(Debug, Clone)]
pub struct NewMember {
    pub household: Ref,
    pub name: String,
    pub phone: Option<String>,
    pub relation: String,
    pub care_tags: String,
}

#[derive(Debug, Clone)]
pub struct ChangedMember {
    pub id: i64,
    pub phone: Option<String>,
    pub relation: String,
    pub care_tags: String,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub grids: Vec<NewGrid>,
    pub buildings: Vec<NewBuilding>,
    pub units: Vec<NewUnit>,
    pub households: Vec<NewHousehold>,
    pub members: Vec<NewMember>,
    pub changed: Vec<ChangedMember>,
    pub problems: Vec<RowProblem>,
    pub summary: RegisterImportSummary,
    /// Buildings the sheet names that the community lacks, whether or not they are created.
    pub missing_buildings: Vec<String>,
}

/// Plans the import of `members` (the sheet's good rows) into the community `existing` holds.
/// `problems` are the rows' own problems; rows that get a problem here join them.
pub fn make(
    existing: &Existing,
    members: Vec<SheetMember>,
    mut problems: Vec<RowProblem>,
    rows_read: u32,
    create_buildings: bool,
) -> Plan {
    let mut plan = Plan::default();
    let mut places = Places::new(existing);
    let household_names = existing.household_names();

    // The register by household and by phone; accounts by phone.
    let mut register: HashMap<(i64, &str), &super::existing::MemberRow> = HashMap::new();
    let mut register_phones: HashMap<&str, Vec<&super::existing::MemberRow>> = HashMap::new();
    for member in &existing.members {
        register.insert((member.household_id, member.name.as_str()), member);
        if let Some(phone) = &member.phone {
            register_phones.entry(phone).or_default().push(member);
        }
    }
    let accounts: HashMap<&str, &super::existing::AccountRow> = existing
        .accounts
        .iter()
        .map(|a| (a.phone.as_str(), a))
        .collect();

    let mut seen_members: HashMap<(Ref, String), u32> = HashMap::new();
    let mut seen_phones: HashMap<String, (Ref, u32)> = HashMap::new();
    let mut matched: HashSet<i64> = HashSet::new();
    let mut households_in_sheet: HashSet<Ref> = HashSet::new();

    for member in members {
        let problem = |field, problem| RowProblem {
            row: member.row,
            field: Some(field),
            problem,
        };
        let household = match places.household(&member.household, create_buildings) {
            Ok(household) => household,
            Err(found) => {
                problems.push(problem(Field::Building, found));
                continue;
            }
        };
        let key = (household, member.name.clone());
        if let Some(first) = seen_members.get(&key) {
            problems.push(problem(
                Field::Name,
                Problem::DuplicateMember { row: *first },
            ));
            continue;
        }
        if let Some(phone) = &member.phone {
            if let Some((other, row)) = seen_phones.get(phone) {
                if *other != household {
                    problems.push(problem(
                        Field::Phone,
                        Problem::DuplicatePhoneInSheet { row: *row },
                    ));
                    continue;
                }
            }
            let elsewhere = |id: i64| Ref::Existing(id) != household;
            let vouched = register_phones
                .get(phone.as_str())
                .into_iter()
                .flatten()
                .find(|m| elsewhere(m.household_id) && m.user_id.is_some() && m.name == member.name)
                .map(|m| m.household_id)
                .or_else(|| {
                    accounts
                        .get(phone.as_str())
                        .filter(|a| elsewhere(a.household_id) && a.name == member.name)
                        .map(|a| a.household_id)
                });
            if let Some(home) = vouched {
                let home = household_names.get(&home).cloned().unwrap_or_default();
                problems.push(problem(Field::Phone, Problem::VouchedElsewhere(home)));
                continue;
            }
            let other = register_phones
                .get(phone.as_str())
                .into_iter()
                .flatten()
                .map(|m| m.household_id)
                .chain(accounts.get(phone.as_str()).map(|a| a.household_id))
                .find(|id| elsewhere(*id));
            if let Some(home) = other {
                let home = household_names.get(&home).cloned().unwrap_or_default();
                problems.push(problem(Field::Phone, Problem::PhoneOfOtherHousehold(home)));
                continue;
            }
        }
        seen_members.insert(key, member.row);
        if let Some(phone) = &member.phone {
            seen_phones.insert(phone.clone(), (household, member.row));
        }
        households_in_sheet.insert(household);

        let on_register = match household {
            Ref::Existing(id) => register.get(&(id, member.name.as_str())).copied(),
            Ref::New(_) => None,
        };
        match on_register {
            Some(row) => {
                matched.insert(row.id);
                if row.phone == member.phone
                    && row.relation == member.relation
                    && row.care_tags == member.care_tags
                {
                    plan.summary.members_unchanged += 1;
                } else {
                    plan.summary.members_changed += 1;
                    plan.changed.push(ChangedMember {
                        id: row.id,
                        phone: member.phone,
                        relation: member.relation,
                        care_tags: member.care_tags,
                    });
                }
            }
            None => {
                plan.summary.members_created += 1;
                plan.members.push(NewMember {
                    household,
                    name: member.name,
                    phone: member.phone,
                    relation: member.relation,
                    care_tags: member.care_tags,
                });
            }
        }
    }

    problems.sort_by_key(|p| p.row);
    let skipped: HashSet<u32> = problems.iter().map(|p| p.row).collect();
    plan.summary.rows_read = rows_read;
    plan.summary.rows_skipped = skipped.len() as u32;
    plan.summary.households_in_sheet = households_in_sheet.len() as u32;
    plan.summary.members_left_alone = (existing.members.len() - matched.len()) as u32;
    plan.missing_buildings = places.missing.iter().cloned().collect();
    plan.missing_buildings.sort();
    plan.problems = problems;
    plan.grids = places.grids;
    plan.buildings = places.buildings;
    plan.units = places.units;
    plan.households = places.households;
    let used = plan.used();
    plan.summary.households_created = used.households.len() as u32;
    plan.summary.units_created = used.units.len() as u32;
    plan.summary.buildings_created = used.buildings.len() as u32;
    plan
}

/// The new places some new member lives in: a row skipped for a problem leaves its planned
/// household (and unit, building) unused, and those are not created.
#[derive(Debug, Default)]
pub struct Used {
    pub grids: HashSet<usize>,
    pub buildings: HashSet<usize>,
    pub units: HashSet<usize>,
    pub households: HashSet<usize>,
}

impl Plan {
    pub fn used(&self) -> Used {
        let mut used = Used::default();
        let new = |r: Ref| match r {
            Ref::New(i) => Some(i),
            Ref::Existing(_) => None,
        };
        for member in &self.members {
            let Some(h) = new(member.household) else {
                continue;
            };
            used.households.insert(h);
            let Some(u) = new(self.households[h].unit) else {
                continue;
            };
            used.units.insert(u);
            let Some(b) = new(self.units[u].building) else {
                continue;
            };
            used.buildings.insert(b);
            if let Some(g) = new(self.buildings[b].grid) {
                used.grids.insert(g);
            }
        }
        used
    }
}

/// The community's places by their compared keys, and those the plan adds.
struct Places<'a> {
    existing: &'a Existing,
    sole_estate: Option<String>,
    grids: Vec<NewGrid>,
    buildings: Vec<NewBuilding>,
    units: Vec<NewUnit>,
    households: Vec<NewHousehold>,
    unit_index: HashMap<(Ref, String), Ref>,
    household_index: HashMap<(Ref, String), Ref>,
    missing: HashSet<String>,
}

impl<'a> Places<'a> {
    fn new(existing: &'a Existing) -> Self {
        let estates: HashSet<&str> = existing
            .buildings
            .iter()
            .map(|b| b.estate.as_str())
            .collect();
        let unit_index = existing
            .units
            .iter()
            .map(|u| {
                (
                    (Ref::Existing(u.building_id), names::unit_key(&u.name)),
                    Ref::Existing(u.id),
                )
            })
            .collect();
        let household_index = existing
            .households
            .iter()
            .map(|h| {
                (
                    (Ref::Existing(h.unit_id), names::room(&h.door)),
                    Ref::Existing(h.id),
                )
            })
            .collect();
        Self {
            existing,
            sole_estate: (estates.len() == 1)
                .then(|| estates.into_iter().next().unwrap_or_default().to_owned()),
            grids: Vec::new(),
            buildings: Vec::new(),
            units: Vec::new(),
            households: Vec::new(),
            unit_index,
            household_index,
            missing: HashSet::new(),
        }
    }

    /// The household a row names, found or planned; a problem when its building is unknown
    /// (and not to be created) or ambiguous.
    fn household(
        &mut self,
        cells: &super::rows::HouseholdCells,
        create_buildings: bool,
    ) -> Result<Ref, Problem> {
        let building = self.building(cells, create_buildings)?;
        // A building without units (a sheet with no 单元 column) is one unit, 1单元.
        let unit_text = if cells.unit.is_empty() {
            "1"
        } else {
            cells.unit.as_str()
        };
        let unit_key = (building, names::unit_key(unit_text));
        let unit = match self.unit_index.get(&unit_key) {
            Some(unit) => *unit,
            None => {
                self.units.push(NewUnit {
                    building,
                    name: names::unit_name(unit_text),
                });
                let unit = Ref::New(self.units.len() - 1);
                self.unit_index.insert(unit_key, unit);
                unit
            }
        };
        let household_key = (unit, cells.room.clone());
        Ok(match self.household_index.get(&household_key) {
            Some(household) => *household,
            None => {
                self.households.push(NewHousehold {
                    unit,
                    door: cells.room.clone(),
                });
                let household = Ref::New(self.households.len() - 1);
                self.household_index.insert(household_key, household);
                household
            }
        })
    }

    fn building(
        &mut self,
        cells: &super::rows::HouseholdCells,
        create_buildings: bool,
    ) -> Result<Ref, Problem> {
        let key = names::building_key(&cells.building);
        let estate = names::estate_key(&cells.estate);
        let found: Vec<i64> = self
            .existing
            .buildings
            .iter()
            .filter(|b| names::building_key(&b.name) == key)
            .filter(|b| estate.is_empty() || names::estate_key(&b.estate) == estate)
            .map(|b| b.id)
            .collect();
        match found.as_slice() {
            [id] => return Ok(Ref::Existing(*id)),
            [] => {}
            _ => return Err(Problem::AmbiguousBuilding(cells.building.clone())),
        }
        let planned = NewBuilding {
            grid: Ref::New(usize::MAX),
            estate: if cells.estate.is_empty() {
                self.sole_estate.clone().unwrap_or_default()
            } else {
                cells.estate.trim().to_owned()
            },
            name: names::building_name(&cells.building),
        };
        let display = planned.display();
        self.missing.insert(display.clone());
        if !create_buildings {
            return Err(Problem::UnknownBuilding(display));
        }
        if let Some(index) = self.buildings.iter().position(|b| b.display() == display) {
            return Ok(Ref::New(index));
        }
        let grid = self.grid(&cells.grid);
        self.buildings.push(NewBuilding { grid, ..planned });
        Ok(Ref::New(self.buildings.len() - 1))
    }

    /// The grid a new building goes into: the one the sheet names (loosely), a new one of
    /// that name, or the community's first grid when the sheet has none.
    fn grid(&mut self, name: &str) -> Ref {
        if let Some(grid) = self
            .existing
            .grids
            .iter()
            .find(|g| names::grid_matches(name, &g.name))
        {
            return Ref::Existing(grid.id);
        }
        if name.trim().is_empty() {
            if let Some(first) = self.existing.grids.first() {
                return Ref::Existing(first.id);
            }
        }
        let name = if name.trim().is_empty() {
            "网格"
        } else {
            name.trim()
        };
        if let Some(index) = self.grids.iter().position(|g| g.name == name) {
            return Ref::New(index);
        }
        self.grids.push(NewGrid {
            name: name.to_owned(),
        });
        Ref::New(self.grids.len() - 1)
    }
}
