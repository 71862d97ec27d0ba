"""The reviewer's pages follow the chosen language: the inbox, the confirmation and the sign
page's refusal read in English, with no Vietnamese interface text left."""

from __future__ import annotations

import re

import lxml.html
import pytest

from reports.models import Report, ReportState
from tests.factories import PASSWORD

from .conftest import local, move

pytestmark = pytest.mark.django_db

# Vietnamese letters that English text never has (unit names are removed before the check).
VIETNAMESE = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I
)


def english(client, username):
    client.login(username=username, password=PASSWORD)
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    return client


def main_text(response, *names):
    doc = lxml.html.fromstring(response.content.decode())
    text = " ".join(doc.xpath("//main")[0].text_content().split())
    for name in names:
        text = text.replace(name, "")
    return text


def test_the_inbox_reads_in_english(client, cast):
    move(cast, cast.commune_a, "submit", when=local(2023, 11, 10))
    r = english(client, "reviewer.d").get("/")
    text = main_text(r, "Xã Bình Phước", "Xã Bình Trị", "Huyện Bình Sơn")
    for phrase in ("Review inbox", "Awaiting review", "awaiting your review", "Not submitted"):
        assert phrase in text, phrase
    assert not VIETNAMESE.search(text), VIETNAMESE.findall(text)


def test_the_confirmation_and_the_sign_refusal_read_in_english(client, cast):
    r = english(client, "approver.a").get("/u/21073/2023/transition/submit/confirm/")
    text = main_text(r, "Xã Bình Phước")
    assert "Once submitted, this period's figures are locked" in text
    assert not VIETNAMESE.search(text), VIETNAMESE.findall(text)
    Report.objects.filter(unit=cast.commune_a).update(state=ReportState.ACCEPTED)
    r = client.get("/u/21073/2023/report/sign/")
    text = main_text(r, "Xã Bình Phước")
    assert "Cannot sign yet: the report has no document number and date of issue." in text
    assert not VIETNAMESE.search(text), VIETNAMESE.findall(text)
