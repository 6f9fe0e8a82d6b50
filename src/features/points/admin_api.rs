//! 积分管理's calls, through the one API client. Every decision goes out with an
//! idempotency key: a retried approval replays its answer instead of meeting a 409.

use linli_api_types::{
    Correction, CorrectionPage, CorrectionRecord, CorrectionRequest, PointsAudit, PointsPolicy,
    PolicyRequest, RejectRequest,
};
use serde::{Deserialize, Serialize};

use crate::api::{Api, ApiError, IdempotencyKey};

/// What asking for a correction gave: posted at once (201) or waiting for approval (202).
/// The client sees bodies, not statuses; a pending record is the one with a `status`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum CorrectionOutcome {
    Pending(CorrectionRecord),
    Posted(Correction),
}

pub async fn correct(api: Api, request: CorrectionRequest, key: IdempotencyKey) -> Result<CorrectionOutcome, ApiError> {
    api.post_retrying("/ledger/corrections", &request, &key).await
}

pub async fn pending(api: Api) -> Result<CorrectionPage, ApiError> {
    api.get("/ledger/corrections?status=pending&limit=50").await
}

#[derive(Serialize)]
struct Empty {}

pub async fn approve(api: Api, id: i64, key: IdempotencyKey) -> Result<CorrectionRecord, ApiError> {
    api.post_retrying(&format!("/ledger/corrections/{id}/approve"), &Empty {}, &key).await
}

pub async fn reject(api: Api, id: i64, reason: String, key: IdempotencyKey) -> Result<CorrectionRecord, ApiError> {
    api.post_retrying(&format!("/ledger/corrections/{id}/reject"), &RejectRequest { reason }, &key).await
}

pub async fn withdraw(api: Api, id: i64, key: IdempotencyKey) -> Result<CorrectionRecord, ApiError> {
    api.delete_retrying(&format!("/ledger/corrections/{id}"), &key).await
}

pub async fn policy(api: Api) -> Result<PointsPolicy, ApiError> {
    api.get("/community/policy").await
}

pub async fn set_policy(api: Api, request: PolicyRequest) -> Result<PointsPolicy, ApiError> {
    api.put_repeatable("/community/policy", &request).await
}

pub async fn audit(api: Api, cursor: Option<String>) -> Result<PointsAudit, ApiError> {
    match cursor {
        Some(cursor) => api.get(&format!("/points/audit?cursor={}", js_sys::encode_uri_component(&cursor))).await,
        None => api.get("/points/audit").await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pending_answer_and_a_posted_one_are_told_apart() {
        let pending = r#"{"id":7,"member":{"id":1,"name":"王秀英"},"amount":500,"reason":"补录",
            "status":"pending","requested_by":{"id":4,"name":"许各利"},
            "requested_at":"2026-12-01T08:00:00Z","decided_by":null,"decided_at":null,
            "decision_note":null,"transaction_id":null,"can_decide":false,"can_withdraw":true}"#;
        assert!(matches!(
            serde_json::from_str::<CorrectionOutcome>(pending).unwrap(),
            CorrectionOutcome::Pending(record) if record.amount == 500
        ));
        let posted = r#"{"correction_id":8,"transaction_id":90,"user_id":1,"amount":20,
            "balance":240,"reason":"补录","at":"2026-12-01T08:00:00Z"}"#;
        assert!(matches!(
            serde_json::from_str::<CorrectionOutcome>(posted).unwrap(),
            CorrectionOutcome::Posted(correction) if correction.balance == 240
        ));
    }
}
