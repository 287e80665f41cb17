#!/usr/bin/env python3
"""Writes noi-dung.docx of the example dossier (evidence-layout/vi-du): the report's narrative as a
commune officer types it in Word — section headings in Word's Heading 2 style, the models of Mẫu 01
III.2 under Heading 3 ("Tên mô hình 1: …", "- Mô tả: …", "- Nhận xét (tính hiệu quả): …"), a
bulleted list and a few bold words. tao_vi_du.py calls it; it can also run alone. Needs python-docx.

Usage: python3 evidence-layout/tools/tao_noi_dung.py evidence-layout/vi-du/noi-dung.docx
"""
import datetime
import sys

import docx

B = "**"  # a bold run inside a text: "chữ **đậm** chữ"

NOI_DUNG = [
    ("Công tác lãnh đạo, chỉ đạo tổ chức triển khai thực hiện", [
        "Ban Chỉ đạo chuyển đổi số xã được kiện toàn theo Quyết định số 45/QĐ-UBND ngày 15/02/2024; các thành viên được phân công phụ trách từng nhóm tiêu chí và định kỳ báo cáo hằng tháng.",
    ]),
    ("Công tác thông tin, tuyên truyền", [
        "Đài truyền thanh xã phát **48 chuyên mục** về chuyển đổi số; Trang thông tin điện tử đăng **214 tin, bài**; Tổ công nghệ số cộng đồng 6 thôn hướng dẫn người dân cài đặt VNeID, ứng dụng ngân hàng và dịch vụ công trực tuyến.",
    ]),
    ("Công tác ban hành các cơ chế, chính sách, văn bản, quy định", [
        "UBND xã ban hành Kế hoạch chuyển đổi số năm 2024 và Quy chế hoạt động của Trang thông tin điện tử.",
    ]),
    ("Thuận lợi", [
        "Được sự quan tâm của Huyện ủy, UBND huyện; cụ thể:",
        ("bullet", "hạ tầng viễn thông phủ khắp 6 thôn;"),
        ("bullet", "đội ngũ cán bộ, công chức trẻ, tiếp cận nhanh công nghệ."),
    ]),
    ("Khó khăn, tồn tại", [
        "Tỷ lệ dân số trưởng thành dùng dịch vụ tư vấn sức khỏe trực tuyến còn thấp; một bộ phận người cao tuổi chưa sử dụng điện thoại thông minh.",
    ]),
    ("Nguyên nhân", [
        "Người dân chưa quen khám chữa bệnh từ xa; trạm y tế xã mới triển khai nền tảng tư vấn trực tuyến từ tháng 8/2024.",
    ]),
    ("Một số mô hình chuyển đổi số nổi bật", [
        ("model", "Tên mô hình 1: Thôn thông minh tại thôn Phúc Lợi"),
        "- Mô tả: 100% hộ gia đình được gắn địa chỉ số; camera an ninh kết nối Công an xã.",
        "- Nhận xét (tính hiệu quả): Công an xã nắm địa bàn, xử lý tin báo nhanh hơn so với tuần tra, ghi chép bằng sổ.",
        ("model", "Tên mô hình 2: Chợ 4.0"),
        "- Mô tả: Tiểu thương chợ Tân Phúc thanh toán không dùng tiền mặt bằng mã QR.",
        "- Nhận xét (tính hiệu quả): Giảm dùng tiền mặt, người mua và người bán không phải đổi tiền lẻ.",
    ]),
    ("Nhiệm vụ, giải pháp tiếp theo", [
        "Đẩy mạnh tư vấn sức khỏe trực tuyến tại trạm y tế xã; tiếp tục phổ cập kỹ năng số cho người cao tuổi.",
    ]),
    ("Kiến nghị, đề xuất", [
        "Đề nghị UBND huyện hỗ trợ kinh phí nâng cấp hệ thống hội nghị truyền hình đến cấp thôn.",
    ]),
]


def runs(p, text):
    for i, part in enumerate(text.split(B)):
        if part:
            p.add_run(part).bold = True if i % 2 else None


def build(path):
    d = docx.Document()
    fixed = datetime.datetime(2024, 11, 1, 8, 0, 0)
    d.core_properties.created = fixed
    d.core_properties.modified = fixed
    d.core_properties.author = "UBND xã Tân Phúc"
    d.core_properties.last_modified_by = "UBND xã Tân Phúc"
    d.core_properties.title = "Nội dung báo cáo — xã Tân Phúc, năm 2024"
    d.add_paragraph("Nội dung báo cáo — xã Tân Phúc, năm 2024", style="Title")
    for heading, items in NOI_DUNG:
        d.add_heading(heading, level=2)
        for it in items:
            if isinstance(it, tuple) and it[0] == "model":
                d.add_heading(it[1], level=3)
            elif isinstance(it, tuple):
                runs(d.add_paragraph(style="List Bullet"), it[1])
            else:
                runs(d.add_paragraph(), it)
    d.save(path)


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "noi-dung.docx")
