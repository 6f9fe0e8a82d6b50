//! Checking a draft for posting or editing: its text and times (`validate`), and that its
//! target is a place of the member's community that they are responsible for.

use linli_api_types::{NoticeCategory, NoticeDraft};
use sqlx::{Any, Executor};

use crate::features::community::places::{self, NamedPlace};
use crate::features::notices::audience;
use crate::features::notices::validate::{self, CleanDraft};
use crate::platform::auth::{AuthUser, Grant};
use crate::platform::error::{AppError, FieldIssue, Result, Rule};

/// A draft that passed every check: cleaned text and times, the target's place and the grant
/// of `auth`'s that covers it (the narrowest).
#[derive(Debug, Clone)]
pub struct CheckedDraft {
    pub clean: CleanDraft,
    pub category: NoticeCategory,
    pub place: NamedPlace,
    pub grant: Grant,
    pub important: bool,
}

/// Checks `draft` for `auth` at `now`; every broken rule is one field error.
pub async fn check<'e, E>(
    executor: E,
    auth: &AuthUser,
    draft: &NoticeDraft,
    now: i64,
) -> Result<CheckedDraft>
where
    E: Executor<'e, Database = Any>,
{
    let mut issues = Vec::new();
    let clean = validate::check(draft, now, &mut issues);
    let target = places::load_in_community(
        executor,
        draft.target.kind,
        draft.target.id,
        auth.community_id,
    )
    .await?;
    let covered = match &target {
        None => {
            issues.push(FieldIssue::new("target", Rule::Unknown));
            None
        }
        Some(place) => {
            let grant = audience::grant_for(auth, &place.path);
            if grant.is_none() {
                issues.push(FieldIssue::new("target", Rule::OutOfScope));
            }
            grant
        }
    };
    match (target, covered) {
        (Some(place), Some(grant)) if issues.is_empty() => Ok(CheckedDraft {
            clean,
            category: draft.category,
            place,
            grant,
            important: draft.important,
        }),
        _ => Err(AppError::Validation(issues)),
    }
}
