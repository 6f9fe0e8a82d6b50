//! Notices: who sees what, who may post and manage, idempotent posting and reading, receipts.

use chrono::{Duration, Utc};
use linli_api_types::{
    codes, AuthoredNotice, AuthoredPage, Notice, NoticePage, Problem, ReadReceipts, Role, Scope,
    ScopeKind,
};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

const LEGAL: &str = "红帆驿站本周五提供免费法律咨询";
const WATER: &str = "3栋二次供水设施清洗，周六8:00-14:00停水";
const BIKES: &str = "严禁电动车在楼道内停放充电";
const BANQUET: &str = "重阳节睦邻百家宴开始报名";
const CLASS: &str = "四点半课堂本学期开始报名";
const INSURANCE: &str = "2026年度城乡居民医保开始缴费";
const LIFT_5: &str = "5栋电梯年检，周四上午暂停使用";
const POWER_EXPIRED: &str = "3栋周二晚停电检修";
const TONGHUA: &str = "通化街社区本周六消防演练";

/// What notices' tests ask of the one client.
impl Client<'_> {
    async fn notice_page(&self, query: &str) -> NoticePage {
        let response = self.get(&format!("/notices{query}")).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    async fn notice_titles(&self) -> Vec<String> {
        self.notice_page("?limit=50")
            .await
            .items
            .into_iter()
            .map(|n| n.title)
            .collect()
    }

    async fn notice(&self, id: i64) -> Notice {
        let response = self.get(&format!("/notices/{id}")).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    /// Every page of the user's own notices, walked with `limit`.
    async fn authored_by(&self, limit: u32) -> Vec<AuthoredNotice> {
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let query = match &cursor {
                Some(cursor) => format!("/notices/authored?limit={limit}&cursor={cursor}"),
                None => format!("/notices/authored?limit={limit}"),
            };
            let response = self.get(&query).await;
            assert_eq!(response.status(), StatusCode::OK);
            let page: AuthoredPage = response.json().await.unwrap();
            assert!(page.items.len() <= limit as usize);
            all.extend(page.items);
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => return all,
            }
        }
    }

    async fn authored(&self) -> Vec<AuthoredNotice> {
        self.authored_by(50).await
    }

    async fn notice_targets(&self) -> Vec<Scope> {
        let response = self.get("/notice-targets").await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    async fn receipts(&self, id: i64) -> ReadReceipts {
        let response = self.get(&format!("/notices/{id}/receipts")).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }
}

/// The id of a seeded notice, by title, straight from the database.
async fn id_of(app: &TestApp, title: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM notices WHERE title = $1")
        .bind(title)
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

async fn place_id(app: &TestApp, kind: ScopeKind, name: &str) -> i64 {
    let sql = match kind {
        ScopeKind::Community => "SELECT id FROM communities WHERE name = $1",
        ScopeKind::Grid => "SELECT id FROM grids WHERE name = $1",
        ScopeKind::Building => "SELECT id FROM buildings WHERE estate || ' ' || name = $1",
        ScopeKind::Unit => {
            "SELECT u.id FROM units u JOIN buildings b ON b.id = u.building_id \
             WHERE b.estate || ' ' || b.name || ' ' || u.name = $1"
        }
    };
    sqlx::query_scalar(sql)
        .bind(name)
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

fn draft(title: &str, kind: ScopeKind, id: i64) -> Value {
    json!({
        "title": title,
        "body": "正文第一行\n第二行",
        "category": "utilities",
        "target": { "kind": kind, "id": id },
    })
}

async fn building_3(app: &TestApp) -> i64 {
    place_id(app, ScopeKind::Building, "华盛世纪新城 3栋").await
}

async fn created(response: Response) -> Notice {
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

fn field<'p>(problem: &'p Problem, name: &str) -> (&'p str, &'p str) {
    let error = problem
        .field(name)
        .unwrap_or_else(|| panic!("no field error at {name}: {problem:?}"));
    (error.code.as_str(), error.message.as_str())
}

#[tokio::test]
async fn a_resident_sees_the_notices_of_their_places_pinned_first() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let resident_5 = Client::new(&app, RESIDENT_5).await;

    let titles = resident.notice_titles().await;
    let titles_5 = resident_5.notice_titles().await;

    assert_eq!(titles, [LEGAL, WATER, BIKES, BANQUET, CLASS, INSURANCE]);
    assert_eq!(titles_5, [LEGAL, LIFT_5, BIKES, INSURANCE]);
    let page = resident.notice_page("").await;
    assert!(page.items[0].pinned);
    assert!(page.items[1..].iter().all(|n| !n.pinned));
    let water = &page.items[1];
    assert_eq!(water.author.name, "刘伟忠");
    assert_eq!(water.author.role, Role::BuildingHead);
    assert_eq!(water.author.scope_name, "华盛世纪新城 3栋");
    assert_eq!(water.target.name, "华盛世纪新城 3栋");
    assert!(water.excerpt.starts_with("3栋的邻居们： 本周六8:00-14:00"));
    assert!(!water.excerpt.contains('\n'));
    assert!(water.excerpt.chars().count() <= 81);
    let class = &page.items[4];
    assert_eq!(class.author.role, Role::UnitHead);
    assert_eq!(class.target.name, "华盛世纪新城 3栋 1单元");
    assert!(page.items[5].read);
    assert_eq!(page.unread_count, 5);
    assert_eq!(page.next_cursor, None);
}

#[tokio::test]
async fn staff_see_their_whole_community_and_nothing_of_another() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let other_staff = Client::new(&app, OTHER_STAFF).await;

    let titles = staff.notice_titles().await;
    let other = other_staff.notice_titles().await;

    assert_eq!(
        titles,
        [LEGAL, WATER, LIFT_5, BIKES, BANQUET, CLASS, INSURANCE]
    );
    assert_eq!(other, [TONGHUA]);
    let water = id_of(&app, WATER).await;
    for response in [
        other_staff.get(&format!("/notices/{water}")).await,
        other_staff.get(&format!("/notices/{water}/receipts")).await,
        other_staff
            .put(&format!("/notices/{water}/read"), None, None)
            .await,
        other_staff
            .put(
                &format!("/notices/{water}"),
                Some(&draft("改", ScopeKind::Building, building_3(&app).await)),
                None,
            )
            .await,
        other_staff.delete(&format!("/notices/{water}"), None).await,
    ] {
        assert_eq!(
            problem(response, StatusCode::NOT_FOUND).await.code,
            codes::NOT_FOUND
        );
    }
    let jingxiang = place_id(&app, ScopeKind::Community, "井湘社区").await;
    let refused = other_staff
        .post(
            "/notices",
            Some(&draft("跨社区", ScopeKind::Community, jingxiang)),
            None,
        )
        .await;
    let refused = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    // Another community's place is unknown here, as if there were none.
    assert_eq!(field(&refused, "target").0, "unknown");
}

#[tokio::test]
async fn pages_walk_every_notice_once_even_while_new_ones_arrive() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let all: Vec<i64> = staff
        .notice_page("?limit=50")
        .await
        .items
        .iter()
        .map(|n| n.id)
        .collect();

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let query = match &cursor {
            Some(cursor) => format!("?limit=2&cursor={cursor}"),
            None => "?limit=2".into(),
        };
        let page = staff.notice_page(&query).await;
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|n| n.id));
        pages += 1;
        if pages == 1 {
            // A newer notice arrives after the first page: the walk neither repeats nor skips.
            let community = place_id(&app, ScopeKind::Community, "井湘社区").await;
            created(
                staff
                    .post(
                        "/notices",
                        Some(&draft("新通知", ScopeKind::Community, community)),
                        None,
                    )
                    .await,
            )
            .await;
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }

    assert_eq!(seen, all);
    assert_eq!(pages, 4);
}

#[tokio::test]
async fn bad_limits_and_cursors_are_field_errors() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;

    for query in ["?limit=0", "?limit=51", "?limit=abc", "?limit=-1"] {
        let problem = problem(
            resident.get(&format!("/notices{query}")).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(field(&problem, "limit").0, "bad_format", "{query}");
    }
    let problem = problem(
        resident.get("/notices?cursor=garbage!").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field(&problem, "cursor").0, "bad_format");
    assert_eq!(resident.notice_page("?limit=1").await.items.len(), 1);
}

#[tokio::test]
async fn reading_counts_for_the_whole_household_once() {
    let app = spawn_app().await;
    let db = db(&app).await;
    // A second member of 王秀英's household.
    sqlx::query(
        "INSERT INTO users (phone, name, password_hash, community_id, household_id, is_volunteer, created_at) \
         SELECT '13800000099', '王小明', password_hash, community_id, household_id, 0, created_at \
         FROM users WHERE phone = $1",
    )
    .bind(RESIDENT)
    .execute(&db.write)
    .await
    .unwrap();
    let resident = Client::new(&app, RESIDENT).await;
    let son = Client::new(&app, "13800000099").await;
    let neighbour = Client::new(&app, UNIT_HEAD).await;
    let water = id_of(&app, WATER).await;
    assert_eq!(resident.notice_page("").await.unread_count, 5);
    assert!(!son.notice(water).await.read);

    for _ in 0..2 {
        let response = resident
            .put(&format!("/notices/{water}/read"), None, None)
            .await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }

    assert_eq!(resident.notice_page("").await.unread_count, 4);
    assert!(son.notice(water).await.read);
    let son_page = son.notice_page("").await;
    assert_eq!(son_page.unread_count, 4);
    assert!(son_page.items.iter().find(|n| n.id == water).unwrap().read);
    assert!(!neighbour.notice(water).await.read);
    let reads: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM notice_reads r JOIN users u ON u.household_id = r.household_id \
         WHERE r.notice_id = $1 AND u.phone = $2",
    )
    .bind(water)
    .bind(RESIDENT)
    .fetch_one(&db.read)
    .await
    .unwrap();
    assert_eq!(reads, 1);
}

#[tokio::test]
async fn users_without_a_household_read_for_themselves() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let legal = id_of(&app, LEGAL).await;
    let before = staff.notice_page("").await.unread_count;

    let response = staff
        .put(&format!("/notices/{legal}/read"), None, None)
        .await;

    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(staff.notice_page("").await.unread_count, before - 1);
    assert!(staff.notice(legal).await.read);
}

#[tokio::test]
async fn notices_outside_ones_scopes_are_not_found() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let resident_5 = Client::new(&app, RESIDENT_5).await;
    let water = id_of(&app, WATER).await;
    let lift = id_of(&app, LIFT_5).await;
    let tonghua = id_of(&app, TONGHUA).await;

    for (client, id) in [
        (&resident_5, water),
        (&resident, lift),
        (&resident, tonghua),
    ] {
        let response = client.get(&format!("/notices/{id}")).await;
        assert_eq!(
            problem(response, StatusCode::NOT_FOUND).await.code,
            "not_found"
        );
        let response = client.put(&format!("/notices/{id}/read"), None, None).await;
        assert_eq!(
            problem(response, StatusCode::NOT_FOUND).await.code,
            "not_found"
        );
    }
    for path in ["/notices/999999", "/notices/abc", "/notices/-1"] {
        problem(resident.get(path).await, StatusCode::NOT_FOUND).await;
    }
    assert_eq!(resident_5.notice(lift).await.title, LIFT_5);
}

#[tokio::test]
async fn expired_and_withdrawn_notices_are_gone_with_their_own_codes() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await.english();
    let head = Client::new(&app, BUILDING_HEAD).await;
    let expired = id_of(&app, POWER_EXPIRED).await;
    let water = id_of(&app, WATER).await;

    let gone = problem(
        resident.get(&format!("/notices/{expired}")).await,
        StatusCode::GONE,
    )
    .await;
    assert_eq!(gone.code, "notice_expired");
    assert_eq!(gone.title, "This notice has expired");
    let zh = Client::new(&app, RESIDENT).await;
    let gone = problem(
        zh.get(&format!("/notices/{expired}")).await,
        StatusCode::GONE,
    )
    .await;
    assert_eq!(gone.title, "该通知已过期");
    problem(
        zh.put(&format!("/notices/{expired}/read"), None, None)
            .await,
        StatusCode::GONE,
    )
    .await;
    // Its author still opens it, and finds it among their notices marked expired.
    assert!(head.notice(expired).await.can_manage);
    let authored = head.authored().await;
    assert!(authored.iter().any(|a| a.notice.id == expired && a.expired));
    assert!(authored.iter().any(|a| a.notice.id == water && !a.expired));

    assert_eq!(
        head.delete(&format!("/notices/{water}"), None)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        head.delete(&format!("/notices/{water}"), None)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );

    let gone = problem(
        resident.get(&format!("/notices/{water}")).await,
        StatusCode::GONE,
    )
    .await;
    assert_eq!(gone.code, "notice_withdrawn");
    assert_eq!(gone.title, "This notice has been withdrawn");
    let gone = problem(zh.get(&format!("/notices/{water}")).await, StatusCode::GONE).await;
    assert_eq!(gone.title, "该通知已撤回");
    problem(
        head.get(&format!("/notices/{water}")).await,
        StatusCode::GONE,
    )
    .await;
    assert!(!zh.notice_titles().await.contains(&WATER.to_owned()));
    assert!(!head.authored().await.iter().any(|a| a.notice.id == water));
    assert_eq!(zh.notice_page("").await.unread_count, 4);
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notices WHERE id = $1")
        .bind(water)
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(kept, 1);
}

#[tokio::test]
async fn residents_cannot_post() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let building = building_3(&app).await;

    let refused = problem(
        resident
            .post(
                "/notices",
                Some(&draft("居民发通知", ScopeKind::Building, building)),
                None,
            )
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let english = problem(
        resident
            .english()
            .post(
                "/notices",
                Some(&draft("x", ScopeKind::Building, building)),
                None,
            )
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;

    assert_eq!(refused.code, codes::FORBIDDEN);
    assert_eq!(refused.title, "您没有权限进行此操作");
    assert_eq!(english.title, "You are not allowed to do this");
}

#[tokio::test]
async fn a_head_posts_only_within_their_scope() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let building_5 = place_id(&app, ScopeKind::Building, "华盛世纪新城 5栋").await;
    let grid = place_id(&app, ScopeKind::Grid, "华盛世纪新城 第一网格").await;
    let unit_3_2 = place_id(&app, ScopeKind::Unit, "华盛世纪新城 3栋 2单元").await;
    let building = building_3(&app).await;

    for (client, kind, id) in [
        (&head, ScopeKind::Building, building_5),
        (&head, ScopeKind::Grid, grid),
        (&unit_head, ScopeKind::Unit, unit_3_2),
        (&unit_head, ScopeKind::Building, building),
    ] {
        let refused = problem(
            client
                .post("/notices", Some(&draft("越界", kind, id)), None)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(
            field(&refused, "target"),
            ("out_of_scope", "只能发给您负责的范围")
        );
    }
    let unknown = problem(
        head.post(
            "/notices",
            Some(&draft("无此楼", ScopeKind::Building, 987_654)),
            None,
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field(&unknown, "target").0, "unknown");

    // Within scope: the building, and a unit of it, recorded under the building head role.
    let to_unit = created(
        head.post(
            "/notices",
            Some(&draft("2单元通知", ScopeKind::Unit, unit_3_2)),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(to_unit.author.role, Role::BuildingHead);
    assert_eq!(to_unit.author.scope_name, "华盛世纪新城 3栋");
    assert_eq!(to_unit.target.name, "华盛世纪新城 3栋 2单元");
    assert!(to_unit.can_manage);
    let resident = Client::new(&app, RESIDENT).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    assert!(!resident
        .notice_titles()
        .await
        .contains(&"2单元通知".to_owned()));
    assert!(volunteer
        .notice_titles()
        .await
        .contains(&"2单元通知".to_owned()));
}

#[tokio::test]
async fn every_bad_field_is_reported_at_once_in_the_asked_language() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let building = building_3(&app).await;
    let past = Utc::now() - Duration::hours(1);
    let mut bad = draft("  ", ScopeKind::Building, building);
    bad["body"] = json!("长".repeat(5001));
    bad["expires_at"] = json!(past);
    bad["pinned_until"] = json!(past);

    let zh = problem(
        head.post("/notices", Some(&bad), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let en = problem(
        Client::new(&app, BUILDING_HEAD)
            .await
            .english()
            .post("/notices", Some(&bad), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;

    assert_eq!(zh.code, codes::VALIDATION);
    assert_eq!(field(&zh, "title"), ("required", "请填写此项"));
    assert_eq!(field(&zh, "body"), ("too_long", "最多5000个字"));
    assert_eq!(
        field(&zh, "expires_at"),
        ("in_past", "到期时间必须晚于现在")
    );
    assert_eq!(field(&zh, "pinned_until").0, "in_past");
    assert_eq!(field(&en, "title").1, "This field is required");
    assert_eq!(field(&en, "body").1, "At most 5000 characters");
    assert_eq!(
        field(&en, "expires_at").1,
        "The expiry must be in the future"
    );

    let mut long = draft(&"题".repeat(61), ScopeKind::Building, building);
    long["body"] = json!("\u{7}\n ");
    long["pinned_until"] = json!(Utc::now() + Duration::days(3));
    long["expires_at"] = json!(Utc::now() + Duration::days(2));
    let problem = problem(
        head.post("/notices", Some(&long), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field(&problem, "title"), ("too_long", "最多60个字"));
    assert_eq!(field(&problem, "body").0, "required");
    assert_eq!(field(&problem, "pinned_until").0, "after_expiry");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notices")
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(count, 9);
}

#[tokio::test]
async fn markup_and_line_breaks_are_stored_verbatim_and_control_characters_dropped() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let mut notice = draft(
        "<b>电梯</b> & \"检修\"\u{7}",
        ScopeKind::Building,
        building_3(&app).await,
    );
    notice["body"] = json!("第一行\r\n<script>alert(\"x\")</script>\u{0}\n\t缩进");

    let posted = created(head.post("/notices", Some(&notice), None).await).await;
    let read_back = Client::new(&app, RESIDENT).await.notice(posted.id).await;

    assert_eq!(read_back.title, "<b>电梯</b> & \"检修\"");
    assert_eq!(
        read_back.body,
        "第一行\n<script>alert(\"x\")</script>\n\t缩进"
    );
    assert_eq!(
        posted,
        Notice {
            read: false,
            can_manage: true,
            ..read_back.clone()
        }
    );
}

#[tokio::test]
async fn posting_twice_with_one_key_posts_once() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let notice = draft("一次就好", ScopeKind::Building, building_3(&app).await);

    let first = head.post("/notices", Some(&notice), Some("key-0001")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let again = head.post("/notices", Some(&notice), Some("key-0001")).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: Value = again.json().await.unwrap();

    assert_eq!(first, again);
    let mut changed = notice.clone();
    changed["title"] = json!("换了内容");
    let reused = problem(
        head.post("/notices", Some(&changed), Some("key-0001"))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(reused.code, "idempotency_key_reused");
    // Another user's key space is their own.
    let staff = Client::new(&app, STAFF).await;
    let theirs = created(
        staff
            .post("/notices", Some(&notice), Some("key-0001"))
            .await,
    )
    .await;
    assert_ne!(Some(theirs.id), first["id"].as_i64());
    for bad in ["", "有中文", "has space", &"k".repeat(101)] {
        let response = head.post("/notices", Some(&notice), Some(bad)).await;
        assert_eq!(
            problem(response, StatusCode::BAD_REQUEST).await.code,
            "bad_idempotency_key",
            "{bad:?}"
        );
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notices WHERE title = '一次就好'")
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(count, 2);
}

#[tokio::test]
async fn concurrent_posts_with_one_key_create_one_notice() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let notice = draft("并发发布", ScopeKind::Building, building_3(&app).await);

    let responses = futures_join(
        (0..5)
            .map(|_| head.post("/notices", Some(&notice), Some("same-key")))
            .collect(),
    )
    .await;

    let mut ids = Vec::new();
    for response in responses {
        ids.push(created(response).await.id);
    }
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notices WHERE title = '并发发布'")
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

/// Runs the futures at the same time.
async fn futures_join<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    join_all(futures.into_iter().map(Box::pin).collect()).await
}

async fn join_all<F: std::future::Future + Unpin>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<Option<F>> = futures.into_iter().map(Some).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (slot, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if let Some(future) = slot {
                match std::pin::Pin::new(future).poll(cx) {
                    std::task::Poll::Ready(value) => {
                        *output = Some(value);
                        *slot = None;
                    }
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().map(Option::unwrap).collect()
}

#[tokio::test]
async fn only_the_author_or_staff_edit_and_edits_are_marked() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
    let staff = Client::new(&app, STAFF).await;
    let resident = Client::new(&app, RESIDENT).await;
    let resident_5 = Client::new(&app, RESIDENT_5).await;
    let water = id_of(&app, WATER).await;
    let building = building_3(&app).await;
    assert!(resident.notice(water).await.edited_at.is_none());
    assert!(!unit_head.notice(water).await.can_manage);
    assert!(staff.notice(water).await.can_manage);

    let mut edit = draft("3栋停水改为周日", ScopeKind::Building, building);
    edit["body"] = json!("改期到周日8:00-14:00。");
    let edited = head
        .put(&format!("/notices/{water}"), Some(&edit), None)
        .await;
    assert_eq!(edited.status(), StatusCode::OK);
    let edited: Notice = edited.json().await.unwrap();

    assert!(edited.edited_at.is_some());
    assert_eq!(edited.title, "3栋停水改为周日");
    let seen = resident.notice(water).await;
    assert_eq!(seen.body, "改期到周日8:00-14:00。");
    assert_eq!(seen.edited_at, edited.edited_at);
    for (client, status) in [
        (&unit_head, StatusCode::FORBIDDEN),
        (&resident, StatusCode::FORBIDDEN),
        (&resident_5, StatusCode::NOT_FOUND),
    ] {
        problem(
            client
                .put(&format!("/notices/{water}"), Some(&edit), None)
                .await,
            status,
        )
        .await;
        problem(
            client.delete(&format!("/notices/{water}"), None).await,
            status,
        )
        .await;
    }
    let by_staff = staff
        .put(&format!("/notices/{water}"), Some(&edit), None)
        .await;
    assert_eq!(by_staff.status(), StatusCode::OK);
    let by_staff: Notice = by_staff.json().await.unwrap();
    assert_eq!(by_staff.author.name, "刘伟忠");
    let mut bad = edit.clone();
    bad["title"] = json!("");
    let refused = problem(
        head.put(&format!("/notices/{water}"), Some(&bad), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field(&refused, "title").0, "required");

    assert_eq!(
        staff
            .delete(&format!("/notices/{water}"), None)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let gone = problem(
        head.put(&format!("/notices/{water}"), Some(&edit), None)
            .await,
        StatusCode::GONE,
    )
    .await;
    assert_eq!(gone.code, "notice_withdrawn");
}

#[tokio::test]
async fn receipts_count_households_and_list_unread_doors_by_unit() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let water = id_of(&app, WATER).await;

    let before = head.receipts(water).await;
    assert_eq!((before.households_read, before.households_total), (49, 140));
    let units: Vec<&str> = before
        .unread_by_unit
        .iter()
        .map(|u| u.unit.name.as_str())
        .collect();
    assert_eq!(units, ["华盛世纪新城 3栋 1单元", "华盛世纪新城 3栋 2单元"]);
    let unit_1 = &before.unread_by_unit[0];
    assert_eq!(unit_1.unit.kind, ScopeKind::Unit);
    assert_eq!(unit_1.doors.len(), 104 - 37);
    assert_eq!(&unit_1.doors[..3], ["1002", "1003", "1004"]);
    assert_eq!(unit_1.doors.last().unwrap(), "2604");
    assert!(unit_1.doors.contains(&"1502".to_owned()));
    assert_eq!(before.unread_by_unit[1].doors.len(), 36 - 12);
    let authored = head.authored().await;
    let entry = authored.iter().find(|a| a.notice.id == water).unwrap();
    assert_eq!((entry.households_read, entry.households_total), (49, 140));

    Client::new(&app, RESIDENT)
        .await
        .put(&format!("/notices/{water}/read"), None, None)
        .await;
    // A reader from outside the target (staff, no household) does not change the counts.
    Client::new(&app, STAFF)
        .await
        .put(&format!("/notices/{water}/read"), None, None)
        .await;

    let after = head.receipts(water).await;
    assert_eq!((after.households_read, after.households_total), (50, 140));
    assert!(!after.unread_by_unit[0].doors.contains(&"1502".to_owned()));
    assert_eq!(Client::new(&app, STAFF).await.receipts(water).await, after);
}

#[tokio::test]
async fn receipts_are_refused_to_residents_and_other_heads() {
    let app = spawn_app().await;
    // 陈丽华 becomes building head of 5栋 for this test.
    sqlx::query(
        "INSERT INTO role_grants (user_id, role, scope_kind, scope_id) \
         SELECT u.id, 'building_head', 'building', b.id FROM users u, buildings b \
         WHERE u.phone = $1 AND b.estate = '华盛世纪新城' AND b.name = '5栋'",
    )
    .bind(RESIDENT_5)
    .execute(&db(&app).await.write)
    .await
    .unwrap();
    let water = id_of(&app, WATER).await;
    let path = format!("/notices/{water}/receipts");

    let resident = problem(
        Client::new(&app, RESIDENT).await.get(&path).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let unit_head = problem(
        Client::new(&app, UNIT_HEAD).await.get(&path).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let head_5 = Client::new(&app, RESIDENT_5).await;
    let other_head = problem(head_5.get(&path).await, StatusCode::NOT_FOUND).await;

    assert_eq!(resident.code, codes::FORBIDDEN);
    assert_eq!(unit_head.code, codes::FORBIDDEN);
    assert_eq!(other_head.code, codes::NOT_FOUND);
    // Their own building's notices are theirs to post, not 3栋's.
    let targets = head_5.notice_targets().await;
    assert_eq!(targets[0].name, "华盛世纪新城 5栋");
}

#[tokio::test]
async fn targets_follow_the_roles_held() {
    let app = spawn_app().await;

    let names = |scopes: Vec<Scope>| -> Vec<(ScopeKind, String)> {
        scopes.into_iter().map(|s| (s.kind, s.name)).collect()
    };
    let staff = names(Client::new(&app, STAFF).await.notice_targets().await);
    let head = names(
        Client::new(&app, BUILDING_HEAD)
            .await
            .notice_targets()
            .await,
    );
    let unit_head = names(Client::new(&app, UNIT_HEAD).await.notice_targets().await);
    let resident = Client::new(&app, RESIDENT).await.notice_targets().await;
    let other_staff = names(Client::new(&app, OTHER_STAFF).await.notice_targets().await);

    assert_eq!(staff.len(), 1 + 3 + 8);
    assert_eq!(staff[0], (ScopeKind::Community, "井湘社区".into()));
    assert_eq!(staff[1], (ScopeKind::Grid, "华盛世纪新城 第一网格".into()));
    assert!(staff.contains(&(ScopeKind::Building, "华盛世纪新城 3栋".into())));
    assert!(staff.contains(&(ScopeKind::Building, "德润园 2栋".into())));
    assert_eq!(
        head,
        [
            (ScopeKind::Building, "华盛世纪新城 3栋".into()),
            (ScopeKind::Unit, "华盛世纪新城 3栋 1单元".into()),
            (ScopeKind::Unit, "华盛世纪新城 3栋 2单元".into()),
        ]
    );
    assert_eq!(
        unit_head,
        [(ScopeKind::Unit, "华盛世纪新城 3栋 1单元".to_owned())]
    );
    assert!(resident.is_empty());
    assert_eq!(other_staff[0], (ScopeKind::Community, "通化街社区".into()));
    assert!(other_staff.iter().all(|(_, name)| !name.contains("华盛")));
}

#[tokio::test]
async fn staff_may_post_to_a_unit_and_a_grid_of_their_community() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let unit = place_id(&app, ScopeKind::Unit, "华盛世纪新城 5栋 1单元").await;
    let grid = place_id(&app, ScopeKind::Grid, "德润园 网格").await;

    let to_unit = created(
        staff
            .post(
                "/notices",
                Some(&draft("单元通知", ScopeKind::Unit, unit)),
                None,
            )
            .await,
    )
    .await;
    let to_grid = created(
        staff
            .post(
                "/notices",
                Some(&draft("网格通知", ScopeKind::Grid, grid)),
                None,
            )
            .await,
    )
    .await;

    assert_eq!(to_unit.author.role, Role::Staff);
    assert_eq!(to_unit.author.scope_name, "井湘社区");
    assert_eq!(to_grid.target.name, "德润园 网格");
    let resident_5 = Client::new(&app, RESIDENT_5).await.notice_titles().await;
    assert!(resident_5.contains(&"单元通知".to_owned()));
    assert!(!resident_5.contains(&"网格通知".to_owned()));
}

#[tokio::test]
async fn notices_need_a_session() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(app.url("/api/v1/notices"))
        .send()
        .await
        .unwrap();

    assert_eq!(
        problem(response, StatusCode::UNAUTHORIZED).await.code,
        codes::UNAUTHENTICATED
    );
}

#[tokio::test]
async fn authored_notices_come_a_page_at_a_time_newest_first() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let b3 = building_3(&app).await;
    for i in 0..7 {
        created(
            head.post(
                "/notices",
                Some(&draft(&format!("楼道通知 {i}"), ScopeKind::Building, b3)),
                None,
            )
            .await,
        )
        .await;
    }
    let stored: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM notices n JOIN users u ON u.id = n.author_id \
         WHERE u.phone = $1 AND n.withdrawn_at IS NULL",
    )
    .bind(BUILDING_HEAD)
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();

    let first: AuthoredPage = head
        .get("/notices/authored?limit=3")
        .await
        .json()
        .await
        .unwrap();
    let walked = head.authored_by(3).await;

    assert_eq!(first.items.len(), 3);
    assert!(first.next_cursor.is_some());
    assert_eq!(first.items[0].notice.title, "楼道通知 6");
    assert_eq!(walked.len() as i64, stored);
    let mut ids: Vec<i64> = walked.iter().map(|a| a.notice.id).collect();
    let keys: Vec<_> = walked
        .iter()
        .map(|a| (a.notice.published_at, a.notice.id))
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] > w[1]),
        "newest first, no repeats"
    );
    ids.dedup();
    assert_eq!(ids.len() as i64, stored);
    assert!(walked.iter().all(|a| a.can_manage));
    // Without a limit: the first 20 at most.
    let default: AuthoredPage = head.get("/notices/authored").await.json().await.unwrap();
    assert_eq!(default.items.len() as i64, stored.min(20));

    // Bad paging is a field error, not a 400 or 500.
    let bad = problem(
        head.get("/notices/authored?limit=0&cursor=garbage").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field(&bad, "limit").0, "bad_format");
    assert_eq!(field(&bad, "cursor").0, "bad_format");
    problem(
        head.get("/notices/authored?limit=51").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
}

#[tokio::test]
async fn a_head_removed_from_the_building_no_longer_manages_the_notices_they_posted() {
    let app = spawn_app().await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let b3 = building_3(&app).await;
    let notice = created(
        head.post(
            "/notices",
            Some(&draft("电梯检修", ScopeKind::Building, b3)),
            None,
        )
        .await,
    )
    .await;
    assert!(notice.can_manage);

    // Staff take the role away (straight in the database, as the staff endpoint will).
    sqlx::query("DELETE FROM role_grants WHERE user_id = (SELECT id FROM users WHERE phone = $1)")
        .bind(BUILDING_HEAD)
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    let path = format!("/notices/{}", notice.id);
    let edit = head
        .put(
            &path,
            Some(&draft("电梯检修（改）", ScopeKind::Building, b3)),
            None,
        )
        .await;
    let withdraw = head.delete(&path, None).await;
    let receipts = head.get(&format!("{path}/receipts")).await;

    assert_eq!(
        problem(edit, StatusCode::FORBIDDEN).await.code,
        codes::FORBIDDEN
    );
    assert_eq!(
        problem(withdraw, StatusCode::FORBIDDEN).await.code,
        codes::FORBIDDEN
    );
    assert_eq!(
        problem(receipts, StatusCode::FORBIDDEN).await.code,
        codes::FORBIDDEN
    );
    // Still a resident of 3栋: they read it, without the right to manage it.
    assert!(!head.notice(notice.id).await.can_manage);
    let authored = head.authored().await;
    let mine = authored.iter().find(|a| a.notice.id == notice.id).unwrap();
    assert!(!mine.can_manage);
    let (title, withdrawn_at): (String, Option<i64>) =
        sqlx::query_as("SELECT title, withdrawn_at FROM notices WHERE id = $1")
            .bind(notice.id)
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!((title.as_str(), withdrawn_at), ("电梯检修", None));
    // Staff still manage it.
    let staff = Client::new(&app, STAFF).await;
    assert_eq!(
        staff.delete(&path, None).await.status(),
        StatusCode::NO_CONTENT
    );
}
