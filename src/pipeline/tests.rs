//! Unit tests that need a whole checked dossier (the example), for stages that cannot run the
//! pipeline themselves.

use crate::evaluate::assessed::Checked;
use crate::package::hoso_xml;

fn example() -> Checked {
    let cat = crate::criteria::Catalog::load().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("evidence-layout/vi-du");
    crate::pipeline::check(&cat, &dir, &crate::pipeline::Options::default()).unwrap()
}

#[test]
fn file_code_is_organ_id_year_and_notation_and_a_missing_code_is_warned() {
    let mut c = example();
    let (x, w) = hoso_xml::commune(&c, &[]);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("ma_dinh_danh"));
    assert!(
        x.contains("<OrganId></OrganId>") && x.contains("<FileCode>2024.125/BC-UBND</FileCode>"),
        "{x}"
    );
    c.info.don_vi.ma_dinh_danh = "000.00.12.H56".into();
    let doc = crate::document::report::mau01(&c);
    let (x, w) = hoso_xml::commune(
        &c,
        &[hoso_xml::Doc {
            doc: &doc,
            file: "Mau01.pdf".into(),
            pages: 7,
        }],
    );
    assert!(w.is_empty(), "{w:?}");
    assert!(
        x.contains("<FileCode>000.00.12.H56.2024.125/BC-UBND</FileCode>"),
        "{x}"
    );
    assert!(
        x.contains("<CodeNumber>125</CodeNumber>")
            && x.contains("<CodeNotation>BC-UBND</CodeNotation>")
    );
    assert!(x.contains("<DocTotal>1</DocTotal>") && x.contains("<PageTotal>7</PageTotal>"));
    assert!(
        x.contains("<FullName>Lê Văn Hùng</FullName>")
            && x.contains("<IssuedDate>10/11/2024</IssuedDate>")
    );
    c.info.don_vi.ma_dinh_danh = "H56".into();
    assert!(hoso_xml::commune(&c, &[]).1[0].contains("13"));
}
