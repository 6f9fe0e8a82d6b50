//! Volunteer tasks: who sees and who runs which task, field errors, joining under capacity
//! (50 simultaneous joins to 10 slots), the waitlist and its promotion, check-in by roster and
//! by code, completion crediting points once.

use chrono::{Duration, Utc};
use linli_api_types::{
    codes, CheckInCode, Enrollment, LedgerKind, LedgerLinkKind, Roster, RosterEntry, Scope, Task,
    TaskCompletion, TaskPage, TaskPolicy, TaskStatus,
};
use linli_server::features::points::ledger::{self, Account};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

/// What the task tests ask of the one client.
impl Client<'_> {
    async fn task(&self, id: i64) -> Task {
        self.get_ok(&format!("/tasks/{id}")).await
    }

    async fn join(&self, id: i64) -> Task {
        let response = self
            .put(&format!("/tasks/{id}/enrollment"), None, None)
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    async fn task_titles(&self, query: &str) -> Vec<String> {
        let page: TaskPage = self.get_ok(&format!("/tasks{query}")).await;
        page.items.into_iter().map(|t| t.title).collect()
    }

    async fn create_task(&self, body: &Value) -> Task {
        let response = self.post("/tasks", Some(body), None).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().await.unwrap()
    }
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
    let resident = Client::new(&app, RESIDENT).await;
    let titles = resident.task_titles("?limit=50").await;
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
    let resident_5 = Client::new(&app, RESIDENT_5).await;
    let titles_5 = resident_5.task_titles("?limit=50").await;
    assert!(titles_5.contains(&"5栋 垃圾分类督导".to_owned()));
    assert!(!titles_5.contains(&"清理楼道".to_owned()));
    assert!(
        !titles_5.contains(&"小区环境卫生大扫除".to_owned()),
        "grid 1 only"
    );
    let other = Client::new(&app, OTHER_RESIDENT).await;
    assert_eq!(other.task_titles("").await, ["消防通道清理"]);
    // Staff see all of their community's tasks.
    let staff = Client::new(&app, STAFF).await;
    assert_eq!(staff.task_titles("?limit=50").await.len(), 8);

    // Filters and pages.
    assert_eq!(
        resident.task_titles("?category=elderly").await,
        ["敬老院探访"]
    );
    let in_two_days = (Utc::now() + Duration::hours(8) + Duration::days(2)).date_naive();
    assert_eq!(
        resident
            .task_titles(&format!("?from={in_two_days}&to={in_two_days}"))
            .await,
        ["清理楼道"]
    );
    let first: TaskPage = resident.get_ok("/tasks?limit=2").await;
    assert_eq!(first.items.len(), 2);
    let next: TaskPage = resident
        .get_ok(&format!(
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
    let staff = Client::new(&app, STAFF).await;
    let head = Client::new(&app, BUILDING_HEAD).await;

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
    head.create_task(&draft("清理楼道", "building", b3, 5, Duration::days(1)))
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
        let api = Client::new(&app, phone).await;
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
    let other = Client::new(&app, OTHER_STAFF).await;
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
    let targets: Vec<Scope> = head.get_ok("/task-targets").await;
    assert_eq!(targets.len(), 1);
    assert_eq!(targets[0].name, "华盛世纪新城 3栋");
    let resident_targets: Vec<Scope> = Client::new(&app, RESIDENT)
        .await
        .get_ok("/task-targets")
        .await;
    assert!(resident_targets.is_empty());
}

#[tokio::test]
async fn joining_fills_the_slots_then_the_waitlist_and_withdrawing_promotes() {
    let app = spawn_app().await;
    let b3 = building(&app, "华盛世纪新城 3栋").await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let task = head
        .create_task(&draft("搬运物资", "building", b3, 1, Duration::days(1)))
        .await;
    let resident = Client::new(&app, RESIDENT).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;

    let path = format!("/tasks/{}/enrollment", task.id);
    let joined = resident.put(&path, None, Some("join-1")).await;
    assert_eq!(joined.status(), StatusCode::OK);
    assert_eq!(
        joined.json::<Task>().await.unwrap().my_enrollment,
        Enrollment::Joined
    );
    // Joining again (same key, or none) is the same enrolment.
    let replay = resident.put(&path, None, Some("join-1")).await;
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
    let upcoming: TaskPage = volunteer.get_ok("/me/tasks?when=upcoming").await;
    assert!(upcoming.items.iter().any(|t| t.id == task.id));
    problem(
        volunteer.get("/me/tasks?when=later").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;

    // After the start: no joining, no withdrawing.
    shift_back(&app, task.id, Duration::days(1) + Duration::minutes(5)).await;
    let late = Client::new(&app, HUANG_JIANHUA).await;
    assert_eq!(
        problem(late.put(&path, None, None).await, StatusCode::CONFLICT)
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
    let resident_5 = Client::new(&app, RESIDENT_5).await;
    let path = format!("/tasks/{hallway}/enrollment");
    // 5栋 cannot see, let alone join, a 3栋-only task.
    problem(
        resident_5.put(&path, None, None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    // Staff see it (they run it) but it is not for them to join.
    let staff = Client::new(&app, STAFF).await;
    assert_eq!(
        problem(staff.put(&path, None, None).await, StatusCode::FORBIDDEN)
            .await
            .code,
        codes::FORBIDDEN
    );
    // Another community: not found.
    let other = Client::new(&app, OTHER_RESIDENT).await;
    problem(other.put(&path, None, None).await, StatusCode::NOT_FOUND).await;
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
        .bind(linli_server::features::account::session_token::hash(&token))
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
    let head = Client::new(&app, BUILDING_HEAD).await;
    let task = head
        .create_task(&draft("小区消杀", "building", b3, 10, Duration::days(1)))
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
    let roster: Roster = head.get_ok(&format!("/tasks/{}/roster", task.id)).await;
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
    let head = Client::new(&app, BUILDING_HEAD).await;
    let task = head
        .create_task(&draft(
            "清理楼道 杂物",
            "building",
            b3,
            5,
            Duration::hours(1),
        ))
        .await;
    let resident = Client::new(&app, RESIDENT).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let unit_head = Client::new(&app, UNIT_HEAD).await;
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
            .put(
                &format!("{roster_path}/{volunteer_id}/check_in"),
                None,
                None,
            )
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
    let other_staff = Client::new(&app, OTHER_STAFF).await;
    problem(other_staff.get(&roster_path).await, StatusCode::NOT_FOUND).await;
    let staff = Client::new(&app, STAFF).await;
    let roster: Roster = staff.get_ok(&roster_path).await;
    assert_eq!(roster.volunteers.len(), 3);
    assert!(staff.task(task.id).await.can_manage);

    // By list: the organiser checks 王秀英 in (twice is once).
    for key in ["ci-1", "ci-1", "ci-2"] {
        let response = head
            .put(
                &format!("{roster_path}/{resident_id}/check_in"),
                None,
                Some(key),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let entry: RosterEntry = response.json().await.unwrap();
        assert_eq!(entry.enrollment, Enrollment::CheckedIn);
    }
    // Check-out before check-in, unknown action, someone not on the roster.
    assert_eq!(
        problem(
            head.put(
                &format!("{roster_path}/{volunteer_id}/check_out"),
                None,
                None
            )
            .await,
            StatusCode::CONFLICT
        )
        .await
        .code,
        "enrollment_state"
    );
    problem(
        head.put(&format!("{roster_path}/{volunteer_id}/wave"), None, None)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let staff_id = user_id(&app, STAFF).await;
    problem(
        head.put(&format!("{roster_path}/{staff_id}/check_in"), None, None)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    // No-shows and completion wait for the start.
    assert_eq!(
        problem(
            head.put(&format!("{roster_path}/{unit_head_id}/no_show"), None, None)
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
    let code: CheckInCode = head
        .get_ok(&format!("/tasks/{}/check-in-code", task.id))
        .await;
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
    let not_joined = Client::new(&app, HUANG_JIANHUA).await;
    let refused = not_joined.post(&check_in, Some(&body), None).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);

    // Time passes: the task ran; out by code, 尚建超 never came.
    shift_back(&app, task.id, Duration::hours(3)).await;
    let code: CheckInCode = head
        .get_ok(&format!("/tasks/{}/check-in-code", task.id))
        .await;
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
        .put(&format!("{roster_path}/{unit_head_id}/no_show"), None, None)
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
    let done_page: TaskPage = volunteer.get_ok("/me/tasks?when=done").await;
    assert_eq!(done_page.items[0].id, task.id);
    // Nothing more after completion.
    assert_eq!(
        problem(
            head.put(
                &format!("{roster_path}/{unit_head_id}/check_in"),
                None,
                None
            )
            .await,
            StatusCode::CONFLICT
        )
        .await
        .code,
        "task_completed"
    );
}

// --- points bounded by time, organisers' own attendance, code limits, undo, roles ---

async fn balance(app: &TestApp, phone: &str) -> i64 {
    let user = user_id(app, phone).await;
    ledger::balance(&db(app).await.read, Account::Member(user))
        .await
        .unwrap()
}

/// Task rewards credited to `phone` for `task`, as the ledger holds them.
async fn task_rewards(app: &TestApp, phone: &str, task: i64) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT e.amount FROM ledger_entries e \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN users u ON u.id = a.user_id \
         WHERE u.phone = $1 AND t.kind = $2 AND t.link_kind = $3 AND t.link_id = $4 \
         ORDER BY e.id",
    )
    .bind(phone)
    .bind(LedgerKind::TaskReward.as_str())
    .bind(LedgerLinkKind::Task.as_str())
    .bind(task)
    .fetch_all(&db(app).await.read)
    .await
    .unwrap()
}

fn timed(title: &str, b3: i64, starts_in: Duration, length: Duration, points: i64) -> Value {
    let mut body = draft(title, "building", b3, 10, starts_in);
    let start = Utc::now() + starts_in;
    body["starts_at"] = json!(start);
    body["ends_at"] = json!(start + length);
    body["points"] = json!(points);
    body
}

async fn entry<'a>(api: &Client<'a>, task: i64, user: i64) -> RosterEntry {
    let roster: Roster = api.get_ok(&format!("/tasks/{task}/roster")).await;
    roster
        .volunteers
        .into_iter()
        .find(|e| e.user_id == user)
        .unwrap()
}

#[tokio::test]
async fn a_head_cannot_mint_a_thousand_points_with_a_one_minute_task() {
    let app = spawn_app().await;
    let b3 = building(&app, "华盛世纪新城 3栋").await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let before = balance(&app, BUILDING_HEAD).await;

    // The attack as seen: 1,000 points, starting in a minute, one minute long.
    let attack = timed(
        "搬东西",
        b3,
        Duration::minutes(1),
        Duration::minutes(1),
        1000,
    );
    let refused = problem(
        head.post("/tasks", Some(&attack), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let field = refused.field("points").unwrap();
    assert_eq!(field.code, "above_policy");
    assert_eq!(field.message, "这个活动时长 1 分钟，最多 0 积分");
    // Two hours at the default 20 an hour: 40 at most, said in the user's language.
    let over = timed("清理楼道", b3, Duration::days(1), Duration::hours(2), 41);
    let zh = problem(
        head.post("/tasks", Some(&over), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        zh.field("points").unwrap().message,
        "这个活动时长 2 小时，最多 40 积分"
    );
    let en = head
        .request(Method::POST, "/tasks", None)
        .header("accept-language", "en")
        .json(&over)
        .send()
        .await
        .unwrap();
    assert_eq!(
        problem(en, StatusCode::UNPROCESSABLE_ENTITY)
            .await
            .field("points")
            .unwrap()
            .message,
        "This task lasts 2 hours: at most 40 points"
    );
    let at_most = timed("清理楼道", b3, Duration::days(1), Duration::hours(2), 40);
    assert_eq!(head.create_task(&at_most).await.points, 40);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tasks WHERE points > 40")
        .fetch_one(&db(&app).await.read)
        .await
        .unwrap();
    assert_eq!(stored, 0, "nothing above the bound was stored");

    // The form reads the bound; staff's setting moves it.
    let policy: TaskPolicy = head.get_ok("/community/policy").await;
    assert_eq!(policy.points_per_hour, 20);
    assert_eq!(policy.max_points(120), 40);
    sqlx::query(
        "INSERT INTO community_policies (community_id, points_per_hour, \
            correction_approval_threshold, updated_at) \
         SELECT community_id, 5, 200, 0 FROM users WHERE phone = $1",
    )
    .bind(BUILDING_HEAD)
    .execute(&db(&app).await.write)
    .await
    .unwrap();
    let policy: TaskPolicy = head.get_ok("/community/policy").await;
    assert_eq!(policy.points_per_hour, 5);
    let now_over = timed("清理楼道", b3, Duration::days(1), Duration::hours(2), 11);
    let refused = problem(
        head.post("/tasks", Some(&now_over), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        refused.field("points").unwrap().message,
        "这个活动时长 2 小时，最多 10 积分"
    );

    // The rest of the attack on a task that may be created: the head joins, reads the code,
    // checks himself in and completes. His own attendance is not credited.
    let task = head
        .create_task(&timed(
            "搬东西",
            b3,
            Duration::minutes(1),
            Duration::minutes(30),
            2,
        ))
        .await;
    head.join(task.id).await;
    let code: CheckInCode = head
        .get_ok(&format!("/tasks/{}/check-in-code", task.id))
        .await;
    let checked = head
        .post(
            &format!("/tasks/{}/check-in", task.id),
            Some(&json!({ "code": code.code })),
            None,
        )
        .await;
    assert_eq!(checked.status(), StatusCode::OK);
    shift_back(&app, task.id, Duration::minutes(40)).await;
    let response = head
        .post(&format!("/tasks/{}/complete", task.id), None, None)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let completion: TaskCompletion = response.json().await.unwrap();
    assert_eq!(
        (completion.attendees, completion.awaiting_confirmation),
        (0, 1)
    );
    assert_eq!(completion.points_total, 0);
    assert_eq!(balance(&app, BUILDING_HEAD).await, before);
    assert!(task_rewards(&app, BUILDING_HEAD, task.id).await.is_empty());
}

#[tokio::test]
async fn points_credited_come_from_the_task_row_within_the_policy_and_minutes_within_its_length() {
    let app = spawn_app().await;
    let b3 = building(&app, "华盛世纪新城 3栋").await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let resident = Client::new(&app, RESIDENT).await;
    let task = head
        .create_task(&timed(
            "清理楼道",
            b3,
            Duration::hours(1),
            Duration::hours(1),
            20,
        ))
        .await;
    resident.join(task.id).await;
    let resident_id = user_id(&app, RESIDENT).await;
    head.put(
        &format!("/tasks/{}/roster/{resident_id}/check_in", task.id),
        None,
        None,
    )
    .await;
    // A row stored before the bound existed (or tampered with): 1,000 points, the task
    // clocked far past its end.
    sqlx::query("UPDATE tasks SET points = 1000 WHERE id = $1")
        .bind(task.id)
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    shift_back(&app, task.id, Duration::hours(6)).await;
    let before = balance(&app, RESIDENT).await;

    let response = head
        .post(
            &format!("/tasks/{}/complete", task.id),
            Some(&json!({ "points": 1000, "minutes": 600 })),
            None,
        )
        .await;

    assert_eq!(response.status(), StatusCode::OK);
    let completion: TaskCompletion = response.json().await.unwrap();
    assert_eq!(completion.attendees, 1);
    assert_eq!(completion.points_total, 20, "one hour at 20 an hour");
    assert_eq!(completion.minutes_total, 60, "no more than the task's hour");
    assert_eq!(balance(&app, RESIDENT).await, before + 20);
    assert_eq!(task_rewards(&app, RESIDENT, task.id).await, [20]);
}

#[tokio::test]
async fn an_organisers_own_attendance_needs_another_organiser() {
    let app = spawn_app().await;
    let b3 = building(&app, "华盛世纪新城 3栋").await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let staff = Client::new(&app, STAFF).await;
    let resident = Client::new(&app, RESIDENT).await;
    let head_id = user_id(&app, BUILDING_HEAD).await;
    let resident_id = user_id(&app, RESIDENT).await;

    // A. The head alone: checked in by his own code, completing himself: not credited.
    let task = head
        .create_task(&timed(
            "清理楼道",
            b3,
            Duration::hours(1),
            Duration::hours(2),
            20,
        ))
        .await;
    head.join(task.id).await;
    resident.join(task.id).await;
    let code: CheckInCode = head
        .get_ok(&format!("/tasks/{}/check-in-code", task.id))
        .await;
    for api in [&head, &resident] {
        let response = api
            .post(
                &format!("/tasks/{}/check-in", task.id),
                Some(&json!({ "code": code.code })),
                None,
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let own = entry(&head, task.id, head_id).await;
    assert!(own.awaiting_confirmation);
    assert!(!own.can_confirm, "not by himself");
    assert!(
        !entry(&head, task.id, resident_id)
            .await
            .awaiting_confirmation
    );
    assert!(entry(&staff, task.id, head_id).await.can_confirm);
    let refused = problem(
        head.put(
            &format!("/tasks/{}/roster/{head_id}/confirm", task.id),
            None,
            None,
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "own_attendance");
    let head_before = balance(&app, BUILDING_HEAD).await;
    let resident_before = balance(&app, RESIDENT).await;
    shift_back(&app, task.id, Duration::hours(3)).await;
    let response = head
        .post(&format!("/tasks/{}/complete", task.id), None, None)
        .await;
    let completion: TaskCompletion = response.json().await.unwrap();
    assert_eq!(
        (completion.attendees, completion.awaiting_confirmation),
        (1, 1)
    );
    assert_eq!(balance(&app, BUILDING_HEAD).await, head_before);
    assert_eq!(balance(&app, RESIDENT).await, resident_before + 20);
    assert!(entry(&staff, task.id, head_id).await.awaiting_confirmation);

    // Staff confirm him after completion, ten times at once: credited once.
    let path = format!("/tasks/{}/roster/{head_id}/confirm", task.id);
    let confirmations = (0..10).map(|i| {
        let key = format!("confirm-{i}");
        staff.request(Method::PUT, &path, Some(&key)).send()
    });
    for response in futures_join_all(confirmations).await {
        let response = response.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let line: RosterEntry = response.json().await.unwrap();
        assert_eq!(
            line.enrollment,
            Enrollment::Completed {
                minutes: 120,
                points: 20
            }
        );
    }
    assert_eq!(balance(&app, BUILDING_HEAD).await, head_before + 20);
    assert_eq!(task_rewards(&app, BUILDING_HEAD, task.id).await, [20]);
    assert_eq!(task_rewards(&app, RESIDENT, task.id).await, [20]);

    // B. Checked in by himself on the roster, confirmed by staff before completion: the
    // head's own completion then credits him, once.
    let task = head
        .create_task(&timed(
            "清理楼道 二",
            b3,
            Duration::hours(1),
            Duration::hours(1),
            20,
        ))
        .await;
    head.join(task.id).await;
    let roster_me = format!("/tasks/{}/roster/{head_id}", task.id);
    head.put(&format!("{roster_me}/check_in"), None, None).await;
    assert!(entry(&head, task.id, head_id).await.awaiting_confirmation);
    let confirmed = staff
        .put(&format!("{roster_me}/check_in"), None, None)
        .await;
    assert!(
        !confirmed
            .json::<RosterEntry>()
            .await
            .unwrap()
            .awaiting_confirmation
    );
    shift_back(&app, task.id, Duration::hours(2)).await;
    let completion: TaskCompletion = head
        .post(&format!("/tasks/{}/complete", task.id), None, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (completion.attendees, completion.awaiting_confirmation),
        (1, 0)
    );
    assert_eq!(task_rewards(&app, BUILDING_HEAD, task.id).await, [20]);
    // The ledger names who vouched for it: staff, not the head himself.
    let actor: Option<i64> = sqlx::query_scalar(
        "SELECT actor_id FROM ledger_transactions WHERE kind = $1 AND link_kind = $2 \
            AND link_id = $3",
    )
    .bind(LedgerKind::TaskReward.as_str())
    .bind(LedgerLinkKind::Task.as_str())
    .bind(task.id)
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    assert_eq!(actor, Some(user_id(&app, STAFF).await));

    // C. Staff on their own community task: their own confirmation is refused, and their
    // own completion does not credit them.
    let jingxiang = community(&app, "井湘社区").await;
    let mut body = timed(
        "社区义诊 引导",
        b3,
        Duration::hours(1),
        Duration::hours(1),
        20,
    );
    body["target"] = json!({ "kind": "community", "id": jingxiang });
    let task = staff.create_task(&body).await;
    staff.join(task.id).await;
    let staff_id = user_id(&app, STAFF).await;
    let roster_self = format!("/tasks/{}/roster/{staff_id}", task.id);
    staff
        .put(&format!("{roster_self}/check_in"), None, None)
        .await;
    let refused = problem(
        staff
            .put(&format!("{roster_self}/confirm"), None, None)
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused.code, "own_attendance");
    shift_back(&app, task.id, Duration::hours(2)).await;
    let completion: TaskCompletion = staff
        .post(&format!("/tasks/{}/complete", task.id), None, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (completion.attendees, completion.awaiting_confirmation),
        (0, 1)
    );
    assert!(task_rewards(&app, STAFF, task.id).await.is_empty());
}

#[tokio::test]
async fn only_organisers_read_the_code_and_wrong_codes_are_limited_even_in_parallel() {
    let app = spawn_app().await;
    let b3 = building(&app, "华盛世纪新城 3栋").await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let resident = Client::new(&app, RESIDENT).await;
    let task = head
        .create_task(&timed(
            "清理楼道",
            b3,
            Duration::hours(1),
            Duration::hours(2),
            20,
        ))
        .await;
    volunteer.join(task.id).await;
    resident.join(task.id).await;
    let code_path = format!("/tasks/{}/check-in-code", task.id);

    // A participant sees the task but not its code; 5栋 does not see the task at all.
    problem(volunteer.get(&code_path).await, StatusCode::FORBIDDEN).await;
    problem(
        Client::new(&app, RESIDENT_5).await.get(&code_path).await,
        StatusCode::NOT_FOUND,
    )
    .await;

    // Twenty wrong codes at once: five are checked, fifteen are told to wait.
    let code: CheckInCode = head.get_ok(&code_path).await;
    let wrong = if code.code == "000000" {
        "111111"
    } else {
        "000000"
    };
    let path = format!("/tasks/{}/check-in", task.id);
    let attempts = (0..20).map(|i| {
        let key = format!("guess-{i}");
        volunteer
            .request(Method::POST, &path, Some(&key))
            .json(&json!({ "code": wrong }))
            .send()
    });
    let mut checked = 0;
    let mut limited = 0;
    for response in futures_join_all(attempts).await {
        let response = response.unwrap();
        match response.status() {
            StatusCode::UNPROCESSABLE_ENTITY => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                let wait: u64 = response.headers()["retry-after"]
                    .to_str()
                    .unwrap()
                    .parse()
                    .unwrap();
                assert!((1..=600).contains(&wait), "{wait}");
                let refusal = problem(response, StatusCode::TOO_MANY_REQUESTS).await;
                assert_eq!(refusal.code, codes::RATE_LIMITED);
                assert_eq!(refusal.title, "签到码错误次数太多，请 10 分钟后再试");
                assert_eq!(refusal.field("code").unwrap().message, refusal.title);
                limited += 1;
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!((checked, limited), (5, 15));
    let recorded: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM task_code_failures WHERE task_id = $1 AND user_id = $2",
    )
    .bind(task.id)
    .bind(user_id(&app, VOLUNTEER).await)
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    assert_eq!(recorded, 5);

    // Now even the right code waits; someone else on the same task is not held up.
    let code: CheckInCode = head.get_ok(&code_path).await;
    let right = json!({ "code": code.code });
    let check_in = format!("/tasks/{}/check-in", task.id);
    problem(
        volunteer.post(&check_in, Some(&right), None).await,
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
    let other = resident.post(&check_in, Some(&right), None).await;
    assert_eq!(other.status(), StatusCode::OK);

    // Once the failures leave the ten minutes, the volunteer may try again.
    sqlx::query("UPDATE task_code_failures SET at = at - $1")
        .bind(Duration::minutes(10).num_milliseconds())
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    let code: CheckInCode = head.get_ok(&code_path).await;
    let late = volunteer
        .post(&check_in, Some(&json!({ "code": code.code })), Some("late"))
        .await;
    assert_eq!(late.status(), StatusCode::OK);
    assert_eq!(
        late.json::<Task>().await.unwrap().my_enrollment,
        Enrollment::CheckedIn
    );
}

#[tokio::test]
async fn organisers_undo_a_check_in_until_the_task_is_completed() {
    let app = spawn_app().await;
    let b3 = building(&app, "华盛世纪新城 3栋").await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let resident = Client::new(&app, RESIDENT).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let task = head
        .create_task(&timed(
            "清理楼道",
            b3,
            Duration::hours(1),
            Duration::hours(2),
            20,
        ))
        .await;
    resident.join(task.id).await;
    volunteer.join(task.id).await;
    let resident_id = user_id(&app, RESIDENT).await;
    let line = format!("/tasks/{}/roster/{resident_id}", task.id);
    head.put(&format!("{line}/check_in"), None, None).await;

    // Before the start: back to joined; again: nothing changes.
    for key in [Some("undo-1"), Some("undo-1"), None] {
        let response = head.delete(&format!("{line}/check_in"), key).await;
        assert_eq!(response.status(), StatusCode::OK);
        let entry: RosterEntry = response.json().await.unwrap();
        assert_eq!(entry.enrollment, Enrollment::Joined);
        assert_eq!(entry.checked_in_at, None);
    }
    // Not for participants; only check-ins can be undone.
    problem(
        volunteer.delete(&format!("{line}/check_in"), None).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    problem(
        head.delete(&format!("{line}/check_out"), None).await,
        StatusCode::NOT_FOUND,
    )
    .await;

    // After the start: absent, and the absence can be corrected by checking in again.
    head.put(&format!("{line}/check_in"), None, None).await;
    shift_back(&app, task.id, Duration::hours(2)).await;
    let absent: RosterEntry = head
        .delete(&format!("{line}/check_in"), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(absent.enrollment, Enrollment::NoShow);
    let status: String = sqlx::query_scalar(
        "SELECT status FROM task_enrollments WHERE task_id = $1 AND user_id = $2",
    )
    .bind(task.id)
    .bind(resident_id)
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    assert_eq!(status, "no_show");
    let before = balance(&app, RESIDENT).await;
    let completion: TaskCompletion = head
        .post(&format!("/tasks/{}/complete", task.id), None, None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(completion.attendees, 0);
    assert_eq!(balance(&app, RESIDENT).await, before);

    // Completed: nothing to undo.
    assert_eq!(
        problem(
            head.delete(&format!("{line}/check_in"), None).await,
            StatusCode::CONFLICT
        )
        .await
        .code,
        "task_completed"
    );
}

#[tokio::test]
async fn a_head_removed_from_the_building_no_longer_runs_the_tasks_they_created() {
    let app = spawn_app().await;
    let b3 = building(&app, "华盛世纪新城 3栋").await;
    let head = Client::new(&app, BUILDING_HEAD).await;
    let resident = Client::new(&app, RESIDENT).await;
    let task = head
        .create_task(&timed(
            "清理楼道",
            b3,
            Duration::hours(1),
            Duration::hours(2),
            20,
        ))
        .await;
    resident.join(task.id).await;
    let resident_id = user_id(&app, RESIDENT).await;
    let line = format!("/tasks/{}/roster/{resident_id}", task.id);
    head.put(&format!("{line}/check_in"), None, None).await;
    shift_back(&app, task.id, Duration::hours(3)).await;

    sqlx::query("DELETE FROM role_grants WHERE user_id = (SELECT id FROM users WHERE phone = $1)")
        .bind(BUILDING_HEAD)
        .execute(&db(&app).await.write)
        .await
        .unwrap();

    // Still a resident of 3栋, he sees the task, and runs none of it.
    assert!(!head.task(task.id).await.can_manage);
    let refusals = [
        head.get(&format!("/tasks/{}/roster", task.id)).await,
        head.get(&format!("/tasks/{}/check-in-code", task.id)).await,
        head.put(&format!("{line}/check_out"), None, None).await,
        head.delete(&format!("{line}/check_in"), None).await,
        head.post(&format!("/tasks/{}/complete", task.id), None, None)
            .await,
        head.post(
            "/tasks",
            Some(&timed(
                "再来一个",
                b3,
                Duration::days(1),
                Duration::hours(1),
                5,
            )),
            None,
        )
        .await,
    ];
    for response in refusals {
        assert_eq!(
            problem(response, StatusCode::FORBIDDEN).await.code,
            codes::FORBIDDEN
        );
    }
    let completed_at: Option<i64> =
        sqlx::query_scalar("SELECT completed_at FROM tasks WHERE id = $1")
            .bind(task.id)
            .fetch_one(&db(&app).await.read)
            .await
            .unwrap();
    assert_eq!(completed_at, None);
    // Staff still run it.
    let staff = Client::new(&app, STAFF).await;
    let done = staff
        .post(&format!("/tasks/{}/complete", task.id), None, None)
        .await;
    assert_eq!(done.status(), StatusCode::OK);
}
