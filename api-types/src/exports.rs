//! 台账导出: the spreadsheets staff hand in, for their own community only.
//! `GET /exports/{kind}.xlsx?from=YYYY-MM-DD&to=YYYY-MM-DD` (days in Asia/Shanghai, both
//! included) answers an XLSX file.

/// The longest range one export covers: a year and a day, so a 台账 for a calendar year fits.
pub const EXPORT_RANGE_MAX_DAYS: i64 = 366;
/// At most this many rows in one sheet; a larger range is refused with the count, so a
/// download never grows without bound (the file is built in memory).
pub const EXPORT_ROWS_MAX: i64 = 20_000;

/// Which 台账.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportKind {
    /// 志愿服务时长与积分: per volunteer, tasks and orders credited in the range.
    Volunteers,
    /// 服务订单与评价: orders placed in the range, with their ratings.
    Orders,
    /// 通知阅读率: notices published in the range, households read / reached.
    Notices,
}

impl ExportKind {
    pub const ALL: [ExportKind; 3] = [
        ExportKind::Volunteers,
        ExportKind::Orders,
        ExportKind::Notices,
    ];

    /// The path segment: `/api/v1/exports/volunteers.xlsx`.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportKind::Volunteers => "volunteers",
            ExportKind::Orders => "orders",
            ExportKind::Notices => "notices",
        }
    }

    /// The file's name without the range: 志愿服务时长积分台账.
    pub fn title_zh(self) -> &'static str {
        match self {
            ExportKind::Volunteers => "志愿服务时长积分台账",
            ExportKind::Orders => "服务订单评价台账",
            ExportKind::Notices => "通知阅读率台账",
        }
    }
}
