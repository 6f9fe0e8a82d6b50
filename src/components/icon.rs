use leptos::prelude::*;

/// Line icons drawn on a 24×24 grid; decorative, so hidden from screen readers (every icon sits
/// next to words that say the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconName {
    Home,
    Tasks,
    Services,
    Points,
    Me,
    Notice,
    Eye,
    EyeOff,
    Pin,
    ChevronLeft,
    ChevronRight,
    Bell,
}

impl IconName {
    fn paths(self) -> &'static [&'static str] {
        match self {
            IconName::Home => &["M3 10.5 12 3l9 7.5", "M5 9.5V20h5v-6h4v6h5V9.5"],
            IconName::Tasks => &[
                "M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z",
                "M9 11h6",
                "M12 8v6",
            ],
            IconName::Services => &["M4 17h16", "M6 17a6 6 0 0 1 12 0", "M12 8V6", "M10 6h4", "M3 20h18"],
            IconName::Points => &[
                "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z",
                "M12 16.5s-4-2.4-4-5.3a2.2 2.2 0 0 1 4-1.3 2.2 2.2 0 0 1 4 1.3c0 2.9-4 5.3-4 5.3z",
            ],
            IconName::Me => &["M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M4 21a8 8 0 0 1 16 0"],
            IconName::Notice => &["M4 10v4h3l6 4V6L7 10H4z", "M17 9a4 4 0 0 1 0 6", "M19.5 6.5a8 8 0 0 1 0 11"],
            IconName::Eye => &["M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z", "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z"],
            IconName::EyeOff => &[
                "M3 3l18 18",
                "M10.6 5.1A10.8 10.8 0 0 1 12 5c6.4 0 10 7 10 7a17 17 0 0 1-3.2 4.2",
                "M6.6 6.6A17 17 0 0 0 2 12s3.6 7 10 7a10 10 0 0 0 5.4-1.6",
                "M9.9 9.9a3 3 0 0 0 4.2 4.2",
            ],
            IconName::Pin => &["M12 21s-7-6.1-7-11.5a7 7 0 0 1 14 0C19 14.9 12 21 12 21z", "M12 12a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z"],
            IconName::ChevronLeft => &["M15 6l-6 6 6 6"],
            IconName::ChevronRight => &["M9 6l6 6-6 6"],
            IconName::Bell => &["M6 16v-5a6 6 0 0 1 12 0v5l2 2H4l2-2z", "M10 20.5a2 2 0 0 0 4 0"],
        }
    }
}

#[component]
pub fn Icon(name: IconName, #[prop(optional)] class: &'static str) -> impl IntoView {
    view! {
        <svg
            class=format!("icon {class}")
            viewBox="0 0 24 24"
            aria-hidden="true"
            focusable="false"
        >
            {name.paths().iter().map(|d| view! { <path d=*d /> }).collect_view()}
        </svg>
    }
}
