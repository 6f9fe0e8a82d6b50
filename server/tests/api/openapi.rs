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

/// What the extractors refuse, every route using them must document (schemathesis found 21
/// routes that did not): a JSON body 400/413/415/422, an `Idempotency-Key` 400/422, a session 401,
/// a path parameter 404, all as problem+json.
#[test]
fn every_operation_documents_the_refusals_of_its_extractors() {
    let document: serde_json::Value =
        serde_json::from_str(&linli_server::openapi::document_json()).unwrap();
    let mut missing = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let takes_key = operation["parameters"].as_array().is_some_and(|parameters| {
                parameters.iter().any(|p| p["name"] == "Idempotency-Key")
            });
            let mut expected = Vec::new();
            if operation["requestBody"].is_object() {
                expected.extend(["400", "413", "415", "422"]);
            }
            if takes_key {
                expected.extend(["400", "422"]);
            }
            if operation["security"].is_array() {
                expected.push("401");
            }
            if operation["parameters"].as_array().is_some_and(|parameters| {
                parameters.iter().any(|p| p["in"] == "path")
            }) {
                expected.push("404");
            }
            for status in expected {
                let content = &operation["responses"][status]["content"];
                if !content["application/problem+json"].is_object() {
                    missing.push(format!("{method} {path} {status}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "undocumented refusals: {missing:?}");
}
