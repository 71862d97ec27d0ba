"""The register of documents of Xã Bình Phước for 2023: every document the seed report cites
(number, symbol, date, issuing body, subject as the seed words them), and the narrative of the
sections that cite them through `{{ vb:… }}` / `{{ vbs:… }}` placeholders, every figure through
its indicator placeholder, so the rendered commune 21073/2023 report prints the references.

Where the seed gives no date (Kế hoạch số 17/KH-UBND) none is recorded; where it names no subject
(QĐ 48/2021/QĐ-UBND, Chỉ thị 31-CT/TU) the subject is the matter the seed cites them for.
`plan_of_tasks` marks the plan the period's plan tasks link to (QĐ 690: "UBND xã đã ban hành Kế
hoạch CCHC năm 2023 tại Quyết định số 690/QĐ-UBND ngày 30/12/2022; trong đó đã đề ra 28 nhiệm vụ").
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from plans.models import DocumentType, PlanTask, RegisteredDocument

if TYPE_CHECKING:
    from orgs.models import Period, Unit

D = dt.date
XA = "UBND xã Bình Phước"
HUYEN = "UBND huyện Bình Sơn"
TINH = "UBND tỉnh Quảng Ngãi"
CP = "Chính phủ"
KH, QD, CV = DocumentType.PLAN, DocumentType.DECISION, DocumentType.LETTER
ND, NQ, CT = DocumentType.DECREE, DocumentType.RESOLUTION, DocumentType.DIRECTIVE


def _doc(
    doc_type: str, number: str, symbol: str, issued_on: dt.date | None, issuer: str, subject: str
) -> dict[str, Any]:
    return {
        "doc_type": doc_type,
        "number": number,
        "symbol": symbol,
        "issued_on": issued_on,
        "issuer": issuer,
        "subject": subject,
    }


DOCUMENTS_2023: list[dict[str, Any]] = [
    _doc(NQ, "76", "NQ-CP", D(2021, 7, 15), CP,
         "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030"),
    _doc(QD, "2621", "QĐ-UBND", D(2022, 12, 31), HUYEN,
         "Ban hành Kế hoạch cải cách hành chính năm 2023 của UBND huyện Bình Sơn"),
    {**_doc(QD, "690", "QĐ-UBND", D(2022, 12, 30), XA,
            "Ban hành Kế hoạch cải cách hành chính năm 2023"), "plan_of_tasks": True},
    _doc(CV, "58", "UBND", D(2023, 2, 22), XA,
         "Chỉ đạo triển khai thực hiện kế hoạch cải cách hành chính năm 2023 trên địa bàn xã"),
    _doc(KH, "18", "KH-UBND", D(2023, 2, 22), XA, "Tuyên truyền cải cách hành chính năm 2023"),
    _doc(KH, "15", "KH-UBND", D(2023, 2, 16), XA, "Kiểm soát thủ tục hành chính năm 2023"),
    _doc(KH, "17", "KH-UBND", None, XA,
         "Truyền thông về hoạt động kiểm soát thủ tục hành chính"),
    _doc(KH, "13", "KH-UBND", D(2023, 2, 17), XA,
         "Rà soát, đánh giá thủ tục hành chính năm 2023"),
    _doc(KH, "64", "KH-UBND", D(2023, 8, 28), XA,
         "Tự kiểm tra nội bộ công tác kiểm soát TTHC năm 2023"),
    _doc(ND, "61/2018", "NĐ-CP", D(2018, 4, 23), CP,
         "Thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"),
    _doc(QD, "44/2022", "QĐ-UBND", D(2022, 11, 24), TINH,
         "Ban hành Quy chế về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết "
         "TTHC trên địa bàn tỉnh Quảng Ngãi"),
    _doc(KH, "09", "KH-UBND", D(2023, 1, 30), XA,
         "Khảo sát, đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ hành chính "
         "xã Bình Phước năm 2023"),
    _doc(ND, "33/2023", "NĐ-CP", D(2023, 6, 10), CP,
         "Quy định về cán bộ, công chức cấp xã và người hoạt động không chuyên trách ở cấp xã, "
         "ở thôn, tổ dân phố"),
    _doc(QD, "96", "QĐ-UBND", D(2023, 2, 3), TINH,
         "Giao số lượng, bố trí cán bộ, công chức xã, phường, thị trấn của tỉnh Quảng Ngãi"),
    _doc(KH, "03", "KH-UBND", D(2023, 1, 16), XA,
         "Đào tạo, bồi dưỡng chuyên môn, nghiệp vụ, trình độ chính trị cho cán bộ, công chức, "
         "người hoạt động không chuyên trách năm 2023"),
    _doc(KH, "16", "KH-UBND", D(2023, 2, 22), XA,
         "Thực hiện kỷ luật, kỷ cương hành chính; nâng cao đạo đức công vụ của đội ngũ cán bộ, "
         "công chức, người hoạt động không chuyên trách trong cơ quan năm 2023"),
    _doc(QD, "76", "QĐ-UBND", D(2023, 2, 20), XA,
         "Kiện toàn Tổ kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính trong cán bộ, công "
         "chức xã"),
    _doc(QD, "48/2021", "QĐ-UBND", D(2021, 9, 22), TINH,
         "Kỷ luật, kỷ cương hành chính (văn bản căn cứ của Kế hoạch số 16/KH-UBND)"),
    _doc(CT, "31", "-CT/TU", D(2014, 6, 13), "Tỉnh ủy Quảng Ngãi",
         "Kỷ luật, kỷ cương hành chính (văn bản căn cứ của Kế hoạch số 16/KH-UBND)"),
    _doc(QD, "30", "QĐ-UBND", D(2023, 1, 30), XA,
         "Ban hành Quy chế quản lý, sử dụng tài sản công"),
    _doc(QD, "906", "QĐ-UBND", D(2023, 6, 14), "Chủ tịch UBND tỉnh Quảng Ngãi",
         "Danh mục TTHC được cung cấp dịch vụ công trực tuyến một phần và toàn trình"),
    _doc(CV, "3986", "UBND", D(2023, 10, 21), HUYEN,
         "Tự đánh giá, chấm điểm để xác định Chỉ số CCHC năm 2023 của UBND huyện và UBND các "
         "xã, thị trấn"),
]  # fmt: skip

_DIRECTION = """- Thực hiện {{ vb:76/NQ-CP }} ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030 và Kế hoạch cải cách hành chính năm 2023 của UBND huyện Bình Sơn ban hành tại {{ vbs:2621/QĐ-UBND }}, UBND xã đã ban hành {{ vb.plan }}; trong đó, đã đề ra {{ plan.tasks }} nhiệm vụ cụ thể; trên cơ sở chức năng nhiệm vụ, UBND xã đã phân công trách nhiệm cụ thể cho từng công chức phụ trách từng nhiệm vụ cụ thể; ban hành {{ vbs:58/UBND }} về việc chỉ đạo triển khai thực hiện kế hoạch cải cách hành chính năm 2023 trên địa bàn xã. Đồng thời, tổ chức hội nghị chuyên đề về công tác cải cách hành chính nhằm đánh giá, phân tích kết quả thực hiện các tiêu chí về Chỉ số cải cách hành chính năm 2022, đề ra một số nhiệm vụ, giải pháp chủ yếu nhằm cải thiện, nâng cao thứ hạng Chỉ số CCHC của xã trong năm 2023. Tính đến nay, UBND xã đã triển khai thực hiện và cơ bản hoàn thành {{ plan.tasks_done }}/{{ plan.tasks }} nhiệm vụ theo Kế hoạch CCHC năm 2023 đã đề ra.
- UBND xã đã ban hành {{ vbs:18/KH-UBND }} về tuyên truyền cải cách hành chính năm 2023 và triển khai thực hiện tuyên truyền về công tác cải cách hành chính bằng nhiều hình thức khác nhau như: lồng ghép vào các cuộc họp, hội nghị cơ quan, ở thôn, đăng tải trên Trang thông tin điện tử xã, tuyên truyền trên mạng xã hội Facebook, Zalo, niêm yết tại Bộ phận tiếp nhận và trả kết quả xã, nhằm góp phần nâng cao hiệu lực, hiệu quả quản lý nhà nước, tạo điều kiện cho Mặt trận, các tổ chức đoàn thể và Nhân dân tham gia giám sát hoạt động của đội ngũ cán bộ, công chức trong thực thi công vụ.
- Công tác chỉ đạo triển khai thực hiện nhiệm vụ của UBND huyện, Chủ tịch, Phó Chủ tịch UBND huyện giao luôn được chú trọng. Trong kỳ báo cáo, có {{ directives.assigned }} nhiệm vụ được UBND, Chủ tịch, Phó Chủ tịch UBND huyện giao; đã giải quyết {{ directives.done }} nhiệm vụ (*trong đó: đúng hạn {{ directives.done_on_time }} nhiệm vụ, hoàn thành nhưng trễ hạn {{ directives.done_late }} nhiệm vụ*); đang trong hạn giải quyết {{ directives.in_time }} nhiệm vụ[[; chưa hoàn thành, đã quá hạn {{ directives.overdue }} nhiệm vụ]]."""

_PROCEDURES = """- *Về kiểm soát, rà soát, đánh giá TTHC:* Thực hiện các văn bản chỉ đạo của cấp trên và kế hoạch kiểm soát thủ tục hành chính hằng năm của UBND huyện, UBND xã đã ban hành {{ vbs:15/KH-UBND }} về việc kiểm soát thủ tục hành chính; {{ vbs:17/KH-UBND }} về truyền thông về hoạt động kiểm soát thủ tục hành chính; {{ vbs:13/KH-UBND }} về rà soát, đánh giá thủ tục hành chính năm 2023; {{ vbs:64/KH-UBND }} tự kiểm tra nội bộ công tác kiểm soát TTHC năm 2023 và tổ chức tự kiểm tra, đánh giá nội bộ hoạt động tiếp nhận, giải quyết TTHC tại Bộ phận Một cửa xã; qua kiểm tra, UBND xã đã kịp thời phát hiện, chỉ đạo khắc phục những tồn tại, thiếu sót trong tổ chức và hoạt động giải quyết TTHC. Triển khai rà soát, đánh giá {{ tthc.procedures_reviewed }} TTHC thuộc thẩm quyền giải quyết của UBND xã; qua rà soát đã đề xuất sửa đổi, đơn giản hóa {{ tthc.simplifications_proposed }} TTHC (*thủ tục đăng ký khai sinh và thủ tục xác nhận tình trạng hôn nhân*).
- *Về công khai TTHC:* Các TTHC sau khi được Chủ tịch UBND tỉnh công bố, UBND xã chỉ đạo công chức làm đầu mối kiểm soát TTHC phối hợp với Bộ phận tiếp nhận và trả kết quả niêm yết công khai, minh bạch bộ thủ tục hành chính thuộc thẩm quyền giải quyết của xã theo quy định; ngoài bảng niêm yết truyền thống, các TTHC có phát sinh hồ sơ được niêm yết bằng mã QR-code và đăng tải trên Trang thông tin điện tử của xã.
- *Về tiếp nhận và xử lý phản ánh, kiến nghị của cá nhân, tổ chức:* Trong kỳ báo cáo, UBND xã đã tiếp nhận {{ feedback.received }} lượt phản ánh, kiến nghị của công dân qua Hệ thống tiếp nhận, trả lời phản ánh, kiến nghị của Chính phủ do cấp trên chuyển đến; đã xử lý {{ feedback.resolved }} lượt, làm việc, trả lời cụ thể cho công dân và báo cáo kết quả cho cấp có thẩm quyền theo quy định.
- *Thực hiện cơ chế một cửa, cơ chế một cửa liên thông:* Căn cứ {{ vb:61/2018/NĐ-CP }} về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính; {{ vb:44/2022/QĐ-UBND }} về việc ban hành Quy chế về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC trên địa bàn tỉnh Quảng Ngãi, UBND xã đã kiện toàn và ban hành nội quy làm việc, phân công nhiệm vụ cụ thể cho từng thành viên của Bộ phận tiếp nhận và trả kết quả theo cơ chế một cửa xã.
- Từ ngày {{ period.start }} đến ngày {{ period.end }}, tổng số hồ sơ được tiếp nhận và giải quyết tại Bộ phận Một cửa xã là {{ tthc.total }} hồ sơ (*trong đó: tiếp nhận trực tuyến {{ tthc.received_online }} hồ sơ; tiếp nhận trực tiếp {{ tthc.received_direct }} hồ sơ; kỳ trước chuyển qua {{ tthc.carried_over }} hồ sơ*). Số hồ sơ đã giải quyết: {{ tthc.resolved }} hồ sơ (*trong đó: giải quyết trước hạn, đúng hạn {{ tthc.resolved_on_time }} hồ sơ, đạt tỷ lệ {{ tthc.on_time_rate }}; trễ hạn {{ tthc.resolved_late }} hồ sơ*); đang giải quyết {{ tthc.pending }} hồ sơ; rút, từ chối {{ tthc.withdrawn }} hồ sơ. Tỷ lệ hồ sơ nộp trực tuyến đạt {{ tthc.online_rate }} so với tổng số hồ sơ được tiếp nhận mới trong năm.
- *Về đo lường mức độ hài lòng của người dân, tổ chức:* UBND xã xây dựng Kế hoạch khảo sát, đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ hành chính xã Bình Phước năm 2023 (*{{ vbs:09/KH-UBND }}*); việc lấy ý kiến được thực hiện tại Bộ phận Một cửa thông qua phiếu khảo sát. Trong kỳ báo cáo, đã phát {{ survey.issued }} phiếu khảo sát, thu về {{ survey.responses }} phiếu; có {{ survey.satisfied }} phiếu đánh giá hài lòng và rất hài lòng, đạt {{ survey.satisfaction_rate }} số phiếu thu về. Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC theo Quyết định số 766/QĐ-TTg (100% trừ tỷ lệ hồ sơ trễ hạn, quá hạn và tỷ lệ phản ánh, kiến nghị) đạt {{ tthc.satisfaction_766 }}."""

_APPARATUS = """- Căn cứ {{ vb:33/2023/NĐ-CP }} quy định về cán bộ, công chức cấp xã và người hoạt động không chuyên trách ở cấp xã, ở thôn, tổ dân phố và {{ vb:96/QĐ-UBND }} về giao số lượng, bố trí cán bộ, công chức xã, phường, thị trấn của tỉnh Quảng Ngãi, xã Bình Phước thuộc đơn vị hành chính loại 2 được bố trí {{ staff.quota }} cán bộ, công chức. Đến nay, UBND xã đã bố trí đủ {{ staff.filled }}/{{ staff.quota }} biên chế theo quy định (*trong đó: cán bộ {{ staff.cadres }} người, công chức {{ staff.civil_servants }} người*). Về trình độ chuyên môn: {{ staff.edu.all }}. Về trình độ lý luận chính trị: {{ staff.pol.all }}.
- Tổng số người hoạt động không chuyên trách của xã là {{ kct.total }} người[[ (*trong đó có {{ kct.concurrent }} trường hợp kiêm nhiệm*)]]. Trình độ chuyên môn: {{ kct.edu.all }}. Về trình độ chính trị: {{ kct.pol.all }}."""

_CIVIL_SERVICE = """- *Về công tác đào tạo, bồi dưỡng cán bộ, công chức:* Căn cứ tình hình thực tế và nhu cầu công việc, UBND xã xây dựng Kế hoạch đào tạo, bồi dưỡng chuyên môn, nghiệp vụ, trình độ chính trị cho cán bộ, công chức, người hoạt động không chuyên trách tại {{ vbs:03/KH-UBND }} và đăng ký đào tạo, bồi dưỡng theo quy định. Trong năm, đã cử {{ training.attendances }} lượt cán bộ, công chức tham gia các lớp bồi dưỡng về chuyên môn, nghiệp vụ do các cấp tổ chức theo kế hoạch.
- *Về chế độ, chính sách:* Chế độ, chính sách của cán bộ, công chức luôn được thực hiện kịp thời, đúng quy định. [[Trong năm đã lập thủ tục [[đề nghị chuyển ngạch lương cho {{ personnel.grade_transfers }} công chức]][[, nâng bậc lương thường xuyên cho {{ personnel.raises }} cán bộ, công chức]][[, chuyển đổi vị trí công tác {{ personnel.rotations }} công chức]].]]
- *Về chấn chỉnh kỷ luật, kỷ cương hành chính:* UBND xã ban hành {{ vbs:16/KH-UBND }} về việc thực hiện kỷ luật, kỷ cương hành chính; nâng cao đạo đức công vụ của đội ngũ cán bộ, công chức, người hoạt động không chuyên trách trong cơ quan năm 2023; {{ vbs:76/QĐ-UBND }} về việc kiện toàn Tổ kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính trong cán bộ, công chức xã và thường xuyên đôn đốc, nhắc nhở việc chấp hành kỷ luật, kỷ cương hành chính của cán bộ, công chức theo {{ vb:48/2021/QĐ-UBND }} và {{ vb:31-CT/TU }}, nhằm nâng cao ý thức, trách nhiệm trong thực hiện nhiệm vụ được giao, tinh thần, thái độ phục vụ Nhân dân. Trong kỳ báo cáo, [[có {{ discipline.cases }} cán bộ, công chức bị xử lý kỷ luật||không có cán bộ, công chức nào bị xử lý kỷ luật]]."""

_FINANCE = """- *Về quản lý, sử dụng tài sản công:* Ngay từ đầu năm, UBND xã đã ban hành Quy chế quản lý, sử dụng tài sản công tại {{ vbs:30/QĐ-UBND }}. Việc quản lý, sử dụng và thực hiện chế độ công khai tài sản công được thực hiện đúng quy định.
- *Về quản lý, sử dụng tài chính ngân sách:* UBND xã tổ chức thực hiện đúng các văn bản hướng dẫn của các cấp; thực hiện đầy đủ chế độ công khai ngân sách theo quy định.
- *Về thu, chi ngân sách:* Tính đến ngày {{ budget.as_of }}, tổng thu ngân sách nhà nước trên địa bàn xã ước đạt {{ budget.revenue_actual }}, bằng {{ budget.revenue_rate }} kế hoạch giao; trong đó thu theo chỉ tiêu Pháp lệnh ước đạt {{ budget.ordinance_revenue_actual }}, bằng {{ budget.ordinance_revenue_rate }} kế hoạch năm. Tổng chi ngân sách ước đạt {{ budget.expenditure_actual }}, bằng {{ budget.expenditure_rate }} kế hoạch năm; công tác điều hành thu, chi ngân sách trong phạm vi nguồn thu được hưởng theo phân cấp và dự toán được giao, bảo đảm chi kịp thời, đúng định mức, tiêu chuẩn, chế độ quy định.
- *Về giải ngân vốn đầu tư công:* Tính đến ngày {{ invest.as_of }}, đã giải ngân được {{ invest.disbursed }}, bằng {{ invest.disbursement_rate }} kế hoạch vốn được giao ({{ invest.allocated }})."""

_EGOV = """- *Về ban hành văn bản chỉ đạo, điều hành và triển khai kế hoạch chuyển đổi số:* UBND xã đã ban hành Kế hoạch xây dựng và phát triển Chính quyền điện tử hướng đến Chính quyền số, kinh tế số, xã hội số năm 2023; Kế hoạch ứng dụng công nghệ thông tin trong hoạt động cơ quan năm 2023; Kế hoạch đẩy mạnh sử dụng dịch vụ công trực tuyến; kiện toàn Ban Chỉ đạo chuyển đổi số và {{ egov.tech_teams }} Tổ công nghệ số cộng đồng ở xã và ở các thôn; thành lập Mô hình “Điểm dịch vụ công trực tuyến” và Mô hình “Công dân số” theo Đề án 06, hướng dẫn người dân kích hoạt định danh điện tử, nộp hồ sơ và thanh toán trực tuyến.
- *Về ứng dụng phần mềm quản lý văn bản và chữ ký số:* Văn bản trao đổi giữa UBND xã và các cơ quan cấp trên được xử lý, luân chuyển dưới dạng điện tử và ký số theo quy định (trừ văn bản mật); tỷ lệ cán bộ, công chức được cấp chứng thư số đạt {{ egov.signature_coverage_rate }}.
- *Kết quả giải quyết hồ sơ TTHC thực hiện dịch vụ công trực tuyến:* Tổng số hồ sơ được tiếp nhận và giải quyết tại Bộ phận Một cửa xã thông qua hình thức nộp hồ sơ trực tuyến là {{ egov.online_eligible_online }}/{{ egov.online_eligible }} hồ sơ được tiếp nhận của TTHC được cung cấp DVC trực tuyến có phát sinh hồ sơ, đạt {{ egov.online_service_rate }}. Trong đó:
+ *Tiếp nhận và giải quyết trực tuyến thông qua Hệ thống thông tin giải quyết TTHC của tỉnh:* Tổng số TTHC thuộc thẩm quyền giải quyết của UBND xã được cung cấp dịch vụ công trực tuyến mức độ một phần và toàn trình theo {{ vb:906/QĐ-UBND }} là {{ egov.procedures_online }} thủ tục (*trong đó: một phần {{ egov.procedures_online_partial }} thủ tục; toàn trình {{ egov.procedures_online_full }} thủ tục*). Tổng số hồ sơ tiếp nhận, giải quyết thông qua hình thức nộp hồ sơ trực tuyến một phần và toàn trình là {{ egov.provincial.online }}/{{ egov.provincial.eligible }} hồ sơ được tiếp nhận của TTHC được cung cấp DVC trực tuyến có phát sinh hồ sơ, đạt tỷ lệ {{ egov.provincial.rate }} (*trong đó: mức độ một phần {{ egov.provincial.online.partial }}/{{ egov.provincial.eligible.partial }} hồ sơ, đạt tỷ lệ {{ egov.provincial.rate.partial }}; mức độ toàn trình {{ egov.provincial.online.full }}/{{ egov.provincial.eligible.full }} hồ sơ, đạt tỷ lệ {{ egov.provincial.rate.full }}*).
+ *Kết quả tiếp nhận và giải quyết trực tuyến thông qua Cổng Dịch vụ công quốc gia đối với 02 nhóm TTHC liên thông:* nhóm liên thông các TTHC đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ em dưới 6 tuổi: đã tiếp nhận và giải quyết thông qua hình thức trực tuyến {{ egov.national.birth.online }}/{{ egov.national.birth.eligible }} hồ sơ, đạt tỷ lệ {{ egov.national.birth.rate }}; nhóm liên thông các TTHC đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất/hỗ trợ chi phí mai táng/hưởng mai táng phí: đã tiếp nhận và giải quyết thông qua hình thức trực tuyến {{ egov.national.death.online }}/{{ egov.national.death.eligible }} hồ sơ được tiếp nhận, đạt tỷ lệ {{ egov.national.death.rate }}.
- *Kết quả số hóa hồ sơ:* Tổng số hồ sơ có số hóa đầy đủ thành phần hồ sơ là {{ egov.digitized_components }} hồ sơ tiếp nhận, đạt tỷ lệ {{ egov.digitized_components_rate }}; tổng số hồ sơ đã có số hóa kết quả giải quyết là {{ egov.digitized_results }} hồ sơ đã giải quyết, đạt tỷ lệ {{ egov.digitized_results_rate }}.
- *Kết quả thực hiện thanh toán trực tuyến qua Cổng Dịch vụ công quốc gia:* Từ đầu năm đến nay, đã thực hiện thanh toán trực tuyến phí, lệ phí cho công dân qua Cổng Dịch vụ công quốc gia được {{ egov.online_payments }} lượt với số tiền {{ egov.online_payment_amount }}."""

NARRATIVES_2023: dict[str, str] = {
    "direction": _DIRECTION,
    "procedures": _PROCEDURES,
    "apparatus": _APPARATUS,
    "civil_service": _CIVIL_SERVICE,
    "finance": _FINANCE,
    "egov": _EGOV,
}


def write_register(
    unit: Unit, period: Period, documents: list[dict[str, Any]], created: dict[str, int]
) -> int:
    """The unit's register for the period (written once: an existing register is left alone),
    then the period's plan tasks that name no plan are linked to the one marked
    `plan_of_tasks`. Returns the number of rows written."""
    if not documents:
        return 0
    n = 0
    up = {"unit": unit, "period": period}
    if not RegisteredDocument.objects.filter(**up).exists():
        rows = [
            RegisteredDocument(**up, **{k: v for k, v in d.items() if k != "plan_of_tasks"})
            for d in documents
        ]
        RegisteredDocument.objects.bulk_create(rows)
        created["RegisteredDocument"] += len(rows)
        n += len(rows)
    plan = next((d for d in documents if d.get("plan_of_tasks")), None)
    if plan is not None:
        target = RegisteredDocument.objects.filter(
            **up, number=plan["number"], symbol=plan["symbol"]
        ).first()
        if target is not None:
            n += PlanTask.objects.filter(**up, plan__isnull=True).update(plan=target)
    return n
