//! Changing one's password: the current one must be given (a borrowed, signed-in phone is not
//! enough) and wrong guesses are limited per member; the new one must differ from it and not be
//! a common one. Every other session of the member is signed out.

use linli_api_types::{is_too_common, NewPassword, Password, PasswordChange};

use crate::features::account::password::Hasher;
use crate::features::account::sign_in_limits::{self, Limit};
use crate::features::account::{password_check, refusals, sessions};
use crate::platform::auth::AuthUser;
use crate::platform::db::{now_ms, Db};
use crate::platform::error::{AppError, FieldIssue, Result};
use crate::platform::ids::UserId;

#[derive(sqlx::FromRow)]
struct Credentials {
    phone: String,
    password_hash: String,
}

/// Changes `auth`'s password; `ip` is logged with the check of the current one, as a sign-in's.
pub async fn change(
    db: &Db,
    hasher: &Hasher,
    auth: &AuthUser,
    ip: &str,
    request: PasswordChange,
) -> Result<()> {
    let mut issues = Vec::new();
    FieldIssue::check(
        "current_password",
        Password::check(&request.current_password),
        &mut issues,
    );
    let new_password = FieldIssue::check(
        "new_password",
        NewPassword::check(&request.new_password),
        &mut issues,
    );
    if new_password.is_some() && is_too_common(&request.new_password) {
        issues.push(refusals::too_common());
    }
    if !issues.is_empty() {
        return Err(AppError::Validation(issues));
    }
    let user_id = UserId(auth.user_id);
    let user: Credentials = sqlx::query_as("SELECT phone, password_hash FROM users WHERE id = $1")
        .bind(user_id.get())
        .fetch_one(&db.read)
        .await?;
    let reservation = sign_in_limits::reserve(db, vec![Limit::password_change(user_id)]).await?;
    // Two hashes (the check, then the new one), two places in the queue: a full queue refuses
    // before anything is spent.
    let (check, new) = match (hasher.slot(), hasher.slot()) {
        (Ok(check), Ok(new)) => (check, new),
        (Err(overloaded), _) | (_, Err(overloaded)) => {
            reservation.release(db).await?;
            return Err(overloaded);
        }
    };
    let verified = password_check::counted(
        db,
        reservation,
        check,
        request.current_password.clone(),
        Some(user.password_hash),
        &user.phone,
        ip,
    )
    .await?;
    if !verified {
        return Err(AppError::Validation(vec![refusals::wrong_password()]));
    }
    if request.new_password == request.current_password {
        return Err(AppError::Validation(vec![refusals::same_as_current()]));
    }

    let new_hash = new.hash(request.new_password).await?;
    let now = now_ms();
    let mut tx = db.write.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(&new_hash)
        .bind(user_id.get())
        .execute(&mut *tx)
        .await?;
    let revoked = sessions::revoke_others(&mut tx, user_id, auth.session_id, now).await?;
    tx.commit().await?;
    tracing::info!(revoked_sessions = revoked, "password changed");
    sessions::purge_dead(db, Some(user_id)).await?;
    Ok(())
}
