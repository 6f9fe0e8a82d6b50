//! Service menu and orders 服务 / 四单: the menu by category, ordering (群众点单), dispatch by
//! staff (中心派单), accepting, claiming and completing by volunteers (志愿者接单), and the
//! resident's confirmation and rating (群众评单), each step on the order's timeline.

mod api;
mod common;
mod draft;
mod frame;
mod lists_page;
// 服务管理 for staff.
mod manage_api;
mod manage_draft;
mod manage_form;
mod manage_form_page;
mod manage_list_page;
mod manage_texts;
mod manage_volunteers;
mod menu_page;
mod order_dispatch_form;
mod order_facts;
mod order_page;
mod order_page_detail;
mod order_rate_form;
mod order_steps;
mod order_timeline;
mod staff_cancel;
pub mod texts;
mod wording;

pub use lists_page::{DispatchPage, MyOrdersPage, VolunteerPage};
pub use manage_form_page::{EditServicePage, NewServicePage};
pub use manage_list_page::ServiceManagePage;
pub use menu_page::{OrderLinks, ServicesPage};
pub use order_page::OrderFormPage;
pub use order_page_detail::OrderDetailPage;
