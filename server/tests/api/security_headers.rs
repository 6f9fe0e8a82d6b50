//! Security headers on every response class, and a policy that allows exactly the
//! inline scripts of the index.html being served.

use base64::Engine;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

use crate::helpers::*;

const SHELL_SCRIPT: &str = "document.documentElement.className+=' elder';";
const STYLE: &str = "body{margin:0}";
const ASSET: &str = "linli-app-0123456789abcdef.js";

fn index_html() -> String {
    format!(
        "<!doctype html><html><head><style>{STYLE}</style><script>{SHELL_SCRIPT}</script>\
         <script type=module src=/{ASSET}></script></head><body><div id=app></div></body></html>"
    )
}

fn sha256(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

async fn spawn_app_with_dist() -> (TestApp, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), index_html()).unwrap();
    std::fs::write(dist.path().join(ASSET), "export default 1;").unwrap();
    let path = dist.path().to_path_buf();
    (
        spawn_app_with(move |config| config.dist_dir = path).await,
        dist,
    )
}

fn assert_security_headers(response: &reqwest::Response, what: &str) {
    let headers = response.headers();
    let header = |name: &str| {
        headers
            .get(name)
            .unwrap_or_else(|| panic!("{what}: no {name}"))
            .to_str()
            .unwrap()
            .to_owned()
    };
    let policy = header("content-security-policy");
    assert!(policy.contains("default-src 'self'"), "{what}: {policy}");
    assert!(
        policy.contains("frame-ancestors 'self'"),
        "{what}: {policy}"
    );
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'"),
        "{what}: {policy}"
    );
    assert!(!policy.contains("unsafe-inline"), "{what}: {policy}");
    assert!(policy.contains("object-src 'none'"), "{what}: {policy}");
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header("referrer-policy"), "same-origin", "{what}");
    assert_eq!(header("x-frame-options"), "SAMEORIGIN", "{what}");
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let (app, _dist) = spawn_app_with_dist().await;
    let get = |path: &str| app.client.get(app.url(path)).send();

    let json = get("/api/v1/health").await.unwrap();
    assert_eq!(json.status(), StatusCode::OK);
    assert_security_headers(&json, "API JSON");

    let unauthorised = get("/api/v1/me").await.unwrap();
    assert_security_headers(&unauthorised, "problem+json 401");
    problem(unauthorised, StatusCode::UNAUTHORIZED).await;

    let not_found = get("/api/v1/no-such-thing").await.unwrap();
    assert_security_headers(&not_found, "404");
    problem(not_found, StatusCode::NOT_FOUND).await;

    let bad_json = app
        .client
        .post(app.url("/api/v1/sessions"))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_security_headers(&bad_json, "400");
    assert_eq!(bad_json.status(), StatusCode::BAD_REQUEST);

    let asset = get(&format!("/{ASSET}")).await.unwrap();
    assert_eq!(asset.status(), StatusCode::OK);
    assert_security_headers(&asset, "static asset");

    for path in ["/", "/index.html", "/tasks/12"] {
        let page = get(path).await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{path}");
        assert_security_headers(&page, path);
    }
}

#[tokio::test]
async fn the_page_policy_allows_its_own_inline_script_and_style_by_hash_and_nothing_else() {
    let (app, _dist) = spawn_app_with_dist().await;

    for path in ["/", "/notices"] {
        let page = app.client.get(app.url(path)).send().await.unwrap();
        let policy = page.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();

        let script_src = policy
            .split("; ")
            .find(|d| d.starts_with("script-src"))
            .unwrap();
        assert_eq!(
            script_src,
            format!(
                "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval' 'sha256-{}'",
                sha256(SHELL_SCRIPT)
            ),
            "{path}"
        );
        let style_src = policy
            .split("; ")
            .find(|d| d.starts_with("style-src"))
            .unwrap();
        assert_eq!(
            style_src,
            format!("style-src 'self' 'sha256-{}'", sha256(STYLE)),
            "{path}"
        );
    }
}

#[tokio::test]
async fn without_a_built_app_the_policy_allows_no_inline_script() {
    let app = spawn_app().await;
    let page = app.client.get(app.url("/")).send().await.unwrap();
    let policy = page.headers()["content-security-policy"].to_str().unwrap();
    assert!(!policy.contains("sha256"), "{policy}");
}
