//! The uploaded file as rows of cell texts, whatever it came as: XLSX (or the older XLS) read
//! with calamine, or CSV as Excel saves it in China (GBK) or as UTF-8 with a BOM, read with the
//! csv crate after encoding_rs has decoded it. The content decides, never the file name: a
//! phone's file picker often hands over names without an extension.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};

/// A row of the sheet with its number as the sheet shows it (1 = the file's first row).
#[derive(Debug, Clone)]
pub struct SheetRow {
    pub number: u32,
    pub cells: Vec<String>,
}

/// Why the upload is not a sheet the import can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// Binary that is neither a workbook nor text (a photo, a PDF…), or a workbook calamine
    /// cannot open.
    NotASheet,
    /// Nothing in it.
    Empty,
}

/// ZIP (XLSX) and OLE2 (XLS) signatures.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

pub fn read(bytes: &[u8]) -> Result<Vec<SheetRow>, Unreadable> {
    if bytes.is_empty() {
        return Err(Unreadable::Empty);
    }
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC) {
        return read_workbook(bytes);
    }
    read_csv(&decode_text(bytes)?)
}

/// The first worksheet's cells. Its numbers come as floats (a phone typed as a number is
/// 13800000001.0): whole ones are written without a decimal point.
fn read_workbook(bytes: &[u8]) -> Result<Vec<SheetRow>, Unreadable> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|_| Unreadable::NotASheet)?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or(Unreadable::Empty)?
        .map_err(|_| Unreadable::NotASheet)?;
    let Some((first_row, first_col)) = range.start() else {
        return Err(Unreadable::Empty);
    };
    Ok(range
        .rows()
        .enumerate()
        .map(|(index, row)| {
            // Columns left of the used range are blank: keep positions as the sheet has them.
            let mut cells = vec![String::new(); first_col as usize];
            cells.extend(row.iter().map(cell_text));
            SheetRow {
                number: first_row + index as u32 + 1,
                cells,
            }
        })
        .collect())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string().trim().to_owned(),
    }
}

/// UTF-8 with a BOM → UTF-8; valid UTF-8 → UTF-8; anything else is GBK (Excel's "CSV" in a
/// Chinese Windows). Text with NUL bytes or undecodable bytes is not a sheet.
fn decode_text(bytes: &[u8]) -> Result<String, Unreadable> {
    if bytes.contains(&0) {
        return Err(Unreadable::NotASheet);
    }
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return String::from_utf8(rest.to_vec()).map_err(|_| Unreadable::NotASheet);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Unreadable::NotASheet);
    }
    Ok(text.into_owned())
}

/// Rows numbered as Excel would show them: a record's first line (a quoted cell may span
/// lines).
fn read_csv(text: &str) -> Result<Vec<SheetRow>, Unreadable> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let (mut lines_before, mut counted_to) = (0u32, 0usize);
    for record in reader.records() {
        let record = record.map_err(|_| Unreadable::NotASheet)?;
        // The csv crate skips empty lines and does not always count them in its line
        // numbers: count the newlines before the record's first byte instead.
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let start = start
            + text[start..]
                .bytes()
                .take_while(|b| *b == b'\n' || *b == b'\r')
                .count();
        // Counted on from the previous record's start, so a long sheet is read in one pass.
        lines_before += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u32;
        counted_to = start;
        let number = lines_before + 1;
        rows.push(SheetRow {
            number,
            cells: record.iter().map(|cell| cell.trim().to_owned()).collect(),
        });
    }
    if rows.is_empty() {
        return Err(Unreadable::Empty);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_csv_is_decoded_and_bom_csv_too() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,房号\n王秀英,1502\n");
        let rows = read(&gbk).unwrap();
        assert_eq!(rows[1].cells, ["王秀英", "1502"]);
        assert_eq!(rows[1].number, 2);
        let mut bom = UTF8_BOM.to_vec();
        bom.extend_from_slice("姓名,房号\n王秀英,1502\n".as_bytes());
        assert_eq!(read(&bom).unwrap()[0].cells, ["姓名", "房号"]);
    }

    #[test]
    fn binary_is_not_a_sheet() {
        assert_eq!(
            read(b"\x89PNG\r\n\x1a\n\0\0").unwrap_err(),
            Unreadable::NotASheet
        );
        assert_eq!(
            read(b"PK\x03\x04garbage").unwrap_err(),
            Unreadable::NotASheet
        );
        assert_eq!(read(b"").unwrap_err(), Unreadable::Empty);
    }
}
