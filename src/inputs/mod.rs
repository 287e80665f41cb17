//! Readers for everything a dossier gives: `hoso.toml`, `so-lieu`, the list forms and `noi-dung.md`.
//! Each turns raw files into resolved types once; later stages trust them. What is wrong with a
//! file is a [`Problem`](crate::problem::Problem) carrying its place, worded in
//! `problem::messages::inputs`.

// A reader's error is a Problem (a value the officer reads, on the cold path): boxing it in every
// Result would only make the readers harder to follow.
#![allow(clippy::result_large_err)]

pub mod dossier;
pub mod figures;
pub mod legacy;
pub mod listform;
pub mod listtables;
pub mod markdown;
pub mod narrative;
pub mod noidung;
pub mod procedure;
pub mod received;
pub mod sheet;
pub mod solieu;
pub mod worddoc;
