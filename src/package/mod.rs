// TEMPORARY placeholder (never committed).
use std::path::{Path, PathBuf};
pub enum Source {
    File(PathBuf),
    Bytes(std::sync::Arc<Vec<u8>>),
}
pub struct Entry {
    pub path: String,
    pub source: Source,
}
pub struct BagInfo {
    pub bag_name: String,
    pub source_organization: String,
    pub bagging_date: (i32, u32, u32),
    pub external_description: String,
    pub extra: Vec<(String, String)>,
}
pub struct Hashed {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}
pub struct PackageSummary {
    pub zip_path: PathBuf,
    pub zip_sha256: String,
    pub files: usize,
    pub payload_bytes: u64,
}
pub enum Problem {
    Changed(String),
}
impl Problem {
    pub fn message(&self) -> String {
        String::new()
    }
}
pub struct VerifyReport {
    pub ok: bool,
    pub problems: Vec<Problem>,
    pub files_checked: usize,
    pub bag_name: String,
}
pub fn hash_entries(_e: &[Entry], _p: bool) -> Result<Vec<Hashed>, String> {
    Err("x".into())
}
pub fn write_package(
    _o: &Path,
    _i: &BagInfo,
    _e: &[Entry],
    _h: &[Hashed],
    _p: bool,
) -> Result<PackageSummary, String> {
    Err("x".into())
}
pub fn verify(_p: &Path, _g: bool) -> Result<VerifyReport, String> {
    Err("x".into())
}
pub fn list_data(_z: &Path) -> Result<Vec<(String, u64)>, String> {
    Err("x".into())
}
pub fn read_data(_z: &Path, _i: &str) -> Result<Vec<u8>, String> {
    Err("x".into())
}
