//! One 台账 sheet written with rust_xlsxwriter, the way Excel and WPS open it without fuss: a
//! title row (the community, what, the range), a bold header row frozen above the data,
//! column widths for Chinese text, times as real Excel dates in Asia/Shanghai, numbers as
//! numbers. And the HTTP answer that carries it: a Chinese file name with an ASCII fallback.

use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use crate::platform::error::{AppError, Result};
use crate::platform::lang::Lang;
use crate::platform::shanghai::OFFSET_MS;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A column: its header and width in characters (a Chinese character counts about two).
pub struct Column {
    pub header: &'static str,
    pub width: f64,
}

/// The columns of a sheet in `lang`, from (Chinese header, English header, width) each.
pub fn columns(lang: Lang, named: &[(&'static str, &'static str, f64)]) -> Vec<Column> {
    named
        .iter()
        .map(|&(zh, en, width)| Column {
            header: lang.pick(zh, en),
            width,
        })
        .collect()
}

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Shown with one decimal (hours).
    Decimal(f64),
    /// A share shown as a percentage (0.375 → 37.5%).
    Percent(f64),
    /// Epoch ms, shown as a date and time in Asia/Shanghai.
    Time(i64),
    Empty,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Cell::Text(text.into())
    }

    pub fn time(at: Option<i64>) -> Self {
        at.map_or(Cell::Empty, Cell::Time)
    }
}

/// The workbook's bytes: `title` over the header, then `rows`.
pub fn workbook(
    sheet_name: &str,
    title: &str,
    columns: &[Column],
    rows: &[Vec<Cell>],
) -> Result<Vec<u8>> {
    write(sheet_name, title, columns, rows).map_err(|e| AppError::internal(format!("xlsx: {e}")))
}

fn write(
    sheet_name: &str,
    title: &str,
    columns: &[Column],
    rows: &[Vec<Cell>],
) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name)?;
    let title_format = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_background_color("#EAF1E8")
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let decimal = Format::new().set_num_format("0.0");
    let percent = Format::new().set_num_format("0.0%");
    let last = columns.len().saturating_sub(1) as u16;
    if last > 0 {
        sheet.merge_range(0, 0, 0, last, title, &title_format)?;
    } else {
        sheet.write_string_with_format(0, 0, title, &title_format)?;
    }
    sheet.set_row_height(0, 24)?;
    for (col, column) in columns.iter().enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, column.width)?;
        sheet.write_string_with_format(1, col, column.header, &header)?;
    }
    // The title and the header stay in view while scrolling.
    sheet.set_freeze_panes(2, 0)?;
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 2;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(text) => {
                    sheet.write_string(r, col, text)?;
                }
                Cell::Int(n) => {
                    sheet.write_number(r, col, *n as f64)?;
                }
                Cell::Decimal(x) => {
                    sheet.write_number_with_format(r, col, *x, &decimal)?;
                }
                Cell::Percent(x) => {
                    sheet.write_number_with_format(r, col, *x, &percent)?;
                }
                Cell::Time(at) => {
                    let local = ExcelDateTime::from_timestamp((at + OFFSET_MS).div_euclid(1000))?;
                    sheet.write_datetime_with_format(r, col, &local, &time)?;
                }
                Cell::Empty => {}
            }
        }
    }
    book.save_to_buffer()
}

/// The file as a download: `name` in Chinese (`filename*`, RFC 5987) with `ascii` for
/// clients that read only `filename`; never cached (it holds residents' details).
pub fn download(bytes: Vec<u8>, name: &str, ascii: &str) -> Response {
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        percent_encode(name)
    );
    (
        [
            (CONTENT_TYPE, XLSX.to_owned()),
            (CONTENT_DISPOSITION, disposition),
            (CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// RFC 5987 `attr-char`s as they are, every other byte of the UTF-8 as `%XX`.
fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte);
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_file_names_are_percent_encoded() {
        assert_eq!(percent_encode("台账 1.xlsx"), "%E5%8F%B0%E8%B4%A6%201.xlsx");
    }
}
