// TEMPORARY placeholder until the docx renderer lands (never committed).
pub fn render_docx(_d: &crate::document::model::Document) -> Result<Vec<u8>, String> {
    Err("docx chưa có".into())
}
