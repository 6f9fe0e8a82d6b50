//! 台账导出: the three XLSX exports read back with calamine for a known month (March 2020,
//! before any demo data): the title, the header, the rows with numbers as numbers and times
//! as real dates; another community's rows absent; staff only; the range checked at its
//! fields; the file named in Chinese with an ASCII fallback.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chrono::{NaiveDate, TimeZone, Utc};
use linli_api_types::Notice;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;
use crate::orders::{asap, community_id, service_id};

const RANGE: &str = "?from=2020-03-01&to=2020-03-31";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// 2020-03-`day` `hour`:`minute` in Asia/Shanghai, as epoch ms.
fn march(day: u32, hour: u32, minute: u32) -> i64 {
    chrono::FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2020, 3, day, hour, minute, 0)
        .unwrap()
        .timestamp_millis()
}

/// The sheet's rows as calamine reads them, and the file's name.
async fn sheet(client: &Client<'_>, path: &str) -> (Vec<Vec<Data>>, String) {
    let response = client.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(response.headers()[CONTENT_TYPE], XLSX);
    let disposition = response.headers()[CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .to_owned();
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..2], b"PK", "an XLSX is a ZIP");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    (range.rows().map(<[Data]>::to_vec).collect(), disposition)
}

fn text(cells: &[Data]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// A real Excel date at the given Shanghai time.
fn is_time(cell: &Data, at: i64) -> bool {
    let Data::DateTime(dt) = cell else {
        return false;
    };
    let local = Utc.timestamp_millis_opt(at).unwrap() + chrono::Duration::hours(8);
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let serial = (local.naive_utc() - epoch).num_seconds() as f64 / 86_400.0;
    dt.is_datetime() && (dt.as_f64() - serial).abs() < 1e-6
}

/// March 2020 in 井湘社区: a task 张建国 and 王秀英 completed (2 hours, 20 points each), an
/// order 张建国 served for 90 minutes and 王秀英 rated 5 stars; a notice to the community
/// 王秀英's household read. And a notice of the other community in the same month.
async fn known_month(app: &TestApp) -> (i64, i64, i64) {
    let db = db(app).await;
    let community = community_id(app).await;
    let staff = user_id(app, STAFF).await;
    let zhang = user_id(app, VOLUNTEER).await;
    let wang = user_id(app, RESIDENT).await;
    let task: i64 = sqlx::query_scalar(
        "INSERT INTO tasks (creator_id, creator_role, target_kind, target_id, community_id, \
            title, description, category, place, starts_at, ends_at, capacity, points, \
            joined_count, check_in_secret, created_at, completed_at, completed_by) \
         VALUES ($1, 'staff', 'community', $2, $2, '敬老院探访', '', 'elderly', '敬老院', \
            $3, $4, 5, 20, 2, 'secret', $3, $4, $1) RETURNING id",
    )
    .bind(staff)
    .bind(community)
    .bind(march(7, 9, 0))
    .bind(march(7, 11, 0))
    .fetch_one(&db.write)
    .await
    .unwrap();
    for (seq, user) in [zhang, wang].into_iter().enumerate() {
        sqlx::query(
            "INSERT INTO task_enrollments (task_id, user_id, status, seq, joined_at, minutes, \
                points, updated_at) VALUES ($1, $2, 'completed', $3, $4, 120, 20, $4)",
        )
        .bind(task)
        .bind(user)
        .bind(seq as i64 + 1)
        .bind(march(1, 8, 0))
        .execute(&db.write)
        .await
        .unwrap();
    }

    let resident = Client::new(app, RESIDENT).await;
    let volunteer = Client::new(app, VOLUNTEER).await;
    let order = resident
        .place_order(&asap(service_id(app, "水电维修").await))
        .await;
    volunteer.step(order.id, "claim", None).await;
    volunteer.step(order.id, "start", None).await;
    volunteer
        .step(order.id, "complete", Some(&json!({ "note": "换了阀门" })))
        .await;
    resident
        .step(
            order.id,
            "rate",
            Some(&json!({ "stars": 5, "tags": ["on_time", "patient"], "comment": "师傅很细心" })),
        )
        .await;
    sqlx::query(
        "UPDATE orders SET created_at = $1, started_at = $2, completed_at = $3 WHERE id = $4",
    )
    .bind(march(10, 8, 30))
    .bind(march(10, 9, 0))
    .bind(march(10, 10, 30))
    .bind(order.id)
    .execute(&db.write)
    .await
    .unwrap();

    let staff_client = Client::new(app, STAFF).await;
    let notice = |title: &str, community: i64| {
        json!({ "title": title, "body": "正文", "category": "utilities",
                "target": { "kind": "community", "id": community } })
    };
    let posted: Notice = staff_client
        .post("/notices", Some(&notice("三月停水通知", community)), None)
        .await
        .json()
        .await
        .unwrap();
    resident
        .put(&format!("/notices/{}/read", posted.id), None, None)
        .await;
    let other = Client::new(app, OTHER_STAFF).await;
    let other_community: i64 =
        sqlx::query_scalar("SELECT community_id FROM users WHERE phone = $1")
            .bind(OTHER_STAFF)
            .fetch_one(&db.read)
            .await
            .unwrap();
    let theirs: Notice = other
        .post(
            "/notices",
            Some(&notice("别的社区的通知", other_community)),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    sqlx::query("UPDATE notices SET published_at = $1 WHERE id IN ($2, $3)")
        .bind(march(15, 10, 0))
        .bind(posted.id)
        .bind(theirs.id)
        .execute(&db.write)
        .await
        .unwrap();
    (order.id, order.volunteer_points, posted.id)
}

#[tokio::test]
async fn the_three_exports_read_back_with_their_headers_rows_and_numbers() {
    let app = spawn_app().await;
    let (order, volunteer_points, _) = known_month(&app).await;
    let staff = Client::new(&app, STAFF).await;

    // 志愿服务时长积分台账: 张建国 3.5 hours (a 2-hour task and a 90-minute order).
    let (rows, disposition) = sheet(&staff, &format!("/exports/volunteers.xlsx{RANGE}")).await;
    assert_eq!(
        rows[0][0].to_string(),
        "井湘社区 志愿服务时长积分台账 2020-03-01至2020-03-31"
    );
    assert_eq!(
        text(&rows[1]),
        [
            "姓名",
            "手机号",
            "参加活动（次）",
            "完成服务（单）",
            "服务时长（小时）",
            "获得积分"
        ]
    );
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(
        rows[2],
        [
            Data::String("张建国".into()),
            Data::String(VOLUNTEER.into()),
            Data::Float(1.0),
            Data::Float(1.0),
            Data::Float(3.5),
            Data::Float((20 + volunteer_points) as f64),
        ]
    );
    assert_eq!(rows[3][0], Data::String("王秀英".into()));
    assert_eq!(rows[3][4], Data::Float(2.0));
    assert!(disposition.contains("filename=\"linli-volunteers-2020-03-01-2020-03-31.xlsx\""));
    let chinese = "井湘社区_志愿服务时长积分台账_2020-03-01至2020-03-31.xlsx";
    let encoded: String = chinese
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    assert!(
        disposition.contains(&format!("filename*=UTF-8''{encoded}")),
        "{disposition}"
    );

    // 服务订单评价台账: the order with its rating, times as dates.
    let (rows, _) = sheet(&staff, &format!("/exports/orders.xlsx{RANGE}")).await;
    assert_eq!(
        text(&rows[1]),
        [
            "单号",
            "下单时间",
            "服务项目",
            "服务方",
            "居民",
            "志愿者",
            "状态",
            "完成时间",
            "评分（星）",
            "评价标签",
            "评价内容",
            "积分",
            "取消原因"
        ]
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    let row = &rows[2];
    assert_eq!(row[0], Data::Float(order as f64));
    assert!(is_time(&row[1], march(10, 8, 30)), "{:?}", row[1]);
    assert_eq!(row[2], Data::String("水电维修".into()));
    assert_eq!(row[4], Data::String("王秀英".into()));
    assert_eq!(row[5], Data::String("张建国".into()));
    assert_eq!(row[6], Data::String("已评价".into()));
    assert!(is_time(&row[7], march(10, 10, 30)));
    assert_eq!(row[8], Data::Float(5.0));
    assert_eq!(row[9], Data::String("准时、耐心".into()));
    assert_eq!(row[10], Data::String("师傅很细心".into()));
    assert_eq!(row[11], Data::Float(30.0));

    // 通知阅读率台账: ours only, one household of all read.
    let households: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM households h JOIN units u ON u.id = h.unit_id \
         JOIN buildings b ON b.id = u.building_id JOIN grids g ON g.id = b.grid_id \
         WHERE g.community_id = $1",
    )
    .bind(community_id(&app).await)
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    let (rows, _) = sheet(&staff, &format!("/exports/notices.xlsx{RANGE}")).await;
    assert_eq!(
        text(&rows[1]),
        [
            "标题",
            "发布范围",
            "发布人",
            "发布时间",
            "覆盖户数",
            "已读户数",
            "阅读率",
            "状态"
        ]
    );
    assert_eq!(
        rows.len(),
        3,
        "the other community's notice is absent: {rows:?}"
    );
    let row = &rows[2];
    assert_eq!(row[0], Data::String("三月停水通知".into()));
    assert_eq!(row[1], Data::String("井湘社区".into()));
    assert_eq!(row[2], Data::String("许各利".into()));
    assert!(is_time(&row[3], march(15, 10, 0)));
    assert_eq!(row[4], Data::Float(households as f64));
    assert_eq!(row[5], Data::Float(1.0));
    assert_eq!(row[6], Data::Float(1.0 / households as f64));

    // The other community's staff see their notice only, none of ours.
    let other = Client::new(&app, OTHER_STAFF).await;
    let (rows, _) = sheet(&other, &format!("/exports/notices.xlsx{RANGE}")).await;
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2][0], Data::String("别的社区的通知".into()));
    let (rows, _) = sheet(&other, &format!("/exports/volunteers.xlsx{RANGE}")).await;
    assert_eq!(rows.len(), 2, "header only: {rows:?}");
    let (rows, _) = sheet(&other, &format!("/exports/orders.xlsx{RANGE}")).await;
    assert_eq!(rows.len(), 2);

    // English headers for an English request.
    let english = Client::new(&app, STAFF).await.english();
    let (rows, _) = sheet(&english, &format!("/exports/volunteers.xlsx{RANGE}")).await;
    assert_eq!(rows[1][0], Data::String("Name".into()));
}

#[tokio::test]
async fn exports_are_for_staff_and_the_range_is_checked_at_its_fields() {
    let app = spawn_app().await;
    for phone in [RESIDENT, VOLUNTEER, BUILDING_HEAD, UNIT_HEAD] {
        let client = Client::new(&app, phone).await;
        for kind in ["volunteers", "orders", "notices"] {
            let response = client.get(&format!("/exports/{kind}.xlsx{RANGE}")).await;
            problem(response, StatusCode::FORBIDDEN).await;
        }
    }
    let staff = Client::new(&app, STAFF).await;
    let fields = async |query: &str| {
        let response = staff.get(&format!("/exports/orders.xlsx{query}")).await;
        let p = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        p.errors
            .iter()
            .map(|e| (e.field.clone(), e.code.clone()))
            .collect::<Vec<_>>()
    };
    let pair = |f: &str, c: &str| (f.to_owned(), c.to_owned());
    assert_eq!(
        fields("").await,
        [pair("from", "required"), pair("to", "required")]
    );
    assert_eq!(
        fields("?from=2020-3-1x&to=2020-03-31").await,
        [pair("from", "bad_format")]
    );
    assert_eq!(
        fields("?from=2020-03-31&to=2020-03-01").await,
        [pair("to", "before_from")]
    );
    assert_eq!(
        fields("?from=2019-01-01&to=2020-03-01").await,
        [pair("to", "range_too_long")]
    );
    let response = staff
        .get("/exports/orders.xlsx?from=2020-03-31&to=2020-03-01")
        .await;
    let p = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(p.field("to").unwrap().message, "结束日期不能早于开始日期");
}
