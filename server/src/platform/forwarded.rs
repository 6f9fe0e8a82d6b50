//! Who the client is behind reverse proxies: `X-Forwarded-For` read from the right.
//!
//! Each proxy appends the address it received the request from, so the right end was written
//! by our own proxies and the left end by whoever sent the request, which can be anything.
//! With `n` trusted proxy hops (`LINLI_TRUSTED_PROXIES=n`) the client is the n-th entry from the
//! right: with one load balancer (n = 1), the last entry, the one it appended. A header that is
//! missing, malformed or shorter than `n` entries falls back to the socket peer, as with n = 0.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;

/// The client address for rate limits: see the module documentation.
pub fn client_ip(headers: &HeaderMap, trusted_proxies: usize, peer: Option<SocketAddr>) -> String {
    let peer = || {
        peer.map(|addr| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".into())
    };
    if trusted_proxies == 0 {
        return peer();
    }
    match nth_from_right(&joined(headers, "x-forwarded-for"), trusted_proxies) {
        Some(entry) => match entry.parse::<IpAddr>() {
            Ok(ip) => ip.to_string(),
            Err(_) => peer(),
        },
        None => peer(),
    }
}

/// Whether the client reached our proxies over https, as the nearest trusted proxy says
/// (`X-Forwarded-Proto`); never when no proxy is trusted (this server itself speaks http).
pub fn is_https(headers: &HeaderMap, trusted_proxies: usize) -> bool {
    trusted_proxies > 0
        && joined(headers, "x-forwarded-proto")
            .rsplit(',')
            .next()
            .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
}

/// Every value of a header that may be sent several times, in order, joined by commas (as
/// RFC 9110 lets a list be split over several lines).
fn joined(headers: &HeaderMap, name: &str) -> String {
    headers
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join(",")
}

/// The n-th comma-separated entry from the right (n ≥ 1), trimmed; `None` when there are fewer.
fn nth_from_right(list: &str, n: usize) -> Option<&str> {
    if list.trim().is_empty() {
        return None;
    }
    list.rsplit(',').nth(n - 1).map(str::trim)
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(values: &[&'static str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", HeaderValue::from_static(value));
        }
        headers
    }

    fn peer() -> Option<SocketAddr> {
        Some("192.0.2.9:5000".parse().unwrap())
    }

    #[test]
    fn no_trusted_proxy_means_the_socket_peer() {
        let spoofed = headers(&["203.0.113.7"]);
        assert_eq!(client_ip(&spoofed, 0, peer()), "192.0.2.9");
        assert_eq!(client_ip(&spoofed, 0, None), "unknown");
    }

    #[test]
    fn one_hop_takes_the_entry_the_load_balancer_appended() {
        // The client wrote "1.1.1.1" itself; the load balancer appended the real address.
        let h = headers(&["1.1.1.1, 203.0.113.7"]);
        assert_eq!(client_ip(&h, 1, peer()), "203.0.113.7");
        assert_eq!(
            client_ip(&headers(&["203.0.113.7"]), 1, peer()),
            "203.0.113.7"
        );
    }

    #[test]
    fn two_hops_skip_the_inner_proxy() {
        let h = headers(&["6.6.6.6, 203.0.113.7, 10.0.0.2"]);
        assert_eq!(client_ip(&h, 2, peer()), "203.0.113.7");
        // Split over two header lines reads the same.
        let split = headers(&["6.6.6.6, 203.0.113.7", "10.0.0.2"]);
        assert_eq!(client_ip(&split, 2, peer()), "203.0.113.7");
    }

    #[test]
    fn short_missing_or_malformed_headers_fall_back_to_the_peer() {
        assert_eq!(
            client_ip(&headers(&["203.0.113.7"]), 2, peer()),
            "192.0.2.9"
        );
        assert_eq!(client_ip(&HeaderMap::new(), 1, peer()), "192.0.2.9");
        assert_eq!(client_ip(&headers(&[""]), 1, peer()), "192.0.2.9");
        assert_eq!(
            client_ip(&headers(&["1.1.1.1, not-an-ip"]), 1, peer()),
            "192.0.2.9"
        );
        assert_eq!(client_ip(&headers(&["1.1.1.1,"]), 1, peer()), "192.0.2.9");
    }

    #[test]
    fn ipv6_entries_are_normalised() {
        let h = headers(&["2001:DB8::1"]);
        assert_eq!(client_ip(&h, 1, peer()), "2001:db8::1");
    }

    #[test]
    fn https_is_taken_from_the_nearest_trusted_proxy_only() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert!(is_https(&h, 1));
        assert!(!is_https(&h, 0));
        h.insert("x-forwarded-proto", HeaderValue::from_static("https, http"));
        assert!(!is_https(&h, 1));
    }
}
