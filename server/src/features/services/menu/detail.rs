//! One service as the order form shows it: the service, and what the form starts from.

use linli_api_types::ServiceDetail;

use super::catalogue::{opening_of, reachable};
use super::order_form::{household_address, member_phone};
use super::volunteers::offered_by;
use crate::features::points::ledger::{self, Account};
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::Result;
use crate::platform::ids::{HouseholdId, ServiceId, UserId};

/// The service `id` of `auth`'s community (404 otherwise), their balance, the address and phone
/// an order would take, and whether they offer it as a volunteer.
pub async fn service_detail(db: &Db, auth: &AuthUser, id: ServiceId) -> Result<ServiceDetail> {
    let row = reachable(db, auth, id).await?;
    let id = ServiceId(row.id);
    let opening = opening_of(&db.read, id).await?;
    let default_address = match auth.household_id {
        Some(household) => household_address(&db.read, HouseholdId(household)).await?,
        None => None,
    };
    let default_phone = member_phone(&db.read, UserId(auth.user_id), auth.proxy_by).await?;
    let my_points = ledger::balance(&db.read, Account::Member(auth.user_id)).await?;
    let offered = offered_by(&db.read, auth).await?;
    Ok(ServiceDetail {
        i_offer: offered.contains(&id.get()),
        service: row.service(opening)?,
        my_points,
        default_address,
        default_phone,
    })
}
