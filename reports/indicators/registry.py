"""The registry of indicators, filled by each app's indicators module."""

from __future__ import annotations

import threading

from django.utils.module_loading import autodiscover_modules

from .base import Indicator, Source

# Each feature app contributes the indicators of its records in its own `indicators.py`,
# found in every installed app (INSTALLED_APPS order), so the kernel names no feature app.
INDICATORS_MODULE = "indicators"


class Registry:
    def __init__(self) -> None:
        self._indicators: dict[str, Indicator] = {}
        self._sources: list[Source] = []
        self._source_of: dict[str, Source] = {}
        self._loaded = False
        self._lock = threading.RLock()

    def load(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if self._loaded:
                return
            autodiscover_modules(INDICATORS_MODULE)
            self._loaded = True

    def add(self, *indicators: Indicator) -> None:
        for ind in indicators:
            if ind.code in self._indicators:
                raise ValueError(f"indicator {ind.code} defined twice")
            self._indicators[ind.code] = ind

    def add_source(self, source: Source) -> None:
        self._sources.append(source)
        for code in source.codes:
            self._source_of[code] = source
        for code in source.drillable():
            self._source_of.setdefault(code, source)

    def get(self, code: str) -> Indicator:
        self.load()
        return self._indicators[code]

    def __contains__(self, code: str) -> bool:
        self.load()
        return code in self._indicators

    def all(self) -> list[Indicator]:
        self.load()
        return list(self._indicators.values())

    def codes(self) -> list[str]:
        self.load()
        return list(self._indicators)

    def sources(self) -> list[Source]:
        self.load()
        return list(self._sources)

    def source_for(self, code: str) -> Source | None:
        """The source that counts (or lists the records of) this code."""
        self.load()
        return self._source_of.get(code)

    def by_section(self) -> dict[str, list[Indicator]]:
        from .base import Section

        out: dict[str, list[Indicator]] = {s.value: [] for s in Section}
        for ind in self.all():
            out.setdefault(ind.section, []).append(ind)
        return out


registry = Registry()
