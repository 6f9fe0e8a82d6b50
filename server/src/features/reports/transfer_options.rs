//! `GET /reports/{id}/transfer-options`: whom the report's handler can hand it to — every
//! current head of the community (any building), staff, and its outside handlers.

use linli_api_types::{TransferOption, TransferTarget};

use super::view;
use crate::platform::auth::AuthUser;
use crate::platform::db::Db;
use crate::platform::error::Result;
use crate::platform::lang::Lang;

#[derive(sqlx::FromRow)]
struct HeadRow {
    id: i64,
    name: String,
    role: String,
    unit_name: Option<String>,
    unit_building: Option<String>,
    building_name: Option<String>,
    grid_name: Option<String>,
}

pub async fn options(db: &Db, auth: &AuthUser, id: i64) -> Result<Vec<TransferOption>> {
    let mut conn = db.read.acquire().await?;
    let (row, relation) = view::visible(&mut conn, auth, id).await?;
    auth.require(relation.may_handle(row.level()?))?;
    let lang = Lang::current();
    let heads: Vec<HeadRow> = sqlx::query_as(
        "SELECT u.id, u.name, g.role, un.name AS unit_name, ub.name AS unit_building, \
            b.name AS building_name, gr.name AS grid_name \
         FROM role_grants g JOIN users u ON u.id = g.user_id \
         LEFT JOIN units un ON g.scope_kind = 'unit' AND un.id = g.scope_id \
         LEFT JOIN buildings ub ON ub.id = un.building_id \
         LEFT JOIN buildings b ON g.scope_kind = 'building' AND b.id = g.scope_id \
         LEFT JOIN grids gr ON g.scope_kind = 'grid' AND gr.id = g.scope_id \
         WHERE u.community_id = $1 AND u.status = 'active' \
           AND g.role IN ('grid_head', 'building_head', 'unit_head') \
         ORDER BY u.id, g.role, g.scope_id",
    )
    .bind(row.community_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut options: Vec<TransferOption> = Vec::new();
    let mut last: Option<i64> = None;
    for head in heads {
        let place = match head.role.as_str() {
            "unit_head" => format!(
                "{}{}{}",
                head.unit_building.unwrap_or_default(),
                head.unit_name.unwrap_or_default(),
                lang.pick("单元长", " unit head")
            ),
            "building_head" => format!(
                "{}{}",
                head.building_name.unwrap_or_default(),
                lang.pick("楼栋长", " building head")
            ),
            _ => format!(
                "{}{}",
                head.grid_name.unwrap_or_default(),
                lang.pick("网格长", " grid head")
            ),
        };
        // One option per person, naming all the places they hold.
        if last == Some(head.id) {
            let same = |option: &&mut TransferOption| {
                option.target == TransferTarget::Head { user_id: head.id }
            };
            if let Some(option) = options.last_mut().filter(same) {
                option.label.pop();
                option.label.push_str(&format!("、{place}）"));
            }
            continue;
        }
        last = Some(head.id);
        if row.handler_user_id == Some(head.id) {
            continue;
        }
        options.push(TransferOption {
            target: TransferTarget::Head { user_id: head.id },
            label: format!("{}（{place}）", head.name),
        });
    }
    options.push(TransferOption {
        target: TransferTarget::Staff,
        label: lang.pick("社区工作人员", "Community staff").to_owned(),
    });
    let handlers: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM report_property_handlers WHERE community_id = $1 AND retired = 0 \
         ORDER BY id",
    )
    .bind(row.community_id)
    .fetch_all(&mut *conn)
    .await?;
    options.extend(
        handlers
            .into_iter()
            .filter(|(id, _)| row.property_handler_id != Some(*id))
            .map(|(handler_id, name)| TransferOption {
                target: TransferTarget::Property { handler_id },
                label: name,
            }),
    );
    Ok(options)
}
