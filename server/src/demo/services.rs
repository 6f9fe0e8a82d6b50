//! The demo's service menus (井湘社区's nine services with their providers and opening times,
//! 通化街社区's one) and which volunteers offer what. Inserted directly: staff will run the menu
//! from the app and no request creates it yet.

use sqlx::AnyConnection;

use super::accounts::{HUANG_JIANHUA, LI_SHUZHEN, ZHU_LIJUAN};
use super::people::People;
use super::places::Places;
use crate::platform::error::Result;

struct DemoService {
    name: &'static str,
    category: &'static str,
    provider: &'static str,
    description: &'static str,
    points_price: i64,
    volunteer_points: i64,
    /// (weekdays, start "HH:MM", end "HH:MM")
    opening: &'static [(&'static [u8], &'static str, &'static str)],
}

const WEEKDAYS: &[u8] = &[1, 2, 3, 4, 5];
const MON_SAT: &[u8] = &[1, 2, 3, 4, 5, 6];
const EVERY_DAY: &[u8] = &[1, 2, 3, 4, 5, 6, 7];

const JINGXIANG_SERVICES: [DemoService; 9] = [
    DemoService {
        name: "法律咨询",
        category: "legal",
        provider: "红帆驿站",
        description: "律师志愿者坐班，免费解答婚姻家庭、劳动用工、房屋租赁、邻里纠纷等法律问题。\n请带好相关材料。",
        points_price: 0,
        volunteer_points: 10,
        opening: &[(&[5], "09:00", "12:00"), (&[5], "14:00", "17:00")],
    },
    DemoService {
        name: "心理疏导",
        category: "counselling",
        provider: "心理咨询室",
        description: "心理咨询师一对一倾听与疏导，关注老人、青少年和家庭关系，严格保密。",
        points_price: 0,
        volunteer_points: 10,
        opening: &[(&[3], "14:00", "17:30")],
    },
    DemoService {
        name: "家电维修",
        category: "repair",
        provider: "社区党群服务中心",
        description: "电视、洗衣机、电饭煲、热水器等小家电上门检查维修，材料费另计。",
        points_price: 30,
        volunteer_points: 30,
        opening: &[(MON_SAT, "09:00", "12:00"), (MON_SAT, "14:00", "18:00")],
    },
    DemoService {
        name: "水电维修",
        category: "repair",
        provider: "社区党群服务中心",
        description: "水龙头漏水、马桶堵塞、开关插座、灯具更换等上门维修。",
        points_price: 30,
        volunteer_points: 30,
        opening: &[(MON_SAT, "09:00", "12:00"), (MON_SAT, "14:00", "18:00")],
    },
    DemoService {
        name: "助老陪诊",
        category: "elder_care",
        provider: "社区党群服务中心",
        description: "志愿者陪同独居、高龄老人到医院挂号、候诊、取药。",
        points_price: 20,
        volunteer_points: 20,
        opening: &[(WEEKDAYS, "08:00", "12:00")],
    },
    DemoService {
        name: "助餐送餐",
        category: "elder_care",
        provider: "长者食堂",
        description: "长者食堂午餐送餐上门，适合行动不便的老人。",
        points_price: 20,
        volunteer_points: 20,
        opening: &[(EVERY_DAY, "11:00", "13:00")],
    },
    DemoService {
        name: "爱心理发",
        category: "daily_life",
        provider: "爱心理发志愿队",
        description: "为老人免费理发，行动不便的可上门服务。",
        points_price: 10,
        volunteer_points: 10,
        opening: &[(&[6], "09:00", "12:00")],
    },
    DemoService {
        name: "四点半课堂",
        category: "after_school",
        provider: "后盾单位 雨花区教育局",
        description: "放学后作业辅导、阅读和手工，由后盾单位和大学生志愿者轮流值班。",
        points_price: 0,
        volunteer_points: 10,
        opening: &[(WEEKDAYS, "16:30", "18:00")],
    },
    DemoService {
        name: "上门代办",
        category: "other",
        provider: "社区党群服务中心",
        description: "为行动不便的居民代办社保、医保、证明材料等事项，时间另约。",
        points_price: 0,
        volunteer_points: 10,
        opening: &[],
    },
];

const TONGHUA_SERVICES: [DemoService; 1] = [DemoService {
    name: "水电维修",
    category: "repair",
    provider: "通化街社区服务站",
    description: "水电上门维修。",
    points_price: 30,
    volunteer_points: 30,
    opening: &[(MON_SAT, "09:00", "17:00")],
}];

fn minutes(hhmm: &str) -> i64 {
    let (h, m) = hhmm.split_once(':').expect("HH:MM");
    h.parse::<i64>().expect("hours") * 60 + m.parse::<i64>().expect("minutes")
}

/// 井湘社区's services by name.
pub struct Services {
    pub legal: i64,
    pub counselling: i64,
    pub appliances: i64,
    pub plumbing: i64,
    pub escort: i64,
    pub meals: i64,
    pub haircut: i64,
    pub after_school: i64,
    pub errands: i64,
}

pub async fn seed(tx: &mut AnyConnection, places: &Places, people: &People) -> Result<Services> {
    let ids = insert_services(tx, places.jingxiang, &JINGXIANG_SERVICES).await?;
    insert_services(tx, places.tonghua, &TONGHUA_SERVICES).await?;
    let id = |name: &str| {
        let at = JINGXIANG_SERVICES.iter().position(|s| s.name == name);
        ids[at.expect("demo service")]
    };
    let services = Services {
        legal: id("法律咨询"),
        counselling: id("心理疏导"),
        appliances: id("家电维修"),
        plumbing: id("水电维修"),
        escort: id("助老陪诊"),
        meals: id("助餐送餐"),
        haircut: id("爱心理发"),
        after_school: id("四点半课堂"),
        errands: id("上门代办"),
    };
    let s = &services;
    // 张建国 offers 维修 and 助老; 刘伟忠 水电 and 四点半课堂; neighbours who volunteer the rest.
    let offers = [
        (
            people.zhang_jianguo,
            vec![s.appliances, s.plumbing, s.escort, s.meals, s.errands],
        ),
        (people.liu_weizhong, vec![s.plumbing, s.after_school]),
        (people.neighbour(LI_SHUZHEN.name), vec![s.legal]),
        (
            people.neighbour(HUANG_JIANHUA.name),
            vec![s.counselling, s.after_school],
        ),
        (people.neighbour(ZHU_LIJUAN.name), vec![s.haircut, s.meals]),
    ];
    for (volunteer, services) in offers {
        offer(tx, volunteer, &services).await?;
    }
    Ok(services)
}

async fn insert_services(
    tx: &mut AnyConnection,
    community_id: i64,
    services: &[DemoService],
) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    for (order, service) in services.iter().enumerate() {
        sqlx::query(
            "INSERT INTO service_providers (community_id, name) VALUES ($1, $2) \
             ON CONFLICT (community_id, name) DO NOTHING",
        )
        .bind(community_id)
        .bind(service.provider)
        .execute(&mut *tx)
        .await?;
        let provider: i64 = sqlx::query_scalar(
            "SELECT id FROM service_providers WHERE community_id = $1 AND name = $2",
        )
        .bind(community_id)
        .bind(service.provider)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO services (community_id, provider_id, name, category, description, \
                points_price, volunteer_points, sort_order) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(community_id)
        .bind(provider)
        .bind(service.name)
        .bind(service.category)
        .bind(service.description)
        .bind(service.points_price)
        .bind(service.volunteer_points)
        .bind(order as i64)
        .fetch_one(&mut *tx)
        .await?;
        for (weekdays, start, end) in service.opening {
            for weekday in *weekdays {
                sqlx::query(
                    "INSERT INTO service_opening (service_id, weekday, start_minute, end_minute) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(i64::from(*weekday))
                .bind(minutes(start))
                .bind(minutes(end))
                .execute(&mut *tx)
                .await?;
            }
        }
        ids.push(id);
    }
    Ok(ids)
}

async fn offer(tx: &mut AnyConnection, user_id: i64, service_ids: &[i64]) -> Result<()> {
    for service_id in service_ids {
        sqlx::query("INSERT INTO volunteer_services (user_id, service_id) VALUES ($1, $2)")
            .bind(user_id)
            .bind(service_id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}
