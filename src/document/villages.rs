//! The annex of a commune's villages × conditions (texts: forms/reports.toml `[thon]`).

use crate::document::model::*;
use crate::document::{file_part, fill};
use crate::evaluate::assessed::Checked;

pub fn annex(c: &Checked) -> Option<Document> {
    let set = c.villages.set.as_ref()?;
    if c.villages.list.is_empty() {
        return None;
    }
    let f = &crate::document::forms::reports().thon;
    let conds: Vec<&crate::criteria::Indicator> = set.top_level().collect();
    let mut columns = f.first_columns.clone();
    columns.extend(conds.iter().map(|i| i.code.clone()));
    columns.push(f.last_column.clone());
    let each = (1.0 - f.widths[0] - f.widths[1] - f.widths[2]) / conds.len().max(1) as f32;
    let mut widths = vec![f.widths[0], f.widths[1]];
    widths.extend(conds.iter().map(|_| each));
    widths.push(f.widths[2]);
    let rows = c
        .villages
        .list
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let mut cells = vec![
                TableCell::new((k + 1).to_string(), Align::Center),
                TableCell::new(t.ten.clone(), Align::Left),
            ];
            for i in &conds {
                let e = t.evaluated.iter().find(|e| e.code == i.code);
                let text = match e {
                    Some(e) if e.value.is_empty() => e.evaluation.label().to_string(),
                    Some(e) => format!("{} ({})", e.evaluation.label(), e.value),
                    None => String::new(),
                };
                cells.push(TableCell::new(text, Align::Center));
            }
            cells.push(TableCell::new(t.summary.ket_luan.clone(), Align::Center));
            TableRow {
                cells,
                group: false,
            }
        })
        .collect();
    let n = c.villages.list.len();
    let dat = c.villages.met();
    let extra = [
        ("SET_TITLE", set.title.to_uppercase()),
        ("n", n.to_string()),
        ("dat", dat.to_string()),
        ("khong_dat", (n - dat).to_string()),
    ];
    let mut blocks = vec![
        Block::AnnexHeading {
            label: f.label.clone(),
            title: vec![fill(&f.title, &c.info, &extra)],
            attached_to: fill(&f.attached, &c.info, &extra),
        },
        Block::Table(Table {
            widths,
            header: vec![TableRow::header(&columns)],
            rows,
            size_pt: crate::document::style::layout().table_size_pt,
        }),
        Block::Para(Para::body(vec![Run::bold(fill(
            &f.totals, &c.info, &extra,
        ))])),
        Block::Para(Para::body(vec![Run::italic(f.legend.clone())])),
    ];
    for i in &conds {
        blocks.push(Block::text(format!("{}: {}", i.code, i.name)));
    }
    let head = Head {
        file_stem: format!("PhuLucThon-{}-{}", file_part(&c.info.don_vi.xa), c.info.nam),
        title: crate::document::annex::title(&f.label, &fill(&f.title, &c.info, &extra)),
        author: crate::document::author(&c.info),
        page: PageSetup::landscape(),
        date: c.info.van_ban.ngay.ymd(),
    };
    Some(Document::new(head, blocks))
}
