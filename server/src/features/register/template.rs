//! The template sheet staff download to fill in (住户花名册模板.xlsx), written with
//! rust_xlsxwriter: the header the import looks for, two example rows of one household (the
//! second row leaves the household's cells blank, as merged cells do), and a note row.

use rust_xlsxwriter::{Color, Format, Workbook, XlsxError};

use crate::platform::error::{AppError, Result};

pub const FILE_NAME: &str = "住户花名册模板.xlsx";

const HEADER: [&str; 9] = [
    "网格",
    "小区",
    "楼栋",
    "单元",
    "房号",
    "姓名",
    "联系电话",
    "与户主关系",
    "照护标签",
];
const EXAMPLES: [[&str; 9]; 2] = [
    [
        "第一网格",
        "华盛世纪新城",
        "3栋",
        "1单元",
        "801",
        "黄桂兰",
        "",
        "户主",
        "高龄,独居",
    ],
    ["", "", "", "", "", "李建军", "13812340099", "子女", ""],
];
const NOTE: &str = "说明：一行一人；同一户的第二人起楼栋、单元、房号可以留空。电话可不填。\
照护标签可填：高龄、独居、空巢、残疾、低保、特困、失能、优抚，用逗号隔开。\
请不要填写身份证号：邻里不保存身份证号。导入前请删除这两行示例和本说明。";

pub fn xlsx() -> Result<Vec<u8>> {
    write().map_err(AppError::internal)
}

fn write() -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // Text, so that Excel and WPS keep phones and rooms as typed (no 1.38E+10, no lost zeros).
    let text = Format::new().set_num_format("@");
    let bold = Format::new().set_bold().set_num_format("@");
    let note = Format::new()
        .set_text_wrap()
        .set_font_color(Color::RGB(0x595959));
    let sheet = workbook.add_worksheet();
    sheet.set_name("住户花名册")?;
    for (col, heading) in HEADER.iter().enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, if col == 1 || col == 8 { 16 } else { 12 })?;
        sheet.set_column_format(col, &text)?;
        sheet.write_string_with_format(0, col, *heading, &bold)?;
    }
    for (row, cells) in EXAMPLES.iter().enumerate() {
        for (col, cell) in cells.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string_with_format(row as u32 + 1, col as u16, *cell, &text)?;
            }
        }
    }
    sheet.merge_range(4, 0, 4, 8, NOTE, &note)?;
    sheet.set_row_height(4, 90)?;
    workbook.save_to_buffer()
}
