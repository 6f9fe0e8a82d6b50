//! A notice's body is plain text. Web links become links; everything else stays text, so HTML
//! typed into a notice shows as the characters typed. Line breaks are kept by CSS (pre-wrap).

use leptos::prelude::*;

#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// Splits on http(s) links. A link ends at whitespace or at punctuation that, in Chinese or
/// English prose, ends a sentence rather than a URL.
fn pieces(body: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(start) = find_link_start(rest) {
        let (before, from_link) = rest.split_at(start);
        let end = from_link
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() || !c.is_ascii() || c == '<' || c == '>' || c == '"')
            .map_or(from_link.len(), |(i, _)| i);
        let link = from_link[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'']);
        if !before.is_empty() {
            out.push(Piece::Text(before));
        }
        out.push(Piece::Link(link));
        rest = &from_link[link.len()..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

fn find_link_start(s: &str) -> Option<usize> {
    [s.find("https://"), s.find("http://")].into_iter().flatten().min()
}

#[component]
pub fn BodyText(body: String) -> impl IntoView {
    let views = pieces(&body)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.to_owned().into_any(),
            // No target="_blank": WeChat's webview handles new windows badly; back returns here.
            Piece::Link(url) => view! { <a href=url.to_owned() rel="noopener noreferrer nofollow">{url.to_owned()}</a> }.into_any(),
        })
        .collect_view();
    view! { <div class="notice-body">{views}</div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_split_out_and_trailing_punctuation_stays_text() {
        assert_eq!(
            pieces("详见 https://example.cn/a?b=1。谢谢"),
            vec![Piece::Text("详见 "), Piece::Link("https://example.cn/a?b=1"), Piece::Text("。谢谢")]
        );
        assert_eq!(
            pieces("See http://x.org/p, then go."),
            vec![Piece::Text("See "), Piece::Link("http://x.org/p"), Piece::Text(", then go.")]
        );
    }

    #[test]
    fn html_is_only_text() {
        assert_eq!(pieces("<b>停水</b>"), vec![Piece::Text("<b>停水</b>")]);
        assert_eq!(pieces("javascript:alert(1)"), vec![Piece::Text("javascript:alert(1)")]);
    }

    #[test]
    fn several_links_and_line_breaks() {
        assert_eq!(
            pieces("a\nhttps://1.cn\nhttps://2.cn"),
            vec![Piece::Text("a\n"), Piece::Link("https://1.cn"), Piece::Text("\n"), Piece::Link("https://2.cn")]
        );
    }
}
