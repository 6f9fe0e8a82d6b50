//! The community's love bank over the year, kept as the server keeps it
//! (`features::points::ledger`): every movement is a transaction of two entries summing to
//! zero, each entry carries its account's balance after it, the accounts' cached balances are
//! the sums of their entries, and no member nor the held account ever goes below zero (only
//! the fund, the issuer, does). Movements are applied in time order: paper-ledger openings at
//! the start of the year, task rewards, order holds and their release or settlement, and
//! redemptions in the 爱心超市 — a redemption or a paid order only when the member then has
//! the points, as the server's guarded UPDATE would allow.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use super::load::Rows;
use super::orders::{Draft, Menu};
use super::people::People;
use super::places::Community;
use super::tasks::Credit;
use super::{Context, Ids, DAY_MS, HOUR_MS};

const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// An order with what the ledger settled: its id, service, price and volunteer.
pub struct Booked {
    pub id: i64,
    pub draft: Draft,
    /// Index into `Menu::services`.
    pub service: usize,
    pub points: i64,
    pub volunteer: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Owner {
    Member(usize),
    Fund,
    Held,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    Opening(usize, i64),
    Credit(usize),
    Place(usize),
    Finish(usize),
    Redeem(usize, usize),
}

struct Book<'a> {
    community: i64,
    people: &'a People,
    accounts: HashMap<Owner, (i64, i64)>,
    order: Vec<Owner>,
}

struct Movement<'a> {
    kind: &'a str,
    subject: &'a str,
    minutes: Option<i64>,
    note: Option<&'a str>,
    link: Option<(&'a str, i64)>,
    actor: Option<i64>,
}

impl Book<'_> {
    fn balance(&self, owner: Owner) -> i64 {
        self.accounts.get(&owner).map_or(0, |(_, balance)| *balance)
    }

    fn account(&mut self, owner: Owner, ids: &mut Ids) -> i64 {
        if let Some((id, _)) = self.accounts.get(&owner) {
            return *id;
        }
        let id = ids.take("ledger_accounts");
        self.accounts.insert(owner, (id, 0));
        self.order.push(owner);
        id
    }

    fn transfer(
        &mut self,
        cx: &mut Context<'_>,
        from: Owner,
        to: Owner,
        amount: i64,
        what: Movement<'_>,
        at: i64,
    ) {
        debug_assert!(amount > 0);
        debug_assert!(
            from == Owner::Fund || self.balance(from) >= amount,
            "overdraft"
        );
        let transaction = cx.ids.take("ledger_transactions");
        cx.rows.add(
            "ledger_transactions",
            &[
                transaction.into(),
                self.community.into(),
                what.kind.into(),
                what.subject.into(),
                what.minutes.into(),
                what.note.into(),
                what.link.map(|(kind, _)| kind).into(),
                what.link.map(|(_, id)| id).into(),
                what.actor.into(),
                at.into(),
            ],
        );
        for (owner, change) in [(from, -amount), (to, amount)] {
            let account = self.account(owner, cx.ids);
            let entry = self.accounts.get_mut(&owner).expect("opened");
            entry.1 += change;
            let after = entry.1;
            cx.rows.add(
                "ledger_entries",
                &[
                    cx.ids.take("ledger_entries").into(),
                    transaction.into(),
                    account.into(),
                    change.into(),
                    after.into(),
                    at.into(),
                ],
            );
        }
    }

    /// The accounts with their final balances (written before their entries: `TABLES` order).
    fn write_accounts(&self, rows: &mut Rows) {
        for owner in &self.order {
            let (id, balance) = self.accounts[owner];
            let (key, user, negative) = match owner {
                Owner::Member(m) => {
                    let user = self.people.residents[*m].id;
                    (format!("user:{user}"), Some(user), 0)
                }
                Owner::Fund => (format!("fund:{}", self.community), None, 1),
                Owner::Held => (format!("held:{}", self.community), None, 0),
            };
            rows.add(
                "ledger_accounts",
                &[
                    id.into(),
                    self.community.into(),
                    key.as_str().into(),
                    user.into(),
                    balance.into(),
                    negative.into(),
                ],
            );
        }
    }
}

fn voucher_code(id: i64) -> String {
    let mut n = (id as u64).wrapping_mul(0x9E37_79B9) % (1 << 40);
    let mut code = String::with_capacity(9);
    for i in 0..8 {
        if i == 4 {
            code.push('-');
        }
        code.push(CODE_ALPHABET[(n % 32) as usize] as char);
        n /= 32;
    }
    code
}

pub fn run(
    cx: &mut Context<'_>,
    community: &Community,
    people: &People,
    credits: &[Credit],
    menu: &Menu,
    drafts: Vec<Draft>,
) -> Vec<Booked> {
    let mut book = Book {
        community: community.id,
        people,
        accounts: HashMap::new(),
        order: Vec::new(),
    };
    // The fund and the held account first, so their ids lead the community's.
    book.account(Owner::Fund, cx.ids);
    book.account(Owner::Held, cx.ids);
    let start = cx.now - 365 * DAY_MS;
    let staff = people.residents[people.staff[0]].id;
    let mut queue: BinaryHeap<Reverse<(i64, u64, Event)>> = BinaryHeap::new();
    let mut seq = 0u64;
    let mut push = |queue: &mut BinaryHeap<Reverse<(i64, u64, Event)>>, at: i64, event: Event| {
        seq += 1;
        queue.push(Reverse((at, seq, event)));
    };
    let homed = people.homed();
    let mut openings = 0;
    for member in 0..homed {
        if cx.rng.chance(0.3) {
            push(
                &mut queue,
                start + cx.rng.range(0, 24) * HOUR_MS,
                Event::Opening(member, cx.rng.range(5, 31) * 10),
            );
            openings += 1;
        }
    }
    for (n, credit) in credits.iter().enumerate() {
        push(&mut queue, credit.at, Event::Credit(n));
    }
    for (n, draft) in drafts.iter().enumerate() {
        push(&mut queue, draft.created, Event::Place(n));
    }
    // Redemptions make up the rest of the ledger lines asked for (a refused one writes none).
    let expected = openings + credits.len() + drafts.len() * 3 / 2;
    // Many are refused for want of points, and `expected` counts every order as paid: twice
    // as many are tried, which lands the ledger just over the lines asked for (measured: 1.25
    // times gave 1.87 M of the district's 2 M, 1.5 times 1.93 M).
    let redemptions = (cx.size.ledger_entries / 2).saturating_sub(expected) * 2;
    for _ in 0..redemptions {
        let member = if cx.rng.chance(0.7) && !people.volunteers.is_empty() {
            *cx.rng.pick(&people.volunteers)
        } else {
            cx.rng.below(homed as u64) as usize
        };
        let reward = cx.rng.below(menu.rewards.len() as u64) as usize;
        push(
            &mut queue,
            start + cx.rng.range(DAY_MS / HOUR_MS, 365 * 24) * HOUR_MS,
            Event::Redeem(member, reward),
        );
    }
    let mut drafts: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();
    let mut booked: Vec<Booked> = Vec::new();
    while let Some(Reverse((at, _, event))) = queue.pop() {
        match event {
            Event::Opening(member, amount) => {
                let what = Movement {
                    kind: "opening",
                    subject: "纸质台账结转",
                    minutes: None,
                    note: Some("年初由纸质台账转入"),
                    link: None,
                    actor: Some(staff),
                };
                book.transfer(cx, Owner::Fund, Owner::Member(member), amount, what, at);
            }
            Event::Credit(n) => {
                let credit = &credits[n];
                let what = Movement {
                    kind: "task_reward",
                    subject: &credit.title,
                    minutes: Some(credit.minutes),
                    note: None,
                    link: Some(("task", credit.task)),
                    actor: Some(credit.organiser),
                };
                book.transfer(
                    cx,
                    Owner::Fund,
                    Owner::Member(credit.volunteer),
                    credit.points,
                    what,
                    at,
                );
            }
            Event::Place(n) => {
                let mut draft = drafts[n].take().expect("placed once");
                let member = Owner::Member(draft.resident);
                let wanted = &menu.services[draft.paid];
                let service = if book.balance(member) >= wanted.price {
                    draft.paid
                } else {
                    draft.free
                };
                let offered = &menu.services[service];
                let volunteer = (0..offered.volunteers.len())
                    .map(|k| {
                        offered.volunteers
                            [(draft.volunteer_pick as usize + k) % offered.volunteers.len()]
                    })
                    .find(|v| people.residents[*v].household != Some(draft.household));
                if volunteer.is_none() && draft.status != "submitted" {
                    // Nobody else offers it: the order waits, or waited and was cancelled.
                    draft.status = if draft.settles() || draft.status == "cancelled" {
                        "cancelled"
                    } else {
                        "submitted"
                    };
                }
                let id = cx.ids.take("orders");
                let points = offered.price;
                if points > 0 {
                    let what = Movement {
                        kind: "order_hold",
                        subject: offered.name,
                        minutes: None,
                        note: None,
                        link: Some(("order", id)),
                        actor: Some(people.residents[draft.resident].id),
                    };
                    book.transfer(cx, member, Owner::Held, points, what, at);
                }
                if let Some(finished) = draft.finished_at() {
                    push(&mut queue, finished, Event::Finish(booked.len()));
                }
                booked.push(Booked {
                    id,
                    draft,
                    service,
                    points,
                    volunteer,
                });
            }
            Event::Finish(n) => {
                let order = &booked[n];
                let service = &menu.services[order.service];
                let resident = Owner::Member(order.draft.resident);
                let actor = (order.draft.status != "closed")
                    .then_some(people.residents[order.draft.resident].id);
                let link = Some(("order", order.id));
                if order.draft.settles() {
                    if order.points > 0 {
                        let what = Movement {
                            kind: "order_settle",
                            subject: service.name,
                            minutes: None,
                            note: None,
                            link,
                            actor,
                        };
                        book.transfer(cx, Owner::Held, Owner::Fund, order.points, what, at);
                    }
                    if let (Some(volunteer), true) = (order.volunteer, service.volunteer_points > 0)
                    {
                        let minutes = (order.draft.step_at(4) - order.draft.step_at(3)) / 60_000;
                        let what = Movement {
                            kind: "service_reward",
                            subject: service.name,
                            minutes: Some(minutes),
                            note: None,
                            link,
                            actor,
                        };
                        book.transfer(
                            cx,
                            Owner::Fund,
                            Owner::Member(volunteer),
                            service.volunteer_points,
                            what,
                            at,
                        );
                    }
                } else if order.points > 0 {
                    let what = Movement {
                        kind: "order_release",
                        subject: service.name,
                        minutes: None,
                        note: None,
                        link,
                        actor,
                    };
                    book.transfer(cx, Owner::Held, resident, order.points, what, at);
                }
            }
            Event::Redeem(member, reward) => {
                let reward = &menu.rewards[reward];
                if book.balance(Owner::Member(member)) < reward.points {
                    continue;
                }
                let voucher = cx.ids.take("vouchers");
                let user = people.residents[member].id;
                let used = cx
                    .rng
                    .chance(0.7)
                    .then(|| (at + cx.rng.range(1, 72) * HOUR_MS).min(cx.now));
                cx.rows.add(
                    "vouchers",
                    &[
                        voucher.into(),
                        voucher_code(voucher).as_str().into(),
                        reward.id.into(),
                        user.into(),
                        community.id.into(),
                        reward.name.into(),
                        reward.points.into(),
                        at.into(),
                        used.into(),
                        used.map(|_| staff).into(),
                    ],
                );
                let what = Movement {
                    kind: "redemption",
                    subject: reward.name,
                    minutes: None,
                    note: None,
                    link: Some(("voucher", voucher)),
                    actor: Some(user),
                };
                book.transfer(
                    cx,
                    Owner::Member(member),
                    Owner::Fund,
                    reward.points,
                    what,
                    at,
                );
            }
        }
    }
    book.write_accounts(&mut cx.rows);
    booked.sort_by_key(|order| order.id);
    booked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voucher_codes_are_distinct_and_shaped_like_the_servers() {
        let codes: std::collections::HashSet<String> = (1..20_000).map(voucher_code).collect();
        assert_eq!(codes.len(), 19_999);
        let code = voucher_code(42);
        assert_eq!(code.len(), 9);
        assert_eq!(&code[4..5], "-");
    }
}
