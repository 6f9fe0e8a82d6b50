//! Typed ids for the things whose ids travel side by side (`offers(user, service, community)`),
//! so that passing one for another is a compile error rather than a wrong answer. Rows keep
//! plain `i64` columns; a newtype is made where an id enters a use case and read with `.get()`
//! where it is bound to SQL.

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub i64);

        impl $name {
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type! {
    /// A member (`users.id`).
    UserId;
    /// A community (`communities.id`): the boundary no request crosses.
    CommunityId;
    /// A household (`households.id`).
    HouseholdId;
    /// A service on the menu (`services.id`).
    ServiceId;
    /// A service order (`orders.id`).
    OrderId;
    /// A volunteer task (`tasks.id`).
    TaskId;
    /// A notice (`notices.id`).
    NoticeId;
}
