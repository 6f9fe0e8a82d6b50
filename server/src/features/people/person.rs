//! A person page: who they are, their household and register entry, their roles and the
//! history of changes to them, and what the viewer may do (roles for staff, a reset code).

use linli_api_types::{
    OfferedService, PersonDetail, PersonKind, PersonPowers, PersonRef, PersonStatus,
};

use crate::features::community::{role_audit, staff_changes};
use crate::features::people::reach::Reach;
use crate::features::people::reset_codes::{self, Target};
use crate::features::people::rows::{self, AccountRow, RegisterRow};
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::{AppError, Result};

/// Account `id` of `auth`'s community within their reach; 404 otherwise (as if none).
pub async fn reachable_account(
    db: &Db,
    auth: &AuthUser,
    reach: &Reach,
    id: i64,
) -> Result<AccountRow> {
    let row: AccountRow = sqlx::query_as(&format!(
        "{} WHERE u.community_id = $1 AND u.id = $2",
        rows::ACCOUNT_SQL
    ))
    .bind(auth.community_id)
    .bind(id)
    .fetch_optional(&db.read)
    .await?
    .ok_or(AppError::NotFound)?;
    if !reach.covers(row.grid_id, row.building_id, row.unit_id) {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

pub async fn detail(db: &Db, auth: &AuthUser, person: &str) -> Result<PersonDetail> {
    let reach = Reach::of(auth).ok_or(AppError::Forbidden)?;
    let person = PersonRef::parse(person).ok_or(AppError::NotFound)?;
    let account_id = match person.kind {
        PersonKind::Account => person.id,
        PersonKind::Register => {
            let row: RegisterRow = sqlx::query_as(&format!(
                "{} WHERE rm.community_id = $1 AND rm.id = $2",
                rows::REGISTER_SQL
            ))
            .bind(auth.community_id)
            .bind(person.id)
            .fetch_optional(&db.read)
            .await?
            .filter(|row: &RegisterRow| reach.covers(row.grid_id, row.building_id, row.unit_id))
            .ok_or(AppError::NotFound)?;
            let joined: Option<i64> =
                sqlx::query_scalar("SELECT user_id FROM register_members WHERE id = $1")
                    .bind(person.id)
                    .fetch_one(&db.read)
                    .await?;
            match joined {
                // On Linli since: their account's page.
                Some(user_id) => user_id,
                None => return register_detail(db, auth, &reach, row).await,
            }
        }
    };
    account_detail(db, auth, &reach, account_id).await
}

async fn register_detail(
    db: &Db,
    auth: &AuthUser,
    reach: &Reach,
    row: RegisterRow,
) -> Result<PersonDetail> {
    let household = household(db, auth, reach, row.household_id, None, Some(row.id)).await?;
    Ok(PersonDetail {
        person: row.summary(),
        phone: row.phone.clone().unwrap_or_default(),
        household,
        on_register: true,
        services: Vec::new(),
        history: Vec::new(),
        powers: PersonPowers::default(),
        pending_staff_change: None,
    })
}

async fn account_detail(db: &Db, auth: &AuthUser, reach: &Reach, id: i64) -> Result<PersonDetail> {
    let row = reachable_account(db, auth, reach, id).await?;
    let roles = rows::roles_of(db, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let summary = row.summary(roles.clone());
    let household = match row.household_id {
        Some(household_id) => household(db, auth, reach, household_id, Some(id), None).await?,
        None => Vec::new(),
    };
    let target = Target {
        user_id: id,
        status: row.status.clone(),
        grid: row.grid_id,
        building: row.building_id,
        unit: row.unit_id,
        holds_role: !roles.is_empty(),
    };
    let manage_roles = reach.staff && id != auth.user_id && summary.status == PersonStatus::Joined;
    let services = if reach.staff && summary.status == PersonStatus::Joined {
        offered_services(db, auth, id).await?
    } else {
        Vec::new()
    };
    let pending_staff_change = if reach.staff {
        staff_changes::pending_for(db, auth, id).await?
    } else {
        None
    };
    Ok(PersonDetail {
        phone: if row.phone.len() == 11 {
            row.phone.clone()
        } else {
            String::new()
        },
        on_register: row.relation.is_some(),
        services,
        history: role_audit::history(db, id).await?,
        powers: PersonPowers {
            manage_roles,
            issue_reset_code: reset_codes::may_issue(auth, reach, &target),
        },
        pending_staff_change,
        household,
        person: summary,
    })
}

/// The others of household `household_id`: accounts (but `except_account`) and register
/// members not on Linli (but `except_register`).
async fn household(
    db: &Db,
    auth: &AuthUser,
    reach: &Reach,
    household_id: i64,
    except_account: Option<i64>,
    except_register: Option<i64>,
) -> Result<Vec<linli_api_types::PersonSummary>> {
    let accounts: Vec<AccountRow> = sqlx::query_as(&format!(
        "{} WHERE u.community_id = $1 AND u.household_id = $2 ORDER BY u.id",
        rows::ACCOUNT_SQL
    ))
    .bind(auth.community_id)
    .bind(household_id)
    .fetch_all(&db.read)
    .await?;
    let register: Vec<RegisterRow> = sqlx::query_as(&format!(
        "{} WHERE rm.community_id = $1 AND rm.household_id = $2 AND rm.user_id IS NULL ORDER BY rm.id",
        rows::REGISTER_SQL
    ))
    .bind(auth.community_id)
    .bind(household_id)
    .fetch_all(&db.read)
    .await?;
    let ids: Vec<i64> = accounts.iter().map(|a| a.id).collect();
    let mut roles = rows::roles_of(db, &ids).await?;
    Ok(accounts
        .iter()
        .filter(|a| Some(a.id) != except_account)
        .filter(|a| reach.covers(a.grid_id, a.building_id, a.unit_id))
        .map(|a| a.summary(roles.remove(&a.id).unwrap_or_default()))
        .chain(
            register
                .iter()
                .filter(|r| Some(r.id) != except_register)
                .map(RegisterRow::summary),
        )
        .collect())
}

#[derive(sqlx::FromRow)]
struct ServiceRow {
    id: i64,
    name: String,
    offered: i64,
}

/// The community's services, marked where member `id` offers them.
async fn offered_services(db: &Db, auth: &AuthUser, id: i64) -> Result<Vec<OfferedService>> {
    let rows: Vec<ServiceRow> = sqlx::query_as(
        "SELECT s.id, s.name, \
            CAST(CASE WHEN EXISTS (SELECT 1 FROM volunteer_services vs \
                  WHERE vs.service_id = s.id AND vs.user_id = $2) THEN 1 ELSE 0 END AS BIGINT) AS offered \
         FROM services s WHERE s.community_id = $1 ORDER BY s.sort_order, s.id",
    )
    .bind(auth.community_id)
    .bind(id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| OfferedService {
            id: row.id,
            name: row.name,
            offered: row.offered != 0,
        })
        .collect())
}
