// TEMPORARY placeholder (never committed).
pub enum SigStatus {
    Unsigned,
    Valid { count: usize, signers: Vec<String> },
    Broken { reason: String },
}
pub fn check_pdf(_p: &std::path::Path) -> Result<SigStatus, String> {
    Ok(SigStatus::Unsigned)
}
pub fn check_bytes(_b: &[u8]) -> Result<SigStatus, String> {
    Ok(SigStatus::Unsigned)
}
