//! Place names as sheets write them, reduced to keys that compare: 3栋 = 3号楼 = 3幢 = 3# = 3,
//! 1单元 = 1, 101室 = 101; and care notes (独居老人, 高龄（80岁以上）) reduced to care tags.

use linli_api_types::CARE_TAGS;

/// Spaces (ASCII and full-width) gone and full-width digits and letters made ASCII.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '＃' => '#',
            other => other,
        })
        .collect::<String>()
        .to_uppercase()
}

/// The key a building's name compares by: its name without the word for building.
pub fn building_key(name: &str) -> String {
    strip_suffixes(
        &plain(name),
        &["号楼", "栋楼", "栋", "幢", "号", "楼", "座", "#"],
    )
}

/// The key of a unit: 1单元 = 1.
pub fn unit_key(name: &str) -> String {
    strip_suffixes(&plain(name), &["单元", "门"])
}

/// A room as stored (`households.door`): 101室 = 101号 = 101.
pub fn room(name: &str) -> String {
    strip_suffixes(&plain(name), &["室", "号", "房"])
}

/// An estate (小区) as compared.
pub fn estate_key(name: &str) -> String {
    plain(name)
}

/// A grid's name as compared: 第二网格 matches "华盛世纪新城 第二网格".
pub fn grid_matches(sheet: &str, stored: &str) -> bool {
    let (sheet, stored) = (plain(sheet), plain(stored));
    !sheet.is_empty() && (stored == sheet || stored.ends_with(&sheet))
}

fn strip_suffixes(text: &str, suffixes: &[&str]) -> String {
    for suffix in suffixes {
        if let Some(rest) = text.strip_suffix(suffix) {
            if !rest.is_empty() {
                return rest.to_owned();
            }
        }
    }
    text.to_owned()
}

/// A unit's name as stored when the import creates it: "1" → "1单元".
pub fn unit_name(sheet: &str) -> String {
    let key = unit_key(sheet);
    if key.chars().all(|c| c.is_ascii_digit()) {
        format!("{key}单元")
    } else {
        sheet.trim().to_owned()
    }
}

/// A building's name as stored when the import creates it: "7" / "7号楼" → "7栋".
pub fn building_name(sheet: &str) -> String {
    let key = building_key(sheet);
    if key.chars().all(|c| c.is_ascii_digit()) {
        format!("{key}栋")
    } else {
        sheet.trim().to_owned()
    }
}

/// The care tags a note names, in `CARE_TAGS` order, comma-separated as stored. 80岁以上 is
/// 高龄 even where the word is missing; notes that are no tag are not kept.
pub fn care_tags(note: &str) -> String {
    let note = plain(note);
    CARE_TAGS
        .iter()
        .filter(|tag| note.contains(*tag) || (**tag == "高龄" && note.contains("80岁")))
        .copied()
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buildings_compare_loosely() {
        for name in ["3栋", "3号楼", "3幢", "3#", "3", " ３栋 ", "3号"] {
            assert_eq!(building_key(name), "3", "{name}");
        }
        assert_eq!(unit_key("1单元"), "1");
        assert_eq!(room("1502室"), "1502");
        assert_eq!(building_name("5号楼"), "5栋");
        assert_eq!(unit_name("2"), "2单元");
    }

    #[test]
    fn care_notes_become_tags() {
        assert_eq!(care_tags("高龄（80岁以上）"), "高龄");
        assert_eq!(care_tags("独居老人"), "独居");
        assert_eq!(care_tags("低保户，残疾"), "残疾,低保");
        assert_eq!(care_tags("喜欢下棋"), "");
        assert!(grid_matches("第二网格", "华盛世纪新城 第二网格"));
    }
}
