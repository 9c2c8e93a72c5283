"""What a check found: :class:`Problem`, :class:`Report` and the loaders' error.

A leaf module (it imports nothing from jxplan), so that the schema checks
(:mod:`jxplan.schema`), the loaders (:mod:`jxplan.io`), the geometry checks
(:mod:`jxplan.geo`) and the validator (:mod:`jxplan.validate`) can all speak
of problems without importing each other.

Examples
--------
>>> print(Problem("plans.csv", 3, "period_end", "period ends before it starts"))
error: plans.csv, line 3, column period_end: period ends before it starts
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Problem", "Report", "DataValidationError"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file.

    ``line`` is the line number in the file (the header is line 1); 0 means
    the problem concerns the whole file or column.  ``severity`` is
    ``error``, ``warning`` or ``info``.
    """

    file: str
    line: int
    column: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        where += f", column {self.column}" if self.column else ""
        return f"{self.severity}: {where}: {self.message}"


@dataclass
class Report:
    """The problems found in a data folder."""

    problems: list[Problem] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems of severity ``error``."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems of severity ``warning``."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"checked {len(self.checked)} files: {len(self.errors)} errors, "
                     f"{len(self.warnings)} warnings")
        return "\n".join(lines)


class DataValidationError(ValueError):
    """Raised by a loader when a file breaks its schema; ``problems`` lists why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n{shown}{more}")
