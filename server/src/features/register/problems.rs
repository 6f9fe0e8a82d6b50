//! What can be wrong with a row of the sheet, in both languages, and the import's refusals of
//! a whole upload.

use axum::http::StatusCode;
use linli_api_types::RegisterProblem;

use crate::platform::error::Refusal;
use crate::platform::lang::Lang;

/// A problem of one row: the row is skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    UnknownBuilding(String),
    /// The building's number is in more than one estate and the sheet has no 小区 column.
    AmbiguousBuilding(String),
    RoomWithoutBuilding,
    MissingRoom,
    MissingName,
    BadName,
    BadPhone(String),
    /// The same phone on an earlier row, of another household.
    DuplicatePhoneInSheet {
        row: u32,
    },
    /// The phone is on the register (or an account) of another household.
    PhoneOfOtherHousehold(String),
    /// The same name twice in one household.
    DuplicateMember {
        row: u32,
    },
    /// The name and phone vouch for an account of another household: not moved.
    VouchedElsewhere(String),
    TooLong {
        max: usize,
    },
}

impl Problem {
    pub fn code(&self) -> &'static str {
        match self {
            Problem::UnknownBuilding(_) => "unknown_building",
            Problem::AmbiguousBuilding(_) => "ambiguous_building",
            Problem::RoomWithoutBuilding => "room_without_building",
            Problem::MissingRoom => "missing_room",
            Problem::MissingName => "missing_name",
            Problem::BadName => "bad_name",
            Problem::BadPhone(_) => "bad_phone",
            Problem::DuplicatePhoneInSheet { .. } => "duplicate_phone_in_sheet",
            Problem::PhoneOfOtherHousehold(_) => "phone_of_other_household",
            Problem::DuplicateMember { .. } => "duplicate_member",
            Problem::VouchedElsewhere(_) => "vouched_elsewhere",
            Problem::TooLong { .. } => "too_long",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::UnknownBuilding(b), Lang::Zh) => {
                format!("社区没有“{b}”：请核对楼栋名，或勾选“同时新建楼栋”")
            }
            (Problem::UnknownBuilding(b), Lang::En) => format!(
                "The community has no building “{b}”: check its name, or tick “also create the new buildings”"
            ),
            (Problem::AmbiguousBuilding(b), Lang::Zh) => {
                format!("多个小区都有“{b}”：请加一列“小区”")
            }
            (Problem::AmbiguousBuilding(b), Lang::En) => {
                format!("More than one estate has a building “{b}”: add an estate (小区) column")
            }
            (Problem::RoomWithoutBuilding, Lang::Zh) => "有房号但没有楼栋".into(),
            (Problem::RoomWithoutBuilding, Lang::En) => "A room without a building".into(),
            (Problem::MissingRoom, Lang::Zh) => "没有房号，也不在上一户之下".into(),
            (Problem::MissingRoom, Lang::En) => {
                "No room, and no household above it to belong to".into()
            }
            (Problem::MissingName, Lang::Zh) => "缺少姓名".into(),
            (Problem::MissingName, Lang::En) => "The name is missing".into(),
            (Problem::BadName, Lang::Zh) => "姓名太长或含有无法显示的字符".into(),
            (Problem::BadName, Lang::En) => {
                "The name is too long or has characters that cannot be shown".into()
            }
            (Problem::BadPhone(p), Lang::Zh) => format!("“{p}”不是11位手机号"),
            (Problem::BadPhone(p), Lang::En) => format!("“{p}” is not an 11-digit mobile number"),
            (Problem::DuplicatePhoneInSheet { row }, Lang::Zh) => {
                format!("与第{row}行（另一户）的电话重复")
            }
            (Problem::DuplicatePhoneInSheet { row }, Lang::En) => {
                format!("The same phone as row {row}, of another household")
            }
            (Problem::PhoneOfOtherHousehold(home), Lang::Zh) => {
                format!("这个电话已登记在另一户（{home}）")
            }
            (Problem::PhoneOfOtherHousehold(home), Lang::En) => {
                format!("This phone is already another household's ({home})")
            }
            (Problem::DuplicateMember { row }, Lang::Zh) => format!("与第{row}行同户同名"),
            (Problem::DuplicateMember { row }, Lang::En) => {
                format!("The same name in the same household as row {row}")
            }
            (Problem::VouchedElsewhere(home), Lang::Zh) => format!(
                "此人已凭名册在{home}加入邻里，导入不会把他移到别户；如确已搬家，请在居民管理中处理"
            ),
            (Problem::VouchedElsewhere(home), Lang::En) => format!(
                "This person joined Linli through the register at {home}; an import does not move them to another household"
            ),
            (Problem::TooLong { max }, Lang::Zh) => format!("太长了（最多{max}个字）"),
            (Problem::TooLong { max }, Lang::En) => format!("Too long (at most {max} characters)"),
        }
    }

    pub fn wire(&self, row: u32, column: String, lang: Lang) -> RegisterProblem {
        RegisterProblem {
            row,
            column,
            code: self.code().into(),
            message: self.message(lang),
        }
    }
}

/// Refusals of the whole upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportRefusal {
    /// Not XLSX, XLS or CSV text (a photo, a PDF), or a damaged workbook.
    NotASheet,
    /// No row names the columns 姓名, 楼栋 and 房号.
    NoHeader,
    Empty,
}

impl Refusal for ImportRefusal {
    fn status(&self) -> StatusCode {
        StatusCode::UNPROCESSABLE_ENTITY
    }

    fn code(&self) -> &'static str {
        match self {
            ImportRefusal::NotASheet => "not_a_sheet",
            ImportRefusal::NoHeader => "no_header",
            ImportRefusal::Empty => "empty_sheet",
        }
    }

    fn title(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            ImportRefusal::NotASheet => (
                "这不是表格文件：请选择 Excel（.xlsx）或 CSV 文件",
                "This is not a sheet: choose an Excel (.xlsx) or CSV file",
            ),
            ImportRefusal::NoHeader => (
                "没有找到表头：表格中要有“楼栋”“房号”“姓名”这几列",
                "No header row found: the sheet needs the columns 楼栋 (building), 房号 (room) and 姓名 (name)",
            ),
            ImportRefusal::Empty => ("文件是空的", "The file is empty"),
        };
        lang.pick(zh, en).into()
    }
}
