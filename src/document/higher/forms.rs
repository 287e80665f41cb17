//! The higher levels' form texts (`forms/levels.toml`), loaded once: Mẫu 02/03/04 and what their
//! section I says of the package received, Phụ lục 02/03 and the province summary. Builders take
//! every fixed sentence from here.

use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Common {
    pub group_headings: Vec<String>,
    pub line_dat: String,
    pub line_khong_dat: String,
    pub line_khac: String,
    pub differs: String,
    pub district_agency: String,
}

/// Section I of Mẫu 02–04: the package received and what verifying it found.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Received {
    pub district: String,
    pub commune: String,
    pub signatures: String,
    pub unsigned: String,
    pub sha256: String,
    pub errors: String,
    pub warnings: String,
    pub more: String,
}

/// Mẫu 02 and 04 (reports) and Mẫu 03 (letter) share their parts; the letter has no title and a
/// fixed signer, the reports an annex reference.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub vv: String,
    #[serde(default)]
    pub kinh_gui: String,
    pub preamble: String,
    pub part1: String,
    pub part2: String,
    #[serde(default)]
    pub annex_reference: String,
    pub part3: String,
    pub part4: String,
    pub conclusion: String,
    pub result: String,
    pub dat: String,
    pub khong_dat: String,
    pub part5: String,
    #[serde(default)]
    pub signer_authority: String,
    #[serde(default)]
    pub signer_title: String,
    #[serde(default)]
    pub signer_hint: String,
}

pub use crate::document::forms::Annex;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub kind: String,
    pub subject: String,
    pub intro: String,
    pub columns: Vec<String>,
    pub widths: Vec<f32>,
    pub totals: String,
    pub refused: String,
    pub sheet: String,
    pub sheet_refused: String,
    pub default_recipients: Vec<String>,
    pub sheet_widths: Vec<f64>,
    pub refused_columns: Vec<String>,
    pub refused_widths: Vec<f64>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    pub common: Common,
    pub received: Received,
    pub mau02: Report,
    pub phuluc02: Annex,
    pub mau03: Report,
    pub mau04: Report,
    pub phuluc03: Annex,
    pub tong_hop: Summary,
}

/// `forms/levels.toml`.
pub static LEVELS: crate::forms::Table<Levels> = crate::forms::Table::new("levels.toml");

pub fn levels() -> &'static Levels {
    LEVELS.get()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fill;

    #[test]
    fn levels_load_and_columns_are_the_seeds() {
        let l = levels();
        assert_eq!(l.phuluc02.columns[3], "Chỉ tiêu");
        assert_eq!(
            l.phuluc02.columns[4..6],
            [
                "Kết quả tự đánh giá của UBND cấp xã",
                "Kết quả thẩm định của UBND cấp huyện"
            ]
        );
        assert_eq!(
            l.phuluc03.columns[4..6],
            [
                "Kết quả thẩm định của UBND cấp huyện",
                "Kết quả thẩm tra của Sở TTTT"
            ]
        );
        for a in [&l.phuluc02, &l.phuluc03] {
            assert_eq!(a.columns.len(), a.widths.len());
        }
        assert_eq!(l.tong_hop.columns.len(), l.tong_hop.widths.len());
        assert_eq!(l.tong_hop.columns.len(), l.tong_hop.sheet_widths.len());
        assert_eq!(
            l.tong_hop.refused_columns.len(),
            l.tong_hop.refused_widths.len()
        );
        assert!(l.mau04.annex_reference.contains("Phụ lục số 03"));
        assert_eq!(
            fill("{xa} {XA}", &[("xa", "Tân Phúc".into())]),
            "Tân Phúc TÂN PHÚC"
        );
    }
}
