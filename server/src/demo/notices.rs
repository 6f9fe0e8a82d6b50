//! The demo's notices, as residents see them on 首页 (ids in this order on a fresh database):
//! 1 红帆驿站法律咨询 (井湘社区, pinned), 2 3栋停水 (3栋, 37/104 of 1单元 and 12/36 of 2单元 read),
//! 3 电动车 (井湘社区), 4 重阳节百家宴 (第一网格), 5 四点半课堂 (3栋 1单元), 6 医保缴费 (井湘社区,
//! read by 王秀英's household), 7 5栋电梯年检 (5栋 only), 8 3栋停电 (expired),
//! 9 通化街社区消防演练 (通化街社区 only).
//!
//! Inserted directly rather than through posting: they are history (published hours or days
//! ago, one already expired), and posting stamps the present and refuses an expiry in the past.
//! Their places are resolved as posting resolves them.

use linli_api_types::ScopeKind;
use sqlx::{Any, Transaction};

use super::people::People;
use super::places::Places;
use crate::features::community::places;
use crate::platform::error::AppError;

const HOUR_MS: i64 = 60 * 60 * 1000;
const LEGAL_ADVICE: &str = "红帆驿站本周五提供免费法律咨询";
pub const WATER: &str = "3栋二次供水设施清洗，周六8:00-14:00停水";
const INSURANCE: &str = "2026年度城乡居民医保开始缴费";

struct DemoNotice {
    author: i64,
    /// (role, scope kind, scope id) of the author's grant.
    grant: (&'static str, &'static str, i64),
    target: (ScopeKind, i64),
    title: &'static str,
    body: String,
    category: &'static str,
    /// Hours before now.
    published_hours_ago: i64,
    /// Hours from now (negative: already past).
    pinned_for_hours: Option<i64>,
    expires_in_hours: Option<i64>,
}

pub async fn seed(
    tx: &mut Transaction<'_, Any>,
    places: &Places,
    people: &People,
    now: i64,
) -> Result<(), AppError> {
    let staff = people.xu_geli;
    let building_head = people.liu_weizhong;
    let staff_grant = ("staff", "community", places.jingxiang);
    let head_grant = ("building_head", "building", places.building_3);
    let notices = [
        DemoNotice {
            author: staff,
            grant: staff_grant,
            target: (ScopeKind::Community, places.jingxiang),
            title: LEGAL_ADVICE,
            body: "各位居民：\n本周五上午9:00-12:00、下午14:00-17:00，红帆驿站邀请执业律师为大家提供免费法律咨询。\n\
                   婚姻家庭、邻里纠纷、劳动报酬、物业合同等问题都可以来问，请带好相关材料。\n\
                   地点：井湘社区党群服务中心一楼 红帆驿站。无需预约，现场排队。"
                .into(),
            category: "other",
            published_hours_ago: 2,
            pinned_for_hours: Some(4 * 24),
            expires_in_hours: Some(6 * 24),
        },
        DemoNotice {
            author: building_head,
            grant: head_grant,
            target: (ScopeKind::Building, places.building_3),
            title: WATER,
            body: "3栋的邻居们：\n本周六8:00-14:00清洗消毒二次供水水箱，期间全栋停水。\n\
                   请提前储水；恢复供水后先放水两三分钟再使用。\n\
                   家中有老人或行动不便的，需要帮忙送水请联系楼栋长刘伟忠（302）。"
                .into(),
            category: "utilities",
            published_hours_ago: 5,
            pinned_for_hours: None,
            expires_in_hours: Some(3 * 24),
        },
        DemoNotice {
            author: staff,
            grant: staff_grant,
            target: (ScopeKind::Community, places.jingxiang),
            title: "严禁电动车在楼道内停放充电",
            body: "近期全市发生多起电动车充电引发的火灾。请不要把电动车推进楼道、电梯或家中充电，\
                   也不要私拉电线“飞线充电”。\n小区北门和3栋东侧已设集中充电桩，扫码即可使用。\n\
                   网格员将逐栋巡查，楼道内的电动车请于本周日前移走。"
                .into(),
            category: "safety",
            published_hours_ago: 26,
            pinned_for_hours: None,
            expires_in_hours: None,
        },
        DemoNotice {
            author: staff,
            grant: staff_grant,
            target: (ScopeKind::Grid, places.grid_1),
            title: "重阳节睦邻百家宴开始报名",
            body: "重阳节中午，第一网格在华盛世纪新城中心花园举办睦邻百家宴。\n\
                   每户可带一道拿手菜，70岁以上老人免费参加，志愿者负责接送行动不便的老人。\n\
                   请在本周五前向单元长或网格员报名。"
                .into(),
            category: "activity",
            published_hours_ago: 2 * 24,
            pinned_for_hours: None,
            expires_in_hours: Some(10 * 24),
        },
        DemoNotice {
            author: people.shang_jianchao,
            grant: ("unit_head", "unit", places.unit_3_1),
            target: (ScopeKind::Unit, places.unit_3_1),
            title: "四点半课堂本学期开始报名",
            body: "1单元有小学生的家庭请注意：社区四点半课堂下周一开课，周一至周五16:30-18:00，\
                   大学生志愿者辅导作业。\n名额30个，报名找单元长尚建超（2601）。"
                .into(),
            category: "activity",
            published_hours_ago: 3 * 24,
            pinned_for_hours: None,
            expires_in_hours: None,
        },
        DemoNotice {
            author: staff,
            grant: staff_grant,
            target: (ScopeKind::Community, places.jingxiang),
            title: INSURANCE,
            body: "2026年度城乡居民基本医疗保险开始缴费，截止12月31日。\n\
                   可通过微信“湖南税务”小程序或到社区服务大厅缴纳。\n\
                   低保、特困、重度残疾等人员有缴费补助，请带证件到社区服务大厅办理。"
                .into(),
            category: "policy",
            published_hours_ago: 4 * 24,
            pinned_for_hours: None,
            expires_in_hours: None,
        },
        DemoNotice {
            author: staff,
            grant: staff_grant,
            target: (ScopeKind::Building, places.building_5),
            title: "5栋电梯年检，周四上午暂停使用",
            body: "周四8:30-11:30，5栋两部电梯年度检验，期间暂停使用。\n需要帮助的住户请联系网格员。".into(),
            category: "property",
            published_hours_ago: 6,
            pinned_for_hours: None,
            expires_in_hours: Some(5 * 24),
        },
        DemoNotice {
            author: building_head,
            grant: head_grant,
            target: (ScopeKind::Building, places.building_3),
            title: "3栋周二晚停电检修",
            body: "周二20:00-22:00配电房检修，3栋停电两小时。".into(),
            category: "utilities",
            published_hours_ago: 8 * 24,
            pinned_for_hours: None,
            expires_in_hours: Some(-5 * 24),
        },
        DemoNotice {
            author: people.li_guifang,
            grant: ("staff", "community", places.tonghua),
            target: (ScopeKind::Community, places.tonghua),
            title: "通化街社区本周六消防演练",
            body: "本周六上午9:00在通化小区1栋楼下进行消防疏散演练，请居民积极参加。".into(),
            category: "safety",
            published_hours_ago: 30,
            pinned_for_hours: None,
            expires_in_hours: None,
        },
    ];
    let mut ids = Vec::new();
    for notice in &notices {
        let (kind, target) = notice.target;
        let place = places::load(&mut **tx, kind, target)
            .await?
            .ok_or_else(|| AppError::internal("demo notice to no place"))?;
        let (role, scope_kind, scope_id) = notice.grant;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO notices (author_id, author_role, author_scope_kind, author_scope_id, \
                target_kind, target_id, community_id, grid_id, building_id, unit_id, \
                title, body, category, pinned_until, expires_at, published_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             RETURNING id",
        )
        .bind(notice.author)
        .bind(role)
        .bind(scope_kind)
        .bind(scope_id)
        .bind(kind.as_str())
        .bind(target)
        .bind(place.path.community_id)
        .bind(place.path.grid_id)
        .bind(place.path.building_id)
        .bind(place.path.unit_id)
        .bind(notice.title)
        .bind(notice.body.as_str())
        .bind(notice.category)
        .bind(notice.pinned_for_hours.map(|h| now + h * HOUR_MS))
        .bind(notice.expires_in_hours.map(|h| now + h * HOUR_MS))
        .bind(now - notice.published_hours_ago * HOUR_MS)
        .fetch_one(&mut **tx)
        .await?;
        ids.push((notice.title, id));
    }
    let id = |title: &str| {
        ids.iter()
            .find(|(t, _)| *t == title)
            .expect("demo notice")
            .1
    };

    // Receipts that look alive: the lower floors have read the 停水 notice (37 of 1单元's 104
    // households, 12 of 2单元's 36), a few the legal-advice one; 王秀英 has read 医保.
    let reads = [
        (id(WATER), places.unit_3_1, 37),
        (id(WATER), places.unit_3_2, 12),
        (id(LEGAL_ADVICE), places.unit_3_1, 9),
    ];
    for (notice, unit, households) in reads {
        sqlx::query(&format!(
            "INSERT INTO notice_reads (notice_id, household_id, read_at) \
             SELECT $1, h.id, $2 FROM households h WHERE h.unit_id = $3 \
             ORDER BY h.id LIMIT {households}"
        ))
        .bind(notice)
        .bind(now - HOUR_MS)
        .bind(unit)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO notice_reads (notice_id, household_id, user_id, read_at) \
         SELECT $1, u.household_id, u.id, $2 FROM users u WHERE u.id = $3",
    )
    .bind(id(INSURANCE))
    .bind(now - 2 * HOUR_MS)
    .bind(people.wang_xiuying)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
