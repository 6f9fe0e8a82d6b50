//! The register pages' words, zh-CN first and English (the seeds' words: 住户名册, 导入, 预检,
//! 已加入, 未加入, 户, 人). They load with the pages' chunk.

use crate::i18n::{use_i18n, Locale};

pub struct RegisterTexts {
    pub import_title: &'static str,
    pub import_intro: &'static str,
    pub template_download: &'static str,
    pub template_hint: &'static str,
    pub file_label: &'static str,
    pub file_none: &'static str,
    pub create_buildings: &'static str,
    pub dry_run: &'static str,
    pub dry_running: &'static str,
    pub commit: &'static str,
    pub committing: &'static str,
    pub pick_file_first: &'static str,
    pub dry_run_heading: &'static str,
    pub committed_heading: &'static str,
    pub commit_hint: &'static str,
    pub problems_heading: fn(u32) -> String,
    pub no_problems: &'static str,
    /// row, column
    pub problem_at: fn(u32, &str) -> String,
    pub summary_sheet: fn(u32, u32) -> String,
    pub summary_created: fn(u32, u32) -> String,
    pub summary_changed: fn(u32) -> String,
    pub summary_unchanged: fn(u32) -> String,
    pub summary_left_alone: fn(u32) -> String,
    pub summary_skipped: fn(u32) -> String,
    pub summary_places: fn(u32, u32) -> String,
    pub new_buildings: &'static str,
    pub id_numbers_ignored: fn(&str) -> String,
    pub recent_heading: &'static str,
    pub recent_none: &'static str,
    /// created, changed, skipped
    pub recent_counts: fn(u32, u32, u32) -> String,
    pub to_progress: &'static str,

    pub progress_title: &'static str,
    pub joined_of: fn(u32, u32) -> String,
    pub members_joined_of: fn(u32, u32) -> String,
    pub grids_heading: &'static str,
    pub buildings_heading: &'static str,
    pub units_heading: &'static str,
    pub progress_empty: &'static str,
    pub see_unjoined: &'static str,

    pub unjoined_title: &'static str,
    pub unjoined_count: fn(usize) -> String,
    pub unjoined_none: &'static str,
    pub no_phone: &'static str,
    pub room: fn(&str, &str) -> String,

    pub links_label: &'static str,
    pub link_register: &'static str,
    pub link_progress: &'static str,
}

/// "1 household" / "2 households".
fn count(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub const ZH: RegisterTexts = RegisterTexts {
    import_title: "住户名册",
    import_intro: "从表格导入社区的住户花名册：先预检，看清每一行的问题和将要做的变动，再导入。重复导入同一张表不会改动任何数据。",
    template_download: "下载模板",
    template_hint: "列：网格、小区、楼栋、单元、房号、姓名、联系电话、与户主关系、照护标签。身份证号不要填，邻里不保存。",
    file_label: "选择表格文件（.xlsx 或 .csv）",
    file_none: "还没有选择文件",
    create_buildings: "同时新建表格中社区还没有的楼栋",
    dry_run: "预检",
    dry_running: "正在预检…",
    commit: "导入",
    committing: "正在导入…",
    pick_file_first: "请先选择表格文件",
    dry_run_heading: "预检结果（尚未导入）",
    committed_heading: "已导入",
    commit_hint: "有问题的行会跳过，其余按上面的预检结果导入。",
    problems_heading: |n| format!("有问题的行（{n}）"),
    no_problems: "没有发现问题",
    problem_at: |row, column| {
        if column.is_empty() {
            format!("第{row}行")
        } else {
            format!("第{row}行 · {column}")
        }
    },
    summary_sheet: |people, households| format!("表格共 {people} 人，{households} 户"),
    summary_created: |people, households| format!("新增 {people} 人（新户 {households} 户）"),
    summary_changed: |n| format!("更新 {n} 人（电话、关系或照护标签）"),
    summary_unchanged: |n| format!("不变 {n} 人"),
    summary_left_alone: |n| format!("名册中不在本表的 {n} 人保持不变"),
    summary_skipped: |n| format!("跳过 {n} 行"),
    summary_places: |buildings, units| format!("新建楼栋 {buildings} 栋、单元 {units} 个"),
    new_buildings: "社区还没有的楼栋：",
    id_numbers_ignored: |column| format!("“{column}”一列已忽略：邻里不保存身份证号。"),
    recent_heading: "最近导入",
    recent_none: "还没有导入过",
    recent_counts: |created, changed, skipped| format!("新增 {created} 人 · 更新 {changed} 人 · 跳过 {skipped} 行"),
    to_progress: "查看加入进度",

    progress_title: "加入进度",
    joined_of: |joined, total| format!("已加入 {joined} / {total} 户"),
    members_joined_of: |joined, total| format!("名册 {total} 人，已加入 {joined} 人"),
    grids_heading: "各网格",
    buildings_heading: "各楼栋",
    units_heading: "我负责的单元",
    progress_empty: "名册里还没有住户。",
    see_unjoined: "查看未加入的住户",

    unjoined_title: "未加入的住户",
    unjoined_count: |n| format!("未加入 {n} 户"),
    unjoined_none: "这里的住户都已加入邻里。",
    no_phone: "无电话",
    room: |unit, room| format!("{unit} {room}室"),

    links_label: "住户名册与加入进度",
    link_register: "住户名册",
    link_progress: "加入进度",
};

pub const EN: RegisterTexts = RegisterTexts {
    import_title: "Household register",
    import_intro: "Import the community's household register from a sheet: check it first (预检) to see each row's problems and what would change, then import. Importing the same sheet again changes nothing.",
    template_download: "Download the template",
    template_hint: "Columns: grid, estate, building, unit, room, name, phone, relation to the householder, care tags. Leave out ID numbers: Linli does not store them.",
    file_label: "Choose the sheet (.xlsx or .csv)",
    file_none: "No file chosen yet",
    create_buildings: "Also create the buildings the community does not have yet",
    dry_run: "Check",
    dry_running: "Checking…",
    commit: "Import",
    committing: "Importing…",
    pick_file_first: "Choose the sheet first",
    dry_run_heading: "Check result (nothing imported yet)",
    committed_heading: "Imported",
    commit_hint: "Rows with problems are skipped; the rest is imported as checked above.",
    problems_heading: |n| format!("Rows with problems ({n})"),
    no_problems: "No problems found",
    problem_at: |row, column| {
        if column.is_empty() {
            format!("Row {row}")
        } else {
            format!("Row {row} · {column}")
        }
    },
    summary_sheet: |people, households| {
        format!("The sheet: {}, {}", count(people, "person", "people"), count(households, "household", "households"))
    },
    summary_created: |people, households| {
        format!("New: {} ({} new)", count(people, "person", "people"), count(households, "household", "households"))
    },
    summary_changed: |n| format!("Updated: {} (phone, relation or care tags)", count(n, "person", "people")),
    summary_unchanged: |n| format!("Unchanged: {}", count(n, "person", "people")),
    summary_left_alone: |n| format!("{} on the register but not in this sheet: left as they are", count(n, "person", "people")),
    summary_skipped: |n| format!("Skipped: {}", count(n, "row", "rows")),
    summary_places: |buildings, units| {
        format!("New buildings: {}; new units: {}", buildings, units)
    },
    new_buildings: "Buildings the community does not have:",
    id_numbers_ignored: |column| format!("The “{column}” column was ignored: Linli does not store ID numbers."),
    recent_heading: "Recent imports",
    recent_none: "Nothing imported yet",
    recent_counts: |created, changed, skipped| {
        format!(
            "{} new · {} updated · {} skipped",
            count(created, "person", "people"),
            count(changed, "person", "people"),
            count(skipped, "row", "rows")
        )
    },
    to_progress: "See who has joined",

    progress_title: "Joining progress",
    joined_of: |joined, total| format!("Joined: {joined} of {}", count(total, "household", "households")),
    members_joined_of: |joined, total| format!("{} on the register, {joined} joined", count(total, "person", "people")),
    grids_heading: "Grids",
    buildings_heading: "Buildings",
    units_heading: "My units",
    progress_empty: "No households on the register yet.",
    see_unjoined: "See the households not on Linli",

    unjoined_title: "Not joined yet",
    unjoined_count: |n| format!("Not joined: {}", count(n as u32, "household", "households")),
    unjoined_none: "Every household here has joined Linli.",
    no_phone: "No phone",
    room: |unit, room| format!("{unit}, room {room}"),

    links_label: "Household register and joining progress",
    link_register: "Household register",
    link_progress: "Joining progress",
};

pub fn texts() -> &'static RegisterTexts {
    match use_i18n().locale() {
        Locale::Zh => &ZH,
        Locale::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_counts_are_singular_for_one() {
        assert_eq!((EN.joined_of)(1, 1), "Joined: 1 of 1 household");
        assert_eq!((EN.joined_of)(312, 416), "Joined: 312 of 416 households");
        assert_eq!((EN.summary_skipped)(1), "Skipped: 1 row");
        assert_eq!((ZH.joined_of)(312, 416), "已加入 312 / 416 户");
    }
}
