//! The steps on a wish: review, claim, release, fulfil, thanks, withdraw. Each is one UPDATE
//! guarded by the version read, in the caller's transaction; the thanks credit the claimer
//! through the love bank's ledger in the same transaction, so a wish pays once.

use linli_api_types::{
    LedgerKind, LedgerLinkKind, MessageKind, MessageSubject, SubjectKind, WishStatus, WishView, WISH_DECLINE_REASON_MAX_CHARS,
    WISH_NOTE_MAX_CHARS,
};
use sqlx::AnyConnection;

use super::refusals::{self, WishRefusal};
use super::row::{fulfil_photo_of, load, WishRow};
use super::view::view;
use super::viewer::{Action, WishViewer};
use crate::features::community::members;
use crate::features::messages::{notify, NewMessage};
use crate::features::points::ledger::{self, Account, Memo, Transfer};
use crate::platform::auth::AuthUser;
use crate::platform::db::Backend;
use crate::platform::error::{AppError, FieldIssue, Result};
use crate::platform::photos::table::attach;
use crate::platform::text::TextField;

const REASON: TextField = TextField::line("reason", WISH_DECLINE_REASON_MAX_CHARS).optional();
const NOTE: TextField = TextField::multiline("note", WISH_NOTE_MAX_CHARS);
const THANKS: TextField = TextField::multiline("note", WISH_NOTE_MAX_CHARS).optional();

/// A step with its checked words.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Step {
    Review { publish: bool, reason: String },
    Claim,
    Release,
    Fulfil { note: String, photo_id: Option<i64> },
    Thank { note: String },
    Withdraw,
}

impl Step {
    pub fn review(publish: bool, reason: &str) -> Result<Self> {
        let mut issues = Vec::new();
        let reason = REASON.check(reason, &mut issues);
        if !publish && reason.is_empty() && issues.is_empty() {
            issues.push(refusals::decline_reason_required());
        }
        done(issues)?;
        Ok(Step::Review {
            publish,
            // A published wish keeps no reason.
            reason: if publish { String::new() } else { reason },
        })
    }

    pub fn fulfil(note: &str, photo_id: Option<i64>) -> Result<Self> {
        let mut issues = Vec::new();
        let note = NOTE.check(note, &mut issues);
        done(issues)?;
        Ok(Step::Fulfil { note, photo_id })
    }

    pub fn thank(note: &str) -> Result<Self> {
        let mut issues = Vec::new();
        let note = THANKS.check(note, &mut issues);
        done(issues)?;
        Ok(Step::Thank { note })
    }

    pub fn action(&self) -> Action {
        match self {
            Step::Review { publish: true, .. } => Action::Publish,
            Step::Review { .. } => Action::Decline,
            Step::Claim => Action::Claim,
            Step::Release => Action::Release,
            Step::Fulfil { .. } => Action::Fulfil,
            Step::Thank { .. } => Action::Thank,
            Step::Withdraw => Action::Withdraw,
        }
    }
}

fn done(issues: Vec<FieldIssue>) -> Result<()> {
    if issues.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(issues))
    }
}

/// `auth` takes `step` on wish `id`: 404 unless they may see it, the refusal when the viewer
/// rules say no, 409 when someone else wrote it first. Answers the wish as they now see it.
pub async fn take(
    tx: &mut AnyConnection,
    backend: Backend,
    mut auth: AuthUser,
    id: i64,
    step: Step,
    now: i64,
) -> Result<WishView> {
    if step.action() == Action::Claim {
        // Read (and on PostgreSQL share-lock) the flag in this transaction: a claim racing
        // the flag's removal either ends before it or sees it removed.
        auth.is_volunteer = members::volunteer_flag(tx, backend, auth.user_id).await?;
    }
    let viewer = WishViewer::new(&auth);
    let row = load(&mut *tx, id)
        .await?
        .filter(|row| viewer.can_see(row))
        .ok_or(AppError::NotFound)?;
    let next = viewer.check(&row, step.action())?;
    if !write_if_unchanged(tx, &row, &auth, next, &step, now).await? {
        // Someone wrote it since it was read: say what stops this step now (another
        // volunteer's claim, a withdrawal), or that it changed.
        let again = load(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
        return Err(match viewer.check(&again, step.action()) {
            Err(refusal) => refusal.into(),
            Ok(_) => WishRefusal::Changed.into(),
        });
    }
    if next == WishStatus::Thanked {
        credit(tx, &row, &auth).await?;
    }
    if let Step::Fulfil {
        photo_id: Some(photo),
        ..
    } = step
    {
        attach(
            tx,
            &[photo],
            auth.user_id,
            auth.community_id,
            fulfil_photo_of(id),
            "photo_id",
            1,
        )
        .await?;
        sqlx::query("UPDATE wishes SET fulfil_photo_id = $1 WHERE id = $2")
            .bind(photo)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    let row = load(&mut *tx, id)
        .await?
        .ok_or_else(|| AppError::internal("the wish just written"))?;
    tell(tx, &row, &step, auth.user_id, now).await?;
    view(&row, &viewer)
}

/// 您的心愿已被认领 / 已完成: the resident whose wish a volunteer claimed or fulfilled hears of it
/// in the step's transaction (`row` as it stands after the step).
async fn tell(
    tx: &mut AnyConnection,
    row: &WishRow,
    step: &Step,
    actor: i64,
    now: i64,
) -> Result<()> {
    let kind = match step {
        Step::Claim => MessageKind::WishClaimed,
        Step::Fulfil { .. } => MessageKind::WishFulfilled,
        _ => return Ok(()),
    };
    if row.resident_id == actor {
        return Ok(());
    }
    let subject = MessageSubject {
        kind: SubjectKind::Wish,
        id: row.id,
    };
    let mut message =
        NewMessage::new(row.community_id, kind, subject, now).with("wish", row.title.as_str());
    if let Some(claimer) = &row.claimer_name {
        message = message.with("volunteer", claimer.as_str());
    }
    if kind == MessageKind::WishClaimed {
        // Claiming, releasing and claiming again tells the resident once per volunteer.
        message = message.once(format!("wish_claimed:{}:{actor}", row.id));
    }
    notify(tx, &message, &[row.resident_id]).await?;
    Ok(())
}

/// The step's columns, written only if the wish is still at the version read.
async fn write_if_unchanged(
    tx: &mut AnyConnection,
    row: &WishRow,
    auth: &AuthUser,
    next: WishStatus,
    step: &Step,
    now: i64,
) -> Result<bool> {
    // $1 status, $2 now, $3 id, $4 version read; then the step's own.
    let set = match step {
        Step::Review { .. } => {
            "reviewed_by = $5, reviewed_at = $2, decline_reason = NULLIF($6, '')"
        }
        Step::Claim => "claimer_id = $5, claimed_at = $2",
        Step::Release => "claimer_id = NULL, claimed_at = NULL",
        Step::Fulfil { .. } => "fulfil_note = $5, fulfilled_at = $2",
        Step::Thank { .. } => "thanks_note = NULLIF($5, ''), thanked_at = $2, thanks_proxy_by = $6",
        Step::Withdraw => "withdrawn_at = $2",
    };
    let sql = format!(
        "UPDATE wishes SET status = $1, version = version + 1, updated_at = $2, {set} \
         WHERE id = $3 AND version = $4"
    );
    let query = sqlx::query(&sql)
        .bind(next.as_str())
        .bind(now)
        .bind(row.id)
        .bind(row.version);
    let query = match step {
        Step::Review { reason, .. } => query.bind(auth.user_id).bind(reason.clone()),
        Step::Claim => query.bind(auth.user_id),
        Step::Fulfil { note, .. } => query.bind(note.clone()),
        Step::Thank { note } => query.bind(note.clone()).bind(auth.proxy_by),
        Step::Release | Step::Withdraw => query,
    };
    Ok(query.execute(&mut *tx).await?.rows_affected() == 1)
}

/// The claimer's points for a thanked wish, from the community's fund: confirmed by the
/// resident (or whoever acted for them, never the claimer: `WishViewer::check`). The ledger's
/// unique wish-reward index makes a second credit of the same wish impossible.
async fn credit(tx: &mut AnyConnection, row: &WishRow, auth: &AuthUser) -> Result<()> {
    let Some(claimer) = row.claimer_id else {
        return Err(AppError::internal("a thanked wish without a claimer"));
    };
    if row.points <= 0 {
        return Ok(());
    }
    ledger::transfer(
        tx,
        &Transfer {
            community_id: row.community_id,
            from: Account::Fund(row.community_id),
            to: Account::Member(claimer),
            amount: row.points,
            memo: Memo::new(LedgerKind::WishReward, row.title.as_str())
                .link(LedgerLinkKind::Wish, row.id)
                .by_proxy(auth.proxy_by),
            actor_id: Some(auth.user_id),
        },
    )
    .await?;
    Ok(())
}
