//! Volunteer tasks 志愿任务: the list with filters, a task's page (join, waitlist, withdraw,
//! check in with the site code), 我的任务, and for staff and building heads posting a task and
//! running it at the site (roster, rotating code, 确认完成).

mod admin_texts;
mod api;
mod card;
mod complete;
mod compose_page;
mod detail_page;
mod draft;
mod edit_page;
mod fields;
mod format;
mod frame;
mod list_page;
mod mine_page;
mod moment;
mod page_texts;
mod roster_page;
mod task_admin;
mod texts;
mod upcoming;

pub use compose_page::NewTaskPage;
pub use detail_page::TaskPage;
pub use edit_page::EditTaskPage;
pub use list_page::TasksPage;
pub use mine_page::MyTasksPage;
pub use roster_page::RosterPage;
pub use upcoming::UpcomingTasks;
