"""Issue 11 point 6: a confirmation page states what a transition will do (and changes nothing),
the message after a transition names the NEW state, the sign page shows the document (number,
date, first page) and refuses without a number or a date of issue."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from reports.models import DocumentKind, RenderedDocument, Report, ReportState
from reports.services import report_get_or_create
from tests.factories import PASSWORD
from tests.helpers.sending import ready_to_send
from tests.helpers.signing import P12_PASSWORD, make_test_ca_and_p12

from .conftest import move

pytestmark = pytest.mark.django_db


def base(cast):
    return f"/u/{cast.commune_a.code}/{cast.period.code}/"


def text_of(response):
    return " ".join(lxml.html.fromstring(response.content.decode()).text_content().split())


def flashes(response):
    doc = lxml.html.fromstring(response.content.decode())
    return [" ".join(li.text_content().split()) for li in doc.xpath('//ul[@class="messages"]/li')]


def test_the_submit_confirmation_states_what_will_happen_and_changes_nothing(client, cast):
    client.login(username="approver.a", password=PASSWORD)
    workspace = client.get(base(cast)).content.decode()
    assert f'action="{base(cast)}transition/submit/confirm/"' in workspace
    r = client.get(base(cast) + "transition/submit/confirm/")
    assert r.status_code == 200
    text = text_of(r)
    assert "Sau khi gửi, số liệu kỳ này bị khóa" in text
    assert "Trạng thái: Đang soạn → Đã gửi" in text
    # The figures as last computed (the workspace computes them when it opens).
    assert "Lỗi số liệu:" in text or "Số liệu chưa được tính" in text
    # No number and date yet: the page warns that they cannot be added after submission.
    assert "Báo cáo chưa có số văn bản và ngày ban hành: sau khi gửi không bổ sung được nữa" in text
    assert Report.objects.get(unit=cast.commune_a).state == ReportState.DRAFT
    # Confirming is the POST to the transition: the message names the new state.
    ready_to_send(cast.commune_a, cast.period)  # a signer; warnings (figures not entered) explained
    r = client.post(base(cast) + "transition/submit/", follow=True)
    assert flashes(r) == ["Đã gửi báo cáo. Trạng thái mới: «Đã gửi» — số liệu kỳ này đã khóa."]
    assert Report.objects.get(unit=cast.commune_a).state == ReportState.SUBMITTED


def test_who_may_not_perform_the_transition_does_not_see_its_confirmation(client, cast):
    client.login(username="clerk.a", password=PASSWORD)
    assert client.get(base(cast) + "transition/submit/confirm/").status_code == 403
    client.login(username="reviewer.d", password=PASSWORD)
    assert client.get(base(cast) + "transition/submit/confirm/").status_code == 403
    assert client.get(base(cast) + "transition/nonsense/confirm/").status_code == 404
    client.login(username="clerk.b", password=PASSWORD)
    assert client.get(base(cast) + "transition/submit/confirm/").status_code == 404
    # Not allowed from the current state: back to the workspace with the reason.
    client.login(username="reviewer.d", password=PASSWORD)
    r = client.get(base(cast) + "transition/accept/confirm/", follow=True)
    assert flashes(r) == ["Không thể «Tiếp nhận» khi báo cáo đang ở trạng thái «Đang soạn»."]


def test_return_and_accept_confirmations_and_their_messages(client, cast):
    move(cast, cast.commune_a, "submit")
    client.login(username="reviewer.d", password=PASSWORD)
    r = client.get(base(cast) + "transition/return/confirm/")
    text = text_of(r)
    assert "Báo cáo được trả lại cho đơn vị kèm lý do bạn ghi dưới đây" in text
    assert "Trạng thái: Đã gửi → Bị trả lại" in text
    assert 'name="comment"' in r.content.decode()
    r = client.post(base(cast) + "transition/return/", {"comment": ""}, follow=True)
    assert flashes(r) == [
        "Cần ghi rõ lý do khi trả lại báo cáo: viết ý kiến trong ô lý do, hoặc góp ý vào báo "
        "cáo, một mục hay một chỉ tiêu trước khi trả lại."
    ]
    r = client.post(base(cast) + "transition/return/", {"comment": "Thiếu số liệu"}, follow=True)
    assert flashes(r) == ["Đã trả lại báo cáo cho đơn vị. Trạng thái mới: «Bị trả lại»."]
    move(cast, cast.commune_a, "submit")
    text = text_of(client.get(base(cast) + "transition/accept/confirm/"))
    assert "Sau khi tiếp nhận, báo cáo không trả lại được nữa" in text
    assert (
        "Báo cáo chưa có số văn bản và ngày ban hành: sau khi tiếp nhận, đơn vị không ký số" in text
    )
    r = client.post(base(cast) + "transition/accept/", follow=True)
    assert flashes(r) == ["Đã tiếp nhận báo cáo. Trạng thái mới: «Đã tiếp nhận»."]


def test_the_sign_confirmation_goes_to_the_sign_page(client, cast):
    Report.objects.create(unit=cast.commune_a, period=cast.period, state=ReportState.ACCEPTED)
    client.login(username="approver.a", password=PASSWORD)
    r = client.get(base(cast) + "transition/sign/confirm/")
    assert r.status_code == 302 and r["Location"] == base(cast) + "report/sign/"


@pytest.mark.parametrize(
    ("number", "issued", "what"),
    [
        (None, None, "số văn bản và ngày ban hành"),
        (5, None, "ngày ban hành"),
        (None, dt.date(2023, 11, 10), "số văn bản"),
    ],
)
def test_signing_is_refused_without_number_or_date(client, cast, number, issued, what):
    report = Report.objects.create(
        unit=cast.commune_a,
        period=cast.period,
        state=ReportState.ACCEPTED,
        doc_number=number,
        issued_on=issued,
    )
    client.login(username="approver.a", password=PASSWORD)
    sign = base(cast) + "report/sign/"
    page = text_of(client.get(sign))
    assert f"Chưa ký số được: báo cáo chưa có {what}." in page
    assert 'name="certificate"' not in client.get(sign).content.decode()
    _ca, p12 = make_test_ca_and_p12()
    r = client.post(
        sign,
        {
            "certificate": SimpleUploadedFile("chu-ky.p12", p12, "application/x-pkcs12"),
            "password": P12_PASSWORD,
        },
    )
    assert r.status_code == 400
    assert f"Chưa ký số được: báo cáo chưa có {what}." in text_of(r)
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    assert not RenderedDocument.objects.exists()
    # The signing service refuses too, whoever calls it.
    from reports.signing import Pkcs12Signer, sign_report

    with pytest.raises(ValidationError, match="Chưa ký số được"):
        sign_report(report=report, signer=Pkcs12Signer(p12, P12_PASSWORD), by=cast.approver_a)
    assert not RenderedDocument.objects.exists()


def test_the_sign_page_shows_number_date_and_the_first_page(client, cast):
    from tests.helpers.documents import load_seed_commune

    load_seed_commune(cast)
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    Report.objects.filter(pk=report.pk).update(
        state=ReportState.ACCEPTED, doc_number=5, issued_on=dt.date(2023, 11, 10)
    )
    client.login(username="approver.a", password=PASSWORD)
    r = client.get(base(cast) + "report/sign/")
    doc = lxml.html.fromstring(r.content.decode())
    facts = [" ".join(e.text_content().split()) for e in doc.xpath('//*[@id="document-facts"]/*')]
    assert facts == ["Số văn bản", "05/BC-UBND", "Ngày ban hành", "10/11/2023"]
    assert "Sau khi ký số, bản PDF chính thức mang chữ ký số của bạn" in text_of(r)
    src = doc.xpath('//img[@id="first-page"]/@src')[0]
    assert src == base(cast) + "report/sign/page-1.png"
    image = client.get(src)
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(image.content[16:20], "big")
    height = int.from_bytes(image.content[20:24], "big")
    assert abs(height / width - 297 / 210) < 0.01  # an A4 page
    # The image is the final document's first page: the one the signature goes on.
    assert RenderedDocument.objects.filter(report=report, kind=DocumentKind.FINAL).count() == 1
    # The reviewer may not fetch it; a draft has no final document.
    client.login(username="reviewer.d", password=PASSWORD)
    assert client.get(src).status_code == 403
    Report.objects.filter(pk=report.pk).update(state=ReportState.DRAFT)
    client.login(username="approver.a", password=PASSWORD)
    assert client.get(src).status_code == 404


def test_the_submit_confirmation_counts_errors_and_unexplained_warnings(client, cast):
    from django.utils import timezone

    from reports.models import IndicatorSnapshot, WarningExplanation

    IndicatorSnapshot.objects.update_or_create(
        unit=cast.commune_a,
        period=cast.period,
        defaults=dict(
            values={},
            validation=[
                {"rule": "x.err", "severity": "error", "message": "e", "codes": []},
                {"rule": "yoy.a", "severity": "warning", "message": "a", "codes": []},
                {"rule": "yoy.b", "severity": "warning", "message": "b", "codes": []},
            ],
            computed_at=timezone.now(),
        ),
    )
    WarningExplanation.objects.create(
        unit=cast.commune_a, period=cast.period, rule="yoy.a", text="Do sáp nhập."
    )
    client.login(username="approver.a", password=PASSWORD)
    text = text_of(client.get(base(cast) + "transition/submit/confirm/"))
    assert "Lỗi số liệu: 1 — phải sửa trước khi gửi" in text
    assert "Cảnh báo đã giải trình: 1/2 — phải giải trình trước khi gửi" in text
