mod me_page;
mod password_page;
mod sign_in_page;
mod text_size;
mod texts;

pub use me_page::MePage;
pub use password_page::PasswordPage;
pub use sign_in_page::SignInPage;
