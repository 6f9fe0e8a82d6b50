//! What the signed-in user is to one report, and so what they may see and do. Whatever they
//! may not see answers exactly as a report that does not exist (404).

use linli_api_types::{HandlerLevel, ReportActions, ReportStatus, Role};
use sqlx::Executor;

use super::events::ActorRole;
use super::row::ReportRow;
use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::error::{AppError, Result};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Relation {
    /// Their household made it (or they did, without a household).
    pub reporter: bool,
    /// Staff of the report's community.
    pub staff: bool,
    /// 网格长 of the report's grid.
    pub grid_head: bool,
    /// The head holding it now.
    pub current_handler: bool,
    /// Held it once (the report moved on).
    pub past_holder: bool,
    /// Lives in the report's building (or it is about the whole community): sees it only
    /// through similar / nearby, and may press 我也遇到了.
    pub neighbour: bool,
}

impl Relation {
    pub async fn of<'e>(
        executor: impl Executor<'e, Database = sqlx::Any>,
        auth: &AuthUser,
        row: &ReportRow,
    ) -> Result<Self> {
        if row.community_id != auth.community_id {
            return Ok(Self::default());
        }
        let past_holder: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM report_holders WHERE report_id = $1 AND user_id = $2",
        )
        .bind(row.id)
        .bind(auth.user_id)
        .fetch_optional(executor)
        .await?;
        Ok(Self::without_history(auth, row, past_holder.is_some()))
    }

    fn without_history(auth: &AuthUser, row: &ReportRow, past_holder: bool) -> Self {
        let community = PlacePath::community(row.community_id);
        let grid = PlacePath {
            grid_id: row.grid_id,
            ..community
        };
        let home = auth.home;
        Self {
            reporter: row.reporter_id == auth.user_id
                || (auth.household_id.is_some() && auth.household_id == row.household_id),
            staff: auth.covers(Role::Staff, &community),
            grid_head: row.grid_id.is_some() && auth.covers(Role::GridHead, &grid),
            current_handler: row.handler_user_id == Some(auth.user_id),
            past_holder,
            neighbour: row.location_kind == "community"
                || (row.building_id.is_some()
                    && home.and_then(|h| h.building_id) == row.building_id),
        }
    }

    /// May open the report (`GET /reports/{id}`), its photos and timeline.
    pub fn may_see(&self) -> bool {
        self.reporter || self.staff || self.grid_head || self.current_handler || self.past_holder
    }

    /// 404 unless they may see it.
    pub fn require_see(&self) -> Result<()> {
        if self.may_see() {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Sees the reporter's name and contact: everyone who handles or oversees it.
    pub fn sees_reporter(&self) -> bool {
        self.reporter || self.staff || self.grid_head || self.current_handler || self.past_holder
    }

    /// May acknowledge, reply, transfer and resolve at the report's current `level`.
    pub fn may_handle(&self, level: HandlerLevel) -> bool {
        let head_level = matches!(
            level,
            HandlerLevel::Unit | HandlerLevel::Building | HandlerLevel::Grid
        );
        self.staff || self.grid_head || (self.current_handler && head_level)
    }

    /// The role a handling step is recorded under.
    pub fn acting_role(&self, level: HandlerLevel) -> ActorRole {
        if self.current_handler {
            match level {
                HandlerLevel::Unit => return ActorRole::UnitHead,
                HandlerLevel::Building => return ActorRole::BuildingHead,
                HandlerLevel::Grid => return ActorRole::GridHead,
                _ => {}
            }
        }
        if self.staff {
            ActorRole::Staff
        } else {
            ActorRole::GridHead
        }
    }

    /// What the viewer may do now (the server checks each again).
    pub fn actions(&self, row: &ReportRow, auth: &AuthUser) -> Result<ReportActions> {
        let status = row.status()?;
        let handle = status.is_pending() && self.may_handle(row.level()?);
        let proxy = auth.proxy_by.is_some();
        Ok(ReportActions {
            acknowledge: handle && status == ReportStatus::Open && !proxy,
            reply: handle && !proxy,
            transfer: handle && !proxy,
            resolve: handle && !proxy,
            follow_up: self.reporter && status == ReportStatus::Resolved,
            rate: self.reporter
                && row.satisfaction.is_none()
                && matches!(
                    status,
                    ReportStatus::Resolved | ReportStatus::Confirmed | ReportStatus::Closed
                ),
            support: self.may_support(row, auth)?,
        })
    }

    /// 我也遇到了: another household of the place, while the report is pending.
    pub fn may_support(&self, row: &ReportRow, auth: &AuthUser) -> Result<bool> {
        Ok(!self.reporter
            && auth.household_id.is_some()
            && (self.neighbour || self.may_see())
            && row.status()?.is_pending())
    }
}
