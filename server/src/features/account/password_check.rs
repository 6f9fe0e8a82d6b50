//! A password check counted against the sign-in limits, as signing in and changing the
//! password both make it: the limits were reserved before, the attempt is given back when the
//! password could not be checked, kept when it was wrong, and the failure counts start again
//! when it was right; its outcome is logged with the phone and address.

use crate::features::account::password::Slot;
use crate::features::account::sign_in_limits::{self, Reservation};
use crate::platform::db::Db;
use crate::platform::error::Result;

/// Whether `password` matches `stored` (never, without a stored hash).
pub async fn counted(
    db: &Db,
    reservation: Reservation,
    slot: Slot,
    password: String,
    stored: Option<String>,
    phone: &str,
    ip: &str,
) -> Result<bool> {
    let verified = match slot.verify(password, stored).await {
        Ok(verified) => verified,
        Err(error) => {
            reservation.release(db).await?;
            return Err(error);
        }
    };
    sign_in_limits::record_sign_in(db, phone, ip, verified).await?;
    if verified {
        reservation.succeeded(db).await?;
    } else {
        reservation.failed();
    }
    Ok(verified)
}
