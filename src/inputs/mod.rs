//! Readers for everything a dossier gives: `hoso.toml`, `so-lieu`, the list forms and `noi-dung.md`.
//! Each turns raw files into resolved types once; later stages trust them.

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
