//! Jalin: qualitative coding of interviews, focus groups, documents and
//! field notes.
//!
//! The library holds all logic and knows nothing of the GUI:
//! [`model`] (plain types), [`store`] (the SQLite project file, the only
//! place with SQL), [`import`] (files to sources), [`analysis`] (tables as
//! pure functions), [`export`] (writers), [`demo`] (the built-in study) and
//! [`cli`] (the headless command line). [`app`] is the workbench's state
//! without drawing; `ui` (feature `gui`, on by default) draws it with egui.

pub mod analysis;
pub mod app;
pub mod bench;
pub mod cli;
pub mod command;
pub mod container;
pub mod demo;
pub mod exchange;
pub mod export;
pub mod files;
pub mod fonts;
pub mod i18n;
pub mod import;
pub mod merge;
pub mod model;
pub mod search;
pub mod store;
#[cfg(feature = "gui")]
pub mod ui;
