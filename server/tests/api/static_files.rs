use reqwest::StatusCode;

use crate::helpers::*;

const INDEX: &str = "<!doctype html><title>Linli</title><p>app shell</p>";
const WASM_NAME: &str = "linli-app-0123456789abcdef_bg.wasm";

/// The app with a built dist folder; the folder lives as long as the returned guard.
async fn spawn_app_with_dist() -> (TestApp, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
    std::fs::write(dist.path().join(WASM_NAME), b"\0asm\x01\0\0\0").unwrap();
    let path = dist.path().to_path_buf();
    (
        spawn_app_with(move |config| config.dist_dir = path).await,
        dist,
    )
}

#[tokio::test]
async fn deep_links_load_the_app_shell_uncached() {
    let (app, _dist) = spawn_app_with_dist().await;

    for path in ["/", "/tasks", "/me/settings"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert_eq!(response.text().await.unwrap(), INDEX, "{path}");
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year() {
    let (app, _dist) = spawn_app_with_dist().await;

    let response = app
        .client
        .get(app.url(&format!("/{WASM_NAME}")))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(response.headers()["content-type"], "application/wasm");
}

#[tokio::test]
async fn without_a_built_app_the_home_page_says_so_and_the_api_works() {
    let app = spawn_app().await;

    let page = app
        .client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let health = app
        .client
        .get(app.url("/api/v1/health"))
        .send()
        .await
        .unwrap();

    assert!(page.contains("not built"));
    assert_eq!(health.status(), StatusCode::OK);
}

#[tokio::test]
async fn files_are_compressed_for_browsers_that_accept_it() {
    let (app, _dist) = spawn_app_with_dist().await;

    let response = app
        .client
        .get(app.url("/tasks"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-encoding"], "br");
}

#[tokio::test]
async fn precompressed_twins_are_served_as_they_are() {
    let (app, dist) = spawn_app_with_dist().await;
    // Not real brotli: the test shows the file is sent untouched, not recompressed.
    std::fs::write(dist.path().join(format!("{WASM_NAME}.br")), b"brotli bytes").unwrap();
    std::fs::write(dist.path().join(format!("{WASM_NAME}.gz")), b"gzip bytes").unwrap();

    for (accept, encoding, body) in [("br, gzip", "br", "brotli bytes"), ("gzip", "gzip", "gzip bytes")] {
        let response = app
            .client
            .get(app.url(&format!("/{WASM_NAME}")))
            .header("accept-encoding", accept)
            .send()
            .await
            .unwrap();

        assert_eq!(response.status(), StatusCode::OK, "{accept}");
        assert_eq!(response.headers()["content-encoding"], encoding, "{accept}");
        assert_eq!(response.headers()["content-type"], "application/wasm", "{accept}");
        assert_eq!(
            response.headers()["cache-control"],
            "public, max-age=31536000, immutable",
            "{accept}"
        );
        assert_eq!(response.bytes().await.unwrap().as_ref(), body.as_bytes(), "{accept}");
    }
}
