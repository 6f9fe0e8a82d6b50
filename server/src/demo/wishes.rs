//! The demo's 微心愿 in 井湘社区, one in each of the states a visitor should meet: 王秀英's
//! 帮忙换灯泡 on the wish board (published by 刘伟忠), 陈丽华's 想要一本新华字典 waiting for
//! review, and 王秀英's 陪老人去医院复查 claimed by 张建国. Inserted directly, dated in the
//! past; nothing is credited (no wish is thanked yet).

use sqlx::AnyConnection;

use super::people::People;
use crate::platform::error::Result;

const HOUR_MS: i64 = 60 * 60 * 1000;

pub async fn seed(tx: &mut AnyConnection, people: &People, now: i64) -> Result<()> {
    // (resident, title, text, status, hours ago, reviewer, claimer)
    let wishes: [(i64, &str, &str, &str, i64, Option<i64>, Option<i64>); 3] = [
        (
            people.wang_xiuying,
            "帮忙换灯泡",
            "厨房的灯泡坏了，我腿脚不便，够不着，想请人帮忙换一下（灯泡已买好）。",
            "open",
            26,
            Some(people.liu_weizhong),
            None,
        ),
        (
            people.chen_lihua,
            "想要一本新华字典",
            "孙子上二年级，想要一本新华字典查字用，旧的也可以。",
            "pending",
            3,
            None,
            None,
        ),
        (
            people.wang_xiuying,
            "陪老人去医院复查",
            "下周三上午要去市中心医院复查眼睛，子女在外地，想请人陪同。",
            "claimed",
            50,
            Some(people.liu_weizhong),
            Some(people.zhang_jianguo),
        ),
    ];
    for (resident, title, text, status, hours_ago, reviewer, claimer) in wishes {
        let created = now - hours_ago * HOUR_MS;
        let reviewed = reviewer.map(|_| created + HOUR_MS);
        let claimed = claimer.map(|_| created + 3 * HOUR_MS);
        sqlx::query(
            "INSERT INTO wishes (community_id, resident_id, household_id, unit_id, title, text, \
                status, points, created_at, updated_at, version, reviewed_by, reviewed_at, \
                claimer_id, claimed_at) \
             SELECT u.community_id, u.id, u.household_id, h.unit_id, $2, $3, $4, $5, $6, $7, \
                $8, $9, $10, $11, $12 \
             FROM users u JOIN households h ON h.id = u.household_id WHERE u.id = $1",
        )
        .bind(resident)
        .bind(title)
        .bind(text)
        .bind(status)
        .bind(linli_api_types::WISH_POINTS_DEFAULT)
        .bind(created)
        .bind(claimed.or(reviewed).unwrap_or(created))
        .bind(i64::from(reviewer.is_some()) + i64::from(claimer.is_some()))
        .bind(reviewer)
        .bind(reviewed)
        .bind(claimer)
        .bind(claimed)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
