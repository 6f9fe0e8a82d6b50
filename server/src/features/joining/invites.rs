//! Buildings' invite links `/join/<code>` and their QR codes: heads of the building or of one of
//! its units, and staff of the community, show them; renewing replaces the code so the old
//! link stops working. The QR code is drawn here as SVG (the `qrcode` crate) so the app ships
//! no QR encoder.

use linli_api_types::{BuildingInvite, BuildingInvites, InviteTarget, JoinBuilding, Place, Role};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use rand::Rng;
use sqlx::AnyConnection;

use crate::platform::auth::{AuthUser, PlacePath};
use crate::platform::db::{now_ms, Db};
use crate::platform::error::{AppError, Result};

/// No 0/O, 1/I/L: a code read out over the phone is typed right.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LEN: usize = 10;

fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..CODE_LEN)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Whether a code could be one of ours (checked before it reaches the database).
fn plausible(code: &str) -> bool {
    code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b))
}

#[derive(sqlx::FromRow)]
struct BuildingRow {
    id: i64,
    grid_id: i64,
    name: String,
}

#[derive(sqlx::FromRow)]
struct UnitRow {
    id: i64,
    building_id: i64,
    name: String,
}

/// The buildings of `auth`'s community they may invite to: staff all, a building head theirs,
/// a unit head the building of their unit.
async fn buildings_in_scope(db: &Db, auth: &AuthUser) -> Result<Vec<BuildingRow>> {
    let buildings: Vec<BuildingRow> = sqlx::query_as(
        "SELECT b.id, b.grid_id, b.estate || ' ' || b.name AS name \
         FROM buildings b JOIN grids g ON g.id = b.grid_id \
         WHERE g.community_id = $1 ORDER BY b.id",
    )
    .bind(auth.community_id)
    .fetch_all(&db.read)
    .await?;
    let units: Vec<UnitRow> = sqlx::query_as(
        "SELECT un.id, un.building_id, un.name FROM units un \
         JOIN buildings b ON b.id = un.building_id JOIN grids g ON g.id = b.grid_id \
         WHERE g.community_id = $1",
    )
    .bind(auth.community_id)
    .fetch_all(&db.read)
    .await?;
    Ok(buildings
        .into_iter()
        .filter(|b| {
            let path = PlacePath::building(auth.community_id, b.grid_id, b.id);
            auth.covers(Role::Staff, &path)
                || auth.covers(Role::BuildingHead, &path)
                || units.iter().filter(|u| u.building_id == b.id).any(|u| {
                    let unit = PlacePath::unit(auth.community_id, b.grid_id, b.id, u.id);
                    auth.covers(Role::UnitHead, &unit)
                })
        })
        .collect())
}

/// The invite of each building `auth` may invite to; a building without a code gets one.
pub async fn list(db: &Db, auth: &AuthUser, origin: &str) -> Result<BuildingInvites> {
    auth.require(
        [Role::UnitHead, Role::BuildingHead, Role::Staff]
            .into_iter()
            .any(|role| auth.holds(role)),
    )?;
    let mut items = Vec::new();
    for building in buildings_in_scope(db, auth).await? {
        let mut conn = db.write.acquire().await?;
        let code = current_code(&mut conn, building.id, auth.user_id).await?;
        items.push(invite(building, code, origin)?);
    }
    Ok(BuildingInvites { items })
}

/// A new code for `building_id`: the old link stops working. 404 out of scope.
pub async fn renew(
    db: &Db,
    auth: &AuthUser,
    building_id: i64,
    origin: &str,
) -> Result<BuildingInvite> {
    let building = buildings_in_scope(db, auth)
        .await?
        .into_iter()
        .find(|b| b.id == building_id)
        .ok_or(AppError::NotFound)?;
    let code = new_code();
    sqlx::query(
        "INSERT INTO building_invites (building_id, code, created_by, created_at) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (building_id) DO UPDATE SET code = excluded.code, \
            created_by = excluded.created_by, created_at = excluded.created_at",
    )
    .bind(building_id)
    .bind(&code)
    .bind(auth.user_id)
    .bind(now_ms())
    .execute(&db.write)
    .await?;
    tracing::info!(building_id, "invite renewed");
    invite(building, code, origin)
}

async fn current_code(conn: &mut AnyConnection, building_id: i64, user_id: i64) -> Result<String> {
    // Two heads opening the page at once: the first code stays, the second insert does nothing.
    sqlx::query(
        "INSERT INTO building_invites (building_id, code, created_by, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (building_id) DO NOTHING",
    )
    .bind(building_id)
    .bind(new_code())
    .bind(user_id)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    let (code,): (String,) =
        sqlx::query_as("SELECT code FROM building_invites WHERE building_id = $1")
            .bind(building_id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(code)
}

fn invite(building: BuildingRow, code: String, origin: &str) -> Result<BuildingInvite> {
    let path = format!("/join/{code}");
    let url = format!("{origin}{path}");
    Ok(BuildingInvite {
        building: Place {
            id: building.id,
            name: building.name,
        },
        qr_svg: qr_svg(&url)?,
        code,
        path,
        url,
    })
}

/// The QR code of `url` as an SVG that scales to its box (the app sizes it).
fn qr_svg(url: &str) -> Result<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .map_err(AppError::internal)?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(256, 256)
        .quiet_zone(true)
        .build();
    // Drop the XML prolog: the SVG goes inside an HTML page.
    Ok(match image.find("<svg") {
        Some(start) => image[start..].to_owned(),
        None => image,
    })
}

#[derive(sqlx::FromRow)]
struct TargetRow {
    community_id: i64,
    community_name: String,
    building_id: i64,
    building_name: String,
}

/// What invite `code` names: 404 for a code that is not (or no longer) one.
pub async fn target(db: &Db, code: &str) -> Result<InviteTarget> {
    if !plausible(code) {
        return Err(AppError::NotFound);
    }
    let row: TargetRow = sqlx::query_as(
        "SELECT c.id AS community_id, c.name AS community_name, b.id AS building_id, \
            b.estate || ' ' || b.name AS building_name \
         FROM building_invites i JOIN buildings b ON b.id = i.building_id \
         JOIN grids g ON g.id = b.grid_id JOIN communities c ON c.id = g.community_id \
         WHERE i.code = $1",
    )
    .bind(code)
    .fetch_optional(&db.read)
    .await?
    .ok_or(AppError::NotFound)?;
    let units: Vec<UnitRow> = sqlx::query_as(
        "SELECT id, building_id, name FROM units WHERE building_id = $1 ORDER BY id",
    )
    .bind(row.building_id)
    .fetch_all(&db.read)
    .await?;
    Ok(InviteTarget {
        community: Place {
            id: row.community_id,
            name: row.community_name,
        },
        building: JoinBuilding {
            id: row.building_id,
            name: row.building_name,
            units: units
                .into_iter()
                .map(|u| Place {
                    id: u.id,
                    name: u.name,
                })
                .collect(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_plausible_and_differ() {
        let (a, b) = (new_code(), new_code());
        assert!(plausible(&a) && plausible(&b));
        assert_ne!(a, b);
        assert!(!plausible("0000000000"));
        assert!(!plausible("ABC"));
    }

    #[test]
    fn the_qr_code_is_an_svg_without_a_prolog() {
        let svg = qr_svg("https://linli.example/join/K7QW3M9PAB").unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.contains("viewBox"));
    }
}
