//! This feature's calls, all through the one API client. Every write goes out with an
//! idempotency key the caller keeps until the write has succeeded.

use linli_api_types::{WishDraft, WishFulfil, WishPage, WishReview, WishThanks, WishView};

use crate::api::{Api, ApiError, IdempotencyKey};

/// Which list of wishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// 心愿墙: the community's open wishes.
    Board,
    /// 我的心愿: posted by my household or claimed by me.
    Mine,
    /// 心愿审核: pending wishes of my places.
    Review,
}

/// A page of `list`, after `after` (the previous page's `next`: URL-safe, goes in as it is).
pub async fn page(api: Api, list: List, after: Option<String>) -> Result<WishPage, ApiError> {
    let path = match list {
        List::Board => "/wishes",
        List::Mine => "/wishes/mine",
        List::Review => "/wishes/review",
    };
    match after {
        Some(after) => api.get(&format!("{path}?after={after}")).await,
        None => api.get(path).await,
    }
}

pub async fn wish(api: Api, id: i64) -> Result<WishView, ApiError> {
    api.get(&format!("/wishes/{id}")).await
}

pub async fn post(api: Api, draft: WishDraft, key: IdempotencyKey) -> Result<WishView, ApiError> {
    api.post_retrying("/wishes", &draft, &key).await
}

/// One step on a wish, as the person acting asks for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Publish,
    Decline(String),
    Claim,
    Release,
    Fulfil(String),
    Thank(String),
    Withdraw,
}

impl Step {
    /// Its kind, for keeping one idempotency key per kind and telling which button failed.
    pub fn name(&self) -> &'static str {
        match self {
            Step::Publish => "publish",
            Step::Decline(_) => "decline",
            Step::Claim => "claim",
            Step::Release => "release",
            Step::Fulfil(_) => "fulfil",
            Step::Thank(_) => "thank",
            Step::Withdraw => "withdraw",
        }
    }
}

pub async fn step(api: Api, id: i64, step: Step, key: IdempotencyKey) -> Result<WishView, ApiError> {
    let empty = serde_json::json!({});
    let path = |what: &str| format!("/wishes/{id}/{what}");
    match step {
        Step::Publish => {
            api.post_retrying(&path("review"), &WishReview { publish: true, reason: String::new() }, &key).await
        }
        Step::Decline(reason) => api.post_retrying(&path("review"), &WishReview { publish: false, reason }, &key).await,
        Step::Claim => api.post_retrying(&path("claim"), &empty, &key).await,
        Step::Release => api.post_retrying(&path("release"), &empty, &key).await,
        Step::Fulfil(note) => api.post_retrying(&path("fulfil"), &WishFulfil { note, photo_id: None }, &key).await,
        Step::Thank(note) => api.post_retrying(&path("thanks"), &WishThanks { note }, &key).await,
        Step::Withdraw => api.post_retrying(&path("withdraw"), &empty, &key).await,
    }
}
