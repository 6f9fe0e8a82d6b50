//! API tests: each starts a real server on a fresh, demo-seeded database (SQLite in a temp
//! dir, or PostgreSQL when LINLI_TEST_POSTGRES_URL is set) and talks HTTP to it.

mod authz;
// Staff corrections, policy and audit.
mod corrections;
// The district-scale generator's data, served.
mod district;
mod points_admin;
mod errors;
mod health;
mod hostile_text;
// Sign-up, join requests and building invites.
mod joining;
mod helpers;
mod limits;
mod logs;
mod me;
// 服务管理 and 礼品管理.
mod menu_admin;
mod migrations_in_step;
mod notices;
mod openapi;
mod openapi_rules;
// Volunteer tasks and the love bank.
mod points;
mod orders;
// Orders nobody can mint points with, races, pages, the free-order cap, roles.
mod members;
// 消息 written by each event, read from the messages table.
mod message_events;
mod message_events_reports;
mod message_events_tasks;
mod orders_bounded;
mod orders_own_household;
mod orders_races;
mod overload;
mod password_rules;
// 居民: directory, roles, reset codes.
mod people;
// Photo uploads against hostile bytes; 民声有回应 reports.
mod photos;
mod reports;
mod reports_photos;
mod reports_dashboard;
mod reports_proxy;
mod reports_settings;
mod reset_codes;
mod roles;
// 住户花名册 import and 加入进度.
mod register;
mod security_headers;
mod services;
mod sessions;
mod sign_in_limits;
mod static_files;
mod tasks;
mod tokens;
// Staff run tasks, orders and the 台账.
mod exports;
mod order_cancel;
mod task_admin;
// 积分明细 in time order, and what became of an order's held points.
mod ledger_order;
// 代办: heads and staff acting for residents without phones.
mod proxy;
// 微心愿.
mod wishes;
// 消息: the message centre, its live stream, reminders (also from two server processes).
mod messages;
mod messages_reminders;
mod messages_stream;
// 消息推送: the outbound webhook, its worker and a receiver that fails on purpose.
mod webhooks;
mod webhooks_delivery;
mod webhooks_receiver;
// Several servers, one database: two server processes, requests spread over both.
mod two_servers;
// Operations: backup and restore, metrics, shutdown, settings at start, JSON logs (the built
// binary run as an operator runs it: server_process, which the several-servers tests and the
// reminders' two processes start too).
mod backup;
mod logs_json;
mod metrics;
mod server_process;
mod settings;
mod shutdown;
