//! The interactive front end: actions, the keymap, the state, `update`, and
//! the loop that reads events and performs effects.

pub mod action;
pub mod background;
pub mod editor;
pub mod files;
pub mod input;
pub mod keymap;
pub mod list_view;
mod pen;
mod rows;
pub mod run;
pub mod state;
pub mod terminal;
pub mod update;
pub mod watch;
pub mod wire;
