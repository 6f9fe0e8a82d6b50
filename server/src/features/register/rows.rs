//! The sheet's rows below the header as members of households, the way offices fill them in:
//! building, unit and room are written on a household's first row only (merged cells) and the
//! rows below belong to it until the next filled room; a blank row ends a block; title, footer
//! (制表人 / 审核) and note rows are passed over. Each row's own problems are found here; the
//! ones that need the database (unknown building, phones of other households) in `plan`.

use linli_api_types::{InvalidValue, PersonName, Phone};

use super::columns::{Columns, Field};
use super::names;
use super::problems::Problem;
use super::sheet::SheetRow;

pub const RELATION_MAX_CHARS: usize = 10;
const PLACE_MAX_CHARS: usize = 30;

/// The household cells of a row, written or carried down.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HouseholdCells {
    pub grid: String,
    pub estate: String,
    pub building: String,
    pub unit: String,
    pub room: String,
}

#[derive(Debug, Clone)]
pub struct SheetMember {
    pub row: u32,
    pub household: HouseholdCells,
    pub name: String,
    pub phone: Option<String>,
    pub relation: String,
    pub care_tags: String,
}

/// A problem at a row and column.
#[derive(Debug, Clone)]
pub struct RowProblem {
    pub row: u32,
    pub field: Option<Field>,
    pub problem: Problem,
}

pub struct Parsed {
    pub members: Vec<SheetMember>,
    pub problems: Vec<RowProblem>,
    /// Member rows read, good or not.
    pub rows_read: u32,
}

pub fn parse(rows: &[SheetRow], columns: &Columns) -> Parsed {
    let mut parsed = Parsed {
        members: Vec::new(),
        problems: Vec::new(),
        rows_read: 0,
    };
    let mut current: Option<HouseholdCells> = None;
    let mut previous = rows[columns.header_index].number;
    for row in &rows[columns.header_index + 1..] {
        // A blank row ends a block: written as empty cells, or skipped by the CSV reader
        // (an empty line), which shows as a gap in the row numbers.
        let gap = row.number > previous + 1;
        previous = row.number;
        if gap {
            current = None;
        }
        if row.cells.iter().all(|cell| cell.is_empty()) {
            current = None;
            continue;
        }
        let cell = |field| columns.cell(row, field).trim();
        let (name, room, phone) = (cell(Field::Name), cell(Field::Room), cell(Field::Phone));
        if name.is_empty() && room.is_empty() && phone.is_empty() {
            // A footer (制表人：许各利), a note, a subtotal: not a member.
            continue;
        }
        parsed.rows_read += 1;
        let mut problems = Vec::new();
        let mut problem = |field, problem| {
            problems.push(RowProblem {
                row: row.number,
                field,
                problem,
            })
        };

        let household = if !room.is_empty() {
            let carried = current.clone().unwrap_or_default();
            let pick = |field, carried: String| {
                let written = cell(field);
                if written.is_empty() {
                    carried
                } else {
                    written.to_owned()
                }
            };
            let cells = HouseholdCells {
                grid: pick(Field::Grid, carried.grid),
                estate: pick(Field::Estate, carried.estate),
                building: pick(Field::Building, carried.building),
                unit: pick(Field::Unit, carried.unit),
                room: names::room(room),
            };
            if cells.building.is_empty() {
                problem(Some(Field::Building), Problem::RoomWithoutBuilding);
                current = None;
                None
            } else {
                current = Some(cells.clone());
                Some(cells)
            }
        } else if !cell(Field::Building).is_empty() || current.is_none() {
            problem(Some(Field::Room), Problem::MissingRoom);
            None
        } else {
            current.clone()
        };
        if let Some(cells) = &household {
            for (field, text) in [
                (Field::Grid, &cells.grid),
                (Field::Estate, &cells.estate),
                (Field::Building, &cells.building),
                (Field::Unit, &cells.unit),
                (Field::Room, &cells.room),
            ] {
                if text.chars().count() > PLACE_MAX_CHARS {
                    problem(
                        Some(field),
                        Problem::TooLong {
                            max: PLACE_MAX_CHARS,
                        },
                    );
                }
            }
        }

        let name = if name.is_empty() {
            problem(Some(Field::Name), Problem::MissingName);
            None
        } else {
            match PersonName::parse(name) {
                Ok(name) => Some(name.as_str().to_owned()),
                Err(_) => {
                    problem(Some(Field::Name), Problem::BadName);
                    None
                }
            }
        };
        let phone = match Phone::parse(phone) {
            Ok(phone) => Some(phone.as_str().to_owned()),
            Err(InvalidValue::Empty) => None,
            Err(_) => {
                problem(Some(Field::Phone), Problem::BadPhone(phone.to_owned()));
                None
            }
        };
        let relation = cell(Field::Relation).to_owned();
        if relation.chars().count() > RELATION_MAX_CHARS {
            problem(
                Some(Field::Relation),
                Problem::TooLong {
                    max: RELATION_MAX_CHARS,
                },
            );
        }
        let care_tags = names::care_tags(cell(Field::Care));

        match (household, name) {
            (Some(household), Some(name)) if problems.is_empty() => {
                parsed.members.push(SheetMember {
                    row: row.number,
                    household,
                    name,
                    phone,
                    relation,
                    care_tags,
                })
            }
            _ => parsed.problems.extend(problems),
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_after_a_blank_line_needs_its_building() {
        let rows = super::super::sheet::read("楼栋,房号,姓名\n3栋,101,甲\n\n,102,乙\n".as_bytes())
            .unwrap();
        let columns = super::super::columns::find(&rows).unwrap();
        let parsed = parse(&rows, &columns);
        let numbers: Vec<u32> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 4]);
        assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
        assert_eq!(parsed.problems[0].row, 4);
    }
}
