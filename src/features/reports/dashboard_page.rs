//! 民声看板: this month against last — 响应率 (answered in time), 解决率, 满意度 — for the
//! community (staff) or one grid (its head), the same by grid, building and handler, and the
//! overdue reports, most overdue first.

use leptos::prelude::*;
use linli_api_types::{ReportDashboard, ReportFigures, ReportFiguresRow};

use super::api;
use super::common::{Frame, LoadError, ReportCard};
use super::texts::{texts, ReportsTexts};
use crate::api::use_api;
use crate::components::Skeleton;
use crate::routes;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let api = use_api();
    let loaded = LocalResource::new(move || api::dashboard(api));
    view! {
        <Frame title=|t| t.dashboard_title back=routes::me()>
            <Transition fallback=Skeleton>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(board) => view! { <Board board /> }.into_any(),
                        Err(error) => view! { <LoadError error /> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

/// "87%", or "—" when nothing was counted.
fn percent(rate: Option<f32>) -> String {
    rate.map_or_else(|| "—".to_owned(), |r| format!("{:.0}%", r * 100.0))
}

fn stars(average: Option<f32>) -> String {
    average.map_or_else(|| "—".to_owned(), |s| format!("{s:.1}"))
}

#[component]
fn Board(board: ReportDashboard) -> impl IntoView {
    let ReportDashboard { month, scope, this_month, last_month, by_grid, by_building, by_handler, overdue } = board;
    let figures: [(fn(&ReportsTexts) -> &'static str, fn(&ReportFigures) -> String); 3] = [
        (|t| t.response_rate, |f| percent(f.response_rate)),
        (|t| t.resolution_rate, |f| percent(f.resolution_rate)),
        (|t| t.satisfaction, |f| stars(f.satisfaction)),
    ];
    view! {
        <section class="card board" aria-labelledby="board-heading">
            <h2 class="card__title" id="board-heading">{format!("{scope} · {month}")}</h2>
            <dl class="board__figures">
                {figures.into_iter().map(|(label, value)| view! {
                    <div class="board__figure">
                        <dt>{move || label(texts())}</dt>
                        <dd>
                            <span class="board__now">{value(&this_month)}</span>
                            <span class="board__then">{move || format!("{} {}", texts().month_last, value(&last_month))}</span>
                        </dd>
                    </div>
                }).collect_view()}
            </dl>
            <p class="muted">{move || format!("{} {} · {} {}", texts().month_this, (texts().received)(this_month.received), texts().month_last, (texts().received)(last_month.received))}</p>
        </section>
        <section class="card" aria-labelledby="overdue-heading">
            <h2 class="card__title" id="overdue-heading">{move || texts().overdue_heading}<span class="mark mark--bad">{overdue.len()}</span></h2>
            {if overdue.is_empty() {
                view! { <p class="muted">{move || texts().overdue_empty}</p> }.into_any()
            } else {
                view! { <ul class="report-list">{overdue.into_iter().map(|report| view! { <li><ReportCard report /></li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <FiguresTable id="by-grid" heading=|t| t.by_grid rows=by_grid />
        <FiguresTable id="by-building" heading=|t| t.by_building rows=by_building />
        <FiguresTable id="by-handler" heading=|t| t.by_handler rows=by_handler />
    }
}

/// One table: a row per grid, building or handler; this month's rates with last month's
/// beneath, so a column reads down as one figure.
#[component]
fn FiguresTable(id: &'static str, heading: fn(&ReportsTexts) -> &'static str, rows: Vec<ReportFiguresRow>) -> impl IntoView {
    if rows.is_empty() {
        return ().into_any();
    }
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="card board-table" aria-labelledby=labelled_by>
            <h2 class="card__title" id=heading_id>{move || heading(texts())}</h2>
            // At 大/特大 the table scrolls sideways inside its card: focusable so a keyboard can
            // scroll it too (the card, a region named by its heading, names it already).
            <div class="table-scroll" tabindex="0">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || texts().col_name}</th>
                            <th scope="col">{move || texts().response_rate}</th>
                            <th scope="col">{move || texts().resolution_rate}</th>
                            <th scope="col">{move || texts().satisfaction}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|row| {
                            let ReportFiguresRow { name, this_month: now, last_month: then } = row;
                            let cell = move |now: String, then: String| view! {
                                <td>{now}<span class="board__then">{move || format!("{} {then}", texts().month_last)}</span></td>
                            };
                            view! {
                                <tr>
                                    <th scope="row">{name}<span class="board__then">{move || (texts().received)(now.received)}</span></th>
                                    {cell(percent(now.response_rate), percent(then.response_rate))}
                                    {cell(percent(now.resolution_rate), percent(then.resolution_rate))}
                                    {cell(stars(now.satisfaction), stars(then.satisfaction))}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_as_whole_percents_and_nothing_as_a_dash() {
        assert_eq!(percent(Some(0.875)), "88%");
        assert_eq!(percent(None), "—");
        assert_eq!(stars(Some(4.26)), "4.3");
        assert_eq!(stars(None), "—");
    }
}
