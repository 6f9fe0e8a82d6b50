//! Who sees and who manages a notice, for the signed-in member (`AuthUser`, whose session
//! carries their home): as SQL over `notices n` for lists, and as a check of one loaded notice.
//!
//! A member's audience is at most four places (the community, grid, building and unit of their
//! household); staff also see everything their grants cover, and authors their own notices.
//! Each notice stores its target and the target's place path, so both are column matches.

use linli_api_types::{Role, ScopeKind};

use crate::features::notices::row::NoticeRow;
use crate::platform::auth::{AuthUser, Grant, PlacePath};
use crate::platform::sql_params::Params;

fn path_column(kind: ScopeKind) -> &'static str {
    match kind {
        ScopeKind::Community => "n.community_id",
        ScopeKind::Grid => "n.grid_id",
        ScopeKind::Building => "n.building_id",
        ScopeKind::Unit => "n.unit_id",
    }
}

/// SQL over `notices n`: the notice is addressed to the member's home, covered by one of
/// their staff grants, or theirs. Withdrawal and expiry are not considered here.
pub fn in_scope_sql(auth: &AuthUser, params: &mut Params) -> String {
    let mut any = Vec::new();
    let audience: Vec<(ScopeKind, i64)> = match &auth.home {
        Some(home) => ScopeKind::ALL
            .into_iter()
            .filter_map(|kind| home.at(kind).map(|id| (kind, id)))
            .collect(),
        None => vec![(ScopeKind::Community, auth.community_id)],
    };
    for (kind, id) in audience {
        any.push(format!(
            "(n.target_kind = '{}' AND n.target_id = {})",
            kind.as_str(),
            params.push(id)
        ));
    }
    let staff = auth.grants.iter().filter(|grant| grant.role == Role::Staff);
    for grant in staff {
        any.push(format!(
            "({} = {} AND n.community_id = {})",
            path_column(grant.scope_kind),
            params.push(grant.scope_id),
            params.push(auth.community_id)
        ));
    }
    any.push(format!("n.author_id = {}", params.push(auth.user_id)));
    format!("({})", any.join(" OR "))
}

/// SQL over `notice_reads r`: the read is the member's household's (or theirs, without one).
pub fn reader_sql(auth: &AuthUser, params: &mut Params) -> String {
    match auth.household_id {
        Some(household) => format!("r.household_id = {}", params.push(household)),
        None => format!(
            "r.household_id IS NULL AND r.user_id = {}",
            params.push(auth.user_id)
        ),
    }
}

/// [`in_scope_sql`] for one notice already loaded.
pub fn in_scope(auth: &AuthUser, row: &NoticeRow) -> bool {
    let addressed = match &auth.home {
        Some(home) => home.is_within(row.target_kind(), row.target_id),
        None => row.target_kind() == ScopeKind::Community && row.target_id == auth.community_id,
    };
    addressed || row.author_id == auth.user_id || auth.covers(Role::Staff, &row.path())
}

/// Staff covering the target, or the author while a role of theirs still covers it (as
/// posting needs): may edit, withdraw and see receipts. A head removed from the building
/// loses their notices' management at once; authorship alone is no right.
pub fn can_manage(auth: &AuthUser, row: &NoticeRow) -> bool {
    let path = row.path();
    auth.covers(Role::Staff, &path)
        || (row.author_id == auth.user_id && grant_for(auth, &path).is_some())
}

/// The grant the member would post to `place` under: the narrowest one covering it.
pub fn grant_for(auth: &AuthUser, place: &PlacePath) -> Option<Grant> {
    auth.grants
        .iter()
        .filter(|grant| place.community_id == auth.community_id && grant.covers(place))
        .max_by_key(|grant| grant.scope_kind)
        .copied()
}
