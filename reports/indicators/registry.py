"""The registry of indicators, filled by each app's indicators.py."""

from __future__ import annotations

import importlib
import threading

from .base import Indicator, Source

APPS_WITH_INDICATORS = ("tthc", "staff", "finance", "reports")


class Registry:
    def __init__(self) -> None:
        self._indicators: dict[str, Indicator] = {}
        self._sources: list[Source] = []
        self._loaded = False
        self._lock = threading.Lock()

    def load(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if self._loaded:
                return
            for app in APPS_WITH_INDICATORS:
                try:
                    importlib.import_module(f"{app}.indicators")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.indicators":
                        raise
            self._loaded = True

    def add(self, *indicators: Indicator) -> None:
        for ind in indicators:
            if ind.code in self._indicators:
                raise ValueError(f"indicator {ind.code} defined twice")
            self._indicators[ind.code] = ind

    def add_source(self, source: Source) -> None:
        self._sources.append(source)

    def get(self, code: str) -> Indicator:
        self.load()
        return self._indicators[code]

    def __contains__(self, code: str) -> bool:
        self.load()
        return code in self._indicators

    def all(self) -> list[Indicator]:
        self.load()
        return list(self._indicators.values())

    def sources(self) -> list[Source]:
        self.load()
        return list(self._sources)


registry = Registry()
