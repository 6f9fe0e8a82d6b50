mod me_page;
mod sign_in_page;

pub use me_page::MePage;
pub use sign_in_page::SignInPage;
