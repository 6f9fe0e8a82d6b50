//! The steps on an order as they arrive: what each request carries ([`StepRequest`], hashed
//! for its Idempotency-Key) and the [`Step`] it asks for once its text is checked.

use linli_api_types::{
    AssignRequest, CompleteRequest, DeclineRequest, RateRequest, RatingTag,
    COMPLETION_NOTE_MAX_CHARS, DECLINE_REASON_MAX_CHARS, RATING_COMMENT_MAX_CHARS, RATING_TAGS_MAX,
};
use serde::Serialize;

use super::state::Action;
use crate::features::services::refusals;
use crate::platform::error::{AppError, Result};
use crate::platform::ids::UserId;
use crate::platform::text::TextField;

// The text of steps (`crate::platform::text`: control characters cleaned out).
const DECLINE_REASON: TextField = TextField::multiline("reason", DECLINE_REASON_MAX_CHARS);
const COMPLETION_NOTE: TextField =
    TextField::multiline("note", COMPLETION_NOTE_MAX_CHARS).optional();
const RATING_COMMENT: TextField =
    TextField::multiline("comment", RATING_COMMENT_MAX_CHARS).optional();

/// What a step's request carries besides the order.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum StepRequest {
    None,
    Assign(AssignRequest),
    Decline(DeclineRequest),
    Complete(CompleteRequest),
    Rate(RateRequest),
}

/// A step on an order with what it carries, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Staff dispatch (or reassign) to this volunteer.
    Assign {
        volunteer: UserId,
    },
    Accept,
    Decline {
        reason: String,
    },
    Claim,
    Start,
    Complete {
        note: Option<String>,
    },
    Rate {
        stars: u8,
        /// Without repeats, in the order given.
        tags: Vec<RatingTag>,
        comment: String,
    },
    Cancel,
    /// The rating window passed: the server closes it.
    Close,
    /// The volunteer's role ended: `by` (staff) sends the order back to the queue.
    Recall {
        by: UserId,
    },
}

impl Step {
    pub fn action(&self) -> Action {
        match self {
            Step::Assign { .. } => Action::Assign,
            Step::Accept => Action::Accept,
            Step::Decline { .. } => Action::Decline,
            Step::Claim => Action::Claim,
            Step::Start => Action::Start,
            Step::Complete { .. } => Action::Complete,
            Step::Rate { .. } => Action::Rate,
            Step::Cancel => Action::Cancel,
            Step::Close => Action::Close,
            Step::Recall { .. } => Action::Recall,
        }
    }

    /// The step `action` asks for with `request`, its text checked before anything is
    /// written: 422 with every field's refusal at once.
    pub fn checked(action: Action, request: &StepRequest) -> Result<Step> {
        let mut issues = Vec::new();
        let step = match (action, request) {
            (Action::Assign, StepRequest::Assign(request)) => Step::Assign {
                volunteer: UserId(request.volunteer_id),
            },
            (Action::Accept, _) => Step::Accept,
            (Action::Decline, StepRequest::Decline(request)) => Step::Decline {
                reason: DECLINE_REASON.check(&request.reason, &mut issues),
            },
            (Action::Claim, _) => Step::Claim,
            (Action::Start, _) => Step::Start,
            (Action::Complete, StepRequest::Complete(request)) => Step::Complete {
                note: Some(COMPLETION_NOTE.check(&request.note, &mut issues))
                    .filter(|note| !note.is_empty()),
            },
            (Action::Rate, StepRequest::Rate(request)) => {
                if !(1..=5).contains(&request.stars) {
                    issues.push(refusals::stars_out_of_range());
                }
                if request.tags.len() > RATING_TAGS_MAX {
                    issues.push(refusals::too_many_tags());
                }
                let mut tags = Vec::new();
                for tag in &request.tags {
                    if !tags.contains(tag) {
                        tags.push(*tag);
                    }
                }
                Step::Rate {
                    stars: request.stars,
                    tags,
                    comment: RATING_COMMENT.check(&request.comment, &mut issues),
                }
            }
            (Action::Cancel, _) => Step::Cancel,
            _ => {
                return Err(AppError::internal(format!(
                    "step {action:?} without its input"
                )))
            }
        };
        if issues.is_empty() {
            Ok(step)
        } else {
            Err(AppError::Validation(issues))
        }
    }
}
