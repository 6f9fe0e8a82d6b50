use reqwest::StatusCode;

use crate::helpers::*;

const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.json");

/// Fails when docs/openapi.json is stale; `UPDATE_OPENAPI=1 cargo test -p linli-server --test api openapi`
/// rewrites it.
#[test]
fn committed_openapi_document_is_up_to_date() {
    let generated = linli_server::openapi::document_json();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(COMMITTED, &generated).expect("write docs/openapi.json");
        return;
    }
    let committed = std::fs::read_to_string(COMMITTED).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/openapi.json is stale: run `UPDATE_OPENAPI=1 cargo test -p linli-server --test api openapi` and commit it"
    );
}

#[tokio::test]
async fn the_document_is_served_and_describes_sign_in() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    let document: serde_json::Value = response.json().await.unwrap();
    assert!(document["paths"]["/api/v1/sessions"]["post"].is_object());
    assert!(document["components"]["securitySchemes"]["bearer"].is_object());
    assert!(document["components"]["schemas"]["Problem"].is_object());
}
