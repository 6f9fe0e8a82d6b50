//! 礼品管理: staff of a community put rewards on the 爱心超市's shelf, change their price and
//! stock, and retire them. Every change is kept in `reward_changes`.
//!
//! Stock is never set outright: staff add or take away (`stock` − `stock_seen`) with one
//! guarded UPDATE (`stock + change >= 0`), so a redemption made while the form was open is not
//! undone, and the stock never goes below zero however the two race.

use linli_api_types::{
    AuditPerson, LastChange, ManagedReward, RewardEdit, RewardRequest,
    REWARD_DESCRIPTION_MAX_CHARS, REWARD_NAME_MAX_CHARS, REWARD_POINTS_MAX, REWARD_POINTS_MIN,
    REWARD_STOCK_MAX,
};
use sqlx::{Any, AnyConnection, Executor};

use crate::features::points::staff::Staff;
use crate::features::points::wire::time;
use crate::platform::db::Db;
use crate::platform::error::{AppError, FieldIssue, Result, Rule, Said};
use crate::platform::ids::CommunityId;
use crate::platform::text::TextField;

const NAME: TextField = TextField::line("name", REWARD_NAME_MAX_CHARS);
const DESCRIPTION: TextField =
    TextField::multiline("description", REWARD_DESCRIPTION_MAX_CHARS).optional();

#[derive(sqlx::FromRow)]
struct ManagedRow {
    id: i64,
    name: String,
    description: String,
    points: i64,
    stock: i64,
    retired_at: Option<i64>,
    vouchers_open: i64,
    action: Option<String>,
    changed_by: Option<i64>,
    changer_name: Option<String>,
    changed_at: Option<i64>,
}

impl ManagedRow {
    fn reward(self) -> ManagedReward {
        let last_change = match (self.action, self.changed_by, self.changed_at) {
            (Some(action), Some(id), Some(at)) => Some(LastChange {
                action,
                by: AuditPerson {
                    id,
                    name: self.changer_name.unwrap_or_default(),
                },
                at: time(at),
            }),
            _ => None,
        };
        ManagedReward {
            id: self.id,
            name: self.name,
            description: self.description,
            points: self.points,
            stock: self.stock,
            retired: self.retired_at.is_some(),
            vouchers_open: self.vouchers_open,
            last_change,
        }
    }
}

/// The community's rewards (`only`: just that one), retired ones last.
async fn managed<'e, E>(
    executor: E,
    community: CommunityId,
    only: i64,
) -> Result<Vec<ManagedReward>>
where
    E: Executor<'e, Database = Any>,
{
    let rows: Vec<ManagedRow> = sqlx::query_as(
        "SELECT r.id, r.name, r.description, r.points, r.stock, r.retired_at, \
            (SELECT COUNT(*) FROM vouchers v WHERE v.reward_id = r.id AND v.used_at IS NULL) \
                AS vouchers_open, \
            c.action, c.changed_by, u.name AS changer_name, c.changed_at \
         FROM rewards r \
         LEFT JOIN reward_changes c ON c.id = \
            (SELECT MAX(id) FROM reward_changes WHERE reward_id = r.id) \
         LEFT JOIN users u ON u.id = c.changed_by \
         WHERE r.community_id = $1 AND ($2 = 0 OR r.id = $2) \
         ORDER BY CASE WHEN r.retired_at IS NULL THEN 0 ELSE 1 END, r.sort, r.id",
    )
    .bind(community.get())
    .bind(only)
    .fetch_all(executor)
    .await?;
    Ok(rows.into_iter().map(ManagedRow::reward).collect())
}

async fn one(conn: &mut AnyConnection, community: CommunityId, id: i64) -> Result<ManagedReward> {
    managed(conn, community, id)
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

/// `GET /manage/rewards`.
pub async fn list(db: &Db, staff: &Staff<'_>) -> Result<Vec<ManagedReward>> {
    managed(&db.read, staff.community(), 0).await
}

/// Name, description and price under the rules.
fn check_words(
    name: &str,
    description: &str,
    points: i64,
    issues: &mut Vec<FieldIssue>,
) -> (String, String) {
    let name = NAME.check(name, issues);
    let description = DESCRIPTION.check(description, issues);
    if !(REWARD_POINTS_MIN..=REWARD_POINTS_MAX).contains(&points) {
        issues.push(FieldIssue::new(
            "points",
            Rule::OutOfRange {
                min: REWARD_POINTS_MIN,
                max: REWARD_POINTS_MAX,
            },
        ));
    }
    (name, description)
}

fn stock_out_of_range(field: &str) -> FieldIssue {
    FieldIssue::new(
        field,
        Rule::OutOfRange {
            min: 0,
            max: REWARD_STOCK_MAX,
        },
    )
}

/// A create checked: (name, description), or 422 with every field's issue.
pub fn check_new(request: &RewardRequest) -> Result<(String, String)> {
    let mut issues = Vec::new();
    let words = check_words(
        &request.name,
        &request.description,
        request.points,
        &mut issues,
    );
    if !(0..=REWARD_STOCK_MAX).contains(&request.stock) {
        issues.push(stock_out_of_range("stock"));
    }
    if issues.is_empty() {
        Ok(words)
    } else {
        Err(AppError::Validation(issues))
    }
}

/// An edit checked: (name, description), or 422 with every field's issue.
pub fn check_edit(request: &RewardEdit) -> Result<(String, String)> {
    let mut issues = Vec::new();
    let words = check_words(
        &request.name,
        &request.description,
        request.points,
        &mut issues,
    );
    if !(0..=REWARD_STOCK_MAX).contains(&request.stock) {
        issues.push(stock_out_of_range("stock"));
    }
    if !(0..=REWARD_STOCK_MAX).contains(&request.stock_seen) {
        issues.push(stock_out_of_range("stock_seen"));
    }
    if issues.is_empty() {
        Ok(words)
    } else {
        Err(AppError::Validation(issues))
    }
}

async fn record(
    tx: &mut AnyConnection,
    staff: &Staff<'_>,
    id: i64,
    action: &str,
    stock_change: i64,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO reward_changes (reward_id, community_id, action, name, points, \
            stock_change, changed_by, changed_at) \
         SELECT id, community_id, $1, name, points, $2, $3, $4 FROM rewards WHERE id = $5",
    )
    .bind(action)
    .bind(stock_change)
    .bind(staff.user().get())
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tracing::info!(reward_id = id, action, stock_change, "reward changed");
    Ok(())
}

/// Puts a new reward on the shelf, last.
pub async fn create(
    tx: &mut AnyConnection,
    staff: &Staff<'_>,
    (name, description): (String, String),
    request: &RewardRequest,
    now: i64,
) -> Result<ManagedReward> {
    let community = staff.community();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO rewards (community_id, name, description, points, stock, sort, created_at) \
         VALUES ($1, $2, $3, $4, $5, \
            (SELECT COALESCE(MAX(sort), 0) + 1 FROM rewards WHERE community_id = $1), $6) \
         RETURNING id",
    )
    .bind(community.get())
    .bind(&name)
    .bind(&description)
    .bind(request.points)
    .bind(request.stock)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    record(tx, staff, id, "created", request.stock, now).await?;
    one(tx, community, id).await
}

/// Changes reward `id` of the community (404 for any other): its words and price, and its
/// stock by what staff added or took away since they read it. Taking away more than is left
/// now is refused at `stock`, saying how many are left.
pub async fn edit(
    tx: &mut AnyConnection,
    staff: &Staff<'_>,
    id: i64,
    (name, description): (String, String),
    request: &RewardEdit,
    now: i64,
) -> Result<ManagedReward> {
    let community = staff.community();
    let change = request.stock - request.stock_seen;
    let updated = sqlx::query(
        "UPDATE rewards SET name = $1, description = $2, points = $3, stock = stock + $4 \
         WHERE id = $5 AND community_id = $6 AND stock + $4 >= 0 AND stock + $4 <= $7",
    )
    .bind(&name)
    .bind(&description)
    .bind(request.points)
    .bind(change)
    .bind(id)
    .bind(community.get())
    .bind(REWARD_STOCK_MAX)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        let stock: Option<i64> =
            sqlx::query_scalar("SELECT stock FROM rewards WHERE id = $1 AND community_id = $2")
                .bind(id)
                .bind(community.get())
                .fetch_optional(&mut *tx)
                .await?;
        let stock = stock.ok_or(AppError::NotFound)?;
        return Err(AppError::Validation(vec![FieldIssue::own(
            "stock",
            "stock_changed",
            Said::new(
                format!("库存刚刚变为{stock}件，请按现在的库存重新填写"),
                format!("The stock has just changed to {stock}; enter it again from there"),
            ),
        )]));
    }
    record(tx, staff, id, "edited", change, now).await?;
    one(tx, community, id).await
}

/// Retires reward `id` of the community (404 for any other) or puts it back on the shelf.
/// Vouchers issued stay valid. Saying it again changes nothing and records nothing.
pub async fn set_retired(
    db: &Db,
    staff: &Staff<'_>,
    id: i64,
    retired: bool,
    now: i64,
) -> Result<ManagedReward> {
    let community = staff.community();
    let mut tx = db.write.begin().await?;
    // NULL when putting it back: `retired_at IS NULL` <> `$1 IS NULL` picks the rows that change.
    let retired_at = retired.then_some(now);
    let changed = sqlx::query(
        "UPDATE rewards SET retired_at = $1 WHERE id = $2 AND community_id = $3 \
         AND (retired_at IS NULL) <> ($1 IS NULL)",
    )
    .bind(retired_at)
    .bind(id)
    .bind(community.get())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 1 {
        let action = if retired { "retired" } else { "restored" };
        record(&mut tx, staff, id, action, 0, now).await?;
    }
    let answer = one(&mut tx, community, id).await?;
    tx.commit().await?;
    Ok(answer)
}
