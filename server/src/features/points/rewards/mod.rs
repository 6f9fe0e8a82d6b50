//! 爱心超市: the community's rewards, redeemed for vouchers that staff mark used at the station.

pub mod catalogue;
pub mod redeem;
pub mod routes;
pub mod vouchers;

pub use vouchers::new_code;
