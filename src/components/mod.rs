//! Building blocks shared by every feature.

mod acted_by;
mod action_error;
mod char_limit;
mod confirm_dialog;
mod date_field;
mod field;
mod form_errors;
mod icon;
mod later;
mod load_more;
mod network_banner;
mod page;
mod tab_bar;

pub use acted_by::ActedBy;
pub use action_error::ActionError;
pub use confirm_dialog::ConfirmDialog;
pub use date_field::DateField;
pub use field::{LimitedTextField, TextArea, TextField};
pub use form_errors::FormErrors;
pub use icon::{Icon, IconName};
pub use later::Later;
pub use load_more::LoadMore;
pub use network_banner::NetworkBanner;
pub use page::{use_document_title, ErrorCard, Page, PageFrame, Parent, Skeleton};
pub use tab_bar::TabBar;
