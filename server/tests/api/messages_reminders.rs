//! Reminders exactly once with two server processes on one database: the built server binary
//! run twice with a one-second reminder timer against the test's database (its SQLite file,
//! or under scripts/with-postgres.sh its PostgreSQL database).

use std::time::{Duration, Instant};

use linli_api_types::MessageKind;
use linli_server::platform::db::now_ms;

use crate::helpers::*;
use crate::messages::{cancel_demo_tasks, join, reminders, task_at, HOUR_MS};
use crate::server_process::ServerProcess;

#[tokio::test]
async fn two_server_processes_remind_each_member_once() {
    // This process's own timer stays out of the way: the two processes are the ones racing.
    let app = spawn_app_with(|config| config.reminder_every = Duration::from_secs(3600)).await;
    cancel_demo_tasks(&app).await;
    let resident = Client::new(&app, RESIDENT).await;
    let volunteer = Client::new(&app, VOLUNTEER).await;
    let neighbour = Client::new(&app, HUANG_JIANHUA).await;
    let task = task_at(&app, now_ms() + HOUR_MS + 50 * 60_000, 10).await;
    for member in [&resident, &volunteer, &neighbour] {
        join(member, task.id).await;
    }
    let dir = tempfile::tempdir().unwrap();
    let flags = ["--reminder-interval-secs", "1"];
    let mut servers = [
        ServerProcess::on_database(&app.database_url, dir.path(), &flags).await,
        ServerProcess::on_database(&app.database_url, dir.path(), &flags).await,
    ];

    let mut expected = vec![resident.user_id, volunteer.user_id, neighbour.user_id];
    expected.sort_unstable();
    let deadline = Instant::now() + Duration::from_secs(60);
    while reminders(&app, MessageKind::TaskSoon, task.id).await.len() < expected.len() {
        assert!(Instant::now() < deadline, "no reminders within a minute");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Both processes keep running their timers a while longer.
    tokio::time::sleep(Duration::from_secs(4)).await;
    for server in &mut servers {
        assert!(server.is_running(), "a server process stopped");
    }
    let reminded: Vec<i64> = reminders(&app, MessageKind::TaskSoon, task.id)
        .await
        .into_iter()
        .map(|(who, _)| who)
        .collect();
    assert_eq!(reminded, expected);
    assert!(reminders(&app, MessageKind::TaskTomorrow, task.id)
        .await
        .is_empty());
}
