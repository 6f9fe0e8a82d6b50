//! The household register import (住户花名册) and register progress (加入进度): the GBK sample
//! sheet, a UTF-8 CSV with a BOM, an XLSX, every kind of bad row, re-imports that change
//! nothing, updates, files that are no sheet, and who sees which progress.

use linli_api_types::{
    BuildingUnjoined, RegisterImportRecord, RegisterImportReport, RegisterProgress,
};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

const SAMPLE_GBK: &[u8] = include_bytes!("../fixtures/register/sample-gbk.csv");

/// A register row as stored, for comparing before and after.
type Stored = (
    i64,
    i64,
    String,
    Option<String>,
    String,
    String,
    Option<i64>,
    i64,
);

async fn stored(app: &TestApp) -> Vec<Stored> {
    sqlx::query_as(
        "SELECT id, household_id, name, phone, relation, care_tags, user_id, updated_at \
         FROM register_members ORDER BY id",
    )
    .fetch_all(&db(app).await.read)
    .await
    .unwrap()
}

/// The latest stored entry of `name` (the demo has namesakes): (phone, relation, care tags, "building unit door").
async fn member(app: &TestApp, name: &str) -> (Option<String>, String, String, String) {
    sqlx::query_as(
        "SELECT r.phone, r.relation, r.care_tags, b.name || un.name || h.door \
         FROM register_members r JOIN households h ON h.id = r.household_id \
         JOIN units un ON un.id = h.unit_id JOIN buildings b ON b.id = un.building_id \
         WHERE r.name = $1 ORDER BY r.id DESC LIMIT 1",
    )
    .bind(name)
    .fetch_one(&db(app).await.read)
    .await
    .unwrap()
}

async fn upload(client: &Client<'_>, query: &str, bytes: Vec<u8>) -> reqwest::Response {
    client
        .request(Method::POST, &format!("/register/imports{query}"), None)
        .header("content-type", "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .expect("request sent")
}

async fn import(client: &Client<'_>, query: &str, bytes: Vec<u8>) -> RegisterImportReport {
    let response = upload(client, query, bytes).await;
    assert_eq!(response.status(), StatusCode::OK, "import{query}");
    response.json().await.unwrap()
}

fn bom_csv(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

#[tokio::test]
async fn the_gbk_sample_is_checked_then_imported_and_a_second_import_changes_nothing() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let before = stored(&app).await;
    let progress_before: RegisterProgress = staff.get_ok("/register/progress").await;

    let dry = import(
        &staff,
        "?file_name=住户花名册-示例.csv",
        SAMPLE_GBK.to_vec(),
    )
    .await;
    assert!(!dry.committed);
    assert_eq!(
        dry.problems,
        vec![],
        "the sample has no bad rows against the demo"
    );
    assert_eq!(dry.ignored_columns, vec!["身份证号".to_owned()]);
    let s = &dry.summary;
    assert_eq!((s.rows_read, s.rows_skipped), (54, 0));
    // 3栋 and 5号楼 (the demo's 5栋), 2 units each, 6 rooms a unit, all of them existing.
    assert_eq!((s.households_in_sheet, s.households_created), (24, 0));
    // 罗春花 of 3栋 1单元 101 is on the demo's register as the sheet has her.
    assert_eq!(
        (s.members_created, s.members_changed, s.members_unchanged),
        (53, 0, 1)
    );
    assert_eq!(s.members_left_alone as usize, before.len() - 1);
    assert_eq!(stored(&app).await, before, "a dry run writes nothing");

    let done = import(
        &staff,
        "?commit=true&file_name=住户花名册-示例.csv",
        SAMPLE_GBK.to_vec(),
    )
    .await;
    assert!(done.committed);
    assert_eq!(
        done.summary, dry.summary,
        "the commit does what the dry run showed"
    );
    let after = stored(&app).await;
    assert_eq!(after.len(), before.len() + 53);
    // Merged cells: 彭淑珍 belongs to the household written on the row above her.
    assert_eq!(
        member(&app, "彭淑珍").await,
        (
            Some("17939991341".into()),
            "配偶".into(),
            "".into(),
            "3栋1单元102".into()
        )
    );
    assert_eq!(
        member(&app, "侯玉兰").await.0.as_deref(),
        Some("17510289246")
    );
    assert_eq!(
        member(&app, "何振华").await,
        (None, "户主".into(), "低保".into(), "3栋1单元201".into())
    );
    assert_eq!(member(&app, "常晓明").await.2, "独居");
    assert_eq!(
        member(&app, "苏淑珍").await.3,
        "5栋2单元102",
        "5号楼 is the demo's 5栋"
    );
    // Identity numbers are never stored, anywhere in the register.
    let id_like: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM register_members WHERE phone LIKE '4301%' OR relation LIKE '%****%' \
         OR care_tags LIKE '%4301%' OR name LIKE '%4301%'",
    )
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    assert_eq!(id_like, 0);

    let again = import(
        &staff,
        "?commit=true&file_name=住户花名册-示例.csv",
        SAMPLE_GBK.to_vec(),
    )
    .await;
    let s = &again.summary;
    assert_eq!(
        (s.members_created, s.members_changed, s.members_unchanged),
        (0, 0, 54)
    );
    assert_eq!(
        (s.households_created, s.units_created, s.buildings_created),
        (0, 0, 0)
    );
    assert_eq!(stored(&app).await, after, "a re-import changes nothing");

    let recent: Vec<RegisterImportRecord> = staff.get_ok("/register/imports").await;
    assert_eq!(recent.len(), 2, "commits are recorded, dry runs not");
    assert_eq!(recent[0].file_name, "住户花名册-示例.csv");
    assert_eq!(recent[0].by_name, "许各利");
    assert_eq!(recent[0].summary.members_unchanged, 54);
    assert_eq!(recent[1].summary.members_created, 53);

    // 21 more households counted: of the sample's 24 rooms, 3栋 1单元 101 was on the register
    // and two have demo accounts. None of the new ones has joined.
    let progress: RegisterProgress = staff.get_ok("/register/progress").await;
    let (was, now) = (
        progress_before.community.unwrap(),
        progress.community.unwrap(),
    );
    assert_eq!(now.households, was.households + 21);
    assert_eq!(now.joined, was.joined);
    assert_eq!(now.members, was.members + 53);
}

#[tokio::test]
async fn a_utf8_bom_sheet_is_imported_and_an_updated_sheet_updates() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let sheet = "网格,小区,楼栋,单元,房号,姓名,联系电话,与户主关系,照护标签\n\
                 第一网格,华盛世纪新城,3号楼,1,1203室,赵大爷,,户主,高龄\n\
                 ,,,,,赵小明,139-1234-5678,子女,\n";
    let first = import(&staff, "?commit=true", bom_csv(sheet)).await;
    assert_eq!(first.problems, vec![]);
    assert_eq!(
        (
            first.summary.members_created,
            first.summary.households_in_sheet
        ),
        (2, 1)
    );
    assert_eq!(
        member(&app, "赵大爷").await,
        (None, "户主".into(), "高龄".into(), "3栋1单元1203".into())
    );

    let updated = "网格,小区,楼栋,单元,房号,姓名,联系电话,与户主关系,照护标签\n\
                   第一网格,华盛世纪新城,3栋,1单元,1203,赵大爷,13712345678,户主,\"高龄,独居\"\n\
                   ,,,,,赵小明,13912345678,儿子,\n";
    let dry = import(&staff, "", bom_csv(updated)).await;
    assert_eq!(
        (dry.summary.members_changed, dry.summary.members_unchanged),
        (2, 0)
    );
    let done = import(&staff, "?commit=true", bom_csv(updated)).await;
    assert_eq!(
        (done.summary.members_created, done.summary.members_changed),
        (0, 2)
    );
    assert_eq!(
        member(&app, "赵大爷").await,
        (
            Some("13712345678".into()),
            "户主".into(),
            "高龄,独居".into(),
            "3栋1单元1203".into()
        )
    );
    assert_eq!(member(&app, "赵小明").await.1, "儿子");
}

#[tokio::test]
async fn an_xlsx_sheet_is_imported_with_numbers_as_typed() {
    use rust_xlsxwriter::Workbook;
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "德润园社区花名册").unwrap();
    for (col, heading) in [
        "小区",
        "楼栋",
        "单元",
        "房号",
        "姓名",
        "手机号",
        "关系",
        "备注",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, col as u16, *heading).unwrap();
    }
    sheet.write_string(3, 0, "德润园").unwrap();
    sheet.write_string(3, 1, "1栋").unwrap();
    sheet.write_string(3, 2, "2单元").unwrap();
    // Rooms and phones typed as numbers, as Excel keeps them.
    sheet.write_number(3, 3, 301).unwrap();
    sheet.write_string(3, 4, "钱阿婆").unwrap();
    sheet.write_number(3, 5, 13612345678_f64).unwrap();
    sheet.write_string(3, 6, "户主").unwrap();
    sheet.write_string(3, 7, "残疾人").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let report = import(&staff, "?commit=true&file_name=德润园.xlsx", bytes).await;
    assert_eq!(report.problems, vec![]);
    assert_eq!(report.summary.members_created, 1);
    assert_eq!(
        member(&app, "钱阿婆").await,
        (
            Some("13612345678".into()),
            "户主".into(),
            "残疾".into(),
            "1栋2单元301".into()
        )
    );
}

#[tokio::test]
async fn bad_rows_are_listed_by_row_and_column_and_skipped() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let sheet = "井湘社区 住户花名册\n\
                 楼栋,单元,房号,姓名,联系电话,与户主关系\n\
                 7栋,1单元,101,甲,,户主\n\
                 3栋,1单元,1204,乙,1381234,户主\n\
                 3栋,1单元,1205,,13900001111,户主\n\
                 \n\
                 ,,1206,丙,,户主\n\
                 3栋,1单元,1207,丁,13911112222,户主\n\
                 3栋,1单元,1208,戊,13911112222,户主\n\
                 3栋,1单元,1209,己,13800000006,户主\n\
                 3栋,1单元,1210,王秀英,13800000001,户主\n\
                 3栋,1单元,1211,庚,,户主\n\
                 ,,,庚,,配偶\n\
                 1栋,1单元,101,辛,,户主\n\
                 3栋,,,壬,,户主\n\
                 3栋,1单元,1212,癸,,户主\n\
                 制表人：许各利,,,,,\n";
    let report = import(&staff, "", bom_csv(sheet)).await;
    let got: Vec<(u32, &str, &str)> = report
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.code.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, "楼栋", "unknown_building"),
            (4, "联系电话", "bad_phone"),
            (5, "姓名", "missing_name"),
            (7, "楼栋", "room_without_building"),
            (9, "联系电话", "duplicate_phone_in_sheet"),
            // 陈丽华's phone, of 5栋.
            (10, "联系电话", "phone_of_other_household"),
            // 王秀英 joined through the register at 3栋 1单元 1502: not moved.
            (11, "联系电话", "vouched_elsewhere"),
            (13, "姓名", "duplicate_member"),
            // 1栋 is in both 华盛世纪新城 and 德润园.
            (14, "楼栋", "ambiguous_building"),
            (15, "房号", "missing_room"),
        ]
    );
    assert!(
        report.problems[0].message.contains("7栋"),
        "{}",
        report.problems[0].message
    );
    assert_eq!(report.problems[1].message, "“1381234”不是11位手机号");
    assert!(report.problems[4].message.contains("第8行"));
    assert_eq!(report.new_buildings, vec!["7栋".to_owned()]);
    let s = &report.summary;
    assert_eq!(
        (s.rows_read, s.rows_skipped, s.members_created),
        (13, 10, 3)
    );

    // In English for an English request.
    let english = Client::new(&app, STAFF).await.english();
    let report = import(&english, "", bom_csv(sheet)).await;
    assert_eq!(
        report.problems[1].message,
        "“1381234” is not an 11-digit mobile number"
    );
    assert_eq!(
        report.problems[4].message,
        "The same phone as row 8, of another household"
    );

    // Committed: the good rows in, the bad ones not; with new buildings ticked, 7栋 too.
    let before = stored(&app).await.len();
    let done = import(&staff, "?commit=true&create_buildings=true", bom_csv(sheet)).await;
    assert_eq!(done.summary.buildings_created, 1);
    assert_eq!(done.summary.members_created, 4);
    assert_eq!(stored(&app).await.len(), before + 4);
    assert_eq!(member(&app, "甲").await.3, "7栋1单元101");
    let wang: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM register_members WHERE name = '王秀英'")
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(wang, 1, "王秀英 stays in her household");
}

#[tokio::test]
async fn files_that_are_not_a_sheet_are_refused() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let refusal = problem(
        upload(&staff, "", png).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refusal.code, "not_a_sheet");
    // Named .xlsx but a zip of nothing: the content decides.
    let fake = b"PK\x03\x04not really a workbook".to_vec();
    let refusal = problem(
        upload(&staff, "?file_name=a.xlsx", fake).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refusal.code, "not_a_sheet");
    let refusal = problem(
        upload(&staff, "", b"a,b,c\n1,2,3\n".to_vec()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refusal.code, "no_header");
    let refusal = problem(
        upload(&staff, "", Vec::new()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refusal.code, "empty_sheet");
    let refusal = problem(
        upload(&staff, "?commit=yes", SAMPLE_GBK.to_vec()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refusal.errors[0].field, "commit");
    // Above this route's 4 MiB (the API's general limit is 64 KiB; the sample passes it).
    let huge = vec![b'a'; 5 * 1024 * 1024];
    assert_eq!(
        upload(&staff, "", huge).await.status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let big_enough = {
        let mut text = String::from("楼栋,单元,房号,姓名\n");
        while text.len() < 200 * 1024 {
            text.push_str(",,,,\n");
        }
        text.into_bytes()
    };
    assert_eq!(
        upload(&staff, "", big_enough).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn only_staff_import_and_only_into_their_own_community() {
    let app = spawn_app().await;
    for phone in [RESIDENT, BUILDING_HEAD, UNIT_HEAD, VOLUNTEER] {
        let client = Client::new(&app, phone).await;
        let response = upload(&client, "?commit=true", SAMPLE_GBK.to_vec()).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{phone}");
        assert_eq!(
            client.get("/register/template").await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            client.get("/register/imports").await.status(),
            StatusCode::FORBIDDEN
        );
    }
    let before = stored(&app).await;
    // 通化街社区's staff: the sample's buildings are not theirs.
    let other = Client::new(&app, OTHER_STAFF).await;
    let report = import(&other, "?commit=true", SAMPLE_GBK.to_vec()).await;
    assert_eq!(report.summary.members_created, 0);
    assert_eq!(report.summary.rows_skipped, 54);
    assert!(report.problems.iter().all(|p| p.code == "unknown_building"));
    assert_eq!(stored(&app).await, before);
    let recent: Vec<RegisterImportRecord> = Client::new(&app, STAFF)
        .await
        .get_ok("/register/imports")
        .await;
    assert!(
        recent.is_empty(),
        "another community's imports are not ours"
    );
}

#[tokio::test]
async fn the_template_is_an_xlsx_the_import_reads() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let response = staff.get("/register/template").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("filename*=UTF-8''"));
    let bytes = response.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let report = import(&staff, "", bytes).await;
    assert_eq!(report.problems, vec![]);
    // 黄桂兰 is on the demo's register as the example has her; the note row is no member.
    assert_eq!(report.summary.rows_read, 2);
    assert_eq!(
        (
            report.summary.members_unchanged,
            report.summary.members_created
        ),
        (1, 1)
    );
}

fn names(list: &[linli_api_types::JoinProgress]) -> Vec<&str> {
    list.iter().map(|p| p.name.as_str()).collect()
}

#[tokio::test]
async fn heads_see_the_progress_and_the_doors_of_their_own_places() {
    let app = spawn_app().await;
    let staff: RegisterProgress = Client::new(&app, STAFF)
        .await
        .get_ok("/register/progress")
        .await;
    let community = staff.community.clone().unwrap();
    assert!(community.joined < community.households);
    let in_grids: u32 = staff.grids.iter().map(|g| g.households).sum();
    assert_eq!(
        in_grids, community.households,
        "every household is in one grid"
    );
    assert!(names(&staff.buildings).contains(&"华盛世纪新城 3栋"));

    // 刘伟忠 heads 3栋: its figure, no community, no grid.
    let head: RegisterProgress = Client::new(&app, BUILDING_HEAD)
        .await
        .get_ok("/register/progress")
        .await;
    assert_eq!(head.community, None);
    assert!(head.grids.is_empty());
    assert_eq!(names(&head.buildings), vec!["华盛世纪新城 3栋"]);
    let building_3 = head.buildings[0].clone();
    assert_eq!(
        staff.buildings.iter().find(|b| b.id == building_3.id),
        Some(&building_3)
    );
    // 尚建超 heads 3栋 1单元 only.
    let unit_head: RegisterProgress = Client::new(&app, UNIT_HEAD)
        .await
        .get_ok("/register/progress")
        .await;
    assert!(unit_head.buildings.is_empty());
    assert_eq!(names(&unit_head.units), vec!["华盛世纪新城 3栋 1单元"]);
    assert_eq!(unit_head.units[0].building_id, Some(building_3.id));

    let path = format!("/register/buildings/{}/unjoined", building_3.id);
    let doors: BuildingUnjoined = Client::new(&app, BUILDING_HEAD).await.get_ok(&path).await;
    let rooms: Vec<(&str, &str)> = doors
        .households
        .iter()
        .map(|h| (h.unit.as_str(), h.room.as_str()))
        .collect();
    // 王秀英's household (1502, with 李德明 on the register) has joined: not listed.
    assert_eq!(
        rooms,
        vec![
            ("1单元", "101"),
            ("1单元", "801"),
            ("1单元", "1101"),
            ("2单元", "502")
        ]
    );
    let huang = &doors.households[1].members[0];
    assert_eq!(
        (huang.name.as_str(), huang.phone_masked.as_deref()),
        ("黄桂兰", None)
    );
    assert_eq!(huang.care_tags, vec!["高龄".to_owned(), "独居".to_owned()]);
    assert_eq!(
        doors.households[2].members[0].phone_masked.as_deref(),
        Some("138****0011")
    );
    assert_eq!(building_3.households - building_3.joined, 4);

    let unit_doors: BuildingUnjoined = Client::new(&app, UNIT_HEAD).await.get_ok(&path).await;
    assert!(unit_doors.households.iter().all(|h| h.unit == "1单元"));
    assert_eq!(unit_doors.households.len(), 3);

    // 5栋 is not theirs; another community's staff do not see that 3栋 exists.
    let building_5 = staff
        .buildings
        .iter()
        .find(|b| b.name == "华盛世纪新城 5栋")
        .unwrap()
        .id;
    let path_5 = format!("/register/buildings/{building_5}/unjoined");
    for phone in [BUILDING_HEAD, UNIT_HEAD, RESIDENT_5] {
        let status = Client::new(&app, phone).await.get(&path_5).await.status();
        assert_eq!(status, StatusCode::FORBIDDEN, "{phone}");
    }
    let other = Client::new(&app, OTHER_STAFF).await;
    let refusal: Value = other.get(&path).await.json().await.unwrap();
    let nothing: Value = other
        .get("/register/buildings/999999999/unjoined")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(refusal, nothing);
    assert_eq!(refusal["status"], 404);
    assert_eq!(
        Client::new(&app, RESIDENT)
            .await
            .get("/register/progress")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}
