//! A year of volunteer tasks with their enrolments: most done and completed by their organiser
//! (each attendee credited, a few no-shows), one in twenty still ahead with places left, so a
//! load run can join and withdraw.

use super::load::V;
use super::names::TASK_TEMPLATES;
use super::people::People;
use super::places::Community;
use super::{Context, DAY_MS, HOUR_MS};

const POINTS_PER_HOUR: i64 = 10;

/// A volunteer's reward for a completed task, for the ledger.
pub struct Credit {
    pub at: i64,
    pub task: i64,
    pub title: String,
    /// Index into `People::residents`.
    pub volunteer: usize,
    pub organiser: i64,
    pub points: i64,
    pub minutes: i64,
}

pub fn generate(cx: &mut Context<'_>, community: &Community, people: &People) -> Vec<Credit> {
    let mut credits = Vec::new();
    for n in 0..cx.size.tasks {
        let id = cx.ids.take("tasks");
        let upcoming = n % 20 == 0;
        let starts = if upcoming {
            cx.now + cx.rng.range(1, 30) * DAY_MS + cx.rng.range(8, 18) * HOUR_MS
        } else {
            cx.now - cx.rng.range(2, 365) * DAY_MS + cx.rng.range(8, 18) * HOUR_MS
        };
        let hours = cx.rng.range(1, 4);
        let ends = starts + hours * HOUR_MS;
        let points = hours * POINTS_PER_HOUR;
        let (category, title, place) = *cx.rng.pick(&TASK_TEMPLATES);
        let title = format!("{title}（第{}期）", n + 1);
        let to_building = n % 5 == 2;
        let (organiser, role, target_kind, target_id, grid, building) = if to_building {
            let b = cx.rng.below(community.buildings.len() as u64) as usize;
            let place = &community.buildings[b];
            let head = people.building_heads[b];
            (
                head,
                "building_head",
                "building",
                place.id,
                Some(place.grid),
                Some(place.id),
            )
        } else {
            (
                people.staff[n % people.staff.len()],
                "staff",
                "community",
                community.id,
                None,
                None,
            )
        };
        let organiser_id = people.residents[organiser].id;
        let capacity = cx.rng.range(15, 31);
        let wanted = cx.rng.range(5, 13) as usize;
        let mut enrolled: Vec<usize> = Vec::with_capacity(wanted);
        for _ in 0..wanted * 3 {
            if enrolled.len() == wanted || people.volunteers.is_empty() {
                break;
            }
            let volunteer = *cx.rng.pick(&people.volunteers);
            if volunteer != organiser && !enrolled.contains(&volunteer) {
                enrolled.push(volunteer);
            }
        }
        let completed = (!upcoming).then_some(ends + HOUR_MS);
        let secret = format!("{:016x}{:016x}", cx.rng.next_u64(), cx.rng.next_u64());
        let created = starts - cx.rng.range(3, 15) * DAY_MS;
        cx.rows.add(
            "tasks",
            &[
                id.into(),
                organiser_id.into(),
                role.into(),
                target_kind.into(),
                target_id.into(),
                community.id.into(),
                grid.into(),
                building.into(),
                (&title).into(),
                "请准时到场签到，活动结束后由组织者确认时长。".into(),
                category.into(),
                place.into(),
                starts.into(),
                ends.into(),
                capacity.into(),
                points.into(),
                (enrolled.len() as i64).into(),
                (enrolled.len() as i64).into(),
                (&secret).into(),
                created.into(),
                completed.into(),
                completed.map(|_| organiser_id).into(),
            ],
        );
        for (seq, volunteer) in enrolled.into_iter().enumerate() {
            let user = people.residents[volunteer].id;
            let joined = created + cx.rng.range(1, 48) * HOUR_MS;
            let attended = completed.is_some() && cx.rng.chance(0.92);
            let status = match (completed, attended) {
                (None, _) => "joined",
                (Some(_), true) => "completed",
                (Some(_), false) => "no_show",
            };
            let done = |value: i64| if attended { V::I(value) } else { V::Null };
            cx.rows.add(
                "task_enrollments",
                &[
                    cx.ids.take("task_enrollments").into(),
                    id.into(),
                    user.into(),
                    status.into(),
                    (seq as i64 + 1).into(),
                    joined.into(),
                    done(starts),
                    done(ends),
                    done(hours * 60),
                    done(points),
                    completed.unwrap_or(joined).into(),
                    done(organiser_id),
                    done(organiser_id),
                ],
            );
            if let (Some(at), true) = (completed, attended) {
                credits.push(Credit {
                    at,
                    task: id,
                    title: title.clone(),
                    volunteer,
                    organiser: organiser_id,
                    points,
                    minutes: hours * 60,
                });
            }
        }
    }
    credits
}
