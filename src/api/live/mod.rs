//! 消息 as they happen: the unread figure on 首页's bell, and the word that something a page
//! shows has changed (the volunteer accepted the order on screen), so the page fetches it again.
//!
//! The figures live here, in the first load (the bell reads them). The connection that fills
//! them — one Server-Sent Events stream per signed-in tab, or polling where the browser has no
//! `EventSource` — is [`stream::LiveStream`], in a chunk of its own loaded after 首页 paints.

pub mod stream;

use leptos::prelude::*;
use linli_api_types::{MessageSubject, SubjectKind};

/// Something happened that may concern the page on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// What it is about; `None` when only polling told that something changed, not what.
    pub subject: Option<MessageSubject>,
}

#[derive(Clone, Copy)]
pub struct Live {
    unread: RwSignal<i64>,
    change: RwSignal<Option<Change>>,
}

impl Live {
    /// Provided once at the root, beside the session.
    pub fn provide() {
        provide_context(Live { unread: RwSignal::new(0), change: RwSignal::new(None) });
    }

    /// Unread messages: what the bell shows.
    pub fn unread(&self) -> i64 {
        self.unread.get()
    }

    /// The figure as the server last told it (the stream, or the 消息 page after reading).
    pub fn set_unread(&self, unread: i64) {
        if self.unread.get_untracked() != unread {
            self.unread.set(unread.max(0));
        }
    }

    /// One message read here: the bell goes down at once rather than at the next event.
    pub fn one_read(&self) {
        self.unread.update(|n| *n = (*n - 1).max(0));
    }

    pub(crate) fn changed(&self, change: Change) {
        self.change.set(Some(change));
    }
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}

/// Which changes a page cares for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concerns {
    /// Every message (the 消息 list).
    Any,
    /// Anything of a kind (a list of orders).
    Kind(SubjectKind),
    /// One thing (an order's page).
    One(SubjectKind, i64),
}

impl Concerns {
    fn about(self, change: Change) -> bool {
        let Some(subject) = change.subject else { return true };
        match self {
            Concerns::Any => true,
            Concerns::Kind(kind) => subject.kind == kind,
            Concerns::One(kind, id) => subject.kind == kind && subject.id == id,
        }
    }
}

/// Runs `refresh` each time a change that `concerns` the page arrives while it is shown (not
/// for what happened before it opened: it loaded that itself).
pub fn on_live_change(concerns: Concerns, refresh: impl Fn() + 'static) {
    let change = use_live().change;
    Effect::new(move |first: Option<()>| {
        let now = change.get();
        if first.is_some() && now.is_some_and(|c| concerns.about(c)) {
            refresh();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn about(kind: SubjectKind, id: i64) -> Change {
        Change { subject: Some(MessageSubject { kind, id }) }
    }

    #[test]
    fn a_page_refreshes_for_its_own_subject_only() {
        let order = Concerns::One(SubjectKind::Order, 12);
        assert!(order.about(about(SubjectKind::Order, 12)));
        assert!(!order.about(about(SubjectKind::Order, 13)));
        assert!(!order.about(about(SubjectKind::Task, 12)));
        assert!(Concerns::Kind(SubjectKind::Order).about(about(SubjectKind::Order, 13)));
        assert!(!Concerns::Kind(SubjectKind::Wish).about(about(SubjectKind::Order, 13)));
        assert!(Concerns::Any.about(about(SubjectKind::Voucher, 1)));
    }

    #[test]
    fn polling_does_not_say_what_changed_so_every_page_refreshes() {
        let unknown = Change { subject: None };
        assert!(Concerns::One(SubjectKind::Report, 3).about(unknown));
        assert!(Concerns::Kind(SubjectKind::Task).about(unknown));
    }
}
