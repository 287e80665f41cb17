//! Files compiled into the binary by build.rs: `forms/**.toml` and `fonts/*.ttf`.
include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
