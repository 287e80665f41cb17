//! What the package stage tells the officer: the ND30 metadata (ho-so.xml) it could not fill.

pub fn organ_id_missing() -> String {
    "hoso.toml: chưa có [don_vi] ma_dinh_danh (mã định danh 13 ký tự của cơ quan, Nghị định 30/2020 Phụ lục VI) — OrganId và phần đầu FileCode trong ho-so.xml để trống".to_string()
}

pub fn organ_id_length(organ: &str) -> String {
    format!("hoso.toml: [don_vi] ma_dinh_danh = \"{organ}\" không đủ 13 ký tự — OrganId trong ho-so.xml để trống")
}
