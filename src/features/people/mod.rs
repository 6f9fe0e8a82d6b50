//! 居民: the directory heads and staff search (accounts and register members not on Linli),
//! a person's page with their roles (staff appoint and remove them) and a password reset
//! code, the staff changes waiting for a second staff member, and 忘记密码.

mod card;
mod directory_page;
mod forgot_page;
mod me_links;
mod person_page;
mod reset_code;
mod roles_section;
mod staff_changes;
mod texts;

pub use directory_page::PeopleDirectoryPage;
pub use forgot_page::ForgotPasswordPage;
pub use me_links::PeopleLinks;
pub use person_page::PersonPage;
