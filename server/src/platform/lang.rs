//! The language answers are written in: English when the request's `Accept-Language` starts
//! with `en`, Chinese (zh-CN) otherwise.

use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn from_accept_language(value: &str) -> Self {
        let first = value.trim_start().get(..2).unwrap_or_default();
        if first.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    pub fn of_headers(headers: &HeaderMap) -> Self {
        headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .map(Self::from_accept_language)
            .unwrap_or_default()
    }

    /// The language of the request being answered (zh outside a request).
    pub fn current() -> Self {
        CURRENT.try_with(|lang| *lang).unwrap_or_default()
    }

    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

tokio::task_local! {
    // Errors are rendered deep inside extractors and layers that never see the request's
    // headers; the middleware below makes the language available to all of them.
    static CURRENT: Lang;
}

pub async fn remember_language(request: Request, next: Next) -> Response {
    let lang = Lang::of_headers(request.headers());
    CURRENT.scope(lang, next.run(request)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_only_when_asked_for_first() {
        assert_eq!(Lang::from_accept_language("en"), Lang::En);
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(Lang::from_accept_language("EN-gb"), Lang::En);
        assert_eq!(
            Lang::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"),
            Lang::Zh
        );
        assert_eq!(Lang::from_accept_language("fr"), Lang::Zh);
        assert_eq!(Lang::from_accept_language(""), Lang::Zh);
        assert_eq!(Lang::from_accept_language("e"), Lang::Zh);
    }

    #[test]
    fn missing_header_means_chinese() {
        assert_eq!(Lang::of_headers(&HeaderMap::new()), Lang::Zh);
    }

    #[tokio::test]
    async fn current_is_chinese_outside_a_request() {
        assert_eq!(Lang::current(), Lang::Zh);
        assert_eq!(
            CURRENT.scope(Lang::En, async { Lang::current() }).await,
            Lang::En
        );
    }
}
