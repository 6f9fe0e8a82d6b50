//! The demo's household register 住户花名册: every demo account with a home is on it (as the
//! register import would have vouched for them), and so are neighbours who are not on Linli
//! yet — elders without a phone whom heads act for by 代办, and residents with a phone who can
//! register and be let in at once by the register match.

use sqlx::{Any, Transaction};

use super::people::People;
use super::places::{household, Places};
use crate::platform::error::AppError;

/// A register member without a Linli account: (unit, door, name, phone, relation, care tags).
pub struct Unjoined {
    pub building: &'static str,
    pub unit: &'static str,
    pub door: &'static str,
    pub name: &'static str,
    pub phone: Option<&'static str>,
    pub relation: &'static str,
    pub care_tags: &'static str,
}

/// Neighbours on the register who have not joined. The first two have no phone: heads act for
/// them by 代办. 孙建华 and 罗春花 can register with their phone and are let in at once.
pub const UNJOINED: &[Unjoined] = &[
    Unjoined {
        building: "3栋",
        unit: "1单元",
        door: "801",
        name: "黄桂兰",
        phone: None,
        relation: "户主",
        care_tags: "高龄,独居",
    },
    Unjoined {
        building: "3栋",
        unit: "2单元",
        door: "502",
        name: "周德顺",
        phone: None,
        relation: "户主",
        care_tags: "残疾,低保",
    },
    Unjoined {
        building: "3栋",
        unit: "1单元",
        door: "1101",
        name: "孙建华",
        phone: Some("13812340011"),
        relation: "户主",
        care_tags: "",
    },
    Unjoined {
        building: "3栋",
        unit: "1单元",
        door: "101",
        name: "罗春花",
        phone: Some("13815908301"),
        relation: "户主",
        care_tags: "",
    },
    Unjoined {
        building: "3栋",
        unit: "1单元",
        door: "1502",
        name: "李德明",
        phone: None,
        relation: "配偶",
        care_tags: "高龄",
    },
    Unjoined {
        building: "5栋",
        unit: "1单元",
        door: "302",
        name: "邓玉珍",
        phone: None,
        relation: "户主",
        care_tags: "高龄,独居",
    },
];

pub async fn seed(
    tx: &mut Transaction<'_, Any>,
    places: &Places,
    _people: &People,
    now: i64,
) -> Result<(), AppError> {
    // Every account with a home in 井湘社区, the first of each household its 户主.
    sqlx::query(
        "INSERT INTO register_members \
            (community_id, household_id, name, phone, relation, care_tags, user_id, created_at, updated_at) \
         SELECT u.community_id, u.household_id, u.name, u.phone, \
            CASE WHEN u.id = (SELECT MIN(o.id) FROM users o WHERE o.household_id = u.household_id) \
                 THEN '户主' ELSE '家庭成员' END, \
            '', u.id, $1, $1 \
         FROM users u WHERE u.household_id IS NOT NULL AND u.community_id = $2",
    )
    .bind(now)
    .bind(places.jingxiang)
    .execute(&mut **tx)
    .await?;
    for member in UNJOINED {
        let unit = places
            .units
            .iter()
            .find(|u| (u.estate, u.building, u.name) == ("华盛世纪新城", member.building, member.unit))
            .expect("seeded unit");
        let household_id = household(tx, unit.id, member.door).await?;
        sqlx::query(
            "INSERT INTO register_members \
                (community_id, household_id, name, phone, relation, care_tags, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(places.jingxiang)
        .bind(household_id)
        .bind(member.name)
        .bind(member.phone)
        .bind(member.relation)
        .bind(member.care_tags)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
