//! The interactive front end. The state's side — `state` (data only),
//! `action`, `keymap`, `layout` (the geometry both sides read), `sheet`
//! (the emergency overlay's pages as rows, which both sides read too) and
//! `update` (the only code that changes the state) — knows nothing of
//! drawing; the loop (`run`) reads events, calls `update`, performs the
//! effects at the edge (`terminal`, `input`, `editor`, `watch`) and draws
//! with `ui::render` through `wire` and `pen`.

pub mod action;
pub mod card_view;
pub mod editor;
pub mod input;
pub mod keymap;
pub mod layout;
mod pen;
pub mod run;
pub mod sheet;
pub mod state;
pub mod terminal;
pub mod update;
pub mod watch;
pub mod wire;
