"""Forms of the report document pages: document settings, number/date, signing, verification."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from common.widgets import DateInput

from .models import DocumentSettings, Report

MAX_P12_BYTES = 256 * 1024


class DocumentSettingsForm(forms.ModelForm):
    class Meta:
        model = DocumentSettings
        fields = [
            "issuing_body",
            "place_name",
            "addressee",
            "basis",
            "recipients",
            "signer_title",
            "signer_name",
            "organisation_name",
        ]
        widgets = {
            "issuing_body": forms.Textarea(attrs={"rows": 2}),
            "basis": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "basis": _("Mỗi dòng một văn bản làm căn cứ; dòng cuối tự kết thúc bằng dấu «.»."),
            "addressee": _("Cơ quan nhận báo cáo, ví dụ «Phòng Nội vụ huyện Bình Sơn»."),
        }


class ReportNumberForm(forms.ModelForm):
    """The number and date given when the report is issued (blank in drafts)."""

    class Meta:
        model = Report
        fields = ["doc_number", "doc_symbol", "issued_on"]
        widgets = {"issued_on": DateInput()}
        help_texts = {
            "doc_number": _("Để trống cho đến khi văn bản được cấp số (số dưới 10 in «05»)."),
        }

    def clean_doc_symbol(self) -> str:
        symbol = (self.cleaned_data.get("doc_symbol") or "").strip().upper()
        if not symbol:
            return "BC-UBND"
        return symbol


class SignForm(forms.Form):
    certificate = forms.FileField(
        label=_("Tệp chứng thư số (.p12, .pfx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".p12,.pfx"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu chứng thư số"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("Mật khẩu chỉ dùng để ký lần này; cổng không lưu và không ghi nhật ký."),
    )

    def clean_certificate(self) -> UploadedFile:
        f = self.cleaned_data["certificate"]
        name = (f.name or "").lower()
        if not name.endswith((".p12", ".pfx")):
            raise forms.ValidationError(_("Hãy chọn tệp chứng thư số dạng .p12 hoặc .pfx."))
        if f.size > MAX_P12_BYTES:
            raise forms.ValidationError(_("Tệp chứng thư số quá lớn."))
        return f


class VerifyForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def clean_file(self) -> UploadedFile:
        f = self.cleaned_data["file"]
        if f.size > getattr(settings, "CCHC_MAX_UPLOAD_BYTES", 50 * 1024 * 1024):
            raise forms.ValidationError(_("Tệp quá lớn."))
        head = f.read(5)
        f.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("Tệp không phải PDF."))
        return f
