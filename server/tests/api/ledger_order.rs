//! 积分明细 in time order: lines newest first by when the points moved (then by id), also when
//! they were written out of that order, in pages that neither skip nor repeat a line when new
//! ones arrive between pages; and an order's hold line says whether it is still held, settled
//! or given back.

use std::collections::HashSet;

use linli_api_types::{HoldState, LedgerEntry, LedgerKind, LedgerPage, OrderStatus};
use linli_server::features::points::ledger::{self, Account, Memo, Transfer};

use crate::helpers::*;
use crate::orders::{asap, community_id, service_id};

const MINUTE_MS: i64 = 60_000;

/// Every line of the client's ledger, `limit` at a time; `between` runs after the first page.
async fn all_lines(
    client: &Client<'_>,
    limit: u32,
    between: impl AsyncFnOnce(),
) -> (Vec<LedgerEntry>, usize) {
    let mut lines = Vec::new();
    let mut cursor = String::new();
    let mut pages = 0;
    let mut between = Some(between);
    loop {
        let page: LedgerPage = client
            .get_ok(&format!("/me/ledger?limit={limit}&cursor={cursor}"))
            .await;
        pages += 1;
        lines.extend(page.items);
        if let Some(between) = between.take() {
            between().await;
        }
        match page.next_cursor {
            Some(next) => cursor = next,
            None => break,
        }
    }
    (lines, pages)
}

fn newest_first(lines: &[LedgerEntry]) -> bool {
    lines
        .windows(2)
        .all(|w| (w[0].at, w[0].id) > (w[1].at, w[1].id))
}

/// A correction-like credit to `user` written now but dated `ago_minutes` in the past.
async fn backdated_credit(app: &TestApp, user: i64, amount: i64, ago_minutes: i64, note: &str) {
    let community = community_id(app).await;
    let db = db(app).await;
    let mut tx = db.write.begin().await.unwrap();
    let at = chrono::Utc::now().timestamp_millis() - ago_minutes * MINUTE_MS;
    ledger::transfer_at(
        &mut tx,
        &Transfer {
            community_id: community,
            from: Account::Fund(community),
            to: Account::Member(user),
            amount,
            memo: Memo::new(LedgerKind::Correction, "积分更正").note(note),
            actor_id: None,
        },
        at,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn the_ledger_is_newest_first_by_time_across_pages_even_when_lines_arrive_between_them() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let wang = user_id(&app, RESIDENT).await;

    // The demo writes 王秀英's orders after her older history, the order of 35 minutes ago
    // before the one of 4 days ago: by id they would read out of order.
    let (lines, _) = all_lines(&resident, 50, async || {}).await;
    assert!(
        newest_first(&lines),
        "{:#?}",
        lines
            .iter()
            .map(|l| (l.at, l.id, &l.subject))
            .collect::<Vec<_>>()
    );
    let holds: Vec<&LedgerEntry> = lines
        .iter()
        .filter(|l| l.kind == LedgerKind::OrderHold)
        .collect();
    assert_eq!(
        holds.iter().map(|l| l.subject.as_str()).collect::<Vec<_>>(),
        ["水电维修", "助餐送餐", "家电维修"],
        "35 minutes, 26 hours and 4 days ago"
    );
    assert!(
        holds.windows(2).any(|w| w[0].id < w[1].id),
        "the demo keeps a hold written before an older one, so the test can fail"
    );

    // Lines dated in the past but written last land where their time puts them.
    backdated_credit(&app, wang, 7, 3 * 24 * 60, "补记 三天前的巡逻").await;
    backdated_credit(&app, wang, 5, 90, "补记 一个半小时前的帮厨").await;
    let before: Vec<i64> = {
        let (lines, pages) = all_lines(&resident, 3, async || {}).await;
        assert!(pages > 3);
        assert!(newest_first(&lines));
        let ids: Vec<i64> = lines.iter().map(|l| l.id).collect();
        assert_eq!(
            ids.iter().collect::<HashSet<_>>().len(),
            ids.len(),
            "no line twice"
        );
        let three_days = lines
            .iter()
            .position(|l| l.note.as_deref() == Some("补记 三天前的巡逻"))
            .unwrap();
        let four_days = lines.iter().position(|l| l.subject == "家电维修").unwrap();
        let yesterday = lines.iter().position(|l| l.subject == "助餐送餐").unwrap();
        assert!(yesterday < three_days && three_days < four_days);
        ids
    };

    // New lines between pages (one now, one dated among the pages still to come) neither push
    // an old line off a page nor bring one back twice.
    let (lines, _) = all_lines(&resident, 3, async || {
        backdated_credit(&app, wang, 3, 0, "补记 刚刚").await;
        backdated_credit(&app, wang, 2, 400 * 24 * 60 + 1, "补记 很久以前").await;
    })
    .await;
    assert!(newest_first(&lines));
    let ids: Vec<i64> = lines.iter().map(|l| l.id).collect();
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        ids.len(),
        "no line twice"
    );
    let seen: HashSet<i64> = ids.iter().copied().collect();
    assert!(before.iter().all(|id| seen.contains(id)), "no line skipped");
    assert!(
        lines.iter().all(|l| l.note.as_deref() != Some("补记 刚刚")),
        "newer than page 1"
    );
    assert!(lines
        .iter()
        .any(|l| l.note.as_deref() == Some("补记 很久以前")));
}

#[tokio::test]
async fn an_orders_hold_line_says_whether_it_is_held_settled_or_given_back() {
    let app = spawn_app().await;
    let resident = Client::new(&app, RESIDENT).await;
    let plumbing = service_id(&app, "水电维修").await;
    let cancelled = resident.place_order(&asap(plumbing)).await.id;
    resident.step(cancelled, "cancel", None).await;

    let page: LedgerPage = resident.get_ok("/me/ledger?limit=50").await;
    let hold_of = |order: i64| {
        page.items
            .iter()
            .find(|l| l.kind == LedgerKind::OrderHold && l.link.is_some_and(|k| k.id == order))
            .unwrap_or_else(|| panic!("hold of order {order}"))
            .hold
    };
    // Each of the resident's holds against what the order's row says.
    let db = db(&app).await;
    let orders: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM orders WHERE resident_id = $1")
            .bind(user_id(&app, RESIDENT).await)
            .fetch_all(&db.read)
            .await
            .unwrap();
    let mut states = HashSet::new();
    for (order, status) in orders {
        let expected = match OrderStatus::parse(&status).unwrap() {
            OrderStatus::Rated | OrderStatus::Closed => HoldState::Settled,
            OrderStatus::Cancelled => HoldState::Released,
            _ => HoldState::Held,
        };
        assert_eq!(hold_of(order), Some(expected), "order {order} {status}");
        states.insert(expected);
    }
    assert_eq!(states.len(), 3, "held, settled and given back are all seen");
    assert_eq!(hold_of(cancelled), Some(HoldState::Released));
    // The release is its own line, and no other kind of line carries a hold state.
    assert!(page.items.iter().any(|l| l.kind == LedgerKind::OrderRelease
        && l.link.is_some_and(|k| k.id == cancelled)
        && l.amount > 0));
    assert!(page
        .items
        .iter()
        .all(|l| (l.kind == LedgerKind::OrderHold) == l.hold.is_some()));
    let raw: serde_json::Value = resident.get_ok("/me/ledger?limit=50").await;
    assert!(raw["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["hold"] == "settled"));
}
