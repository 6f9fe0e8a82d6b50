//! Where a webhook may point. Staff choose the URL, and the server then posts to it from inside
//! the community's network: without limits a staff account (or whoever took it over) could
//! make the server knock on the router, a cloud metadata service (169.254.169.254) or a
//! database on the LAN and read the answers' status codes (server-side request forgery).
//!
//! So: `https://` to a public address, or plain `http://` to this machine only (a gateway
//! running beside the server, and the tests' local receivers). Private, link-local, shared and
//! reserved ranges are refused when the URL names them, and again at sending time when a
//! host name resolves to them ([`PublicOnly`]), so a name re-pointed after it was saved gains
//! nothing. What remains is documented in docs/security.md.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use linli_api_types::WEBHOOK_URL_MAX_CHARS;
use reqwest::Url;

/// Why a URL cannot be a webhook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    Required,
    TooLong,
    /// Not a URL at all, or one without a host.
    BadFormat,
    /// Neither `https` nor `http`.
    Scheme,
    /// `http://` to another machine: the messages (names, phone numbers) would cross the
    /// network unencrypted.
    HttpsRequired,
    /// A private, link-local or reserved address.
    PrivateAddress,
}

/// The URL a webhook may post to, or why not.
pub fn check(raw: &str) -> Result<Url, UrlProblem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(UrlProblem::Required);
    }
    if raw.chars().count() > WEBHOOK_URL_MAX_CHARS {
        return Err(UrlProblem::TooLong);
    }
    let url = Url::parse(raw).map_err(|_| UrlProblem::BadFormat)?;
    let https = match url.scheme() {
        "https" => true,
        "http" => false,
        _ => return Err(UrlProblem::Scheme),
    };
    let host = url.host_str().ok_or(UrlProblem::BadFormat)?;
    // IPv6 hosts come bracketed; the parser has already turned 0x0a000001 and the like into
    // the dotted address they mean.
    let ip: Option<IpAddr> = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok();
    let loopback = match ip {
        Some(ip) => ip.is_loopback(),
        None => host.eq_ignore_ascii_case("localhost"),
    };
    if !https && !loopback {
        return Err(UrlProblem::HttpsRequired);
    }
    if let Some(ip) = ip {
        if !ip.is_loopback() && !is_public(ip) {
            return Err(UrlProblem::PrivateAddress);
        }
    }
    Ok(url)
}

/// Whether `ip` is an ordinary address of the internet (not this machine, a LAN, link-local,
/// shared carrier space, documentation, multicast or reserved).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => is_public_v4(ip),
        IpAddr::V6(ip) => is_public_v6(ip),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        // 100.64.0.0/10, carrier-grade NAT.
        || (a == 100 && (64..128).contains(&b))
        // 192.0.0.0/24, protocol assignments.
        || (a == 192 && b == 0 && c == 0)
        // 198.18.0.0/15, benchmarking.
        || (a == 198 && (18..20).contains(&b))
        // 240.0.0.0/4, reserved.
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        // fc00::/7, unique local.
        || (first & 0xfe00) == 0xfc00
        // fe80::/10, link-local.
        || (first & 0xffc0) == 0xfe80
        // 2001:db8::/32, documentation.
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
        // 64:ff9b::/96 and the rest of the IPv4-embedding prefixes: judged by their IPv4 part
        // would be right, refused is simpler and loses no real gateway.
        || first == 0x0064)
}

/// The resolver the webhook client uses: a host name's addresses without the ones [`check`]
/// refuses as literals ("localhost" may be this machine). Refusing here, not only when the
/// URL is saved, means a name that later points inside is still not reached.
#[derive(Debug, Clone, Copy, Default)]
pub struct PublicOnly;

/// A host name that resolved to no address the webhook may reach.
#[derive(Debug)]
pub struct BlockedAddress;

impl std::fmt::Display for BlockedAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the host resolves only to private or reserved addresses")
    }
}

impl std::error::Error for BlockedAddress {}

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let local = host.eq_ignore_ascii_case("localhost");
            let found = tokio::net::lookup_host((host.as_str(), 0)).await?;
            let allowed: Vec<SocketAddr> = found
                .filter(|addr| is_public(addr.ip()) || (local && addr.ip().is_loopback()))
                .collect();
            if allowed.is_empty() {
                return Err(Box::new(BlockedAddress) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_public_and_http_only_to_this_machine() {
        for good in [
            "https://hooks.example.org/linli",
            "https://203.0.113.9.nip.io/x",
            "https://8.8.8.8/hook",
            "http://127.0.0.1:9000/hook",
            "http://localhost/hook",
            "http://[::1]:8080/",
            "https://localhost/",
            "http://2130706433/",
        ] {
            assert!(check(good).is_ok(), "{good}");
        }
        for (bad, problem) in [
            ("", UrlProblem::Required),
            ("   ", UrlProblem::Required),
            ("hooks.example.org", UrlProblem::BadFormat),
            ("https://", UrlProblem::BadFormat),
            ("ftp://hooks.example.org/", UrlProblem::Scheme),
            ("file:///etc/passwd", UrlProblem::Scheme),
            ("javascript:alert(1)", UrlProblem::Scheme),
            ("http://hooks.example.org/", UrlProblem::HttpsRequired),
            ("http://192.168.1.10/", UrlProblem::HttpsRequired),
            ("https://192.168.1.10/", UrlProblem::PrivateAddress),
            ("https://10.0.0.1/", UrlProblem::PrivateAddress),
            ("https://172.16.5.4/", UrlProblem::PrivateAddress),
            (
                "https://169.254.169.254/latest/meta-data",
                UrlProblem::PrivateAddress,
            ),
            ("https://100.64.1.1/", UrlProblem::PrivateAddress),
            ("https://0.0.0.0/", UrlProblem::PrivateAddress),
            ("https://[fd00::1]/", UrlProblem::PrivateAddress),
            ("https://[fe80::1]/", UrlProblem::PrivateAddress),
            ("https://[::ffff:10.0.0.1]/", UrlProblem::PrivateAddress),
            // Other spellings are read as the addresses they are.
            ("https://0xa000001/", UrlProblem::PrivateAddress),
            ("https://167772161/", UrlProblem::PrivateAddress),
        ] {
            assert_eq!(check(bad).err(), Some(problem), "{bad}");
        }
        let long = format!("https://example.org/{}", "a".repeat(WEBHOOK_URL_MAX_CHARS));
        assert_eq!(check(&long).err(), Some(UrlProblem::TooLong));
    }

    #[tokio::test]
    async fn names_resolving_inside_are_not_reached() {
        use reqwest::dns::Resolve;
        let name: reqwest::dns::Name = "localhost".parse().unwrap();
        let found: Vec<SocketAddr> = PublicOnly.resolve(name).await.unwrap().collect();
        assert!(found.iter().all(|addr| addr.ip().is_loopback()));
        // A name of a private address (a literal in name form is resolved by the system).
        let name: reqwest::dns::Name = "10.1.2.3".parse().unwrap();
        assert!(PublicOnly.resolve(name).await.is_err());
    }
}
