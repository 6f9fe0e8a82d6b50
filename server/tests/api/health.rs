use linli_api_types::Health;
use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn health_reports_the_database_in_use() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(app.url("/api/v1/health"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    let health: Health = response.json().await.unwrap();
    assert_eq!(health.status, "ok");
    let expected = if app.database_url.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(health.database, expected);
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
}
