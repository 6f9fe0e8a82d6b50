//! Finding the header row by its column names (a title row or two usually sits above it) and
//! which column holds what. Headings are matched loosely: 联系电话, 手机号, 电话 are all the
//! phone; English headings (the template's second line of words) work too.

use super::sheet::SheetRow;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Grid,
    Estate,
    Building,
    Unit,
    Room,
    Name,
    Phone,
    Relation,
    Care,
    /// 身份证号: read past, never stored.
    IdNumber,
}

/// Headings of each field; a heading matches when it contains one of these (after removing
/// spaces), checked in this order so 联系电话 is the phone, not the name.
const HEADINGS: &[(Field, &[&str])] = &[
    (Field::IdNumber, &["身份证", "证件号", "idnumber", "idno"]),
    (Field::Relation, &["关系", "relation"]),
    (
        Field::Phone,
        &["电话", "手机", "联系方式", "phone", "mobile"],
    ),
    (Field::Grid, &["网格", "grid"]),
    (Field::Estate, &["小区", "estate"]),
    (Field::Unit, &["单元", "unit"]),
    (
        Field::Room,
        &["房号", "门牌", "户号", "房间", "室号", "room", "door"],
    ),
    (
        Field::Building,
        &["楼栋", "栋号", "楼号", "楼宇", "building"],
    ),
    (
        Field::Care,
        &["照护", "标签", "备注", "特殊人群", "care", "note"],
    ),
    (Field::Name, &["姓名", "名字", "name"]),
];

/// Where each field is, with the heading as the sheet writes it (for problems' `column`).
#[derive(Debug, Clone, Default)]
pub struct Columns {
    found: Vec<(Field, usize, String)>,
    /// Index of the header row in the rows read.
    pub header_index: usize,
}

impl Columns {
    pub fn index(&self, field: Field) -> Option<usize> {
        self.found
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, i, _)| *i)
    }

    /// The heading of `field` as the sheet has it, or the template's heading.
    pub fn heading(&self, field: Field) -> String {
        self.found
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, _, h)| h.clone())
            .unwrap_or_else(|| default_heading(field).to_owned())
    }

    pub fn has(&self, field: Field) -> bool {
        self.index(field).is_some()
    }

    /// The cell of `field` in `row`, "" when the column is absent or the row short.
    pub fn cell<'a>(&self, row: &'a SheetRow, field: Field) -> &'a str {
        self.index(field)
            .and_then(|i| row.cells.get(i))
            .map_or("", |cell| cell.as_str())
    }
}

/// The template's heading of each field.
pub fn default_heading(field: Field) -> &'static str {
    match field {
        Field::Grid => "网格",
        Field::Estate => "小区",
        Field::Building => "楼栋",
        Field::Unit => "单元",
        Field::Room => "房号",
        Field::Name => "姓名",
        Field::Phone => "联系电话",
        Field::Relation => "与户主关系",
        Field::Care => "照护标签",
        Field::IdNumber => "身份证号",
    }
}

fn field_of(heading: &str) -> Option<Field> {
    let key: String = heading
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    if key.is_empty() || key.chars().count() > 12 {
        return None;
    }
    HEADINGS
        .iter()
        .find(|(_, words)| words.iter().any(|word| key.contains(word)))
        .map(|(field, _)| *field)
}

/// The first row among the first 20 that names at least the member's name, the room and the
/// building: the header. `None` when no row does.
pub fn find(rows: &[SheetRow]) -> Option<Columns> {
    rows.iter().take(20).enumerate().find_map(|(index, row)| {
        let mut columns = Columns {
            header_index: index,
            ..Columns::default()
        };
        for (i, cell) in row.cells.iter().enumerate() {
            if let Some(field) = field_of(cell) {
                if !columns.has(field) {
                    columns.found.push((field, i, cell.trim().to_owned()));
                }
            }
        }
        (columns.has(Field::Name) && columns.has(Field::Room) && columns.has(Field::Building))
            .then_some(columns)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> SheetRow {
        SheetRow {
            number: 1,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn the_header_is_found_below_a_title_and_by_its_names() {
        let rows = [
            row(&["井湘社区 住户花名册（2026年11月更新）", "", ""]),
            row(&[
                "序号",
                "网格",
                "楼栋",
                "单元",
                "房号",
                "姓名",
                "与户主关系",
                "联系电话",
                "身份证号",
                "备注",
            ]),
        ];
        let columns = find(&rows).unwrap();
        assert_eq!(columns.header_index, 1);
        assert_eq!(columns.index(Field::Name), Some(5));
        assert_eq!(columns.index(Field::Relation), Some(6));
        assert_eq!(columns.index(Field::Phone), Some(7));
        assert_eq!(columns.index(Field::IdNumber), Some(8));
        assert_eq!(columns.index(Field::Care), Some(9));
        assert_eq!(columns.heading(Field::Phone), "联系电话");
    }
}
