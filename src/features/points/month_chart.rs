//! This month's created points by source as a small SVG bar chart with the numbers beside it
//! (DESIGN.md: figures people would rather see than read). The SVG is decoration for sighted
//! readers (`aria-hidden`); the same figures are a list beside it, which screen readers read.

use leptos::prelude::*;
use linli_api_types::MonthCreated;

use super::admin_texts::admin_texts;

const BAR_HEIGHT: i64 = 18;
const GAP: i64 = 8;
const WIDTH: i64 = 100;

/// Bar length of `points` out of `largest`, in the chart's 0–100 width; a source with points
/// always shows at least a sliver.
pub fn bar_width(points: i64, largest: i64) -> i64 {
    if points <= 0 || largest <= 0 {
        0
    } else {
        (points * WIDTH / largest).max(2)
    }
}

#[component]
pub fn MonthChart(month: MonthCreated) -> impl IntoView {
    let MonthCreated { total, sources, corrected_down, .. } = month;
    let largest = sources.iter().map(|s| s.points).max().unwrap_or(0);
    let height = sources.len() as i64 * (BAR_HEIGHT + GAP);
    let bars = sources
        .iter()
        .enumerate()
        .map(|(i, source)| {
            let y = i as i64 * (BAR_HEIGHT + GAP);
            view! {
                <rect class="month-chart__track" x="0" y=y width=WIDTH height=BAR_HEIGHT rx="3" />
                <rect class="month-chart__bar" x="0" y=y width=bar_width(source.points, largest) height=BAR_HEIGHT rx="3" />
            }
        })
        .collect_view();
    let figures = sources
        .into_iter()
        .map(|source| {
            view! {
                <li>
                    <span>{move || (admin_texts().source)(source.source)}</span>
                    <strong>{source.points}</strong>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card month-chart" aria-labelledby="month-heading">
            <h2 class="card__title" id="month-heading">{move || admin_texts().month_title}</h2>
            <p><strong>{move || (admin_texts().month_total)(total)}</strong></p>
            <div class="month-chart__body">
                <svg class="month-chart__svg" viewBox=format!("0 0 {WIDTH} {height}") preserveAspectRatio="none"
                    width="100%" height=height aria-hidden="true" focusable="false">
                    {bars}
                </svg>
                <ul class="month-chart__figures">{figures}</ul>
            </div>
            {(corrected_down > 0).then(|| view! { <p class="muted">{move || (admin_texts().corrected_down)(corrected_down)}</p> })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_small_ones_still_show() {
        assert_eq!(bar_width(500, 500), 100);
        assert_eq!(bar_width(250, 500), 50);
        assert_eq!(bar_width(1, 10_000), 2);
        assert_eq!(bar_width(0, 500), 0);
        assert_eq!(bar_width(0, 0), 0);
    }
}
