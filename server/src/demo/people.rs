//! The demo's people and their roles: the printed accounts at their homes, the neighbours spread
//! over 井湘社区's units, and the grants of the heads and staff. Inserted directly: accounts and
//! grants come from registration and the household-register import, which no request replays.

use sqlx::{Any, Transaction};

use super::accounts::{
    DemoAccount, CHEN_LIHUA, HE_LIPING, ZHOU_JIANPING, LIU_WEIZHONG, LI_GUIFANG, NEIGHBOURS, SHANG_JIANCHAO,
    WANG_XIUYING, XU_GELI, ZHANG_JIANGUO, ZHAO_ZHIMING,
};
use super::places::{household, Places};
use crate::platform::error::AppError;

/// The demo's people by name (user ids).
pub struct People {
    /// Resident of 3栋 1单元 1502.
    pub wang_xiuying: i64,
    /// Volunteer of 3栋 2单元 801, with about 120 hours.
    pub zhang_jianguo: i64,
    /// Building head of 3栋 and volunteer, 3栋 1单元 302.
    pub liu_weizhong: i64,
    /// Staff of 井湘社区.
    pub xu_geli: i64,
    /// Unit head of 3栋 1单元, 2601.
    pub shang_jianchao: i64,
    /// Resident of 5栋 1单元 601.
    pub chen_lihua: i64,
    /// Staff of 通化街社区.
    pub li_guifang: i64,
    /// Resident of 通化街社区.
    pub zhao_zhiming: i64,
    /// 网格长 of 第一网格 (no home in the demo).
    pub zhou_jianping: i64,
    /// 井湘社区's other residents (name, id), in the order of `NEIGHBOURS`.
    pub neighbours: Vec<(&'static str, i64)>,
}

impl People {
    /// A neighbour's user id, by name.
    pub fn neighbour(&self, name: &str) -> i64 {
        self.neighbours
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("no demo neighbour {name}"))
            .1
    }

    /// The neighbours named, in that order.
    pub fn neighbours_named(&self, names: &[&str]) -> Vec<i64> {
        names.iter().map(|name| self.neighbour(name)).collect()
    }
}

/// A person to insert: where they live (unit, door), if anywhere, and whether they volunteer.
struct Newcomer<'a> {
    phone: &'a str,
    name: &'a str,
    community: i64,
    home: Option<(i64, String)>,
    volunteer: bool,
}

pub async fn seed(
    tx: &mut Transaction<'_, Any>,
    places: &Places,
    password_hash: &str,
    now: i64,
) -> Result<People, AppError> {
    let jingxiang = places.jingxiang;
    let account =
        |account: DemoAccount, community, home: Option<(i64, &str)>, volunteer| Newcomer {
            phone: account.phone,
            name: account.name,
            community,
            home: home.map(|(unit, door)| (unit, door.to_owned())),
            volunteer,
        };
    let wang_xiuying = insert_user(
        tx,
        password_hash,
        now,
        account(
            WANG_XIUYING,
            jingxiang,
            Some((places.unit_3_1, "1502")),
            false,
        ),
    )
    .await?;
    let zhang_jianguo = insert_user(
        tx,
        password_hash,
        now,
        account(
            ZHANG_JIANGUO,
            jingxiang,
            Some((places.unit_3_2, "801")),
            true,
        ),
    )
    .await?;
    let liu_weizhong = insert_user(
        tx,
        password_hash,
        now,
        account(
            LIU_WEIZHONG,
            jingxiang,
            Some((places.unit_3_1, "302")),
            true,
        ),
    )
    .await?;
    let xu_geli = insert_user(
        tx,
        password_hash,
        now,
        account(XU_GELI, jingxiang, None, false),
    )
    .await?;
    let shang_jianchao = insert_user(
        tx,
        password_hash,
        now,
        account(
            SHANG_JIANCHAO,
            jingxiang,
            Some((places.unit_3_1, "2601")),
            false,
        ),
    )
    .await?;
    let chen_lihua = insert_user(
        tx,
        password_hash,
        now,
        account(CHEN_LIHUA, jingxiang, Some((places.unit_5_1, "601")), false),
    )
    .await?;
    let li_guifang = insert_user(
        tx,
        password_hash,
        now,
        account(LI_GUIFANG, places.tonghua, None, false),
    )
    .await?;
    let zhao_zhiming = insert_user(
        tx,
        password_hash,
        now,
        account(
            ZHAO_ZHIMING,
            places.tonghua,
            Some((places.tonghua_unit, "301")),
            false,
        ),
    )
    .await?;
    let he_liping = insert_user(
        tx,
        password_hash,
        now,
        account(HE_LIPING, jingxiang, None, false),
    )
    .await?;
    let zhou_jianping = insert_user(
        tx,
        password_hash,
        now,
        account(ZHOU_JIANPING, jingxiang, None, false),
    )
    .await?;
    let mut neighbours = Vec::new();
    for (i, neighbour) in NEIGHBOURS.iter().enumerate() {
        // Spread over the units, floors and doors; every third one volunteers.
        let unit = &places.units[(i * 7) % places.units.len()];
        let floor = (i as u32 * 5) % unit.floors + 1;
        let door = (floor * 100 + (i as u32) % unit.doors_per_floor + 1).to_string();
        let id = insert_user(
            tx,
            password_hash,
            now,
            Newcomer {
                phone: neighbour.phone,
                name: neighbour.name,
                community: jingxiang,
                home: Some((unit.id, door)),
                volunteer: i % 3 == 0,
            },
        )
        .await?;
        neighbours.push((neighbour.name, id));
    }

    let grants = [
        (liu_weizhong, "building_head", "building", places.building_3),
        (xu_geli, "staff", "community", jingxiang),
        (shang_jianchao, "unit_head", "unit", places.unit_3_1),
        (li_guifang, "staff", "community", places.tonghua),
        (he_liping, "staff", "community", jingxiang),
        (zhou_jianping, "grid_head", "grid", places.grid_1),
    ];
    for (user, role, kind, scope) in grants {
        sqlx::query(
            "INSERT INTO role_grants (user_id, role, scope_kind, scope_id) VALUES ($1, $2, $3, $4)",
        )
        .bind(user)
        .bind(role)
        .bind(kind)
        .bind(scope)
        .execute(&mut **tx)
        .await?;
    }
    Ok(People {
        wang_xiuying,
        zhang_jianguo,
        liu_weizhong,
        xu_geli,
        shang_jianchao,
        chen_lihua,
        li_guifang,
        zhao_zhiming,
        zhou_jianping,
        neighbours,
    })
}

async fn insert_user(
    tx: &mut Transaction<'_, Any>,
    password_hash: &str,
    now: i64,
    newcomer: Newcomer<'_>,
) -> Result<i64, AppError> {
    let household_id = match &newcomer.home {
        Some((unit, door)) => Some(household(tx, *unit, door).await?),
        None => None,
    };
    Ok(sqlx::query_scalar(
        "INSERT INTO users (phone, name, password_hash, community_id, household_id, \
            is_volunteer, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(newcomer.phone)
    .bind(newcomer.name)
    .bind(password_hash)
    .bind(newcomer.community)
    .bind(household_id)
    .bind(i64::from(newcomer.volunteer))
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}
