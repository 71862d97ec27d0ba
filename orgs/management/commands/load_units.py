"""Load official administrative units of one province from the optional `vietnam-provinces`
package (GPL-3.0, hence an optional extra: pip install -e '.[units]').

--era legacy loads the pre-1/7/2025 province → district → commune tree (valid to 30/06/2025);
--era current loads the two-tier tree valid from 01/07/2025 and links each legacy commune to the
new commune that absorbed it (successor).
"""

import datetime as dt
from types import ModuleType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from orgs.models import Level, Unit

REFORM_DAY = dt.date(2025, 7, 1)
LEGACY_END = dt.date(2025, 6, 30)


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính của một tỉnh từ gói vietnam-provinces."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", required=True, help="mã tỉnh, ví dụ 51")
        parser.add_argument("--era", choices=["legacy", "current"], default="current")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            import vietnam_provinces as vp
            from vietnam_provinces import legacy
        except ImportError:
            raise CommandError(
                _(
                    "Cần cài gói tuỳ chọn: pip install -e '.[units]' (vietnam-provinces, giấy phép GPL-3.0)."
                )
            ) from None
        code = int(opts["province"])
        with transaction.atomic():
            if opts["era"] == "legacy":
                n = self._load_legacy(legacy, code)
            else:
                n = self._load_current(vp, code)
        self.stdout.write(_("Đã nạp %(n)s đơn vị.") % {"n": n})

    def _upsert(
        self,
        code: str,
        name: str,
        level: str,
        parent: Unit | None,
        valid_from: dt.date | None,
        valid_to: dt.date | None,
    ) -> Unit:
        unit = Unit.objects.filter(code=code, valid_from=valid_from).first()
        if unit is None:
            unit = Unit(code=code, valid_from=valid_from)
        unit.name, unit.level, unit.parent, unit.valid_to = name, level, parent, valid_to
        unit.save()
        return unit

    def _load_legacy(self, legacy: ModuleType, code: int) -> int:
        prov = next((p for p in legacy.Province.iter_all() if int(p.code) == code), None)
        if prov is None:
            raise CommandError(
                _("Không có tỉnh mã %(code)s trong danh mục trước 2025.") % {"code": code}
            )
        p = self._upsert(f"{code:02d}", prov.name, Level.PROVINCE, None, None, LEGACY_END)
        n = 1
        for d in legacy.District.iter_all():
            if int(d.province_code) != code:
                continue
            du = self._upsert(f"{int(d.code):03d}", d.name, Level.DISTRICT, p, None, LEGACY_END)
            n += 1
            for w in legacy.Ward.iter_all():
                if int(w.district_code) == int(d.code):
                    self._upsert(f"{int(w.code):05d}", w.name, Level.COMMUNE, du, None, LEGACY_END)
                    n += 1
        return n

    def _load_current(self, vp: ModuleType, code: int) -> int:
        prov = next((p for p in vp.Province.iter_all() if int(p.code) == code), None)
        if prov is None:
            raise CommandError(
                _("Không có tỉnh mã %(code)s trong danh mục hiện hành.") % {"code": code}
            )
        p = self._upsert(f"{code:02d}", prov.name, Level.PROVINCE, None, REFORM_DAY, None)
        n = 1
        for w in vp.Ward.iter_by_province(prov.code):
            unit = self._upsert(f"{int(w.code):05d}", w.name, Level.COMMUNE, p, REFORM_DAY, None)
            n += 1
            for old in vp.Ward.get_legacy_sources(w):
                Unit.objects.filter(code=f"{int(old.code):05d}", valid_to=LEGACY_END).update(
                    successor=unit
                )
        return n
