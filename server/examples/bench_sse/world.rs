//! The benchmark's database: the demo community plus `n` residents in one building (3栋 of
//! 华盛世纪新城, one household each in its first unit), each with a session made straight in
//! the database — hashing thousands of passwords through sign-in would take minutes and
//! measure argon2, not the streams.

use linli_server::demo::seed_demo;
use linli_server::features::account::session_token;
use linli_server::platform::db::{now_ms, Db};

pub struct Resident {
    pub user_id: i64,
    pub token: String,
}

pub struct World {
    pub community_id: i64,
    pub residents: Vec<Resident>,
}

type Setup<T> = Result<T, String>;

fn fail(what: &str) -> impl Fn(sqlx::Error) -> String + '_ {
    move |error| format!("{what}: {error}")
}

pub async fn build(db: &Db, n: usize) -> Setup<World> {
    db.migrate().await.map_err(|e| format!("migrate: {e}"))?;
    seed_demo(db)
        .await
        .map_err(|e| format!("seed the demo: {e}"))?;
    let (community_id, unit_id): (i64, i64) = sqlx::query_as(
        "SELECT g.community_id, u.id FROM buildings b JOIN grids g ON g.id = b.grid_id \
         JOIN units u ON u.building_id = b.id \
         WHERE b.estate = '华盛世纪新城' AND b.name = '3栋' ORDER BY u.id LIMIT 1",
    )
    .fetch_one(&db.read)
    .await
    .map_err(fail("find 3栋"))?;
    let now = now_ms();
    let mut tx = db.write.begin().await.map_err(fail("begin"))?;
    let mut residents = Vec::with_capacity(n);
    for i in 0..n {
        let household: i64 = sqlx::query_scalar(
            "INSERT INTO households (unit_id, door) VALUES ($1, $2) RETURNING id",
        )
        .bind(unit_id)
        .bind(format!("B{i:05}"))
        .fetch_one(&mut *tx)
        .await
        .map_err(fail("insert a household"))?;
        let user_id: i64 = sqlx::query_scalar(
            "INSERT INTO users (phone, name, password_hash, community_id, household_id, \
                 created_at) VALUES ($1, $2, 'x', $3, $4, $5) RETURNING id",
        )
        .bind(format!("179{i:08}"))
        .bind(format!("居民{i}"))
        .bind(community_id)
        .bind(household)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(fail("insert a resident"))?;
        let token = session_token::generate();
        sqlx::query(
            "INSERT INTO sessions (user_id, token_hash, created_at, expires_at, created_ip) \
             VALUES ($1, $2, $3, $4, '127.0.0.1')",
        )
        .bind(user_id)
        .bind(session_token::hash(&token))
        .bind(now)
        .bind(now + 24 * 60 * 60 * 1000)
        .execute(&mut *tx)
        .await
        .map_err(fail("insert a session"))?;
        residents.push(Resident { user_id, token });
    }
    tx.commit().await.map_err(fail("commit"))?;
    Ok(World {
        community_id,
        residents,
    })
}
