//! Staff and organisers editing and cancelling tasks: the edit is checked as creating is, and
//! the place stays; capacity never drops below those joined (the count at the field), a larger
//! one promotes the waitlist; moving the time shows the joined what changed. Cancelling
//! releases every place, clears the waitlist, keeps the task in 我的任务 as 已取消 with its
//! reason, and nothing joins, checks in, completes or pays afterwards — also when a cancel and
//! joins arrive together.

use chrono::{DateTime, Duration, Utc};
use linli_api_types::{Enrollment, Task, TaskPage, TaskStatus};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

async fn community(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM communities WHERE name = '井湘社区'")
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

/// A community-wide draft starting `starts_in` from now, two hours long, paying 20.
fn draft(community: i64, capacity: i64, start: DateTime<Utc>) -> Value {
    json!({
        "title": "小区环境卫生大扫除",
        "description": "带好手套",
        "category": "environment",
        "place": "社区广场",
        "starts_at": start,
        "ends_at": start + Duration::hours(2),
        "capacity": capacity,
        "points": 20,
        "target": { "kind": "community", "id": community },
    })
}

async fn create(staff: &Client<'_>, body: &Value) -> Task {
    let response = staff.post("/tasks", Some(body), None).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn join(client: &Client<'_>, task: i64) -> Task {
    let response = client
        .put(&format!("/tasks/{task}/enrollment"), None, None)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn ok_task(response: reqwest::Response) -> Task {
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

/// (status, cancelled_from) of the task's enrolments, by user id.
async fn enrolments(app: &TestApp, task: i64) -> Vec<(i64, String, Option<String>)> {
    sqlx::query_as(
        "SELECT user_id, status, cancelled_from FROM task_enrollments WHERE task_id = $1 \
         ORDER BY user_id",
    )
    .bind(task)
    .fetch_all(&db(app).await.read)
    .await
    .unwrap()
}

async fn joined_count(app: &TestApp, task: i64) -> i64 {
    sqlx::query_scalar("SELECT joined_count FROM tasks WHERE id = $1")
        .bind(task)
        .fetch_one(&db(app).await.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_edit_is_checked_as_creating_is_and_capacity_stays_above_those_joined() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let community = community(&app).await;
    let start = Utc::now() + Duration::days(2);
    let task = create(&staff, &draft(community, 2, start)).await.id;
    let path = format!("/tasks/{task}");

    // Two join, two wait.
    let wang = Client::new(&app, RESIDENT).await;
    let chen = Client::new(&app, RESIDENT_5).await;
    let zhang = Client::new(&app, VOLUNTEER).await;
    let shang = Client::new(&app, UNIT_HEAD).await;
    join(&wang, task).await;
    join(&chen, task).await;
    assert_eq!(
        join(&zhang, task).await.my_enrollment,
        Enrollment::Waitlisted { position: 1 }
    );
    join(&shang, task).await;

    // Who may edit: staff and heads covering it; a resident 403, another community 404.
    let body = draft(community, 2, start);
    let response = wang.put(&path, Some(&body), None).await;
    problem(response, StatusCode::FORBIDDEN).await;
    let other = Client::new(&app, OTHER_STAFF).await;
    problem(
        other.put(&path, Some(&body), None).await,
        StatusCode::NOT_FOUND,
    )
    .await;

    // Every field rule as creating, and the place fixed.
    let mut bad = draft(community, 0, start);
    bad["title"] = json!(" ");
    bad["points"] = json!(1001);
    bad["ends_at"] = json!(start - Duration::hours(1));
    let p = problem(
        staff.put(&path, Some(&bad), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields: Vec<(&str, &str)> = p
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("title", "required"),
            ("ends_at", "not_after_start"),
            ("capacity", "out_of_range"),
            ("points", "out_of_range")
        ]
    );
    let mut greedy = draft(community, 2, start);
    greedy["points"] = json!(1000);
    let p = problem(
        staff.put(&path, Some(&greedy), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p.field("points").unwrap().code, "above_policy");
    let mut moved = draft(community, 2, start);
    moved["target"] = json!({ "kind": "building", "id": 1 });
    let p = problem(
        staff.put(&path, Some(&moved), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p.field("target").unwrap().code, "fixed");

    // Fewer places than joined: refused with the count at the field.
    let p = problem(
        staff
            .put(&path, Some(&draft(community, 1, start)), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let field = p.field("capacity").unwrap();
    assert_eq!(field.code, "below_joined");
    assert_eq!(field.message, "已有 2 人报名，名额不能少于 2");
    let en = Client::new(&app, STAFF).await.english();
    let p = problem(
        en.put(&path, Some(&draft(community, 1, start)), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        p.field("capacity").unwrap().message,
        "2 volunteers have joined: the capacity cannot be below 2"
    );
    assert_eq!(joined_count(&app, task).await, 2);

    // One more place and a day later: the first waiting gets it, the joined see the move.
    let later = start + Duration::days(1);
    let mut edit = draft(community, 3, later);
    edit["title"] = json!("小区环境卫生大扫除（改期）");
    let edited = ok_task(staff.put(&path, Some(&edit), None).await).await;
    assert_eq!(edited.title, "小区环境卫生大扫除（改期）");
    assert_eq!(
        (edited.capacity, edited.joined_count, edited.waitlist_count),
        (3, 3, 1)
    );
    assert_eq!(
        zhang.get_ok::<Task>(&path).await.my_enrollment,
        Enrollment::Joined
    );
    assert_eq!(
        shang.get_ok::<Task>(&path).await.my_enrollment,
        Enrollment::Waitlisted { position: 1 }
    );
    let seen: Task = wang.get_ok(&path).await;
    let change = seen.time_change.expect("the move is shown");
    assert_eq!(
        change.previous_starts_at.timestamp(),
        start.timestamp(),
        "the time before the edit"
    );
    assert_eq!(seen.starts_at.timestamp(), later.timestamp());
    // The same edit again changes nothing, the earlier time stays what was before.
    let again = ok_task(staff.put(&path, Some(&edit), None).await).await;
    assert_eq!(
        again.time_change.unwrap().previous_starts_at.timestamp(),
        start.timestamp()
    );

    // Once started, no more edits.
    sqlx::query("UPDATE tasks SET starts_at = $1 WHERE id = $2")
        .bind(Utc::now().timestamp_millis() - 60_000)
        .bind(task)
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    let p = problem(
        staff.put(&path, Some(&edit), None).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(p.code, "task_started");
}

#[tokio::test]
async fn cancelling_releases_every_place_shows_the_reason_and_nothing_pays_afterwards() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let community = community(&app).await;
    let start = Utc::now() + Duration::days(2);
    let task = create(&staff, &draft(community, 1, start)).await.id;
    let wang = Client::new(&app, RESIDENT).await;
    let chen = Client::new(&app, RESIDENT_5).await;
    join(&wang, task).await;
    join(&chen, task).await;
    let cancel = format!("/tasks/{task}/cancel");
    let reason = json!({ "reason": "暴雨预警，活动改期" });

    // Who may cancel, and the reason at its field.
    problem(
        wang.post(&cancel, Some(&reason), None).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let other = Client::new(&app, OTHER_STAFF).await;
    problem(
        other.post(&cancel, Some(&reason), None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let p = problem(
        staff
            .post(&cancel, Some(&json!({ "reason": "  " })), None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p.field("reason").unwrap().code, "required");
    let long = json!({ "reason": "雨".repeat(201) });
    let p = problem(
        staff.post(&cancel, Some(&long), None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p.field("reason").unwrap().code, "too_long");

    let cancelled = ok_task(staff.post(&cancel, Some(&reason), None).await).await;
    assert_eq!(cancelled.status, TaskStatus::Cancelled);
    let why = cancelled.cancellation.clone().unwrap();
    assert_eq!(
        (why.reason.as_str(), why.by.as_str()),
        ("暴雨预警，活动改期", "许各利")
    );
    assert_eq!(
        (
            cancelled.joined_count,
            cancelled.waitlist_count,
            cancelled.slots_left
        ),
        (0, 0, 1)
    );

    // Stored: every place released, each remembering what it was.
    let wang_id = user_id(&app, RESIDENT).await;
    let chen_id = user_id(&app, RESIDENT_5).await;
    let mut want = vec![
        (wang_id, "withdrawn".to_owned(), Some("joined".to_owned())),
        (
            chen_id,
            "withdrawn".to_owned(),
            Some("waitlisted".to_owned()),
        ),
    ];
    want.sort();
    assert_eq!(enrolments(&app, task).await, want);
    assert_eq!(joined_count(&app, task).await, 0);

    // The joined resident sees it, with the reason, on the task and in 我的任务.
    let seen: Task = wang.get_ok(&format!("/tasks/{task}")).await;
    assert_eq!(seen.status, TaskStatus::Cancelled);
    assert_eq!(seen.cancellation.unwrap().reason, "暴雨预警，活动改期");
    let mine: TaskPage = wang.get_ok("/me/tasks?when=upcoming").await;
    let listed = mine
        .items
        .iter()
        .find(|t| t.id == task)
        .expect("in 我的任务");
    assert_eq!(listed.status, TaskStatus::Cancelled);
    let all: TaskPage = Client::new(&app, VOLUNTEER)
        .await
        .get_ok("/tasks?limit=50")
        .await;
    assert_eq!(
        all.items.iter().find(|t| t.id == task).unwrap().status,
        TaskStatus::Cancelled,
        "everyone who sees it sees 已取消"
    );

    // Cancelling again answers it as it is, the first reason kept.
    let again = ok_task(
        staff
            .post(&cancel, Some(&json!({ "reason": "另一个原因" })), None)
            .await,
    )
    .await;
    assert_eq!(again.cancellation.unwrap().reason, "暴雨预警，活动改期");

    // Nothing joins, edits, checks in or completes it.
    let zhang = Client::new(&app, VOLUNTEER).await;
    for client in [&wang, &zhang] {
        let p = problem(
            client
                .put(&format!("/tasks/{task}/enrollment"), None, None)
                .await,
            StatusCode::CONFLICT,
        )
        .await;
        assert_eq!(p.code, "task_cancelled");
    }
    let p = problem(
        staff
            .put(
                &format!("/tasks/{task}"),
                Some(&draft(community, 5, start)),
                None,
            )
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(p.code, "task_cancelled");
    sqlx::query(
        "UPDATE tasks SET starts_at = starts_at - $1, ends_at = ends_at - $1 WHERE id = $2",
    )
    .bind(Duration::days(3).num_milliseconds())
    .bind(task)
    .execute(&db(&app).await.write)
    .await
    .unwrap();
    // Released from the roster: no check-in (404: not on it, or 409 task_cancelled).
    let response = staff
        .put(
            &format!("/tasks/{task}/roster/{wang_id}/check_in"),
            None,
            None,
        )
        .await;
    assert!(
        [StatusCode::NOT_FOUND, StatusCode::CONFLICT].contains(&response.status()),
        "{}",
        response.status()
    );
    let p = problem(
        wang.post(
            &format!("/tasks/{task}/check-in"),
            Some(&json!({ "code": "123456" })),
            None,
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(p.code, "task_cancelled");
    let p = problem(
        staff
            .post(&format!("/tasks/{task}/complete"), None, None)
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(p.code, "task_cancelled");
    let paid: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ledger_transactions WHERE link_kind = 'task' AND link_id = $1",
    )
    .bind(task)
    .fetch_one(&db(&app).await.read)
    .await
    .unwrap();
    assert_eq!(paid, 0, "no points for a cancelled task");
    // Over now: it moves to the done list, still 已取消.
    let done: TaskPage = wang.get_ok("/me/tasks?when=done").await;
    assert_eq!(
        done.items.iter().find(|t| t.id == task).unwrap().status,
        TaskStatus::Cancelled
    );
}

#[tokio::test]
async fn a_completed_task_cannot_be_cancelled() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let community = community(&app).await;
    let task = create(&staff, &draft(community, 3, Utc::now() + Duration::days(1)))
        .await
        .id;
    sqlx::query("UPDATE tasks SET completed_at = $1 WHERE id = $2")
        .bind(Utc::now().timestamp_millis())
        .bind(task)
        .execute(&db(&app).await.write)
        .await
        .unwrap();
    let p = problem(
        staff
            .post(
                &format!("/tasks/{task}/cancel"),
                Some(&json!({ "reason": "不办了" })),
                None,
            )
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(p.code, "task_completed");
}

#[tokio::test]
async fn a_cancel_racing_joins_never_leaves_anyone_joined_on_a_cancelled_task() {
    let app = spawn_app().await;
    let staff = Client::new(&app, STAFF).await;
    let community = community(&app).await;
    let residents = [
        Client::new(&app, RESIDENT).await,
        Client::new(&app, RESIDENT_5).await,
        Client::new(&app, VOLUNTEER).await,
        Client::new(&app, UNIT_HEAD).await,
    ];
    for round in 0..4 {
        let task = create(&staff, &draft(community, 2, Utc::now() + Duration::days(1)))
            .await
            .id;
        let enrol = format!("/tasks/{task}/enrollment");
        let cancel = format!("/tasks/{task}/cancel");
        let reason = json!({ "reason": "场地临时不能用" });
        let joins = futures_join(&residents, &enrol);
        let (statuses, cancelled) = tokio::join!(joins, staff.post(&cancel, Some(&reason), None));
        assert_eq!(cancelled.status(), StatusCode::OK, "round {round}");
        for status in statuses {
            assert!(
                [StatusCode::OK, StatusCode::CONFLICT].contains(&status),
                "round {round}: {status}"
            );
        }
        let rows = enrolments(&app, task).await;
        assert!(
            rows.iter().all(|(_, status, _)| status == "withdrawn"),
            "round {round}: {rows:?}"
        );
        assert_eq!(joined_count(&app, task).await, 0);
    }
}

/// Every resident joins `path` at once; their answers' statuses.
async fn futures_join(residents: &[Client<'_>], path: &str) -> Vec<StatusCode> {
    let [a, b, c, d] = residents else {
        unreachable!()
    };
    let (a, b, c, d) = tokio::join!(
        a.put(path, None, None),
        b.put(path, None, None),
        c.put(path, None, None),
        d.put(path, None, None)
    );
    vec![a.status(), b.status(), c.status(), d.status()]
}
