//! Volunteer tasks: who sees and who runs which task, field errors, joining under capacity
//! (50 simultaneous joins to 10 slots), the waitlist and its promotion, check-in by roster and
//! by code, completion crediting points once.

use chrono::{Duration, Utc};
use linli_api_types::{
    codes, CheckInCode, Enrollment, LedgerKind, LedgerLinkKind, Roster, RosterEntry, Scope, Task,
    TaskCompletion, TaskPage, TaskStatus,
};
use linli_server::db::Db;
use linli_server::ledger::{self, Account};
use reqwest::{RequestBuilder, Response, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

pub const RESIDENT_5: &str = "13800000006";
pub const OTHER_STAFF: &str = "13800000007";
pub const OTHER_RESIDENT: &str = "13800000008";

/// A signed-in user talking to `/api/v1`.
pub struct Api<'a> {
    pub app: &'a TestApp,
    pub token: String,
}

impl<'a> Api<'a> {
    pub async fn new(app: &'a TestApp, phone: &str) -> Api<'a> {
        Api {
            app,
            token: app.signed_in(phone).await.token,
        }
    }

    fn url(&self, path: &str) -> String {
        self.app.url(&format!("/api/v1{path}"))
    }

    async fn send(&self, request: RequestBuilder, key: Option<&str>) -> Response {
        let mut request = request.bearer_auth(&self.token);
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        request.send().await.unwrap()
    }

    pub async fn get(&self, path: &str) -> Response {
        self.send(self.app.client.get(self.url(path)), None).await
    }

    pub async fn post(&self, path: &str, body: Option<&Value>, key: Option<&str>) -> Response {
        let mut request = self.app.client.post(self.url(path));
        if let Some(body) = body {
            request = request.json(body);
        }
        self.send(request, key).await
    }

    pub async fn put(&self, path: &str, key: Option<&str>) -> Response {
        self.send(self.app.client.put(self.url(path)), key).await
    }

    pub async fn delete(&self, path: &str, key: Option<&str>) -> Response {
        self.send(self.app.client.delete(self.url(path)), key).await
    }

    pub async fn ok<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.unwrap()
    }

    async fn task(&self, id: i64) -> Task {
        self.ok(&format!("/tasks/{id}")).await
    }

    async fn join(&self, id: i64) -> Task {
        let response = self.put(&format!("/tasks/{id}/enrollment"), None).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    async fn titles(&self, query: &str) -> Vec<String> {
        let page: TaskPage = self.ok(&format!("/tasks{query}")).await;
        page.items.into_iter().map(|t| t.title).collect()
    }

    async fn create(&self, body: &Value) -> Task {
        let response = self.post("/tasks", Some(body), None).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().await.unwrap()
    }
}

pub async fn db(app: &TestApp) -> Db {
    Db::connect(&app.database_url).await.unwrap()
}

pub async fn user_id(app: &TestApp, phone: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

async fn place(app: &TestApp, sql: &str, name: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(name)
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

async fn building(app: &TestApp, name: &str) -> i64 {
    place(
        app,
        "SELECT id FROM buildings WHERE estate || ' ' || name = $1",
        name,
    )
    .await
}

async fn community(app: &TestApp, name: &str) -> i64 {
    place(app, "SELECT id FROM communities WHERE name = $1", name).await
}

/// A task draft starting in `starts_in` from now, two hours long.
fn draft(title: &str, kind: &str, id: i64, capacity: i64, starts_in: Duration) -> Value {
    let start = Utc::now() + starts_in;
    json!({
        "title": title,
        "description": "带好手套",
        "category": "environment",
        "place": "3栋楼下",
        "starts_at": start,
        "ends_at": start + Duration::hours(2),
        "capacity": capacity,
        "points": 20,
        "target": { "kind": kind, "id": id },
    })
}

/// Moves a task `by` into the past, as if time had passed.
async fn shift_back(app: &TestApp, task: i64, by: Duration) {
    sqlx::query(
        "UPDATE tasks SET starts_at = starts_at - $1, ends_at = ends_at - $1 WHERE id = $2",
    )
    .bind(by.num_milliseconds())
    .bind(task)
    .execute(&db(app).await.write)
    .await
    .unwrap();
}

async fn seeded_task(app: &TestApp, title: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM tasks WHERE title = $1 AND completed_at IS NULL")
        .bind(title)
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn residents_see_the_upcoming_tasks_of_their_community_grid_and_building() {
    let app = spawn_app().await;
    let resident = Api::new(&app, RESIDENT).await;
    let titles = resident.titles("?limit=50").await;
    assert_eq!(
        titles,
        [
            "文明劝导",
            "清理楼道",
            "四点半课堂 助教",
            "红帆驿站 法律咨询 志愿引导",
            "小区环境卫生大扫除",
            "敬老院探访",
            "防汛值守"
        ]
    );
    let resident_5 = Api::new(&app, RESIDENT_5).await;
    let titles_5 = resident_5.titles("?limit=50").await;
    assert!(titles_5.contains(&"5栋 垃圾分类督导".to_owned()));
    assert!(!titles_5.contains(&"清理楼道".to_owned()));
    assert!(
        !titles_5.contains(&"小区环境卫生大扫除".to_owned()),
        "grid 1 only"
    );
    let other = Api::new(&app, OTHER_RESIDENT).await;
    assert_eq!(other.titles("").await, ["消防通道清理"]);
    // Staff see all of their community's tasks.
    let staff = Api::new(&app, STAFF).await;
    assert_eq!(staff.titles("?limit=50").await.len(), 8);

    // Filters and pages.
    assert_eq!(resident.titles("?category=elderly").await, ["敬老院探访"]);
    let in_two_days = (Utc::now() + Duration::hours(8) + Duration::days(2)).date_naive();
    assert_eq!(
        resident
            .titles(&format!("?from={in_two_days}&to={in_two_days}"))
            .await,
        ["清理楼道"]
    );
    let first: TaskPage = resident.ok("/tasks?limit=2").await;
    assert_eq!(first.items.len(), 2);
    let next: TaskPage = resident
        .ok(&format!(
            "/tasks?limit=50&cursor={}",
            first.next_cursor.unwrap()
        ))
        .await;
    assert_eq!(next.items[0].title, "四点半课堂 助教");
    let refused = problem(
        resident
            .get("/tasks?category=party&from=tomorrow&limit=0")
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    for field in ["category", "from", "limit"] {
        assert!(refused.field(field).is_some(), "{field}");
    }

    // The full one shows its waitlist; the detail shows the user's enrolment.
    let full = resident.task(seeded_task(&app, "文明劝导").await).await;
    assert_eq!((full.slots_left, full.waitlist_count), (0, 2));
    assert_eq!(full.my_enrollment, Enrollment::None);
    assert!(!full.can_manage);
    let hallway = resident.task(seeded_task(&app, "清理楼道").await).await;
    assert_eq!(hallway.my_enrollment, Enrollment::Joined);
    assert_eq!(hallway.status, TaskStatus::Upcoming);
    assert_eq!(hallway.target.name, "华盛世纪新城 3栋");
    assert_eq!(hallway.organiser.name, "刘伟忠");
    // Out of scope is not found.
    let lift = seeded_task(&app, "5栋 垃圾分类督导").await;
    problem(
        resident.get(&format!("/tasks/{lift}")).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(
        other.get(&format!("/tasks/{}", hallway.id)).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn staff_and_building_heads_create_tasks_in_their_scopes_only() {
    let app = spawn_app().await;
    let jingxiang = community(&app, "井湘社区").await;
    let b3 = building(&app, "华盛世纪新城 3栋").await;
    let b5 = building(&app, "华盛世纪新城 5栋").await;
    let staff = Api::new(&app, STAFF).await;
    let head = Api::new(&app, BUILDING_HEAD).await;

    // Staff: the community; idempotent under a key.
    let body = draft(
        "社区义诊 引导",
        "community",
        jingxiang,
        10,
        Duration::days(1),
    );
    let first = staff.post("/tasks", Some(&body), Some("create-1")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let created: Task = first.json().await.unwrap();
    assert!(created.can_manage);
    assert_eq!(created.slots_left, 10);
    let again = staff.post("/tasks", Some(&body), Some("create-1")).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.json::<Task>().await.unwrap().id, created.id);
    let other_body = draft("别的任务", "community", jingxiang, 10, Duration::days(1));
    let reused = staff
        .post("/tasks", Some(&other_body), Some("create-1"))
        .await;
    assert_eq!(
        problem(reused, StatusCode::UNPROCESSABLE_ENTITY).await.code,
        "idempotency_key_reused"
    );

    // Building head: their building yes, 5栋 and the community no.
    head.create(&draft("清理楼道", "building", b3, 5, Duration::days(1)))
        .await;
    for (kind, id) in [("building", b5), ("community", jingxiang)] {
        let refused = head
            .post(
                "/tasks",
                Some(&draft("清理楼道", kind, id, 5, Duration::days(1))),
                None,
            )
            .await;
        let refusal = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(refusal.field("target").unwrap().code, "out_of_scope");
    }

    // Residents and unit heads cannot create.
    for phone in [RESIDENT, UNIT_HEAD, VOLUNTEER] {
        let api = Api::new(&app, phone).await;
        let refused = api
            .post(
                "/tasks",
                Some(&draft("清理楼道", "building", b3, 5, Duration::days(1))),
                None,
            )
            .await;
        assert_eq!(
            problem(refused, StatusCode::FORBIDDEN).await.code,
            codes::FORBIDDEN
        );
    }
    // Staff of another community cannot reach into 井湘社区.
    let other = Api::new(&app, OTHER_STAFF).await;
    let refused = other
        .post(
            "/tasks",
            Some(&draft(
                "清理楼道",
                "community",
                jingxiang,
                5,
                Duration::days(1),
            )),
            None,
        )
        .await;
    let problem_other = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    // Another community's place is unknown here, as if there were none.
    assert_eq!(problem_other.field("target").unwrap().code, "unknown");

    // Field errors, every one named.
    let start = Utc::now() - Duration::hours(1);
    let bad = json!({
        "title": "楼".repeat(61),
        "description": "字".repeat(2001),
        "category": "environment",
        "place": "",
        "starts_at": start,
        "ends_at": start,
        "capacity": 501,
        "points": -1,
        "target": { "kind": "building", "id": 999_999 },
    });
    let problem_bad = problem(
        staff.post("/tasks", Some(&bad), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields: Vec<(&str, &str)> = problem_bad
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    for expected in [
        ("title", "too_long"),
        ("description", "too_long"),
        ("place", "required"),
        ("starts_at", "in_past"),
        ("ends_at", "not_after_start"),
        ("capacity", "out_of_range"),
        ("points", "out_of_range"),
        ("target", "unknown"),
    ] {
        assert!(fields.contains(&expected), "{expected:?} in {fields:?}");
    }
    assert_eq!(
        problem_bad.field("starts_at").unwrap().message,
        "开始时间必须晚于现在"
    );
    let mut unknown_category = draft("x", "community", jingxiang, 5, Duration::days(1));
    unknown_category["category"] = json!("party");
    let problem_category = problem(
        staff.post("/tasks", Some(&unknown_category), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(problem_category.field("category").is_some());

    // Targets offered.
    let targets: Vec<Scope> = head.ok("/task-targets").await;
    assert_eq!(targets.len(), 1);
    assert_eq!(targets[0].name, "华盛世纪新城 3栋");
    let resident_targets: Vec<Scope> = Api::new(&app, RESIDENT).await.ok("/task-targets").await;
    assert!(resident_targets.is_empty());
}

#[tokio::test]
async fn joining_fills_the_slots_then_the_waitlist_and_withdrawing_promotes() {
    let app = spawn_app().await;
    let b3 = building(&app, "华盛世纪新城 3栋").await;
    let head = Api::new(&app, BUILDING_HEAD).await;
    let task = head
        .create(&draft("搬运物资", "building", b3, 1, Duration::days(1)))
        .await;
    let resident = Api::new(&app, RESIDENT).await;
    let volunteer = Api::new(&app, VOLUNTEER).await;
    let unit_head = Api::new(&app, UNIT_HEAD).await;

    let path = format!("/tasks/{}/enrollment", task.id);
    let joined = resident.put(&path, Some("join-1")).await;
    assert_eq!(joined.status(), StatusCode::OK);
    assert_eq!(
        joined.json::<Task>().await.unwrap().my_enrollment,
        Enrollment::Joined
    );
    // Joining again (same key, or none) is the same enrolment.
    let replay = resident.put(&path, Some("join-1")).await;
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    assert_eq!(resident.join(task.id).await.slots_left, 0);

    let waiting = volunteer.join(task.id).await;
    assert_eq!(
        waiting.my_enrollment,
        Enrollment::Waitlisted { position: 1 }
    );
    assert_eq!(waiting.waitlist_count, 1);
    assert_eq!(
        unit_head.join(task.id).await.my_enrollment,
        Enrollment::Waitlisted { position: 2 }
    );

    // The first withdraws: the first waiting gets the slot, the second moves up.
    let withdrawn = resident.delete(&path, Some("withdraw-1")).await;
    assert_eq!(withdrawn.status(), StatusCode::OK);
    assert_eq!(
        withdrawn.json::<Task>().await.unwrap().my_enrollment,
        Enrollment::Withdrawn
    );
    let replayed = resident.delete(&path, Some("withdraw-1")).await;
    assert_eq!(replayed.headers()["idempotent-replayed"], "true");
    assert_eq!(resident.delete(&path, None).await.status(), StatusCode::OK);
    assert_eq!(
        volunteer.task(task.id).await.my_enrollment,
        Enrollment::Joined
    );
    let moved = unit_head.task(task.id).await;
    assert_eq!(moved.my_enrollment, Enrollment::Waitlisted { position: 1 });
    assert_eq!((moved.joined_count, moved.waitlist_count), (1, 1));
    // Joining again after withdrawing goes to the back of the queue.
    assert_eq!(
        resident.join(task.id).await.my_enrollment,
        Enrollment::Waitlisted { position: 2 }
    );
    // Waitlisted withdrawal frees no slot.
    unit_head.delete(&path, None).await;
    assert_eq!(
        resident.task(task.id).await.my_enrollment,
        Enrollment::Waitlisted { position: 1 }
    );

    // My tasks.
    let upcoming: TaskPage = volunteer.ok("/me/tasks?when=upcoming").await;
    assert!(upcoming.items.iter().any(|t| t.id == task.id));
    problem(
        volunteer.get("/me/tasks?when=later").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;

    // After the start: no joining, no withdrawing.
    shift_back(&app, task.id, Duration::days(1) + Duration::minutes(5)).await;
    let late = Api::new(&app, "13900000004").await; // 黄建华, 3栋
    assert_eq!(
        problem(late.put(&path, None).await, StatusCode::CONFLICT)
            .await
            .code,
        "task_started"
    );
    assert_eq!(
        problem(volunteer.delete(&path, None).await, StatusCode::CONFLICT)
            .await
            .code,
        "task_started"
    );
}

#[tokio::test]
async fn only_residents_of_the_target_may_join() {
    let app = spawn_app().await;
    let hallway = seeded_task(&app, "清理楼道").await;
    let resident_5 = Api::new(&app, RESIDENT_5).await;
    let path = format!("/tasks/{hallway}/enrollment");
    // 5栋 cannot see, let alone join, a 3栋-only task.
    problem(resident_5.put(&path, None).await, StatusCode::NOT_FOUND).await;
    // Staff see it (they run it) but it is not for them to join.
    let staff = Api::new(&app, STAFF).await;
    assert_eq!(
        problem(staff.put(&path, None).await, StatusCode::FORBIDDEN)
            .await
            .code,
        codes::FORBIDDEN
    );
    // Another community: not found.
    let other = Api::new(&app, OTHER_RESIDENT).await;
    problem(other.put(&path, None).await, StatusCode::NOT_FOUND).await;
}

/// Inserts `n` residents of 3栋 1单元 with sessions, straight into the database; returns tokens.
async fn many_residents(app: &TestApp, n: usize) -> Vec<String> {
    let db = db(app).await;
    let (community, household): (i64, i64) =
        sqlx::query_as("SELECT community_id, household_id FROM users WHERE phone = $1")
            .bind(RESIDENT)
            .fetch_one(&db.read)
            .await
            .unwrap();
    let mut tokens = Vec::new();
    for i in 0..n {
        let user: i64 = sqlx::query_scalar(
            "INSERT INTO users (phone, name, password_hash, community_id, household_id, \
                is_volunteer, created_at) VALUES ($1, $2, 'x', $3, $4, 1, 0) RETURNING id",
        )
        .bind(format!("1370000{i:04}"))
        .bind(format!("志愿者{i}"))
        .bind(community)
        .bind(household)
        .fetch_one(&db.write)
        .await
        .unwrap();
        let token = format!("race-token-{i:04}-abcdefghijklmnopqrstuvwxyz");
        sqlx::query(
            "INSERT INTO sessions (user_id, token_hash, created_at, expires_at, created_ip) \
             VALUES ($1, $2, 0, $3, '127.0.0.1')",
        )
        .bind(user)
        .bind(linli_server::session_token::hash(&token))
        .bind(i64::MAX / 2)
        .execute(&db.write)
        .await
        .unwrap();
        tokens.push(token);
    }
    tokens
}

#[tokio::test]
async fn fifty_simultaneous_joins_to_ten_slots_give_ten_joined_and_forty_waiting() {
    let app = spawn_app().await;
    let b3 = building(&app, "华盛世纪新城 3栋").await;
    let head = Api::new(&app, BUILDING_HEAD).await;
    let task = head
        .create(&draft("小区消杀", "building", b3, 10, Duration::days(1)))
        .await;
    let tokens = many_residents(&app, 50).await;
    let url = app.url(&format!("/api/v1/tasks/{}/enrollment", task.id));
    let joins = tokens.iter().map(|token| {
        app.client
            .put(&url)
            .bearer_auth(token)
            .header("Idempotency-Key", format!("k-{token}"))
            .send()
    });
    let responses = futures_join_all(joins).await;
    let mut joined = 0;
    let mut positions = Vec::new();
    for response in responses {
        let response = response.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        match response.json::<Task>().await.unwrap().my_enrollment {
            Enrollment::Joined => joined += 1,
            Enrollment::Waitlisted { position } => positions.push(position),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(joined, 10);
    positions.sort_unstable();
    assert_eq!(positions, (1..=40).collect::<Vec<i64>>());
    let after = head.task(task.id).await;
    assert_eq!(
        (after.joined_count, after.slots_left, after.waitlist_count),
        (10, 0, 40)
    );
    let roster: Roster = head.ok(&format!("/tasks/{}/roster", task.id)).await;
    assert_eq!((roster.volunteers.len(), roster.waitlist.len()), (10, 40));
}

/// `join_all` without another dependency: spawn each and await in order.
async fn futures_join_all<F, T>(futures: impl Iterator<Item = F>) -> Vec<T>
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn organisers_check_volunteers_in_and_confirm_completion_once() {
    let app = spawn_app().await;
    let b3 = building(&app, "华盛世纪新城 3栋").await;
    let head = Api::new(&app, BUILDING_HEAD).await;
    let task = head
        .create(&draft(
            "清理楼道 杂物",
            "building",
            b3,
            5,
            Duration::hours(1),
        ))
        .await;
    let resident = Api::new(&app, RESIDENT).await;
    let volunteer = Api::new(&app, VOLUNTEER).await;
    let unit_head = Api::new(&app, UNIT_HEAD).await;
    resident.join(task.id).await;
    volunteer.join(task.id).await;
    unit_head.join(task.id).await;
    let resident_id = user_id(&app, RESIDENT).await;
    let volunteer_id = user_id(&app, VOLUNTEER).await;
    let unit_head_id = user_id(&app, UNIT_HEAD).await;

    // Who may run it: the creator and staff; not volunteers, not another community's staff.
    let roster_path = format!("/tasks/{}/roster", task.id);
    problem(resident.get(&roster_path).await, StatusCode::FORBIDDEN).await;
    problem(
        resident
            .get(&format!("/tasks/{}/check-in-code", task.id))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    problem(
        resident
            .put(&format!("{roster_path}/{volunteer_id}/check_in"), None)
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    problem(
        resident
            .post(&format!("/tasks/{}/complete", task.id), None, None)
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let other_staff = Api::new(&app, OTHER_STAFF).await;
    problem(other_staff.get(&roster_path).await, StatusCode::NOT_FOUND).await;
    let staff = Api::new(&app, STAFF).await;
    let roster: Roster = staff.ok(&roster_path).await;
    assert_eq!(roster.volunteers.len(), 3);
    assert!(staff.task(task.id).await.can_manage);

    // By list: the organiser checks 王秀英 in (twice is once).
    for key in ["ci-1", "ci-1", "ci-2"] {
        let response = head
            .put(&format!("{roster_path}/{resident_id}/check_in"), Some(key))
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let entry: RosterEntry = response.json().await.unwrap();
        assert_eq!(entry.enrollment, Enrollment::CheckedIn);
    }
    // Check-out before check-in, unknown action, someone not on the roster.
    assert_eq!(
        problem(
            head.put(&format!("{roster_path}/{volunteer_id}/check_out"), None)
                .await,
            StatusCode::CONFLICT
        )
        .await
        .code,
        "enrollment_state"
    );
    problem(
        head.put(&format!("{roster_path}/{volunteer_id}/wave"), None)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let staff_id = user_id(&app, STAFF).await;
    problem(
        head.put(&format!("{roster_path}/{staff_id}/check_in"), None)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    // No-shows and completion wait for the start.
    assert_eq!(
        problem(
            head.put(&format!("{roster_path}/{unit_head_id}/no_show"), None)
                .await,
            StatusCode::CONFLICT
        )
        .await
        .code,
        "task_not_started"
    );
    assert_eq!(
        problem(
            head.post(&format!("/tasks/{}/complete", task.id), None, None)
                .await,
            StatusCode::CONFLICT
        )
        .await
        .code,
        "task_not_started"
    );

    // By code: the volunteer checks themself in, then out.
    let code: CheckInCode = head.ok(&format!("/tasks/{}/check-in-code", task.id)).await;
    assert_eq!(code.code.len(), 6);
    assert!((1..=60).contains(&code.seconds_left));
    let check_in = format!("/tasks/{}/check-in", task.id);
    let wrong = if code.code == "000000" {
        "111111"
    } else {
        "000000"
    };
    let problem_wrong = problem(
        volunteer
            .post(&check_in, Some(&json!({ "code": wrong })), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(problem_wrong.field("code").unwrap().code, "wrong_code");
    let body = json!({ "code": code.code });
    let first = volunteer.post(&check_in, Some(&body), Some("self-1")).await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(
        first.json::<Task>().await.unwrap().my_enrollment,
        Enrollment::CheckedIn
    );
    // A retried request is the same check-in, not a check-out.
    let retried = volunteer.post(&check_in, Some(&body), Some("self-1")).await;
    assert_eq!(
        retried.json::<Task>().await.unwrap().my_enrollment,
        Enrollment::CheckedIn
    );
    // Someone not enrolled cannot check in.
    let not_joined = Api::new(&app, "13900000004").await;
    let refused = not_joined.post(&check_in, Some(&body), None).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);

    // Time passes: the task ran; out by code, 尚建超 never came.
    shift_back(&app, task.id, Duration::hours(3)).await;
    let code: CheckInCode = head.ok(&format!("/tasks/{}/check-in-code", task.id)).await;
    let out = volunteer
        .post(
            &check_in,
            Some(&json!({ "code": code.code })),
            Some("self-2"),
        )
        .await;
    assert_eq!(
        out.json::<Task>().await.unwrap().my_enrollment,
        Enrollment::CheckedOut
    );
    // Checked in: too late to withdraw.
    assert_eq!(
        problem(
            resident
                .delete(&format!("/tasks/{}/enrollment", task.id), None)
                .await,
            StatusCode::CONFLICT
        )
        .await
        .code,
        "enrollment_state"
    );
    let no_show = head
        .put(&format!("{roster_path}/{unit_head_id}/no_show"), None)
        .await;
    assert_eq!(
        no_show.json::<RosterEntry>().await.unwrap().enrollment,
        Enrollment::NoShow
    );

    let balance_before = ledger::balance(&db(&app).await.read, Account::Member(resident_id))
        .await
        .unwrap();
    let complete = format!("/tasks/{}/complete", task.id);
    let response = head.post(&complete, None, Some("done-1")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let completion: TaskCompletion = response.json().await.unwrap();
    assert_eq!((completion.attendees, completion.no_shows), (2, 1));
    assert_eq!(completion.points_total, 40);
    // 王秀英 was never clocked out: the task's two hours.
    let done = resident.task(task.id).await;
    assert_eq!(done.status, TaskStatus::Completed);
    assert_eq!(
        done.my_enrollment,
        Enrollment::Completed {
            minutes: 120,
            points: 20
        }
    );
    // The replay answers the same; a second confirmation is refused; nothing is paid twice.
    let replay = head.post(&complete, None, Some("done-1")).await;
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    assert_eq!(
        problem(head.post(&complete, None, None).await, StatusCode::CONFLICT)
            .await
            .code,
        "task_completed"
    );
    let db = db(&app).await;
    let balance = ledger::balance(&db.read, Account::Member(resident_id))
        .await
        .unwrap();
    assert_eq!(balance, balance_before + 20);
    assert_eq!(
        balance,
        ledger::sum_of_entries(&db.read, Account::Member(resident_id))
            .await
            .unwrap()
    );
    let (kind, subject, minutes, link_kind, link_id): (String, String, Option<i64>, String, i64) =
        sqlx::query_as(
            "SELECT t.kind, t.subject, t.minutes, t.link_kind, t.link_id FROM ledger_transactions t \
             JOIN ledger_entries e ON e.transaction_id = t.id \
             JOIN ledger_accounts a ON a.id = e.account_id \
             WHERE a.user_id = $1 ORDER BY t.id DESC LIMIT 1",
        )
        .bind(resident_id)
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_eq!(kind, LedgerKind::TaskReward.as_str());
    assert_eq!(subject, "清理楼道 杂物");
    assert_eq!(minutes, Some(120));
    assert_eq!(
        (link_kind.as_str(), link_id),
        (LedgerLinkKind::Task.as_str(), task.id)
    );
    // 尚建超 got nothing.
    let unit_head_task = unit_head.task(task.id).await;
    assert_eq!(unit_head_task.my_enrollment, Enrollment::NoShow);
    // Done lists.
    let done_page: TaskPage = volunteer.ok("/me/tasks?when=done").await;
    assert_eq!(done_page.items[0].id, task.id);
    // Nothing more after completion.
    assert_eq!(
        problem(
            head.put(&format!("{roster_path}/{unit_head_id}/check_in"), None)
                .await,
            StatusCode::CONFLICT
        )
        .await
        .code,
        "task_completed"
    );
}
