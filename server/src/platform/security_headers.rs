//! Security headers on every response, API and static files alike, errors and 404s included:
//! a Content-Security-Policy, `X-Content-Type-Options: nosniff`, `Referrer-Policy` and
//! `X-Frame-Options` (for old webviews that ignore CSP's frame-ancestors).
//!
//! The policy allows scripts from this origin and the inline scripts of the built index.html by
//! their SHA-256 hashes, never 'unsafe-inline'. Trunk and scripts/dist-loader.mjs rewrite
//! index.html at build time, so the hashes are computed from the file actually served: at start
//! (for `/` and every other response), and again from the bytes of each deep link's index.html
//! (server/src/platform/static_files.rs). WebAssembly compilation needs 'wasm-unsafe-eval' (Chrome 95+, Safari
//! 16+) and, in older webviews (WeChat's Chrome-78-class XWeb, iOS 14.5), 'unsafe-eval', the
//! only word they know for it; both are sent. The app itself never evaluates strings.

use axum::extract::{Request, State};
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy for a page whose inline scripts and styles are those of `index_html` (none when
/// there is no built app).
pub fn content_security_policy(index_html: Option<&str>) -> String {
    let html = index_html.unwrap_or("");
    let scripts: String = inline_bodies(html, "script")
        .map(|body| format!(" 'sha256-{}'", sha256_base64(body)))
        .collect();
    let styles: String = inline_bodies(html, "style")
        .map(|body| format!(" 'sha256-{}'", sha256_base64(body)))
        .collect();
    [
        "default-src 'self'".to_owned(),
        format!("script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'{scripts}"),
        // The app sets styles only through CSSOM (`style:width=`), which CSP allows; the shell's
        // critical CSS is one inline <style>, allowed by its hash.
        format!("style-src 'self'{styles}"),
        // Photos are fetched with the session's token and shown from blob: URLs.
        "img-src 'self' blob:".to_owned(),
        "font-src 'self'".to_owned(),
        "connect-src 'self'".to_owned(),
        "worker-src 'self'".to_owned(),
        "manifest-src 'self'".to_owned(),
        "object-src 'none'".to_owned(),
        "base-uri 'none'".to_owned(),
        "form-action 'self'".to_owned(),
        "frame-ancestors 'self'".to_owned(),
    ]
    .join("; ")
}

/// The policy for the app in `dist_dir` as it is now.
pub fn policy_for_dist(dist_dir: &std::path::Path) -> HeaderValue {
    let html = std::fs::read_to_string(dist_dir.join("index.html")).ok();
    header_value(&content_security_policy(html.as_deref()))
}

pub fn header_value(policy: &str) -> HeaderValue {
    // Built from ASCII keywords and base64 only.
    HeaderValue::from_str(policy).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

/// Middleware: the headers on every response, the policy only where the response has none of
/// its own (index.html computes its own from the bytes it serves).
pub async fn add(State(policy): State<HeaderValue>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(CONTENT_SECURITY_POLICY) {
        headers.insert(CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // The API and the app share one origin; other sites learn nothing of the path.
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    response
}

fn sha256_base64(text: &str) -> String {
    STANDARD.encode(Sha256::digest(text.as_bytes()))
}

/// The bodies of `<tag …>…</tag>` elements without a `src` attribute (inline ones), exactly as
/// written: CSP hashes the text between the tags byte for byte.
fn inline_bodies<'a>(html: &'a str, tag: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{tag}");
    let close = format!("</{tag}");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find(&open).map(|at| at + from) {
        let after_name = start + open.len();
        // `<scripts>` or `<style-x>` are other elements.
        if !lower[after_name..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            from = after_name;
            continue;
        }
        let Some(tag_end) = lower[after_name..].find('>').map(|at| at + after_name) else {
            break;
        };
        let attributes = &lower[after_name..tag_end];
        let Some(body_end) = lower[tag_end..].find(&close).map(|at| at + tag_end) else {
            break;
        };
        if !has_src(attributes) {
            found.push((tag_end + 1, body_end));
        }
        from = body_end;
    }
    found.into_iter().map(move |(start, end)| &html[start..end])
}

fn has_src(attributes: &str) -> bool {
    attributes
        .split(|c: char| c.is_ascii_whitespace())
        .any(|attribute| attribute == "src" || attribute.starts_with("src="))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><script>var a=1;</script>\
        <script type=module>import('/x.js')</script>\
        <script src=\"/app.js\"></script><STYLE>b{c:d}</STYLE></head>\
        <body><scripts></scripts><script defer>\nlate()\n</script></body></html>";

    #[test]
    fn inline_scripts_and_styles_are_found_exactly() {
        let scripts: Vec<&str> = inline_bodies(PAGE, "script").collect();
        assert_eq!(scripts, ["var a=1;", "import('/x.js')", "\nlate()\n"]);
        let styles: Vec<&str> = inline_bodies(PAGE, "style").collect();
        assert_eq!(styles, ["b{c:d}"]);
    }

    #[test]
    fn the_policy_lists_their_hashes_and_never_unsafe_inline() {
        let policy = content_security_policy(Some(PAGE));
        // echo -n 'var a=1;' | openssl dgst -sha256 -binary | base64
        assert!(
            policy.contains("'sha256-gaaMFNHZyRta8zB2VHkWLMP4tMxJ+d8v3dTW7nw2r6M='"),
            "{policy}"
        );
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("'wasm-unsafe-eval' 'unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'self'"));
        assert_eq!(policy.matches("'sha256-").count(), 4);
    }

    #[test]
    fn without_an_app_the_policy_allows_no_inline_code() {
        let policy = content_security_policy(None);
        assert!(!policy.contains("sha256"));
        assert!(policy.starts_with("default-src 'self'; script-src 'self'"));
    }
}
