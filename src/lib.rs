//! careguide: a validated directory of care facilities, loaded from RON
//! files, with a TUI and a scriptable CLI over one search index.
//!
//! The five-minute tour:
//! - `model`: the linked `Directory` (cities, facilities, contacts, sources).
//! - `data`: reading, parsing and validating the RON files into a
//!   `Directory`, with every problem reported at `path:line:col`; the
//!   personal overlay merged over it; `notes.ron`, the one file careguide
//!   writes (atomically, by insertion).
//! - `text`: the character policy, the sanitiser and pinyin forms.
//! - `cli` and `cmd`: the command line, one file per command.
//! - `export`: JSON, CSV and vCard 4.0 renderings of the directory.
//! - `config` and `last_place`: the config file (home city, keys,
//!   colours) and where the user left off.
//! - `process`: external commands (tmux) run with a deadline.
//! - `tui` and `ui`: the interactive directory (state, `update`, the loop
//!   with its editor, live reload and file watching) and its drawing.
#![forbid(unsafe_code)]

pub mod card;
pub mod cli;
pub mod clipboard;
pub mod cmd;
pub mod config;
pub mod data;
pub mod export;
pub mod last_place;
pub mod model;
pub mod process;
pub mod qr;
pub mod search;
pub mod text;
pub mod tui;
pub mod ui;
