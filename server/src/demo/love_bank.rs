//! The demo's love bank, so the 积分 tab is alive: every member's opening grant (爱心基础积分),
//! the points of completed tasks, 爱心超市's rewards with vouchers redeemed (some used), and a
//! staff correction — replayed in time order through the ledger (`ledger::transfer_at`), the
//! redemption use case (`rewards::redeem`) and the corrections record, each dated in the past.
//! The rewards are inserted directly: staff will stock them from the app (no use case yet).

use linli_api_types::{LedgerKind, LedgerLinkKind};
use sqlx::{Any, Transaction};

use super::people::People;
use super::places::Places;
use super::tasks::TaskCredit;
use crate::features::points::rewards;
use crate::platform::ids::{CommunityId, UserId};
use crate::features::points::corrections;
use crate::features::points::ledger::{self, Account, Memo, Transfer};
use crate::platform::error::AppError;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Every member's 爱心基础积分.
const OPENING_POINTS: i64 = 200;

/// One thing that happened in the love bank, replayed in time order.
enum Event {
    Opening {
        user: i64,
    },
    TaskReward(TaskCredit),
    Redeem {
        user: i64,
        reward: i64,
        used: bool,
    },
    Correction {
        user: i64,
        amount: i64,
        note: &'static str,
        actor: i64,
    },
}

/// (community, name, description, points, stock) of 爱心超市's shelves.
type Reward = (i64, &'static str, &'static str, i64, i64);

pub async fn seed(
    tx: &mut Transaction<'_, Any>,
    places: &Places,
    people: &People,
    task_credits: Vec<TaskCredit>,
    now: i64,
) -> Result<(), AppError> {
    let jingxiang = places.jingxiang;
    let mut events: Vec<(i64, Event)> = Vec::new();
    // Everyone of 井湘社区 with a home or a desk, except the unit head (who joined later).
    let mut members = vec![
        people.wang_xiuying,
        people.zhang_jianguo,
        people.liu_weizhong,
        people.xu_geli,
        people.chen_lihua,
    ];
    members.extend(people.neighbours.iter().map(|(_, id)| *id));
    for user in members {
        events.push((now - 400 * DAY_MS, Event::Opening { user }));
    }
    events.extend(
        task_credits
            .into_iter()
            .map(|c| (c.at, Event::TaskReward(c))),
    );

    let rewards: [Reward; 9] = [
        (jingxiang, "大米 5kg", "东北大米，红帆驿站领取", 300, 20),
        (jingxiang, "食用油 5L", "非转基因菜籽油", 200, 15),
        (jingxiang, "洗衣液", "2kg 装", 120, 30),
        (
            jingxiang,
            "家电维修",
            "志愿者上门维修小家电一次（不含配件）",
            150,
            10,
        ),
        (
            jingxiang,
            "理发服务",
            "红帆驿站 每周三上午 义剪一次",
            80,
            50,
        ),
        (jingxiang, "牙膏", "120g 装", 60, 40),
        (jingxiang, "毛巾", "纯棉毛巾一条", 40, 0),
        (places.tonghua, "大米 5kg", "", 300, 10),
        (places.tonghua, "牙膏", "", 60, 20),
    ];
    let mut shelf = Vec::new();
    for (sort, reward) in rewards.iter().enumerate() {
        let id = insert_reward(tx, reward, sort, now - 400 * DAY_MS).await?;
        shelf.push(((reward.0, reward.1), id));
    }
    let reward = |name: &str| {
        shelf
            .iter()
            .find(|(key, _)| *key == (jingxiang, name))
            .expect("demo reward")
            .1
    };
    let redeem = |user, name: &str, used| Event::Redeem {
        user,
        reward: reward(name),
        used,
    };
    events.push((
        now - 20 * DAY_MS,
        redeem(people.zhang_jianguo, "大米 5kg", true),
    ));
    events.push((
        now - 2 * DAY_MS,
        redeem(people.zhang_jianguo, "牙膏", false),
    ));
    events.push((
        now - 40 * DAY_MS,
        redeem(people.wang_xiuying, "理发服务", true),
    ));
    events.push((
        now - 5 * DAY_MS,
        Event::Correction {
            user: people.wang_xiuying,
            amount: 10,
            note: "补录 重阳节百家宴 帮厨积分",
            actor: people.xu_geli,
        },
    ));

    // Stable: events of one moment keep the order they were added in.
    events.sort_by_key(|(at, _)| *at);
    for (at, event) in events {
        replay(tx, jingxiang, people.xu_geli, event, at).await?;
    }
    Ok(())
}

async fn replay(
    tx: &mut Transaction<'_, Any>,
    community_id: i64,
    staff: i64,
    event: Event,
    at: i64,
) -> Result<(), AppError> {
    let transfer = |from, to, amount, memo, actor_id| Transfer {
        community_id,
        from,
        to,
        amount,
        memo,
        actor_id,
    };
    let fund = Account::Fund(community_id);
    match event {
        Event::Opening { user } => {
            let memo = Memo::new(LedgerKind::Opening, "爱心基础积分");
            let opening = transfer(fund, Account::Member(user), OPENING_POINTS, memo, None);
            ledger::transfer_at(tx, &opening, at).await?;
        }
        Event::TaskReward(credit) => {
            let memo = Memo::new(LedgerKind::TaskReward, credit.title)
                .minutes(credit.minutes)
                .link(LedgerLinkKind::Task, credit.task);
            let reward = transfer(
                fund,
                Account::Member(credit.user),
                credit.points,
                memo,
                Some(credit.actor),
            );
            ledger::transfer_at(tx, &reward, at).await?;
        }
        Event::Redeem { user, reward, used } => {
            let voucher = rewards::redeem(tx, CommunityId(community_id), UserId(user), reward, at).await?;
            if used {
                // Staff marked it used at the station a day later.
                sqlx::query("UPDATE vouchers SET used_at = $1, used_by = $2 WHERE id = $3")
                    .bind(at + DAY_MS)
                    .bind(staff)
                    .bind(voucher.id)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        Event::Correction {
            user,
            amount,
            note,
            actor,
        } => {
            let memo = Memo::new(LedgerKind::Correction, "积分更正").note(note);
            let credit = transfer(fund, Account::Member(user), amount, memo, Some(actor));
            let transaction_id = ledger::transfer_at(tx, &credit, at).await?;
            // Its record too, as every correction has one (积分管理's audit lists them).
            corrections::insert(
                tx,
                community_id,
                user,
                amount,
                note,
                actor,
                Some(transaction_id),
                at,
            )
            .await?;
        }
    }
    Ok(())
}

async fn insert_reward(
    tx: &mut Transaction<'_, Any>,
    &(community, name, description, points, stock): &Reward,
    sort: usize,
    created_at: i64,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO rewards (community_id, name, description, points, stock, sort, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(community)
    .bind(name)
    .bind(description)
    .bind(points)
    .bind(stock)
    .bind(sort as i64)
    .bind(created_at)
    .fetch_one(&mut **tx)
    .await?)
}
