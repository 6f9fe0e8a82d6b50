//! Staff corrections 积分更正 with separation of duties.
//!
//! Points are money: nobody corrects their own points or their household's, and a correction
//! above the community's threshold — or beyond the requester's daily allowance of unapproved
//! corrections — waits for a second staff member who is neither the requester, nor the member,
//! nor of the member's household. Each correction is a row of `point_corrections`.

pub mod ask;
pub mod decide;
pub mod duties;
pub mod list;
pub mod posting;
pub mod routes;
pub mod store;

pub use duties::{Actor, Duty};
/// Every correction keeps its row, also the demo's history.
pub use store::insert;
