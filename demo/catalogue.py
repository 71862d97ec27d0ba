"""The demo procedure catalogue: commune-level procedures (TTHC) with their national codes.

Codes and names follow the National Database on Administrative Procedures as they appear in
public lists of commune-level procedures; the online-service levels are the demo's assumption
(44 partial + 7 full = the 51 procedures with online service of the Bình Phước report, under
Quảng Ngãi's Decision 906/QĐ-UBND of 14/06/2023), and a real deployment replaces this catalogue
with the province's published list through `import_procedures`.

Besides what the catalogue stores, each entry carries what the generator needs to make realistic
dossiers: the legal processing time (working days, 0 = the same day), whether the deadline is a
date only (end of that day) or a moment, the fee in VND, and how often it is asked for."""

from __future__ import annotations

from dataclasses import dataclass

from tthc.models import OnlineLevel, Procedure

BIRTH_GROUP = (
    "Liên thông: Đăng ký khai sinh - Đăng ký thường trú - Cấp thẻ BHYT cho trẻ em dưới 6 tuổi"
)
DEATH_GROUP = (
    "Liên thông: Đăng ký khai tử - Xóa đăng ký thường trú - Hưởng chế độ tử tuất/"
    "hỗ trợ chi phí mai táng/hưởng mai táng phí"
)

P, F, N = OnlineLevel.PARTIAL, OnlineLevel.FULL, OnlineLevel.NONE


@dataclass(frozen=True)
class ProcedureSpec:
    code: str
    name: str
    field: str
    level: str
    days: int  # legal processing time in working days (0 = same day)
    date_only: bool  # deadline is a date (end of day) rather than a moment
    fee: int  # VND per dossier (per page for copies: see PER_PAGE)
    weight: float  # relative frequency within its level
    linked_group: str = ""


PER_PAGE = {"2.000815"}  # certified copies: 2 000 đ per page

# fmt: off
PROCEDURES: list[ProcedureSpec] = [
    # --- Hộ tịch (civil status) ---
    ProcedureSpec("1.001193", "Đăng ký khai sinh", "Hộ tịch", P, 0, True, 0, 80, BIRTH_GROUP),
    ProcedureSpec("1.000656", "Đăng ký khai tử", "Hộ tịch", P, 0, True, 0, 35, DEATH_GROUP),
    ProcedureSpec("1.000894", "Đăng ký kết hôn", "Hộ tịch", P, 0, True, 0, 40),
    ProcedureSpec("1.004884", "Đăng ký lại khai sinh", "Hộ tịch", P, 5, False, 6000, 12),
    ProcedureSpec("1.005461", "Đăng ký lại khai tử", "Hộ tịch", P, 5, False, 6000, 3),
    ProcedureSpec("1.004746", "Đăng ký lại kết hôn", "Hộ tịch", P, 5, False, 6000, 2),
    ProcedureSpec("1.000689", "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con", "Hộ tịch", P, 3, False, 6000, 3),
    ProcedureSpec("1.000593", "Đăng ký kết hôn lưu động", "Hộ tịch", P, 5, True, 0, 1),
    ProcedureSpec("1.000419", "Đăng ký khai tử lưu động", "Hộ tịch", P, 5, True, 0, 1),
    ProcedureSpec("1.004859", "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc", "Hộ tịch", P, 3, False, 10000, 18),
    ProcedureSpec("3.000323", "Đăng ký giám sát việc giám hộ", "Hộ tịch", P, 3, False, 0, 1),
    ProcedureSpec("2.001263", "Đăng ký việc nuôi con nuôi trong nước", "Nuôi con nuôi", P, 20, True, 0, 1),
    ProcedureSpec("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", F, 3, False, 4000, 85),
    ProcedureSpec("2.000635", "Cấp bản sao Trích lục hộ tịch", "Hộ tịch", F, 0, True, 8000, 45),
    ProcedureSpec("1.004845", "Đăng ký chấm dứt giám hộ", "Hộ tịch", F, 2, False, 0, 1),
    # --- Chứng thực (certification) ---
    ProcedureSpec("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận", "Chứng thực", P, 0, True, 2000, 520),
    ProcedureSpec("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)", "Chứng thực", P, 0, True, 10000, 150),
    ProcedureSpec("2.001008", "Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật", "Chứng thực", P, 0, True, 10000, 4),
    ProcedureSpec("2.000992", "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật của Phòng Tư pháp", "Chứng thực", P, 0, True, 10000, 2),
    ProcedureSpec("2.000942", "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực", "Chứng thực", P, 2, False, 8000, 10),
    ProcedureSpec("2.001019", "Chứng thực di chúc", "Chứng thực", P, 2, False, 50000, 4),
    ProcedureSpec("2.001035", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở", "Chứng thực", N, 2, False, 50000, 230),
    ProcedureSpec("2.001406", "Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở", "Chứng thực", N, 2, False, 50000, 60),
    ProcedureSpec("2.000913", "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", "Chứng thực", N, 2, False, 30000, 30),
    ProcedureSpec("2.000927", "Sửa lỗi sai sót trong hợp đồng, giao dịch", "Chứng thực", N, 2, False, 10000, 10),
    # --- Bảo trợ xã hội, giảm nghèo, người có công ---
    ProcedureSpec("1.001731", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "Bảo trợ xã hội", P, 5, True, 0, 10, DEATH_GROUP),
    ProcedureSpec("1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng", "Bảo trợ xã hội", P, 20, True, 0, 40),
    ProcedureSpec("1.001699", "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật", "Bảo trợ xã hội", P, 25, True, 0, 14),
    ProcedureSpec("1.001653", "Đổi, cấp lại Giấy xác nhận khuyết tật", "Bảo trợ xã hội", F, 5, True, 0, 4),
    ProcedureSpec("1.011607", "Công nhận hộ nghèo, hộ cận nghèo thường xuyên hằng năm", "Giảm nghèo", P, 15, True, 0, 6),
    ProcedureSpec("1.011606", "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm", "Giảm nghèo", P, 7, True, 0, 4),
    ProcedureSpec("1.011608", "Công nhận hộ thoát nghèo, hộ thoát cận nghèo thường xuyên hằng năm", "Giảm nghèo", F, 15, True, 0, 3),
    ProcedureSpec("2.002307", "Giải quyết chế độ mai táng phí đối với cựu chiến binh", "Người có công", P, 10, True, 0, 3, DEATH_GROUP),
    ProcedureSpec("2.002308", "Giải quyết chế độ mai táng phí đối với thanh niên xung phong thời kỳ chống Pháp", "Người có công", P, 10, True, 0, 1, DEATH_GROUP),
    ProcedureSpec("1.010803", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", "Người có công", P, 12, True, 0, 3),
    ProcedureSpec("1.010815", "Công nhận và giải quyết chế độ ưu đãi người hoạt động cách mạng", "Người có công", N, 12, True, 0, 6),
    # --- Hòa giải cơ sở ---
    ProcedureSpec("1.002211", "Thủ tục công nhận hòa giải viên", "Hòa giải cơ sở", P, 3, True, 0, 1),
    ProcedureSpec("2.000950", "Thủ tục công nhận tổ trưởng tổ hòa giải", "Hòa giải cơ sở", P, 3, True, 0, 1),
    ProcedureSpec("2.000930", "Thủ tục thôi làm hòa giải viên", "Hòa giải cơ sở", F, 3, True, 0, 1),
    ProcedureSpec("2.000424", "Thủ tục thanh toán thù lao cho hòa giải viên", "Hòa giải cơ sở", F, 5, True, 0, 1),
    # --- Đất đai (received at the commune, decided upstream) ---
    ProcedureSpec("1.012812", "Hòa giải tranh chấp đất đai", "Đất đai", P, 30, True, 0, 5),
    ProcedureSpec("1.012787", "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu", "Đất đai", P, 20, True, 0, 20),
    ProcedureSpec("1.013831", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế", "Đất đai", P, 10, True, 0, 70),
    ProcedureSpec("1.013992", "Chuyển mục đích sử dụng đất không phải xin phép", "Đất đai", P, 10, True, 0, 16),
    ProcedureSpec("1.012694", "Chuyển mục đích sử dụng rừng sang mục đích khác đối với cá nhân", "Lâm nghiệp", N, 15, True, 0, 3),
    # --- Other fields ---
    ProcedureSpec("1.012591", "Đăng ký bổ sung hoạt động tín ngưỡng", "Tín ngưỡng, tôn giáo", P, 15, True, 0, 1),
    ProcedureSpec("1.001662", "Đăng ký khai thác nước dưới đất", "Tài nguyên nước", P, 10, True, 0, 2),
    ProcedureSpec("1.003702", "Hỗ trợ học tập đối với trẻ mẫu giáo, học sinh tiểu học, học sinh trung học cơ sở, sinh viên các dân tộc thiểu số rất ít người", "Giáo dục và Đào tạo", P, 10, True, 0, 3),
    ProcedureSpec("2.002770", "Xét, duyệt chính sách hỗ trợ đối với học sinh bán trú", "Giáo dục và Đào tạo", P, 10, True, 0, 2),
    ProcedureSpec("2.002771", "Xét, duyệt chính sách hỗ trợ đối với trẻ em nhà trẻ bán trú", "Giáo dục và Đào tạo", P, 10, True, 0, 1),
    ProcedureSpec("3.000410", "Quyết định xác lập quyền sở hữu toàn dân đối với tài sản không có người thừa kế", "Quản lý công sản", N, 30, True, 0, 1),
    ProcedureSpec("1.012568", "Giao tài sản kết cấu hạ tầng chợ do cấp xã quản lý", "Quản lý công sản", N, 30, True, 0, 0.3),
    # --- Cư trú: members of the linked groups, handled by the commune police (no dossiers here) ---
    ProcedureSpec("1.004222", "Đăng ký thường trú", "Đăng ký, quản lý cư trú", P, 7, True, 0, 0, BIRTH_GROUP),
    ProcedureSpec("1.003197", "Xóa đăng ký thường trú", "Đăng ký, quản lý cư trú", P, 2, True, 0, 0, DEATH_GROUP),
    ProcedureSpec("1.004194", "Đăng ký tạm trú", "Đăng ký, quản lý cư trú", P, 3, True, 0, 0),
    ProcedureSpec("1.002755", "Gia hạn tạm trú", "Đăng ký, quản lý cư trú", P, 3, True, 0, 0),
    ProcedureSpec("1.010028", "Xóa đăng ký tạm trú", "Đăng ký, quản lý cư trú", P, 1, True, 0, 0),
    ProcedureSpec("1.003677", "Khai báo tạm vắng", "Đăng ký, quản lý cư trú", P, 1, True, 0, 0),
    ProcedureSpec("1.010038", "Tách hộ", "Đăng ký, quản lý cư trú", P, 3, True, 0, 0),
]
# fmt: on

BY_CODE = {p.code: p for p in PROCEDURES}
LAND_FIELD = "Đất đai"


def ensure_catalogue() -> dict[str, int]:
    """Create the procedures missing from the catalogue (by national code). An existing procedure
    is never changed: an admin's import of the province's list wins. Returns {code: id}."""
    existing = {p.code: p for p in Procedure.objects.filter(code__in=BY_CODE)}
    for spec in PROCEDURES:
        proc = existing.get(spec.code)
        values = {
            "name": spec.name,
            "field": spec.field,
            "online_level": spec.level,
            "linked_group": spec.linked_group,
        }
        if proc is None:
            existing[spec.code] = Procedure.objects.create(code=spec.code, **values)
    return {code: p.pk for code, p in existing.items()}


def by_level(level: str) -> list[ProcedureSpec]:
    """Procedures of a level that the commune's one-stop shop receives (weight > 0)."""
    return [p for p in PROCEDURES if p.level == level and p.weight > 0]
