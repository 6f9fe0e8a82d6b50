//! The rules the OpenAPI document states are the server's own. utoipa takes only literals in
//! `#[schema(max_length = …)]`, so the document's numbers are checked here against the
//! constants the server checks with; a changed constant fails this test until the attribute
//! (api-types/src, server/src/http) follows it. Patterns are checked against the parsers.

use linli_api_types::Phone;
use linli_api_types::{
    CorrectionStatus, LeaderboardPeriod, NewPassword, Password, TaskCategory,
    APPROVAL_THRESHOLD_MAX, APPROVAL_THRESHOLD_MIN, AUDIT_PAGE_MAX, COMPLETION_NOTE_MAX_CHARS,
    CORRECTION_MAX_AMOUNT, CORRECTION_REASON_MAX_CHARS, DECLINE_REASON_MAX_CHARS, LEDGER_PAGE_MAX,
    NOTICE_BODY_MAX_CHARS, NOTICE_PAGE_MAX, NOTICE_TITLE_MAX_CHARS, ORDER_ADDRESS_MAX_CHARS,
    ORDER_NOTE_MAX_CHARS, ORDER_PAGE_MAX, POINTS_PER_HOUR_MAX, POINTS_PER_HOUR_MIN,
    RATING_COMMENT_MAX_CHARS, RATING_TAGS_MAX, REJECT_REASON_MAX_CHARS, SLOT_DAYS_MAX,
    TASK_CAPACITY_MAX, TASK_CAPACITY_MIN, TASK_DESCRIPTION_MAX_CHARS, TASK_PAGE_MAX,
    TASK_PLACE_MAX_CHARS, TASK_POINTS_MAX, TASK_TITLE_MAX_CHARS, WISH_DECLINE_REASON_MAX_CHARS,
    WISH_NOTE_MAX_CHARS, WISH_PAGE_MAX, WISH_TEXT_MAX_CHARS, WISH_TITLE_MAX_CHARS,
};
use linli_api_types::MESSAGE_PAGE_MAX;
use linli_server::platform::text::{clean, Lines};
use regex::Regex;
use serde_json::{json, Value};

/// At least one character that survives `server/src/platform/text.rs`: not a control character and not
/// white space (Rust's `char::is_whitespace`).
const VISIBLE: &str =
    r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

fn document() -> Value {
    serde_json::from_str(&linli_server::openapi::document_json()).unwrap()
}

fn property(document: &Value, schema: &str, field: &str) -> Value {
    let value = &document["components"]["schemas"][schema]["properties"][field];
    assert!(value.is_object(), "{schema}.{field} is in the document");
    value.clone()
}

fn query_parameter(document: &Value, method: &str, path: &str, name: &str) -> Value {
    document["paths"][path][method]["parameters"]
        .as_array()
        .unwrap_or_else(|| panic!("{method} {path} has parameters"))
        .iter()
        .find(|p| p["name"] == name && p["in"] == "query")
        .unwrap_or_else(|| panic!("{method} {path} has `{name}`"))["schema"]
        .clone()
}

#[test]
fn text_fields_state_the_servers_lengths() {
    let document = document();
    // (schema, field, max characters, required: blank refused)
    let fields: [(&str, &str, usize, bool); 19] = [
        ("NoticeDraft", "title", NOTICE_TITLE_MAX_CHARS, true),
        ("NoticeDraft", "body", NOTICE_BODY_MAX_CHARS, true),
        ("TaskDraft", "title", TASK_TITLE_MAX_CHARS, true),
        ("TaskDraft", "place", TASK_PLACE_MAX_CHARS, true),
        (
            "TaskDraft",
            "description",
            TASK_DESCRIPTION_MAX_CHARS,
            false,
        ),
        ("OrderDraft", "address", ORDER_ADDRESS_MAX_CHARS, false),
        ("OrderDraft", "note", ORDER_NOTE_MAX_CHARS, false),
        ("DeclineRequest", "reason", DECLINE_REASON_MAX_CHARS, true),
        ("CompleteRequest", "note", COMPLETION_NOTE_MAX_CHARS, false),
        ("RateRequest", "comment", RATING_COMMENT_MAX_CHARS, false),
        (
            "CorrectionRequest",
            "reason",
            CORRECTION_REASON_MAX_CHARS,
            true,
        ),
        ("RejectRequest", "reason", REJECT_REASON_MAX_CHARS, true),
        ("SignInRequest", "password", Password::MAX_CHARS, true),
        ("PasswordChange", "new_password", Password::MAX_CHARS, true),
        ("WishDraft", "title", WISH_TITLE_MAX_CHARS, true),
        ("WishDraft", "text", WISH_TEXT_MAX_CHARS, false),
        ("WishReview", "reason", WISH_DECLINE_REASON_MAX_CHARS, false),
        ("WishFulfil", "note", WISH_NOTE_MAX_CHARS, true),
        ("WishThanks", "note", WISH_NOTE_MAX_CHARS, false),
    ];
    for (schema, field, max, required) in fields {
        let value = property(&document, schema, field);
        assert_eq!(value["maxLength"], json!(max), "{schema}.{field} maxLength");
        let is_password = field.contains("password");
        if required && !is_password {
            assert_eq!(value["minLength"], json!(1), "{schema}.{field} minLength");
            assert_eq!(value["pattern"], json!(VISIBLE), "{schema}.{field} pattern");
        } else if !required {
            assert!(
                value.get("minLength").is_none(),
                "{schema}.{field} may be blank"
            );
        }
    }
    let new_password = property(&document, "PasswordChange", "new_password");
    assert_eq!(new_password["minLength"], json!(NewPassword::MIN_CHARS));
    assert_eq!(
        property(&document, "SignInRequest", "password")["minLength"],
        json!(1)
    );
}

#[test]
fn numbers_state_the_servers_ranges() {
    let document = document();
    let ranges: [(&str, &str, i64, i64); 7] = [
        (
            "TaskDraft",
            "capacity",
            TASK_CAPACITY_MIN,
            TASK_CAPACITY_MAX,
        ),
        ("TaskDraft", "points", 0, TASK_POINTS_MAX),
        ("RateRequest", "stars", 1, 5),
        (
            "PolicyRequest",
            "points_per_hour",
            POINTS_PER_HOUR_MIN,
            POINTS_PER_HOUR_MAX,
        ),
        (
            "PolicyRequest",
            "correction_approval_threshold",
            APPROVAL_THRESHOLD_MIN,
            APPROVAL_THRESHOLD_MAX,
        ),
        // 消息设置's quiet hours: minutes of the day (features/messages/prefs.rs).
        ("MessagePrefs", "quiet_start", 0, 1439),
        ("MessagePrefs", "quiet_end", 0, 1439),
    ];
    for (schema, field, min, max) in ranges {
        let value = property(&document, schema, field);
        assert_eq!(value["minimum"], json!(min), "{schema}.{field} minimum");
        assert_eq!(value["maximum"], json!(max), "{schema}.{field} maximum");
    }
    assert_eq!(
        property(&document, "RateRequest", "tags")["maxItems"],
        json!(RATING_TAGS_MAX)
    );
    let amount = property(&document, "CorrectionRequest", "amount");
    let bounds: Vec<(Value, Value)> = amount["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|range| (range["minimum"].clone(), range["maximum"].clone()))
        .collect();
    assert_eq!(
        bounds,
        [
            (json!(-CORRECTION_MAX_AMOUNT), json!(-1)),
            (json!(1), json!(CORRECTION_MAX_AMOUNT))
        ]
    );
}

#[test]
fn page_sizes_state_the_servers_ceilings() {
    let document = document();
    let limits: [(&str, &str, u32); 11] = [
        ("get", "/api/v1/notices", NOTICE_PAGE_MAX),
        ("get", "/api/v1/notices/authored", NOTICE_PAGE_MAX),
        ("get", "/api/v1/tasks", TASK_PAGE_MAX),
        ("get", "/api/v1/me/tasks", TASK_PAGE_MAX),
        ("get", "/api/v1/me/ledger", LEDGER_PAGE_MAX),
        ("get", "/api/v1/dispatch/queue", ORDER_PAGE_MAX),
        ("get", "/api/v1/volunteer/orders", ORDER_PAGE_MAX),
        ("get", "/api/v1/wishes", WISH_PAGE_MAX),
        ("get", "/api/v1/wishes/mine", WISH_PAGE_MAX),
        ("get", "/api/v1/wishes/review", WISH_PAGE_MAX),
        ("get", "/api/v1/messages", MESSAGE_PAGE_MAX),
    ];
    for (method, path, max) in limits {
        let limit = query_parameter(&document, method, path, "limit");
        assert_eq!(limit["minimum"], json!(1), "{path} limit");
        assert_eq!(limit["maximum"], json!(max), "{path} limit");
    }
    // These two also take an empty `limit` for the default.
    for path in ["/api/v1/ledger/corrections", "/api/v1/points/audit"] {
        let limit = query_parameter(&document, "get", path, "limit");
        assert_eq!(
            limit["oneOf"][0]["maximum"],
            json!(AUDIT_PAGE_MAX),
            "{path}"
        );
        assert_eq!(limit["oneOf"][1]["maxLength"], json!(0), "{path}");
    }
    let days = query_parameter(&document, "get", "/api/v1/services/{id}/slots", "days");
    assert_eq!(days["maximum"], json!(SLOT_DAYS_MAX));
}

#[test]
fn choices_in_queries_are_the_servers_names() {
    let document = document();
    let choices = |names: Vec<&str>| format!("^(|{})$", names.join("|"));
    let category = query_parameter(&document, "get", "/api/v1/tasks", "category");
    assert_eq!(
        category["pattern"],
        json!(choices(TaskCategory::ALL.map(|c| c.as_str()).to_vec()))
    );
    let status = query_parameter(&document, "get", "/api/v1/ledger/corrections", "status");
    assert_eq!(
        status["pattern"],
        json!(choices(CorrectionStatus::ALL.map(|s| s.as_str()).to_vec()))
    );
    let period = query_parameter(&document, "get", "/api/v1/leaderboard", "period");
    let periods = [LeaderboardPeriod::Month, LeaderboardPeriod::All].map(|p| p.as_str());
    assert_eq!(period["pattern"], json!(choices(periods.to_vec())));
}

/// Phones as people paste them, and near misses.
const PHONES: [&str; 20] = [
    "13800000001",
    "138 0000 0001",
    "138-0000-0001",
    "\u{3000}138\u{3000}0000\u{3000}0001",
    "+8613800000001",
    "+86 138 0000 0001",
    "8613800000001",
    "86 19912345678",
    "-1-3-8-0-0-0-0-0-0-0-1-",
    "12800000001",
    "1380000000",
    "138000000012",
    "23800000001",
    "1380000000a",
    "138\t0000 0001",
    "+8612800000001",
    "+86",
    "",
    " ",
    "８６13800000001",
];

fn pattern(value: &Value) -> Regex {
    Regex::new(value["pattern"].as_str().expect("a pattern")).unwrap()
}

#[test]
fn phone_patterns_accept_what_the_server_parses() {
    let document = document();
    let sign_in = pattern(&property(&document, "SignInRequest", "phone"));
    let contact = pattern(&property(&document, "OrderDraft", "contact_phone"));
    for raw in PHONES {
        let parses = Phone::parse(raw).is_ok();
        assert_eq!(sign_in.is_match(raw), parses, "sign-in phone {raw:?}");
        // The order's contact phone is trimmed first, and blank means the resident's own.
        for padded in [raw.to_owned(), format!("\t{raw} \n")] {
            let trimmed = padded.trim();
            let accepted = trimmed.is_empty() || Phone::parse(trimmed).is_ok();
            assert_eq!(
                contact.is_match(&padded),
                accepted,
                "contact phone {padded:?}"
            );
        }
    }
}

#[test]
fn required_text_pattern_asks_for_what_survives_cleaning() {
    let visible = Regex::new(VISIBLE).unwrap();
    for text in [
        "",
        " ",
        "\u{0}",
        "\u{7}\u{1B}",
        "\r\n\t",
        "\u{85}\u{2028}\u{3000}\u{A0}",
        "\u{200B}",
        "\u{FEFF}",
        "水",
        " a ",
        "\u{0}b",
        "😀",
        "\u{202E}",
        "e\u{301}",
    ] {
        for lines in [Lines::One, Lines::Many] {
            assert_eq!(
                visible.is_match(text),
                !clean(text, lines).is_empty(),
                "{text:?}"
            );
        }
    }
}
