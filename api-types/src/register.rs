//! The household register 住户花名册 for staff (importing the community's sheet) and the
//! register progress 加入进度 staff and heads follow (已加入 312 / 416 户, and the households
//! a head has still to knock on).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ScopeKind;

/// Largest sheet the import takes, in bytes: a 1,125-member XLSX is about 60 KB, a CSV less.
pub const REGISTER_UPLOAD_MAX_BYTES: usize = 4 * 1024 * 1024;
/// The import's `file_name` is shown back in the recent imports; longer names are cut.
pub const REGISTER_FILE_NAME_MAX_CHARS: usize = 100;
/// Care tags the import recognises in a 备注 or 照护标签 column; other notes are not stored.
pub const CARE_TAGS: [&str; 8] = [
    "高龄", "独居", "空巢", "残疾", "低保", "特困", "失能", "优抚",
];

/// What a dry run (`commit=false`) would do, or what a commit did.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterImportReport {
    /// False for a dry run (预检): nothing was written.
    pub committed: bool,
    pub file_name: String,
    /// Rows that are (or were) skipped, and why, in the request's language.
    pub problems: Vec<RegisterProblem>,
    pub summary: RegisterImportSummary,
    /// Buildings the sheet names that the community does not have ("华盛世纪新城 7栋"): created
    /// only when `create_buildings` is set, otherwise a problem of each of their rows.
    pub new_buildings: Vec<String>,
    /// Columns the import read past without storing, such as 身份证号 (identity numbers are
    /// never stored by Linli).
    pub ignored_columns: Vec<String>,
}

/// One problem of one row.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterProblem {
    /// The row number as the sheet shows it (1 = the first row of the file).
    pub row: u32,
    /// The column's heading as the sheet has it ("联系电话"), or "" for the whole row.
    pub column: String,
    /// Stable: `unknown_building`, `ambiguous_building`, `room_without_building`,
    /// `missing_room`, `missing_name`, `bad_name`, `bad_phone`, `duplicate_phone_in_sheet`,
    /// `phone_of_other_household`, `duplicate_member`, `vouched_elsewhere`, `too_long`.
    pub code: String,
    /// What is wrong, in the request's language.
    pub message: String,
}

/// Counts of what an import would do (dry run) or did (commit).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterImportSummary {
    /// Member rows read (blank, title and footer rows not counted).
    pub rows_read: u32,
    /// Member rows skipped for a problem.
    pub rows_skipped: u32,
    /// Households the good rows name.
    pub households_in_sheet: u32,
    /// Of those, households (rooms) Linli did not have yet.
    pub households_created: u32,
    pub members_created: u32,
    /// Members already on the register whose phone, relation or care tags the sheet changes.
    pub members_changed: u32,
    /// Members already on the register exactly as the sheet has them.
    pub members_unchanged: u32,
    /// Members on the register that this sheet does not name: left as they are.
    pub members_left_alone: u32,
    pub buildings_created: u32,
    pub units_created: u32,
}

/// One import, as the recent imports list shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterImportRecord {
    pub id: i64,
    #[serde(deserialize_with = "crate::time::rfc3339")]
    pub imported_at: DateTime<Utc>,
    /// The staff member who committed it.
    pub by_name: String,
    pub file_name: String,
    pub summary: RegisterImportSummary,
}

/// How many households of a place have joined: "已加入 312 / 416 户". A household counts when
/// it is on the register or has an account; it has joined when one of its members has an
/// active account.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinProgress {
    pub kind: ScopeKind,
    pub id: i64,
    /// "井湘社区", "华盛世纪新城 第一网格", "华盛世纪新城 3栋", "华盛世纪新城 3栋 1单元".
    pub name: String,
    pub households: u32,
    pub joined: u32,
    /// Members on the register, and how many of them are on Linli.
    pub members: u32,
    pub members_joined: u32,
    /// The building the place is (or is in), whose unjoined households it links to; `None`
    /// for the community and grids.
    pub building_id: Option<i64>,
}

/// The progress the viewer may see: staff the whole community, a 网格长 their grid, a building
/// head their buildings, a unit head their units. Levels the viewer has no place at are empty.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisterProgress {
    /// Staff only.
    pub community: Option<JoinProgress>,
    pub grids: Vec<JoinProgress>,
    pub buildings: Vec<JoinProgress>,
    pub units: Vec<JoinProgress>,
}

/// A household of a building not on Linli yet, with the register's names, to knock on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnjoinedHousehold {
    pub household_id: i64,
    /// "1单元".
    pub unit: String,
    /// "801".
    pub room: String,
    pub members: Vec<UnjoinedMember>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnjoinedMember {
    pub name: String,
    /// 138****0011, or `None` when the register has no phone.
    pub phone_masked: Option<String>,
    pub relation: String,
    pub care_tags: Vec<String>,
}

/// The households of one building (or of the viewer's units in it) not on Linli yet, by unit
/// and room.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BuildingUnjoined {
    pub building_id: i64,
    pub building: String,
    pub households: Vec<UnjoinedHousehold>,
}
